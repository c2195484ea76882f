"""The sample plan `roadmap init` writes: one goal, three milestones and a key action per department.

Every file passes the check and says how to make it the organisation's own, so the first build has
a dashboard to look at and the first pull request is an edit rather than a blank page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .yaml_text import Value, front_matter

GOAL = "first-annual-goal"
MILESTONES = ("first-milestone", "second-milestone", "third-milestone")
ACTION = "first-key-action"
_ORDINALS = ("First", "Second", "Third")

_GOAL_BODY = """Why this goal matters and how it is measured. Replace this sample with one of the year's goals (at most
three): edit the title and owner, add a `metric`, and give the file the goal's id with
`roadmap rename goal {goal} <new-id>`."""
_MILESTONE_BODY = """What will be done and why. A milestone says, in one quarter, whether the goal is on track:
three to five per goal. Add one with `roadmap new milestone --goal {goal}`."""
_ACTION_BODY = """How {department} moves the milestone this quarter: at most three key actions a department a quarter.
Add one with `roadmap new action --department {department_id}`."""


def sample_items(
    departments: Sequence[tuple[str, str]], year: int, quarters: Sequence[int], due: Sequence[date]
) -> list[tuple[str, str]]:
    """(path under roadmap/, text) of every sample item of the year."""
    goal = front_matter(
        [("title", "Our first annual goal"), ("owner", "Leadership team")], _GOAL_BODY.format(goal=GOAL)
    )
    items = [(f"{year}/goals/{GOAL}.md", goal)]
    for ordinal, milestone, quarter, day in zip(_ORDINALS, MILESTONES, quarters, due, strict=True):
        fields: list[tuple[str, Value]] = [
            ("title", f"{ordinal} milestone of the goal"),
            ("quarter", f"Q{quarter}"),
            ("due", day),
            ("owner", departments[0][1]),
            ("status", "not-started"),
            ("success_criteria", ["How we will know it is achieved, measurably"]),
        ]
        items.append(
            (f"{year}/milestones/{GOAL}/{milestone}.md", front_matter(fields, _MILESTONE_BODY.format(goal=GOAL)))
        )
    for index, (department_id, name) in enumerate(departments):
        supported = index % len(MILESTONES)
        fields = [
            ("title", f"First key action of {name}"),
            ("quarter", f"Q{quarters[supported]}"),
            ("owner", f"{name} team"),
            ("status", "not-started"),
            ("supports", [MILESTONES[supported]]),
        ]
        body = _ACTION_BODY.format(department=name, department_id=department_id)
        items.append((f"{year}/actions/{department_id}/{ACTION}.md", front_matter(fields, body)))
    return items
