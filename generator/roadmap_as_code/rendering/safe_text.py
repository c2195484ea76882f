"""Safe text from contributors: escaped for Markdown and HTML, bodies sanitised, plain-text summaries."""

from __future__ import annotations

import html
import posixpath
import re

import markdown
import nh3
from markupsafe import Markup

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
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
_BODY_EXTENSIONS = ["tables", "sane_lists", "fenced_code", "def_list", "abbr"]


def md(value: object) -> Markup:
    """Text placed into Markdown so it renders literally: HTML-escaped, Markdown-escaped, one line."""
    if isinstance(value, Markup):
        return value
    # Collapse whitespace to one line, but keep a single edge space: templates join items with ", ".
    text = re.sub(r"\s+", " ", str(value))
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)))


def body_html(text: str) -> Markup:
    """A contributor's Markdown body as sanitised HTML: no scripts, handlers, styles or unsafe links."""
    if not text.strip():
        return Markup("")
    rendered = markdown.markdown(text, extensions=_BODY_EXTENSIONS, output_format="html")
    clean = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    # A blank line would end the raw HTML block early in the page's own Markdown pass.
    clean = re.sub(r"\n\s*\n", "\n", clean).strip()
    return Markup(f'<div class="roadmap-description">\n{clean}\n</div>')


def link(from_page: str, to_page: str) -> Markup:
    """A relative Markdown link target between two generated pages."""
    return Markup(posixpath.relpath(to_page, posixpath.dirname(from_page) or "."))


def summary(text: str, width: int = 160) -> str:
    """The first paragraph of a Markdown body as one plain line, cut at a word near `width`.

    The paragraph is rendered and every tag dropped, so link targets and raw HTML never leak
    into a table cell or a download as half-stripped markup.
    """
    first = text.strip().split("\n\n")[0]
    rendered = markdown.markdown(first, output_format="html")
    plain = " ".join(html.unescape(nh3.clean(rendered, tags=set())).split())
    return plain if len(plain) <= width else plain[: width - 1].rsplit(" ", 1)[0] + "…"
