"""Saving that never loses text: autosave, Ctrl+S, chapter switch, quit, recovery, external changes, lock."""

from __future__ import annotations

import json
import os
import socket
import threading

from tests.ui.conftest import chapter_file, type_text
from writer_app.core.storage import LOCK_FILE_NAME, RecoveryJournal


def _disk(project, chapter_id="ch-0001") -> str:
    return chapter_file(project, chapter_id).read_text(encoding="utf-8")


def test_typing_marks_unsaved_and_autosave_writes_it(window, qtbot, sample_project):
    type_text(qtbot, window, " Autosaved words.")
    assert window.status.save_state.text() in ("Unsaved changes", "Saving…")
    assert window.isWindowModified()
    qtbot.waitUntil(lambda: _disk(sample_project).endswith(" Autosaved words."), timeout=15000)
    qtbot.waitUntil(lambda: window.status.save_state.text() == "Saved", timeout=15000)
    assert not window.isWindowModified()


def test_saved_only_when_latest_revision_is_written(window, qtbot, sample_project):
    window.editor.insertPlainText("first ")
    window.save_now()
    window.editor.insertPlainText("second ")
    qtbot.waitUntil(lambda: _disk(sample_project).startswith("first "), timeout=15000)
    window.session.flush()
    assert window.session.state() != "saved"
    window.save_now()
    qtbot.waitUntil(lambda: window.session.state() == "saved", timeout=15000)
    assert _disk(sample_project).startswith("first second ")


def test_ctrl_s_saves_now(window, qtbot, sample_project):
    window.editor.insertPlainText("Saved by hand. ")
    with qtbot.waitSignal(window.chapter_saved, timeout=15000) as saved:
        window.actions_.save.trigger()
    assert saved.args == ["ch-0001"]
    assert _disk(sample_project).startswith("Saved by hand. ")


def test_switching_chapters_saves_the_previous_one(window, qtbot, sample_project):
    window.settings.autosave_seconds = 600
    window.editor.insertPlainText("Switch save. ")
    with qtbot.waitSignal(window.chapter_about_to_close) as closing:
        window.chapters_panel.list.setCurrentRow(1)
    assert closing.args == ["ch-0001"]
    assert window.current_chapter.id == "ch-0002"
    qtbot.waitUntil(lambda: _disk(sample_project).startswith("Switch save. "), timeout=15000)
    assert window.chapter_text("ch-0001").startswith("Switch save. ")


def test_deactivating_the_window_saves(window, qtbot, sample_project, monkeypatch):
    from PySide6.QtCore import QEvent

    window.settings.autosave_seconds = 600
    window.editor.insertPlainText("Focus lost. ")
    monkeypatch.setattr(window, "isActiveWindow", lambda: False)
    window.changeEvent(QEvent(QEvent.Type.ActivationChange))
    qtbot.waitUntil(lambda: _disk(sample_project).startswith("Focus lost. "), timeout=15000)


def test_quit_saves_everything(window, sample_project):
    window.settings.autosave_seconds = 600
    window.editor.insertPlainText("Last words. ")
    window.close()
    assert _disk(sample_project).startswith("Last words. ")
    assert not (sample_project / LOCK_FILE_NAME).exists()
    assert list((sample_project / "backups").glob("backup-*.zip"))


def _crash(window) -> None:
    """Lose the window as a crash would: no save, the writer thread and the lock simply vanish."""
    session = window.session
    session._autosave.stop()
    session.worker.stop()
    session.project.close()
    session.project = None
    session.current = None


def test_recovery_is_offered_after_a_crash(window, qtbot, make_window, sample_project, prompt_log):
    window.settings.autosave_seconds = 600
    before = _disk(sample_project)
    type_text(qtbot, window, " Words only in the journal.")
    window.session._journal_now()
    journal = RecoveryJournal(sample_project)
    qtbot.waitUntil(lambda: "ch-0001" in journal.pending(), timeout=15000)
    _crash(window)
    assert _disk(sample_project) == before
    again = make_window(sample_project)
    assert "recover" in prompt_log.names()
    items = dict(prompt_log.asked)["recover"]
    assert items[0].title == "The Ferry" and items[0].text.endswith(" Words only in the journal.")
    assert items[0].saved_text == before  # the recovery preview opens where the two differ
    assert again.editor.text().endswith(" Words only in the journal.")
    qtbot.waitUntil(lambda: _disk(sample_project).endswith(" Words only in the journal."), timeout=15000)
    qtbot.waitUntil(lambda: not journal.pending(), timeout=15000)


