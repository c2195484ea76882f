"""Fixtures for every test: roadmap builders rooted in temporary folders (helpers live in tests/helpers.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from roadmap_as_code import asof
from tests.helpers import RoadmapBuilder


@pytest.fixture
def builder(tmp_path: Path) -> RoadmapBuilder:
    """An empty roadmap builder rooted at tmp_path (call `.valid()` for a passing base)."""
    return RoadmapBuilder(tmp_path)


@pytest.fixture(scope="session")
def make_builder(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str | Path], RoadmapBuilder]:
    """Builders for module-scoped fixtures and property tests (where tmp_path cannot be used):
    `make_builder("name")` in a fresh temporary folder, or `make_builder(path)` at a given root."""

    def make(where: str | Path = "roadmap") -> RoadmapBuilder:
        return RoadmapBuilder(where if isinstance(where, Path) else tmp_path_factory.mktemp(where))

    return make


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """`clock("2026-12-01T23:30:00+00:00")` sets the tool's one clock (asof.now): no test sees the real "today"."""

    def pin(when: str) -> None:
        monkeypatch.setattr(asof, "now", lambda: datetime.fromisoformat(when).astimezone(UTC))

    return pin
