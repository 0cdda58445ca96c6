"""The word frequencies ready to use at start-up: one uncompressed file built from ``resources/frequency/``.

Reading the shipped frequency files means inflating about twelve megabytes and parsing eighty thousand lines
of text (a tenth of a second or more); the same tables saved as raw arrays load in a few hundredths.

The precompiled files ``resources/compiled/frequency.bin`` (words, counts, pairs) and
``frequency-deletes.bin`` (the spelling suggestions' delete index, read only when a suggestion is first asked
for: a check never needs it) are built by ``python -m writer_app.grammar.frequency_cache``
(``packaging/build.py`` runs it). Each records a hash of every source file and of the code that reads them, in
the envelope of :mod:`writer_app.grammar.compiled_file`. When any differs, or a file is missing, truncated,
corrupt or foreign, it is ignored and the sources are read instead, so it never changes a result; a test fails
until they are rebuilt.
"""

from __future__ import annotations

import array
import logging
import sys
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
from writer_app.grammar.frequency import (
    BIGRAM_FILE,
    DELETE_FILE,
    WORD_FILE,
    FrequencyData,
    load,
    load_delete_keys,
)
from writer_app.grammar.packed import PackedIds, WordList

log = logging.getLogger(__name__)

FORMAT = 3
MAGIC = b"writer-app compiled frequencies\n"
DELETES_MAGIC = b"writer-app compiled spelling index\n"
COMPILED = ("compiled", "frequency.bin")
DELETES_NAME = "frequency-deletes.bin"  # beside the compiled frequencies
SOURCE_FILES = (WORD_FILE, BIGRAM_FILE, DELETE_FILE)
# The modules whose code decides what the tables hold: a change to any of them makes the compiled file stale.
CODE_MODULES = ("writer_app.grammar.frequency", "writer_app.grammar.frequency_cache", "writer_app.grammar.packed")
# The payload starts with six uint64: words, bytes of the word list, bytes of the word ids' buckets, pairs,
# total count, pair floor. Then the word list (a WordList's text), the ids' buckets (a PackedIds's, joined by
# BUCKET_END), the word list's offsets, the counts, the pair keys and the pair counts.
_COUNTS = 6
BUCKET_END = "\x1d"

_stale = StaleNotice(log, "the precompiled word frequencies %s are missing or older than their sources; reading the "
                     "sources (rebuild with: python -m writer_app.grammar.frequency_cache)")


def compiled_path() -> Path:
    """Where the precompiled frequencies live."""
    from writer_app.resources import resource_path

    return resource_path(*COMPILED)


def header(folder: Path) -> dict[str, object]:
    """What a compiled file built now from the sources in ``folder`` records about itself."""
    return {
        "format": FORMAT, "app": __version__, "code": modules_fingerprint(CODE_MODULES),
        "sources": source_hashes([folder / name for name in SOURCE_FILES]),
    }


def _little(values: array.array) -> bytes:
    if sys.byteorder != "little":
        values = array.array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _padded(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 8)


def deletes_path(path: Path) -> Path:
    """The compiled delete index that belongs to the compiled frequencies at ``path``."""
    return path.with_name(DELETES_NAME)


def dumps(folder: Path) -> bytes:
    """The bytes of a compiled file holding the frequency tables read from ``folder``."""
    data = load(folder)
    if not isinstance(data.words, WordList):
        raise TypeError("the word list is not packed")
    words = data.words.text.encode("utf-8")
    if any(BUCKET_END in bucket for bucket in data.ids.buckets):
        raise ValueError("a word holds the compiled file's bucket separator")
    ids = BUCKET_END.join(data.ids.buckets).encode("utf-8")
    counts = array.array(
        "Q", [len(data.words), len(words), len(ids), len(data.pair_keys), data.total, data.pair_floor]
    )
    payload = b"".join((
        _little(counts), _padded(words), _padded(ids), _padded(_little(data.words.starts)), _little(data.counts),
        _little(data.pair_keys), _padded(_little(data.pair_counts)),
    ))
    return seal(MAGIC, header(folder), payload)


def dumps_deletes(folder: Path) -> bytes:
    """The bytes of a compiled file holding the spelling delete index read from ``folder``."""
    return seal(DELETES_MAGIC, header(folder), _little(load_delete_keys(folder)))


