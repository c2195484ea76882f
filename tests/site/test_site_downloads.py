"""The built site's downloads: calendar events and spreadsheet rows link pages that exist, under mkdocs.yml's
site_url; the CSV as published starts with its byte-order mark."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import icalendar

from tests.helpers import REPO

SITE_URL = re.search(r"^site_url: (\S+)$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M)


def test_every_calendar_event_links_a_built_page_under_the_site_url(example_site: Path) -> None:
    assert SITE_URL is not None
    base = SITE_URL.group(1).rstrip("/") + "/"
    calendar = icalendar.Calendar.from_ical((example_site / "roadmap.ics").read_bytes())
    urls = [str(event["URL"]) for event in calendar.walk("VEVENT")]
    assert urls and all(url.startswith(base) and url.endswith("/") for url in urls)
    for url in urls:
        assert (example_site / url.removeprefix(base) / "index.html").is_file(), url


def test_the_published_csv_has_a_byte_order_mark_and_page_links(example_site: Path) -> None:
    data = (example_site / "roadmap.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows and all(row["page"].startswith("https://") for row in rows)
    assert any(row["owner"] == "Tomás Ruiz (VP Sales)" for row in rows)
