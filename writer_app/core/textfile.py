"""Reading manuscript text files: refuse binaries, decode strictly, remember BOM and line endings.

Nothing is ever decoded with replacement characters. Invalid UTF-8 raises ``EncodingError``; the writer may
then choose an 8-bit encoding (``latin-1`` decodes every byte, ``cp1252`` all but five) and the text is written
back in that same encoding, byte for byte, until they explicitly convert the file to UTF-8. The encoding
``"auto"`` makes the choice itself (UTF-8, UTF-16 with a byte-order mark, Windows-1252) and says which it made.
This module is the one place text files are decoded: the GUI's open path, import and every command use it.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from writer_app.core.errors import BinaryFileError, EncodingError, ProjectError

log = logging.getLogger(__name__)

_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13, 27}
_SNIFF = 8192
_BOMS = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


@dataclass(frozen=True, slots=True)
class TextFormat:
    """How a text file was stored on disk, so saving writes it back the same way."""

    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"  # "\n", "\r\n" or "\r": the line ending the file had (the most common one, if mixed)

    @property
    def crlf(self) -> bool:
        """True when lines end with CR LF (Windows)."""
        return self.newline == "\r\n"

    def encode(self, text: str, path: Path) -> bytes:
        """Encode editor text (``\\n`` newlines) the way the file was stored; refuses to drop characters."""
        if self.newline != "\n":
            text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", self.newline)
        encoding = "utf-8" if self.encoding == AUTO else self.encoding  # "auto" chose nothing yet: UTF-8
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError as error:
            bad = error.object[error.start:error.end]
            raise EncodingError(
                f"{path.name} is stored as {encoding_label(encoding)}, which cannot hold the character {bad!r}; "
                "convert the file to UTF-8 to keep it.",
                path,
                error.start,
            ) from error
        if self.bom:
            data = _BOMS.get(encoding, b"") + data
        return data


def read_bytes(path: Path) -> bytes:
    """Read a file, turning OS errors into one clear sentence."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ProjectError(f"{path.name} does not exist (looked in {path.parent}).") from None
    except IsADirectoryError:
        raise ProjectError(f"{path.name} is a folder, not a text file.") from None
    except PermissionError:
        raise ProjectError(f"{path.name} cannot be read: permission denied.") from None
    except OSError as error:
        raise ProjectError(f"{path.name} cannot be read ({error.strerror or error}).") from None


def looks_binary(data: bytes) -> bool:
    """Tell whether bytes look like a binary file rather than text (NUL bytes or many control codes)."""
    head = data[:_SNIFF]
    if b"\0" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > 0.05


AUTO = "auto"
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_LABELS = {"utf-8": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-16": "UTF-16",
           "cp1252": "Windows-1252", "latin-1": "Latin-1", "iso-8859-1": "Latin-1"}


def encoding_label(encoding: str | None) -> str:
    """A writer-facing name for an encoding: ``cp1252`` -> ``Windows-1252``."""
    key = _canonical(encoding or "utf-8")
    return _LABELS.get(key, key)


