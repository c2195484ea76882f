"""`mkdocs serve` never hangs on a broken roadmap: it keeps the last good pages under a banner that lists the
problems (escaped), and recovers on the next save; `mkdocs build` still fails."""

from __future__ import annotations

import logging
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from roadmap_as_code.edges.plugin import RoadmapPlugin, live
from roadmap_as_code.errors import InvalidRoadmap, Problem, UsageError
from tests.helpers import BIN, RoadmapBuilder

pytestmark = pytest.mark.site

CONFIG = """\
site_name: Preview
strict: true
theme: {name: material, font: false}
plugins:
  - roadmap-as-code: {as_of: 2026-11-20}
"""
BROKEN = "roadmap/2026/milestones/grow-revenue/more-leads.md"
# The problem as the banner shows it: the value written in the file arrives escaped, never as markup.
PROBLEM = (
    "roadmap/2026/milestones/grow-revenue/more-leads.md:4: due: expected a date written YYYY-MM-DD, "
    "got &#x27;&lt;b&gt;soon&lt;/b&gt;&#x27;"
)
BANNER = '<div class="admonition failure roadmap-problems" role="alert">'
WAIT = 60.0  # seconds any single wait may take before the test fails


def write_site(builder: RoadmapBuilder) -> Path:
    builder.valid()
    (builder.root / "docs").mkdir()
    (builder.root / "docs" / "guide.md").write_text("# Guide\n\nThe site's own page.\n", encoding="utf-8")
    config = builder.root / "mkdocs.yml"
    config.write_text(CONFIG, encoding="utf-8")
    return config


def break_file(builder: RoadmapBuilder) -> None:
    builder.milestone("grow-revenue", "more-leads", due="<b>soon</b>")


def fix_file(builder: RoadmapBuilder) -> None:
    builder.milestone("grow-revenue", "more-leads")


@pytest.fixture
def site(builder: RoadmapBuilder) -> Iterator[Path]:
    """A small valid site; the plugin MkDocs keeps across loads is shut down after the test, as MkDocs would."""
    config = write_site(builder)
    yield config
    plugin(load_config(str(config))).on_shutdown()


def plugin(config: MkDocsConfig) -> RoadmapPlugin:
    found = config.plugins["roadmap-as-code"]
    assert isinstance(found, RoadmapPlugin)
    return found


def content(config: MkDocsConfig, path: str, html: str = "<h1>Page</h1>") -> str:
    """What the plugin's on_page_content makes of a page's HTML (a generated page's, or the site's own)."""
    file = File(path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
    result = plugin(config).on_page_content(html, page=Page(None, file, config), config=config, files=Files([file]))
    return html if result is None else result


def test_serving_a_broken_roadmap_keeps_the_last_good_pages_under_a_banner(site: Path, builder: RoadmapBuilder) -> None:
    config = load_config(str(site))
    serving = plugin(config)
    serving.on_startup(command="serve", dirty=False)
    serving.on_config(config)
    good_pages, good_downloads, good_nav = dict(serving.pages), dict(serving.downloads), list(serving.nav)
    assert BANNER not in content(config, "index.md")

    break_file(builder)
    config = load_config(str(site))
    assert plugin(config) is serving  # MkDocs keeps a plugin with on_startup across serve rebuilds
    assert serving.on_config(config) is config  # no PluginError: the preview keeps serving
    assert (serving.pages, serving.downloads, serving.nav) == (good_pages, good_downloads, good_nav)
    for page in ("index.md", "2026/milestones/more-leads.md", "guide.md"):
        html = content(config, page)
        assert html.startswith(BANNER) and PROBLEM in html and "<b>soon" not in html
        assert "1 problem(s); until they are fixed, this preview shows the last good roadmap pages" in html
        assert html.endswith("<h1>Page</h1>")

    fix_file(builder)
    config = load_config(str(site))
    serving.on_config(config)
    assert serving.pages == good_pages
    assert content(config, "index.md") == "<h1>Page</h1>"


def test_a_first_build_that_fails_while_serving_shows_a_page_of_problems(site: Path, builder: RoadmapBuilder) -> None:
    """Nothing good to keep yet: the home page says so, under the same banner; the site's own index wins."""
    break_file(builder)
    config = load_config(str(site))
    serving = plugin(config)
    serving.on_startup(command="serve", dirty=False)
    serving.on_config(config)
    assert list(serving.pages) == ["index.md"] and serving.pages["index.md"].title == "Roadmap problems"
    assert serving.downloads == {}
    html = content(config, "index.md")
    assert PROBLEM in html and "this preview has no roadmap pages" in html

    (builder.root / "docs" / "index.md").write_text("# Our own home\n", encoding="utf-8")
    config = load_config(str(site))
    serving.on_config(config)
    files = Files([File("index.md", config.docs_dir, config.site_dir, config.use_directory_urls)])
    served = config.plugins.on_files(files, config=config)  # no collision: the problems page steps aside
    assert [f.src_uri for f in served if f.src_uri.endswith(".md")] == ["index.md"]
    assert served.get_file_from_path("index.md") is files.get_file_from_path("index.md")


def test_with_a_prefix_the_page_of_problems_is_the_roadmaps_home(site: Path, builder: RoadmapBuilder) -> None:
    """`prefix: roadmap`: the problems page takes the roadmap's home, so the site's own index.md is left alone."""
    site.write_text(CONFIG.replace("as_of: 2026-11-20", "as_of: 2026-11-20, prefix: roadmap"), encoding="utf-8")
    (builder.root / "docs" / "index.md").write_text("# Our own home\n", encoding="utf-8")
    break_file(builder)
    config = load_config(str(site))
    serving = plugin(config)
    serving.on_startup(command="serve", dirty=False)
    serving.on_config(config)
    assert list(serving.pages) == ["roadmap/index.md"] and live.is_problems_page(serving.pages["roadmap/index.md"])
    files = Files([File("index.md", config.docs_dir, config.site_dir, config.use_directory_urls)])
    served = config.plugins.on_files(files, config=config)
    assert sorted(f.src_uri for f in served if f.src_uri.endswith(".md")) == ["index.md", "roadmap/index.md"]
    assert PROBLEM in content(config, "roadmap/index.md") and PROBLEM in content(config, "index.md")


def test_build_still_fails_on_a_broken_roadmap(site: Path, builder: RoadmapBuilder) -> None:
    break_file(builder)
    config = load_config(str(site))
    building = plugin(config)
    building.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError, match="1 problem"):
        building.on_config(config)


