"""The paragraphs of a .docx as text, streamed from its XML with bounded memory.

A Word document is a zip package; its body is ``word/document.xml`` (or wherever ``_rels/.rels`` points) and
its style names are in the styles part. Both are read through ``safezip`` (sizes checked, bytes counted) and
parsed with expat as they inflate, keeping only the paragraphs' text, so a hostile file can neither exhaust
memory nor expand entities (a document type declaration is refused outright).

Paragraphs are taken in document order, including those inside tables and text boxes; tracked deletions,
field codes and the fallback copy of drawings (``mc:Fallback``) are left out, as Word shows them.
"""

from __future__ import annotations

import logging
import posixpath
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from writer_app.core.errors import ProjectError
from writer_app.core.safezip import DEFAULT_LIMITS, Limits, NotAnArchiveError, member_chunks, open_archive

log = logging.getLogger(__name__)

_OFFICE_DOCUMENT = "/officeDocument"
_STYLES = "/styles"
_FALLBACK = "http://schemas.openxmlformats.org/markup-compatibility/2006 Fallback"


@dataclass(frozen=True, slots=True)
class DocxParagraph:
    """One paragraph: its style name as Word shows it (``Heading 1``, ``Title``, ``Normal``) and its text."""

    style: str
    text: str


class DocxFormatError(ProjectError):
    """The package is a zip but not a readable Word document."""


def _local(name: str) -> tuple[str, str]:
    """Split an expat ``namespace local`` name into (namespace, local name)."""
    namespace, _sep, local = name.rpartition(" ")
    return namespace, local


def _is_word(namespace: str) -> bool:
    """Tell whether a namespace is WordprocessingML's (transitional or strict), not DrawingML's."""
    return "wordprocessingml" in namespace


def _attribute(attributes: dict[str, str], local: str) -> str | None:
    for key, value in attributes.items():
        if _local(key)[1] == local:
            return value
    return None


def _parse(chunks: Iterable[bytes], archive_name: str, part: str,
           start: Callable[[str, str, dict[str, str]], None], end: Callable[[str, str], None],
           text: Callable[[str], None] | None = None) -> None:
    """Feed an XML part to expat chunk by chunk, calling ``start(ns, local, attrs)``, ``end(ns, local)``."""
    parser = expat.ParserCreate(namespace_separator=" ")

    def refuse_doctype(*_args: object) -> None:
        raise DocxFormatError(f"{archive_name} is not a genuine Word document: its part {part} declares a "
                              "document type, which Word never writes.")

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.StartElementHandler = lambda name, attrs: start(*_local(name), attrs)
    parser.EndElementHandler = lambda name: end(*_local(name))
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise DocxFormatError(f"{archive_name} is damaged: its part {part} is not well-formed XML "
                              f"({expat.ErrorString(error.code)}, line {error.lineno}).") from None


@dataclass
class _BodyReader:
    """Expat callbacks collecting paragraphs (nested paragraphs, as in text boxes, come out on their own)."""

    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (style id, text)
    stack: list[tuple[list[str], list[str]]] = field(default_factory=list)  # per open paragraph: style, text
    in_text: bool = False
    skipping: int = 0  # depth inside mc:Fallback

    def start(self, namespace: str, local: str, attributes: dict[str, str]) -> None:
        if self.skipping or f"{namespace} {local}" == _FALLBACK:
            self.skipping += 1
            return
        if local == "p" and _is_word(namespace):
            self.stack.append(([], []))
        elif not self.stack:
            return
        elif local == "t" and _is_word(namespace):
            self.in_text = True
        elif local == "pStyle":
            self.stack[-1][0].append(_attribute(attributes, "val") or "")
        elif local in ("tab", "ptab"):
            self.stack[-1][1].append("\t")
        elif local in ("br", "cr"):
            self.stack[-1][1].append(" ")
        elif local == "noBreakHyphen":
            self.stack[-1][1].append("-")

    def end(self, namespace: str, local: str) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        if local == "t":
            self.in_text = False
        elif local == "p" and _is_word(namespace) and self.stack:
            style, text = self.stack.pop()
            self.paragraphs.append((style[0] if style else "", "".join(text)))

    def text(self, data: str) -> None:
        if self.in_text and self.stack and not self.skipping:
            self.stack[-1][1].append(data)


def _relationship_target(archive: zipfile.ZipFile, rels: str, kind: str, base: str, archive_name: str,
                         limits: Limits) -> str | None:
    """The part a relationship of ``kind`` (ends with) in the ``rels`` part points to, or None."""
    found: list[str] = []

    def start(_namespace: str, local: str, attributes: dict[str, str]) -> None:
        if local == "Relationship" and (attributes.get("Type") or "").endswith(kind) and attributes.get("Target"):
            found.append(attributes["Target"])

    try:
        chunks = member_chunks(archive, rels, archive_name, limits)
    except KeyError:
        return None
    _parse(chunks, archive_name, rels, start, lambda _n, _l: None)
    if not found or "://" in found[0]:
        return None
    target = found[0]
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))


def _style_names(archive: zipfile.ZipFile, part: str, archive_name: str, limits: Limits) -> dict[str, str]:
    """Style id -> name (``Heading1`` -> ``heading 1``) from the styles part; empty when there is none."""
    names: dict[str, str] = {}
    current: list[str] = []

    def start(_namespace: str, local: str, attributes: dict[str, str]) -> None:
        if local == "style":
            current[:] = [_attribute(attributes, "styleId") or ""]
        elif local == "name" and current and current[0]:
            names[current[0]] = _attribute(attributes, "val") or current[0]

    try:
        chunks = member_chunks(archive, part, archive_name, limits)
    except KeyError:
        return names
    _parse(chunks, archive_name, part, start, lambda _n, _l: None)
    return names


def read_docx_paragraphs(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[DocxParagraph]:
    """The paragraphs of the Word document at ``path``; refuses bombs, damage and non-Word files clearly."""
    with open_archive(path) as archive:
        name = path.name
        body = _relationship_target(archive, "_rels/.rels", _OFFICE_DOCUMENT, "", name, limits)
        body = body or "word/document.xml"
        try:
            chunks = member_chunks(archive, body, name, limits)
        except KeyError:
            raise NotAnArchiveError(f"{name} cannot be imported as a Word document: it is a zip package "
                                    "without a document body (perhaps another kind of file).") from None
        reader = _BodyReader()
        _parse(chunks, name, body, reader.start, reader.end, reader.text)
        folder = posixpath.dirname(body)
        rels = posixpath.join(folder, "_rels", posixpath.basename(body) + ".rels")
        styles = _relationship_target(archive, rels, _STYLES, folder, name, limits) or posixpath.join(
            folder, "styles.xml")
        names = _style_names(archive, styles, name, limits) if any(s for s, _t in reader.paragraphs) else {}
    log.debug("read %d paragraphs from %s", len(reader.paragraphs), path)
    return [DocxParagraph(_display_name(names.get(style, style)), text) for style, text in reader.paragraphs]


def _display_name(name: str) -> str:
    """Word's built-in names are stored lower case (``heading 1``); show them as Word does (``Heading 1``)."""
    if not name:
        return "Normal"
    return name[:1].upper() + name[1:] if name.islower() else name
