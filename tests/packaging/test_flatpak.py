"""The Flatpak's Python modules (packaging/python3-requirements.json) match pyproject.toml and are pinned."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.packaging.conftest import ROOT

pytestmark = pytest.mark.packaging

MANIFEST = ROOT / "packaging" / "io.github.writerapp.WriterApp.yml"
REQUIREMENTS = ROOT / "packaging" / "python3-requirements.json"


def _load_generator():
    spec = importlib.util.spec_from_file_location("writer_app_flatpak_requirements",
                                                  ROOT / "packaging" / "flatpak_requirements.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generator = _load_generator()


def _pyproject_requirements() -> list[Requirement]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [Requirement(item) for item in data["project"]["dependencies"]]


def _modules() -> list[dict]:
    return json.loads(REQUIREMENTS.read_text(encoding="utf-8"))["modules"]


def _pinned(module: dict) -> dict[str, str]:
    """Normalised name -> version of every file a module installs."""
    return dict(generator.name_and_version(source["url"].rsplit("/", 1)[1]) for source in module["sources"])


def test_every_runtime_dependency_but_pyside6_has_its_flatpak_module() -> None:
    wanted = {canonicalize_name(req.name) for req in _pyproject_requirements()} - {"pyside6"}
    assert {module["name"].removeprefix("python3-") for module in _modules()} == wanted
    assert "odfpy" in wanted


def test_pyside6_comes_from_the_pyside_base_app() -> None:
    manifest = MANIFEST.read_text(encoding="utf-8")
    assert re.search(r"^base: io\.qt\.PySide\.BaseApp$", manifest, re.MULTILINE)
    assert re.search(r"^runtime-version: '[\d.]+'$", manifest, re.MULTILINE)
    assert re.search(r"^base-version: '[\d.]+'$", manifest, re.MULTILINE)
    assert "python3-requirements.json" in manifest


def test_each_module_pins_a_version_its_pyproject_range_allows() -> None:
    requirements = {canonicalize_name(req.name): req for req in _pyproject_requirements()}
    for module in _modules():
        name = module["name"].removeprefix("python3-")
        version = _pinned(module)[name]
        assert requirements[name].specifier.contains(version, prereleases=True), (name, version)


def test_every_file_is_fetched_by_https_and_checked_by_sha256() -> None:
    for module in _modules():
        assert module["sources"], module["name"]
        for source in module["sources"]:
            assert source["type"] == "file" and source["url"].startswith("https://files.pythonhosted.org/")
            assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"]), source
        variants: dict[str, list[tuple[str, ...]]] = {}
        for source in module["sources"]:
            dist, _ = generator.name_and_version(source["url"].rsplit("/", 1)[1])
            variants.setdefault(dist, []).append(tuple(source.get("only-arches", ())))
        for dist, arches in variants.items():  # one file for all, or a compiled wheel for every architecture
            assert arches == [()] or sorted(arches) == [("aarch64",), ("x86_64",)], (dist, arches)


def test_the_install_command_names_its_own_module() -> None:
    for module in _modules():
        name = module["name"].removeprefix("python3-")
        assert module["build-commands"] == [generator.INSTALL % name]
        assert "--no-index" in module["build-commands"][0]
