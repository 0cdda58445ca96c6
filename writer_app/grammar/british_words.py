"""The words British Hunspell accepts and American Hunspell rejects, shipped as a small precompiled list.

An en-US manuscript accepts British spellings ("colour", "travelled"); telling one from a typo used to load the
whole en_GB dictionary (a tenth of a second) on the first unknown word. The build step expands every word of
``en_GB.dic`` with its affixes, keeps the forms en_GB accepts and en_US rejects, and ships them in
``resources/compiled/british-only.bin`` with a hash of the four dictionary files and of this code (the envelope
of :mod:`writer_app.grammar.compiled_file`). A missing, damaged or stale file is ignored: the en_GB dictionary is
loaded instead, as before.
"""

from __future__ import annotations

import array
import logging
import re
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from writer_app import __version__
from writer_app.grammar.compiled_file import (
    modules_fingerprint,
    seal,
    source_hashes,
    unseal,
    write_atomically,
)

log = logging.getLogger(__name__)

FORMAT = 4  # 4: the words between line breaks, found by a hash table
MAGIC = b"writer-app british-only words\n"
COMPILED = ("compiled", "british-only.bin")
BRITISH = "british-only"
AMERICAN = "en_US"
# Each list: its magic line and file. "en_US" holds every form en_US Hunspell accepts (the check's verdicts).
KINDS = {
    BRITISH: (MAGIC, COMPILED),
    AMERICAN: (b"writer-app en_US words\n", ("compiled", "en_US-words.bin")),
}
SOURCE_FILES = ("en_GB.dic", "en_GB.aff", "en_US.dic", "en_US.aff")
CODE_MODULES = ("writer_app.grammar.british_words",)
_ONLY_IN_COMPOUND = "_"


@dataclass(frozen=True)
class _Affix:
    strip: str
    add: str
    cross: bool


def _affix_rules(aff: str) -> tuple[dict[str, list[_Affix]], dict[str, list[_Affix]]]:
    """The prefix and suffix rules of an affix file (single-character flags, no continuation classes)."""
    prefixes: dict[str, list[_Affix]] = {}
    suffixes: dict[str, list[_Affix]] = {}
    cross: dict[tuple[str, str], bool] = {}
    for line in aff.splitlines():
        parts = line.split()
        if len(parts) < 4 or parts[0] not in ("PFX", "SFX"):
            continue
        kind, flag = parts[0], parts[1]
        if len(parts) == 4 and parts[2] in ("Y", "N"):
            cross[(kind, flag)] = parts[2] == "Y"
            continue
        if len(parts) < 5:
            continue
        strip = "" if parts[2] == "0" else parts[2]
        add = "" if parts[3] == "0" else parts[3].split("/")[0]
        table = prefixes if kind == "PFX" else suffixes
        table.setdefault(flag, []).append(_Affix(strip, add, cross.get((kind, flag), False)))
    return prefixes, suffixes


# Conditions are not tested: a form a rule's condition forbids is one Hunspell rejects when the list is built,
# so generating it costs a lookup but never adds a word, and a misread condition can never lose one.
def _suffixed(word: str, rule: _Affix) -> str | None:
    if word.endswith(rule.strip):
        return word[: len(word) - len(rule.strip)] + rule.add
    return None


def _prefixed(word: str, rule: _Affix) -> str | None:
    if word.startswith(rule.strip):
        return rule.add + word[len(rule.strip) :]
    return None


def expand(dic: str, aff: str) -> Iterator[str]:
    """Every form a Hunspell dictionary's words make with their affixes (a superset: Hunspell has the last word)."""
    prefixes, suffixes = _affix_rules(aff)
    for line in dic.splitlines()[1:]:
        fields = line.split()  # a word, then optional morphological notes ("fu	kung fu")
        if not fields:
            continue
        word, _, flags = fields[0].partition("/")
        if not word:
            continue
        if _ONLY_IN_COMPOUND not in flags:
            yield word
        with_suffix = [word]
        for flag in flags:
            for rule in suffixes.get(flag, ()):
                form = _suffixed(word, rule)
                if form is not None:
                    yield form
                    if rule.cross:
                        with_suffix.append(form)
        for flag in flags:
            for rule in prefixes.get(flag, ()):
                for base in with_suffix if rule.cross else [word]:
                    form = _prefixed(base, rule)
                    if form is not None:
                        yield form


