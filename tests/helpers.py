"""Helpers shared by the tests, the conftest fixtures and `python -m tests.screenshots`: import them from here.

The pinned "today", the repository's root, a builder for small roadmaps, git with a fixed identity and date,
golden files, building and serving a site, and driving it in Chromium. The conftest files hold fixtures only.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.edges.plugin.site_build import build_site
from roadmap_as_code.errors import InvalidRoadmap, Problem

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Dialog, Page, Route

AS_OF = date(2026, 11, 20)
"""The pinned "today" of every test: late 2026, so the example has done, running and overdue work."""

PINNED = ["--as-of", AS_OF.isoformat()]
"""The command-line options that pin `roadmap` commands to AS_OF."""

REPO = Path(__file__).resolve().parent.parent
"""The repository's root (the example roadmap, mkdocs.yml, docs/, theme/)."""

BIN = Path(sys.executable).parent
"""The console scripts of the environment running the tests (.venv/bin): roadmap, mkdocs, pre-commit, ..."""

HOSTILE = REPO / "tests" / "fixtures" / "hostile"
"""A valid roadmap whose every string is hostile, with an mkdocs.yml of its own."""

EXISTING_SITE = REPO / "tests" / "fixtures" / "existing-site"
"""A docs site that adopts the roadmap under /roadmap/: its own home page, a blog with tags, an explicit nav."""

EXISTING_GOAL_TITLE = "Grow <b>revenue</b> & margin"
"""The title of the goal existing_site_config() writes: markup that must stay text in the nav and the search index."""


# --- roadmaps --------------------------------------------------------------------------------------------


def _dump(fields: dict[str, Any]) -> str:
    return yaml.safe_dump({k: v for k, v in fields.items() if v is not None}, sort_keys=False, allow_unicode=True)


class RoadmapBuilder:
    """Writes a roadmap tree under `root/roadmap`; `valid()` makes the smallest roadmap that passes every rule.

    Keyword fields override the defaults of each kind; a field set to None is left out of the file.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "roadmap"

    def write(self, rel: str, text: str | bytes) -> Path:
        """Write raw text or bytes at a path relative to the roadmap folder."""
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        return path

    def settings(self, departments: tuple[str, ...] = ("marketing", "sales"), **fields: Any) -> Path:
        data = {
            "organisation": "Example Ltd",
            "departments": [{"id": d, "name": d.replace("-", " ").title()} for d in departments],
        }
        return self.write("roadmap.yml", _dump({**data, **fields}))

    def _item(self, rel: str, defaults: dict[str, Any], fields: dict[str, Any], body: str) -> Path:
        return self.write(rel, f"---\n{_dump({**defaults, **fields})}---\n{body}\n")

    def goal(self, goal_id: str, year: int = 2026, body: str = "Why this goal matters.", **fields: Any) -> Path:
        defaults = {"title": f"Goal {goal_id}", "owner": "CEO"}
        return self._item(f"{year}/goals/{goal_id}.md", defaults, fields, body)

    def milestone(
        self,
        goal_id: str,
        milestone_id: str,
        year: int = 2026,
        quarter: int = 1,
        body: str = "What and why.",
        **fields: Any,
    ) -> Path:
        defaults = {
            "title": f"Milestone {milestone_id}",
            "quarter": f"Q{quarter}",
            "due": date(year, 3 * quarter, 15),
            "owner": "Sales team",
            "status": "not-started",
            "success_criteria": ["Something measurable happened"],
        }
        return self._item(f"{year}/milestones/{goal_id}/{milestone_id}.md", defaults, fields, body)

    def action(
        self, department: str, action_id: str, year: int = 2026, quarter: int = 1, body: str = "How.", **fields: Any
    ) -> Path:
        defaults = {
            "title": f"Action {action_id}",
            "quarter": f"Q{quarter}",
            "owner": "Team lead",
            "status": "in-progress",
            "supports": ["more-leads"],
        }
        return self._item(f"{year}/actions/{department}/{action_id}.md", defaults, fields, body)

    def valid(self) -> RoadmapBuilder:
        """One goal with three milestones (Q1-Q3), one action per department supporting them."""
        self.settings()
        self.goal("grow-revenue")
        for quarter, milestone_id in enumerate(("more-leads", "more-deals", "more-revenue"), start=1):
            self.milestone("grow-revenue", milestone_id, quarter=quarter)
        self.action("marketing", "launch-campaign", supports=["more-leads"])
        self.action("sales", "hire-closers", quarter=2, supports=["more-deals"])
        return self

    def problems(self, as_of: date = AS_OF) -> list[Problem]:
        """Every problem `check_roadmap` finds (empty when the roadmap passes)."""
        try:
            check_roadmap(self.content, self.root, as_of)
        except InvalidRoadmap as exc:
            return list(exc.problems)
        return []


def front_matter(path: Path) -> dict[str, Any]:
    """The YAML front-matter of a roadmap file (or the whole of a .yml file), read with PyYAML, not the project's
    own reader."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".yml":
        _, text, _ = text.split("---\n", 2)
    data = yaml.safe_load(text)
    assert isinstance(data, dict), f"{path}: expected a mapping, got {type(data).__name__}"
    return data


