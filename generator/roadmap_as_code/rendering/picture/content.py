"""What a roadmap picture shows: lanes of cards in quarter columns, before any geometry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Card:
    """One item in its quarter: a milestone (with its due date and dependencies) or a key action."""

    key: str
    title: str
    meta: str
    term: str
    href: str
    tooltip: str
    quarter: int
    due: date | None = None
    depends_on: tuple[str, ...] = ()
    flag: str | None = None  # a health worth a word of its own colour: at risk, off track


@dataclass(frozen=True)
class Lane:
    """A row of the picture: a goal or a department, with its cards."""

    key: str
    title: str
    detail: str
    href: str
    cards: tuple[Card, ...]
    verdict: str | None = None  # a goal's word (health or outcome), shown in its colour


@dataclass(frozen=True)
class Picture:
    """Lanes across the four quarters of a year, with the as-of date."""

    id: str
    title: str
    year: int
    as_of: date
    lanes: tuple[Lane, ...]

    @property
    def cards(self) -> tuple[Card, ...]:
        return tuple(card for lane in self.lanes for card in lane.cards)

    @property
    def today_shown(self) -> bool:
        """The today line is drawn only while the as-of date falls in the picture's year."""
        return self.as_of.year == self.year
