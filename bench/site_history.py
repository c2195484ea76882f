"""What the plan's history adds to a site build: the example site in a git repository of 600 check-ins.

This repository's example (mkdocs.yml, docs/, theme/, roadmap/ as committed at HEAD) is the first commit of a
new repository (one `git fast-import` stream); each later commit is a check-in that edits one to three of the
2026 files the way a team does and keeps the roadmap valid: a milestone's health, a metric's `current`, a
budget's `actual`, a risk named or dropped, a due date moved later inside its quarter, a status from not-started
to in-progress. `mkdocs build --strict` of that repository with the plugin's history (warm cache: the
XDG_CACHE_HOME folder primed by an earlier build) is timed against the same build with `history: false`,
alternating; the cold build (a fresh cache folder each run) is an extra row. Run alone:
`python -m bench --only site-history`.
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import yaml

from .table import Table
from .timing import Samples, alternate

REPO = Path(__file__).resolve().parent.parent
SEED = 20261203
CHECKINS = 600
AS_OF = date(2026, 11, 20)  # the example's as-of date (bench/site.py)
START = 1767603600  # 2026-01-05 09:00 UTC; a check-in every 12 hours, the 600th on 1 November
STEP = 12 * 3600
TARGET = 1.10
CONFIGS = {"H": "bench-history.yml", "N": "bench-snapshot.yml"}  # history on, history off
_AUTHORS = ("Lena Brandt", "Tomás Ruiz", "Priya Natarajan", "Jonas Weber", "Aoife Byrne", "Marek Nowak")
_HEALTH = ("on-track", "at-risk", "off-track")
_RISKS = ("a key supplier's delivery slips", "the budget review is postponed", "two people leave the team")
_NUMBER = re.compile(r"^(  (?:current|actual): )(\d+(?:\.\d+)?)$", re.M)


def _front(text: str) -> tuple[str, str]:
    """The front matter (between the first two `---` lines, with them) and the rest."""
    end = text.index("\n---\n", 4) + 5
    return text[:end], text[end:]


class _Plan:
    """The example's 2026 files as text, edited one check-in at a time (seeded, so every run is the same)."""

    def __init__(self, texts: dict[str, str], rng: random.Random) -> None:
        self.texts, self.rng = texts, rng
        self.paths = sorted(p for p in texts if p.startswith("roadmap/2026/") and p.endswith(".md"))

    def checkin(self, n: int) -> list[str]:
        """Edit one to three files; returns the paths edited (never none: an empty check-in is no check-in)."""
        before = dict(self.texts)
        edited: set[str] = set()
        while not edited:
            for _ in range(self.rng.randrange(1, 4)):
                for _attempt in range(20):  # most files allow only some edits: try another until one applies
                    path = self.rng.choice(self.paths)
                    if self._edit(path, n):
                        edited.add(path)
                        break
            edited = {p for p in edited if self.texts[p] != before[p]}  # a risk named and dropped again
        return sorted(edited)

    def _edit(self, path: str, n: int) -> bool:
        front, body = _front(self.texts[path])
        edits: list[Callable[[str, int], str | None]] = [_health, self._number, _slip, _start, self._risk]
        new = self.rng.choice(edits)(front, n)
        if new is None or new == front:
            return False
        self.texts[path] = new + body
        return True

    def _number(self, front: str, n: int) -> str | None:
        """A metric's `current` or a budget's `actual`, a few per cent off its value."""
        found = list(_NUMBER.finditer(front))
        if not found:
            return None
        match = self.rng.choice(found)
        value = float(match[2]) * self.rng.uniform(0.9, 1.1)
        text = f"{value:.1f}" if "." in match[2] else str(round(value))
        return front[: match.start(2)] + text + front[match.end(2) :]

    def _risk(self, front: str, n: int) -> str | None:
        """Name a risk at the end of a `risks:` list, or drop one this bench named."""
        lines = front.split("\n")
        if "risks:" not in lines:
            return None
        start = lines.index("risks:") + 1
        end = start
        while end < len(lines) and lines[end].startswith("  - "):
            end += 1
        ours = [i for i in range(start, end) if lines[i].startswith("  - Check-in ")]
        if ours and (len(ours) >= 2 or self.rng.random() < 0.5):
            del lines[ours[0]]
        else:
            lines.insert(end, f"  - Check-in {n} notes that {self.rng.choice(_RISKS)}")
        return "\n".join(lines)


