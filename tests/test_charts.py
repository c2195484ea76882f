"""Charts: fixed ids, script-safe JSON, CSS-variable colours, a data table per chart, figures plotly accepts."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.measuring.pace import elapsed_share
from roadmap_as_code.rendering.charts import Chart
from roadmap_as_code.rendering.pages import build_pages
from roadmap_as_code.rendering.widgets import chart_block
from tests.helpers import AS_OF, REPO, RoadmapBuilder

STYLES = REPO / "generator" / "roadmap_as_code" / "edges" / "plugin" / "assets" / "roadmap.css"
TOKEN = re.compile(r"^--[a-z0-9-]+$")  # what the plugin's roadmap.js resolves with getPropertyValue
HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
HOSTILE = '</script><script>alert("x")</script> & <b onmouseover=alert(1)>co</b>'


def site_charts(roadmap_dir: Path, base: Path) -> dict[str, Chart]:
    """Every chart of every generated page, by id (ids must be unique across the site)."""
    charts: dict[str, Chart] = {}
    for page in build_pages(check_roadmap(roadmap_dir, base, AS_OF), AS_OF):
        for chart in page.charts:
            assert chart.id not in charts, f"chart id {chart.id} is used twice"
            charts[chart.id] = chart
    return charts


@pytest.fixture(scope="module")
def example() -> dict[str, Chart]:
    return site_charts(REPO / "roadmap", REPO)


@pytest.fixture
def hostile(builder: RoadmapBuilder) -> dict[str, Chart]:
    """A small valid roadmap whose goal, milestone, department and metric texts try to end the <script> element."""
    builder.write(
        "roadmap.yml",
        "organisation: Example Ltd\ndepartments:\n"
        f"  - id: marketing\n    name: {json.dumps('Mkt ' + HOSTILE)}\n  - id: sales\n    name: Sales\n",
    )
    builder.goal(
        "grow-revenue",
        title=f"Goal {HOSTILE}",
        metric={"name": f"M {HOSTILE}", "unit": "<i>u</i>", "baseline": 1, "target": 2, "current": 1.5},
    )
    for quarter, mid in enumerate(("more-leads", "more-deals", "more-revenue"), start=1):
        builder.milestone(
            "grow-revenue", mid, quarter=quarter, title=f"{mid} {HOSTILE}", budget={"planned": 10, "actual": 12}
        )
    builder.action("marketing", "launch-campaign", supports=["more-leads"])
    builder.action("sales", "hire-closers", quarter=2, supports=["more-deals"])
    return site_charts(builder.content, builder.root)


def walk(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """Every (key, leaf value) of a figure; list items keep the key of their list."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, key)
    else:
        yield key, value


def with_real_colours(value: Any) -> Any:
    """The figure as the browser script hands it to plotly: every colour token replaced by a colour."""
    if isinstance(value, dict):
        return {k: with_real_colours(v) for k, v in value.items()}
    if isinstance(value, list):
        return [with_real_colours(v) for v in value]
    return "#000000" if isinstance(value, str) and TOKEN.match(value) else value


def test_the_example_draws_every_kind_of_chart_with_a_fixed_readable_id(example: dict[str, Chart]) -> None:
    assert {
        "2026-goal-progress",
        "2026-milestones-by-quarter",
        "2026-department-load",
        "2026-budget",
        "2026-goal-grow-recurring-revenue-metric",
        "2026-department-marketing",
        "2025-goal-progress",
    } <= set(example)
    assert all(re.fullmatch(r"20[0-9]{2}-[a-z0-9-]+", chart_id) for chart_id in example)


def test_same_input_gives_byte_identical_chart_json(example: dict[str, Chart]) -> None:
    again = site_charts(REPO / "roadmap", REPO)
    assert list(again) == list(example)
    assert all(again[i].json() == example[i].json() for i in example)


def test_chart_json_round_trips_and_holds_no_raw_angle_brackets_or_ampersands(
    example: dict[str, Chart], hostile: dict[str, Chart]
) -> None:
    for chart in [*example.values(), *hostile.values()]:
        text = chart.json()
        assert not {"<", ">", "&"} & set(text), chart.id
        assert json.loads(text) == chart.figure


