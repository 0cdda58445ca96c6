"""Format version 2: chapter status and target, status labels and goals in project.json; version 1 still opens."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.conftest import write_manifest
from writer_app.core.errors import CorruptProjectError
from writer_app.core.manifest import DEFAULT_STATUS_LABELS, FORMAT_VERSION
from writer_app.core.project import Project


def test_a_version_1_project_opens_and_saves_as_version_2_keeping_everything(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    write_manifest(folder, extra_key={"kept": True})
    with Project.open(folder) as project:
        assert project.status_labels == list(DEFAULT_STATUS_LABELS)
        assert [c.status for c in project.chapters] == ["", ""]
        project.save_manifest()
    data = json.loads((folder / "project.json").read_text("utf-8"))
    assert data["format_version"] == FORMAT_VERSION == 2
    assert data["extra_key"] == {"kept": True}
    assert "goals" not in data  # nothing set, nothing written


def test_status_target_labels_and_goals_round_trip(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    write_manifest(folder)
    with Project.open(folder) as project:
        project.chapters[0].status = "Draft"
        project.chapters[0].target = 3000
        project.status_labels.append("Needs research")
        project.goals["manuscript_words"] = 80000
        project.save_manifest()
    with Project.open(folder) as again:
        assert (again.chapters[0].status, again.chapters[0].target) == ("Draft", 3000)
        assert (again.chapters[1].status, again.chapters[1].target) == ("", 0)
        assert again.status_labels[-1] == "Needs research"
        assert again.goals["manuscript_words"] == 80000
    entry = json.loads((folder / "project.json").read_text("utf-8"))["chapters"][1]
    assert set(entry) == {"id", "title", "file"}  # no noise for chapters without a status or target


@pytest.mark.parametrize(("chapter_field", "expected"), [
    ({"status": 3}, "'status' should be text"),
    ({"target": -5}, "'target' should be a whole number"),
    ({"target": "lots"}, "'target' should be a whole number"),
])
def test_a_broken_status_or_target_is_one_sentence(tmp_path: Path, chapter_field: dict, expected: str) -> None:
    folder = tmp_path / "p"
    chapter = {"id": "one", "title": "Arrival", "file": "chapters/one.md", **chapter_field}
    write_manifest(folder, chapters=[chapter])
    with pytest.raises(CorruptProjectError, match=expected):
        Project.open(folder, lock=False)


def test_goals_that_are_not_an_object_are_one_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    write_manifest(folder, goals=[1, 2])
    with pytest.raises(CorruptProjectError, match="'goals' should be an object"):
        Project.open(folder, lock=False)
