"""Hand-built histories of the example roadmap for the history pages, charts and downloads (no git needed)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from roadmap_as_code.history import Change, Commit, History, ItemHistory
from roadmap_as_code.history.trail import ChangeKind, ItemKind

GOAL = "2026/goals/grow-recurring-revenue.md"
PORTAL = "2026/milestones/grow-recurring-revenue/launch-partner-portal.md"
ICP = "2026/milestones/grow-recurring-revenue/refresh-icp-and-pipeline.md"
OLD_MILESTONE = "2025/milestones/launch-route-optimiser-v2/general-availability-v2.md"
WEBINARS = "2026/actions/marketing/renewal-value-webinars.md"
CASES = "2026/actions/marketing/enterprise-case-studies.md"


def check_in(
    n: int, day: date, author: str = "Ana Ruiz", subject: str = "Weekly check-in", pull_request: int | None = None
) -> Commit:
    """A commit with a made-up id (n in hex) at noon UTC of `day`."""
    stamp = int(datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp())
    return Commit(f"{n:040x}", day, stamp, author, subject, pull_request)


def change(commit: Commit, kind: ChangeKind, path: str, field: str | None = None, **values: object) -> Change:
    return Change(commit=commit, kind=kind, path=path, field=field, **values)  # type: ignore[arg-type]


def item(kind: ItemKind, path: str, *changes: Change) -> ItemHistory:
    year, _, rest = path.partition("/")
    return ItemHistory(kind=kind, year=int(year), id=rest.rsplit("/", 1)[-1][:-3], path=path, changes=changes)


def sample_history(repository: str | None = "https://git.example/org/plan") -> History:
    """2025: general availability slipped twice (59 days) and ended after its first due date; 2026: the ARR
    goal's metric reported three times, the partner portal slipped 17 days, the ICP refresh completed, and a
    marketing key action moved to a later quarter."""
    c = [
        check_in(1, date(2025, 1, 6), "Bo <Lee>"),
        check_in(2, date(2025, 5, 2)),
        check_in(3, date(2025, 8, 1)),
        check_in(4, date(2025, 11, 20)),
        check_in(5, date(2026, 1, 5), subject="Plan 2026 (#7)", pull_request=7),
        check_in(6, date(2026, 3, 30)),
        check_in(7, date(2026, 6, 29), "Bo <Lee>"),
        check_in(8, date(2026, 9, 28)),
    ]
    items = [
        item(
            "milestone",
            OLD_MILESTONE,
            change(c[0], "added", OLD_MILESTONE),
            change(c[1], "due", OLD_MILESTONE, "due", before="2025-09-30", after="2025-10-31", days=31),
            change(c[2], "due", OLD_MILESTONE, "due", before="2025-10-31", after="2025-11-28", days=28),
            change(c[3], "status", OLD_MILESTONE, "status", before="in-progress", after="completed"),
        ),
        item(
            "goal",
            GOAL,
            change(c[4], "added", GOAL),
            change(c[5], "metric", GOAL, "metric.current", before="18.5", after="19.2"),
            change(c[6], "metric", GOAL, "metric.current", before="19.2", after="20.3"),
            change(c[6], "edited", GOAL, "title", before="Grow ARR", after="<b>Grow</b> ARR"),
            change(c[7], "metric", GOAL, "metric.current", before="20.3", after="22.1"),
        ),
        item(
            "milestone",
            PORTAL,
            change(c[4], "added", PORTAL),
            change(c[6], "due", PORTAL, "due", before="2026-05-29", after="2026-06-15", days=17),
            change(c[7], "status", PORTAL, "status", before="not-started", after="in-progress"),
        ),
        item(
            "milestone",
            ICP,
            change(c[4], "added", ICP),
            change(c[5], "status", ICP, "status", before="in-progress", after="completed"),
        ),
        item(
            "action",
            WEBINARS,
            change(c[4], "added", WEBINARS),
            change(c[6], "quarter", WEBINARS, "quarter", before="Q3", after="Q4", days=91),
        ),
        item("action", CASES, change(c[4], "added", CASES)),
    ]
    return History(
        commits=tuple(c),
        items={i.path: i for i in items},
        notes=("2025/goals/expand-into-benelux.md: unreadable at 0000003",),
        repository=repository,
    )
