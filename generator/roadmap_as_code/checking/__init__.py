"""Checking: the cross-file rules of the method and how close a roadmap is to each limit."""

from .check import Checked, check_as_of, check_roadmap

__all__ = ["Checked", "check_as_of", "check_roadmap"]
