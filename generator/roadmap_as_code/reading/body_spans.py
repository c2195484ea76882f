"""How far Python-Markdown reads from each bracket and run of backticks of a paragraph, in linear time.

Its link patterns read from a '[' to the matching ']' (and from '](' to the matching ')') one character at a
time, and its code pattern from a run of backticks to the next run as long; an unclosed one reads to the end
of the paragraph. A code span or an escape is replaced before links are read, so it can hide a closing
bracket, and grows into a longer placeholder: a span with a backslash or backtick inside (or a quote, which
changes how ')' counts) is charged to the end of the paragraph, and 16 more characters for each of them on the
way. Each cost is (offset of the opening character, characters read).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

_BRACKETS = {"[": re.compile(r"[\[\]]"), "(": re.compile(r"[()]")}
_HIDERS = {"[": re.compile(r"[\\`]"), "(": re.compile(r"[\\`'\"]")}
_TICKS = re.compile(r"`+")
_PLACEHOLDER = 16  # the most an escape or a code span grows to before links are read


def escaped(text: str, offset: int) -> bool:
    """True when an odd run of backslashes precedes the character at offset."""
    run = 0
    while offset - run > 0 and text[offset - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def link_costs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """How far Python-Markdown reads from each '[' (to its ']') and each '](' (to its ')') of a paragraph."""
    if text.find("[", start, end) >= 0:
        yield from ((at, cost) for at, cost in brackets(text, "[", start, end) if not escaped(text, at))
        if text.find("](", start, end) >= 0:
            yield from (
                (at, cost) for at, cost in brackets(text, "(", start, end) if at > start and text[at - 1] == "]"
            )


def brackets(text: str, opener: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Each opening bracket with its cost: to its closing one when nothing between can hide it, else to the end."""
    hiders = [match.start() for match in _HIDERS[opener].finditer(text, start, end)]
    stack: list[int] = []
    for match in _BRACKETS[opener].finditer(text, start, end):
        at = match.start()
        if text[at] == opener:
            stack.append(at)
        elif stack:
            open_at = stack.pop()
            index = bisect_right(hiders, open_at)
            if index == len(hiders) or hiders[index] >= at:
                yield open_at, at - open_at
            else:  # each escape or code span on the way becomes a longer placeholder
                yield open_at, end - open_at + _PLACEHOLDER * (len(hiders) - index)
    for open_at in stack:
        yield open_at, end - open_at + _PLACEHOLDER * (len(hiders) - bisect_right(hiders, open_at))


def code_costs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """How far Python-Markdown reads from each run of backticks: to the next run of the same length."""
    if text.find("`", start, end) < 0:
        return
    following: dict[int, int] = {}
    for run_start, run_end in reversed([match.span() for match in _TICKS.finditer(text, start, end)]):
        length = run_end - run_start
        if text[run_start - 1 : run_start] == "\\" and text[run_start - 2 : run_start - 1] != "\\":
            length -= 1  # a lone backslash escapes the first backtick
        if length:
            yield run_start, following.get(length, end) - run_end
        following[run_end - run_start] = run_start


def table_costs(lines: list[str], start: int) -> Iterator[tuple[int, int]]:
    """A table row checks each '|' against each code span on it."""
    offset = start
    for line in lines:
        if "|" in line and "`" in line:
            yield offset, line.count("|") * line.count("`")
        offset += len(line) + 1