def test_discarding_recovery_clears_the_journal(make_window, sample_project, prompt_log):
    RecoveryJournal(sample_project).record("ch-0002", "stale text")
    prompt_log.recover = False
    window = make_window(sample_project)
    assert "recover" in prompt_log.names()
    assert not RecoveryJournal(sample_project).pending()
    window.open_chapter("ch-0002")
    assert window.editor.text() != "stale text"


def test_external_change_without_local_edits_reloads(window, qtbot, sample_project):
    chapter_file(sample_project, "ch-0001").write_text("Changed elsewhere.\n", encoding="utf-8")
    _look_outside(window, qtbot)
    qtbot.waitUntil(lambda: window.editor.text() == "Changed elsewhere.\n", timeout=15000)
    assert window.session.state() == "saved"


def test_external_change_with_local_edits_asks_and_keeps_mine(window, qtbot, sample_project, prompt_log):
    window.settings.autosave_seconds = 600
    window.editor.insertPlainText("Mine. ")
    chapter_file(sample_project, "ch-0001").write_text("Theirs.\n", encoding="utf-8")
    _look_outside(window, qtbot)
    qtbot.waitUntil(lambda: prompt_log.names() == ["external"], timeout=15000)
    qtbot.waitUntil(lambda: _disk(sample_project).startswith("Mine. "), timeout=15000)
    qtbot.waitUntil(lambda: window.session.state() == "saved", timeout=15000)


def test_external_change_noticed_on_save_and_reload_chosen(window, qtbot, sample_project, prompt_log):
    prompt_log.external = "reload"
    window.settings.autosave_seconds = 600
    window.editor.insertPlainText("Mine. ")
    chapter_file(sample_project, "ch-0001").write_text("Theirs.\n", encoding="utf-8")
    window.save_now()
    qtbot.waitUntil(lambda: "external" in prompt_log.names(), timeout=15000)
    assert window.editor.text() == "Theirs.\n"
    assert _disk(sample_project) == "Theirs.\n"
    assert window.session.state() == "saved"


def test_second_instance_is_offered_read_only(make_window, sample_project, prompt_log):
    owner = {"pid": os.getppid(), "host": socket.gethostname(), "user": "x", "time": "now"}
    (sample_project / LOCK_FILE_NAME).write_text(json.dumps(owner), encoding="utf-8")
    window = make_window(sample_project)
    assert prompt_log.names() == ["read_only"]
    assert window.project.read_only and window.editor.isReadOnly()
    assert window.status.save_state.text() == "Read-only"
    assert "(read-only)" in window.windowTitle()


def test_second_instance_can_refuse(make_window, sample_project, prompt_log):
    owner = {"pid": os.getppid(), "host": socket.gethostname(), "user": "x", "time": "now"}
    (sample_project / LOCK_FILE_NAME).write_text(json.dumps(owner), encoding="utf-8")
    prompt_log.read_only = False
    window = make_window(sample_project)
    assert window.project is None


def test_backup_snapshot_on_open(window, qtbot, sample_project):
    qtbot.waitUntil(lambda: bool(list((sample_project / "backups").glob("backup-*.zip"))), timeout=15000)


