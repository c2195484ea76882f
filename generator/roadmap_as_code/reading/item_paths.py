"""Where each kind of item file lives under the roadmap folder, read back from a path alone.

The history (a path in a commit) and the diff (a path whose file did not load) both need to know what an item
file is without reading it: `2026/goals/<id>.md`, `2026/milestones/<goal>/<id>.md`, `2026/actions/<dept>/<id>.md`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ITEM = re.compile(r"(\d{4})/(?:goals/([^/]+)|(milestones|actions)/([^/]+)/([^/]+))\.md")


class ItemPlace(NamedTuple):
    """What an item file's path says: its year, its folder, the goal or department ('' for a goal), its id."""

    year: int
    folder: str  # 'goals', 'milestones' or 'actions'
    container: str
    id: str


def item_place(path: str) -> ItemPlace | None:
    """The place of an item file, from its path under the roadmap folder; None for any other file."""
    found = _ITEM.fullmatch(path)
    if not found:
        return None
    year, goal, folder, container, ident = found.groups()
    return ItemPlace(int(year), "goals", "", goal) if goal else ItemPlace(int(year), folder, container, ident)
