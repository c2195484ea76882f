"""Write the generated pages and chart data as plain Markdown and JSON, for any site engine."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..model import Roadmap
from ..rendering.downloads import write_downloads
from ..rendering.pages import build_pages, site_nav

MANIFEST = "manifest.json"


def export_site_sources(roadmap: Roadmap, as_of: date, out: Path) -> int:
    """Write every page, each chart's JSON and a manifest into `out`; returns the number of files.

    `out` is replaced, so it must be empty, missing, or an earlier export (it holds a manifest).
    """
    if out.exists():
        if any(out.iterdir()) and not (out / MANIFEST).is_file():
            raise UsageError(
                f"refusing to replace {out}: it is not empty and holds no {MANIFEST} from an earlier export"
            )
        shutil.rmtree(out)
    pages = build_pages(roadmap, as_of)
    written = 0
    manifest: dict[str, Any] = {"as_of": as_of.isoformat(), "nav": site_nav(roadmap, as_of), "pages": []}
    for page in pages:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
        written += 1
        for chart in page.charts:
            chart_file = out / "charts" / f"{chart.id}.json"
            chart_file.parent.mkdir(parents=True, exist_ok=True)
            chart_file.write_text(
                json.dumps(chart.figure, sort_keys=True, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            written += 1
        manifest["pages"].append(
            {
                "path": page.path,
                "title": page.title,
                "source": page.source,
                "charts": [chart.id for chart in page.charts],
            }
        )
    downloads = write_downloads(roadmap, as_of, out)
    manifest["downloads"] = sorted(path.name for path in downloads)
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return written + len(downloads) + 1
