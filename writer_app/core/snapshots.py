"""Chapter snapshots: named or automatic copies of a chapter's text, stored in the project, deduplicated.

Layout inside the project folder::

    snapshots/
      ch-0003.jsonl                 one line per snapshot of that chapter, oldest first
      objects/4f/4f1c…e2.txt        the texts, one file per distinct text (plain UTF-8, named by SHA-256)

A snapshot line: ``{"id": "…", "at": "2026-12-07T10:42:05", "name": "before the rewrite", "reason": "manual",
"sha": "4f1c…", "words": 2412}``. Taking a snapshot of text already stored adds no second copy of it, and
taking one of a chapter whose newest snapshot holds the same text adds nothing at all (unless it is named).

The store has a size cap (``Goals.snapshot_cap_mb``). Taking a snapshot never deletes one: when the store is
over its cap the caller asks the writer and then calls ``prune``, which removes the oldest automatic snapshots
first and never a chapter's newest.

Snapshots are not put in the rotating backups (they would double every zip); they are their own history.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from writer_app.core.errors import ProjectError, SaveError
from writer_app.core.notes import notes_file_name
from writer_app.core.storage import atomic_write_bytes, atomic_write_text, save_error_message
from writer_app.core.text import word_count

if TYPE_CHECKING:
    from writer_app.core.manifest import Chapter

log = logging.getLogger(__name__)

SNAPSHOTS_FOLDER = "snapshots"
OBJECTS_FOLDER = "objects"
MANUAL = "manual"
BEFORE_RESTORE = "before restore"
# Reasons other parts of the app pass to ``take_snapshot`` before a destructive operation.
BEFORE_MERGE = "before merge"
BEFORE_FIX_ALL = "before fix all"
BEFORE_REPLACE_ALL = "before replace all"
BEFORE_RENAME = "before rename everywhere"


class SnapshotError(ProjectError):
    """A snapshot cannot be taken, read or restored; the message is one sentence."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One stored copy of a chapter's text."""

    id: str
    chapter_id: str
    at: str  # local time, ISO format to the second
    name: str
    reason: str
    sha: str
    words: int

    @property
    def automatic(self) -> bool:
        """True when the app took it (before a destructive operation) rather than the writer."""
        return self.reason != MANUAL

    def label(self) -> str:
        """What the list shows: the name, else the reason, with the time."""
        when = self.at.replace("T", " ")[:16]
        what = self.name or ("snapshot" if self.reason == MANUAL else self.reason)
        return f"{when} — {what}"

    def to_json(self) -> dict[str, object]:
        """One index line."""
        return {"id": self.id, "at": self.at, "name": self.name, "reason": self.reason, "sha": self.sha,
                "words": self.words}


@dataclass(frozen=True)
class TakeResult:
    """What ``take`` did: the snapshot (new or the equal newest one) and whether the store is over its cap."""

    snapshot: Snapshot
    created: bool
    over_cap: bool


