"""Fixtures: a fake editor wired to a real controller, dispatcher and underline layer."""

from __future__ import annotations

import gc
from dataclasses import dataclass

import pytest

from tests.ui.checking.fakes import FakeEditor, FakeFactory
from writer_app.grammar.engine import CheckConfig
from writer_app.ui.checking.controller import CheckingController
from writer_app.ui.checking.underlines import UnderlineLayer
from writer_app.ui.checking.workers import CheckDispatcher


@dataclass
class Rig:
    """Everything a checking test drives."""

    editor: FakeEditor
    factory: FakeFactory
    dispatcher: CheckDispatcher
    controller: CheckingController
    layer: UnderlineLayer

    def load(self, text: str, chapter_id: str = "ch-1") -> None:
        """Put ``text`` in the editor and start checking it as chapter ``chapter_id``."""
        self.editor.setPlainText(text)
        self.controller.open_chapter(chapter_id)


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread():
    """Free each test's Qt garbage here: a worker thread running the collector would delete widgets off-thread."""
    yield
    gc.collect()


@pytest.fixture
def rig(qtbot) -> Rig:
    """A shown fake editor with checking attached; shut down after the test."""
    editor = FakeEditor()
    qtbot.addWidget(editor)
    editor.resize(600, 400)
    editor.show()
    factory = FakeFactory()
    dispatcher = CheckDispatcher(factory, max_workers=1)
    controller = CheckingController(editor, dispatcher, CheckConfig(), debounce_ms=150)
    layer = UnderlineLayer(editor, controller)
    rig = Rig(editor, factory, dispatcher, controller, layer)
    yield rig
    if factory.gate is not None:
        factory.gate.set()
    controller.shutdown()
