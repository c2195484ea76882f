"""Property tests: whatever a file holds, reading and checking end in a model or located problems, never a crash."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.errors import InvalidRoadmap, Problem
from roadmap_as_code.model import Roadmap
from roadmap_as_code.model.fields import KINDS
from roadmap_as_code.reading.field_problems import validate
from roadmap_as_code.reading.frontmatter import read_source
from tests.helpers import AS_OF, RoadmapBuilder

BOUNDED = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
LIGHT = settings(BOUNDED, max_examples=100)  # each example writes a whole roadmap
GOAL = "2026/goals/grow-revenue.md"
FIELDS = sorted(
    {name for model in KINDS.values() for name in model.model_fields}
    | {"name", "unit", "baseline", "target", "current", "planned", "actual", "id"}
)
TRAPS = [
    "NO",
    "off",
    "yes",
    "1:30",
    "010",
    "0x1F",
    "0o17",
    "2026-02-30",
    "2026-03-15",
    "Q1",
    "Q5",
    "completed",
    "~",
    "null",
    ".inf",
    "&a",
    "*a",
    "!!binary",
    "!!python/object/apply:os.system",
    "!!set",
    "---",
    "...",
    "%YAML 1.1",
    "? ",
    "|",
    ">-",
    "#",
    "\t",
    "\ufeff",
    "\u2028",
    "\x85",
    "\x00",
]
KEY_TRAPS = ["[a]", "{a: 1}", "? a", "? [a]", "&x a", "*x", "!!str k", '"q"', "'q'", "title", '""', "<<", "a: b: c"]

yamlish = st.lists(
    st.tuples(
        st.sampled_from(["", "  ", "    ", "- ", "  - "]),
        st.one_of(st.sampled_from(FIELDS), st.sampled_from(KEY_TRAPS), st.text(max_size=8)),
        st.sampled_from([": ", ":", " ", ": [", ": {", ": '", ': "', "\n"]),
        st.one_of(st.sampled_from(TRAPS), st.text(max_size=20), st.integers().map(str)),
    ).map("".join),
    max_size=12,
).map("\n".join)

leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), st.dates(), st.sampled_from(TRAPS)
)
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), inner, max_size=4),
    ),
    max_leaves=8,
)
mappings = st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)), values, max_size=8)
dumped = st.builds(
    lambda data, unicode, flow: yaml.safe_dump(data, allow_unicode=unicode, default_flow_style=flow, sort_keys=False),
    mappings,
    st.booleans(),
    st.sampled_from([None, False, True]),
)


@pytest.fixture(scope="module")
def base(make_builder: Callable[[str | Path], RoadmapBuilder]) -> Path:
    """A tiny valid roadmap to lay one hostile file over (copied per test, overwritten per example)."""
    return make_builder("property-base").valid().root


@pytest.fixture
def tree(base: Path, tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    shutil.copytree(base, root)
    return root


def _lines_in(raw: bytes) -> int:
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def _assert_well_formed(problems: tuple[Problem, ...] | list[Problem], rel: str, raw: bytes) -> None:
    """Problems have the one shape `path:line: field: expected X, got Y`, at a line that exists in the file."""
    assert problems
    for problem in problems:
        assert problem.field and problem.message.startswith("expected "), problem
        if problem.path == rel:
            assert 1 <= problem.line <= _lines_in(raw), (problem, raw)


def _read_and_validate(path: Path, raw: bytes) -> None:
    path.write_bytes(raw)
    try:
        source = read_source(path, "f.md")
    except InvalidRoadmap as exc:
        _assert_well_formed(exc.problems, "f.md", raw)
        return
    for model in KINDS.values():
        fields, problems = validate(model, source.data, "f.md", source.line_of)
        assert (fields is None) == bool(problems)
        if problems:
            _assert_well_formed(problems, "f.md", raw)


def _check(root: Path, rel: str, raw: bytes) -> None:
    (root / "roadmap" / rel).write_bytes(raw)
    try:
        assert isinstance(check_roadmap(root / "roadmap", root, AS_OF), Roadmap)
    except InvalidRoadmap as exc:
        _assert_well_formed(exc.problems, f"roadmap/{rel}", raw)


def _front_matter(text: str) -> bytes:
    return f"---\n{text}\n---\nBody.\n".encode("utf-8", "surrogatepass")


@BOUNDED
@given(text=yamlish)
def test_random_yamlish_front_matter_ends_in_a_model_or_problems(tree: Path, text: str) -> None:
    """YAML-ish text full of YAML 1.1 traps, tags, anchors and stray delimiters never raises anything else."""
    raw = _front_matter(text)
    _read_and_validate(tree / "f.md", raw)
    _check(tree, GOAL, raw)


@BOUNDED
@given(text=dumped)
def test_random_dumped_mappings_end_in_a_model_or_problems(tree: Path, text: str) -> None:
    """Any mapping PyYAML can dump (nested lists and dicts, dates, floats, odd keys) reads to a model or problems."""
    raw = _front_matter(text)
    _read_and_validate(tree / "f.md", raw)
    _check(tree, "2026/milestones/grow-revenue/more-leads.md", raw)


@BOUNDED
@given(raw=st.one_of(st.binary(max_size=300), st.binary(max_size=300).map(lambda b: b"---\n" + b + b"\n---\n")))
def test_random_bytes_end_in_a_model_or_problems(tree: Path, raw: bytes) -> None:
    """Random bytes (bad UTF-8, NUL, CR, BOMs) as a file, or as the front-matter between delimiters."""
    _read_and_validate(tree / "f.md", raw)
    _check(tree, "2026/actions/sales/hire-closers.md", raw)


@LIGHT
@given(text=dumped)
def test_random_settings_end_in_a_model_or_problems(tree: Path, text: str) -> None:
    """roadmap.yml holding any dumped mapping yields settings or problems."""
    _check(tree, "roadmap.yml", text.encode())


ids = st.sampled_from(["a", "b", "c", "d", "e", "f"])
milestones = st.fixed_dictionaries(
    {
        "quarter": st.integers(1, 4),
        "due": st.dates(date(2025, 12, 1), date(2027, 1, 31)),
        "status": st.sampled_from(["not-started", "in-progress", "completed"]),
        "completed": st.none() | st.dates(date(2026, 1, 1), date(2026, 12, 31)),
        "depends_on": st.lists(ids, max_size=3),
    }
)


@LIGHT
@given(
    goals=st.dictionaries(
        st.sampled_from(["g1", "g2", "g3", "g4"]), st.dictionaries(ids, milestones, max_size=6), min_size=1, max_size=4
    ),
    actions=st.lists(
        st.tuples(
            st.sampled_from(["marketing", "Marketing", "sales", "finance", "\ufb01nance"]),
            st.integers(1, 4),
            st.lists(ids, max_size=2),
        ),
        max_size=8,
    ),
    limit=st.integers(1, 4),
)
def test_random_valid_files_in_any_combination_end_in_a_model_or_problems(
    make_builder: Callable[[str | Path], RoadmapBuilder], goals: dict, actions: list, limit: int
) -> None:
    """Well-formed files combined at random (cycles, duplicate ids, look-alike folders, limits) never crash a rule."""
    builder = make_builder("combo")
    builder.settings(departments=("marketing", "sales", "finance"), limits={"goals_per_year": limit})
    for goal_id, items in goals.items():
        builder.goal(goal_id)
        for milestone_id, fields in items.items():
            fields = dict(fields)
            builder.milestone(
                goal_id,
                f"{goal_id}-{milestone_id}" if milestone_id in "ab" else milestone_id,
                quarter=fields.pop("quarter"),
                **fields,
            )
    for i, (department, quarter, supports) in enumerate(actions):
        builder.action(department, f"action-{i}", quarter=quarter, supports=supports)
    try:
        check_roadmap(builder.content, builder.root, AS_OF)
    except InvalidRoadmap as exc:
        for problem in exc.problems:
            assert problem.message.startswith("expected ") and problem.line >= 1, problem