def test_problems_are_logged_as_warnings_or_under_strict_as_info(
    site: Path, builder: RoadmapBuilder, caplog: pytest.LogCaptureFixture
) -> None:
    """Under `strict`, MkDocs aborts a rebuild that logged a warning: the hang this avoids; the banner tells."""
    break_file(builder)
    for strict, level in ((True, logging.INFO), (False, logging.WARNING)):
        site.write_text(CONFIG.replace("strict: true", f"strict: {str(strict).lower()}"), encoding="utf-8")
        config = load_config(str(site))
        plugin(config).on_startup(command="serve", dirty=False)
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            plugin(config).on_config(config)
        [record] = [r for r in caplog.records if "problem(s) in the roadmap" in r.getMessage()]
        assert record.levelno == level and "more-leads.md:4: due:" in record.getMessage()


def test_the_banner_shows_twenty_problems_and_counts_the_rest() -> None:
    problems = [
        Problem(f"roadmap/2026/goals/g{i:02}.md", 2, "owner", "expected a value, got nothing") for i in range(25)
    ]
    banner = live.banner(live.problem_lines(InvalidRoadmap(problems)), have_pages=True)
    assert banner.count("<li>") == 20 and "g19.md:2: owner" in banner and "g20.md" not in banner
    assert "… and 5 more; <code>roadmap check</code> lists them all." in banner


def test_an_error_without_a_file_is_one_line_of_the_banner() -> None:
    error = UsageError("no roadmap found in /srv/site: expected /srv/site/roadmap/ or /srv/site/roadmap.yml")
    banner = live.banner(live.problem_lines(error), have_pages=False)
    assert "<li><code>no roadmap found in /srv/site: expected /srv/site/roadmap/" in banner
    assert "The roadmap has 1 problem(s); until they are fixed, this preview has no roadmap pages" in banner


# --- the real `mkdocs serve` ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""  # not listening yet


def wait_for(url: str, done: Callable[[int, str], bool], what: str, log: Path) -> str:
    """Poll url until done(status, body); fail with the server's output after WAIT seconds."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        status, body = fetch(url)
        if done(status, body):
            return body
        time.sleep(0.2)
    pytest.fail(f"{what} within {WAIT:.0f} s; mkdocs serve said:\n{log.read_text(encoding='utf-8')[-3000:]}")


def test_mkdocs_serve_shows_the_problems_and_recovers(site: Path, builder: RoadmapBuilder) -> None:
    """Over HTTP: good page; break a file, the rebuilt page has the banner (strict: true, still served); fix it,
    the banner is gone."""
    port = free_port()
    log = builder.root / "serve.log"
    url = f"http://127.0.0.1:{port}/2026/milestones/more-leads/"
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}", "-f", str(site)],
            cwd=builder.root,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        )
        try:
            first = wait_for(url, lambda status, body: status == 200, "the milestone page was not served", log)
            assert BANNER not in first

            break_file(builder)
            broken = wait_for(url, lambda status, body: BANNER in body, "no banner after breaking a file", log)
            assert PROBLEM in broken and "Milestone more-leads" in broken  # the last good page, under the banner
            assert fetch(f"http://127.0.0.1:{port}/")[0] == 200

            fix_file(builder)
            wait_for(url, lambda status, body: status == 200 and BANNER not in body, "the banner stayed", log)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
    assert "Traceback" not in log.read_text(encoding="utf-8")
