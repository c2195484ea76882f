"""The chart library: plotly.js's basic bundle, vendored with its license and a record of where it came from.

Every vendored file matches the checksum in plotly.json (a hand edit fails), the bundle is the plotly.js the plotly
package validates figures against, the wheel ships the license, the refresh script checks what npm hands it, and
no chart of the example or of the test roadmaps uses a trace type the bundle lacks.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.edges.plugin.assets import VENDORED_PLOTLY
from roadmap_as_code.rendering.pages import build_pages
from scripts.refresh_plotly import (
    BUNDLE,
    LICENSE,
    PACKAGE,
    RECORD,
    VENDOR,
    RefreshError,
    bundle_version,
    bundled_by_plotly,
    check_integrity,
    record,
    unpack,
)
from tests.helpers import AS_OF, HOSTILE, REPO, RoadmapBuilder, source_copy

REGISTERED = re.compile(rb'moduleType:"trace",name:"([a-z0-9]+)"')
"""How the bundle registers each trace module (plotly.js's `register`), read from the minified file itself."""
DEFAULT_TRACE = "scatter"  # plotly.js draws a trace without a type as scatter


def _record() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(RECORD.read_text(encoding="utf-8"))
    return loaded


def bundle_traces() -> frozenset[str]:
    """The trace types the vendored bundle registers."""
    return frozenset(name.decode() for name in REGISTERED.findall(VENDORED_PLOTLY.read_bytes()))


def outside_bundle(figure: dict[str, Any]) -> set[str]:
    """The trace types of a figure the vendored bundle cannot draw."""
    return {trace.get("type", DEFAULT_TRACE) for trace in figure.get("data", [])} - bundle_traces()


def test_every_vendored_file_matches_its_checksum_in_the_record() -> None:
    """plotly.json is exactly what `make plotly` writes for the files beside it: an edited file fails here."""
    files = {path.name: path.read_bytes() for path in VENDOR.iterdir() if path != RECORD}
    written = _record()
    assert written == record(written["version"], written["source"], written["integrity"], files)
    assert set(files) == {BUNDLE, LICENSE}
    assert VENDORED_PLOTLY == VENDOR / BUNDLE


def test_the_record_names_the_basic_bundle_at_the_version_in_its_header() -> None:
    written = _record()
    version = written["version"]
    assert written["package"] == PACKAGE == "plotly.js-basic-dist-min"
    assert written["source"] == f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{version}.tgz"
    assert written["integrity"].startswith("sha512-")
    assert bundle_version(VENDORED_PLOTLY.read_bytes()[:200]) == version
    assert b"(basic - minified)" in VENDORED_PLOTLY.read_bytes()[:200]
    assert "MIT License" in (VENDOR / LICENSE).read_text(encoding="utf-8")


def test_the_bundle_is_the_plotly_js_the_plotly_package_validates_figures_against() -> None:
    """tests/test_charts.py validates every figure with plotly.graph_objects: its schema must be the bundle's.
    After the lock moves plotly, `make plotly` vendors the matching bundle."""
    assert _record()["version"] == bundled_by_plotly()


def test_the_bundle_registers_bar_scatter_and_pie_only() -> None:
    """The partial bundle, not the full one (which registers dozens of trace types)."""
    assert bundle_traces() == {"bar", "pie", "scatter"}


def test_the_wheel_ships_the_bundle_its_license_and_its_record(tmp_path: Path) -> None:
    source = source_copy(tmp_path / "source")
    wheel = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run([*wheel, "--wheel-dir", str(tmp_path / "dist"), str(source)], check=True, capture_output=True)
    (built,) = (tmp_path / "dist").glob("roadmap_as_code-*.whl")
    folder = "roadmap_as_code/edges/plugin/assets/vendor"
    with zipfile.ZipFile(built) as archive:
        assert archive.read(f"{folder}/{LICENSE}") == (VENDOR / LICENSE).read_bytes()
        assert archive.read(f"{folder}/{BUNDLE}") == VENDORED_PLOTLY.read_bytes()
        assert archive.read(f"{folder}/plotly.json") == RECORD.read_bytes()


# --- the refresh script's checks, on tarballs made here (no network) ---------------------------------------------


def _tarball(members: dict[str, bytes], links: tuple[str, ...] = ()) -> bytes:
    """An npm-style .tgz with these regular files (and symbolic links, by name, to package/README.md)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
        for name in links:
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, "README.md"
            archive.addfile(info)
    return buffer.getvalue()


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def test_the_refresh_accepts_a_tarball_matching_the_registrys_integrity_and_refuses_any_other() -> None:
    data = _tarball({"package/LICENSE": b"MIT", f"package/{BUNDLE}": b"js"})
    check_integrity(data, _integrity(data))
    with pytest.raises(RefreshError, match="integrity: the registry says sha512-"):
        check_integrity(data + b"\0", _integrity(data))
    with pytest.raises(RefreshError, match=r"expected sha256/384/512-<base64>, got 'md5-x'"):
        check_integrity(data, "md5-x")


def test_the_refresh_keeps_the_bundle_and_license_only_and_never_a_link() -> None:
    files = {"package/LICENSE": b"MIT", f"package/{BUNDLE}": b"js", "package/README.md": b"readme"}
    assert unpack(_tarball(files)) == {LICENSE: b"MIT", BUNDLE: b"js"}
    with pytest.raises(RefreshError, match="the tarball lacks PLOTLY-LICENSE"):
        unpack(_tarball({f"package/{BUNDLE}": b"js"}, links=("package/LICENSE",)))


def test_the_version_is_read_from_the_bundles_header() -> None:
    assert bundle_version(b"/**\n* plotly.js (basic - minified) v4.1.1\n* Copyright") == "4.1.1"
    assert bundle_version(b"/**\n* plotly.js v3.0.0\n") == "3.0.0"
    with pytest.raises(RefreshError, match=r"names no plotly\.js version"):
        bundle_version(b"var Plotly = {}")


# --- every chart's traces are in the bundle ---------------------------------------------------------------------


def _figures(content: Path, base: Path, as_of: date) -> dict[str, dict[str, Any]]:
    """Every chart of every generated page, by id."""
    pages = build_pages(check_roadmap(content, base, as_of), as_of)
    return {chart.id: chart.figure for page in pages for chart in page.charts}


def _roadmaps(builder: RoadmapBuilder) -> dict[str, dict[str, dict[str, Any]]]:
    """The example (during the year and once it closed), the hostile fixture and a small valid roadmap."""
    builder.valid()
    return {
        "example": _figures(REPO / "roadmap", REPO, AS_OF),
        "example, 2027": _figures(REPO / "roadmap", REPO, date(2027, 1, 15)),
        "hostile": _figures(HOSTILE / "roadmap", HOSTILE, AS_OF),
        "builder": _figures(builder.content, builder.root, AS_OF),
    }


def test_every_chart_uses_only_trace_types_the_bundle_registers(builder: RoadmapBuilder) -> None:
    roadmaps = _roadmaps(builder)
    assert all(roadmaps.values()), "each roadmap draws charts"
    outside = {
        f"{name}: {chart_id}": sorted(types)
        for name, figures in roadmaps.items()
        for chart_id, figure in figures.items()
        if (types := outside_bundle(figure))
    }
    assert not outside, f"trace types plotly.js's basic bundle lacks (see {RECORD.name}): {outside}"


def test_a_trace_type_outside_the_bundle_is_caught_and_an_untyped_trace_is_scatter() -> None:
    assert outside_bundle({"data": [{"type": "heatmap"}, {"type": "bar"}, {"x": [1]}]}) == {"heatmap"}
    assert outside_bundle({"data": [{"x": [1]}, {"type": "pie"}]}) == set()
