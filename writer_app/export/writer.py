"""Export a project: build the manuscript, render it to a temporary file beside the target, move it in place."""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from writer_app.export.errors import ExportCancelled, ExportError, UnsafeExportTargetError
from writer_app.export.model import ExportOptions, Manuscript, build_manuscript
from writer_app.export.progress import Progress, ProgressCallback
from writer_app.export.registry import ExportFormat, get_format

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportResult:
    """What an export produced."""

    path: Path
    format: str
    chapters: int
    words: int
    seconds: float


def _chapter_path(project: Any, chapter: Any) -> Path:
    if hasattr(project, "chapter_path"):
        return Path(project.chapter_path(chapter))
    return Path(project.path) / chapter.file


def protected_paths(project: Any) -> set[Path]:
    """Return the files an export must never overwrite: project.json, every chapter file, a loose draft."""
    root = Path(project.path)
    paths: set[Path] = set()
    if getattr(project, "is_loose_file", False) or root.is_file():
        paths.add(root.resolve())
        return paths
    paths.add((root / "project.json").resolve())
    for chapter in project.chapters:
        try:
            paths.add(_chapter_path(project, chapter).resolve())
        except Exception:  # a malformed chapter entry must not make the check itself fail
            log.debug("cannot resolve the path of chapter %r", getattr(chapter, "id", chapter))
    return paths


def check_target(project: Any, target: Path) -> Path:
    """Return the resolved target, or raise if it is a folder, has no folder, or is one of the project's files."""
    resolved = Path(target).expanduser().resolve()
    if resolved in protected_paths(project):
        raise UnsafeExportTargetError(
            f"Refusing to export over the project's own file {resolved.name}; choose another file name."
        )
    root = Path(project.path).resolve()
    if root.is_dir() and (root / "chapters") in resolved.parents:
        raise UnsafeExportTargetError(
            f"Refusing to export into the project's chapters folder ({resolved.name}); choose another folder."
        )
    if resolved.is_dir():
        raise ExportError(f"{resolved} is a folder; choose a file name to export to.")
    if not resolved.parent.is_dir():
        raise ExportError(f"The folder {resolved.parent} does not exist; choose an existing folder.")
    return resolved


def write_manuscript(manuscript: Manuscript, fmt: ExportFormat, target: Path, progress: Progress) -> None:
    """Render ``manuscript`` to a temporary file in ``target``'s folder, then atomically replace ``target``."""
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=f".partial{fmt.extension}",
                                             dir=target.parent)
    except OSError as error:
        raise ExportError(f"Cannot write in {target.parent}: {error.strerror or error}.") from error
    os.close(handle)
    temp = Path(temp_name)
    try:
        fmt.write(manuscript, temp, progress)
        progress.check()
        with open(temp, "rb+") as stream:
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except OSError as error:
        raise ExportError(f"Could not write {target.name}: {error.strerror or error}.") from error
    finally:
        if temp.exists():
            try:
                temp.unlink()
            except OSError:
                log.warning("could not remove the temporary export file %s", temp)


def export_project(
    project: Any,
    options: ExportOptions,
    target: Path | str,
    *,
    read: Callable[[Any], str] | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> ExportResult:
    """Export ``project`` with ``options`` to ``target``; ``on_progress(fraction, message)``; set ``cancel`` to stop."""
    started = time.perf_counter()
    fmt = get_format(options.format)
    resolved = check_target(project, Path(target))
    progress = Progress(on_progress, cancel)
    progress.report(0.0, "Reading chapters…")
    manuscript = build_manuscript(project, options, read=read, progress=progress.stage(0.0, 0.2))
    write_manuscript(manuscript, fmt, resolved, progress.stage(0.2, 1.0))
    progress.report(1.0, "Done")
    seconds = time.perf_counter() - started
    log.info("exported %d chapters to %s in %.2f s", len(manuscript.chapters), resolved, seconds)
    return ExportResult(resolved, fmt.key, len(manuscript.chapters), manuscript.word_count, seconds)


__all__ = ["ExportCancelled", "ExportResult", "check_target", "export_project", "protected_paths", "write_manuscript"]
