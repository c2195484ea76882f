"""Names the site keeps for itself: an id named like a fixed page is refused at check, and no heading id
a title or a body gives a page is one the theme's scripts look up (`__config`, `__search`, ...).

The built site and Chromium hold the same in tests/site/browser/test_theme_ids.py.
"""

from __future__ import annotations

import inspect
import posixpath
import re
from types import SimpleNamespace

import markdown
import pytest
from mkdocs.structure.toc import AnchorLink, TableOfContents

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.edges.plugin import RoadmapPlugin
from roadmap_as_code.model.reserved import RESERVED_IDS, THEME_ID_PREFIX
from roadmap_as_code.rendering.downloads import build_downloads
from roadmap_as_code.rendering.element_ids import safe_heading_ids
from roadmap_as_code.rendering.page_paths import GeneratedPage, Paths
from roadmap_as_code.rendering.pages import build_pages
from roadmap_as_code.rendering.safe_text import body_html
from roadmap_as_code.rendering.widgets import chart_block
from tests.helpers import AS_OF, REPO, RoadmapBuilder

RESERVED = "expected a name other than 'index' (reserved for the overview page of its folder), got 'index'"

# --- ids named like a generated page ---------------------------------------------------------------------


def test_a_department_named_index_is_refused_at_its_line_in_roadmap_yml(builder: RoadmapBuilder) -> None:
    """`index` would make the department's page replace the Departments overview (`departments/index.md`)."""
    builder.valid()
    builder.settings(departments=("marketing", "sales", "index"))
    problems = builder.problems()
    assert [str(p) for p in problems] == [
        f"roadmap/roadmap.yml:7: departments.2.id: {RESERVED}; rename the department (and its folder under actions/)"
    ]
    assert problems[0].rule == "reserved-ids"


@pytest.mark.parametrize(
    ("kind", "rel"),
    [
        ("goal", "2026/goals/index.md"),
        ("milestone", "2026/milestones/grow-revenue/index.md"),
        ("action", "2026/actions/marketing/index.md"),
    ],
)
def test_a_file_named_index_is_refused_at_the_file(builder: RoadmapBuilder, kind: str, rel: str) -> None:
    builder.valid()
    if kind == "goal":
        builder.goal("index")
        for quarter, milestone_id in enumerate(("a", "b", "c"), start=1):
            builder.milestone("index", milestone_id, quarter=quarter)
    elif kind == "milestone":
        builder.milestone("grow-revenue", "index", quarter=4)
    else:
        builder.action("marketing", "index")
    assert [(p.path, p.line, p.field, p.message, p.rule) for p in builder.problems()] == [
        (f"roadmap/{rel}", 1, "id", f"{RESERVED}; rename the file", "reserved-ids")
    ]


def test_ids_that_only_contain_a_reserved_name_pass(builder: RoadmapBuilder) -> None:
    builder.valid()
    builder.settings(departments=("marketing", "sales", "index-funds"))
    builder.action("index-funds", "reindex", quarter=3)
    assert builder.problems() == []


def _item_folders(paths: Paths, years: list[int]) -> set[str]:
    """The folders of every page named after an id: those of the Paths methods that take one."""
    takes_id = [
        method
        for _, method in inspect.getmembers(paths, inspect.ismethod)
        if any(name.endswith("_id") for name in inspect.signature(method).parameters)
    ]
    assert len(takes_id) >= 3
    return {posixpath.dirname(method(year, "some-id")) for method in takes_id for year in years}


def test_reserved_ids_name_every_fixed_page_beside_item_pages() -> None:
    """Every generated page or download that is not an item's, in a folder of item pages (or in a folder an
    item page would occupy, as `x.md` is served at `x/`), is named in model/reserved.py."""
    roadmap = check_roadmap(REPO / "roadmap", REPO, AS_OF)
    paths = Paths(2026)
    items = {
        *(paths.goal(y.year, g.id) for y in roadmap.years for g in y.goals),
        *(paths.milestone(y.year, m.id) for y in roadmap.years for m in y.milestones),
        *(paths.department(y.year, d.id) for y in roadmap.years for d in roadmap.settings.departments),
    }
    generated = [page.path for page in build_pages(roadmap, AS_OF)] + list(build_downloads(roadmap, AS_OF))
    assert items <= set(generated) and len(generated) == len(set(generated))
    folders = _item_folders(paths, [y.year for y in roadmap.years])
    beside = {
        path.removeprefix(f"{folder}/").split("/")[0].removesuffix(".md")
        for path in set(generated) - items
        for folder in folders
        if path.startswith(f"{folder}/")
    }
    assert beside == {"index"}  # the Departments overview; the test would go blind without one
    assert beside <= set(RESERVED_IDS)


# --- heading ids the theme reserves ---------------------------------------------------------------------

PERMALINK = '<a class="headerlink" href="#{0}" title="Permanent link">&para;</a>'