# --- golden files ----------------------------------------------------------------------------------------


def golden_text(path: Path, actual: str) -> str:
    """The expected text of a golden file. With ROADMAP_UPDATE_GOLDEN=1 in the environment the file is first
    rewritten with `actual` and the test fails, so a run in update mode is never green: review the diff, then
    run again without it."""
    if os.environ.get("ROADMAP_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        pytest.fail(f"rewrote {path}; review the diff and run again without ROADMAP_UPDATE_GOLDEN")
    return path.read_text(encoding="utf-8")


# --- git -------------------------------------------------------------------------------------------------

COMMITTED = "2026-11-20T12:00:00+00:00"
"""When every test commit is made, unless a test says otherwise: the pinned "today"."""

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.com",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.com",
    "GIT_AUTHOR_DATE": COMMITTED,
    "GIT_COMMITTER_DATE": COMMITTED,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
"""A fixed identity and date for git, and no user or system config (no signing, hooks or templates)."""


def git(root: Path, *args: str, when: str = COMMITTED) -> str:
    """Run git in root with GIT_ENV (commits dated `when`); returns its output, stripped."""
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    result = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def commit(root: Path, message: str, when: str = COMMITTED) -> str:
    """Commit everything in root (a repository on branch main is made first if there is none); returns the
    first 12 characters of the commit id, as `roadmap diff` shows them."""
    if not (root / ".git").exists():
        git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message, when=when)
    return git(root, "rev-parse", "HEAD")[:12]


# --- the package as adopters install it ------------------------------------------------------------------

SOURCE_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "generator")
"""What a build of the package reads, and the hook's manifest: tests build a copy, never the checkout in place."""


def source_copy(folder: Path) -> Path:
    """The package's source copied into folder, without caches or build metadata; returns folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in SOURCE_FILES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, folder / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(REPO / name, folder / name)
    return folder


# --- sites -----------------------------------------------------------------------------------------------


def build(config_file: Path, site_dir: Path, as_of: date = AS_OF) -> Path:
    """Build a site with the real MkDocs, failing the test with MkDocs' own output when it breaks."""
    result = build_site(config_file, site_dir, as_of)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build of {config_file} failed:\n{result.log}")
    return site_dir


STOCK_PALETTE = """\
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {icon: material/weather-night, name: Switch to dark mode}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {icon: material/weather-sunny, name: Switch to light mode}
"""


