"""Build the checker the app and the command line use: built-in rules + spelling + optional extra engines."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from writer_app.grammar.engine import (
    DEFAULT_CATEGORIES,
    CheckConfig,
    Checker,
    CompositeChecker,
    check_document,
)
from writer_app.grammar.model import Category, Issue
from writer_app.grammar.unwrap import unwrap
from writer_app.grammar.wordlists import load_word_list

if TYPE_CHECKING:  # the speller (and its dictionaries' code) is imported where a checker is built: the GUI
    from writer_app.grammar.spelling import SpellChecker  # process only needs config_from from here

log = logging.getLogger(__name__)

# Paragraphs longer than LONG_PARAGRAPH are checked in pieces of about PIECE characters cut at sentence ends:
# a 50 MB paragraph must not hang, and rule engines run fastest on paragraph-sized text.
LONG_PARAGRAPH = 20_000
PIECE = 600
_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*\s+")


class BuiltinChecker(CompositeChecker):
    """The composite of every engine; very long paragraphs are checked in sentence-aligned pieces.

    Built by :func:`build_checker` with ``staged=True`` it holds only its speller at first (all a study of a
    text's names needs) and builds its other engines on the first check or :meth:`finish`, so that a long
    text's names can be studied in other processes while this one loads the rules.
    """

    def __init__(
        self,
        checkers: Sequence[Checker],
        config: CheckConfig | None = None,
        rest: Callable[[], tuple[Sequence[Checker], Sequence[Checker]]] | None = None,
    ) -> None:
        """``rest``, when given, builds the engines still missing: those to go before ``checkers`` and those to
        go after them (the engines' order decides between equal findings, so it is the same either way)."""
        super().__init__(checkers, config)
        self._rest = rest
        self._speller = next((c for c in checkers if c.name == "spelling"), None)

    def finish(self) -> None:
        """Build the engines a staged checker still lacks (nothing when it has them all)."""
        rest, self._rest = self._rest, None
        if rest is not None:
            from writer_app.grammar.heap import collector_paused

            with collector_paused():  # loading rules makes lasting objects and no garbage
                before, after = rest()
            self.checkers = [*before, *self.checkers, *after]

    def check(self, text: str) -> list[Issue]:
        """Check one paragraph (of any length) with every engine."""
        if self._rest is not None:
            self.finish()
        if len(text) <= LONG_PARAGRAPH:
            return names_over_spelling(super().check(text))
        issues: list[Issue] = []
        for offset, piece in split_long_text(text, PIECE):
            issues.extend(issue.shifted(offset) for issue in names_over_spelling(super().check(piece)))
        return issues

    def engine(self, name: str) -> Checker | None:
        """Return the engine called ``name`` ("builtin", "spelling", "languagetool"), if present."""
        self.finish()
        return next((c for c in self.checkers if c.name == name), None)

    @property
    def speller(self) -> SpellChecker | None:
        """The spelling engine, for suggestions and "Add to dictionary" (a staged checker has it from the start)."""
        from writer_app.grammar.spelling import SpellChecker

        engine = self._speller if self._rest is not None else self.engine(SpellChecker.name)
        return engine if isinstance(engine, SpellChecker) else None


def names_over_spelling(issues: list[Issue]) -> list[Issue]:
    """Drop a spelling issue where the cast's spelling of a name flags the same word: one underline, the cast's fix."""
    names = {(i.start, i.end) for i in issues if i.category is Category.NAMES}
    if not names:
        return issues
    return [i for i in issues if not (i.category is Category.SPELLING and (i.start, i.end) in names)]


def split_long_text(text: str, limit: int = PIECE) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, piece)`` of at most ``limit`` characters, cut after a sentence end when possible."""
    start = 0
    size = len(text)
    while start < size:
        if size - start <= limit:
            yield start, text[start:]
            return
        window_end = start + limit
        cut = -1
        for match in _SENTENCE_END.finditer(text, start + limit // 2, window_end):
            cut = match.end()
        if cut <= start:
            space = text.rfind(" ", start + limit // 2, window_end)
            cut = space + 1 if space > start else window_end
        yield start, text[start:cut]
        start = cut


def check_text(checker: Checker, text: str, parallel: bool = False) -> list[Issue]:
    """Check a whole document: learn its names first (speller), then check it paragraph by paragraph.

    A hard-wrapped paragraph (an e-mail's or Project Gutenberg's fixed column) is checked as the one paragraph it
    is, its lines joined (:mod:`writer_app.grammar.unwrap`); issues keep the offsets of ``text`` as written.

    ``parallel``: a long text is split between processes (see :mod:`writer_app.grammar.parallel`), with the
    same results; only for checkers whose engines all run in-process (no server connections).
    """
    if parallel:
        return check_text_parallel(checker, text)[0]
    unwrapped = unwrap(text)
    speller = getattr(checker, "speller", None)
    if speller is not None:
        speller.learn_names(unwrapped.text)
    return unwrapped.restore(check_document(checker, unwrapped.text))


def check_text_parallel(
    checker: Checker,
    text: str,
    after: Callable[[list[Issue]], object] | None = None,
    before_fork: Callable[[], None] | None = None,
    warm_up: Callable[[], None] | None = None,
) -> tuple[list[Issue], list[object]]:
    """:func:`check_text` split between processes when long enough, with ``after`` run on each part's issues
    where it was checked (its results in text order; none when the text was checked in this process); see
    :func:`writer_app.grammar.parallel.check_document_parallel`. ``warm_up`` (loading what the check will
    use, independent of the text) runs while other processes learn the text's names, when they do."""
    from writer_app.grammar.parallel import check_document_parallel, unwrap_and_learn_parallel

    speller = getattr(checker, "speller", None)
    if speller is not None:
        # Before the split: every part knows the whole text's names.
        unwrapped = unwrap_and_learn_parallel(speller, text, meanwhile=warm_up)
    else:
        unwrapped = unwrap(text)
    issues, prepared = check_document_parallel(checker, unwrapped.text, after=after, before_fork=before_fork)
    return unwrapped.restore(issues), prepared


def build_checker(config: CheckConfig, extra: Sequence[Checker] = (), staged: bool = False) -> BuiltinChecker:
    """Return the built-in rules (bundled + the writer's rule folder), the speller, the confusable-word check and,
    with a cast, the check of its names' spellings, then ``extra`` engines.

    ``staged``: build only the speller now and the other engines on the first check (see
    :class:`BuiltinChecker`); a malformed rule file then raises there. A malformed rule file raises
    ``RuleFileError`` naming the file and line.
    """
    from writer_app.grammar.spelling import SpellChecker

    speller = SpellChecker(config)

    def rest() -> tuple[list[Checker], list[Checker]]:
        from writer_app.grammar.confusables import ConfusableChecker
        from writer_app.grammar.rules import RuleChecker

        before: list[Checker] = [RuleChecker(config)]
        after: list[Checker] = [ConfusableChecker(config)]
        if config.cast_names and Category.NAMES in config.categories:
            from writer_app.characters.name_checker import NameChecker

            after.append(NameChecker(config))
        return before, [*after, *extra]

    if staged:
        return BuiltinChecker([speller], config, rest)
    before, after = rest()
    return BuiltinChecker([*before, speller, *after], config)


def _categories(names: Iterable[Any]) -> frozenset[Category]:
    chosen: set[Category] = set()
    for name in names:
        try:
            chosen.add(Category(name))
        except ValueError:
            log.warning("unknown check category %r in settings", name)
    return frozenset(chosen)


def config_from(settings: Any, project: Any, cast_words: Iterable[str] = ()) -> CheckConfig:
    """Build the check configuration from the writer's settings, the open project (or None) and the cast."""
    dialect = getattr(project, "language", None) or getattr(settings, "dialect", None) or "en-US"
    enabled = getattr(settings, "enabled_categories", None)
    categories = DEFAULT_CATEGORIES if enabled is None else _categories(enabled)
    cast = frozenset(cast_words)
    known: set[str] = set(cast)
    known |= personal_words()
    ignored_rules: set[str] = set()
    ignored_texts: set[tuple[str, str]] = set()
    ignored_spots: set[tuple[str, str, str]] = set()
    if project is not None:
        known.update(w for w in getattr(project, "word_list", ()) if isinstance(w, str))
        ignored_rules.update(getattr(project, "ignored_rules", ()))
        for pair in getattr(project, "ignored_texts", ()):
            if len(pair) == 2:
                ignored_texts.add((str(pair[0]), str(pair[1])))
        for triple in getattr(project, "ignored_spots", ()):
            if len(triple) == 3:
                ignored_spots.add((str(triple[0]), str(triple[1]), str(triple[2])))
    return CheckConfig(
        dialect=dialect if dialect in ("en-US", "en-GB") else "en-US",
        categories=categories,
        style_rules=frozenset(getattr(settings, "enabled_style_rules", ()) or ()),
        ignored_rules=frozenset(ignored_rules),
        known_words=frozenset(known),
        cast_names=cast,
        ignored_texts=frozenset(ignored_texts),
        ignored_spots=frozenset(ignored_spots),
        strict_dialogue=getattr(settings, "dialogue_grammar", "relaxed") == "strict",
    )


def personal_words() -> set[str]:
    """The writer's personal dictionary (empty when settings are unavailable)."""
    try:
        from writer_app.settings import personal_dictionary_path
    except ImportError:  # pragma: no cover - settings module not present
        return set()
    return load_word_list(personal_dictionary_path())


def cast_words_of(project: Any) -> set[str]:
    """Names and aliases of the project's cast (via the characters package when present)."""
    if project is None:
        return set()
    try:
        from writer_app.characters.cast import Cast

        return set(Cast.from_project(project).all_names())
    except Exception:  # characters package absent or cast data odd: fall back to the raw dicts
        log.debug("cast module unavailable; reading names from project.cast", exc_info=True)
    words: set[str] = set()
    for entry in getattr(project, "cast", ()) or ():
        if not isinstance(entry, dict):
            continue
        names = [entry.get("name", "")] + list(entry.get("aliases", []) or [])
        for name in names:
            if isinstance(name, str) and name.strip():
                words.add(name.strip())
                words.update(name.split())
    return words
