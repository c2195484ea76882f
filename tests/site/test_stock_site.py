"""A stock site: `pip install`, a stock theme and the plugin, no custom_dir (tests/helpers.py: stock_config).

Over the hostile fixture (tests/fixtures/hostile), Material gets the chart script, styles and plotly.js from
the plugin, and every front-matter string stays text in <title>, nav and search. Another theme builds with
one warning and shows every chart's data table instead of the chart.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.config import load_config

from roadmap_as_code.edges.plugin.assets import PACKAGED, PICTURE_SCRIPT, PICTURE_STYLES, SCRIPT, STYLES
from roadmap_as_code.edges.plugin.site_build import build_site
from tests.helpers import AS_OF, HOSTILE, PAYLOADS, front_matter, live_markup_in, site_pages, stock_config

pytestmark = pytest.mark.site

YEAR = "2026"
SETTINGS = front_matter(HOSTILE / "roadmap" / "roadmap.yml")
# Each item page and its title as written in the front matter.
TITLES = (
    {f"{YEAR}/goals/{p.stem}/": front_matter(p)["title"] for p in (HOSTILE / "roadmap" / YEAR / "goals").glob("*.md")}
    | {
        f"{YEAR}/milestones/{p.stem}/": front_matter(p)["title"]
        for p in (HOSTILE / "roadmap" / YEAR / "milestones").glob("*/*.md")
    }
    | {f"{YEAR}/departments/{d['id']}/": f"{d['name']} {YEAR}" for d in SETTINGS["departments"]}
)
HEADINGS = TITLES | {f"{YEAR}/departments/{d['id']}/": d["name"] for d in SETTINGS["departments"]}
DASHBOARD_TITLE = f"{SETTINGS['organisation']} roadmap {YEAR}"
THEME_NOTICE = "charts need the material theme; showing tables"
PICTURE_FILES = ["roadmap-picture.css", "roadmap-picture.js"]  # sorted, as the folder is listed


class _Texts(HTMLParser):
    """The text of <title>, of the primary nav's links and the header's topic, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.nav: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "title":
            self._in = "title"
        elif tag == "a" and "md-nav__link" in classes:
            self._in = "nav"
            self.nav.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"title", "a"}:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "nav":
            self.nav[-1] += data


def texts(page: Path) -> _Texts:
    parser = _Texts()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    parser.nav = [" ".join(text.split()) for text in parser.nav]
    return parser


def test_stock_material_site_gets_the_plugins_script_styles_and_plotly(stock_site: Path) -> None:
    """No custom_dir: the plugin adds its files to the site and names its styles and script on every page;
    plotly.js is loaded by the script, never named by a page."""
    folder = stock_site / STYLES.rsplit("/", 1)[0]
    assert sorted(p.name for p in folder.iterdir()) == ["plotly.min.js", *PICTURE_FILES, "roadmap.css", "roadmap.js"]
    for name in ("roadmap.css", "roadmap.js", *PICTURE_FILES):
        assert (folder / name).read_bytes() == (PACKAGED / name).read_bytes()
    assert (folder / "plotly.min.js").stat().st_size > 1_000_000
    for path in site_pages(stock_site):
        source = (stock_site / path / "index.html").read_text(encoding="utf-8")
        depth = "../" * path.count("/")
        assert source.count(f'<link rel="stylesheet" href="{depth}{STYLES}">') == 1, path
        assert source.count(f'<script src="{depth}{SCRIPT}"></script>') == 1, path
        assert source.count(f'<script src="{depth}{PICTURE_SCRIPT}"></script>') == 1, path
        assert "plotly.min.js" not in source, path


def test_stock_material_titles_and_nav_hold_escaped_text(stock_site: Path) -> None:
    """Material prints titles raw: each page's <title> and the nav hold the escaped title, read as written."""
    for path, title in TITLES.items():
        source = (stock_site / path / "index.html").read_text(encoding="utf-8")
        assert f"<title>{html.escape(title)} - Stock material site</title>" in source, path
        assert texts(stock_site / path / "index.html").title == f"{title} - Stock material site", path
    dashboard = stock_site / "index.html"
    assert texts(dashboard).title == "Stock material site"  # the home page's <title> is the site name
    assert "Dashboard" in texts(dashboard).nav and DASHBOARD_TITLE not in texts(dashboard).nav  # the nav's label
    assert html.escape(DASHBOARD_TITLE, quote=False) in dashboard.read_text(encoding="utf-8")  # its heading