class SnapshotStore:
    """The snapshots of one project (``folder`` is the project folder, or a loose file's sidecar folder)."""

    def __init__(self, folder: Path, cap_bytes: int) -> None:
        self.root = Path(folder) / SNAPSHOTS_FOLDER
        self.cap_bytes = cap_bytes

    # ------------------------------------------------------------------------------------------------ reading
    def _index(self, chapter_id: str) -> Path:
        return self.root / (notes_file_name(chapter_id)[:-3] + ".jsonl")

    def _object(self, sha: str) -> Path:
        return self.root / OBJECTS_FOLDER / sha[:2] / f"{sha}.txt"

    def list(self, chapter_id: str) -> list[Snapshot]:
        """A chapter's snapshots, newest first (damaged index lines are skipped and logged)."""
        path = self._index(chapter_id)
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except FileNotFoundError:
            return []
        except OSError as error:
            raise SnapshotError(f"The snapshot list {SNAPSHOTS_FOLDER}/{path.name} could not be read "
                                f"({error.strerror or error}).") from error
        result = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                snapshot = Snapshot(str(data["id"]), chapter_id, str(data["at"]), str(data.get("name", "")),
                                    str(data.get("reason", MANUAL)), str(data["sha"]), int(data.get("words", 0)))
            except (ValueError, KeyError, TypeError):
                log.warning("Skipping damaged line %d of %s", number, path)
                continue
            if len(snapshot.sha) == 64 and all(c in "0123456789abcdef" for c in snapshot.sha):
                result.append(snapshot)
        result.reverse()
        return result

    def text(self, snapshot: Snapshot) -> str:
        """The stored text of a snapshot."""
        path = self._object(snapshot.sha)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise SnapshotError(f"The text of the snapshot “{snapshot.label()}” is missing from "
                                f"{SNAPSHOTS_FOLDER}/{OBJECTS_FOLDER}, so it cannot be shown or restored.") from error
        if hashlib.sha256(data).hexdigest() != snapshot.sha:
            raise SnapshotError(f"The text of the snapshot “{snapshot.label()}” was changed on disk, so it cannot "
                                "be trusted for a restore.")
        return data.decode("utf-8")

    def size_bytes(self) -> int:
        """Bytes the store takes on disk (texts and lists)."""
        if not self.root.is_dir():
            return 0
        total = 0
        for folder, _dirs, files in os.walk(self.root):
            for name in files:
                with contextlib.suppress(OSError):
                    total += os.stat(os.path.join(folder, name)).st_size
        return total

    def over_cap(self) -> bool:
        """True when the store is larger than its cap."""
        return self.cap_bytes > 0 and self.size_bytes() > self.cap_bytes

    # ------------------------------------------------------------------------------------------------ writing
    def take(self, chapter_id: str, text: str, name: str = "", reason: str = MANUAL) -> TakeResult:
        """Store ``text`` as a snapshot of the chapter (``SnapshotError`` if the disk refuses)."""
        data = text.encode("utf-8")
        sha = hashlib.sha256(data).hexdigest()
        existing = self.list(chapter_id)
        if existing and existing[0].sha == sha and not name.strip():
            return TakeResult(existing[0], False, self.over_cap())
        snapshot = Snapshot(secrets.token_hex(6), chapter_id, datetime.now().isoformat(timespec="seconds"),
                            name.strip(), reason, sha, word_count(text))
        try:
            blob = self._object(sha)
            if not blob.is_file() or blob.stat().st_size != len(data):
                blob.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_bytes(blob, data)
            self._append(self._index(chapter_id), json.dumps(snapshot.to_json(), ensure_ascii=False))
        except (OSError, SaveError) as error:
            raise SnapshotError(f"The snapshot could not be saved: {error}") from error
        return TakeResult(snapshot, True, self.over_cap())

    def _append(self, path: Path, line: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(path, "ab") as handle:
                prefix = b""
                if handle.tell() > 0:
                    with open(path, "rb") as reader:
                        reader.seek(-1, os.SEEK_END)
                        prefix = b"" if reader.read(1) == b"\n" else b"\n"
                handle.write(prefix + line.encode("utf-8") + b"\n")
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            raise SaveError(save_error_message(path, error, True), path) from error

    def delete(self, snapshots: list[Snapshot]) -> int:
        """Remove snapshots (and texts no snapshot uses any more); returns the bytes freed."""
        before = self.size_bytes()
        by_chapter: dict[str, set[str]] = {}
        for snapshot in snapshots:
            by_chapter.setdefault(snapshot.chapter_id, set()).add(snapshot.id)
        for chapter_id, ids in by_chapter.items():
            kept = [s for s in reversed(self.list(chapter_id)) if s.id not in ids]
            path = self._index(chapter_id)
            if kept:
                atomic_write_text(path, "".join(json.dumps(s.to_json(), ensure_ascii=False) + "\n" for s in kept))
            else:
                path.unlink(missing_ok=True)
        self._remove_unused_texts()
        return max(0, before - self.size_bytes())

    def _remove_unused_texts(self) -> None:
        used = set()
        for index in self.root.glob("*.jsonl"):
            try:
                for line in index.read_text("utf-8", errors="replace").splitlines():
                    with contextlib.suppress(ValueError, KeyError, TypeError):
                        used.add(str(json.loads(line)["sha"]))
            except OSError:
                return  # unsure what is used: remove nothing
        for blob in (self.root / OBJECTS_FOLDER).glob("*/*.txt"):
            if blob.stem not in used:
                with contextlib.suppress(OSError):
                    blob.unlink()

    def prune_plan(self, chapter_ids: list[str]) -> list[Snapshot]:
        """Snapshots to remove to get under the cap: oldest automatic first, then oldest named; never a newest."""
        size = self.size_bytes()
        if self.cap_bytes <= 0 or size <= self.cap_bytes:
            return []
        candidates: list[Snapshot] = []
        for chapter_id in chapter_ids:
            candidates.extend(reversed(self.list(chapter_id)[1:]))  # oldest first; a chapter's newest stays
        candidates.sort(key=lambda s: (not s.automatic, s.at))  # stable: taken in the same second keeps order
        users: dict[str, int] = {}
        for chapter_id in chapter_ids:
            for snapshot in self.list(chapter_id):
                users[snapshot.sha] = users.get(snapshot.sha, 0) + 1
        plan = []
        for snapshot in candidates:
            if size <= self.cap_bytes:
                break
            plan.append(snapshot)
            users[snapshot.sha] -= 1
            if users[snapshot.sha] == 0:
                with contextlib.suppress(OSError):
                    size -= self._object(snapshot.sha).stat().st_size
            size -= len(json.dumps(snapshot.to_json(), ensure_ascii=False)) + 1
        return plan


def snapshot_store(project: object) -> SnapshotStore:
    """The snapshot store of a ``Project``, with the cap its goals set."""
    from writer_app.core.goals import Goals

    goals = Goals.from_json(getattr(project, "goals", {}) or {})
    return SnapshotStore(project.desk_folder, goals.snapshot_cap_mb * 1024 * 1024)  # type: ignore[attr-defined]


def take_snapshot(project: object, chapter: Chapter, name: str = "", reason: str = MANUAL,
                  text: str | None = None) -> TakeResult:
    """Snapshot a chapter: ``text`` (the editor's, possibly unsaved) or, by default, its file on disk.

    The public entry point for operations that rewrite text (merge, fix all, replace all, rename everywhere):
    call it with the chapter's current text just before changing it. Raises ``SnapshotError`` when it cannot
    be stored: the caller should then not go ahead without the writer's say.
    """
    if text is None:
        text = project.read_chapter(chapter)  # type: ignore[attr-defined]
    return snapshot_store(project).take(chapter.id, text, name, reason)


def restore_snapshot(project: object, chapter: Chapter, snapshot: Snapshot, current_text: str) -> str:
    """The text to put back for ``snapshot``, after saving ``current_text`` as a snapshot (so it can be undone)."""
    store = snapshot_store(project)
    text = store.text(snapshot)
    if text != current_text:
        store.take(chapter.id, current_text, reason=BEFORE_RESTORE)
    return text
