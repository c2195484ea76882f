"""The one exception family for problems in user input, and the located problem it carries."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One defect in the roadmap, located at a file and line."""

    path: str
    line: int
    field: str
    message: str
    rule: str = "format"
    related: tuple[str, ...] = field(default=(), compare=False)

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
    """The roadmap cannot be used as it is; carries every problem found."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """The command was asked for something impossible (missing folder, bad option)."""
