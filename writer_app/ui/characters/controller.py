"""Glue between the main window, the mention index workers and the Characters panel."""

from __future__ import annotations

import bisect
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from writer_app.characters.cast import Cast, Character
from writer_app.characters.mentions import ChapterMentions, MentionIndex, MentionMatcher, utf16_spans
from writer_app.errors import WriterAppError
from writer_app.ui.characters.chart import ChartRow
from writer_app.ui.characters.dialog import CharacterDialog
from writer_app.ui.characters.panel import CastRow, CharactersPanel, SuggestionRow
from writer_app.ui.characters.renamer import CharacterRenamer
from writer_app.ui.characters.texts import ChapterTexts
from writer_app.ui.characters.workers import ChapterSnapshot, IndexDispatcher, IndexRequest, UnreadableChapter

if TYPE_CHECKING:  # discovery's module builds a large pattern when imported: only the worker needs it
    from writer_app.characters.discover import Candidate

log = logging.getLogger(__name__)

LAYER = "mentions"
EDIT_DELAY_MS = 600  # re-index the open chapter (copying its text) only after this pause in typing
NAVIGATION_DELAY_MS = 120  # the "n of total" label follows cursor moves after this pause (not per keystroke)
DISCOVER_DELAY_MS = 4000  # look for new names this long after a save
CHART_DEFAULT_ROWS = 8
HIGHLIGHT_ALPHA = 80


