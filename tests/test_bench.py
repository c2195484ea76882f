"""The benchmark's roadmaps stay what it means to time: a clean check of the synthetic roadmap, the refusal of
each hostile YAML case, and the scale section's clean export and its one broken limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.hostile import CASES, GOLDEN, prepare
from bench.scale import scale
from bench.synthetic import AS_OF, Shape, write_roadmap
from bench.table import Table
from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.errors import InvalidRoadmap

CROWDED = Shape(years=1, goals=2, milestones_per_goal=3, actions=30, crowded=12)


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


def test_a_crowded_synthetic_roadmap_passes_and_its_exceeded_twin_breaks_only_that_quarter(tmp_path: Path) -> None:
    """The scale section's roadmaps: raised limits pass every rule; with exceed=True exactly the crowded
    department-quarter is over its limit, so `check` reports one problem that involves all of its files."""
    roadmap = check_roadmap(write_roadmap(tmp_path / "clean", CROWDED), tmp_path / "clean", AS_OF)
    crowded = [a for a in roadmap.years[0].actions if (a.department, a.quarter) == ("marketing", 1)]
    assert len(crowded) >= CROWDED.crowded
    with pytest.raises(InvalidRoadmap) as caught:
        check_roadmap(write_roadmap(tmp_path / "exceeded", CROWDED, exceed=True), tmp_path / "exceeded", AS_OF)
    (problem,) = caught.value.problems
    assert problem.rule == "actions-per-department-quarter"
    assert sorted(problem.related) == sorted(a.source.path for a in crowded)


def test_scale_section_runs_both_cases_at_a_tiny_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """export-data ends clean, check --format github reports the limit as annotations, and both ratios are printed."""
    small = Shape(years=1, goals=1, milestones_per_goal=2, actions=6, crowded=3)
    large = Shape(years=1, goals=2, milestones_per_goal=2, actions=12, crowded=6)
    table = Table()
    notes = scale(table, tmp_path, rounds=1, small=small, large=large)
    assert "WARNING" not in capsys.readouterr().out
    rendered = table.render()
    assert "EL / ES" in rendered and "GL / GS" in rendered
    assert [n.split(" prints")[0] for n in notes] == ["roadmap check --format github"]
    assert (tmp_path / f"files-{large.files}" / "downloads" / "roadmap.json").is_file()
    assert "::error " in (tmp_path / "GL.out").read_text(encoding="utf-8")


def _file(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_first_visit_counts_what_the_page_names_what_material_fetches_and_plotly_only_with_a_chart(
    tmp_path: Path,
) -> None:
    """bench/weight.py: styles, scripts and icon named by the page (resolved from its folder, another host's left
    out), Material's search worker and index and the sitemap (from its config), plotly.js where a chart is."""
    from bench.weight import first_visit, weigh
    from roadmap_as_code.edges.plugin.assets import PLOTLY_JS, SCRIPT

    site = tmp_path / "site"
    config = '{"base": "../../..", "features": ["navigation.instant"], "search": "assets/search.js"}'
    head = (
        '<link rel="stylesheet" href="../../../assets/main.css"><link rel="icon" href="../../../assets/icon.png">'
        f'<link rel="stylesheet" href="https://fonts.example/x.css"><script src="../../../{SCRIPT}"></script>'
        f'<script id="__config" type="application/json">{config}</script>'
    )
    chart = _file(site / "2026" / "goals" / "a" / "index.html", head + '<div class="roadmap-chart" id="chart-a"></div>')
    plain = _file(site / "2026" / "goals" / "b" / "index.html", head + "<p>No chart</p>")
    named = ["assets/main.css", "assets/icon.png", SCRIPT, "assets/search.js", "search/search_index.json"]
    for path in [*named, "sitemap.xml", PLOTLY_JS]:
        _file(site / path, "y" * 1000)
    expected = [site / path for path in [*named, "sitemap.xml"]]
    assert first_visit(site, chart) == [chart, *expected, site / PLOTLY_JS]
    assert first_visit(site, plain) == [plain, *expected]
    weight = weigh(site, chart)
    assert weight.plotly and weight.visit == len(chart.read_bytes()) + 7 * 1000 and weight.visit_gz < weight.visit


def test_site_history_repository_stays_a_valid_roadmap_at_its_check_ins(tmp_path: Path) -> None:
    """The site-history bench's repository: the example, then dated check-ins that edit the 2026 files and
    keep the roadmap valid (checked at every 50th check-in and the last), all before the bench's as-of date."""
    import io
    import subprocess
    import tarfile
    from datetime import UTC, datetime

    from bench.site_history import AS_OF, CHECKINS, build_repository

    repo = build_repository(tmp_path / "repo")
    log = subprocess.run(
        ["git", "-C", str(repo), "log", "--first-parent", "--format=%H %ct", "--", "roadmap"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    commits, stamps = log[::2], [int(s) for s in log[1::2]]
    assert len(commits) == CHECKINS  # every check-in edits the roadmap
    assert stamps == sorted(stamps, reverse=True)
    assert datetime.fromtimestamp(stamps[0], UTC).date() < AS_OF
    diff = subprocess.run(
        ["git", "-C", str(repo), "diff", "--stat", commits[-1], commits[0], "--", "roadmap"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "files changed" in diff
    for i, commit in enumerate(commits):
        if i % 50 and i != len(commits) - 1:
            continue
        tree = tmp_path / f"at-{i}"
        tree.mkdir()
        tar = subprocess.run(["git", "-C", str(repo), "archive", commit, "roadmap"], capture_output=True, check=True)
        with tarfile.open(fileobj=io.BytesIO(tar.stdout)) as archive:
            archive.extractall(tree, filter="data")
        check_roadmap(tree / "roadmap", tree, AS_OF)


def test_site_history_configs_differ_only_in_the_history_option(tmp_path: Path) -> None:
    """Both bench configs in the bench repository are the example's mkdocs.yml with the as-of date pinned; MkDocs
    loads them, and only the plugin's `history` option differs."""
    from mkdocs.config import load_config

    from bench.site_history import AS_OF, CONFIGS, build_repository

    repo = build_repository(tmp_path / "repo", count=2)
    options = {}
    for key, name in CONFIGS.items():
        config = load_config(str(repo / name))
        options[key] = dict(config.plugins["roadmap-as-code"].config)
    assert options["H"]["as_of"] == options["N"]["as_of"] == AS_OF
    assert options["H"].pop("history") is True and options["N"].pop("history") is False
    assert options["H"] == options["N"]