def british_only(folder: Path) -> list[str]:
    """The sorted forms of en_GB's words that en_GB's Hunspell accepts and en_US's rejects."""
    import hunspell

    british = hunspell.Hunspell("en_GB", hunspell_data_dir=str(folder))
    american = hunspell.Hunspell("en_US", hunspell_data_dir=str(folder))
    dic = (folder / "en_GB.dic").read_text(encoding="utf-8")
    aff = (folder / "en_GB.aff").read_text(encoding="utf-8-sig")
    found: set[str] = set()
    for form in set(expand(dic, aff)):
        if form and not any(c.isdigit() for c in form) and british.spell(form) and not american.spell(form):
            found.add(form)
    return sorted(found)


def american_words(folder: Path) -> list[str]:
    """The sorted forms of en_US's words that en_US's Hunspell accepts (no digits)."""
    import hunspell

    american = hunspell.Hunspell("en_US", hunspell_data_dir=str(folder))
    dic = (folder / "en_US.dic").read_text(encoding="utf-8")
    aff = (folder / "en_US.aff").read_text(encoding="utf-8-sig")
    return sorted({f for f in expand(dic, aff) if f and not any(c.isdigit() for c in f) and american.spell(f)})


def header(folder: Path) -> dict[str, object]:
    """What a compiled list built now from the dictionaries in ``folder`` records about itself."""
    return {
        "format": FORMAT, "app": __version__, "code": modules_fingerprint(CODE_MODULES),
        "sources": source_hashes([folder / name for name in SOURCE_FILES]),
    }


