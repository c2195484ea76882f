"""Text fitted to a width without a browser: estimated glyph widths, wrapped lines, an ellipsis at the end."""

from __future__ import annotations

import unicodedata

# Widths in em of Helvetica/Arial (and the metric-compatible Liberation Sans), grouped; other fonts of the
# theme's stacks (Roboto, system UI fonts) are no wider once SAFETY is applied.
_GROUPS = {
    0.23: "ijl|'",
    0.28: " !,./:;I[\\]ft",
    0.34: '()-`r{}"',
    0.5: "cksvxyzJ?^*",
    0.56: "0123456789abdeghnopqu$#_~+<=>L",
    0.62: "FTZ",
    0.67: "ABEKPSVXY&",
    0.73: "CDHNRUw",
    0.78: "GOQ",
    0.84: "Mm",
    0.9: "%",
    0.95: "W",
    1.02: "@",
}
_WIDTH = {char: width for width, chars in _GROUPS.items() for char in chars}
SAFETY = 1.1
ELLIPSIS = "…"


def char_width(char: str) -> float:
    """The estimated advance of one character, in em."""
    if char in _WIDTH:
        return _WIDTH[char]
    if unicodedata.combining(char):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    return 0.7


def text_width(text: str, size: float) -> float:
    """The estimated width of a line of text at a font size, in the same unit as the size."""
    return sum(char_width(c) for c in text) * size * SAFETY


def _cut(text: str, width: float, size: float) -> str:
    """The longest start of text that fits width followed by an ellipsis."""
    out = ""
    for char in text:
        if text_width(out + char + ELLIPSIS, size) > width:
            break
        out += char
    return out.rstrip() + ELLIPSIS


def _split_long(word: str, width: float, size: float) -> list[str]:
    """A word wider than the line, broken into pieces that fit."""
    pieces, piece = [], ""
    for char in word:
        if piece and text_width(piece + char, size) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def wrap(text: str, width: float, size: float, max_lines: int) -> list[str]:
    """Text in at most max_lines lines that fit width; the last line ends with an ellipsis when text is cut."""
    words = [piece for word in text.split() for piece in _split_long(word, width, size)]
    lines: list[str] = []
    line = ""
    for i, word in enumerate(words):
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size) <= width:
            line = candidate
            continue
        lines.append(line)
        line = word
        if len(lines) == max_lines:
            return [*lines[:-1], _cut(" ".join([lines[-1], *words[i:]]), width, size)]
    return [*lines, line] if line else lines or [""]


def fit(text: str, width: float, size: float) -> str:
    """One line of text that fits width, cut with an ellipsis when needed."""
    return text if text_width(text, size) <= width else _cut(text, width, size)
