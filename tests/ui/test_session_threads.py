"""The GUI thread never waits on the disk: opening reads one chapter there, switching reads none, project.json
is written elsewhere."""

from __future__ import annotations

import json
import threading

import pytest

from writer_app.core import project as project_module
from writer_app.core import textfile
from writer_app.core.text import word_count
from writer_app.ui.disk_worker import COUNT, DiskJob, DiskResult, WordCounts


@pytest.fixture
def disk_log(monkeypatch):
    """Record (on GUI thread?, file name) for every chapter read and every atomic write."""
    reads: list[tuple[bool, str]] = []
    writes: list[tuple[bool, str]] = []
    real_read, real_write = textfile.read_text, project_module.atomic_write_bytes

    def read_text(path, encoding=None):
        reads.append((threading.current_thread() is threading.main_thread(), path.name))
        return real_read(path, encoding)

    def atomic_write_bytes(path, data):
        writes.append((threading.current_thread() is threading.main_thread(), path.name))
        return real_write(path, data)

    monkeypatch.setattr(textfile, "read_text", read_text)
    monkeypatch.setattr(project_module, "atomic_write_bytes", atomic_write_bytes)
    return reads, writes


def _true_counts(folder) -> dict[str, int]:
    data = json.loads((folder / "project.json").read_text(encoding="utf-8"))
    return {c["id"]: word_count((folder / c["file"]).read_text(encoding="utf-8")) for c in data["chapters"]}


def test_opening_reads_only_the_first_chapter_on_the_gui_thread(make_window, sample_project, disk_log, qtbot):
    reads, _writes = disk_log
    window = make_window(sample_project)
    gui_reads = [name for on_gui, name in reads if on_gui]
    assert gui_reads == ["ch-0001.md"]
    assert window.editor.text()  # the first chapter shows at once
    expected = _true_counts(sample_project)
    qtbot.waitUntil(lambda: window.session.words == expected)
    assert [name for on_gui, name in reads if on_gui] == ["ch-0001.md"]
    assert window.session.total_words() == sum(expected.values())


def test_project_json_is_never_written_on_the_gui_thread(make_window, sample_project, disk_log, qtbot):
    _reads, writes = disk_log
    window = make_window(sample_project)
    window.chapters_panel.list.item(1).setText("Rain Gutters")
    window.commands.move("ch-0003", 0)
    window.project.word_list.append("Zorblat")
    window.save_manifest_later()
    qtbot.waitUntil(window.session.worker.is_idle)
    manifest_writes = [on_gui for on_gui, name in writes if name == "project.json"]
    assert manifest_writes and not any(manifest_writes)
    data = json.loads((sample_project / "project.json").read_text(encoding="utf-8"))
    assert data["chapters"][0]["id"] == "ch-0003" and "Zorblat" in data["word_list"]
    assert any(c["title"] == "Rain Gutters" for c in data["chapters"])
    assert not window.project.manifest_changed_on_disk()


def test_an_older_manifest_snapshot_never_overwrites_a_newer_one(sample_project):
    project = project_module.Project.open(sample_project)
    try:
        project.title = "Old"
        old = project.manifest_bytes()
        old_serial = project.manifest_serial
        project.title = "New"
        project.save_manifest()
        assert project.write_manifest_bytes(old, serial=old_serial) is False
        assert json.loads((sample_project / "project.json").read_text(encoding="utf-8"))["title"] == "New"
    finally:
        project.close()


def test_manifest_changed_elsewhere_during_a_queued_write_asks_once(make_window, sample_project, prompt_log,
                                                                     qtbot):
    window = make_window(sample_project)
    qtbot.waitUntil(window.session.worker.is_idle)
    prompt_log.manifest = "keep"
    data = json.loads((sample_project / "project.json").read_text(encoding="utf-8"))
    data["title"] = "Pulled"
    (sample_project / "project.json").write_text(json.dumps(data), encoding="utf-8")
    window.project.word_list.append("Zorblat")
    window.save_manifest_later()
    qtbot.waitUntil(lambda: "manifest" in prompt_log.names())
    qtbot.waitUntil(window.session.worker.is_idle)
    window.session.flush()
    saved = json.loads((sample_project / "project.json").read_text(encoding="utf-8"))
    assert prompt_log.names() == ["manifest"] and "Zorblat" in saved["word_list"]


def test_late_word_counts_of_another_project_are_dropped(make_window, sample_project, qtbot):
    window = make_window(sample_project)
    qtbot.waitUntil(lambda: None not in window.session.words.values())
    before = dict(window.session.words)
    stale = DiskJob(COUNT, window.project, revision=window.session._generation - 1)  # noqa: SLF001
    window.session.worker.done.emit(DiskResult(stale, value=WordCounts({"ch-0002": 99999})))
    assert window.session.words == before


