"""Packaging: every package and the bundled resources ship in the wheel."""

from __future__ import annotations

import tomllib
from pathlib import Path

from writer_app.resources import resource_path, resources_dir

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "writer_app").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert "writer_app_resources" in listed


def test_bundled_resources_are_found() -> None:
    assert resources_dir().is_dir()
    for parts in (("rules", "confusables.toml"), ("sample", "project.json"), ("dictionaries", "en_US.dic"),
                  ("names", "first-names.txt")):
        assert resource_path(*parts).is_file(), parts
