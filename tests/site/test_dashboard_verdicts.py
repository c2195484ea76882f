"""The example's built dashboard answers "how are our goals doing?" first: a card per goal, with its verdict,
before the milestone tiles; a closed year says achieved, partly achieved or missed, never on track."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.site

CARD = re.compile(r'<span class="roadmap-goal-card roadmap-goal-card--(\w+)">(.*?)</span></li>', re.S)


def _article(site: Path, page: str) -> str:
    text = (site / page).read_text(encoding="utf-8")
    return text[text.index("<article") : text.index("</article>")]


def test_the_goal_cards_come_before_the_milestone_tiles(example_site: Path) -> None:
    article = _article(example_site, "index.html")
    assert article.index("roadmap-goals-summary") < article.index("roadmap-goal-card") < article.index("roadmap-kpis")
    assert article.index("roadmap-kpis") < article.index('id="needs-attention"')


def test_every_goal_of_the_year_has_a_card_with_its_verdict_progress_and_metric(example_site: Path) -> None:
    cards = CARD.findall(_article(example_site, "index.html"))
    assert len(cards) == 3
    platform = next(body for _, body in cards if "Run an enterprise-grade platform" in body)
    assert "Off track" in platform and "3 of 5 milestones" in platform and "99.91 of 99.95%" in platform
    assert all("roadmap-progress--" in body for _, body in cards), "every bar takes its verdict's colour"
    retention = next(tone for tone, body in cards if "net revenue retention" in body.lower())
    assert retention != "good"


def test_a_closed_year_says_achieved_partly_achieved_or_missed(example_site: Path) -> None:
    article = _article(example_site, "2025/index.html")
    assert re.search(r"2 of 2 goals (achieved|partly achieved|missed)", article)
    assert "On track" not in "".join(body for _, body in CARD.findall(article))


def test_an_overrun_reads_in_the_off_track_colour(example_site: Path) -> None:
    article = _article(example_site, "index.html")
    assert re.search(r'roadmap-kpi--bad"><span class="roadmap-kpi__value">105%', article)
    assert "over by 29,500 EUR" in article
