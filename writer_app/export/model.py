"""What gets exported: the options the writer chose and the Manuscript built from a project with them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from writer_app.core.text import paragraphs
from writer_app.export.errors import ExportError
from writer_app.export.metadata import chapter_title, export_title, is_untitled_draft
from writer_app.export.polish import DEFAULT_SCENE_BREAK, is_scene_break, polish_paragraph
from writer_app.export.progress import Progress

HeadingStyle = Literal["titles", "numbered", "none"]
HEADING_STYLES: tuple[str, ...] = ("titles", "numbered", "none")


@dataclass(frozen=True)
class ExportOptions:
    """Everything the writer chose for one export; immutable so it can cross to a worker thread."""

    format: str = "txt"
    chapter_ids: tuple[str, ...] | None = None  # None: every chapter, in project order
    title: str | None = None  # None or empty: the project's title
    author: str | None = None  # None: the project's author
    title_page: bool = True
    headings: HeadingStyle = "titles"
    scene_break: str = DEFAULT_SCENE_BREAK
    polish: bool = True
    manuscript_format: bool = False  # standard manuscript format (DOCX/ODT/PDF)
    contact: tuple[str, ...] = ()  # extra lines for the manuscript title page (address, e-mail ...)


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of prose, or a scene break (``kind == "scene_break"``, text is the marker)."""

    kind: Literal["paragraph", "scene_break"]
    text: str


@dataclass(frozen=True)
class ManuscriptChapter:
    """A chapter ready to render: its heading (may be empty) and its blocks."""

    id: str
    title: str
    heading: str
    blocks: tuple[Block, ...]

    @property
    def word_count(self) -> int:
        """Words in the chapter's prose (headings and scene breaks excluded)."""
        return sum(len(b.text.split()) for b in self.blocks if b.kind == "paragraph")


@dataclass(frozen=True)
class Manuscript:
    """A whole export: title page data and chapters, already polished when polish was on."""

    title: str
    author: str
    chapters: tuple[ManuscriptChapter, ...]
    options: ExportOptions = field(default_factory=ExportOptions)
    language: str = "en"  # BCP 47 tag, e.g. "en-US"

    @property
    def word_count(self) -> int:
        """Words in all chapters' prose."""
        return sum(c.word_count for c in self.chapters)

    @property
    def paragraph_count(self) -> int:
        """Number of blocks in all chapters (used to scale progress)."""
        return sum(len(c.blocks) for c in self.chapters)

    @property
    def surname(self) -> str:
        """The author's last name for the manuscript header (or the whole name, or "Anonymous")."""
        parts = self.author.split()
        return parts[-1] if parts else "Anonymous"


def rounded_word_count(words: int) -> str:
    """Return the word count the way manuscripts state it: "about 120,000 words"."""
    if words < 1000:
        step = 10 if words >= 100 else 1
    elif words < 10000:
        step = 100
    else:
        step = 1000
    rounded = max(step, int(round(words / step)) * step) if words else 0
    return f"about {rounded:,} words"


_HEADING_MARK_RE = re.compile(r"^#{1,6}\s+")
# Characters XML (DOCX, ODT, EPUB, HTML) cannot hold; imported text sometimes has form feeds and the like.
_NON_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CHAPTER_WORD_RE = re.compile(r"^(chapter|part|book|prologue|epilogue)\b", re.IGNORECASE)


def chapter_heading(title: str, number: int, style: str) -> str:
    """Return the heading for chapter ``number`` (1-based) in the given style."""
    title = title.strip()
    if style == "none":
        return ""
    if style == "numbered":
        if not title or _CHAPTER_WORD_RE.match(title):
            return f"Chapter {number}"
        return f"Chapter {number}: {title}"
    return title or f"Chapter {number}"


def export_chapter_heading(project: Any, chapter: Any, text: str, number: int, style: str) -> tuple[str, str]:
    """The title a chapter is exported under and its heading; a loose draft's come from its text.

    An untitled draft with no heading of its own gets no heading (not its file name, nor "Chapter 1")
    unless headings are numbered.
    """
    title = chapter_title(project, chapter, text)
    if not title and style == "titles" and is_untitled_draft(project):
        return title, ""
    return title, chapter_heading(title, number, style)


