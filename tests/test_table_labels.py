"""Table cells labelled with their column's header (rendering/table_labels.py), for stacked rows on phones."""

from __future__ import annotations

import markdown

from roadmap_as_code.rendering.table_labels import STACKED, label_tables


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables"])


def test_each_cell_of_a_headed_table_is_labelled_with_its_columns_header() -> None:
    page = _html("| Milestone | Due |\n|---|---|\n| [Drill](drill.md) | 2026-12-10 |\n| Audit | 2026-09-30 |\n")
    labelled = label_tables(page)
    assert f"<table {STACKED}>" in labelled
    assert labelled.count('<td data-label="Milestone">') == 2 and labelled.count('<td data-label="Due">') == 2
    assert (
        labelled.replace(f" {STACKED}", "").replace(' data-label="Milestone"', "").replace(' data-label="Due"', "")
        == page
    )  # nothing else changes


def test_a_header_is_labelled_as_escaped_text_without_its_markup() -> None:
    page = (
        '<table><thead><tr><th>Cost &amp; <b>"risk"</b></th></tr></thead>'
        '<tbody><tr><td align="left">1</td></tr></tbody></table>'
    )
    assert '<td data-label="Cost &amp; &quot;risk&quot;" align="left">1</td>' in label_tables(page)


def test_a_table_without_headers_keeps_its_layout() -> None:
    key_values = _html("| | |\n|---|---|\n| Quarter | Q4 2026 |\n")
    assert label_tables(key_values) == key_values
    bare = "<table><tr><td>a</td></tr></table>"
    assert label_tables(bare) == bare


def test_a_cell_past_the_last_header_and_a_nested_table_get_their_own_labels() -> None:
    page = (
        "<table><tr><th>Outer</th></tr><tr><td><table><tr><th>Inner</th></tr><tr><td>x</td></tr></table></td>"
        "<td>extra</td></tr></table>"
    )
    labelled = label_tables(page)
    assert '<td data-label="Outer"><table' in labelled and '<td data-label="Inner">x' in labelled
    assert "<td>extra</td>" in labelled


def test_text_that_merely_reads_like_a_table_is_left_alone() -> None:
    page = "<p>&lt;table&gt;&lt;td&gt; is escaped text</p>"
    assert label_tables(page) == page
