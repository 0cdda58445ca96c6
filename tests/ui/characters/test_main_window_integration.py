"""The Characters feature inside the real main window with the bundled sample project."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor

from writer_app.ui.characters.controller import LAYER
from writer_app.ui.characters.install import install


def test_sample_project_counts_highlights_and_follows_typing(qtbot, make_window, sample_project: Path) -> None:
    window = make_window()
    controller = install(window)
    with qtbot.waitSignal(controller.suggestions_updated, timeout=10000):
        window.open_project(sample_project)
    qtbot.waitUntil(lambda: not controller.busy and controller.panel.cast_counts()["Elena Marsh"][1] > 0,
                    timeout=10000)
    counts = controller.panel.cast_counts()
    assert counts["Elena Marsh"] == (11, 49)
    assert counts["Theo Tran"] == (0, 3)
    assert window.sidebar.tabText(window.sidebar.indexOf(controller.panel)) == "Characters"
    controller.panel.select_names(["Elena Marsh"])
    layer = window.editor.extra_selection_layer(LAYER)
    assert layer and {s.cursor.selectedText() for s in layer} <= {"Elena", "Lena", "Elena Marsh"}
    assert len(layer) < 11  # only the visible part of the chapter is decorated
    first_visible = {s.cursor.position() for s in layer}
    for _ in range(6):  # step to a mention far below the first screen: it is centred and decorated
        controller.panel.next_button.click()
    assert controller.panel.navigation_label.text() == "6 of 11 in this chapter"
    target = window.editor.textCursor().selectionEnd()
    qtbot.waitUntil(lambda: target in {s.cursor.position() for s in window.editor.extra_selection_layer(LAYER)}
                    and target not in first_visible, timeout=5000)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, " Theo waved.")
    qtbot.waitUntil(lambda: controller.panel.cast_counts()["Theo Tran"] == (1, 4), timeout=5000)


def test_a_new_cast_name_becomes_a_known_word_for_the_speller(qtbot, make_window, sample_project: Path,
                                                              monkeypatch) -> None:
    from writer_app.characters.cast import Character
    from writer_app.ui.checking.install import CheckingFeature
    from writer_app.ui.features import install_features

    window = make_window()
    installed = install_features(window)
    controller = installed["writer_app.ui.characters.install"]
    window.open_project(sample_project)
    qtbot.waitUntil(lambda: not controller.busy, timeout=10000)
    checking = window.findChild(CheckingFeature)
    assert "Zyxwvuts" not in checking.controller.config.known_words
    monkeypatch.setattr(controller, "ask_character", lambda _existing: Character("Zyxwvuts Qwerty", ["Zyx"]))
    controller.add_character()
    assert {"Zyxwvuts", "Qwerty", "Zyx"} <= checking.controller.config.known_words


def test_cast_edits_save_project_json_on_the_disk_thread(qtbot, make_window, sample_project: Path,
                                                         monkeypatch) -> None:
    import json
    import threading

    from writer_app.characters.cast import Character
    from writer_app.core import project as project_module

    window = make_window()
    controller = install(window)
    window.open_project(sample_project)
    qtbot.waitUntil(lambda: not controller.busy and window.session.worker.is_idle(), timeout=10000)
    threads: list[bool] = []
    real = project_module.atomic_write_bytes

    def record(path, data):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(path, data)

    monkeypatch.setattr(project_module, "atomic_write_bytes", record)
    monkeypatch.setattr(controller, "ask_character", lambda _existing: Character("Zara Quill", ["Zara"]))
    controller.add_character()
    qtbot.waitUntil(window.session.worker.is_idle)
    saved = json.loads((sample_project / "project.json").read_text(encoding="utf-8"))
    assert "Zara Quill" in [c["name"] for c in saved["cast"]]
    assert threads and not any(threads)