def test_unsaved_chapter_texts_lists_closed_chapters_awaiting_their_save(make_window, sample_project):
    window = make_window(sample_project)
    window.editor.insertPlainText("Fresh words. ")
    window.session._unsaved["ch-0002"] = "pending text"  # noqa: SLF001 - as after a failed save
    texts = window.unsaved_chapter_texts()
    assert texts == {"ch-0002": "pending text"}
    texts.clear()
    assert window.unsaved_chapter_texts()  # a copy


def test_looking_for_outside_changes_stats_no_file_on_the_gui_thread(make_window, sample_project, qtbot,
                                                                     monkeypatch):
    from writer_app.core import storage

    window = make_window(sample_project)
    qtbot.waitUntil(window.session.worker.is_idle)
    looks: list[bool] = []
    real = storage.FileStamp.matches

    def matches(self, path):
        looks.append(threading.current_thread() is threading.main_thread())
        return real(self, path)

    monkeypatch.setattr(storage.FileStamp, "matches", matches)
    other = sample_project / "chapters" / "ch-0003.md"
    other.write_text("Rewritten elsewhere in six short words.\n", encoding="utf-8")
    window.session.check_external_changes()
    qtbot.waitUntil(lambda: window.session.words.get("ch-0003") == 6)
    assert looks and not any(looks)


def test_status_bar_shows_the_whole_manuscript_total_once_counted(make_window, sample_project, qtbot):
    window = make_window(sample_project)
    expected = sum(_true_counts(sample_project).values())
    qtbot.waitUntil(lambda: not window.session.counts_pending())
    assert window.status.total_words.text() == f"Manuscript: {expected:,} words"


def test_adding_a_chapter_writes_its_file_then_the_manifest_off_the_gui_thread(make_window, sample_project,
                                                                               disk_log, qtbot):
    _reads, writes = disk_log
    window = make_window(sample_project)
    qtbot.waitUntil(window.session.worker.is_idle)
    writes.clear()
    new_id = window.commands.add("Fresh")
    assert window.current_chapter.id == new_id and window.editor.text() == ""
    qtbot.waitUntil(lambda: window.session.state() == "saved")
    names = [name for _on_gui, name in writes]
    assert names.index(f"{new_id}.md") < names.index("project.json")  # the file exists before it is listed
    assert not any(on_gui for on_gui, _name in writes)
    data = json.loads((sample_project / "project.json").read_text(encoding="utf-8"))
    assert new_id in [c["id"] for c in data["chapters"]]


def _gui_reads(reads) -> list[str]:
    return [name for on_gui, name in reads if on_gui]


def test_switching_chapters_and_background_checks_read_no_file_on_the_gui_thread(make_window, sample_project,
                                                                                 disk_log, qtbot):
    reads, _writes = disk_log
    window = make_window(sample_project)
    qtbot.waitUntil(lambda: not window.session.counts_pending())
    del reads[:]
    for chapter in window.project.chapters[1:]:
        assert window.open_chapter(chapter.id)
        expected = (sample_project / chapter.file).read_text(encoding="utf-8")
        assert window.editor.text() == expected
        assert window.chapter_text(window.project.chapters[0].id)  # what checks and export ask for
    assert _gui_reads(reads) == []


def test_a_chapter_saved_on_leaving_it_opens_again_with_the_saved_words(make_window, sample_project, disk_log,
                                                                        qtbot):
    reads, _writes = disk_log
    window = make_window(sample_project)
    qtbot.waitUntil(lambda: not window.session.counts_pending())
    window.editor.insertPlainText("Fresh opening line. ")
    mine = window.editor.text()
    window.open_chapter("ch-0002")
    qtbot.waitUntil(lambda: not window.session.is_unsaved())
    del reads[:]
    window.open_chapter("ch-0001")
    assert window.editor.text() == mine
    assert _gui_reads(reads) == []


def test_an_outside_change_to_a_closed_chapter_is_what_opens_once_noticed(make_window, sample_project, qtbot):
    window = make_window(sample_project)
    qtbot.waitUntil(lambda: not window.session.counts_pending())
    window.chapter_text("ch-0004")  # known from the background count
    (sample_project / "chapters" / "ch-0004.md").write_text("Rewritten by a sync tool.\n", encoding="utf-8")
    window.session.check_external_changes()  # what the folder watcher does
    qtbot.waitUntil(lambda: not window.session.scan_pending())
    assert window.chapter_text("ch-0004") == "Rewritten by a sync tool.\n"
    window.open_chapter("ch-0004")
    assert window.editor.text() == "Rewritten by a sync tool.\n"


def test_merging_shows_the_merged_text_when_the_chapter_opens_again(make_window, sample_project, qtbot):
    window = make_window(sample_project)
    qtbot.waitUntil(lambda: not window.session.counts_pending())
    first, second = window.chapter_text("ch-0002"), window.chapter_text("ch-0003")
    assert window.commands.merge_with_next("ch-0002")
    window.open_chapter("ch-0002")
    assert first.strip() in window.editor.text() and second.strip() in window.editor.text()
    assert window.editor.text() == (sample_project / "chapters" / "ch-0002.md").read_text(encoding="utf-8")
