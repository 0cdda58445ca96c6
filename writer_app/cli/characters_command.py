"""``writer-app characters``: the cast and suggested characters of a file or project, with mention counts."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from writer_app.characters.cast import Cast, Character
from writer_app.characters.discover import discover_candidates
from writer_app.characters.mentions import MentionIndex
from writer_app.cli.encodings import add_encoding_option, note_project_encodings
from writer_app.core.textfile import AUTO


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``characters`` subcommand."""
    parser = subparsers.add_parser(
        "characters",
        help="list the cast and suggested characters with their mentions per chapter",
        description="List the cast of a project (or a loose .txt/.md file) and the characters found in its "
                    "prose, with how often each is mentioned in every chapter.",
    )
    parser.add_argument("path", metavar="PATH", help="a project folder or a .txt/.md file")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    parser.add_argument("--max-suggestions", type=int, default=None, metavar="N",
                        help="list at most N suggested characters (default: all)")
    add_encoding_option(parser)
    parser.add_argument("--rename", nargs=2, metavar=("OLD", "NEW"), default=None,
                        help="rename a character everywhere: show every change by chapter (add --apply to make them)")
    parser.add_argument("--apply", action="store_true", help="with --rename: write the changes and the cast")
    parser.add_argument("--check-names", action="store_true",
                        help="list near-miss spellings of the cast's names (exit 1 when there are some)")
    parser.set_defaults(func=run)


def chapter_labels(titles: list[str]) -> list[str]:
    """Chapter titles made unique for use as JSON keys ("Chapter 1", "Chapter 1 (2)")."""
    seen: dict[str, int] = {}
    labels = []
    for title in titles:
        title = title or "Untitled"
        seen[title] = seen.get(title, 0) + 1
        labels.append(title if seen[title] == 1 else f"{title} ({seen[title]})")
    return labels


def collect(project: Any, max_suggestions: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """The cast and the suggestions of ``project`` with their mentions, as the JSON document."""
    chapters = list(project.iter_chapter_texts())
    labels = chapter_labels([chapter.title for chapter, _text in chapters])
    cast = Cast.from_project(project)
    taken = {form for character in cast for form in character.forms()}
    suggestions = discover_candidates(
        (text for _chapter, text in chapters), exclude=taken,
        dismissed=getattr(project, "dismissed_characters", []) or [], limit=max_suggestions,
    )
    people: list[tuple[Character, str]] = [(c, "cast") for c in cast]
    people += [(Character(s.name, s.aliases), "suggested") for s in suggestions if s.name not in taken]
    labelled = [(label, text) for label, (_c, text) in zip(labels, chapters, strict=True)]
    index = MentionIndex.build([person for person, _status in people], labelled)
    by_name = _mentions_by_name([person for person, _status in people], labelled)
    result = []
    for slot, (person, status) in enumerate(people):
        by_chapter = index.by_chapter(slot)
        result.append({
            "name": person.name, "aliases": list(person.aliases), "status": status,
            "mentions": sum(by_chapter.values()), "by_chapter": by_chapter,
            "mentions_by_name": {form: by_name.get(form, 0) for form in person.forms()},
        })
    return {"characters": result}


def _mentions_by_name(people: list[Character], chapters: list[tuple[str, str]]) -> dict[str, int]:
    """How often each name and alias is written (the longest wins where they overlap, as in the totals)."""
    forms = list(dict.fromkeys(form for person in people for form in person.forms()))
    index = MentionIndex.build(forms, chapters)
    return index.totals()


def format_table(document: dict[str, list[dict[str, Any]]]) -> str:
    """A readable table: name, status, mentions, the chapters they appear in, aliases."""
    rows = document["characters"]
    if not rows:
        return "No characters: the cast is empty and no names were found in the text.\n"
    chapters = len(rows[0]["by_chapter"])
    header = ("Name", "Status", "Mentions", "Chapters", "Aliases")
    table = [header] + [
        (row["name"], row["status"], str(row["mentions"]),
         f"{sum(1 for n in row['by_chapter'].values() if n)}/{chapters}", _aliases_cell(row))
        for row in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(4)]
    lines = []
    for n, line in enumerate(table):
        cells = [line[0].ljust(widths[0]), line[1].ljust(widths[1]), line[2].rjust(widths[2]),
                 line[3].rjust(widths[3]), line[4]]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * len("Aliases"))
    return "\n".join(lines) + "\n"


def _aliases_cell(row: dict[str, Any]) -> str:
    """The aliases with how often each is written: "Darcy (101), Fitzwilliam Darcy (1)"."""
    counts = row.get("mentions_by_name", {})
    return ", ".join(f"{alias} ({counts[alias]})" if alias in counts else alias for alias in row["aliases"])


def run(args: argparse.Namespace) -> int:
    """Print the characters of PATH; exit 0 (errors raise and exit 2)."""
    from writer_app.core.project import Project

    if getattr(args, "rename", None):
        from writer_app.cli.rename_command import run_rename

        return run_rename(args)
    if getattr(args, "check_names", False):
        from writer_app.cli.rename_command import run_check_names

        return run_check_names(args)
    encoding = getattr(args, "encoding", AUTO)
    project = Project.open(Path(args.path), read_only=True, lock=False, encoding=encoding)
    document = collect(project, args.max_suggestions)
    note_project_encodings(project, args.path, encoding)
    try:
        if args.format == "json":
            json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        else:
            sys.stdout.write(format_table(document))
        sys.stdout.flush()
    except BrokenPipeError:  # `writer-app characters ... | head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0
