"""MkDocs adapter: check the roadmap in on_config, add its pages in on_files, watch roadmap/."""

from __future__ import annotations

import html
import os
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ...asof import midnight_epoch
from ...checking import check_as_of
from ...errors import RoadmapError
from ...filesystem import refuse_link
from ...model.reserved import THEME_ID_PREFIX
from ...reading import find_content
from ...rendering.downloads import build_downloads
from ...rendering.downloads.feed import FEED_NAME
from ...rendering.element_ids import safe_heading_ids
from ...rendering.page_paths import under
from ...rendering.pages import GeneratedPage, build_pages, site_nav
from ...rendering.table_labels import label_tables
from . import live, navigation
from .assets import add_assets, charts_render, name_assets, tables_only
from .config import RoadmapConfig
from .html_links import page_urls
from .plan_history import plan_history

log = get_plugin_logger(__name__)


_pinned_epoch: str | None = None


def _unpin_epoch() -> None:
    """Forget a SOURCE_DATE_EPOCH this plugin set itself, so `mkdocs serve` rebuilds see a new day."""
    global _pinned_epoch
    # Forgotten once: a caller that later sets the same value itself (an explicit as-of date) keeps it.
    if _pinned_epoch is not None and os.environ.get("SOURCE_DATE_EPOCH") == _pinned_epoch:
        del os.environ["SOURCE_DATE_EPOCH"]
    _pinned_epoch = None


def _pin_epoch(as_of: date) -> None:
    """Pin SOURCE_DATE_EPOCH to the as-of date's midnight, UTC, when the user has not set it.

    MkDocs stamps the sitemap (and its gzip header) with SOURCE_DATE_EPOCH or the wall clock;
    pinning it makes one commit built as of one date a byte-identical site.
    """
    global _pinned_epoch
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        _pinned_epoch = os.environ["SOURCE_DATE_EPOCH"] = str(midnight_epoch(as_of))


def _safe_title(page: Page, title: str) -> None:
    """Give the theme the page's title as escaped HTML, in the two places its templates print it raw.

    MkDocs themes have no autoescape. page.title feeds nav, header and search; Material's <title> prints
    `page.title | striptags`, which unescapes again, unless `page.meta.title` is set: then it prints
    that as is. Markup, so that templates which do escape (`| e`, tojson) don't escape twice. A label the
    nav gives the page (`Dashboard`, or a site's own `Our plans: roadmap/index.md`) stays its nav label.
    """
    safe = Markup(html.escape(title))
    label = page.__dict__.get("title")  # a title the nav gave this page (MkDocs keeps it on the instance)
    page.title = safe if label is None else Markup(html.escape(str(label)))
    if not page.is_homepage:  # the home page's <title> is the site name alone, as in every theme
        page.meta["title"] = safe


def _safe_ids(html_text: str, page: Page) -> str:
    """The page's HTML with no heading id the theme reserves; its table of contents and anchors follow.

    Done on the rendered HTML because the site's own toc extension picks heading ids (see
    rendering/element_ids.py); page.toc feeds the theme's sidebar and the search index.
    """
    safe, renamed = safe_heading_ids(html_text)
    if renamed:
        pending = list(page.toc)
        while pending:
            anchor = pending.pop()
            anchor.id = renamed.get(anchor.id, anchor.id)
            pending += anchor.children
        if page.present_anchor_ids is not None:
            gone = {old for old in renamed if old.startswith(THEME_ID_PREFIX)}
            page.present_anchor_ids = (page.present_anchor_ids - gone) | set(renamed.values())
    return safe


def _own_file_at(files: Files, published: dict[str, File], generated: File) -> File | None:
    """The site's own file at a generated file's path, or published at its URL (docs/roadmap.md at roadmap/)."""
    return files.get_file_from_path(generated.src_uri) or published.get(generated.dest_uri)


def _refuse_collision(own: File | None, generated: File, what: str) -> None:
    """Stop the build when a file of the site's own is where a generated one goes: neither may replace the other."""
    if own is None:
        return
    if own.src_uri == generated.src_uri:
        raise PluginError(f"roadmap: docs/{own.src_uri} collides with a generated {what}; rename or remove it")
    raise PluginError(
        f"roadmap: docs/{own.src_uri} is published at {generated.dest_uri}, where the generated {what} "
        f"{generated.src_uri} goes; rename or remove it, or choose another prefix"
    )


