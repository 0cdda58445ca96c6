"""A paragraph too long for the editor: shown in pieces, saved whole, read-only until the writer splits it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from writer_app.core.paragraph_split import HUGE_PARAGRAPH_CHARS, PIECE_CHARS
from writer_app.ui.editor import ChapterEditor

SENTENCE = "The rain fell on the quiet town and nobody minded it at all. "


def _huge_chapter() -> str:
    return "Opening line.\n" + SENTENCE * (HUGE_PARAGRAPH_CHARS // len(SENTENCE) + 100) + "\nClosing line."


def _editor(qtbot, text: str) -> ChapterEditor:
    editor = ChapterEditor()
    qtbot.addWidget(editor)
    editor.resize(900, 500)
    editor.set_chapter_text(text)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _longest_block(editor: ChapterEditor) -> int:
    block, longest = editor.document().firstBlock(), 0
    while block.isValid():
        longest = max(longest, block.length())
        block = block.next()
    return longest


def test_a_huge_paragraph_is_shown_in_pieces_but_its_text_is_unchanged(qtbot):
    text = _huge_chapter()
    editor = _editor(qtbot, text)
    assert _longest_block(editor) <= PIECE_CHARS + 1  # no paragraph Qt would have to lay out whole
    assert editor.joined_pieces() > 100
    assert editor.text() == text  # what is saved is what was read
    assert editor.isReadOnly()
    assert editor._huge_bar.isVisible()
    assert "too long" in editor._huge_bar.label.text()


def test_the_chapter_stays_read_only_while_pieces_are_joined_even_when_the_window_allows_typing(qtbot):
    editor = _editor(qtbot, _huge_chapter())
    editor.setReadOnly(False)  # what the session does for a writable project
    assert editor.isReadOnly()
    qtbot.keyClick(editor, Qt.Key.Key_A)
    assert editor.document().isModified() is False


def test_splitting_makes_real_paragraphs_and_undo_puts_the_paragraph_back(qtbot):
    text = _huge_chapter()
    editor = _editor(qtbot, text)
    pieces = editor.joined_pieces()
    assert editor.split_huge_paragraphs() == pieces
    assert not editor.isReadOnly() and not editor._huge_bar.isVisible()
    split = editor.text()
    assert split.count("\n") == text.count("\n") + pieces
    assert split.replace("\n", " ").replace("  ", " ") != text  # changed, and marked modified for saving
    assert editor.document().isModified()
    editor.document().undo()  # one step brings the paragraph back
    qtbot.waitUntil(lambda: editor.joined_pieces() == pieces, timeout=2000)
    assert editor.text() == text
    assert editor.isReadOnly() and editor._huge_bar.isVisible()


def test_the_bar_button_splits(qtbot):
    editor = _editor(qtbot, _huge_chapter())
    qtbot.mouseClick(editor._huge_bar.action_button, Qt.MouseButton.LeftButton)
    assert editor.joined_pieces() == 0 and not editor.isReadOnly()


def test_an_ordinary_chapter_loads_as_is(qtbot):
    text = "One.\n" + SENTENCE * 2000 + "\nTwo."
    editor = _editor(qtbot, text)
    assert editor.joined_pieces() == 0 and not editor.isReadOnly()
    assert editor.document().blockCount() == 3 and editor.text() == text
    assert not editor._huge_bar.isVisible()


def test_two_huge_paragraphs_are_told_as_two_and_both_come_back_whole(qtbot):
    huge = SENTENCE * (HUGE_PARAGRAPH_CHARS // len(SENTENCE) + 100)
    text = f"Start.\n{huge}\nMiddle.\n{huge}"
    editor = _editor(qtbot, text)
    assert editor._huge_bar.label.text().startswith("2 paragraphs of this chapter are too long")
    assert editor.text() == text


def _paste(editor: ChapterEditor, text: str) -> None:
    from PySide6.QtCore import QMimeData

    mime = QMimeData()
    mime.setText(text)
    editor.insertFromMimeData(mime)  # what Ctrl+V and Edit > Paste end in


def test_a_paste_that_makes_a_huge_paragraph_goes_in_as_pieces_told_once_and_undoable(qtbot):
    before = "Opening line.\nShe said: \nClosing line."
    editor = _editor(qtbot, before)
    cursor = editor.textCursor()
    cursor.setPosition(len("Opening line.\nShe said: "))
    editor.setTextCursor(cursor)
    pasted = SENTENCE * (HUGE_PARAGRAPH_CHARS // len(SENTENCE) + 100)
    _paste(editor, pasted)
    after = before.replace("said: ", "said: " + pasted)
    assert _longest_block(editor) <= PIECE_CHARS + len("She said: ") + 1  # Qt never lays out a huge block
    assert editor.joined_pieces() > 100
    assert editor.text() == after  # saved as pasted: one paragraph
    assert editor.isReadOnly() and editor._huge_bar.isVisible()
    assert editor._huge_bar.label.text().startswith("A paragraph of this chapter is too long")
    pieces = editor.joined_pieces()
    assert editor.split_huge_paragraphs() == pieces  # the offered split still works after a paste
    assert not editor.isReadOnly() and editor.text().count("\n") == after.count("\n") + pieces
    editor.document().undo()  # the split comes undone...
    qtbot.waitUntil(lambda: editor.joined_pieces() == pieces, timeout=2000)
    assert editor.text() == after
    editor.document().undo()  # ...and then the paste, in one step
    qtbot.waitUntil(lambda: editor.joined_pieces() == 0, timeout=2000)
    assert editor.text() == before and not editor.isReadOnly()


def test_an_ordinary_paste_goes_in_as_is(qtbot):
    editor = _editor(qtbot, "One.\nTwo.")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    _paste(editor, " Three.\nFour " + SENTENCE * 100)
    assert editor.joined_pieces() == 0 and not editor._huge_bar.isVisible()
    assert editor.text() == "One.\nTwo. Three.\nFour " + SENTENCE * 100


def test_pieces_joined_by_different_spaces_and_line_ends_come_back_exactly(qtbot):
    from writer_app.ui.huge_paragraph import joined_blocks, joined_text

    rng = __import__("random").Random(5)
    joiners = [" ", "  ", " ", "\u2028", " ", "\r", "\t "]
    parts = []
    while sum(map(len, parts)) < HUGE_PARAGRAPH_CHARS + 50_000:
        parts.append("The lamp went out and she waited for her eyes to learn the dark." + rng.choice(joiners))
    text = "First.\n" + "".join(parts) + "\nLast."
    editor = _editor(qtbot, text)
    assert editor.joined_pieces() == len(joined_blocks(editor.document())) > 100
    assert joined_text(editor.document()) == text  # the joiners stored in the blocks, not a kept copy
    assert editor.text() == text


def test_joiner_runs_group_consecutive_blocks_sharing_a_joiner():
    from writer_app.ui.huge_paragraph import joiner_runs

    joins = [(2, " "), (3, " "), (4, "  "), (5, "  "), (6, " "), (9, " "), (10, " ")]
    assert joiner_runs(joins) == [(2, 3, " "), (4, 5, "  "), (6, 6, " "), (9, 10, " ")]
    assert joiner_runs([]) == []
