"""The one registry of export formats: every module in this package that defines ``FORMAT`` is a format.

Adding a format is adding one module with ``FORMAT = ExportFormat(...)`` whose ``write`` renders a
:class:`~writer_app.export.model.Manuscript` to a path.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from writer_app.export.errors import UnknownFormatError
from writer_app.export.model import Manuscript
from writer_app.export.progress import Progress

log = logging.getLogger(__name__)

WriteFunction = Callable[[Manuscript, Path, Progress], None]


@dataclass(frozen=True)
class ExportFormat:
    """One output format: its key (``--format``), label, file extension and the function that writes it."""

    key: str
    label: str
    extension: str
    write: WriteFunction
    order: int = 100
    supports_manuscript_format: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def file_filter(self) -> str:
        """A file-dialog filter such as ``"EPUB e-book (*.epub)"``."""
        return f"{self.label} (*{self.extension})"


_FORMATS: dict[str, ExportFormat] | None = None


def _discover() -> dict[str, ExportFormat]:
    import writer_app.export as package

    found: dict[str, ExportFormat] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        fmt = getattr(module, "FORMAT", None)
        if isinstance(fmt, ExportFormat):
            found[fmt.key] = fmt
    return dict(sorted(found.items(), key=lambda item: (item[1].order, item[0])))


def formats() -> list[ExportFormat]:
    """Return every available format in display order."""
    global _FORMATS
    if _FORMATS is None:
        _FORMATS = _discover()
        log.debug("export formats: %s", ", ".join(_FORMATS))
    return list(_FORMATS.values())


def format_keys() -> list[str]:
    """Return the ``--format`` names in display order."""
    return [f.key for f in formats()]


def get_format(key: str) -> ExportFormat:
    """Return the format named ``key`` (or one of its aliases); raise :class:`UnknownFormatError` otherwise."""
    wanted = key.lower().lstrip(".")
    for fmt in formats():
        if wanted == fmt.key or wanted in fmt.aliases:
            return fmt
    raise UnknownFormatError(f"Unknown export format {key!r}; choose one of {', '.join(format_keys())}.")


def format_for_path(path: Path) -> ExportFormat:
    """Return the format whose extension matches ``path``; raise :class:`UnknownFormatError` otherwise."""
    suffix = path.suffix.lower()
    for fmt in formats():
        if suffix == fmt.extension or suffix.lstrip(".") in fmt.aliases:
            return fmt
    raise UnknownFormatError(f"Cannot tell the export format from {path.name!r}; pass --format.")