def heading(tag: str, anchor: str, text: str) -> str:
    return f'<{tag} id="{anchor}">{text}{PERMALINK.format(anchor)}</{tag}>'


def test_a_heading_id_the_theme_uses_is_renamed_with_its_permalink() -> None:
    html = heading("h1", "__config", "__config") + "\n<p>x</p>\n" + heading("h2", "__search", "__search")
    safe, renamed = safe_heading_ids(html)
    assert renamed == {"__config": "config", "__search": "search"}
    assert safe == heading("h1", "config", "__config") + "\n<p>x</p>\n" + heading("h2", "search", "__search")


def test_a_renamed_id_never_takes_one_already_on_the_page() -> None:
    html = heading("h1", "__config", "t") + heading("h2", "config", "t") + heading("h2", "config_1", "t")
    html += heading("h3", "__", "t") + '<div id="section"></div>'
    safe, renamed = safe_heading_ids(html)
    assert renamed == {"__config": "config_2", "__": "section_1"}
    assert 'id="config"' in safe and 'id="config_1"' in safe and 'href="#config_2"' in safe


def test_a_heading_id_equal_to_a_chart_id_is_renamed_and_the_chart_keeps_its_own() -> None:
    """roadmap.js finds a chart's JSON by id: a heading with that id, first in the page, would be found instead."""
    chart = '<div class="roadmap-chart" id="chart-2026-budget" data-chart-json="chart-2026-budget-json"></div>'
    chart += '<script type="application/json" id="chart-2026-budget-json">{}</script>'
    html = heading("h1", "chart-2026-budget-json", "Chart 2026 budget json") + chart
    safe, renamed = safe_heading_ids(html)
    assert renamed == {"chart-2026-budget-json": "chart-2026-budget-json_1"}
    assert safe == heading("h1", "chart-2026-budget-json_1", "Chart 2026 budget json") + chart


def test_a_page_without_unsafe_ids_is_returned_as_it_is() -> None:
    html = heading("h1", "grow-revenue", "Grow revenue") + '<p id="__not-a-heading">x</p><h2>no id</h2>'
    assert safe_heading_ids(html) == (html, {})


def test_the_plugin_renames_ids_in_the_html_the_table_of_contents_and_the_page_anchors() -> None:
    """page.toc feeds Material's sidebar and the search index; present_anchor_ids MkDocs' anchor checks."""
    plugin = RoadmapPlugin()
    plugin.load_config({})
    plugin.pages = {"2026/goals/g.md": GeneratedPage("2026/goals/g.md", "__config", "# x")}
    top = AnchorLink("__config", "__config", 1)
    top.children.append(AnchorLink("__toc", "__toc", 2))
    toc = TableOfContents([top])
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri="2026/goals/g.md"), toc=toc, present_anchor_ids={"__config", "__toc", "other"}
    )
    config = SimpleNamespace(repo_url=None)
    html = heading("h1", "__config", "__config") + heading("h2", "__toc", "__toc")
    out = plugin.on_page_content(html, page=page, config=config, files=None)  # type: ignore[arg-type]
    assert out == heading("h1", "config", "__config") + heading("h2", "toc", "__toc")
    assert [(a.id, [c.id for c in a.children]) for a in page.toc] == [("config", ["toc"])]
    assert page.present_anchor_ids == {"config", "toc", "other"}


def test_description_headings_get_no_id_from_the_body_or_the_page() -> None:
    """nh3 keeps no `id`, and the sanitised body reaches the page as raw HTML, which toc never slugifies,
    even with the extensions a Material site often enables."""
    body = (
        '## __drawer\n\n``` { #__config .py }\ncode\n```\n\n<h2 id="__search">raw</h2>\n\n### __toc {: #__consent }\n'
    )
    assert "id=" not in body_html(body)
    page = f"# Goal\n\n{body_html(body)}\n\n## After\n"
    rendered = markdown.markdown(page, extensions=["toc", "attr_list", "md_in_html", "tables"])
    assert f'id="{THEME_ID_PREFIX}' not in rendered
    assert '<h2 id="after">' in rendered and "<h2>__drawer</h2>" in rendered


def test_chart_element_ids_are_namespaced_slugs() -> None:
    """A chart's container and JSON ids are `chart-<year>-<slug>[-json]`, built from slugs: never the theme's."""
    roadmap = check_roadmap(REPO / "roadmap", REPO, AS_OF)
    charts = [chart for page in build_pages(roadmap, AS_OF) for chart in page.charts]
    assert len(charts) >= 10
    for chart in charts:
        block = chart_block(chart)
        assert re.fullmatch(r"[0-9]{4}-[a-z0-9]+(-[a-z0-9]+)*", chart.id), chart.id
        assert re.findall(r'\sid="([^"]*)"', block) == [f"chart-{chart.id}", f"chart-{chart.id}-json"]
