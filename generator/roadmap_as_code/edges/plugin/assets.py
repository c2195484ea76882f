"""The site's own files (chart script, styles, plotly.js), shipped inside the package and added by the plugin.

A stock `theme: material` site needs no `custom_dir`: the plugin adds the files to the site in memory
and names them in `extra_css` / `extra_javascript`. Charts need Material (its `document$` for instant
navigation and its colour variables); with another theme only the styles are added and every chart
shows its data table instead. plotly.js is its partial "basic" bundle (bar, scatter and pie traces), vendored
in assets/vendor/ with its license and plotly.json (version, source, checksums) by `make plotly`.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

PACKAGED = Path(__file__).resolve().parent / "assets"
VENDORED_PLOTLY = PACKAGED / "vendor" / "plotly-basic.min.js"
FOLDER = "assets/roadmap-as-code"
STYLES = f"{FOLDER}/roadmap.css"
SCRIPT = f"{FOLDER}/roadmap.js"
PICTURE_STYLES = f"{FOLDER}/roadmap-picture.css"  # the roadmap pictures, on any theme
PICTURE_SCRIPT = f"{FOLDER}/roadmap-picture.js"
PLOTLY_JS = f"{FOLDER}/plotly.min.js"  # roadmap.js loads it from its own folder, only on pages with charts
CHARTS_THEME = "material"
# A chart as rendering/widgets.py writes it: its container, then its JSON (which never holds "<").
CHART = re.compile(
    r'<div class="roadmap-chart" id="chart-[^"<>]*"[^<>]*></div>\s*'
    r'<script type="application/json" id="chart-[^"<>]*-json">[^<]*</script>\s*'
)
TABLE_CLOSED = '<details class="roadmap-chart-table">'
TABLE_OPEN = '<details class="roadmap-chart-table" open>'


def charts_render(config: MkDocsConfig) -> bool:
    """Whether the site's theme can draw the charts (Material, or a theme that extends it by name)."""
    return config.theme.name == CHARTS_THEME


def _sources(charts: bool) -> dict[str, Path]:
    """Each asset's path in the site and the file it is copied from."""
    sources = {STYLES: PACKAGED / "roadmap.css"}
    sources |= {path: PACKAGED / Path(path).name for path in (PICTURE_STYLES, PICTURE_SCRIPT)}
    if charts:
        sources |= {SCRIPT: PACKAGED / "roadmap.js", PLOTLY_JS: VENDORED_PLOTLY}
    return sources


def name_assets(config: MkDocsConfig, charts: bool) -> None:
    """Name the styles and picture script (any theme) and the chart script (Material only) once, after the site's."""
    for styles in (STYLES, PICTURE_STYLES):
        if styles not in config.extra_css:
            config.extra_css.append(styles)
    if PICTURE_SCRIPT not in {str(script) for script in config.extra_javascript}:
        config.extra_javascript.append(PICTURE_SCRIPT)
    if charts and SCRIPT not in {str(script) for script in config.extra_javascript}:
        config.extra_javascript.append(SCRIPT)


def add_assets(files: Files, config: MkDocsConfig, charts: bool) -> None:
    """Add the packaged assets to the site; a file of the site's own at the same path wins."""
    for path, source in _sources(charts).items():
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, abs_src_path=str(source)))


def tables_only(html_text: str) -> str:
    """Each chart replaced by its data table, open: without the chart script there is no chart to show.

    The chart JSON goes too: a theme's own search (MkDocs') would index it as the page's text.
    """
    return CHART.sub("", html_text).replace(TABLE_CLOSED, TABLE_OPEN)
