"""A description's cost is bounded at `check`: the issue's hostile bodies are refused with a located problem, a rich
real description passes, and the costliest bodies the limits still accept render without an exception.

How long those bodies take is measured by `python -m bench.bodies`, never asserted here.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import pytest

from bench.bodies import cases
from roadmap_as_code.errors import Problem
from roadmap_as_code.reading import body_limits as bl
from roadmap_as_code.reading.body_limits import body_problems
from roadmap_as_code.reading.frontmatter import read_source
from roadmap_as_code.rendering.safe_text import body_html, summary
from tests.helpers import RoadmapBuilder

GOAL = "roadmap/2026/goals/grow-revenue.md"


def _body_problems_of_goal(builder: RoadmapBuilder, body: str) -> tuple[list[Problem], int]:
    """Check a valid roadmap whose goal has this body: its body problems, and the file line the body starts on."""
    builder.valid()
    path = builder.goal("grow-revenue", body=body)
    first = path.read_text(encoding="utf-8").split("\n").index("---", 1) + 2
    return [p for p in builder.problems() if p.field == "body"], first


ISSUE_BODIES = {
    "a list nested 500 deep": ("- " * 500 + "x", 0, "nesting of at most 20 levels, got 500"),
    "500 definitions without blank lines": ("term\n: definition\n" * 500, 41, "nesting of at most 20 levels, got 21"),
    "16,000 '['": ("[" * 16_000, 0, "link brackets"),
    "64,000 '['": ("[" * 64_000, 0, "link brackets"),
    "'[a](' repeated": ("[a](" * 8_000, 0, "link brackets"),
    "'<http://' repeated": ("<http://" * 4_000, 0, "at most 50 '<' starting an HTML tag"),
    "'<a href=\"' repeated": ('<a href="' * 4_000, 0, "at most 50 '<' starting an HTML tag"),
    "'<![CDATA[' repeated": ("<![CDATA[" * 4_000, 0, "at most 50 '<' starting an HTML tag"),
    "8,000 abbreviations": ("".join(f"*[A{i}]: title\n" for i in range(8_000)), 20, "at most 20 abbreviation"),
}


@pytest.mark.parametrize("name", ISSUE_BODIES)
def test_hostile_bodies_of_the_issue_are_refused_at_their_line(name: str, builder: RoadmapBuilder) -> None:
    """Each body that crashed or stalled the build is refused by `check`, located in its file at the line where the
    limit is crossed, with the rule's message."""
    body, line, message = ISSUE_BODIES[name]
    problems, first = _body_problems_of_goal(builder, body)
    located = [p for p in problems if message in p.message]
    assert located, problems
    assert (located[0].path, located[0].line, located[0].rule) == (GOAL, first + line, "body")
    assert str(located[0]).startswith(f"{GOAL}:{first + line}: body: expected ")


def test_check_refuses_a_hostile_body_from_the_command_line(builder: RoadmapBuilder) -> None:
    """`roadmap check` exits 1 and prints the located message; no traceback."""
    from click.testing import CliRunner

    from roadmap_as_code.edges.cli import main
    from tests.helpers import PINNED

    builder.valid()
    builder.goal("grow-revenue", body="- " * 500 + "x")
    result = CliRunner().invoke(main, ["check", str(builder.root), *PINNED])
    assert result.exit_code == 1, result.output
    assert f"{GOAL}:5: body: expected list/quote nesting of at most 20 levels, got 500" in result.output


RICH = """\
## Why this matters

Our *enterprise* customers asked for **self-service onboarding** in the
[2025 survey](https://example.com/survey-2025?utm_source=roadmap&utm_medium=docs "Survey results").
See the [design notes][notes], the `onboarding_v2` flag and <https://example.com/status>.
The target is **70 %** of new accounts activated within 7 days (from 41 %).

> Customers leave in the first week when setup needs a call with us.
> > Quoted from the churn interviews (Q3).
>
> - 12 of 20 churned accounts never finished setup
> - the rest waited for a call

### Plan

1. Discovery
    - interview 15 customers ([guide](https://example.com/guide))
        - 5 enterprise, 10 mid-market
            - record each call, with consent
    - map the current setup flow, step by step
2. Build
    - self-service wizard (`wizard/`), feature-flagged
    - import from CSV and from the *legacy* admin
3. Roll out
    - 10 % of new accounts, then 50 %, then everyone

| Step | Owner | Due |
|------|-------|-----|
| Discovery | Product | 2026-03-31 |
| Wizard | Engineering | 2026-06-30 |
| Rollout | Customer success | 2026-09-30 |

```python
def activated(account) -> bool:
    return account.setup_done and account.days_to_setup <= 7
```

Activation
: An account that finished setup and invited a colleague.

Setup
: The steps from sign-up to the first report.

Risks: the *legacy* admin export is slow (see [notes]); the CSV import
needs a size cap<br>and a progress bar. The TTFV metric is tracked weekly.

*[TTFV]: Time to first value

[notes]: https://example.com/notes "Design notes"
"""


