"""``writer-app check``: grammar and spelling of files or whole projects, as text lines or JSON."""

from __future__ import annotations

import argparse
import bisect
import gc
import json
import logging
import os
import sys
import weakref
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from writer_app.cli.encodings import add_encoding_option, note_encoding
from writer_app.core.textfile import AUTO
from writer_app.errors import WriterAppError
from writer_app.grammar.model import Issue

log = logging.getLogger(__name__)

SUGGESTIONS_SHOWN = 3
QUICK_SUGGESTIONS = 500  # distinct unknown words given quick (small-edit) suggestions
# Of those, words with no quick suggestion given the far-off search (a few milliseconds each since it has its own
# index; 10 while it was Hunspell's full search, a tenth of a second or more).
THOROUGH_SUGGESTIONS = 50


class CheckInputError(WriterAppError):
    """A path given to ``writer-app check`` cannot be checked."""


@dataclass
class Target:
    """One text to check: the path to print, its text, and the project it belongs to (if any)."""

    shown: str
    text: str
    project: Any = None
    issues: list[Issue] = field(default_factory=list)
    checker: Any = None
    # Suggestions already made where the text was checked (a worker process): word -> suggestions, quick ones
    # in ``prepared`` and the far-off (full) search in ``searched``.
    prepared: dict[str, tuple[str, ...]] = field(default_factory=dict)
    searched: dict[str, tuple[str, ...]] = field(default_factory=dict)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``check`` subcommand."""
    parser = subparsers.add_parser(
        "check",
        help="check files or projects for grammar and spelling slips",
        description="Check text files or project folders (every chapter, in order) with the built-in checker.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a .txt/.md file or a project folder")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    parser.add_argument(
        "--lang", choices=("en-US", "en-GB"), default=None,
        help="English variety (default: the project's language, else your settings, else en-US)",
    )
    parser.add_argument(
        "--dialogue", choices=("relaxed", "strict"), default=None,
        help="grammar inside dialogue: relaxed leaves a character's dialect and nonstandard grammar alone, "
        "strict checks dialogue like narration (default: your settings, else relaxed)",
    )
    add_encoding_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check every PATH; exit 0 when clean, 1 when issues were found (errors raise, exit 2)."""
    encoding = getattr(args, "encoding", AUTO)
    groups = [_targets_of(Path(raw), raw, encoding) for raw in args.paths]
    settings = _load_settings()
    from writer_app.grammar.factory import build_checker, cast_words_of, check_text_parallel, config_from
    from writer_app.grammar.parallel import MIN_PARALLEL_CHARS

    checkers: dict[tuple[int, str, bool], tuple[Any, Any]] = {}
    results: list[Target] = []
    for project, targets in groups:
        config = config_from(settings, project, cast_words_of(project))
        if args.dialogue:
            config = replace(config, strict_dialogue=args.dialogue == "strict")
        if args.lang:
            config = replace(config, dialect=args.lang)
        elif project is None:
            config = replace(config, dialect=getattr(settings, "dialect", "en-US") or "en-US")
        key = (id(project), config.dialect, config.strict_dialogue)
        if key not in checkers:
            # Staged for a novel: the speller now, the rules while its names are studied in other processes.
            staged = any(len(target.text) >= MIN_PARALLEL_CHARS for target in targets)
            checkers[key] = (_built(partial(build_checker, staged=staged), config), config)
        checker, config = checkers[key]
        for target in targets:
            # A novel is checked on every core; each part's suggestions are made where it was checked.
            budget = _SearchBudget(THOROUGH_SUGGESTIONS)
            target.issues, prepared = check_text_parallel(
                checker, target.text, partial(_prepare_suggestions, checker, budget),
                partial(_before_fork, checker, budget), partial(_warm_up, checker),
            )
            for quick, searched in prepared:  # type: ignore[misc]
                target.prepared.update(quick)
                target.searched.update(searched)
            target.checker = checker
            results.append(target)
    _fill_suggestions(results)
    try:
        _write(results, args.format, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:  # `writer-app check ... | head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 1 if any(t.issues for t in results) else 0


def _built(build: Any, config: Any) -> Any:
    """``build(config)`` with the garbage collector paused, then what it loaded (rules, dictionaries) frozen: it
    lasts as long as the command, and no collection needs to walk its tens of thousands of objects again."""
    from writer_app.grammar.heap import collector_paused

    with collector_paused():
        try:
            return build(config)
        finally:
            gc.freeze()


def _write(results: list[Target], fmt: str, out: TextIO) -> None:
    """Print the results as ``file:line:col: message [rule] -> suggestion`` lines or as JSON."""
    if fmt == "json":
        json.dump({"files": [_json_file(t) for t in results]}, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        for target in results:
            starts = _line_starts(target.text) if target.issues else [0]
            for issue in target.issues:
                line, column = _line_column(starts, issue.start)
                suggestion = f" -> {issue.replacements[0] or '(delete)'}" if issue.replacements else ""
                out.write(f"{target.shown}:{line}:{column}: {issue.message} [{issue.rule}]{suggestion}\n")


def _load_settings() -> Any:
    try:
        from writer_app.settings import Settings
    except ImportError:  # pragma: no cover - settings module not built
        return None
    return Settings.load()


def _fill_suggestions(results: list[Target]) -> None:
    """Spelling issues carry no replacements (suggestions are slow); this batch tool asks for a few.

    The cost is bounded whatever the input (a 50 MB paragraph of gibberish has millions of unknown words):
    each distinct word, in order of appearance, gets quick typo suggestions (small edits) up to
    ``QUICK_SUGGESTIONS`` words, and a word those miss gets the far-off search (a few milliseconds
    more each) up to ``THOROUGH_SUGGESTIONS`` words; those searches share the cores. Later words are
    reported without suggestions. Quick suggestions a worker already made are not asked again.
    """
    chosen: dict[tuple[int, str], tuple[str, ...]] = {}
    thorough: list[tuple[Any, str]] = []  # (speller, word) given the full search, in order
    searched_by_worker: dict[int, dict[str, tuple[str, ...]]] = {}  # id(speller) -> word -> full search
    quick_left, thorough_left = QUICK_SUGGESTIONS, THOROUGH_SUGGESTIONS
    skipped = 0
    for target in results:  # first the quick suggestions, in order, and which words need the full search
        speller = getattr(target.checker, "speller", None)
        for word in _unknown_words(speller, target.issues):
            key = (id(speller), word)
            if key in chosen:
                continue
            found: tuple[str, ...] = ()
            if quick_left > 0:
                quick_left -= 1
                searched_by_worker.setdefault(id(speller), {}).update(target.searched)
                ready = target.prepared.get(word)
                found = ready if ready is not None else tuple(speller.suggest(word, thorough=False))
                if not found and thorough_left > 0:
                    thorough_left -= 1
                    thorough.append((speller, word))
            else:
                skipped += 1
            chosen[key] = found
    # Only indexes travel to the workers (forked: they already hold the spellers).
    missing = [pair for pair in thorough if pair[1] not in searched_by_worker.get(id(pair[0]), {})]
    searched = parallel_map(lambda i: tuple(missing[i][0].suggest(missing[i][1])), list(range(len(missing))))
    for (speller, word), found in zip(missing, searched, strict=True):
        searched_by_worker.setdefault(id(speller), {})[word] = found
    for speller, word in thorough:
        chosen[(id(speller), word)] = searched_by_worker[id(speller)][word]
    for target in results:
        speller = getattr(target.checker, "speller", None)
        if speller is not None:
            target.issues = [
                replace(issue, replacements=chosen[(id(speller), issue.text)][:SUGGESTIONS_SHOWN])
                if _needs_suggestions(speller, issue) else issue
                for issue in target.issues
            ]
    if skipped:
        log.info("suggestions given for the first %d distinct unknown words only (%d more)", QUICK_SUGGESTIONS, skipped)


def _needs_suggestions(speller: Any, issue: Issue) -> bool:
    return issue.source == speller.name and not issue.replacements


def _unknown_words(speller: Any, issues: list[Issue]) -> list[str]:
    """The flagged words of ``issues`` that want suggestions, in order (repeats included)."""
    if speller is None:
        return []
    return [issue.text for issue in issues if _needs_suggestions(speller, issue)]


def parallel_map(function: Any, items: list[Any]) -> list[Any]:
    """``function`` over ``items``, on every core when there are several (see ``grammar.parallel``)."""
    if len(items) < 2:
        return [function(item) for item in items]
    from writer_app.grammar.parallel import map_forked

    return map_forked(function, items)


class _SearchBudget:
    """How many full (far-off) searches the worker processes of one text may still start (shared by them),
    and which words they went to: a word two parts both lack a quick suggestion for is searched once."""

    def __init__(self, searches: int) -> None:
        self.searches = searches
        self._left: Any = None
        self._taken: Any = None  # the hashes of the words searched so far (forked workers share the hash seed)

    def take(self, word: str) -> bool:
        """True (and one fewer left) when a worker may start a full search for ``word``: budget is left and no
        worker has searched it yet (the final pick reads every worker's searches)."""
        if self._left is None:  # not shared: no worker searches
            return False
        key = hash(word)
        with self._left.get_lock():
            used = self.searches - self._left.value
            if self._left.value <= 0 or key in self._taken[:used]:
                return False
            self._taken[used] = key
            self._left.value -= 1
            return True

    def share(self) -> None:
        """Make the count shareable by the processes about to be forked."""
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._left = context.Value("i", self.searches)
        self._taken = context.Array("q", max(self.searches, 1), lock=False)


# A sentence of our own that wakes every engine (a pattern rule makes it analysed) and has only dictionary
# words, so checking it changes nothing a later check depends on.
WARM_UP = "They could went home."


_warmed: weakref.WeakSet[Any] = weakref.WeakSet()  # the checkers :func:`_warm_up` has loaded


def _warm_up(checker: Any) -> None:
    """Load, once and here, what every worker would otherwise load for itself: the sentence analyser, the
    suggestions' delete index and the dictionary's replacement table (nothing that depends on the text)."""
    if checker in _warmed:
        return
    _warmed.add(checker)
    try:
        checker.check(WARM_UP)  # (a staged checker builds its rules here)
    finally:
        gc.freeze()  # what it loaded lasts as long as the command: no collection needs to walk it again
    speller = getattr(checker, "speller", None)
    if speller is not None:
        speller.suggest("qxzvw", thorough=False)  # no small edit reaches it: the words a slip away are judged


def _before_fork(checker: Any, budget: _SearchBudget) -> None:
    """Just before the checking workers fork: the engines loaded (:func:`_warm_up`, if not done while the
    names were learnt), then the full-search budget shared."""
    _warm_up(checker)
    budget.share()


def _prepare_suggestions(
    checker: Any, budget: _SearchBudget, issues: list[Issue]
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """In a worker process, right after its part of a text is checked: the suggestions
    :func:`_fill_suggestions` may ask for, for that part's unknown words: quick ones, and the full (far-off)
    search for words without any while the shared ``budget`` lasts.

    Each part gets the whole quick budget, in its own order: a word within the first ``QUICK_SUGGESTIONS``
    of the whole run is within them in its part too, so the final pick, made in order over every part,
    finds every quick answer here. Full searches go to the first parts to ask; any the final pick wants
    and no worker made, it makes itself. Either way the output is that of a single process.
    """
    speller = getattr(checker, "speller", None)
    quick: dict[str, tuple[str, ...]] = {}
    searched: dict[str, tuple[str, ...]] = {}
    for word in _unknown_words(speller, issues):
        if len(quick) >= QUICK_SUGGESTIONS:
            break
        if word not in quick:
            quick[word] = tuple(speller.suggest(word, thorough=False))
            if not quick[word] and budget.take(word):
                searched[word] = tuple(speller.suggest(word))
    return quick, searched


def _targets_of(path: Path, shown: str, encoding: str | None = AUTO) -> tuple[Any, list[Target]]:
    """Read one PATH: a project folder (every chapter) or a single text file."""
    if path.is_file() and path.name == "project.json":
        path = path.parent
    if path.is_dir():
        from writer_app.core.project import Project

        if not (path / "project.json").is_file():
            raise CheckInputError(f"{shown} is a folder but not a writer-app project (it has no project.json).")
        project = Project.open(path, read_only=True, lock=False)
        targets = []
        for chapter in project.chapters:
            file = project.chapter_path(chapter)
            chapter_shown = str(Path(shown) / chapter.file)
            targets.append(Target(chapter_shown, read_text_file(file, chapter_shown, encoding), project))
        return project, targets
    if not path.exists():
        raise CheckInputError(f"{shown} does not exist.")
    return None, [Target(shown, read_text_file(path, shown, encoding))]


def read_text_file(path: Path, shown: str, encoding: str | None = AUTO) -> str:
    """Read a text file keeping its line endings, in ``encoding`` (``auto`` chooses and says so on stderr).

    Binary or undecodable files raise one clear sentence.
    """
    from writer_app.core.textfile import decode_keeping_newlines

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CheckInputError(f"{shown} does not exist.") from None
    except IsADirectoryError:
        raise CheckInputError(f"{shown} is a folder, not a text file.") from None
    except OSError as error:
        raise CheckInputError(f"{shown} cannot be read ({error.strerror or error}).") from None
    text, fmt = decode_keeping_newlines(data, path, encoding)
    note_encoding(shown, fmt, encoding or "utf-8")
    return text


def _line_column(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of ``offset``, given the offsets where lines start."""
    index = max(0, bisect.bisect_right(starts, offset) - 1)
    return index + 1, offset - starts[index] + 1


def _json_file(target: Target) -> dict[str, Any]:
    starts = _line_starts(target.text) if target.issues else [0]
    issues = []
    for issue in target.issues:
        line, column = _line_column(starts, issue.start)
        data = issue.to_json()
        issues.append({
            "start": data["start"], "end": data["end"], "line": line, "column": column,
            "text": data["text"], "message": data["message"], "replacements": data["replacements"],
            "rule": data["rule"], "category": data["category"], "source": data["source"],
        })
    return {"path": target.shown, "issues": issues}


def _line_starts(text: str) -> list[int]:
    """Offsets where lines start; ``\\r\\n``, ``\\r`` and ``\\n`` end lines, as in ``check_document``."""
    starts = [0]
    offset = 0
    for piece in text.splitlines(keepends=True):
        offset += len(piece)
        starts.append(offset)
    return starts
