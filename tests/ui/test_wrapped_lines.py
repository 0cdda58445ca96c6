"""Hard-wrapped chapters: the bar that offers to join their lines, and the join itself (undoable)."""

from __future__ import annotations

from pathlib import Path

from writer_app.grammar.unwrap import unwrap
from writer_app.ui.wrapped_lines import (
    install,
    moved_position,
    wrapped_line_breaks,
    wrapped_paragraphs,
)

PROSE = (
    "The ferry left before dawn, and the harbour lights went out one by one behind it while the\n"
    "passengers huddled under the awning, counting the minutes until the coffee urn was lit.\n"
    "\n"
    "\u201cYou never told me where we\u2019re going,\u201d said Ines, pulling her scarf up over her\n"
    "chin. \u201cOr why we had to leave the house in the middle of the night like burglars.\u201d\n"
    "\n"
    "Her brother only shrugged, and watched the dark water fold itself back along the hull as\n"
    "if it might answer for him, which it did not, not then and not for many hours after.\n"
)
VERSE = "The rain came down\nOn roofs of tin\nAnd all the town\nWas shut within\n"


def joined_text(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every span replaced by one space (what the join does, applied by hand)."""
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], " "]
        last = end
    return "".join(parts) + text[last:]


LIST = "Pack these things before you go tonight, and do not forget any of them at all:\n- the lamp\n- the map\n"


def test_line_breaks_inside_wrapped_paragraphs_are_found_and_join_as_the_checker_reads_them():
    spans = wrapped_line_breaks(PROSE)
    assert len(spans) == 3
    assert all(PROSE[start:end].strip(" ") == "\n" for start, end in spans)
    assert wrapped_paragraphs(PROSE, spans) == 3
    assert joined_text(PROSE, spans) == unwrap(PROSE).text
    assert "the\npassengers" not in joined_text(PROSE, spans)
    assert joined_text(PROSE, spans).count("\n\n") == 2  # paragraphs stay apart


def test_verse_lists_and_one_line_paragraphs_are_not_wrapped():
    assert wrapped_line_breaks(VERSE) == []
    assert wrapped_line_breaks(LIST) == []
    assert wrapped_line_breaks("One line.\n\nAnother line, quite short.\n") == []


def test_a_position_moves_with_the_joined_text():
    text = "abc  \n  def\nghi"
    spans = [(3, 8)]  # "  \n  " between abc and def
    joined = joined_text(text, spans)
    assert joined == "abc def\nghi"
    assert joined[moved_position(text.index("def"), spans)] == "d"
    assert joined[moved_position(text.index("ghi"), spans)] == "g"
    assert moved_position(1, spans) == 1
    assert moved_position(5, spans) == 4  # inside the span: just after its space


def _wrapped_file(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(PROSE + "\n" + PROSE, encoding="utf-8")
    return path


def test_the_bar_offers_the_join_which_is_one_undoable_edit(make_window, tmp_path: Path, qtbot):
    window = make_window()
    feature = install(window)
    window.open_project(_wrapped_file(tmp_path))
    qtbot.waitUntil(lambda: feature.bar.isVisible())
    assert "6 paragraphs" in feature.bar.label.text()
    editor = window.editor
    before = editor.toPlainText()
    cursor = editor.textCursor()
    cursor.setPosition(before.index("passengers", 200))  # in the second copy, after joined breaks
    editor.setTextCursor(cursor)
    feature.bar.action_button.click()
    after = editor.toPlainText()
    assert after[editor.textCursor().position():].startswith("passengers")  # the cursor keeps its word
    assert not feature.bar.isVisible()
    assert after == unwrap(before).text
    assert after.count("\n") == before.count("\n") - 6
    editor.undo()
    assert editor.toPlainText() == before  # one step back to the lines as they were
    editor.redo()
    assert editor.toPlainText() == after


def test_a_dismissed_bar_stays_away_for_that_chapter(make_window, tmp_path: Path, qtbot):
    window = make_window()
    feature = install(window)
    window.open_project(_wrapped_file(tmp_path))
    qtbot.waitUntil(lambda: feature.bar.isVisible())
    feature.bar.dismiss()
    chapter = window.current_chapter.id
    feature.consider(chapter)  # the chapter is shown again
    assert not feature.bar.isVisible()


def test_no_bar_for_ordinary_chapters_or_read_only_text(window, make_window, tmp_path: Path, prompt_log):
    feature = install(window)
    feature.consider(window.current_chapter.id)
    assert not feature.bar.isVisible()  # the sample's paragraphs are one line each
    other = make_window()
    other_feature = install(other)
    path = _wrapped_file(tmp_path)
    path.chmod(0o444)
    try:
        other.open_project(path)
        other_feature.consider(other.current_chapter.id)
        assert other.editor.isReadOnly()
        assert not other_feature.bar.isVisible()
    finally:
        path.chmod(0o644)


def test_the_feature_is_installed_with_the_others():
    from writer_app.ui.features import FEATURE_MODULES

    assert "writer_app.ui.wrapped_lines" in FEATURE_MODULES
