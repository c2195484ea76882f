"""Links the pages write as raw HTML (the roadmap pictures, lists of changes): MkDocs leaves them alone, so their
page paths become URLs here."""

from __future__ import annotations

import html
import posixpath
import re

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Only the links the templates write as raw HTML (rendering/picture's cards and lanes, _history.j2's lists), to a
# generated page's .md path.
_LINK = re.compile(r'(<a class="(?:roadmap-picture__link[^"<>]*|roadmap-link)" href=")([^"<>#?]+\.md)(")')


def page_urls(html_text: str, page: Page, files: Files) -> str:
    """Each such link's .md path replaced by the target page's URL relative to this page, as for Markdown links."""

    def url(match: re.Match[str]) -> str:
        here = posixpath.dirname(page.file.src_uri)
        target = files.get_file_from_path(posixpath.normpath(posixpath.join(here, html.unescape(match[2]))))
        if target is None:
            return match[0]
        return match[1] + html.escape(target.url_relative_to(page.file), quote=True) + match[3]

    return _LINK.sub(url, html_text)