def stock_config(folder: Path, theme: str = "material", root: Path = HOSTILE) -> Path:
    """A minimal mkdocs.yml in folder: a stock theme (no custom_dir, no extra_css or extra_javascript), the
    search plugin and this one over root. Material gets instant navigation, a palette toggle and no font CDN
    (the browser tests run offline); the adopter's first site, as `roadmap init` would write it."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    material = "  font: false\n  features: [navigation.instant]\n" + STOCK_PALETTE if theme == "material" else ""
    text = (
        f"site_name: Stock {theme} site\nsite_url: https://example.invalid/stock/\n"
        f"theme:\n  name: {theme}\n{material}"
        f"plugins:\n  - search\n  - roadmap-as-code:\n      root: {json.dumps(str(root))}\n"
    )
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def build_apart(config_file: Path, site_dir: Path, as_of: date = AS_OF) -> subprocess.CompletedProcess[str]:
    """`roadmap build` in a process of its own, as an adopter runs it.

    For sites with Material's blog plugin: MkDocs keeps one instance of it per process, and its on_shutdown
    removes a folder made only when the instance was created, so a second build in one process fails.
    """
    command = [str(BIN / "roadmap"), "build", "-f", str(config_file), "-d", str(site_dir), "--as-of", str(as_of)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=config_file.parent, env=env, capture_output=True, text=True, check=False)


def build_existing_site(folder: Path, nav: list[Any] | None = None, keep_nav: bool = True) -> Path:
    """EXISTING_SITE built with a small valid roadmap into folder/site (see existing_site_config)."""
    config = existing_site_config(folder, nav, keep_nav)
    built = build_apart(config, folder / "site")
    if built.returncode != 0:
        pytest.fail(f"roadmap build of {config} failed:\n{built.stdout}{built.stderr}")
    return folder / "site"


def existing_site_config(folder: Path, nav: list[Any] | None = None, keep_nav: bool = True) -> Path:
    """A copy of EXISTING_SITE in folder with a small valid roadmap beside its mkdocs.yml; returns that file.

    keep_nav=False replaces the fixture's explicit nav with `nav` (None: no nav, MkDocs' automatic one)."""
    shutil.copytree(EXISTING_SITE, folder, dirs_exist_ok=True)
    RoadmapBuilder(folder).valid().goal("grow-revenue", title=EXISTING_GOAL_TITLE)
    config = folder / "mkdocs.yml"
    if not keep_nav:
        settings = yaml.safe_load(config.read_text(encoding="utf-8"))
        settings.pop("nav")
        config.write_text(yaml.safe_dump(settings | ({"nav": nav} if nav else {}), sort_keys=False), encoding="utf-8")
    return config


def site_pages(site: Path) -> list[str]:
    """Paths (relative to the site root, '' for the home page) of every built page, sorted."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return ["" if p == "." else f"{p}/" for p in pages]


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcdoc", "background"}
UNSAFE_URL = re.compile(r"(javascript|vbscript|data):", re.IGNORECASE)
PAYLOADS = ("<script>alert", "<svg onload", "<img src=x", "<iframe", "<b onmouseover")
"""Raw openings of the hostile fixture's strings: in a page's source they would be live markup."""


class _LiveMarkup(HTMLParser):
    """Collects markup a browser would act on: handlers, unsafe URLs, and scripts that are not the theme's.

    <title> and <textarea> hold text only (RCDATA), as in a browser: a tag inside them is inert, but one
    that closes them early is found.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value and UNSAFE_URL.match(re.sub(r"[\x00-\x20]+", "", value)):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in {"iframe", "frame", "object", "embed", "base"}:
            self.found.append(f"<{tag}>")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        if tag == "script" and not values.get("src") and values.get("type") != "application/json":
            self._script = []  # an inline script: the theme's own are checked for payloads below
        if tag in {"title", "textarea"}:
            self.set_cdata_mode(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            text = "".join(self._script)
            if re.search(r"alert|prompt|confirm", text):
                self.found.append(f"<script>{text[:60]}</script>")
            self._script = None


def live_markup(html: str) -> list[str]:
    """What a browser would act on in one page's HTML (see _LiveMarkup)."""
    parser = _LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


def live_markup_in(site: Path) -> dict[str, list[str]]:
    """Every built HTML file holding a raw payload or live markup, with what was found in it."""
    found: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        raw = [f"raw text {m!r}" for m in PAYLOADS if m in html.lower()]
        live = live_markup(html)
        if raw or live:
            found[page.relative_to(site).as_posix()] = raw + live
    return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that keeps requests out of the output."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 on a free port for the duration of the block; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


# --- the browser -----------------------------------------------------------------------------------------

