"""The roadmap pictures' links: raw HTML that MkDocs leaves alone, so their page paths become URLs here."""

from __future__ import annotations

import html
import posixpath
import re

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Only the links rendering/picture writes over its cards and lanes, to a generated page's .md path.
_LINK = re.compile(r'(<a class="roadmap-picture__link[^"<>]*" href=")([^"<>#?]+\.md)(")')


def picture_urls(html_text: str, page: Page, files: Files) -> str:
    """Each picture link's .md path replaced by the target page's URL relative to this page, as for Markdown links."""

    def url(match: re.Match[str]) -> str:
        here = posixpath.dirname(page.file.src_uri)
        target = files.get_file_from_path(posixpath.normpath(posixpath.join(here, html.unescape(match[2]))))
        if target is None:
            return match[0]
        return match[1] + html.escape(target.url_relative_to(page.file), quote=True) + match[3]

    return _LINK.sub(url, html_text)
