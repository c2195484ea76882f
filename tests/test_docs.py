"""The guide's examples run as tests, so docs/guide/ cannot drift from what `roadmap` does.

Check markers
-------------
A marker is one line of its own in docs/guide/*.md, an HTML comment (invisible on the site) placed
directly above a fenced code block (the fence opens on the very next line):

    <!-- check: file PATH [in SCENARIO] -->
        The block is the whole file written at PATH (relative to the repository root, like
        roadmap/2026/goals/x.md). A PATH that exists in the repository must be shown exactly as it is
        there: the guide quotes the example roadmap, and a change to an existing file is a patch.
    <!-- check: patch PATH [drop=KEY[,KEY...]] [in SCENARIO] -->
        The block is a ```yaml mapping. Each of its top-level keys replaces that key of PATH's
        front-matter (of the whole file for roadmap.yml) in place, keeping every other line where it
        was. A key PATH lacks is inserted right after the patch's previous key, so the patch's keys stay
        together as shown (at the end of the front-matter when it comes first). Each drop= key is
        removed; it must be there.
    <!-- check: output SCENARIO [ARG...] -->
        Runs a command in SCENARIO and compares its output exactly. The block is either a transcript,
        ```text whose first line is `$ roadmap COMMAND ARG...` (no shell operators), then the output
        as a terminal shows it (standard output and standard error, interleaved as printed), then
        `exit N` as the last line when the exit status N is not 0 (no such line means 0); or any other
        block (```json) holding only the standard output of `roadmap check ARG...`, whose exit status is
        then not shown and not compared. With a transcript, marker ARGs are optional and, when given,
        must repeat the transcript's `roadmap check` arguments.

Scenarios: the example roadmap (the repository's roadmap/ folder) is copied into a fresh folder, which
is the working directory of the command. SCENARIO `repo` is that copy unchanged. Any other name is
local to its page and collects the page's `in SCENARIO` files and patches in page order: an output
marker sees the changes written above it. A scenario with no output marker, and every file or patch
without `in SCENARIO` (each on its own copy), must pass `roadmap check` with exit status 0. A change
after a scenario's last output marker would never be checked, so it is an error.

Every command that takes --as-of gets `--as-of 2026-11-20` unless it gives its own; SOURCE_DATE_EPOCH
and GITHUB_STEP_SUMMARY are unset. Commands run in-process (click's CliRunner, program name `roadmap`).
A comment that starts with `check` but does not follow this grammar fails the tests; it is never skipped.

The CLI reference (docs/guide/cli.md) is checked against `--help`: one `## roadmap COMMAND` section per
command the group lists, each with a synopsis block (`roadmap COMMAND ...`) naming every option and a
section that spells out every long option; and every `roadmap ...` command written anywhere in the
guide or the README (inline code, `$ ` lines, synopses) names a real command and only options it has;
the README's other commands (pip, git, mkdocs) are the adoption test's (tests/site/browser/test_adoption.py).
The file format reference (docs/guide/file-format.md) is checked against `roadmap schema`: each mapping
of the schema has a `| Field | Type | Required |` table with exactly its keys.
"""

from __future__ import annotations

import contextlib
import json
import re
import shlex
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from roadmap_as_code.edges.cli import main

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "docs" / "guide"
CLI_PAGE = GUIDE / "cli.md"
FILE_FORMAT = GUIDE / "file-format.md"
AS_OF = "2026-11-20"
ENV: dict[str, str | None] = {"SOURCE_DATE_EPOCH": None, "GITHUB_STEP_SUMMARY": None}

CANDIDATE = re.compile(r"<!--\s*check\b", re.IGNORECASE)
MARKER = re.compile(r"<!-- check: (?P<body>\S.*?) -->")
SCENARIO_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
EXIT_LINE = re.compile(r"exit (?P<status>[0-9]+)")
TOP_KEY = re.compile(r"(?P<key>[A-Za-z_][\w-]*)\s*:(?:\s|$)")
OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
SHELL_OPERATORS = {">", ">>", "<", "|", "&&", ";"}


# --- reading the markers --------------------------------------------------------------------------


class MarkerError(Exception):
    """A marker or its block that does not follow the grammar of the module docstring."""


