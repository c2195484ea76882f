"""Reading: strict YAML, the front-matter split, field validation as located problems, the tree walk."""

from .locating import find_config, find_content, locate
from .tree import load_roadmap

__all__ = ["find_config", "find_content", "load_roadmap", "locate"]
