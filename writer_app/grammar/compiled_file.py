"""The envelope of a precompiled data file: what it was built from, a hash of its payload, the payload.

The same design as the precompiled rules (:mod:`writer_app.grammar.rule_cache`): a file starts with its own
magic line, then a JSON head (format, app version, a hash of the code that reads it and of every source file),
a hash of the payload and the payload. A reader passes the head it wants now; a file whose head differs, or
that is truncated, corrupt or foreign, is refused, so a stale or damaged file never changes a result.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

_DIGEST = 32


def _matches(found: dict[str, object], wanted: dict[str, object]) -> bool:
    """True when a file's head says it was built from what is wanted now (code unknown: the version decides)."""
    if found.get("code") is None or wanted.get("code") is None:
        found = {k: v for k, v in found.items() if k != "code"}
        wanted = {k: v for k, v in wanted.items() if k != "code"}
    return found == wanted


def modules_fingerprint(names: Sequence[str]) -> str | None:
    """A hash of the source code of the modules ``names``, or None where one cannot be read (a frozen build)."""
    digest = hashlib.blake2b(digest_size=16)
    for name in names:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        if not origin or not origin.endswith(".py"):
            return None
        try:
            digest.update(Path(origin).read_bytes())
        except OSError:
            return None
    return digest.hexdigest()


def source_hashes(files: Sequence[Path]) -> list[list[object]]:
    """Each file's name and content hash (SHA-256: fast on large files), as a precompiled file records them."""
    return [[path.name, hashlib.sha256(path.read_bytes()).hexdigest()] for path in files]


def seal(magic: bytes, head: dict[str, object], payload: bytes) -> bytes:
    """The bytes of a precompiled file: ``magic``, the JSON ``head``, a hash of ``payload`` and ``payload``."""
    head_bytes = json.dumps(head, sort_keys=True).encode("utf-8")
    digest = hashlib.sha256(payload).digest()
    return magic + len(head_bytes).to_bytes(4, "big") + head_bytes + digest + payload


def unseal(magic: bytes, data: bytes, wanted: dict[str, object]) -> memoryview | None:
    """The payload of a file written by :func:`seal`, or None unless it is whole and its head matches ``wanted``."""
    if not data.startswith(magic):
        return None
    at = len(magic)
    size = int.from_bytes(data[at : at + 4], "big")
    at += 4
    try:
        head = json.loads(data[at : at + size].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(head, dict) or not _matches(head, wanted):
        return None
    at += size
    view = memoryview(data)
    digest, payload = view[at : at + _DIGEST], view[at + _DIGEST :]
    if len(digest) != _DIGEST or hashlib.sha256(payload).digest() != digest:
        return None
    return payload


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file moved into place, readable by every user."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


class StaleNotice:
    """Says once a process that a precompiled file is missing or stale and how to rebuild it (the fallback,
    reading the sources, is slower but gives the same results)."""

    def __init__(self, logger: logging.Logger, message: str) -> None:
        """``message``: a logging format string, given the arguments of the first :meth:`say`."""
        self.logger = logger
        self.message = message
        self.said = False
        self._lock = threading.Lock()

    def say(self, *args: object) -> None:
        """Log the notice at INFO level, the first time only."""
        with self._lock:
            if self.said:
                return
            self.said = True
        self.logger.info(self.message, *args)


def precompile_main(
    argv: Sequence[str] | None,
    target: Callable[[], Path],
    is_fresh: Callable[[], bool],
    build: Callable[[], Sequence[Path]],
) -> int:
    """The ``python -m writer_app.grammar.<…>_cache [--check]`` entry point of a precompiled file: build it (and
    say what was written), or with ``--check`` say whether ``target()`` is fresh (exit 1 when it is stale)."""
    args = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    log = logging.getLogger("writer_app.grammar.compiled_file")
    if "--check" in args:
        fresh = is_fresh()
        log.info("%s is %s", target(), "up to date" if fresh else "STALE: rebuild it")
        return 0 if fresh else 1
    for written in build():
        log.info("wrote %s (%d bytes)", written, written.stat().st_size)
    return 0