def pack(words: Iterable[str]) -> tuple[bytes, array.array]:
    """The compiled form of ``words``: their UTF-8 forms sorted, each followed by a line break, and an
    open-addressing hash table of them: a power of two of slots, at most two thirds full, each 0 or a word's
    offset + 1, a word first tried at the slot of its CRC-32 (a hash every platform and Python computes alike)
    and then at the next ones."""
    encoded = sorted({word.encode("utf-8", "surrogatepass") for word in words})
    size = 1 << max(1, (3 * len(encoded) // 2).bit_length())
    mask = size - 1
    table = array.array("I", bytes(4 * size))
    at = 0
    for word in encoded:
        slot = zlib.crc32(word) & mask
        while table[slot]:
            slot = (slot + 1) & mask
        table[slot] = at + 1
        at += len(word) + 1
    return b"".join(word + b"\n" for word in encoded), table


def dumps(folder: Path, kind: str = BRITISH) -> bytes:
    """The bytes of a compiled list for the dictionaries in ``folder``: the word count, the words (see
    :func:`pack`) and the size and slots of their hash table."""
    words = british_only(folder) if kind == BRITISH else american_words(folder)
    blob, table = pack(words)
    if sys.byteorder != "little":
        table.byteswap()
    payload = b"".join((
        blob.count(b"\n").to_bytes(8, "little"), len(blob).to_bytes(8, "little"), blob,
        len(table).to_bytes(8, "little"), table.tobytes(),
    ))  # fmt: skip
    return seal(KINDS[kind][0], header(folder), payload)


def loads(data: bytes, folder: Path, kind: str = BRITISH) -> BritishOnly | None:
    """The list in a compiled file's bytes, or None unless it is whole and built from ``folder``'s files."""
    payload = unseal(KINDS[kind][0], data, header(folder))
    if payload is None or len(payload) < 24:
        return None
    count = int.from_bytes(payload[:8], "little")
    size = int.from_bytes(payload[8:16], "little")
    blob = bytes(payload[16 : 16 + size])
    at = 16 + size
    slots = int.from_bytes(payload[at : at + 8], "little")
    table = array.array("I")
    if len(blob) != size or at + 8 + slots * table.itemsize != len(payload):
        return None
    table.frombytes(payload[at + 8 :])
    if sys.byteorder != "little":
        table.byteswap()
    if count < 1 or not blob.endswith(b"\n") or blob.count(b"\n") != count or slots < count or slots & (slots - 1):
        return None
    return BritishOnly(blob, table, count)


def _folder() -> Path:
    from writer_app.resources import resource_path

    return resource_path("dictionaries")


def compiled_path(kind: str = BRITISH) -> Path:
    """Where a compiled list lives."""
    from writer_app.resources import resource_path

    return resource_path(*KINDS[kind][1])


def listed_shape(word: str) -> bool:
    """True for a word a shipped list can judge: letters and apostrophes, capitalised at most."""
    if word.isascii():  # nearly every word: one C-level match
        return _ASCII_LISTED.fullmatch(word) is not None
    return bool(word) and all(c.isalpha() or c == "'" for c in word) and not any(c.isupper() for c in word[1:])


_ASCII_LISTED = re.compile(r"[A-Za-z'][a-z']*")


class BritishOnly:
    """Answers "does en_GB Hunspell accept this word that en_US rejects?" from the shipped list.

    The words stay in the file's form (see :func:`pack`), found through its hash table: loading costs no
    parsing and no set of a hundred thousand strings, and a look-up is a CRC-32 and a byte comparison or two
    (a binary search took about four times as long).
    """

    def __init__(self, blob: bytes, table: array.array, count: int) -> None:
        self._blob = blob
        self._table = table
        self._mask = len(table) - 1
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        key = word.encode("utf-8", "surrogatepass")
        if 10 in key:  # a line break: no listed word holds one (and the words are kept between them)
            return False
        table, mask, blob = self._table, self._mask, self._blob
        listed = key + b"\n"  # as the word stands in the file
        slot = zlib.crc32(key) & mask
        while True:
            start = table[slot]
            if not start:
                return False
            if blob.startswith(listed, start - 1):
                return True
            slot = (slot + 1) & mask

    def words(self) -> list[str]:
        """Every listed word, in the file's (sorted) order."""
        return self._blob.decode("utf-8", "surrogatepass").split("\n")[:-1]

    def spell(self, word: str) -> bool:
        """Hunspell en_GB's verdict on a lowercase or capitalised word en_US rejects (apostrophes: ')."""
        return word in self or (word[:1].isupper() and word.lower() in self)


def load_british_only(
    folder: Path | None = None, path: Path | None = None, kind: str = BRITISH
) -> BritishOnly | None:
    """A shipped list when it is whole and fresh; None (logged) when the dictionary must be loaded instead."""
    try:
        folder = folder or _folder()
        data = (path or compiled_path(kind)).read_bytes()
    except (OSError, FileNotFoundError):
        data = b""
    words = loads(data, folder, kind) if folder is not None else None
    if words is None:
        log.info("the precompiled %s word list is missing or older than the dictionaries; loading the "
                 "dictionary (rebuild with: python -m writer_app.grammar.british_words)", kind)
        return None
    return words


def build_compiled(folder: Path | None = None, target: Path | None = None, kind: str = BRITISH) -> Path:
    """Expand the bundled dictionaries and write a compiled list (the build step); return its path."""
    folder = folder or _folder()
    target = target or compiled_path(kind)
    write_atomically(target, dumps(folder, kind))
    return target


def compiled_is_fresh(kind: str = BRITISH) -> bool:
    """True when a compiled list is whole and was built from the current dictionaries and code."""
    try:
        data = compiled_path(kind).read_bytes()
    except OSError:
        return False
    return loads(data, _folder(), kind) is not None


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m writer_app.grammar.british_words [--check]``: rebuild (or check) the compiled list."""
    args = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if "--check" in args:
        stale = [kind for kind in KINDS if not compiled_is_fresh(kind)]
        for kind in KINDS:
            log.info("%s is %s", compiled_path(kind), "STALE: rebuild it" if kind in stale else "up to date")
        return 1 if stale else 0
    for kind in KINDS:
        path = build_compiled(kind=kind)
        log.info("wrote %s (%d bytes)", path, path.stat().st_size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
