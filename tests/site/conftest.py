"""Fixtures for tests of the built site: one real MkDocs build per session, a local server, a browser path."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.helpers import CHROMIUM_MISSING, REPO, build, build_existing_site, find_chromium, serving, stock_config


@pytest.fixture(scope="session", autouse=True)
def _history_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Site builds read the plan's git history: its cache goes to a temporary folder, never to ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example roadmap's site, built once per session as of 2026-11-20."""
    return build(REPO / "mkdocs.yml", tmp_path_factory.mktemp("example") / "site")


@pytest.fixture(scope="session")
def stock_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/hostile on a stock Material site (no custom_dir): only what the plugin adds, built once."""
    folder = tmp_path_factory.mktemp("stock")
    return build(stock_config(folder), folder / "site")


@pytest.fixture(scope="session")
def existing_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/existing-site (own home page, blog, tags, explicit nav) with the roadmap under /roadmap/."""
    return build_existing_site(tmp_path_factory.mktemp("existing"))


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve a folder on 127.0.0.1 on a free port until the session ends; returns its base URL."""
    with ExitStack() as servers:
        yield lambda folder: servers.enter_context(serving(folder))


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium; in CI a missing browser fails the run instead of skipping."""
    found = find_chromium()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(CHROMIUM_MISSING)
        pytest.skip(CHROMIUM_MISSING)
    return found
