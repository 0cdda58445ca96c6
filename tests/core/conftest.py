"""Fixtures that build small projects on disk."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from writer_app.core.project import Project


def write_manifest(folder: Path, **overrides: object) -> Path:
    """Write a valid project.json (with overrides) and the chapter files it names; returns its path."""
    manifest: dict[str, object] = {
        "format_version": 1,
        "title": "Harbour",
        "author": "A. Writer",
        "language": "en-GB",
        "chapters": [
            {"id": "one", "title": "Arrival", "file": "chapters/one.md"},
            {"id": "two", "title": "Storm", "file": "chapters/two.md"},
        ],
    }
    manifest.update(overrides)
    (folder / "chapters").mkdir(parents=True, exist_ok=True)
    for name, text in (("one.md", "The ferry came in late.\n"), ("two.md", "Rain all night.\n")):
        (folder / "chapters" / name).write_text(text, encoding="utf-8")
    path = folder / "project.json"
    path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def project_folder(tmp_path: Path) -> Path:
    """A valid two-chapter project folder."""
    folder = tmp_path / "Harbour"
    folder.mkdir()
    write_manifest(folder)
    return folder


@pytest.fixture
def open_project(project_folder: Path) -> Callable[..., Project]:
    """Open the two-chapter project (closing every opened one at the end of the test)."""
    opened: list[Project] = []

    def opener(**kwargs: object) -> Project:
        project = Project.open(project_folder, **kwargs)  # type: ignore[arg-type]
        opened.append(project)
        return project

    yield opener
    for project in opened:
        project.close()
