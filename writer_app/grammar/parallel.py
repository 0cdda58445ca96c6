"""Check a long text on every core: paragraphs split into runs, each run checked by a forked copy of the checker.

Only worth it for a long text (a novel), and only where processes can be forked (Linux): a forked worker starts
with the parent's loaded checker (rules, dictionaries, the names learnt from the whole text), so it pays
nothing to start; elsewhere, and for short texts, the check stays in one process. The text is cut only
between lines, which is where ``check_document`` cuts it anyway, and each paragraph's issues depend only on
the paragraph and what was learnt before the split, so the results are those of a single-process check.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from writer_app.grammar.engine import Checker, check_document, iter_paragraphs
from writer_app.grammar.model import Issue

if TYPE_CHECKING:
    from writer_app.grammar.unwrap import Unwrapped

log = logging.getLogger(__name__)

MIN_PARALLEL_CHARS = 300_000  # below this (about 50,000 words), starting workers costs more than it saves
# The checking runs taper: each takes 1/TAPER of what is left per worker, down to SMALLEST_RUN characters, so the
# workers start on long runs (little overhead) and end on short ones (one finishes soon after the other).
TAPER = 2
SMALLEST_RUN = 20_000
MAX_WORKERS = 4
# A worker's young-object collections wait for this many new objects (Python's default: 700). Checking a novel
# makes caches that live as long as the worker; collecting every 700 of them spent about 5 % of its time, and
# every 20,000 still 15-40 ms a worker on War and Peace (its caches hold tens of thousands of objects by then);
# at 50,000 a novel's check collects nothing, and a worker's peak memory stays the same (123 MB with or without).
WORKER_GC_THRESHOLD = 50_000
WARM_UP_CHARS = 2_000  # a longer first line is not checked twice just to warm up

# The blank lines and first line of text after a run (what a match at the run's end may read on into).
_NEXT_LINE = re.compile(r"\s*[^\n]*")

# The checker, text and follow-up the forked workers read (set just before the pool forks; never pickled).
_shared: tuple[Checker, str, Callable[[list[Issue]], object] | None] | None = None
_task: Callable[[Any], Any] | None = None  # the function ``map_forked`` workers apply


def worker_count() -> int:
    """How many processes a parallel check would use (1: check in this process)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    # Forking is safe on Linux; on macOS system libraries may hold threads that a fork breaks, and Windows
    # cannot fork: there the check stays in one process.
    if cores < 2 or not sys.platform.startswith("linux"):
        return 1
    import multiprocessing  # here, not at the top: a short check never starts workers (saves its import)

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(cores, MAX_WORKERS)


