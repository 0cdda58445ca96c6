"""``writer-app stats PATH [--format text|json]``: totals, chapters with their targets, and the writing history."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from writer_app.core.stats import Statistics, project_statistics


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``stats`` subcommand."""
    parser = subparsers.add_parser(
        "stats",
        help="print word totals, chapters with their targets and status, goals and the writing history",
        description="Print a project's word totals, each chapter's words, target and status, the goals with "
                    "today's target, streak, pace and projected finish, and the words written per day.",
    )
    parser.add_argument("path", metavar="PATH", help="a project folder or a .txt/.md file")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    parser.set_defaults(func=run)


def _number(value: int) -> str:
    return f"{value:,}"


def format_text(title: str, stats: Statistics) -> str:
    """The readable report."""
    goals = stats.goals
    lines = [f"{title}: {_number(stats.total_words)} words (about {_reading(stats.reading_minutes)} to read)"]
    if goals.manuscript_words:
        deadline = f" by {goals.deadline.isoformat()}" if goals.deadline else ""
        percent = min(100, round(100 * stats.total_words / goals.manuscript_words))
        lines.append(f"Target: {_number(goals.manuscript_words)} words{deadline} ({percent}% done)")
    today = f"Today: {_number(stats.today_net)} words"
    if stats.today_target:
        today += f" of {_number(stats.today_target)}"
    lines.append(today)
    lines.append(f"Streak: {stats.streak} day{'s' if stats.streak != 1 else ''}; "
                 f"pace: {_number(round(stats.pace))} words a writing day (last four weeks)")
    if stats.projected is not None:
        lines.append(f"Projected finish: {stats.projected.isoformat()}")
    lines.append("")
    header = ("Chapter", "Status", "Words", "Target")
    table = [header] + [(c.title or "Untitled", c.status or "—", _number(c.words), _number(c.target) if c.target
                         else "—") for c in stats.chapters]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for number, row in enumerate(table):
        lines.append(f"{row[0].ljust(widths[0])}  {row[1].ljust(widths[1])}  {row[2].rjust(widths[2])}  "
                     f"{row[3].rjust(widths[3])}".rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("")
    if not stats.days:
        lines.append("No writing history yet.")
    else:
        lines.append("Day         Written  Pasted  Removed  Minutes")
        for day in stats.days:
            lines.append(f"{day.day.isoformat()}  {_number(day.written):>7}  {_number(day.pasted):>6}  "
                         f"{_number(day.removed):>7}  {round(day.seconds / 60):>7}")
    return "\n".join(lines) + "\n"


def _reading(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def run(args: argparse.Namespace) -> int:
    """Print the statistics of PATH; exit 0 (errors raise and exit 2)."""
    from writer_app.core.project import Project

    project = Project.open(Path(args.path), read_only=True, lock=False)
    stats = project_statistics(project)
    for problem in stats.problems:
        print(f"writer-app: {problem}", file=sys.stderr)
    try:
        if args.format == "json":
            document = {"title": project.title, **stats.to_json()}
            json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        else:
            sys.stdout.write(format_text(project.title or project.path.name, stats))
        sys.stdout.flush()
    except BrokenPipeError:  # `writer-app stats ... | head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0