def test_loose_file_opens_as_one_chapter_and_saves_in_place(make_window, tmp_path, qtbot):
    draft = tmp_path / "draft.txt"
    draft.write_text("A loose draft.\n", encoding="utf-8")
    window = make_window(draft)
    assert window.project.is_loose_file
    assert window.editor.text() == "A loose draft.\n"
    window.editor.insertPlainText("More. ")
    window.save_now()
    qtbot.waitUntil(lambda: draft.read_text(encoding="utf-8") == "More. A loose draft.\n", timeout=15000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt"]


def test_open_chapter_deleted_by_another_program_is_written_back(window, qtbot, sample_project):
    text = window.editor.text()
    chapter_file(sample_project, "ch-0001").unlink()
    _look_outside(window, qtbot)
    qtbot.waitUntil(lambda: chapter_file(sample_project, "ch-0001").exists(), timeout=15000)
    assert _disk(sample_project) == text
    assert "removed by another program" in window.status.currentMessage()


def test_continuous_typing_still_saves_regularly(window, qtbot, sample_project, monkeypatch):
    from writer_app.ui import session as session_module

    clock = [1000.0]
    monkeypatch.setattr(session_module.time, "monotonic", lambda: clock[0])
    window.settings.autosave_seconds = 19  # the pause-based save would come after the wait below gives up
    window.editor.insertPlainText("a ")
    clock[0] += session_module.MAX_UNSAVED_SECONDS + 1
    window.editor.insertPlainText("b ")
    qtbot.waitUntil(lambda: _disk(sample_project).startswith("a b "), timeout=15000)


def test_outside_change_reloaded_keeps_cursor_and_scroll(window, qtbot, sample_project):
    text = "\n\n".join(f"Line {i} of a long chapter." for i in range(400))
    chapter_file(sample_project, "ch-0001").write_text(text, encoding="utf-8")
    _look_outside(window, qtbot)
    qtbot.waitUntil(lambda: window.editor.text() == text, timeout=15000)
    editor = window.editor
    cursor = editor.textCursor()
    cursor.setPosition(text.index("Line 300 "))
    editor.setTextCursor(cursor)
    editor.centerCursor()
    scroll = editor.verticalScrollBar().value()
    assert scroll > 0
    changed = text.replace("Line 10 ", "Line ten ")
    chapter_file(sample_project, "ch-0001").write_text(changed, encoding="utf-8")
    _look_outside(window, qtbot)
    qtbot.waitUntil(lambda: window.editor.text() == changed, timeout=15000)
    assert editor.textCursor().position() == text.index("Line 300 ")
    assert editor.verticalScrollBar().value() == scroll
    shorter = "Only a line now."
    chapter_file(sample_project, "ch-0001").write_text(shorter, encoding="utf-8")
    _look_outside(window, qtbot)
    qtbot.waitUntil(lambda: window.editor.text() == shorter, timeout=15000)
    assert editor.textCursor().position() == len(shorter)  # clamped


def test_second_instance_message_names_no_process_and_asks_once(make_window, sample_project, prompt_log):
    owner = {"pid": os.getppid(), "host": socket.gethostname(), "user": "x", "time": "now"}
    (sample_project / LOCK_FILE_NAME).write_text(json.dumps(owner), encoding="utf-8")
    make_window(sample_project)
    (name, message), = prompt_log.asked
    assert name == "read_only"
    assert str(os.getppid()) not in message and "process" not in message
    assert "?" not in message and "read-only" not in message  # the prompt itself asks, once
    assert "already open in another writer-app window" in message


def _backups(project) -> list:
    return sorted((project / "backups").glob("backup-*.zip"))


def test_closing_waits_for_the_save_but_not_for_the_closing_backup(window, qtbot, sample_project, monkeypatch):
    from writer_app.core.storage import BackupManager

    qtbot.waitUntil(lambda: len(_backups(sample_project)) == 1, timeout=15000)
    qtbot.waitUntil(window.session.worker.is_idle, timeout=15000)
    gate = threading.Event()
    original = BackupManager.snapshot

    def slow_snapshot(self):
        gate.wait(10)
        return original(self)

    monkeypatch.setattr(BackupManager, "snapshot", slow_snapshot)
    window.settings.autosave_seconds = 600
    window.editor.insertPlainText("Last words. ")
    assert window.close_project()  # returns although the backup is blocked
    assert _disk(sample_project).startswith("Last words. ")
    assert len(_backups(sample_project)) == 1
    gate.set()
    window.session.shutdown()
    assert len(_backups(sample_project)) == 2


def test_closing_without_changes_makes_no_new_backup(window, qtbot, sample_project):
    qtbot.waitUntil(lambda: len(_backups(sample_project)) == 1, timeout=15000)
    qtbot.waitUntil(window.session.worker.is_idle, timeout=15000)
    window.close()
    assert len(_backups(sample_project)) == 1


def _look_outside(window, qtbot) -> None:
    """Ask the session to look for outside changes and wait for the disk thread's answer to be handled."""
    qtbot.waitUntil(window.session.worker.is_idle)
    window.session.check_external_changes()
    assert window.session.scan_pending()  # the look runs off the GUI thread
    qtbot.waitUntil(lambda: not window.session.scan_pending())


def _edit_manifest(project_dir, **changes) -> None:
    path = project_dir / "project.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_manifest_changed_elsewhere_asks_and_reloads_the_project(window, qtbot, sample_project, prompt_log):
    _edit_manifest(sample_project, title="Pulled Title")
    _look_outside(window, qtbot)
    assert prompt_log.names() == ["manifest"]
    assert window.project.title == "Pulled Title"
    assert window.current_chapter is not None and not window.project.manifest_changed_on_disk()


def test_a_look_outside_that_a_later_write_overtakes_stays_pending_until_looked_again(window, qtbot, sample_project,
                                                                                      prompt_log):
    from writer_app.ui.disk_worker import FORGET, DiskJob

    qtbot.waitUntil(window.session.worker.is_idle)
    _edit_manifest(sample_project, title="Pulled Title")
    window.session.check_external_changes()
    # Queued behind the look before its answer can reach the GUI thread: the answer is out of date on arrival.
    window.session.worker.submit(DiskJob(FORGET, window.project, window.current_chapter))
    qtbot.waitUntil(lambda: not window.session.scan_pending(), timeout=5000)
    assert prompt_log.names() == ["manifest"]
    assert window.project.title == "Pulled Title"


def test_manifest_changed_elsewhere_keep_mine_overwrites_it(window, qtbot, sample_project, prompt_log):
    prompt_log.manifest = "keep"
    title = window.project.title
    _edit_manifest(sample_project, title="Pulled Title")
    window.commands.add("New One")
    assert prompt_log.names() == ["manifest"]
    window.session.flush()
    saved = json.loads((sample_project / "project.json").read_text(encoding="utf-8"))
    assert saved["title"] == title and "New One" in [c["title"] for c in saved["chapters"]]


def test_keystrokes_neither_copy_the_chapter_nor_restart_the_autosave_timer(window, qtbot, sample_project,
                                                                           monkeypatch):
    window.settings.autosave_seconds = 600
    type_text(qtbot, window, "x")  # the first edit arms the timers and announces "unsaved"
    copies: list[int] = []
    real_text = window.editor.text
    monkeypatch.setattr(window.editor, "text", lambda: copies.append(1) or real_text())
    starts: list[int] = []
    real_start = window.session._autosave.start
    monkeypatch.setattr(window.session._autosave, "start", lambda *a: starts.append(1) or real_start(*a))
    type_text(qtbot, window, "more words typed without a pause")
    assert copies == [] and starts == []
    assert window.status.save_state.text() in ("Unsaved changes", "Saving…")


def test_typing_after_a_save_announces_unsaved_again_and_saves_after_the_pause(window, qtbot, sample_project):
    window.settings.autosave_seconds = 0.5
    type_text(qtbot, window, " One.")
    qtbot.waitUntil(lambda: _disk(sample_project).endswith(" One."), timeout=15000)
    qtbot.waitUntil(lambda: window.status.save_state.text() == "Saved", timeout=15000)
    type_text(qtbot, window, " Two.")
    assert window.status.save_state.text() in ("Unsaved changes", "Saving…")
    qtbot.waitUntil(lambda: _disk(sample_project).endswith(" One. Two."), timeout=15000)
    qtbot.waitUntil(lambda: window.status.save_state.text() == "Saved", timeout=15000)


def test_a_long_chapter_is_copied_for_the_journal_in_a_pause_in_typing_not_between_two_keys(
        qtbot, make_window, sample_project, monkeypatch):
    from writer_app.ui import session as session_module
    from writer_app.ui.disk_worker import JOURNAL

    long_text = "\n".join(f"Line {i} of a chapter long enough to be costly to copy on every journal tick."
                          for i in range(session_module.LARGE_CHAPTER_CHARS // 70))
    chapter_file(sample_project, "ch-0001").write_text(long_text, encoding="utf-8")
    window = make_window(sample_project)
    window.settings.autosave_seconds = 600
    clock = [1000.0]
    monkeypatch.setattr(session_module.time, "monotonic", lambda: clock[0])
    journaled: list[object] = []
    submit = window.session.worker.submit
    monkeypatch.setattr(window.session.worker, "submit",
                        lambda job: (journaled.append(job) if job.kind == JOURNAL else None, submit(job))[1])
    window.editor.insertPlainText("A new opening. ")
    window.session._journal_now()  # the writer is typing: no 1 MB copy between two keystrokes
    assert journaled == [] and window.session._journal.isActive()
    clock[0] += session_module.JOURNAL_QUIET_S
    window.session._journal_now()  # a pause in typing: now it is copied
    assert len(journaled) == 1 and journaled[0].text.startswith("A new opening. Line 0 ")
