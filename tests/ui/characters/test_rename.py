"""Renaming a character everywhere from the Characters tab: preview, one step to undo, cast and word list updated."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from tests.ui.characters.conftest import FakeWindow
from tests.ui.characters.test_panel import opened
from writer_app.characters.cast import Cast
from writer_app.core.project import Project
from writer_app.core.snapshots import BEFORE_RENAME
from writer_app.ui.characters.rename_dialog import RenameDialog


class SnapshottingWindow(FakeWindow):
    """Records the chapters the rename asked to snapshot first."""

    def __init__(self) -> None:
        super().__init__()
        self.snapshots: list[tuple[str, list[str] | None]] = []

    def snapshot_before(self, reason: str, chapter_ids: list[str] | None = None) -> bool:
        self.snapshots.append((reason, chapter_ids))
        return True


def _window(qtbot) -> SnapshottingWindow:
    window = SnapshottingWindow()
    qtbot.addWidget(window)
    return window


def _file_text(project: Project, title: str) -> str:
    chapter = next(c for c in project.chapters if c.title == title)
    return Project.open(project.path, read_only=True).read_chapter(chapter)


def test_the_dialog_previews_every_change_by_chapter_and_refuses_empty_or_used_names(
    qtbot, small_project: Project
) -> None:
    window = _window(qtbot)
    controller = opened(qtbot, window, small_project)
    dialog = RenameDialog(["Elena", "Lena"], controller.renamer.plan, chosen="Elena")
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled() and dialog.summary.text() == "Type the new name."
    dialog.new_edit.setText("Damon")
    dialog.update_preview()
    assert "Damon is already a name in the cast" in dialog.summary.text() and not dialog.ok_button.isEnabled()
    dialog.new_edit.setText("Helena")
    dialog.update_preview()
    assert dialog.ok_button.isEnabled()
    assert dialog.summary.text() == "4 changes in 2 chapters. Cast: Helena."
    heads = [dialog.preview.topLevelItem(i) for i in range(dialog.preview.topLevelItemCount())]
    assert [h.text(0) for h in heads] == ["Arrival — 2 changes", "Return — 2 changes"]
    first = heads[0].child(1)
    assert first.text(0).startswith("…") and "Elena's bag" in first.text(0) and "Helena's bag" in first.text(1)


def test_rename_changes_the_open_chapter_as_one_undo_step_and_the_others_on_disk_after_a_snapshot(
    qtbot, small_project: Project, monkeypatch
) -> None:
    small_project.word_list.append("Elena")
    window = _window(qtbot)
    controller = opened(qtbot, window, small_project)

    def answer(dialog: RenameDialog) -> int:
        dialog.new_edit.setText("Helena")
        dialog.accept()  # "Rename everywhere" pressed before the preview's pause: the plan is made now
        return dialog.result()

    monkeypatch.setattr(RenameDialog, "exec", answer)
    controller.panel.select_names(["Elena"])
    before = window.editor.text()
    controller.panel.rename_button.click()
    assert window.editor.text() == before.replace("Elena", "Helena")
    assert _file_text(small_project, "Return") == ("Damon fixed the roof while Helena watched.\n"
                                                   "Later Helena and Damon ate. Marguerite called.")
    return_id = next(c.id for c in small_project.chapters if c.title == "Return")
    assert window.snapshots == [(BEFORE_RENAME, [return_id])]
    saved = Project.open(small_project.path, read_only=True)
    assert [(c.name, c.aliases) for c in Cast.from_project(saved)][0] == ("Helena", ["Lena"])
    assert "Helena" in saved.word_list and "Elena" not in saved.word_list
    assert window.messages[-1] == "Renamed Elena to Helena: 4 changes in 2 chapters."
    assert controller.panel.undo_rename_button.isVisibleTo(controller.panel)
    qtbot.waitUntil(lambda: controller.panel.cast_counts().get("Helena") == (3, 5))
    window.editor.undo()  # the editor's own undo takes the open chapter back in one step
    assert window.editor.text() == before


def test_undo_rename_puts_back_text_cast_and_word_list_but_leaves_a_chapter_edited_since(
    qtbot, small_project: Project
) -> None:
    small_project.word_list.append("Damon")
    window = _window(qtbot)
    controller = opened(qtbot, window, small_project)
    opening = window.editor.text()
    storm = _file_text(small_project, "Storm")
    assert controller.renamer.apply(controller.renamer.plan("Damon", "Dorian"))
    assert "Dorian" in window.editor.text() and "Dorian" in _file_text(small_project, "Return")
    chapter = next(c for c in small_project.chapters if c.title == "Return")
    small_project.write_chapter(chapter, "Dorian rewrote this himself.")  # edited after the rename
    assert controller.renamer.undo()
    assert window.editor.text() == opening
    assert _file_text(small_project, "Return") == "Dorian rewrote this himself."
    assert _file_text(small_project, "Storm") == storm
    saved = Project.open(small_project.path, read_only=True)
    assert "Damon" in [c.name for c in Cast.from_project(saved)] and "Damon" in saved.word_list
    assert window.messages[-1] == ("Undid renaming Damon to Dorian. Edited since, so left as they are (their "
                                   "snapshots hold the text from before): Return.")
    assert not controller.panel.undo_rename_button.isVisibleTo(controller.panel)


def test_a_rename_to_a_used_name_changes_nothing(qtbot, small_project: Project, monkeypatch) -> None:
    window = _window(qtbot)
    controller = opened(qtbot, window, small_project)
    seen: list[str] = []

    def answer(dialog: RenameDialog) -> int:
        dialog.new_edit.setText("Kat")
        dialog.update_preview()
        seen.append(dialog.summary.text())
        dialog.accept()  # refused: no plan, so the dialog stays open
        return QDialog.DialogCode.Rejected if dialog.plan is None else QDialog.DialogCode.Accepted

    monkeypatch.setattr(RenameDialog, "exec", answer)
    text = window.editor.text()
    assert not controller.renamer.rename("Damon")
    assert seen == ["Kat is already a name in the cast; choose another name, or merge the characters instead."]
    assert window.editor.text() == text and window.snapshots == []
    assert [c.name for c in controller.cast] == ["Elena", "Damon", "Kat"]
