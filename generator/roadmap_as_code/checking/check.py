"""Load a roadmap and apply every rule: the one entry point the CLI and the plugin share."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..asof import resolve_as_of
from ..errors import InvalidRoadmap, Problem
from ..model import Roadmap
from ..model.timezone import DEFAULT_TIMEZONE
from ..reading import load_roadmap
from .rules import check_rules


def check_roadmap(content: Path, base: Path, as_of: date) -> Roadmap:
    """The validated roadmap, or InvalidRoadmap with every problem found."""
    roadmap, problems = load_roadmap(content, base)
    return _passed(roadmap, problems, as_of)


def _passed(roadmap: Roadmap | None, problems: Sequence[Problem], as_of: date) -> Roadmap:
    """The roadmap if it reads cleanly and passes every rule, else InvalidRoadmap."""
    # Cross-file rules run once every file reads cleanly, so that a broken file does not
    # also show up as a missing reference or a wrong count elsewhere.
    if problems or roadmap is None:
        raise InvalidRoadmap(problems)
    problems = check_rules(roadmap, as_of)
    if problems:
        raise InvalidRoadmap(problems)
    return roadmap


@dataclass(frozen=True)
class Checked:
    """A roadmap judged at its as-of date: the roadmap when it passed, else every problem."""

    roadmap: Roadmap | None
    problems: tuple[Problem, ...]
    as_of: date
    origin: str

    def passed(self) -> Roadmap:
        """The roadmap, or InvalidRoadmap with its problems."""
        if self.roadmap is None:
            raise InvalidRoadmap(self.problems)
        return self.roadmap


def check_as_of(content: Path, base: Path, explicit: date | None, env: Mapping[str, str] = os.environ) -> Checked:
    """The roadmap judged as of the explicit date, else SOURCE_DATE_EPOCH, else today in its own timezone."""
    # The timezone comes with the settings, so the tree is read once; unreadable settings leave UTC.
    roadmap, problems = load_roadmap(content, base)
    timezone = roadmap.settings.timezone if roadmap else DEFAULT_TIMEZONE
    as_of, origin = resolve_as_of(explicit, timezone, env)
    try:
        return Checked(_passed(roadmap, problems, as_of), (), as_of, origin)
    except InvalidRoadmap as exc:
        return Checked(None, exc.problems, as_of, origin)