def test_stock_material_search_index_holds_escaped_titles(stock_site: Path) -> None:
    """Material's search shows an entry's title (the page's heading) as HTML: each is escaped there too."""
    raw = (stock_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert not [payload for payload in PAYLOADS if payload in raw.lower()]
    titles = {entry["location"]: entry["title"] for entry in json.loads(raw)["docs"] if "#" not in entry["location"]}
    for path, heading in HEADINGS.items():
        assert "<" not in titles[path] and html.unescape(titles[path]) == heading, path


def test_stock_material_html_holds_no_live_markup(stock_site: Path) -> None:
    """No payload opening, handler attribute, unsafe URL or payload script in any page, stock templates and all."""
    assert live_markup_in(stock_site) == {}


def _warnings(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith("WARNING")]


def _charts_and_tables(page: Path) -> tuple[int, int, int]:
    source = page.read_text(encoding="utf-8")
    charts = len(re.findall(r'<div class="roadmap-chart"|type="application/json"', source))
    return charts, source.count('<details class="roadmap-chart-table" open>'), source.count("<details")


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_another_theme_builds_with_one_warning_and_shows_tables(theme: str, tmp_path: Path) -> None:
    """MkDocs' built-in themes: one warning, the styles but no chart script or plotly.js, and every chart's
    data table shown open in its place; titles stay escaped."""
    result = build_site(stock_config(tmp_path, theme), tmp_path / "site", AS_OF, strict=False)
    assert result.returncode == 0, result.log
    assert len(_warnings(result.log)) == 1 and THEME_NOTICE in result.log, result.log
    site = tmp_path / "site"
    # The roadmap pictures are SVG with their own small script: they work on any theme; the charts need Material.
    assert sorted(p.name for p in (site / STYLES).parent.iterdir()) == [*PICTURE_FILES, "roadmap.css"]
    assert not list(site.rglob("plotly*.js"))
    for path in ["", f"{YEAR}/departments/", f"{YEAR}/goals/script-goal/"]:
        charts, shown, tables = _charts_and_tables(site / path / "index.html")
        assert (charts, shown) == (0, tables) and tables > 0, path
    for path in [f"{YEAR}/timeline/", f"{YEAR}/departments/"]:  # the roadmap pictures need no chart library
        assert 'class="roadmap-picture__svg"' in (site / path / "index.html").read_text(encoding="utf-8"), path
    source = (site / f"{YEAR}/milestones/title-breakout/index.html").read_text(encoding="utf-8")
    assert f"<title>{html.escape(TITLES[f'{YEAR}/milestones/title-breakout/'])} - Stock {theme} site</title>" in source
    assert not [payload for payload in PAYLOADS if payload in source.lower()]


def test_another_theme_under_strict_logs_the_notice_as_info(tmp_path: Path) -> None:
    """A deliberate theme choice is no broken content: `--strict` builds it, the notice logged at info."""
    result = build_site(stock_config(tmp_path, "mkdocs"), tmp_path / "site", AS_OF, strict=True)
    assert result.returncode == 0, result.log
    assert _warnings(result.log) == []


def test_assets_listed_in_mkdocs_yml_are_named_once(tmp_path: Path) -> None:
    """A site that already lists the plugin's styles and script (as this repository once did) keeps one each."""
    config_file = stock_config(tmp_path)
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text + f"extra_css: [{STYLES}]\nextra_javascript: [{SCRIPT}]\n", encoding="utf-8")
    config = load_config(str(config_file))
    config.plugins.on_config(config)
    assert [str(path) for path in config.extra_css] == [STYLES, PICTURE_STYLES]
    assert [str(script) for script in config.extra_javascript] == [SCRIPT, PICTURE_SCRIPT]
