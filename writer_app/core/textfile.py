"""Reading manuscript text files: refuse binaries, decode strictly, remember BOM and line endings.

Nothing is ever decoded with replacement characters. Invalid UTF-8 raises ``EncodingError``; the writer may
then choose an 8-bit encoding (``latin-1`` decodes every byte, ``cp1252`` all but five) and the text is written
back in that same encoding, byte for byte, until they explicitly convert the file to UTF-8.
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
        try:
            data = text.encode(self.encoding)
        except UnicodeEncodeError as error:
            bad = error.object[error.start:error.end]
            raise EncodingError(
                f"{path.name} is stored as {self.encoding}, which cannot hold the character {bad!r}; "
                "convert the file to UTF-8 to keep it.",
                path,
                error.start,
            ) from error
        if self.bom and self.encoding == "utf-8":
            data = codecs.BOM_UTF8 + data
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


def decode(data: bytes, path: Path, encoding: str | None = None) -> tuple[str, TextFormat]:
    """Decode file bytes to editor text (``\\n`` newlines) and the format to write them back with."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise EncodingError(
            f"{path.name} is saved as UTF-16; save it as UTF-8 text and open it again.", path, 0
        )
    if looks_binary(data):
        raise BinaryFileError(f"{path.name} is not a text file (it looks like binary data); nothing was opened.")
    bom = False
    enc = (encoding or "utf-8").lower().replace("_", "-")
    if enc in {"utf8", "utf-8-sig"}:
        enc = "utf-8"
    if enc == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        bom = True
    try:
        codecs.lookup(enc)
    except LookupError:
        raise ProjectError(f"{enc!r} is not an encoding writer-app knows.") from None
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        if enc == "utf-8":
            message = (
                f"{path.name} is not valid UTF-8 text (first bad byte on line {line}); "
                "open it as Latin-1 or Windows-1252 instead, or convert it to UTF-8."
            )
        else:
            message = f"{path.name} is not valid {enc} text (first bad byte on line {line}); try Latin-1."
        raise EncodingError(message, path, error.start) from None
    newline = "\n"
    if "\r" in text:
        newline = _dominant_newline(text, path)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, TextFormat(enc, bom, newline)


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


def read_text(path: Path, encoding: str | None = None) -> tuple[str, TextFormat, bytes]:
    """Read and decode a text file; returns text, its on-disk format, and the raw bytes."""
    data = read_bytes(path)
    text, fmt = decode(data, path, encoding)
    return text, fmt, data


def _first(text: str, kind: str) -> int:
    match = _LONE[kind].search(text)
    return match.start() if match else len(text)
