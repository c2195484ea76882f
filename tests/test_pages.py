"""Generated pages: golden Markdown of the example as of 2026-11-20, links between pages, and escaping of hostile text.

ROADMAP_UPDATE_GOLDEN=1 rewrites tests/golden/pages/ and fails every page test; read every changed file, then run
again without it.
"""

from __future__ import annotations

import difflib
import json
import os
import posixpath
import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from markupsafe import Markup

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.rendering.downloads import DOWNLOADS, build_downloads
from roadmap_as_code.rendering.pages import GeneratedPage, build_pages, site_nav
from roadmap_as_code.rendering.safe_text import body_html, md
from tests.helpers import AS_OF, REPO, RoadmapBuilder, golden_text

GOLDEN = Path(__file__).parent / "golden" / "pages"
GOLDEN_PAGES = [
    "index.md",
    "2026/goals/run-enterprise-grade-platform.md",
    "2026/milestones/iso-27001-certification.md",
    "2026/milestones/disaster-recovery-drill.md",
    "2026/departments/marketing.md",
    "2026/quarters/q3.md",
    "2026/timeline.md",
]
# The Markdown extensions of mkdocs.yml, to see pages the way the site renders them.
SITE_EXTENSIONS = ["tables", "attr_list", "admonition", "toc"]
LINK = re.compile(r"\]\(([^)\s]+\.md)\)")


@pytest.fixture(scope="module")
def pages() -> dict[str, GeneratedPage]:
    roadmap = check_roadmap(REPO / "roadmap", REPO, AS_OF)
    return {page.path: page for page in build_pages(roadmap, AS_OF)}


@pytest.mark.parametrize("path", GOLDEN_PAGES)
def test_example_page_matches_its_golden_markdown(pages: dict[str, GeneratedPage], path: str) -> None:
    """The example's pages as of 2026-11-20, byte for byte (numbers, links, badges, charts)."""
    golden = GOLDEN / path
    actual = pages[path].markdown
    expected = golden_text(golden, actual)
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), f"golden/{path}", "rendered", n=1)
        )
        pytest.fail(f"{path} differs from its golden file (ROADMAP_UPDATE_GOLDEN=1 rewrites it):\n{diff}")


