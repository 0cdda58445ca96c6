"""Word-list files (one word per line, ``#`` comments): read them, add to them atomically."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from writer_app.errors import WriterAppError

log = logging.getLogger(__name__)


class WordListError(WriterAppError):
    """A word list could not be written (read-only folder, disk full)."""


def parse_word_list(text: str) -> set[str]:
    """Return the words of a word-list text: one per line, blank lines and ``#`` comments ignored."""
    words: set[str] = set()
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip().lstrip("\ufeff")
        if word:
            words.add(word)
    return words


def load_word_list(path: str | Path) -> set[str]:
    """Read a word list; a missing or unreadable file is an empty list (logged, never fatal)."""
    path = Path(path)
    try:
        return parse_word_list(path.read_text(encoding="utf-8", errors="replace"))
    except FileNotFoundError:
        return set()
    except OSError as error:
        log.warning("cannot read word list %s: %s", path, error)
        return set()


def _atomic_write_text(path: Path, text: str) -> None:
    try:
        from writer_app.core.storage import atomic_write_text
    except ImportError:  # core storage not available: same temp-file-then-replace dance
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, text)


def save_word_list(path: str | Path, words: set[str] | list[str]) -> None:
    """Write a word list sorted case-insensitively, replacing the file atomically."""
    path = Path(path)
    body = "".join(f"{word}\n" for word in sorted(set(words), key=lambda w: (w.casefold(), w)))
    try:
        _atomic_write_text(path, body)
    except OSError as error:
        raise WordListError(f"Could not save the word list {path}: {error.strerror or error}.") from error


def add_to_word_list(path: str | Path, word: str) -> bool:
    """Add one word to a word-list file (atomic); returns False when it was already there."""
    word = word.strip()
    if not word or any(c.isspace() for c in word):
        raise ValueError(f"not a single word: {word!r}")
    words = load_word_list(path)
    if word in words:
        return False
    words.add(word)
    save_word_list(path, words)
    return True


def remove_from_word_list(path: str | Path, word: str) -> bool:
    """Remove one word from a word-list file (atomic); returns False when it was not there."""
    words = load_word_list(path)
    if word not in words:
        return False
    words.discard(word)
    save_word_list(path, words)
    return True
