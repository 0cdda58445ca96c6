"""Reading members of a zip archive the writer gave us (a .docx) without trusting its headers.

A zip bomb is a small file that inflates to gigabytes. Before a member is read, its declared size and its
compression ratio are checked; while it is read, the bytes actually inflated are counted and reading stops
at the same limit, because the sizes in a zip's headers can lie. Members are streamed in small pieces, so
memory stays bounded whatever the archive says.
"""

from __future__ import annotations

import logging
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from writer_app.core.errors import ProjectError
from writer_app.core.textfile import looks_binary

log = logging.getLogger(__name__)

MAX_MEMBER_BYTES = 200 * 1024 * 1024  # no part of a novel's .docx inflates anywhere near this
MAX_RATIO = 100  # text XML deflates about 5-10:1; a bomb is thousands to one
RATIO_FLOOR = 1024 * 1024  # a small member may be highly compressible (blank lines); only big ones are judged
CHUNK = 64 * 1024


class UnsafeArchiveError(ProjectError):
    """An archive would inflate beyond the limits (a zip bomb, or a damaged file that claims to be one)."""


class NotAnArchiveError(ProjectError):
    """A file that should be a zip archive (a .docx) is something else."""


@dataclass(frozen=True, slots=True)
class Limits:
    """How far one member of an archive may inflate."""

    member_bytes: int = MAX_MEMBER_BYTES
    ratio: int = MAX_RATIO


DEFAULT_LIMITS = Limits()


def describe(data: bytes) -> str:
    """Say what a file is from its first bytes, for a writer who expected a Word document."""
    if not data:
        return "an empty file"
    if data.startswith(b"%PDF"):
        return "a PDF document"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "an old Word 97-2003 document (.doc); save it as .docx in Word or LibreOffice first"
    if data.lstrip().startswith(b"{\\rtf"):
        return "a Rich Text (RTF) document; save it as .docx or plain text first"
    if data.lstrip()[:5].lower() in (b"<html", b"<!doc"):
        return "a web page (HTML)"
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or not looks_binary(data):
        return "plain text with a .docx name; rename it to .txt to import it"
    return "not a Word document (its contents are not a zip package)"


def open_archive(path: Path) -> zipfile.ZipFile:
    """Open ``path`` as a zip archive; anything else raises one sentence saying what the file is."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError:
        raise ProjectError(f"{path.name} does not exist (looked in {path.parent}).") from None
    except IsADirectoryError:
        raise ProjectError(f"{path.name} is a folder, not a document.") from None
    except OSError as error:
        raise ProjectError(f"{path.name} cannot be read ({error.strerror or error}).") from None
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        what = describe(head) if not head.startswith(b"PK") else "a damaged zip package"
        raise NotAnArchiveError(f"{path.name} cannot be imported as a Word document: it is {what}.") from None
    except OSError as error:
        raise ProjectError(f"{path.name} cannot be read ({error.strerror or error}).") from None


def check_member(archive_name: str, info: zipfile.ZipInfo, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a member whose declared size or compression ratio is beyond ``limits``, before reading it."""
    if info.file_size > limits.member_bytes:
        raise UnsafeArchiveError(
            f"{archive_name} was not imported: its part {info.filename} would inflate to "
            f"{info.file_size / 1e6:,.0f} MB, far more than any manuscript needs (a damaged file or a zip bomb)."
        )
    if info.file_size > RATIO_FLOOR and info.file_size > limits.ratio * max(info.compress_size, 1):
        raise UnsafeArchiveError(
            f"{archive_name} was not imported: its part {info.filename} is compressed "
            f"{info.file_size // max(info.compress_size, 1):,} to 1, which only a zip bomb is."
        )


def member_chunks(archive: zipfile.ZipFile, name: str, archive_name: str,
                  limits: Limits = DEFAULT_LIMITS) -> Iterator[bytes]:
    """A member's inflated bytes in small chunks, refused past ``limits`` (checked first, then counted).

    Raises ``KeyError`` at once when the archive has no member ``name``.
    """
    info = archive.getinfo(name)
    check_member(archive_name, info, limits)
    return _chunks(archive, info, archive_name, limits)


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, archive_name: str, limits: Limits) -> Iterator[bytes]:
    total = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                total += len(chunk)
                if total > limits.member_bytes:  # the header lied about the size
                    raise UnsafeArchiveError(
                        f"{archive_name} was not imported: its part {info.filename} inflates past "
                        f"{limits.member_bytes / 1e6:,.0f} MB although its header says {info.file_size:,} "
                        "bytes (a damaged file or a zip bomb)."
                    )
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as error:
        log.info("cannot inflate %s in %s: %s", info.filename, archive_name, error)
        raise NotAnArchiveError(
            f"{archive_name} is damaged: its part {info.filename} cannot be read ({error})."
        ) from None
    except OSError as error:
        raise ProjectError(f"{archive_name} cannot be read ({error.strerror or error}).") from None
