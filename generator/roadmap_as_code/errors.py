"""The one exception family for a user's mistakes, and the located problem it carries.

The core raises only these for anything a user can fix; the CLI turns them into messages and exit
codes, the MkDocs plugin into `PluginError`. Builtin exceptions mean a bug.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report an interrupted command


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
        super().__init__("\n".join(printable(str(p)) for p in self.problems))


class UsageError(RoadmapError):
    """A command or option asks for something impossible: a missing folder, a bad date, an unknown revision."""


# Characters a terminal or a log would act on instead of showing: C0 and C1 controls (ESC, BEL, CR, LF...),
# DEL, bidi controls that reorder what a reader sees, the Unicode line and paragraph separators, and lone
# surrogates (a file name that is not UTF-8, decoded with surrogateescape, cannot be written as UTF-8).
# `##[` starts a legacy GitHub workflow command anywhere in a line, `::` a current one at the start of one.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]|##\\[|^\\s*::"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    found = match.group()
    if found == "##[":
        return "##\\["
    if found.endswith("::"):
        return found[:-1] + "\\:"
    code = ord(found)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # the byte surrogateescape stood in for
    return _NAMED.get(found) or (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")


def printable(text: str) -> str:
    """Text from a roadmap (paths, keys, values, names) made safe to print: one line, valid UTF-8, inert."""
    return _UNPRINTABLE.sub(_escape, text)