def line_runs(text: str, count: int) -> list[tuple[int, int]]:
    """Cut ``text`` into about ``count`` runs of whole lines: ``(start, end)`` offsets covering all of it."""
    size = len(text)
    runs: list[tuple[int, int]] = []
    start = 0
    for number in range(1, count):
        cut = text.find("\n", max(start, size * number // count))
        if cut < 0:
            break
        cut += 1
        if cut > start:
            runs.append((start, cut))
            start = cut
    if start < size or not runs:
        runs.append((start, size))
    return runs


def tapering_runs(text: str, workers: int, smallest: int | None = None) -> list[tuple[int, int]]:
    """Cut ``text`` into runs of whole lines for ``workers`` processes, each 1/``TAPER`` of what is left per
    worker (at least ``smallest`` characters, default ``SMALLEST_RUN``, and no shorter run left at the end):
    ``(start, end)`` offsets."""
    smallest = SMALLEST_RUN if smallest is None else smallest
    size = len(text)
    runs: list[tuple[int, int]] = []
    start = 0
    while start < size:
        want = max((size - start) // (TAPER * workers), smallest)
        cut = text.find("\n", start + want)
        end = size if cut < 0 or size - (cut + 1) < smallest else cut + 1
        runs.append((start, end))
        start = end
    return runs or [(0, 0)]


def _start_worker() -> None:
    """In a new worker: what it inherited (engines, caches) is set aside from garbage collection (it lives as
    long as the worker), and young objects are collected less often."""
    import gc

    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _check_run(run: tuple[int, int]) -> tuple[list[Issue], object]:
    """In a worker: the issues of one run of lines (offsets into the whole text) and the follow-up's result."""
    assert _shared is not None
    checker, text, after = _shared
    start, end = run
    issues = [issue.shifted(start) for issue in check_document(checker, text[start:end])]
    return issues, after(issues) if after is not None else None


def check_document_parallel(
    checker: Checker,
    text: str,
    workers: int | None = None,
    after: Callable[[list[Issue]], object] | None = None,
    before_fork: Callable[[], None] | None = None,
) -> tuple[list[Issue], list[object]]:
    """``check_document(checker, text)``, split over ``workers`` forked processes when the text is long enough.

    ``after`` runs in each worker on the issues of its run (work that can follow the check there, such as
    suggestions); its results come back in text order, and the list is empty when the text was checked in
    this process (then the caller does that work itself). ``before_fork`` runs here just before the workers
    start (to set up what they share), only when they do.
    """
    global _shared
    if len(text) < MIN_PARALLEL_CHARS:
        return check_document(checker, text), []
    workers = worker_count() if workers is None else workers
    if workers < 2:
        return check_document(checker, text), []
    runs = tapering_runs(text, workers)
    if len(runs) < 2:  # one enormous line: nothing to share
        return check_document(checker, text), []
    _warm_up(checker, text)
    if before_fork is not None:
        before_fork()
    _shared = (checker, text, after)
    try:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_start_worker) as pool:
            issues: list[Issue] = []
            extras: list[object] = []
            for found, extra in pool.imap(_check_run, runs):
                issues.extend(found)
                extras.append(extra)
            return issues, extras
    except (OSError, RuntimeError):  # no processes to be had (limits, sandbox): one process it is
        log.info("could not start worker processes; checking in one process", exc_info=True)
        return check_document(checker, text), []
    finally:
        _shared = None


def _warm_up(checker: Checker, text: str) -> None:
    """Check the text's first line here, before forking, so that what engines load on first use (word
    frequencies, patterns) is loaded once and inherited, not once per worker. A single-process check reads
    that line first too, so every worker starts from a state the single check passes through."""
    for _offset, line in iter_paragraphs(text):
        if line.strip():
            if len(line) <= WARM_UP_CHARS:
                checker.check(line)
            return


def unwrap_and_learn_parallel(
    speller: Any, text: str, workers: int | None = None, meanwhile: Callable[[], None] | None = None
) -> Unwrapped:
    """``unwrap(text)``, with ``speller`` taught the names of the text it gives (``speller.learn_names``): a
    long text is cut between blocks of lines and each run is unwrapped and studied on its own core.

    Unwrapping never joins across a blank line, so the runs' own unwrappings make the whole text's (see
    :func:`writer_app.grammar.unwrap.join_parts`), and their studies teach what one study of the whole
    unwrapped text would. ``meanwhile`` runs here meanwhile, as in :func:`learn_names_parallel`. A text with
    no blank line to cut at is unwrapped here and studied as :func:`learn_names_parallel` does.
    """
    from writer_app.grammar.unwrap import block_runs, join_parts, unwrap

    runs: list[tuple[int, int]] = []
    if len(text) >= MIN_PARALLEL_CHARS:  # (a short text never asks how many cores there are)
        workers = worker_count() if workers is None else workers
        runs = block_runs(text, workers) if workers >= 2 else []
    if len(runs) < 2:
        unwrapped = unwrap(text)
        learn_names_parallel(speller, unwrapped.text, workers, meanwhile)
        return unwrapped
    from writer_app.grammar.name_learning import adopt, study

    def part(run: tuple[int, int]) -> tuple[tuple[tuple[int, int, int], ...], Any]:
        start, end = run
        piece = unwrap(text[start:end])
        # A name the run's last words go on to (across the blank line) is read in the next run's first line,
        # which is the same words unwrapped or not.
        context = _NEXT_LINE.match(text, end)
        after = context.group(0) if context is not None else ""
        found = study(speller, piece.text + after, 0, len(piece.text), verdicts=True)
        return piece.pieces, found  # (the joined text is remade from the pieces: no text travels back)

    parts = map_forked(part, runs, workers, _meanwhile(speller, meanwhile))
    adopt(speller, [found for _pieces, found in parts])
    return join_parts(text, [(start, end, pieces) for (start, end), (pieces, _found) in zip(runs, parts, strict=True)])


def _meanwhile(speller: Any, meanwhile: Callable[[], None] | None) -> Callable[[], None]:
    """What this process does while other processes study a text's names: Hunspell loaded (once, here, for
    the checking workers forked afterwards: a study judges words from the shipped lists and loads it only for
    a shape they lack), then ``meanwhile``."""
    load = getattr(speller, "load_dictionaries", None)

    def here() -> None:
        if load is not None:
            load()
        if meanwhile is not None:
            meanwhile()

    return here


def learn_names_parallel(
    speller: Any, text: str, workers: int | None = None, meanwhile: Callable[[], None] | None = None
) -> int:
    """``speller.learn_names(text)``, with a long text's lines studied in parts on every core.

    The parts' findings (and the word verdicts they cached) come back here and are learnt together: the
    speller learns what one reading of the whole text teaches, and the checking workers forked afterwards
    inherit it (and the verdicts) from this process. ``meanwhile`` runs here while the parts are studied
    (work this process would otherwise do alone afterwards); it must not depend on the names.
    """
    if len(text) < MIN_PARALLEL_CHARS:
        return speller.learn_names(text)
    workers = worker_count() if workers is None else workers
    runs = line_runs(text, workers) if workers >= 2 else []
    if len(runs) < 2:
        return speller.learn_names(text)
    from writer_app.grammar.name_learning import adopt, study

    here = _meanwhile(speller, meanwhile)
    studies = map_forked(lambda run: study(speller, text, run[0], run[1], verdicts=True), runs, workers, here)
    return adopt(speller, studies)


def _apply(item: Any) -> Any:
    """In a worker of :func:`map_forked`: the shared function applied to one item."""
    assert _task is not None
    return _task(item)


def map_forked(
    function: Callable[[Any], Any],
    items: Sequence[Any],
    workers: int | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> list[Any]:
    """``[function(item) for item in items]``, shared between forked processes when there are several items.

    ``function`` may be any callable (a closure over loaded engines): the workers inherit it by forking, and
    only the items and results travel between processes. ``meanwhile`` (if given) runs in this process once
    the workers have started, or first when there are none; the workers never see what it does.
    """
    global _task
    workers = 1 if len(items) < 2 else min(worker_count() if workers is None else workers, len(items))
    if workers < 2:
        if meanwhile is not None:
            meanwhile()
        return [function(item) for item in items]
    _task = function
    started = False
    try:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker) as pool:
            pending = pool.map_async(_apply, items, chunksize=1)
            started = True
            if meanwhile is not None:
                meanwhile()
            return pending.get()
    except (OSError, RuntimeError):  # no processes to be had: do it here
        log.info("could not start worker processes; working in one process", exc_info=True)
        if meanwhile is not None and not started:
            meanwhile()
        return [function(item) for item in items]
    finally:
        _task = None
