"""The disk writer thread: order, coalescing of stale snapshots, errors turned into sentences."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from writer_app.core.errors import ExternalChangeError, SaveError
from writer_app.ui.disk_worker import JOURNAL, WRITE, DiskJob, DiskWorker


@dataclass
class FakeChapter:
    id: str


@dataclass
class FakeJournal:
    log: list

    def record(self, chapter_id, text):
        self.log.append(("journal", chapter_id, text))

    def clear(self, chapter_id):
        self.log.append(("clear", chapter_id))


@dataclass
class FakeProject:
    gate: threading.Event = field(default_factory=threading.Event)
    started: threading.Event = field(default_factory=threading.Event)
    log: list = field(default_factory=list)
    fail_with: Exception | None = None

    def write_chapter(self, chapter, text, force=False):
        self.started.set()
        self.gate.wait(10)
        if self.fail_with is not None:
            raise self.fail_with
        self.log.append(("write", chapter.id, text, force))

    def recovery_journal(self):
        return FakeJournal(self.log)


def test_stale_snapshots_are_skipped_and_order_is_kept(qtbot):
    worker = DiskWorker()
    project = FakeProject()
    results = []
    worker.done.connect(results.append)
    chapter = FakeChapter("c1")
    worker.submit(DiskJob(WRITE, project, chapter, "v1", 1))
    assert project.started.wait(10)
    worker.submit(DiskJob(JOURNAL, project, chapter, "v2", 2))
    worker.submit(DiskJob(WRITE, project, chapter, "v2", 2))
    worker.submit(DiskJob(WRITE, project, chapter, "v3", 3))
    assert not worker.is_idle()
    project.gate.set()
    qtbot.waitUntil(lambda: len(results) == 4, timeout=10000)
    assert worker.is_idle()
    writes = [entry for entry in project.log if entry[0] == "write"]
    assert [w[2] for w in writes] == ["v1", "v3"]  # v2 was superseded while v1 was being written
    assert [r.skipped for r in results] == [False, False, True, False]
    assert ("journal", "c1", "v2") in project.log
    assert project.log.index(("journal", "c1", "v2")) < project.log.index(("write", "c1", "v3", False))
    worker.stop()


def test_errors_come_back_as_sentences(qtbot):
    worker = DiskWorker()
    project = FakeProject(fail_with=SaveError("The disk is full, so ch.md could not be saved."))
    project.gate.set()
    with qtbot.waitSignal(worker.done, timeout=10000) as blocker:
        worker.submit(DiskJob(WRITE, project, FakeChapter("c1"), "text", 1))
    result = blocker.args[0]
    assert not result.ok and result.error.startswith("The disk is full") and not result.external_change
    project.fail_with = ExternalChangeError("ch.md was changed by another program.", None)
    with qtbot.waitSignal(worker.done, timeout=10000) as blocker:
        worker.submit(DiskJob(WRITE, project, FakeChapter("c1"), "text", 2))
    assert blocker.args[0].external_change
    project.fail_with = RuntimeError("boom")
    with qtbot.waitSignal(worker.done, timeout=10000) as blocker:
        worker.submit(DiskJob(WRITE, project, FakeChapter("c1"), "text", 3))
    assert "unexpectedly" in blocker.args[0].error
    worker.stop()


def test_wait_idle_and_stop_finish_the_queue():
    worker = DiskWorker()
    project = FakeProject()
    project.gate.set()
    for revision in range(5):
        worker.submit(DiskJob(WRITE, project, FakeChapter(f"c{revision}"), "t", revision))
    assert worker.wait_idle(10)
    assert len([e for e in project.log if e[0] == "write"]) == 5
    worker.stop()
    assert not worker._thread.is_alive()


def test_a_backup_queued_behind_a_newer_backup_is_skipped(qtbot):
    from writer_app.ui.disk_worker import BACKUP

    class BackupProject(FakeProject):
        def backup_manager(self):
            outer = self

            class Manager:
                def snapshot(self):
                    outer.log.append(("backup",))

            return Manager()

    worker = DiskWorker()
    project = BackupProject()
    results = []
    worker.done.connect(results.append)
    worker.submit(DiskJob(WRITE, project, FakeChapter("c1"), "v1", 1))
    assert project.started.wait(10)
    worker.submit(DiskJob(BACKUP, project))
    worker.submit(DiskJob(BACKUP, project))
    project.gate.set()
    qtbot.waitUntil(lambda: len(results) == 3, timeout=10000)
    assert project.log.count(("backup",)) == 1
    assert [r.skipped for r in results] == [False, True, False]
    worker.stop()
