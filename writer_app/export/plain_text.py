"""Plain-text export: UTF-8, one blank line between paragraphs, headings on their own lines."""

from __future__ import annotations

from pathlib import Path

from writer_app.export.model import Manuscript
from writer_app.export.progress import Progress
from writer_app.export.registry import ExportFormat


def render_text(manuscript: Manuscript, progress: Progress | None = None) -> str:
    """Return the whole manuscript as plain text."""
    progress = progress or Progress()
    options = manuscript.options
    parts: list[str] = []
    if options.title_page:
        parts.append(manuscript.title)
        if manuscript.author:
            parts.append(f"by {manuscript.author}")
        parts.append("")
    total = len(manuscript.chapters)
    for index, chapter in enumerate(manuscript.chapters):
        progress.step(index, total, "Writing chapters…")
        if parts:
            parts.append("")
        if chapter.heading:
            parts.append(chapter.heading)
            parts.append("")
        parts.append("\n\n".join(block.text for block in chapter.blocks))
    progress.report(1.0)
    return "\n".join(parts).strip("\n") + "\n"


def write(manuscript: Manuscript, target: Path, progress: Progress) -> None:
    """Write the manuscript to ``target`` as UTF-8 plain text."""
    target.write_text(render_text(manuscript, progress), encoding="utf-8", newline="\n")


FORMAT = ExportFormat(key="txt", label="Plain text", extension=".txt", write=write, order=10, aliases=("text",))
