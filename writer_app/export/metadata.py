"""The title and chapter heading an export uses for a loose draft: taken from its text, never its file name.

A loose ``.txt``/``.md`` draft that the writer never named carries its file name as title (``draft_0412``).
That name is not a title: the export takes the draft's first heading instead (a ``# Markdown`` heading or a
line such as ``Chapter 3: The Ball`` standing alone, as the importer recognises them). With no heading the
draft has no title; the dialog asks for one and the command line leaves out the title page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from writer_app.core.importer import find_headings
from writer_app.core.text import normalize_newlines

_SCAN_LINES = 2000  # a heading further in than this is not the draft's title


@dataclass(frozen=True, slots=True)
class DraftTitles:
    """What a loose draft's text says about its names: the book title and the chapter's own heading."""

    title: str  # the first heading, or "" when the draft has none
    chapter: str  # the heading the draft opens with (printed once as the chapter heading), or ""


def is_untitled_draft(project: Any) -> bool:
    """True for a loose draft whose title is still its file name (the writer never gave it one)."""
    if not getattr(project, "is_loose_file", False):
        return False
    title = (getattr(project, "title", "") or "").strip()
    return title in ("", Path(project.path).stem)


def draft_titles(text: str) -> DraftTitles:
    """The title and opening heading found in a draft's text (see the module docstring)."""
    lines = normalize_newlines(text[:200_000]).split("\n")[:_SCAN_LINES]
    headings = find_headings(lines)
    if not headings:
        return DraftTitles("", "")
    first = headings[0]
    opens_with_it = not any(line.strip() for line in lines[:first.line])
    return DraftTitles(first.title, first.title if opens_with_it else "")


def export_title(project: Any, first_text: str | None, chosen: str | None = None) -> str:
    """The title for an export: the writer's choice, else the project's, else (for a draft) its first heading.

    Returns "" when nothing names an untitled draft; never its file name.
    """
    if chosen and chosen.strip():
        return chosen.strip()
    if is_untitled_draft(project):
        return draft_titles(first_text or "").title
    return (getattr(project, "title", "") or "").strip()


def chapter_title(project: Any, chapter: Any, text: str) -> str:
    """The title a chapter is exported under; an untitled draft's chapter is named by its opening heading."""
    if is_untitled_draft(project) and (chapter.title or "").strip() in ("", Path(project.path).stem):
        return draft_titles(text).chapter
    return chapter.title
