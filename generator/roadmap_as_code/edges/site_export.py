"""Write the generated pages and chart data as plain Markdown and JSON, for any site engine."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..filesystem import path_kind, replacing_folder, write_inside
from ..history import History
from ..history.reader import read_history
from ..model import Roadmap
from ..rendering.downloads import write_downloads
from ..rendering.pages import build_pages, site_nav

MANIFEST = "manifest.json"


def read_plan_history(content: Path, roadmap: Roadmap, as_of: date) -> History | None:
    """The plan's history from git up to the as-of date, or None when git holds none; a shallow clone is said on
    stderr (the reader's other notes are for the site's log)."""
    history = read_history(content, as_of, roadmap.settings.timezone)
    if history.shallow_warning:
        print(history.shallow_warning, file=sys.stderr)
    return history if history.found else None


def export_site_sources(roadmap: Roadmap, as_of: date, out: Path, history: History | None = None) -> int:
    """Write every page, each chart's JSON and a manifest into `out`; returns the number of files.

    With the plan's `history`, the pages about how it moved and history.json and feed.xml are written too.

    `out` is replaced, so it must be empty, missing, or an earlier export (it holds a manifest). The
    export is written into a fresh scratch folder and swapped in, never through a link.
    """
    if path_kind(out) == "folder" and any(out.iterdir()) and path_kind(out / MANIFEST) != "file":
        raise UsageError(f"refusing to replace {out}: it is not empty and holds no {MANIFEST} from an earlier export")
    with replacing_folder(out) as scratch:
        return _write_export(roadmap, as_of, scratch, history)


def _json(document: Any, indent: int, sort_keys: bool = False) -> bytes:
    return (json.dumps(document, sort_keys=sort_keys, indent=indent, ensure_ascii=False) + "\n").encode("utf-8")


def _write_export(roadmap: Roadmap, as_of: date, out: Path, history: History | None) -> int:
    written = 0
    manifest: dict[str, Any] = {"as_of": as_of.isoformat(), "nav": site_nav(roadmap, as_of, "", history), "pages": []}
    for page in build_pages(roadmap, as_of, "", history):
        write_inside(out, page.path, page.markdown.encode("utf-8"))
        for chart in page.charts:
            write_inside(out, f"charts/{chart.id}.json", _json(chart.figure, 1, sort_keys=True))
        written += 1 + len(page.charts)
        manifest["pages"].append(
            {"path": page.path, "title": page.title, "source": page.source, "charts": [c.id for c in page.charts]}
        )
    downloads = write_downloads(roadmap, as_of, out, history)
    manifest["downloads"] = sorted(path.name for path in downloads)
    write_inside(out, MANIFEST, _json(manifest, 2))
    return written + len(downloads) + 1
