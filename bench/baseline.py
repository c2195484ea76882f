"""The yardstick: read every Markdown file (sorted walk) and parse it with python-frontmatter + CSafeLoader.

No validation, no line numbers, no rules: the least a tool that reads these files can do.
Run as `python -m bench.baseline ROOT` to time it as a process of its own.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler


class CSafeYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler, pinned to libyaml's C loader."""

    def load(self, fm: str, **kwargs: Any) -> Any:
        return yaml.load(fm, Loader=yaml.CSafeLoader)


HANDLER = CSafeYAMLHandler()


def parse_all(content: str) -> int:
    """Parse every .md file under content in sorted order; return how many were read."""
    count = 0
    for folder, dirs, files in os.walk(content):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".md"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    post = frontmatter.loads(handle.read(), handler=HANDLER)
                count += bool(post.metadata)
    return count


if __name__ == "__main__":
    print(parse_all(sys.argv[1]))
