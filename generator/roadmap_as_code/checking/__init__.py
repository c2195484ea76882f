"""Checking: the cross-file rules of the method and how close a roadmap is to each limit."""

from .check import check_roadmap

__all__ = ["check_roadmap"]
