"""Find and replace: a bar under the editor for the open chapter or, ticked, the whole manuscript.

In the open chapter, matches are highlighted in the editor's "find" layer. In the whole manuscript, the search
runs on a worker (``SearchRunner``) and its hits fill a list grouped by chapter under the bar; replacing all
takes a snapshot of each chapter it changes first, and the open chapter changes through the editor's undo.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from writer_app.core.search import (
    ChapterHits,
    Deadline,
    SearchError,
    SearchQuery,
    apply_edits,
    check_replacement,
    find_spans,
    replace_spans,
)
from writer_app.core.text import Utf16Map
from writer_app.ui.editor import ChapterEditor, make_selection
from writer_app.ui.i18n import translator
from writer_app.ui.search_access import ManuscriptAccess
from writer_app.ui.search_results import HitPlace, SearchResultsView
from writer_app.ui.search_worker import ChapterPlan, ReplacePlan, SearchRunner

log = logging.getLogger(__name__)

MAX_HIGHLIGHTS = 2000
CHAPTER_TIMEOUT = 1.0  # seconds a search of the open chapter may take on the GUI thread
SEARCH_DELAY_MS = 250  # pause in typing before the whole manuscript is searched again
RESULTS_HEIGHT = 240


tr = translator("FindBar")


class FindBar(QFrame):
    """Find next/previous, replace, replace all in the chapter or the whole manuscript; Esc closes it."""

    closed = Signal()
    message = Signal(str)
    search_finished = Signal(int)  # hits in the whole manuscript

    def __init__(self, editor: ChapterEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.editor = editor
        self.manuscript: ManuscriptAccess | None = None
        self.highlight = QColor("#f6d96b")
        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText(tr("Find"))
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setPlaceholderText(tr("Replace with"))
        self.case = QCheckBox(tr("Match case"), self)
        self.whole = QCheckBox(tr("Whole words"), self)
        self.regex = QCheckBox(tr("Regular expression"), self)
        self.everywhere = QCheckBox(tr("In the whole manuscript"), self)
        self.count_label = QLabel(self)
        # As wide as its longest usual text, and no wider whatever it says (the window must not grow).
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance("00000 in 000 chapters"))
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        previous = QPushButton(tr("Previous"), self)
        following = QPushButton(tr("Next"), self)
        self.replace_button = QPushButton(tr("Replace"), self)
        self.replace_all_button = QPushButton(tr("Replace All"), self)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(tr("Close (Esc)"))
        self.results = SearchResultsView(self)
        self.results.setMinimumHeight(RESULTS_HEIGHT)
        self.results.hide()
        self.runner = SearchRunner(self)
        layout = QGridLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setHorizontalSpacing(6)
        layout.addWidget(self.find_edit, 0, 0)
        layout.addWidget(previous, 0, 1)
        layout.addWidget(following, 0, 2)
        layout.addWidget(self.case, 0, 3)
        layout.addWidget(self.whole, 0, 4)
        layout.addWidget(self.regex, 0, 5)
        layout.addWidget(self.count_label, 0, 6)
        layout.addWidget(close, 0, 7)
        layout.addWidget(self.replace_edit, 1, 0)
        layout.addWidget(self.replace_button, 1, 1)
        layout.addWidget(self.replace_all_button, 1, 2)
        layout.addWidget(self.everywhere, 1, 3, 1, 3)
        layout.addWidget(self.results, 2, 0, 1, 8)
        layout.setColumnStretch(0, 1)
        self._chapter_cache: tuple[object, list[tuple[int, int]]] | None = None
        self._plan: tuple[SearchQuery, str, str | None] | None = None  # query, replacement, chapter open then
        self._jump_when_found: bool | None = None  # go to the first (True) or last hit once one arrives
        self._refresh_timer = QTimer(self, singleShot=True, interval=150)
        self._refresh_timer.timeout.connect(self.refresh_highlights)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search_manuscript)
        self.find_edit.textChanged.connect(lambda _text: self._on_query_changed())
        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit.returnPressed.connect(self.replace)
        self.replace_edit.textChanged.connect(lambda _text: self._update_preview())
        for box in (self.case, self.whole, self.regex):
            box.toggled.connect(lambda _on: self._on_options_changed())
        self.everywhere.toggled.connect(self._on_everywhere_toggled)
        previous.clicked.connect(self.find_previous)
        following.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.close_bar)
        self.results.hit_activated.connect(self.jump_to)
        self.runner.found.connect(self._on_found)
        self.runner.finished.connect(self._on_search_finished)
        self.runner.failed.connect(self._on_search_failed)
        self.runner.planned.connect(self._on_planned)
        for child in self.findChildren(QWidget):  # Esc closes the bar whichever of its widgets has the focus
            child.installEventFilter(self)
        editor.text_edited.connect(self._on_text_edited)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Esc in the bar closes it (taking precedence over the window's Esc shortcut)."""
        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def set_manuscript(self, manuscript: ManuscriptAccess) -> None:
        """Let the bar search and replace in every chapter of the open project."""
        self.manuscript = manuscript

    def open_bar(self, replace: bool = False) -> None:
        """Show the bar (with the replace row if asked), seeded with the selected text."""
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        for widget in (self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setVisible(replace)
        self.everywhere.setEnabled(self.manuscript is not None)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self._update_preview()
        self.refresh_highlights()
        if self._whole_manuscript():
            self.search_manuscript()

    def close_bar(self) -> None:
        """Hide the bar, clear the highlights, and give the editor the focus back."""
        self.hide()
        self.runner.cancel()
        self._search_timer.stop()
        self.editor.set_extra_selection_layer("find", [])
        self.editor.setFocus()
        self.closed.emit()

    def query(self) -> SearchQuery:
        """What the bar looks for, with its options."""
        return SearchQuery(self.find_edit.text(), self.case.isChecked(), self.whole.isChecked(),
                           self.regex.isChecked())

    def _whole_manuscript(self) -> bool:
        return self.everywhere.isChecked() and self.manuscript is not None and self.manuscript.available()

    def _show_error(self, text: str) -> None:
        self.count_label.setText(tr("Not valid") if "not valid" in text else tr("Stopped"))
        self.count_label.setToolTip(text)
        self.message.emit(text)

    # ------------------------------------------------------------------------------------ the open chapter
    def _chapter_spans(self) -> list[tuple[int, int]]:
        """The matches in the editor as UTF-16 (Qt) positions; raises ``SearchError`` for a bad pattern."""
        query = self.query()
        key = (self.editor.revision, query)
        if self._chapter_cache is not None and self._chapter_cache[0] == key:
            return self._chapter_cache[1]
        text = self.editor.text()
        spans = find_spans(query.compile(), text, Deadline(CHAPTER_TIMEOUT))
        utf16 = Utf16Map(text)
        converted = [(utf16.to_utf16(a), utf16.to_utf16(b)) for a, b in spans]
        self._chapter_cache = (key, converted)
        return converted

    def _spans_or_error(self) -> list[tuple[int, int]] | None:
        try:
            return self._chapter_spans()
        except SearchError as error:
            self._show_error(str(error))
            return None

    def find_next(self) -> bool:
        """Select the next match (wrapping around); False if there is none."""
        if self._whole_manuscript():
            return self._step_results(forward=True)
        return self._find(backward=False)

    def find_previous(self) -> bool:
        """Select the previous match (wrapping around)."""
        if self._whole_manuscript():
            return self._step_results(forward=False)
        return self._find(backward=True)

    def _find(self, backward: bool) -> bool:
        if not self.find_edit.text():
            return False
        spans = self._spans_or_error()
        if spans is None:
            return False
        if not spans:
            self.count_label.setText(tr("Not found"))
            return False
        cursor = self.editor.textCursor()
        if backward:
            earlier = [span for span in spans if span[0] < cursor.selectionStart()]
            start, end = earlier[-1] if earlier else spans[-1]
        else:
            later = [span for span in spans if span[0] >= cursor.selectionEnd()]
            start, end = later[0] if later else spans[0]
        self._select(start, end)
        return True

    def _select(self, start: int, end: int) -> None:
        cursor = self.editor.textCursor()
        limit = max(0, self.editor.document().characterCount() - 1)
        cursor.setPosition(min(start, limit))
        cursor.setPosition(min(end, limit), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()

    def _selected_match(self) -> tuple[int, int] | None:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            return None
        try:
            spans = self._chapter_spans()
        except SearchError:
            return None
        span = (cursor.selectionStart(), cursor.selectionEnd())
        return span if span in spans else None

    def _replacement_for(self, start: int) -> str:
        """The replacement for the match at UTF-16 position ``start`` of the editor (groups expanded)."""
        query, replacement = self.query(), self.replace_edit.text()
        if not query.regex:
            return replacement
        text = self.editor.text()
        edits = replace_spans(query, text, replacement, Deadline(CHAPTER_TIMEOUT))
        utf16 = Utf16Map(text)
        for a, _b, new in edits:
            if utf16.to_utf16(a) == start:
                return new
        return replacement

    def replace(self) -> bool:
        """Replace the selected match and go to the next one (in the whole manuscript: show it first)."""
        if self.editor.isReadOnly() or not self.find_edit.text():
            return False
        try:
            check_replacement(self.query(), self.replace_edit.text())
        except SearchError as error:
            self._show_error(str(error))
            return False
        selected = self._selected_match()
        if selected is None:
            if self._whole_manuscript():  # show the next hit first; the next press replaces it
                self._step_results(forward=True)
                return False
            if not self.find_next():
                return False
            selected = self._selected_match()
            if selected is None:
                return False
        try:
            new = self._replacement_for(selected[0])
        except SearchError as error:
            self._show_error(str(error))
            return False
        self.editor.textCursor().insertText(new)
        self._find(backward=False)
        return True

    def _apply_in_editor(self, text: str, edits: list[tuple[int, int, str]] | tuple) -> int:
        """Make ``edits`` (code points of ``text``, the editor's text) as one undo step; keep the writer's place."""
        utf16 = Utf16Map(text)
        cursor = self.editor.textCursor()
        anchor, position = cursor.anchor(), cursor.position()
        shift = 0
        shift_anchor = shift_position = 0
        cursor.beginEditBlock()
        for a, b, new in edits:
            start, end = utf16.to_utf16(a) + shift, utf16.to_utf16(b) + shift
            delta = Utf16Map(new).to_utf16(len(new)) - (end - start)
            if end <= anchor + shift_anchor:  # compare with the places mapped through the edits so far
                shift_anchor += delta
            if end <= position + shift_position:
                shift_position += delta
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(new)
            shift += delta
        cursor.endEditBlock()
        limit = max(0, self.editor.document().characterCount() - 1)
        cursor.setPosition(max(0, min(limit, anchor + shift_anchor)))
        cursor.setPosition(max(0, min(limit, position + shift_position)), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        return len(edits)

    def replace_all(self) -> int:
        """Replace every match in the chapter as one undo step and return how many; in the whole manuscript,
        ask, then work the replacements out on the worker (``search_finished`` follows the change)."""
        query, replacement = self.query(), self.replace_edit.text()
        if not query.text:
            return 0
        try:
            check_replacement(query, replacement)
            query.compile()
        except SearchError as error:
            self._show_error(str(error))
            return 0
        if self._whole_manuscript():
            self._ask_replace_everywhere(query, replacement)
            return 0
        if self.editor.isReadOnly():
            return 0
        text = self.editor.text()
        try:
            edits = replace_spans(query, text, replacement, Deadline(CHAPTER_TIMEOUT))
        except SearchError as error:
            self._show_error(str(error))
            return 0
        count = self._apply_in_editor(text, edits)
        self.message.emit(tr("Replaced {0} occurrence.").format(count) if count == 1
                          else tr("Replaced {0} occurrences.").format(count))
        self.refresh_highlights()
        return count

    def refresh_highlights(self) -> int:
        """Highlight every match in the open chapter (up to a limit) and show how many there are."""
        needle = self.find_edit.text()
        if not self.isVisible() or not needle:
            self.editor.set_extra_selection_layer("find", [])
            self.count_label.setText("")
            return 0
        self.count_label.setToolTip("")
        spans = self._spans_or_error()
        if spans is None:
            self.editor.set_extra_selection_layer("find", [])
            return 0
        fmt = QTextCharFormat()
        fmt.setBackground(self.highlight)
        selections = []
        for start, end in spans[:MAX_HIGHLIGHTS]:
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selections.append(make_selection(cursor, fmt))
        self.editor.set_extra_selection_layer("find", selections)
        if not self._whole_manuscript():
            count = len(spans)
            self.count_label.setText(tr("{0} found").format(count) if count else tr("Not found"))
        return len(spans)

    # ------------------------------------------------------------------------------ the whole manuscript
    def search_manuscript(self) -> int | None:
        """Search every chapter on the worker (results arrive in the list); returns the search's generation."""
        self._search_timer.stop()
        self._plan = None
        model = self.results.results
        query = self.query()
        if not self.isVisible() or not self._whole_manuscript() or not query.text:
            self.runner.cancel()
            model.clear()
            return None
        try:
            query.compile()
        except SearchError as error:
            self.runner.cancel()
            model.clear()
            self._show_error(str(error))
            return None
        assert self.manuscript is not None
        model.clear(query)
        self._update_preview()
        self.count_label.setToolTip("")
        self.count_label.setText(tr("Searching…"))
        return self.runner.search(query, self.manuscript.sources())

    def _on_found(self, _generation: int, batch: list[ChapterHits]) -> None:
        self.results.results.add(batch)
        model = self.results.results
        self.count_label.setText(tr("{0} so far…").format(f"{model.total:,}"))
        if self._jump_when_found is True and model.total:  # Next was asked before any hit was known
            self._jump_when_found = None
            self._step_results(True)

    def _on_search_finished(self, _generation: int, seconds: float) -> None:
        if self._plan is not None:
            return
        model = self.results.results
        log.debug("manuscript search: %d hits in %.3f s", model.total, seconds)
        if self._jump_when_found is not None:  # Previous was asked before the last hit was known
            forward, self._jump_when_found = self._jump_when_found, None
            if model.total:
                self._step_results(forward)
        if model.total:
            total = f"{model.total:,}"
            self.count_label.setText(tr("{0} in {1} chapters").format(total, len(model.chapters))
                                     if len(model.chapters) != 1 else tr("{0} in 1 chapter").format(total))
        else:
            self.count_label.setText(tr("Not found"))
        self.search_finished.emit(model.total)

    def _on_search_failed(self, _generation: int, message: str) -> None:
        self._plan = None
        self._show_error(message)
        self.search_finished.emit(self.results.results.total)

    def _step_results(self, forward: bool) -> bool:
        model = self.results.results
        if self._search_timer.isActive() or model.query != self.query():  # asked before the results came
            self._jump_when_found = forward
            self.search_manuscript()
            return False
        if self.runner.busy and not model.total:
            self._jump_when_found = forward
            return False
        place = self.results.step(forward)
        if place is None:
            self.count_label.setText(tr("Not found"))
            return False
        return self.jump_to(place)

    def jump_to(self, place: HitPlace) -> bool:
        """Open the hit's chapter (if it is not open) and select the hit in the editor."""
        assert self.manuscript is not None
        if self.manuscript.current_id() != place.chapter_id and not self.manuscript.open_chapter(place.chapter_id):
            return False
        text = self.editor.text()
        utf16 = Utf16Map(text)
        self._select(utf16.to_utf16(place.start), utf16.to_utf16(place.end))
        return True

    def _update_preview(self) -> None:
        replacement = self.replace_edit.text()  # an empty one deletes, but shows no preview until typed
        self.results.results.set_replacement(replacement if replacement and self.replace_edit.isVisible() else None)

    def _ask_replace_everywhere(self, query: SearchQuery, replacement: str) -> None:
        assert self.manuscript is not None
        if self.manuscript.read_only():
            self.message.emit(tr("This project is read-only; nothing was replaced."))
            return
        model = self.results.results
        if model.query != query or self.runner.busy:
            self.message.emit(tr("Wait for the search to finish, then replace."))
            return
        if not model.total:
            self.message.emit(tr("Nothing to replace."))
            return
        question = tr("Replace {0} matches of “{1}” with “{2}” in {3} chapters? Each chapter is kept as a snapshot "
                      "first.").format(f"{model.total:,}", query.text, replacement, len(model.chapters))
        if not self.manuscript.confirm(tr("Replace All"), question):
            return
        self._plan = (query, replacement, self.manuscript.current_id())
        self.count_label.setText(tr("Replacing…"))
        # Each chapter's snapshot is taken on the worker, from the text the plan read; the open chapter's just
        # before it changes (the writer may type meanwhile).
        self.runner.plan_replace_all(query, self.manuscript.sources(), replacement, self.manuscript.snapshotter(),
                                     self.manuscript.current_id())

    def _on_planned(self, _generation: int, plan: ReplacePlan) -> None:
        if self._plan is None or self.manuscript is None:
            return
        query, replacement, was_open = self._plan
        self._plan = None
        if plan.snapshot_errors:
            self.message.emit(plan.snapshot_errors[0])
            if not self.manuscript.confirm(tr("No Snapshot"),
                                           tr("A snapshot could not be taken first. Go ahead anyway?")):
                self.search_manuscript()
                return
        if plan.over_cap:
            self.manuscript.offer_prune()
        changed = self.apply_plans(query, replacement, list(plan.chapters), was_open)
        if changed is not None:
            count, chapters = changed
            text = (tr("Replaced {0} occurrence.").format(count) if count == 1 else
                    tr("Replaced {0} occurrences in {1} chapters.").format(f"{count:,}", chapters))
            self.message.emit(text)
        self.search_manuscript()

    def apply_plans(self, query: SearchQuery, replacement: str, plans: list[ChapterPlan],
                    was_open: str | None = None) -> tuple[int, int] | None:
        """Change each planned chapter (the open one through the editor's undo); returns (count, chapters), or
        None if the writer stopped it. The worker snapshotted all but the chapter open when it started
        (``was_open``) and the one open now: those are snapshotted here, just before they change."""
        assert self.manuscript is not None
        if not plans:
            return 0, 0
        current = self.manuscript.current_id()
        here = [plan.chapter_id for plan in plans if plan.chapter_id in (current, was_open)]
        if here and not self.manuscript.snapshot_before_replace_all(here):
            return None
        count = 0
        closed: dict[str, str] = {}
        for plan in plans:
            is_open = plan.chapter_id == current
            text = self.editor.text() if is_open else self.manuscript.known_text(plan.chapter_id)
            edits: list[tuple[int, int, str]] | tuple = plan.edits
            if text is None:
                text = plan.text
            elif text != plan.text:  # changed while the worker worked it out: work it out again
                try:
                    edits = replace_spans(query, text, replacement, Deadline(CHAPTER_TIMEOUT))
                except SearchError as error:
                    self._show_error(str(error))
                    continue
            if is_open:
                count += self._apply_in_editor(text, edits)
            else:
                closed[plan.chapter_id] = apply_edits(text, list(edits))
                count += len(edits)
        if closed:
            self.manuscript.write_later(closed)
        return count, len(plans)

    def _on_everywhere_toggled(self, on: bool) -> None:
        self.results.setVisible(on)
        if on:
            self.search_manuscript()
        else:
            self.runner.cancel()
            self.results.results.clear()
            self.refresh_highlights()

    def on_project_changed(self) -> None:
        """A project opened or closed: search it again (or forget the old one's hits)."""
        if self.isVisible() and self.everywhere.isChecked():
            self.search_manuscript()
        else:
            self.runner.cancel()
            self.results.results.clear()

    def _on_query_changed(self) -> None:
        self._refresh_timer.start()
        if self._whole_manuscript():
            self._search_timer.start()

    def _on_options_changed(self) -> None:
        self.refresh_highlights()
        if self._whole_manuscript():
            self.search_manuscript()

    def _on_text_edited(self) -> None:
        if self.isVisible() and self.find_edit.text():
            self._refresh_timer.start()
            if self._whole_manuscript() and self._plan is None:
                self._search_timer.start()
