"""The file-system rule: read only regular files inside the roadmap folder, write only inside the output given
(never through a link), never run code from the repository. Real links, pipes, git and processes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmap_as_code.edges.cli import main
from roadmap_as_code.filesystem import replacing_folder, write_inside
from tests.helpers import BIN, PINNED, RoadmapBuilder, commit

SECRET = "TOP-SECRET-CONTENT"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed `roadmap` command, as CI and reviewers run it."""
    return subprocess.run(
        [str(BIN / "roadmap"), *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=120
    )


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the repository holding a file that must never be read, changed or deleted."""
    folder = tmp_path / "precious"
    folder.mkdir()
    (folder / "keep.txt").write_text(SECRET, encoding="utf-8")
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> RoadmapBuilder:
    root = tmp_path / "repo"
    root.mkdir()
    return RoadmapBuilder(root).valid()


def untouched(folder: Path) -> bool:
    return sorted(p.name for p in folder.iterdir()) == ["keep.txt"] and (folder / "keep.txt").read_text() == SECRET


# --- reading ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rel",
    ["2026/goals/leak.md", "2026/milestones/grow-revenue/leak.md", "2026/actions/sales/leak.md", "2027"],
)
def test_a_link_inside_the_roadmap_folder_is_refused_not_followed(
    repo: RoadmapBuilder, outside: Path, rel: str
) -> None:
    link = repo.content / rel
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside / "keep.txt" if rel.endswith(".md") else outside)
    result = run("check", str(repo.root), *PINNED)
    assert result.returncode == 1
    assert (
        f"roadmap/{rel}:1: path: expected a regular file or folder, got a symbolic link; the tool never follows "
        "links or reads special files: commit the file itself"
    ) in result.stdout
    assert SECRET not in result.stdout + result.stderr


def test_a_linked_settings_file_gives_one_problem(repo: RoadmapBuilder, outside: Path) -> None:
    (outside / "roadmap.yml").write_text((repo.content / "roadmap.yml").read_text())
    (repo.content / "roadmap.yml").unlink()
    (repo.content / "roadmap.yml").symlink_to(outside / "roadmap.yml")
    problems = [str(p) for p in repo.problems()]
    assert problems == [
        "roadmap/roadmap.yml:1: path: expected a regular file or folder, got a symbolic link; the tool never follows "
        "links or reads special files: commit the file itself"
    ]


def test_a_linked_roadmap_folder_is_a_usage_error(tmp_path: Path, repo: RoadmapBuilder) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "roadmap").symlink_to(repo.content)
    result = run("check", str(other), *PINNED)
    assert result.returncode == 2
    assert "expected the roadmap folder, got a symbolic link" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_link_loop_is_a_located_problem_and_the_other_problems_are_still_reported(repo: RoadmapBuilder) -> None:
    loop = repo.content / "2026" / "goals" / "loop.md"
    loop.symlink_to(loop)
    repo.goal("Bad Name")
    problems = [str(p) for p in repo.problems()]
    assert any(p.startswith("roadmap/2026/goals/loop.md:1: path: expected a regular file or folder") for p in problems)
    assert any(p.startswith("roadmap/2026/goals/Bad Name.md:1: file name:") for p in problems)


def test_a_named_pipe_is_refused_without_blocking(repo: RoadmapBuilder) -> None:
    os.mkfifo(repo.content / "2026" / "goals" / "pipe.md")
    assert [str(p) for p in repo.problems()] == [
        "roadmap/2026/goals/pipe.md:1: path: expected a regular file or folder, got a named pipe; the tool never "
        "follows links or reads special files: commit the file itself"
    ]


def test_an_unreadable_folder_is_a_located_problem(repo: RoadmapBuilder, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root in CI, where permissions do not stop reads, so the refusal is simulated at os.scandir."""
    locked = repo.content / "2026" / "actions" / "sales"
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    problems = [str(p) for p in repo.problems()]
    assert (
        "roadmap/2026/actions/sales:1: path: expected a readable folder, got an error: Permission denied; fix its "
        "permissions or remove it" in problems
    )


def test_a_file_name_that_is_not_utf8_is_a_located_problem_with_valid_output(repo: RoadmapBuilder) -> None:
    goals = os.fsencode(repo.content / "2026" / "goals")
    with open(os.path.join(goals, b"bad-\xff.md"), "wb") as handle:
        handle.write(b"---\ntitle: x\n---\n")
    result = subprocess.run(
        [str(BIN / "roadmap"), "check", str(repo.root), "--format", "json", *PINNED], capture_output=True, check=False
    )
    assert result.returncode == 1
    document = json.loads(result.stdout.decode("utf-8"))  # strict UTF-8: raises on a raw 0xFF byte
    assert [p["path"] for p in document["problems"]] == ["roadmap/2026/goals/bad-\\xff.md"]
    assert document["problems"][0]["message"] == "expected a UTF-8 file name, got bytes that are not UTF-8; rename it"


# --- writing ----------------------------------------------------------------------------------------------------


def test_build_refuses_a_committed_site_link_and_leaves_its_target_alone(tmp_path: Path, outside: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text("site_name: x\n")
    (project / "site").symlink_to(outside)
    result = run("build", "--as-of", "2026-11-20", cwd=project)
    assert result.returncode == 2
    assert f"{project / 'site'}: expected a folder the build can replace, got a symbolic link to {outside}" in (
        result.stderr
    )
    assert untouched(outside)


def test_a_planted_scratch_link_is_never_followed(tmp_path: Path, outside: Path) -> None:
    """Scratch folders are made fresh by mkdtemp; a link named like a leftover one is not cleaned through."""
    (tmp_path / ".site.building-planted").symlink_to(outside)
    with replacing_folder(tmp_path / "site") as scratch:
        (scratch / "index.html").write_text("new")
    assert (tmp_path / "site" / "index.html").read_text() == "new"
    assert untouched(outside)


def test_a_stale_scratch_folder_of_a_killed_run_is_removed(tmp_path: Path) -> None:
    stale = tmp_path / ".site.building-abc123"
    stale.mkdir()
    (stale / "half.html").write_text("half")
    with replacing_folder(tmp_path / "site") as scratch:
        (scratch / "index.html").write_text("new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_block_leaves_the_target_and_no_scratch(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    with pytest.raises(KeyboardInterrupt), replacing_folder(site) as scratch:
        (scratch / "index.html").write_text("new")
        raise KeyboardInterrupt
    assert (site / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_export_data_refuses_to_write_through_a_linked_file(repo: RoadmapBuilder, outside: Path) -> None:
    downloads = repo.root / "downloads"
    downloads.mkdir()
    (downloads / "roadmap.csv").symlink_to(outside / "keep.txt")
    result = run("export-data", str(repo.root), "--out", str(downloads), *PINNED)
    assert result.returncode == 2
    assert "expected a regular file to replace, got a symbolic link" in result.stderr
    assert untouched(outside)


@pytest.mark.parametrize("command", ["export-data", "export"])
def test_an_output_folder_that_is_a_link_is_refused(repo: RoadmapBuilder, outside: Path, command: str) -> None:
    (repo.root / "out").symlink_to(outside)
    result = run(command, str(repo.root), "--out", str(repo.root / "out"), *PINNED)
    assert result.returncode == 2
    assert "got a symbolic link to" in result.stderr and "never writes through a link" in result.stderr
    assert untouched(outside)


def test_write_inside_refuses_paths_that_leave_the_output(tmp_path: Path) -> None:
    from roadmap_as_code.errors import UsageError

    for rel in ("../escape.txt", "a/../../escape.txt", "/etc/x", ""):
        with pytest.raises(UsageError):
            write_inside(tmp_path, rel, b"x")
    assert not (tmp_path.parent / "escape.txt").exists()


def test_write_inside_refuses_to_replace_a_folder(tmp_path: Path) -> None:
    from roadmap_as_code.errors import UsageError

    (tmp_path / "roadmap.csv").mkdir()
    with pytest.raises(UsageError, match="expected a regular file to replace, got a folder"):
        write_inside(tmp_path, "roadmap.csv", b"x")
    assert (tmp_path / "roadmap.csv").is_dir()


def test_write_inside_refuses_a_linked_folder_on_the_way(tmp_path: Path, outside: Path) -> None:
    from roadmap_as_code.errors import UsageError

    (tmp_path / "charts").symlink_to(outside)
    with pytest.raises(UsageError, match="expected a folder to write into, got a symbolic link"):
        write_inside(tmp_path, "charts/a.json", b"{}")
    assert untouched(outside)


def test_export_refuses_an_output_overlapping_the_roadmap(repo: RoadmapBuilder) -> None:
    result = CliRunner().invoke(main, ["export-data", str(repo.root), "--out", str(repo.content / "x"), *PINNED])
    assert result.exit_code == 2 and "the generator never writes there" in result.output


# --- git ------------------------------------------------------------------------------------------------------


def test_diff_reports_a_committed_link_instead_of_hiding_it(repo: RoadmapBuilder, outside: Path) -> None:
    commit(repo.root, "base")
    (repo.content / "2026" / "goals" / "leak.md").symlink_to(outside / "keep.txt")
    commit(repo.root, "head")
    result = run("diff", "HEAD~1", "HEAD", "--root", str(repo.root))
    assert result.returncode == 0, result.stderr
    assert "roadmap/2026/goals/leak.md:1: path: expected a regular file or folder, got a symbolic link" in (
        result.stdout
    )
    assert SECRET not in result.stdout


def test_diff_reports_an_oversized_file_without_holding_it(repo: RoadmapBuilder) -> None:
    """A 64 MB file at a revision is reported by size; the diff process never holds it (its peak grows < 32 MB)."""
    commit(repo.root, "base")
    big = repo.content / "2026" / "goals" / "big.md"
    big.write_bytes(b"---\ntitle: x\n---\n" + b"a" * (64 << 20))
    commit(repo.root, "head")
    big.unlink()
    script = (
        "import contextlib, io, resource, sys\n"
        "from roadmap_as_code.edges.cli import main\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):\n"
        "    main(sys.argv[1:], standalone_mode=False)\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)\n"
        "print(out.getvalue())\n"
    )
    result = subprocess.run(
        [str(BIN / "python"), "-c", script, "diff", "HEAD~1", "HEAD", "--root", str(repo.root)],
        capture_output=True,
        text=True,
        check=True,
    )
    growth_mib, output = result.stdout.split("\n", 1)
    assert "roadmap/2026/goals/big.md:1: file: expected at most 128 KiB, got 65536 KiB" in output
    assert int(growth_mib) < 32


def test_a_plain_mkdocs_build_refuses_a_linked_site_folder_before_mkdocs_empties_it(
    repo: RoadmapBuilder, outside: Path
) -> None:
    (repo.root / "mkdocs.yml").write_text(
        "site_name: x\ntheme:\n  name: material\nplugins:\n  - roadmap-as-code:\n      as_of: 2026-11-20\n"
    )
    (repo.root / "docs").mkdir()
    (repo.root / "site").symlink_to(outside)
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build"], cwd=repo.root, capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 1
    assert "expected a folder the build can replace, got a symbolic link" in result.stderr
    assert untouched(outside)