def _field(front: str, name: str) -> re.Match[str] | None:
    return re.search(rf"^{name}: (.+)$", front, re.M)


def _health(front: str, n: int) -> str | None:
    """Health of work that has one: the next verdict."""
    found = _field(front, "health")
    if found is None or found[1] not in _HEALTH:
        return None
    after = _HEALTH[(_HEALTH.index(found[1]) + 1 + n % 2) % 3]
    return front[: found.start(1)] + after + front[found.end(1) :]


def _slip(front: str, n: int) -> str | None:
    """An open milestone's due date a few days later, still inside its quarter."""
    due, quarter, status = _field(front, "due"), _field(front, "quarter"), _field(front, "status")
    if due is None or quarter is None or status is None or status[1] == "completed":
        return None
    q = int(quarter[1].strip()[1])
    last = date(2026, 3 * q + 1, 1) - timedelta(days=1) if q < 4 else date(2026, 12, 31)
    moved = min(last, date.fromisoformat(due[1].strip()) + timedelta(days=1 + n % 7))
    return front[: due.start(1)] + moved.isoformat() + front[due.end(1) :]


def _start(front: str, n: int) -> str | None:
    """Work that had not started is under way."""
    found = _field(front, "status")
    if found is None or found[1] != "not-started":
        return None
    return front[: found.start(1)] + "in-progress" + front[found.end(1) :]


def example_files() -> dict[str, bytes]:
    """mkdocs.yml, docs/, theme/ and roadmap/ as committed at this repository's HEAD."""
    tar = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", "HEAD", "mkdocs.yml", "docs", "theme", "roadmap"],
        capture_output=True,
        check=True,
    ).stdout
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        for member in archive.getmembers():
            extracted = archive.extractfile(member) if member.isfile() else None
            if extracted is not None:
                files[member.name] = extracted.read()
    return files


def bench_config(mkdocs_yml: bytes, history: bool) -> bytes:
    """The example's mkdocs.yml with the plugin's as-of date pinned and its history on or off."""
    config = yaml.safe_load(mkdocs_yml)
    for i, plugin in enumerate(config["plugins"]):
        if plugin == "roadmap-as-code" or (isinstance(plugin, dict) and "roadmap-as-code" in plugin):
            options = dict((plugin if isinstance(plugin, dict) else {}).get("roadmap-as-code") or {})
            options.update(as_of=AS_OF.isoformat(), history=history)
            config["plugins"][i] = {"roadmap-as-code": options}
            return yaml.safe_dump(config, sort_keys=False, allow_unicode=True).encode()
    raise ValueError("mkdocs.yml: plugins: expected the roadmap-as-code plugin, got none")


def _blob(data: bytes) -> bytes:
    return b"data %d\n%s\n" % (len(data), data)


def _commit(n: int, author: str, subject: str, ops: list[bytes]) -> bytes:
    who = f"{author} <{author.split()[0].lower()}@example.org> {START + n * STEP} +0000".encode()
    return b"commit refs/heads/main\nauthor %s\ncommitter %s\n" % (who, who) + _blob(subject.encode()) + b"".join(ops)


