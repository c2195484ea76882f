"""Load a roadmap and apply every rule: the one entry point the CLI and the plugin share."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import InvalidRoadmap
from ..model import Roadmap
from ..reading import load_roadmap
from .rules import check_rules


def check_roadmap(content: Path, base: Path, as_of: date) -> Roadmap:
    """The validated roadmap, or InvalidRoadmap with every problem found.

    Cross-file rules run once every file reads cleanly, so that a broken file does not
    also show up as a missing reference or a wrong count elsewhere.
    """
    roadmap, problems = load_roadmap(content, base)
    if problems or roadmap is None:
        raise InvalidRoadmap(problems)
    problems = check_rules(roadmap, as_of)
    if problems:
        raise InvalidRoadmap(problems)
    return roadmap
