"""Safe text from contributors: escaped for Markdown and HTML, bodies sanitised, plain-text summaries."""

from __future__ import annotations

import html
import posixpath
import re

import nh3
from markupsafe import Markup

from .body_markdown import Block, plain_blocks, render

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "input",
    "ins",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}
_INPUT_VALUES = {"input": {"checked": {"checked", ""}}}
# A task list's box, written the same way every time: whatever a contributor writes as <input> is a disabled checkbox.
_INPUT = re.compile(r"<input\b[^>]*>")
_CHECKBOX = '<input class="task-list-item-checkbox" type="checkbox" disabled="disabled"{}>'
_CLASSES = {
    "ul": {"contains-task-list"},
    "ol": {"contains-task-list"},
    "li": {"task-list-item"},
    "input": {"task-list-item-checkbox"},
}
_PRE = re.compile(r"(<pre\b[^>]*>|</pre>)")
_MARKER = re.compile(r"^\s*(?:[-*+]|[0-9]+[.)])\s+")


def md(value: object) -> Markup:
    """Text placed into Markdown so it renders literally: HTML-escaped, Markdown-escaped, one line."""
    if isinstance(value, Markup):
        return value
    # Collapse whitespace to one line, but keep a single edge space: templates join items with ", ".
    text = re.sub(r"\s+", " ", str(value))
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)))


def body_html(text: str) -> Markup:
    """A contributor's Markdown body as GitHub renders it, sanitised: no scripts, handlers, styles or unsafe links."""
    if not text.strip():
        return Markup("")
    clean = nh3.clean(
        render(text),
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        tag_attribute_values=_INPUT_VALUES,
        allowed_classes=_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    clean = _INPUT.sub(lambda box: _CHECKBOX.format(' checked="checked"' * ("checked" in box.group(0))), clean)
    return Markup(f'<div class="roadmap-description">\n{_without_blank_lines(clean)}\n</div>')


def _without_blank_lines(clean: str) -> str:
    """HTML with no blank line, which would end the raw HTML block early in the page's own Markdown pass.

    Line breaks inside <pre> are written as &#10;, so code keeps its blank lines; elsewhere they are only spaces.
    """
    parts, depth = [], 0
    for part in _PRE.split(clean):
        if _PRE.fullmatch(part):
            depth = depth - 1 if part == "</pre>" else depth + 1
        elif depth > 0:
            part = part.replace("\n", "&#10;")
        else:
            part = re.sub(r"\n\s*\n", "\n", part)
        parts.append(part)
    return "".join(parts).strip()


def link(from_page: str, to_page: str) -> Markup:
    """A relative Markdown link target between two generated pages."""
    return Markup(posixpath.relpath(to_page, posixpath.dirname(from_page) or "."))


def summary(text: str, width: int = 160) -> str:
    """The first paragraph (or list) of a Markdown body as one plain line, cut at a word near `width`.

    Rendered as the page renders it and every tag dropped, so link targets and raw HTML never leak into a
    table cell as half-stripped markup.
    """
    # The first chunk up to a blank line holds the first block (parsed alone, as cheap as before); else the rest.
    blocks = plain_blocks(text.strip().split("\n\n")[0], urls=False) or plain_blocks(text, urls=False)
    plain = " ".join(_one_line(blocks[0]).split()) if blocks else ""
    return plain if len(plain) <= width else plain[: width - 1].rsplit(" ", 1)[0] + "…"


def _one_line(block: Block) -> str:
    if block.kind == "list":
        return "; ".join(_MARKER.sub("", line) for line in block.lines if line.strip())
    return " ".join(block.lines)


def plain_text(text: str) -> str:
    """A Markdown body as plain text, whole: paragraphs, list items with their markers, table rows, code, and each
    link's address after its words."""
    return "\n\n".join("\n".join(line.rstrip() for line in block.lines) for block in plain_blocks(text, urls=True))