class CharactersController(QObject):
    """Keeps the cast, the mention index and the suggestions of the open project, and drives the panel."""

    cast_changed = Signal(object)  # Cast: names the speller should know changed
    mentions_updated = Signal()  # counts or positions changed (after a background result)
    suggestions_updated = Signal()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.editor = window.editor
        self.panel = CharactersPanel()
        self.dispatcher = IndexDispatcher(self)
        self.project: Any = None
        self.cast = Cast()
        self.matcher = MentionMatcher([])
        self.index = MentionIndex(self.matcher)
        self.suggestions: list[Candidate] = []
        self._suggestion_merges: list[list[str]] = []  # suggestions the writer merged, kept across rediscovery
        self._open_texts: dict[int, tuple[str, int, str]] = {}  # snapshot -> (chapter id, revision, text)
        self._texts = ChapterTexts(window)  # in-memory texts, file snapshots, and the latest text of each chapter
        self._unreadable: dict[str, str] = {}  # chapter id -> why the worker could not read its file
        self._spans: list[tuple[int, int, int]] = []  # open chapter's mentions: (start, end, slot), UTF-16
        self._spans_revision = -1
        self._pending_navigation: tuple[str, str] | None = None  # ("first" | "last", chapter id)

        self._edit_timer = QTimer(self, singleShot=True, interval=EDIT_DELAY_MS)
        self._edit_timer.timeout.connect(self.reindex_open_chapter)
        self._navigation_timer = QTimer(self, singleShot=True, interval=NAVIGATION_DELAY_MS)
        self._navigation_timer.timeout.connect(self._update_navigation)
        self._discover_timer = QTimer(self, singleShot=True, interval=DISCOVER_DELAY_MS)
        self._discover_timer.timeout.connect(self.rediscover)
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._refresh_views)

        self.dispatcher.chapter_indexed.connect(self._on_chapter_indexed)
        self.dispatcher.texts_read.connect(self._on_texts_read)
        self.dispatcher.unreadable.connect(self._on_unreadable)
        self.dispatcher.suggestions_ready.connect(self._on_suggestions)
        self.dispatcher.failed.connect(lambda message: self._message(self.tr("Character indexing failed: {0}")
                                                                     .format(message)))
        self.dispatcher.idle.connect(lambda: self.panel.set_status(self._idle_status()))
        self.panel.selection_changed.connect(self._on_selection_changed)
        self.panel.next_requested.connect(self.next_mention)
        self.panel.previous_requested.connect(self.previous_mention)
        self.panel.add_requested.connect(self.add_character)
        self.panel.edit_requested.connect(self.edit_character)
        self.panel.merge_requested.connect(self.merge_characters)
        self.panel.split_requested.connect(self.split_character)
        self.panel.merge_suggestions_requested.connect(self.merge_suggestions)
        self.panel.delete_requested.connect(self.delete_characters)
        self.panel.accept_requested.connect(self.accept_suggestions)
        self.panel.dismiss_requested.connect(self.dismiss_suggestions)
        self.panel.chart.chapter_clicked.connect(self._open_chapter_at)
        self.renamer = CharacterRenamer(self)
        self.panel.rename_requested.connect(self.renamer.rename)
        self.panel.undo_rename_requested.connect(self.renamer.undo)
        self.renamer.undo_changed.connect(self.panel.set_undo_rename)

        window.project_opened.connect(self.open_project)
        window.project_closed.connect(self.close_project)
        window.chapter_opened.connect(self._on_chapter_opened)
        window.chapter_about_to_close.connect(self._on_chapter_about_to_close)
        window.chapter_saved.connect(lambda _cid: self._discover_timer.start())
        self.editor.text_edited.connect(self._edit_timer.start)
        self.editor.text_edited.connect(self.dispatcher.pulse.note_typing)  # indexing waits while the writer types
        self.editor.viewport_changed.connect(self._refresh_highlights)
        self.editor.cursorPositionChanged.connect(self._navigation_timer.start)
        self.panel.set_editable(False)
        if getattr(window, "project", None) is not None:
            self.open_project(window.project)

    @property
    def busy(self) -> bool:
        """Whether counts are still being computed or shown (indexing queued, views not refreshed yet)."""
        return (self.dispatcher.busy or self._refresh_timer.isActive() or self._edit_timer.isActive()
               )

    # ----------------------------------------------------------------------------------------------- project
    def open_project(self, project: Any) -> None:
        """Load the cast of ``project`` and index it in the background."""
        self.project = project
        self.cast = Cast.from_project(project)
        self.renamer.forget()
        self.suggestions = []
        self._forget_texts()
        self.panel.set_suggestions([])
        self.panel.set_editable(not getattr(project, "read_only", False))
        self._rebuild_index()

    def close_project(self) -> None:
        """Forget everything about the closed project."""
        self.project = None
        self.cast = Cast()
        self.renamer.forget()
        self.suggestions = []
        self._suggestion_merges = []
        self._forget_texts()
        self.dispatcher.new_epoch()
        self.matcher = MentionMatcher([])
        self.index = MentionIndex(self.matcher)
        self._spans = []
        self.editor.set_extra_selection_layer(LAYER, [])
        self.panel.set_suggestions([])
        self.panel.set_editable(False)
        self._refresh_views()

    def _forget_texts(self) -> None:
        self._texts.clear()
        self._unreadable = {}

    def _chapters(self) -> list[Any]:
        return list(getattr(self.project, "chapters", []) or []) if self.project is not None else []

    def _current_id(self) -> str | None:
        chapter = getattr(self.window, "current_chapter", None)
        return getattr(chapter, "id", None)

    # ----------------------------------------------------------------------------------------------- indexing
    def _rebuild_index(self) -> None:
        """The cast changed (or a project opened): new matcher, new epoch, index everything again."""
        self.matcher = MentionMatcher(self.cast)
        self.index = MentionIndex(self.matcher)
        self._spans = []
        self._spans_revision = -1
        self.dispatcher.new_epoch()
        self.cast_changed.emit(self.cast)
        self.reindex_all(discover=True)
        self._refresh_views()

    def _snapshot(self, chapter: Any, memory: dict[str, str]) -> ChapterSnapshot:
        """The chapter as it is now: its text in ``memory`` (``ChapterTexts.in_memory``), else its file."""
        snapshot = self.dispatcher.next_snapshot()
        text = memory.get(chapter.id)
        if text is None:
            return ChapterTexts.file_snapshot(self.project, chapter, snapshot)
        if chapter.id == self._current_id():
            self._open_texts[snapshot] = (chapter.id, self.editor.revision, text)
        self._texts.remember(chapter.id, snapshot, text)
        return ChapterSnapshot(chapter.id, snapshot, text)

    def _request(self, chapters: list[ChapterSnapshot],
                 discover: list[ChapterSnapshot] | None = None) -> IndexRequest:
        return IndexRequest(
            epoch=self.dispatcher.epoch, matcher=self.matcher, chapters=tuple(chapters),
            discover=tuple(discover) if discover is not None else None,
            exclude=frozenset(form for character in self.cast for form in character.forms()),
            dismissed=frozenset(getattr(self.project, "dismissed_characters", []) or []),
        )

    def reindex_all(self, discover: bool = False) -> None:
        """Index every chapter (and look for new names) in the background."""
        if self.project is None:
            return
        memory = self._texts.in_memory()
        snapshots = [self._snapshot(chapter, memory) for chapter in self._chapters()]
        self.panel.set_status(self.tr("Counting mentions…"))
        self.dispatcher.submit(self._request(snapshots, snapshots if discover else None))

    def rediscover(self) -> None:
        """Look for new names in the latest text of every chapter (after saves), without re-counting."""
        if self.project is None:
            return
        memory = self._texts.in_memory()
        self.dispatcher.submit(self._request([], [self._discovery_snapshot(c, memory) for c in self._chapters()]))

    def _discovery_snapshot(self, chapter: Any, memory: dict[str, str]) -> ChapterSnapshot:
        """The chapter's latest text for discovery: from memory or the cache if possible, else its file."""
        text = memory.get(chapter.id)
        if text is None:
            text = self._texts.cached(chapter.id)
        snapshot = self.dispatcher.next_snapshot()
        if text is None:
            return ChapterTexts.file_snapshot(self.project, chapter, snapshot)
        return ChapterSnapshot(chapter.id, snapshot, text)

    def reindex_open_chapter(self) -> None:
        """Index the chapter open in the editor (after typing or opening it)."""
        chapter = getattr(self.window, "current_chapter", None)
        if self.project is None or chapter is None:
            return
        self.dispatcher.submit(self._request([self._snapshot(chapter, {chapter.id: self.editor.text()})]))

    def _on_chapter_indexed(self, chapter_id: str, snapshot: int, mentions: ChapterMentions) -> None:
        if len(mentions.counts) != len(self.index.names):
            return  # computed for another cast
        self.index.set_chapter(chapter_id, mentions)
        self._unreadable.pop(chapter_id, None)
        opened = self._open_texts.pop(snapshot, None)
        for old in [s for s in self._open_texts if s < snapshot]:
            del self._open_texts[old]
        if opened is not None and chapter_id == self._current_id():
            _cid, revision, text = opened
            if revision == self.editor.revision:
                spans = utf16_spans(text, [(m.start, m.end) for m in mentions.mentions])
                self._spans = [(s, e, m.character) for (s, e), m in zip(spans, mentions.mentions, strict=True)]
                self._spans_revision = revision
                self._refresh_highlights()
                self._resolve_pending_navigation()
        self._refresh_timer.start()

    def _on_texts_read(self, texts: tuple[tuple[ChapterSnapshot, str], ...]) -> None:
        """Cache the chapter texts the worker read from disk, for later discovery."""
        for snap, text in texts:
            self._texts.remember(snap.chapter_id, snap.snapshot, text)

    def _on_unreadable(self, chapters: tuple[UnreadableChapter, ...]) -> None:
        """Chapter files the worker could not read: their mentions are missing; say so in the panel status."""
        for chapter in chapters:
            self._unreadable[chapter.chapter_id] = chapter.message
        self.panel.set_status(self._idle_status())

    def _on_chapter_about_to_close(self, chapter_id: str) -> None:
        """Keep the text of the chapter being left: it is the newest, and may not be on disk yet."""
        if chapter_id == self._current_id():
            self._texts.remember(chapter_id, self.dispatcher.next_snapshot(), self.editor.text())

    def _on_suggestions(self, suggestions: tuple[Candidate, ...]) -> None:
        taken = {form for character in self.cast for form in character.forms()}
        dismissed = {d.casefold() for d in getattr(self.project, "dismissed_characters", []) or []}
        found = list(suggestions)
        for names in self._suggestion_merges:
            from writer_app.characters.discover import merge_suggestions

            found = merge_suggestions(found, names)
        self.suggestions = [s for s in found if s.name not in taken and s.name.casefold() not in dismissed]
        self._show_suggestions()
        self.panel.set_status(self._idle_status())
        self.suggestions_updated.emit()

    def _show_suggestions(self) -> None:
        self.panel.set_suggestions([SuggestionRow(s.name, s.count, s.variants) for s in self.suggestions])

    def _idle_status(self) -> str:
        note = self._unreadable_note()
        status = self._progress_status()
        return f"{note} {status}" if note else status

    def _unreadable_note(self) -> str:
        """One sentence about chapter files the worker could not read (empty when there are none)."""
        if not self._unreadable or self.project is None:
            return ""
        first = next(iter(self._unreadable.values()))
        if len(self._unreadable) == 1:
            return self.tr("Mentions in one chapter are not counted: {0}").format(first)
        return self.tr("Mentions in {n} chapters are not counted; the first: {0}").format(
            first, n=len(self._unreadable))

    def _progress_status(self) -> str:
        if self.dispatcher.busy:
            return self.tr("Counting mentions…")
        if self.project is None:
            return self.tr("Open a project to track its characters.")
        if not self.suggestions:
            return self.tr("No new names found in the prose.")
        if len(self.suggestions) == 1:
            return self.tr("One name found in the prose; accept it if it is a character.")
        return self.tr("{count} names found in the prose; accept the ones that are characters.").format(
            count=len(self.suggestions))

    # ----------------------------------------------------------------------------------------------- views
    def _on_chapter_opened(self, _chapter_id: str) -> None:
        self._spans = []
        self._spans_revision = -1
        self.editor.set_extra_selection_layer(LAYER, [])
        self.reindex_open_chapter()
        self._refresh_views()

    def _refresh_views(self) -> None:
        """Counts in the cast list, the chart and the navigation line."""
        self.index.reorder([c.id for c in self._chapters()])
        current = self._current_id()
        rows = []
        for slot, character in enumerate(self.cast):
            rows.append(CastRow(
                character.name, character.color,
                self.index.count(slot, current) if current else 0, self.index.count(slot),
                tuple(character.aliases), character.notes,
            ))
        self.panel.set_cast(rows)
        self._refresh_chart()
        self._update_navigation()
        self.mentions_updated.emit()

    def _selected_slots(self) -> list[int]:
        names = self.panel.selected_names()
        return [slot for slot, character in enumerate(self.cast) if character.name in names]

    def _refresh_chart(self) -> None:
        chapters = self._chapters()
        slots = self._selected_slots()
        if slots:
            self.panel.chart_title.setText(self.tr("Mentions per chapter"))
        else:
            ranked = sorted(range(len(self.cast)), key=lambda s: -self.index.count(s))
            slots = sorted(ranked[:CHART_DEFAULT_ROWS])
            self.panel.chart_title.setText(self.tr("Mentions per chapter (select characters to compare)"))
        rows = []
        for slot in slots:
            by_chapter = self.index.by_chapter(slot)
            character = self.cast.characters[slot]
            rows.append(ChartRow(character.name, character.color, tuple(by_chapter.get(c.id, 0) for c in chapters)))
        ids = [c.id for c in chapters]
        current = self._current_id()
        self.panel.chart.set_data([c.title for c in chapters], rows, ids.index(current) if current in ids else -1)

    def _on_selection_changed(self, _names: list[str]) -> None:
        self._refresh_highlights()
        self._refresh_chart()
        self._update_navigation()

    def _navigable_spans(self) -> list[tuple[int, int, int]]:
        slots = set(self._selected_slots())
        return [span for span in self._spans if span[2] in slots]

    def _refresh_highlights(self) -> None:
        """Colour the selected characters' mentions in the visible part of the editor."""
        spans = self._navigable_spans()
        if not spans or self._spans_revision != self.editor.revision:
            if not spans:
                self.editor.set_extra_selection_layer(LAYER, [])
            return
        document = self.editor.document()
        first, last = self.editor.visible_block_range()
        start_block = document.findBlockByNumber(max(0, first - 2))
        end_block = document.findBlockByNumber(last + 2)
        low = start_block.position() if start_block.isValid() else 0
        high = end_block.position() + end_block.length() if end_block.isValid() else document.characterCount()
        formats: dict[int, QTextCharFormat] = {}
        selections = []
        starts = [span[0] for span in spans]
        for start, end, slot in spans[bisect.bisect_left(starts, low - 200):]:
            if start > high:
                break
            if end < low:
                continue
            fmt = formats.get(slot)
            if fmt is None:
                color = QColor(self.cast.characters[slot].color or "#3b82f6")
                color.setAlpha(HIGHLIGHT_ALPHA)
                fmt = QTextCharFormat()
                fmt.setBackground(color)
                formats[slot] = fmt
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.editor.set_extra_selection_layer(LAYER, selections)

    # ----------------------------------------------------------------------------------------------- navigation
    def _update_navigation(self) -> None:
        spans = self._navigable_spans()
        if not self.panel.selected_names():
            self.panel.set_navigation(self.tr("Select a character."), False)
            self.panel.navigation_label.setToolTip(self.tr("Select a character to step through its mentions."))
            return
        total = sum(self.index.count(slot) for slot in self._selected_slots())
        if not spans:
            self.panel.set_navigation(self.tr("None in this chapter"), total > 0)
            return
        cursor = self.editor.textCursor()
        position = cursor.selectionStart()
        here = bisect.bisect_right([span[0] for span in spans], position)
        if here and spans[here - 1][0] <= position <= spans[here - 1][1]:
            text = self.tr("{n} of {total} in this chapter").format(n=here, total=len(spans))
        else:
            text = self.tr("{total} in this chapter").format(total=len(spans))
        self.panel.set_navigation(text, True)

    def next_mention(self) -> None:
        """Select the next mention of the selected characters, moving on to later chapters."""
        self._step(forward=True)

    def previous_mention(self) -> None:
        """Select the previous mention of the selected characters, moving back to earlier chapters."""
        self._step(forward=False)

    def _ensure_current_spans(self) -> None:
        """Index the open chapter right now if typing made the positions stale (a chapter takes ~1 ms)."""
        chapter_id = self._current_id()
        if chapter_id is None or self._spans_revision == self.editor.revision:
            return
        text = self.editor.text()
        snapshot = self.dispatcher.next_snapshot()
        mentions = ChapterMentions.scan(self.matcher, text)
        self.dispatcher.mark_applied(chapter_id, snapshot)
        self.index.set_chapter(chapter_id, mentions)
        spans = utf16_spans(text, [(m.start, m.end) for m in mentions.mentions])
        self._spans = [(s, e, m.character) for (s, e), m in zip(spans, mentions.mentions, strict=True)]
        self._spans_revision = self.editor.revision
        self._refresh_timer.start()

    def _step(self, forward: bool) -> None:
        self._ensure_current_spans()
        spans = self._navigable_spans()
        cursor = self.editor.textCursor()
        if forward:
            position = cursor.selectionEnd()
            target = next((s for s in spans if s[0] >= position), None)
        else:
            position = cursor.selectionStart()
            target = next((s for s in reversed(spans) if s[1] <= position), None)
        if target is not None:
            self._go_to(target)
            return
        chapter_id = self._neighbour_chapter_with_mentions(forward)
        if chapter_id is None:
            return
        if chapter_id == self._current_id():
            if spans:
                target = spans[0] if forward else spans[-1]
                self._go_to(target)
            return
        self._pending_navigation = ("first" if forward else "last", chapter_id)
        self.window.open_chapter(chapter_id)

    def _neighbour_chapter_with_mentions(self, forward: bool) -> str | None:
        ids = [c.id for c in self._chapters()]
        slots = self._selected_slots()
        current = self._current_id()
        if not ids or not slots:
            return None
        start = ids.index(current) if current in ids else -1
        for step in range(1, len(ids) + 1):
            candidate = ids[(start + step) % len(ids)] if forward else ids[(start - step) % len(ids)]
            if any(self.index.count(slot, candidate) for slot in slots):
                return candidate
        return None

    def _go_to(self, span: tuple[int, ...]) -> None:
        """Select a mention and say where it is at once (cursor moves otherwise update the label after a pause)."""
        self.editor.go_to(span[0], span[1] - span[0])
        self._navigation_timer.stop()
        self._update_navigation()

    def _resolve_pending_navigation(self) -> None:
        if self._pending_navigation is None or self._pending_navigation[1] != self._current_id():
            return
        where, _chapter = self._pending_navigation
        self._pending_navigation = None
        spans = self._navigable_spans()
        if spans:
            target = spans[0] if where == "first" else spans[-1]
            self._go_to(target)

    def _open_chapter_at(self, index: int) -> None:
        chapters = self._chapters()
        if 0 <= index < len(chapters) and chapters[index].id != self._current_id():
            self.window.open_chapter(chapters[index].id)

    # ----------------------------------------------------------------------------------------------- editing
    def ask_character(self, existing: Character | None) -> Character | None:
        """Show the character dialog; returns the edited character, or None when cancelled."""
        def taken(name: str) -> bool:
            found = self.cast.find(name)
            return found is not None and found is not existing

        # A new character starts with a palette colour nobody in the cast has yet.
        dialog = CharacterDialog(existing, taken, self.panel.window(),
                                 default_color=self.cast.next_color() if existing is None else "")
        return dialog.character() if dialog.exec() == CharacterDialog.DialogCode.Accepted else None

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question."""
        from PySide6.QtWidgets import QMessageBox  # (its enums cost start-up time)

        answer = QMessageBox.question(self.panel.window(), self.tr("Characters"), question)
        return answer == QMessageBox.StandardButton.Yes

    def add_character(self) -> None:
        """Ask for a new character and add it to the cast."""
        if self.project is None:
            return
        character = self.ask_character(None)
        if character is None or not character.name:
            return
        try:
            self.cast.add(character)
        except ValueError as error:
            self._message(str(error))
            return
        self._cast_edited([character.name])

    def edit_character(self, name: str) -> None:
        """Edit one character's names, colour and notes."""
        character = self.cast.find(name)
        if character is None or self.project is None:
            return
        edited = self.ask_character(character)
        if edited is None or not edited.name:
            return
        character.name, character.aliases = edited.name, edited.aliases
        character.color, character.notes = edited.color or character.color, edited.notes
        self._cast_edited([character.name])

    def merge_characters(self, names: list[str]) -> None:
        """Merge the named characters into the first of them."""
        characters = [c for c in (self.cast.find(n) for n in names) if c is not None]
        if len(characters) < 2:
            return
        target, others = characters[0], characters[1:]
        self.cast.merge(target, others)
        self._cast_edited([target.name])
        self._message(self.tr("Merged {others} into {name}.").format(
            others=", ".join(c.name for c in others), name=target.name))

    def delete_characters(self, names: list[str]) -> None:
        """Remove the named characters from the cast (after asking)."""
        characters = [c for c in (self.cast.find(n) for n in names) if c is not None]
        if not characters:
            return
        question = self.tr("Remove {names} from the cast? The manuscript is not changed.").format(
            names=", ".join(c.name for c in characters))
        if not self.confirm(question):
            return
        for character in characters:
            self.cast.remove(character)
        self._cast_edited([])

    def accept_suggestions(self, names: list[str]) -> None:
        """Add the named suggestions to the cast."""
        if self.project is None:
            return
        accepted = []
        for name in names:
            candidate = next((s for s in self.suggestions if s.name == name), None)
            if candidate is None:
                continue
            character = candidate.to_character()
            character.aliases = [a for a in character.aliases if self.cast.owner_of(a) is None]
            try:
                self.cast.add(character)
            except ValueError:
                continue
            accepted.append(character.name)
        if not accepted:
            return
        self.suggestions = [s for s in self.suggestions if s.name not in accepted]
        self._show_suggestions()
        self._cast_edited(accepted)

    def merge_suggestions(self, names: list[str]) -> None:
        """The named suggestions are one person: show them as one suggestion under the first name."""
        present = [n for n in names if any(s.name == n for s in self.suggestions)]
        if len(present) < 2:
            return
        from writer_app.characters.discover import merge_suggestions

        self.suggestions = merge_suggestions(self.suggestions, present)
        self._suggestion_merges.append(present)
        self._show_suggestions()
        self.panel.select_suggestions([present[0]])
        self.panel.set_status(self._idle_status())
        self.suggestions_updated.emit()

    def split_character(self, name: str) -> None:
        """Give each alias of the named character an entry of its own."""
        character = self.cast.find(name)
        if character is None or self.project is None:
            return
        try:
            created = self.cast.split(character)
        except ValueError as error:
            self._message(str(error))
            return
        self._cast_edited([character.name, *(c.name for c in created)])
        self._message(self.tr("Split {names} off {name}.").format(
            names=", ".join(c.name for c in created) or self.tr("nothing"), name=character.name))

    def dismiss_suggestions(self, names: list[str]) -> None:
        """Never suggest these names again (remembered in the project)."""
        if self.project is None or not names:
            return
        dismissed = self.project.dismissed_characters
        for name in names:
            if name not in dismissed:
                dismissed.append(name)
        self.suggestions = [s for s in self.suggestions if s.name not in names]
        self._show_suggestions()
        self._save_manifest()
        self.panel.set_status(self._idle_status())

    def replace_cast(self, cast: Cast, select: list[str]) -> None:
        """The manuscript and the cast were rewritten (a rename): forget cached texts, store, save, count again."""
        self.cast = cast
        self._forget_texts()
        self._cast_edited(select)

    def _cast_edited(self, select: list[str]) -> None:
        """Store the edited cast in the project, save it, and count again."""
        self.project.cast = self.cast.to_dicts()
        self._save_manifest()
        self._rebuild_index()
        if select:
            self.panel.select_names(select)

    def _save_manifest(self) -> None:
        save_later = getattr(self.window, "save_manifest_later", None)
        if callable(save_later):
            save_later()  # queued on the window's disk thread; failures are reported there
            return
        try:
            self.project.save_manifest()
        except WriterAppError as error:
            self._message(str(error))

    def _message(self, text: str) -> None:
        show = getattr(self.window, "show_message", None)
        if callable(show):
            show(text)
        else:
            log.info("%s", text)

    def shutdown(self) -> None:
        """Stop background work (the window is closing)."""
        self.dispatcher.shutdown()
