"""The project lock: one writer-app instance writes a project; a lock left by a dead one is taken over.

The lock file ``.writer-app.lock`` is JSON: pid, host, user, time, and (where the system tells) the boot id
and the process start time, so a pid handed to another program after a crash or restart is recognised as a
stale lock. Lock files of older versions (pid, host, user, time only) still read.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from writer_app.core import process
from writer_app.core.errors import ProjectLockedError
from writer_app.core.tempfiles import temp_affixes

log = logging.getLogger(__name__)

LOCK_FILE_NAME = ".writer-app.lock"
_RACE_SECONDS = 5.0  # an unreadable lock younger than this may be one another instance is writing right now
_CLOCK_SLACK_SECONDS = 2.0
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS, errno.EMLINK}


@dataclass(frozen=True, slots=True)
class LockInfo:
    """Who holds a project's lock, and whether (and why) writer-app thinks that holder is gone."""

    path: Path
    pid: int | None = None
    host: str = ""
    user: str = ""
    started: str = ""  # when the lock was taken (ISO 8601), as recorded
    stale_reason: str = ""  # why the holder is certainly gone ("" when it may be running)
    doubt: str = ""  # why the holder may be gone, though writer-app cannot be sure ("" when sure either way)
    raw: bytes = b""

    @property
    def stale(self) -> bool:
        """True when the holder is certainly gone and the lock may be taken over without asking."""
        return bool(self.stale_reason)

    @property
    def other_host(self) -> bool:
        """True when the lock was taken on another computer."""
        return bool(self.host) and self.host != process.host_name()

    @property
    def may_open_anyway(self) -> bool:
        """True when the writer may reasonably choose to open the project anyway (say so with ``doubt``)."""
        return bool(self.doubt)

    def owner(self) -> dict:
        """The recorded fields as plain data (pid, host, user, time)."""
        return {"pid": self.pid, "host": self.host, "user": self.user, "time": self.started}


