"""read_history derives each item's changes from real git repositories built in tmp_path (fixed dates, authors)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from roadmap_as_code.history import History, read_history
from tests.git_repos import SETTINGS, GitRepo, action, goal, milestone

AS_OF = date(2026, 12, 31)
GOAL = "2026/goals/grow.md"
PORTAL = "2026/milestones/grow/launch-portal.md"


def _read(repo: GitRepo, tmp_path: Path, as_of: date = AS_OF, timezone: str = "UTC") -> History:
    return read_history(repo.root / "roadmap", as_of, timezone, cache=tmp_path / "cache")


def _plan(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.write("roadmap/roadmap.yml", SETTINGS)
    repo.write("README.md", "# Plan\n")
    repo.write(f"roadmap/{GOAL}", goal())
    repo.write(f"roadmap/{PORTAL}", milestone())
    repo.commit("Plan 2026", "2026-01-05", "Ana Ruiz <ana@example.org>")
    return repo


def _summary(history: History, path: str) -> list[tuple[str, str, str | None, str | None, str | None, int | None]]:
    item = history.of(path)
    assert item is not None, f"no history for {path}"
    return [(c.commit.day.isoformat(), c.kind, c.field, c.before, c.after, c.days) for c in item.changes]


def test_a_due_date_moved_later_twice_is_two_slips_with_their_days(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    repo.write(f"roadmap/{PORTAL}", milestone(due="2026-05-31"))
    repo.commit("Pull in the portal", "2026-02-02")
    repo.write(f"roadmap/{PORTAL}", milestone(due="2026-06-20"))
    repo.commit("Portal slips", "2026-03-02", "Bo Lee <bo@example.org>")
    repo.write(f"roadmap/{PORTAL}", milestone(due="2026-06-30"))
    repo.commit("Portal slips again", "2026-04-06")
    history = _read(repo, tmp_path)
    item = history.of(PORTAL)
    assert item is not None and (item.kind, item.year, item.id) == ("milestone", 2026, "launch-portal")
    dues = [(c.before, c.after, c.days) for c in item.of_kind("due")]
    assert dues == [
        ("2026-06-30", "2026-05-31", -30),
        ("2026-05-31", "2026-06-20", 20),
        ("2026-06-20", "2026-06-30", 10),
    ]
    assert [(c.days, c.commit.author) for c in item.slips] == [(20, "Bo Lee"), (10, "Ana Ruiz")]
    assert [c.kind for c in item.changes] == ["added", "due", "due", "due"]
    assert [c.subject for c in history.commits] == [
        "Plan 2026",
        "Pull in the portal",
        "Portal slips",
        "Portal slips again",
    ]
    assert history.notes == () and history.shallow_since is None


def test_status_health_metric_budget_and_risks_over_time(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    repo.write(f"roadmap/{GOAL}", goal(metric={"name": "ARR", "unit": "M EUR", "baseline": 18.5, "target": 24}))
    repo.write(f"roadmap/{PORTAL}", milestone(health="on-track", budget={"planned": 1000}, risks=["Partners slow"]))
    repo.commit("Check-in 1", "2026-02-02")
    repo.write(
        f"roadmap/{GOAL}",
        goal(metric={"name": "ARR", "unit": "M EUR", "baseline": 18.5, "target": 24, "current": 19.25}),
    )
    repo.write(
        f"roadmap/{PORTAL}",
        milestone(health="at-risk", budget={"planned": 1000, "actual": 400}, risks=["Partners slow", "Legal review"]),
    )
    repo.commit("Check-in 2", "2026-03-02")
    repo.write(
        f"roadmap/{GOAL}", goal(metric={"name": "ARR", "unit": "M EUR", "baseline": 18.5, "target": 24, "current": 20})
    )
    repo.write(
        f"roadmap/{PORTAL}",
        milestone(
            status="completed", completed="2026-04-01", budget={"planned": 1200, "actual": 1100}, risks=["Legal review"]
        ),
    )
    repo.commit("Check-in 3", "2026-04-06")
    history = _read(repo, tmp_path)
    assert [(c.kind, c.before, c.after) for c in history.of(GOAL).of_kind("metric")] == [  # type: ignore[union-attr]
        ("metric", None, "19.25"),
        ("metric", "19.25", "20"),
    ]
    portal = _summary(history, PORTAL)
    assert ("2026-02-02", "health", "health", None, "on-track", None) in portal
    assert ("2026-03-02", "health", "health", "on-track", "at-risk", None) in portal
    assert ("2026-04-06", "health", "health", "at-risk", None, None) in portal
    assert ("2026-04-06", "status", "status", "in-progress", "completed", None) in portal
    assert [(d, b, a) for d, k, _, b, a, _ in portal if k == "budget"] == [
        ("2026-03-02", None, "400"),
        ("2026-04-06", "400", "1100"),
    ]
    assert ("2026-04-06", "edited", "budget.planned", "1000", "1200", None) in portal
    assert ("2026-04-06", "edited", "completed", None, "2026-04-01", None) in portal
    risks = [(d, k, b or a) for d, k, _, b, a, _ in portal if k.startswith("risk")]
    assert risks == [
        ("2026-02-02", "risk-added", "Partners slow"),
        ("2026-03-02", "risk-added", "Legal review"),
        ("2026-04-06", "risk-removed", "Partners slow"),
    ]


def test_a_key_action_moved_between_quarters_and_one_removed(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    webinars, cases = "2026/actions/sales/webinars.md", "2026/actions/sales/case-studies.md"
    repo.write(f"roadmap/{webinars}", action(quarter="Q1"))
    repo.write(f"roadmap/{cases}", action("Case studies", quarter="Q2"))
    repo.commit("Sales actions", "2026-01-12")
    repo.write(f"roadmap/{webinars}", action(quarter="Q3"))
    repo.remove(f"roadmap/{cases}")
    repo.commit("Replan sales", "2026-03-30")
    history = _read(repo, tmp_path)
    assert _summary(history, webinars) == [
        ("2026-01-12", "added", None, None, None, None),
        ("2026-03-30", "quarter", "quarter", "Q1", "Q3", 182),
    ]
    assert _summary(history, cases) == [
        ("2026-01-12", "added", None, None, None, None),
        ("2026-03-30", "removed", None, None, None, None),
    ]
    assert history.of(webinars).kind == "action"  # type: ignore[union-attr]


def test_a_rename_keeps_the_history_under_the_new_path(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    repo.write(f"roadmap/{PORTAL}", milestone(due="2026-06-15"))
    repo.commit("Pull in", "2026-02-02")
    new = "2026/milestones/grow/open-partner-portal.md"
    repo.move(f"roadmap/{PORTAL}", f"roadmap/{new}")
    repo.commit("Rename the portal milestone", "2026-03-02")
    repo.write(f"roadmap/{new}", milestone(due="2026-06-25"))
    repo.commit("Slip", "2026-04-06")
    history = _read(repo, tmp_path)
    assert history.of(PORTAL) is None
    item = history.of(new)
    assert item is not None and item.id == "open-partner-portal" and item.path == new
    assert [(c.kind, c.path) for c in item.changes] == [
        ("added", PORTAL),
        ("due", PORTAL),
        ("renamed", new),
        ("due", new),
    ]
    renamed = item.of_kind("renamed")[0]
    assert (renamed.before, renamed.after) == (PORTAL, new)
    assert not item.of_kind("removed") and len(item.of_kind("added")) == 1


def test_a_file_unreadable_at_one_commit_is_unreadable_then_readable_never_removed(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    broken = milestone(status="completed").replace("title: Launch", "title: [Launch")
    repo.write(f"roadmap/{PORTAL}", broken)
    repo.commit("Oops", "2026-02-02")
    repo.write(f"roadmap/{PORTAL}", milestone(status="completed"))
    repo.commit("Fix the YAML", "2026-02-03")
    history = _read(repo, tmp_path)
    item = history.of(PORTAL)
    assert item is not None
    assert [c.kind for c in item.changes] == ["added", "unreadable", "readable", "status"]
    note = item.of_kind("unreadable")[0].note
    assert note is not None and note.startswith(f"{PORTAL}:3: yaml: expected valid YAML, got a syntax error")
    # the status change is dated when the file read again, against its last readable values
    assert (item.changes[-1].before, item.changes[-1].after, item.changes[-1].commit.subject) == (
        "in-progress",
        "completed",
        "Fix the YAML",
    )


def test_a_field_from_before_a_schema_change_is_skipped_with_a_note(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    repo.write(f"roadmap/{PORTAL}", milestone(due="soon", quarter="Q9"))
    repo.commit("Old format", "2026-02-02")
    repo.write(f"roadmap/{PORTAL}", milestone(due="2026-06-30", status="completed"))
    repo.commit("New format", "2026-03-02")
    history = _read(repo, tmp_path)
    assert [c.kind for c in history.of(PORTAL).changes] == ["added", "status"]  # type: ignore[union-attr]
    assert any(
        n.startswith(f"{PORTAL} at ") and "due: expected a date like 2026-06-30, got 'soon'" in n for n in history.notes
    )
    assert any("quarter: expected a quarter Q1 to Q4, got 'Q9'" in n for n in history.notes)


def test_other_fields_and_the_body_are_edits_named_by_field(tmp_path: Path) -> None:
    repo = _plan(tmp_path)
    repo.write(f"roadmap/{PORTAL}", milestone(title="Open the portal").replace("Why it matters.", "New reasons."))
    repo.write("roadmap/roadmap.yml", SETTINGS + "currency: EUR\n")
    repo.commit("Retitle", "2026-02-02")
    history = _read(repo, tmp_path)
    assert _summary(history, PORTAL)[1:] == [
        ("2026-02-02", "edited", "title", "Launch the partner portal", "Open the portal", None),
        ("2026-02-02", "edited", "body", None, None, None),
    ]
    assert sorted(history.items) == [GOAL, PORTAL]  # roadmap.yml and README.md are not items


def test_roadmap_rename_of_a_goal_keeps_the_goal_and_its_milestones_histories(tmp_path: Path) -> None:
    """`roadmap rename goal` moves the goal's file and its milestones' folder; git pairs each move, so every
    item keeps its earlier changes under its new path."""
    from roadmap_as_code.authoring.rename import rename

    repo = _plan(tmp_path)
    repo.write(f"roadmap/{PORTAL}", milestone(health="at-risk"))
    repo.commit("Portal at risk", "2026-02-02")
    rename(repo.root / "roadmap", repo.root, "goal", "grow", "grow-revenue", 2026)
    repo.git("add", "-A", "roadmap")
    repo.commit("roadmap rename goal grow grow-revenue", "2026-03-02")
    history = _read(repo, tmp_path)
    portal = history.of("2026/milestones/grow-revenue/launch-portal.md")
    goal_item = history.of("2026/goals/grow-revenue.md")
    assert history.of(PORTAL) is None and history.of(GOAL) is None
    assert portal is not None and goal_item is not None
    assert [c.kind for c in portal.changes] == ["added", "health", "renamed"]
    assert [c.kind for c in goal_item.changes] == ["added", "renamed"]
    assert portal.changes[1].commit.day == date(2026, 2, 2)
