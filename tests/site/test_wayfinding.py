"""The example's built site tells a reader where they are: a title per page (the 404 included), the item
page's entry lit in the sidebar, the way to it under its title, readable search text and tables in order."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from roadmap_as_code.model import TERMS
from tests.helpers import site_pages

pytestmark = pytest.mark.site

SITE_NAME = "Kestrel Route roadmap"
TITLE = re.compile(r"<title>([^<]*)</title>")
# The primary sidebar's entries that are lit: the class Material gives an active item, and the link in it.
LIT = re.compile(
    r'<li class="md-nav__item md-nav__item--active">\s*<a href="[^"]*" class="md-nav__link">\s*'
    r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>'
)


def _text(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_every_page_has_a_title_of_its_own_and_the_404_says_page_not_found(example_site: Path) -> None:
    titles = {page: TITLE.search(_text(example_site, page)).group(1) for page in site_pages(example_site)}  # type: ignore[union-attr]
    shared = {title: n for title, n in Counter(titles.values()).items() if n > 1}
    assert not shared
    missing = TITLE.search((example_site / "404.html").read_text(encoding="utf-8"))
    assert missing and html.unescape(missing.group(1)) == f"Page not found - {SITE_NAME}"


def test_an_item_page_lights_up_the_entry_that_stands_for_it(example_site: Path) -> None:
    """A milestone is reached from its goal, a goal from its year's dashboard, a department from Departments."""
    assert LIT.findall(_text(example_site, "2026/milestones/disaster-recovery-drill/")) == ["Dashboard"]
    assert LIT.findall(_text(example_site, "2025/goals/expand-into-benelux/")) == ["Dashboard"]
    assert LIT.findall(_text(example_site, "2026/departments/sales/")) == ["Departments"]
    assert LIT.findall(_text(example_site, "guide/limits/")) == []


def test_a_2025_page_opens_2025s_section_only(example_site: Path) -> None:
    page = _text(example_site, "2025/goals/expand-into-benelux/")
    opened = re.findall(r'<input class="md-nav__toggle md-toggle " type="checkbox" id="([^"]+)" checked>', page)
    labels = [re.search(rf'id="{key}_label"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', page) for key in opened]
    assert [label.group(1) for label in labels if label] == ["2025"]


def test_the_way_to_an_item_page_links_up_under_its_title(example_site: Path) -> None:
    page = _text(example_site, "2026/milestones/disaster-recovery-drill/")
    place = re.search(r'<small class="roadmap-path"[^>]*>(.*?)</small>', page, re.S)
    assert place
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', place.group(1))
    assert links == [
        ("../../../", "2026"),
        ("../../../#goals", "Goals"),
        ("../../goals/run-enterprise-grade-platform/", "Run an enterprise-grade platform"),
    ]
    assert page.index("<h1") < page.index('class="roadmap-path"')


def test_search_text_keeps_words_apart_and_leaves_the_way_out(example_site: Path) -> None:
    """Badges side by side read "Not started At risk"; chart data tables keep their cells apart; the line
    under a title is not each entry's first words."""
    docs = json.loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    labels = [term.label for term in TERMS.values()]
    texts = [re.sub(r"<[^>]+>", " ", doc["text"]) for doc in docs]
    joined = [f"{a}{b}" for a in labels for b in labels]
    assert not [
        (doc["location"], pair) for doc, text in zip(docs, texts, strict=True) for pair in joined if pair in text
    ]
    assert not [doc["location"] for doc in docs if "›" in doc["text"] and not doc["location"].startswith("guide/")]
    drill = next(
        text
        for doc, text in zip(docs, texts, strict=True)
        if doc["location"] == "2026/milestones/disaster-recovery-drill/"
    )
    assert "Not started At risk" in " ".join(drill.split())
    assert not [doc["location"] for doc in docs if re.search(r"Data table: .*?[a-z](Milestone|Quarter)", doc["text"])]


def test_key_action_tables_run_by_quarter(example_site: Path) -> None:
    page = _text(example_site, "2026/goals/run-enterprise-grade-platform/")
    quarters = re.findall(r'<td data-label="Quarter">Q(\d)</td>', page)
    assert len(quarters) > 5 and quarters == sorted(quarters)
