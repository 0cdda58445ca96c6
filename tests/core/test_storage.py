"""Atomic writes: complete or untouched, clear errors on a full disk or a read-only folder, crash-proof."""

from __future__ import annotations

import errno
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from writer_app.core import storage
from writer_app.core.errors import SaveError
from writer_app.core.storage import atomic_write_bytes, atomic_write_text
from writer_app.core.tempfiles import is_temp_name

REPO = Path(__file__).resolve().parents[2]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_atomic_write_creates_and_replaces_a_file(tmp_path: Path) -> None:
    target = tmp_path / "chapter.md"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second — é 😀")
    assert target.read_text(encoding="utf-8") == "second — é 😀"
    assert _leftovers(tmp_path) == []


def test_atomic_write_keeps_the_file_permissions(tmp_path: Path) -> None:
    target = tmp_path / "chapter.md"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write_text(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_full_disk_leaves_the_original_intact_and_no_temp_file(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "chapter.md"
    target.write_text("the previous version")

    def half_then_full(fd: int, data: bytes) -> None:
        os.write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "_write_all", half_then_full)
    with pytest.raises(SaveError) as caught:
        atomic_write_text(target, "a much longer new version " * 100)
    message = str(caught.value)
    assert "disk is full" in message and "chapter.md" in message
    assert message.count(".") == 2 and "\n" not in message  # one sentence ("chapter.md" has a dot)
    assert target.read_text() == "the previous version"
    assert _leftovers(tmp_path) == []


def test_full_disk_during_fsync_is_reported_the_same_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("kept")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", no_space)
    with pytest.raises(SaveError, match="disk is full"):
        atomic_write_text(target, "lost?")
    assert target.read_text() == "kept"
    assert _leftovers(tmp_path) == []


def test_read_only_folder_gives_one_clear_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "chapter.md"
    target.write_text("kept")

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))

    # Root ignores permission bits, so simulate the refusal the OS gives in a read-only folder.
    monkeypatch.setattr(storage.tempfile, "mkstemp", refuse)
    with pytest.raises(SaveError) as caught:
        atomic_write_text(target, "new")
    assert "read-only or not writable" in str(caught.value)
    assert caught.value.path == target
    assert target.read_text() == "kept"


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root (or Windows) ignores folder permissions")
def test_real_read_only_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "chapter.md"
    target.write_text("kept")
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(SaveError, match="read-only"):
            atomic_write_text(target, "new")
    finally:
        tmp_path.chmod(0o755)
    assert target.read_text() == "kept"


def test_failed_replace_removes_the_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "chapter.md"
    target.write_text("kept")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(storage.os, "replace", broken_replace)
    with pytest.raises(SaveError, match="Input/output error"):
        atomic_write_bytes(target, b"new")
    assert target.read_text() == "kept"
    assert _leftovers(tmp_path) == []


def test_temp_files_carry_a_name_no_other_program_uses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spying_replace(src: str, dst: str) -> None:
        seen.append(os.path.basename(src))
        real_replace(src, dst)

    monkeypatch.setattr(storage.os, "replace", spying_replace)
    atomic_write_text(tmp_path / "chapter.md", "text")
    assert len(seen) == 1 and seen[0].startswith(".writer-app-") and seen[0].endswith(".chapter.md.tmp")
    assert is_temp_name(seen[0])


def test_a_long_file_name_still_gives_a_temp_name_the_disk_accepts(tmp_path: Path) -> None:
    target = tmp_path / ("é" * 120 + ".md")  # 241 bytes: a temp name repeating it whole would be too long
    atomic_write_text(target, "text")
    assert target.read_text(encoding="utf-8") == "text"


# -------------------------------------------------------------------------------------------------------------
# A child process writes versions in a loop and dies mid-save; the file must always be one whole version.

CHILD = textwrap.dedent(
    """
    import os, sys
    from writer_app.core import storage

    def content(i):
        size = 40_000 + (i * 7919) % 600_000
        return f"BEGIN {i}\\n" + (f"{i:08d}" * (size // 8)) + f"\\nEND {i}\\n"

    target, die_at = sys.argv[1], int(sys.argv[2])
    if die_at >= 0:
        real = storage._write_all
        def dying_write(fd, data):
            if data.startswith(f"BEGIN {die_at}\\n".encode()):
                os.write(fd, data[: len(data) // 3])
                os._exit(3)  # killed in the middle of writing the temp file
            real(fd, data)
        storage._write_all = dying_write
    i = 0
    while True:
        storage.atomic_write_text(target, content(i))
        print(i, flush=True)
        i += 1
    """
)


def _expected(i: int) -> str:
    size = 40_000 + (i * 7919) % 600_000
    return f"BEGIN {i}\n" + (f"{i:08d}" * (size // 8)) + f"\nEND {i}\n"


def _assert_one_whole_version(target: Path, at_least: int) -> int:
    text = target.read_text(encoding="utf-8")
    first_line = text.split("\n", 1)[0]
    assert first_line.startswith("BEGIN ")
    version = int(first_line.split()[1])
    assert version >= at_least
    assert text == _expected(version), "the file is truncated or mixes two versions"
    return version


def _child(target: Path, die_at: int) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(target), str(die_at)],
        stdout=subprocess.PIPE, text=True, env=env,
    )


def test_process_exiting_mid_write_leaves_the_previous_version(tmp_path: Path) -> None:
    target = tmp_path / "chapter.md"
    die_at = random.randint(2, 8)
    child = _child(target, die_at)
    assert child.wait(timeout=60) == 3
    child.stdout.close()  # type: ignore[union-attr]
    assert _assert_one_whole_version(target, 0) == die_at - 1


# Killed at random moments while saving chapters, project.json and journal entries: see test_kill.py.