def test_a_rich_real_description_passes_and_renders(builder: RoadmapBuilder) -> None:
    """A 10 KB description with nested lists, links, a table, code, quotes, definitions and an abbreviation passes
    every limit, and the roadmap passes `check`."""
    body = "\n\n".join([RICH] * 7)
    assert len(body) > 10_000
    assert body_problems(body, "x.md", 1) == []
    assert _body_problems_of_goal(builder, body)[0] == []
    assert builder.problems() == []
    assert "<table>" in body_html(body) and "<blockquote>" in body_html(body)


def _located(body: str) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in body_problems(body, "x.md", 10)]


def _refused(body: str, words: str) -> int:
    """The line of the one problem of a body, which must mention `words`."""
    problems = body_problems(body, "x.md", 10)
    assert len(problems) == 1 and words in problems[0].message, problems
    return problems[0].line


@pytest.mark.parametrize(
    ("at_limit", "over"),
    [
        ("- " * 20 + "x", "- " * 21 + "x"),
        ("> " * 20 + "x", "> " * 21 + "x"),
        ("1. " * 20 + "x", "1. " * 21 + "x"),
        ("- a\n" + "    " * 19 + "- x", "- a\n" + "    " * 20 + "- x"),
        ("- a\n" + "\t" * 19 + "- x", "- a\n" + "\t" * 20 + "- x"),
        ("t\n: d\n" * 20, "t\n: d\n" * 21),
    ],
)
def test_nesting_is_limited_at_the_line_that_goes_too_deep(at_limit: str, over: str) -> None:
    """Nesting counts list, quote and definition markers, 4 columns of indentation, and definitions above in the
    same paragraph (Python-Markdown nests each one into the last)."""
    assert _located(at_limit) == []
    assert _refused(over, "levels, got 21") == 10 + over.rstrip("\n").count("\n")


def test_definitions_separated_by_blank_lines_do_not_nest() -> None:
    assert _located("term\n\n: definition\n\n" * 100) == []


def test_a_paragraph_holds_at_most_its_lines_and_markup() -> None:
    """Python-Markdown rebuilds a paragraph for every inline match and split line: 500 of them per paragraph."""
    assert _located("*" * 499) == []
    assert _refused("*" * 500, "at most 500 lines and markup characters") == 10
    assert _located("\n\n".join(["*" * 499] * 9)) == []
    lines = ["line"] * 500
    assert _located("\n".join(lines)) == []
    assert _refused("\n".join([*lines, "one more"]), "in one paragraph") == 510


def test_no_break_spaces_and_entities_count_as_markup() -> None:
    """nh3 is quadratic in the entities and no-break spaces of one text node: they count like markup."""
    assert _refused("a\xa0" * 500, "in one paragraph") == 10
    assert _refused("a> " * 500, "in one paragraph") == 10
    assert _located("a\xa0" * 499) == []


def test_elements_are_counted_over_the_whole_body() -> None:
    """Every line (blank ones too), list marker, table cell and markup character counts: at most 5,000."""
    assert _located("\n\n".join(["p"] * 2_500)) == []
    assert _refused("\n\n".join(["p"] * 2_501), "at most 5,000 elements") == 10 + 5_000
    wide = "|a" * 100 + "\n" + "|-" * 100 + "\n" + "x\n" * 48
    assert _refused(wide, "elements") == 11
    assert _located("|a" * 10 + "\n" + "|-" * 10 + "\n" + "x\n" * 48) == []