class RoadmapPlugin(BasePlugin[RoadmapConfig]):
    """Generates the roadmap's pages in memory from the files under roadmap/."""

    def __init__(self) -> None:
        self.pages: dict[str, GeneratedPage] = {}
        self.downloads: dict[str, bytes] = {}
        self.content: Path | None = None
        self.as_of: date | None = None
        self.charts = True
        self.serving = False
        self.nav: list[Any] = []
        self.banner = ""
        self.feed_url: str | None = None  # the Atom feed's URL, when the history gave one

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having this hook also makes MkDocs keep this instance (and the last good pages) across serve rebuilds.
        self.serving = command == "serve"

    def on_shutdown(self) -> None:
        # MkDocs keeps one instance per process: the next build or serve starts with no pages and no pinned epoch.
        _unpin_epoch()
        self.serving, self.pages, self.downloads, self.nav, self.banner = False, {}, {}, [], ""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        _unpin_epoch()
        try:
            self._generate(config)
        except RoadmapError as exc:
            if not self.serving:
                raise PluginError(live.failure(exc)) from None
            self._keep_serving(exc, config)
        self._theme(config)
        return config

    def _generate(self, config: MkDocsConfig) -> None:
        """Read and check the roadmap as of its date, then generate its pages, downloads and navigation."""
        refuse_link(Path(config.site_dir), "a folder the build can replace")  # MkDocs would empty its target
        root = Path(os.path.dirname(config.config_file_path or ".")) / self.config.root
        self.content, base_dir = find_content(root.resolve())
        checked = check_as_of(self.content, base_dir, self.config.as_of)
        _pin_epoch(checked.as_of)
        roadmap = checked.passed()
        self.as_of = checked.as_of
        prefix = self.config.prefix
        history = None
        if self.config.history:
            zone = roadmap.settings.timezone
            history = plan_history(self.content, self.as_of, zone, config.repo_url, log, bool(config.strict))
        self.pages = {page.path: page for page in build_pages(roadmap, self.as_of, prefix, history)}
        self.downloads = build_downloads(
            roadmap, self.as_of, prefix, config.site_url or "", config.use_directory_urls, history
        )
        self.nav, self.banner = site_nav(roadmap, self.as_of, prefix, history), ""
        log.info("%d pages generated from %s (as of %s, %s)", len(self.pages), self.content, self.as_of, checked.origin)

    def _keep_serving(self, error: RoadmapError, config: MkDocsConfig) -> None:
        """While serving, a broken roadmap leaves the last good pages up under a banner listing its problems."""
        live.report(error, config, log)
        have_pages = bool(self.pages) and not any(live.is_problems_page(page) for page in self.pages.values())
        if not have_pages:
            problems = live.problems_page(self.config.prefix)
            self.pages = {problems.path: problems}
            live.without_roadmap_pages(config)
        self.banner = live.banner(live.problem_lines(error), have_pages)

    def _add_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        published = {file.dest_uri: file for file in files if file.inclusion.is_in_serve()}
        for path, page in self.pages.items():
            generated = File.generated(config, path, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            own = _own_file_at(files, published, generated)
            if own is not None and live.is_problems_page(page):
                continue  # the site's own page carries the banner instead
            _refuse_collision(own, generated, "page")
            files.append(generated)
        self.feed_url = None
        for name, data in self.downloads.items():
            download = File.generated(config, name, content=data)
            _refuse_collision(_own_file_at(files, published, download), download, "download")
            files.append(download)
            if name == under(self.config.prefix, FEED_NAME):
                self.feed_url = download.url
        add_assets(files, config, self.charts)
        return files

    @event_priority(-100)  # after Material's blog (-50) has taken its posts out of the nav, as MkDocs will
    def _add_to_nav(self, files: Files, *, config: MkDocsConfig) -> None:
        """Keep the site's nav and add the roadmap to it (see navigation.py); `nav: false` leaves nav alone."""
        if not self.config.enabled or not self.config.nav or not self.nav:
            return
        own = navigation.own_pages(files) if config.nav is None else []
        c = self.config
        nav = navigation.with_roadmap(config.nav, own, self.nav, c.prefix, c.nav_title, c.guide)
        if nav is not None:
            config.nav = nav

    on_files = CombinedEvent(_add_files, _add_to_nav)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        """The 404 page has a title of its own: themes give it the home page's, the site name alone."""
        if not self.config.enabled or template_name != "404.html":
            return None
        return output_content.replace("<title>", "<title>Page not found - ", 1)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Every page names the Atom feed in its head, so a browser or feed reader finds it (any theme)."""
        if not self.config.enabled or self.feed_url is None or "</head>" not in output:
            return None
        href = html.escape(get_relative_url(self.feed_url, page.url), quote=True)
        title = html.escape(f"{config.site_name}: what changed", quote=True)
        feed = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">\n'
        return output.replace("</head>", feed + "</head>", 1)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return None
        navigation.place_pages(nav, files, {p.path: p.parent for p in self.pages.values() if p.parent})
        navigation.keep_home(nav)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            _safe_title(page, generated.title)
        return None

    def on_page_content(self, html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return self.banner + html_text if self.banner else None
        page.edit_url = self._edit_url(config, generated.source)
        safe = label_tables(page_urls(_safe_ids(html_text, page), page, files))
        return self.banner + (safe if self.charts else tables_only(safe))

    def _theme(self, config: MkDocsConfig) -> None:
        """Add the packaged styles, and the chart script when the theme can draw charts (say so once if not)."""
        self.charts = charts_render(config)
        name_assets(config, self.charts)
        if not self.charts:
            # A deliberate theme choice is no broken content: under --strict it must not fail the build.
            notice = log.info if config.strict else log.warning
            notice("charts need the material theme; showing tables (theme: %s)", config.theme.name)

    def _edit_url(self, config: MkDocsConfig, source: str | None) -> str | None:
        if not config.repo_url or not source:
            return None
        return f"{config.repo_url.rstrip('/')}/edit/{self.config.branch}/{source}"

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if not self.config.enabled:
            return None
        if self.content is not None:
            server.watch(str(self.content))
        return server