@dataclass(frozen=True)
class Block:
    info: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Marker:
    page: str
    line: int
    kind: str  # file | patch | output
    path: str  # file and patch: the file changed
    scenario: str | None  # file and patch: None stands alone; output: the scenario it runs in
    drop: tuple[str, ...]
    args: tuple[str, ...]  # output: the marker's arguments of `roadmap check`
    block: Block

    @property
    def where(self) -> str:
        return f"docs/guide/{self.page}:{self.line}"


def _block_after(lines: list[str], index: int) -> Block:
    """The fenced block that opens on line `index` (0-based)."""
    if index >= len(lines) or not lines[index].startswith("```") or lines[index].startswith("````"):
        raise MarkerError("expected a ``` fenced block on the next line")
    info = lines[index][3:].strip()
    for end in range(index + 1, len(lines)):
        if lines[end] == "```":
            return Block(info, tuple(lines[index + 1 : end]))
    raise MarkerError("the fenced block after the marker is never closed")


def _relative_path(text: str) -> str:
    path = Path(text)
    if path.is_absolute() or ".." in path.parts or text != path.as_posix():
        raise MarkerError(f"expected a path relative to the repository root, got {text!r}")
    return text


def _scenario(name: str) -> str:
    if not SCENARIO_NAME.fullmatch(name) or name == "repo":
        raise MarkerError(f"expected a scenario name (lower-case slug, not 'repo'), got {name!r}")
    return name


def _parse_change(kind: str, words: list[str]) -> tuple[str, str | None, tuple[str, ...]]:
    if not words:
        raise MarkerError(f"expected `{kind} PATH ...`, got no PATH")
    path, rest = _relative_path(words[0]), words[1:]
    scenario: str | None = None
    if len(rest) >= 2 and rest[-2] == "in":
        scenario, rest = _scenario(rest[-1]), rest[:-2]
    drop: tuple[str, ...] = ()
    if kind == "patch" and rest and rest[0].startswith("drop="):
        drop = tuple(rest[0].removeprefix("drop=").split(","))
        if not all(TOP_KEY.fullmatch(f"{key}:") for key in drop):
            raise MarkerError(f"expected drop=KEY[,KEY...], got {rest[0]!r}")
        rest = rest[1:]
    if rest:
        raise MarkerError(f"unexpected {' '.join(rest)!r} in a {kind} marker")
    return path, scenario, drop


def parse_marker(page: str, number: int, body: str, block: Block) -> Marker:
    """One marker line (its body after `check:`) and the block below it."""
    words = shlex.split(body)
    kind, rest = words[0], words[1:]
    if kind in ("file", "patch"):
        path, scenario, drop = _parse_change(kind, rest)
        marker = Marker(page, number, kind, path, scenario, drop, (), block)
        if kind == "patch":
            _patch_chunks(marker)  # a patch that cannot be applied is a marker error
        return marker
    if kind == "output":
        if not rest or not (rest[0] == "repo" or SCENARIO_NAME.fullmatch(rest[0])):
            raise MarkerError("expected `output SCENARIO [ARG...]`")
        marker = Marker(page, number, kind, "", rest[0], (), tuple(rest[1:]), block)
        expected_run(marker)  # a block that is neither transcript nor output is a marker error
        return marker
    raise MarkerError(f"expected file, patch or output after `check:`, got {kind!r}")


def read_markers(page: Path) -> tuple[list[Marker], list[str]]:
    """Every check marker of a guide page, and a located message for each one that does not parse."""
    lines = page.read_text(encoding="utf-8").split("\n")
    markers: list[Marker] = []
    errors: list[str] = []
    for index, line in enumerate(lines):
        if not CANDIDATE.search(line):
            continue
        where = f"docs/guide/{page.name}:{index + 1}"
        try:
            match = MARKER.fullmatch(line.strip())
            if match is None or not line.startswith("<!--"):
                raise MarkerError("expected a line of its own `<!-- check: KIND ... -->`")
            markers.append(parse_marker(page.name, index + 1, match["body"], _block_after(lines, index + 1)))
        except (MarkerError, ValueError, yaml.YAMLError) as exc:
            errors.append(f"{where}: {exc}: {line.strip()}")
    return markers, errors


# --- scenarios ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One test: changes applied in order to a fresh copy, then one output compared (or a clean check)."""

    name: str
    changes: tuple[Marker, ...]
    output: Marker | None


