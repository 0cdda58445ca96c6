"""Background indexing: results come back on the GUI thread; stale and older snapshots are dropped."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

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
    assert sorted(c.name for c in blocker.args[0]) == ["Elena", "Hannah"]
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


def file_snapshot(chapter_id: str, snapshot: int, path: Path, encoding: str | None = None) -> ChapterSnapshot:
    return ChapterSnapshot(chapter_id, snapshot, locate=lambda: path, encoding=encoding)


def test_a_chapter_file_is_read_by_the_worker_and_its_text_returned(tmp_path: Path) -> None:
    path = tmp_path / "ch.md"
    path.write_bytes("Elena and Hannah at the caf\u00e9.\r\nHannah smiled at Elena.".encode("cp1252"))
    snap = file_snapshot("c1", 1, path, encoding="cp1252")
    result = run_request(IndexRequest(0, MentionMatcher([Character("Elena")]), (snap,), discover=(snap,)))
    assert [(s.chapter_id, m.counts) for s, m in result.chapters] == [("c1", (2,))]
    assert result.texts_read == ((snap, "Elena and Hannah at the caf\u00e9.\nHannah smiled at Elena."),)
    assert sorted(c.name for c in result.suggestions) == ["Elena", "Hannah"]


def test_an_unreadable_chapter_file_is_skipped_and_the_others_indexed(tmp_path: Path, caplog) -> None:
    good, bad = tmp_path / "good.md", tmp_path / "bad.md"
    good.write_text("Elena waved.", encoding="utf-8")
    bad.write_bytes(b"Elena \xff waved.")
    snaps = (file_snapshot("bad", 1, bad), file_snapshot("gone", 2, tmp_path / "gone.md"),
             file_snapshot("good", 3, good))
    with caplog.at_level(logging.WARNING):
        result = run_request(IndexRequest(0, MentionMatcher([Character("Elena")]), snaps, discover=snaps))
    assert [s.chapter_id for s, _m in result.chapters] == ["good"]
    assert [u.chapter_id for u in result.unreadable] == ["bad", "gone"]
    assert "bad.md is not valid UTF-8" in result.unreadable[0].message
    assert "gone.md does not exist" in result.unreadable[1].message
    assert result.error == "" and result.suggestions is not None
    assert len([r for r in caplog.records if "cannot read chapter" in r.getMessage()]) == 2


def test_a_snapshot_needs_text_or_a_file() -> None:
    with pytest.raises(ValueError):
        ChapterSnapshot("c1", 1)


def _long_chapter() -> str:
    """About 300 KB of prose in short paragraphs, with two people named often."""
    lines = []
    for number in range(2400):
        who = "Tamsin Vell" if number % 3 else "Corwen Aske"
        lines.append(f"On day {number} {who} mended a net by the harbour and said little to anyone passing.")
    return "\n".join(lines)


def test_discovery_reads_a_long_chapter_in_slices_cut_at_paragraph_ends(monkeypatch) -> None:
    from writer_app.characters import discover
    from writer_app.ui.characters import workers

    text = _long_chapter()
    fed: list[str] = []

    def recording(texts, **options):
        fed.extend(texts)
        return []

    monkeypatch.setattr(discover, "discover_candidates", recording)
    snap = ChapterSnapshot("c", 1, text)
    run_request(IndexRequest(0, MentionMatcher([]), (snap,), discover=(snap,)))
    assert len(fed) > 1 and max(len(piece) for piece in fed) <= workers.DISCOVER_SLICE  # no whole-chapter step
    assert "".join(fed) == text
    assert all(piece.endswith("\n") for piece in fed[:-1])  # cut between paragraphs, never inside a name


def test_discovery_in_slices_finds_the_same_people_as_the_whole_text() -> None:
    from writer_app.characters.discover import discover_candidates

    text = _long_chapter()
    snap = ChapterSnapshot("c", 1, text)
    result = run_request(IndexRequest(0, MentionMatcher([]), (snap,), discover=(snap,)))
    whole = discover_candidates([text])
    assert [c.name for c in result.suggestions] == [c.name for c in whole]
    assert {"Tamsin Vell", "Corwen Aske"} <= {c.name for c in whole}


def test_building_the_characters_feature_leaves_discovery_unloaded_until_a_worker_needs_it() -> None:
    import subprocess
    import sys

    code = ("import sys; import writer_app.ui.characters.install; "
            "sys.exit('writer_app.characters.discover' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False, timeout=120).returncode == 0
