"""A character-trigram index of the words spelling suggestions may offer, for words no small edit reaches.

A typo three or more slips from any word (mangled dialect, a foreign word, a run-together compound) gets no
candidate from the edit search. Hunspell's own answer scans its whole dictionary (a tenth of a second or more
a word); this index finds, in a few milliseconds, the few dozen words that share most three-letter pieces
(with the word's start and end marked) with the typo, for :mod:`writer_app.grammar.far_ranking` to score.

The words are those of the frequency list and every form en_US Hunspell accepts (lowercased, without
possessives), grouped by length: a word's id within its length group is what a posting holds, so a search
reads only the groups a few letters longer or shorter than the typo. Everything is packed in arrays: one
string of words, and for each (trigram, length) key the slice of the postings that hold it.

The precompiled ``resources/compiled/far-index.bin`` is built by ``python -m writer_app.grammar.far_index``
(``packaging/build.py`` runs it) in the envelope of :mod:`writer_app.grammar.compiled_file`, with a hash of
its sources and code. It is read only on the first far-off search (a check never needs it). A missing, damaged
or stale file is ignored with a warning, and the index is built in memory from the loaded word lists instead
(a second or two, the same candidates when the sources are the same).
"""

from __future__ import annotations

import array
import logging
import sys
import threading
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from writer_app import __version__
from writer_app.grammar.compiled_file import (
    modules_fingerprint,
    precompile_main,
    seal,
    source_hashes,
    unseal,
    write_atomically,
)
from writer_app.grammar.packed import WordList

log = logging.getLogger(__name__)

FORMAT = 1
MAGIC = b"writer-app far-off suggestion index\n"
COMPILED = ("compiled", "far-index.bin")
FREQUENCY_SOURCES = ("words.tsv.gz",)  # in resources/frequency/ (frequency.WORD_FILE)
DICTIONARY_SOURCES = ("en_US.dic", "en_US.aff")  # in resources/dictionaries/
CODE_MODULES = ("writer_app.grammar.far_index", "writer_app.grammar.british_words", "writer_app.grammar.frequency")
MAX_LENGTH = 40  # longer words are not indexed (and longer typos not searched)
LENGTH_BITS = 6  # a key is trigram code << LENGTH_BITS | word length
START_BONUS = 1  # how many times more the first two trigrams count
_COUNTS = 5  # the payload starts with: words, bytes of the words' text, keys, postings, bytes per posting
_START, _END, _OTHER = "^", "$", 29  # the marks of a word's ends; the code of a letter outside a-z ' -


def _char_code(char: str) -> int:
    """A letter's five-bit code: a-z 1-26, ' 27, - 28, any other letter 29, the ends 30 and 31."""
    if "a" <= char <= "z":
        return ord(char) - 96
    return {"'": 27, "-": 28, _START: 30, _END: 31}.get(char, _OTHER)


_CODES = {chr(c): _char_code(chr(c)) for c in range(32, 128)}


def trigram_codes(word: str) -> set[int]:
    """The codes of the distinct trigrams of ``word`` with its start and end marked ("^ca", "cat", "at$")."""
    marked = _START + word + _END
    codes = [_CODES.get(c, _OTHER) for c in marked]
    return {codes[i] << 10 | codes[i + 1] << 5 | codes[i + 2] for i in range(len(codes) - 2)}


def start_codes(word: str) -> set[int]:
    """The codes of the first two trigrams of ``word`` with its start marked ("^ca", "cat")."""
    codes = [_CODES.get(c, _OTHER) for c in (_START + word + _END)[:4]]
    return {codes[i] << 10 | codes[i + 1] << 5 | codes[i + 2] for i in range(len(codes) - 2)}


def indexable(word: str) -> bool:
    """True for a word the index holds: 2 to ``MAX_LENGTH`` letters (apostrophes and hyphens allowed), lowercase."""
    return (
        2 <= len(word) <= MAX_LENGTH and word.islower() and word.replace("'", "").replace("-", "").isalpha()
        and "\n" not in word
    )


class FarIndex:
    """Words by length and the trigram postings over them; read-only, safe to share between threads."""

    def __init__(
        self, words: WordList, length_starts: array.array, keys: Sequence[int], offsets: Sequence[int],
        postings: Sequence[int],
    ) -> None:
        """The packed parts (see :func:`build_index`); ``length_starts[n]`` is the first id of length ``n``."""
        if len(length_starts) != MAX_LENGTH + 2 or len(offsets) != len(keys) + 1 or offsets[-1] != len(postings):
            raise ValueError("the far-off index's parts do not match")
        self.words = words
        self.length_starts = length_starts
        self.keys = keys
        self.offsets = offsets
        self.postings = postings

    def __len__(self) -> int:
        return len(self.words)

    def shared_trigrams(self, typo: str, spread: int, best: int) -> list[tuple[int, int]]:
        """``(score, word id)`` of the words within ``spread`` letters of ``typo``'s length that share most
        trigrams with it (``typo`` lowercase): the ``best`` of each length, scored by the trigrams they share
        less a point for each letter of length difference beyond one."""
        length = len(typo)
        if not 1 <= length <= MAX_LENGTH + spread:
            return []
        codes = sorted(trigram_codes(typo))
        # the word's first two trigrams count more: people rarely get the start of a word wrong
        codes += sorted(start_codes(typo)) * START_BONUS
        keys, offsets, postings, starts = self.keys, self.offsets, self.postings, self.length_starts
        found: list[tuple[int, int]] = []
        for size in range(max(2, length - spread), min(MAX_LENGTH, length + spread) + 1):
            counts: Counter[int] = Counter()
            for code in codes:
                key = code << LENGTH_BITS | size
                at = bisect_left(keys, key)
                if at < len(keys) and keys[at] == key:
                    counts.update(postings[offsets[at] : offsets[at + 1]])
            base, penalty = starts[size], max(0, abs(size - length) - 1)
            found.extend((shared - penalty, base + local) for local, shared in counts.most_common(best))
        return found


