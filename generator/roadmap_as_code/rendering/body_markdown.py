"""Contributors' Markdown as GitHub renders it (CommonMark with GFM tables, task lists, strikethrough and
autolinks), and the same parse as plain text for summaries and downloads."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.tasklists import tasklists_plugin

# The parser silently drops what nests deeper than this; reading/body_limits.py keeps bodies at 20 list or quote
# levels (about 45 parser levels: a list and its item each count), far below it.
PARSER_NESTING = 100
# What GitHub autolinks without angle brackets: an address with its scheme, one starting 'www.', an e-mail.
_GITHUB_AUTOLINK = re.compile(r"[a-z][a-z0-9+.-]*:|www\.|[^\s@]+@", re.IGNORECASE)
_CHECKBOX = "task-list-item-checkbox"
_SHOWN_ADDRESS = re.compile(r"^(?:https?://(?=www\.)|mailto:)")  # what an autolink's text leaves out


def _github_inline(state: StateCore) -> None:
    """Autolinks as GitHub makes them (no bare 'README.md'); images as links to them, never loaded."""
    for token in state.tokens:
        if token.children:
            token.children = list(_inline_children(token.children))


def _inline_children(children: list[Token]) -> Iterator[Token]:
    skip: set[int] = set()
    links = 0
    for index, child in enumerate(children):
        if index in skip:
            continue
        linkified = child.type == "link_open" and child.markup == "linkify" and index + 2 < len(children)
        if linkified and not _GITHUB_AUTOLINK.match(children[index + 1].content):
            skip.add(index + 2)  # its link_close
            continue
        links += {"link_open": 1, "link_close": -1}.get(child.type, 0)
        if child.type == "image":
            yield from _image_link(child, inside_link=links > 0)
            continue
        yield child


def _image_link(image: Token, inside_link: bool) -> Iterator[Token]:
    # A published roadmap loads nothing from an address a contributor chose (tracking pixels, hosts that vanish):
    # an image is a link to it, named by its alt text (inside a link, only the alt text).
    src = str(image.attrGet("src"))
    alt = Token("text", "", 0, content=_inline_text(image.children or [], urls=False) or src)
    if inside_link:
        yield alt
    else:
        yield from (Token("link_open", "a", 1, attrs={"href": src}), alt, Token("link_close", "a", -1))


def _github_blocks(state: StateCore) -> None:
    """A body's '#' heading is a section (h2: the page's title is its one h1); table alignment as align=."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"
        style = token.attrGet("style") if token.type in ("th_open", "td_open") else None
        if isinstance(style, str) and style.startswith("text-align:"):
            token.attrs = {"align": style.removeprefix("text-align:")}


def _parser() -> MarkdownIt:
    parser = MarkdownIt("gfm-like", {"linkify": True, "maxNesting": PARSER_NESTING}).use(tasklists_plugin)
    parser.core.ruler.after("linkify", "github_inline", _github_inline)
    parser.core.ruler.push("github_blocks", _github_blocks)
    # Every address is kept as a link and the sanitiser drops unsafe ones, as GitHub does: the words stay a link's.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


PARSER = _parser()


def render(text: str) -> str:
    """The body as HTML, before sanitising."""
    return str(PARSER.render(text))


@dataclass
class Block:
    """One block of plain text: a paragraph, heading, code block, table or whole list, as lines."""

    kind: str
    lines: list[str] = field(default_factory=list)


def plain_blocks(text: str, urls: bool) -> list[Block]:
    """The body as plain text blocks; links followed by their address in brackets when `urls`."""
    return _PlainText(urls).read(PARSER.parse(text))


class _PlainText:
    """A walk over the parser's tokens that keeps the words, list markers, table rows and code."""

    def __init__(self, urls: bool) -> None:
        self.urls = urls
        self.blocks: list[Block] = []
        self.lists: list[list[int]] = []  # per open list: [next number] (ordered) or [] (bullets)
        self.marker = ""
        self.row: list[str] | None = None  # the cells of the table row being read

    def read(self, tokens: Sequence[Token]) -> list[Block]:
        """Each block of the token stream, in order."""
        for token in tokens:
            self.token(token)
        return [block for block in self.blocks if any(line.strip() for line in block.lines)]

    def token(self, token: Token) -> None:
        """One block-level token."""
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.start("list")
            self.lists.append([int(token.attrGet("start") or 1)] if kind == "ordered_list_open" else [])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.marker = self.item_marker()
        elif kind == "table_open":
            self.start("table")
        elif kind == "tr_open":
            self.row = []
        elif kind == "tr_close" and self.row is not None:
            self.add(" | ".join(self.row))
            self.row = None
        elif kind == "inline":
            self.inline(_inline_text(token.children or [], self.urls))
        elif kind in ("fence", "code_block"):
            self.start("code")
            self.add(token.content.rstrip("\n"))
        elif kind == "html_block":
            self.start("text")
            self.add(html.unescape(nh3.clean(token.content, tags=set())).strip())

    def start(self, kind: str) -> None:
        """A new block, unless inside a list (whose block holds everything in it)."""
        if not self.lists:
            self.blocks.append(Block(kind))

    def add(self, text: str) -> None:
        """Lines of the current block (a list item's continuation indented under its marker)."""
        indent = "  " * len(self.lists)
        prefix, self.marker = self.marker or indent, ""
        first, *rest = text.split("\n")
        self.blocks[-1].lines += [prefix + first, *(indent + line for line in rest)]

    def item_marker(self) -> str:
        numbers = self.lists[-1]
        indent = "  " * (len(self.lists) - 1)
        if numbers:
            numbers[0] += 1
            return f"{indent}{numbers[0] - 1}. "
        return f"{indent}- "

    def inline(self, text: str) -> None:
        if self.row is not None:
            self.row.append(text)
        else:
            self.start("text")
            self.add(text)


def _inline_text(children: Sequence[Token], urls: bool) -> str:
    """An inline run as text: tags and script contents dropped, task boxes as ☑/☐, hard breaks as line breaks."""
    shown: list[Token] = []
    addresses: list[tuple[str, int]] = []
    for child in children:
        if child.type == "softbreak":
            child = Token("text", "", 0, content=" ")
        elif child.type == "html_inline" and _CHECKBOX in child.content:
            child = Token("text", "", 0, content="☑" if "checked" in child.content else "☐")
        elif child.type == "link_open":
            addresses.append((str(child.attrGet("href") or ""), len(shown)))
        elif child.type == "link_close" and addresses:
            href, first = addresses.pop()
            words = "".join(t.content for t in shown[first:] if t.type in ("text", "code_inline"))
            if urls and _SHOWN_ADDRESS.sub("", href) != words and href.startswith(("http://", "https://", "mailto:")):
                shown += [child, Token("text", "", 0, content=f" ({href})")]
                continue
        shown.append(child)
    rendered = RendererHTML().renderInline(shown, PARSER.options, {})
    return html.unescape(nh3.clean(rendered, tags=set()))
