"""Markdown export: ``#`` title, ``##`` chapter headings, paragraphs separated by blank lines."""

from __future__ import annotations

import re
from pathlib import Path

from writer_app.export.model import Manuscript
from writer_app.export.progress import Progress
from writer_app.export.registry import ExportFormat

_BLOCK_START_RE = re.compile(r"^(#|>|[-+*]\s|=+\s*$|-+\s*$)")
_ORDERED_LIST_RE = re.compile(r"^(\d{1,9})([.)])(\s)")


def _escape_block(text: str) -> str:
    """Escape a paragraph that Markdown would otherwise read as a heading, quote, list or rule."""
    if _BLOCK_START_RE.match(text):
        return "\\" + text
    # Digits cannot be escaped; "1812. The war" is kept out of an ordered list by escaping the dot.
    return _ORDERED_LIST_RE.sub(r"\1\\\2\3", text, count=1)


def _escape_marker(marker: str) -> str:
    return re.sub(r"([\\`*_#~+\-.!>])", r"\\\1", marker)


def render_markdown(manuscript: Manuscript, progress: Progress | None = None) -> str:
    """Return the whole manuscript as Markdown."""
    progress = progress or Progress()
    parts: list[str] = []
    if manuscript.options.title_page:
        parts.append(f"# {manuscript.title}")
        if manuscript.author:
            parts.append(f"*by {manuscript.author}*")
    total = len(manuscript.chapters)
    for index, chapter in enumerate(manuscript.chapters):
        progress.step(index, total, "Writing chapters…")
        if chapter.heading:
            parts.append(f"## {chapter.heading}")
        for block in chapter.blocks:
            if block.kind == "scene_break":
                parts.append(_escape_marker(block.text))
            else:
                parts.append(_escape_block(block.text))
    progress.report(1.0)
    return "\n\n".join(parts) + "\n"


def write(manuscript: Manuscript, target: Path, progress: Progress) -> None:
    """Write the manuscript to ``target`` as UTF-8 Markdown."""
    target.write_text(render_markdown(manuscript, progress), encoding="utf-8", newline="\n")


FORMAT = ExportFormat(key="md", label="Markdown", extension=".md", write=write, order=20, aliases=("markdown",))
