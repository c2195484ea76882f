"""Heading ids of a rendered page made safe: none is the theme's (`__config`) or another element's id.

Why after rendering, and not in the page Markdown: a heading's id comes from the site's own `toc`
extension, slugified by whatever `slugify` the site configures (`__config` stays `__config` with the
default), and a stock Material site need not enable `attr_list`, so the page Markdown cannot choose
its ids. The rendered HTML is the one place where every id is final, whatever the site's config, so
the plugin passes each generated page's HTML through `safe_heading_ids` (in on_page_content).

Only headings get ids from roadmap text: everything else the page holds is escaped, bodies are
sanitised (nh3 keeps no `id`) and reach the page as raw HTML, which `toc` never slugifies; the ids of
the plugin's own elements (`chart-<year>-...`) are built from slugs.
"""

from __future__ import annotations

import re

from ..model.reserved import THEME_ID_PREFIX

# Python-Markdown and the templates write attributes in double quotes and escape `<` in text and JSON.
_HEADING = re.compile(r"<(h[1-6])(\s[^>]*)?>(.*?)</\1>", re.DOTALL | re.IGNORECASE)
_OTHER_ID = re.compile(r'<(?!h[1-6][\s>])[a-zA-Z][^>]*?(?<=\s)id="([^"]*)"', re.IGNORECASE)
_ID = re.compile(r'(?<=\s)id="([^"]*)"')


def safe_heading_ids(html: str) -> tuple[str, dict[str, str]]:
    """Rename the heading ids that start with `__` or repeat a non-heading element's id.

    Returns the new HTML and each renamed id's new name (its permalink follows; the caller renames
    it in the page's table of contents). A new id drops the leading underscores and, when taken,
    gets `_1`, `_2`, ... like the toc extension's own duplicates.
    """
    others = {m.group(1) for m in _OTHER_ID.finditer(html)}
    headings = [(m, _ID.search(m.group(2) or "")) for m in _HEADING.finditer(html)]
    taken = others | {found.group(1) for _, found in headings if found}
    renamed: dict[str, str] = {}
    for _, found in headings:
        if found and (found.group(1).startswith(THEME_ID_PREFIX) or found.group(1) in others):
            renamed[found.group(1)] = _fresh(found.group(1), taken)
            taken.add(renamed[found.group(1)])
    if not renamed:
        return html, renamed
    return _HEADING.sub(lambda m: _rename(m, renamed), html), renamed


def _fresh(old: str, taken: set[str]) -> str:
    base = old.lstrip("_") or "section"
    candidate, n = base, 0
    while candidate in taken:
        n += 1
        candidate = f"{base}_{n}"
    return candidate


def _rename(heading: re.Match[str], renamed: dict[str, str]) -> str:
    tag, attrs, inner = heading.group(1), heading.group(2) or "", heading.group(3)
    found = _ID.search(attrs)
    if found is None or found.group(1) not in renamed:
        return heading.group(0)
    old, new = found.group(1), renamed[found.group(1)]
    attrs = attrs[: found.start()] + f'id="{new}"' + attrs[found.end() :]
    inner = inner.replace(f'href="#{old}"', f'href="#{new}"')
    return f"<{tag}{attrs}>{inner}</{tag}>"
