"""``writer-app snapshot PATH --chapter N [--name ...]``: store a snapshot of one chapter's saved text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from writer_app.cli import CommandError
from writer_app.core.snapshots import snapshot_store, take_snapshot


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``snapshot`` subcommand."""
    parser = subparsers.add_parser(
        "snapshot",
        help="take a snapshot of a chapter (its saved text), to compare with or restore later",
        description="Store a snapshot of one chapter's saved text inside the project (snapshots/). The same "
                    "text is stored only once. Open Chapter > Snapshots in the app to compare and restore.",
    )
    parser.add_argument("path", metavar="PATH", help="a project folder or a .txt/.md file")
    parser.add_argument("--chapter", required=True, metavar="N",
                        help="the chapter: its number in reading order (1 is the first), its id or its title")
    parser.add_argument("--name", default="", help="a name for the snapshot (e.g. 'before the rewrite')")
    parser.set_defaults(func=run)


def find_chapter(project: object, wanted: str) -> object:
    """The chapter a ``--chapter`` value names: a number, an id, or a title (``CommandError`` otherwise)."""
    chapters = project.chapters  # type: ignore[attr-defined]
    if wanted.strip().isdigit():
        number = int(wanted)
        if 1 <= number <= len(chapters):
            return chapters[number - 1]
        raise CommandError(f"There is no chapter {number}: the project has {len(chapters)} "
                           f"chapter{'s' if len(chapters) != 1 else ''}.")
    for chapter in chapters:
        if chapter.id == wanted:
            return chapter
    titled = [c for c in chapters if c.title.casefold() == wanted.strip().casefold()]
    if len(titled) == 1:
        return titled[0]
    if titled:
        raise CommandError(f"{len(titled)} chapters are titled “{wanted}”; give the chapter's number instead.")
    raise CommandError(f"No chapter is numbered, identified or titled “{wanted}”.")


def run(args: argparse.Namespace) -> int:
    """Take the snapshot and print one line; exit 0 (errors raise and exit 2)."""
    from writer_app.core.project import Project

    # Only snapshots/ is written, never a chapter or project.json: no lock needed, even with the app open.
    project = Project.open(Path(args.path), read_only=True, lock=False)
    chapter = find_chapter(project, args.chapter)
    result = take_snapshot(project, chapter, args.name)  # type: ignore[arg-type]
    title = chapter.title  # type: ignore[attr-defined]
    if result.created:
        named = f" “{result.snapshot.name}”" if result.snapshot.name else ""
        print(f"Took snapshot{named} of “{title}” ({result.snapshot.words:,} words).")
    else:
        print(f"“{title}” is unchanged since its snapshot of {result.snapshot.at.replace('T', ' ')}; "
              "nothing new was stored.")
    if result.over_cap:
        store = snapshot_store(project)
        print(f"writer-app: the snapshots take {store.size_bytes() / 1024 / 1024:.1f} MB, more than their cap of "
              f"{store.cap_bytes // 1024 // 1024} MB; open Chapter > Snapshots in the app to remove old ones.",
              file=sys.stderr)
    return 0
