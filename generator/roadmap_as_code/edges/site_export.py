"""Write the generated pages and chart data as plain Markdown and JSON, for any site engine."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..filesystem import path_kind, replacing_folder, write_inside
from ..model import Roadmap
from ..rendering.downloads import write_downloads
from ..rendering.pages import build_pages, site_nav

MANIFEST = "manifest.json"


def export_site_sources(roadmap: Roadmap, as_of: date, out: Path) -> int:
    """Write every page, each chart's JSON and a manifest into `out`; returns the number of files.

    `out` is replaced, so it must be empty, missing, or an earlier export (it holds a manifest). The
    export is written into a fresh scratch folder and swapped in, never through a link.
    """
    if path_kind(out) == "folder" and any(out.iterdir()) and path_kind(out / MANIFEST) != "file":
        raise UsageError(f"refusing to replace {out}: it is not empty and holds no {MANIFEST} from an earlier export")
    with replacing_folder(out) as scratch:
        return _write_export(roadmap, as_of, scratch)


def _json(document: Any, indent: int, sort_keys: bool = False) -> bytes:
    return (json.dumps(document, sort_keys=sort_keys, indent=indent, ensure_ascii=False) + "\n").encode("utf-8")


def _write_export(roadmap: Roadmap, as_of: date, out: Path) -> int:
    written = 0
    manifest: dict[str, Any] = {"as_of": as_of.isoformat(), "nav": site_nav(roadmap, as_of), "pages": []}
    for page in build_pages(roadmap, as_of):
        write_inside(out, page.path, page.markdown.encode("utf-8"))
        for chart in page.charts:
            write_inside(out, f"charts/{chart.id}.json", _json(chart.figure, 1, sort_keys=True))
        written += 1 + len(page.charts)
        manifest["pages"].append(
            {"path": page.path, "title": page.title, "source": page.source, "charts": [c.id for c in page.charts]}
        )
    downloads = write_downloads(roadmap, as_of, out)
    manifest["downloads"] = sorted(path.name for path in downloads)
    write_inside(out, MANIFEST, _json(manifest, 2))
    return written + len(downloads) + 1
