"""Damaged copies of a precompiled data file (see ``writer_app.grammar.compiled_file``), for the cache tests."""

from __future__ import annotations

import os

DAMAGE_KINDS = ("empty", "truncated", "corrupt", "garbage", "foreign", "no payload")


def damaged_copies(good: bytes, magic: bytes) -> dict[str, bytes]:
    """``good`` (a whole file that starts with ``magic``) spoilt each way a file on disk can be spoilt."""
    return {
        "empty": b"",
        "truncated": good[: len(good) - 9],
        "corrupt": good[:-20] + bytes(b ^ 0xFF for b in good[-20:]),
        "garbage": os.urandom(4096),
        "foreign": b"writer-app compiled rules\n" + good[len(magic):],
        "no payload": good[: good.index(b"}") + 1],
    }
