"""Reading: strict YAML, the front-matter split, field validation as located problems, the tree walk."""

from .tree import find_content, load_roadmap

__all__ = ["find_content", "load_roadmap"]
