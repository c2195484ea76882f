"""history.json: the derived changes as a documented, schema-checked, deterministic download."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.edges.cli import main
from roadmap_as_code.history import History
from roadmap_as_code.rendering.downloads import build_downloads
from roadmap_as_code.rendering.downloads.history_json import history_json
from tests.helpers import AS_OF, REPO
from tests.history_samples import GOAL, OLD_MILESTONE, PORTAL, sample_history

SCHEMA = REPO / "docs" / "schema" / "roadmap-history.schema.json"


def _schema() -> dict[str, object]:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_committed_history_schema_is_what_roadmap_schema_history_prints() -> None:
    """Drift check: regenerate with `.venv/bin/roadmap schema --history > docs/schema/roadmap-history.schema.json`."""
    result = CliRunner().invoke(main, ["schema", "--history"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == _schema()
    jsonschema.Draft202012Validator.check_schema(_schema())


def test_schema_refuses_both_export_and_history() -> None:
    result = CliRunner().invoke(main, ["schema", "--history", "--export"])
    assert result.exit_code == 2
    assert "expected one of them, got both" in result.output


def test_history_json_validates_against_its_schema_and_names_each_change() -> None:
    document = json.loads(history_json(sample_history()))
    validator = jsonschema.Draft202012Validator(
        _schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert list(validator.iter_errors(document)) == []
    items = {i["path"]: i for i in document["items"]}
    assert list(items) == sorted(items)
    slipped = items[OLD_MILESTONE]
    assert (slipped["slips"], slipped["slip_days"]) == (2, 59)
    assert [c["kind"] for c in slipped["changes"]] == ["added", "due", "due", "status"]
    assert slipped["changes"][1] == {
        "commit": "0000000000000000000000000000000000000002",
        "kind": "due",
        "path": OLD_MILESTONE,
        "field": "due",
        "before": "2025-09-30",
        "after": "2025-10-31",
        "days": 31,
        "note": None,
    }
    assert items[GOAL]["changes"][-2]["after"] == "<b>Grow</b> ARR"  # data as written; the pages escape it
    commits = {c["id"]: c for c in document["commits"]}
    assert all(ch["commit"] in commits for i in document["items"] for ch in i["changes"])
    assert commits["0000000000000000000000000000000000000005"]["pull_request"] == 7
    assert commits[slipped["changes"][0]["commit"]]["url"].startswith("https://git.example/org/plan/commit/")


def test_a_change_of_unknown_kind_fails_the_schema() -> None:
    document = json.loads(history_json(sample_history()))
    document["items"][0]["changes"][0]["kind"] = "teleported"
    with pytest.raises(jsonschema.ValidationError, match="teleported"):
        jsonschema.validate(document, _schema(), cls=jsonschema.Draft202012Validator)


def test_history_json_is_the_same_bytes_whatever_order_the_history_was_built_in() -> None:
    history = sample_history()
    shuffled = History(
        commits=tuple(reversed(history.commits)),
        items={p: history.items[p] for p in reversed(list(history.items))},
        notes=history.notes,
        repository=history.repository,
    )
    assert history_json(shuffled) == history_json(history)
    assert history_json(history).endswith("}\n")


def test_without_a_repository_commits_carry_no_link() -> None:
    document = json.loads(history_json(sample_history(repository=None)))
    assert {c["url"] for c in document["commits"]} == {None}


def test_history_json_is_published_only_with_history() -> None:
    roadmap = check_roadmap(REPO / "roadmap", REPO, AS_OF)
    assert "history.json" not in build_downloads(roadmap, AS_OF)
    built = build_downloads(roadmap, AS_OF, prefix="plan", history=sample_history())
    assert json.loads(built["plan/history.json"])["items"][0]["path"] == OLD_MILESTONE
    assert PORTAL in built["plan/history.json"].decode("utf-8")
