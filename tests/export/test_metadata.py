"""Title and author reach each format's own metadata, read back with an independent reader."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from writer_app.core.project import Project
from writer_app.export.model import ExportOptions
from writer_app.export.writer import export_project


def export(project: Project, tmp_path: Path, key: str, **options: object) -> Path:
    target = tmp_path / f"book.{key}"
    export_project(project, ExportOptions(format=key, **options), target)  # type: ignore[arg-type]
    return target


def test_pdf_metadata_has_title_author_and_creator_read_back_with_pypdf(sample_project: Project,
                                                                       tmp_path: Path) -> None:
    from pypdf import PdfReader

    for manuscript_format in (False, True):
        meta = PdfReader(str(export(sample_project, tmp_path, "pdf", manuscript_format=manuscript_format))).metadata
        assert (meta.title, meta.author, meta.creator) == ("The Sample", "Ada Quill", "writer-app")


def test_pdf_author_comes_from_the_export_options(sample_project: Project, tmp_path: Path) -> None:
    from pypdf import PdfReader

    meta = PdfReader(str(export(sample_project, tmp_path, "pdf", author="A. Penname", title="Other"))).metadata
    assert (meta.title, meta.author) == ("Other", "A. Penname")


def test_odt_metadata_has_title_and_author_read_with_odfpy(sample_project: Project, tmp_path: Path) -> None:
    from odf import dc, meta
    from odf.opendocument import load

    document = load(str(export(sample_project, tmp_path, "odt")))
    text_of = lambda kind: [str(e) for e in document.meta.getElementsByType(kind)]  # noqa: E731
    assert text_of(dc.Title) == ["The Sample"]
    assert text_of(dc.Creator) == ["Ada Quill"] and text_of(meta.InitialCreator) == ["Ada Quill"]


def test_html_and_epub_metadata_name_the_author(sample_project: Project, tmp_path: Path) -> None:
    html = export(sample_project, tmp_path, "html").read_text(encoding="utf-8")
    assert '<meta name="author" content="Ada Quill">' in html and "<title>The Sample</title>" in html
    with zipfile.ZipFile(export(sample_project, tmp_path, "epub")) as archive:
        opf = next(archive.read(n).decode() for n in archive.namelist() if n.endswith(".opf"))
    assert re.search(r"<dc:creator[^>]*>Ada Quill</dc:creator>", opf)
    assert re.search(r"<dc:title[^>]*>The Sample</dc:title>", opf)


def test_docx_core_properties_name_title_and_author(sample_project: Project, tmp_path: Path) -> None:
    import docx

    properties = docx.Document(str(export(sample_project, tmp_path, "docx"))).core_properties
    assert (properties.title, properties.author) == ("The Sample", "Ada Quill")
