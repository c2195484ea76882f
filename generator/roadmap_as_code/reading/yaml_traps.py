"""Valid YAML that does not say what its author meant: a comment cut off plain text, typographic quotes, tabs.

`title: Cut costs # by 10%` is valid YAML whose title is "Cut costs": the rest is a comment, dropped
without a word. `title: “Cut costs”` keeps the curly quotes as part of the text. A tab in indentation is
a syntax error whose libyaml message never says "tab". Each gets a message that says what happened and
how to write it instead.
"""

from __future__ import annotations

import re

_COMMENT_AFTER = re.compile(r"[ \t]+#")
_ASCII_QUOTE = {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"}
_CLOSING = frozenset("”“’‘")
TYPOGRAPHIC_OPENERS = frozenset(_ASCII_QUOTE)
"""First characters of a plain value that may be wrapped in typographic quotes."""
_SHOWN = 60


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def double_quoted(text: str) -> str:
    """Text as a YAML double-quoted scalar (backslashes and double quotes escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cut_by_comment(text: str, value: str, end: int) -> str | None:
    """The message for a plain text value that YAML ends at ' #' (the rest of its line is a comment), or None."""
    comment = _COMMENT_AFTER.match(text, end)
    if comment is None:
        return None
    line_end = text.find("\n", end)
    rest = text[end : len(text) if line_end < 0 else line_end].rstrip()
    dropped = rest[comment.end() - 1 - end :]
    return (
        f"expected the whole text, got {_short(value)!r} followed by {_short(dropped)!r}, which YAML drops as a "
        f"comment; quote it: {_short(double_quoted(value + rest))} (or put the comment on a line of its own)"
    )


def typographic_quotes(value: str) -> str | None:
    """The message for a plain value wrapped in typographic quotes (“…”, ‘…’), which YAML keeps as text, or None."""
    if len(value) < 2 or value[0] not in _ASCII_QUOTE or value[-1] not in _CLOSING:
        return None
    quote = _ASCII_QUOTE[value[0]]
    return (
        f"expected text or text in YAML quotes, got {_short(value)!r}: {value[0]}…{value[-1]} are not YAML quotes; "
        f"use {quote}…{quote}"
    )


def tab_indentation(text: str, index: int) -> str | None:
    """The message for a YAML syntax error caused by a tab in indentation (libyaml points at the tab), or None."""
    if text[index : index + 1] != "\t":
        return None
    return "expected spaces for indentation, got a tab; indent with spaces, not tabs"
