"""The example's site as MkDocs builds it (strict, once per session): pages, edit links, nav, size, reproducibility."""

from __future__ import annotations

import gzip
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from roadmap_as_code.edges.plugin.assets import PLOTLY_JS
from roadmap_as_code.edges.plugin.site_build import build_site
from tests.helpers import AS_OF, REPO

pytestmark = pytest.mark.site

ROADMAP = REPO / "roadmap"
EDIT = "https://github.com/example/roadmap-as-code/edit/main/"
DASHBOARD_BUDGET = 60 * 1024


class _Page(HTMLParser):
    """What the tests read from one built page: edit-link hrefs, primary-nav items, inline chart JSON."""

    def __init__(self) -> None:
        super().__init__()
        self.edit_links: list[str] = []
        self.nav_items = 0  # site navigation entries in the primary sidebar (not the page's own table of contents)
        self.chart_json = 0
        self._primary = 0  # depth of <nav> elements inside the primary sidebar
        self._toc_at = 0  # depth at which a nested table-of-contents <nav> opened
        self._in_chart_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "a" and "md-content__button" in classes and a.get("rel") == "edit":
            self.edit_links.append(a.get("href") or "")
        if tag == "nav":
            if self._primary:
                self._primary += 1
                if "md-nav--secondary" in classes and not self._toc_at:
                    self._toc_at = self._primary
            elif "md-nav--primary" in classes:
                self._primary = 1
        if tag == "li" and self._primary and not self._toc_at and "md-nav__item" in classes:
            self.nav_items += 1
        self._in_chart_json = tag == "script" and a.get("type") == "application/json"

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._primary:
            if self._toc_at == self._primary:
                self._toc_at = 0
            self._primary -= 1
        if tag == "script":
            self._in_chart_json = False

    def handle_data(self, data: str) -> None:
        if self._in_chart_json:
            self.chart_json += len(data.encode("utf-8"))


def read(site: Path, page: str) -> _Page:
    parser = _Page()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser


def goal_ids() -> list[str]:
    return sorted(p.stem for p in (ROADMAP / "2026" / "goals").glob("*.md"))


def milestone_files() -> list[Path]:
    return sorted((ROADMAP / "2026" / "milestones").glob("*/*.md"))


def test_strict_build_of_the_example_passes(example_site: Path) -> None:
    """The fixture runs `mkdocs build --strict` (any warning fails it); mkdocs.yml keeps strict on as well."""
    assert (example_site / "index.html").is_file()
    assert re.search(r"^strict: true$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M)


def test_every_expected_page_is_built(example_site: Path) -> None:
    expected = [
        "index.html",
        "2025/index.html",
        "archive/index.html",
        "2026/timeline/index.html",
        "2026/owners/index.html",
        "2026/departments/index.html",
        "404.html",
        "sitemap.xml",
    ]
    expected += [f"2026/goals/{g}/index.html" for g in goal_ids()]
    expected += [f"2026/milestones/{m.stem}/index.html" for m in milestone_files()]
    expected += [f"2026/quarters/q{q}/index.html" for q in range(1, 5)]
    expected += [f"2026/departments/{d.name}/index.html" for d in sorted((ROADMAP / "2026" / "actions").iterdir())]
    expected += [f"guide/{p.stem}/index.html" for p in sorted((REPO / "docs" / "guide").glob("*.md"))]
    missing = [page for page in expected if not (example_site / page).is_file()]
    assert not missing
    assert len(goal_ids()) == 3 and len(milestone_files()) == 13


def test_every_item_page_has_an_edit_link_to_its_own_source_file(example_site: Path) -> None:
    for goal_id in goal_ids():
        assert read(example_site, f"2026/goals/{goal_id}/index.html").edit_links == [
            f"{EDIT}roadmap/2026/goals/{goal_id}.md"
        ]
    for path in milestone_files():
        source = path.relative_to(REPO).as_posix()  # roadmap/2026/milestones/<goal>/<id>.md
        assert read(example_site, f"2026/milestones/{path.stem}/index.html").edit_links == [f"{EDIT}{source}"]
    assert read(example_site, "2026/departments/sales/index.html").edit_links == [f"{EDIT}roadmap/roadmap.yml"]
    assert read(example_site, "guide/limits/index.html").edit_links == [f"{EDIT}docs/guide/limits.md"]


def test_navigation_stays_small_because_item_pages_are_not_in_it(example_site: Path) -> None:
    """Material renders the whole nav into every page: listing item pages would make builds O(N²)."""
    dashboard = read(example_site, "index.html").nav_items
    milestone = read(example_site, "2026/milestones/iso-27001-certification/index.html").nav_items
    assert 5 <= dashboard < 40  # ten entries a year (a section of two years here), the guide's and All years
    assert milestone == dashboard
    html = (example_site / "index.html").read_text(encoding="utf-8")
    assert "md-nav__link" in html and not re.search(r'class="md-nav__link[^"]*"[^>]*href="[^"]*milestones/', html)


def test_plotly_js_is_shipped_once_and_not_inlined(example_site: Path) -> None:
    copies = [p.relative_to(example_site).as_posix() for p in example_site.rglob("plotly*.js")]
    assert copies == [PLOTLY_JS]
    assert (example_site / copies[0]).stat().st_size > 1_000_000
    dashboard = (example_site / "index.html").read_text(encoding="utf-8")
    assert "plotly" not in dashboard  # roadmap.js loads it from its own folder, only where there are charts


def test_dashboard_html_with_its_inline_chart_json_stays_under_60_kb(example_site: Path) -> None:
    page = example_site / "index.html"
    size = page.stat().st_size
    charts = read(example_site, "index.html").chart_json
    print(f"\ndashboard: {size / 1024:.1f} KB HTML, of which {charts / 1024:.1f} KB inline chart JSON (budget 60 KB)")
    assert charts > 0
    assert size <= DASHBOARD_BUDGET


def test_two_builds_of_the_same_commit_are_byte_identical(example_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    result = build_site(REPO / "mkdocs.yml", again, AS_OF)
    assert result.returncode == 0, result.log
    first = {p.relative_to(example_site).as_posix(): p for p in sorted(example_site.rglob("*")) if p.is_file()}
    second = {p.relative_to(again).as_posix(): p for p in sorted(again.rglob("*")) if p.is_file()}
    assert sorted(first) == sorted(second)
    differing = [name for name, path in first.items() if path.read_bytes() != second[name].read_bytes()]
    assert not differing


def test_sitemap_dates_are_the_as_of_date_not_the_wall_clock(example_site: Path) -> None:
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert dates == {AS_OF.isoformat()}
    packed = (example_site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode("utf-8") == sitemap
    stamp = int.from_bytes(packed[4:8], "little")  # the gzip header's MTIME
    assert datetime.fromtimestamp(stamp, tz=UTC).date() == AS_OF


def test_pages_show_the_as_of_date_and_the_item_title(example_site: Path) -> None:
    html = (example_site / "index.html").read_text(encoding="utf-8")
    assert '<p class="roadmap-asof">As of 2026-11-20 · Q4 2026</p>' in html
    goal = (example_site / "2026/goals/improve-customer-retention/index.html").read_text(encoding="utf-8")
    assert "<title>Raise net revenue retention to 112% - Kestrel Route roadmap</title>" in goal
