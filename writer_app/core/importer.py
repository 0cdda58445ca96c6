"""Import a whole manuscript (.txt, .md, .docx) into a new project, split into chapters at headings.

Recognised headings (a paragraph of their own, i.e. between blank lines; markdown ``#`` headings anywhere):
``Chapter 12``, ``CHAPTER XII``, ``Chapter Twelve: The Ball``, ``# Title``, ``BOOK ONE: 1805``, ``BOOK I``,
``Part One``, ``Volume II``, ``Prologue``, ``Epilogue``, ``First Epilogue: 1813 - 20``, ``Interlude``.
A bare numbered heading may be followed directly by a one-line subtitle (``CHAPTER I.`` / ``Down the
Rabbit-Hole``), which joins the title (``Chapter I: Down the Rabbit-Hole``); or directly by the prose.

A heading immediately followed by another heading (a book or part before its first chapter) becomes a prefix
of the chapters under it: ``Book One: 1805 — Chapter I``. Heading lines become titles (all-capital headings
are title-cased, roman numerals kept) and are not part of the chapter text. Text before the first heading
becomes an "Opening" chapter unless it clearly is a title block (one short line that does not end like a
sentence, optionally followed by a ``by NAME`` line), which gives the project its title and author instead.

Hard-wrapped text (e.g. Project Gutenberg's ~70-column lines) is unwrapped so each paragraph is one line, the
editor's unit for checking; paragraphs are separated by a blank line. Words are never dropped: each
one ends up in a chapter, a chapter title, or the project's title and author (a title block).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

from writer_app.core import textfile
from writer_app.core.docx_text import read_docx_paragraphs
from writer_app.core.errors import ProjectError, SaveError
from writer_app.core.manifest import Chapter, Manifest
from writer_app.core.project import CHAPTERS_FOLDER, Project
from writer_app.core.storage import fsync_folder, save_error_message
from writer_app.core.text import normalize_newlines

log = logging.getLogger(__name__)

SEPARATOR = " — "
IMPORTABLE_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".docx")

_ONES = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
         "seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
             "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth last final").split()
_NUMBER_WORD = r"(?:(?:{})(?:[- ](?:{}))?|{}|hundred|{})".format(
    "|".join(_TENS), "|".join(_ONES[:9]), "|".join(_ONES), "|".join(_ORDINALS)
)
_NUMBER = rf"(?:\d{{1,4}}|[ivxlcdm]{{1,8}}|{_NUMBER_WORD})"
_TAIL = r"(?:\s*(?:[.:\-—–]\s*(?P<rest>.*))?|\s+(?P<plain>[^.,;!?]{1,60}))"

_KEYWORD_HEADINGS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("chapter", 3, re.compile(rf"^(?:chapter|chap\.)\s+(?P<num>{_NUMBER}){_TAIL}$", re.I)),
    ("book", 1, re.compile(rf"^(?:book|volume|vol\.)\s+(?:the\s+)?(?P<num>{_NUMBER}){_TAIL}$", re.I)),
    ("part", 2, re.compile(rf"^part\s+(?:the\s+)?(?P<num>{_NUMBER}){_TAIL}$", re.I)),
    ("epilogue", 1, re.compile(
        rf"^(?:(?:{_NUMBER_WORD})\s+)?(?P<num>prologue|epilogue|interlude|afterword|foreword|preface)"
        r"(?:\s*[.:\-—–]\s*(?P<rest>.*))?$", re.I)),
)
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_SMALL_WORDS = {"a", "an", "and", "the", "of", "in", "on", "at", "to", "for", "or", "by", "with"}


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading: its first line, rank (1 = book, 2 = part, 3 = chapter; markdown level n = n), title, and
    the last line it covers (the line after it when that line is a subtitle)."""

    line: int
    rank: int
    title: str
    last_line: int


