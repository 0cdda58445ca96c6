"""Exporting a loose draft from the dialog: title from its first heading or asked (and remembered), never its
file name; the file goes beside the draft by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.ui.dialogs.export_dialog import ExportDialog
from writer_app.ui.dialogs.export_workers import ExportDispatcher

pytestmark = pytest.mark.usefixtures("home")  # a private home folder for every test here


@pytest.fixture
def open_dialog(qtbot, make_window):
    """Open the export dialog on a loose draft (the window opens it as the writer would)."""
    dispatchers: list[ExportDispatcher] = []

    def make(draft: Path) -> ExportDialog:
        window = make_window(draft)
        dispatcher = ExportDispatcher(window)
        dispatchers.append(dispatcher)
        dialog = ExportDialog(window, dispatcher)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    yield make
    for dispatcher in dispatchers:
        dispatcher.shutdown()


def write_draft(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    draft = folder / "draft_0412.md"
    draft.write_text(text, encoding="utf-8")
    return draft


def test_a_drafts_heading_is_its_title_and_it_exports_beside_the_draft(open_dialog, tmp_path: Path) -> None:
    draft = write_draft(tmp_path / "stories", "# The Lighthouse\n\nIt rained all night.\n")
    dialog = open_dialog(draft)
    assert dialog.title_edit.text() == "The Lighthouse"
    assert Path(dialog.path_edit.text()).parent == draft.parent.resolve()
    assert "draft_0412" not in dialog.preview.toPlainText()
    assert "The Lighthouse" in dialog.preview.toPlainText()


def test_a_draft_without_heading_asks_for_a_title_and_remembers_it(qtbot, open_dialog, tmp_path: Path) -> None:
    from writer_app.export.preferences import preferences_path

    draft = write_draft(tmp_path / "stories", "It rained all night.\n")
    dialog = open_dialog(draft)
    assert dialog.title_edit.text() == "" and dialog.title_edit.placeholderText()
    target = tmp_path / "out.txt"
    dialog.path_edit.setText(str(target))
    dialog.export_button.click()
    assert dialog.status_label.text() == "Give the draft a title for its title page, or untick Title page."
    assert not target.exists() and not dialog.dispatcher.exporting
    dialog.title_edit.setText("Rain")
    with qtbot.waitSignal(dialog.dispatcher.relay.finished, timeout=20_000):
        dialog.export_button.click()
    text = target.read_text(encoding="utf-8")
    assert text.startswith("Rain\n") and "draft_0412" not in text
    qtbot.waitUntil(preferences_path().exists)
    dialog.reject()
    assert open_dialog(draft).title_edit.text() == "Rain"  # remembered for that file


def test_a_draft_without_title_page_exports_without_asking(qtbot, open_dialog, tmp_path: Path) -> None:
    draft = write_draft(tmp_path / "stories", "It rained all night.\n")
    dialog = open_dialog(draft)
    dialog.title_page_check.setChecked(False)
    target = tmp_path / "plain.txt"
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(dialog.dispatcher.relay.finished, timeout=20_000):
        dialog.export_button.click()
    assert target.read_text(encoding="utf-8") == "It rained all night.\n"
