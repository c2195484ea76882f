"""History: the plan's check-ins read from git (first-parent commits that touched the roadmap folder)."""

from .reader import read_history
from .trail import Change, Commit, History, ItemHistory

__all__ = ["Change", "Commit", "History", "ItemHistory", "read_history"]
