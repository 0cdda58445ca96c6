"""``writer-app export PATH --format FMT -o OUT``: write a polished manuscript in any supported format."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from writer_app.cli import CommandError
from writer_app.cli.encodings import add_encoding_option, note_project_encodings
from writer_app.core.textfile import AUTO
from writer_app.export.metadata import draft_titles, is_untitled_draft
from writer_app.export.model import ExportOptions
from writer_app.export.polish import DEFAULT_SCENE_BREAK
from writer_app.export.registry import format_for_path, format_keys, get_format


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``export`` subcommand."""
    keys = format_keys()
    parser = subparsers.add_parser(
        "export",
        help=f"export a project to {', '.join(keys)}",
        description="Export a project (or a loose .txt/.md file) with polished typography: curly quotes, "
        "em dashes, ellipses, single spaces, scene breaks. Polish never changes a word.",
    )
    parser.add_argument("path", help="a project folder or a .txt/.md file")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")
    parser.add_argument("-f", "--format", choices=keys, help="output format (default: from OUT's extension)")
    parser.add_argument(
        "--chapters", nargs="+", metavar="SEL",
        help="chapters to export: numbers, ranges (2-5), ids or exact titles; comma or space separated",
    )
    parser.add_argument("--no-polish", action="store_true", help="keep the typography exactly as written")
    parser.add_argument("--manuscript-format", action="store_true",
                        help="standard manuscript format (DOCX/ODT/PDF): 12 pt serif, double spaced, header")
    parser.add_argument("--title", help="title for the title page (default: the project's; for a loose file, its "
                        "first heading, else no title page)")
    parser.add_argument("--author", help="author for the title page (default: the project's)")
    parser.add_argument("--no-title-page", action="store_true", help="leave out the title page")
    parser.add_argument("--scene-break", default=DEFAULT_SCENE_BREAK, metavar="MARK",
                        help=f"scene-break marker (default: {DEFAULT_SCENE_BREAK!r})")
    add_encoding_option(parser)
    headings = parser.add_mutually_exclusive_group()
    headings.add_argument("--no-headings", action="store_true", help="no chapter headings")
    headings.add_argument("--numbered", action="store_true", help="number chapter headings (Chapter 1: Title)")
    parser.set_defaults(func=run)


def _chapter_tokens(values: Sequence[str]) -> list[str]:
    tokens: list[str] = []
    for value in values:
        tokens.extend(part.strip() for part in value.split(",") if part.strip())
    return tokens


def resolve_chapters(chapters: Sequence[Any], selection: Sequence[str]) -> tuple[str, ...]:
    """Turn ``--chapters`` values (1-based numbers, ranges, ids, titles) into chapter ids in project order."""
    by_id = {c.id: c for c in chapters}
    by_title = {c.title.strip().casefold(): c for c in chapters}
    wanted: set[str] = set()
    for token in _chapter_tokens(selection):
        if token in by_id:
            wanted.add(token)
            continue
        span = re.fullmatch(r"(\d+)(?:\s*-\s*(\d+))?", token)
        if span:
            first = int(span.group(1))
            last = int(span.group(2) or first)
            if not 1 <= first <= last <= len(chapters):
                raise CommandError(
                    f"Chapter selection {token!r} is out of range; the project has {len(chapters)} chapters."
                )
            wanted.update(c.id for c in chapters[first - 1 : last])
            continue
        if token.casefold() in by_title:
            wanted.add(by_title[token.casefold()].id)
            continue
        raise CommandError(f"No chapter matches {token!r}; use numbers (1-3), chapter ids or exact titles.")
    return tuple(c.id for c in chapters if c.id in wanted)


class TerminalProgress:
    """One self-overwriting progress line on a terminal's stderr ("Exporting… 42% Writing pages…")."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._last = ""
        self._width = 0

    def __call__(self, fraction: float, message: str) -> None:
        """Show the progress if the visible text changed."""
        text = f"Exporting… {int(fraction * 100):3d}% {message.strip()}".rstrip()
        if text == self._last:
            return
        self._last = text
        self.stream.write("\r" + text.ljust(self._width))
        self._width = max(self._width, len(text))
        self.stream.flush()

    def close(self) -> None:
        """Clear the progress line so the summary starts on a clean line."""
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()


def terminal_progress(stream: TextIO | None = None) -> TerminalProgress | None:
    """A progress line for stderr when it is a terminal; None for pipes, files and tests."""
    stream = stream if stream is not None else sys.stderr
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):  # closed or unusual streams
        interactive = False
    return TerminalProgress(stream) if interactive else None


def run(args: argparse.Namespace) -> int:
    """Open the project, export it, print a one-line summary."""
    from writer_app.core.project import Project
    from writer_app.export.writer import export_project

    output = Path(args.output)
    fmt = get_format(args.format) if args.format else format_for_path(output)
    if args.manuscript_format and not fmt.supports_manuscript_format:
        raise CommandError(f"Standard manuscript format applies to DOCX, ODT and PDF, not {fmt.key.upper()}.")
    source = Path(args.path)
    if not source.exists():
        raise CommandError(f"{source} does not exist.")
    encoding = getattr(args, "encoding", AUTO)
    project = Project.open(source, read_only=True, encoding=encoding)
    try:
        chapter_ids = resolve_chapters(project.chapters, args.chapters) if args.chapters else None
        heading_style = "none" if args.no_headings else "numbered" if args.numbered else "titles"
        title_page = not args.no_title_page
        if title_page and not (args.title or "").strip() and is_untitled_draft(project) and project.chapters:
            if not draft_titles(project.read_chapter(project.chapters[0])).title:
                title_page = False  # a title page must not show the file name, nor a made-up "Untitled"
                print(f"writer-app: {source.name} has no heading to take a title from, so the export has no "
                      "title page; --title gives it one.", file=sys.stderr)
        options = ExportOptions(
            format=fmt.key,
            chapter_ids=chapter_ids,
            title=args.title,
            author=args.author,
            title_page=title_page,
            headings=heading_style,
            scene_break=args.scene_break,
            polish=not args.no_polish,
            manuscript_format=args.manuscript_format,
        )
        progress = terminal_progress()  # the command has no --json/--quiet output to protect
        try:
            result = export_project(project, options, output, on_progress=progress)
        finally:
            if progress is not None:
                progress.close()
        note_project_encodings(project, args.path, encoding)
    finally:
        project.close()
    print(
        f"Exported {result.chapters} chapter{'s' if result.chapters != 1 else ''} ({result.words:,} words) "
        f"to {result.path} as {fmt.label}."
    )
    return 0
