"""LanguageTool through the same road as the built-in checker: underlines in the real window, clean fallback."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from tests.support.fake_languagetool import FakeLanguageTool, FakeRule
from writer_app.grammar.languagetool import State
from writer_app.settings import Settings
from writer_app.ui.checking.install import CheckingFeature
from writer_app.ui.features import install_features

# Chapter 1 of the sample opens with "The ferry came in late": only this fake LanguageTool rule flags it.
LT_ONLY = FakeRule("LT_CAME_IN_LATE", r"\bcame in late\b", "Consider “arrived late”.", "arrived late")


def languagetool_issues(checking: CheckingFeature) -> list[str]:
    return [live.span.issue.text for live in checking.controller.live_issues()
            if live.span.issue.source == "languagetool"]


def test_languagetool_underlines_appear_and_go_when_the_server_dies(qtbot, make_window, sample_project):
    fake = FakeLanguageTool(rules=(LT_ONLY,)).start()
    try:
        settings = Settings.load()
        settings.autosave_seconds = 0.5
        settings.languagetool_mode = "server"
        settings.languagetool_url = fake.url
        window = make_window(settings=settings)
        installed = install_features(window)
        feature = installed["writer_app.ui.languagetool.install"]
        window.open_project(sample_project)
        checking = window.findChild(CheckingFeature)
        qtbot.waitUntil(lambda: feature.service.state is State.READY, timeout=15000)
        qtbot.waitUntil(lambda: languagetool_issues(checking) == ["came in late"], timeout=15000)
        built_in_before = [i for i in checking.controller.live_issues() if i.span.issue.source != "languagetool"]

        fake.stop()
        cursor = window.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        window.editor.setTextCursor(cursor)
        qtbot.keyClicks(window.editor, " She should of known.")
        qtbot.waitUntil(lambda: feature.service.state is State.UNAVAILABLE, timeout=15000)
        qtbot.waitUntil(lambda: languagetool_issues(checking) == [], timeout=15000)
        qtbot.waitUntil(lambda: any(i.span.issue.rule == "COULD_OF" for i in checking.controller.live_issues()),
                        timeout=15000)
        assert len(checking.controller.live_issues()) >= len(built_in_before)
        assert feature.status_label.text() == "LanguageTool unavailable"
        assert feature._retry_timer.isActive()  # it will try the server again later
    finally:
        fake.stop()
