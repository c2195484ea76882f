"""Ids from names and titles: lower-case slugs, the way file and folder names are written."""

from __future__ import annotations

import re
import unicodedata

from ..errors import UsageError
from ..model.values import SLUG

MAX_SLUG = 60
"""Longer ids make unwieldy file names; a slug is cut at the last hyphen before this length."""


def slug(text: str) -> str:
    """A lower-case slug of text ('Über uns & Co.' -> 'uber-uns-co'), '' when it has no letter or digit a-z, 0-9."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    found = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(found) > MAX_SLUG:
        found = found[:MAX_SLUG].rsplit("-", 1)[0] if "-" in found[:MAX_SLUG] else found[:MAX_SLUG]
    return found


def id_from(text: str, what: str, option: str) -> str:
    """The id derived from a name or title; UsageError (naming the option to pass instead) when none can be."""
    found = slug(text)
    if not found:
        raise UsageError(
            f"{what}: expected a name with letters a-z or digits to derive an id from, got {text!r}; "
            f"pass the id with {option}"
        )
    return found


def checked_id(text: str, what: str) -> str:
    """An id given as is: a lower-case slug, else UsageError with a suggestion."""
    if not SLUG.match(text):
        suggestion = slug(text) or "my-id"
        raise UsageError(f"{what}: expected a lower-case id like '{suggestion}', got {text!r}")
    return text
