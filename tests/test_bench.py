"""The benchmark's synthetic roadmap stays valid, so `make bench` times a clean check, not an error path."""

from __future__ import annotations

from pathlib import Path

from bench.synthetic import AS_OF, Shape, write_roadmap
from roadmap_as_code.checking import check_roadmap


def test_synthetic_roadmap_passes_every_rule(tmp_path: Path) -> None:
    """A small synthetic roadmap of the bench's shape loads and passes every rule (a new rule must keep it valid)."""
    shape = Shape(years=2)
    content = write_roadmap(tmp_path, shape)
    roadmap = check_roadmap(content, tmp_path, AS_OF)
    assert sum(len(y.goals) + len(y.milestones) + len(y.actions) for y in roadmap.years) == shape.files
