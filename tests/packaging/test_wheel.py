"""The wheel: every module and resource ships, it builds cleanly, and installed in a fresh venv the app runs."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from tests.packaging import smoke
from tests.packaging.conftest import BUILD_TIMEOUT_S, ROOT, build_script
from writer_app.resources import resource_path, resources_dir


def test_bundled_resources_are_found() -> None:
    assert resources_dir().is_dir()
    for parts in (("rules", "confusables.toml"), ("sample", "project.json"), ("dictionaries", "en_US.dic"),
                  ("names", "first-names.txt")):
        assert resource_path(*parts).is_file(), parts


def _repository_files(folder: str, pattern: str = "*") -> set[str]:
    base = ROOT / folder
    return {path.relative_to(base).as_posix() for path in base.rglob(pattern)
            if path.is_file() and "__pycache__" not in path.parts}


@pytest.mark.packaging
@pytest.mark.timeout(BUILD_TIMEOUT_S)
def test_the_wheel_builds_without_package_would_be_ignored_warnings(wheel_and_sdist) -> None:
    *_, output = wheel_and_sdist
    assert "would be ignored" not in output.lower()


@pytest.mark.packaging
@pytest.mark.timeout(BUILD_TIMEOUT_S)
def test_the_wheel_holds_every_resource_file_and_every_module(wheel_and_sdist) -> None:
    wheel, _, _ = wheel_and_sdist
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = {"writer_app_resources/" + name for name in _repository_files("resources")}
    modules = {"writer_app/" + name for name in _repository_files("writer_app", "*.py")}
    assert {"rules", "dictionaries", "names", "sample", "icons", "frequency"} <= {
        name.split("/")[1] for name in resources}
    assert resources - names == set(), "resources missing from the wheel"
    assert modules - names == set(), "modules missing from the wheel"


@pytest.mark.packaging
@pytest.mark.timeout(BUILD_TIMEOUT_S)
def test_the_sdist_holds_every_resource_file(wheel_and_sdist) -> None:
    _, sdist, _ = wheel_and_sdist
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"resources/" + name for name in _repository_files("resources")} - names == set()


@pytest.fixture(scope="module")
def wheel_venv(wheel_and_sdist, scratch) -> Path:
    """A fresh venv with only the wheel and its dependencies (from the package index) installed."""
    wheel, _, _ = wheel_and_sdist
    folder = scratch("wheel-venv")
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}  # no checkout
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                              str(wheel)], capture_output=True, text=True, timeout=900, cwd=folder, env=env)
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    return folder


@pytest.fixture
def venv_run(wheel_venv: Path, scratch) -> tuple[list[str], dict[str, str], Path]:
    """The venv's ``writer-app`` command, a clean environment with a fresh home, and a working folder."""
    scripts = wheel_venv / ("Scripts" if os.name == "nt" else "bin")
    home, work = scratch("home"), scratch("work")
    env = build_script.clean_environment(home, path=str(scripts) + os.pathsep + os.defpath)
    if sys.platform == "win32":  # pragma: no cover - Windows needs its system folder
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
    return [str(scripts / "writer-app")], env, work


@pytest.mark.packaging
@pytest.mark.timeout(BUILD_TIMEOUT_S)
def test_the_installed_wheel_is_not_the_checkout(wheel_venv: Path) -> None:
    python = wheel_venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    where = subprocess.run([str(python), "-c", "import writer_app.resources as r; print(r.resources_dir())"],
                           capture_output=True, text=True, cwd=wheel_venv, timeout=120, env={})
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(wheel_venv)


@pytest.mark.packaging
@pytest.mark.timeout(BUILD_TIMEOUT_S)
def test_the_installed_wheel_prints_its_version(venv_run) -> None:
    command, env, work = venv_run
    smoke.assert_version(command, env, work)


@pytest.mark.packaging
@pytest.mark.timeout(BUILD_TIMEOUT_S)
def test_the_installed_wheel_checks_a_draft_and_reports_the_slip(venv_run) -> None:
    command, env, work = venv_run
    smoke.assert_check_reports_the_slip(command, env, work, smoke.write_slip(work))


@pytest.mark.packaging
@pytest.mark.timeout(BUILD_TIMEOUT_S)
def test_the_installed_wheel_exports_docx_and_epub(venv_run) -> None:
    command, env, work = venv_run
    smoke.assert_exports(command, env, work, smoke.write_slip(work), work)


@pytest.mark.packaging
@pytest.mark.timeout(BUILD_TIMEOUT_S)
def test_the_installed_wheel_opens_the_editor_offscreen_and_quits_on_its_timer(venv_run) -> None:
    command, env, work = venv_run
    smoke.assert_gui_starts_and_quits(command, env, work, Path(env["HOME"]))
