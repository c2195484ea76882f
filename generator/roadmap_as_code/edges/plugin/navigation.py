"""Where the roadmap goes in the site's navigation: the site's own nav is kept, the roadmap adds at most a section.

- an explicit `nav:` that names the roadmap's home page: nothing is added;
- an explicit `nav:` that does not: one section holding the roadmap's small nav is appended;
- no `nav:`: MkDocs' automatic nav of the site's own pages, with the roadmap's entries first (no prefix)
  or one section after them (a prefix), and the `guide` pages as one section in the order listed.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from typing import Any, cast

from mkdocs.structure.files import Files, InclusionLevel, file_sort_key
from mkdocs.structure.nav import Navigation, Section
from mkdocs.utils import nest_paths

from ...rendering.page_paths import under


def names_page(nav: Any, path: str) -> bool:
    """Whether a `nav:` lists the page at `path` anywhere, as a bare path or a titled entry at any depth."""
    if isinstance(nav, str):
        return posixpath.normpath(nav) == path
    if isinstance(nav, dict):
        return any(names_page(value, path) for value in nav.values())
    if isinstance(nav, list):
        return any(names_page(item, path) for item in nav)
    return False


def own_pages(files: Files) -> list[str]:
    """The site's own pages MkDocs' automatic nav would list, in its order (generated pages are not in nav)."""
    pages = sorted(files.documentation_pages(inclusion=InclusionLevel.is_in_nav), key=file_sort_key)
    return [file.src_uri for file in pages]


def with_roadmap(
    nav: list[Any] | None, own: Sequence[str], roadmap: list[Any], prefix: str, title: str, guide: Sequence[str]
) -> list[Any] | None:
    """The site's nav with the roadmap in it, or None when the site's explicit nav already names its home."""
    if nav is not None:
        if names_page(nav, under(prefix, "index.md")):
            return None
        return [*nav, {title: roadmap}]
    guide_section = [{"Guide": list(guide)}] if guide else []
    listed = set(guide)
    inside = [p for p in own if prefix and p.startswith(f"{prefix}/") and p not in listed]
    rest: list[Any] = nest_paths(p for p in own if p not in listed and p not in inside)
    if not prefix:
        return roadmap + guide_section + rest
    # The site's own pages inside the prefix folder join the roadmap's section instead of making a second one.
    return rest + guide_section + [{title: roadmap + inside}]


def place_pages(nav: Navigation, files: Files, parents: Mapping[str, str]) -> None:
    """Give each page the nav leaves out the page that stands for it (a milestone its goal, a goal its year's
    dashboard): while it is shown, the theme marks that page's entry and its sections active."""
    listed = {id(page) for page in nav.pages}
    for path, parent_path in parents.items():
        child, parent = files.get_file_from_path(path), files.get_file_from_path(parent_path)
        if child is None or parent is None or child.page is None or parent.page is None or id(child.page) in listed:
            continue
        # A page, not a Section: themes read a parent's title, url, active and ancestors, which both have.
        child.page.parent = cast(Section, parent.page)


def keep_home(nav: Navigation) -> None:
    """Keep the site's root index.md its home page when the nav puts it in a section (a year's Dashboard).

    MkDocs only counts a top-level page, and with no home page themes link their logo to '' (the current
    folder): a folder listing in the offline preview, where URLs name files.
    """
    if nav.homepage is None:
        nav.homepage = next((page for page in nav.pages if page.file.src_uri == "index.md"), None)
