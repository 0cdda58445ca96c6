"""HTML export: one self-contained UTF-8 file with embedded CSS, readable in any browser."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path

from writer_app.export.model import Block, Manuscript, inline_runs
from writer_app.export.progress import Progress
from writer_app.export.registry import ExportFormat

STYLESHEET = """
body { margin: 0; background: #f7f5f0; color: #1f1d1a; }
main { max-width: 36em; margin: 0 auto; padding: 3em 1.5em 6em; background: #fffefa;
       font: 1.125rem/1.6 Georgia, "Times New Roman", "Liberation Serif", serif; }
header.title-page { text-align: center; margin: 4em 0 6em; }
header.title-page h1 { font-size: 2.2em; font-weight: normal; margin: 0 0 .5em; }
header.title-page p.author { font-style: italic; font-size: 1.2em; }
section.chapter { margin-top: 4em; }
section.chapter h2 { text-align: center; font-weight: normal; font-size: 1.5em; margin: 0 0 1.5em; }
p { margin: 0; text-indent: 1.5em; text-align: justify; hyphens: auto; }
h2 + p, p.scene-break + p { text-indent: 0; }
p.scene-break { text-align: center; text-indent: 0; margin: 1em 0; }
@media print { body, main { background: none; } section.chapter { page-break-before: always; } }
"""


def inline_html(text: str) -> str:
    """Escape one paragraph and turn emphasis markers into ``<em>``/``<strong>``."""
    pieces = []
    for run, italic, bold in inline_runs(text):
        piece = escape(run, quote=False)
        if bold:
            piece = f"<strong>{piece}</strong>"
        if italic:
            piece = f"<em>{piece}</em>"
        pieces.append(piece)
    return "".join(pieces)


def blocks_html(blocks: Iterable[Block]) -> list[str]:
    """One ``<p>`` per block of a chapter: paragraphs with inline styling, scene breaks with their class."""
    return [
        f'<p class="scene-break">{escape(block.text)}</p>' if block.kind == "scene_break"
        else f"<p>{inline_html(block.text)}</p>"
        for block in blocks
    ]


def render_html(manuscript: Manuscript, progress: Progress | None = None) -> str:
    """Return the whole manuscript as one HTML document."""
    progress = progress or Progress()
    title = escape(manuscript.title)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(manuscript.language or "en")}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
    ]
    if manuscript.author:
        out.append(f'<meta name="author" content="{escape(manuscript.author)}">')
    out.append('<meta name="generator" content="writer-app">')
    out += [f"<style>{STYLESHEET}</style>", "</head>", "<body>", "<main>"]
    if manuscript.options.title_page:
        out.append('<header class="title-page">')
        out.append(f"<h1>{title}</h1>")
        if manuscript.author:
            out.append(f'<p class="author">by {escape(manuscript.author)}</p>')
        out.append("</header>")
    total = len(manuscript.chapters)
    for index, chapter in enumerate(manuscript.chapters, start=1):
        progress.step(index - 1, total, "Writing chapters…")
        out.append(f'<section class="chapter" id="chapter-{index}">')
        if chapter.heading:
            out.append(f"<h2>{escape(chapter.heading)}</h2>")
        out += blocks_html(chapter.blocks)
        out.append("</section>")
    out += ["</main>", "</body>", "</html>"]
    progress.report(1.0)
    return "\n".join(out) + "\n"


def write(manuscript: Manuscript, target: Path, progress: Progress) -> None:
    """Write the manuscript to ``target`` as a self-contained HTML file."""
    target.write_text(render_html(manuscript, progress), encoding="utf-8", newline="\n")


FORMAT = ExportFormat(key="html", label="Web page (HTML)", extension=".html", write=write, order=30, aliases=("htm",))
