"""Hostile values that YAML reads happily: numbers out of range and invisible characters are located problems.

Numbers lie between -1e15 and 1e15 and are finite; a plain number no float holds (`1e400`, 400 digits) is
read as text, so a number field refuses it with its range and a text field keeps it as written. Text fields
refuse control characters, line separators and bidirectional overrides; list items may keep line breaks.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pydantic import ValidationError

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.edges.cli import main
from roadmap_as_code.model.fields import BudgetFields, MetricFields
from roadmap_as_code.model.values import NUMBER_BOUND
from roadmap_as_code.reading.strict_yaml import MAX_INT_DIGITS, resolve_plain
from roadmap_as_code.rendering.charts.figure import Chart, Table
from roadmap_as_code.rendering.downloads.records import roadmap_json
from roadmap_as_code.rendering.downloads.spreadsheet import CSV_HEADER, csv_cell, roadmap_csv
from tests.helpers import AS_OF, PINNED, RoadmapBuilder, commit

MILESTONE = "roadmap/2026/milestones/grow-revenue/more-leads.md"
RANGE = "expected a finite number between -1e15 and 1e15, got"


def milestone(
    builder: RoadmapBuilder, title: str = "Milestone more-leads", owner: str = "Sales team", extra: str = ""
) -> None:
    """more-leads written as raw YAML: title on line 2, owner on line 5, `extra` from line 9."""
    builder.write(
        "2026/milestones/grow-revenue/more-leads.md",
        f"---\ntitle: {title}\nquarter: Q1\ndue: 2026-03-15\nowner: {owner}\nstatus: not-started\n"
        f"success_criteria:\n  - Something measurable happened\n{extra}---\nWhat and why.\n",
    )


def check(builder: RoadmapBuilder) -> Result:
    """`roadmap check` in process; never a traceback."""
    result = CliRunner().invoke(main, ["check", str(builder.root), *PINNED])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# --- numbers ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("1e400", "1e400"),
        ("-1e400", "-1e400"),
        (".nan", ".nan"),
        (".inf", ".inf"),
        ("-.inf", "-.inf"),
        ("1e308", "1e+308"),
        ("1000000000000001", "1000000000000001"),
        ("9" * 401, "9999999999999999… (401 digits)"),
        ("9" * 5000, "9999999999999999… (5000 digits)"),
    ],
)
def test_a_budget_out_of_range_is_a_located_problem(builder: RoadmapBuilder, written: str, shown: str) -> None:
    """Infinite, NaN, overflowing and huge budgets are refused at their line, with the range to keep to."""
    builder.valid()
    milestone(builder, extra=f"budget:\n  planned: {written}\n")
    result = check(builder)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"{MILESTONE}:10: budget.planned: {RANGE} {shown}"


def test_two_huge_budgets_are_each_refused_instead_of_overflowing_their_sum(builder: RoadmapBuilder) -> None:
    builder.valid()
    milestone(builder, extra="budget:\n  planned: 1e308\n  actual: 1.7e308\n")
    assert [str(p) for p in builder.problems()] == [
        f"{MILESTONE}:10: budget.planned: {RANGE} 1e+308",
        f"{MILESTONE}:11: budget.actual: {RANGE} 1.7e+308",
    ]


def test_a_5000_digit_metric_value_is_a_located_problem(builder: RoadmapBuilder) -> None:
    builder.valid()
    builder.write(
        "2026/goals/grow-revenue.md",
        f"---\ntitle: Grow\nowner: CEO\nmetric:\n  name: ARR\n  unit: EUR\n  baseline: -1e400\n  target: 1\n"
        f"  current: {'1' * 5000}\n---\nWhy.\n",
    )
    assert [str(p) for p in builder.problems()] == [
        f"roadmap/2026/goals/grow-revenue.md:7: metric.baseline: {RANGE} -1e400",
        f"roadmap/2026/goals/grow-revenue.md:9: metric.current: {RANGE} 1111111111111111… (5000 digits)",
    ]


def test_huge_limits_are_located_problems(builder: RoadmapBuilder) -> None:
    builder.valid()
    builder.settings(limits={"goals_per_year": 10**200, "max_milestones_per_goal": 5})
    text = (builder.content / "roadmap.yml").read_text(encoding="utf-8")
    (builder.content / "roadmap.yml").write_text(text + "  min_milestones_per_goal: 1e400\n", encoding="utf-8")
    messages = [p.message for p in builder.problems()]
    assert messages == [f"{RANGE} 1000000000000000… (201 digits)", f"{RANGE} 1e400"]


def test_the_bound_itself_passes_and_sums_to_finite_strict_json(builder: RoadmapBuilder) -> None:
    """Two budgets at the bound are valid; roadmap.json is strict JSON (no Infinity or NaN) with their exact sum."""
    builder.valid()
    milestone(builder, extra=f"budget:\n  planned: {NUMBER_BOUND}\n  actual: 1e15\n")
    builder.milestone("grow-revenue", "more-deals", quarter=2, budget={"planned": NUMBER_BOUND, "actual": 0})
    roadmap = check_roadmap(builder.content, builder.root, AS_OF)

    def refuse(constant: str) -> None:
        raise AssertionError(f"roadmap.json holds {constant}")

    document = json.loads(roadmap_json(roadmap, AS_OF), parse_constant=refuse)
    assert document["years"][0]["kpis"]["budget_planned"] == 2 * NUMBER_BOUND


@pytest.mark.parametrize(
    "value", [math.inf, -math.inf, math.nan, 10**5000, -(10**16)], ids=["inf", "-inf", "nan", "5001-digits", "-1e16"]
)
def test_the_number_type_refuses_what_no_reader_should_let_through(value: float) -> None:
    """The range lives in the value type, so a roadmap built in Python is held to it too."""
    with pytest.raises(ValidationError, match=RANGE):
        MetricFields(name="ARR", unit="EUR", baseline=0, target=value)


def test_roadmap_json_and_chart_json_fail_loudly_on_a_non_finite_number(builder: RoadmapBuilder) -> None:
    """Should a non-finite number ever slip past the checks, writing it raises instead of emitting Infinity."""
    roadmap = check_roadmap(builder.valid().content, builder.root, AS_OF)
    year = roadmap.years[0]
    broken = year.milestones[0].model_copy(update={"budget": BudgetFields.model_construct(planned=math.inf)})
    years = (dataclasses.replace(year, milestones=(broken, *year.milestones[1:])),)
    with pytest.raises(ValueError, match="JSON compliant"):
        roadmap_json(dataclasses.replace(roadmap, years=years), AS_OF)
    with pytest.raises(ValueError, match="JSON compliant"):
        Chart("c", "t", {"data": [{"x": [math.nan]}]}, Table((), ())).json()


@pytest.mark.parametrize(("text", "value"), [("9" * MAX_INT_DIGITS, int("9" * MAX_INT_DIGITS)), ("-1e308", -1e308)])
def test_the_reader_types_every_number_a_float_holds(text: str, value: object) -> None:
    assert resolve_plain(text) == value


@pytest.mark.parametrize("text", ["9" * (MAX_INT_DIGITS + 1), "-" + "9" * 5000, "1e400", "-1e400", "1" * 400 + ".5"])
def test_the_reader_leaves_a_number_no_float_holds_as_text(text: str) -> None:
    """int() of thousands of digits raises (and is quadratic): such a literal is never converted."""
    assert resolve_plain(text) == text


def test_a_5000_digit_title_is_the_text_written(builder: RoadmapBuilder) -> None:
    """A plain value too large to be a number is read as the string it spells, in any text field."""
    builder.valid()
    milestone(builder, title="7" * 5000)
    result = check(builder)
    assert result.exit_code == 0, result.output
    roadmap = check_roadmap(builder.content, builder.root, AS_OF)
    assert next(m.title for m in roadmap.years[0].milestones if m.id == "more-leads") == "7" * 5000


def test_a_long_number_in_a_text_field_is_shown_short(builder: RoadmapBuilder) -> None:
    builder.valid()
    milestone(builder, title="7" * 300)
    assert [str(p) for p in builder.problems()] == [
        f"{MILESTONE}:2: title: expected text, got the number 7777777777777777… (300 digits) (quote it if you mean "
        "text)"
    ]


def test_diff_lists_the_problem_of_a_5000_digit_value_and_exits_0(builder: RoadmapBuilder) -> None:
    """`roadmap diff` of a head that holds 5,000-digit values: the problem is listed, the title diffed, exit 0."""
    builder.valid()
    commit(builder.root, "base")
    milestone(builder, extra=f"budget:\n  planned: {'9' * 5000}\n")
    builder.milestone("grow-revenue", "more-deals", quarter=2, title="8" * 5000)
    commit(builder.root, "huge values")
    result = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD", "--root", str(builder.root)])
    assert result.exit_code == 0, result.output
    assert "1 problem while reading" in result.stdout
    assert f"{MILESTONE}:10: budget.planned: {RANGE} 9999999999999999… (5000 digits)\n" in result.stdout
    assert "  - title: Milestone more-deals → " + "8" * 5000 + "\n" in result.stdout


# --- text -------------------------------------------------------------------------------------------------

CONTROL = "expected text without control characters, got"


@pytest.mark.parametrize(
    ("field", "written", "message"),
    [
        ("title", r'"\0=1+1"', f"{CONTROL} U+0000 (NUL) at position 1; remove it"),
        ("owner", r'"\0=1+1"', f"{CONTROL} U+0000 (NUL) at position 1; remove it"),
        ("title", r'"\e[2J\e]0;pwned\a"', f"{CONTROL} U+001B (ESC) at position 1; remove it"),
        ("owner", r'"Sales \u202eevil"', f"{CONTROL} U+202E (RIGHT-TO-LEFT OVERRIDE) at position 7; remove it"),
        ("title", r'"a\u2066b\u2069"', f"{CONTROL} U+2066 (LEFT-TO-RIGHT ISOLATE) at position 2; remove it"),
        ("title", r'"CSI \x9b31m"', f"{CONTROL} U+009B (control character) at position 5; remove it"),
        ("owner", r'"x\x7f"', f"{CONTROL} U+007F (DEL) at position 2; remove it"),
        (
            "title",
            r'"one\Ltwo"',
            "expected one line of text, got U+2028 (LINE SEPARATOR) at position 4; write it on one line",
        ),
        ("owner", r'"Sales\tteam"', "expected one line of text, got U+0009 (tab) at position 6; write it on one line"),
        (
            "title",
            r'"two\nlines"',
            "expected one line of text, got U+000A (line break) at position 4; write it on one line",
        ),
    ],
)
def test_a_control_character_in_text_is_a_located_problem(
    builder: RoadmapBuilder, field: str, written: str, message: str
) -> None:
    builder.valid()
    milestone(builder, **{field: written})
    result = check(builder)
    assert result.exit_code == 1
    line = 2 if field == "title" else 5
    assert result.output.splitlines()[0] == f"{MILESTONE}:{line}: {field}: {message}"


def test_control_characters_in_department_names_and_settings_are_located(builder: RoadmapBuilder) -> None:
    builder.valid()
    builder.write(
        "roadmap.yml",
        'organisation: "Org\\e]0;x\\a"\ndepartments:\n  - id: marketing\n    name: "Mar\\u202eketing"\n'
        '    lead: "\\0=1"\n  - id: sales\n    name: "Sales\\n::error::pwned"\n',
    )
    assert [str(p) for p in builder.problems()] == [
        f"roadmap/roadmap.yml:1: organisation: {CONTROL} U+001B (ESC) at position 4; remove it",
        f"roadmap/roadmap.yml:4: departments.0.name: {CONTROL} U+202E (RIGHT-TO-LEFT OVERRIDE) at position 4; "
        "remove it",
        f"roadmap/roadmap.yml:5: departments.0.lead: {CONTROL} U+0000 (NUL) at position 1; remove it",
        "roadmap/roadmap.yml:7: departments.1.name: expected one line of text, got U+000A (line break) at position 6; "
        "write it on one line",
    ]


def test_list_items_may_span_lines_but_not_hold_other_controls(builder: RoadmapBuilder) -> None:
    builder.valid()
    milestone(builder, extra='key_tasks:\n  - "Call\\tthem,\\nthen write"\n  - "Bell\\a"\n')
    assert [str(p) for p in builder.problems()] == [
        f"{MILESTONE}:11: key_tasks.1: {CONTROL} U+0007 (BEL) at position 5; remove it"
    ]


# --- the CSV guard, for whatever check does not refuse ------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["\0=1+1", " =1+1", "\t@SUM(A1)", "\u200b=1", "\ufeff+1", "\x1b-1", "\uff1dHYPERLINK(1)", "\n=1"]
)
def test_a_formula_sign_after_blanks_or_controls_is_neutralised(text: str) -> None:
    assert csv_cell(text) == "'" + text


def test_a_body_starting_with_a_formula_is_neutralised_in_the_file(builder: RoadmapBuilder) -> None:
    """Bodies are not front-matter text: the CSV guard still quotes a summary that hides its formula sign."""
    builder.valid()
    builder.milestone("grow-revenue", "more-leads", body='\u200b=HYPERLINK("http://x")')
    roadmap = check_roadmap(builder.content, builder.root, AS_OF)
    rows = list(csv.reader(io.StringIO(roadmap_csv(roadmap, AS_OF), newline="")))
    row = dict(zip(CSV_HEADER, next(r for r in rows if r[3] == "more-leads"), strict=True))
    assert row["description"] == '\'\u200b=HYPERLINK("http://x")'


def test_golden_cases_for_hostile_values_exist() -> None:
    golden = Path(__file__).parent / "golden" / "bad"
    assert (golden / "non-finite-number" / "expected.txt").is_file()
    assert (golden / "control-characters" / "expected.txt").is_file()
