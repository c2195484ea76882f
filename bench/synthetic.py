"""A deterministic synthetic roadmap: many years and departments, realistic front-matter, short bodies.

The shape follows the example in roadmap/: goals with metrics, milestones with key tasks, budgets,
dependencies and risks, key actions that support milestones of their year. Limits in its roadmap.yml
are raised just enough for the content to pass every rule, so `roadmap check` does the full work
(load, validate, every rule) and ends clean. A shape may crowd key actions into one department-quarter,
and `exceed=True` sets that limit just below the crowded quarter's count, so exactly that quarter breaks it.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SEED = 20260101
AS_OF = date(2099, 12, 31)  # the last day a roadmap may be judged at: after every due and completion date

DEPARTMENTS = (
    "marketing",
    "sales",
    "product",
    "engineering",
    "customer-success",
    "operations",
    "finance",
    "people",
    "legal",
    "security",
    "data",
    "design",
    "support",
    "partnerships",
    "procurement",
    "facilities",
    "research",
    "quality",
    "logistics",
    "communications",
)
_VERBS = (
    "launch",
    "migrate",
    "automate",
    "redesign",
    "expand",
    "hire",
    "certify",
    "standardise",
    "measure",
    "retire",
    "pilot",
    "open",
)
_OBJECTS = (
    "partner-portal",
    "billing-system",
    "help-center",
    "data-pipeline",
    "onboarding-flow",
    "second-region",
    "sales-playbook",
    "pricing-page",
    "on-call-rotation",
    "audit-log",
    "mobile-app",
    "reseller-channel",
    "warehouse",
    "reporting-suite",
    "api-gateway",
    "support-desk",
)
_PEOPLE = (
    "Lena Brandt",
    "Tomás Ruiz",
    "Priya Natarajan",
    "Jonas Weber",
    "Aoife Byrne",
    "Marek Nowak",
    "Sofie Lindqvist",
    "Chen Wei",
    "Amara Okafor",
    "Lucía Fernández",
)
_METRICS = (
    ("Annual recurring revenue", "M EUR"),
    ("Gross revenue retention", "'%'"),
    ("Uptime", "'%'"),
    ("Paying customers", "customers"),
    ("Median onboarding time", "days"),
    ("Net promoter score", "points"),
)
_SENTENCES = (
    "The work builds on what the team learned in the previous quarter and keeps the scope deliberately small.",
    "Customers asked for this in the last survey, and sales hears it in most enterprise deals.",
    "We measure progress monthly and review it in the leadership meeting.",
    "The main risk is capacity, since two people on the team also carry on-call duty.",
    "Finance tracks the spend against the budget every month.",
    "Done means the change is live for every customer, documented and handed over to support.",
)


@dataclass(frozen=True)
class Shape:
    """How many of each kind a year holds; the totals give the file count."""

    years: int = 100
    first_year: int = 2000
    goals: int = 4
    milestones_per_goal: int = 5
    actions: int = 76
    crowded: int = 0  # of each year's actions, how many go to the first department's Q1 (the rest at random)

    @property
    def files(self) -> int:
        return self.years * (self.goals + self.goals * self.milestones_per_goal + self.actions)


def _slug(rng: random.Random, taken: set[str]) -> str:
    while True:
        slug = f"{rng.choice(_VERBS)}-{rng.choice(_OBJECTS)}"
        if slug in taken:
            slug = f"{slug}-{len(taken)}"
        if slug not in taken:
            taken.add(slug)
            return slug


def _body(rng: random.Random) -> str:
    return " ".join(rng.sample(_SENTENCES, rng.randint(1, 3))) + "\n"


def _goal(rng: random.Random, year: int) -> str:
    name, unit = rng.choice(_METRICS)
    baseline = rng.randint(5, 80)
    return (
        f"---\ntitle: Improve {name.lower()} in {year}\nowner: {rng.choice(_PEOPLE)} (VP)\n"
        f"metric:\n  name: {name}\n  unit: {unit}\n  baseline: {baseline}\n  target: {baseline + rng.randint(5, 20)}\n"
        f"  current: {baseline + rng.randint(0, 25)}.{rng.randint(0, 9)}\n---\n{_body(rng)}"
    )


def _milestone(rng: random.Random, year: int, earlier: list[str]) -> str:
    quarter = rng.randint(1, 4)
    start = date(year, 3 * quarter - 2, 1)
    due = start + timedelta(days=rng.randint(0, 88))
    status = rng.choice(("not-started", "in-progress", "completed"))
    lines = [
        "---",
        f"title: {rng.choice(_VERBS).capitalize()} the {rng.choice(_OBJECTS).replace('-', ' ')}",
        f"quarter: Q{quarter}",
        f"due: {due.isoformat()}",
        f"owner: {rng.choice(_PEOPLE)}",
        f"status: {status}",
    ]
    if status == "completed":
        lines.append(f"completed: {min(due + timedelta(days=rng.randint(-20, 20)), AS_OF).isoformat()}")
    elif status == "in-progress":
        lines.append(f"health: {rng.choice(('on-track', 'at-risk', 'off-track'))}")
    lines.append("success_criteria:")
    lines += [f"  - At least {rng.randint(2, 90)} accounts live in region {i + 1}" for i in range(rng.randint(1, 3))]
    lines.append("key_tasks:")
    lines += [
        f"  - {rng.choice(_VERBS).capitalize()} the {rng.choice(_OBJECTS).replace('-', ' ')}"
        for _ in range(rng.randint(2, 4))
    ]
    if rng.random() < 0.5:
        lines += ["budget:", f"  planned: {rng.randint(10, 500) * 1000}"] + (
            [f"  actual: {rng.randint(10, 500) * 1000}"] if rng.random() < 0.6 else []
        )
    if earlier and rng.random() < 0.4:
        lines.append("depends_on:")
        lines += [f"  - {ref}" for ref in rng.sample(earlier, min(len(earlier), rng.randint(1, 2)))]
    if rng.random() < 0.4:
        lines += ["risks:", f"  - {rng.choice(_SENTENCES)}"]
    return "\n".join(lines) + "\n---\n" + _body(rng)


def _action(rng: random.Random, quarter: int, milestones: list[str]) -> str:
    supports = rng.sample(milestones, rng.randint(1, 2))
    return (
        f"---\ntitle: {rng.choice(_VERBS).capitalize()} the {rng.choice(_OBJECTS).replace('-', ' ')}\n"
        f"quarter: Q{quarter}\nowner: {rng.choice(_PEOPLE)}\nstatus: "
        f"{rng.choice(('not-started', 'in-progress', 'completed'))}\n"
        "supports:\n" + "".join(f"  - {s}\n" for s in supports) + f"---\n{_body(rng)}"
    )


def _settings(departments: tuple[str, ...], shape: Shape, actions_limit: int) -> str:
    lines = ["organisation: Synthetic Benchmark Ltd", "currency: EUR", "departments:"]
    for i, dept in enumerate(departments):
        lines += [
            f"  - id: {dept}",
            f"    name: {dept.replace('-', ' ').title()}",
            f"    lead: {_PEOPLE[i % len(_PEOPLE)]}",
        ]
    lines += [
        "limits:",
        f"  goals_per_year: {shape.goals}",
        f"  min_milestones_per_goal: {shape.milestones_per_goal}",
        f"  max_milestones_per_goal: {shape.milestones_per_goal}",
        f"  actions_per_department_per_quarter: {actions_limit}",
    ]
    return "\n".join(lines) + "\n"


def _place(rng: random.Random, shape: Shape, index: int) -> tuple[str, int]:
    """The department and quarter of a year's index-th key action."""
    return (DEPARTMENTS[0], 1) if index < shape.crowded else (rng.choice(DEPARTMENTS), rng.randint(1, 4))


