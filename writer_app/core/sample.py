"""The bundled sample project, copied to a writable place the first time it is opened."""

from __future__ import annotations

import shutil
from pathlib import Path

from writer_app.core.manifest import MANIFEST_NAME


def sample_source() -> Path:
    """Return the read-only bundled sample project folder (``resources/sample``)."""
    from writer_app.resources import resource_path

    return resource_path("sample")


def ensure_sample_project(target: Path | None = None) -> Path:
    """Return a writable copy of the sample project (``data_dir()/sample/The Porch Light`` by default).

    The bundled copy may live in a read-only install, so the app opens this copy; an existing copy (maybe
    edited by the writer) is kept as it is.
    """
    if target is None:
        from writer_app.settings import data_dir

        target = data_dir() / "sample" / "The Porch Light"
    if not (target / MANIFEST_NAME).exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(sample_source(), target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".writer-app.lock", "backups"))
    return target
