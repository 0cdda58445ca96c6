"""Invalid UTF-8 is refused clearly; the writer can open it as cp1252/Latin-1 losslessly."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from writer_app.core.errors import EncodingError
from writer_app.core.project import Project

CP1252_BYTES = "Caf\u00e9 \u201cquoted\u201d \u2014 na\u00efve\n".encode("cp1252")


def test_invalid_utf8_raises_encoding_error_with_the_path(tmp_path: Path) -> None:
    draft = tmp_path / "old.txt"
    draft.write_bytes(b"first line\n" + CP1252_BYTES)
    with pytest.raises(EncodingError) as caught:
        Project.open(draft)
    assert caught.value.path == draft
    message = str(caught.value)
    assert "old.txt is not valid UTF-8" in message and "line 2" in message and "Windows-1252" in message


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_chosen_8bit_encoding_round_trips_byte_for_byte(tmp_path: Path, encoding: str) -> None:
    draft = tmp_path / "old.txt"
    draft.write_bytes(CP1252_BYTES)
    with Project.open(draft, encoding=encoding) as project:
        text = project.read_chapter(project.chapters[0])
        if encoding == "cp1252":
            assert text == "Caf\u00e9 \u201cquoted\u201d \u2014 na\u00efve\n"
        project.write_chapter(project.chapters[0], text)
    assert draft.read_bytes() == CP1252_BYTES  # saved back in the chosen encoding, unchanged


def test_saving_stays_in_the_chosen_encoding_until_converted(tmp_path: Path) -> None:
    draft = tmp_path / "old.txt"
    draft.write_bytes(CP1252_BYTES)
    with Project.open(draft, encoding="cp1252") as project:
        chapter = project.chapters[0]
        text = project.read_chapter(chapter) + "More caf\u00e9.\n"
        project.write_chapter(chapter, text)
        assert draft.read_bytes() == text.encode("cp1252")
        with pytest.raises(EncodingError, match="convert the file to UTF-8"):
            project.write_chapter(chapter, text + "\U0001f600\n")  # cp1252 has no emoji: refuse, never drop
        assert draft.read_bytes() == text.encode("cp1252")
        project.convert_to_utf8()
        project.write_chapter(chapter, text + "\U0001f600\n")
    assert draft.read_text(encoding="utf-8") == text + "\U0001f600\n"


def test_project_chapters_can_be_opened_in_a_chosen_encoding(open_project, project_folder: Path) -> None:
    (project_folder / "chapters" / "one.md").write_bytes(CP1252_BYTES)
    project = open_project()
    with pytest.raises(EncodingError):
        project.read_chapter(project.chapters[0])
    project.close()
    legacy = open_project(encoding="cp1252")
    assert legacy.read_chapter(legacy.chapters[0]).startswith("Caf\u00e9")


def test_bytes_undefined_in_cp1252_suggest_latin1(tmp_path: Path) -> None:
    draft = tmp_path / "odd.txt"
    draft.write_bytes(b"abc \x81 def")
    with pytest.raises(EncodingError, match="try Latin-1"):
        Project.open(draft, encoding="cp1252")
    with Project.open(draft, encoding="latin-1") as project:
        assert project.read_chapter(project.chapters[0]) == "abc \x81 def"


# -------------------------------------------------------------------------------------------------------------
# Line endings: saved the way the file had them (the most common one when it mixes them, said in the log).


def _resave(path: Path, extra: str) -> bytes:
    """Open, add ``extra`` to the first chapter, save; returns that chapter file's bytes."""
    with Project.open(path) as project:
        chapter = project.chapters[0]
        project.write_chapter(chapter, project.read_chapter(chapter) + extra)
        return project.chapter_path(chapter).read_bytes()


def test_a_cr_only_file_is_saved_with_cr(tmp_path: Path) -> None:
    draft = tmp_path / "old-mac.txt"
    draft.write_bytes(b"One.\rTwo.\r")
    with Project.open(draft) as project:
        assert project.read_chapter(project.chapters[0]) == "One.\nTwo.\n"
    assert _resave(draft, "Three.\n") == b"One.\rTwo.\rThree.\r"


def test_a_cr_only_chapter_in_a_project_is_saved_with_cr(project_folder: Path) -> None:
    chapter = project_folder / "chapters" / "one.md"
    chapter.write_bytes(b"The ferry.\r\rCame in late.\r")
    assert _resave(project_folder, "Rain.\n") == b"The ferry.\r\rCame in late.\rRain.\r"


def test_a_mostly_lf_file_with_some_crlf_lines_stays_lf_and_the_log_says_so(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    draft = tmp_path / "mixed.txt"
    draft.write_bytes(b"a\r\nb\nc\nd\n")
    with caplog.at_level(logging.INFO, logger="writer_app.core.textfile"):
        saved = _resave(draft, "e\n")
    assert saved == b"a\nb\nc\nd\ne\n"
    assert "mixed.txt mixes line endings" in caplog.text and "LF (Unix)" in caplog.text


def test_a_mostly_crlf_file_with_some_lf_lines_stays_crlf(tmp_path: Path) -> None:
    draft = tmp_path / "mixed.txt"
    draft.write_bytes(b"a\r\nb\r\nc\nd\r\n")
    assert _resave(draft, "e\n") == b"a\r\nb\r\nc\r\nd\r\ne\r\n"


def test_a_file_with_one_line_ending_of_each_kind_keeps_the_first(tmp_path: Path) -> None:
    draft = tmp_path / "tie.txt"
    draft.write_bytes(b"a\rb\nc\r\n")
    assert _resave(draft, "") == b"a\rb\rc\r"


def test_a_file_without_line_breaks_gets_lf(tmp_path: Path) -> None:
    draft = tmp_path / "one-line.txt"
    draft.write_bytes(b"a")
    assert _resave(draft, "\nb") == b"a\nb"
