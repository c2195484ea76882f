"""An existing docs site adopts the roadmap under `prefix: roadmap` (tests/fixtures/existing-site): its own
home page stays the home page, its nav is kept and gains one Roadmap section (none when it names the
roadmap), and Material's blog, tags and search keep working. A real collision still fails the build."""

from __future__ import annotations

import html
import json
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.helpers import AS_OF, EXISTING_GOAL_TITLE, build_apart, build_existing_site, existing_site_config

pytestmark = pytest.mark.site

OWN_NAV = ["Home", "About us", {"Blog": ["Blog", {"Archive": ["2026"]}]}, "Tags"]
DASHBOARD = "Example Ltd roadmap 2026"
# The nav shows the label its entry gives a generated page (escaped by the plugin); <title> the page's own title.
ROADMAP = [
    "Dashboard",
    "Timeline",
    {"Quarterly reviews": [f"Q{q} 2026" for q in range(1, 5)]},
    "Departments",
    "Owners",
]
POST = "Planning in the open"
FIXTURE_NAV = [{"Home": "index.md"}, {"About us": "about.md"}, {"Blog": ["blog/index.md"]}, {"Tags": "tags.md"}]


@dataclass
class _Entry:
    title: str | None = None
    children: list[_Entry] = field(default_factory=list)


class _NavTree(HTMLParser):
    """Material's primary navigation as a tree of titles, the page's own table of contents left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Entry()
        self._items: list[_Entry | None] = []  # one per open <li>: None when it is not a nav entry
        self._navs: list[str] = []  # one per open <nav>: primary, toc or nested
        self._reading: _Entry | None = None  # the entry whose link text is being read

    def _in_nav(self) -> bool:
        return "primary" in self._navs and "toc" not in self._navs

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "nav":
            self._navs.append("primary" if "md-nav--primary" in classes else "toc" * ("md-nav--secondary" in classes))
        elif tag == "li":
            entry = _Entry() if self._in_nav() and "md-nav__item" in classes else None
            if entry is not None:
                parent = next((item for item in reversed(self._items) if item is not None), self.root)
                parent.children.append(entry)
            self._items.append(entry)
        elif tag in {"a", "label"} and "md-nav__link" in classes and self._items and self._in_nav():
            current = self._items[-1]
            if current is not None and current.title is None:
                current.title, self._reading = "", current

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._navs:
            self._navs.pop()
        elif tag == "li" and self._items:
            self._items.pop()
        elif tag in {"a", "label"}:
            self._reading = None

    def handle_data(self, data: str) -> None:
        if self._reading is not None:
            self._reading.title = f"{self._reading.title} {data}"


def _outline(entries: list[_Entry]) -> list[Any]:
    """Entries as nav: a page by its title, a section as {title: its entries}."""
    out: list[Any] = []
    for entry in entries:
        title = " ".join((entry.title or "").split())
        out.append({title: _outline(entry.children)} if entry.children else title)
    return out


def nav_of(page: Path) -> list[Any]:
    parser = _NavTree()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return _outline(parser.root.children)


def test_the_sites_own_index_stays_the_home_page(existing_site: Path) -> None:
    home = (existing_site / "index.html").read_text(encoding="utf-8")
    assert "Welcome to Example Ltd" in home and DASHBOARD not in home.split('class="md-content"')[1]
    assert not (existing_site / "2026").exists() and not (existing_site / "roadmap.json").exists()


def test_every_roadmap_page_and_download_is_under_the_prefix(existing_site: Path) -> None:
    roadmap = existing_site / "roadmap"
    assert html.escape(DASHBOARD) in (roadmap / "index.html").read_text(encoding="utf-8")
    goal = (roadmap / "2026" / "goals" / "grow-revenue" / "index.html").read_text(encoding="utf-8")
    assert html.escape(EXISTING_GOAL_TITLE) in goal and EXISTING_GOAL_TITLE not in goal
    data = json.loads((roadmap / "roadmap.json").read_text(encoding="utf-8"))
    assert (data["organisation"], data["as_of"]) == ("Example Ltd", AS_OF.isoformat())
    assert (roadmap / "roadmap.ics").is_file() and (roadmap / "roadmap.csv").is_file()


def test_the_explicit_nav_is_kept_and_gains_one_roadmap_section(existing_site: Path) -> None:
    for page in ("index.html", "about/index.html", "roadmap/index.html", "roadmap/2026/goals/grow-revenue/index.html"):
        assert nav_of(existing_site / page) == [*OWN_NAV, {"Roadmap": ROADMAP}], page


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [value for name, value in attrs if name in {"href", "src"} and value]


def _broken_links(site: Path, page: Path) -> list[str]:
    """Each relative href or src of a built page that names no built file."""
    parser = _Hrefs()
    parser.feed(page.read_text(encoding="utf-8"))
    broken = []
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        target = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), parts.path))
        found = site / target
        if target.startswith("..") or not (found / "index.html" if found.is_dir() else found).is_file():
            broken.append(href)
    return broken


def test_every_relative_link_of_a_roadmap_page_resolves(existing_site: Path) -> None:
    """Links between roadmap pages, to downloads, to the theme's assets and to the site's own pages all resolve."""
    pages = sorted((existing_site / "roadmap").rglob("*.html"))
    assert len(pages) > 10
    broken = {p.relative_to(existing_site).as_posix(): _broken_links(existing_site, p) for p in pages}
    assert {page: hrefs for page, hrefs in broken.items() if hrefs} == {}
    dashboard = (existing_site / "roadmap" / "index.html").read_text(encoding="utf-8")
    assert 'href="roadmap.json"' in dashboard and 'href="2026/goals/grow-revenue/"' in dashboard
    assert 'href="roadmap/"' in (existing_site / "index.html").read_text(encoding="utf-8")  # own page to the roadmap


def test_the_blog_post_and_the_tags_index_list_the_post(existing_site: Path) -> None:
    [post] = (existing_site / "blog").glob("2026/*/*/planning-in-the-open/index.html")
    assert POST in post.read_text(encoding="utf-8")
    assert POST in (existing_site / "blog" / "index.html").read_text(encoding="utf-8")
    tags = (existing_site / "tags" / "index.html").read_text(encoding="utf-8")
    assert "planning" in tags and POST in tags and "blog/2026/10/01/planning-in-the-open/" in tags


def test_search_indexes_own_pages_the_post_and_roadmap_pages_with_escaped_titles(existing_site: Path) -> None:
    docs = json.loads((existing_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    titles = {entry["location"]: entry["title"] for entry in docs if "#" not in entry["location"]}
    assert titles[""] == "Welcome to Example Ltd" and titles["about/"] == "About us"
    assert titles["blog/2026/10/01/planning-in-the-open/"] == POST
    assert titles["roadmap/"] == DASHBOARD and "roadmap/2026/timeline/" in titles
    goal = titles["roadmap/2026/goals/grow-revenue/"]
    assert "<" not in goal and html.unescape(goal) == EXISTING_GOAL_TITLE


def test_an_explicit_nav_that_names_the_roadmap_gets_no_section(tmp_path: Path) -> None:
    nav = [*FIXTURE_NAV, {"Our plans": "roadmap/index.md"}]
    site = build_existing_site(tmp_path, nav, keep_nav=False)
    assert nav_of(site / "roadmap" / "index.html") == [*OWN_NAV, "Our plans"]  # the site's own label is kept


def test_no_nav_keeps_mkdocs_automatic_nav_of_own_pages_and_adds_the_roadmap_after(tmp_path: Path) -> None:
    """Material's blog has taken its posts out of the nav before the plugin reads it, as MkDocs itself would."""
    site = build_existing_site(tmp_path, keep_nav=False)
    own = ["Welcome to Example Ltd", "About us", "Tags", {"Blog": ["Blog", {"Archive": ["2026"]}]}]
    assert nav_of(site / "index.html") == [*own, {"Roadmap": ROADMAP}]


