"""What `roadmap check` and `roadmap diff` print stays inert, valid UTF-8 and linear in size, whatever the files hold.

A roadmap takes pull requests from anyone, and CI prints these reports into a workflow log (where a line
starting with `::`, or holding `##[`, is a command to the runner), a job summary (rendered as Markdown)
and a terminal (where ESC starts a control sequence). The real console script runs here, on real files.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from roadmap_as_code.edges.check_report import MAX_ANNOTATIONS, SUMMARY_BYTES, github_annotations, summary_markdown
from roadmap_as_code.errors import Problem, printable
from tests.helpers import BIN, PINNED, RoadmapBuilder, commit

ROADMAP_BIN = BIN / "roadmap"
PIXEL = "![pixel](https://e.invalid/p.png)"
# A workflow command of our own: an annotation with escaped properties, or the one warning about the cap.
OURS = re.compile(r"::(error|notice) file=[^:]*,line=\d+,title=roadmap%3A [^:]*::|::warning title=roadmap::")
# What a terminal or the runner would act on: C0 controls but LF, DEL, C1 controls, bidi and line separators.
ACTIVE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
HOSTILE_NAMES = [
    f"##[add-mask]secret %0A::error::x ::stop-commands::tok `code` <b>bold</b> {PIXEL}",
    "Mark\neting\n::error title=x::injected\r\n::add-mask::y",
    "\x1b]8;;https://e.invalid\x07link\x1b]8;;\x07 \x1b[2J\x9b31m \u202eevil\u202c",
]


def roadmap(*args: str, summary: Path | None = None, cwd: Path | None = None) -> tuple[int, str, str]:
    """Run the installed `roadmap` with strict UTF-8 output (a name it cannot encode would crash it)."""
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_STEP_SUMMARY", "SOURCE_DATE_EPOCH")}
    env.update({"PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"})
    if summary is not None:
        env["GITHUB_STEP_SUMMARY"] = str(summary)
    result = subprocess.run([str(ROADMAP_BIN), *args], capture_output=True, env=env, cwd=cwd, timeout=120)
    assert result.stderr == b"", result.stderr.decode("utf-8", "replace")
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def assert_inert(output: str) -> None:
    """No line starts a workflow command but ours; no legacy `##[` command; nothing a terminal acts on."""
    for line in output.splitlines():
        if line.lstrip().startswith("::"):
            assert OURS.match(line), f"a line starts a workflow command: {line!r}"
    assert "##[" not in output
    assert not ACTIVE.search(output), ACTIVE.findall(output)


def assert_summary_inert(text: str) -> None:
    """The job summary renders no contributor Markdown or HTML: every active character is a reference."""
    assert_inert(text)
    for raw in ("![", "](", "<b>", "`"):
        assert raw not in text
    table = text[text.index("<table>") : text.index("</table>")]
    assert "\n\n" not in table, "a blank line would end the HTML block and let Markdown render"


def settings_named(builder: RoadmapBuilder, marketing: str) -> None:
    departments = [{"id": "marketing", "name": marketing}, {"id": "sales", "name": "Sales"}]
    builder.write("roadmap.yml", yaml.safe_dump({"organisation": "Example Ltd", "departments": departments}))


def check_all_formats(builder: RoadmapBuilder, tmp_path: Path) -> tuple[int, str]:
    """`roadmap check` in every format; each output inert; returns the exit status and the job summary."""
    summary = tmp_path / "summary.md"
    codes = set()
    for fmt in ("text", "github", "json"):
        code, out, _ = roadmap("check", str(builder.root), "--format", fmt, *PINNED, summary=summary)
        codes.add(code)
        assert_inert(out)
        if fmt == "json":
            json.loads(out)
    assert len(codes) == 1
    return codes.pop(), summary.read_bytes().decode("utf-8")


# --- workflow commands, terminal sequences and Markdown from contributors ----------------------------------


def test_workflow_commands_in_a_department_name_stay_text_on_a_passing_check(builder, tmp_path: Path) -> None:
    """The fullest department's name is printed by a clean check: `##[`, `::` and `%0A` in it command nothing."""
    builder.valid()
    settings_named(builder, HOSTILE_NAMES[0])
    code, summary = check_all_formats(builder, tmp_path)
    assert code == 0
    _, out, _ = roadmap("check", str(builder.root), "--format", "github", *PINNED)
    assert out.splitlines()[-1] == (
        "2026: goals 1/3; milestones per goal 3 (allowed 3-5); fullest department-quarter "
        f"##\\[add-mask]secret %0A::error::x ::stop-commands::tok `code` <b>bold</b> {PIXEL} Q1 1/3"
    )
    assert summary == "### Roadmap check\n\nNo problems found.\n"