def test_a_title_with_a_closing_script_tag_cannot_end_the_chart_script_element(hostile: dict[str, Chart]) -> None:
    goal_chart = hostile["2026-goal-progress"]
    block = chart_block(goal_chart)
    assert block.count("<script") == 1 and block.count("</script>") == 1
    assert "Goal \\u0026lt;/script\\u0026gt;" in goal_chart.json()  # label entity-escaped, then JSON-escaped
    # plotly renders a subset of HTML in labels: hostile text reaches it entity-escaped, shown literally
    labels = hostile["2026-goal-progress"].figure["data"][0]["y"]
    assert labels and all("&lt;/script&gt;" in v and "<" not in v for v in labels)
    # the data table twin escapes the same text as HTML
    assert "<td>Goal &lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)" in block


def test_colours_are_css_variable_tokens_defined_by_the_theme_or_fixed_series_colours(
    example: dict[str, Chart],
) -> None:
    """Theme-neutral figures: no colour is baked in except the colour-blind-safe series palette."""
    defined = set(re.findall(r"(--roadmap-[a-z0-9-]+)\s*:", STYLES.read_text(encoding="utf-8")))
    used: set[str] = set()
    for chart in example.values():
        assert "template" not in chart.figure["layout"], chart.id
        for key, value in walk(chart.figure):
            if "color" in key:
                assert isinstance(value, str) and (TOKEN.match(value) or HEX.match(value)), (chart.id, key, value)
                used.add(value)
            elif isinstance(value, str):
                assert not value.startswith("--"), f"{chart.id}: {key}={value!r} would be read as a colour token"
    tokens = {v for v in used if v.startswith("--")}
    assert {t for t in tokens if t.startswith("--roadmap-")} <= defined
    assert {t for t in tokens if not t.startswith("--roadmap-")} <= {
        "--md-default-fg-color",
        "--md-default-fg-color--light",
        "--md-default-fg-color--lightest",
    }
    assert "--roadmap-today" in tokens and "--roadmap-limit" in tokens


def _cells(chart: Chart, column: int) -> list[str]:
    return [row[column] for row in chart.table.rows]


def test_every_chart_has_a_data_table_with_a_row_per_drawn_point(example: dict[str, Chart]) -> None:
    """Rows match what is drawn: goals, quarters, departments, milestones, budget lines, metric points."""
    for chart_id, chart in example.items():
        data = chart.figure["data"]
        assert chart.table.headers and all(len(row) == len(chart.table.headers) for row in chart.table.rows), chart_id
        if chart_id.endswith("-goal-progress"):
            assert len(chart.table.rows) == len(data[0]["y"]) == len(data[1]["y"])
            assert [f"{x:.0f}%" for x in data[0]["x"]] == _cells(chart, chart.table.headers.index("Share"))
        elif chart_id.endswith("-milestones-by-quarter"):
            assert len(chart.table.rows) == 4 == len(data[0]["x"])
            assert [[str(n) for n in trace["y"]] for trace in data] == [
                _cells(chart, i) for i in range(1, len(data) + 1)
            ]
        elif re.search(r"-department-(load|[a-z-]+)$", chart_id):
            assert len(chart.table.rows) == len(data)
            assert [[f"{n}/3" for n in trace["y"]] for trace in data] == [list(row[1:]) for row in chart.table.rows]
        elif chart_id.endswith("-budget"):
            planned = next(i for i, h in enumerate(chart.table.headers) if h.startswith("Planned"))
            assert len(chart.table.rows) == len(data[0]["x"]) == len(data[1]["x"])
            assert [f"{x:,.0f}" for x in data[0]["x"]] == _cells(chart, planned)
        elif chart_id.endswith("-metric"):
            details = [trace["customdata"][0][1] for trace in data[1:]]  # after the baseline-to-target band
            assert len(chart.table.rows) == len(details)
            assert [f"{point}: {value}" for point, value in chart.table.rows] == details
        else:
            pytest.fail(f"no table check for chart {chart_id}")


def test_example_chart_numbers_as_of_2026_11_20(example: dict[str, Chart]) -> None:
    by_quarter = {t["name"]: t["y"] for t in example["2026-milestones-by-quarter"].figure["data"]}
    assert by_quarter == {
        "Completed": [3, 3, 3, 0],
        "In progress": [0, 0, 0, 2],
        "Not started": [0, 0, 0, 1],
        "Overdue": [0, 0, 1, 0],
    }


def test_every_figure_is_valid_for_plotly_once_colours_are_resolved(
    example: dict[str, Chart], hostile: dict[str, Chart]
) -> None:
    """plotly.graph_objects validates every property name and value (raises on anything invalid)."""
    for chart in [*example.values(), *hostile.values()]:
        go.Figure(with_real_colours(chart.figure))
    with pytest.raises(ValueError):
        go.Figure(example["2026-goal-progress"].figure)  # tokens themselves are not colours: resolving them matters