def build_repository(root: Path, count: int = CHECKINS) -> Path:
    """Write the repository into root (created) with `count` commits and check it out; returns root."""
    files = example_files()
    first = dict(files)  # the example, and the two bench configs beside its mkdocs.yml
    for key, name in CONFIGS.items():
        first[name] = bench_config(files["mkdocs.yml"], history=key == "H")
    texts = {p: files[p].decode("utf-8") for p in files if p.startswith("roadmap/2026/") and p.endswith(".md")}
    plan = _Plan(texts, random.Random(SEED))
    ops = [b"M 100644 inline %s\n" % p.encode() + _blob(first[p]) for p in sorted(first)]
    stream = [_commit(0, _AUTHORS[0], "The 2026 plan", ops)]
    for n in range(1, count):
        edited = plan.checkin(n)
        ops = [b"M 100644 inline %s\n" % p.encode() + _blob(plan.texts[p].encode()) for p in edited]
        stream.append(_commit(n, plan.rng.choice(_AUTHORS), f"Check-in {n} (#{n})", ops))
    root.mkdir(parents=True, exist_ok=True)
    git = ["git", "-C", str(root), "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "fast-import", "--quiet"], input=b"\n".join(stream) + b"\n", check=True)
    subprocess.run([*git, "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
    subprocess.run([*git, "checkout", "-q", "-f", "main"], check=True)
    return root


def _build(repo: Path, key: str, site: Path, cache: Path) -> None:
    """`mkdocs build --strict` of one bench config into site, with its history cache in cache."""
    argv = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(repo / CONFIGS[key])]
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "SOURCE_DATE_EPOCH": "0"}
    result = subprocess.run([*argv, "-d", str(site)], capture_output=True, env=env, cwd=repo, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {result.returncode}: {result.stderr.decode()[-800:]}")


def _read(repo: Path, rounds: int) -> Samples:
    """read_history of the repository's roadmap as the plugin calls it, on a warm cache of its own."""
    from roadmap_as_code.history import read_history

    zone = yaml.safe_load((repo / "roadmap" / "roadmap.yml").read_text(encoding="utf-8")).get("timezone", "UTC")
    cache = repo.parent / "cache-read"
    return alternate({"R": lambda: read_history(repo / "roadmap", AS_OF, zone, cache=cache)}, rounds)["R"]


def site_history(table: Table, root: Path, rounds: int, count: int = CHECKINS) -> list[str]:
    """Build the repository under root, time the three builds; returns lines to print after the table."""
    repo = build_repository(root / "example-repo", count)
    check = subprocess.run(
        [str(Path(sys.executable).parent / "roadmap"), "check", str(repo), "--as-of", AS_OF.isoformat()],
        capture_output=True,
        text=True,
        check=False,
    )
    warm, empty = root / "cache-warm", root / "cache-none"
    counter = iter(range(10**6))

    def cold() -> None:
        cache = root / f"cache-cold-{next(counter)}"
        _build(repo, "H", root / "site-C", cache)
        shutil.rmtree(cache, ignore_errors=True)

    _build(repo, "H", root / "site-H", warm)  # primes the cache
    runs = alternate(
        {
            "H": lambda: _build(repo, "H", root / "site-H", warm),
            "N": lambda: _build(repo, "N", root / "site-N", empty),
            "C": cold,
        },
        rounds,
    )
    table.section(
        f"site history: the example site in a git repository of {count:,} check-ins, mkdocs build --strict, "
        f"{rounds} rounds alternating (after 1 warm-up each)"
    )
    table.row("H", "history on, warm cache (XDG_CACHE_HOME primed by an earlier build)", runs["H"])
    table.row("N", "history: false (the same site without the plan's history)", runs["N"])
    table.ratio("H / N", runs["H"], runs["N"], f"<= {TARGET:.2f}x", TARGET)
    table.row("C", "history on, cold cache (a fresh XDG_CACHE_HOME each run)", runs["C"])
    table.ratio("C / N", runs["C"], runs["N"])
    table.row(
        "R",
        "of H: read_history alone, warm cache, in process (the rest of H-N renders the history)",
        _read(repo, rounds),
    )
    html = {key: [p.stat().st_size for p in (root / f"site-{key}").rglob("*.html")] for key in ("H", "N")}
    search = {key: (root / f"site-{key}" / "search" / "search_index.json").stat().st_size for key in ("H", "N")}
    verdict = "passes" if check.returncode == 0 else f"exits {check.returncode}: {check.stdout[-300:]}"
    return [
        f"site history: {len(html['H'])} HTML pages, {sum(html['H']) / 1000:,.0f} KB with the history; "
        f"{len(html['N'])} pages, {sum(html['N']) / 1000:,.0f} KB without; search index {search['H'] / 1000:,.0f} "
        f"against {search['N'] / 1000:,.0f} KB; roadmap check of the last check-in {verdict}"
    ]
