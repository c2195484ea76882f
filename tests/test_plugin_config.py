"""The plugin's options: validated by MkDocs' config options with the project's message shape, and every option
documented with its default in docs/guide/plugin.md."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import Abort

from roadmap_as_code.edges.plugin.config import PREFIX_EXPECTED, AsOfDate, Prefix, RoadmapConfig

DOC = Path(__file__).resolve().parents[1] / "docs" / "guide" / "plugin.md"
PLUGIN = "roadmap-as-code"


def _site(root: Path, options: str) -> Path:
    """A folder with a tiny valid roadmap and an mkdocs.yml that configures the plugin with `options`."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    config = root / "mkdocs.yml"
    config.write_text(f"site_name: Test\nplugins:\n  - {PLUGIN}:\n{options}", encoding="utf-8")
    return config


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 11, 20), date(2026, 11, 20)),
        (datetime(2026, 11, 20, 9, 30), date(2026, 11, 20)),
        ("2026-11-20", date(2026, 11, 20)),
    ],
)
def test_as_of_accepts_a_yaml_date_or_the_same_date_as_text(value: object, expected: date) -> None:
    assert AsOfDate().validate(value) == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2026-13-01", "'2026-13-01'"),
        ("20261120", "'20261120'"),
        ("tomorrow", "'tomorrow'"),
        (20261120, "the number 20261120"),
    ],
)
def test_as_of_refuses_anything_else_saying_what_it_expected(value: object, shown: str) -> None:
    with pytest.raises(ValidationError) as caught:
        AsOfDate().validate(value)
    assert str(caught.value) == f"as_of: expected a date YYYY-MM-DD, got {shown}"


@pytest.mark.parametrize("value", ["1969-12-31", date(2106, 2, 8)])
def test_as_of_refuses_a_date_outside_the_supported_years(value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        AsOfDate().validate(value)
    assert str(caught.value) == f"as_of: expected a date from 2000-01-01 to 2099-12-31, got {value}"


def test_an_unquoted_date_in_mkdocs_yml_is_read_as_the_as_of_date(builder: Any) -> None:
    builder.valid()
    config = load_config(str(_site(builder.root, "      as_of: 2026-11-20\n")))
    assert config.plugins[PLUGIN].config.as_of == date(2026, 11, 20)


def test_a_bad_option_stops_loading_with_a_configuration_error(builder: Any, caplog: pytest.LogCaptureFixture) -> None:
    builder.valid()
    with pytest.raises(Abort):
        load_config(str(_site(builder.root, '      as_of: "2026-13-01"\n')))
    assert "as_of: expected a date YYYY-MM-DD, got '2026-13-01'" in caplog.text


def test_mkdocs_build_with_an_impossible_as_of_date_reports_it_without_a_traceback(builder: Any) -> None:
    builder.valid()
    config = _site(builder.root, '      as_of: "2026-13-01"\n')
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(builder.root / "site")],
        capture_output=True,
        text=True,
        check=False,
        cwd=builder.root,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "as_of: expected a date YYYY-MM-DD, got '2026-13-01'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("", ""),
        ("roadmap", "roadmap"),
        ("roadmap/", "roadmap"),
        ("plans/okr", "plans/okr"),
        ("v1.2_x", "v1.2_x"),
    ],
)
def test_prefix_is_a_relative_site_folder_without_its_trailing_slash(value: object, expected: str) -> None:
    assert Prefix().validate(value) == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("/roadmap", "'/roadmap'"),
        ("/", "'/'"),
        ("../roadmap", "'../roadmap'"),
        ("plans/../..", "'plans/../..'"),
        ("plans//okr", "'plans//okr'"),
        ("roadmap//", "'roadmap//'"),
        (".", "'.'"),
        ("./roadmap", "'./roadmap'"),
        ("plans\\okr", "'plans\\\\okr'"),
        ("C:/roadmap", "'C:/roadmap'"),
        ("road map", "'road map'"),
        ("roadmap?x=1", "'roadmap?x=1'"),
        (42, "the number 42"),
        (["roadmap"], "a list"),
    ],
)
def test_prefix_refuses_a_path_that_leaves_the_site_or_is_no_plain_folder(value: object, shown: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Prefix().validate(value)
    assert str(caught.value) == f"prefix: expected {PREFIX_EXPECTED}, got {shown}"


def test_a_bad_prefix_in_mkdocs_yml_stops_loading(builder: Any, caplog: pytest.LogCaptureFixture) -> None:
    builder.valid()
    with pytest.raises(Abort):
        load_config(str(_site(builder.root, "      prefix: ../outside\n")))
    assert f"prefix: expected {PREFIX_EXPECTED}, got '../outside'" in caplog.text


def _documented() -> dict[str, str]:
    """Option name -> default, from the options table of docs/guide/plugin.md."""
    rows = re.findall(r"^\| `([a-z_]+)` \| [^|]+ \| ([^|]+) \|", DOC.read_text(encoding="utf-8"), re.MULTILINE)
    return {name: default.strip() for name, default in rows}


def _shown(default: object) -> str:
    if default is None:
        return "none"
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    if isinstance(default, list):
        return "`[]`" if not default else f"`{default}`"
    return f"`{default}`"


def test_the_guide_lists_every_option_with_its_real_default() -> None:
    """docs/guide/plugin.md documents exactly the options RoadmapConfig declares, each with its default."""
    declared = {name: _shown(option.default) for name, option in RoadmapConfig._schema}
    assert _documented() == declared


def test_the_guide_has_an_example_section_for_every_option() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name, _ in RoadmapConfig._schema:
        assert f"### `{name}`" in text, name
