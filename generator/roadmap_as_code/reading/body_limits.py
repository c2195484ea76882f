"""Limits on what a description (a file's Markdown body) may cost to render, checked in linear time.

They were set against Python-Markdown, which rendered bodies before markdown-it-py (linear; nesting is what it
drops past its own limit, far above MAX_NESTING) and still meets their HTML in the page's own pass; they stay so
that a body accepted once stays accepted.

Python-Markdown recurses once per nesting level and reads some constructs again and again: an unclosed
'[' or run of backticks to the end of its paragraph, every inline match and every split line (a heading,
a rule) rebuild the rest of their paragraph, and a tag-like '<', a code fence or an abbreviation definition
may be searched to the end of the body. Table headers, abbreviations and reference links multiply what
they define. Each limit bounds one of these, so the worst body within all of them renders in well under a
second (bench/bodies.py measures it). A paragraph here is a run of lines without a blank line between them:
Python-Markdown's inline text never crosses one, and a line of spaces and tabs is blank to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..errors import Problem
from .body_spans import brackets, code_costs, link_costs, table_costs

MAX_NESTING = 20
MAX_ELEMENTS = 5_000
MAX_PARAGRAPH_MARKUP = 500
MAX_LINK_SPAN = 500_000
MAX_CODE_SPAN = 1_000_000
MAX_COPIES = 200_000
MAX_TAGS = 50
MAX_FENCES = 50
MAX_ABBREVIATIONS = 20

# Characters that can start an inline match, or that nh3 handles one by one (it is quadratic in the number of
# entities and no-break spaces in one text node).
MARKUP = "\\`[<>&*_\xa0\x00"
_SHOWN = "\\ ` [ < > & * _, no-break spaces"
_COPY = 30  # the markup around each copy: <abbr title="..."> or <a href="...">
_SPECIAL = re.compile(r"[\\`\[<>&*_|~\xa0\x00]|\n[ \t>*+\-:0-9.)]")
_TAG = re.compile(r"<[A-Za-z/!?]")
_FENCE = re.compile(r"^(?:```|~~~)(.*)", re.MULTILINE)
_HIGHLIGHT = re.compile(r"[ ]*(?:\.?[\w#.+-]*[ ]*)?hl_lines=[\"']")
_CONTAINERS = r"(?:[ \t]|>|[-*+:](?=[ \t])|[0-9]+[.)](?=[ \t]))*"  # indentation and list, quote, definition markers
_ABBREVIATION = re.compile(rf"^{_CONTAINERS}(\*\[)", re.MULTILINE)
_ABBREVIATION_KEY = re.compile(r"\*\[([^\\]*?)\] ?:(.*)")
_REFERENCE = re.compile(rf"^{_CONTAINERS}\[[^\[\]]*\]:", re.MULTILINE)
_DEFINITION = re.compile(r"^[ \t>*+\-0-9.)]*:[ \t]", re.MULTILINE)
_PREFIX_CHARACTERS = frozenset(" \t>*+-:0123456789.)")
_PREFIXES = re.compile(r"^[ \t>*+\-:0-9.)]+", re.MULTILINE)  # a superset of every line's _PREFIX
_PREFIX = re.compile(_CONTAINERS)
_MARKER = re.compile(r">|[-*+:]|[0-9]+[.)]")
_MARKER_SPACE = re.compile(r"(?:>|[-*+:]|[0-9]+[.)])[ \t]?")
_SEPARATOR = re.compile(r"[ \t>*+0-9.)|:\-]*\|[ \t>*+0-9.)|:\-]*")

_PASSES = "got {total:,} (this line passes the limit)"
_LINKS = (
    f"expected link brackets ('[...]' and '](...)') to span at most {MAX_LINK_SPAN:,} characters in a description, "
    f"{_PASSES}; close each '[' and '(' (an unclosed one spans the rest of its paragraph) or write '\\[' for a "
    "literal '['"
)
_CODE = (
    f"expected code spans ('`...`') to span at most {MAX_CODE_SPAN:,} characters in a description, {_PASSES}; "
    "close each run of backticks with a run as long (an unclosed one spans the rest of its paragraph) or write '\\`' "
    "for a literal '`'"
)
_COPIES = (
    f"expected abbreviations and reference links to add at most {MAX_COPIES:,} characters to the page, {_PASSES}; "
    "each use repeats the title or address it names: define fewer or shorter ones"
)
_ELEMENTS = (
    f"expected a description of at most {MAX_ELEMENTS:,} elements (lines, list and quote markers, table cells, "
    f"markup characters), {_PASSES}; move long material to a linked document"
)
_NESTING = (
    f"expected list/quote nesting of at most {MAX_NESTING} levels, got {{depth}}; flatten the list or quote "
    "(definition-list items nest unless a blank line separates them)"
)
_MARKUP = (
    f"expected at most {MAX_PARAGRAPH_MARKUP:,} lines and markup characters ({_SHOWN}) in one paragraph, "
    f"{_PASSES}; split it with blank lines"
)


def body_problems(body: str, path: str, first_line: int) -> list[Problem]:
    """The limits a body breaks, each located at the body line where it is first crossed (at most one each)."""
    if not body or _plain(body):
        return []
    # Python-Markdown deletes STX and ETX before parsing, which can join two runs of backticks.
    scan = _Body(body.replace("\x02", "").replace("\x03", ""), path, first_line)
    scan.document()
    if not scan.plainly_cheap():
        scan.paragraphs()
    return scan.problems


def _plain(body: str) -> bool:
    """True for plain prose (most descriptions): no markup, no line that opens a container, few lines."""
    return (
        body[0] not in _PREFIX_CHARACTERS and not _SPECIAL.search(body) and body.count("\n") < MAX_PARAGRAPH_MARKUP // 2
    )


class _Body:
    """One body's text and lines, and the problems found so far."""

    def __init__(self, text: str, path: str, first_line: int) -> None:
        self.text = text
        self.path = path
        self.first_line = first_line
        self.lines = text.split("\n")
        self.problems: list[Problem] = []
        self.reported: set[str] = set()

    def report(self, offset: int, rule: str, message: str) -> None:
        """Record a problem at the line of offset, once per rule."""
        if rule not in self.reported:
            self.reported.add(rule)
            line = self.first_line + self.text.count("\n", 0, offset)
            self.problems.append(Problem(self.path, line, "body", message, "body"))

    def document(self) -> None:
        """The counts over the whole body: tags, code fences, abbreviation definitions."""
        counted = (
            (_TAG, MAX_TAGS, "'<' starting an HTML tag or a link", "write '&lt;' or put a space after a literal '<'"),
            (_FENCE, MAX_FENCES, "code fence lines (``` or ~~~)", "merge code blocks or indent them instead"),
            (
                _ABBREVIATION,
                MAX_ABBREVIATIONS,
                "abbreviation definitions ('*[...]:')",
                "write '\\*[' for a literal '*['",
            ),
        )
        for pattern, limit, what, fix in counted:
            found = [match.start() for match in pattern.finditer(self.text)]
            if len(found) > limit:
                message = f"expected at most {limit:,} {what} in a description, got {len(found):,}; {fix}"
                self.report(found[limit], what, message)
        for fence in _FENCE.finditer(self.text):
            if _HIGHLIGHT.match(fence.group(1)):
                # Python-Markdown's fence pattern lets this quoted value run across lines: cubic in the body's size.
                message = (
                    "expected a code fence without hl_lines (descriptions are not highlighted), got one; remove it"
                )
                self.report(fence.start(), "hl_lines", message)

    def plainly_cheap(self) -> bool:
        """True when every limit holds even with each bracket, backtick and markup character charged the whole body."""
        # Most bodies: no definitions, tables or deep prefixes, so no paragraph needs a closer look.
        text, size = self.text, len(self.text)
        prefixes = [len(prefix) for prefix in _PREFIXES.findall(text)]
        return (
            max(prefixes, default=0) <= MAX_NESTING
            and _DEFINITION.search(text) is None
            and "|" not in text
            and "]:" not in text
            and "] :" not in text
            and _markup_count(text) + 2 * len(self.lines) + 2 * sum(prefixes) <= MAX_PARAGRAPH_MARKUP
            and (text.count("[") + text.count("](")) * size <= MAX_LINK_SPAN
            and text.count("`") * size <= MAX_CODE_SPAN
        )

    def paragraphs(self) -> None:
        """Nesting and markup in each paragraph; elements, spans and copies summed over the body."""
        elements = _Budget(self, "elements", MAX_ELEMENTS, _ELEMENTS)
        links = _Budget(self, "links", MAX_LINK_SPAN, _LINKS)
        code = _Budget(self, "code", MAX_CODE_SPAN, _CODE)
        copies = _Budget(self, "copies", MAX_COPIES, _COPIES)
        abbreviations = self.abbreviations()
        reference = self.longest_reference()
        for start, end, lines, blank in _runs(self.lines):
            if blank:  # Python-Markdown spends about as long on a blank line as on an element
                elements.add([(start, len(lines))])
                continue
            counts = _Paragraph(self, start, abbreviations)
            counts.read(lines)
            elements.add(counts.elements)
            copies.add(counts.copies)
            if reference:
                copies.add((at, reference) for at, _ in brackets(self.text, "[", start, end))
            links.add(link_costs(self.text, start, end))
            code.add([*code_costs(self.text, start, end), *table_costs(lines, start)])
        for budget in (elements, links, code, copies):
            budget.finish()

    def abbreviations(self) -> dict[str, int]:
        """Each abbreviation the body defines, with what each use adds to the page (its title, repeated)."""
        found: dict[str, int] = {}
        for index, match in enumerate(_ABBREVIATION.finditer(self.text)):
            key = _ABBREVIATION_KEY.match(self.text, match.start(1))
            if index >= MAX_ABBREVIATIONS or key is None or not key.group(1).strip():
                continue
            if "\n" in key.group(1):
                message = (
                    "expected an abbreviation definition '*[ABBR]: title' on one line; write '\\*[' for a literal '*['"
                )
                self.report(match.start(1), "abbreviation", message)
                continue
            following = self.lines[self.text.count("\n", 0, key.end()) + 1 :][:1]  # a title may be on the next line
            found[key.group(1).strip()] = len(key.group(1)) + len(key.group(2)) + sum(map(len, following)) + _COPY
        return found

    def longest_reference(self) -> int:
        """What one use of the longest reference definition can add: its address and title span up to 3 lines."""
        longest = 0
        for match in _REFERENCE.finditer(self.text):
            line = self.text.count("\n", 0, match.end())
            longest = max(longest, sum(map(len, self.lines[line : line + 3])))
        return longest + _COPY if longest else 0


