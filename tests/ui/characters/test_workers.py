"""Background indexing: results come back on the GUI thread; stale and older snapshots are dropped."""

from __future__ import annotations

from writer_app.characters.cast import Character
from writer_app.characters.mentions import MentionMatcher
from writer_app.ui.characters.workers import ChapterSnapshot, IndexDispatcher, IndexRequest, run_request


def request(dispatcher: IndexDispatcher, *chapters: tuple[str, str], discover: bool = False) -> IndexRequest:
    snaps = tuple(ChapterSnapshot(cid, dispatcher.next_snapshot(), text) for cid, text in chapters)
    return IndexRequest(dispatcher.epoch, MentionMatcher([Character("Elena")]), snaps,
                        discover=snaps if discover else None)


def test_results_arrive_with_counts_and_suggestions(qtbot) -> None:
    dispatcher = IndexDispatcher()
    got = []
    dispatcher.chapter_indexed.connect(lambda cid, snap, mentions: got.append((cid, mentions.counts)))
    with qtbot.waitSignal(dispatcher.suggestions_ready, timeout=5000) as blocker:
        dispatcher.submit(request(dispatcher, ("c1", "Elena and Hannah. Hannah smiled at Elena."), discover=True))
    assert got == [("c1", (2,))]
    assert [c.name for c in blocker.args[0]] == ["Elena", "Hannah"]
    dispatcher.shutdown()


def test_results_of_an_earlier_epoch_are_dropped(qtbot) -> None:
    dispatcher = IndexDispatcher()
    got = []
    dispatcher.chapter_indexed.connect(lambda cid, snap, mentions: got.append(cid))
    stale = request(dispatcher, ("old", "Elena"))
    dispatcher.new_epoch()
    with qtbot.waitSignal(dispatcher.idle, timeout=5000):
        dispatcher.submit(stale)
        dispatcher.submit(request(dispatcher, ("new", "Elena")))
    assert got == ["new"]
    dispatcher.shutdown()


def test_an_older_snapshot_never_replaces_a_newer_one(qtbot) -> None:
    dispatcher = IndexDispatcher()
    got = []
    dispatcher.chapter_indexed.connect(lambda cid, snap, mentions: got.append((snap, mentions.counts)))
    older = request(dispatcher, ("c1", "Elena"))
    newer = request(dispatcher, ("c1", "Elena, Elena"))
    with qtbot.waitSignal(dispatcher.idle, timeout=5000):
        dispatcher.submit(newer)
        dispatcher.submit(older)
    assert got == [(newer.chapters[0].snapshot, (2,))]
    dispatcher.shutdown()


def test_a_failing_request_reports_an_error_instead_of_killing_the_worker() -> None:
    class Broken(MentionMatcher):
        def find(self, text: str):
            raise ValueError("boom")

    result = run_request(IndexRequest(0, Broken([]), (ChapterSnapshot("c", 1, "x"),)))
    assert result.error == "boom" and result.chapters == ()