def _actions_limit(loads: Counter[tuple[int, str, int]], exceed: bool) -> int:
    """The fullest department-quarter's count, or with exceed the next one's, so that only the fullest breaks it."""
    counts = sorted(loads.values(), reverse=True) or [1]
    if not exceed:
        return counts[0]
    return max(1, counts[1] if len(counts) > 1 else counts[0] - 1)


def write_roadmap(root: Path, shape: Shape = Shape(), seed: int = SEED, exceed: bool = False) -> Path:
    """Write the synthetic roadmap under root/roadmap/ and return the content folder."""
    rng = random.Random(seed)
    content = root / "roadmap"
    loads: Counter[tuple[int, str, int]] = Counter()
    for year in range(shape.first_year, shape.first_year + shape.years):
        base = content / str(year)
        taken: set[str] = set()
        milestone_ids: list[str] = []
        for _ in range(shape.goals):
            goal = _slug(rng, taken)
            (base / "goals").mkdir(parents=True, exist_ok=True)
            (base / "goals" / f"{goal}.md").write_text(_goal(rng, year), encoding="utf-8")
            folder = base / "milestones" / goal
            folder.mkdir(parents=True, exist_ok=True)
            for _ in range(shape.milestones_per_goal):
                milestone = _slug(rng, taken)
                (folder / f"{milestone}.md").write_text(_milestone(rng, year, milestone_ids), encoding="utf-8")
                milestone_ids.append(milestone)
        for index in range(shape.actions):
            dept, quarter = _place(rng, shape, index)
            loads[(year, dept, quarter)] += 1
            folder = base / "actions" / dept
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{_slug(rng, taken)}.md").write_text(_action(rng, quarter, milestone_ids), encoding="utf-8")
    limit = _actions_limit(loads, exceed)
    (content / "roadmap.yml").write_text(_settings(DEPARTMENTS, shape, limit), encoding="utf-8")
    return content