def smart_title(text: str) -> str:
    """Title-case an all-capital heading (``BOOK ONE: 1805`` -> ``Book One: 1805``), keeping roman numerals."""
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return text
    words = re.split(r"(\s+)", text)
    out = []
    first = True
    for word in words:
        if not word.strip():
            out.append(word)
            continue
        core = word.strip(".,:;!?()[]\"'")
        if core and _ROMAN.match(core) and len(core) > 0:
            out.append(word)
        elif not first and core.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
        first = False
    return "".join(out)


def title_from_file_name(stem: str) -> str:
    """A readable title from a file name: ``pride-and-prejudice`` -> ``Pride and Prejudice``."""
    words = re.sub(r"[-_.\s]+", " ", stem).strip()
    if not words:
        return stem
    letters = [c for c in words if c.isalpha()]
    if letters and not all(c.islower() for c in letters) and not all(c.isupper() for c in letters):
        return words  # the writer's own capitals ("MyNovel draft 2", "War and Peace")
    return smart_title(words.upper())


def _match_keyword(stripped: str) -> tuple[int, str, bool] | None:
    """Match a keyword heading; returns rank, title and whether it is bare (no title after the number)."""
    for _kind, rank, pattern in _KEYWORD_HEADINGS:
        match = pattern.match(stripped)
        if match:
            groups = match.groupdict()
            bare = not (groups.get("rest") or groups.get("plain"))
            return rank, smart_title(stripped.rstrip(".")), bare
    return None


def _subtitle(line: str) -> str | None:
    """Return a chapter's subtitle line (``CHAPTER I.`` then ``Down the Rabbit-Hole``) or None if it is prose."""
    text = line.strip()
    if not text or len(text) > 80 or len(text.split()) > 12 or text[0] in "\"'“‘([-—":
        return None
    if text.endswith((".", ",", ";", ":")) and not text.isupper():
        return None
    return smart_title(text.rstrip("."))


def find_headings(lines: list[str]) -> list[Heading]:
    """Return the headings of a manuscript, in order (see the module docstring for what counts)."""
    headings = []
    count = len(lines)
    for i, line in enumerate(lines):
        if not line or len(line) > 100:
            continue
        stripped = line.strip()
        if stripped.startswith("#"):
            md = _MARKDOWN_HEADING.match(stripped)
            if md:
                headings.append(Heading(i, len(md.group(1)), md.group(2).strip(), i))
            continue
        if i > 0 and lines[i - 1].strip():
            continue  # keyword headings start a paragraph
        found = _match_keyword(stripped)
        if found is None:
            continue
        rank, title, bare = found
        if i + 1 >= count or not lines[i + 1].strip():
            headings.append(Heading(i, rank, title, i))
        elif bare and not lines[i + 1].lstrip()[:1].islower():
            # "Chapter 5" directly followed by a line: a one-line subtitle paragraph, or the prose itself
            # (a line starting in lower case continues a sentence: "Part two" + "of his plan ...").
            ends_paragraph = i + 2 >= count or not lines[i + 2].strip()
            subtitle = _subtitle(lines[i + 1]) if ends_paragraph else None
            if subtitle:
                headings.append(Heading(i, rank, f"{title}: {subtitle}", i + 1))
            else:
                headings.append(Heading(i, rank, title, i))
    return headings


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Tell whether prose lines look wrapped at a fixed width (most paragraphs span several short lines)."""
    lengths = [len(line) for line in lines if line.strip()]
    if len(lengths) < 20:
        return False
    multi = sum(1 for a, b in zip(lines, lines[1:], strict=False) if a.strip() and b.strip())
    return statistics.quantiles(lengths, n=10)[-1] <= 100 and multi >= len(lengths) * 0.3


def _body(lines: list[str], unwrap: bool) -> str:
    """Turn the lines of one chapter into chapter text: paragraphs separated by a blank line."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip() if unwrap else line.rstrip())
        elif current:
            paragraphs.append(" ".join(current) if unwrap else "\n".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current) if unwrap else "\n".join(current))
    return "\n\n".join(paragraphs) + ("\n" if paragraphs else "")


