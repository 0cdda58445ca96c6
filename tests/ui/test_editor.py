"""ChapterEditor: layers, viewport signals, go_to, zoom, line spacing, centred column, context menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from writer_app.ui.editor import ChapterEditor, make_selection


def _editor(qtbot, text: str = "") -> ChapterEditor:
    editor = ChapterEditor()
    qtbot.addWidget(editor)
    editor.resize(900, 500)
    editor.set_chapter_text(text)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _span(editor: ChapterEditor, start: int, end: int, color: str = "yellow"):
    cursor = QTextCursor(editor.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(color))
    return make_selection(cursor, fmt)


def test_layers_are_merged_and_replaced_independently(qtbot):
    editor = _editor(qtbot, "one two three four")
    editor.set_extra_selection_layer("find", [_span(editor, 0, 3)])
    editor.set_extra_selection_layer("issues", [_span(editor, 4, 7), _span(editor, 8, 13)])
    assert len(editor.extraSelections()) == 3
    editor.set_extra_selection_layer("find", [])
    assert len(editor.extraSelections()) == 2
    assert editor.extra_selection_layer("find") == []
    editor.set_extra_selection_layer("issues", [_span(editor, 14, 18)])
    assert [s.cursor.selectedText() for s in editor.extraSelections()] == ["four"]


def test_loading_text_is_not_modified_and_has_no_undo(qtbot):
    editor = _editor(qtbot, "hello")
    assert not editor.document().isModified()
    assert not editor.document().isUndoAvailable()
    with qtbot.waitSignal(editor.text_edited):
        editor.insertPlainText("x")
    assert editor.document().isModified()


def test_go_to_selects_and_scrolls_to_the_span(qtbot):
    text = "\n".join(f"line {i}" for i in range(2000))
    editor = _editor(qtbot, text)
    position = text.index("line 1500")
    editor.go_to(position, 9)
    assert editor.textCursor().selectedText() == "line 1500"
    first, last = editor.visible_block_range()
    assert first <= 1500 <= last
    assert first > 1000


def test_visible_block_range_follows_scrolling(qtbot):
    editor = _editor(qtbot, "\n".join(f"line {i}" for i in range(500)))
    first, last = editor.visible_block_range()
    assert first == 0 and last > 5
    with qtbot.waitSignal(editor.viewport_changed):
        editor.verticalScrollBar().setValue(200)
    first2, last2 = editor.visible_block_range()
    assert first2 > first and last2 > last


def test_zoom_changes_font_size_and_resets(qtbot):
    editor = _editor(qtbot, "text")
    editor.set_editor_font("Serif", 14)
    with qtbot.waitSignal(editor.viewport_changed):
        editor.zoom_in()
    assert editor.font().pointSizeF() == 15
    editor.zoom_out()
    editor.zoom_out()
    assert editor.font().pointSizeF() == 13
    editor.zoom_reset()
    assert editor.font().pointSizeF() == 14 and editor.zoom == 0


def test_line_spacing_really_spaces_wrapped_lines(qtbot):
    editor = _editor(qtbot, "word " * 400)
    block = editor.document().firstBlock()
    single = editor.blockBoundingRect(block).height()
    lines = block.layout().lineCount()
    assert lines > 3
    editor.set_line_spacing(1.5)
    spaced = editor.blockBoundingRect(block).height()
    assert abs(spaced - single * 1.5) < lines  # every line 1.5x apart
    second = block.layout().lineAt(1)
    first = block.layout().lineAt(0)
    assert second.y() - first.y() >= first.height() * 1.45


def test_text_column_is_centred_and_about_text_width_wide(qtbot):
    editor = _editor(qtbot, "text")
    editor.resize(1400, 600)
    editor.set_text_width(60)
    margins = editor.viewportMargins()
    assert margins.left() == margins.right() > 100
    column = editor.viewport().width()
    char = editor.fontMetrics().averageCharWidth()
    assert 55 * char < column < 75 * char


def test_context_menu_signal_gets_menu_and_click_cursor(qtbot):
    editor = _editor(qtbot, "alpha beta gamma")
    seen = []

    def on_menu(menu: QMenu, cursor: QTextCursor) -> None:
        seen.append((menu.actions()[0].text(), cursor.position()))
        menu.insertAction(menu.actions()[0], menu.addAction("Fix it"))
        menu.aboutToShow.connect(lambda: QTimer.singleShot(0, menu.close))

    editor.context_menu_about_to_show.connect(on_menu)
    click = QTextCursor(editor.document())
    click.setPosition(6)
    rect = editor.cursorRect(click)
    point = rect.center() + QPoint(1, 0)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(editor.viewport(), event)
    assert seen and 5 <= seen[0][1] <= 7


def test_ctrl_wheel_zooms(qtbot):
    editor = _editor(qtbot, "text")
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    event = QWheelEvent(QPointF(10, 10), QPointF(10, 10), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(editor.viewport(), event)
    assert editor.zoom == 1


def test_word_count_follows_typing_enter_paste_and_undo(qtbot):
    editor = _editor(qtbot, "one two three\nfour five\n\nsix")
    assert editor.word_count() == 6
    cursor = editor.textCursor()
    cursor.setPosition(3)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, " alpha beta")
    assert editor.word_count() == 8
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "gamma")
    assert editor.word_count() == 9 == len(editor.text().split())
    editor.insertPlainText("pasted words\nacross lines ")
    qtbot.waitUntil(lambda: editor.word_count() == len(editor.text().split()), timeout=10000)
    editor.undo()
    qtbot.waitUntil(lambda: editor.word_count() == len(editor.text().split()), timeout=10000)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: editor.word_count() == len(editor.text().split()), timeout=10000)
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # joins two paragraphs
    qtbot.waitUntil(lambda: editor.word_count() == len(editor.text().split()), timeout=10000)


def test_word_count_is_incremental_for_single_block_edits(qtbot):
    editor = _editor(qtbot, "word " * 50 + "\n" + "more " * 10)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.assertNotEmitted(editor._recount_timer.timeout, wait=0):
        qtbot.keyClicks(editor, "x y z")
    assert not editor._recount_timer.isActive()
    assert editor.word_count() == 63


def test_word_count_signal_only_when_the_count_changes(qtbot):
    editor = _editor(qtbot, "one two")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    counts: list[int] = []
    editor.word_count_changed.connect(counts.append)
    qtbot.keyClicks(editor, "more")  # extends the last word: still two words
    assert counts == []
    qtbot.keyClicks(editor, " x")
    assert counts == [3] and editor.word_count() == 3


def _line_gaps(block) -> list[float]:
    layout = block.layout()
    return [layout.lineAt(i + 1).y() - layout.lineAt(i).y() for i in range(layout.lineCount() - 1)]


def test_line_spacing_adds_no_python_override_to_the_per_keystroke_layout_path():
    from writer_app.ui.line_spacing import SpacedPlainTextLayout

    # Qt calls blockBoundingRect 100-200 times per keystroke: a Python override there costs milliseconds per key.
    assert "blockBoundingRect" not in SpacedPlainTextLayout.__dict__


def test_typing_keeps_the_edited_paragraph_spaced(qtbot):
    editor = _editor(qtbot, "word " * 300 + "\nshort")
    editor.set_line_spacing(1.5)
    block = editor.document().firstBlock()
    height = block.layout().lineAt(0).height()
    cursor = editor.textCursor()
    cursor.setPosition(10)
    editor.setTextCursor(cursor)
    for _ in range(90):  # enough to re-wrap the paragraph onto a new line
        qtbot.keyClick(editor, Qt.Key.Key_X)
    gaps = _line_gaps(editor.document().firstBlock())
    assert len(gaps) > 3 and all(abs(gap - height * 1.5) < 0.1 for gap in gaps)
    rect = editor.blockBoundingRect(block)
    assert rect.height() >= block.layout().lineCount() * height * 1.5 - 1


@pytest.mark.parametrize("spacing", [1.0, 1.4])
def test_typing_lays_out_the_paragraph_exactly_as_qt_does_and_keeps_the_line_count(qtbot, spacing):
    text = "\n".join(f"Paragraph {n} " + "with some words " * (n % 9 * 6) for n in range(200))
    editor = _editor(qtbot, text)
    editor.set_line_spacing(spacing)
    twin = _editor(qtbot, text)  # laid out by Qt from scratch after the same typing
    twin.set_line_spacing(spacing)
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(8).position() + 40)
    editor.setTextCursor(cursor)
    document_lines, block_lines = editor.document().lineCount(), editor.document().findBlockByNumber(8).lineCount()
    for index in range(160):  # wraps the paragraph onto new lines several times
        qtbot.keyClick(editor, Qt.Key.Key_Space if index % 6 == 0 else Qt.Key.Key_W)
    twin.set_chapter_text(editor.text())
    mine, qts = editor.document().findBlockByNumber(8), twin.document().findBlockByNumber(8)
    twin.document().documentLayout().blockBoundingRect(qts)  # Qt lays it out
    twin._layout.space_block(qts)
    assert mine.lineCount() == mine.layout().lineCount() == qts.lineCount() > 12
    assert [mine.layout().lineAt(i).textLength() for i in range(mine.layout().lineCount())] == \
        [qts.layout().lineAt(i).textLength() for i in range(qts.layout().lineCount())]
    assert _line_gaps(mine) == pytest.approx(_line_gaps(qts), abs=0.01)
    assert mine.layout().lineAt(0).y() == pytest.approx(qts.layout().lineAt(0).y(), abs=0.01)
    assert editor.blockBoundingRect(mine).height() == pytest.approx(twin.blockBoundingRect(qts).height(), abs=0.01)
    # The document's line count (the vertical scroll range) follows the lines typing added.
    assert editor.document().lineCount() - document_lines == mine.lineCount() - block_lines > 0


@pytest.mark.parametrize("seed", [7, 11, 12])  # 12: a wrap scrolls the first visible block's spacing into view
def test_random_edits_leave_every_paragraph_laid_out_as_qt_would(qtbot, seed):
    """Typing, deleting, Enter, pasting, undo and redo in any order: each paragraph's lines match a fresh layout."""
    import random

    rng = random.Random(seed)
    words = "the quiet house 😀 stood alone beneath a pale and patient sky while rain came".split()
    text = "\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(3, 90))) for _ in range(30))
    editor = _editor(qtbot, text)
    editor.set_line_spacing(1.4)
    keys = [Qt.Key.Key_A, Qt.Key.Key_Space, Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Return]
    for _ in range(400):
        roll = rng.random()
        if roll < 0.05:
            cursor = editor.textCursor()
            cursor.setPosition(rng.randrange(editor.document().characterCount() - 1))
            cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)  # never between an emoji's two halves
            editor.setTextCursor(cursor)
        elif roll < 0.08:
            editor.textCursor().insertText(" ".join(rng.choice(words) for _ in range(rng.randint(1, 30))))
        elif roll < 0.10:
            editor.undo() if rng.random() < 0.5 else editor.redo()
        else:
            qtbot.keyClick(editor, keys[min(len(keys) - 1, int(rng.random() ** 3 * len(keys)))])
    editor.viewport().repaint()  # what is on screen is spaced before it paints (blocks Qt laid out lazily too)
    first, last = editor.visible_block_range()
    twin = _editor(qtbot, editor.text())
    twin.set_line_spacing(1.4)
    mine, fresh = editor.document().firstBlock(), twin.document().firstBlock()
    compared = 0
    while mine.isValid():
        assert mine.text() == fresh.text()
        if mine.layout().lineCount():  # laid out while editing: it must match what Qt makes of the same text
            twin.blockBoundingRect(fresh)
            twin._layout.space_block(fresh)
            ours, qts = mine.layout(), fresh.layout()
            assert [ours.lineAt(i).textLength() for i in range(ours.lineCount())] == \
                [qts.lineAt(i).textLength() for i in range(qts.lineCount())], mine.text()[:60]
            assert mine.lineCount() == ours.lineCount()
            if first <= mine.blockNumber() <= last:
                assert _line_gaps(mine) == pytest.approx(_line_gaps(fresh), abs=0.01)
                assert ours.lineAt(0).y() == pytest.approx(qts.lineAt(0).y(), abs=0.01)
            compared += 1
        mine, fresh = mine.next(), fresh.next()
    assert compared >= 10


