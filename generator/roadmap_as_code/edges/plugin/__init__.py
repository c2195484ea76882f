"""The MkDocs plugin `roadmap-as-code`: the only module that imports mkdocs."""

from .plugin import RoadmapPlugin

__all__ = ["RoadmapPlugin"]
