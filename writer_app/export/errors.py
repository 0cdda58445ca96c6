"""Errors raised while exporting; each message is one sentence for the writer."""

from __future__ import annotations

from writer_app.errors import WriterAppError


class ExportError(WriterAppError):
    """An export could not be written."""


class ExportCancelled(ExportError):
    """The writer cancelled the export; nothing was written."""

    def __init__(self, message: str = "The export was cancelled; nothing was written.") -> None:
        super().__init__(message)


class UnsafeExportTargetError(ExportError):
    """The output path would overwrite the project's own files."""


class UnknownFormatError(ExportError):
    """No export format has the requested name."""
