"""Smoke checks run the same way against any built writer-app: the wheel's venv or the standalone folder."""

from __future__ import annotations

import subprocess
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from tests.packaging.conftest import SLIP

QUIT_AFTER = {"WRITER_APP_QUIT_AFTER_MS": "0"}


def run_app(command: Sequence[str], *args: str, env: Mapping[str, str], cwd: Path,
            timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run the built app with ``args`` and return the finished process (text output)."""
    return subprocess.run([*command, *args], env=dict(env), cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def write_slip(folder: Path) -> Path:
    """A loose draft with one known slip (*could of*)."""
    draft = folder / "slip.md"
    draft.write_text(SLIP, encoding="utf-8")
    return draft


def assert_version(command: Sequence[str], env: Mapping[str, str], cwd: Path) -> None:
    """``--version`` prints the package version and exits 0."""
    from writer_app import __version__

    run = run_app(command, "--version", env=env, cwd=cwd)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"writer-app {__version__}"


def assert_check_reports_the_slip(command: Sequence[str], env: Mapping[str, str], cwd: Path, draft: Path) -> None:
    """``check`` on the draft exits 1 and names the COULD_OF rule with its fix."""
    run = run_app(command, "check", str(draft), env=env, cwd=cwd)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "[COULD_OF] -> have" in run.stdout, run.stdout


def assert_exports(command: Sequence[str], env: Mapping[str, str], cwd: Path, draft: Path, out: Path) -> None:
    """``export`` writes a DOCX and an EPUB that are whole zip files with the draft's words inside."""
    for fmt, inner in (("docx", "word/document.xml"), ("epub", None)):
        target = out / f"slip.{fmt}"
        run = run_app(command, "export", str(draft), "--format", fmt, "-o", str(target), env=env, cwd=cwd)
        assert run.returncode == 0, run.stderr
        with zipfile.ZipFile(target) as archive:
            assert archive.testzip() is None
            names = archive.namelist()
            if inner:
                assert "gone home" in archive.read(inner).decode("utf-8")
            else:
                assert names[0] == "mimetype" and archive.read("mimetype") == b"application/epub+zip"
                assert any("gone home" in archive.read(n).decode("utf-8", "replace") for n in names
                           if n.endswith((".xhtml", ".html")))


def assert_gui_starts_and_quits(command: Sequence[str], env: Mapping[str, str], cwd: Path,
                                home: Path) -> None:
    """The editor opens offscreen (the sample project, copied into the home folder) and quits on its timer."""
    run = run_app(command, env=dict(env, **QUIT_AFTER), cwd=cwd)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert list(home.rglob("project.json")), "the editor did not copy the sample project into the home folder"
