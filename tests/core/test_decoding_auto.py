"""The automatic encoding choice (UTF-8, UTF-16 with a BOM, Windows-1252) says what it chose and saving keeps it."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from writer_app.core.errors import BinaryFileError, EncodingError
from writer_app.core.project import Project
from writer_app.core.textfile import decode, decode_keeping_newlines, encoding_label

TEXT = "Caf\u00e9 \u201cquoted\u201d \u2014 na\u00efve.\nSecond line.\n"


@pytest.mark.parametrize(("data", "encoding", "bom"), [
    (TEXT.encode("utf-8"), "utf-8", False),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", True),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", True),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", True),
    (TEXT.encode("cp1252"), "cp1252", False),
])
def test_auto_reads_each_encoding_and_says_which(data: bytes, encoding: str, bom: bool) -> None:
    text, fmt = decode(data, Path("draft.txt"), "auto")
    assert text == TEXT
    assert (fmt.encoding, fmt.bom) == (encoding, bom)
    assert fmt.encode(text, Path("draft.txt")) == data  # written back byte for byte


def test_utf8_wins_over_windows_1252_when_both_would_decode() -> None:
    data = "na\u00efve".encode("utf-8")  # also valid (as mojibake) in Windows-1252
    assert decode(data, Path("a.txt"), "auto") == ("na\u00efve", decode(data, Path("a.txt"))[1])


def test_auto_refuses_bytes_no_candidate_reads_in_one_sentence() -> None:
    with pytest.raises(EncodingError) as caught:
        decode(b"line one\nabc \x81 def\n", Path("odd.txt"), "auto")
    message = str(caught.value)
    assert message.startswith("odd.txt is not UTF-8, UTF-16 or Windows-1252 text (byte 0x81 on line 2")
    assert "Latin-1" in message and "\n" not in message


def test_auto_still_refuses_binary_files() -> None:
    with pytest.raises(BinaryFileError):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Path("image.txt"), "auto")


def test_newlines_can_be_kept_for_offsets() -> None:
    data = codecs.BOM_UTF16_LE + "a\r\nb\r\n".encode("utf-16-le")
    text, fmt = decode_keeping_newlines(data, Path("a.txt"), "auto")
    assert text == "a\r\nb\r\n" and fmt.crlf and fmt.encoding == "utf-16-le"


def test_labels_are_the_names_writers_know() -> None:
    assert [encoding_label(e) for e in ("utf-8", "utf-16-be", "cp1252", "windows-1252", "latin_1", None)] == [
        "UTF-8", "UTF-16", "Windows-1252", "Windows-1252", "Latin-1", "UTF-8"]


def test_a_utf16_draft_opened_automatically_is_saved_in_utf16(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    original = codecs.BOM_UTF16_BE + TEXT.replace("\n", "\r\n").encode("utf-16-be")
    draft.write_bytes(original)
    with Project.open(draft, encoding="auto") as project:
        chapter = project.chapters[0]
        text = project.read_chapter(chapter)
        assert text == TEXT
        assert project.text_format(chapter).encoding == "utf-16-be"
        project.write_chapter(chapter, text)
        assert draft.read_bytes() == original
        project.write_chapter(chapter, text + "More.\n")
    assert draft.read_bytes() == codecs.BOM_UTF16_BE + (TEXT + "More.\n").replace("\n", "\r\n").encode("utf-16-be")


def test_a_format_still_set_to_auto_saves_utf8() -> None:
    from writer_app.core.textfile import TextFormat

    assert TextFormat("auto").encode("na\u00efve\n", Path("new.md")) == "na\u00efve\n".encode()
