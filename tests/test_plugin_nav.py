"""Where the roadmap goes in a site's navigation (edges/plugin/navigation.py): the site's nav is kept, the roadmap
adds its entries first (no prefix, no nav), one section (a prefix, or a nav that does not name it), or nothing."""

from __future__ import annotations

from typing import Any

import pytest

from roadmap_as_code.edges.plugin.navigation import names_page, with_roadmap

ROADMAP = [{"Dashboard": "index.md"}, {"Timeline": "2026/timeline.md"}]
PREFIXED = [{"Dashboard": "roadmap/index.md"}, {"Timeline": "roadmap/2026/timeline.md"}]
OWN = ["index.md", "about.md", "blog/index.md", "guide/a.md", "guide/b.md"]


@pytest.mark.parametrize(
    "nav",
    [
        ["roadmap/index.md"],
        [{"Plans": "roadmap/index.md"}],
        [{"Company": [{"About": "about.md"}, {"Plans": [{"Now": "./roadmap/index.md"}]}]}],
    ],
)
def test_a_nav_names_the_roadmaps_home_at_any_depth(nav: list[Any]) -> None:
    assert names_page(nav, "roadmap/index.md")


@pytest.mark.parametrize("nav", [[], ["index.md"], [{"Roadmap": "roadmap/timeline.md"}], [{"Plans": "https://x/"}]])
def test_a_nav_that_lists_other_pages_does_not_name_it(nav: list[Any]) -> None:
    assert not names_page(nav, "roadmap/index.md")


def test_an_explicit_nav_that_names_the_roadmap_is_left_as_written() -> None:
    nav = [{"Home": "index.md"}, {"Plans": "roadmap/index.md"}]
    assert with_roadmap(nav, OWN, PREFIXED, "roadmap", "Roadmap", ["guide/a.md"]) is None


def test_an_explicit_nav_that_does_not_name_it_gains_one_section_at_its_end() -> None:
    nav = [{"Home": "index.md"}, {"Blog": ["blog/index.md"]}]
    assert with_roadmap(nav, OWN, PREFIXED, "roadmap", "Plans", []) == [*nav, {"Plans": PREFIXED}]


def test_with_no_nav_and_no_prefix_the_roadmap_comes_first_then_the_guide_then_the_other_pages() -> None:
    """This repository's look: the guide's pages in their listed order, and not listed a second time."""
    nav = with_roadmap(None, OWN, ROADMAP, "", "Roadmap", ["guide/b.md", "guide/a.md"])
    assert nav == [
        *ROADMAP,
        {"Guide": ["guide/b.md", "guide/a.md"]},
        "index.md",
        "about.md",
        {"Blog": ["blog/index.md"]},
    ]


def test_with_no_nav_and_a_prefix_the_roadmap_is_one_section_after_the_sites_pages() -> None:
    """The site's own pages inside the prefix folder join the roadmap's section rather than make a second one."""
    own = ["index.md", "about.md", "roadmap/notes.md"]
    nav = with_roadmap(None, own, PREFIXED, "roadmap", "Roadmap", [])
    assert nav == ["index.md", "about.md", {"Roadmap": [*PREFIXED, "roadmap/notes.md"]}]
