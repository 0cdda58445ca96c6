"""Who is running: this machine's name and boot, and whether a recorded process is still that same process.

A process id alone is not an identity: after a crash or a restart the number is handed to another program.
On Linux a process is identified by its pid plus its start time (``/proc/<pid>/stat`` field 22, in clock ticks
since boot) within one boot (``/proc/sys/kernel/random/boot_id``). Elsewhere the standard library offers no
start time, and these functions return None so callers fall back to the pid alone.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

_PROC = Path("/proc")


def host_name() -> str:
    """This machine's network name."""
    return socket.gethostname()


@cache
def host_tag() -> str:
    """A short fixed tag for this machine, safe inside a file name."""
    return hashlib.sha1(host_name().encode("utf-8", "surrogatepass")).hexdigest()[:8]


def pid_alive(pid: int) -> bool:
    """Tell whether a process with this id is running on this machine."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def boot_id() -> str | None:
    """An id that changes each time this machine starts (None where the system does not tell)."""
    try:
        return (_PROC / "sys/kernel/random/boot_id").read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def process_start(pid: int) -> str | None:
    """When process ``pid`` started, in clock ticks since boot (None if unknown or not running)."""
    try:
        stat = (_PROC / str(pid) / "stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
    fields = stat[stat.rfind(")") + 2:].split()
    try:
        return str(int(fields[19]))  # field 22 overall; fields[0] is field 3
    except (IndexError, ValueError):
        return None


def process_started_at(pid: int) -> float | None:
    """When process ``pid`` started, as a Unix time (None if unknown)."""
    ticks = process_start(pid)
    if ticks is None:
        return None
    try:
        for line in (_PROC / "stat").read_text(encoding="ascii").splitlines():
            if line.startswith("btime "):
                return int(line.split()[1]) + int(ticks) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return None