def _array(typecode: str, view: memoryview, start: int, count: int) -> tuple[array.array, int]:
    values = array.array(typecode)
    end = start + count * values.itemsize
    if end > len(view):
        raise ValueError("truncated")
    values.frombytes(view[start:end])
    if sys.byteorder != "little":
        values.byteswap()
    return values, end


def loads(data: bytes, folder: Path, deletes_file: Path | None = None) -> FrequencyData | None:
    """The tables of a compiled file's bytes, or None unless it is a whole, fresh file; ``deletes_file`` is the
    compiled delete index the tables will read when first asked (see :func:`load_deletes`)."""
    payload = unseal(MAGIC, data, header(folder))
    if payload is None:
        return None
    try:
        sizes, at = _array("Q", payload, 0, _COUNTS)
        n_words, n_bytes, n_id_bytes, n_pairs, total, floor = sizes
        if at + n_bytes + n_id_bytes > len(payload):
            return None
        text = bytes(payload[at : at + n_bytes]).decode("utf-8")
        at += n_bytes + (-n_bytes % 8)
        ids = PackedIds(bytes(payload[at : at + n_id_bytes]).decode("utf-8").split(BUCKET_END))
        at += n_id_bytes + (-n_id_bytes % 8)
        starts, at = _array("I", payload, at, n_words + 1)
        at += -at % 8
        words = WordList(text, starts)
        counts, at = _array("Q", payload, at, n_words)
        keys, at = _array("Q", payload, at, n_pairs)
        pair_counts, at = _array("I", payload, at, n_pairs)
        at += -at % 8
    except (ValueError, UnicodeDecodeError):
        return None
    if len(words) != n_words or not words or at != len(payload):
        return None
    return FrequencyData(words, ids, counts, keys, pair_counts, total, floor, folder, deletes_file)


def loads_deletes(data: bytes, folder: Path) -> array.array | None:
    """The sorted delete keys of a compiled delete index's bytes, or None unless it is a whole, fresh file."""
    payload = unseal(DELETES_MAGIC, data, header(folder))
    if payload is None or len(payload) % 8:
        return None
    return _array("Q", payload, 0, len(payload) // 8)[0]


def load_compiled(folder: Path, path: Path | None = None) -> FrequencyData | None:
    """The frequencies of ``folder`` from the compiled file when it is whole and fresh; else None (logged once).

    The delete index is not read here: the tables name its file, read by :func:`load_deletes` when needed."""
    path = path or compiled_path()
    try:
        loaded = loads(path.read_bytes(), folder, deletes_path(path))
    except OSError:
        loaded = None
    if loaded is None:
        _stale.say(path)
    return loaded


def load_deletes(path: Path, folder: Path) -> array.array | None:
    """The delete index of ``folder`` from the compiled file ``path`` when it is whole and fresh; else None."""
    try:
        keys = loads_deletes(path.read_bytes(), folder)
    except OSError:
        keys = None
    if keys is None:
        log.info("the precompiled spelling index %s is missing or older than its sources; reading the sources", path)
    return keys


def build_compiled(folder: Path | None = None, target: Path | None = None) -> Path:
    """Read the bundled frequency files and write their compiled file (the build step); return its path."""
    from writer_app.resources import resource_path

    folder = folder or resource_path("frequency")
    target = target or compiled_path()
    write_atomically(target, dumps(folder))
    write_atomically(deletes_path(target), dumps_deletes(folder))
    return target


def compiled_is_fresh() -> bool:
    """True when both compiled files are whole and were built from the current sources and code."""
    from writer_app.resources import resource_path

    folder = resource_path("frequency")
    try:
        data = compiled_path().read_bytes()
        deletes = deletes_path(compiled_path()).read_bytes()
    except OSError:
        return False
    return loads(data, folder) is not None and loads_deletes(deletes, folder) is not None


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m writer_app.grammar.frequency_cache [--check]``: rebuild (or check) the compiled frequencies."""
    return precompile_main(argv, compiled_path, compiled_is_fresh, _build_both)


def _build_both() -> tuple[Path, Path]:
    """Build the compiled frequencies; the files written (the tables and the spelling delete index)."""
    path = build_compiled()
    return path, deletes_path(path)


if __name__ == "__main__":
    raise SystemExit(main())