def test_typing_does_not_make_qt_measure_every_line_of_the_chapter(qtbot):
    """Qt's own layout re-measures the whole document when the widest line narrows; typing never asks it to."""
    editor = _editor(qtbot, "word " * 300 + "\n" + "\n".join("A short line." for _ in range(300)))
    editor.set_line_spacing(1.4)
    layout = editor.document().documentLayout()
    sizes: list[object] = []
    layout.documentSizeChanged.connect(sizes.append)
    cursor = editor.textCursor()
    cursor.setPosition(3)  # re-wraps every line of the long paragraph, the widest line changing on each key
    editor.setTextCursor(cursor)
    editor.viewport().repaint()
    lines = editor.document().lineCount()
    for index in range(120):
        qtbot.keyClick(editor, Qt.Key.Key_Space if index % 5 == 0 else Qt.Key.Key_Q)
    wraps = editor.document().lineCount() - lines
    assert wraps >= 1
    assert len(sizes) == wraps  # a size change only when a line was added (Qt's own layout: on every key)


def test_blocks_laid_out_again_after_a_resize_are_spaced_before_they_paint(qtbot):
    editor = _editor(qtbot, "\n".join(["word " * 60] * 20))
    editor.set_line_spacing(1.4)
    editor.resize(700, 500)  # Qt re-wraps every block lazily, unspaced
    editor.grab()  # paints
    first, last = editor.visible_block_range()
    block = editor.document().findBlockByNumber(first)
    height = block.layout().lineAt(0).height()
    while block.isValid() and block.blockNumber() <= last:
        assert all(abs(gap - height * 1.4) < 0.1 for gap in _line_gaps(block))
        block = block.next()


