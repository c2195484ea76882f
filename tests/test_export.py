"""`roadmap export --out DIR`: the generated pages and chart data as plain files, without MkDocs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.edges.cli import main
from roadmap_as_code.edges.plugin import RoadmapPlugin
from roadmap_as_code.rendering.pages import GeneratedPage, build_pages, site_nav
from tests.helpers import AS_OF, PINNED, REPO

EXPORT_WITHOUT_MKDOCS = """
import sys
from roadmap_as_code.edges.cli import main
try:
    main(["export", sys.argv[1], "--out", sys.argv[2], "--as-of", "2026-11-20"], standalone_mode=False)
except SystemExit as exc:
    assert not exc.code, exc.code
loaded = sorted(name for name in sys.modules if name == "mkdocs" or name.startswith("mkdocs."))
assert not loaded, f"roadmap export imported {loaded}"
print("ok")
"""


def export(out: Path, *extra: str) -> Result:
    return CliRunner().invoke(main, ["export", str(REPO), "--out", str(out), *PINNED, *extra])


@pytest.fixture(scope="module")
def pages() -> list[GeneratedPage]:
    return build_pages(check_roadmap(REPO / "roadmap", REPO, AS_OF), AS_OF)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example exported once, in a fresh interpreter that must never import mkdocs."""
    out = tmp_path_factory.mktemp("export") / "out"
    result = subprocess.run(
        [sys.executable, "-c", EXPORT_WITHOUT_MKDOCS, str(REPO), str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("wrote ") and "(as of 2026-11-20, option)" in result.stdout
    return out


def test_export_runs_without_importing_mkdocs(exported: Path) -> None:
    """The subprocess in the fixture asserts it; here: it did write a site's sources."""
    assert (exported / "index.md").is_file() and (exported / "manifest.json").is_file()


def test_export_writes_every_page_of_build_pages_with_the_same_markdown(
    exported: Path, pages: list[GeneratedPage]
) -> None:
    for page in pages:
        assert (exported / page.path).read_text(encoding="utf-8") == page.markdown, page.path
    written = {p.relative_to(exported).as_posix() for p in exported.rglob("*.md")}
    assert written == {page.path for page in pages}


def test_export_writes_one_json_file_per_chart(exported: Path, pages: list[GeneratedPage]) -> None:
    charts = {chart.id: chart for page in pages for chart in page.charts}
    assert len(charts) >= 20
    assert {p.stem for p in (exported / "charts").glob("*.json")} == set(charts)
    for chart_id, chart in charts.items():
        assert json.loads((exported / "charts" / f"{chart_id}.json").read_text(encoding="utf-8")) == chart.figure


def test_manifest_lists_the_as_of_date_the_nav_and_every_page(exported: Path, pages: list[GeneratedPage]) -> None:
    manifest = json.loads((exported / "manifest.json").read_text(encoding="utf-8"))
    roadmap = check_roadmap(REPO / "roadmap", REPO, AS_OF)
    assert manifest["as_of"] == "2026-11-20"
    assert manifest["nav"] == json.loads(json.dumps(site_nav(roadmap, AS_OF)))
    assert [entry["path"] for entry in manifest["pages"]] == [page.path for page in pages]
    by_path = {entry["path"]: entry for entry in manifest["pages"]}
    assert by_path["2026/goals/grow-recurring-revenue.md"] == {
        "path": "2026/goals/grow-recurring-revenue.md",
        "title": "Grow annual recurring revenue to 24 M EUR",
        "source": "roadmap/2026/goals/grow-recurring-revenue.md",
        "charts": ["2026-goal-grow-recurring-revenue-metric"],
    }
    assert by_path["index.md"]["charts"] == ["2026-goal-progress", "2026-milestones-by-quarter", "2026-budget"]


def test_plugin_generates_the_same_pages_as_the_export(exported: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One core path: the MkDocs plugin's in-memory pages are the exported files, byte for byte."""
    from mkdocs.config import load_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795132800")  # 2026-11-20T00:00:00Z; the plugin would otherwise set it
    config = load_config(str(REPO / "mkdocs.yml"))
    plugin = config.plugins["roadmap-as-code"]
    assert isinstance(plugin, RoadmapPlugin)
    plugin.on_config(config)
    assert plugin.as_of == AS_OF
    assert set(plugin.pages) == {p.relative_to(exported).as_posix() for p in exported.rglob("*.md")}
    for path, page in plugin.pages.items():
        assert page.markdown == (exported / path).read_text(encoding="utf-8"), path


def test_export_replaces_an_earlier_export(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert export(out).exit_code == 0
    (out / "stale.md").write_text("from an older export", encoding="utf-8")
    result = export(out)
    assert result.exit_code == 0, result.output
    assert not (out / "stale.md").exists() and (out / "index.md").is_file()


def test_export_refuses_to_replace_a_folder_that_is_not_an_export(tmp_path: Path) -> None:
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.md").write_text("keep me", encoding="utf-8")
    result = export(out)
    assert result.exit_code == 2
    assert "refusing to replace" in result.output and "manifest.json" in result.output
    assert (out / "thesis.md").read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in out.iterdir()) == ["thesis.md"]


def test_export_refuses_to_write_inside_the_roadmap_folder() -> None:
    out = REPO / "roadmap" / "2026" / "exported"
    result = export(out)
    assert result.exit_code == 2
    assert "overlaps the roadmap folder" in result.output
    assert not out.exists()
