"""Site benchmarks: the plugin's build against a plain MkDocs build of the same pages, and scaling.

1. Plugin vs plain: a synthetic roadmap is built by `mkdocs build` with the roadmap plugin, and the
   same generated pages (written by `roadmap export`, plus the plugin's assets) by `mkdocs build` without
   it: the same theme, nav, Markdown, script and styles, so the difference is what the plugin adds (load,
   check, generate).
2. Scaling: the plugin's build of a 1,000-file and a 3,000-file roadmap.
3. Size: the example dashboard's HTML and the inline chart JSON in it; bytes per page type, raw and gzipped, of
   the page and of its first visit (bench/weight.py).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from .synthetic import AS_OF, Shape, write_roadmap
from .table import Table
from .timing import alternate, command
from .weight import weight_report

REPO = Path(__file__).resolve().parent.parent
TARGET_PLUGIN = 1.15
TARGET_SCALE = 3.5
TARGET_KB = 60
AS_OF_EXAMPLE = date(2026, 11, 20)  # the date the docs quote
SMALL = Shape(years=10)  # 10 years x 100 files = 1,000 files
LARGE = Shape(years=30)  # 3,000 files
_JSON = re.compile(r'<script type="application/json"[^>]*>(.*?)</script>', re.S)


def mkdocs_config(docs_dir: Path, plugin: bool, nav: list[object] | None = None) -> str:
    """An mkdocs.yml like the project's, with or without the roadmap plugin."""
    lines = [
        "site_name: Bench roadmap",
        "site_url: https://example.org/bench/",
        f"docs_dir: {json.dumps(str(docs_dir))}",
        "theme:",
        "  name: material",
        "  font: false",
        "  features: [navigation.instant]",
        "markdown_extensions: [tables, attr_list, admonition, {toc: {permalink: true}}]",
        "plugins:",
        "  - search",
    ]
    if plugin:
        lines.append(f"  - roadmap-as-code: {{as_of: '{AS_OF.isoformat()}'}}")
    else:
        from roadmap_as_code.edges.plugin.assets import SCRIPT, STYLES

        lines += [f"extra_css: [{STYLES}]", f"extra_javascript: [{SCRIPT}]"]
    if nav is not None:
        lines.append(f"nav: {json.dumps(nav)}")
    return "\n".join(lines) + "\n"


def _copy_assets(docs: Path) -> None:
    """The files the plugin adds, copied where it would add them, for the build without it."""
    from roadmap_as_code.edges.plugin.assets import FOLDER, PACKAGED, PLOTLY_JS, VENDORED_PLOTLY

    folder = docs / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("roadmap.css", "roadmap.js"):
        shutil.copyfile(PACKAGED / name, folder / name)
    shutil.copyfile(VENDORED_PLOTLY, docs / PLOTLY_JS)


def prepare(root: Path, shape: Shape) -> tuple[Path, Path]:
    """Write a synthetic repo with two configs: the plugin's, and a plain one over the exported pages."""
    write_roadmap(root, shape)
    (root / "docs").mkdir(exist_ok=True)
    plugin_config = root / "mkdocs.yml"
    plugin_config.write_text(mkdocs_config(root / "docs", plugin=True), encoding="utf-8")
    exported = root / "exported"
    roadmap = Path(sys.executable).parent / "roadmap"
    subprocess.run(
        [str(roadmap), "export", str(root), "--out", str(exported), "--as-of", AS_OF.isoformat()],
        check=True,
        capture_output=True,
    )
    _copy_assets(exported)
    nav = json.loads((exported / "manifest.json").read_text(encoding="utf-8"))["nav"]
    plain_config = root / "plain.yml"
    plain_config.write_text(mkdocs_config(exported, plugin=False, nav=nav), encoding="utf-8")
    return plugin_config, plain_config


def _build(config: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config), "--site-dir", str(site)]


def plugin_vs_plain(table: Table, root: Path, rounds: int) -> None:
    """The plugin's build against MkDocs building the exported pages, alternating."""
    plugin_config, plain_config = prepare(root / "vs", SMALL)
    env = {"SOURCE_DATE_EPOCH": "0"}
    runs = alternate(
        {
            "S": command(_build(plugin_config, root / "site-plugin"), env=env),
            "M": command(_build(plain_config, root / "site-plain"), env=env),
        },
        rounds,
    )
    table.section(f"site build, {SMALL.files:,} roadmap files, {rounds} rounds alternating (after 1 warm-up each)")
    table.row("S", "mkdocs build with the roadmap plugin (load, check, generate, render)", runs["S"])
    table.row("M", "mkdocs build of the same pages exported as Markdown, no plugin", runs["M"])
    table.ratio("S / M", runs["S"], runs["M"], f"<= {TARGET_PLUGIN:.2f}x", TARGET_PLUGIN)


def scaling(table: Table, root: Path, rounds: int) -> None:
    """The plugin's build of 1,000 against 3,000 roadmap files."""
    small, _ = prepare(root / "small", SMALL)
    large, _ = prepare(root / "large", LARGE)
    env = {"SOURCE_DATE_EPOCH": "0"}
    runs = alternate(
        {
            "L": command(_build(large, root / "site-large"), env=env),
            "K": command(_build(small, root / "site-small"), env=env),
        },
        rounds,
        warmup=0,
    )
    pages = (
        sum(1 for _ in (root / "site-large").rglob("index.html")),
        sum(1 for _ in (root / "site-small").rglob("index.html")),
    )
    table.section(f"site build scaling, {rounds} rounds alternating")
    table.row("L", f"{LARGE.files:,} roadmap files ({pages[0]:,} pages)", runs["L"])
    table.row("K", f"{SMALL.files:,} roadmap files ({pages[1]:,} pages)", runs["K"])
    table.ratio("L / K", runs["L"], runs["K"], f"<= {TARGET_SCALE:.2f}x", TARGET_SCALE)


def example_sizes(root: Path) -> str:
    """The example dashboard's HTML and inline chart JSON, and each page type's weight, built with the project's
    mkdocs.yml."""
    site = root / "example-site"
    from roadmap_as_code.edges.plugin.site_build import build_site

    result = build_site(REPO / "mkdocs.yml", site, as_of=AS_OF_EXAMPLE)
    if result.returncode != 0:
        return f"example sizes: the example did not build:\n{result.log[-2000:]}"
    html = (site / "index.html").read_bytes()
    charts = sum(len(m.encode()) for m in _JSON.findall(html.decode("utf-8")))
    verdict = "met" if len(html) / 1000 <= TARGET_KB else "MISSED"
    dashboard = (
        f"example dashboard: {len(html) / 1000:.1f} KB of HTML, of which {charts / 1000:.1f} KB inline chart JSON; "
        f"target <= {TARGET_KB} KB: {verdict}"
    )
    return "\n".join([dashboard, "", *weight_report(site, AS_OF_EXAMPLE.year)])