def test_update_mode_rewrites_the_golden_file_and_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ROADMAP_UPDATE_GOLDEN=1 writes the new text and fails the test, so a run in update mode is never green;
    without it the file is only read."""
    golden = tmp_path / "golden" / "page.md"
    monkeypatch.setenv("ROADMAP_UPDATE_GOLDEN", "1")
    with pytest.raises(pytest.fail.Exception, match=r"rewrote .*page\.md; review the diff and run again without"):
        golden_text(golden, "# New\n")
    assert golden.read_bytes() == b"# New\n"
    monkeypatch.delenv("ROADMAP_UPDATE_GOLDEN")
    assert golden_text(golden, "# Other\n") == "# New\n"
    assert golden.read_bytes() == b"# New\n"


def test_golden_files_are_all_in_use() -> None:
    """A renamed page must not leave a stale golden file behind."""
    on_disk = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
    assert on_disk == sorted(GOLDEN_PAGES)


def test_the_site_has_every_page_of_each_year_once(pages: dict[str, GeneratedPage]) -> None:
    assert "index.md" in pages and "2025/index.md" in pages and "archive.md" in pages
    for year in ("2025", "2026"):
        folder = "" if year == "2026" else "2025/"
        goals = [p.stem for p in (REPO / "roadmap" / year / "goals").glob("*.md")]
        milestones = [p.stem for p in (REPO / "roadmap" / year / "milestones").glob("*/*.md")]
        expected = {f"{folder}index.md", f"{year}/timeline.md", f"{year}/owners.md", f"{year}/departments/index.md"}
        expected |= {f"{year}/goals/{g}.md" for g in goals} | {f"{year}/milestones/{m}.md" for m in milestones}
        expected |= {f"{year}/quarters/q{q}.md" for q in range(1, 5)}
        assert expected <= set(pages), expected - set(pages)
    assert len(pages) == len(set(pages))


def test_item_pages_name_the_file_they_come_from(pages: dict[str, GeneratedPage]) -> None:
    """The source is what the edit link points at: the goal's or milestone's own file."""
    assert pages["2026/goals/grow-recurring-revenue.md"].source == "roadmap/2026/goals/grow-recurring-revenue.md"
    assert (
        pages["2026/milestones/launch-partner-portal.md"].source
        == "roadmap/2026/milestones/grow-recurring-revenue/launch-partner-portal.md"
    )
    assert pages["2026/departments/sales.md"].source == "roadmap/roadmap.yml"
    for page in pages.values():
        if page.source:
            assert (REPO / page.source).is_file(), page.path


def test_every_link_between_generated_pages_resolves(pages: dict[str, GeneratedPage]) -> None:
    for page in pages.values():
        for target in LINK.findall(page.markdown):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), target))
            assert resolved in pages, f"{page.path} links to {target} ({resolved}), which is not generated"


def test_nav_lists_index_pages_only(pages: dict[str, GeneratedPage]) -> None:
    roadmap = check_roadmap(REPO / "roadmap", REPO, AS_OF)
    flat = json.dumps(site_nav(roadmap, AS_OF))
    assert "/goals/" not in flat and "/milestones/" not in flat
    assert all(path in pages for path in re.findall(r'"([^"]+\.md)"', flat))


def test_a_prefix_moves_every_page_download_and_nav_entry_and_keeps_each_page_as_it_was(
    pages: dict[str, GeneratedPage],
) -> None:
    """Every page moves together under the folder, so each relative link, to pages and downloads, stays the same."""
    roadmap = check_roadmap(REPO / "roadmap", REPO, AS_OF)
    moved = {page.path: page for page in build_pages(roadmap, AS_OF, "plans/okr")}
    parent = {path: page.parent and f"plans/okr/{page.parent}" for path, page in pages.items()}
    assert moved == {
        f"plans/okr/{path}": replace(page, path=f"plans/okr/{path}", parent=parent[path])
        for path, page in pages.items()
    }
    assert list(build_downloads(roadmap, AS_OF, "plans/okr")) == [f"plans/okr/{name}" for name in DOWNLOADS]
    nav = json.dumps(site_nav(roadmap, AS_OF, "plans/okr"))
    assert nav == json.dumps(site_nav(roadmap, AS_OF)).replace(': "', ': "plans/okr/')


def test_quarter_four_review_looks_at_the_next_years_first_quarter(pages: dict[str, GeneratedPage]) -> None:
    """2025's Q4 horizon and new promises come from 2026's Q1 plan (the next year is planned)."""
    text = pages["2025/quarters/q4.md"].markdown
    assert "Next up in Q1 2026:" in text and "Key actions for Q1 2026:" in text
    assert "[Launch customer health scoring](../../2026/milestones/launch-customer-health-scoring.md)" in text
    assert "No milestones are planned for Q1 2027 yet." in pages["2026/quarters/q4.md"].markdown


def test_lists_of_links_are_separated_by_a_comma_and_a_space(pages: dict[str, GeneratedPage]) -> None:
    assert "[Q1](2026/quarters/q1.md), [Q2](2026/quarters/q2.md)" in pages["index.md"].markdown
    assert ".md),[" not in "".join(p.markdown for p in pages.values())


# --- escaping --------------------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
JS_LINK = "[x](javascript:alert(1))"
HOSTILE = f"{SCRIPT} {JS_LINK} *b* a|b {{{{ 7*7 }}}} {{: onclick=alert(1) }}"
HOSTILE_BODY = f"""Intro with **bold** and a [safe link](https://example.com/a).

{SCRIPT}

<iframe src="https://evil.example"></iframe>
<img src=x onerror="alert(1)">
<p onclick="alert(1)" style="color:red">para</p>

[js](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) <a href="JaVaScRiPt:alert(1)">raw</a>
"""


@pytest.fixture
def hostile(builder: RoadmapBuilder) -> dict[str, GeneratedPage]:
    """A roadmap that puts markup, Markdown links, table pipes and template syntax in every text field."""
    builder.write(
        "roadmap.yml",
        "\n".join(
            [
                f"organisation: {json.dumps('Org ' + HOSTILE)}",
                "departments:",
                f"  - {{id: marketing, name: {json.dumps('Mkt ' + HOSTILE)}, lead: {json.dumps('Lead ' + HOSTILE)}}}",
                "  - {id: sales, name: Sales}",
            ]
        )
        + "\n",
    )
    builder.goal(
        "grow-revenue",
        title=f"Goal {HOSTILE}",
        owner=f"Owner {HOSTILE}",
        body=HOSTILE_BODY,
        metric={"name": f"Metric {HOSTILE}", "unit": "<u>", "baseline": 1, "target": 3, "current": 2},
    )
    for quarter, mid in enumerate(("more-leads", "more-deals", "more-revenue"), start=1):
        builder.milestone(
            "grow-revenue",
            mid,
            quarter=quarter,
            title=f"{mid} {HOSTILE}",
            owner=f"Team {HOSTILE}",
            success_criteria=[f"Criterion {HOSTILE}"],
            key_tasks=[f"Task {HOSTILE}"],
            risks=[f"Risk {HOSTILE}"],
            body=HOSTILE_BODY,
            depends_on=["more-leads"] if mid != "more-leads" else None,
        )
    builder.action(
        "marketing", "launch-campaign", title=f"Action {HOSTILE}", owner=f"Doer {HOSTILE}", supports=["more-leads"]
    )
    builder.action("sales", "hire-closers", quarter=2, supports=["more-deals"])
    roadmap = check_roadmap(builder.content, builder.root, AS_OF)
    return {page.path: page for page in build_pages(roadmap, AS_OF)}


def test_hostile_strings_appear_escaped_in_the_markdown(hostile: dict[str, GeneratedPage]) -> None:
    goal = hostile["2026/goals/grow-revenue.md"].markdown
    assert goal.startswith(
        r"# Goal &lt;script&gt;alert\(1\)&lt;/script&gt; \[x\]\(javascript:alert\(1\)\) \*b\* a\|b "
        r"\{\{ 7\*7 \}\} \{: onclick=alert\(1\) \}"
    )
    # Chart blocks are raw HTML (entity-escaped, never parsed as Markdown); every other line is Markdown.
    everything = re.sub(r"<figure .*?</figure>", "", "".join(page.markdown for page in hostile.values()), flags=re.S)
    assert "](javascript:" not in everything
    assert not re.search(r"(?<!\\)\{[{:]", everything), "an unescaped {{ or {: (template or attr_list syntax)"
    assert "49" not in everything  # no template evaluation of {{ 7*7 }}


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every element of an HTML text with its attributes, as a browser's parser sees them."""
    parser = _Elements()
    parser.feed(html)
    return parser.found


def _site_html(page: GeneratedPage) -> str:
    return markdown.markdown(page.markdown, extensions=SITE_EXTENSIONS)


@pytest.mark.parametrize(
    "path",
    [
        "index.md",
        "2026/goals/grow-revenue.md",
        "2026/milestones/more-deals.md",
        "2026/departments/marketing.md",
        "2026/departments/index.md",
        "2026/quarters/q1.md",
        "2026/timeline.md",
        "2026/owners.md",
    ],
)
def test_hostile_strings_render_as_literal_text(hostile: dict[str, GeneratedPage], path: str) -> None:
    """Rendered the way MkDocs renders them: no element, handler or link comes from front-matter text."""
    html = _site_html(hostile[path])
    for tag, attributes in elements(html):
        assert tag != "script" or attributes == {"type": "application/json", "id": attributes.get("id")}, (
            tag,
            attributes,
        )
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        assert not (attributes.get("href") or "").lower().startswith(("javascript:", "data:")), (tag, attributes)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) *b* a|b {{ 7*7 }}" in html
    for table in re.findall(r"<table>.*?</table>", html, re.S):
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        widths = {len(re.findall(r"<t[hd][ >]", row)) for row in rows}
        assert len(widths) == 1, f"a | in a cell split a row of a table on {path}"


