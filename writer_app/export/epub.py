"""EPUB 3 export: a small writer of our own (zipfile + XHTML), valid under epubcheck.

Layout: ``mimetype`` (stored, first), ``META-INF/container.xml``, ``OEBPS/package.opf``, ``OEBPS/nav.xhtml``,
``OEBPS/style.css``, an optional ``OEBPS/title.xhtml`` and one ``OEBPS/chapter-NNN.xhtml`` per chapter.
"""

from __future__ import annotations

import uuid
import zipfile
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from writer_app.export.html import blocks_html
from writer_app.export.model import Manuscript, ManuscriptChapter
from writer_app.export.progress import Progress
from writer_app.export.registry import ExportFormat

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""

NAV_PROPERTY = ' properties="nav"'

STYLESHEET = """body { font-family: serif; line-height: 1.5; margin: 0 5%; }
h1 { text-align: center; font-weight: normal; font-size: 1.5em; margin: 3em 0 1.5em; page-break-after: avoid; }
p { margin: 0; text-indent: 1.5em; text-align: justify; }
h1 + p, p.scene-break + p { text-indent: 0; }
p.scene-break { text-align: center; text-indent: 0; margin: 1em 0; }
section.title-page { text-align: center; margin-top: 30%; }
section.title-page h1 { font-size: 2em; margin: 0 0 1em; }
section.title-page p { text-align: center; text-indent: 0; font-style: italic; }
"""


def _xhtml(title: str, body: str, language: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'lang="{language}" xml:lang="{language}">\n'
        f'<head>\n<meta charset="utf-8"/>\n<title>{escape(title)}</title>\n'
        '<link rel="stylesheet" type="text/css" href="style.css"/>\n</head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def chapter_label(chapter: ManuscriptChapter, number: int) -> str:
    """The table-of-contents entry for a chapter: its heading, else its title, else "Chapter N"."""
    return chapter.heading or chapter.title.strip() or f"Chapter {number}"


def chapter_xhtml(chapter: ManuscriptChapter, number: int, language: str) -> str:
    """Return the XHTML document of one chapter."""
    parts = [f'<section epub:type="chapter" id="chapter-{number}">']
    if chapter.heading:
        parts.append(f"<h1>{escape(chapter.heading)}</h1>")
    parts += blocks_html(chapter.blocks)
    parts.append("</section>")
    return _xhtml(chapter_label(chapter, number), "\n".join(parts), language)


def _package(manuscript: Manuscript, items: list[tuple[str, str, str]], spine: list[str], language: str) -> str:
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"writer-app:{manuscript.title}:{manuscript.author}")
    modified = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    metadata = [
        f'<dc:identifier id="book-id">urn:uuid:{identifier}</dc:identifier>',
        f"<dc:title>{escape(manuscript.title or 'Untitled')}</dc:title>",
        f"<dc:language>{language}</dc:language>",
        f'<meta property="dcterms:modified">{modified}</meta>',
    ]
    if manuscript.author:
        metadata.append(f"<dc:creator>{escape(manuscript.author)}</dc:creator>")
    manifest = [
        f'<item id="{item_id}" href="{href}" media-type="{media}"{NAV_PROPERTY if item_id == "nav" else ""}/>'
        for item_id, href, media in items
    ]
    itemrefs = [f'<itemref idref="{item_id}"/>' for item_id in spine]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="{language}">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n' + "\n".join(metadata) + "\n</metadata>\n"
        "<manifest>\n" + "\n".join(manifest) + "\n</manifest>\n"
        "<spine>\n" + "\n".join(itemrefs) + "\n</spine>\n</package>\n"
    )


def _nav(manuscript: Manuscript, entries: list[tuple[str, str]], language: str) -> str:
    links = "\n".join(f'<li><a href="{href}">{escape(label)}</a></li>' for href, label in entries)
    body = f'<nav epub:type="toc" id="toc">\n<h1>Contents</h1>\n<ol>\n{links}\n</ol>\n</nav>'
    return _xhtml(manuscript.title or "Contents", body, language)


def write(manuscript: Manuscript, target: Path, progress: Progress) -> None:
    """Write the manuscript to ``target`` as an EPUB 3 e-book."""
    language = manuscript.language or "en"
    items: list[tuple[str, str, str]] = [
        ("nav", "nav.xhtml", "application/xhtml+xml"),
        ("css", "style.css", "text/css"),
    ]
    spine: list[str] = []
    toc: list[tuple[str, str]] = []
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)

        def add(name: str, text: str) -> None:
            archive.writestr(f"OEBPS/{name}", text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)

        archive.writestr("META-INF/container.xml", CONTAINER, compress_type=zipfile.ZIP_DEFLATED)
        add("style.css", STYLESHEET)
        if manuscript.options.title_page:
            body = f'<section class="title-page" epub:type="titlepage">\n<h1>{escape(manuscript.title)}</h1>'
            if manuscript.author:
                body += f"\n<p>by {escape(manuscript.author)}</p>"
            body += "\n</section>"
            add("title.xhtml", _xhtml(manuscript.title or "Title page", body, language))
            items.append(("title", "title.xhtml", "application/xhtml+xml"))
            spine.append("title")
        total = len(manuscript.chapters)
        for number, chapter in enumerate(manuscript.chapters, start=1):
            progress.step(number - 1, total, "Writing chapters…")
            name = f"chapter-{number:03d}.xhtml"
            add(name, chapter_xhtml(chapter, number, language))
            items.append((f"chapter-{number:03d}", name, "application/xhtml+xml"))
            spine.append(f"chapter-{number:03d}")
            toc.append((name, chapter_label(chapter, number)))
        add("nav.xhtml", _nav(manuscript, toc, language))
        add("package.opf", _package(manuscript, items, spine, language))
    progress.report(1.0)


FORMAT = ExportFormat(key="epub", label="EPUB e-book", extension=".epub", write=write, order=70)
