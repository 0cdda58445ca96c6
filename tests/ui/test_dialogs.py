"""Dialogs: find/replace bar, preferences editor page, recovery offer, new project, import."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from writer_app.settings import Settings
from writer_app.ui.dialogs.new_project import NewProjectDialog, safe_folder_name
from writer_app.ui.dialogs.preferences import EditorPage
from writer_app.ui.dialogs.recovery import RecoveryDialog
from writer_app.ui.editor import default_font_family
from writer_app.ui.prompts import RecoveredText


def _find(window, text: str, replace: str | None = None):
    bar = window.find_bar
    window.actions_.replace.trigger() if replace is not None else window.actions_.find.trigger()
    bar.find_edit.setText(text)
    if replace is not None:
        bar.replace_edit.setText(replace)
    bar.refresh_highlights()
    return bar


def test_find_highlights_every_match_and_moves_between_them(window):
    bar = _find(window, "Elena")
    assert bar.isVisible()
    layer = window.editor.extra_selection_layer("find")
    expected = window.editor.text().count("Elena")
    assert len(layer) == expected > 1
    assert bar.count_label.text() == f"{expected} found"
    assert bar.find_next()
    first = window.editor.textCursor().selectionStart()
    assert window.editor.textCursor().selectedText() == "Elena"
    bar.find_next()
    assert window.editor.textCursor().selectionStart() > first
    bar.find_previous()
    assert window.editor.textCursor().selectionStart() == first


def test_find_wraps_and_reports_not_found(window):
    bar = _find(window, "zebra-crossing")
    assert not bar.find_next()
    assert bar.count_label.text() == "Not found"


def test_replace_and_replace_all_in_chapter_is_one_undo_step(window):
    original = window.editor.text()
    bar = _find(window, "Elena", "Lena")
    count = original.count("Elena")
    bar.find_next()
    assert bar.replace()
    assert window.editor.text().count("Elena") == count - 1
    replaced = bar.replace_all()
    assert replaced == count - 1
    assert "Elena" not in window.editor.text()
    assert window.editor.extra_selection_layer("find") == []
    window.editor.undo()
    assert window.editor.text().count("Elena") == count - 1
    assert window.session.is_unsaved()


def test_escape_closes_find_and_clears_highlights(window, qtbot):
    bar = _find(window, "the")
    assert window.editor.extra_selection_layer("find")
    bar.close_bar()
    assert not bar.isVisible()
    assert window.editor.extra_selection_layer("find") == []


def test_find_seeds_from_selection(window):
    cursor = window.editor.textCursor()
    cursor.setPosition(4)
    cursor.setPosition(9, QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    window.actions_.find.trigger()
    assert window.find_bar.find_edit.text() == "ferry"


def test_editor_preferences_page_round_trip(qtbot):
    settings = Settings()
    page = EditorPage()
    qtbot.addWidget(page)
    page.load(settings)
    assert page.font_family.currentFont().family() == default_font_family()
    page.line_spacing.setValue(1.8)
    page.text_width.setValue(60)
    page.theme.setCurrentIndex(page.theme.findData("dark"))
    page.apply(settings)
    assert (settings.line_spacing, settings.text_width, settings.theme) == (1.8, 60, "dark")


def test_preferences_apply_to_the_editor(window):
    window.settings.line_spacing = 1.8
    window.settings.text_width = 50
    window.apply_changed_settings()
    assert window.editor.line_spacing() == 1.8 and window.editor.text_width() == 50


def test_recovery_dialog_lists_chapters_and_words(qtbot):
    items = [RecoveredText("ch-0001", "The Ferry", "one two three", 700), RecoveredText("x", "Other", "four", None)]
    dialog = RecoveryDialog(items)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    assert dialog.list.item(0).text().startswith("The Ferry: 3 words")
    assert "700" in dialog.list.item(0).text()
    assert dialog.preview.toPlainText() == "one two three"
    dialog.list.setCurrentRow(1)
    assert dialog.preview.toPlainText() == "four"


def test_new_project_dialog_target_and_create(window, tmp_path, qtbot):
    dialog = NewProjectDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.title.setText("My: Novel/Draft")
    assert dialog.target() == tmp_path / "My NovelDraft"
    assert safe_folder_name("  ..  ") == "Untitled"
    assert window.create_project(tmp_path / "Fresh", "Fresh")
    assert window.project.title == "Fresh" and window.chapters_panel.list.count() == 1
    assert (tmp_path / "Fresh" / "project.json").exists()


def test_import_manuscript_opens_the_new_project(window, tmp_path):
    source = tmp_path / "novel.txt"
    source.write_text("My Novel\n\nChapter 1\n\nIt began.\n\nChapter 2\n\nIt ended.\n", encoding="utf-8")
    assert window.import_manuscript(source, tmp_path / "Imported")
    assert window.project.path == tmp_path / "Imported"
    assert window.chapters_panel.list.count() == 2
    assert window.editor.text().strip() == "It began."


def test_import_refuses_a_non_empty_target(window, tmp_path, prompt_log):
    source = tmp_path / "novel.txt"
    source.write_text("Chapter 1\n\nx\n", encoding="utf-8")
    (tmp_path / "Busy").mkdir()
    (tmp_path / "Busy" / "file").write_text("x")
    assert not window.import_manuscript(source, tmp_path / "Busy")
    assert len(prompt_log.errors) == 1 and "not empty" in prompt_log.errors[0]


def test_escape_in_find_bar_closes_it_even_in_focus_mode(window, qtbot):
    from PySide6.QtCore import Qt

    window.actions_.focus_mode.trigger()
    bar = _find(window, "the")
    bar.find_edit.setFocus()
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.focus.active
    window.leave_focus_mode()


def test_import_dialog_needs_a_manuscript(qtbot, tmp_path):
    from PySide6.QtWidgets import QDialogButtonBox

    from writer_app.ui.dialogs.import_dialog import ImportDialog

    dialog = ImportDialog(tmp_path)
    qtbot.addWidget(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.source.setText(str(tmp_path / "novel.txt"))
    assert ok.isEnabled()
    assert dialog.target() == tmp_path / "novel"
    dialog.title.setText("The Novel")
    assert dialog.target() == tmp_path / "The Novel" and dialog.project_title() == "The Novel"


def test_undo_of_replace_all_keeps_the_writers_place(window, qtbot):
    editor = window.editor
    editor.set_chapter_text("\n\n".join(f"Paragraph {i}: Elena walked to the harbour." for i in range(300)))
    editor.resize(800, 400)
    cursor = editor.textCursor()
    place = editor.toPlainText().index("Paragraph 200:")
    cursor.setPosition(place)
    editor.setTextCursor(cursor)
    editor.centerCursor()
    scroll = editor.verticalScrollBar().value()
    assert scroll > 100
    bar = _find(window, "Elena", "Lena")
    assert bar.replace_all() == 300
    assert editor.toPlainText()[editor.textCursor().position():].startswith("Paragraph 200:")
    editor.undo()
    assert "Lena walked" not in editor.toPlainText()
    assert abs(editor.textCursor().position() - place) < 2000  # not thrown to the top of the chapter
    assert editor.verticalScrollBar().value() > 100


def test_escape_closes_the_find_bar_when_one_of_its_buttons_has_focus(window, qtbot):
    from PySide6.QtCore import Qt

    bar = _find(window, "the", "a")
    button = bar.replace_all_button
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def _lines(count: int) -> str:
    return "".join(f"Line {n} of the chapter, as it was saved before the crash.\n" for n in range(count))


def test_recovery_preview_opens_at_the_first_change_not_at_the_top(qtbot):
    saved = _lines(300)
    recovered = saved.replace("Line 250 of", "Line 250 — rewritten after the last save — of")
    dialog = RecoveryDialog([RecoveredText("ch-0001", "The Ferry", recovered, 4000, saved)])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    change = recovered.index("— rewritten")
    assert dialog.preview.textCursor().selectionStart() == change
    assert dialog.preview.textCursor().selectedText().startswith("— rewritten")
    preview = dialog.preview
    qtbot.waitUntil(lambda: preview.firstVisibleBlock().blockNumber() > 200
                    and preview.viewport().rect().contains(preview.cursorRect()))


def test_recovery_preview_of_a_long_chapter_shows_the_change_even_past_the_preview_limit(qtbot):
    from writer_app.ui.dialogs.recovery import PREVIEW_CHARS, first_difference, preview_window

    saved = _lines(3000)  # far longer than the preview
    recovered = saved.replace("Line 2800 of", "Line 2800 (new) of")
    assert first_difference(saved, recovered) == recovered.index("(new)")
    assert first_difference("abc", "abc") == 3 and first_difference("", "x") == 0
    text, change = preview_window(RecoveredText("c", "T", recovered, None, saved))
    assert len(text) <= PREVIEW_CHARS and text[change:].startswith("(new)") and text.startswith("Line ")
    dialog = RecoveryDialog([RecoveredText("c", "T", recovered, None, saved)])
    qtbot.addWidget(dialog)
    assert dialog.preview.textCursor().selectedText().startswith("(new)")
