"""Names for the temp files of atomic writes, and the clean-up of those an interrupted write left behind.

A temp file is named ``.writer-app-<host tag>-<pid>-<random>.<target name>.tmp``: the prefix is one no other
program uses, so the clean-up never touches another program's files, and the host and pid say who is writing
it. A temp file is stale (removed) when the process that wrote it is gone from this machine, or when it has
not been written to for ``older_than`` seconds (a writer on another machine, or a pid reused since).

Older versions named temp files ``.<target name>.<8 random characters>.tmp``. Such a name is removed only when
the caller can prove the target is one of its own files (``legacy`` says which target names are).
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from writer_app.core.process import host_tag, pid_alive

log = logging.getLogger(__name__)

TEMP_PREFIX = ".writer-app-"
TEMP_SUFFIX = ".tmp"
STALE_AFTER_SECONDS = 60.0
_TARGET_BYTES = 120

_CURRENT = re.compile(r"^\.writer-app-(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-[A-Za-z0-9_]{6,}\..*\.tmp$", re.DOTALL)
_LEGACY = re.compile(r"^\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp$", re.DOTALL)


def temp_affixes(target: Path) -> tuple[str, str]:
    """The ``(prefix, suffix)`` to give ``tempfile.mkstemp`` for a temp file that will replace ``target``."""
    name = target.name.encode("utf-8", "surrogateescape")[:_TARGET_BYTES].decode("utf-8", "ignore")
    return f"{TEMP_PREFIX}{host_tag()}-{os.getpid()}-", f".{name}{TEMP_SUFFIX}"


def is_temp_name(name: str) -> bool:
    """True for a temp file name this version of writer-app gives."""
    return _CURRENT.match(name) is not None


def _writer_gone(name: str) -> bool:
    match = _CURRENT.match(name)
    if match is None or match["host"] != host_tag():
        return False
    pid = int(match["pid"])
    return pid != os.getpid() and not pid_alive(pid)


def remove_stale_temp_files(folder: Path, older_than: float = STALE_AFTER_SECONDS,
                            legacy: Callable[[str], bool] | None = None) -> list[Path]:
    """Delete the stale temp files interrupted writes left in ``folder``; returns what was removed.

    ``legacy(target_name)`` says whether an old-style temp file for that target is certainly ours.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not name.endswith(TEMP_SUFFIX):
            continue
        if _CURRENT.match(name):
            gone = _writer_gone(name)
        else:
            match = _LEGACY.match(name)
            if match is None or legacy is None or not legacy(match["target"]):
                continue
            gone = False
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if gone or now - entry.stat(follow_symlinks=False).st_mtime >= older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    if removed:
        log.info("Removed %d leftover temp files in %s", len(removed), folder)
    return removed


def remove_stale_temp_files_below(root: Path, older_than: float = STALE_AFTER_SECONDS,
                                  legacy: Callable[[str], bool] | None = None) -> list[Path]:
    """``remove_stale_temp_files`` in ``root`` and every folder under it (symlinks not followed)."""
    removed: list[Path] = []
    for folder, _dirs, _files in os.walk(root):
        removed.extend(remove_stale_temp_files(Path(folder), older_than, legacy))
    return removed


def _settings_target(name: str) -> bool:
    return name in {"settings.json", "export.json", "personal-words.txt", "state.json"}


def _journal_target(name: str) -> bool:
    return name.endswith((".journal", ".json"))


def _backup_target(name: str) -> bool:
    return name.startswith("backup-") and name.endswith(".zip")


def remove_stale_temp_files_in_app_folders() -> list[Path]:
    """At start-up: clear stale temp files from the app's own folders (settings, journals, loose-file sidecars)."""
    from writer_app.settings import user_folder

    removed: list[Path] = []
    config, data = user_folder("config"), user_folder("data")
    removed += remove_stale_temp_files(config, legacy=_settings_target)
    removed += remove_stale_temp_files(data, legacy=_settings_target)
    removed += remove_stale_temp_files_below(data / "recovery", legacy=_journal_target)
    removed += remove_stale_temp_files_below(data / "loose-files",
                                             legacy=lambda name: _settings_target(name) or _backup_target(name))
    return removed
