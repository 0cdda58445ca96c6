"""The GUI thread never reads chapter files for the Characters feature: the index worker does."""

from __future__ import annotations

import threading
import traceback
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from writer_app.core import textfile
from writer_app.core.project import Project
from writer_app.core.storage import RecoveryJournal
from writer_app.ui.characters.controller import CharactersController
from writer_app.ui.characters.install import install


class ReadLog:
    """Records every chapter file read through ``textfile.read_text``: which file, on which thread, by whom."""

    def __init__(self) -> None:
        self.reads: list[tuple[Path, bool, bool]] = []  # (path, on the main thread, called from Characters code)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real = textfile.read_text

        def recording(path: Path, encoding: str | None = None):
            from_characters = any("writer_app/ui/characters/" in frame.filename.replace("\\", "/")
                                  for frame in traceback.extract_stack())
            self.reads.append((Path(path), threading.current_thread() is threading.main_thread(),
                               from_characters))
            return real(path, encoding)

        monkeypatch.setattr(textfile, "read_text", recording)

    def characters_reads(self) -> list[tuple[str, bool]]:
        """(file name, on the main thread) of each read made by Characters code."""
        return [(path.name, main) for path, main, mine in self.reads if mine]


@pytest.fixture
def read_log(monkeypatch: pytest.MonkeyPatch) -> ReadLog:
    log = ReadLog()
    log.install(monkeypatch)
    return log


def open_without_chapter(window, project: Project) -> None:
    """Announce the project as the main window does, before any chapter is in the editor."""
    window.project = project
    window.project_opened.emit(project)


def test_opening_a_project_reads_every_chapter_in_the_worker_not_the_gui_thread(
        qtbot, fake_window, small_project: Project, read_log: ReadLog) -> None:
    controller = CharactersController(fake_window)
    open_without_chapter(fake_window, small_project)
    qtbot.waitUntil(lambda: not controller.busy, timeout=5000)
    files = sorted(small_project.chapter_path(c).name for c in small_project.chapters)
    assert sorted(name for name, _main in read_log.characters_reads()) == files
    assert not [name for name, main in read_log.characters_reads() if main]
    assert controller.panel.cast_counts()["Elena"][1] == 5
    controller.shutdown()


def test_rediscover_reuses_the_texts_the_worker_read(qtbot, fake_window, small_project: Project,
                                                    read_log: ReadLog) -> None:
    controller = CharactersController(fake_window)
    open_without_chapter(fake_window, small_project)
    qtbot.waitUntil(lambda: not controller.busy, timeout=5000)
    read_log.reads.clear()
    with qtbot.waitSignal(controller.suggestions_updated, timeout=5000):
        controller.rediscover()
    assert read_log.reads == []
    assert "Marguerite" in [s.name for s in controller.suggestions]
    controller.shutdown()


def test_unsaved_text_of_a_chapter_not_open_is_counted_instead_of_its_file(
        qtbot, fake_window, small_project: Project, read_log: ReadLog) -> None:
    storm = small_project.chapters[1]
    fake_window.unsaved[storm.id] = "Kat came back. Kat and Damon talked."
    controller = CharactersController(fake_window)
    open_without_chapter(fake_window, small_project)
    qtbot.waitUntil(lambda: not controller.busy, timeout=5000)
    assert controller.panel.cast_counts()["Kat"][1] == 2
    assert small_project.chapter_path(storm).name not in [name for name, _m in read_log.characters_reads()]
    controller.shutdown()


def test_an_unreadable_chapter_is_skipped_and_the_status_says_so_once(
        qtbot, fake_window, small_project: Project) -> None:
    storm = small_project.chapters[1]
    small_project.chapter_path(storm).write_bytes(b"Kat \xff wrote. Elena read it.")
    controller = CharactersController(fake_window)
    open_without_chapter(fake_window, small_project)
    qtbot.waitUntil(lambda: not controller.busy, timeout=5000)
    counts = controller.panel.cast_counts()
    assert counts["Elena"][1] == 5 and counts["Damon"][1] == 3 and counts["Kat"][1] == 0
    status = controller.panel.status_label.text()
    assert status.startswith("Mentions in one chapter are not counted: ") and status.count("not counted") == 1
    assert f"{small_project.chapter_path(storm).name} is not valid UTF-8" in status
    assert fake_window.messages == []
    controller.shutdown()


def test_the_main_window_open_reads_no_chapter_for_characters_on_the_gui_thread(
        qtbot, make_window, sample_project: Path, read_log: ReadLog) -> None:
    window = make_window()
    controller = install(window)
    window.open_project(sample_project)
    qtbot.waitUntil(lambda: not controller.busy and controller.panel.cast_counts()["Theo Tran"][1] > 0,
                    timeout=10000)
    assert len(read_log.characters_reads()) == len(window.project.chapters)
    assert not [name for name, main in read_log.characters_reads() if main]
    assert controller.panel.cast_counts()["Theo Tran"] == (0, 3)


def test_recovered_text_is_counted_from_memory_not_from_the_chapter_file(
        qtbot, make_window, sample_project: Path, read_log: ReadLog) -> None:
    with Project.open(sample_project) as project:
        chapter = project.chapters[1]
        recovered = project.read_chapter(chapter) + "\n\nTheo waved. Theo laughed."
        file_name = project.chapter_path(chapter).name
    RecoveryJournal(sample_project).record(chapter.id, recovered)
    window = make_window()
    controller = install(window)
    window.open_project(sample_project)
    qtbot.waitUntil(lambda: not controller.busy and controller.panel.cast_counts()["Theo Tran"][1] > 0,
                    timeout=10000)
    assert controller.panel.cast_counts()["Theo Tran"] == (0, 5)
    assert file_name not in [name for name, _main in read_log.characters_reads()]


def test_rediscover_uses_the_text_a_chapter_was_left_with(qtbot, fake_window, small_project: Project) -> None:
    controller = CharactersController(fake_window)
    fake_window.open_project(small_project)
    qtbot.waitUntil(lambda: not controller.busy, timeout=5000)
    arrival, storm = small_project.chapters[:2]
    fake_window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(fake_window.editor, " Elena and Zora. Zora smiled at Elena.")
    fake_window.chapter_about_to_close.emit(arrival.id)
    fake_window.open_chapter(storm.id)  # left before the edit was counted; nothing was saved
    with qtbot.waitSignal(controller.suggestions_updated, timeout=5000):
        controller.rediscover()
    assert "Zora" in [s.name for s in controller.suggestions]
    controller.shutdown()
