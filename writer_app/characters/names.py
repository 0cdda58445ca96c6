"""The bundled word lists behind discovery and counting: first names, names that are common words, non-names."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from writer_app.resources import resource_path

log = logging.getLogger(__name__)


def _load(file_name: str) -> frozenset[str]:
    """Read a lowercase one-per-line list from ``resources/names``; a missing file gives an empty set."""
    path: Path = resource_path("names", file_name)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        log.warning("name list %s is unavailable: %s", path, error)
        return frozenset()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common first names, lowercase: US Census 1990 (public domain) plus modern and international ones."""
    return _load("first-names.txt") | _load("modern-first-names.txt")


@lru_cache(maxsize=1)
def common_word_names() -> frozenset[str]:
    """First names that are also everyday words ("will", "hope", "rose"), lowercase."""
    return _load("common-words.txt")


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Capitalised words that are never people on their own: days, months, places, titles, lowercase."""
    return _load("not-names.txt")


def is_first_name(word: str) -> bool:
    """Tell whether ``word`` is a common first name."""
    return word.lower() in first_names()


def is_common_word_name(word: str) -> bool:
    """Tell whether ``word`` is a name that is also an everyday word and needs care when counted."""
    return word.lower() in common_word_names()


@lru_cache(maxsize=1)
def _dictionary_entries() -> tuple[str, ...]:
    """The entries of the bundled en-US Hunspell word list, affix flags cut off (empty when it is missing)."""
    path = resource_path("dictionaries", "en_US.dic")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
    except (OSError, UnicodeDecodeError) as error:
        log.warning("dictionary %s is unavailable: %s", path, error)
        return ()
    return tuple(line.split("/", 1)[0].strip() for line in lines)


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Lowercase everyday words from the bundled en-US Hunspell word list (empty when it is missing)."""
    return frozenset(word for word in _dictionary_entries() if word[:1].islower())


@lru_cache(maxsize=1)
def proper_nouns() -> frozenset[str]:
    """Capitalised entries of the bundled en-US Hunspell word list ("Mars", "Paris", "Katharine")."""
    return frozenset(word for word in _dictionary_entries() if word[:1].isupper())

