"""Hostile descriptions: the costliest body within every limit of reading/body_limits.py, rendered and timed.

Each case pushes one limit (or several at once) as far as it goes within the file cap, and `roadmap check`
must accept it: then its time is what a build can be made to spend on one description. Each body is rendered
the three ways a build does: safe_text.body_html (markdown-it-py, CommonMark + GFM, then nh3),
safe_text.summary (the first paragraph, for tables and the CSV), and the page's own Markdown pass with the
example site's markdown_extensions (mkdocs.yml), which meets the sanitised HTML.

`python -m bench.bodies` prints the table alone; `python -m bench --only hostile` prints it after the YAML cases.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import markdown
import yaml

from roadmap_as_code.reading import body_limits as bl
from roadmap_as_code.reading.frontmatter import MAX_FILE_BYTES
from roadmap_as_code.rendering.safe_text import body_html, summary

from .table import Table

REPO = Path(__file__).resolve().parent.parent
SIZE = MAX_FILE_BYTES - 512  # room for the front-matter
TARGET = 1.0  # seconds for the three renderings of one body together
LINE = 64  # characters of a line of filler prose


def _fits(text: str) -> bool:
    """True when the check accepts the body and the file cap holds it."""
    return len(text) <= SIZE and not bl.body_problems(text, "body.md", 1)


def _most(build: Callable[[int], str]) -> str:
    """build(n) for the largest n the check still accepts within SIZE (build grows with n)."""
    low, high = 0, 1
    while _fits(build(high)):
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if _fits(build(middle)) else (low, middle)
    return build(low)


def _fill(paragraph: str, head: str = "") -> str:
    """`head`, then copies of a paragraph separated by blank lines, as many as the limits allow."""
    return _most(lambda n: "\n\n".join([head] * bool(head) + [paragraph] * n))


def _lines(pattern: list[str]) -> str:
    """One paragraph of the pattern's lines, as many as the limits allow."""
    return _most(lambda n: "\n".join(pattern * n))