def plan_cases(markers: list[Marker]) -> tuple[list[Case], list[str]]:
    """The test cases the markers describe, and the changes no output would ever check."""
    cases: list[Case] = []
    errors: list[str] = []
    scenarios: dict[tuple[str, str], list[Marker]] = {}
    for marker in markers:
        if marker.kind != "output" and marker.scenario is None:
            cases.append(Case(f"{marker.page}:{marker.line}-{marker.kind}", (marker,), None))
        elif marker.kind == "output" and marker.scenario == "repo":
            cases.append(Case(f"{marker.page}:{marker.line}-output-repo", (), marker))
        else:
            scenarios.setdefault((marker.page, str(marker.scenario)), []).append(marker)
    for (page, scenario), steps in scenarios.items():
        changes = [step for step in steps if step.kind != "output"]
        outputs = [(i, step) for i, step in enumerate(steps) if step.kind == "output"]
        if not outputs:
            cases.append(Case(f"{page}:{scenario}-passes", tuple(changes), None))
            continue
        for index, output in outputs:
            before = tuple(step for step in steps[:index] if step.kind != "output")
            cases.append(Case(f"{page}:{output.line}-output-{scenario}", before, output))
        last = outputs[-1][0]
        errors += [f"{step.where}: changes {scenario} after its last output marker" for step in steps[last + 1 :]]
        if not changes:
            errors.append(f"{steps[0].where}: scenario {scenario} has no file or patch; use `output repo`")
    return cases, errors


# --- applying files and patches -------------------------------------------------------------------


def _chunks(lines: list[str] | tuple[str, ...]) -> list[tuple[str | None, list[str]]]:
    """YAML lines grouped by top-level key: a key's line and the indented, list or blank lines after it."""
    chunks: list[tuple[str | None, list[str]]] = []
    for line in lines:
        match = TOP_KEY.match(line)
        if match:
            chunks.append((match["key"], [line]))
        elif chunks:
            chunks[-1][1].append(line)
        else:
            chunks.append((None, [line]))
    return chunks


def _patch_chunks(marker: Marker) -> list[tuple[str | None, list[str]]]:
    if marker.block.info != "yaml":
        raise MarkerError(f"expected a ```yaml block after a patch marker, got ```{marker.block.info}")
    mapping = yaml.safe_load("\n".join(marker.block.lines))
    chunks = _chunks(marker.block.lines)
    if not isinstance(mapping, dict) or [key for key, _ in chunks] != list(mapping):
        raise MarkerError("expected the patch to be a YAML mapping of top-level keys")
    return chunks


def _split_file(path: Path) -> tuple[list[str], list[str], list[str]]:
    """Head, YAML lines, tail: the front-matter of a Markdown file, or the whole of a YAML file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if path.suffix != ".md":
        return [], lines, []
    if lines[0] != "---" or "---" not in lines[1:]:
        raise MarkerError(f"{path.name} has no front-matter between --- lines to patch")
    close = lines.index("---", 1)
    return lines[:1], lines[1:close], lines[close:]


def apply_patch(root: Path, marker: Marker) -> None:
    """Replace, add or drop top-level keys in place, then confirm YAML reads the patch as intended."""
    target = root / marker.path
    if not target.is_file():
        raise MarkerError(f"{marker.where}: patch names {marker.path}, which does not exist")
    head, yaml_lines, tail = _split_file(target)
    chunks = _chunks(yaml_lines)
    keys = [key for key, _ in chunks]
    for dropped in marker.drop:
        if dropped not in keys:
            raise MarkerError(f"{marker.where}: drop={dropped}, but {marker.path} has no key {dropped!r}")
        del chunks[keys.index(dropped)]
        keys.remove(dropped)
    previous: str | None = None
    for key, lines in _patch_chunks(marker):
        if key in keys:
            chunks[keys.index(key)] = (key, lines)
        else:
            at = keys.index(previous) + 1 if previous else len(keys)
            chunks.insert(at, (key, lines))
            keys.insert(at, key)
        previous = key
    patched = [line for _, lines in chunks for line in lines]
    expected = {k: v for k, v in yaml.safe_load("\n".join(yaml_lines)).items() if k not in marker.drop}
    expected.update(yaml.safe_load("\n".join(marker.block.lines)))
    assert yaml.safe_load("\n".join(patched)) == expected, f"{marker.where}: the patch did not apply cleanly"
    target.write_text("\n".join(head + patched + tail), encoding="utf-8")


def write_file(root: Path, marker: Marker) -> None:
    text = "\n".join(marker.block.lines) + "\n"
    original = REPO / marker.path
    if original.is_file():
        assert text == original.read_text(encoding="utf-8"), (
            f"{marker.where}: the guide quotes {marker.path}, but the file in the repository differs; "
            "show it as it is (or change it with a patch marker)"
        )
    target = root / marker.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def example_copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "roadmap", root / "roadmap")
    return root


# --- running commands -----------------------------------------------------------------------------


def _command(name: str) -> click.Command:
    command = main.commands.get(name) if isinstance(main, click.Group) else None
    if command is None:
        raise MarkerError(f"`roadmap {name}` is not a command")
    return command


def with_as_of(args: list[str]) -> list[str]:
    """The arguments, pinned to the tests' as-of date when the command takes --as-of and gives none."""
    takes_as_of = bool(args) and any("--as-of" in param.opts for param in _command(args[0]).params)
    given = any(arg == "--as-of" or arg.startswith("--as-of=") for arg in args)
    return [*args, "--as-of", AS_OF] if takes_as_of and not given else args


