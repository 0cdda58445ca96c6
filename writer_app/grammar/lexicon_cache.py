"""The lexicon ready to use at start-up: its packed tables saved as one uncompressed file.

Reading ``resources/grammar/lexicon.gz`` means inflating two megabytes and packing 84,000 entries into hash
buckets (:class:`writer_app.grammar.lexicon.PackedTable`, five hundredths of a second); the buckets saved as they
are load in a few thousandths. The buckets' hash (CRC-32) is the same in every process and on every machine.

The precompiled file ``resources/compiled/lexicon.bin`` is built by ``python -m
writer_app.grammar.lexicon_cache`` (``packaging/build.py`` runs it) and records a hash of the source file and
of the code that reads it, in the envelope of :mod:`writer_app.grammar.compiled_file`. When any differs, or the
file is missing, truncated, corrupt or foreign, it is ignored and the source is read instead, so it never
changes a result; a test fails until it is rebuilt.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from writer_app import __version__
from writer_app.grammar.compiled_file import (
    StaleNotice,
    modules_fingerprint,
    precompile_main,
    seal,
    source_hashes,
    unseal,
    write_atomically,
)
from writer_app.grammar.lexicon import LEXICON_NAME, SECTION, Lexicon
from writer_app.grammar.packed import PackedTable

log = logging.getLogger(__name__)

FORMAT = 1
MAGIC = b"writer-app compiled lexicon\n"
COMPILED = ("compiled", "lexicon.bin")
BUCKET_END = "\x1d"  # separates the buckets of a table; SECTION separates the two tables
# The modules whose code decides what the tables hold: a change to any of them makes the compiled file stale.
CODE_MODULES = ("writer_app.grammar.lexicon", "writer_app.grammar.lexicon_cache", "writer_app.grammar.packed")

_stale = StaleNotice(log, "the precompiled lexicon %s is missing or older than its source; reading the source "
                     "(rebuild with: python -m writer_app.grammar.lexicon_cache)")


def compiled_path() -> Path:
    """Where the precompiled lexicon lives."""
    from writer_app.resources import resource_path

    return resource_path(*COMPILED)


def source_path() -> Path:
    """The shipped lexicon the compiled file is made from."""
    from writer_app.resources import resource_path

    return resource_path("grammar", LEXICON_NAME)


def header(source: Path) -> dict[str, object]:
    """What a compiled file built now from ``source`` records about itself."""
    return {
        "format": FORMAT, "app": __version__, "code": modules_fingerprint(CODE_MODULES),
        "sources": source_hashes([source]),
    }


def dumps(source: Path) -> bytes:
    """The bytes of a compiled file holding the packed tables of the lexicon ``source``."""
    tables = Lexicon.load(source).tables
    text = SECTION.join(BUCKET_END.join(table.buckets) for table in tables)
    if text.count(SECTION) != 1 or sum(b.count(BUCKET_END) for t in tables for b in t.buckets):
        raise ValueError("a lexicon entry holds a separator of the compiled file")
    return seal(MAGIC, header(source), text.encode("utf-8", "surrogatepass"))


def loads(data: bytes, source: Path) -> Lexicon | None:
    """The lexicon of a compiled file's bytes, or None unless it is a whole, fresh file."""
    payload = unseal(MAGIC, data, header(source))
    if payload is None:
        return None
    try:
        words, inflections = bytes(payload).decode("utf-8", "surrogatepass").split(SECTION)
        return Lexicon(PackedTable(words.split(BUCKET_END)), PackedTable(inflections.split(BUCKET_END)))
    except ValueError:  # UnicodeDecodeError too
        return None


def load_compiled(source: Path, path: Path | None = None) -> Lexicon | None:
    """The lexicon ``source`` from the compiled file when it is whole and fresh; else None (logged once)."""
    path = path or compiled_path()
    try:
        loaded = loads(path.read_bytes(), source)
    except OSError:
        loaded = None
    if loaded is None:
        _stale.say(path)
    return loaded


def build_compiled(source: Path | None = None, target: Path | None = None) -> Path:
    """Read the shipped lexicon and write its compiled file (the build step); return its path."""
    source = source or source_path()
    target = target or compiled_path()
    write_atomically(target, dumps(source))
    return target


def compiled_is_fresh() -> bool:
    """True when the compiled file is whole and was built from the current source and code."""
    try:
        data = compiled_path().read_bytes()
    except OSError:
        return False
    return loads(data, source_path()) is not None


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m writer_app.grammar.lexicon_cache [--check]``: rebuild (or check) the compiled lexicon."""
    return precompile_main(argv, compiled_path, compiled_is_fresh, lambda: [build_compiled()])


if __name__ == "__main__":
    raise SystemExit(main())