def _prose(size: int, line: int = LINE) -> str:
    """Plain prose with no markup, in lines of `line` characters."""
    words = ("lorem ipsum dolor sit amet " * (line // 27 + 1))[: line - 1]
    return "\n".join([words] * (max(size, 0) // line + 1))[: max(size, 0)]


def _paragraph(markup: str, size: int, head: str = "") -> str:
    """`head`, then a one-line paragraph of about `size` characters opening with as much markup as the limits allow."""
    return _most(lambda n: head + markup * n + _prose(size - len(markup) * n, SIZE))


def _nesting() -> dict[str, tuple[str, str]]:
    """Nesting as deep as allowed: by markers, by indentation, by definitions, by lazy continuation."""
    depth = bl.MAX_NESTING
    staircase = ["    " * i + "- " + "x" * (LINE - 4 * i) for i in range(depth)]
    chain = ["- - x", ": - x", "> 1. x", "1. - x", "> : x"]
    return {
        "N1": (f"every line a list {depth} markers deep", _fill(_lines(["- " * depth + "x"]))),
        "N2": (f"lists nested {depth} deep by indentation", _fill(_lines(staircase))),
        "N3": (f"{depth} definitions without blank lines (each nests)", _fill(_lines(["term", ": definition"])[:-1])),
        "N4": (
            "lines continued lazily into the item or quote before",
            _fill(_most(lambda n: "\n".join(chain + ["    : x", "    > x"] * n))),
        ),
    }


def _structure() -> dict[str, tuple[str, str]]:
    """As many elements as allowed, of the kinds that cost the most per line."""
    text = "t" * LINE
    row = "|" + "c" * (LINE // 2) + "|" + "d" * (LINE // 2) + "|"
    columns = _most(lambda n: "|a" * n + "\n" + "|-" * n + "\n" + "\n".join(["x"] * 20))
    return {
        "L1": ("one-line paragraphs", _fill("p" * 8)),
        "L2": ("list items", _fill(_lines(["- " + text]))),
        "L3": ("headings, each splitting its paragraph", _fill(_lines(["# " + text]))),
        "L4": ("rules (---) after text lines", _fill(_lines([text, "---"]))),
        "L5": ("setext headings (===)", _fill(_lines([text, "==="]))),
        "L6": ("table rows", _fill(_most(lambda n: "a|b\n-|-\n" + "\n".join([row] * n)))),
        "L7": ("a wide table header over short rows", _fill(columns)),
    }


def _markup() -> dict[str, tuple[str, str]]:
    """As much markup as allowed, in short paragraphs and in one long one; abbreviations and references."""
    kinds = {
        "\\*": "escapes",
        "&amp;": "entities",
        "`a` ": "code spans",
        "*a* ": "emphasis",
        "[a](b) ": "links",
        "a  \n": "hard breaks",
        "a\xa0": "no-break spaces",
        "a> ": "'>'",
    }
    cases = {}
    for index, (markup, what) in enumerate(kinds.items(), 1):
        cases[f"M{index}"] = (f"{what}: paragraphs of markup only", _fill(_paragraph(markup, 0)))
        cases[f"M{index}L"] = (f"{what}: in one long paragraph", _paragraph(markup, SIZE))
    definitions = "\n\n".join(f"*[K{i}]: abbreviation {i}" for i in range(bl.MAX_ABBREVIATIONS))
    uses = _paragraph("K0 ", 0, definitions + "\n\n")[len(definitions) + 2 :]
    cases["A1"] = (f"{bl.MAX_ABBREVIATIONS} abbreviations and the most uses", _fill(uses, definitions))
    long_title = "*[K]: " + "t" * 2000
    cases["A2"] = (
        "one abbreviation with a long title, the most uses",
        _fill(_paragraph("K ", 0, long_title + "\n\n")[len(long_title) + 2 :], long_title),
    )
    reference = "[r]: http://example.com/" + "u" * 2000
    cases["A3"] = (
        "one long reference, the most uses",
        _fill(_paragraph("[a][r] ", 0, reference + "\n\n")[len(reference) + 2 :], reference),
    )
    return cases


def _document() -> dict[str, tuple[str, str]]:
    """The most tags and fences, each searched to the end of the body."""
    tags = {
        '<a href="': "open attribute",
        "<http://": "open autolink",
        "<![CDATA[": "open CDATA",
        "<b>": "inline tag",
        "<div>": "block tag",
    }
    cases = {}
    filler = _prose(4000)
    for index, (tag, what) in enumerate(tags.items(), 1):
        cases[f"T{index}"] = (f"{bl.MAX_TAGS} tag-like '<': {what}", _fill(filler, "\n\n".join([tag] * bl.MAX_TAGS)))
    quotes = filler.replace(" ", '"')
    cases["T6"] = (
        f"{bl.MAX_TAGS} open attributes, then quotes",
        _fill(quotes, "\n\n".join(['<a href="'] * bl.MAX_TAGS)),
    )
    fences = "\n\n".join("~~~" + "~" * i + "x" for i in range(bl.MAX_FENCES))
    cases["F1"] = (f"{bl.MAX_FENCES} unclosed code fences", _fill(filler, fences))
    same = "\n\n".join(["```python"] * bl.MAX_FENCES)
    cases["F2"] = (f"{bl.MAX_FENCES} unclosed fences with a language", _fill(filler, same))
    return cases


def _spans() -> dict[str, tuple[str, str]]:
    """Link brackets and code spans spanning as much as allowed."""
    text = _prose(SIZE - 3000, SIZE)
    ticks = "".join("`" * i + " " for i in range(1, 40))
    return {
        "S1": ("unclosed '[' before a long paragraph", _most(lambda n: "[" * n + text)),
        "S2": ("unclosed '](' before it", _most(lambda n: "[a](" * n + text)),
        "S3": ("'[' nested as deep as the span allows", _most(lambda n: "[" * n + text[: 60 * n] + "]" * n)),
        "S4": ("unclosed '[' over escapes", _most(lambda n: "[" * n + "\\*" * 200 + text)),
        "S5": ("unclosed runs of backticks of different lengths", _most(lambda n: ticks[: n * (n + 3) // 2] + text)),
        "S6": ("a table row: code spans and '|'", _most(lambda n: "a|b\n-|-\n" + "`a` " * 240 + "|" * n)),
    }


def _combined() -> dict[str, tuple[str, str]]:
    """Several limits pushed at once in one body."""
    head = "\n\n".join(
        ["\n\n".join(["<http://"] * bl.MAX_TAGS), "\n\n".join("~~~" + "~" * i + "x" for i in range(bl.MAX_FENCES))]
        + [f"*[K{i}]: abbreviation" for i in range(bl.MAX_ABBREVIATIONS)]
    )
    size = SIZE - len(head) - 200
    pairs = bl.MAX_PARAGRAPH_MARKUP // 2 - 20  # a text line and a rule each, with room for the brackets and backticks
    rules = "\n".join([_prose(size // pairs - 5, SIZE), "---"] * pairs)
    body = _most(lambda n: head + "\n\n" + "[" * n + "` `` ``` " + rules)
    return {"C": ("T2, F1, the definitions of A1, S1, S5 and L4 at once", body)}


def cases() -> dict[str, tuple[str, str]]:
    """Every case: key -> (what it holds, body)."""
    return {**_nesting(), **_structure(), **_markup(), **_document(), **_spans(), **_combined()}


def _site_extensions() -> tuple[list[str], dict[str, dict[str, object]]]:
    """The example site's markdown_extensions as Python-Markdown takes them."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for entry in config.get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            configs[name] = options
    return names, configs


def _page_renderer() -> Callable[[str], object]:
    """The page's own Markdown pass over a description's sanitised HTML, as the example site configures it."""
    names, configs = _site_extensions()

    def page(html: str) -> object:
        text = f"# Title\n\n## Description\n\n{html}\n\n## After\n"
        return markdown.markdown(text, extensions=names, extension_configs=configs)

    return page


def render_times(text: str, page: Callable[[str], object]) -> dict[str, float]:
    """Seconds of each way a build renders one description: body_html, summary, and the page pass over the HTML."""
    start = time.perf_counter()
    html = str(body_html(text))
    rendered = time.perf_counter()
    summary(text)
    summarised = time.perf_counter()
    page(html)
    return {"body_html": rendered - start, "summary": summarised - rendered, "page": time.perf_counter() - summarised}


def hostile_bodies(table: Table, only: list[str] | None = None) -> None:
    """Render every case once each way; warn about a case the check refuses (it would time nothing a build sees)."""
    table.section(
        f"hostile descriptions within every body limit, up to {SIZE:,} characters: body_html + summary + page pass, "
        "each once"
    )
    page = _page_renderer()
    for key, (what, text) in cases().items():
        if only and key not in only:
            continue
        problems = bl.body_problems(text, "body.md", 1)
        if problems:
            print(f"WARNING: case {key} is refused by the check, so it times nothing a build would see: {problems[0]}")
        seconds = render_times(text, page)
        total = sum(seconds.values())
        detail = ", ".join(f"{name} {value:.2f}" for name, value in seconds.items())
        table.row(key, f"{what} ({len(text):,} chars; {detail})", None, f"<= {TARGET:.1f} s", total <= TARGET, total)


if __name__ == "__main__":
    results = Table()
    hostile_bodies(results, sys.argv[1:])
    print(results.render())
