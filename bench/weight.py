"""What each type of page weighs: its HTML and its first visit (the page and every file it loads), raw and gzipped.

A first visit, as a browser with an empty cache makes it: the page; the stylesheets, scripts and icons it names;
what Material fetches once loaded (its search worker and index, the sitemap for instant navigation); and plotly.js,
which roadmap.js loads on pages with a chart. tests/site/browser/test_page_weight.py measures the dashboard's in
Chromium; this counts every page type without a browser.
"""

from __future__ import annotations

import gzip
import json
import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from roadmap_as_code.edges.plugin.assets import PLOTLY_JS, SCRIPT
from roadmap_as_code.rendering.page_paths import Paths

TARGET_KB = 600  # a chart page's first visit, gzipped
GZIP_LEVEL = 6  # zlib's default, what web servers typically send
SEARCH_INDEX = "search/search_index.json"
SITEMAP = "sitemap.xml"
LINKED = {"stylesheet", "icon", "shortcut icon", "preload", "modulepreload"}


def gzipped(data: bytes) -> int:
    """The size of data as a server's gzip would send it."""
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


class _Loads(HTMLParser):
    """The URLs a page names for the browser to load, Material's config, and whether it holds a chart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.config = ""
        self.charts = False
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {key: value or "" for key, value in attrs}
        if tag == "link" and named.get("rel") in LINKED and named.get("href"):
            self.urls.append(named["href"])
        elif tag in {"script", "img"} and named.get("src"):
            self.urls.append(named["src"])
        self._in_config = tag == "script" and named.get("id") == "__config"
        self.charts |= tag == "div" and "roadmap-chart" in named.get("class", "").split()

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False


def _local(site: Path, page: Path, url: str) -> Path | None:
    """The built file a URL of the page names, or None for another site's."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    folder = page.parent.relative_to(site).as_posix()
    path = posixpath.normpath(posixpath.join(folder, parts.path))
    return site / path if not path.startswith("..") else None


def first_visit(site: Path, page: Path) -> list[Path]:
    """Every file of the site a first visit of page loads, the page first."""
    loads = _Loads()
    loads.feed(page.read_text(encoding="utf-8"))
    files = [page, *filter(None, (_local(site, page, url) for url in loads.urls))]
    config = json.loads(loads.config) if loads.config else {}
    base = Path(posixpath.normpath((page.parent / config.get("base", ".")).as_posix()))
    if config.get("search"):
        files += [base / config["search"], base / SEARCH_INDEX]
    if "navigation.instant" in config.get("features", []):
        files.append(base / SITEMAP)
    if loads.charts and site / SCRIPT in files:
        files.append(site / PLOTLY_JS)
    return list(dict.fromkeys(file for file in files if file.is_file()))


@dataclass(frozen=True)
class Weight:
    """A page's HTML and its first visit, raw and gzipped, in bytes."""

    page: Path
    html: int
    html_gz: int
    visit: int
    visit_gz: int
    plotly: bool


def weigh(site: Path, page: Path) -> Weight:
    files = first_visit(site, page)
    contents = [file.read_bytes() for file in files]
    return Weight(
        page=page,
        html=len(contents[0]),
        html_gz=gzipped(contents[0]),
        visit=sum(len(content) for content in contents),
        visit_gz=sum(gzipped(content) for content in contents),
        plotly=site / PLOTLY_JS in files,
    )


def page_types(site: Path, year: int) -> dict[str, list[Path]]:
    """The built pages of each type for one year, by the plugin's own paths ("*" for an item's id)."""
    paths = Paths(year)
    sources = {
        "dashboard": [paths.dashboard(year)],
        "goal": [paths.goal(year, "*")],
        "milestone": [paths.milestone(year, "*")],
        "timeline": [paths.timeline(year)],
        "quarter": [paths.quarter(year, quarter) for quarter in range(1, 5)],
        "department": [paths.department(year, "*")],
        "guide (no chart)": ["guide/*.md"],
    }
    return {kind: sorted(page for glob in globs for page in site.glob(_built(glob))) for kind, globs in sources.items()}


def _built(source: str) -> str:
    """Where MkDocs writes a page with directory URLs: x.md -> x/index.html, index.md -> index.html."""
    stem = source.removesuffix(".md")
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def _kb(size: float) -> str:
    return f"{size / 1000:,.1f}"


def weight_report(site: Path, year: int) -> list[str]:
    """One line per page type: pages, its heaviest page's HTML and first visit, raw and gzipped, in KB."""
    head = f"{'page type':<18}{'pages':>6}  {'HTML':>8} {'gz':>7}  {'first visit':>11} {'gz':>7}  plotly  heaviest"
    lines = [
        f"bytes per page type, {year} (KB = 1,000 bytes; gzip level {GZIP_LEVEL}; the heaviest page of each)",
        head,
    ]
    worst = 0
    for kind, pages in page_types(site, year).items():
        if not pages:
            continue
        weight = max((weigh(site, page) for page in pages), key=lambda weight: weight.visit_gz)
        worst = max(worst, weight.visit_gz if weight.plotly else 0)
        lines.append(
            f"{kind:<18}{len(pages):>6}  {_kb(weight.html):>8} {_kb(weight.html_gz):>7}  {_kb(weight.visit):>11} "
            f"{_kb(weight.visit_gz):>7}  {'yes' if weight.plotly else 'no':<6}  {weight.page.relative_to(site)}"
        )
    verdict = "met" if worst <= TARGET_KB * 1000 else "MISSED"
    lines.append(f"heaviest first visit of a chart page: {_kb(worst)} KB gzipped; target <= {TARGET_KB} KB: {verdict}")
    return lines
