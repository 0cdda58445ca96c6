"""A paragraph over the slice size is re-checked only around the edit: untouched slices come from the cache."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from writer_app.ui.checking.workers import CHUNK_CHARS


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every text the checking engine is given, in order."""
    from tests.ui.checking import fakes

    lengths: list[int] = []
    original = fakes.TehChecker.check

    def counting(self, text):
        lengths.append(len(text))
        return original(self, text)

    monkeypatch.setattr(fakes.TehChecker, "check", counting)
    return lengths


def _long_paragraph() -> str:
    return "The rain fell and teh town slept. " * (5 * CHUNK_CHARS // 34)


def test_an_edit_at_the_end_of_a_long_paragraph_checks_only_the_slices_around_it(qtbot, rig, seen):
    text = _long_paragraph()
    rig.load(text)
    qtbot.waitUntil(rig.controller.idle, timeout=20_000)
    first = sum(seen)
    assert first >= len(text)
    before = rig.controller.live_issue_count()
    seen.clear()
    cursor = QTextCursor(rig.editor.document())
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("And teh end.")
    qtbot.waitUntil(lambda: rig.controller.idle() and rig.controller.live_issue_count() == before + 1,
                    timeout=20_000)
    assert 0 < sum(seen) <= 2 * CHUNK_CHARS + 100  # one or two slices, not the whole paragraph again


def test_issues_of_cached_slices_move_with_an_edit_before_them(qtbot, rig, seen):
    text = _long_paragraph()
    rig.load(text)
    qtbot.waitUntil(rig.controller.idle, timeout=20_000)
    places = [(i.position, i.length) for i in rig.controller.live_issues()]
    seen.clear()
    cursor = QTextCursor(rig.editor.document())
    cursor.insertText("Now ")  # every slice after the first moves by four
    moved = [(p + 4, n) for p, n in places]

    def rechecked() -> bool:
        return bool(seen) and rig.controller.idle() and [(i.position, i.length)
                                                          for i in rig.controller.live_issues()] == moved

    qtbot.waitUntil(rechecked, timeout=20_000)
    assert sum(seen) < len(text) // 2  # most slices came from the cache, at their new places
    now = rig.editor.toPlainText()
    assert all(now[p:p + n] == "teh" for p, n in moved)