class _Paragraph:
    """One paragraph, line by line: nesting and markup checked, elements and copies kept as costs for the body."""

    def __init__(self, body: _Body, start: int, abbreviations: dict[str, int]) -> None:
        self.body = body
        self.abbreviations = abbreviations
        self.offset = start
        self.definitions = self.markup = 0
        self.crossed: int | None = None
        self.elements: list[tuple[int, int]] = []
        self.copies: list[tuple[int, int]] = []

    def read(self, lines: list[str]) -> None:
        """Check each line of the paragraph and keep its costs."""
        for index, line in enumerate(lines):
            levels, markers = _levels(line) if line[0] in _PREFIX_CHARACTERS else (0, 0)
            if self.definitions + levels > MAX_NESTING:
                self.body.report(self.offset, "nesting", _NESTING.format(depth=self.definitions + levels))
            self.definitions += bool(_DEFINITION.match(line))
            uses = [(line.count(key), each) for key, each in self.abbreviations.items()]
            count = 1 + _markup_count(line) + (line[-1:] in (" ", "\t")) + sum(n for n, _ in uses)
            self.markup += count
            if self.markup > MAX_PARAGRAPH_MARKUP and self.crossed is None:
                self.crossed = self.offset
            table = "|" in line and _SEPARATOR.fullmatch(line)
            cells = (line.count("|") + 1) * (len(lines) - index + 1) if table else 0
            self.elements.append((self.offset, count + 2 * markers + cells))  # a marker opens two: <ul> and <li>
            self.copies.append((self.offset, sum(n * each for n, each in uses)))
            self.offset += len(line) + 1
        if self.crossed is not None:
            self.body.report(self.crossed, "paragraph", _MARKUP.format(total=self.markup))


