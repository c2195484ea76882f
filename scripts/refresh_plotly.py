"""Vendor plotly.js's basic bundle: `make plotly` (`python -m scripts.refresh_plotly [VERSION]`).

Fetches npm's plotly.js-basic-dist-min at VERSION (default: the plotly.js the installed plotly package bundles,
the one tests validate figures against) with `npm pack`, checks the tarball against the integrity the registry
reports, and writes the minified bundle, its license and plotly.json (version, source, integrity, sha256 of each
file) into the package's vendor folder. tests/test_chart_bundle.py fails when a vendored file no longer matches.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENDOR = REPO / "generator" / "roadmap_as_code" / "edges" / "plugin" / "assets" / "vendor"
RECORD = VENDOR / "plotly.json"
PACKAGE = "plotly.js-basic-dist-min"
BUNDLE = "plotly-basic.min.js"
LICENSE = "PLOTLY-LICENSE"
MEMBERS = {f"package/{BUNDLE}": BUNDLE, "package/LICENSE": LICENSE}
"""The tarball's files to keep, by the name they are vendored under."""
HEADER = re.compile(rb"^/\*\*\s*\* plotly\.js (?:\([^)]*\) )?v(\d+\.\d+\.\d+)")


class RefreshError(Exception):
    """The download does not match what the registry says, or lacks a file."""


def bundle_version(js: bytes) -> str:
    """The plotly.js version in a bundle's header comment ("plotly.js (basic - minified) v4.1.1")."""
    match = HEADER.match(js)
    if not match:
        raise RefreshError("the bundle's header names no plotly.js version")
    return match[1].decode()


def bundled_by_plotly() -> str:
    """The plotly.js version the installed plotly Python package ships (package_data/plotly.min.js)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise RefreshError("the plotly package is not installed: name a version (make plotly PLOTLY_VERSION=4.1.1)")
    path = Path(next(iter(spec.submodule_search_locations))) / "package_data" / "plotly.min.js"
    with path.open("rb") as file:
        return bundle_version(file.read(200))


def check_integrity(data: bytes, integrity: str) -> None:
    """The tarball hashes to the registry's Subresource Integrity string (`sha512-<base64>`)."""
    algorithm, _, expected = integrity.partition("-")
    if algorithm not in {"sha256", "sha384", "sha512"}:
        raise RefreshError(f"integrity: expected sha256/384/512-<base64>, got {integrity!r}")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise RefreshError(f"integrity: the registry says {integrity}, the download is {algorithm}-{actual}")


def unpack(data: bytes) -> dict[str, bytes]:
    """The kept files of an npm tarball, by vendored name; only regular files are read."""
    found: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            if member.name in MEMBERS and member.isreg():
                extracted = archive.extractfile(member)
                assert extracted is not None  # a regular file always has content
                found[MEMBERS[member.name]] = extracted.read()
    missing = sorted(set(MEMBERS.values()) - set(found))
    if missing:
        raise RefreshError(f"the tarball lacks {', '.join(missing)}")
    return found


def record(version: str, tarball: str, integrity: str, files: dict[str, bytes]) -> dict[str, object]:
    """What plotly.json says of the vendored files."""
    return {
        "package": PACKAGE,
        "version": version,
        "source": tarball,
        "integrity": integrity,
        "sha256": {name: hashlib.sha256(content).hexdigest() for name, content in sorted(files.items())},
        "refresh": f"make plotly PLOTLY_VERSION={version}",
    }


def _npm(*args: str, cwd: Path) -> object:
    result = subprocess.run(["npm", *args, "--json"], cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RefreshError(f"npm {' '.join(args)} failed:\n{result.stderr}")
    return json.loads(result.stdout)


def download(version: str) -> tuple[str, str, bytes]:
    """The tarball's URL, the integrity the registry reports, and the tarball `npm pack` fetched."""
    spec = f"{PACKAGE}@{version}"
    with tempfile.TemporaryDirectory(prefix="plotly-") as folder:
        dist = _npm("view", spec, "dist", cwd=Path(folder))
        if not isinstance(dist, dict) or "integrity" not in dist or "tarball" not in dist:
            raise RefreshError(f"npm view {spec} dist: no integrity and tarball in {dist!r}")
        packed = _npm("pack", spec, "--pack-destination", folder, cwd=Path(folder))
        assert isinstance(packed, list)  # npm pack --json lists each packed spec
        data = (Path(folder) / packed[0]["filename"]).read_bytes()
    return str(dist["tarball"]), str(dist["integrity"]), data


def refresh(version: str) -> dict[str, object]:
    """Download, check and vendor one version; returns the record written."""
    tarball, integrity, data = download(version)
    check_integrity(data, integrity)
    files = unpack(data)
    if bundle_version(files[BUNDLE]) != version:
        raise RefreshError(f"{BUNDLE}: expected v{version} in its header, got v{bundle_version(files[BUNDLE])}")
    VENDOR.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (VENDOR / name).write_bytes(content)
    written = record(version, tarball, integrity, files)
    RECORD.write_text(json.dumps(written, indent=2) + "\n", encoding="utf-8")
    return written


def main(argv: list[str]) -> int:
    try:
        version = argv[0] if argv else bundled_by_plotly()
        written = refresh(version)
    except RefreshError as error:
        print(f"refresh_plotly: {error}", file=sys.stderr)
        return 1
    files = ", ".join(sorted(MEMBERS.values()))
    print(f"vendored {PACKAGE} {written['version']} into {VENDOR.relative_to(REPO)}: {files}, {RECORD.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
