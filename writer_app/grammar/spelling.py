"""Dictionary spelling for fiction: Hunspell (en-US/en-GB) plus the writer's, project's and cast's words.

Fast path: a paragraph whose words were all accepted before costs one regex scan and one set test, so a
novel checks at well over half a million words a second. Only words never seen before reach Hunspell, and
only the rare unknown word has its context looked at (names, dialect, foreign passages, URLs). Suggestions
are computed on demand by :meth:`SpellChecker.suggest`, never during :meth:`SpellChecker.check`.
"""

from __future__ import annotations

import itertools
import logging
import re
import shutil
import sys
import tempfile
import threading
from bisect import bisect_right
from collections.abc import Iterable
from functools import partial
from hashlib import blake2b
from pathlib import Path

from writer_app.grammar.british_words import AMERICAN, BritishOnly, listed_shape, load_british_only
from writer_app.grammar.dialogue import dialogue_spans
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.far_index import shared_index
from writer_app.grammar.foreign import foreign_spans, is_foreign_neighbour, is_foreign_word
from writer_app.grammar.frequency import FrequencyDataError, frequency_data
from writer_app.grammar.model import Category, Issue
from writer_app.grammar.slips import Replacement, dictionary_replacements
from writer_app.grammar.suggest import Suggester
from writer_app.grammar.word_formation import is_derived, is_eye_dialect
from writer_app.grammar.word_places import word_places
from writer_app.grammar.wordlists import load_word_list

log = logging.getLogger(__name__)

RULE = "SPELLING"
VARIANT_RULE = "SPELLING_VARIANT"

