"""A picture on its page: the SVG with its links laid over it in a scroll box, the cue for narrow screens
and the download buttons."""

from __future__ import annotations

import html

from markupsafe import Markup

from .content import Picture
from .drawing import Drawing, Link, drawing, n


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _link(link: Link, d: Drawing) -> str:
    """An HTML link over a card or a label, placed in percent of the picture so it scales with it."""
    x, y, width, height = link.box
    place = (
        f"left:{n(100 * x / d.width)}%;top:{n(100 * y / d.height)}%;"
        f"width:{n(100 * width / d.width)}%;height:{n(100 * height / d.height)}%"
    )
    depends = f' data-depends="{esc(" ".join(link.depends_on))}"' if link.depends_on else ""
    label = esc(link.label)
    return (
        f'<a class="roadmap-picture__link roadmap-picture__link--{link.kind}" href="{esc(link.href)}" style="{place}" '
        f'data-key="{esc(link.key)}"'
        f'{depends} title="{label}" aria-label="{label}"></a>'
    )


def picture_block(picture: Picture, filename: str) -> Markup:
    """One raw HTML block (no blank line): search skips it, since the table below holds the same words."""
    d = drawing(picture)
    title = esc(picture.title)
    links = "".join(_link(link, d) for link in d.links)
    return Markup(
        f'<figure class="roadmap-picture" data-picture="{esc(picture.id)}" data-filename="{esc(filename)}" '
        "data-search-exclude>\n"
        f'<div class="roadmap-picture__scroll" tabindex="0" role="region" aria-label="{title}">\n'
        '<div class="roadmap-picture__canvas">\n'
        f"{d.svg}\n"
        f'<div class="roadmap-picture__links">{links}</div>\n'
        "</div>\n"
        "</div>\n"
        '<p class="roadmap-picture__cue">Scroll sideways to see every quarter.</p>\n'
        '<p class="roadmap-picture__actions" hidden>'
        '<button type="button" class="md-button" data-picture-download="svg">Download SVG</button> '
        '<button type="button" class="md-button" data-picture-download="png">Download PNG</button> '
        '<button type="button" class="md-button" data-picture-print>Print</button></p>\n'
        "</figure>"
    )
