"""``project.json``: parse and validate a manifest, and serialise it back (unknown keys preserved).

Format version 2 (version 1 files open unchanged; the next save writes version 2)::

    {
      "format_version": 2,
      "title": "My Novel", "author": "", "language": "en-US",
      "chapters": [{"id": "ch-0001", "title": "Chapter 1", "file": "chapters/ch-0001.md",
                    "status": "Draft", "target": 3000}],
      "cast": [], "dismissed_characters": [], "word_list": [],
      "ignored_rules": [], "ignored_texts": [["rule-id", "flagged text"]],
      "ignored_spots": [["rule-id", "flagged text", "spot fingerprint"]],
      "trash": [{"id": "...", "title": "...", "file": "...", "deleted_at": "...", "index": 3}],
      "status_labels": ["To do", "Draft", "Revised", "Final"],
      "goals": {"manuscript_words": 90000, "deadline": "2027-06-30", "writing_days": [0, 1, 2, 3, 4],
                "daily_words": 1000, "session_words": 0, "session_minutes": 0, "show_progress": true,
                "snapshot_cap_mb": 50}
    }

Version 2 added a chapter's ``status`` and ``target``, ``status_labels`` and ``goals`` here, and the folders
``notes/`` (a synopsis and notes per chapter), ``history/`` (the writing log) and ``snapshots/``.

``format_version``, ``title`` and ``chapters`` are required; the other lists default to empty.

A hostile or broken file fails with ``CorruptProjectError`` and nothing else: the file is capped at
``MAX_MANIFEST_BYTES`` before it is read, numbers longer than ``MAX_NUMBER_DIGITS`` digits, ``NaN``/``Infinity``,
keys repeated in one object, text that is not valid Unicode and nesting deeper than ``MAX_DEPTH`` are refused.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from writer_app.core.errors import CorruptProjectError, UnsafePathError

FORMAT_VERSION = 2
MANIFEST_NAME = "project.json"
LANGUAGES = ("en-US", "en-GB")

_REQUIRED = ("format_version", "title", "chapters")
_DRIVE = re.compile(r"^[A-Za-z]:")  # a Windows drive ("C:notes.md" is relative to C:'s current folder)
_STRING_FIELDS = ("title", "author", "language")
_STRING_LISTS = ("dismissed_characters", "word_list", "ignored_rules", "status_labels")
DEFAULT_STATUS_LABELS = ("To do", "Draft", "Revised", "Final")

# A manifest holds titles, file names, word lists and ignores: even a 1,000-chapter saga stays far below this.
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
# A real manifest nests four deep (object > cast > character > aliases); unknown keys get generous room.
MAX_DEPTH = 40
# Longer numbers are no count or index a manifest can mean (and Python refuses > 4,300 digits anyway).
MAX_NUMBER_DIGITS = 30


class _Refused(Exception):
    """Raised while decoding JSON: the text is valid JSON but not an acceptable manifest (message inside)."""


@dataclass
class Chapter:
    """One chapter: a stable id, a title the writer sees, and its file relative to the project folder."""

    id: str
    title: str
    file: str
    # Keys of this chapter's manifest entry that this version does not know; written back unchanged.
    extra: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    status: str = field(default="", compare=False, kw_only=True)  # a status label, or "" (none yet)
    target: int = field(default=0, compare=False, kw_only=True)  # the chapter's word target, 0 = none

    def to_json(self) -> dict[str, Any]:
        """Plain-data form stored in ``project.json``."""
        data = dict(self.extra)
        data.update({"id": self.id, "title": self.title, "file": self.file})
        if self.status:
            data["status"] = self.status
        if self.target:
            data["target"] = self.target
        return data


@dataclass
class TrashEntry:
    """A deleted chapter kept for restoring: its file stays on disk until the trash is emptied."""

    chapter: Chapter
    deleted_at: str
    index: int

    def to_json(self) -> dict[str, Any]:
        """Plain-data form stored in ``project.json``."""
        data = self.chapter.to_json()
        data.update({"deleted_at": self.deleted_at, "index": self.index})
        return data


@dataclass
class Manifest:
    """The validated contents of ``project.json``."""

    title: str
    author: str = ""
    language: str = "en-US"
    chapters: list[Chapter] = field(default_factory=list)
    cast: list[dict] = field(default_factory=list)
    dismissed_characters: list[str] = field(default_factory=list)
    word_list: list[str] = field(default_factory=list)
    ignored_rules: list[str] = field(default_factory=list)
    ignored_texts: list[list[str]] = field(default_factory=list)
    # "Ignore here" choices: [rule, flagged text, spot] (see ``writer_app.grammar.engine.spot_key``).
    ignored_spots: list[list[str]] = field(default_factory=list)
    trash: list[TrashEntry] = field(default_factory=list)
    status_labels: list[str] = field(default_factory=lambda: list(DEFAULT_STATUS_LABELS))
    # Goals and desk preferences (see ``writer_app.core.goals.Goals``); kept as plain data here.
    goals: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def check_relative_file(folder: Path, file: str, source: Path) -> Path:
    """Return the absolute path of a chapter file, refusing any path that leaves the project folder."""
    bad = UnsafePathError(
        f"{source.name} lists the chapter file {file!r}, which is outside the project folder; "
        "writer-app refuses to open it."
    )
    if not file or "\\" in file or "\0" in file or _DRIVE.match(file):
        raise bad
    pure = PurePosixPath(file)
    if pure.is_absolute() or ".." in pure.parts or file.startswith("~"):
        raise bad
    root = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(root, *pure.parts))
    if os.path.commonpath([root, target]) != root or target == root:
        raise bad
    return Path(folder, *pure.parts)


def _type_error(path: Path, where: str, expected: str) -> CorruptProjectError:
    return CorruptProjectError(f"{path.name} is damaged: {where} should be {expected}.", path)


def _chapter_from(entry: Any, path: Path, where: str) -> Chapter:
    if not isinstance(entry, dict):
        raise _type_error(path, where, "an object with id, title and file")
    for key in ("id", "title", "file"):
        if key not in entry:
            raise CorruptProjectError(f"{path.name} is damaged: {where} has no {key!r}.", path)
        if not isinstance(entry[key], str):
            raise _type_error(path, f"{where} {key!r}", "text")
    if not entry["id"]:
        raise CorruptProjectError(f"{path.name} is damaged: {where} has an empty id.", path)
    status = entry.get("status", "")
    if not isinstance(status, str):
        raise _type_error(path, f"{where} 'status'", "text")
    target = entry.get("target", 0)
    if isinstance(target, bool) or not isinstance(target, int) or target < 0:
        raise _type_error(path, f"{where} 'target'", "a whole number of words (0 for none)")
    extra = {k: v for k, v in entry.items()
             if k not in {"id", "title", "file", "deleted_at", "index", "status", "target"}}
    return Chapter(entry["id"], entry["title"], entry["file"], extra, status=status, target=target)


def _too_large(path: Path, size: int) -> CorruptProjectError:
    return CorruptProjectError(
        f"{path.name} is damaged: it is {size / 1024 / 1024:.0f} MB, far larger than a writer-app project file "
        f"can be (at most {MAX_MANIFEST_BYTES // 1024 // 1024} MB).",
        path,
    )


def read_manifest_bytes(path: Path) -> bytes:
    """Read ``project.json``, refusing a file too large to be a manifest before reading it."""
    from writer_app.core import textfile

    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # the read below says why in one sentence
    if size > MAX_MANIFEST_BYTES:
        raise _too_large(path, size)
    data = textfile.read_bytes(path)
    if len(data) > MAX_MANIFEST_BYTES:  # it grew between the look and the read
        raise _too_large(path, len(data))
    return data


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _Refused(f"it holds a number {len(text)} digits long")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS * 2:
        raise _Refused(f"it holds a number {len(text)} characters long")
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"it holds the number {text[:20]}, which is too large")
    return value


def _parse_constant(name: str) -> Any:
    raise _Refused(f"it holds {name}, which is not a number JSON allows")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _Refused(f"the key {key[:40]!r} appears twice in one object")
            seen.add(key)
    return data


def _is_unicode(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a "\\ud800" escape: not a character anyone wrote
        return False
    return True


def _check_shape(data: Any, check_text: bool) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH`` and, if asked, text that is not valid Unicode (no recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _Refused(f"it is nested more than {MAX_DEPTH} levels deep")
        items = value.values() if isinstance(value, dict) else value
        if check_text and isinstance(value, dict) and not all(_is_unicode(key) for key in value):
            raise _Refused("it holds text that is not valid Unicode")
        for item in items:
            if isinstance(item, (dict, list)):
                stack.append((item, depth + 1))
            elif check_text and isinstance(item, str) and not _is_unicode(item):
                raise _Refused("it holds text that is not valid Unicode")


# A "\\ud800"-style escape: the only way a lone surrogate gets into text decoded from UTF-8.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _decode(raw_text: str, path: Path) -> Any:
    """The JSON value of the text, or ``CorruptProjectError`` for anything a manifest cannot be."""
    if len(raw_text) > MAX_MANIFEST_BYTES:
        raise _too_large(path, len(raw_text.encode("utf-8", "surrogatepass")))
    try:
        if not _is_unicode(raw_text):
            raise _Refused("it holds text that is not valid Unicode")
        data = json.loads(raw_text, parse_int=_parse_int, parse_float=_parse_float,
                          parse_constant=_parse_constant, object_pairs_hook=_unique_keys)
        if isinstance(data, (dict, list)):
            _check_shape(data, check_text=_SURROGATE_ESCAPE.search(raw_text) is not None)
    except json.JSONDecodeError as error:
        raise CorruptProjectError(
            f"{path.name} in the project folder {path.parent.name} is damaged near line {error.lineno}, column "
            f"{error.colno}; fix it in a text editor or restore it from a backup.",
            path,
            error.lineno,
        ) from None
    except _Refused as refused:
        raise CorruptProjectError(f"{path.name} is damaged: {refused}.", path) from None
    except RecursionError:
        raise CorruptProjectError(f"{path.name} is damaged: it is nested more than {MAX_DEPTH} levels deep.",
                                  path) from None
    return data


def parse_manifest(raw_text: str, path: Path) -> Manifest:
    """Parse and validate manifest text; raises ``CorruptProjectError`` naming the file and the problem."""
    data = _decode(raw_text, path)
    if not isinstance(data, dict):
        raise _type_error(path, "the file", "a JSON object")
    for key in _REQUIRED:
        if key not in data:
            raise CorruptProjectError(f"{path.name} is damaged: the required key {key!r} is missing.", path)
    version = data["format_version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _type_error(path, "'format_version'", "a whole number")
    if version > FORMAT_VERSION:
        raise CorruptProjectError(
            f"{path.name} was written by a newer writer-app (format {version}); "
            "update writer-app to open this project.",
            path,
        )
    for key in _STRING_FIELDS:
        if key in data and not isinstance(data[key], str):
            raise _type_error(path, repr(key), "text")
    for key in _STRING_LISTS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _type_error(path, repr(key), "a list of text")
    cast = data.get("cast", [])
    if not isinstance(cast, list) or not all(isinstance(c, dict) for c in cast):
        raise _type_error(path, "'cast'", "a list of objects")
    ignored_texts = data.get("ignored_texts", [])
    if not isinstance(ignored_texts, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(s, str) for s in p) for p in ignored_texts
    ):
        raise _type_error(path, "'ignored_texts'", "a list of [rule, text] pairs")
    ignored_spots = data.get("ignored_spots", [])
    if not isinstance(ignored_spots, list) or not all(
        isinstance(p, list) and len(p) == 3 and all(isinstance(s, str) for s in p) for p in ignored_spots
    ):
        raise _type_error(path, "'ignored_spots'", "a list of [rule, text, spot] triples")
    goals = data.get("goals", {})
    if not isinstance(goals, dict):
        raise _type_error(path, "'goals'", "an object")
    chapters_raw = data["chapters"]
    if not isinstance(chapters_raw, list):
        raise _type_error(path, "'chapters'", "a list")
    chapters = [_chapter_from(e, path, f"chapter {i + 1}") for i, e in enumerate(chapters_raw)]
    trash_raw = data.get("trash", [])
    if not isinstance(trash_raw, list):
        raise _type_error(path, "'trash'", "a list")
    trash = []
    for i, entry in enumerate(trash_raw):
        chapter = _chapter_from(entry, path, f"trash entry {i + 1}")
        index = entry.get("index", 0)
        trash.append(TrashEntry(chapter, str(entry.get("deleted_at", "")), index if isinstance(index, int) else 0))
    seen_ids: set[str] = set()
    seen_files: set[str] = set()
    for chapter in chapters + [t.chapter for t in trash]:
        if chapter.id in seen_ids:
            raise CorruptProjectError(f"{path.name} is damaged: the chapter id {chapter.id!r} is used twice.", path)
        if chapter.file in seen_files:
            raise CorruptProjectError(
                f"{path.name} is damaged: the file {chapter.file!r} is listed for two chapters.", path
            )
        seen_ids.add(chapter.id)
        seen_files.add(chapter.file)
        check_relative_file(path.parent, chapter.file, path)
    known = set(_REQUIRED) | set(_STRING_FIELDS) | set(_STRING_LISTS)
    known |= {"cast", "ignored_texts", "ignored_spots", "trash", "goals"}
    return Manifest(
        title=data["title"],
        author=data.get("author", ""),
        language=data.get("language", "en-US") or "en-US",
        chapters=chapters,
        cast=list(cast),
        dismissed_characters=list(data.get("dismissed_characters", [])),
        word_list=list(data.get("word_list", [])),
        ignored_rules=list(data.get("ignored_rules", [])),
        ignored_texts=[list(p) for p in ignored_texts],
        ignored_spots=[list(p) for p in ignored_spots],
        trash=trash,
        status_labels=list(data["status_labels"]) if "status_labels" in data else list(DEFAULT_STATUS_LABELS),
        goals=dict(goals),
        extra={k: v for k, v in data.items() if k not in known},
    )


def dump_manifest(manifest: Manifest) -> str:
    """Serialise a manifest to the text written to ``project.json`` (stable key order, unknown keys kept)."""
    data: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "title": manifest.title,
        "author": manifest.author,
        "language": manifest.language,
        "chapters": [c.to_json() for c in manifest.chapters],
        "cast": manifest.cast,
        "dismissed_characters": manifest.dismissed_characters,
        "word_list": manifest.word_list,
        "ignored_rules": manifest.ignored_rules,
        "ignored_texts": manifest.ignored_texts,
        "ignored_spots": manifest.ignored_spots,
        "trash": [t.to_json() for t in manifest.trash],
        "status_labels": manifest.status_labels,
    }
    if manifest.goals:
        data["goals"] = manifest.goals
    for key, value in manifest.extra.items():
        data.setdefault(key, value)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
