"""Progress charts as plotly figure JSON with fixed ids, no template, and colour tokens.

Figures are plain data in plotly's JSON format. Colours are CSS custom property names
(strings starting with `--`) that the chart script resolves at render
time, so one figure follows both the light and the dark palette. Every chart carries the
table of the numbers it draws.
"""

from .budget_chart import budget
from .figure import Chart, Table, label
from .goal_charts import goal_metric
from .year_charts import department_load, goal_progress, milestones_by_quarter

__all__ = [
    "Chart",
    "Table",
    "budget",
    "department_load",
    "goal_metric",
    "goal_progress",
    "label",
    "milestones_by_quarter",
]
