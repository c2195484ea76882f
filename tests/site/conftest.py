"""Fixtures for tests of the built site: one real MkDocs build per session, a local server, a browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from roadmap_as_code.edges.sitebuild import build_site

REPO = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 11, 20)
CHROMIUM = os.environ.get("ROADMAP_CHROMIUM", "/usr/bin/chromium")


def build(config_file: Path, site_dir: Path, as_of: date = AS_OF) -> Path:
    """Build a site with the real MkDocs, failing the test with MkDocs' own output when it breaks."""
    result = build_site(config_file, site_dir, as_of)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return site_dir


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example roadmap's site, built once per session as of 2026-11-20."""
    return build(REPO / "mkdocs.yml", tmp_path_factory.mktemp("example") / "site")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that keeps requests out of the test output."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve a folder on 127.0.0.1 on a free port; returns its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium; in CI a missing browser fails the run instead of skipping."""
    found = shutil.which(CHROMIUM) or (CHROMIUM if os.path.exists(CHROMIUM) else None)
    if found is None:
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set ROADMAP_CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found
