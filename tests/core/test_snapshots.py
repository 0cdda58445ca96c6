"""Snapshots: stored in the project, deduplicated, restorable with the current text kept, capped with a plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.conftest import write_manifest
from writer_app.core.project import Project
from writer_app.core.snapshots import (
    BEFORE_MERGE,
    BEFORE_RESTORE,
    SnapshotError,
    SnapshotStore,
    restore_snapshot,
    snapshot_store,
    take_snapshot,
)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    folder = tmp_path / "p"
    write_manifest(folder)
    opened = Project.open(folder)
    yield opened
    opened.close()


def test_take_snapshot_stores_the_chapter_file_and_lists_it(project: Project) -> None:
    chapter = project.chapters[0]
    result = take_snapshot(project, chapter, "first draft")
    assert result.created and not result.over_cap
    (listed,) = snapshot_store(project).list(chapter.id)
    assert listed.name == "first draft" and listed.words == 5
    assert snapshot_store(project).text(listed) == "The ferry came in late.\n"
    assert (project.path / "snapshots" / "one.jsonl").is_file()


def test_the_same_text_is_stored_once(project: Project) -> None:
    one, two = project.chapters
    first = take_snapshot(project, one, text="Same words.")
    again = take_snapshot(project, one, text="Same words.", reason=BEFORE_MERGE)
    assert not again.created and again.snapshot == first.snapshot
    take_snapshot(project, two, text="Same words.")
    take_snapshot(project, one, "named", text="Same words.")  # a name is worth a line, not a second copy
    blobs = list((project.path / "snapshots" / "objects").glob("*/*.txt"))
    assert len(blobs) == 1
    assert len(snapshot_store(project).list(one.id)) == 2


def test_restore_gives_the_old_text_and_first_keeps_the_current_one(project: Project) -> None:
    chapter = project.chapters[0]
    old = take_snapshot(project, chapter, text="Old words here.").snapshot
    text = restore_snapshot(project, chapter, old, "New words typed since.")
    assert text == "Old words here."
    newest = snapshot_store(project).list(chapter.id)[0]
    assert newest.reason == BEFORE_RESTORE
    assert snapshot_store(project).text(newest) == "New words typed since."


def test_a_snapshot_whose_text_was_tampered_with_is_refused(project: Project) -> None:
    snap = take_snapshot(project, project.chapters[0], text="Kept safe.").snapshot
    blob = next((project.path / "snapshots" / "objects").glob("*/*.txt"))
    blob.write_text("Changed behind our back.", encoding="utf-8")
    with pytest.raises(SnapshotError, match="changed on disk"):
        snapshot_store(project).text(snap)


def test_going_over_the_cap_is_reported_and_pruning_only_follows_a_plan(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path, cap_bytes=3000)
    for number in range(5):
        result = store.take("a", f"{number} " + "word " * 200, reason=BEFORE_MERGE)
    assert result.over_cap
    assert len(store.list("a")) == 5  # nothing was deleted without asking
    plan = store.prune_plan(["a"])
    assert plan and store.list("a")[0] not in plan
    assert [s.id for s in plan] == [s.id for s in reversed(store.list("a")[1:])][: len(plan)]  # oldest first
    freed = store.delete(plan)
    assert freed > 0 and not store.over_cap()
    assert len(list((tmp_path / "snapshots" / "objects").glob("*/*.txt"))) == len(store.list("a"))


def test_named_snapshots_are_pruned_after_automatic_ones(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path, cap_bytes=1)
    named = store.take("a", "one " * 100, "keep me").snapshot
    auto = store.take("a", "two " * 100, reason=BEFORE_MERGE).snapshot
    store.take("a", "three " * 100)
    assert store.prune_plan(["a"])[:2] == [auto, named]


def test_a_damaged_index_line_is_skipped(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path, cap_bytes=0)
    store.take("a", "text one")
    with open(tmp_path / "snapshots" / "a.jsonl", "a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    store.take("a", "text two")
    assert [store.text(s) for s in store.list("a")] == ["text two", "text one"]
