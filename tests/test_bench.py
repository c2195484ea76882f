"""The benchmark's roadmaps stay what it means to time: a clean check of the synthetic roadmap, and the refusal of
each hostile YAML case."""

from __future__ import annotations

from pathlib import Path

from bench.hostile import CASES, GOLDEN, prepare
from bench.synthetic import AS_OF, Shape, write_roadmap
from roadmap_as_code.checking import check_roadmap


def test_synthetic_roadmap_passes_every_rule(tmp_path: Path) -> None:
    """A small synthetic roadmap of the bench's shape loads and passes every rule (a new rule must keep it valid)."""
    shape = Shape(years=2)
    content = write_roadmap(tmp_path, shape)
    roadmap = check_roadmap(content, tmp_path, AS_OF)
    assert sum(len(y.goals) + len(y.milestones) + len(y.actions) for y in roadmap.years) == shape.files


def test_hostile_cases_are_refused_as_their_golden_tests_expect(tmp_path: Path) -> None:
    """The bench's hostile YAML cases are golden cases laid over a valid roadmap, so it times the refusal."""
    checks = prepare(tmp_path)
    assert checks["V"]()[0] == 0
    for key, (case, _) in CASES.items():
        expected = (GOLDEN / case / "expected.txt").read_text(encoding="utf-8")
        assert checks[key]() == (1, expected), case


def test_the_site_bench_configures_the_installed_plugin(tmp_path: Path) -> None:
    """The bench's mkdocs.yml names the plugin by its registered name, with a valid as-of date."""
    from mkdocs.config import load_config

    from bench.site import mkdocs_config

    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(mkdocs_config(tmp_path / "docs", plugin=True), encoding="utf-8")
    config = load_config(str(config_file))
    assert config.plugins["roadmap-as-code"].config.as_of == AS_OF
