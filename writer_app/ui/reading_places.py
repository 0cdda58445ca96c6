"""Where the writer left off in each chapter: the cursor, kept in the user's data folder, never in the project.

``project.json`` stays quiet in git: the places live in ``data_dir()/reading-places.json`` as a list of
``[project path, chapter file, cursor position]``, oldest first, keyed by the project's resolved path and the
chapter's file, at most ``MAX_PLACES`` long. A missing, unreadable or corrupt file is ignored (and replaced on
the next save); a failed save is logged, never shown: losing a place costs nothing but a scroll.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from writer_app.errors import WriterAppError
from writer_app.settings import absolute_path, data_dir

log = logging.getLogger(__name__)

PLACES_FILE = "reading-places.json"
MAX_PLACES = 1000
_MAX_FILE_BYTES = 1024 * 1024


def places_path() -> Path:
    """The file that remembers the cursor per chapter."""
    return data_dir() / PLACES_FILE


class ReadingPlaces:
    """Cursor positions per (project, chapter file), most recently used last; loaded lazily, saved on request."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._places: dict[tuple[str, str], int] | None = None
        self._dirty = False

    def _file(self) -> Path:
        return self._path if self._path is not None else places_path()

    def _loaded(self) -> dict[tuple[str, str], int]:
        if self._places is None:
            self._places = self._read()
        return self._places

    def _read(self) -> dict[tuple[str, str], int]:
        path = self._file()
        try:
            if path.stat().st_size > _MAX_FILE_BYTES:
                raise ValueError("larger than any list of places this app writes")
            entries = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
            log.warning("Ignoring the reading places file %s (%s).", path, error)
            return {}
        places: dict[tuple[str, str], int] = {}
        if not isinstance(entries, list):
            log.warning("Ignoring the reading places file %s: it is not a list.", path)
            return places
        for entry in entries[-MAX_PLACES:]:
            if (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str)
                    and isinstance(entry[1], str) and isinstance(entry[2], int) and not isinstance(entry[2], bool)
                    and 0 <= entry[2] < 2**31):
                places[(entry[0], entry[1])] = entry[2]
        return places

    @staticmethod
    def _key(project_path: str | Path, chapter_file: str) -> tuple[str, str]:
        return absolute_path(project_path), chapter_file

    def get(self, project_path: str | Path, chapter_file: str) -> int | None:
        """The cursor position last left in this chapter, or None."""
        return self._loaded().get(self._key(project_path, chapter_file))

    def remember(self, project_path: str | Path, chapter_file: str, position: int) -> None:
        """Note where the cursor is in a chapter (most recent last; the oldest beyond the bound are dropped)."""
        places = self._loaded()
        key = self._key(project_path, chapter_file)
        if places.get(key) == position and next(reversed(places)) == key:
            return
        places.pop(key, None)
        places[key] = max(0, int(position))
        while len(places) > MAX_PLACES:
            del places[next(iter(places))]
        self._dirty = True

    def save(self) -> None:
        """Write the places if they changed (atomically; a failure is only logged)."""
        if not self._dirty or self._places is None:
            return
        from writer_app.core.storage import atomic_write_text

        entries = [[project, chapter, position] for (project, chapter), position in self._places.items()]
        try:
            atomic_write_text(self._file(), json.dumps(entries, ensure_ascii=False) + "\n")
        except (OSError, WriterAppError) as error:
            log.warning("The reading places were not saved: %s", error)
            return
        self._dirty = False
