"""Plain-text views of Markdown bodies, shared by pages and downloads."""

from __future__ import annotations

import html

import markdown
import nh3


def summary(text: str, width: int = 160) -> str:
    """The first paragraph of a Markdown body as one plain line, cut at a word near `width`.

    The paragraph is rendered and every tag dropped, so link targets and raw HTML never leak
    into a table cell or a download as half-stripped markup.
    """
    first = text.strip().split("\n\n")[0]
    rendered = markdown.markdown(first, output_format="html")
    plain = " ".join(html.unescape(nh3.clean(rendered, tags=set())).split())
    return plain if len(plain) <= width else plain[: width - 1].rsplit(" ", 1)[0] + "…"
