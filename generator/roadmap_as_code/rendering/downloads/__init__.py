"""The site's downloads: the roadmap as JSON (with computed metrics), an iCalendar feed of milestone
due dates, and the milestone framework table as CSV. Pure functions of the roadmap and the as-of date,
so the same commit always publishes the same bytes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ...filesystem import output_folder, write_inside
from ...history import History
from ...model import Roadmap
from ..page_paths import under
from .calendar import roadmap_ics
from .feed import FEED_NAME, history_feed
from .history_json import history_json
from .links import PageLinks
from .records import roadmap_json
from .spreadsheet import roadmap_csv

JSON_NAME, ICS_NAME, CSV_NAME = "roadmap.json", "roadmap.ics", "roadmap.csv"
HISTORY_NAME = "history.json"  # only with the plan's history
DOWNLOADS = (JSON_NAME, ICS_NAME, CSV_NAME)


def build_downloads(
    roadmap: Roadmap,
    as_of: date,
    prefix: str = "",
    site_url: str = "",
    directory_urls: bool = True,
    history: History | None = None,
) -> dict[str, bytes]:
    """The downloads by site path (inside the folder `prefix`, '' for the site root), as the bytes to publish;
    history.json only with the plan's history.

    `site_url` (mkdocs.yml's) gives calendar events and spreadsheet rows their page's address; the CSV starts with a
    byte-order mark, so spreadsheets read it as UTF-8.
    """
    links = PageLinks(site_url, directory_urls, prefix)
    built = {
        under(prefix, JSON_NAME): roadmap_json(roadmap, as_of).encode("utf-8"),
        under(prefix, ICS_NAME): roadmap_ics(roadmap, as_of, links).encode("utf-8"),
        under(prefix, CSV_NAME): roadmap_csv(roadmap, as_of, links).encode("utf-8-sig"),
    }
    if history is not None:
        built[under(prefix, HISTORY_NAME)] = history_json(history).encode("utf-8")
        built[under(prefix, FEED_NAME)] = history_feed(roadmap, as_of, history, links).encode("utf-8")
    return built


def write_downloads(roadmap: Roadmap, as_of: date, out: Path, history: History | None = None) -> list[Path]:
    """Write the downloads into `out` (created if missing); other files there are left alone, links refused."""
    # All rendered before `out` is touched: a failure leaves no folder.
    built = build_downloads(roadmap, as_of, history=history)
    output_folder(out)
    return [write_inside(out, name, content) for name, content in built.items()]
