"""feed.xml: an Atom feed of the check-ins that changed the plan (every year), newest first, capped, with
stable tag: ids, commit times, links to the "What changed" page and every string escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.history import History
from roadmap_as_code.model import Roadmap
from roadmap_as_code.rendering.downloads import build_downloads
from roadmap_as_code.rendering.downloads.feed import ENTRIES
from tests.helpers import AS_OF, REPO
from tests.test_history_pages import GOAL, ISO, change, commit, history, item, sample

NS = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    return check_roadmap(REPO / "roadmap", REPO, AS_OF)


def feed(roadmap: Roadmap, h: History, site_url: str = "https://plans.example.org/okr/") -> ET.Element:
    data = build_downloads(roadmap, AS_OF, "", site_url, True, h)["feed.xml"]
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')
    return ET.fromstring(data)


def test_no_feed_without_history(roadmap: Roadmap) -> None:
    assert "feed.xml" not in build_downloads(roadmap, AS_OF)


def test_one_entry_per_check_in_newest_first_with_stable_ids_and_commit_times(roadmap: Roadmap) -> None:
    root = feed(roadmap, sample())
    entries = root.findall("a:entry", NS)
    assert [e.findtext("a:updated", namespaces=NS) for e in entries] == [
        "2026-11-16T12:00:07Z",
        "2026-10-06T12:00:06Z",
        "2026-08-03T12:00:05Z",
        "2026-06-29T12:00:03Z",
        "2026-05-06T12:00:04Z",
        "2026-05-04T12:00:02Z",
        "2026-01-05T12:00:01Z",
    ]
    assert entries[0].findtext("a:id", namespaces=NS) == f"tag:plans.example.org,2026-11-16:commit/{7:040x}"
    assert root.findtext("a:updated", namespaces=NS) == "2026-11-16T12:00:07Z"
    assert root.findtext("a:id", namespaces=NS) == "tag:plans.example.org,2025-01-01:roadmap/changes"
    link = entries[0].find("a:link", NS)
    assert link is not None and link.get("href") == "https://plans.example.org/okr/2026/changes/"
    self_link = [x.get("href") for x in root.findall("a:link", NS) if x.get("rel") == "self"]
    assert self_link == ["https://plans.example.org/okr/feed.xml"]
    plan = entries[-1]
    assert plan.findtext("a:title", namespaces=NS) == "Plan 2026 (#7)"
    assert "pull request #7" in (plan.findtext("a:summary", namespaces=NS) or "")


def test_an_entry_lists_its_changes_in_words_and_escapes_every_string(roadmap: Roadmap) -> None:
    root = feed(roadmap, sample())
    slip = next(
        e for e in root.findall("a:entry", NS) if e.findtext("a:updated", namespaces=NS) == "2026-05-04T12:00:02Z"
    )
    assert slip.findtext("a:author/a:name", namespaces=NS) == "Bo <script>x</script>"  # text, escaped in the XML
    content = slip.findtext("a:content", namespaces=NS) or ""
    assert "<li>Achieve ISO 27001 certification: due 31 Aug → 30 Sep (slipped 30 days)</li>" in content
    assert "risk added: Audit &lt;b&gt;gap&lt;/b&gt;" in content  # html content: the risk's markup stays text
    assert "<b>" not in content


def test_the_feed_is_capped_and_without_site_url_has_no_links(roadmap: Roadmap) -> None:
    changes = [
        change(
            commit(n, date.fromordinal(date(2026, 1, 5).toordinal() + n)), "metric", GOAL, "metric.current", "1", "2"
        )
        for n in range(ENTRIES + 15)
    ]
    root = feed(roadmap, history(item("goal", GOAL, *changes)), site_url="")
    entries = root.findall("a:entry", NS)
    assert len(entries) == ENTRIES
    assert (
        entries[0].findtext("a:id", namespaces=NS)
        == f"tag:roadmap-as-code.invalid,2026-03-10:commit/{ENTRIES + 14:040x}"
    )
    assert root.findall(".//a:link", NS) == []


def test_every_years_check_ins_with_the_year_named_and_control_characters_dropped(roadmap: Roadmap) -> None:
    """One feed for the plan: a check-in of another year is in it, its items named with their year, its entry
    linked to that year's What changed page; the feed's id does not name the default year."""
    old = commit(1, date(2025, 6, 2), subject="Fix 2025\x07")
    now = commit(2, date(2026, 6, 2), subject="Check-in\x1b 2026")
    shipped = "2025/milestones/general-availability-v2.md"
    h = history(
        item("milestone", shipped, change(old, "status", shipped, "status", "in-progress", "completed")),
        item("milestone", ISO, change(now, "status", ISO, "status", "not-started", "in-progress")),
    )
    root = feed(roadmap, h)
    entries = root.findall("a:entry", NS)
    assert [e.findtext("a:title", namespaces=NS) for e in entries] == ["Check-in 2026", "Fix 2025"]
    links = [e.find("a:link", NS).get("href") for e in entries]  # type: ignore[union-attr]
    assert links == ["https://plans.example.org/okr/2026/changes/", "https://plans.example.org/okr/2025/changes/"]
    content = entries[1].findtext("a:content", namespaces=NS) or ""
    assert "general-availability-v2 (2025): status in progress → completed" in content
    assert root.findtext("a:id", namespaces=NS) == "tag:plans.example.org,2025-01-01:roadmap/changes"
    assert root.findtext("a:title", namespaces=NS) == "Kestrel Route GmbH roadmap: what changed"


def test_the_feed_is_byte_identical_across_builds(roadmap: Roadmap) -> None:
    first = build_downloads(roadmap, AS_OF, "", "https://x.example/", True, sample())["feed.xml"]
    assert build_downloads(roadmap, AS_OF, "", "https://x.example/", True, sample())["feed.xml"] == first
