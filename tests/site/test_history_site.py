"""A real MkDocs build of a small roadmap in a real git repository (tmp_path, fixed dates and authors): the
"What changed" page, the feed and its head link, a milestone's History, the nav entry; a shallow clone builds
with its notice; `history: false` and a folder outside git build the snapshot pages alone."""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmap_as_code.edges.cli import main
from roadmap_as_code.edges.plugin.plan_history import plan_history
from tests.git_repos import GitRepo, git_env
from tests.helpers import AS_OF, RoadmapBuilder, build

CONFIG = """\
site_name: History site
site_url: https://plans.example.org/
repo_url: https://git.example/org/plan
theme:
  name: material
  font: false
plugins:
  - search
  - roadmap-as-code:
      history: {history}
"""


def _config(root: Path, history: bool = True) -> Path:
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "about.md").write_text("# About\n", encoding="utf-8")  # git keeps no empty folder
    config = root / "mkdocs.yml"
    config.write_text(CONFIG.format(history=str(history).lower()), encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """XDG_CACHE_HOME in tmp_path: the history cache is never written to ~/.cache."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    return plan_repository(tmp_path_factory.mktemp("plan"))


def plan_repository(root: Path) -> GitRepo:
    """The plan written on 5 Jan (PR 12); more-deals slips 14 days on 6 Apr; a file unreadable for one commit;
    more-leads completed on 1 Oct."""
    git = GitRepo(root)
    roadmap = RoadmapBuilder(root).valid()
    _config(root)
    git.git("add", "-A")
    git.commit("Plan 2026 (#12)", "2026-01-05")
    roadmap.milestone("grow-revenue", "more-deals", quarter=2, due="2026-06-29")
    git.git("add", "-A")
    git.commit("Slip more-deals", "2026-04-06", author="Bo & Lee")
    broken = roadmap.content / "2026/milestones/grow-revenue/more-revenue.md"
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good.replace("due:", "due: [", 1), encoding="utf-8")
    git.git("add", "-A")
    git.commit("Oops", "2026-05-04")
    broken.write_text(good, encoding="utf-8")
    git.git("add", "-A")
    git.commit("Fix", "2026-05-05")
    roadmap.milestone("grow-revenue", "more-leads", status="completed", completed="2026-03-10")
    git.git("add", "-A")
    git.commit("Done", "2026-10-01")
    return git


@pytest.fixture(scope="module")
def site(repo: GitRepo, cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(repo.root / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")


def _text(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def test_the_changes_page_shows_each_change_with_its_commit_and_pr(site: Path, repo: GitRepo) -> None:
    html = _text(site / "2026/changes/index.html")
    assert "Week 15 · 6–12 Apr 2026" in html
    assert "due 15 Jun → 29 Jun (slipped 14 days)" in html
    assert "Bo &amp; Lee" in html
    assert "status not started → completed" in html
    assert "unreadable at " in html and "readable again" in html
    plan = repo.git("rev-list", "--max-parents=0", "HEAD").strip()
    assert f'href="https://git.example/org/plan/commit/{plan}"' in html
    assert "PR #12" in html


def test_the_item_links_in_lists_of_changes_lead_to_built_pages(site: Path) -> None:
    """The lists are raw HTML, which MkDocs does not rewrite: the plugin turns each .md path into the page's URL."""
    for page in ("2026/changes/index.html", "2026/quarters/q2/index.html"):
        hrefs = re.findall(r'class="roadmap-link" href="([^"]+)"', _text(site / page))
        assert hrefs, page
        for href in hrefs:
            assert not href.endswith(".md"), href
            assert (site / page).parent.joinpath(href, "index.html").resolve().is_file(), href


def test_the_feed_is_published_and_named_in_every_page_head(site: Path) -> None:
    root = ET.fromstring((site / "feed.xml").read_bytes())
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 5
    assert (
        '<link rel="alternate" type="application/atom+xml" title="History site: what changed" href="feed.xml">'
        in _text(site / "index.html")
    )
    assert 'href="../../feed.xml"' in _text(site / "2026/changes/index.html")


def test_a_milestone_page_has_its_history_and_the_nav_the_changes_page(site: Path) -> None:
    html = _text(site / "2026/milestones/more-deals/index.html")
    assert 'id="history"' in html and "slipped 14 days" in html
    assert "Last updated" in html
    assert 'href="2026/changes/"' in _text(site / "index.html")  # the nav entry and the dashboard's link


def test_a_shallow_clone_builds_with_a_notice(
    repo: GitRepo, cache: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    clone = tmp_path / "clone"
    command = ["git", "clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone)]
    subprocess.run(command, env=git_env(), check=True, capture_output=True)
    with caplog.at_level(logging.INFO):
        site = build(clone / "mkdocs.yml", tmp_path / "site")
    assert "History starts 2026-05-05: this site was built from a shallow clone" in _text(site / "index.html")
    assert "history: shallow clone, history starts 2026-05-05; check out with fetch-depth: 0" in caplog.text
    assert (site / "2026/changes/index.html").is_file()


@pytest.mark.parametrize("where", ["history: false", "no git"])
def test_without_history_the_snapshot_pages_build_alone(repo: GitRepo, cache: Path, tmp_path: Path, where: str) -> None:
    folder = tmp_path / "plain"
    shutil.copytree(repo.root, folder, ignore=shutil.ignore_patterns(".git") if where == "no git" else None)
    _config(folder, history=where != "history: false")
    site = build(folder / "mkdocs.yml", tmp_path / "site")
    assert (site / "2026/milestones/more-deals/index.html").is_file()
    assert not (site / "2026/changes").exists() and not (site / "feed.xml").exists()
    assert "What changed" not in _text(site / "index.html")


def test_the_plugin_logs_a_shallow_clone_as_a_warning_unless_strict(
    repo: GitRepo, cache: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    clone = tmp_path / "clone"
    command = ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)]
    subprocess.run(command, env=git_env(), check=True, capture_output=True)
    log = logging.getLogger("test.history")
    with caplog.at_level(logging.INFO, logger="test.history"):
        found = plan_history(clone / "roadmap", AS_OF, "UTC", None, log, strict=False)
        plan_history(clone / "roadmap", AS_OF, "UTC", None, log, strict=True)
    assert found is not None and found.shallow_since == date(2026, 10, 1)
    shallow = [r.levelname for r in caplog.records if "shallow clone, history starts 2026-10-01" in r.getMessage()]
    assert shallow == ["WARNING", "INFO"]


def test_the_plugin_reads_no_history_outside_git(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    RoadmapBuilder(tmp_path).valid()
    log = logging.getLogger("test.history")
    with caplog.at_level(logging.INFO, logger="test.history"):
        assert plan_history(tmp_path / "roadmap", AS_OF, "UTC", None, log, strict=True) is None
    assert {r.levelname for r in caplog.records} == {"INFO"}


@pytest.mark.parametrize("options", [[], ["--no-history"]])
def test_roadmap_export_writes_the_history_pages_unless_told_not_to(
    repo: GitRepo, cache: Path, tmp_path: Path, options: list[str]
) -> None:
    out = tmp_path / "export"
    result = CliRunner().invoke(main, ["export", str(repo.root), "--out", str(out), "--as-of", "2026-11-20", *options])
    assert result.exit_code == 0, result.output
    written = {"2026/changes.md", "history.json", "feed.xml"} & {p.relative_to(out).as_posix() for p in out.rglob("*")}
    if options:
        assert not written
    else:
        assert written == {"2026/changes.md", "history.json", "feed.xml"}
        assert "slipped 14 days" in (out / "2026/changes.md").read_text(encoding="utf-8")
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert "history.json" in manifest["downloads"] and "What changed" in json.dumps(manifest["nav"])
