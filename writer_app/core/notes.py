"""Chapter notes: a short synopsis and free notes per chapter, in ``notes/<chapter id>.md`` a person can read.

The file is plain Markdown::

    ## Synopsis

    Mara reaches the harbour and finds the ferry gone.

    ## Notes

    Check the tide tables for March.

A file someone edited by hand without the two headings is read whole as notes: nothing in it is dropped. A
file that cannot be read (not UTF-8, binary) raises ``NotesError`` with one sentence, and is never written
over until the writer saves new notes on purpose.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from writer_app.core.errors import ProjectError
from writer_app.core.storage import atomic_write_text

NOTES_FOLDER = "notes"
SYNOPSIS_HEADING = "## Synopsis"
NOTES_HEADING = "## Notes"
# A notes file is a few lines; anything far larger is not one (and is not read into memory whole).
MAX_NOTES_BYTES = 4 * 1024 * 1024

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,80}$")
_HEADING = re.compile(r"^##[ \t]+(synopsis|notes)[ \t]*$", re.IGNORECASE | re.MULTILINE)


class NotesError(ProjectError):
    """A chapter's notes file cannot be read; the message is one sentence naming it."""


@dataclass(frozen=True)
class ChapterNotes:
    """A chapter's synopsis and free notes."""

    synopsis: str = ""
    notes: str = ""

    def is_empty(self) -> bool:
        """True when both parts are blank."""
        return not self.synopsis.strip() and not self.notes.strip()


def notes_file_name(chapter_id: str) -> str:
    """The file name of a chapter's notes: its id when that is a safe file name, else a digest of it."""
    if _SAFE_ID.match(chapter_id):
        return f"{chapter_id}.md"
    return "chapter-" + hashlib.sha1(chapter_id.encode("utf-8", "surrogatepass")).hexdigest()[:16] + ".md"


def notes_path(folder: Path, chapter_id: str) -> Path:
    """Where a chapter's notes live inside the project folder."""
    return folder / NOTES_FOLDER / notes_file_name(chapter_id)


def parse_notes(text: str) -> ChapterNotes:
    """Split a notes file into synopsis and notes (a file without the headings is all notes)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    marks = list(_HEADING.finditer(text))
    if not marks:
        return ChapterNotes("", text.strip("\n"))
    parts: dict[str, list[str]] = {"synopsis": [], "notes": []}
    before = text[: marks[0].start()].strip("\n")
    if before.strip():
        parts["notes"].append(before)  # text above the first heading is kept, as notes
    for number, mark in enumerate(marks):
        end = marks[number + 1].start() if number + 1 < len(marks) else len(text)
        body = text[mark.end():end].strip("\n")
        if body:
            parts[mark.group(1).lower()].append(body)
    return ChapterNotes("\n\n".join(parts["synopsis"]), "\n\n".join(parts["notes"]))


def format_notes(notes: ChapterNotes) -> str:
    """The text of a notes file for ``notes``."""
    return (f"{SYNOPSIS_HEADING}\n\n{notes.synopsis.strip(chr(10))}\n\n"
            f"{NOTES_HEADING}\n\n{notes.notes.strip(chr(10))}\n").replace("\n\n\n", "\n\n")


def read_notes(folder: Path, chapter_id: str) -> ChapterNotes:
    """A chapter's notes (empty if it has none); ``NotesError`` if the file is there but unreadable."""
    path = notes_path(folder, chapter_id)
    try:
        if path.stat().st_size > MAX_NOTES_BYTES:
            raise NotesError(f"The notes file {NOTES_FOLDER}/{path.name} is too large to be chapter notes "
                             f"({path.stat().st_size // 1024 // 1024} MB); it was left as it is.")
        data = path.read_bytes()
    except FileNotFoundError:
        return ChapterNotes()
    except OSError as error:
        raise NotesError(f"The notes file {NOTES_FOLDER}/{path.name} could not be read "
                         f"({error.strerror or error}); it was left as it is.") from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotesError(f"The notes file {NOTES_FOLDER}/{path.name} is not UTF-8 text, so it was not shown "
                         "and is left as it is; fix it in a text editor.") from None
    if "\0" in text:
        raise NotesError(f"The notes file {NOTES_FOLDER}/{path.name} holds binary data, so it was not shown "
                         "and is left as it is.")
    return parse_notes(text)


def write_notes(folder: Path, chapter_id: str, notes: ChapterNotes) -> None:
    """Save a chapter's notes atomically; empty notes remove the file (``SaveError`` if the disk refuses)."""
    path = notes_path(folder, chapter_id)
    if notes.is_empty():
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, format_notes(notes))


def notes_files(folder: Path) -> list[Path]:
    """Every notes file of a project (for backups)."""
    base = folder / NOTES_FOLDER
    return sorted(p for p in base.glob("*.md") if p.is_file()) if base.is_dir() else []
