"""The underline layer outlives its editor safely: an app-wide theme signal after the editor is gone is ignored."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QGuiApplication

from tests.ui.checking.fakes import FakeEditor, FakeFactory
from writer_app.grammar.engine import CheckConfig
from writer_app.ui.checking.controller import CheckingController
from writer_app.ui.checking.underlines import UnderlineLayer
from writer_app.ui.checking.workers import CheckDispatcher


def test_a_theme_change_after_the_editor_was_deleted_is_ignored(qtbot) -> None:
    editor = FakeEditor()
    controller = CheckingController(editor, CheckDispatcher(FakeFactory(), max_workers=1), CheckConfig())
    layer = UnderlineLayer(editor, controller)  # kept alive by this test, as a leaked layer would be
    controller.shutdown()
    editor.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    # Before the guard this raised "Internal C++ object (FakeEditor) already deleted" in the event loop.
    layer.refresh()
    QGuiApplication.instance().paletteChanged.emit(QGuiApplication.palette())
    qtbot.wait(20)
    assert layer.count == 0
