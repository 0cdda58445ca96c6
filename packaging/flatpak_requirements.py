#!/usr/bin/env python3
"""Write ``packaging/python3-requirements.json``: the Flatpak modules for writer-app's Python dependencies.

Flatpak builds have no network, so every file pip needs is listed with its URL and sha256, in the layout
flatpak-pip-generator (flatpak-builder-tools) produces: one module per dependency of ``pyproject.toml``
(PySide6 excepted: ``io.qt.PySide.BaseApp`` provides it), holding that dependency and everything it pulls in.

    python packaging/flatpak_requirements.py        # needs pip and the package index (pypi.org)

pip resolves the versions (on this interpreter; the KDE 6.8 runtime has Python 3.12); the files and their
hashes come from PyPI's simple index. A pure-Python wheel is used where there is one, else the manylinux
wheels for CPython 3.12 on x86_64 and aarch64 (each limited to its architecture), else the source archive.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import tomllib
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "packaging" / "python3-requirements.json"
INDEX = "https://pypi.org/simple"
PROVIDED_BY_RUNTIME = {"pyside6"}  # io.qt.PySide.BaseApp
PYTHON_TAG = "cp312"
ARCHES = {"x86_64": "x86_64", "aarch64": "aarch64"}  # Flatpak arch -> wheel platform suffix
INSTALL = ('pip3 install --verbose --exists-action=i --no-index --find-links="file://${PWD}" '
           '--prefix=${FLATPAK_DEST} "%s" --no-build-isolation')


def normalise(name: str) -> str:
    """PEP 503 name: lower case, runs of ``-_.`` as one ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    """The distribution name at the start of a PEP 508 requirement."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    if match is None:
        raise ValueError(f"not a requirement: {requirement!r}")
    return normalise(match.group(1))


def runtime_requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """``[project] dependencies`` that the Flatpak must bring itself (all but those the runtime provides)."""
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    return [item for item in dependencies if requirement_name(item) not in PROVIDED_BY_RUNTIME]


def resolve(requirement: str) -> list[tuple[str, str]]:
    """(name, version) of ``requirement`` and all it pulls in, as pip would install them today."""
    with tempfile.TemporaryDirectory() as temp:
        report = Path(temp) / "report.json"
        subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
                        "--report", str(report), requirement], check=True)
        installs = json.loads(report.read_text(encoding="utf-8"))["install"]
    return sorted((normalise(item["metadata"]["name"]), item["metadata"]["version"]) for item in installs)


def index_files(name: str) -> list[dict]:
    """The files PyPI's simple index lists for ``name`` (PEP 691 JSON)."""
    request = urllib.request.Request(f"{INDEX}/{name}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return [item for item in json.load(response)["files"] if not item.get("yanked")]


def _source(item: dict, arch: str | None = None) -> dict:
    source = {"type": "file", "url": item["url"], "sha256": item["hashes"]["sha256"]}
    if arch:
        source["only-arches"] = [arch]
    return source


def name_and_version(filename: str) -> tuple[str, str]:
    """The normalised project name and the version in a wheel or sdist file name."""
    if filename.endswith(".whl"):
        name, version = filename[: -len(".whl")].split("-")[:2]
    else:
        name, version = re.sub(r"\.(tar\.gz|zip|tar\.bz2)$", "", filename).rsplit("-", 1)
    return normalise(name), version


def sources_for(name: str, version: str) -> list[dict]:
    """Flatpak sources for one pinned distribution: a pure wheel, per-arch wheels, or the sdist."""
    files = [item for item in index_files(name) if name_and_version(item["filename"]) == (normalise(name), version)]
    wheels = [item for item in files if item["filename"].endswith(".whl")]
    pure = [item for item in wheels if item["filename"].endswith(("-py3-none-any.whl", "-py2.py3-none-any.whl"))]
    if pure:
        return [_source(pure[0])]
    per_arch = []
    for arch, suffix in ARCHES.items():
        fitting = [item for item in wheels if (f"-{PYTHON_TAG}-" in item["filename"] or "-abi3-" in item["filename"])
                   and "manylinux" in item["filename"] and item["filename"].endswith(f"_{suffix}.whl")]
        if fitting:
            per_arch.append(_source(sorted(fitting, key=lambda item: item["filename"])[-1], arch))
    if len(per_arch) == len(ARCHES):
        return per_arch
    sdists = [item for item in files if item["filename"].endswith((".tar.gz", ".zip"))]
    if not sdists:
        raise LookupError(f"no usable file for {name} {version} on {INDEX}")
    return [_source(sdists[0])]


def module_for(requirement: str) -> dict:
    """One flatpak-builder module installing ``requirement`` and its dependencies from pinned files."""
    name = requirement_name(requirement)
    sources = [source for dist, version in resolve(requirement) for source in sources_for(dist, version)]
    return {"name": f"python3-{name}", "buildsystem": "simple", "build-commands": [INSTALL % name],
            "sources": sources}


def main() -> int:
    """Resolve every runtime requirement and write the modules file."""
    modules = [module_for(requirement) for requirement in runtime_requirements()]
    document = {"name": "python3-requirements", "buildsystem": "simple", "build-commands": [], "modules": modules}
    OUTPUT.write_text(json.dumps(document, indent=4) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(modules)} modules, {sum(len(m['sources']) for m in modules)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
