"""The ``--encoding`` option every command shares, and the note that says which encoding a file was read in."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from writer_app.core.textfile import AUTO, TextFormat, encoding_label

ENCODING_HELP = (
    "the text files' encoding: auto (the default) takes UTF-8, else UTF-16 with a byte-order mark, else "
    "Windows-1252; or name one, e.g. utf-8, cp1252, latin-1"
)


def add_encoding_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--encoding NAME`` (default ``auto``) to a subcommand's parser."""
    parser.add_argument("--encoding", default=AUTO, metavar="NAME", help=ENCODING_HELP)


def note_encoding(shown: str, fmt: TextFormat | None, chosen: str, stream: TextIO | None = None) -> None:
    """Tell the writer on stderr which encoding ``auto`` chose for a file, when it is not plain UTF-8."""
    if fmt is None or chosen != AUTO or fmt.encoding == "utf-8":
        return
    print(f"writer-app: read {shown} as {encoding_label(fmt.encoding)} (it is not UTF-8); "
          "--encoding chooses another.", file=stream or sys.stderr)


def note_project_encodings(project: object, shown: str, chosen: str, stream: TextIO | None = None) -> None:
    """``note_encoding`` for every chapter of an opened (and read) project or loose file."""
    text_format = getattr(project, "text_format", None)
    if text_format is None:
        return
    for chapter in getattr(project, "chapters", []):
        fmt = text_format(chapter)
        label = shown if getattr(project, "is_loose_file", False) else f"{shown}/{chapter.file}"
        note_encoding(label, fmt, chosen, stream)