def split_chapters(text: str, unwrap: bool | None = None) -> list[tuple[str, str]]:
    """Split manuscript text into ``(title, body)`` pairs at chapter headings (see the module docstring).

    A title block at the top (see ``split_manuscript``) is not a chapter and is not returned here.
    """
    return split_manuscript(text, unwrap).chapters


@dataclass(frozen=True, slots=True)
class TitleBlock:
    """A title line (and optional ``by NAME`` line) at the top of a manuscript, before its first heading."""

    title: str
    author: str = ""
    text: str = ""  # the block as written, for when the writer named the project otherwise


@dataclass(frozen=True, slots=True)
class SplitManuscript:
    """A manuscript split at its headings: the title block (if the top is one) and ``(title, body)`` pairs."""

    title_block: TitleBlock | None
    chapters: list[tuple[str, str]]


_BYLINE = re.compile(r"^by\s+(?P<name>\S.{0,60})$", re.I)
_SENTENCE_END = ".!?,;:…"
_CLOSING_QUOTES = "\"'”’)]"


def _title_line(line: str) -> bool:
    """Tell whether a line reads as a book title: short, with letters, not ending like a sentence."""
    if len(line) > 80 or len(line.split()) > 12 or not any(c.isalpha() for c in line):
        return False
    return not line.rstrip(_CLOSING_QUOTES).endswith(tuple(_SENTENCE_END))


def _title_block(preamble: list[str]) -> TitleBlock | None:
    """The title block made of ``preamble`` lines, or None when they are prose (then they become a chapter).

    Clearly a title: one short line that does not end like a sentence, optionally followed by a ``by NAME``
    line. Anything else (``The storm came at midnight.`` / ``Nobody slept.``) is prose and is kept as prose.
    """
    lines = [line.strip() for line in preamble if line.strip()]
    if not lines or len(lines) > 2 or not _title_line(lines[0]):
        return None
    author = ""
    if len(lines) == 2:
        byline = _BYLINE.match(lines[1])
        if byline is None or len(byline.group("name").split()) > 6 or byline.group("name").endswith(
                tuple(_SENTENCE_END.replace(".", ""))):
            return None
        author = byline.group("name").strip()
    return TitleBlock(smart_title(lines[0].lstrip("# ")), author, "\n\n".join(lines) + "\n")


def split_manuscript(text: str, unwrap: bool | None = None) -> SplitManuscript:
    """Split manuscript text into its title block and chapters; every word lands in one of them or a heading.

    Text before the first heading is the title block when it clearly is one (see ``_title_block``), else an
    "Opening" chapter. With no heading at all, the whole text is one chapter.
    """
    lines = normalize_newlines(text).split("\n")
    if unwrap is None:
        unwrap = _is_hard_wrapped(lines)
    headings = find_headings(lines)
    chapters: list[tuple[str, str]] = []
    title_block: TitleBlock | None = None
    first_line = headings[0].line if headings else len(lines)
    preamble = lines[:first_line]
    if any(line.strip() for line in preamble):
        title_block = _title_block(preamble) if headings else None
        if title_block is None:
            chapters.append(("Opening" if headings else "Chapter 1", _body(preamble, unwrap)))
    containers: list[Heading] = []
    for index, heading in enumerate(headings):
        end = headings[index + 1].line if index + 1 < len(headings) else len(lines)
        body_lines = lines[heading.last_line + 1:end]
        while containers and containers[-1].rank >= heading.rank:
            containers.pop()
        has_body = any(line.strip() for line in body_lines)
        next_heading = headings[index + 1] if index + 1 < len(headings) else None
        if not has_body and next_heading is not None and next_heading.rank > heading.rank:
            containers.append(heading)
            continue
        title = SEPARATOR.join([c.title for c in containers] + [heading.title])
        chapters.append((title, _body(body_lines, unwrap)))
    return SplitManuscript(title_block, chapters)


