"""The one exception family for a user's mistakes, and the located problem it carries.

The core raises only these for anything a user can fix; the CLI turns them into messages and exit
codes, the MkDocs plugin into `PluginError`. Builtin exceptions mean a bug.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True, order=True)
class Problem:
    """One defect in the roadmap, located at a file and line."""

    path: str
    line: int
    field: str
    message: str
    rule: str = "format"
    related: tuple[str, ...] = dataclasses.field(default=(), compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return {
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "rule": self.rule,
            "related": list(self.related),
        }


class RoadmapError(Exception):
    """The root of every user error; `exit_code` is what the command line exits with."""

    exit_code = EXIT_USAGE


class InvalidRoadmap(RoadmapError):
    """The roadmap's files break the format or a rule; carries every problem found."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(RoadmapError):
    """A command or option asks for something impossible: a missing folder, a bad date, an unknown revision."""
