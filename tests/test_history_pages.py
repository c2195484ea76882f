"""The plan's history on the pages: changes in words, weeks, the "What changed" page, a milestone's History,
freshness, the quarter's look back and "moved from", built from hand-made histories of the example (no git)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.history import Change, Commit, History, ItemHistory
from roadmap_as_code.history.trail import ChangeKind, ItemKind
from roadmap_as_code.model import Roadmap
from roadmap_as_code.rendering.history_view import FULL_WEEKS, WEEK_LINES
from roadmap_as_code.rendering.history_words import ago, change_words, week_label
from roadmap_as_code.rendering.pages import build_pages, site_nav
from tests.helpers import AS_OF, REPO

PUSH = "2026/milestones/grow-recurring-revenue/close-q4-renewal-upsell-push.md"  # in progress, due 2026-12-15
ISO = "2026/milestones/run-enterprise-grade-platform/iso-27001-certification.md"  # in progress, Q3
WEBINARS = "2026/actions/marketing/renewal-value-webinars.md"  # in progress, Q4
GOAL = "2026/goals/grow-recurring-revenue.md"
GONE = "2026/milestones/grow-recurring-revenue/dropped-idea.md"
KINDS: tuple[ItemKind, ...] = ("goal", "milestone", "milestone", "action")


def commit(n: int, day: date, author: str = "Ana Ruiz", subject: str = "Check-in", pr: int | None = None) -> Commit:
    stamp = int(datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()) + n
    return Commit(f"{n:040x}", day, stamp, author, subject, pr)


def change(
    c: Commit,
    kind: ChangeKind,
    path: str,
    field: str | None = None,
    before: str | None = None,
    after: str | None = None,
    **values: object,
) -> Change:
    return Change(c, kind, path, field, before, after, **values)  # type: ignore[arg-type]


def item(kind: ItemKind, path: str, *changes: Change) -> ItemHistory:
    year, _, rest = path.partition("/")
    return ItemHistory(kind=kind, year=int(year), id=rest.rsplit("/", 1)[-1][:-3], path=path, changes=changes)


def history(*items: ItemHistory, shallow: date | None = None) -> History:
    commits = sorted({c.commit for i in items for c in i.changes}, key=lambda c: c.timestamp)
    return History(tuple(commits), {i.path: i for i in items}, shallow, (), "https://git.example/org/plan")


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    return check_roadmap(REPO / "roadmap", REPO, AS_OF)


def sample() -> History:
    """The plan written on 5 Jan (PR 7); ISO's due date slips in Q2; a milestone added in Q2 and dropped in Q3;
    the webinars moved from Q3 to Q4 on 29 Jun; the push last touched 45 days before the as-of date."""
    plan = commit(1, date(2026, 1, 5), subject="Plan 2026 (#7)", pr=7)
    slip = commit(2, date(2026, 5, 4), "Bo <script>x</script>")
    move = commit(3, date(2026, 6, 29))
    add = commit(4, date(2026, 5, 6))
    drop = commit(5, date(2026, 8, 3))
    push = commit(6, date(2026, 10, 6))  # 45 days before 2026-11-20
    fresh = commit(7, date(2026, 11, 16))
    return history(
        item("goal", GOAL, change(plan, "added", GOAL), change(fresh, "metric", GOAL, "metric.current", "20", "22")),
        item(
            "milestone",
            ISO,
            change(plan, "added", ISO),
            change(slip, "due", ISO, "due", "2026-08-31", "2026-09-30", days=30),
            change(slip, "risk-added", ISO, "risks", after="Audit <b>gap</b>"),
            change(fresh, "health", ISO, "health", "at-risk", "off-track"),
        ),
        item(
            "milestone",
            PUSH,
            change(plan, "added", PUSH),
            change(push, "status", PUSH, "status", "not-started", "in-progress"),
        ),
        item(
            "action",
            WEBINARS,
            change(plan, "added", WEBINARS),
            change(move, "quarter", WEBINARS, "quarter", "Q3", "Q4", days=91),
        ),
        item("milestone", GONE, change(add, "added", GONE), change(drop, "removed", GONE)),
    )


def pages(roadmap: Roadmap, h: History | None) -> dict[str, str]:
    return {p.path: p.markdown for p in build_pages(roadmap, AS_OF, "", h)}


# --- words --------------------------------------------------------------------------------------------------

C = commit(9, date(2026, 3, 2))


@pytest.mark.parametrize(
    ("made", "words"),
    [
        (change(C, "due", ISO, "due", "2026-03-15", "2026-03-29", days=14), "due 15 Mar → 29 Mar (slipped 14 days)"),
        (change(C, "due", ISO, "due", "2026-03-29", "2026-03-28", days=-1), "due 29 Mar → 28 Mar (pulled in 1 day)"),
        (
            change(C, "due", ISO, "due", "2026-12-15", "2027-01-15", days=31),
            "due 15 Dec 2026 → 15 Jan 2027 (slipped 31 days)",
        ),
        (change(C, "status", ISO, "status", "in-progress", "completed"), "status in progress → completed"),
        (change(C, "health", ISO, "health", None, "at-risk"), "health none → at risk"),
        (change(C, "metric", GOAL, "metric.current", None, "4.6"), "metric not reported → 4.6"),
        (change(C, "budget", ISO, "budget.actual", "1000", "2500"), "spent 1000 → 2500"),
        (change(C, "risk-added", ISO, "risks", after="Vendor late"), "risk added: Vendor late"),
        (change(C, "risk-removed", ISO, "risks", before="Vendor late"), "risk removed: Vendor late"),
        (change(C, "quarter", WEBINARS, "quarter", "Q2", "Q3", days=91), "moved Q2 → Q3"),
        (
            change(C, "unreadable", ISO, note="x.md:3: due: expected a date, got 'soon'"),
            "unreadable at 0000000: x.md:3: due: expected a date, got 'soon'",
        ),
        (change(C, "readable", ISO), "readable again"),
        (
            change(C, "renamed", ISO, before="2026/milestones/a/x.md", after="2026/milestones/a/y.md"),
            "renamed from 2026/milestones/a/x.md to 2026/milestones/a/y.md",
        ),
        (change(C, "edited", ISO, "title", "Old", "New"), "title Old → New"),
        (change(C, "edited", ISO, "description", "a" * 81, "b"), "description edited"),
        (change(C, "added", ISO), "added"),
        (change(C, "removed", ISO), "removed"),
    ],
)
def test_each_change_reads_as_words(made: Change, words: str) -> None:
    assert change_words(made) == words


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2026, 11, 18), "Week 47 · 16–22 Nov 2026"),
        (date(2026, 1, 26), "Week 5 · 26 Jan – 1 Feb 2026"),
        (date(2026, 1, 1), "Week 1 · 29 Dec 2025 – 4 Jan 2026"),
    ],
)
def test_a_week_is_labelled_by_its_iso_number_and_days(day: date, label: str) -> None:
    assert week_label(day) == label


def test_how_long_ago_reads() -> None:
    assert [ago(0), ago(1), ago(45)] == ["today", "yesterday", "45 days ago"]


# --- the "What changed" page ---------------------------------------------------------------------------------


def test_without_history_no_page_section_or_nav_entry_mentions_it(roadmap: Roadmap) -> None:
    built = pages(roadmap, None)
    assert "2026/changes.md" not in built
    text = "\n".join(built.values())
    for absent in ("What changed", "Last updated", "## History", "feed.xml", "Not updated for", "moved from"):
        assert absent not in text
    assert "What changed" not in str(site_nav(roadmap, AS_OF))
    assert "What changed" in str(site_nav(roadmap, AS_OF, "", sample()))


def test_the_changes_page_groups_by_week_newest_first_with_author_commit_and_pr(roadmap: Roadmap) -> None:
    text = pages(roadmap, sample())["2026/changes.md"]
    headings = [line for line in text.splitlines() if line.startswith("## Week")]
    assert headings[0] == "## Week 47 · 16–22 Nov 2026"
    assert headings[-1] == "## Week 2 · 5–11 Jan 2026"
    assert "due 31 Aug → 30 Sep (slipped 30 days)" in text
    link = '<a class="roadmap-link" href="milestones/iso-27001-certification.md">Achieve ISO 27001 certification</a>'
    assert link in text  # raw HTML: the plugin makes the .md path the page's URL (edges/plugin/html_links.py)
    assert 'href="https://git.example/org/plan/commit/' + f"{2:040x}" + '"' in text
    assert "· PR #7" in text
    assert 'dropped-idea · <span class="roadmap-change">removed</span>' in text  # gone: named, not linked
    assert "[Atom feed](../feed.xml)" in text and "[history.json](../history.json)" in text


def test_each_list_of_changes_is_one_raw_html_block_and_the_changes_page_stays_out_of_search(roadmap: Roadmap) -> None:
    """A blank line inside would end the block and let Markdown parse the rest; the log is not what search is for."""
    built = pages(roadmap, sample())
    for path in ("2026/changes.md", "2026/milestones/iso-27001-certification.md", "2026/quarters/q2.md"):
        blocks = built[path].split('<ul class="roadmap-changes">')[1:]
        assert blocks, path
        assert all("\n\n" not in block.split("</ul>", 1)[0] for block in blocks), path
    assert built["2026/changes.md"].startswith("---\nsearch:\n  exclude: true\n---\n# What changed in 2026\n")


def test_contributor_text_in_changes_is_escaped(roadmap: Roadmap) -> None:
    text = pages(roadmap, sample())["2026/changes.md"]
    assert "<script>" not in text and "<b>" not in text
    assert "Bo &lt;script&gt;x&lt;/script&gt;" in text
    assert "risk added: Audit &lt;b&gt;gap&lt;/b&gt;" in text


def test_a_long_history_lists_the_newest_weeks_in_full_and_points_to_history_json(roadmap: Roadmap) -> None:
    first = date(2026, 1, 5)
    changes = [
        change(
            commit(n, date.fromordinal(first.toordinal() + 7 * n)), "metric", GOAL, "metric.current", str(n), str(n + 1)
        )
        for n in range(FULL_WEEKS + 10)
    ]
    busy = commit(999, date(2026, 11, 17))
    changes += [change(busy, "edited", GOAL, f"f{n}", "a", "b") for n in range(WEEK_LINES + 5)]
    text = pages(roadmap, history(item("goal", GOAL, *changes)))["2026/changes.md"]
    assert text.count("## Week") == FULL_WEEKS
    assert '<li>… and 5 more changes this week, in <a href="../history.json">history.json</a>.</li>' in text
    assert "older changes in" in text and "weeks are in [history.json](../history.json)" in text


def test_a_check_in_that_adds_many_items_is_one_line_and_a_few_additions_stay_lines(roadmap: Roadmap) -> None:
    """The commit that writes a plan at once reads as one line with counts; three added items stay three lines."""
    bulk, few = commit(1, date(2026, 1, 5)), commit(2, date(2026, 3, 2))
    many = [GOAL, ISO, PUSH, WEBINARS]
    added = [item(kind, path, change(bulk, "added", path)) for kind, path in zip(KINDS, many, strict=True)]
    later = [f"2026/milestones/grow-recurring-revenue/new-{n}.md" for n in range(3)]
    added += [item("milestone", path, change(few, "added", path)) for path in later]
    text = pages(roadmap, history(*added))["2026/changes.md"]
    assert '4 items · <span class="roadmap-change">added: 1 goal, 2 milestones, 1 key action</span>' in text
    assert text.count("added</span>") == 3
    assert "[Achieve ISO 27001 certification]" not in text


# --- milestone, dashboard, quarter, department --------------------------------------------------------------


def test_a_milestone_page_has_its_history_newest_first_and_when_it_was_last_updated(roadmap: Roadmap) -> None:
    text = pages(roadmap, sample())["2026/milestones/iso-27001-certification.md"]
    section = text.split("## History", 1)[1]
    assert section.index("health at risk → off track") < section.index("due 31 Aug → 30 Sep") < section.index("added")
    assert "Last updated 4 days ago (16 Nov 2026), by Ana Ruiz" in text
    assert "roadmap-updated--stale" not in text


def test_stale_work_is_listed_on_the_dashboard_and_marked_on_its_page(roadmap: Roadmap) -> None:
    built = pages(roadmap, sample())
    dashboard = built["index.md"]
    stale = dashboard.split("## Not updated for 30+ days", 1)[1].split("##", 1)[0]
    assert "[Close the Q4 renewal and upsell push]" in stale and "last updated 45 days ago" in stale
    assert "[Run customer webinars on the 2027 product roadmap]" in stale  # a key action, moved 144 days ago
    assert "ISO 27001" not in stale  # updated 4 days ago
    page = built["2026/milestones/close-q4-renewal-upsell-push.md"]
    assert (
        '<p class="roadmap-updated roadmap-updated--stale">Last updated 45 days ago (6 Oct 2026), by Ana Ruiz' in page
    )


def test_each_goal_on_the_dashboard_says_when_it_or_its_milestones_last_changed(roadmap: Roadmap) -> None:
    dashboard = pages(roadmap, sample())["index.md"]
    platform = dashboard.split("### [Run an enterprise", 1)[1].split("###", 1)[0]
    assert "Last updated 4 days ago \\(16 Nov 2026\\), by Ana Ruiz\\." in platform  # through ISO, its milestone
    assert "[What changed](2026/changes.md)" in dashboard and "[Atom feed](feed.xml)" in dashboard
    goal_page = pages(roadmap, sample())["2026/goals/run-enterprise-grade-platform.md"]
    assert "· Last updated 4 days ago \\(16 Nov 2026\\), by Ana Ruiz" in goal_page.split("\n\n", 3)[2]


def test_a_quarter_looks_back_on_what_slipped_was_added_and_dropped_during_it(roadmap: Roadmap) -> None:
    built = pages(roadmap, sample())
    q2 = built["2026/quarters/q2.md"].split("### Changes to the plan during Q2", 1)[1].split("## Check the plan")[0]
    slipped, rest = q2.split("Added:", 1)
    assert "due 31 Aug → 30 Sep" in slipped and "moved Q3 → Q4" in slipped
    assert "dropped-idea" in rest and "Dropped" not in rest
    q1 = built["2026/quarters/q1.md"]
    assert "Nothing slipped, was added or was dropped during Q1" in q1  # the plan's own commit adds nothing
    assert 'dropped-idea · <span class="roadmap-change">removed' in built["2026/quarters/q3.md"]


def test_a_key_action_moved_into_its_quarter_says_from_where(roadmap: Roadmap) -> None:
    text = pages(roadmap, sample())["2026/departments/marketing.md"]
    assert (
        'Run customer webinars on the 2027 product roadmap <small class="roadmap-moved">moved from Q3</small>' in text
    )


def test_a_shallow_history_says_where_it_starts(roadmap: Roadmap) -> None:
    h = sample()
    shallow = History(h.commits, h.items, date(2026, 5, 1), (), h.repository)
    dashboard = pages(roadmap, shallow)["index.md"]
    assert "History starts 2026-05-01: this site was built from a shallow clone" in dashboard
    assert "shallow clone" not in pages(roadmap, h)["index.md"]


def test_pages_with_history_are_deterministic(roadmap: Roadmap) -> None:
    assert pages(roadmap, sample()) == pages(roadmap, sample())


def test_stale_after_days_from_roadmap_yml_sets_the_threshold(roadmap: Roadmap) -> None:
    relaxed = dataclasses.replace(roadmap, settings=roadmap.settings.model_copy(update={"stale_after_days": 145}))
    dashboard = pages(relaxed, sample())["index.md"]
    assert "Not updated for" not in dashboard  # the webinars: 144 days, under 145
    strict = dataclasses.replace(roadmap, settings=roadmap.settings.model_copy(update={"stale_after_days": 144}))
    assert "## Not updated for 144+ days" in pages(strict, sample())["index.md"]