def build_index(words: Iterable[str]) -> FarIndex:
    """The index of ``words`` (those :func:`indexable`, each once), in the order given within each length."""
    by_length: list[list[str]] = [[] for _ in range(MAX_LENGTH + 1)]
    seen: set[str] = set()
    for word in words:
        if word not in seen and indexable(word):
            seen.add(word)
            by_length[len(word)].append(word)
    ordered: list[str] = []
    length_starts = array.array("I", [0] * (MAX_LENGTH + 2))
    entries: list[int] = []  # key << 32 | local id, sorted below
    for size, group in enumerate(by_length):
        length_starts[size] = len(ordered)
        for local, word in enumerate(group):
            for code in trigram_codes(word):
                entries.append((code << LENGTH_BITS | size) << 32 | local)
        ordered.extend(group)
    length_starts[MAX_LENGTH + 1] = len(ordered)
    entries.sort()
    typecode = "H" if max(map(len, by_length)) <= 0xFFFF else "I"
    keys, offsets = array.array("I"), array.array("I")
    postings = array.array(typecode, (entry & 0xFFFFFFFF for entry in entries))
    previous = -1
    for at, entry in enumerate(entries):
        key = entry >> 32
        if key != previous:
            keys.append(key)
            offsets.append(at)
            previous = key
    offsets.append(len(entries))
    return FarIndex(WordList.of(ordered), length_starts, keys, offsets, postings)


def vocabulary(frequency_words: Iterable[str], dictionary_words: Iterable[str]) -> list[str]:
    """The words the index holds: the frequency list's (in its order, commonest first), then the dictionary's
    forms it lacks, lowercased, possessives left out (Hunspell judges every candidate later anyway)."""
    out = list(dict.fromkeys(word for word in frequency_words if indexable(word)))
    known = set(out)
    for form in dictionary_words:
        lower = form.lower()
        if lower not in known and not lower.endswith("'s") and indexable(lower):
            known.add(lower)
            out.append(lower)
    return out


# -- the precompiled file -------------------------------------------------------------------------------------
def _folders() -> tuple[Path, Path]:
    from writer_app.resources import resource_path

    return resource_path("frequency"), resource_path("dictionaries")


def compiled_path() -> Path:
    """Where the precompiled far-off index lives."""
    from writer_app.resources import resource_path

    return resource_path(*COMPILED)


def header(frequency_folder: Path, dictionary_folder: Path) -> dict[str, object]:
    """What a compiled index built now from the sources in the two folders records about itself."""
    files = [frequency_folder / n for n in FREQUENCY_SOURCES] + [dictionary_folder / n for n in DICTIONARY_SOURCES]
    return {
        "format": FORMAT, "app": __version__, "code": modules_fingerprint(CODE_MODULES),
        "sources": source_hashes(files),
    }


def _little(values: array.array | memoryview) -> bytes:
    if sys.byteorder != "little" and isinstance(values, array.array):
        values = array.array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _padded(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 8)


def dumps_index(index: FarIndex, head: dict[str, object]) -> bytes:
    """The bytes of a compiled file holding ``index``, recording ``head``."""
    text = index.words.text.encode("utf-8")
    counts = array.array("Q", [len(index), len(text), len(index.keys), len(index.postings), index.postings.itemsize])
    payload = b"".join((
        _little(counts), _padded(text), _padded(_little(index.words.starts)), _padded(_little(index.length_starts)),
        _padded(_little(index.keys)), _padded(_little(index.offsets)), _padded(_little(index.postings)),
    ))
    return seal(MAGIC, head, payload)


def _array(typecode: str, view: memoryview, start: int, count: int) -> tuple[array.array, int]:
    """``count`` values read at ``start``, and where the next (8-byte aligned) part starts."""
    values = array.array(typecode)
    end = start + count * values.itemsize
    if end > len(view):
        raise ValueError("truncated")
    values.frombytes(view[start:end])
    if sys.byteorder != "little":
        values.byteswap()
    return values, end + (-end % 8)


def _view(typecode: str, view: memoryview, start: int, count: int) -> tuple[array.array | memoryview, int]:
    """Like :func:`_array`, but a view of the file's bytes where their order is this machine's (no copy)."""
    if sys.byteorder != "little":
        return _array(typecode, view, start, count)
    end = start + count * array.array(typecode).itemsize
    if end > len(view):
        raise ValueError("truncated")
    return view[start:end].cast(typecode), end + (-end % 8)