def _normalise(text: str) -> str:
    return " ".join(_HEADING_MARK_RE.sub("", text).split()).casefold()


def chapter_blocks(text: str, options: ExportOptions, title: str = "") -> tuple[Block, ...]:
    """Split a chapter's text into blocks: non-empty lines are paragraphs; scene breaks are recognised."""
    blocks: list[Block] = []
    first = True
    for line in paragraphs(text):
        if not line.strip():
            continue
        if first:
            first = False
            # A chapter file that repeats its title on the first line must not print it twice.
            if options.headings != "none" and title and _normalise(line) == _normalise(title):
                continue
        if is_scene_break(line):
            if blocks and blocks[-1].kind == "paragraph":
                blocks.append(Block("scene_break", options.scene_break))
            continue
        body = _NON_XML_RE.sub(" ", _HEADING_MARK_RE.sub("", line))
        body = polish_paragraph(body) if options.polish else body.strip()
        if body:
            blocks.append(Block("paragraph", body))
    while blocks and blocks[-1].kind == "scene_break":
        blocks.pop()
    return tuple(blocks)


def select_chapters(chapters: Sequence[Any], chapter_ids: Iterable[str] | None) -> list[Any]:
    """Return the chapters to export in project order; unknown ids raise :class:`ExportError`."""
    if chapter_ids is None:
        return list(chapters)
    wanted = list(chapter_ids)
    known = {c.id for c in chapters}
    missing = [cid for cid in wanted if cid not in known]
    if missing:
        raise ExportError(f"The project has no chapter with id {missing[0]!r}.")
    chosen = set(wanted)
    return [c for c in chapters if c.id in chosen]


def build_manuscript(
    project: Any,
    options: ExportOptions,
    read: Callable[[Any], str] | None = None,
    progress: Progress | None = None,
) -> Manuscript:
    """Build the Manuscript for ``project`` with ``options``; ``read(chapter)`` supplies chapter text."""
    reader = read or project.read_chapter
    progress = progress or Progress()
    selected = select_chapters(project.chapters, options.chapter_ids)
    if not selected:
        raise ExportError("There are no chapters to export; choose at least one chapter.")
    chapters: list[ManuscriptChapter] = []
    first_text: str | None = None
    for index, chapter in enumerate(selected, start=1):
        progress.step(index - 1, len(selected), "Preparing chapters…")
        text = reader(chapter)
        first_text = text if first_text is None else first_text
        title, heading = export_chapter_heading(project, chapter, text, index, options.headings)
        if options.polish:
            heading = polish_paragraph(heading)
        chapters.append(ManuscriptChapter(chapter.id, title, heading, chapter_blocks(text, options, title)))
    progress.report(1.0)
    title = export_title(project, first_text, options.title) or "Untitled"
    author = options.author if options.author is not None else (getattr(project, "author", "") or "")
    if options.polish:
        title, author = polish_paragraph(title), polish_paragraph(author)
    language = getattr(project, "language", "") or "en"
    return Manuscript(title.strip(), author.strip(), tuple(chapters), options, language)


_INLINE_RE = re.compile(
    r"\*\*(?=\S)(?P<b>.+?)(?<=\S)\*\*"
    r"|(?<![\w*])\*(?=[^\s*])(?P<i>.+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])(?P<u>.+?)(?<=[^\s_])_(?![\w_])"
)


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    """Split Markdown-style emphasis into ``(text, italic, bold)`` runs: ``*italic*``, ``_italic_``, ``**bold**``."""
    if "*" not in text and "_" not in text:
        return [(text, False, False)]
    runs: list[tuple[str, bool, bool]] = []
    position = 0
    for match in _INLINE_RE.finditer(text):
        if match.start() > position:
            runs.append((text[position : match.start()], False, False))
        if match.group("b") is not None:
            runs.append((match.group("b"), False, True))
        else:
            runs.append((match.group("i") or match.group("u") or "", True, False))
        position = match.end()
    if position < len(text):
        runs.append((text[position:], False, False))
    return [run for run in runs if run[0]]


def plain(text: str) -> str:
    """Return ``text`` without emphasis markers."""
    return "".join(run[0] for run in inline_runs(text))
