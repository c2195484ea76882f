"""feed.xml: an Atom feed of the check-ins that changed the plan (every year's items), so stakeholders can follow it.

Built with the standard library's ElementTree, which escapes every text and attribute. One entry per commit,
newest first; ids are tag: URIs made from the commit ids, so a rebuild never shows an entry as new.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from ...history import Change, Commit, History
from ...measuring.metrics import default_year
from ...model import Roadmap
from ..history_facts import item_key
from ..history_words import change_words
from ..page_paths import Paths
from .links import PageLinks

ATOM = "http://www.w3.org/2005/Atom"
FEED_NAME = "feed.xml"
ENTRIES = 50  # the newest check-ins; older ones are on the "What changed" page and in history.json
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not allowed in XML 1.0


def _text(value: str) -> str:
    return _CONTROL.sub("", value)


def _stamp(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _authority(site_url: str) -> str:
    """The tag: URI's naming authority: the site's host, else a name of the product's own (never resolved)."""
    host = urlsplit(site_url).hostname if site_url else None
    return host or "roadmap-as-code.invalid"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def _entry(feed: ET.Element, commit: Commit, lines: list[tuple[str, str]], authority: str, link: str) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "id", f"tag:{authority},{commit.day.isoformat()}:commit/{commit.id}")
    _sub(entry, "title", commit.subject or f"Check-in {commit.short}")
    _sub(entry, "updated", _stamp(commit.timestamp))
    author = _sub(entry, "author")
    _sub(author, "name", commit.author or "unknown")
    if link:
        _sub(entry, "link", href=link, rel="alternate", type="text/html")
    more = f" (pull request #{commit.pull_request})" if commit.pull_request else ""
    _sub(entry, "summary", f"{len(lines)} change{'s' if len(lines) != 1 else ''} by {commit.author}{more}")
    items = "".join(f"<li>{html.escape(title)}: {html.escape(words)}</li>" for title, words in lines)
    _sub(entry, "content", f"<ul>{items}</ul>", type="html")


def _named(path: str, year: int, default: int) -> str:
    """An item no longer in the plan, by its id (and its year, when not the default one)."""
    name = path.rsplit("/", 1)[-1].removesuffix(".md")
    return name if year == default else f"{name} ({year})"


def history_feed(roadmap: Roadmap, as_of: date, history: History, links: PageLinks) -> str:
    """The Atom feed of the plan's check-ins as UTF-8 text (an XML declaration first).

    One feed for the whole plan, so its address and id stay the same when the default year moves on; an item
    of another year than the default one is named with its year, and an entry that changed only another
    year's items links to that year's "What changed" page.
    """
    year = default_year(roadmap, as_of) if roadmap.years else None
    number = year.year if year else as_of.year
    first = roadmap.years[0].year if roadmap.years else number
    titles = {
        item_key(roadmap, i.source.path): i.title if y.year == number else f"{i.title} ({y.year})"
        for y in roadmap.years
        for i in (y.goals + y.milestones + y.actions)
    }
    by_commit: dict[str, list[tuple[Change, int]]] = defaultdict(list)
    commits: dict[str, Commit] = {}
    for item in history.items.values():
        for change in item.changes:
            by_commit[change.commit.id].append((change, item.year))
            commits[change.commit.id] = change.commit
    newest = sorted(commits.values(), key=lambda c: (-c.timestamp, c.id))[:ENTRIES]
    authority = _authority(links.site_url)
    paths = Paths(number, links.prefix)
    page = links.page(paths.changes(number))
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", f"tag:{authority},{first}-01-01:roadmap/changes")
    _sub(feed, "title", f"{roadmap.settings.organisation} roadmap: what changed")
    updated = (
        newest[0].timestamp if newest else int(datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC).timestamp())
    )
    _sub(feed, "updated", _stamp(updated))
    _sub(_sub(feed, "author"), "name", roadmap.settings.organisation)
    if page:
        _sub(feed, "link", href=page, rel="alternate", type="text/html")
    if links.site_url:
        _sub(feed, "link", href=links.download(FEED_NAME), rel="self", type="application/atom+xml")
    for commit in newest:
        changes = sorted(by_commit[commit.id], key=lambda pair: pair[0].path)
        lines = [(titles.get(c.path, _named(c.path, y, number)), change_words(c)) for c, y in changes]
        years = {y for _, y in changes}
        only = years.pop() if len(years) == 1 else number
        _entry(feed, commit, lines, authority, links.page(paths.changes(only)) if only != number else page)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
