"""Hard-wrapped chapters: a bar offers to join their lines into paragraphs (a feature module).

Text from an e-mail, a forum or Project Gutenberg breaks every paragraph into lines of about seventy
characters. The editor keeps each line as a paragraph of its own, so the checker reads a sentence in two
halves and a quotation wrapped over two lines is not seen as dialogue. When a chapter that can be edited
opens with such paragraphs, a bar says so and offers to join them: one undoable edit that replaces each
line break inside a wrapped paragraph (with the spaces around it) by one space. Blocks whose lines do not fill
a column (verse, lists, headings, one-line paragraphs) are never touched: the test is the checker's own
(:func:`writer_app.grammar.unwrap.unwrap`). Nothing is joined without the writer asking, and the bar does not
come back for a chapter the writer dismissed it for while the project stays open.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from writer_app.core.text import Utf16Map
from writer_app.ui.i18n import translator
from writer_app.ui.notice_bar import EditorNoticeBar

log = logging.getLogger(__name__)

tr = translator("WrappedLines")

# The bar is offered when at least this many line breaks fall inside wrapped paragraphs.
MIN_WRAPPED_BREAKS = 3


def wrapped_line_breaks(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of ``text`` (code points) that break lines inside hard-wrapped paragraphs.

    Each span is a line end with the spaces before and after it; joining replaces it with one space. The
    paragraphs are the ones the checker's unwrap joins, so what the bar offers is what checking would read.
    """
    from writer_app.grammar.unwrap import unwrap  # the checker's module loads with the first wrapped chapter

    return _line_breaks(unwrap(text).pieces)


def _line_breaks(pieces: tuple[tuple[int, int, int], ...]) -> list[tuple[int, int]]:
    """The original spans between consecutive unwrap ``pieces`` that a single joining space replaced."""
    spans: list[tuple[int, int]] = []
    for (position, original, length), (next_position, next_original, _length) in zip(pieces, pieces[1:], strict=False):
        if next_position == position + length + 1:  # one joining space stands between the two pieces
            spans.append((original + length, next_original))
    return spans


def wrapped_paragraphs(text: str, spans: list[tuple[int, int]]) -> int:
    """How many paragraphs of ``text`` the line-break ``spans`` fall in (spans of one paragraph share it)."""
    count = 0
    for index, (start, _end) in enumerate(spans):
        if index == 0 or "\n" in text[spans[index - 1][1]:start]:
            count += 1
    return count


def moved_position(position: int, spans: list[tuple[int, int]]) -> int:
    """Where code-point ``position`` lands once ``spans`` are joined (inside a span: just after its space)."""
    removed = 0
    for start, end in spans:
        if position <= start:
            break
        if position < end:
            return start - removed + 1
        removed += end - start - 1
    return position - removed


def join_wrapped_lines(editor: QPlainTextEdit, text: str) -> int:
    """Join the wrapped paragraphs of ``editor`` (whose text is ``text``) as one undoable edit.

    The edit replaces the range from the first line break to the last with its joined text (read from the
    checker's unwrap, which joins exactly these breaks) in one go: one change for the document's listeners, not
    thousands; the cursor keeps its place in the prose. Returns how many line breaks were joined.
    """
    from writer_app.grammar.unwrap import unwrap

    unwrapped = unwrap(text)
    spans = _line_breaks(unwrapped.pieces)
    if not spans:
        return 0
    utf16 = Utf16Map(text)
    first, last = spans[0][0], spans[-1][1]
    joined_last = moved_position(last, spans)  # where the last break's end lands in the joined text
    new_here = moved_position(utf16.to_cp(editor.textCursor().position()), spans)
    cursor = QTextCursor(editor.document())
    cursor.beginEditBlock()
    try:
        cursor.setPosition(utf16.to_utf16(first))
        cursor.setPosition(utf16.to_utf16(last), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(unwrapped.text[first:joined_last])
    finally:
        cursor.endEditBlock()
    place = editor.textCursor()
    place.setPosition(min(Utf16Map(unwrapped.text).to_utf16(new_here), editor.document().characterCount() - 1))
    editor.setTextCursor(place)
    log.info("joined %d wrapped line breaks", len(spans))
    return len(spans)


class WrappedLinesBar(EditorNoticeBar):
    """A bar across the top of the editor: says the chapter is hard-wrapped and offers to join its lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("wrappedLinesBar", tr("Join lines into paragraphs"), parent)

    def tell(self, paragraphs: int, breaks: int) -> None:
        """Show the message for ``paragraphs`` hard-wrapped paragraphs holding ``breaks`` line breaks."""
        self.show_message(
            tr("{0} paragraphs of this chapter are broken into lines of fixed width ({1} line breaks inside "
               "paragraphs), so checking reads each line on its own. Join the lines into paragraphs? "
               "(Undo puts them back.)")
            .replace("{0}", f"{paragraphs:,}").replace("{1}", f"{breaks:,}"))


class WrappedLinesFeature(QObject):
    """Looks at each chapter the window opens and shows the bar over the editor when it is hard-wrapped."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.editor: QPlainTextEdit = window.editor
        self.bar = WrappedLinesBar(self.editor)
        self.bar.action_requested.connect(self.join)
        self.bar.dismissed.connect(self._remember_dismissed)
        self._chapter: str | None = None
        self._dismissed: set[str] = set()
        self.editor.installEventFilter(self)
        window.chapter_opened.connect(self.consider)
        window.project_opened.connect(lambda _project: self._forget())
        window.project_closed.connect(self._forget)

    def consider(self, chapter_id: str) -> None:
        """Show the bar when the chapter just opened is editable and hard-wrapped; hide it otherwise."""
        self._chapter = chapter_id
        self.bar.hide()
        if chapter_id in self._dismissed or self.editor.isReadOnly():
            return
        text = self.editor.toPlainText()
        if "\n" not in text:
            return
        spans = wrapped_line_breaks(text)
        if len(spans) < MIN_WRAPPED_BREAKS:
            return
        self.bar.tell(wrapped_paragraphs(text, spans), len(spans))
        self._place()

    def join(self) -> int:
        """Join the open chapter's wrapped lines (one undoable edit) and hide the bar."""
        self.bar.hide()
        if self.editor.isReadOnly():
            return 0
        joined = join_wrapped_lines(self.editor, self.editor.toPlainText())
        self.window.show_message(tr("Joined {0} line breaks; Undo puts them back.").replace("{0}", f"{joined:,}"))
        return joined

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Keep the bar across the top of the editor's page when the editor is resized."""
        if watched is self.editor and event.type() == QEvent.Type.Resize and self.bar.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        self.bar.place_over(self.editor.viewport().geometry())

    def _remember_dismissed(self) -> None:
        if self._chapter is not None:
            self._dismissed.add(self._chapter)

    def _forget(self) -> None:
        self._dismissed.clear()
        self._chapter = None
        self.bar.hide()


def install(window: Any) -> WrappedLinesFeature:
    """Offer to join hard-wrapped chapters in ``window``."""
    return WrappedLinesFeature(window)
