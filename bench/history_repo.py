"""A synthetic plan history: a git repository of 2,000 first-parent commits over 300 roadmap files (seeded).

Built with one `git fast-import` stream (a second or two), then checked out. The first commit plans the year
(10 goals, 200 milestones, 90 key actions); each later commit is a weekly-style check-in touching one to four
files: status, due date (slips), health, metric current, budget actual, risks, quarter, the description. Every
100th commit renames a milestone, every 150th breaks a file's YAML and the next commit fixes it.
"""

from __future__ import annotations

import random
import subprocess
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

SEED = 20261202
COMMITS = 2000
GOALS, MILESTONES_PER_GOAL = 10, 20
DEPARTMENTS = ("marketing", "sales", "product", "engineering", "customer-success", "operations")
ACTIONS_PER_DEPARTMENT = 15
START = 1767225600  # 2026-01-01 00:00 UTC
AS_OF = date(2026, 12, 31)
_AUTHORS = ("Ana Ruiz", "Bo Lee", "Cy Dee", "Dana Smith", "Eli Novak")
_STATUS = ("not-started", "in-progress", "completed")
_HEALTH = (None, "on-track", "at-risk", "off-track")


@dataclass
class _File:
    kind: str
    fields: dict[str, object]
    body: str
    broken: bool = False


def _text(item: _File) -> str:
    lines = ["---"]
    for key, value in item.fields.items():
        if value is None:
            continue
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {v}" for k, v in value.items() if v is not None]
        elif isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  - {v}" for v in value]
        else:
            lines.append(f"{key}: {value}")
    if item.broken:
        lines.append("title: [unclosed")
    return "\n".join([*lines, "---", item.body, ""])


def _body(rng: random.Random) -> str:
    words = ("carriers", "renewals", "pricing", "partners", "onboarding", "routes", "trucks", "integration", "churn")
    return "\n\n".join(" ".join(rng.choice(words) for _ in range(40)).capitalize() + "." for _ in range(3))


@dataclass
class _Plan:
    rng: random.Random
    files: dict[str, _File] = field(default_factory=dict)

    def populate(self) -> None:
        rng = self.rng
        for g in range(GOALS):
            metric = {"name": "Revenue", "unit": "M EUR", "baseline": 10 + g, "target": 20 + g, "current": 10 + g}
            goal: dict[str, object] = {"title": f"Goal {g}", "owner": "CEO", "metric": metric}
            self.files[f"2026/goals/goal-{g}.md"] = _File("goal", goal, _body(rng))
            for m in range(MILESTONES_PER_GOAL):
                quarter = 1 + m % 4
                due = date(2026, quarter * 3, 28)
                fields: dict[str, object] = {
                    "title": f"Milestone {g}-{m}", "quarter": f"Q{quarter}", "due": due.isoformat(), "owner": "Lead",
                    "status": "not-started", "health": None, "success_criteria": ["A measurable result"],
                    "key_tasks": ["First task", "Second task"], "budget": {"planned": 10000, "actual": None},
                    "risks": [],
                }  # fmt: skip
                self.files[f"2026/milestones/goal-{g}/milestone-{g}-{m}.md"] = _File("milestone", fields, _body(rng))
        for d in DEPARTMENTS:
            for a in range(ACTIONS_PER_DEPARTMENT):
                action: dict[str, object] = {
                    "title": f"Action {a}",
                    "quarter": f"Q{1 + a % 4}",
                    "owner": "Team",
                    "status": "not-started",
                }
                self.files[f"2026/actions/{d}/action-{a}.md"] = _File("action", action, _body(rng))

    def change(self, path: str) -> None:
        """One check-in's edit of one file."""
        rng, item = self.rng, self.files[path]
        if item.broken:
            item.broken = False
            return
        f = item.fields
        choice = rng.randrange(8)
        if item.kind == "goal":
            metric = dict(f["metric"])  # type: ignore[call-overload]
            metric["current"] = round(float(metric["current"]) + rng.uniform(-0.2, 0.6), 2)
            f["metric"] = metric
        elif choice == 0 and "status" in f:
            f["status"] = _STATUS[min(2, _STATUS.index(str(f["status"])) + 1)]
        elif choice == 1 and "due" in f:
            f["due"] = (date.fromisoformat(str(f["due"])) + timedelta(days=rng.randrange(1, 30))).isoformat()
        elif choice == 2 and "health" in f:
            f["health"] = rng.choice(_HEALTH)
        elif choice == 3 and "budget" in f:
            f["budget"] = {"planned": 10000, "actual": rng.randrange(0, 12000)}
        elif choice == 4 and "risks" in f:
            risks = list(f["risks"])  # type: ignore[call-overload]
            f["risks"] = risks[1:] if risks and rng.random() < 0.4 else [*risks, f"Risk {rng.randrange(1000)}"]
        elif choice == 5 and item.kind == "action":
            f["quarter"] = f"Q{rng.randrange(1, 5)}"
        else:
            item.body = _body(rng)


def _blob(text: str) -> bytes:
    data = text.encode("utf-8")
    return b"data %d\n%s\n" % (len(data), data)


def _commit(n: int, author: str, subject: str, ops: list[bytes]) -> bytes:
    stamp = START + n * 4 * 3600  # every 4 hours: 2,000 commits end in November
    who = f"{author} <{author.split()[0].lower()}@example.org> {stamp} +0000".encode()
    head = b"commit refs/heads/main\nauthor %s\ncommitter %s\n" % (who, who)
    return head + _blob(subject) + b"".join(ops) + b"\n"


def _stream(commits: int) -> bytes:
    plan = _Plan(random.Random(SEED))
    plan.populate()
    settings = "organisation: Synthetic\ntimezone: UTC\n"
    first = [b"M 100644 inline roadmap/roadmap.yml\n" + _blob(settings)]
    first += [b"M 100644 inline roadmap/%s\n" % p.encode() + _blob(_text(f)) for p, f in sorted(plan.files.items())]
    out = [_commit(0, "Ana Ruiz", "Plan 2026", first)]
    rng = plan.rng
    broken: list[str] = []
    for n in range(1, commits):
        paths = sorted({*rng.sample(sorted(plan.files), rng.randrange(1, 5)), *broken})
        broken = []
        ops: list[bytes] = []
        if n % 100 == 0:
            old = next(p for p in paths[::-1] + sorted(plan.files) if plan.files[p].kind == "milestone")
            new = old[:-3] + f"-r{n}.md"
            plan.files[new] = plan.files.pop(old)
            ops.append(b"R roadmap/%s roadmap/%s\n" % (old.encode(), new.encode()))
            paths = [new if p == old else p for p in paths]
        for path in paths:
            plan.change(path)
            if n % 150 == 0 and path == paths[0]:
                plan.files[path].broken = True
                broken.append(path)
            ops.append(b"M 100644 inline roadmap/%s\n" % path.encode() + _blob(_text(plan.files[path])))
        out.append(_commit(n, rng.choice(_AUTHORS), f"Check-in {n} (#{n})", ops))
    return b"".join(out)


def build_repository(root: Path, commits: int = COMMITS) -> Path:
    """Write the repository into root (created) and check it out; returns its roadmap folder."""
    root.mkdir(parents=True, exist_ok=True)
    git = ["git", "-C", str(root), "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "fast-import", "--quiet"], input=_stream(commits), check=True)
    subprocess.run([*git, "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
    subprocess.run([*git, "checkout", "-q", "-f", "main"], check=True)
    return root / "roadmap"