def hover_texts(trace: dict[str, Any]) -> list[str]:
    """What each point's tooltip reads: the trace's hovertemplate with the point's values put in."""
    template = trace["hovertemplate"]
    texts = []
    for i in range(len(trace.get("x") or trace.get("y") or ())):
        text = template
        for k, value in enumerate((trace.get("customdata") or [[]] * (i + 1))[i]):
            text = text.replace(f"%{{customdata[{k}]}}", str(value))
        for key in ("x", "y", "text"):
            if key in trace and not isinstance(trace[key], str):
                text = re.sub(r"%\{" + key + r"(:[^}]*)?\}", str(trace[key][i]), text)
        texts.append(text)
    return texts


def test_every_tooltip_names_its_item_and_reads_each_value_once(
    example: dict[str, Chart], hostile: dict[str, Chart]
) -> None:
    """The item's full name (the chart's title or a row of its table) in every tooltip, no "75%%", no trace box."""
    for chart in [*example.values(), *hostile.values()]:
        names = {html.escape(row[0], quote=False) for row in chart.table.rows} | {html.escape(chart.title, quote=False)}
        for trace in chart.figure["data"]:
            assert trace["hovertemplate"].endswith("<extra></extra>"), (chart.id, trace["hovertemplate"])
            for text in hover_texts(trace):
                assert "%%" not in text and "%{" not in text, (chart.id, text)
                assert any(name in text for name in names), (chart.id, text)


def test_no_chart_draws_a_zero_line_or_puts_its_legend_under_an_axis_title(example: dict[str, Chart]) -> None:
    for chart in example.values():
        layout = chart.figure["layout"]
        assert layout["xaxis"]["zeroline"] is False and layout["yaxis"]["zeroline"] is False, chart.id
        assert layout.get("showlegend") is False or layout["legend"]["y"] >= 1, chart.id


def axis_share(chart: Chart, value: float) -> float:
    """Where a value sits along the metric chart's axis, 0 at its left end and 1 at its right end."""
    left, right = chart.figure["layout"]["xaxis"]["range"]
    return float((value - left) / (right - left))


def test_a_metric_is_drawn_on_its_own_scale_where_99_72_99_91_and_99_95_are_far_apart(
    example: dict[str, Chart],
) -> None:
    chart = example["2026-goal-run-enterprise-grade-platform-metric"]
    left, right = chart.figure["layout"]["xaxis"]["range"]
    assert 99 < left < 99.72 and 99.95 < right < 100  # never from zero
    baseline, current, target = (axis_share(chart, v) for v in (99.72, 99.91, 99.95))
    assert 0 < baseline < current - 0.1 < target - 0.2 < 1
    assert chart.table.headers == ("Point", "Value")
    assert chart.table.rows == (
        ("Baseline (1 Jan 2026)", "99.72%"),
        ("Expected on 2026-11-20", f"{99.72 + 0.23 * elapsed_share(2026, AS_OF):.2f}%"),
        ("Current", "99.91%"),
        ("Target", "99.95%"),
    )


def test_the_expected_value_at_the_as_of_date_is_marked_on_the_metric_chart(example: dict[str, Chart]) -> None:
    chart = example["2026-goal-grow-recurring-revenue-metric"]
    marks = {trace["name"].split(":")[0]: trace["x"][0] for trace in chart.figure["data"] if trace["type"] == "scatter"}
    # ARR's pace runs through its Q3 checkpoint (21.6 on 30 September) to its target on 31 December.
    assert marks == {"Baseline": 18.5, "Expected on 2026-11-20": pytest.approx(21.6 + 2.4 * 51 / 92), "Target": 24}
    assert "Expected" not in str(example["2025-goal-launch-route-optimiser-v2-metric"].table)  # a closed year


def test_a_lower_is_better_metric_reads_left_to_right_on_a_reversed_axis_with_a_note(
    example: dict[str, Chart],
) -> None:
    chart = example["2025-goal-launch-route-optimiser-v2-metric"]  # run time: baseline 95, target 30, now 24
    xaxis = chart.figure["layout"]["xaxis"]
    assert xaxis["range"][0] > 95 and xaxis["range"][1] < 24
    assert "lower is better" in xaxis["title"]["text"]
    assert axis_share(chart, 95) < axis_share(chart, 30) < axis_share(chart, 24)
    assert (
        "lower is better"
        not in example["2026-goal-grow-recurring-revenue-metric"].figure["layout"]["xaxis"]["title"]["text"]
    )
