"""The crash-recovery journal hands unsaved text back after the app was killed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from writer_app.core.project import Project
from writer_app.core.storage import RecoveryJournal

REPO = Path(__file__).resolve().parents[2]


def test_record_pending_clear_round_trip(project_folder: Path) -> None:
    journal = RecoveryJournal(project_folder)
    assert journal.pending() == {}
    journal.record("one", "Unsaved 😀 text")
    journal.record("two", "Other")
    journal.record("one", "Newer unsaved text")
    assert journal.pending() == {"one": "Newer unsaved text", "two": "Other"}
    journal.clear("one")
    assert journal.pending() == {"two": "Other"}
    journal.clear_all()
    assert journal.pending() == {}


def test_journal_lives_in_the_data_folder_not_the_project(project_folder: Path) -> None:
    journal = RecoveryJournal(project_folder)
    journal.record("one", "text")
    data_home = Path(os.environ["XDG_DATA_HOME"])
    assert journal.folder.is_relative_to(data_home / "writer-app" / "recovery")
    assert not any(p.name.endswith(".json") and p.name != "project.json" for p in project_folder.rglob("*"))


def test_journals_of_different_projects_are_separate(tmp_path: Path) -> None:
    RecoveryJournal(tmp_path / "a").record("ch", "A")
    RecoveryJournal(tmp_path / "b").record("ch", "B")
    assert RecoveryJournal(tmp_path / "a").pending() == {"ch": "A"}


def test_unreadable_record_is_skipped(project_folder: Path) -> None:
    journal = RecoveryJournal(project_folder)
    journal.record("one", "good")
    (journal.folder / "broken.json").write_text("{half")
    assert journal.pending() == {"one": "good"}


def test_text_recorded_before_a_kill_is_offered_after_restart(project_folder: Path) -> None:
    script = textwrap.dedent(
        """
        import os, sys
        from writer_app.core.project import Project
        project = Project.open(sys.argv[1])
        chapter = project.chapters[0]
        project.read_chapter(chapter)
        project.recovery_journal().record(chapter.id, "Typed but never saved.")
        os._exit(9)  # the app dies before saving or releasing its lock
        """
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", script, str(project_folder)], env=env, timeout=60)
    assert result.returncode == 9
    with Project.open(project_folder) as project:  # the dead instance's lock is stale and taken over
        pending = project.recovery_journal().pending()
        assert pending == {"one": "Typed but never saved."}
        assert project.read_chapter(project.chapters[0]) == "The ferry came in late.\n"
        project.write_chapter(project.chapters[0], pending["one"])
        project.recovery_journal().clear("one")
        assert project.recovery_journal().pending() == {}


def test_recoverable_texts_skip_records_equal_to_the_saved_text(open_project) -> None:
    project = open_project()
    journal = project.recovery_journal()
    journal.record("one", "The ferry came in late.\n")  # saved, then killed before the record was cleared
    journal.record("two", "Rain all night, and wind.\n")
    journal.record("gone", "A chapter that no longer exists.\n")
    assert project.recoverable_texts() == {"two": "Rain all night, and wind.\n"}
    assert set(journal.pending()) == {"two", "gone"}


def test_record_keeps_the_text_exactly_line_endings_and_all(project_folder: Path) -> None:
    journal = RecoveryJournal(project_folder)
    text = "First line\r\nsecond\nthird\r\n\n\u2028 \u201cquoted\u201d \\ \"x\" 😀\n"
    journal.record("one", text)
    assert journal.pending() == {"one": text}


def test_record_is_a_header_line_and_the_raw_text(project_folder: Path) -> None:
    journal = RecoveryJournal(project_folder)
    journal.record("one", "She said \"no\".\nTwice.")
    (record,) = journal.folder.glob("*.journal")
    head, _, body = record.read_bytes().partition(b"\n")
    assert b"She said" not in head and head.startswith(b"{")
    assert body == b"She said \"no\".\nTwice."


def test_a_record_written_by_an_older_version_is_still_offered(project_folder: Path) -> None:
    import json

    journal = RecoveryJournal(project_folder)
    journal.record("two", "placeholder")  # creates the folder
    journal.clear("two")
    legacy = journal.folder / "one-legacy.json"
    legacy.write_text(json.dumps({"project": str(project_folder), "chapter_id": "one", "text": "Old\nformat"}))
    assert journal.pending() == {"one": "Old\nformat"}
    journal.record("one", "Newer")
    assert journal.pending() == {"one": "Newer"}
    journal.clear_all()
    assert not journal.folder.exists()


def test_a_record_cut_short_is_skipped_not_offered_as_truncated_text(project_folder: Path) -> None:
    journal = RecoveryJournal(project_folder)
    journal.record("one", "A long unsaved paragraph.")
    journal.record("two", "Fine.")
    (record,) = [p for p in journal.folder.glob("*.journal") if p.name.startswith("one")]
    record.write_bytes(record.read_bytes()[:-5])
    assert journal.pending() == {"two": "Fine."}
