"""A roadmap picture as an inline SVG: lanes as rows, quarters as columns, cards coloured by status.

Colours are class names that the stylesheet maps to the theme's CSS variables (light and dark palettes);
the download script inlines the computed colours. Every string is escaped; output is deterministic.
Links are not SVG <a> elements (Material's instant navigation writes `href` on every linked element, which
an SVG link refuses): each card and lane label has a Link, an HTML link laid over it (block.py).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from ...model import TERMS
from ...model.calendar import quarter_bounds
from ..dates import MONTHS
from .content import Card, Lane, Picture
from .text_fit import fit, text_width, wrap

WIDTH = 960
LABEL_W = 172
TODAY_BAND = 20
HEAD = 40
GRID_TOP = TODAY_BAND + HEAD
COL_W = (WIDTH - LABEL_W) / 4
CELL_PAD = 6
CARD_W = COL_W - 2 * CELL_PAD
TEXT_X = 11  # after the status stripe
TEXT_W = CARD_W - TEXT_X - 6
TITLE_SIZE, TITLE_LINE, TITLE_LINES = 12.0, 15, 3
META_SIZE, META_LINE = 10.5, 14
LABEL_SIZE, LABEL_LINES = 12.5, 4
GAP = 6
LANE_PAD = 6
LEGEND_H = 34


def n(value: float) -> str:
    """A coordinate with at most one decimal, the same on every run."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def column_x(quarter: int) -> float:
    return LABEL_W + (quarter - 1) * COL_W


def day_x(year: int, day: date, middle: float = 0.5) -> float:
    """Where a day falls across the quarter columns: its middle, or its start with middle=0."""
    quarter = (day.month - 1) // 3 + 1
    first, last = quarter_bounds(year, quarter)
    share = ((day - first).days + middle) / ((last - first).days + 1)
    return column_x(quarter) + share * COL_W


@dataclass(frozen=True)
class Link:
    """Where a card or lane label sits in the picture, and where it leads."""

    key: str
    href: str
    label: str
    box: tuple[float, float, float, float]  # x, y, width, height
    kind: str = "card"  # or "lane"
    depends_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class Drawing:
    """The SVG of a picture, its size and the links laid over it."""

    svg: str
    width: float
    height: float
    links: tuple[Link, ...]


@dataclass(frozen=True)
class _Placed:
    """A card with its lines and its box."""

    card: Card
    lines: tuple[str, ...]
    meta: str
    x: float
    y: float
    height: float


def _card_height(lines: int, flagged: bool) -> float:
    return 6 + lines * TITLE_LINE + META_LINE * (2 if flagged else 1) + 6


def _place_lane(lane: Lane, top: float) -> tuple[list[_Placed], float]:
    """The lane's cards stacked in their quarter cells, and the lane's height."""
    placed: list[_Placed] = []
    bottoms = [top + LANE_PAD]
    for quarter in range(1, 5):
        y = top + LANE_PAD
        for card in (c for c in lane.cards if c.quarter == quarter):
            lines = tuple(wrap(card.title, TEXT_W, TITLE_SIZE, TITLE_LINES))
            height = _card_height(len(lines), card.flag is not None)
            meta = fit(card.meta, TEXT_W, META_SIZE)
            placed.append(_Placed(card, lines, meta, column_x(quarter) + CELL_PAD, y, height))
            y += height + GAP
        bottoms.append(y - GAP)
    label_height = 8 + LABEL_LINES * (LABEL_SIZE + 3) + 2 * META_LINE
    return placed, max(max(bottoms) - top + LANE_PAD, label_height, 56)


def _text(x: float, y: float, text: str, cls: str, size: float, anchor: str = "start") -> str:
    anchor_attr = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text class="{cls}" x="{n(x)}" y="{n(y)}" font-size="{n(size)}"{anchor_attr}>{esc(text)}</text>'


def _card(year: int, p: _Placed) -> list[str]:
    c, x, y = p.card, p.x, p.y
    out = [
        f'<g class="roadmap-card roadmap-card--{esc(c.term)}" data-key="{esc(c.key)}">',
        f"<title>{esc(c.tooltip)}</title>",
        f'<rect class="roadmap-card__box" x="{n(x)}" y="{n(y)}" width="{n(CARD_W)}" height="{n(p.height)}" rx="4"/>',
        f'<rect class="roadmap-card__stripe" x="{n(x)}" y="{n(y)}" width="4" height="{n(p.height)}" rx="2"/>',
    ]
    for i, line in enumerate(p.lines):
        out.append(_text(x + TEXT_X, y + 6 + 11.5 + i * TITLE_LINE, line, "roadmap-card__title", TITLE_SIZE))
    meta_y = y + 6 + len(p.lines) * TITLE_LINE + 11
    out.append(_text(x + TEXT_X, meta_y, p.meta, "roadmap-card__meta", META_SIZE))
    if c.flag is not None:
        flag = f"roadmap-card__flag roadmap-card--{esc(c.flag)}"
        out.append(_text(x + TEXT_X, meta_y + META_LINE, TERMS[c.flag].label, flag, META_SIZE))
    if c.due is not None:
        due = min(max(day_x(year, c.due), x + 8), x + CARD_W - 6)
        bottom = y + p.height
        out.append(f'<path class="roadmap-card__due" d="M{n(due - 4.5)} {n(bottom)}h9l-4.5-6z"/>')
    out.append("</g>")
    return out


