"""Test doubles: a checker that flags "teh" and an editor implementing the ChapterEditor contract."""

from __future__ import annotations

import re
import threading

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QWidget

from tests.ui.fake_window import FakeMainWindow
from writer_app.grammar.engine import CheckConfig, CompositeChecker
from writer_app.grammar.model import Category, Issue

_TEH = re.compile(r"\bteh\b")
_DOUBLE = re.compile(r"\b(\w+) \1\b")


class TehChecker:
    """Flags "teh" (spelling, fix "the") and doubled words (grammar); counts calls; can be told to fail."""

    name = "fake"

    def __init__(self, config: CheckConfig | None = None) -> None:
        self.config = config or CheckConfig()
        self.calls = 0
        self.fail_on: str | None = None
        self.gate: threading.Event | None = None  # when set, check() waits on it (to hold a worker)
        self.lock = threading.Lock()

    def check(self, text: str) -> list[Issue]:
        """Return issues for "teh" and doubled words."""
        with self.lock:
            self.calls += 1
        if self.gate is not None:
            self.gate.wait(5)
        if self.fail_on and self.fail_on in text:
            raise ValueError("boom")
        issues = [Issue(m.start(), m.end(), m.group(), "Possible typo.", ("the",), "TEH",
                        Category.SPELLING, "fake", fix_all_safe=True) for m in _TEH.finditer(text)]
        issues += [Issue(m.start(), m.end(), m.group(), "Doubled word.", (m.group(1),), "DOUBLE",
                         Category.GRAMMAR, "fake") for m in _DOUBLE.finditer(text)]
        return issues

    def suggest(self, word: str) -> list[str]:
        """Offer two suggestions."""
        return ["the", "tea"] if word == "teh" else []


class FakeFactory:
    """Builds checkers and remembers them (one per worker thread and configuration)."""

    def __init__(self) -> None:
        self.built: list[TehChecker] = []
        self.fail_on: str | None = None
        self.gate: threading.Event | None = None

    def __call__(self, config: CheckConfig) -> CompositeChecker | TehChecker:
        checker = TehChecker(config)
        checker.fail_on = self.fail_on
        checker.gate = self.gate
        self.built.append(checker)
        return checker

    @property
    def calls(self) -> int:
        """Paragraph checks run so far by every checker built."""
        return sum(c.calls for c in self.built)


class FakeEditor(QPlainTextEdit):
    """The ChapterEditor contract in a few lines (layers, context-menu signal, viewport signal, go_to)."""

    context_menu_about_to_show = Signal(QMenu, QTextCursor)
    viewport_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self.verticalScrollBar().valueChanged.connect(self.viewport_changed)

    def set_extra_selection_layer(self, name: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Store and merge a named layer."""
        self.layers[name] = list(selections)
        merged: list[QTextEdit.ExtraSelection] = []
        for layer in self.layers.values():
            merged.extend(layer)
        self.setExtraSelections(merged)

    def visible_block_range(self) -> tuple[int, int]:
        """First and last visible block numbers."""
        first = self.firstVisibleBlock()
        block = first
        height = self.viewport().height()
        last = first.blockNumber()
        while block.isValid():
            top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
            if top > height:
                break
            last = block.blockNumber()
            block = block.next()
        return max(0, first.blockNumber()), last

    def go_to(self, position: int, length: int = 0) -> None:
        """Select and centre a span."""
        cursor = self.textCursor()
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        menu = self.createStandardContextMenu(event.pos())
        self.context_menu_about_to_show.emit(menu, self.cursorForPosition(event.pos()))
        menu.exec(event.globalPos())

    def underlined(self) -> list[str]:
        """The texts currently underlined by the "issues" layer."""
        return [s.cursor.selectedText() for s in self.layers.get("issues", [])]


class FakeWindow(FakeMainWindow):
    """The MainWindow contract: signals, editor, sidebar/status/menus, chapter opening, messages."""

    def __init__(self, editor: QPlainTextEdit | None = None) -> None:
        super().__init__()
        self.editor = editor or FakeEditor()
        self.setCentralWidget(self.editor)
        self.settings = None
        self.status_widgets: list[QWidget] = []
        self.pages: dict[str, object] = {}
        self._menus: dict[str, QMenu] = {}
        self.texts: dict[str, str] = {}

    def add_status_widget(self, widget: QWidget) -> None:
        """Add a permanent status bar widget."""
        self.status_widgets.append(widget)
        self.statusBar().addPermanentWidget(widget)

    def add_preferences_page(self, title: str, factory: object) -> None:
        """Remember a preferences page factory."""
        self.pages[title] = factory

    def menu(self, name: str) -> QMenu:
        """A named menu."""
        if name not in self._menus:
            self._menus[name] = self.menuBar().addMenu(name)
        return self._menus[name]

    def chapter_text(self, chapter_id: str) -> str:
        """The in-memory text of the open chapter, stored text for others."""
        if self.current_chapter is not None and chapter_id == self.current_chapter.id:
            return self.editor.toPlainText()
        return self.texts[chapter_id]

    def open_project(self, project: object, texts: dict[str, str]) -> None:
        """Open a project whose chapters' texts are ``texts`` and show its first chapter."""
        self.project = project
        self.texts = dict(texts)
        self.project_opened.emit(project)
        self.open_chapter(project.chapters[0].id)

    def open_chapter(self, chapter_id: str) -> None:
        """Show one chapter in the editor."""
        if self.current_chapter is not None:
            self.texts[self.current_chapter.id] = self.editor.toPlainText()
            self.chapter_about_to_close.emit(self.current_chapter.id)
        self.current_chapter = self.project.chapter_by_id(chapter_id)
        if hasattr(self.editor, "set_chapter_text"):
            self.editor.set_chapter_text(self.texts[chapter_id])
        else:
            self.editor.setPlainText(self.texts[chapter_id])
        self.chapter_opened.emit(chapter_id)


class PoisonChecker(TehChecker):
    """A TehChecker (importable by path, for engine processes) that raises on paragraphs saying "poison"."""

    def __init__(self, config: CheckConfig | None = None) -> None:
        super().__init__(config)
        self.fail_on = "poison"