def run_roadmap(root: Path, args: list[str]) -> tuple[int, str]:
    """Exit status and terminal output (stdout and stderr as printed) of `roadmap ARGS` run in root."""
    with contextlib.chdir(root):
        result = CliRunner(env=ENV).invoke(main, with_as_of(args), prog_name="roadmap", catch_exceptions=False)
    return result.exit_code, result.output


@dataclass(frozen=True)
class ExpectedRun:
    args: list[str]
    output: str
    status: int | None  # None: not shown in the guide, not compared


def expected_run(marker: Marker) -> ExpectedRun:
    """What an output marker's block says: the command, its exact output and exit status."""
    lines = list(marker.block.lines)
    if not (lines and lines[0].startswith("$ ")):
        if marker.block.info in ("", "text", "console"):
            raise MarkerError("expected the ```text block to start with `$ roadmap COMMAND ...`")
        return ExpectedRun(["check", *marker.args], "\n".join(lines) + "\n", None)
    words = shlex.split(lines[0][2:])
    if words[:1] != ["roadmap"] or len(words) < 2 or SHELL_OPERATORS & set(words):
        raise MarkerError(f"expected `$ roadmap COMMAND ARG...` without shell operators, got {lines[0]!r}")
    _command(words[1])
    if marker.args and words[1:] != ["check", *marker.args]:
        raise MarkerError(f"the marker's arguments {' '.join(marker.args)!r} differ from {lines[0]!r}")
    status = 0
    if len(lines) > 1 and (exit_line := EXIT_LINE.fullmatch(lines[-1])):
        status = int(exit_line["status"])
        if status == 0:
            raise MarkerError("leave out `exit 0`: a transcript without an exit line means status 0")
        lines.pop()
    output = lines[1:]
    return ExpectedRun(words[1:], "\n".join(output) + "\n" if output else "", status)


PAGES = sorted(GUIDE.glob("*.md"))
PARSED = {page.name: read_markers(page) for page in PAGES}
MARKERS = [marker for markers, _ in PARSED.values() for marker in markers]
CASES, PLAN_ERRORS = plan_cases(MARKERS)


# --- the tests: markers ---------------------------------------------------------------------------


def test_every_check_marker_in_the_guide_parses() -> None:
    """A marker the test cannot read fails, never silently skipped; each page's markers are all read."""
    errors = [error for _, page_errors in PARSED.values() for error in page_errors] + PLAN_ERRORS
    assert not errors, "\n".join(errors)
    for page in PAGES:
        candidates = len(CANDIDATE.findall(page.read_text(encoding="utf-8")))
        assert candidates == len(PARSED[page.name][0]), page.name
    assert {"cli.md", "limits.md", "file-format.md", "contributing.md"} <= {m.page for m in MARKERS}
    assert {"file", "patch", "output"} == {m.kind for m in MARKERS}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_guide_example(case: Case, tmp_path: Path) -> None:
    """Each example of the guide does what the guide says: its files pass, its outputs are exact."""
    root = example_copy(tmp_path)
    for change in case.changes:
        if change.kind == "file":
            write_file(root, change)
        else:
            apply_patch(root, change)
    if case.output is None:
        status, output = run_roadmap(root, ["check"])
        where = ", ".join(change.where for change in case.changes)
        assert status == 0, f"{where}: the example roadmap with this change fails `roadmap check`:\n{output}"
        return
    expected = expected_run(case.output)
    status, output = run_roadmap(root, expected.args)
    assert output == expected.output, f"{case.output.where}: `roadmap {' '.join(expected.args)}` printed otherwise"
    if expected.status is not None:
        assert status == expected.status, f"{case.output.where}: exit status {status}, the guide says {expected.status}"