def test_single_spacing_leaves_qt_layout_untouched(qtbot):
    editor = _editor(qtbot, "word " * 300)
    editor.set_line_spacing(1.5)
    editor.set_line_spacing(1.0)
    editor.viewport().repaint()
    block = editor.document().firstBlock()
    assert block.layout().lineAt(0).y() == 0
    assert all(abs(gap - block.layout().lineAt(0).height()) < 0.1 for gap in _line_gaps(block))


def test_a_72_character_column_holds_about_72_characters_of_real_prose(qtbot, corpus_dir):
    text = (corpus_dir / "pride-and-prejudice.txt").read_text(encoding="utf-8")
    paragraphs = [p.replace("\n", " ") for p in text.split("\n\n") if len(p) > 600][:40]
    editor = _editor(qtbot, "\n".join(paragraphs))
    editor.resize(1600, 800)
    editor.set_text_width(72)
    editor.grab()
    lengths = []
    block = editor.document().firstBlock()
    while block.isValid():
        layout = block.layout()
        for index in range(layout.lineCount() - 1):  # full lines only (not a paragraph's last)
            lengths.append(layout.lineAt(index).textLength())
        block = block.next()
    average = sum(lengths) / len(lengths)
    assert 69 <= average <= 76, average


def test_context_menu_undo_and_redo_both_show_their_shortcuts(qtbot):
    from PySide6.QtGui import QKeySequence

    from writer_app.ui.editor import show_shortcuts

    editor = _editor(qtbot, "alpha")
    menu = editor.createStandardContextMenu()
    for action in menu.actions():
        if action.objectName() == "edit-undo":
            action.setText("&Undo")  # as some platform menus come (no shortcut text)
    show_shortcuts(menu)
    texts = {action.objectName(): action.text() for action in menu.actions()}
    undo = QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)
    assert texts["edit-undo"] == f"&Undo\t{undo}"
    assert "\t" in texts["edit-redo"]


