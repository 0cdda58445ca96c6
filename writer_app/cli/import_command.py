"""``writer-app import FILE --to DIR [--title T] [--lang en-US|en-GB]``: a manuscript into a chapter-split project."""

from __future__ import annotations

import argparse
from pathlib import Path

from writer_app.cli import CommandError
from writer_app.cli.encodings import add_encoding_option, note_encoding
from writer_app.core.importer import import_manuscript, read_manuscript_as
from writer_app.core.text import word_count
from writer_app.core.textfile import AUTO


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``import`` subcommand."""
    parser = subparsers.add_parser(
        "import",
        help="import a .txt/.md/.docx manuscript into a new project, split into chapters",
        description="Import a whole manuscript into a new project folder, one file per chapter. "
        "Chapters are split at headings such as 'Chapter 12', 'CHAPTER XII', '# Title' or 'BOOK ONE'.",
    )
    parser.add_argument("file", help="the manuscript (.txt, .md or .docx)")
    parser.add_argument("--to", dest="target", required=True, metavar="DIR",
                        help="the new project folder (must not exist or be empty)")
    parser.add_argument("--title", help="the project title (default: a title line at the top, optionally followed "
                        "by a 'by NAME' line that gives the author, else the file name made readable: "
                        "pride-and-prejudice.txt -> Pride and Prejudice)")
    parser.add_argument("--lang", choices=("en-US", "en-GB"), default="en-US",
                        help="the project's spelling: American (en-US, the default) or British (en-GB) English")
    add_encoding_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Import the manuscript and print a one-line summary."""
    source = Path(args.file)
    if not source.exists():
        raise CommandError(f"{source} does not exist.")
    encoding = getattr(args, "encoding", AUTO)
    text, fmt = read_manuscript_as(source, encoding)
    note_encoding(source.name, fmt, encoding)
    project = import_manuscript(source, Path(args.target), title=args.title, language=args.lang, text=text)
    try:
        words = sum(word_count(text) for _chapter, text in project.iter_chapter_texts())
        chapters = len(project.chapters)
        print(f"Imported {source.name} into {project.path} as “{project.title}” ({project.language}): {chapters} "
              f"chapter{'s' if chapters != 1 else ''}, {words:,} words.")
    finally:
        project.close()
    return 0
