"""The real user's writer-app folders, fingerprinted so the suite can prove it never touched them."""

from __future__ import annotations

import os
from pathlib import Path

import appdirs

APP_NAME = "writer-app"
# Where appdirs takes each folder from on Linux and other XDG systems (the log folder lives in the cache).
XDG_VARIABLES = {"config": "XDG_CONFIG_HOME", "data": "XDG_DATA_HOME", "cache": "XDG_CACHE_HOME"}

Snapshot = dict[str, dict[str, tuple[int, int] | None] | None]


def real_user_folders() -> dict[str, Path]:
    """The config, data, cache and log folders appdirs gives writer-app in the current environment."""
    lookups = {"config": appdirs.user_config_dir, "data": appdirs.user_data_dir,
               "cache": appdirs.user_cache_dir, "log": appdirs.user_log_dir}
    return {kind: Path(lookup(APP_NAME, appauthor=False)) for kind, lookup in lookups.items()}


def snapshot(folders: dict[str, Path]) -> Snapshot:
    """Names, sizes and modification times of everything in each folder (None for a missing folder)."""
    result: Snapshot = {}
    for kind, folder in folders.items():
        if not folder.is_dir():
            result[kind] = None
            continue
        entries: dict[str, tuple[int, int] | None] = {}
        for root, dirs, files in os.walk(folder):
            for name in dirs:
                entries[os.path.relpath(os.path.join(root, name), folder)] = None
            for name in files:
                path = os.path.join(root, name)
                try:
                    stat = os.stat(path, follow_symlinks=False)
                except OSError:
                    continue
                entries[os.path.relpath(path, folder)] = (stat.st_size, stat.st_mtime_ns)
        result[kind] = entries
    return result


def differences(folders: dict[str, Path], before: Snapshot, after: Snapshot) -> list[str]:
    """One line per change between two snapshots of the same folders (empty when nothing changed)."""
    changes: list[str] = []
    for kind, folder in folders.items():
        old, new = before.get(kind), after.get(kind)
        if old == new:
            continue
        if old is None:
            changes.append(f"{folder} was created")
            continue
        if new is None:
            changes.append(f"{folder} was removed")
            continue
        for name in sorted(set(old) | set(new)):
            if name not in new:
                changes.append(f"{folder / name} was removed")
            elif name not in old:
                changes.append(f"{folder / name} was created")
            elif old[name] != new[name]:
                changes.append(f"{folder / name} was changed")
    return changes
