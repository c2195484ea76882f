"""Scripts the browser tests evaluate in a page, shared by the tests of every site."""

from __future__ import annotations

FIRST_BAR_FILL = "() => document.querySelector('.roadmap-chart .trace.bars .point path').style.fill"
"""The fill of the first bar of the first chart, as plotly painted it."""

FIRST_BAR_TOKEN = """() => {
    const figure = JSON.parse(document.querySelector('.roadmap-chart + script[type="application/json"]').textContent);
    const colour = figure.data[0].marker.color;
    return Array.isArray(colour) ? colour[0] : colour;
}"""
"""The colour the first chart's JSON names for its first bar: a CSS custom property such as --roadmap-health-at-risk."""

RESOLVED = """(name) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${name})`;
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
}"""
"""A CSS custom property resolved the way the browser paints it: "rgb(r, g, b)"."""
