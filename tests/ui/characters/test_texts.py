"""Chapter text sources: the cache keeps the newest text; unsaved texts come from the window's memory."""

from __future__ import annotations

from types import SimpleNamespace

from writer_app.ui.characters.texts import ChapterTexts


def test_an_older_snapshot_text_never_replaces_a_newer_one() -> None:
    texts = ChapterTexts(window=None)
    texts.remember("c1", 5, "typed later")
    texts.remember("c1", 3, "read from disk earlier")
    assert texts.cached("c1") == "typed later"
    texts.remember("c1", 6, "newest")
    assert texts.cached("c1") == "newest"
    texts.clear()
    assert texts.cached("c1") is None


def test_unsaved_texts_come_from_the_windows_public_accessor_only() -> None:
    with_accessor = SimpleNamespace(unsaved_chapter_texts=lambda: {"c2": "kept"})
    private_only = SimpleNamespace(session=SimpleNamespace(_unsaved={"c3": "pending"}))
    assert ChapterTexts(with_accessor).unsaved() == {"c2": "kept"}
    assert ChapterTexts(private_only).unsaved() == {}
    assert ChapterTexts(SimpleNamespace()).unsaved() == {}


def test_the_open_chapter_text_is_the_editors() -> None:
    window = SimpleNamespace(current_chapter=SimpleNamespace(id="c1"), editor=SimpleNamespace(text=lambda: "live"),
                             unsaved_chapter_texts=lambda: {"c1": "stale", "c2": "kept"})
    assert ChapterTexts(window).in_memory() == {"c1": "live", "c2": "kept"}
