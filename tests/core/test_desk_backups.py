"""Backups carry chapter notes and the writing history; snapshots stay out."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from tests.core.conftest import write_manifest
from writer_app.core.history import HistoryEntry, append_entries
from writer_app.core.notes import ChapterNotes, write_notes
from writer_app.core.project import Project
from writer_app.core.snapshots import take_snapshot


def test_a_backup_holds_notes_and_history_but_not_snapshots(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    write_manifest(folder)
    with Project.open(folder) as project:
        write_notes(folder, "one", ChapterNotes("Arrival at night.", ""))
        append_entries(folder, [HistoryEntry(date(2026, 12, 7), "one", 120, 3)])
        take_snapshot(project, project.chapters[0])
        backup = project.backup_manager().snapshot()
    assert backup is not None
    names = set(zipfile.ZipFile(backup).namelist())
    assert {"notes/one.md", "history/2026-12.jsonl", "history/.gitattributes"} <= names
    assert not any(name.startswith("snapshots/") for name in names)
