"""Replace an id on given lines of a file, leaving every other byte as it was (comments, quotes, line ends).

The reader gives the line of every list item (`supports.1`), so a reference is changed where it is
written instead of re-dumping the file, which would lose its comments and layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import UsageError

_BREAK = re.compile(r"(\r\n|\r|\n)")  # the line ends the reader counts (reading.frontmatter.read_text)
_COMMENT = re.compile(r"[ \t]#")


def _value_span(line: str, key: str) -> tuple[int, int]:
    """Where the values of a line are: after `key:` or a list dash, up to a comment."""
    stripped = line.lstrip(" ")
    indent = len(line) - len(stripped)
    start = indent
    if stripped.startswith(f"{key}:"):
        start = indent + len(key) + 1
    elif stripped.startswith("-"):
        start = indent + 1
    comment = _COMMENT.search(line, start)
    return start, comment.start() if comment else len(line)


def replace_id(text: str, lines: Iterable[int], key: str, old: str, new: str, rel: str) -> str:
    """text with the id `old` replaced by `new` on each given (1-based) line, in the values of `key`."""
    token = re.compile(rf"(?<![A-Za-z0-9_-]){re.escape(old)}(?![A-Za-z0-9_-])")
    parts = _BREAK.split(text)  # content, line end, content, ...: line n is parts[2 * (n - 1)]
    for number in sorted(set(lines)):
        index = 2 * (number - 1)
        line = parts[index] if index < len(parts) else ""
        start, end = _value_span(line, key)
        changed, count = token.subn(new, line[start:end])
        if count == 0:
            raise UsageError(f"{rel}:{number}: {key}: expected '{old}' on this line, got none; nothing was changed")
        parts[index] = line[:start] + changed + line[end:]
    return "".join(parts)
