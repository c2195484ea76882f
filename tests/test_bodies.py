"""Descriptions render as GitHub renders them (CommonMark + GFM), sanitised: golden HTML of tricky bodies.

tests/golden/bodies/<case>.md is a body as a contributor writes it; <case>.html is what the page shows.
ROADMAP_UPDATE_GOLDEN=1 rewrites the .html files and fails; read every changed file, then run again without it.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.reading.body_limits import MAX_NESTING, body_problems
from roadmap_as_code.rendering.pages import build_pages
from roadmap_as_code.rendering.safe_text import body_html, plain_text, summary
from tests.helpers import AS_OF, REPO, golden_text, live_markup

GOLDEN = Path(__file__).parent / "golden" / "bodies"
CASES = sorted(path.stem for path in GOLDEN.glob("*.md"))
SITE_EXTENSIONS = ["tables", "attr_list", "admonition", "toc"]  # mkdocs.yml's, as in test_pages


def _body(case: str) -> str:
    return (GOLDEN / f"{case}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_body_renders_as_its_golden_html(case: str) -> None:
    """Each tricky body, byte for byte: lists, tables, task lists, strikethrough, autolinks, code, raw HTML."""
    actual = str(body_html(_body(case))) + "\n"
    assert actual == golden_text(GOLDEN / f"{case}.html", actual)


def test_every_golden_body_has_its_html() -> None:
    assert sorted(path.stem for path in GOLDEN.glob("*.html")) == CASES
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES)
def test_golden_bodies_stay_one_html_block_with_nothing_live(case: str) -> None:
    """No blank line (it would end the raw HTML block in the page's Markdown pass), no script, handler or style."""
    html = str(body_html(_body(case)))
    assert "\n\n" not in html and re.search(r"\n[ \t]*\n", html) is None
    assert live_markup(html) == []
    assert "style=" not in html and "<img" not in html and '="javascript:' not in html.lower()


def test_a_list_right_after_a_paragraph_line_is_a_list() -> None:
    """GitHub (CommonMark) lets a list interrupt a paragraph: no blank line needed before it."""
    html = str(body_html("Three levers:\n- one;\n- two;\n- three."))
    assert "<p>Three levers:</p>\n<ul>\n<li>one;</li>\n<li>two;</li>\n<li>three.</li>\n</ul>" in html


def test_the_revenue_goal_of_the_example_shows_its_three_levers_as_a_list() -> None:
    """The review's screenshot: the ARR goal's levers ran into one paragraph."""
    roadmap = check_roadmap(REPO / "roadmap", REPO, AS_OF)
    page = next(p for p in build_pages(roadmap, AS_OF) if p.path == "2026/goals/grow-recurring-revenue.md")
    html = markdown.markdown(page.markdown, extensions=SITE_EXTENSIONS)
    levers = re.search(r"<p>Growth comes from three levers:</p>\s*<ul>(.*?)</ul>", html, re.S)
    assert levers is not None
    assert levers.group(1).count("<li>") == 3


def test_code_keeps_its_blank_lines_through_the_page_pass() -> None:
    """Blank lines inside <pre> are written as &#10;, which the page's Markdown pass leaves alone and a browser
    shows as line breaks; outside <pre> no blank line remains."""
    body = "```\nfirst\n\n\nsecond\n```\n\n    indented\n\n    block\n"
    html = str(body_html(body))
    assert "<pre><code>first&#10;&#10;&#10;second&#10;</code></pre>" in html
    assert "<pre><code>indented&#10;&#10;block&#10;</code></pre>" in html
    page = markdown.markdown(f"# Goal\n\n{html}\n\n## After\n", extensions=SITE_EXTENSIONS)
    assert "first&#10;&#10;&#10;second" in page and '<h2 id="after">After</h2>' in page


def test_a_body_nested_as_deep_as_the_limits_allow_loses_no_text() -> None:
    """The parser drops what nests past its own limit: the body limit keeps every accepted body far below it."""
    lines = [f"{'  ' * level}- level {level}" for level in range(MAX_NESTING)]
    body = "\n".join(lines) + "\n" + "  " * MAX_NESTING + "> " * 0 + "deepest words"
    assert body_problems(body, "x.md", 1) == []
    assert "deepest words" in str(body_html(body))
    quoted = "> " * MAX_NESTING + "quoted words"
    assert body_problems(quoted, "x.md", 1) == []
    assert "quoted words" in str(body_html(quoted))


def test_summary_is_the_first_paragraph_or_list_as_plain_text() -> None:
    assert summary("Intro with [a link](https://x.example) and <b>tags</b>.\n- one\n- two") == (
        "Intro with a link and tags."
    )
    assert summary("- [x] done\n- [ ] open\n\nLater.") == "☑ done; ☐ open"
    assert summary("# Heading\n\nText.") == "Heading"
    assert summary("word " * 60).endswith("…") and len(summary("word " * 60)) <= 160
    assert summary("<script>alert(1)</script>\n\nSafe.") == "Safe."


def test_plain_text_keeps_the_whole_body_with_lists_tables_and_addresses() -> None:
    body = (
        "Intro, see [the plan](https://plan.example) or https://direct.example.\n"
        "Levers:\n- one\n  - nested\n1. first\n2. second\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n\nmore\n```\n\n<script>evil()</script>\n\nLast."
    )
    assert plain_text(body) == (
        "Intro, see the plan (https://plan.example) or https://direct.example. Levers:\n\n"
        "- one\n  - nested\n\n1. first\n2. second\n\na | b\n1 | 2\n\ncode\n\nmore\n\nLast."
    )
