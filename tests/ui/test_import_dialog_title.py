"""The import dialog leaves the title to the file (its title line, else its name) unless the writer types one."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_choosing_a_file_does_not_fill_in_its_name_as_the_title(qtbot, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from writer_app.ui.dialogs.import_dialog import ImportDialog

    source = tmp_path / "book_draft.txt"
    source.write_text("THE PORCH LIGHT\n\nChapter 1\n\nStory.\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kwargs: (str(source), ""))
    dialog = ImportDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog._browse_source()
    assert dialog.source_path() == source
    assert dialog.project_title() is None  # import_manuscript then takes "The Porch Light" from the file