def test_bodies_are_sanitised_on_the_pages(hostile: dict[str, GeneratedPage]) -> None:
    for path in ("2026/goals/grow-revenue.md", "2026/milestones/more-leads.md"):
        html = _site_html(hostile[path])
        description = re.search(r'<div class="roadmap-description">(.*?)</div>', html, re.S)
        assert description, path
        body = description.group(1).lower()
        assert '<a href="https://example.com/a" rel="noopener noreferrer nofollow">safe link</a>' in body
        for forbidden in ("<script", "<iframe", "<img", "onerror", "onclick", "style=", "javascript:", "data:"):
            assert forbidden not in body, (path, forbidden)


def test_body_html_keeps_formatting_and_drops_everything_executable() -> None:
    clean = str(body_html(HOSTILE_BODY))
    assert "<strong>bold</strong>" in clean and "<p>para</p>" in clean
    assert '<a href="https://example.com/a" rel="noopener noreferrer nofollow">safe link</a>' in clean
    lowered = clean.lower()
    for forbidden in (
        "<script",
        "alert(1)</",
        "<iframe",
        "<img",
        "onerror",
        "onclick",
        "style=",
        "javascript:",
        "data:",
    ):
        assert forbidden not in lowered, forbidden
    assert clean.startswith('<div class="roadmap-description">') and clean.endswith("</div>")
    assert "\n\n" not in clean  # a blank line would end the raw HTML block inside the page's Markdown
    assert body_html("  \n ") == ""


