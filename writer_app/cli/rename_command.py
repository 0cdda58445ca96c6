"""``writer-app characters --rename OLD NEW PATH [--apply]`` (preview or make a character's rename everywhere) and
``--check-names`` (near-miss spellings of the cast's names)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from writer_app.characters.cast import Cast
from writer_app.characters.consistency import NameSpeller
from writer_app.characters.rename import ChapterChanges, RenameError, plan_manuscript_rename
from writer_app.cli.characters_command import chapter_labels


def format_preview(old: str, new: str, planned: list[ChapterChanges], cast_changed: list[str],
                   applied: bool) -> str:
    """The changes grouped by chapter, each with the words around it before and after."""
    total = sum(len(chapter.changes) for chapter in planned)
    lines = [f"Rename {old} to {new}: {total} change{'s' if total != 1 else ''} in {len(planned)} "
             f"chapter{'s' if len(planned) != 1 else ''}" + ("." if applied else " (nothing written; add --apply "
                                                            "to make them).")]
    if cast_changed:
        lines.append(f"Cast: {', '.join(cast_changed)}")
    for chapter in planned:
        lines.append("")
        count = len(chapter.changes)
        lines.append(f"{chapter.chapter}: {count} change{'s' if count != 1 else ''}")
        for change in chapter.changes:
            before, after = change.preview(chapter.text)
            lines.append(f"  line {change.line}: {before}")
            lines.append(f"  {' ' * len(f'line {change.line}:')} {after}")
    return "\n".join(lines) + "\n"


def run_rename(args: argparse.Namespace) -> int:
    """Show (or with ``--apply`` make) the rename; exit 0, errors raise and exit 2."""
    from writer_app.core.project import Project

    old, new = args.rename
    encoding = getattr(args, "encoding", None)
    project = Project.open(Path(args.path), read_only=not args.apply, lock=args.apply, encoding=encoding)
    try:
        chapters = list(project.iter_chapter_texts())
        labels = chapter_labels([chapter.title for chapter, _text in chapters])
        by_id = {chapter.id: chapter for chapter, _text in chapters}
        plan = plan_manuscript_rename(
            ((chapter.id, label, text) for label, (chapter, text) in zip(labels, chapters, strict=True)),
            Cast.from_project(project), project.word_list, old, new,
        )
        if args.apply:
            if project.read_only:
                raise RenameError(f"{Path(args.path).name} is read-only, so nothing was renamed.")
            # Each chapter is written atomically; a failure stops before the cast and word list change.
            for chapter_id, changes in plan.chapters:
                project.write_chapter(by_id[chapter_id], changes.renamed())
            project.word_list[:] = list(plan.word_list)
            plan.cast.save_to(project)
        sys.stdout.write(format_preview(plan.old, plan.new, [changes for _id, changes in plan.chapters],
                                        list(plan.cast_changed), args.apply))
    finally:
        project.close()
    return 0


def run_check_names(args: argparse.Namespace) -> int:
    """List the cast-name slips chapter by chapter; exit 0 when there are none, 1 when there are."""
    from writer_app.core.project import Project

    project = Project.open(Path(args.path), read_only=True, lock=False, encoding=getattr(args, "encoding", None))
    try:
        cast = Cast.from_project(project)
        speller = NameSpeller(form for character in cast for form in character.forms())
        chapters = list(project.iter_chapter_texts())
        labels = chapter_labels([chapter.title for chapter, _text in chapters])
        lines, total = [], 0
        for label, (_chapter, text) in zip(labels, chapters, strict=True):
            for slip in speller.check(text):
                total += 1
                line = text.count("\n", 0, slip.start) + 1
                lines.append(f"{label}: line {line}: {slip.found} -> {slip.expected}  ({slip.message})")
    finally:
        project.close()
    if not len(cast):
        sys.stdout.write("The cast is empty: add characters first, then their names can be checked.\n")
        return 0
    sys.stdout.write("\n".join(lines) + "\n" if lines else "Every cast name is spelled as in the cast.\n")
    return 1 if total else 0

