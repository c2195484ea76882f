"""History: the plan's check-ins read from git (first-parent commits that touched the roadmap folder)."""

from .trail import Change, Commit, History, ItemHistory

__all__ = ["Change", "Commit", "History", "ItemHistory"]