def test_body_html_keeps_the_markdown_github_renders() -> None:
    """Every GFM extension yields tags the sanitiser keeps, so no structure is silently lost (golden cases in
    tests/test_bodies.py)."""
    clean = str(body_html("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ www.example.com"))
    assert "<td>1</td>" in clean and "<s>old</s>" in clean and 'checked="checked"> done</li>' in clean
    assert '<a href="http://www.example.com" rel="noopener noreferrer nofollow">www.example.com</a>' in clean


def test_md_escapes_html_and_markdown_and_keeps_one_line() -> None:
    assert md("<b>") == "&lt;b&gt;"
    assert md("a & b") == "a &amp; b"
    assert md("[x](javascript:alert(1))") == r"\[x\]\(javascript:alert\(1\)\)"
    assert md("*a* _b_ `c` a|b #h !i {{ x }} 1. -") == r"\*a\* \_b\_ \`c\` a\|b \#h \!i \{\{ x \}\} 1\. \-"
    assert md("two\n\nlines\tand  spaces") == "two lines and spaces"
    assert md(", ") == ", "  # templates join lists with ", ": the space must survive
    assert md(Markup("<em>kept</em>")) == "<em>kept</em>"
    assert md(42) == "42"


def test_plugin_hands_mkdocs_an_escaped_title_and_the_edit_link_of_the_source() -> None:
    """MkDocs themes print page.title raw into <title>, nav and search."""
    from roadmap_as_code.edges.plugin import RoadmapPlugin

    plugin = RoadmapPlugin()
    plugin.load_config({})
    plugin.pages = {
        "2026/goals/g.md": GeneratedPage("2026/goals/g.md", f"Goal {SCRIPT}", "# x", "roadmap/2026/goals/g.md")
    }
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri="2026/goals/g.md"),
        title=None,
        edit_url=None,
        meta={},
        is_homepage=False,
        toc=[],
        present_anchor_ids=None,
    )
    config = SimpleNamespace(repo_url="https://github.com/example/roadmap-as-code/")
    plugin.on_page_markdown("# x", page=page, config=config, files=None)  # type: ignore[arg-type]
    plugin.on_page_content("<h1>x</h1>", page=page, config=config, files=None)  # type: ignore[arg-type]
    assert page.title == "Goal &lt;script&gt;alert(1)&lt;/script&gt;"
    assert page.meta["title"] == page.title  # Material prints meta.title into <title> as it is
    assert page.edit_url == "https://github.com/example/roadmap-as-code/edit/main/roadmap/2026/goals/g.md"


def test_an_epoch_the_plugin_pinned_once_is_forgotten_so_an_explicit_one_later_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A build as of today pins SOURCE_DATE_EPOCH; a later build that sets the same value itself must keep it."""
    from roadmap_as_code.edges.plugin import plugin as module

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    module._pin_epoch(date(2026, 11, 20))
    pinned = os.environ["SOURCE_DATE_EPOCH"]
    module._unpin_epoch()
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", pinned)  # as `roadmap build --as-of 2026-11-20` does
    module._unpin_epoch()
    assert os.environ.get("SOURCE_DATE_EPOCH") == pinned
