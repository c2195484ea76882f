"""Names the site keeps for itself: ids that would replace a generated page, and the theme's element ids."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

RESERVED_IDS: Final[Mapping[str, str]] = MappingProxyType({"index": "the overview page of its folder"})
"""Ids no goal, milestone, key action or department may take, each with the page it would replace.

Item pages sit beside fixed pages (`<year>/departments/index.md` is the Departments overview), so an
item named like a fixed page would silently replace it; tests/test_reserved_ids.py holds that every
fixed page in a folder of item pages (rendering/page_paths.py) is named here.
"""

THEME_ID_PREFIX: Final = "__"
"""How Material for MkDocs starts the ids of its own elements, which its scripts look up by id.

`__config` (its configuration, read as JSON), `__drawer`, `__search`, `__toc`, `__settings`,
`__consent`, `__analytics`, `__palette_<n>`, `__nav_<n>[_label]`, and in content `__tabbed_*`,
`__code_<n>` and `__codelineno-*`. A page element with such an id would be found first and break
the theme's scripts, so no id the plugin generates or derives from the roadmap starts with it.
"""