def test_typing_in_a_long_paragraph_leaves_line_breaking_to_qt_and_keeps_it_spaced(qtbot, monkeypatch):
    from writer_app.ui.line_spacing import NATIVE_LAYOUT_CHARS, SpacedPlainTextLayout

    text = "A long chapter with no breaks at all, sentence after sentence. " * (NATIVE_LAYOUT_CHARS // 40)
    editor = _editor(qtbot, text + "\nshort")
    editor.set_line_spacing(1.5)
    calls: list[int] = []
    monkeypatch.setattr(SpacedPlainTextLayout, "lay_out_block", lambda self, *a: calls.append(1))
    block = editor.document().firstBlock()
    height = block.layout().lineAt(0).height()
    cursor = editor.textCursor()
    cursor.setPosition(10)
    editor.setTextCursor(cursor)
    for _ in range(90):
        qtbot.keyClick(editor, Qt.Key.Key_X)
    assert calls == []  # no Python loop over the paragraph's lines per key
    gaps = _line_gaps(editor.document().firstBlock())
    assert len(gaps) > 20 and all(abs(gap - height * 1.5) < 0.1 for gap in gaps)


def test_the_word_count_of_a_long_paragraph_follows_typing_after_a_pause(qtbot):
    text = "word " * 2000
    editor = _editor(qtbot, text)
    cursor = editor.textCursor()
    cursor.setPosition(5)
    editor.setTextCursor(cursor)
    with qtbot.waitSignal(editor.word_count_changed, timeout=3000) as counted:
        for key in (Qt.Key.Key_N, Qt.Key.Key_E, Qt.Key.Key_W, Qt.Key.Key_Space):
            qtbot.keyClick(editor, key)
    assert counted.args == [2001] and editor.word_count() == len(editor.text().split())


def test_a_long_text_is_wrapped_once_at_the_width_its_scroll_bar_leaves(qtbot):
    editor = _editor(qtbot, "A short note.")
    assert not editor.verticalScrollBar().isVisible()
    long_text = "\n\n".join(f"Paragraph {i} goes on for a while so that it wraps over a line or two." for i in range(800))
    editor.set_chapter_text(long_text)
    width_while_loading = editor.viewport().width()  # the scroll bar was shown before the text went in
    qtbot.wait(50)
    assert editor.verticalScrollBar().isVisible()
    assert editor.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded  # as before, once loaded
    assert editor.viewport().width() == width_while_loading  # no narrowing (and re-wrap) after the load
    editor.set_chapter_text("Short again.")
    qtbot.waitUntil(lambda: not editor.verticalScrollBar().isVisible())