# A word: letters with internal apostrophes ("don't", "y'know"); hyphens and digits split words.
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_STRETCH = re.compile(r"([^\W\d_])\1{2,}")
_ROMAN = re.compile(r"^m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_WEB = re.compile(r"@|://|www\.|\.(?:com|org|net|io|edu|gov|co|uk|de|fr|html?|txt|md|py)\b|[\\/].*[\\/]", re.I)
_APOSTROPHES = "'’"
# A capitalised word after a non-space character and whitespace (line breaks included: hard-wrapped text), read
# as ``(?<=[^\s.!?…:;"“”‘'(\[{—–\-*_»«])\s+([A-Z]...)``, but written to open with the whitespace: a pattern that
# opens with a character class lets the regex engine skip to the next whitespace in C instead of trying every
# position (the name study scans a whole novel with it; the matches are the same, tested).
_MID_SENTENCE_CAPITAL = re.compile(r"\s(?<=[^\s.!?…:;\"“”‘'(\[{—–\-*_»«]\s)\s*([A-Z][^\W\d_]*(?:['’][^\W\d_]+)*)")
_TITLES = "Mr Mrs Ms Messrs Dr St Capt Col Gen Lt Sgt Prof Rev Sr Jr Mme Mlle M".split()
# ``\b(?:Mr|Mrs|...|M)\.\s+([A-Z]...)``, the word boundary checked after each title's first letter (the same test:
# no word character before it) so that the pattern opens with letters and the engine skips to them in C.
_AFTER_TITLE = re.compile(
    "(?:" + "|".join(rf"{title[0]}(?<!\w{title[0]}){title[1:]}" for title in _TITLES) + r")\.\s+([A-Z][^\W\d_]*)"
)
_TITLE_BEFORE = re.compile(r"\b(?:" + "|".join(_TITLES) + r")\.\s+$")
_NEXT_CAPITAL = re.compile(r"\s+[A-Z][a-z]")
# Short words too common to be anyone's name: an unknown capitalised word at a sentence start that is one of
# them with two neighbouring letters swapped ("Teh", "Adn", "Hte") is a typo, not a name (longer words are
# judged by ``_near_common_word``; a short unknown word in general may well be a name: "Kai", "Tam").
_SHORT_COMMON = frozenset(
    "the and but for not was had has her his she him you are all any can did get how its one our out who why "
    "yes now too off see saw say may way new old two".split()
)


def _swapped_common(lower: str) -> bool:
    """True when swapping two neighbouring letters of a short word gives a very common word ("teh" -> "the")."""
    if len(lower) != 3 or lower in _SHORT_COMMON:
        return False
    return any(lower[:i] + lower[i + 1] + lower[i] + lower[i + 2:] in _SHORT_COMMON for i in range(len(lower) - 1))
# A character's voice: an unknown word the text uses only inside dialogue at least this often is dialect.
_VOICE_USES = 2
# Words that mark a speech as dialect, beside elision apostrophes ("goin'", "'bout") and learned voice words.
_DIALECT_MARKERS = frozenset(
    "ain't aint warn't hain't reckon reckoned ye yer yo' ol' 'em dis dat dem dey de wid wuz fer kin iffen "
    "y'all nothin' somethin' mebbe gwan".split()
)
# An elision: an apostrophe that stands for letters at a word's edge ("'bout", "goin'"), not a possessive s'.
_ELISION = re.compile(r"(?:(?<![\w'’])['’][^\W\d_]{2,})|(?:[^\W\d_]{2,}(?<![sS])['’](?![\w'’]))")
# A quotation of at most three words holding nothing but them: a term named in passing ("played “knucks”").
_QUOTED_TERM = re.compile(r"^[\"“‘'][^\W\d_]+(?:[\s\-][^\W\d_]+){0,2}[,.!?]?[\"”’']$")


def _transposed(lower: str) -> Iterable[str]:
    """Every form of ``lower`` with two neighbouring letters swapped ("recieve" -> ..., "receive", ...)."""
    for i in range(len(lower) - 1):
        if lower[i] != lower[i + 1]:
            yield lower[:i] + lower[i + 1] + lower[i] + lower[i + 2 :]


_OPENERS = "\"“‘'([{_*«—–-"
_SENTENCE_ENDS = ".!?…:;"
_MAX_CACHE = 400_000
# Lines a study found clean kept at most (a cache: others are read again when checked), as their digests (see
# ``line_key``: about 80 bytes each); War and Peace has 12,000 lines.
_MAX_CLEAN_LINES = 100_000
# A stretch of at least _GIBBERISH_WORDS words whose first _GIBBERISH_SAMPLE distinct words nearly all fail is noise.
_GIBBERISH_WORDS = 30
_GIBBERISH_SAMPLE = 8
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_HUNSPELL_CODES = {"en-US": "en_US", "en-GB": "en_GB"}
# American -> British spelling patterns, used to recognise "color" in an en-GB manuscript.
_BRITISH_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"or(?=s?$|ed$|ing$|ful|ite|able|less|ship)"), "our"),
    (re.compile(r"er(?=s?$|ed$)"), "re"),
    (re.compile(r"(?<=[aeiou])l(?=e[dr]s?$|ing$)"), "ll"),
    (re.compile(r"og(?=s?$)"), "ogue"),
    (re.compile(r"ense(?=s?$)"), "ence"),
    (re.compile(r"yz(?=e[ds]?$|ing$)"), "ys"),
    (re.compile(r"(?<=[^aeiou])e(?=[^aeiou])"), "ae"),
    (re.compile(r"(?<=[^aeiou])e(?=[^aeiou])"), "oe"),
)


