"""read_history on the shapes git gives: merges, squashes, shallow clones, the as-of cut, the cache, no repository."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bench.history_repo import AS_OF as BENCH_AS_OF
from bench.history_repo import build_repository
from roadmap_as_code.history import read_history
from roadmap_as_code.history.cache import KEEP_HISTORIES, default_cache
from tests.git_repos import SETTINGS, GitRepo, git_env, goal, milestone

GOAL = "2026/goals/grow.md"
PORTAL = "2026/milestones/grow/launch-portal.md"
AS_OF = date(2026, 12, 31)


def _plan(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.write("roadmap/roadmap.yml", SETTINGS)
    repo.write(f"roadmap/{GOAL}", goal())
    repo.write(f"roadmap/{PORTAL}", milestone())
    repo.commit("Plan 2026", "2026-01-05")
    return repo


def test_a_merge_is_one_check_in_on_the_first_parent_with_its_pull_request(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    repo.git("checkout", "-q", "-b", "slip")
    repo.write(f"roadmap/{PORTAL}", milestone(due="2026-06-10"))
    repo.commit("Pull in the portal", "2026-02-02", "Bo Lee")
    repo.write(f"roadmap/{PORTAL}", milestone(due="2026-06-20"))
    repo.commit("Move it again", "2026-02-03", "Bo Lee")
    repo.git("checkout", "-q", "main")
    repo.write("roadmap/roadmap.yml", SETTINGS + "currency: EUR\n")
    repo.commit("Currency", "2026-02-04", "Cy Dee")
    merge = repo.merge("slip", "Merge pull request #7 from org/slip\n\nPull in the portal", "2026-02-05", "Cy Dee")
    history = read_history(repo.root / "roadmap", AS_OF, "UTC", cache=tmp_path / "cache")
    assert [(c.subject, c.pull_request) for c in history.commits] == [
        ("Plan 2026", None),
        ("Currency", None),
        ("Merge pull request #7 from org/slip", 7),
    ]
    dues = history.of(PORTAL).of_kind("due")  # type: ignore[union-attr]
    assert [(c.commit.id, c.before, c.after, c.days, c.commit.author) for c in dues] == [
        (merge, "2026-06-30", "2026-06-20", -10, "Cy Dee")
    ]


def test_a_squash_subject_names_its_pull_request_and_authors_are_names_never_addresses(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    repo.write(f"roadmap/{PORTAL}", milestone(status="completed"))
    repo.commit("Complete the portal (#12)", "2026-03-02", "Dana Smith <dana@secret.example>")
    history = read_history(repo.root / "roadmap", AS_OF, "UTC", cache=tmp_path / "cache")
    last = history.commits[-1]
    assert (last.pull_request, last.author, last.subject) == (12, "Dana Smith", "Complete the portal (#12)")
    assert "secret" not in json.dumps([c.__dict__ for c in history.commits], default=str)


def test_commits_after_the_as_of_date_are_left_out_and_days_are_read_in_the_timezone(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    repo.write(f"roadmap/{PORTAL}", milestone(status="completed"))
    repo.commit("Late evening in Berlin", "2026-03-01", time="23:30:00")  # 2026-03-02 00:30 in Berlin
    repo.write(f"roadmap/{PORTAL}", milestone(status="completed", health="at-risk"))
    repo.commit("Next week", "2026-03-09")
    content = repo.root / "roadmap"
    utc = read_history(content, date(2026, 3, 1), "UTC", cache=tmp_path / "cache")
    berlin = read_history(content, date(2026, 3, 1), "Europe/Berlin", cache=tmp_path / "cache")
    assert [c.subject for c in utc.commits] == ["Plan 2026", "Late evening in Berlin"]
    assert [c.subject for c in berlin.commits] == ["Plan 2026"]
    assert [c.kind for c in berlin.of(PORTAL).changes] == ["added"]  # type: ignore[union-attr]
    later = read_history(content, date(2026, 3, 2), "Europe/Berlin", cache=tmp_path / "cache")
    assert later.commits[-1].day == date(2026, 3, 2)


def test_a_shallow_clone_starts_at_its_cut_with_a_note_and_no_added(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    repo.write(f"roadmap/{PORTAL}", milestone(due="2026-06-10"))
    repo.commit("Pull in", "2026-02-02")
    repo.write(f"roadmap/{PORTAL}", milestone(due="2026-06-20"))
    repo.commit("Slip", "2026-03-02")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone)], env=git_env(), check=True)
    history = read_history(clone / "roadmap", AS_OF, "UTC", cache=tmp_path / "cache")
    assert history.shallow_since == date(2026, 2, 2)
    assert [c.subject for c in history.commits] == ["Slip"]
    assert any("shallow clone" in n and "fetch-depth: 0" in n for n in history.notes)
    assert [(c.kind, c.days) for c in history.of(PORTAL).changes] == [("due", 10)]  # type: ignore[union-attr]
    assert history.of(GOAL) is not None and history.of(GOAL).changes == ()  # type: ignore[union-attr]


def _count_processes(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    started: list[list[str]] = []
    original = subprocess.Popen

    class Counting(original):  # type: ignore[misc, valid-type]
        def __init__(self, args: Any, *rest: Any, **kwargs: Any) -> None:
            started.append(list(args))
            super().__init__(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", Counting)
    return started


def test_a_warm_read_equals_the_cold_one_and_starts_git_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _plan(tmp_path)
    repo.write(f"roadmap/{PORTAL}", milestone(due="2026-07-10", risks=["Legal"]))
    repo.commit("Slip (#3)", "2026-02-02", "Bo Lee")
    started = _count_processes(monkeypatch)
    cold = read_history(repo.root / "roadmap", AS_OF, "UTC", cache=tmp_path / "cache", repository="https://x/y")
    assert [args[5] if args[3] == "-c" else args[3] for args in started] == ["rev-parse", "log", "cat-file"]
    started.clear()
    warm = read_history(repo.root / "roadmap", AS_OF, "UTC", cache=tmp_path / "cache", repository="https://x/y")
    assert len(started) == 1 and "rev-parse" in started[0]
    assert warm == cold and warm.repository == "https://x/y" and warm.cache_notes == ()
    assert warm.of(PORTAL).slips[0].commit.pull_request == 3  # type: ignore[union-attr]
    assert not (repo.root / "roadmap" / ".cache").exists()
    assert repo.git("status", "--porcelain", "--ignored") == ""  # nothing written into the repository


def test_a_corrupt_cache_is_ignored_with_a_note_and_replaced(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    cache = tmp_path / "cache"
    cold = read_history(repo.root / "roadmap", AS_OF, "UTC", cache=cache)
    files = sorted(cache.iterdir())
    assert files[0].name == "blobs.json" and len(files) == 2
    for file in files:
        file.write_bytes(b"{not json")
    again = read_history(repo.root / "roadmap", AS_OF, "UTC", cache=cache)
    assert again == cold
    assert any("blobs.json" in n for n in again.cache_notes) and all("ignored" in n for n in again.cache_notes)
    assert read_history(repo.root / "roadmap", AS_OF, "UTC", cache=cache).cache_notes == ()  # rewritten whole


def test_an_unwritable_cache_is_a_note_never_a_failure(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    history = read_history(repo.root / "roadmap", AS_OF, "UTC", cache=blocker / "cache")
    assert history.of(PORTAL) is not None and any("cannot write" in n for n in history.cache_notes)


def test_the_default_cache_lives_under_xdg_cache_home_per_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    first, second = default_cache(tmp_path / "a"), default_cache(tmp_path / "b")
    assert first is not None and first.parent == tmp_path / "xdg" / "roadmap-as-code" and first != second
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    assert default_cache(tmp_path / "a") == Path.home() / ".cache" / "roadmap-as-code" / first.name


def test_no_repository_no_commits_or_an_untracked_folder_give_an_empty_history_with_a_note(tmp_path: Path) -> None:
    plain = tmp_path / "plain" / "roadmap"
    plain.mkdir(parents=True)
    cases = {"not inside a git repository": plain}
    empty = GitRepo(tmp_path / "empty")
    (empty.root / "roadmap").mkdir()
    cases["has no commits yet"] = empty.root / "roadmap"
    repo = _plan(tmp_path)
    (repo.root / "other").mkdir()
    cases["git has no commit of other"] = repo.root / "other"
    cases["is not a folder"] = tmp_path / "missing"
    for words, folder in cases.items():
        history = read_history(folder, AS_OF, "UTC", cache=tmp_path / "cache")
        assert (history.commits, history.items) == ((), {}), words
        assert len(history.notes) == 1 and words in history.notes[0], history.notes


def test_git_missing_gives_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _plan(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    history = read_history(repo.root / "roadmap", AS_OF, "UTC", cache=tmp_path / "cache")
    assert history.commits == () and "cannot run git" in history.notes[0]


def test_a_roadmap_at_the_top_of_the_repository_or_in_a_folder_named_like_a_pattern(tmp_path: Path) -> None:
    top = GitRepo(tmp_path / "top")
    top.write("roadmap.yml", SETTINGS)
    top.write(GOAL, goal())
    top.commit("Plan", "2026-01-05")
    assert [c.kind for c in read_history(top.root, AS_OF, "UTC", cache=tmp_path / "c1").of(GOAL).changes] == ["added"]  # type: ignore[union-attr]
    odd = GitRepo(tmp_path / "odd")
    odd.write(f"plan [é]/{GOAL}", goal())
    odd.write(f"plan x/{GOAL}", goal("Another folder the pattern would match"))
    odd.commit("Plan", "2026-01-05")
    odd.write(f"plan x/{GOAL}", goal("Retitled elsewhere"))
    odd.commit("Not ours", "2026-01-06")
    history = read_history(odd.root / "plan [é]", AS_OF, "UTC", cache=tmp_path / "c2")
    assert [c.subject for c in history.commits] == ["Plan"] and list(history.items) == [GOAL]


def test_a_link_in_the_folders_place_is_never_followed(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    link = tmp_path / "link"
    link.symlink_to(repo.root / "roadmap")
    history = read_history(link, AS_OF, "UTC", cache=tmp_path / "cache")
    assert history.commits == () and "is not a folder (got a symbolic link)" in history.notes[0]


def test_an_unknown_timezone_reads_days_in_utc_with_a_note(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    history = read_history(repo.root / "roadmap", AS_OF, "Mars/Olympus", cache=tmp_path / "cache")
    assert history.commits[0].day == date(2026, 1, 5)
    assert history.notes == (
        "timezone: expected an IANA time zone name, got 'Mars/Olympus'; commit days are read in UTC",
    )


def test_the_cache_keeps_only_the_newest_derived_histories(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    cache = tmp_path / "cache"
    for day in range(1, 13):
        read_history(repo.root / "roadmap", date(2026, 12, day), "UTC", cache=cache)
    assert len(list(cache.glob("history-*.json"))) == KEEP_HISTORIES and (cache / "blobs.json").exists()


def test_the_bench_repository_reads_with_renames_and_unreadable_files_and_no_notes(tmp_path: Path) -> None:
    content = build_repository(tmp_path / "bench", commits=160)
    history = read_history(content, BENCH_AS_OF, "UTC", cache=tmp_path / "cache")
    kinds = {c.kind for c in history.changes()}
    assert {"renamed", "unreadable", "readable", "due", "metric"} <= kinds
    assert history.notes == () and len(history.commits) > 150
