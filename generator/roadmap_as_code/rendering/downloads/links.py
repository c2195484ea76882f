"""The address of a milestone's page, for downloads read away from the site (a calendar, a spreadsheet)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote

from ..page_paths import Paths

_CONTROL = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True)
class PageLinks:
    """Absolute page addresses under the site's address (mkdocs.yml's site_url).

    Without it there are none: a calendar or a spreadsheet resolves no relative address, so an event or a row
    carries no link rather than a broken one (`roadmap export-data` knows no site).
    """

    site_url: str = ""
    directory_urls: bool = True
    prefix: str = ""

    def milestone(self, year: int, milestone_id: str) -> str:
        """The milestone page's absolute address, or '' when the site's address is not known."""
        return self.page(Paths(year, self.prefix).milestone(year, milestone_id))

    def page(self, path: str) -> str:
        """The absolute address of the page at site path `path` (a Markdown file), or '' without the site's address."""
        return self._address(self._url(path))

    def download(self, name: str) -> str:
        """The absolute address of a download (inside the prefix), or '' without the site's address."""
        return self._address(Paths(0, self.prefix).download(name))

    def _address(self, url: str) -> str:
        if not self.site_url:
            return ""
        return _CONTROL.sub("", self.site_url).rstrip("/") + "/" + quote(url)

    def _url(self, path: str) -> str:
        # As MkDocs makes a page's URL: x/y.md is x/y/ with directory URLs, else x/y.html.
        stem = posixpath.splitext(path)[0]
        return f"{stem}/" if self.directory_urls else f"{stem}.html"