def test_nav_title_names_the_roadmap_section(tmp_path: Path) -> None:
    config = existing_site_config(tmp_path)
    text = config.read_text(encoding="utf-8").replace("prefix: roadmap", "prefix: roadmap\n      nav_title: Plans")
    config.write_text(text, encoding="utf-8")
    assert build_apart(config, tmp_path / "site").returncode == 0
    assert nav_of(tmp_path / "site" / "index.html") == [*OWN_NAV, {"Plans": ROADMAP}]


@pytest.mark.parametrize(
    ("own", "message"),
    [
        ("roadmap/index.md", "roadmap: docs/roadmap/index.md collides with a generated page; rename or remove it"),
        (
            "roadmap.md",
            "roadmap: docs/roadmap.md is published at roadmap/index.html, where the generated page roadmap/index.md "
            "goes; rename or remove it, or choose another prefix",
        ),
        ("roadmap/roadmap.json", "roadmap: docs/roadmap/roadmap.json collides with a generated download"),
    ],
)
def test_a_page_of_the_sites_own_where_a_generated_one_goes_fails_the_build(
    tmp_path: Path, own: str, message: str
) -> None:
    config = existing_site_config(tmp_path)
    (tmp_path / "docs" / own).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / own).write_text("# Ours\n", encoding="utf-8")
    result = build_apart(config, tmp_path / "site")
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
