"""`mkdocs serve` with a broken roadmap: the last good pages stay up, under a banner that lists the problems.

Raising in serve mode would leave MkDocs' live reload "stuck" until the next good build, with the
problems only in the terminal; a preview is for seeing what is wrong, so it keeps serving instead.
"""

from __future__ import annotations

import html
import logging
from dataclasses import replace

from mkdocs.config.defaults import MkDocsConfig

from ...errors import InvalidRoadmap, RoadmapError, printable
from ...rendering.page_paths import under
from ...rendering.pages import GeneratedPage

SHOWN = 20  # the banner sits on every page: past this many, `roadmap check` has the full list
PROBLEMS_PAGE = GeneratedPage(
    path="index.md",
    title="Roadmap problems",
    markdown=(
        "# Roadmap problems\n\n"
        "The roadmap could not be read, so there are no roadmap pages to show yet. "
        "Fix the problems listed above and save: this preview rebuilds by itself.\n"
    ),
)


def problems_page(prefix: str) -> GeneratedPage:
    """The page at the roadmap's home while a preview has no good roadmap pages yet."""
    return replace(PROBLEMS_PAGE, path=under(prefix, PROBLEMS_PAGE.path))


def is_problems_page(page: GeneratedPage) -> bool:
    """Whether a page is the problems page, wherever the prefix put it."""
    return replace(page, path=PROBLEMS_PAGE.path) == PROBLEMS_PAGE


def failure(error: RoadmapError) -> str:
    """The message a failed load stops a build with, or logs while serving."""
    if isinstance(error, InvalidRoadmap):
        return f"roadmap: {len(error.problems)} problem(s) in the roadmap:\n{error}"
    return f"roadmap: {printable(str(error))}"


def problem_lines(error: RoadmapError) -> tuple[str, ...]:
    """Each problem as `path:line: field: message` (or the error's one message), safe to print."""
    if isinstance(error, InvalidRoadmap):
        return tuple(printable(str(problem)) for problem in error.problems)
    return (printable(str(error)),)


def banner(lines: tuple[str, ...], have_pages: bool) -> str:
    """An admonition for the top of every page: the problems, escaped, and what the preview shows meanwhile."""
    if not lines:
        return ""
    shown = "shows the last good roadmap pages" if have_pages else "has no roadmap pages"
    title = f"The roadmap has {len(lines)} problem(s); until they are fixed, this preview {shown}"
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines[:SHOWN])
    more = len(lines) - SHOWN
    rest = f"<p>… and {more} more; <code>roadmap check</code> lists them all.</p>" if more > 0 else ""
    return (
        '<div class="admonition failure roadmap-problems" role="alert">'
        f'<p class="admonition-title">{html.escape(title)}</p><ul>{items}</ul>{rest}</div>\n'
    )


def report(error: RoadmapError, config: MkDocsConfig, log: logging.LoggerAdapter[logging.Logger]) -> None:
    """Log the problems; as info under `strict`, where a warning would abort the rebuild (the hang avoided)."""
    level = logging.INFO if config.strict else logging.WARNING
    log.log(level, "%s\nServing the last good pages until the roadmap is fixed.", failure(error))


def without_roadmap_pages(config: MkDocsConfig) -> None:
    """Links and nav entries to roadmap pages that do not exist yet are news, not warnings that abort `strict`."""
    config.validation.links.not_found = logging.INFO
    config.validation.nav.not_found = logging.INFO
