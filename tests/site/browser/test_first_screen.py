"""The 10-second test: at 1280 x 900 and on a 390 x 844 phone, every goal card of the dashboard sits on the
first screen, verdict and all."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.helpers import Tab

pytestmark = pytest.mark.browser

CARD_BOTTOMS = """() => Array.from(document.querySelectorAll(".roadmap-goal-card"),
    (card) => ({text: card.innerText.replace(/\\s+/g, " "), bottom: card.getBoundingClientRect().bottom}))"""


def _cards(tab: Tab) -> list[dict[str, object]]:
    tab.goto("")
    tab.page.evaluate("window.scrollTo(0, 0)")
    cards: list[dict[str, object]] = tab.page.evaluate(CARD_BOTTOMS)
    assert len(cards) == 3, cards
    return cards


def test_every_goal_card_is_on_the_first_screen_at_1280_by_900(fresh_tab: Callable[..., Tab]) -> None:
    below = [c for c in _cards(fresh_tab(viewport={"width": 1280, "height": 900})) if float(str(c["bottom"])) > 900]
    assert not below, below


def test_every_goal_card_is_on_the_first_screen_of_a_phone(phone_tab: Tab) -> None:
    below = [c for c in _cards(phone_tab) if float(str(c["bottom"])) > 844]
    assert not below, below