def loads_index(data: bytes, head: dict[str, object]) -> FarIndex | None:
    """The index in a compiled file's bytes, or None unless it is whole and records ``head``."""
    payload = unseal(MAGIC, data, head)
    if payload is None:
        return None
    try:
        sizes, at = _array("Q", payload, 0, _COUNTS)
        n_words, n_text, n_keys, n_postings, width = sizes
        if width not in (2, 4) or at + n_text > len(payload):
            return None
        text = bytes(payload[at : at + n_text]).decode("utf-8")
        at += n_text + (-n_text % 8)
        starts, at = _array("I", payload, at, n_words + 1)
        length_starts, at = _array("I", payload, at, MAX_LENGTH + 2)
        keys, at = _view("I", payload, at, n_keys)  # the large parts stay in the file's bytes
        offsets, at = _view("I", payload, at, n_keys + 1)
        postings, at = _view("H" if width == 2 else "I", payload, at, n_postings)
        if at != len(payload) or length_starts[-1] != n_words:
            return None
        return FarIndex(WordList(text, starts), length_starts, keys, offsets, postings)
    except (ValueError, UnicodeDecodeError, OverflowError):
        return None


def build_from_sources(frequency_folder: Path, dictionary_folder: Path) -> FarIndex:
    """The index of the frequency list in ``frequency_folder`` and every en_US form (the build step: the
    shipped en_US word list when it is fresh, else the dictionary expanded, which takes a minute)."""
    from writer_app.grammar import british_words
    from writer_app.grammar.frequency import load

    listed = british_words.load_british_only(dictionary_folder, kind=british_words.AMERICAN)
    forms: Iterable[str]
    if listed is not None:
        forms = _listed_words(listed)
    else:
        forms = british_words.american_words(dictionary_folder)
    return build_index(vocabulary(load(frequency_folder).words, forms))


def _listed_words(listed: object) -> list[str]:
    """The words of a shipped word list (:class:`writer_app.grammar.british_words.BritishOnly`)."""
    return listed.words()  # type: ignore[attr-defined]


def build_compiled(
    frequency_folder: Path | None = None, dictionary_folder: Path | None = None, target: Path | None = None
) -> Path:
    """Build the far-off index from the bundled sources and write its compiled file; return its path."""
    default_frequency, default_dictionaries = _folders() if frequency_folder is None or dictionary_folder is None \
        else (frequency_folder, dictionary_folder)
    frequency_folder = frequency_folder or default_frequency
    dictionary_folder = dictionary_folder or default_dictionaries
    target = target or compiled_path()
    index = build_from_sources(frequency_folder, dictionary_folder)
    write_atomically(target, dumps_index(index, header(frequency_folder, dictionary_folder)))
    return target


def load_compiled(
    frequency_folder: Path, dictionary_folder: Path, path: Path | None = None
) -> FarIndex | None:
    """The compiled index when it is whole and fresh, else None."""
    try:
        data = (path or compiled_path()).read_bytes()
    except OSError:
        return None
    return loads_index(data, header(frequency_folder, dictionary_folder))


def compiled_is_fresh() -> bool:
    """True when the compiled index is whole and was built from the current sources and code."""
    return load_compiled(*_folders()) is not None


# -- the shared index ------------------------------------------------------------------------------------------
_LOCK = threading.Lock()
_SHARED: list[FarIndex] = []
_STALE = ("the precompiled far-off suggestion index %s is missing, damaged or older than its sources; building "
          "it in memory (rebuild with: python -m writer_app.grammar.far_index)")


def shared_index(frequency_words: Sequence[str]) -> FarIndex:
    """The index, loaded on first call: the shipped file when fresh, else built from ``frequency_words`` (the
    loaded frequency list) and the shipped en_US word list when that is fresh (logged once)."""
    with _LOCK:
        if not _SHARED:
            index = None
            try:
                folders = _folders()
            except FileNotFoundError:
                folders = None
            if folders is not None:
                index = load_compiled(*folders)
            if index is None:
                log.warning(_STALE, compiled_path() if folders is not None else COMPILED[-1])
                index = _built_in_memory(frequency_words)
            _SHARED.append(index)
            log.debug("far-off suggestion index of %d words ready", len(index))
        return _SHARED[0]


def _built_in_memory(frequency_words: Sequence[str]) -> FarIndex:
    """The index built now from the frequency list and the shipped en_US list when it is fresh."""
    from writer_app.grammar import british_words

    try:
        listed = british_words.load_british_only(kind=british_words.AMERICAN)
    except (OSError, ValueError):
        listed = None
    forms = _listed_words(listed) if listed is not None else []
    return build_index(vocabulary(frequency_words, forms))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m writer_app.grammar.far_index [--check]``: rebuild (or check) the compiled far-off index."""
    return precompile_main(argv, compiled_path, compiled_is_fresh, lambda: (build_compiled(),))


if __name__ == "__main__":
    raise SystemExit(main())