def _lane_label(lane: Lane, top: float) -> list[str]:
    lines = wrap(lane.title, LABEL_W - 18, LABEL_SIZE, LABEL_LINES)
    out = ['<g class="roadmap-lane__label">', f"<title>{esc(lane.title)}</title>"]
    for i, line in enumerate(lines):
        out.append(_text(8, top + LANE_PAD + 13 + i * (LABEL_SIZE + 3), line, "roadmap-lane__title", LABEL_SIZE))
    detail_y = top + LANE_PAD + 13 + len(lines) * (LABEL_SIZE + 3) + 2
    if lane.verdict in TERMS:
        verdict = f"roadmap-lane__verdict roadmap-card--{esc(lane.verdict or '')}"
        out.append(_text(8, detail_y, TERMS[lane.verdict or ""].label, verdict, META_SIZE))
        detail_y += META_LINE
    out.append(_text(8, detail_y, fit(lane.detail, LABEL_W - 18, META_SIZE), "roadmap-lane__detail", META_SIZE))
    out.append("</g>")
    return out


def _header(year: int) -> list[str]:
    out = []
    for quarter in range(1, 5):
        x = column_x(quarter)
        out.append(
            _text(x + COL_W / 2, TODAY_BAND + 16, f"Q{quarter} {year}", "roadmap-picture__quarter", 13, "middle")
        )
        for month in range(3 * quarter - 3, 3 * quarter):
            mx = day_x(year, date(year, month + 1, 1), middle=0)
            out.append(_text(mx + 4, TODAY_BAND + 34, MONTHS[month], "roadmap-picture__month", 10))
            if month % 3:  # a quarter's first month starts at the grid line
                out.append(
                    f'<line class="roadmap-picture__tick" x1="{n(mx)}" y1="{n(TODAY_BAND + 24)}" x2="{n(mx)}" '
                    f'y2="{n(GRID_TOP)}"/>'
                )
    return out


def _today(picture: Picture, bottom: float) -> list[str]:
    if not picture.today_shown:
        return []
    x = day_x(picture.year, picture.as_of)
    label = f"As of {picture.as_of.isoformat()}"
    half = text_width(label, 11) / 2
    label_x = min(max(x, LABEL_W + half), WIDTH - half - 2)
    return [
        f'<g class="roadmap-picture__today" data-date="{picture.as_of.isoformat()}">',
        f'<line x1="{n(x)}" y1="{n(TODAY_BAND - 2)}" x2="{n(x)}" y2="{n(bottom)}"/>',
        _text(label_x, TODAY_BAND - 6, label, "roadmap-picture__today-label", 11, "middle"),
        "</g>",
    ]


def _legend(picture: Picture, top: float) -> list[str]:
    used = {card.term for card in picture.cards}
    out, x = [f'<g class="roadmap-picture__legend" transform="translate(0 {n(top)})">'], 8.0
    for term in (t for t in TERMS if t in used):
        label = TERMS[term].label
        out.append(
            f'<rect class="roadmap-legend__swatch roadmap-card--{esc(term)}" x="{n(x)}" y="9" width="12" '
            'height="12" rx="2"/>'
        )
        out.append(_text(x + 17, 19.5, label, "roadmap-legend__label", 11))
        x += 17 + text_width(label, 11) + 16
    if any(card.due for card in picture.cards):
        out.append(f'<path class="roadmap-legend__due" d="M{n(x)} 21h10l-5-7z"/>')
        out.append(_text(x + 15, 19.5, "due date", "roadmap-legend__label", 11))
    out.append("</g>")
    return out


def drawing(picture: Picture) -> Drawing:
    """The picture as one SVG element without blank lines (a raw HTML block in Markdown), and its links."""
    bands: list[str] = []
    lanes: list[str] = []
    links: list[Link] = []
    top = float(GRID_TOP)
    for index, lane in enumerate(picture.lanes):
        placed, height = _place_lane(lane, top)
        bands.append(
            f'<rect class="roadmap-lane__band roadmap-lane__band--{index % 2}" x="0" y="{n(top)}" '
            f'width="{WIDTH}" height="{n(height)}"/>'
        )
        lanes.append(f'<g class="roadmap-lane" data-key="{esc(lane.key)}">')
        lanes += _lane_label(lane, top)
        links.append(Link(lane.key, lane.href, lane.title, (0, top, LABEL_W, height), "lane"))
        for p in placed:
            lanes += _card(picture.year, p)
            box = (p.x, p.y, CARD_W, p.height)
            links.append(Link(p.card.key, p.card.href, p.card.tooltip, box, "card", p.card.depends_on))
        lanes.append("</g>")
        top += height
    grid = [
        f'<line class="roadmap-picture__grid" x1="{n(column_x(q))}" y1="{TODAY_BAND}" x2="{n(column_x(q))}" '
        f'y2="{n(top)}"/>'
        for q in range(1, 5)
    ]
    height = top + LEGEND_H
    # The today line runs behind the cards: it never crosses a card's text.
    svg = "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="roadmap-picture__svg" viewBox="0 0 {WIDTH} {n(height)}" '
            f'width="{WIDTH}" height="{n(height)}" role="img" aria-label="{esc(picture.title)}" '
            'font-family="Helvetica, Arial, &quot;Liberation Sans&quot;, sans-serif">',
            f"<title>{esc(picture.title)}</title>",
            *bands,
            *_header(picture.year),
            *grid,
            *_today(picture, top),
            *lanes,
            *_legend(picture, top),
            "</svg>",
        ]
    )
    return Drawing(svg, WIDTH, height, tuple(links))


def picture_svg(picture: Picture) -> str:
    """The picture's SVG alone."""
    return drawing(picture).svg