# --- the tests: the CLI reference against --help --------------------------------------------------


def _help(*args: str) -> str:
    result = CliRunner(env=ENV).invoke(main, [*args, "--help"], prog_name="roadmap", terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.output


def _help_section(text: str, title: str) -> list[str]:
    lines = text.split("\n")
    start = lines.index(f"{title}:") + 1
    end = next((i for i in range(start, len(lines)) if lines[i] and not lines[i].startswith(" ")), len(lines))
    return lines[start:end]


def help_commands() -> list[str]:
    """The commands `roadmap --help` lists."""
    return [line.split()[0] for line in _help_section(_help(), "Commands") if line.startswith("  ") and line.strip()]


def help_options(*command: str) -> list[tuple[str, ...]]:
    """Each option of `roadmap [COMMAND] --help` as its names (`-f`, `--config-file`), --help left out."""
    options = []
    for line in _help_section(_help(*command), "Options"):
        match = re.match(r"  (-[\w-]+(?:, -[\w-]+)*)", line)
        if match and "--help" not in match[1]:
            options.append(tuple(match[1].split(", ")))
    return options


COMMANDS = help_commands()


def cli_sections() -> dict[str, str]:
    """The text of each `## roadmap COMMAND` section of the CLI reference, by command."""
    parts = re.split(r"^## ", CLI_PAGE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {part.split("\n", 1)[0].removeprefix("roadmap ").strip(): part for part in parts[1:]}


def synopsis(section: str, command: str) -> str:
    """The first line of the section's first fenced block: the command's synopsis."""
    match = re.search(r"^```\w*\n(.*)$", section, flags=re.MULTILINE)
    assert match and match[1].startswith(f"roadmap {command}"), f"section roadmap {command}: no synopsis block first"
    return match[1]


def test_cli_reference_has_one_section_per_command_the_group_lists() -> None:
    """cli.md documents every command of `roadmap --help`, in the overview table and a section, and no other."""
    assert {"check", "schema", "build", "export", "export-data", "diff"} <= set(COMMANDS)
    assert sorted(cli_sections()) == sorted(COMMANDS)
    overview = re.findall(
        r"^\| \[`roadmap ([\w-]+)`\]\(#roadmap-([\w-]+)\)", CLI_PAGE.read_text(encoding="utf-8"), re.M
    )
    assert sorted(overview) == sorted((command, command) for command in COMMANDS)
    intro = CLI_PAGE.read_text(encoding="utf-8").split("\n## ", 1)[0]
    group_options = [name for names in help_options() for name in names if name.startswith("--")]
    assert group_options == ["--version"]
    assert "`roadmap --version`" in intro
    assert "`roadmap --help`" in intro
    assert "`roadmap COMMAND --help`" in intro


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_reference_documents_every_option_of(command: str) -> None:
    """The synopsis names each argument and option of `roadmap COMMAND --help`, the section each long name."""
    section = cli_sections().get(command)
    assert section is not None, f"cli.md has no section `## roadmap {command}`"
    line = synopsis(section, command)
    usage = _help(command).split("\n", 1)[0]
    assert set(re.findall(r"\[([A-Z]+)\]", line)) == set(re.findall(r"\[([A-Z]+)\]", usage)) - {"OPTIONS"}, usage
    shown = set(OPTION.findall(line))
    missing = []
    for names in help_options(command):
        if not shown & set(names):
            missing.append(f"the synopsis `{line}` misses {' / '.join(names)}")
        missing += [
            f"the section never spells out {name}"
            for name in names
            if name.startswith("--") and not re.search(rf"(?<![\w-]){name}(?![\w-])", section)
        ]
    assert not missing, f"cli.md, roadmap {command}: " + "; ".join(missing)


def _code_spans(text: str, fenced: bool = True) -> Iterator[str]:
    """A Markdown text's inline code spans (joined when they wrap) and, if fenced, its fenced blocks' lines."""
    for index, part in enumerate(re.split(r"^```.*$", text, flags=re.MULTILINE)):
        if index % 2 == 0:
            yield from (" ".join(span.split()) for span in re.findall(r"`([^`]+)`", part))
        elif fenced:
            yield from part.strip("\n").split("\n")


def guide_commands() -> Iterator[tuple[str, str, list[str]]]:
    """Every `roadmap ...` written in the guide or the README (inline code, `$ ` lines, synopses): page, text,
    words."""
    for page in [*PAGES, REPO / "README.md"]:
        for span in _code_spans(page.read_text(encoding="utf-8")):
            command = re.sub(r"^\$ |^\S*/bin/", "", span)
            if re.match(r"roadmap (?:[a-z][\w-]*|COMMAND|-)(?:\s|$)", command):
                yield page.name, span, command.split()[1:]


def valid_options() -> dict[str, set[str]]:
    """The option names each command accepts ("" is the group itself, COMMAND any command)."""
    valid = {"": {"--version", "--help", "-h"}, "COMMAND": {"--help", "-h"}}
    for command in COMMANDS:
        valid[command] = {"--help", "-h"} | {name for names in help_options(command) for name in names}
    return valid


def test_the_guide_names_no_command_or_option_that_does_not_exist() -> None:
    """Every `roadmap COMMAND --option` in the guide, and every `--option` of a cli.md section, is real."""
    valid = valid_options()
    wrong: list[str] = []
    found: set[str] = set()
    for page, span, words in guide_commands():
        command = "" if words[0].startswith("-") else words[0]
        found.add(command)
        if command not in valid:
            wrong.append(f"{page}: `{span}`: roadmap has no command {command!r}")
            continue
        unknown = set(OPTION.findall(" ".join(words if not command else words[1:]))) - valid[command]
        wrong += [f"{page}: `{span}`: roadmap {command} has no option {option}" for option in sorted(unknown)]
    for command, section in cli_sections().items():
        for span in _code_spans(section.split("\n", 1)[1], fenced=False):
            if span.startswith("-"):  # an option named on its own, as in the option tables
                unknown = set(OPTION.findall(span)) - valid.get(command, set())
                wrong += [f"cli.md, roadmap {command}: `{span}`: no option {option}" for option in sorted(unknown)]
    assert not wrong, "\n".join(wrong)
    assert set(COMMANDS) <= found


# --- the tests: the file format reference against the JSON Schema ---------------------------------


def documented_field_groups() -> list[set[str]]:
    """The fields of each `| Field | Type | Required |` table of file-format.md, split by prefix.

    The roadmap.yml table holds three groups: `organisation`..., `departments[].id`..., `limits.goals_per_year`...
    """
    groups: list[set[str]] = []
    for table in re.findall(
        r"^\| Field \| Type \| Required \|.*\n\|[-|]+\n((?:\|.*\n)+)", FILE_FORMAT.read_text(encoding="utf-8"), re.M
    ):
        by_prefix: dict[str, set[str]] = {}
        for row in table.splitlines():
            match = re.match(r"\| `([\w.\[\]]+)` \|", row)
            assert match, f"file-format.md: a field row without a `field` first: {row}"
            prefix, _, name = match[1].rpartition(".")
            by_prefix.setdefault(prefix, set()).add(name)
        groups += by_prefix.values()
    return groups


def test_the_file_format_reference_has_a_table_for_every_mapping_of_the_schema() -> None:
    """Each mapping of `roadmap schema` (settings, goal, milestone, key action, metric, budget, ...) has a
    field table in file-format.md with exactly its keys, and no table documents a key no mapping has."""
    result = CliRunner(env=ENV).invoke(main, ["schema"], prog_name="roadmap")
    definitions = json.loads(result.output)["$defs"].values()
    mappings = [set(d["properties"]) for d in definitions if d.get("type") == "object"]
    documented = documented_field_groups()
    assert len(mappings) >= 7
    missing = [sorted(keys) for keys in mappings if keys not in documented]
    assert not missing, f"file-format.md has no field table for these keys: {missing}"
    unknown = [sorted(keys) for keys in documented if keys not in mappings]
    assert not unknown, f"file-format.md documents keys no file has: {unknown}"
