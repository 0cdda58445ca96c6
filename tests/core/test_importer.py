"""Importing a manuscript splits it into chapters at headings; the corpus novels give the right counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.core.errors import BinaryFileError, EncodingError, ProjectError
from writer_app.core.importer import import_manuscript, smart_title, split_chapters
from writer_app.core.text import word_count


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("Chapter 12", "Chapter 12"),
        ("CHAPTER XII", "Chapter XII"),
        ("Chapter Twelve", "Chapter Twelve"),
        ("Chapter Twenty-One: The Ball", "Chapter Twenty-One: The Ball"),
        ("CHAPTER I.", "Chapter I"),
        ("# The Ferry", "The Ferry"),
        ("## Gutters ##", "Gutters"),
        ("Prologue", "Prologue"),
        ("EPILOGUE", "Epilogue"),
        ("Part One", "Part One"),
    ],
)
def test_heading_lines_become_titles_and_leave_the_body(heading: str, title: str) -> None:
    chapters = split_chapters(f"{heading}\n\nSome prose here.\n\nAnd more.\n")
    assert chapters == [(title, "Some prose here.\n\nAnd more.\n")]


def test_several_chapters_split_in_order() -> None:
    text = "Chapter 1\n\nOne.\n\nChapter 2\n\nTwo.\n\nCHAPTER THREE\n\nThree.\n"
    assert split_chapters(text) == [("Chapter 1", "One.\n"), ("Chapter 2", "Two.\n"), ("Chapter Three", "Three.\n")]


def test_book_headings_prefix_the_chapters_under_them() -> None:
    text = ("BOOK ONE: 1805\n\n\nCHAPTER I\n\nA.\n\nCHAPTER II\n\nB.\n\nBOOK II\n\nCHAPTER I\n\nC.\n\n"
            "FIRST EPILOGUE: 1813 - 20\n\nCHAPTER I\n\nD.\n")
    assert [t for t, _ in split_chapters(text)] == [
        "Book One: 1805 — Chapter I",
        "Book One: 1805 — Chapter II",
        "Book II — Chapter I",
        "First Epilogue: 1813 - 20 — Chapter I",
    ]


def test_part_without_chapters_is_a_chapter_itself() -> None:
    text = "Part One\n\nThe whole part is one run of prose.\n\nPart Two\n\nMore.\n"
    assert [t for t, _ in split_chapters(text)] == ["Part One", "Part Two"]


def test_markdown_levels_nest() -> None:
    text = "# Part One\n\n## The Ferry\n\nProse.\n\n## Gutters\n\nMore.\n\n# Part Two\n\nAlone.\n"
    assert [t for t, _ in split_chapters(text)] == ["Part One — The Ferry", "Part One — Gutters", "Part Two"]


def test_heading_words_inside_prose_are_not_headings() -> None:
    text = ("Chapter 1\n\nShe read the book.\nChapter 5 of the report was dull.\n\n"
            "Part two of his plan was simple.\n\nBook one, he thought, was better.\n")
    assert [t for t, _ in split_chapters(text)] == ["Chapter 1"]


def test_subtitle_line_under_a_bare_heading_joins_the_title() -> None:
    text = ("CHAPTER I.\nDown the Rabbit-Hole\n\nAlice was beginning to get very tired.\n\n"
            "CHAPTER II.\nTHE POOL OF TEARS\n\nCuriouser and curiouser!\n")
    assert split_chapters(text) == [
        ("Chapter I: Down the Rabbit-Hole", "Alice was beginning to get very tired.\n"),
        ("Chapter II: The Pool of Tears", "Curiouser and curiouser!\n"),
    ]


def test_bare_heading_directly_followed_by_prose_keeps_the_prose() -> None:
    text = ("Chapter 5\nIt rained all night.\n\nChapter 6\n\"Stop,\" she said.\n\n"
            "Part two\nof his plan was simple.\n")
    assert split_chapters(text) == [
        ("Chapter 5", "It rained all night.\n"),
        ("Chapter 6", "\"Stop,\" she said.\n\nPart two\nof his plan was simple.\n"),
    ]


def test_substantial_text_before_the_first_heading_becomes_a_chapter() -> None:
    preface = "This is a long note before the story begins, with enough words to matter to anyone reading it."
    chapters = split_chapters(f"{preface}\n\nChapter 1\n\nStory.\n")
    assert chapters[0] == ("Opening", preface + "\n")


def test_a_short_title_block_is_not_a_chapter(tmp_path: Path) -> None:
    source = tmp_path / "book.txt"
    source.write_text("THE PORCH LIGHT\n\nby A. Writer\n\nChapter 1\n\nStory.\n", encoding="utf-8")
    project = import_manuscript(source, tmp_path / "Book")
    assert project.title == "The Porch Light"
    assert [c.title for c in project.chapters] == ["Chapter 1"]
    project.close()


def test_text_without_headings_is_one_chapter() -> None:
    assert split_chapters("Just a story.\n\nNo headings.\n") == [("Chapter 1", "Just a story.\n\nNo headings.\n")]


def test_hard_wrapped_paragraphs_are_unwrapped() -> None:
    para = " ".join(["word"] * 14)
    wrapped = "\n".join([para] * 3)  # one paragraph over three short lines
    text = "Chapter 1\n\n" + "\n\n".join([wrapped] * 10) + "\n"
    (_title, body), = split_chapters(text)
    assert body.split("\n\n")[0] == " ".join([para] * 3)
    assert word_count(body) == 14 * 3 * 10


def test_import_writes_a_project_that_opens(tmp_path: Path) -> None:
    source = tmp_path / "novel.md"
    source.write_text("# One\n\nFirst 😀.\n\n# Two\n\nSecond.\n", encoding="utf-8")
    project = import_manuscript(source, tmp_path / "Novel", title="My Novel")
    assert project.title == "My Novel"
    assert [(c.title, project.read_chapter(c)) for c in project.chapters] == [("One", "First 😀.\n"),
                                                                               ("Two", "Second.\n")]
    project.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Novel", "novel.md"]  # no staging folder left


def test_import_refuses_a_non_empty_target(tmp_path: Path) -> None:
    source = tmp_path / "novel.txt"
    source.write_text("Hi.\n")
    (tmp_path / "Taken").mkdir()
    (tmp_path / "Taken" / "keep.txt").write_text("mine")
    with pytest.raises(ProjectError, match="not empty"):
        import_manuscript(source, tmp_path / "Taken")
    assert sorted(p.name for p in (tmp_path / "Taken").iterdir()) == ["keep.txt"]


def test_import_into_an_existing_empty_folder(tmp_path: Path) -> None:
    source = tmp_path / "novel.txt"
    source.write_text("Hi.\n")
    (tmp_path / "Empty").mkdir()
    with import_manuscript(source, tmp_path / "Empty") as project:
        assert len(project.chapters) == 1


def test_import_bad_inputs(tmp_path: Path) -> None:
    bad_utf8 = tmp_path / "old.txt"
    bad_utf8.write_bytes("Caf\u00e9\n".encode("cp1252"))
    with pytest.raises(EncodingError):
        import_manuscript(bad_utf8, tmp_path / "A")
    with import_manuscript(bad_utf8, tmp_path / "A", encoding="cp1252") as project:
        assert project.read_chapter(project.chapters[0]) == "Caf\u00e9\n"  # stored as UTF-8 in the project
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(BinaryFileError):
        import_manuscript(binary, tmp_path / "B")
    with pytest.raises(ProjectError, match="does not exist"):
        import_manuscript(tmp_path / "missing.txt", tmp_path / "C")
    odd = tmp_path / "novel.pdf"
    odd.write_bytes(b"%PDF")
    with pytest.raises(ProjectError, match="cannot be imported"):
        import_manuscript(odd, tmp_path / "D")
    assert not (tmp_path / "B").exists() and not (tmp_path / "C").exists() and not (tmp_path / "D").exists()


def test_full_disk_during_import_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    from writer_app.core.errors import SaveError

    source = tmp_path / "novel.txt"
    source.write_text("Chapter 1\n\nOne.\n\nChapter 2\n\nTwo.\n")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(SaveError, match="disk is full") as caught:
        import_manuscript(source, tmp_path / "Novel")
    assert "previous version" not in str(caught.value)  # there never was one
    assert sorted(p.name for p in tmp_path.iterdir()) == ["novel.txt"]


def test_full_disk_while_writing_the_imported_manifest_claims_no_previous_version(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from writer_app.core import storage
    from writer_app.core.errors import SaveError

    source = tmp_path / "novel.txt"
    source.write_text("Chapter 1\n\nOne.\n")

    def no_space(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "_write_all", no_space)
    with pytest.raises(SaveError, match="disk is full") as caught:
        import_manuscript(source, tmp_path / "Novel")
    assert "previous version" not in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["novel.txt"]


def test_docx_headings_split_chapters(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("The Ferry", level=1)
    document.add_paragraph("Elena stood at the rail.")
    document.add_heading("Gutters", level=1)
    document.add_paragraph("Damon was on a ladder.")
    source = tmp_path / "story.docx"
    document.save(str(source))
    with import_manuscript(source, tmp_path / "Story") as project:
        assert [(c.title, project.read_chapter(c)) for c in project.chapters] == [
            ("The Ferry", "Elena stood at the rail.\n"), ("Gutters", "Damon was on a ladder.\n")]


def test_smart_title_keeps_roman_numerals_and_mixed_case() -> None:
    assert smart_title("BOOK THE FIRST") == "Book the First"
    assert smart_title("CHAPTER XIV") == "Chapter XIV"
    assert smart_title("Chapter of Accidents") == "Chapter of Accidents"


def test_pride_and_prejudice_gives_61_chapters_and_its_words(corpus_dir: Path, tmp_path: Path) -> None:
    source = corpus_dir / "pride-and-prejudice.txt"
    with import_manuscript(source, tmp_path / "PP") as project:
        assert len(project.chapters) == 61
        assert [c.title for c in project.chapters[:2]] == ["Chapter 1", "Chapter 2"]
        assert project.chapters[-1].title == "Chapter 61"
        words = sum(word_count(text) for _c, text in project.iter_chapter_texts())
    assert abs(words - 121_561) <= 121_561 * 0.005
    assert project.read_only is False


def test_war_and_peace_gives_365_titled_chapters(corpus_dir: Path) -> None:
    text = (corpus_dir / "war-and-peace.txt").read_text(encoding="utf-8")
    chapters = split_chapters(text)
    assert len(chapters) == 365
    titles = [t for t, _ in chapters]
    assert titles[0] == "Book One: 1805 — Chapter I"
    assert "Book Five: 1806 - 07 — Chapter XXII" in titles
    assert titles[-1] == "Second Epilogue — Chapter XII"
    assert sum(t.startswith("First Epilogue: 1813 - 20 — ") for t in titles) == 16
    words = sum(word_count(body) for _t, body in chapters)
    assert abs(words - 562_479) <= 562_479 * 0.005
    assert not any(word_count(body) == 0 for _t, body in chapters)


@pytest.mark.parametrize(("stem", "title"), [
    ("pride-and-prejudice", "Pride and Prejudice"),
    ("the_war_of_the_worlds", "The War of the Worlds"),
    ("WAR-AND-PEACE", "War and Peace"),
    ("My Novel draft-2", "My Novel draft 2"),
])
def test_title_from_file_name_is_readable(stem: str, title: str) -> None:
    from writer_app.core.importer import title_from_file_name

    assert title_from_file_name(stem) == title