@pytest.mark.parametrize("name", HOSTILE_NAMES[1:], ids=["line-breaks", "escape-sequences"])
def test_control_characters_in_a_department_name_never_reach_the_output(builder, tmp_path: Path, name: str) -> None:
    """Line breaks, ESC, BEL, C1 CSI and bidi overrides are shown as escapes, whether check accepts the name or not."""
    builder.valid()
    settings_named(builder, name)
    check_all_formats(builder, tmp_path)


def test_hostile_file_names_and_keys_are_reported_inert_in_every_format(builder, tmp_path: Path) -> None:
    """A file name or key holding a workflow command, ESC, a bidi override or a Markdown image is reported as text."""
    builder.valid()
    for name in ("x\n::error::injected", "##[stop-commands]tok", "esc\x1b[2Jx", "rlo\u202egnp.exe"):
        builder.write(f"2026/goals/{name}.md", "---\ntitle: t\nowner: o\n---\n")
    keys = {PIXEL: 1, "\n::add-mask::k": 2, "<img src=x>`": 3}
    builder.write(
        "2026/goals/grow-revenue.md", "---\n" + yaml.safe_dump({"title": "t", "owner": "o", **keys}) + "---\n"
    )
    code, summary = check_all_formats(builder, tmp_path)
    assert code == 1
    assert_summary_inert(summary)
    assert "&#33;&#91;pixel&#93;(https://e.invalid/p.png)" in summary
    _, out, _ = roadmap("check", str(builder.root), *PINNED)
    assert "roadmap/2026/goals/x\\n::error::injected.md:1: " in out
    assert "roadmap/2026/goals/esc\\x1b[2Jx.md:1: " in out


def test_the_summary_of_a_problem_renders_its_text_literally() -> None:
    """Pipes, line breaks, tags, backticks and links in a problem stay inside their cell, as text."""
    table = summary_markdown([Problem("a`b.md", 1, "f|g", "got <script>|x\r\ny [l](https://e.invalid) `c`")])
    assert table.splitlines()[5] == (
        "<tr><td><code>a&#96;b.md</code></td><td>1</td><td><code>f&#124;g</code></td><td>got &#60;script&#62;"
        "&#124;x&#92;r&#92;ny &#91;l&#93;(https://e.invalid) &#96;c&#96;</td></tr>"
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("bad-\udcff.md", "bad-\\xff.md"),
        ("a\nb\r\tc", "a\\nb\\r\\tc"),
        ("\x1b[31mred\x07\x9b", "\\x1b[31mred\\x07\\x9b"),
        ("\u202eabc\u2066\u2028", "\\u202eabc\\u2066\\u2028"),
        ("::add-mask::x", ":\\:add-mask::x"),
        ("  ::error::x", "  :\\:error::x"),
        ("ok ##[error]x", "ok ##\\[error]x"),
        ("Zürich 東京 ::", "Zürich 東京 ::"),
    ],
)
def test_printable_escapes_what_a_terminal_or_runner_would_act_on(text: str, shown: str) -> None:
    """Undecodable bytes as \\xNN, controls and bidi as escapes, workflow-command openers broken; letters kept."""
    assert printable(text) == shown


# --- file names that are not UTF-8 -------------------------------------------------------------------------


def bad_name(builder: RoadmapBuilder) -> None:
    """A key action whose file name is the bytes b'bad-\\xff.md' (not UTF-8), written with a bytes path."""
    good = builder.content / "2026/actions/marketing/launch-campaign.md"
    with open(os.fsencode(good.parent) + b"/bad-\xff.md", "wb") as handle:
        handle.write(good.read_bytes())


def test_a_file_name_that_is_not_utf8_gives_valid_utf8_in_every_format(builder, tmp_path: Path) -> None:
    """The undecodable byte is shown as \\xff in text, GitHub, JSON and the job summary; nothing crashes."""
    builder.valid()
    bad_name(builder)
    code, summary = check_all_formats(builder, tmp_path)
    assert code == 1
    assert "roadmap/2026/actions/marketing/bad-\\xff.md" in summary.replace("&#92;", "\\")
    _, out, _ = roadmap("check", str(builder.root), "--format", "json", *PINNED)
    assert json.loads(out)["problems"][0]["path"] == "roadmap/2026/actions/marketing/bad-\\xff.md"


