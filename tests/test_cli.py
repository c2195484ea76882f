"""`roadmap check`: exact output in each format, exit codes 0/1/2, the as-of date's origin, and a light import path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmap_as_code.asof import resolve_as_of
from roadmap_as_code.edges.check_report import github_annotations, summary_markdown
from roadmap_as_code.edges.cli import main, run
from roadmap_as_code.errors import Problem
from tests.helpers import BIN, PINNED, REPO, commit

ROADMAP_BIN = BIN / "roadmap"

OK_TEXT = (
    "roadmap ok: 1 year, 1 goal, 3 milestones, 2 key actions (as of 2026-11-20, option)\n"
    "2026: goals 1/3; milestones per goal 3 (allowed 3-5); fullest department-quarter Marketing Q1 1/3\n"
)


def check(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, ["check", *args], env=env)


def broken(builder) -> None:
    """The valid base plus a fourth marketing action in Q1."""
    builder.valid()
    for action_id in ("second", "third"):
        builder.action("marketing", action_id, supports=["more-leads"])
    builder.action("marketing", "fourth", supports=["more-leads"])


BROKEN_LINES = [
    "roadmap/2026/actions/marketing/third.md:3: quarter: expected at most 3 key actions for Marketing in Q1 2026, "
    "got 4: "
    "roadmap/2026/actions/marketing/fourth.md, roadmap/2026/actions/marketing/launch-campaign.md, "
    "roadmap/2026/actions/marketing/second.md, roadmap/2026/actions/marketing/third.md; move one to a quarter with "
    "room (Q2: 3 free, Q3: 3 free, Q4: 3 free) or drop it",
]


# --- text ---------------------------------------------------------------------------------------


def test_clean_roadmap_prints_the_usage_summary_and_exits_0(builder) -> None:
    """Success says what was checked and how close each year is to its limits (goals 1/3 ...)."""
    builder.valid()
    result = check(str(builder.root), *PINNED)
    assert (result.exit_code, result.output) == (0, OK_TEXT)


def test_root_defaults_to_the_current_folder_and_may_be_the_roadmap_folder(builder, monkeypatch) -> None:
    """`roadmap check` in the repository, and `roadmap check roadmap/`, print the same."""
    builder.valid()
    monkeypatch.chdir(builder.root)
    assert check(*PINNED).output == OK_TEXT
    assert check("roadmap", *PINNED).output == OK_TEXT


def test_example_roadmap_passes_with_goals_3_of_3(builder) -> None:
    """The shipped example passes and its usage line shows goals 3/3."""
    result = check(str(REPO), *PINNED)
    assert result.exit_code == 0, result.output
    head, *years = result.output.splitlines()
    assert head.startswith("roadmap ok: ") and head.endswith(" (as of 2026-11-20, option)")
    assert years[0].startswith("2026: goals 3/3; milestones per goal ")


def test_problems_print_one_sorted_line_each_then_a_summary_and_exit_1(builder) -> None:
    """Each problem is `path:line: field: message`, sorted by path then line, then 'N problems in M files.'."""
    builder.valid()
    builder.goal(
        "grow-revenue", owner=None, ownr="CEO", metric={"name": "ARR", "unit": "EUR", "baseline": "1,5", "target": 2}
    )
    builder.action("marketing", "fourth", supports=["more-leads"], stauts="done")
    result = check(str(builder.root), *PINNED)
    assert result.exit_code == 1
    assert result.output == (
        "roadmap/2026/actions/marketing/fourth.md:8: stauts: expected a known key, got unknown key 'stauts' (did "
        "you mean 'status'?)\n"
        "roadmap/2026/goals/grow-revenue.md:1: owner: expected a value, got nothing (add 'owner: ...')\n"
        "roadmap/2026/goals/grow-revenue.md:3: ownr: expected a known key, got unknown key 'ownr' (did you mean "
        "'owner'?)\n"
        "roadmap/2026/goals/grow-revenue.md:7: metric.baseline: expected a number, got '1,5' (write the number "
        "without separators, e.g. 1200000)\n"
        "4 problems in 2 files.\n"
    )


def test_rule_problems_are_reported_once_files_read_cleanly(builder) -> None:
    """A limit problem is one line naming every file involved."""
    broken(builder)
    result = check(str(builder.root), *PINNED)
    assert (result.exit_code, result.output.splitlines()) == (1, [*BROKEN_LINES, "1 problem in 1 file."])


def test_line_breaks_in_keys_do_not_split_a_problem_over_lines(builder) -> None:
    """A quoted key holding CR/LF is shown escaped, so the text output stays one line per problem."""
    builder.valid()
    builder.write("2026/goals/grow-revenue.md", '---\ntitle: t\nowner: o\n"a\\r\\nb": 1\n---\n')
    result = check(str(builder.root), *PINNED)
    assert result.output.splitlines() == [
        "roadmap/2026/goals/grow-revenue.md:4: a\\r\\nb: expected a known key, got unknown key 'a\\r\\nb' (allowed: "
        "title, owner, metric)",
        "1 problem in 1 file.",
    ]


# --- exit code 2 --------------------------------------------------------------------------------


def test_missing_root_folder_exits_2_with_a_usage_error(tmp_path: Path) -> None:
    """A folder without roadmap/ or roadmap.yml is a usage error (2), not problems (1)."""
    missing = tmp_path / "nowhere"
    result = check(str(missing), *PINNED)
    assert result.exit_code == 2
    assert result.output == (
        "Usage: main check [OPTIONS] [ROOT] [FILES]...\nTry 'main check --help' for help.\n\n"
        f"Error: no roadmap found in {missing}: expected {missing / 'roadmap'}/ or {missing / 'roadmap.yml'}\n"
    )


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--format", "xml"], "Error: Invalid value for '--format': 'xml' is not one of 'text', 'github', 'json'."),
        (
            ["--as-of", "2026-13-01"],
            "Error: Invalid value for '--as-of': '2026-13-01' does not match the format '%Y-%m-%d'.",
        ),
        (["--nope"], "Error: No such option '--nope'."),
    ],
)
def test_bad_options_exit_2(builder, args: list[str], error: str) -> None:
    """A bad option or value is a usage error with exit status 2."""
    builder.valid()
    result = check(str(builder.root), *args)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == error


def test_root_that_is_a_file_exits_2(tmp_path: Path) -> None:
    """ROOT must be a folder."""
    (tmp_path / "file.md").write_text("x")
    assert check(str(tmp_path / "file.md"), *PINNED).exit_code == 2


def test_unwritable_step_summary_exits_2_without_a_traceback(builder, monkeypatch, capsys) -> None:
    """An I/O error (here: GITHUB_STEP_SUMMARY names a missing folder) ends with status 2 and one error line."""
    builder.valid()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(builder.root / "missing" / "summary.md"))
    monkeypatch.setattr(sys, "argv", ["roadmap", "check", str(builder.root), "--format", "github", *PINNED])
    with pytest.raises(SystemExit) as caught:
        run()
    assert caught.value.code == 2
    assert capsys.readouterr().err.startswith("roadmap: error: [Errno 2] No such file or directory")


def test_real_console_script_exit_codes_and_output(builder, tmp_path: Path) -> None:
    """The installed `roadmap` script: 0 and the usage line when clean, 1 with problems, 2 for a missing root."""
    builder.valid()
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_STEP_SUMMARY", "SOURCE_DATE_EPOCH")}
    ok = subprocess.run(
        [str(ROADMAP_BIN), "check", str(builder.root), *PINNED], capture_output=True, text=True, env=env, timeout=60
    )
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, OK_TEXT, "")
    broken(builder)
    bad = subprocess.run(
        [str(ROADMAP_BIN), "check", str(builder.root), *PINNED], capture_output=True, text=True, env=env, timeout=60
    )
    assert (bad.returncode, bad.stdout) == (1, "\n".join([*BROKEN_LINES, "1 problem in 1 file.", ""]))
    missing = subprocess.run(
        [str(ROADMAP_BIN), "check", str(tmp_path / "nowhere")], capture_output=True, text=True, env=env, timeout=60
    )
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.splitlines()[0] == "Usage: roadmap check [OPTIONS] [ROOT] [FILES]..."
    assert missing.stderr.splitlines()[-1].startswith("Error: no roadmap found in ")


# --- github -------------------------------------------------------------------------------------


def test_github_annotation_escapes_data_and_properties() -> None:
    """`%` is escaped in the message, `:` and `,` too in file and title properties; CR and LF are shown as text."""
    problem = Problem("roadmap/2026/a:b,c.md", 7, "x:y,z", "100% done\r\nnext: a, b")
    assert github_annotations([problem]) == (
        "::error file=roadmap/2026/a%3Ab%2Cc.md,line=7,title=roadmap%3A x%3Ay%2Cz::100%25 done\\r\\nnext: a, b"
    )


def test_github_format_prints_annotations_then_text_and_appends_the_summary_table(builder, tmp_path: Path) -> None:
    """Annotations (escaped) come first, then the text lines; the full table is appended to GITHUB_STEP_SUMMARY."""
    builder.valid()
    builder.write("2026/goals/grow-revenue.md", '---\ntitle: t\nowner: o\n"100%": 1\n"a:b,c|d": 2\n---\n')
    summary = tmp_path / "summary.md"
    summary.write_text("previous step\n")
    result = check(str(builder.root), "--format", "github", *PINNED, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    path = "roadmap/2026/goals/grow-revenue.md"
    assert result.output.splitlines() == [
        f"::error file={path},line=4,title=roadmap%3A 100%25::expected a known key, got unknown key '100%25' "
        "(allowed: title, owner, metric)",
        f"::error file={path},line=5,title=roadmap%3A a%3Ab%2Cc|d::expected a known key, got unknown key 'a:b,c|d' "
        "(allowed: title, owner, metric)",
        f"{path}:4: 100%: expected a known key, got unknown key '100%' (allowed: title, owner, metric)",
        f"{path}:5: a:b,c|d: expected a known key, got unknown key 'a:b,c|d' (allowed: title, owner, metric)",
        "2 problems in 1 file.",
    ]
    assert summary.read_text() == (
        "previous step\n"
        "### Roadmap check: 2 problems\n\n"
        "<table>\n<thead><tr><th>file</th><th>line</th><th>field</th><th>problem</th></tr></thead>\n<tbody>\n"
        f"<tr><td><code>{path}</code></td><td>4</td><td><code>100%</code></td><td>expected a known key, got "
        "unknown key '100%' (allowed: title, owner, metric)</td></tr>\n"
        f"<tr><td><code>{path}</code></td><td>5</td><td><code>a:b,c&#124;d</code></td><td>expected a known key, "
        "got unknown key 'a:b,c&#124;d' (allowed: title, owner, metric)</td></tr>\n"
        "</tbody>\n</table>\n"
    )


def test_github_format_on_success_prints_the_usage_and_a_clean_summary(builder, tmp_path: Path) -> None:
    """A clean check in GitHub format exits 0, prints the usage lines and writes 'No problems found.'."""
    builder.valid()
    summary = tmp_path / "summary.md"
    result = check(str(builder.root), "--format", "github", *PINNED, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert (result.exit_code, result.output) == (0, OK_TEXT)
    assert summary.read_text() == "### Roadmap check\n\nNo problems found.\n"


def test_github_format_without_step_summary_writes_no_file(builder, tmp_path: Path, monkeypatch) -> None:
    """Outside Actions (no GITHUB_STEP_SUMMARY) nothing is written."""
    builder.valid()
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert check(str(builder.root), "--format", "github", *PINNED).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_summary_table_keeps_every_problem_on_its_row() -> None:
    """Pipes, line breaks and angle brackets in a problem cannot break or inject into the table."""
    table = summary_markdown([Problem("a.md", 1, "f", "got <script>|x\r\ny")])
    assert table.splitlines()[-3] == (
        "<tr><td><code>a.md</code></td><td>1</td><td><code>f</code></td>"
        "<td>got &#60;script&#62;&#124;x&#92;r&#92;ny</td></tr>"
    )


# --- json ---------------------------------------------------------------------------------------


def test_json_format_on_success(builder) -> None:
    """JSON: version, ok, as_of, as_of_source, no problems, and the usage of every year."""
    builder.valid()
    result = check(str(builder.root), "--format", "json", *PINNED)
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "version": 1,
        "ok": True,
        "as_of": "2026-11-20",
        "as_of_source": "option",
        "problems": [],
        "usage": [
            {
                "year": 2026,
                "goals": {"used": 1, "limit": 3},
                "milestones_per_goal": {"counts": {"grow-revenue": 3}, "min": 3, "max": 5},
                "actions_per_department_quarter": {
                    "limit": 3,
                    "counts": [
                        {"department": "marketing", "quarter": "Q1", "used": 1},
                        {"department": "sales", "quarter": "Q2", "used": 1},
                    ],
                },
            }
        ],
    }


def test_json_format_with_problems(builder) -> None:
    """Each problem carries path, line, field, message, rule and related files; exit 1."""
    broken(builder)
    result = check(str(builder.root), "--format", "json", *PINNED)
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert list(document) == ["version", "ok", "as_of", "as_of_source", "problems", "usage"]
    assert (document["ok"], document["usage"]) == (False, [])
    [problem] = document["problems"]
    assert problem == {
        "path": "roadmap/2026/actions/marketing/third.md",
        "line": 3,
        "field": "quarter",
        "message": BROKEN_LINES[0].split(": quarter: ", 1)[1],
        "rule": "actions-per-department-quarter",
        "related": [f"roadmap/2026/actions/marketing/{a}.md" for a in ("fourth", "launch-campaign", "second", "third")],
    }


# --- as-of --------------------------------------------------------------------------------------


def _as_of(builder, *args: str, env: dict[str, str] | None = None) -> tuple[str, str]:
    document = json.loads(check(str(builder.root), "--format", "json", *args, env=env).output)
    return document["as_of"], document["as_of_source"]


EPOCH_2026_06_01 = "1780315200"  # 2026-06-01T12:00:00Z


def test_as_of_option_beats_source_date_epoch_and_today(builder, clock) -> None:
    """--as-of wins over everything else."""
    builder.valid()
    clock("2026-12-02T10:00:00+00:00")
    assert _as_of(builder, *PINNED, env={"SOURCE_DATE_EPOCH": EPOCH_2026_06_01}) == ("2026-11-20", "option")


def test_source_date_epoch_beats_today(builder, clock) -> None:
    """SOURCE_DATE_EPOCH (reproducible builds) wins over the clock."""
    builder.valid()
    clock("2026-12-02T10:00:00+00:00")
    assert _as_of(builder, env={"SOURCE_DATE_EPOCH": EPOCH_2026_06_01}) == ("2026-06-01", "SOURCE_DATE_EPOCH")


def test_without_option_or_epoch_the_date_is_today_in_utc_whatever_the_last_commit(builder, monkeypatch, clock) -> None:
    """On 2 December a completion dated 1 December passes, though the last commit is from 20 November."""
    builder.valid()
    builder.milestone("grow-revenue", "more-leads", status="completed", completed="2026-12-01")
    commit(builder.root, "roadmap", when="2026-11-20T12:00:00+00:00")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    clock("2026-12-02T08:00:00+00:00")
    assert _as_of(builder) == ("2026-12-02", "today (UTC)")
    assert check(str(builder.root)).exit_code == 0


def test_today_is_the_date_in_the_timezone_of_roadmap_yml(builder, monkeypatch, clock) -> None:
    """At 23:30 UTC on 1 December an organisation in Berlin is already on 2 December; one in New York is not."""
    builder.valid()
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    clock("2026-12-01T23:30:00+00:00")
    builder.settings(timezone="Europe/Berlin")
    assert _as_of(builder) == ("2026-12-02", "today (Europe/Berlin)")
    builder.settings(timezone="America/New_York")
    assert _as_of(builder) == ("2026-12-01", "today (America/New_York)")
    builder.settings()
    assert _as_of(builder) == ("2026-12-01", "today (UTC)")


def test_resolve_as_of_order(clock) -> None:
    """resolve_as_of: explicit, then a numeric SOURCE_DATE_EPOCH, then today in the timezone given."""
    clock("2026-01-01T23:00:00+00:00")
    assert resolve_as_of(date(2026, 11, 20), "UTC", {"SOURCE_DATE_EPOCH": "0"}) == (date(2026, 11, 20), "option")
    assert resolve_as_of(None, "Asia/Tokyo", {"SOURCE_DATE_EPOCH": " 1795132800 "}) == (
        date(2026, 11, 20),
        "SOURCE_DATE_EPOCH",
    )
    assert resolve_as_of(None, "UTC", {}) == (date(2026, 1, 1), "today (UTC)")
    assert resolve_as_of(None, "Asia/Tokyo", {}) == (date(2026, 1, 2), "today (Asia/Tokyo)")


def test_a_malformed_source_date_epoch_is_a_usage_error_not_ignored(builder) -> None:
    """SOURCE_DATE_EPOCH that is not whole seconds stops the check with exit 2, never silently using another date."""
    builder.valid()
    result = CliRunner().invoke(main, ["check", str(builder.root)], env={"SOURCE_DATE_EPOCH": "2026-11-20"})
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH: expected a Unix time in whole seconds, got '2026-11-20'" in result.output
