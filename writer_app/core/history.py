"""The writing history: words added and removed per day and chapter, kept in the project as an append-only log.

``history/<YYYY-MM>.jsonl`` holds one JSON object a line, never rewritten, only appended to::

    {"id": "5f0c2a9e1b7d", "day": "2026-12-07", "chapter": "ch-0003", "added": 812, "removed": 40,
     "kind": "written", "seconds": 2710}

``kind`` is ``"written"`` or ``"pasted"`` (a paste or import of more than ``PASTE_WORDS`` words at once). The
writer can reclassify an entry: that appends ``{"id": ..., "reclassify": "<entry id>", "kind": "written"}``.
Lines are independent and carry their own id, so two copies of a project that both wrote history merge in git
by keeping both sides' lines (``history/.gitattributes`` asks git for exactly that: ``merge=union``); a line
present twice counts once.

A damaged line (hand-edited, cut short) is skipped with one sentence for the writer; every other line counts
and the file is left as it is.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from writer_app.core.errors import SaveError
from writer_app.core.storage import atomic_write_text, save_error_message

log = logging.getLogger(__name__)

HISTORY_FOLDER = "history"
WRITTEN = "written"
PASTED = "pasted"
KINDS = (WRITTEN, PASTED)
PASTE_WORDS = 300  # more words than this arriving at once are a paste or an import, not writing
GITATTRIBUTES = "*.jsonl merge=union\n"
# No single entry can honestly hold more: a bigger number is a hand-edit gone wrong.
MAX_WORDS = 10_000_000
MAX_SECONDS = 7 * 24 * 3600

_FILE_NAME = re.compile(r"^\d{4}-\d{2}\.jsonl$")


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """Words added and removed in one chapter on one day, in one stretch of one session."""

    day: date
    chapter: str
    added: int
    removed: int
    kind: str = WRITTEN
    seconds: int = 0
    id: str = field(default_factory=lambda: secrets.token_hex(6))

    def to_json(self) -> dict[str, object]:
        """Plain-data form of one log line."""
        return {"id": self.id, "day": self.day.isoformat(), "chapter": self.chapter, "added": self.added,
                "removed": self.removed, "kind": self.kind, "seconds": self.seconds}


@dataclass
class History:
    """Every entry of a project's log (reclassifications applied), and sentences about lines that were skipped."""

    entries: list[HistoryEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def problem_sentence(self) -> str:
        """One sentence about damaged lines, or ""."""
        return " ".join(self.problems)


def history_folder(project_folder: Path) -> Path:
    """Where a project's history lives."""
    return project_folder / HISTORY_FOLDER


def _entry(data: object, days: dict[str, date]) -> HistoryEntry | tuple[str, str] | None:
    """A log line as an entry, a ``(target id, kind)`` reclassification, or None when it is damaged.

    ``days`` caches parsed dates (ten lines a day share one). ``type(x) is int`` refuses ``true`` as well.
    """
    if type(data) is not dict:
        return None
    entry_id = data.get("id")
    kind = data.get("kind", WRITTEN)
    if type(entry_id) is not str or not entry_id or kind not in KINDS:
        return None
    if "reclassify" in data:
        target = data["reclassify"]
        return (target, kind) if type(target) is str else None
    chapter = data.get("chapter")
    added = data.get("added", 0)
    removed = data.get("removed", 0)
    seconds = data.get("seconds", 0)
    if (type(chapter) is not str or type(added) is not int or type(removed) is not int
            or type(seconds) is not int or not 0 <= added <= MAX_WORDS or not 0 <= removed <= MAX_WORDS
            or not 0 <= seconds <= MAX_SECONDS):
        return None
    text = data.get("day")
    day = days.get(text) if type(text) is str else None
    if day is None:
        try:
            day = days[text] = date.fromisoformat(text)
        except (TypeError, ValueError):
            return None
    return HistoryEntry(day, chapter, added, removed, kind, seconds, entry_id)


def _decode_lines(text: str) -> list[tuple[int, object]]:
    """``(line number, JSON value or None)`` of every non-empty line; one parse of the whole file when it is sound."""
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    try:  # the usual case: every line is JSON, and one call decodes them all
        values = json.loads("[" + ",".join(line for _number, line in lines) + "]")
        if len(values) == len(lines):
            return [(number, value) for (number, _line), value in zip(lines, values, strict=True)]
    except (ValueError, RecursionError):
        pass
    decoded: list[tuple[int, object]] = []
    for number, line in lines:
        try:
            decoded.append((number, json.loads(line)))
        except (ValueError, RecursionError):
            decoded.append((number, None))
    return decoded


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if _FILE_NAME.match(p.name) and p.is_file())


