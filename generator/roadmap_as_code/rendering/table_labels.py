"""Table cells labelled with their column's header, so a phone can show each row as stacked lines."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

STACKED = "data-roadmap-rows"
"""The attribute a labelled table carries; the styles stack its rows on narrow screens."""


@dataclass
class _Table:
    """One table being read: where its tag ends, its column headers and the cells to label."""

    tag_end: int
    headers: list[str] = field(default_factory=list)
    cells: list[tuple[int, int]] = field(default_factory=list)  # (where the <td name ends, column)
    column: int = 0
    header_text: list[str] | None = None  # the text of the <th> being read, in the header row
    header_row: bool = False


class _Labeller(HTMLParser):
    """Reads the HTML once and records where each attribute goes; the text itself is never re-serialised."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.line_offsets = [0] + [m.end() for m in re.finditer("\n", text)]
        self.open: list[_Table] = []
        self.inserts: list[tuple[int, str]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_offsets[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.open.append(_Table(self._offset() + len("<table")))
        elif not self.open:
            return
        table = self.open[-1]
        if tag == "tr":
            table.column = 0
            table.header_row = not table.headers and not table.cells
        elif tag == "th":
            table.header_text = [] if table.header_row else None
            table.column += 1
        elif tag == "td":
            table.cells.append((self._offset() + len("<td"), table.column))
            table.column += 1

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1].header_text is not None:
            self.open[-1].header_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if not self.open:
            return
        table = self.open[-1]
        if tag == "th" and table.header_text is not None:
            table.headers.append(" ".join("".join(table.header_text).split()))
            table.header_text = None
        elif tag == "table":
            self._label(self.open.pop())

    def _label(self, table: _Table) -> None:
        if not any(table.headers):
            return  # a table without headers (a key-value list) keeps its layout
        self.inserts.append((table.tag_end, f" {STACKED}"))
        for at, column in table.cells:
            if column < len(table.headers) and table.headers[column]:
                self.inserts.append((at, f' data-label="{html.escape(table.headers[column], quote=True)}"'))


def label_tables(text: str) -> str:
    """The page's HTML with every headed table marked and each of its cells labelled with its header's text."""
    if "<table" not in text:
        return text
    parser = _Labeller(text)
    parser.feed(text)
    parser.close()
    out, last = [], 0
    for at, attribute in sorted(parser.inserts):
        out += [text[last:at], attribute]
        last = at
    return "".join(out) + text[last:]
