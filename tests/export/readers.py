"""Independent readers for exported files (python-docx, odfpy, pypdf, zipfile+XML, html.parser)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

_NORMALISE = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "—": " ", "…": " "})


def words_of(text: str) -> list[str]:
    """Word sequence with quotes normalised, dashes and ellipses as separators, emphasis markers dropped."""
    text = text.translate(_NORMALISE).replace("--", " ").replace("...", " ")
    return re.findall(r"[\w']+", text.replace("_", " "))


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    """Tell whether ``needle`` appears in ``haystack`` in order (other items may come between)."""
    iterator = iter(haystack)
    return all(any(word == candidate for candidate in iterator) for word in needle)


def docx_paragraphs(path: Path) -> list[tuple[str, str]]:
    """``(style name, text)`` of every body paragraph, read with python-docx."""
    import docx

    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def odt_paragraphs(path: Path) -> list[tuple[str, str]]:
    """``(style name, text)`` of every body paragraph, read with odfpy."""
    from odf import teletype
    from odf.opendocument import load
    from odf.text import P

    document = load(str(path))
    return [(str(p.getAttribute("stylename")), teletype.extractText(p)) for p in document.text.getElementsByType(P)]


def pdf_pages(path: Path) -> list[str]:
    """The extracted text of each page, read with pypdf."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(str(path)).pages]


XHTML = "{http://www.w3.org/1999/xhtml}"


def epub_documents(path: Path) -> list[ET.Element]:
    """The spine's XHTML documents in reading order, parsed with ElementTree from the zip."""
    with zipfile.ZipFile(path) as archive:
        container = ET.fromstring(archive.read("META-INF/container.xml"))
        rootfile = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
        assert rootfile is not None
        opf_path = rootfile.attrib["full-path"]
        base = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
        package = ET.fromstring(archive.read(opf_path))
        ns = "{http://www.idpf.org/2007/opf}"
        hrefs = {item.attrib["id"]: item.attrib["href"] for item in package.iter(f"{ns}item")}
        spine = [ref.attrib["idref"] for ref in package.iter(f"{ns}itemref")]
        return [ET.fromstring(archive.read(base + hrefs[idref])) for idref in spine]


def element_text(element: ET.Element) -> str:
    """All text inside an element."""
    return "".join(element.itertext())


class HtmlBlocks(HTMLParser):
    """Collects ``(tag, text)`` for h1/h2/p elements and the contents of <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str, str]] = []
        self.style = ""
        self._current: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"h1", "h2", "p", "style"}:
            self._current, self._buffer = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._current:
            text = "".join(self._buffer)
            if tag == "style":
                self.style += text
            else:
                self.blocks.append((tag, text))
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current:
            self._buffer.append(data)


def html_blocks(path: Path) -> HtmlBlocks:
    """Parse an exported HTML file."""
    parser = HtmlBlocks()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser
