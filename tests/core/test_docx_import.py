"""Importing a .docx: zip bombs and lying headers are refused with bounded memory; non-Word files say what
they are; tables, text boxes and styles read as Word shows them."""

from __future__ import annotations

import struct
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from writer_app.core import safezip
from writer_app.core.docx_text import read_docx_paragraphs
from writer_app.core.errors import ProjectError
from writer_app.core.importer import import_manuscript, read_manuscript
from writer_app.core.safezip import Limits, NotAnArchiveError, UnsafeArchiveError

REPO = Path(__file__).resolve().parents[2]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
BOMB_BYTES = 300 * 1024 * 1024
PEAK_LIMIT_MB = 500


def _document(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def _para(text: str, style: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def write_package(path: Path, document: str | None = None, *, zeros: int = 0) -> Path:
    """A minimal .docx; with ``zeros``, its body is that many zero bytes, deflated (a zip bomb)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        if zeros:
            block = bytes(1024 * 1024)
            with archive.open("word/document.xml", "w") as member:
                for _ in range(zeros // len(block)):
                    member.write(block)
        else:
            archive.writestr("word/document.xml", document or _document(_para("Hello.")))
    return path


def lie_about_size(path: Path, member: str, claimed: int) -> None:
    """Rewrite the uncompressed size of ``member`` in both its local and central headers."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
        start_dir = archive.start_dir
        infos = archive.infolist()
    data = bytearray(path.read_bytes())
    struct.pack_into("<I", data, info.header_offset + 22, claimed)
    offset = start_dir
    for entry in infos:
        assert data[offset:offset + 4] == b"PK\x01\x02"
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, offset + 28)
        if entry.filename == member:
            struct.pack_into("<I", data, offset + 24, claimed)
        offset += 46 + name_len + extra_len + comment_len
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 300 MB body of zeros deflated into a file of about 300 KB."""
    return write_package(tmp_path_factory.mktemp("bomb") / "novel.docx", zeros=BOMB_BYTES)


def peak_rss_reading(path: Path) -> tuple[str, float]:
    """Read ``path`` with the importer in a fresh process; its one-line error (or "read") and peak RSS in MB."""
    script = textwrap.dedent(f"""
        import resource
        from pathlib import Path
        from writer_app.core.errors import ProjectError
        from writer_app.core.importer import read_manuscript
        try:
            read_manuscript(Path({str(path)!r}))
            print("read")
        except ProjectError as error:
            print(error)
        # This process's own peak: /proc's VmHWM starts afresh at exec, while ru_maxrss on Linux keeps the
        # high-water mark of the forked test runner (which may be large after other tests).
        try:
            status = Path("/proc/self/status").read_text()
            print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
        except (OSError, StopIteration):
            print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    message, peak_kb = done.stdout.strip().splitlines()
    return message, int(peak_kb) / 1024


def test_a_zip_bomb_is_refused_in_one_sentence_with_bounded_memory(bomb: Path) -> None:
    assert bomb.stat().st_size < 2_000_000
    message, peak_mb = peak_rss_reading(bomb)
    print(f"zip bomb ({bomb.stat().st_size:,} bytes -> {BOMB_BYTES:,}): peak RSS {peak_mb:.0f} MB; {message}")
    assert message.startswith("novel.docx was not imported:") and "zip bomb" in message
    assert "\n" not in message
    assert peak_mb < PEAK_LIMIT_MB


def test_a_header_that_understates_the_size_cannot_inflate_the_bomb(bomb: Path, tmp_path: Path) -> None:
    liar = tmp_path / "liar.docx"
    liar.write_bytes(bomb.read_bytes())
    lie_about_size(liar, "word/document.xml", 4096)
    message, peak_mb = peak_rss_reading(liar)
    print(f"lying header: peak RSS {peak_mb:.0f} MB; {message}")
    assert message.startswith("liar.docx is damaged:") or message.startswith("liar.docx was not imported:")
    assert peak_mb < PEAK_LIMIT_MB


def test_bytes_are_counted_even_when_the_declared_size_passes(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_package(tmp_path / "big.docx", _document(_para("word " * 1000) * 400))
    monkeypatch.setattr(safezip, "check_member", lambda *_args, **_kwargs: None)  # headers believed
    with pytest.raises(UnsafeArchiveError, match="inflates past"):
        read_docx_paragraphs(source, Limits(member_bytes=100_000))


def test_a_part_declared_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    source = write_package(tmp_path / "big.docx", _document(_para("word " * 1000) * 40))
    with pytest.raises(UnsafeArchiveError, match="would inflate to"):
        read_docx_paragraphs(source, Limits(member_bytes=100_000))


@pytest.mark.parametrize(("data", "said"), [
    (b"Chapter 1\n\nIt was a dark night.\n", "plain text with a .docx name; rename it to .txt"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "an old Word 97-2003 document (.doc)"),
    (b"{\\rtf1\\ansi hello}", "a Rich Text (RTF) document"),
    (b"", "an empty file"),
    (b"PK\x03\x04" + bytes(100), "a damaged zip package"),
])
def test_a_file_that_is_not_a_word_document_says_what_it_is(tmp_path: Path, data: bytes, said: str) -> None:
    source = tmp_path / "draft.docx"
    source.write_bytes(data)
    with pytest.raises(NotAnArchiveError) as caught:
        read_manuscript(source)
    message = str(caught.value)
    assert message.startswith("draft.docx cannot be imported as a Word document: it is ")
    assert said in message and "Package not found" not in message


def test_a_zip_without_a_document_body_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "photos.docx"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8\xff")
    with pytest.raises(NotAnArchiveError, match="without a document body"):
        read_manuscript(source)


def test_a_document_type_declaration_is_refused(tmp_path: Path) -> None:
    laughs = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
              f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
    source = write_package(tmp_path / "laughs.docx", laughs)
    with pytest.raises(ProjectError, match="declares a document type"):
        read_manuscript(source)


def test_tables_and_text_boxes_are_read_once_and_styles_by_name(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("My Novel", style="Title")
    document.add_heading("The Ferry", level=1)
    document.add_paragraph("Elena stood at the rail.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Left cell"
    table.cell(0, 1).text = "Right cell"
    run = document.add_paragraph().add_run("Before")
    run.add_tab()
    run.add_text("after")
    source = tmp_path / "story.docx"
    document.save(str(source))
    paragraphs = [(p.style, p.text) for p in read_docx_paragraphs(source) if p.text]
    assert paragraphs == [("Title", "My Novel"), ("Heading 1", "The Ferry"), ("Normal", "Elena stood at the rail."),
                          ("Normal", "Left cell"), ("Normal", "Right cell"), ("Normal", "Before\tafter")]


def test_a_text_box_and_its_fallback_copy_count_once(tmp_path: Path) -> None:
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = (f'<w:p><w:r><mc:AlternateContent xmlns:mc="{mc}"><mc:Choice Requires="wps"><w:txbxContent>'
           f'{_para("Inside the box.")}</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>'
           f'{_para("Inside the box.")}</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    source = write_package(tmp_path / "box.docx", _document(_para("Outside.") + box))
    assert [p.text for p in read_docx_paragraphs(source) if p.text] == ["Outside.", "Inside the box."]


def test_a_docx_without_a_styles_part_still_splits_at_heading_styles(tmp_path: Path) -> None:
    body = _document(_para("Arrival", "Heading1") + _para("Rain fell.") + _para("Storm", "Heading1") + _para("Wind."))
    source = write_package(tmp_path / "novel.docx", body)
    with import_manuscript(source, tmp_path / "Novel") as project:
        assert [(c.title, project.read_chapter(c)) for c in project.chapters] == [
            ("Arrival", "Rain fell.\n"), ("Storm", "Wind.\n")]
