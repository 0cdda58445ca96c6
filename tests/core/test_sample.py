"""The bundled sample project opens, has its cast and its deliberate slips, and is copied before use."""

from __future__ import annotations

from writer_app.core.project import Project
from writer_app.core.sample import ensure_sample_project, sample_source
from writer_app.core.text import word_count


def test_sample_project_is_a_valid_short_story() -> None:
    with Project.open(sample_source(), read_only=True) as project:
        assert 4 <= len(project.chapters) <= 5
        text = "\n".join(t for _c, t in project.iter_chapter_texts())
        names = {c["name"] for c in project.cast}
        aliases = {a for c in project.cast for a in c["aliases"]}
    assert 2_500 <= word_count(text) <= 3_800
    assert {"Elena Marsh", "Damon Reyes", "Katherine Marsh", "Jessica Tran"} <= names
    assert {"Mrs. Flowers", "Kat"} <= aliases
    for slip in ("a safety net taken president over his bleeding heart",
                 "he'd just have to life with the disappointment",
                 "could of", "Their going", "the the", "recieve", "alot"):
        assert slip in text, slip


def test_sample_is_copied_to_a_writable_place_once() -> None:
    copy = ensure_sample_project()
    assert copy != sample_source() and (copy / "project.json").exists()
    with Project.open(copy) as project:
        project.rename_chapter(project.chapters[0], "Edited")
    assert ensure_sample_project() == copy
    with Project.open(copy, read_only=True) as project:
        assert project.chapters[0].title == "Edited"


def test_the_first_chapter_shows_a_new_writer_two_underlines(capsys) -> None:
    from writer_app.cli import main

    with Project.open(sample_source(), read_only=True) as project:
        first = project.read_chapter(project.chapters[0])
    assert "Thinner, to." in first and "You're room's made up." in first
    main(["check", str(sample_source())])
    flagged = [line for line in capsys.readouterr().out.splitlines() if "ch-0001.md" in line]
    assert len(flagged) == 2
    assert any("[COMMA_TO_END]" in line for line in flagged) and any("[YOURE_YOUR]" in line for line in flagged)