def line_key(line: str) -> bytes:
    """What a line found clean is remembered by: a 16-byte BLAKE2 digest of its text (a novel's paragraph itself
    takes several times the memory; two different lines share a digest with odds of one in 2**128)."""
    return blake2b(line.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class _Dictionary:
    """One Hunspell dictionary guarded by a lock (Hunspell objects are not thread-safe)."""

    def __init__(self, code: str) -> None:
        folder = _dictionary_folder(code)
        # en_US's verdicts on plain words come from its shipped word list; Hunspell loads when first needed.
        self._listed = load_british_only(folder, kind=AMERICAN) if code == "en_US" and folder else None
        if folder is None:
            import hunspell

            folder = Path(hunspell.__file__).parent / "dictionaries"
            log.warning("bundled %s dictionary missing; falling back to chunspell's en_US", code)
            code = "en_US"
        self.code = code
        self._folder = folder
        self._hunspell = None if self._listed is not None else self._load()
        self._quick = None  # the same dictionary without n-gram suggestions (batch suggestions)
        self._lock = threading.Lock()

    def _load(self):
        import hunspell

        return hunspell.Hunspell(self.code, hunspell_data_dir=str(self._folder))

    @property
    def _speller(self):
        """The Hunspell object, loaded on first use (call with the lock held)."""
        if self._hunspell is None:
            self._hunspell = self._load()
        return self._hunspell

    def spell(self, word: str) -> bool:
        """Tell whether Hunspell accepts ``word``."""
        if self._listed is not None and listed_shape(word):
            return self._listed.spell(word)  # exactly Hunspell's verdict on such words (tested)
        try:
            with self._lock:
                return bool(self._speller.spell(word))
        except (UnicodeError, ValueError):
            return False

    def load(self) -> None:
        """Load the Hunspell dictionary now if it is not loaded yet (before forking workers that would each load it)."""
        with self._lock:
            self._speller  # noqa: B018 - the property loads it

    def suggest(self, word: str) -> list[str]:
        """Hunspell's suggestions for ``word`` (slow: a tenth of a second or more, it scans every word)."""
        try:
            with self._lock:
                return list(self._speller.suggest(word))
        except (UnicodeError, ValueError):
            return []

    def replacements(self) -> tuple[Replacement, ...]:
        """The dictionary's sound-alike replacement table (its ``REP`` lines), for suggestions."""
        return dictionary_replacements(self._folder / f"{self.code}.aff")

    def quick_suggest(self, word: str) -> list[str]:
        """Hunspell's edit-based suggestions only, without the n-gram scan of the whole word list (~15x faster)."""
        try:
            with self._lock:
                if self._quick is None:
                    self._quick = _without_ngrams(self.code, self._folder)
                return list(self._quick.suggest(word))
        except (UnicodeError, ValueError):
            return []


def _without_ngrams(code: str, folder: Path):
    """A second Hunspell for ``code`` whose affix file switches off n-gram suggestions (built on demand)."""
    import hunspell

    with tempfile.TemporaryDirectory(prefix="writer-app-hunspell-") as temp:
        shutil.copyfile(folder / f"{code}.dic", Path(temp) / f"{code}.dic")
        affixes = (folder / f"{code}.aff").read_bytes()
        (Path(temp) / f"{code}.aff").write_bytes(affixes + b"\n\nMAXNGRAMSUGS 0\n")
        return hunspell.Hunspell(code, hunspell_data_dir=temp)


def _dictionary_folder(code: str) -> Path | None:
    try:
        from writer_app.resources import resource_path

        folder = resource_path("dictionaries")
    except FileNotFoundError:
        return None
    return folder if (folder / f"{code}.dic").is_file() and (folder / f"{code}.aff").is_file() else None


_LOADED: dict[str, _Dictionary] = {}
_LOAD_LOCK = threading.Lock()
_FICTION: dict[str, frozenset[str]] = {}


def dictionary(dialect: str) -> _Dictionary:
    """Return the shared Hunspell dictionary for ``dialect`` ("en-US"/"en-GB"), loading it once."""
    code = _HUNSPELL_CODES.get(dialect, "en_US")
    with _LOAD_LOCK:
        if code not in _LOADED:
            _LOADED[code] = _Dictionary(code)
        return _LOADED[code]


_BRITISH: list[BritishOnly | None] = []


def british_only() -> BritishOnly | None:
    """The shipped list of British-only spellings, loaded once; None when stale (the en_GB dictionary judges)."""
    with _LOAD_LOCK:
        if not _BRITISH:
            _BRITISH.append(load_british_only())
        return _BRITISH[0]


def fiction_words() -> frozenset[str]:
    """The bundled words fiction needs (dialect, slang, interjections, archaic spellings), loaded once."""
    with _LOAD_LOCK:
        if "all" not in _FICTION:
            words: set[str] = set()
            try:
                from writer_app.resources import resources_dir

                for path in sorted((resources_dir() / "dictionaries").glob("*-words.txt")):
                    words |= load_word_list(path)
            except FileNotFoundError:
                log.warning("bundled fiction word lists missing")
            _FICTION["all"] = frozenset(w.replace("’", "'") for w in words)
        return _FICTION["all"]


def _expand_known(words: Iterable[str]) -> set[str]:
    """Split multi-word names into parts and normalise apostrophes."""
    out: set[str] = set()
    for entry in words:
        entry = entry.replace("’", "'").strip()
        if not entry:
            continue
        out.add(entry)
        out.update(WORD_RE.findall(entry))
    return out


class SpellChecker:
    """Flag misspelt words, quietly: names, dialect, foreign passages and web addresses pass."""

    name = "spelling"

    def __init__(self, config: CheckConfig | None = None) -> None:
        self.config = config or CheckConfig()
        self.dialect = self.config.dialect if self.config.dialect in _HUNSPELL_CODES else "en-US"
        self._primary = dictionary(self.dialect)
        # The other dialect's dictionary: en-US accepts British spellings (lenient); en-GB uses en-US for
        # words the British list lacks ("shew", "1990s") but still reports American spellings like "color".
        # (loaded on first use: most words are settled by the primary one, and loading costs a tenth of a second)
        self._other: _Dictionary | None = None
        self._known: set[str] = set(fiction_words()) | _expand_known(self.config.known_words)
        self._lock = threading.Lock()
        self._ok: set[str] = set()  # words accepted whatever their context
        self._unknown: set[str] = set()  # words the dictionaries reject (context may still excuse them)
        self._names: set[str] = set()  # capitalised unknown words seen mid-sentence: proper names
        # Lowercase unknown words the text uses only inside dialogue, more than once: a character's voice
        # ("becuz", "knowed"), accepted inside dialogue; ``_told`` holds those also seen in narration.
        self._voice: set[str] = set()
        self._told: set[str] = set()
        self._near: dict[str, bool] = {}
        # Lines a study of the text found nothing to flag in (see :attr:`name_learning.Study.clean`): what makes
        # them clean (accepted words, learnt names) is never unlearnt, so checking one is a set lookup.
        self._clean: set[bytes] = set()  # their digests (see ``line_key``)
        self._variants: dict[str, str | None] = {}
        self._misspelt_word = "misspelt" if self.dialect == "en-GB" else "misspelled"
        self._suggester: Suggester | bool | None = None

    @property
    def _secondary(self) -> _Dictionary:
        """The other dialect's dictionary, loaded on first use."""
        other = self._other
        if other is None:
            other = self._other = dictionary("en-GB" if self.dialect == "en-US" else "en-US")
        return other

    def load_dictionaries(self) -> None:
        """Load both dialects' Hunspell dictionaries now, not on first need (a hyphenated compound, a word the
        lists cannot judge): for a caller about to fork workers, which would otherwise each load them. Verdicts
        are the same either way (which dictionary answers which word does not change)."""
        self._primary.load()
        dictionary("en-GB" if self.dialect == "en-US" else "en-US").load()

    def _other_spells(self, word: str) -> bool:
        """The other dialect's verdict on a word the primary dictionary rejects.

        An en-US check asks the shipped British-only list (exactly en_GB's verdict on such words) and loads the
        en_GB dictionary only for shapes the list cannot judge (hyphenated compounds) or when the list is stale.
        """
        if self.dialect == "en-US" and self._other is None and listed_shape(word):
            british = british_only()
            if british is not None:
                return british.spell(word)
        return self._secondary.spell(word)

    # -- public API ---------------------------------------------------------------------------------------
    def check(self, text: str) -> list[Issue]:
        """Return spelling issues of one paragraph; never computes suggestions (see :meth:`suggest`)."""
        clean = self._clean
        if clean and line_key(text) in clean:
            return []
        words = WORD_RE.findall(text)
        ok = self._ok
        if ok.issuperset(words):
            return []
        if len(words) >= _GIBBERISH_WORDS and self._gibberish(words):
            return []
        names = self._names
        # A learnt name is never flagged, nor is a word with a letter outside ASCII (a loan word or a foreign name,
        # see ``_excused``): such words need no place in the paragraph looked up.
        unknown = {
            word for word in set(words)
            if word not in ok and word not in names and word.isascii() and not self._accepts(word)
        }
        return self._check_unknown(text, unknown) if unknown else []

    def _gibberish(self, words: list[str]) -> bool:
        """A stretch that is mostly not words (random letters, encoded data, a binary blob read as text).

        Judging every unknown word costs a few Hunspell lookups; here the stretch's first distinct words decide.
        They are the same whatever was checked before (never "the first words not judged yet"): the verdict must
        not depend on what the speller has cached, or a paragraph's flags would depend on the order paragraphs are
        checked in (and on which worker process checks it).
        """
        sample = list(itertools.islice(dict.fromkeys(words), _GIBBERISH_SAMPLE))
        if len(sample) < _GIBBERISH_SAMPLE:
            return False
        rejected = sum(1 for word in sample if not self._accepts(word))
        if rejected >= _GIBBERISH_SAMPLE - 1:
            log.debug("spelling skipped a stretch of %d words that are mostly not words", len(words))
            return True
        return False

    def suggest(self, word: str, limit: int = 8, thorough: bool = True, left: str = "", right: str = "") -> list[str]:
        """Return likely corrections for ``word``, best first, in its case (call on demand only).

        Candidates a few typing slips away are ranked by slip, word frequency and the neighbouring words
        ``left``/``right`` when given; Hunspell judges what is a word. ``thorough=False`` never falls back to
        Hunspell's own (slow) search for words the edits do not reach: for batch tools.
        """
        curly = "’" in word
        plain = word.replace("’", "'")
        found: list[str] = []
        variant = self._british_variant(plain) if self.dialect == "en-GB" else None
        if variant:
            found.append(variant)
        suggester = self._ranked_suggester()
        if suggester is not None:
            found.extend(suggester.suggest(plain, left, right, limit=limit + 1, thorough=thorough))
        elif not thorough:
            found.extend(self._primary.quick_suggest(plain))
        else:
            found.extend(self._primary.suggest(plain))
        out: list[str] = []
        for candidate in found:
            if curly:
                candidate = candidate.replace("'", "’")
            if candidate != word and candidate not in out:
                out.append(candidate)
        return out[:limit]

    def _ranked_suggester(self) -> Suggester | None:
        """The frequency-ranked suggester, made on first use (None when the frequency data is missing)."""
        if self._suggester is None:
            try:
                data = frequency_data()
            except FrequencyDataError:
                log.warning("word frequencies missing; spelling suggestions come from Hunspell alone", exc_info=True)
                self._suggester = False
                return None
            self._suggester = Suggester(
                data, self._suggestion_judge, lambda: self._known, None, self._primary.suggest,
                partial(shared_index, data.words), self._primary.replacements(),
            )
        return self._suggester or None

    def _suggestion_judge(self, word: str) -> bool:
        """A candidate is a word when Hunspell or the writer's lists know it."""
        return word in self._known or self._primary.spell(word)

    def add_words(self, words: Iterable[str]) -> None:
        """Accept more words from now on (personal/project dictionary additions, new cast names)."""
        added = _expand_known(words)
        with self._lock:
            self._known |= added
            self._unknown -= {w for w in self._unknown if self._is_known(w)}
            self._near.clear()

    # -- what a study of a text reads and teaches (see :mod:`name_learning`) ------------------------------
    def accepts(self, word: str) -> bool:
        """The context-free verdict on ``word`` (cached): a word of the dictionaries, the lists or a safe shape."""
        return self._accepts(word)

    def known_names(self) -> frozenset[str]:
        """The names learnt so far."""
        with self._lock:
            return frozenset(self._names)

    def cached_verdicts(self) -> tuple[frozenset[str], frozenset[str]]:
        """The words judged so far: those accepted and those rejected (a cache a forked process hands back)."""
        with self._lock:
            return frozenset(self._ok), frozenset(self._unknown)

    def learn(
        self,
        names: Iterable[str],
        told: Iterable[str] = (),
        spoken: Iterable[str] = (),
        verdicts: Iterable[tuple[set[str], set[str]]] = (),
        clean: Iterable[bytes] = (),
        named: Iterable[tuple[bytes, frozenset[str]]] = (),
    ) -> int:
        """Learn what a text taught: ``names``; lowercase unknown words it ``told`` in narration; words ``spoken``
        in dialogue often enough to be a voice (kept unless also told, or a garbled common word); cached
        word ``verdicts`` (accepted, rejected) while the cache has room; and the text's lines with nothing to
        flag, by their :func:`line_key`: the ``clean`` ones, and the ``named`` ones whose rejected ASCII words are
        all names now (see :attr:`name_learning.Study.clean`). Returns how many names were new."""
        told = set(told)
        with self._lock:
            for accepted, rejected in verdicts:
                if len(self._ok) + len(self._unknown) + len(accepted) + len(rejected) <= _MAX_CACHE:
                    self._ok |= accepted
                    self._unknown |= rejected
            fresh = set(names) - self._names
            self._names |= fresh
            told_before = set(self._told)
            self._learn_clean(clean, named)
        # The garble test asks the dictionaries (and may cache verdicts): outside the lock, as in a check.
        voiced = {word for word in spoken if word not in told_before and word not in told and not self._garbled(word)}
        if told or voiced:
            with self._lock:
                self._told |= told
                self._voice -= told
                self._voice |= voiced
        return len(fresh)

    def _learn_clean(self, clean: Iterable[bytes], named: Iterable[tuple[bytes, frozenset[str]]]) -> None:
        """Remember lines with nothing to flag (call with the lock held, after the names are learnt)."""
        keys = set(clean)
        names = self._names
        keys.update(key for key, words in named if words <= names)
        keys -= self._clean
        if len(self._clean) + len(keys) > _MAX_CLEAN_LINES:
            self._clean.clear()
        if len(keys) <= _MAX_CLEAN_LINES:
            self._clean |= keys

    def learn_names(self, text: str) -> int:
        """Remember capitalised unknown words used mid-sentence anywhere in ``text`` (a chapter, a book) as names.

        Call before checking a document so a name is not flagged where it opens a sentence before its first
        mid-sentence use; returns how many names were learned. Unknown lowercase words ``text`` uses only
        inside dialogue, at least twice, are learnt as a character's voice (see :mod:`name_learning`).
        """
        from writer_app.grammar.name_learning import adopt, study

        return adopt(self, [study(self, text)])

    def _garbled(self, lower: str) -> bool:
        """True when two neighbouring letters swapped make ``lower`` a real word: a typo, never a voice."""
        return len(lower) >= 3 and any(self._word(candidate) for candidate in _transposed(lower))

    def is_correct(self, word: str) -> bool:
        """Tell whether ``word`` is accepted on its own, whatever its context."""
        return word in self._ok or self._accepts(word)

    # -- context-free verdicts --------------------------------------------------------------------------
    def _is_known(self, word: str) -> bool:
        known = self._known
        if word in known:
            return True
        if word[:1].isupper() and word.lower() in known:
            return True
        base = _possessive_base(word)
        return base is not None and (base in known or (base[:1].isupper() and base.lower() in known))

    def _accepts(self, word: str) -> bool:
        """Context-free verdict, cached: is ``word`` a word (dictionary, lists, shapes that are never typos)?"""
        if word in self._ok:
            return True
        if word in self._unknown:
            return False
        ok = self._judge(word)
        with self._lock:
            if len(self._ok) + len(self._unknown) > _MAX_CACHE:
                self._ok.clear()
                self._unknown.clear()
            (self._ok if ok else self._unknown).add(word)
        return ok

    def _judge(self, word: str) -> bool:
        plain = word.replace("’", "'")
        if len(plain) == 1 or self._is_known(plain):
            return True
        tail = plain[1:]
        # (a lowercase tail, as most words have, holds no capital and leaves the word not all capitals)
        if not tail.islower() and (plain.isupper() or any(c.isupper() for c in tail)):
            return True  # SHOUTING, acronyms ("HMMs"), mixed case: "iPhone", "McAllister", "IsValid"
        if self._primary.spell(plain):
            return True
        base = _possessive_base(plain)
        if base is not None and (self._primary.spell(base) or self._is_known(base)):
            return True
        if _ROMAN.match(plain):
            return True
        if _STRETCH.search(plain):
            for squeezed in (_STRETCH.sub(r"\1", plain), _STRETCH.sub(r"\1\1", plain)):
                if self._is_known(squeezed) or self._primary.spell(squeezed):
                    return True
        if self._other_spells(plain):
            return self.dialect == "en-US" or self._british_variant(plain) is None
        if plain[:1].isupper():
            # Unknown capitalised words are judged in context (names) by the caller; "Bwing!" is dialect.
            return plain[1:].islower() and self._is_eye_dialect(plain.lower())
        return self._is_derived(plain) or self._is_eye_dialect(plain)

    def _is_eye_dialect(self, lower: str) -> bool:
        """Spelled-out accents fiction uses on purpose (see :func:`word_formation.is_eye_dialect`)."""
        return is_eye_dialect(lower, self._word)

    def _word(self, lower: str) -> bool:
        """A dictionary or list word: never a word only accepted by a shape rule (``_ok`` holds those too), so a
        verdict does not depend on which words were judged before it."""
        return self._is_known(lower) or self._primary.spell(lower)

    def _is_derived(self, lower: str) -> bool:
        """Productive English made of dictionary words (see :func:`word_formation.is_derived`)."""
        return is_derived(lower, self._word)

    def _british_variant(self, word: str) -> str | None:
        """The British spelling when ``word`` is an American one ("color" -> "colour"), else None."""
        if word in self._variants:
            return self._variants[word]
        found: str | None = None
        lower = word.lower()
        gb = dictionary("en-GB")
        for pattern, replacement in _BRITISH_PATTERNS:
            for match in pattern.finditer(lower):
                candidate = lower[: match.start()] + replacement + lower[match.end() :]
                if gb.spell(candidate):
                    found = candidate
                    break
            if found:
                break
        if found and word[:1].isupper():
            found = found[:1].upper() + found[1:]
        self._variants[word] = found
        return found

    def _near_common_word(self, lower: str) -> bool:
        """Tell whether a lowercase form is one edit away from a lowercase dictionary word (a likely typo)."""
        if lower in self._near:
            return self._near[lower]
        result = False
        if len(lower) >= 4 and lower.isalpha():
            for candidate in _edits1(lower):
                if candidate in self._ok or self._primary.spell(candidate):
                    result = True
                    break
        self._near[lower] = result
        return result

    # -- context ------------------------------------------------------------------------------------------
    def _check_unknown(self, text: str, unknown: set[str]) -> list[Issue]:
        candidates: list[tuple[int, int, str]] = []
        for start, end, word in word_places(text, unknown):
            if self._excused(text, start, end, word):
                continue
            candidates.append((start, end, word))
        if not candidates:
            return []
        # Capitalised unknown words mid-sentence are names; learn them before judging sentence starts.
        starts: list[tuple[int, int, str]] = []
        for start, end, word in candidates:
            if word[:1].isupper() and not _at_sentence_start(text, start):
                self._names.add(word)
            else:
                starts.append((start, end, word))
        foreign: list[tuple[int, int]] | None = None
        spoken: tuple[tuple[int, int], ...] | None = None
        issues: list[Issue] = []
        for start, end, word in starts:
            if not self.config.strict_dialogue and word[:1].islower():
                if spoken is None:
                    spoken = dialogue_spans(text)
                if self._spoken_voice(text, spoken, start, end, word):
                    continue
            if word[:1].isupper():
                lower = word.lower()
                if word in self._names or not (self._near_common_word(lower) or _swapped_common(lower)):
                    continue
                if _TITLE_BEFORE.search(text, max(0, start - 12), start) or _NEXT_CAPITAL.match(text, end):
                    continue  # "Mrs. Younge", "Haye Park": part of a name
            if foreign is None:
                foreign = foreign_spans(text)
            if any(a <= start and end <= b for a, b in foreign):
                continue
            issues.append(self._issue(start, end, word))
        return issues

    def _spoken_voice(
        self, text: str, spoken: tuple[tuple[int, int], ...], start: int, end: int, word: str
    ) -> bool:
        """Whether an unknown lowercase word is deliberate: a character's voice, an elision or a quoted term.

        Inside dialogue: a word learned as voice, a word cut short by an apostrophe ("roun'"), any word of a
        speech written in dialect (other elisions, "ain't", learned voice words), and a quoted term of one to
        three words. Anywhere: a word opening with a typographic elision apostrophe ("’pon", "’nough").
        A garble of a real word ("recieve", "teh") is never excused.
        """
        lower = word.lower().replace("’", "'")
        if self._garbled(lower):
            return False
        if start and text[start - 1] == "’" and (start < 2 or not text[start - 2].isalnum()):
            return True
        index = bisect_right(spoken, (start, sys.maxsize)) - 1
        if index < 0 or not (spoken[index][0] <= start and end <= spoken[index][1]):
            return False
        speech = text[spoken[index][0] : spoken[index][1]]
        if lower in self._voice or _QUOTED_TERM.match(speech.strip()):
            return True
        return self._dialectal(speech)

    def _dialectal(self, speech: str) -> bool:
        """True when a speech is written in dialect: an elision apostrophe, a marker word, a learned voice word."""
        if _ELISION.search(speech):
            return True
        words = {word.lower().replace("’", "'") for word in WORD_RE.findall(speech)}
        return not words.isdisjoint(_DIALECT_MARKERS) or not words.isdisjoint(self._voice)

    def _excused(self, text: str, start: int, end: int, word: str) -> bool:
        """Context that makes an unknown word fine: digits, web addresses, dialect apostrophes, loans."""
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if before.isdigit() or after.isdigit():
            return True
        if (before == "_" and start >= 2 and text[start - 2].isalnum()) or (
            after == "_" and end + 1 < len(text) and text[end + 1].isalnum()
        ):
            return True
        if not word.isascii():
            return True  # accented loan words and foreign names: "Gênes", "Bezúkhov"
        lower = word.lower().replace("’", "'")
        if before and before in _APOSTROPHES and ("'" + lower) in self._known:
            return True
        if after and after in _APOSTROPHES:
            if lower + "'" in self._known:
                return True
            if lower.endswith("in") and self._accepts(word + "g"):
                return True  # g-dropping: "nothin'", "runnin'"
        if text.startswith(("...", "…"), end) or text[max(0, start - 5) : start].rstrip().endswith(("...", "…")):
            return True  # broken-off speech: "in this cond...", "ex... len... lency"
        if (before == "-" or after == "-") and self._hyphenated_ok(text, start, end, word):
            return True
        if _in_web_address(text, start, end) or _in_code(text, start, end):
            return True
        if is_foreign_word(lower):
            return True
        previous, following = _neighbours(text, start, end)
        return is_foreign_neighbour(previous, following)

    def _hyphenated_ok(self, text: str, start: int, end: int, word: str) -> bool:
        """A part of a hyphenated compound passes when short ("un-", "-ing", stutters) or the whole is a word."""
        if len(word) <= 3:
            return True
        left = start
        while left > 0 and (text[left - 1].isalpha() or text[left - 1] in "-'’"):
            left -= 1
        right = end
        while right < len(text) and (text[right].isalpha() or text[right] in "-'’"):
            right += 1
        compound = text[left:right].strip("-'’").replace("’", "'")
        parts = [part.lower() for part in compound.split("-")]
        if len(parts) != len(set(parts)):
            return True  # reduplication: "piti-piti", "tra-la-la"
        if self._primary.spell(compound) or self._other_spells(compound):
            return True
        joined = compound.replace("-", "")
        return self._accepts(joined) if joined != word else False

    def _issue(self, start: int, end: int, word: str) -> Issue:
        variant = self._british_variant(word.replace("’", "'")) if self.dialect == "en-GB" else None
        if variant and self._secondary.spell(word.replace("’", "'")):
            return Issue(
                start,
                end,
                word,
                f"“{word}” is the American spelling; British English writes “{variant}”.",
                (variant,),
                VARIANT_RULE,
                Category.SPELLING,
                self.name,
            )
        return Issue(start, end, word, f"“{word}” may be {self._misspelt_word}.", (), RULE, Category.SPELLING, self.name)


def _possessive_base(word: str) -> str | None:
    if len(word) > 2 and word[-2] in _APOSTROPHES and word[-1] in "sS":
        return word[:-2]
    return None


def _at_sentence_start(text: str, start: int) -> bool:
    """Tell whether the word at ``start`` opens a sentence, a paragraph or a quotation."""
    i = start - 1
    opened = False
    while i >= 0:
        char = text[i]
        if char.isspace():
            i -= 1
            continue
        if char in _OPENERS:
            opened = opened or char in "\"“‘'«([—–"
            i -= 1
            continue
        return opened or char in _SENTENCE_ENDS
    return True


def _in_web_address(text: str, start: int, end: int) -> bool:
    left = start
    limit = max(0, start - 200)
    while left > limit and not text[left - 1].isspace():
        left -= 1
    right = end
    limit = min(len(text), end + 200)
    while right < limit and not text[right].isspace():
        right += 1
    chunk = text[left:right]
    return bool(_WEB.search(chunk))


def _in_code(text: str, start: int, end: int) -> bool:
    """A file name, path or call rather than prose: "init.xz", "lib/", "imread()", "ricardo-reis-1970's"."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if (before and before in "/\\") or (after and after in "/\\(") or (
        before == "." and start >= 2 and text[start - 2].isalnum()
    ):
        return True
    if before == "-" or after == "-":
        left = start
        while left > 0 and not text[left - 1].isspace() and start - left < 60:
            left -= 1
        right = end
        while right < len(text) and not text[right].isspace() and right - end < 60:
            right += 1
        return any(c.isdigit() for c in text[left:right])
    return False


def _neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    before = WORD_RE.findall(text[max(0, start - 40) : start])
    after = WORD_RE.search(text, end, min(len(text), end + 40))
    return (before[-1] if before else ""), (after.group() if after else "")


def _edits1(word: str) -> Iterable[str]:
    """All strings one deletion, transposition, substitution or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if right:
            yield left + right[1:]
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]
        for letter in _LETTERS:
            if right and letter != right[0]:
                yield left + letter + right[1:]
            yield left + letter + right
