"""Errors raised by the manuscript model; each message is one clear sentence for the writer."""

from __future__ import annotations

from pathlib import Path

from writer_app.errors import WriterAppError


class ProjectError(WriterAppError):
    """A project or manuscript file cannot be opened, read or changed as asked."""


class CorruptProjectError(ProjectError):
    """``project.json`` is not valid JSON or does not have the expected shape."""

    def __init__(self, message: str, path: Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line


class UnsafePathError(ProjectError):
    """A chapter path in the manifest points outside the project folder."""


class EncodingError(ProjectError):
    """A text file is not valid UTF-8; ``.path`` names it so the writer can pick another encoding."""

    def __init__(self, message: str, path: Path, position: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.position = position


class BinaryFileError(ProjectError):
    """A file that should be text looks binary (NUL bytes or control characters)."""


class ExternalChangeError(ProjectError):
    """A chapter file changed on disk since the app last read or wrote it."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class SaveError(ProjectError):
    """Writing failed (disk full, read-only folder, permissions); the previous file is left untouched."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class ProjectLockedError(ProjectError):
    """Another running writer-app instance holds the project's lock (``info``: a ``LockInfo``, who and why)."""

    def __init__(self, message: str, owner: dict | None = None, info: object | None = None) -> None:
        super().__init__(message)
        self.owner = owner or {}
        self.info = info


class ReadOnlyProjectError(ProjectError):
    """A change was asked of a project opened read-only."""