def rendered(markdown: str) -> str:
    """Markdown's backslash escapes resolved (CommonMark escapes only ASCII punctuation)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def test_diff_shows_a_name_that_is_not_utf8_and_a_title_with_escapes_as_valid_utf8(builder) -> None:
    """`roadmap diff` between commits and against the working tree: valid UTF-8, no raw ESC, the byte as \\xff."""
    builder.valid()
    commit(builder.root, "base")
    bad_name(builder)
    builder.action("sales", "hire-closers", quarter=2, supports=["more-deals"], title="Hire \x1b[2J\u202eclosers")
    commit(builder.root, "hostile")
    for revisions in (["HEAD~1", "HEAD"], ["HEAD~1"]):
        code, out, _ = roadmap("diff", *revisions, "--root", str(builder.root))
        assert code == 0
        assert_inert(out)
        assert "bad-\\xff.md" in rendered(out)


# --- output size ------------------------------------------------------------------------------------------


def crowded_quarter(builder: RoadmapBuilder, actions: int) -> None:
    """The valid base plus `actions` key actions for marketing in Q1 2026 (the limit is 3)."""
    builder.valid()
    for n in range(actions):
        builder.action("marketing", f"action-{n:05d}", supports=["more-leads"])


def output_sizes(builder: RoadmapBuilder, tmp_path: Path) -> dict[str, int]:
    sizes = {}
    for fmt in ("text", "github", "json"):
        summary = tmp_path / f"{fmt}.md"
        code, out, _ = roadmap("check", str(builder.root), "--format", fmt, *PINNED, summary=summary)
        assert code == 1
        sizes[fmt] = len(out.encode())
        if fmt == "github":
            sizes["summary"] = summary.stat().st_size
    return sizes


def crowded_quarter_at(make_builder: Callable[[str], RoadmapBuilder], actions: int) -> RoadmapBuilder:
    builder = make_builder(f"crowded-{actions}")
    crowded_quarter(builder, actions)
    return builder


def test_output_grows_linearly_with_the_files_a_limit_problem_involves(make_builder, tmp_path: Path) -> None:
    """2,000 then 4,000 key actions in one quarter: each format's output at most about doubles (it was quadratic)."""
    small = output_sizes(crowded_quarter_at(make_builder, 2000), tmp_path)
    large = output_sizes(crowded_quarter_at(make_builder, 4000), tmp_path)
    for fmt, size in small.items():
        assert large[fmt] / size < 2.5, (fmt, size, large[fmt])


def test_a_limit_message_names_a_few_files_and_counts_the_rest(builder) -> None:
    """The message stays short; `related` (JSON) still lists every file; other files get a short notice each."""
    crowded_quarter(builder, 20)
    [problem] = builder.problems()
    assert problem.message.endswith(
        "action-00005.md and 15 more; move one to a quarter with room (Q2: 3 free, Q3: 3 free, Q4: 3 free) or drop it"
    ), problem.message
    assert problem.message.count("roadmap/") == 6 and len(problem.related) == 21
    lines = github_annotations([problem]).splitlines()
    assert len(lines) == 1 + MAX_ANNOTATIONS + 1
    assert lines[1] == (
        "::notice file=roadmap/2026/actions/marketing/action-00000.md,line=1,title=roadmap%3A quarter::part of the "
        f"problem at {problem.path}:{problem.line} (actions-per-department-quarter)"
    )
    assert lines[-1] == (
        "::warning title=roadmap::not annotated: 10 more files the problems involve (GitHub shows 10 annotations "
        "of each kind a step); the lines below list every problem"
    )


def test_annotations_stop_at_githubs_limit_and_say_how_many_are_left() -> None:
    """GitHub shows 10 errors a step: the rest are counted in one warning, and the text lines list all of them."""
    problems = [Problem(f"roadmap/2026/goals/g{n:02d}.md", 1, "title", "expected text, got none") for n in range(15)]
    lines = github_annotations(problems).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error"] * 10 + ["::warning"]
    assert "not annotated: 5 more problems (GitHub" in lines[-1]


def test_the_job_summary_stops_short_of_githubs_size_limit() -> None:
    """A summary over 1 MiB is dropped whole by GitHub: the table keeps the rows that fit and counts the rest."""
    problems = [Problem(f"roadmap/2026/goals/g{n:05d}.md", 1, "title", "x" * 400) for n in range(5000)]
    text = summary_markdown(problems)
    assert len(text.encode()) <= SUMMARY_BYTES + 1000
    assert re.search(r"\n… and [\d,]+ more problems: the step's log lists every one\.\n$", text)
