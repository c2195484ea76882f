"""Reading one file strictly: golden bad inputs with their exact messages, and the parsing traps one by one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmap_as_code.edges.cli import main
from roadmap_as_code.errors import InvalidRoadmap
from roadmap_as_code.model.fields import GoalFields, MetricFields, MilestoneFields
from roadmap_as_code.reading.field_problems import validate
from roadmap_as_code.reading.frontmatter import MAX_FILE_BYTES, read_source
from roadmap_as_code.reading.strict_yaml import MAX_DEPTH, YamlTextError, parse_yaml, resolve_plain
from tests.helpers import PINNED, RoadmapBuilder, golden_text

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(
    p.relative_to(GOLDEN).as_posix()
    for kind in ("bad", "accepted")
    for p in GOLDEN.glob(f"{kind}/*")
    if (p / "roadmap").is_dir()
)


def test_golden_cases_exist() -> None:
    """The golden folder holds every hostile input of the issue (guards against a glob that finds nothing)."""
    assert len([c for c in CASES if c.startswith("bad/")]) >= 25
    assert {"accepted/utf8-bom", "accepted/crlf-line-ends"} <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_golden_check_output(case: str, builder: RoadmapBuilder) -> None:
    """`roadmap check --as-of 2026-11-20` prints exactly expected.txt for the case's files over a tiny valid roadmap.

    bad/* cases exit 1; accepted/* cases (BOM, CRLF) pass. ROADMAP_UPDATE_GOLDEN=1 rewrites expected.txt and
    fails the test; read every changed file, then run again without it. (How fast the hostile cases are
    refused is measured by `python -m bench --only hostile`, not asserted here.)
    """
    folder = GOLDEN / case
    builder.valid()
    shutil.copytree(folder / "roadmap", builder.content, dirs_exist_ok=True)
    result = CliRunner().invoke(main, ["check", str(builder.root), *PINNED])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.output == golden_text(folder / "expected.txt", result.output)
    assert result.exit_code == (1 if case.startswith("bad/") else 0)


def _write(tmp_path: Path, data: bytes, name: str = "goal.md") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


CLEAN = (
    b"---\ntitle: Grow revenue\nowner: CEO\nmetric:\n  name: ARR\n  unit: M EUR\n  baseline: 1\n  target: "
    b"2\n---\nWhy it matters.\n\nMore.\n"
)


def _same_source(a, b) -> None:
    assert (a.data, a.lines, a.start_line, a.body, a.body_line) == (b.data, b.lines, b.start_line, b.body, b.body_line)


def test_utf8_bom_parses_the_same_as_a_clean_file(tmp_path: Path) -> None:
    """A UTF-8 BOM is accepted and dropped: same values, lines and body as without it."""
    clean = read_source(_write(tmp_path, CLEAN), "goal.md")
    bom = read_source(_write(tmp_path, b"\xef\xbb\xbf" + CLEAN, "bom.md"), "goal.md")
    assert clean.data["title"] == "Grow revenue"
    _same_source(bom, clean)


def test_crlf_parses_the_same_as_lf_with_the_same_lines(tmp_path: Path) -> None:
    """CRLF (and lone CR) line ends are accepted; every key keeps its line."""
    clean = read_source(_write(tmp_path, CLEAN), "goal.md")
    _same_source(read_source(_write(tmp_path, CLEAN.replace(b"\n", b"\r\n"), "crlf.md"), "goal.md"), clean)
    _same_source(read_source(_write(tmp_path, CLEAN.replace(b"\n", b"\r"), "cr.md"), "goal.md"), clean)
    assert clean.line_of("metric", "target") == 8


def test_lines_are_file_lines_after_blank_lines_before_the_front_matter(tmp_path: Path) -> None:
    """Blank lines before the opening `---` shift every reported line: the lines are real file lines."""
    source = read_source(_write(tmp_path, b"\n\n" + CLEAN), "goal.md")
    assert source.start_line == 3
    assert source.line_of("title") == 4
    assert source.line_of("metric", "unit") == 8
    assert source.line_of("no-such-key") == 3
    assert source.body == "Why it matters.\n\nMore."


@pytest.mark.parametrize(
    "text",
    ["NO", "no", "off", "On", "yes", "y", "1:30", "010", "0x1F", "0o17", "0b101", ".inf", "2026-01-05", "12:00:00"],
)
def test_yaml_11_lookalikes_stay_text(text: str) -> None:
    """Plain scalars follow YAML 1.2 core: booleans, sexagesimals, octal/hex and dates of YAML 1.1 stay text."""
    assert resolve_plain(text) == text
    assert parse_yaml(f"key: {text}\n").value == {"key": text}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("-3", -3),
        ("2.5", 2.5),
        ("1e3", 1000.0),
        ("true", True),
        ("false", False),
        ("~", None),
        ("null", None),
        ("", None),
    ],
)
def test_plain_numbers_booleans_and_null_of_yaml_12_core(text: str, value: object) -> None:
    """What YAML 1.2 core does type is typed: decimal numbers, true/false and null."""
    assert resolve_plain(text) == value and type(resolve_plain(text)) is type(value)


def test_title_no_is_the_text_no(tmp_path: Path) -> None:
    """`title: NO` is the title "NO", not the boolean false (the Norway problem)."""
    source = read_source(_write(tmp_path, b"---\ntitle: NO\nowner: off\n---\n"), "goal.md")
    fields, problems = validate(GoalFields, source.data, "goal.md", source.line_of)
    assert problems == []
    assert fields is not None
    assert (fields.title, fields.owner) == ("NO", "off")


@pytest.mark.parametrize(
    ("field", "text", "hint"),
    [
        ("baseline", "010", "leading zeros"),
        ("baseline", "0x1F", "hexadecimal"),
        ("baseline", "0o17", "octal"),
        ("baseline", "1:30", "base-60"),
        ("baseline", "NO", ""),
        ("baseline", "off", ""),
        ("baseline", '"12"', "remove the quotes"),
        ("baseline", "1,200", "separators"),
    ],
)
def test_yaml_11_numbers_in_number_fields_are_errors(field: str, text: str, hint: str) -> None:
    """A number field refuses text that YAML 1.1 would have turned into a number or boolean, saying why."""
    data = parse_yaml(f"name: n\nunit: u\ntarget: 1\n{field}: {text}\n").value
    fields, problems = validate(MetricFields, data, "goal.md", lambda *key: 4)
    assert fields is None
    [problem] = problems
    assert (problem.field, problem.line) == (field, 4)
    assert problem.message.startswith("expected a number, got '")
    assert hint in problem.message


@pytest.mark.parametrize(
    ("field", "text"), [("status", "off"), ("status", "NO"), ("quarter", "1"), ("health", "yes"), ("health", "true")]
)
def test_yaml_11_words_in_enum_fields_are_errors(field: str, text: str) -> None:
    """Enum fields accept only their listed words; `off`, `NO`, `yes` are neither booleans nor accepted."""
    data = {
        "title": "t",
        "quarter": "Q1",
        "due": "2026-03-01",
        "owner": "o",
        "status": "not-started",
        "success_criteria": ["c"],
    }
    data[field] = parse_yaml(f"v: {text}").value["v"]
    _, problems = validate(MilestoneFields, data, "m.md", lambda *key: 1)
    assert [p.field for p in problems] == [field]
    assert problems[0].message.startswith("expected one of ")


def test_duplicate_keys_name_both_real_lines(tmp_path: Path) -> None:
    """A repeated key is an error located at the second occurrence that names the file line of the first."""
    with pytest.raises(InvalidRoadmap) as caught:
        read_source(_write(tmp_path, b"\n---\ntitle: a\nmetric:\n  name: x\n  name: y\n---\n"), "goal.md")
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (6, "metric.name")
    assert "first on line 5" in problem.message


def test_impossible_date_is_located(tmp_path: Path) -> None:
    """2026-02-30 is refused as a date, at the line of `due`."""
    source = read_source(_write(tmp_path, b"---\ntitle: t\nquarter: Q1\ndue: 2026-02-30\n---\n"), "m.md")
    _, problems = validate(MilestoneFields, source.data, "m.md", source.line_of)
    due = [p for p in problems if p.field == "due"]
    assert [(p.line, p.message) for p in due] == [
        (4, "expected a real calendar date, got '2026-02-30' (day is out of range for month)")
    ]


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['true']",
        "!!python/name:os.system",
        "!!binary aGk=",
        "!!set {a, b}",
        "!!str 12",
        "!!int '3'",
        "!custom x",
    ],
)
def test_yaml_tags_are_refused(tag: str) -> None:
    """Any explicit tag is refused before a value is built (nothing is constructed or executed)."""
    with pytest.raises(YamlTextError) as caught:
        parse_yaml(f"title: t\nowner: {tag}\n")
    assert caught.value.issue.line == 2 and "YAML tag" in caught.value.issue.message


def test_billion_laughs_is_refused_at_once() -> None:
    """An alias bomb is refused at its first anchor, long before any expansion."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(20)]
    with pytest.raises(YamlTextError) as caught:
        parse_yaml("\n".join(lines))
    assert caught.value.issue.line == 1 and "anchor '&a'" in caught.value.issue.message


def test_alias_without_anchor_is_refused() -> None:
    """An alias is refused on its own too (undefined or not)."""
    with pytest.raises(YamlTextError, match=r"alias '\*x'"):
        parse_yaml("title: *x\n")


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_nesting_deeper_than_the_limit_is_refused_without_a_crash(opening: str) -> None:
    """Nesting is capped at MAX_DEPTH levels; 100,000 levels neither crash nor hang."""
    ok = "x: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert parse_yaml(ok).value is not None
    for depth in (MAX_DEPTH, 20, 100_000):
        with pytest.raises(YamlTextError, match="levels of nesting"):
            parse_yaml("x: " + opening * depth)


def test_file_over_the_size_cap_is_refused_before_reading(tmp_path: Path) -> None:
    """A file over MAX_FILE_BYTES is one problem on line 1; a file exactly at the cap is read."""
    head = b"---\ntitle: t\nowner: o\n---\n"
    at_cap = _write(tmp_path, head + b"x" * (MAX_FILE_BYTES - len(head)))
    assert read_source(at_cap, "goal.md").data == {"title": "t", "owner": "o"}
    with pytest.raises(InvalidRoadmap) as caught:
        read_source(_write(tmp_path, head + b"x" * (MAX_FILE_BYTES + 1 - len(head))), "goal.md")
    assert [(p.line, p.field, p.rule) for p in caught.value.problems] == [(1, "file", "size")]


def test_non_utf8_byte_is_located_by_line_and_column(tmp_path: Path) -> None:
    """A latin-1 byte is reported at its real line and column, asking for UTF-8."""
    with pytest.raises(InvalidRoadmap) as caught:
        read_source(_write(tmp_path, b"---\ntitle: t\nowner: Ren\xe9e\n---\n"), "goal.md")
    [problem] = caught.value.problems
    assert str(problem) == "goal.md:3: file: expected UTF-8 text, got byte 0xE9 at column 11; save the file as UTF-8"


def test_control_character_is_located_at_its_real_line(tmp_path: Path) -> None:
    """A NUL or other control character is reported at its own line, after the front-matter offset."""
    with pytest.raises(InvalidRoadmap) as caught:
        read_source(_write(tmp_path, "\n---\ntitle: é\nowner: a\x00b\n---\n".encode()), "goal.md")
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (4, "yaml")
    assert "U+0000" in problem.message


def test_unicode_line_separators_inside_values_keep_real_lines(tmp_path: Path) -> None:
    """libyaml counts NEL/LS/PS as line breaks; reported lines still count only real line ends."""
    source = read_source(
        _write(tmp_path, '---\ntitle: "a\u2028b\x85c"\nowner: o\nmetric: x\n---\n'.encode()), "goal.md"
    )
    assert source.data["title"].startswith("a\u2028b")  # YAML folds the NEL inside double quotes
    assert (source.line_of("owner"), source.line_of("metric")) == (3, 4)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (b"", 1, "got an empty file"),
        (b"\n\n", 1, "got an empty file"),
        (b"title: t\n", 1, "expected the file to start with a '---' line"),
        (b"---\ntitle: t\n", 1, "expected a closing '---' line for the front-matter opened on line 1"),
        (b"\n---\n---\n", 2, "got an empty front-matter"),
        (b"---\n- a\n---\n", 2, "got a list"),
        (b"---\njust words\n---\n", 2, "got the single value 'just words'"),
        (b"---\n? [a]\n: b\n---\n", 2, "expected a plain text key"),
        (b'---\n"": a\n---\n', 2, "got an empty key"),
    ],
)
def test_front_matter_shape_problems_are_located(tmp_path: Path, text: bytes, line: int, message: str) -> None:
    """What python-frontmatter silently turns into empty metadata is a located problem here."""
    with pytest.raises(InvalidRoadmap) as caught:
        read_source(_write(tmp_path, text), "goal.md")
    [problem] = caught.value.problems
    assert problem.line == line and message in problem.message


def test_closing_dots_end_the_front_matter_and_the_body_is_kept(tmp_path: Path) -> None:
    """`...` closes the front-matter like `---`; everything after it is the body, with its line."""
    source = read_source(_write(tmp_path, b"---\ntitle: t\n...\n\nBody line.\n---\nnot front-matter\n"), "goal.md")
    assert source.data == {"title": "t"}
    assert source.body == "Body line.\n---\nnot front-matter"
    assert source.body_line == 5  # the body's first line: blank lines after the front-matter are not part of it
