"""The PyInstaller one-folder build: built once, installed read-only, it runs with no Python on PATH."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.packaging import smoke
from tests.packaging.conftest import BUILD_TIMEOUT_S, build_script

pytestmark = [pytest.mark.packaging, pytest.mark.timeout(BUILD_TIMEOUT_S)]

UNUSED_QT = ("WebEngine", "Quick", "Qml", "Multimedia", "Qt63D", "Pdf", "VirtualKeyboard", "Designer")
NOBODY = "65534"


def _make_read_only(folder: Path) -> None:
    """Take write permission off every folder and file under ``folder``, as a system-wide install has it."""
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


@pytest.fixture(scope="module")
def standalone(scratch: Callable[[str], Path]) -> Path:
    """The one-folder build (one PyInstaller run for the whole module), made read-only like an install."""
    folder = build_script.build_standalone(scratch("standalone-dist"), scratch("standalone-work"))
    _make_read_only(folder)
    return folder


@pytest.fixture
def frozen_run(standalone: Path, scratch) -> tuple[list[str], dict[str, str], Path]:
    """The launcher, a clean environment (fresh home, PATH with no Python) and a read-only current folder."""
    empty_bin = scratch("empty-bin")
    assert shutil.which("python3", path=str(empty_bin)) is None and shutil.which("python", path=str(empty_bin)) is None
    env = build_script.clean_environment(scratch("home"), path=str(empty_bin))
    return [str(build_script.standalone_executable(standalone))], env, standalone


def test_the_standalone_folder_stays_under_250_mb(standalone: Path) -> None:
    size = build_script.folder_size(standalone)
    assert size <= build_script.SIZE_LIMIT_MB * 1_000_000, f"{build_script.megabytes(size)} unpacked"


def test_the_standalone_folder_leaves_out_unused_qt_modules_but_keeps_qtcharts(standalone: Path) -> None:
    names = [path.name for path in standalone.rglob("*")]
    assert [name for name in names if any(part in name for part in UNUSED_QT)] == []
    assert any("Qt6Charts" in name or name.startswith("QtCharts") for name in names)
    assert (standalone / "_internal" / "resources" / "rules").is_dir()


def test_the_standalone_build_prints_its_version(frozen_run) -> None:
    smoke.assert_version(*frozen_run)


def test_the_standalone_build_checks_a_draft_and_reports_the_slip(frozen_run, scratch) -> None:
    smoke.assert_check_reports_the_slip(*frozen_run, smoke.write_slip(scratch("draft")))


def test_the_standalone_build_exports_docx_and_epub(frozen_run, scratch) -> None:
    out = scratch("export")
    smoke.assert_exports(*frozen_run, smoke.write_slip(out), out)


def test_the_standalone_build_opens_the_editor_offscreen_and_quits_on_its_timer(frozen_run) -> None:
    command, env, cwd = frozen_run
    smoke.assert_gui_starts_and_quits(command, env, cwd, Path(env["HOME"]))


# Bad input: no writable home. As root (CI) the app runs as "nobody", for whom permissions hold; HOME unset
# is only tried then, because for any other user it would fall back to that user's real home folder.


def _unprivileged(command: list[str]) -> list[str]:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv (util-linux) to drop privileges")
        return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    return command


def _home_cases(scratch) -> dict[str, dict[str, str]]:
    read_only_home = scratch("read-only-home")
    read_only_home.chmod(0o555)
    cases = {"read-only HOME": {"HOME": str(read_only_home)}}
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cases["HOME unset"] = {}
    return cases


@pytest.mark.parametrize("case", ["read-only HOME", "HOME unset"])
def test_without_a_writable_home_check_works_or_says_so_in_one_sentence(frozen_run, scratch, case: str) -> None:
    command, env, cwd = frozen_run
    cases = _home_cases(scratch)
    if case not in cases:
        pytest.skip("HOME unset is only tried as root, which can run the app as an unprivileged user")
    draft = smoke.write_slip(scratch("draft"))
    run_env = {key: value for key, value in env.items() if key != "HOME"} | cases[case]
    run = smoke.run_app(_unprivileged(command), "check", str(draft), env=run_env, cwd=cwd)
    if run.returncode == 1:
        assert "[COULD_OF]" in run.stdout, run.stdout + run.stderr
    else:
        assert run.returncode == 2, run.stderr
        said = [line for line in run.stderr.splitlines() if line and not line.startswith(("WARNING ", "ERROR "))]
        assert len(said) == 1 and said[0].startswith("writer-app: ") and "HOME" in said[0], run.stderr
    assert "Traceback" not in run.stderr, run.stderr


@pytest.mark.parametrize("case", ["read-only HOME", "HOME unset"])
def test_without_a_writable_home_the_editor_still_starts_and_quits(frozen_run, scratch, case: str) -> None:
    command, env, cwd = frozen_run
    cases = _home_cases(scratch)
    if case not in cases:
        pytest.skip("HOME unset is only tried as root, which can run the app as an unprivileged user")
    run_env = {key: value for key, value in env.items() if key != "HOME"} | cases[case] | smoke.QUIT_AFTER
    run = smoke.run_app(_unprivileged(command), env=run_env, cwd=cwd)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "unhandled exception" not in run.stderr and "Failed to execute script" not in run.stderr


def test_the_read_only_install_is_not_written_to(frozen_run, scratch) -> None:
    command, env, cwd = frozen_run
    before = sorted((p.relative_to(cwd).as_posix(), p.stat().st_size) for p in cwd.rglob("*") if p.is_file())
    writable_home = scratch("nobody-home")
    writable_home.chmod(0o777)
    run = smoke.run_app(_unprivileged(command), env=dict(env, HOME=str(writable_home), **smoke.QUIT_AFTER),
                        cwd=cwd)
    assert run.returncode == 0, run.stderr[-3000:]
    assert list(writable_home.rglob("project.json")), "the editor did not open the sample project"
    after = sorted((p.relative_to(cwd).as_posix(), p.stat().st_size) for p in cwd.rglob("*") if p.is_file())
    assert after == before
