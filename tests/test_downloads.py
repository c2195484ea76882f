"""The site's downloads: roadmap.json against its schema, roadmap.ics read back with icalendar,
roadmap.csv read back with the csv module; all three byte-identical on every run."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import jsonschema
import pytest
from click.testing import CliRunner

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.edges.cli import main
from roadmap_as_code.measuring.metrics import milestone_state
from roadmap_as_code.model import Milestone, Roadmap
from roadmap_as_code.model.vocabulary import label
from roadmap_as_code.rendering.downloads import DOWNLOADS, build_downloads
from roadmap_as_code.rendering.downloads.calendar import event_summary, fold, ics_text, roadmap_ics
from roadmap_as_code.rendering.downloads.records import export_document, roadmap_json
from roadmap_as_code.rendering.downloads.spreadsheet import CSV_HEADER, csv_cell, roadmap_csv
from tests.helpers import AS_OF, PINNED, REPO, RoadmapBuilder

SCHEMA = REPO / "docs" / "schema" / "roadmap-export.schema.json"


@pytest.fixture(scope="module")
def example() -> Roadmap:
    """The example roadmap, checked as of the pinned date."""
    return check_roadmap(REPO / "roadmap", REPO, AS_OF)


def milestones(roadmap: Roadmap) -> list[Milestone]:
    return [m for y in roadmap.years for m in y.milestones]


def when(event: icalendar.Component, name: str) -> icalendar.vDDDTypes:
    """A date or date-time property of an event (DTSTART, DTEND, DTSTAMP), as icalendar parses it."""
    value = event[name]
    assert isinstance(value, icalendar.vDDDTypes), f"{name} is a {type(value).__name__}"
    return value


# --- JSON ----------------------------------------------------------------------------------------


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_the_example_export_validates_against_the_committed_schema(example: Roadmap) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(json.loads(roadmap_json(example, AS_OF)))
    ]
    assert errors == []


def test_the_schema_rejects_fields_it_does_not_describe(example: Roadmap) -> None:
    """additionalProperties is false throughout, so a new field cannot ship without a schema update."""
    document = export_document(example, AS_OF).model_dump(mode="json")
    document["years"][0]["milestones"][0]["surprise"] = 1
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError, match="surprise"):
        jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


def test_json_carries_version_settings_and_every_item(example: Roadmap) -> None:
    document = json.loads(roadmap_json(example, AS_OF))
    assert (document["schema_version"], document["organisation"], document["as_of"]) == (
        1,
        "Kestrel Route GmbH",
        "2026-11-20",
    )
    assert [y["year"] for y in document["years"]] == [y.year for y in example.years]
    for year, data in zip(example.years, document["years"], strict=False):
        assert (
            sorted(g["id"] for g in data["goals"])
            == [g["id"] for g in data["goals"]]
            == sorted(g.id for g in year.goals)
        )
        assert [m["id"] for m in data["milestones"]] == [
            m.id for m in sorted(year.milestones, key=lambda m: (m.due, m.id))
        ]
        assert len(data["actions"]) == len(year.actions)
        assert data["kpis"]["milestones"] == len(year.milestones)


def test_json_milestone_state_matches_the_metrics(example: Roadmap) -> None:
    document = json.loads(roadmap_json(example, AS_OF))
    by_id = {(m.year, m.id): m for m in milestones(example)}
    overdue = 0
    for data in document["years"]:
        for item in data["milestones"]:
            state = milestone_state(by_id[(data["year"], item["id"])], AS_OF)
            assert item["state"] == {
                "overdue": state.overdue,
                "late": state.late,
                "days_late": state.days_late,
                "due_soon": state.due_soon,
                "schedule": state.schedule,
                "schedule_label": state.schedule_label,
                "status": state.status,
                "status_label": state.status_label,
                "health": state.health,
                "health_label": label(state.health) if state.health else None,
            }
            overdue += state.overdue
    assert overdue > 0, "the example should show an overdue milestone"


# --- iCalendar -----------------------------------------------------------------------------------


def test_ics_parses_with_one_all_day_event_per_milestone_on_its_due_date(example: Roadmap) -> None:
    calendar = icalendar.Calendar.from_ical(roadmap_ics(example, AS_OF).encode("utf-8"))
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    expected = {f"{m.year}-{m.id}@kestrel-route-gmbh.roadmap-as-code": m for m in milestones(example)}
    assert sorted(events) == sorted(expected)
    for uid, milestone in expected.items():
        event = events[uid]
        assert when(event, "DTSTART").dt == milestone.due and not isinstance(when(event, "DTSTART").dt, datetime)
        assert when(event, "DTSTART").params["VALUE"] == "DATE"
        assert when(event, "DTEND").dt == date.fromordinal(milestone.due.toordinal() + 1)
        state = milestone_state(milestone, AS_OF)
        assert str(event["SUMMARY"]) == event_summary(state)
        assert milestone.title in str(event["SUMMARY"])
        assert when(event, "DTSTAMP").dt == datetime(2026, 11, 20, tzinfo=UTC)
        assert f"Owner: {milestone.owner}\nStatus: {state.status_label}" in str(event["DESCRIPTION"])
        assert str(event["STATUS"]) == "CONFIRMED" and "URL" not in event  # no site address: no link


def test_ics_uses_crlf_and_folds_every_line_at_75_octets(example: Roadmap) -> None:
    data = roadmap_ics(example, AS_OF).encode("utf-8")
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "the example has descriptions long enough to fold"


def test_ics_text_escapes_backslash_semicolon_comma_and_line_breaks() -> None:
    assert ics_text("a\\b;c,d\r\ne\nf\rg\x07") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"


def test_folding_never_splits_a_character_or_an_escape() -> None:
    line = "DESCRIPTION:" + "é€𝄞\\n" * 40
    folded = fold(line).encode("utf-8").split(b"\r\n")
    assert all(len(part) <= 75 for part in folded)
    assert [part.decode("utf-8") for part in folded]  # every part is whole UTF-8
    assert all((len(part) - len(part.rstrip(b"\\"))) % 2 == 0 for part in folded[:-1]), "a fold split an escape"
    assert "".join(p if i == 0 else p[1:] for i, p in enumerate(fold(line).split("\r\n"))) == line


def test_hostile_text_survives_the_round_trip_through_icalendar(builder: RoadmapBuilder) -> None:
    title = "Ship v2; then, maybe \\ celebrate — «ça va» " + "x" * 80
    builder.valid()
    criterion = "Signed; counted,\nand filed"  # list items may span lines; owners and titles may not
    builder.milestone("grow-revenue", "more-leads", title=title, owner="Ops, team", success_criteria=[criterion])
    roadmap = check_roadmap(builder.content, builder.root, AS_OF)
    calendar = icalendar.Calendar.from_ical(roadmap_ics(roadmap, AS_OF).encode("utf-8"))
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("2026-more-leads@"))
    assert str(event["SUMMARY"]) == f"⚠ {title} (overdue)"  # due in Q1 (the builder), open on 2026-11-20
    assert "Owner: Ops, team\nStatus:" in str(event["DESCRIPTION"])
    assert str(event["DESCRIPTION"]).endswith(f"Success criteria:\n- {criterion}")


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_round_trips_with_one_row_per_milestone(example: Roadmap) -> None:
    rows = list(csv.reader(io.StringIO(roadmap_csv(example, AS_OF), newline="")))
    assert tuple(rows[0]) == CSV_HEADER
    body = [dict(zip(CSV_HEADER, row, strict=False)) for row in rows[1:]]
    assert len(body) == len(milestones(example))
    assert all(len(row) == len(CSV_HEADER) for row in rows)
    by_id = {(m.year, m.id): m for m in milestones(example)}
    for row in body:
        m = by_id[(int(row["year"]), row["milestone"])]
        assert (row["goal"], row["title"], row["due"], row["quarter"], row["owner"]) == (
            m.goal,
            m.title,
            m.due.isoformat(),
            f"Q{m.quarter}",
            m.owner,
        )
        assert row["key tasks"].split("\n") == list(m.key_tasks) or (row["key tasks"] == "" and not m.key_tasks)
        assert row["overdue"] == ("yes" if milestone_state(m, AS_OF).overdue else "no")
    assert [(r["year"], r["goal"], r["due"]) for r in body] == sorted((r["year"], r["goal"], r["due"]) for r in body)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-5% churn", "@SUM(A1)", "\tTab", "\rCR"])
def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_start_with_a_quote(text: str) -> None:
    assert csv_cell(text) == "'" + text
    assert csv_cell("Safe = fine") == "Safe = fine"


def test_formula_titles_are_neutralised_in_the_file(builder: RoadmapBuilder) -> None:
    builder.valid()
    builder.milestone("grow-revenue", "more-leads", title="=cmd|' /C calc'!A0", key_tasks=["-1+1", "Normal"])
    roadmap = check_roadmap(builder.content, builder.root, AS_OF)
    rows = list(csv.reader(io.StringIO(roadmap_csv(roadmap, AS_OF), newline="")))
    row = dict(zip(CSV_HEADER, next(r for r in rows if r[3] == "more-leads"), strict=False))
    assert row["title"] == "'=cmd|' /C calc'!A0"
    assert row["key tasks"] == "'-1+1\nNormal"


# --- all three -----------------------------------------------------------------------------------


def test_downloads_are_byte_identical_on_every_run(example: Roadmap) -> None:
    first = build_downloads(example, AS_OF)
    assert list(first) == list(DOWNLOADS)
    assert first == build_downloads(check_roadmap(REPO / "roadmap", REPO, AS_OF), AS_OF)


def test_export_data_writes_the_three_files_and_leaves_others_alone(tmp_path: Path, example: Roadmap) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["export-data", str(REPO), "--out", str(tmp_path), *PINNED])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt", "roadmap.csv", "roadmap.ics", "roadmap.json"]
    assert {name: (tmp_path / name).read_bytes() for name in DOWNLOADS} == build_downloads(example, AS_OF)


def test_export_data_refuses_a_broken_roadmap(builder: RoadmapBuilder, tmp_path: Path) -> None:
    builder.valid()
    for goal_id in ("b", "c", "d"):
        builder.goal(goal_id)
    result = CliRunner().invoke(main, ["export-data", str(builder.root), "--out", str(tmp_path / "out"), *PINNED])
    assert result.exit_code == 1
    assert "expected at most 3 goals in 2026" in result.output
    assert not (tmp_path / "out").exists()


# --- what a reader opens: labels, full text, budget, links (issue 10) -------------------------------------------

SITE_URL = "https://example.github.io/roadmap-as-code/"


def _csv_rows(data: bytes) -> dict[str, dict[str, str]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_HEADER
    return {row[3]: dict(zip(CSV_HEADER, row, strict=True)) for row in rows[1:]}


def test_csv_starts_with_a_byte_order_mark_so_spreadsheets_read_utf_8(example: Roadmap) -> None:
    """Without the mark Excel reads the file as Windows-1252 and shows 'TomÃ¡s'."""
    data = build_downloads(example, AS_OF)["roadmap.csv"]
    assert data.startswith(b"\xef\xbb\xbfyear,goal,")
    rows = _csv_rows(data)
    assert rows["close-q4-renewal-upsell-push"]["owner"] == "Tomás Ruiz (VP Sales)"
    assert "Tomás".encode() in data and "TomÃ¡s".encode() not in data


def test_csv_has_the_sites_words_next_to_each_code_and_days_overdue(example: Roadmap) -> None:
    rows = _csv_rows(build_downloads(example, AS_OF)["roadmap.csv"])
    iso = rows["iso-27001-certification"]
    state = milestone_state(next(m for m in milestones(example) if m.id == "iso-27001-certification"), AS_OF)
    assert (iso["status"], iso["status label"]) == (state.status, state.status_label) == ("overdue", "Overdue")
    assert (iso["health"], iso["health label"]) == ("off-track", "Off track")
    assert (iso["schedule"], iso["schedule label"]) == ("behind", "Behind")
    assert (iso["overdue"], iso["days overdue"], iso["days late"]) == ("yes", "51", "")
    late = rows["move-to-multi-region-hosting"]
    assert (late["status label"], late["health"], late["health label"], late["days overdue"]) == (
        "Completed",
        "",
        "",
        "",
    )
    assert int(late["days late"]) > 0


def test_csv_has_budget_planned_and_actual_as_plain_numbers(example: Roadmap) -> None:
    rows = _csv_rows(build_downloads(example, AS_OF)["roadmap.csv"])
    hosting = rows["move-to-multi-region-hosting"]
    assert (hosting["budget planned"], hosting["budget actual"], hosting["currency"]) == ("250000", "281000", "EUR")
    drill = rows["disaster-recovery-drill"]
    assert (drill["budget planned"], drill["budget actual"]) == ("30000", "")  # not reported is empty, never 0
    no_budget = [r for r in rows.values() if r["budget planned"] == ""]
    assert all(r["budget actual"] == r["currency"] == "" for r in no_budget)


def test_csv_description_is_the_whole_body_as_plain_text(builder: RoadmapBuilder) -> None:
    """No cut at 150 characters: every paragraph, list item and link address, in one quoted multi-line cell."""
    body = (
        "First paragraph, long enough to have been cut before: " + "words " * 40 + "end of it.\n"
        "Levers:\n- a [partner portal](https://portal.example)\n- <b>resellers</b>\n\n=SUM(A1) is text too."
    )
    builder.valid()
    builder.milestone("grow-revenue", "more-leads", body=body)
    roadmap = check_roadmap(builder.content, builder.root, AS_OF)
    cell = _csv_rows(build_downloads(roadmap, AS_OF)["roadmap.csv"])["more-leads"]["description"]
    assert cell == (
        "First paragraph, long enough to have been cut before: " + "words " * 40 + "end of it. Levers:\n\n"
        "- a partner portal (https://portal.example)\n- resellers\n\n=SUM(A1) is text too."
    )
    assert len(cell) > 300


def test_csv_description_that_starts_like_a_formula_is_neutralised(builder: RoadmapBuilder) -> None:
    builder.valid()
    builder.milestone("grow-revenue", "more-leads", body='=HYPERLINK("http://x")')
    roadmap = check_roadmap(builder.content, builder.root, AS_OF)
    assert _csv_rows(build_downloads(roadmap, AS_OF)["roadmap.csv"])["more-leads"]["description"].startswith("'=")


@pytest.mark.parametrize(
    ("prefix", "directory_urls", "page"),
    [
        ("", True, f"{SITE_URL}2026/milestones/iso-27001-certification/"),
        ("", False, f"{SITE_URL}2026/milestones/iso-27001-certification.html"),
        ("plans", True, f"{SITE_URL}plans/2026/milestones/iso-27001-certification/"),
    ],
)
def test_csv_rows_and_calendar_events_link_their_page_under_the_site_address(
    example: Roadmap, prefix: str, directory_urls: bool, page: str
) -> None:
    built = build_downloads(example, AS_OF, prefix, SITE_URL.rstrip("/"), directory_urls)
    name = f"{prefix}/roadmap.csv" if prefix else "roadmap.csv"
    assert _csv_rows(built[name])["iso-27001-certification"]["page"] == page
    calendar = icalendar.Calendar.from_ical(built[name.replace(".csv", ".ics")])
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("2026-iso-27001-certification@"))
    assert str(event["URL"]) == page
    assert str(event["DESCRIPTION"]).endswith(f"\nPage: {page}")  # Google and Outlook show no URL property


def test_without_a_site_address_nothing_links(example: Roadmap) -> None:
    """A calendar resolves no relative address: `roadmap export-data` (no site) writes no links."""
    built = build_downloads(example, AS_OF)
    assert {row["page"] for row in _csv_rows(built["roadmap.csv"]).values()} == {""}
    assert b"URL" not in built["roadmap.ics"] and b"Page:" not in built["roadmap.ics"]


def test_calendar_events_are_marked_completed_or_overdue_with_status_categories(example: Roadmap) -> None:
    calendar = icalendar.Calendar.from_ical(roadmap_ics(example, AS_OF).encode("utf-8"))
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    iso, hosting = events["2026-iso-27001-certification"], events["2026-move-to-multi-region-hosting"]
    assert str(iso["SUMMARY"]) == "⚠ Achieve ISO 27001 certification (overdue)"
    assert "Status: Overdue by 51 days, Off track\n" in str(iso["DESCRIPTION"])
    categories = iso["CATEGORIES"]
    assert isinstance(categories, icalendar.vCategory)
    assert [str(c) for c in categories.cats] == ["Run an enterprise-grade platform", "Overdue"]
    assert str(hosting["SUMMARY"]) == "✓ Move to multi-region hosting"
    assert re.search(r"Status: Completed on 2026-\d\d-\d\d, \d+ days late\n", str(hosting["DESCRIPTION"]))
    open_event = events["2026-disaster-recovery-drill"]
    assert str(open_event["SUMMARY"]) == "Pass a full disaster-recovery drill"
    assert "Status: Not started, At risk\n" in str(open_event["DESCRIPTION"])
    assert {str(e["STATUS"]) for e in events.values()} == {"CONFIRMED"}


def test_json_carries_the_sites_labels_and_each_goals_verdict(example: Roadmap) -> None:
    document = json.loads(roadmap_json(example, AS_OF))
    year = next(y for y in document["years"] if y["year"] == 2026)
    iso = next(m for m in year["milestones"] if m["id"] == "iso-27001-certification")
    assert {k: iso["state"][k] for k in ("status", "status_label", "health_label", "schedule_label")} == {
        "status": "overdue",
        "status_label": "Overdue",
        "health_label": "Off track",
        "schedule_label": "Behind",
    }
    platform = next(g for g in year["goals"] if g["id"] == "run-enterprise-grade-platform")["progress"]
    assert (platform["verdict"], platform["verdict_label"], platform["health_label"]) == (
        "off-track",
        "Off track",
        "Off track",
    )
    assert "1 milestone overdue" in platform["reasons"]
