"""Plain-text views of Markdown bodies, shared by pages and downloads."""

from __future__ import annotations

import re


def summary(text: str, width: int = 160) -> str:
    """The first paragraph of a Markdown body as one plain line, cut at a word near `width`."""
    first = re.sub(r"[#>*_`\[\]]", "", text.strip().split("\n\n")[0])
    plain = " ".join(first.split())
    return plain if len(plain) <= width else plain[: width - 1].rsplit(" ", 1)[0] + "…"
