"""``writer-app snapshot``: a chapter by number, id or title; dedup; over-cap warning; one-sentence errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.cli import main
from writer_app.core.project import Project
from writer_app.core.snapshots import SnapshotStore


@pytest.fixture
def project_folder(tmp_path: Path) -> Path:
    project = Project.create(tmp_path / "novel", "Harbour", first_chapter=None)
    project.add_chapter("Arrival", "The ferry came in late.")
    project.add_chapter("Storm", "Rain all night.")
    project.close()
    return tmp_path / "novel"


def test_a_named_snapshot_of_chapter_2_is_stored(project_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["snapshot", str(project_folder), "--chapter", "2", "--name", "before edits"]) == 0
    assert capsys.readouterr().out == "Took snapshot “before edits” of “Storm” (3 words).\n"
    (snapshot,) = SnapshotStore(project_folder, 0).list("ch-0002")
    assert snapshot.name == "before edits"


def test_an_unchanged_chapter_stores_nothing_new(project_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["snapshot", str(project_folder), "--chapter", "Arrival"])
    assert main(["snapshot", str(project_folder), "--chapter", "ch-0001"]) == 0
    assert "is unchanged since its snapshot" in capsys.readouterr().out
    assert len(SnapshotStore(project_folder, 0).list("ch-0001")) == 1


def test_a_chapter_number_out_of_range_is_one_sentence(project_folder: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["snapshot", str(project_folder), "--chapter", "7"]) == 2
    assert capsys.readouterr().err == "writer-app: There is no chapter 7: the project has 2 chapters.\n"


def test_over_the_cap_it_says_so_and_deletes_nothing(project_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = Project.open(project_folder)
    project.goals = {"snapshot_cap_mb": 1}
    project.save_manifest()
    project.close()
    (project_folder / "snapshots").mkdir()
    (project_folder / "snapshots" / "filler.bin").write_bytes(b"x" * (1024 * 1024 + 1))
    assert main(["snapshot", str(project_folder), "--chapter", "1"]) == 0
    assert "more than their cap of 1 MB" in capsys.readouterr().err
    assert len(SnapshotStore(project_folder, 0).list("ch-0001")) == 1