def _canonical(encoding: str) -> str:
    """``UTF8``/``utf_8``/``utf-8-sig`` -> ``utf-8``; ``windows-1252`` -> ``cp1252``; others as Python names them."""
    enc = encoding.strip().lower().replace("_", "-")
    if enc in {"utf8", "utf-8-sig"}:
        return "utf-8"
    if enc == AUTO:
        return AUTO
    try:
        name = codecs.lookup(enc).name
    except LookupError:
        return enc
    return {"utf-8-sig": "utf-8", "utf-16-le": "utf-16-le", "iso8859-1": "latin-1"}.get(name, name)


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def _decode_auto(data: bytes, path: Path) -> tuple[str, TextFormat]:
    """The automatic choice, in order: UTF-8, UTF-16 with a BOM, then Windows-1252 if every byte is defined."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode_raw(data, path, "utf-8")
    for bom, enc in _UTF16_BOMS:
        if data.startswith(bom):
            return _decode_raw(data, path, enc)
    if looks_binary(data):
        raise BinaryFileError(f"{path.name} is not a text file (it looks like binary data); nothing was opened.")
    try:
        return data.decode("utf-8"), TextFormat("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), TextFormat("cp1252")
    except UnicodeDecodeError as error:
        raise EncodingError(
            f"{path.name} is not UTF-8, UTF-16 or Windows-1252 text (byte 0x{data[error.start]:02X} on line "
            f"{_line_of(data, error.start)} is none of them); name its encoding, or read it as Latin-1.",
            path, error.start,
        ) from None


def _decode_raw(data: bytes, path: Path, encoding: str | None) -> tuple[str, TextFormat]:
    """Decode without touching line endings; ``encoding`` None is UTF-8 only, ``"auto"`` chooses."""
    if encoding is not None and _canonical(encoding) == AUTO:
        return _decode_auto(data, path)
    enc = _canonical(encoding or "utf-8")
    bom = False
    if enc.startswith("utf-16"):
        for mark, endian in _UTF16_BOMS:
            if data.startswith(mark):
                enc, bom, data = endian, True, data[len(mark):]
                break
    else:
        if encoding is None and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise EncodingError(
                f"{path.name} is saved as UTF-16; save it as UTF-8 text and open it again.", path, 0
            )
        if looks_binary(data):
            raise BinaryFileError(
                f"{path.name} is not a text file (it looks like binary data); nothing was opened."
            )
    if enc == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        bom = True
    try:
        codecs.lookup(enc)
    except LookupError:
        raise ProjectError(f"{encoding!r} is not an encoding writer-app knows.") from None
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as error:
        line = _line_of(data, error.start)
        if enc == "utf-8":
            message = (
                f"{path.name} is not valid UTF-8 text (first bad byte on line {line}); "
                "open it as Latin-1 or Windows-1252 instead, or convert it to UTF-8."
            )
        else:
            message = f"{path.name} is not valid {enc} text (first bad byte on line {line}); try Latin-1."
        raise EncodingError(message, path, error.start) from None
    return text, TextFormat(enc, bom)


def decode_keeping_newlines(data: bytes, path: Path, encoding: str | None = None) -> tuple[str, TextFormat]:
    """Decode file bytes exactly as ``decode`` does but leave ``\\r\\n`` and ``\\r`` in the text."""
    text, fmt = _decode_raw(data, path, encoding)
    return text, TextFormat(fmt.encoding, fmt.bom, _dominant_newline(text, path) if "\r" in text else "\n")


def decode(data: bytes, path: Path, encoding: str | None = None) -> tuple[str, TextFormat]:
    """Decode file bytes to editor text (``\\n`` newlines) and the format to write them back with.

    ``encoding`` None means UTF-8 (a UTF-16 or non-UTF-8 file raises ``EncodingError`` so the writer can
    choose); ``"auto"`` takes UTF-8, else UTF-16 with a byte-order mark, else Windows-1252 when every byte
    is defined in it; any other name is used as given. The returned format says which one was used.
    """
    text, fmt = decode_keeping_newlines(data, path, encoding)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, fmt


def read_text(path: Path, encoding: str | None = None) -> tuple[str, TextFormat, bytes]:
    """Read and decode a text file; returns text, its on-disk format, and the raw bytes."""
    data = read_bytes(path)
    text, fmt = decode(data, path, encoding)
    return text, fmt, data


_LONE = {"\r\n": re.compile("\r\n"), "\n": re.compile("(?<!\r)\n"), "\r": re.compile("\r(?!\n)")}
_NEWLINE_NAMES = {"\r\n": "CR LF (Windows)", "\n": "LF (Unix)", "\r": "CR (classic Mac)"}


def _dominant_newline(text: str, path: Path) -> str:
    """The line ending most lines of ``text`` use (the first one seen on a tie); logs when they are mixed."""
    crlf = text.count("\r\n")
    counts = {"\r\n": crlf, "\n": text.count("\n") - crlf, "\r": text.count("\r") - crlf}
    used = {kind: count for kind, count in counts.items() if count}
    if len(used) == 1:
        return next(iter(used))
    dominant = max(used, key=lambda kind: (used[kind], -_first(text, kind)))
    mix = ", ".join(f"{count} {_NEWLINE_NAMES[kind]}" for kind, count in used.items())
    log.info("%s mixes line endings (%s); it will be saved with %s throughout, the most common.",
             path.name, mix, _NEWLINE_NAMES[dominant])
    return dominant


def _first(text: str, kind: str) -> int:
    match = _LONE[kind].search(text)
    return match.start() if match else len(text)