@pytest.mark.parametrize(
    ("pattern", "limit", "words"),
    [
        ("<b>x</b>\n\n", bl.MAX_TAGS // 2, "'<' starting an HTML tag"),
        ("~~~\n", bl.MAX_FENCES, "code fence lines"),
        ("*[A{i}]: title\n\n", bl.MAX_ABBREVIATIONS, "abbreviation definitions"),
    ],
)
def test_document_scans_are_counted(pattern: str, limit: int, words: str) -> None:
    """Tags, code fences and abbreviation definitions each make Python-Markdown search the rest of the body."""
    within = "".join(pattern.format(i=i) for i in range(limit))
    assert _located(within) == []
    over = within + pattern.format(i=limit)
    assert _refused(over, words) == 10 + within.count("\n")


def test_a_fence_with_hl_lines_is_refused() -> None:
    """An hl_lines value on an unclosed fence lets the fence pattern run cubic; descriptions are not highlighted."""
    assert _refused('```hl_lines="1"\ncode', "without hl_lines") == 10
    assert _refused('~~~ python hl_lines="1 2"\ncode\n~~~', "without hl_lines") == 10
    assert _located('```{ .python hl_lines="1" }\ncode\n```') == []


def test_an_abbreviation_across_lines_is_refused() -> None:
    assert _refused("*[A\nB]: title", "on one line") == 10
    assert _located("*[A]: title\n\nA and A.") == []


def test_link_brackets_are_charged_to_their_closing_bracket_or_the_paragraph_end() -> None:
    """An unclosed '[' costs the rest of its paragraph; a closed one its span; an escaped one nothing."""
    span = bl.MAX_LINK_SPAN
    assert _located("[" + "a" * (span - 1)) == []
    assert _refused("[" + "a" * span, "link brackets") == 10
    assert _located("\\[" + "a" * span) == []
    assert _located(("[link](https://example.com/a_(b)) " * 200 + "\n\n") * 5) == []
    assert _refused("[a](" + "a" * span, "link brackets") == 10
    # A backtick between '[' and ']' may hide the ']' in a code span: the rest of the paragraph is charged.
    assert _refused("[`]`" + "a" * span, "link brackets") == 10


def test_code_spans_are_charged_to_the_next_run_of_the_same_length() -> None:
    span = bl.MAX_CODE_SPAN
    assert _located("`" + "a" * span) == []
    assert _refused("`" + "a" * (span + 1), "code spans") == 10
    assert _located("\\`" + "a" * (span + 10)) == []
    assert _located(("`a` " * 200 + "\n\n") * 10) == []
    assert _refused("a|b\n-|-\n" + "`a` " * 200 + "|" * 2_600, "code spans") == 12


def test_abbreviations_and_references_are_charged_for_each_copy() -> None:
    """Each use repeats the title or address on the page: at most 200,000 characters of copies."""
    title = "t" * 1_000
    assert _refused(f"*[K]: {title}\n\n" + "K " * 240, "add at most 200,000 characters") == 12
    assert _located(f"*[K]: {title}\n\n" + "K " * 100) == []
    address = "https://example.com/" + "u" * 2_000
    assert _refused(f"[r]: {address}\n\n" + "[a][r] " * 100, "add at most 200,000 characters") == 12


def test_a_body_line_counts_from_the_first_line_after_the_front_matter_blank_lines(tmp_path: Path) -> None:
    """Blank lines between the front-matter and the body do not shift the lines of body problems."""
    path = tmp_path / "goal.md"
    path.write_text("---\ntitle: T\nowner: CEO\n---\n\n\nFirst.\n\n" + "- " * 30 + "x\n", encoding="utf-8")
    source = read_source(path, "goal.md")
    assert (source.body_line, source.body.split("\n")[0]) == (7, "First.")
    assert [p.line for p in body_problems(source.body, "goal.md", source.body_line)] == [9]


def test_the_costliest_accepted_bodies_render() -> None:
    """Each bench case pushes one limit (or several) as far as the check allows: the check accepts it, and
    Python-Markdown and nh3 render it without an exception, within a small stack (no RecursionError)."""
    limit = sys.getrecursionlimit()
    for key, (what, body) in cases().items():
        assert body_problems(body, "body.md", 1) == [], (key, what)
        sys.setrecursionlimit(_depth() + 400)
        try:
            assert str(body_html(body)).startswith('<div class="roadmap-description">'), key
            summary(body)
        finally:
            sys.setrecursionlimit(limit)


def _depth() -> int:
    return len(inspect.stack(0))
