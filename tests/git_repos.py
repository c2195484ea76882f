"""Build real git repositories in tmp_path for history tests: fixed dates and authors, no network, no user config.

repo = GitRepo(tmp_path / "repo")
repo.write("roadmap/2026/goals/grow.md", goal("Grow"))
repo.commit("Plan 2026", "2026-01-05")
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

SETTINGS = "organisation: Test Org\ndepartments:\n  - id: sales\n    name: Sales\n    lead: Sam\n"


def git_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """An environment in which no user or system git config applies (no signing, no hooks, no editor)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
        GIT_EDITOR="true",
        GIT_MERGE_AUTOEDIT="no",
    )
    env.update(extra or {})
    return env


class GitRepo:
    """A repository whose commits carry the dates and authors the test names (noon UTC unless told)."""

    def __init__(self, root: Path, branch: str = "main") -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", branch)

    def git(self, *args: str, env: Mapping[str, str] | None = None) -> str:
        done = subprocess.run(
            ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
            cwd=self.root,
            env=git_env(env),
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
        return done.stdout

    def write(self, rel: str, text: str | bytes) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        self.git("add", "--", rel)

    def remove(self, rel: str) -> None:
        self.git("rm", "-q", "--", rel)

    def move(self, old: str, new: str) -> None:
        (self.root / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", "--", old, new)

    @staticmethod
    def _dates(day: str, time: str, author: str) -> dict[str, str]:
        stamp = f"{day}T{time}+00:00"
        name, _, email = author.partition(" <")
        return {
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email.rstrip(">") or f"{name.split()[0].lower()}@example.org",
            "GIT_COMMITTER_NAME": "Committer",
            "GIT_COMMITTER_EMAIL": "committer@example.org",
        }

    def commit(self, subject: str, day: str, author: str = "Ana Ruiz", time: str = "12:00:00") -> str:
        """Commit what is staged (empty commits allowed); returns the commit id."""
        self.git("commit", "-q", "--allow-empty", "-m", subject, env=self._dates(day, time, author))
        return self.head()

    def merge(self, branch: str, subject: str, day: str, author: str = "Ana Ruiz") -> str:
        """A merge commit (never a fast-forward) of branch into the current branch."""
        self.git("merge", "-q", "--no-ff", "-m", subject, branch, env=self._dates(day, "12:00:00", author))
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()


def front_matter(fields: Mapping[str, object], body: str = "Why it matters.") -> str:
    """A roadmap file: YAML front-matter (scalars, lists of texts, one level of mappings) and a body."""
    lines = ["---"]
    for key, value in fields.items():
        if value is None:
            continue
        if isinstance(value, Mapping):
            lines.append(f"{key}:")
            lines += [f"  {k}: {v}" for k, v in value.items() if v is not None]
        elif isinstance(value, Iterable) and not isinstance(value, str):
            lines.append(f"{key}:")
            lines += [f"  - {v}" for v in value]
        else:
            lines.append(f"{key}: {value}")
    return "\n".join([*lines, "---", body, ""])


def milestone(
    title: str = "Launch the partner portal",
    quarter: str = "Q2",
    due: str = "2026-06-30",
    status: str = "in-progress",
    **more: object,
) -> str:
    """A milestone file; more fields (health, risks, budget, metric, ...) as keyword arguments."""
    fields = {"title": title, "quarter": quarter, "due": due, "owner": "Ana Ruiz", "status": status}
    return front_matter({**fields, "success_criteria": ["Ten partners live"], **more})


def goal(title: str = "Grow revenue", **more: object) -> str:
    return front_matter({"title": title, "owner": "Bo Lee", **more})


def action(title: str = "Run webinars", quarter: str = "Q1", status: str = "not-started", **more: object) -> str:
    return front_matter({"title": title, "quarter": quarter, "owner": "Sales team", "status": status, **more})