CHROMIUM = os.environ.get("ROADMAP_CHROMIUM", "/usr/bin/chromium")
"""Debian's Chromium, or the browser ROADMAP_CHROMIUM names."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 20_000  # plotly.js (1.2 MB) takes a second or more to parse on a busy CI runner

# Runs before the page's own scripts on every load (about:blank has no storage to clear).
FORGET_PALETTE = "try { localStorage.clear(); } catch (error) {}"
# Click a link to the URL, after marking the content container that instant navigation will replace.
FOLLOW_LINK = """(url) => {
    document.querySelector('[data-md-component=container]').setAttribute('data-test-leaving', '');
    const link = Object.assign(document.createElement('a'), {href: url});
    document.body.append(link);
    link.click();
    link.remove();
}"""
ARRIVED = "() => !document.querySelector('[data-md-component=container]').hasAttribute('data-test-leaving')"
# Every chart container has settled: rendered ("true") or failed ("error").
CHARTS_SETTLED = "() => [...document.querySelectorAll('.roadmap-chart')].every((el) => el.dataset.rendered)"
CHART_STATES = """els => els.map((el) => ({
    id: el.id, rendered: el.dataset.rendered || '', scheme: el.dataset.renderedScheme || '',
    plot: el.querySelector('.main-svg') !== null,
}))"""
# The visible text of the page's title heading, without the permalink anchor the toc extension adds.
H1_TEXT = """() => {
    const h1 = document.querySelector('.md-content h1').cloneNode(true);
    h1.querySelectorAll('.headerlink').forEach((a) => a.remove());
    return h1.textContent;
}"""


def find_chromium() -> str | None:
    """The browser to drive (CHROMIUM, as a path or a name on PATH), or None when it is not installed."""
    return shutil.which(CHROMIUM) or (CHROMIUM if os.path.exists(CHROMIUM) else None)


CHROMIUM_MISSING = f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set ROADMAP_CHROMIUM)"


class Tab:
    """A page whose console errors, page errors, roadmap warnings and dialogs are recorded from the start."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.base = base
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: uncaught {error}"))
        page.on("dialog", self._dialog)

    def _console(self, message: ConsoleMessage) -> None:
        # roadmap.js warns when a colour token has no CSS custom property: a chart drawn in the wrong colours.
        if message.type == "error" or (message.type == "warning" and message.text.startswith("roadmap:")):
            source = message.location.get("url") or "?"
            self.problems.append(f"{self.page.url}: console {message.type}: {message.text} (from {source})")

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{self.page.url}: {dialog.type}({dialog.message!r})")
        dialog.dismiss()

    def goto(self, path: str = "") -> None:
        """Load a page of the site by its path under the base URL and insist on HTTP 200."""
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, f"/{path}: HTTP {response.status if response else 'no response'}"

    def navigate(self, path: str) -> None:
        """Follow a link to a page of the site, as a reader's click: Material's instant navigation swaps
        the page's container in place (check a window variable to prove the document was not reloaded)."""
        self.page.evaluate(FOLLOW_LINK, self.base + path)
        self.page.wait_for_function(ARRIVED)

    def charts(self) -> list[dict[str, Any]]:
        """Wait until every chart container has settled; return each one's state."""
        self.page.wait_for_function(CHARTS_SETTLED)
        states: list[dict[str, Any]] = self.page.eval_on_selector_all(".roadmap-chart", CHART_STATES)
        return states

    def h1(self) -> str:
        return str(self.page.evaluate(H1_TEXT))

    def take_problems(self) -> list[str]:
        taken, self.problems = self.problems, []
        return taken

    def assert_clean(self) -> None:
        """No console error, page error or dialog so far (each is reported once)."""
        problems, dialogs = self.take_problems(), self.dialogs
        self.dialogs = []
        assert not dialogs, "a dialog opened, so a script ran:\n" + "\n".join(dialogs)
        assert not problems, "\n".join(problems)


def new_context(browser: Browser, instant: bool = False, **options: Any) -> BrowserContext:
    """A context whose every page load starts with no palette stored, so Material follows the emulated
    system colour scheme (light unless the options say otherwise), whatever a test toggled before.

    instant: serve sitemap.xml rebased onto the local server, so instant navigation works as deployed.
    (It costs the context its HTTP cache: Playwright turns caching off while a route is set.)
    """
    context = browser.new_context(**{"viewport": DESKTOP, "color_scheme": "light", **options})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(FORGET_PALETTE)
    if instant:
        context.route("**/sitemap.xml", _rebase_sitemap)
    return context


def _rebase_sitemap(route: Route) -> None:
    """Material's instant navigation follows only links whose URL is in sitemap.xml, compared with the
    sitemap's own path and port. Deployed at site_url they match; on 127.0.0.1:<port> they cannot, and
    every click reloads the page. Name the local server's URLs instead, as `mkdocs serve` does."""
    response = route.fetch()
    text = response.text()
    site_url = min(re.findall(r"<loc>([^<]+)</loc>", text), key=len)  # the home page's URL is site_url
    local = route.request.url.removesuffix("sitemap.xml")
    route.fulfill(response=response, body=text.replace(site_url, local))