def load_history(project_folder: Path, since: date | None = None) -> History:
    """Read the log files (only months from ``since`` on, when given); damaged lines are skipped and described."""
    history = History()
    seen: set[str] = set()
    reclassified: dict[str, str] = {}
    entries: list[HistoryEntry] = []
    days: dict[str, date] = {}
    first = f"{since.year:04d}-{since.month:02d}.jsonl" if since is not None else ""
    for path in _files(history_folder(project_folder)):
        if path.name < first:
            continue
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError as error:
            history.problems.append(f"The history file {HISTORY_FOLDER}/{path.name} could not be read "
                                    f"({error.strerror or error}); the rest of the history is shown.")
            continue
        bad: list[int] = []
        for number, value in _decode_lines(text):
            item = _entry(value, days)
            if item is None:
                bad.append(number)
            elif isinstance(item, tuple):
                reclassified[item[0]] = item[1]
            elif item.id not in seen:  # the same line on both sides of a git merge counts once
                seen.add(item.id)
                entries.append(item)
        if bad:
            lines = f"line {bad[0]}" if len(bad) == 1 else f"{len(bad)} lines (the first is line {bad[0]})"
            history.problems.append(f"The history file {HISTORY_FOLDER}/{path.name} has {lines} that could not "
                                    "be read; they were skipped and the rest of the history is kept.")
    if reclassified:
        entries = [_with_kind(e, reclassified[e.id]) if e.id in reclassified else e for e in entries]
    history.entries = entries
    for problem in history.problems:
        log.warning("%s", problem)
    return history


def _with_kind(entry: HistoryEntry, kind: str) -> HistoryEntry:
    return HistoryEntry(entry.day, entry.chapter, entry.added, entry.removed, kind, entry.seconds, entry.id)


def _ensure_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    attributes = folder / ".gitattributes"
    if not attributes.exists():
        with contextlib.suppress(SaveError):
            atomic_write_text(attributes, GITATTRIBUTES)


def _append_lines(path: Path, lines: list[str]) -> None:
    """Append whole lines in one write; a file that does not end with a newline gets one first."""
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    try:
        with open(path, "ab") as handle:
            if handle.tell() > 0:
                with open(path, "rb") as reader:
                    reader.seek(-1, os.SEEK_END)
                    if reader.read(1) != b"\n":
                        data = b"\n" + data
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        raise SaveError(save_error_message(path, error, True), path) from error


def append_entries(project_folder: Path, entries: Iterable[HistoryEntry]) -> int:
    """Append entries to the month files they belong to; returns how many were written (``SaveError``)."""
    by_month: dict[str, list[str]] = {}
    for entry in entries:
        if entry.added == 0 and entry.removed == 0 and entry.seconds == 0:
            continue
        line = json.dumps(entry.to_json(), ensure_ascii=False, separators=(", ", ": "))
        by_month.setdefault(f"{entry.day.year:04d}-{entry.day.month:02d}.jsonl", []).append(line)
    if not by_month:
        return 0
    folder = history_folder(project_folder)
    _ensure_folder(folder)
    for name, lines in sorted(by_month.items()):
        _append_lines(folder / name, lines)
    return sum(len(lines) for lines in by_month.values())


def reclassify(project_folder: Path, entry: HistoryEntry, kind: str, today: date | None = None) -> None:
    """Record that an entry was really ``kind`` ("written" or "pasted"), by appending a line."""
    if kind not in KINDS:
        raise ValueError(kind)
    day = today or date.today()
    line = json.dumps({"id": secrets.token_hex(6), "reclassify": entry.id, "kind": kind}, separators=(", ", ": "))
    folder = history_folder(project_folder)
    _ensure_folder(folder)
    _append_lines(folder / f"{day.year:04d}-{day.month:02d}.jsonl", [line])


def history_files(project_folder: Path) -> list[Path]:
    """Every history file of a project (for backups), the git attributes included."""
    folder = history_folder(project_folder)
    files = _files(folder)
    attributes = folder / ".gitattributes"
    return files + ([attributes] if attributes.is_file() else [])