def _read_docx(source: Path) -> str:
    """Extract a .docx as text, turning Word heading styles into markdown headings (bounded memory)."""
    lines = []
    for paragraph in read_docx_paragraphs(source):
        style = paragraph.style
        text = paragraph.text.replace("\n", " ").strip()
        if style.startswith("Heading") and text:
            level = style.split()[-1]
            text = "#" * (int(level) if level.isdigit() and 0 < int(level) < 7 else 1) + " " + text
        elif style == "Title" and text:
            text = "# " + text
        lines.extend([text, ""])
    return "\n".join(lines)


def read_manuscript(source: Path, encoding: str | None = None) -> str:
    """Read a manuscript file as text (``\\n`` newlines); refuses binaries and invalid UTF-8 clearly."""
    return read_manuscript_as(source, encoding)[0]


def read_manuscript_as(source: Path, encoding: str | None = None) -> tuple[str, textfile.TextFormat | None]:
    """Read a manuscript and say how its text was stored (None for a .docx); ``encoding`` as ``textfile.decode``."""
    if source.suffix.lower() == ".docx":
        if not source.is_file():
            textfile.read_bytes(source)  # raises the clear "does not exist" error
        return _read_docx(source), None
    if source.suffix.lower() not in IMPORTABLE_SUFFIXES:
        raise ProjectError(f"{source.name} is not a .txt, .md or .docx file, so it cannot be imported.")
    text, fmt, _data = textfile.read_text(source, encoding)
    return text, fmt


def _block_agrees(block: TitleBlock, title: str | None, author: str) -> bool:
    """Tell whether a title block says what the writer asked for (or they asked nothing), so it can go."""
    same = " ".join(block.title.split()).casefold()
    if title and " ".join(title.split()).casefold() != same:
        return False
    return not (author and block.author and " ".join(author.split()).casefold() != block.author.casefold())


def import_manuscript(source: Path | str, target_folder: Path | str, title: str | None = None,
                      *, encoding: str | None = None, author: str = "", language: str = "en-US",
                      text: str | None = None) -> Project:
    """Create a new project in ``target_folder`` (absent or empty) from a manuscript file, split at headings.

    The project is built in a hidden temporary folder beside the target and renamed into place at the end,
    so a failure leaves nothing half-imported. ``text`` is the manuscript's text when the caller already
    read it (``read_manuscript_as``); else the file is read in ``encoding`` (see ``textfile.decode``).
    """
    source = Path(source).expanduser()
    target = Path(target_folder).expanduser()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ProjectError(f"{target} already exists and is not empty; choose a new folder for the project.")
    if text is None:
        text = read_manuscript(source, encoding)
    split = split_manuscript(text)
    chapters = split.chapters
    block = split.title_block
    if block is not None and not _block_agrees(block, title, author):
        chapters.insert(0, ("Opening", block.text))  # the writer named it otherwise: keep the lines as prose
        block = None
    if not chapters:
        chapters = [("Chapter 1", "")]
    project_title = title or (block.title if block else title_from_file_name(source.stem))
    author = author or (block.author if block else "")
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.importing-", dir=parent))
    except OSError as error:
        raise ProjectError(f"The folder {parent} cannot be written to ({error.strerror or error}).") from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)
        (staging / CHAPTERS_FOLDER).mkdir()
        manifest = Manifest(title=project_title, author=author, language=language)
        for number, (chapter_title, body) in enumerate(chapters, start=1):
            chapter_id = f"ch-{number:04d}"
            chapter = Chapter(chapter_id, chapter_title, f"{CHAPTERS_FOLDER}/{chapter_id}.md")
            # The staging folder is invisible until the final rename, so plain writes are safe here.
            with open(staging / chapter.file, "wb") as handle:
                handle.write(body.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            manifest.chapters.append(chapter)
        fsync_folder(staging / CHAPTERS_FOLDER)
        staged = Project(staging, manifest)
        staged.save_manifest()
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
        fsync_folder(parent)
    except BaseException as error:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        if isinstance(error, OSError):
            raise SaveError(save_error_message(target, error), target) from error
        raise
    log.info("Imported %s into %s: %d chapters", source, target, len(chapters))
    return Project.open(target)