def _lock_record() -> bytes:
    pid = os.getpid()
    record: dict[str, object] = {
        "pid": pid,
        "host": process.host_name(),
        "user": os.environ.get("USER") or os.environ.get("USERNAME") or "",
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    boot, start = process.boot_id(), process.process_start(pid)
    if boot is not None:
        record["boot_id"] = boot
    if start is not None:
        record["process_start"] = start
    return json.dumps(record).encode("utf-8")


def _recorded_time(text: str) -> float | None:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def read_lock(path: Path) -> LockInfo | None:
    """Read and judge the lock file at ``path`` (None when there is none)."""
    try:
        raw = path.read_bytes()
        written = path.stat().st_mtime
        age = time.time() - written
    except FileNotFoundError:
        return None
    except OSError as error:
        return LockInfo(path, doubt=f"its lock file cannot be read ({error.strerror or error})")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        data = None
    if not isinstance(data, dict):
        if age > _RACE_SECONDS:
            return LockInfo(path, stale_reason="its lock file is damaged", raw=raw)
        return LockInfo(path, raw=raw)  # probably being written by an instance starting right now
    pid = data.get("pid")
    info = LockInfo(
        path,
        pid=pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
        host=str(data.get("host") or ""),
        user=str(data.get("user") or ""),
        started=str(data.get("time") or ""),
        raw=raw,
    )
    stale, doubt = _judge(info, data, written)
    return LockInfo(info.path, info.pid, info.host, info.user, info.started, stale, doubt, raw)


def _judge(info: LockInfo, data: dict, written: float) -> tuple[str, str]:
    """``(stale_reason, doubt)`` for a lock record whose file was last written at ``written`` (Unix time)."""
    if info.other_host:
        return "", (f"it was opened on another computer ({info.host}), and writer-app here cannot tell whether "
                    "it is still open there")
    if info.pid is None:
        return "its lock file names no process", ""
    if info.pid == os.getpid():
        return "it was opened by this very window and not closed", ""
    recorded_boot, current_boot = data.get("boot_id"), process.boot_id()
    if isinstance(recorded_boot, str) and current_boot is not None and recorded_boot != current_boot:
        return "the computer has restarted since it was opened", ""
    if not process.pid_alive(info.pid):
        return f"the writer-app that opened it (process {info.pid}) is no longer running", ""
    recorded_start, current_start = data.get("process_start"), process.process_start(info.pid)
    reused = f"process {info.pid} that opened it has ended and its number now belongs to another program"
    if isinstance(recorded_start, str) and current_start is not None:
        return ("", "") if recorded_start == current_start else (reused, "")
    started_at = process.process_started_at(info.pid)
    locked_at = _recorded_time(info.started) or written
    if started_at is not None:
        # An old lock without a start time: a process that started after the lock was taken cannot own it.
        return (reused, "") if started_at > locked_at + _CLOCK_SLACK_SECONDS else ("", "")
    return "", f"writer-app cannot confirm that process {info.pid}, which opened it, is still writer-app"


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class ProjectLock:
    """A lock file that keeps a second writer-app instance from opening the same project for writing.

    A lock is taken over without asking when its holder is certainly gone (see ``LockInfo.stale_reason``).
    Otherwise ``acquire`` raises ``ProjectLockedError`` whose ``info`` says who holds it and, when writer-app
    cannot be sure the holder still runs (another computer, no way to check), why opening anyway may be fine.
    """

    def __init__(self, folder: Path, name: str = LOCK_FILE_NAME, label: str | None = None) -> None:
        self.path = Path(folder) / name
        self.label = label or self.path.parent.name  # what the writer calls the locked thing
        self.held = False

    def info(self) -> LockInfo | None:
        """Who holds the lock now (None when nobody does)."""
        return read_lock(self.path)

    def owner(self) -> dict | None:
        """Return the recorded owner of the lock (pid, host, user, time) or None if unlocked/unreadable."""
        info = self.info()
        return info.owner() if info is not None and info.raw and info.pid is not None else None

    def acquire(self) -> None:
        """Take the lock; raises ``ProjectLockedError`` if someone may hold it, ``OSError`` if unwritable."""
        record = _lock_record()
        for _attempt in range(3):
            if self._create(record):
                self.held = True
                return
            info = read_lock(self.path)
            if info is None:
                continue
            if not info.stale:
                raise ProjectLockedError(_locked_message(self.label, info), info.owner(), info)
            log.info("Taking over the lock %s: %s", self.path, info.stale_reason)
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
        raise ProjectLockedError(f"Could not take the lock on {self.label}; try again.")

    def _create(self, record: bytes) -> bool:
        """Create the lock file holding ``record``, whole or not at all; False if a lock file exists."""
        prefix, suffix = temp_affixes(self.path)
        fd, temp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=self.path.parent)
        try:
            try:
                _write_all(fd, record)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.chmod(temp, 0o644)
            try:
                os.link(temp, self.path)  # appears with its whole content, and only if there is none yet
            except FileExistsError:
                return False
            except OSError as error:
                if error.errno not in _NO_HARD_LINKS:
                    raise
                return self._create_in_place(record)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        return True

    def _create_in_place(self, record: bytes) -> bool:
        """``_create`` for file systems without hard links (FAT, some network shares)."""
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        try:
            _write_all(fd, record)
            os.fsync(fd)
        except OSError:
            os.close(fd)
            with contextlib.suppress(OSError):
                self.path.unlink()  # never leave an empty or half-written lock behind
            raise
        os.close(fd)
        return True

    def release(self) -> None:
        """Remove the lock file if this process holds it."""
        if not self.held:
            return
        self.held = False
        info = read_lock(self.path)
        if info is None or info.pid in (None, os.getpid()) and not info.other_host:
            with contextlib.suppress(OSError):
                self.path.unlink()


def _locked_message(name: str, info: LockInfo) -> str:
    if info.other_host:
        return f"{name} is already open in writer-app on {info.host}."
    return f"{name} is already open in another writer-app window."


def open_anyway_explanation(info: LockInfo) -> str:
    """Why the writer may choose to open a locked project anyway, and what it risks (one short paragraph)."""
    return (f"It looks locked because {info.doubt}. If writer-app is no longer running there (it crashed, or the "
            "computer was switched off), you can open it anyway; if it is still open, the two copies would "
            "overwrite each other's changes.")


def remove_lock(info: LockInfo) -> bool:
    """Remove a lock the writer chose to open anyway, if it is still that same lock; True if it is gone."""
    try:
        if info.path.read_bytes() != info.raw:
            return False
        info.path.unlink()
    except FileNotFoundError:
        return True
    except OSError as error:
        log.warning("Could not remove the lock %s: %s", info.path, error)
        return False
    log.info("Removed the lock %s (%s) at the writer's request", info.path, info.doubt)
    return True
