"""Packaging: every package and every bundled resource ships in the wheel, built without setuptools warnings."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from writer_app.resources import resource_path, resources_dir

ROOT = Path(__file__).resolve().parents[1]


def test_bundled_resources_are_found() -> None:
    assert resources_dir().is_dir()
    for parts in (("rules", "confusables.toml"), ("sample", "project.json"), ("dictionaries", "en_US.dic"),
                  ("names", "first-names.txt")):
        assert resource_path(*parts).is_file(), parts


@pytest.fixture(scope="module")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Build the wheel once (pip fetches the build backend from the package index) and keep pip's output."""
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    wheels = list(out.glob("writer_app-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0], run.stdout + run.stderr


@pytest.mark.packaging
def test_the_wheel_builds_without_package_would_be_ignored_warnings(built_wheel) -> None:
    _, output = built_wheel
    assert "would be ignored" not in output.lower()


@pytest.mark.packaging
def test_the_wheel_holds_every_resource_file_and_every_module(built_wheel) -> None:
    wheel, _ = built_wheel
    names = set(zipfile.ZipFile(wheel).namelist())
    base = ROOT / "resources"
    resources = {
        "writer_app_resources/" + path.relative_to(base).as_posix()
        for path in base.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    modules = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "writer_app").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert resources - names == set(), "resources missing from the wheel"
    assert modules - names == set(), "modules missing from the wheel"
