"""A plain-text results table: one row per case, ratios with their targets."""

from __future__ import annotations

from .timing import Samples


class Table:
    """Rows of (key, what, wall median, cpu median, min, max, target, verdict), printed aligned."""

    HEAD = ("", "case", "wall med", "cpu med", "wall min", "wall max", "target", "")

    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def section(self, title: str) -> None:
        self.rows.append(("#", title))

    def row(
        self,
        key: str,
        what: str,
        samples: Samples | None,
        target: str = "",
        ok: bool | None = None,
        value: float | None = None,
    ) -> None:
        if samples is None:
            cells = (f"{value:.3f} s", "", "", "")
        else:
            cells = (
                f"{samples.median:.3f} s",
                f"{samples.cpu_median:.3f} s",
                f"{min(samples.wall):.3f} s",
                f"{max(samples.wall):.3f} s",
            )
        self.rows.append((key, what, *cells, target, _verdict(ok)))

    def ratio(self, key: str, a: Samples, b: Samples, target: str = "", limit: float | None = None) -> None:
        wall, cpu, fastest = a.median / b.median, a.cpu_median / b.cpu_median, min(a.wall) / min(b.wall)
        self.rows.append(
            (
                key,
                "ratio (min column: ratio of the fastest runs)",
                f"{wall:.2f}x",
                f"{cpu:.2f}x",
                f"{fastest:.2f}x",
                "",
                target,
                _verdict(None if limit is None else wall <= limit),
            )
        )

    def render(self) -> str:
        cols = [r for r in self.rows if r[0] != "#"] + [self.HEAD]
        widths = [max(len(r[i]) for r in cols) for i in range(len(self.HEAD))]
        right = {2, 3, 4, 5}

        def line(r: tuple[str, ...]) -> str:
            return "  ".join(
                c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=False))
            ).rstrip()

        out = [line(self.HEAD)]
        for r in self.rows:
            out += ["", r[1], "-" * len(line(self.HEAD))] if r[0] == "#" else [line(r)]
        return "\n".join(out)


def _verdict(ok: bool | None) -> str:
    return "" if ok is None else ("met" if ok else "MISSED")
