"""Charts in Chromium explain themselves: a tooltip names its item and reads each value once, and at 390 px
every chart fits its column with every label (legend, axis title, annotation) inside it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.helpers import PHONE, Tab

pytestmark = pytest.mark.browser

CHART_PAGES = [
    "",  # the dashboard: goal progress, milestones by quarter, budget
    "2026/goals/run-enterprise-grade-platform/",  # a metric on its own scale
    "2025/goals/launch-route-optimiser-v2/",  # a lower-is-better metric, a closed year
    "2026/departments/",
    "2026/departments/sales/",
]
TOOLTIP = "(el) => [...el.querySelectorAll('.hoverlayer .hovertext')].map((t) => t.textContent).join(' | ')"
# Each chart's plot wider than its container, and each of its texts that reaches outside the chart's box.
OUTSIDE = """(el) => {
    const box = el.getBoundingClientRect();
    const svg = el.querySelector('.main-svg').getBoundingClientRect();
    const cut = [...el.querySelectorAll('.main-svg text')].filter((t) => t.textContent.trim()).filter((t) => {
        const r = t.getBoundingClientRect();
        return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1;
    }).map((t) => t.textContent);
    return {id: el.id, wide: svg.width > box.width + 0.5 ? `${svg.width} > ${box.width}` : '', cut};
}"""


# Each chart's plot: [width, height] and its container's width, once every plot fits its container and
# has the height its figure asks for (plotly.js clears it while it redraws for a new width).
FITTED = """() => {
    const charts = [...document.querySelectorAll('.roadmap-chart')];
    const sizes = charts.map((el) => [el.querySelector('.main-svg'), el].map((e) => e.getBoundingClientRect()));
    const settled = charts.every((el, i) => el.layout && Math.abs(el.layout.height - sizes[i][0].height) < 1);
    return settled && sizes.every(([svg, box]) => svg.width <= box.width + 0.5)
        && sizes.map(([svg, box]) => [svg.width, svg.height, box.width]);
}"""


def hover_text(tab: Tab, chart: str, point: str) -> str:
    """Move the mouse to the middle of a chart's first matching point; the tooltip's text."""
    locator = tab.page.locator(f"#{chart}")
    locator.scroll_into_view_if_needed()
    box = locator.locator(point).first.bounding_box()
    assert box, f"#{chart} has no {point}"
    tab.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.page.wait_for_function(f"() => document.querySelector('#{chart} .hoverlayer .hovertext')")
    text = str(locator.evaluate(TOOLTIP))
    tab.page.mouse.move(0, 0)
    return text


def test_hovering_a_goal_bar_names_the_goal_in_full_and_shows_its_share_once(example_tab: Tab) -> None:
    example_tab.goto("")
    example_tab.charts()
    text = hover_text(example_tab, "chart-2026-goal-progress", ".trace.bars .point path")
    assert "Grow annual recurring revenue to 24 M EUR" in text  # the bar's label is cut: the tooltip is not
    assert "%%" not in text and "Milestones completed" not in text.split("|")[0][:40]


def test_hovering_a_metric_names_the_metric_and_reads_its_value_once(example_tab: Tab) -> None:
    example_tab.goto("2026/goals/run-enterprise-grade-platform/")
    example_tab.charts()
    text = hover_text(example_tab, "chart-2026-goal-run-enterprise-grade-platform-metric", ".trace.bars .point path")
    assert text.startswith("Platform availability (rolling 90 days)")
    assert "%%" not in text and text.count("99.9") <= 2, text  # a value, or baseline and target of the band


def test_at_390_px_every_chart_fits_its_column_with_every_label_inside(phone_tab: Tab) -> None:
    failures = []
    for path in CHART_PAGES:
        phone_tab.goto(path)
        assert {c["rendered"] for c in phone_tab.charts()} == {"true"}, path
        for chart in phone_tab.page.eval_on_selector_all(".roadmap-chart", f"els => els.map({OUTSIDE})"):
            if chart["wide"] or chart["cut"]:
                failures.append(f"/{path} #{chart['id']}: wider {chart['wide']!r}, texts cut {chart['cut']}")
    assert not failures, "\n".join(failures)


def test_a_window_narrowed_to_a_phone_redraws_every_chart_to_fit_at_no_less_height(
    fresh_tab: Callable[..., Tab],
) -> None:
    """plotly.js follows the window's width; the plot keeps its height and its legend's rows are added to it."""
    tab = fresh_tab()
    tab.goto("2026/goals/run-enterprise-grade-platform/")
    tab.charts()
    wide = tab.page.wait_for_function(FITTED).json_value()
    tab.page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    narrow = tab.page.wait_for_function(
        f"() => {{ const sizes = ({FITTED})(); return sizes && sizes.every(([, , box]) => box < 390) && sizes; }}"
    ).json_value()
    assert [w for w, _, _ in narrow] < [w for w, _, _ in wide]
    assert all(n[1] >= w[1] for n, w in zip(narrow, wide, strict=True)), (wide, narrow)
