"""Bad input: each case shows one clear sentence and keeps the writer's text in memory, unsaved."""

from __future__ import annotations

import errno
import json
import os

import pytest

from tests.ui.conftest import chapter_file
from writer_app.core import storage

REAL_WRITE_ALL = storage._write_all  # restored alone: undo() would also drop the private folders


def test_invalid_utf8_file_offers_western_and_opens_it(make_window, tmp_path, prompt_log):
    draft = tmp_path / "old.txt"
    draft.write_bytes("Caf\u00e9 society.\n".encode("cp1252"))
    window = make_window(draft)
    assert prompt_log.names() == ["cp1252"]
    assert "not valid UTF-8" in prompt_log.asked[0][1]
    assert window.editor.text() == "Caf\u00e9 society.\n"


def test_invalid_utf8_file_refused_opens_nothing(make_window, tmp_path, prompt_log):
    draft = tmp_path / "old.txt"
    draft.write_bytes(b"Caf\xe9\n")
    prompt_log.cp1252 = False
    window = make_window(draft)
    assert window.project is None and prompt_log.errors == []
    assert draft.read_bytes() == b"Caf\xe9\n"


def test_invalid_utf8_chapter_in_a_project_offers_western(make_window, sample_project, prompt_log, qtbot):
    chapter_file(sample_project, "ch-0002").write_bytes(b"Na\xefve.\n")
    window = make_window(sample_project)  # found by the background word count, asked when it arrives
    qtbot.waitUntil(lambda: window.project is not None and window.project.encoding == "cp1252")
    assert "cp1252" in prompt_log.names()
    assert window.project.encoding == "cp1252"
    window.open_chapter("ch-0002")
    assert window.editor.text() == "Na\u00efve.\n"


def test_corrupt_project_json_is_one_sentence(make_window, sample_project, prompt_log):
    (sample_project / "project.json").write_text('{"format_version": 1, "title": ', encoding="utf-8")
    window = make_window(sample_project)
    assert window.project is None
    assert len(prompt_log.errors) == 1 and "project.json" in prompt_log.errors[0]
    assert "\n" not in prompt_log.errors[0].strip()


def test_chapter_path_outside_the_project_is_refused(make_window, sample_project, prompt_log):
    data = json.loads((sample_project / "project.json").read_text(encoding="utf-8"))
    data["chapters"][0]["file"] = "../../etc/passwd"
    (sample_project / "project.json").write_text(json.dumps(data), encoding="utf-8")
    window = make_window(sample_project)
    assert window.project is None
    assert len(prompt_log.errors) == 1 and "outside" in prompt_log.errors[0]


def test_binary_file_is_refused(make_window, tmp_path, prompt_log):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" * 20)
    window = make_window(binary)
    assert window.project is None
    assert len(prompt_log.errors) == 1 and "image.txt" in prompt_log.errors[0]


def test_read_only_folder_opens_read_only(make_window, sample_project, monkeypatch, prompt_log):
    def refuse(self):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(storage.ProjectLock, "acquire", refuse)
    window = make_window(sample_project)
    assert window.project.read_only and window.editor.isReadOnly()
    assert "read-only" in window.status.currentMessage()
    assert window.status.save_state.text() == "Read-only"


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "disk is full"), (errno.EACCES, "read-only")])
def test_failed_save_keeps_text_and_says_why(window, qtbot, sample_project, monkeypatch, prompt_log, code, words):
    before = chapter_file(sample_project, "ch-0001").read_bytes()

    def fail(fd, data):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(storage, "_write_all", fail)
    window.settings.autosave_seconds = 600
    window.editor.insertPlainText("Precious words. ")
    window.save_now()
    qtbot.waitUntil(lambda: len(prompt_log.errors) == 1, timeout=15000)
    assert words in prompt_log.errors[0] and "ch-0001.md" in prompt_log.errors[0]
    assert window.status.save_state.text() == "Not saved"
    assert window.editor.text().startswith("Precious words. ")
    assert chapter_file(sample_project, "ch-0001").read_bytes() == before
    assert not list((sample_project / "chapters").glob(".*.tmp"))
    monkeypatch.setattr(storage, "_write_all", REAL_WRITE_ALL)
    window.save_now()
    qtbot.waitUntil(lambda: window.session.state() == "saved", timeout=15000)
    assert chapter_file(sample_project, "ch-0001").read_text(encoding="utf-8").startswith("Precious words. ")


def test_failed_save_on_chapter_switch_keeps_text_in_memory(window, qtbot, sample_project, monkeypatch, prompt_log):
    def fail(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "_write_all", fail)
    window.settings.autosave_seconds = 600
    window.editor.insertPlainText("Kept in memory. ")
    window.open_chapter("ch-0002")
    qtbot.waitUntil(lambda: len(prompt_log.errors) == 1, timeout=15000)
    assert window.chapter_text("ch-0001").startswith("Kept in memory. ")
    assert window.session.state() == "failed"
    window.open_chapter("ch-0001")
    assert window.editor.text().startswith("Kept in memory. ")
    monkeypatch.setattr(storage, "_write_all", REAL_WRITE_ALL)
    window.save_now()
    qtbot.waitUntil(lambda: window.session.state() == "saved", timeout=15000)
    assert chapter_file(sample_project, "ch-0001").read_text(encoding="utf-8").startswith("Kept in memory. ")


def test_closing_with_unsaved_text_asks(window, qtbot, monkeypatch, prompt_log):
    def fail(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "_write_all", fail)
    window.settings.autosave_seconds = 600
    window.editor.insertPlainText("Unsaveable. ")
    prompt_log.close_unsaved = False
    assert not window.close_project()
    assert "close_unsaved" in prompt_log.names()
    assert window.project is not None and window.editor.text().startswith("Unsaveable. ")
    monkeypatch.setattr(storage, "_write_all", REAL_WRITE_ALL)
