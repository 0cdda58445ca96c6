#!/usr/bin/env python3
"""One-command setup for writer-app: ``python3 dev.py run`` launches the app, ``python3 dev.py test`` tests it,
``python3 dev.py build`` makes the wheel, the sdist and the standalone folder in ``dist/`` (see packaging/README.md).

Each command creates ``.venv`` beside this file on first use, installs the project into it (again only when
``pyproject.toml`` changes), then runs. Needs nothing but Python 3.11+ and access to PyPI.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"


def _venv_python() -> Path:
    """Return the interpreter inside the project's virtual environment."""
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def _ensure_environment(extra: str | None) -> Path:
    """Create the virtual environment and install the project (with an optional extra) when out of date."""
    python = _venv_python()
    if not python.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    stamp = VENV / f".installed-{extra or 'app'}-{digest}"
    if not stamp.exists():
        target = f".[{extra}]" if extra else "."
        print(f"Installing writer-app and its dependencies ({target}) ...", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", target], cwd=ROOT, check=True)
        for old in VENV.glob(f".installed-{extra or 'app'}-*"):
            old.unlink()
        stamp.touch()
    return python


def main(argv: list[str]) -> int:
    """Dispatch ``run``, ``test`` or ``build``; remaining arguments go to the app, pytest or the build script."""
    if not argv or argv[0] not in {"run", "test", "build"}:
        print(__doc__)
        print("usage: python3 dev.py run [PATH] | python3 dev.py test [pytest arguments] | "
              "python3 dev.py build [--no-wheel] [--no-standalone] [--measure] [--out DIR]")
        return 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        python = _ensure_environment(None)
        return subprocess.call([str(python), "-m", "writer_app", *rest], cwd=os.getcwd())
    if command == "build":
        python = _ensure_environment("build")
        return subprocess.call([str(python), str(ROOT / "packaging" / "build.py"), *rest], cwd=ROOT)
    python = _ensure_environment("test")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