class _Budget:
    """A cost summed over the body, reported with its total at the line where it first passes its limit."""

    def __init__(self, body: _Body, rule: str, limit: int, message: str) -> None:
        self.body = body
        self.rule = rule
        self.limit = limit
        self.message = message
        self.total = 0
        self.crossed: int | None = None

    def add(self, costs: Iterable[tuple[int, int]]) -> None:
        """Add (offset, cost) pairs in the order of their offsets."""
        for offset, cost in sorted(costs):
            self.total += cost
            if self.crossed is None and self.total > self.limit:
                self.crossed = offset

    def finish(self) -> None:
        """Report the total at the line where it passed the limit, if it did."""
        if self.crossed is not None:
            self.body.report(self.crossed, self.rule, self.message.format(total=self.total))


def _runs(lines: list[str]) -> Iterator[tuple[int, int, list[str], bool]]:
    """Each run of non-blank lines (a paragraph) and of blank lines, as (start offset, end offset, lines, blank)."""
    offset, first, current, blank = 0, 0, list[str](), False
    for line in lines:
        is_blank = not line.strip(" \t")
        if current and is_blank != blank:
            yield first, offset - 1, current, blank
            current = []
        if not current:
            first, blank = offset, is_blank
        current.append(line)
        offset += len(line) + 1
    if current:
        yield first, offset - 1, current, blank


def _markup_count(text: str) -> int:
    """Characters that can start an inline match, and line ends that can make a hard break."""
    return sum(map(text.count, MARKUP)) + text.count(" \n") + text.count("\t\n")


def _levels(line: str) -> tuple[int, int]:
    """The levels a line nests at (a marker or 4 columns of other indentation each), and the markers it has."""
    # The space after a marker belongs to it; a tab counts as 4 columns, never fewer than it takes. Python-Markdown
    # can nest a line a few levels deeper into the item or quote of the line before (lazy continuation): at most
    # about twice this in a search, far below the ~300 levels where it would run out of stack.
    prefix = _PREFIX.match(line)
    text = prefix.group(0) if prefix else ""
    rest = _MARKER_SPACE.sub("", text)
    markers = len(_MARKER.findall(text))
    return markers + (rest.count(" ") + 4 * rest.count("\t")) // 4, markers
