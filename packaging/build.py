#!/usr/bin/env python3
"""Build writer-app's distributable artifacts: a wheel and an sdist, and the PyInstaller one-folder build.

Run it through ``python3 dev.py build`` (which prepares ``.venv`` with ``build`` and ``pyinstaller``), or with
any interpreter that has the project's dependencies, ``build`` and ``pyinstaller`` installed::

    python packaging/build.py [--out DIR] [--no-wheel] [--no-standalone] [--measure]

Everything goes to ``dist/`` (PyInstaller's intermediate files to ``build/pyinstaller``), and the sizes are
printed. ``--measure`` also prints the start-to-window time of the standalone build beside the same from the
current interpreter (both offscreen, each in a fresh temporary home, median of three runs).

The tests in ``tests/packaging/`` import this file (by path: the folder is not a Python package) and reuse its
functions, so the command and the tests build the same way.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

log = logging.getLogger("writer_app.packaging.build")

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "writer-app.spec"
APP_NAME = "writer-app"
SIZE_LIMIT_MB = 250  # unpacked standalone folder
QUIT_AFTER_VARIABLE = "WRITER_APP_QUIT_AFTER_MS"  # writer_app.app.QUIT_AFTER_VARIABLE


class BuildError(RuntimeError):
    """A build step failed; the message names the step and ends with its output."""


def _run(step: str, command: Sequence[str], cwd: Path, timeout: float) -> str:
    """Run one build step, returning its combined output or raising BuildError with it."""
    log.info("%s: %s", step, " ".join(command))
    run = subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, timeout=timeout)
    output = run.stdout + run.stderr
    if run.returncode != 0:
        raise BuildError(f"{step} failed (exit {run.returncode}):\n{output[-4000:]}")
    return output


def precompile_data(python: str = sys.executable) -> str:
    """Rebuild the data that ships precompiled in ``resources/compiled/`` from its sources: the bundled rules,
    the word frequencies, the British-only spellings, the lexicon and the far-off suggestion index."""
    rules = _run("precompile the bundled rules", [python, "-m", "writer_app.grammar.rule_cache"], ROOT, 600)
    frequencies = _run("precompile the word frequencies", [python, "-m", "writer_app.grammar.frequency_cache"],
                       ROOT, 600)
    british = _run("precompile the British-only spellings", [python, "-m", "writer_app.grammar.british_words"],
                   ROOT, 900)
    lexicon = _run("precompile the lexicon", [python, "-m", "writer_app.grammar.lexicon_cache"], ROOT, 600)
    # after the frequencies and the word lists it reads (the en_US forms)
    far = _run("precompile the far-off suggestion index", [python, "-m", "writer_app.grammar.far_index"], ROOT, 600)
    return rules + frequencies + british + lexicon + far


def build_wheel_and_sdist(out: Path, python: str = sys.executable) -> tuple[Path, Path, str]:
    """Build the wheel and the sdist into ``out`` with ``python -m build``; return both paths and the log."""
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("writer_app-*.whl"), *out.glob("writer_app-*.tar.gz")]:
        old.unlink()
    output = _run("python -m build", [python, "-m", "build", "--outdir", str(out), str(ROOT)], ROOT, 900)
    wheels, sdists = list(out.glob("writer_app-*.whl")), list(out.glob("writer_app-*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        raise BuildError(f"python -m build made {wheels + sdists} instead of one wheel and one sdist")
    return wheels[0], sdists[0], output


def build_standalone(dist: Path, work: Path, python: str = sys.executable) -> Path:
    """Build the PyInstaller one-folder app into ``dist/writer-app`` and return that folder."""
    command = [python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    _run("PyInstaller", command, ROOT, 1800)
    folder = dist / APP_NAME
    if not standalone_executable(folder).is_file():
        raise BuildError(f"PyInstaller finished but {standalone_executable(folder)} is missing")
    return folder


def standalone_executable(folder: Path, console: bool = True) -> Path:
    """The launcher inside a built folder (the console one on Windows, where the GUI one has no stdout)."""
    name = f"{APP_NAME}-cli" if console and os.name == "nt" else APP_NAME
    return folder / (name + (".exe" if os.name == "nt" else ""))


def folder_size(path: Path) -> int:
    """Bytes taken by every file under ``path`` (a file: its own size)."""
    if path.is_file():
        return path.stat().st_size
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file() and not item.is_symlink())


def megabytes(size: int) -> str:
    """``size`` bytes as ``"12.3 MB"`` (10^6 bytes)."""
    return f"{size / 1e6:.1f} MB"


def clean_environment(home: Path, extra: Mapping[str, str] | None = None, path: str = "") -> dict[str, str]:
    """A minimal environment: ``home`` as HOME, Qt offscreen, and ``path`` (by default empty) as PATH."""
    env = {"HOME": str(home), "PATH": path, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    env.update(extra or {})
    return env


def startup_seconds(command: Sequence[str], env: Mapping[str, str], runs: int = 3) -> float:
    """Median seconds from start to the editor's window shown and closed again (quit-after 0), fresh home."""
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="writer-app-start-") as home:
            run_env = dict(env, HOME=home, **{QUIT_AFTER_VARIABLE: "0"})
            for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
                run_env.pop(variable, None)
            started = time.perf_counter()
            run = subprocess.run(list(command), cwd=home, env=run_env, capture_output=True, text=True, timeout=120)
            samples.append(time.perf_counter() - started)
            if run.returncode != 0:
                raise BuildError(f"{' '.join(command)} exited {run.returncode}:\n{run.stderr[-2000:]}")
    return statistics.median(samples)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the requested artifacts and print their sizes (and start-up times with ``--measure``)."""
    parser = argparse.ArgumentParser(prog="dev.py build", description="Build writer-app's artifacts.")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where artifacts go (default: dist/)")
    parser.add_argument("--no-wheel", action="store_true", help="skip the wheel and sdist")
    parser.add_argument("--no-standalone", action="store_true", help="skip the PyInstaller build")
    parser.add_argument("--measure", action="store_true", help="print start-to-window times")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        if not (args.no_wheel and args.no_standalone):
            precompile_data()
            print("precompiled: resources/compiled/rules.pickle rebuilt from resources/rules/")
        if not args.no_wheel:
            started = time.perf_counter()
            wheel, sdist, _ = build_wheel_and_sdist(args.out)
            print(f"wheel:      {wheel}  {megabytes(folder_size(wheel))}")
            print(f"sdist:      {sdist}  {megabytes(folder_size(sdist))}  "
                  f"({time.perf_counter() - started:.0f} s for both)")
        if not args.no_standalone:
            started = time.perf_counter()
            folder = build_standalone(args.out, ROOT / "build" / "pyinstaller")
            size = folder_size(folder)
            print(f"standalone: {folder}  {megabytes(size)} unpacked (limit {SIZE_LIMIT_MB} MB), "
                  f"built in {time.perf_counter() - started:.0f} s")
            if args.measure:
                with tempfile.TemporaryDirectory() as empty_bin:  # PATH without Python, as on a writer's machine
                    env = clean_environment(Path(empty_bin), path=empty_bin)
                    frozen = startup_seconds([str(standalone_executable(folder))], env)
                env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
                from_venv = startup_seconds([sys.executable, "-m", "writer_app"], env)
                print(f"start to window (offscreen, median of 3): standalone {frozen:.2f} s, "
                      f"venv {from_venv:.2f} s")
    except BuildError as error:
        print(f"build: {error}", file=sys.stderr)
        return 2
    except subprocess.TimeoutExpired as error:
        print(f"build: {' '.join(map(str, error.cmd))} took longer than {error.timeout:.0f} s", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
