"""A long text checked on several cores gives exactly the single-process results."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from writer_app.grammar import parallel
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.factory import build_checker, check_text

PLANTED = (
    "Their going to walk the dogs along the canal tomorow morning.\n"
    "She could of told me the the truth before the train left.\n"
    "\r\n"
    "He said it was alright, and then he lay the book on the table.\r\n"
)


def test_runs_cover_the_text_and_cut_only_after_line_ends() -> None:
    text = "one line\nanother line\r\n\nlast without end" * 7
    runs = parallel.line_runs(text, 5)
    assert runs[0][0] == 0 and runs[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(runs, runs[1:], strict=False))
    assert all(text[end - 1] == "\n" for _start, end in runs[:-1])
    assert parallel.line_runs("no line end at all", 4) == [(0, 18)]


def test_checking_runs_cover_the_text_cut_after_line_ends_and_taper() -> None:
    text = "".join(f"line {i} of the long chapter\n" for i in range(20_000))
    runs = parallel.tapering_runs(text, 2, smallest=10_000)
    assert runs[0][0] == 0 and runs[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(runs, runs[1:], strict=False))
    assert all(text[end - 1] == "\n" for _start, end in runs)
    sizes = [end - start for start, end in runs]
    assert sizes[:-1] == sorted(sizes[:-1], reverse=True)  # longest first (the last takes what is left)
    assert sizes[0] > 4 * sizes[-2] and min(sizes) >= 10_000
    assert parallel.tapering_runs("no line end at all", 2, smallest=4) == [(0, 18)]
    assert parallel.tapering_runs("", 2) == [(0, 0)]


def test_a_parallel_check_finds_exactly_what_one_process_finds(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    novel = (corpus_dir / "pride-and-prejudice.txt").read_text(encoding="utf-8")[:60_000]
    text = PLANTED + novel + PLANTED * 3 + novel[:20_000]
    single = check_text(build_checker(CheckConfig()), text)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 1_000)
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    split = check_text(build_checker(CheckConfig()), text, parallel=True)
    assert {issue.rule for issue in single} >= {"SPELLING"}
    assert split == single


def test_a_short_text_stays_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*_args, **_kwargs):
        raise AssertionError("a pool was started for a short text")

    monkeypatch.setattr(multiprocessing, "get_context", no_pool)
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    issues = check_text(build_checker(CheckConfig()), PLANTED, parallel=True)
    assert any(issue.rule == "SPELLING" for issue in issues)


def test_forked_map_keeps_order_shares_loaded_state_and_uses_other_processes() -> None:
    import os

    loaded = {"word": "lantern"}  # stands for an engine the workers inherit instead of receiving it
    results = parallel.map_forked(lambda i: (i, loaded["word"][i], os.getpid()), list(range(7)), workers=2)
    assert [(i, letter) for i, letter, _pid in results] == list(enumerate("lantern"))
    assert any(pid != os.getpid() for _i, _letter, pid in results)
    assert parallel.map_forked(lambda i: i * 2, [21], workers=2) == [42]  # one item: done here


def test_a_short_check_does_not_import_multiprocessing(tmp_path: Path) -> None:
    import subprocess
    import sys

    draft = tmp_path / "one-line.txt"
    draft.write_text("The lantern was lit tomorow.\n", encoding="utf-8")
    code = (
        "import sys\nfrom writer_app.cli import main\nmain(['check', sys.argv[1]])\n"
        "print('multiprocessing' in sys.modules)\n"
    )
    env = dict(os.environ)
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[variable] = str(tmp_path / variable.lower())  # never the real user's folders
    run = subprocess.run([sys.executable, "-c", code, str(draft)], capture_output=True, text=True, timeout=300,
                         check=False, env=env)
    assert run.stdout.strip().splitlines()[-1] == "False", run.stderr[-2000:]


NAMED = (
    "The ferry left late because Kestrith had lost the tickets again.\n"
    "Nobody blamed him; they walked with\n"
    "Varnesse along the quay instead, and Mr. Ostreby followed.\n"
    "\n"
    "“We is hinnet home,” said the boy. “Hinnet now, afore dark.”\n"
    "Kestrith laughed. “You hinnet nowhere without supper, gwine or no.”\n"
    "The gwine in narration spoils nothing; frazzit is said once: “frazzit.”\n"
)


def test_learning_names_in_parts_learns_what_the_whole_text_teaches() -> None:
    from writer_app.grammar.name_learning import adopt, study

    whole = build_checker(CheckConfig()).speller
    parts = build_checker(CheckConfig()).speller
    assert whole is not None and parts is not None
    learned = whole.learn_names(NAMED)
    runs = [(start, start + len(line)) for start, line in _lines_with_ends(NAMED)]
    # Every line its own part, studied in reverse order: the cuts and the order must not matter.
    studies = [study(parts, NAMED, start, end, verdicts=True) for start, end in reversed(runs)]
    assert adopt(parts, studies) == learned >= 2
    assert {"Kestrith", "Varnesse", "Ostreby"} <= parts._names and "hinnet" in parts._voice
    assert (parts._names, parts._voice, parts._told) == (whole._names, whole._voice, whole._told)


def test_a_long_text_learns_its_names_on_several_cores_with_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = NAMED * 40
    single = build_checker(CheckConfig()).speller
    split = build_checker(CheckConfig()).speller
    assert single is not None and split is not None
    expected = single.learn_names(text)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 1_000)
    assert parallel.learn_names_parallel(split, text, workers=2) == expected
    assert (split._names, split._voice, split._told) == (single._names, single._voice, single._told)
    assert "gwine" in split._unknown  # verdicts made in the workers are kept here, for the check's workers


def test_a_long_text_leaves_both_dictionaries_loaded_here_for_the_checking_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from writer_app.grammar import spelling

    monkeypatch.setattr(spelling, "_LOADED", {})  # nothing loaded yet in this process
    speller = build_checker(CheckConfig()).speller
    assert speller is not None
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 1_000)
    ran: list[bool] = []
    parallel.learn_names_parallel(speller, NAMED * 40, workers=2, meanwhile=lambda: ran.append(True))
    assert ran == [True]
    assert set(spelling._LOADED) == {"en_US", "en_GB"}
    assert all(each._hunspell is not None for each in spelling._LOADED.values())


def _lines_with_ends(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in text.splitlines(keepends=True):
        out.append((offset, line))
        offset += len(line)
    return out


def _blocks_ending_before_names(count: int) -> tuple[str, list[str]]:
    """Wrapped blocks, each ending mid-sentence before a blank line and the next block's own invented name
    (so a name is learnt only by reading on across a blank line, wherever the runs are cut)."""
    names = [f"Qu{a}{b}reth" for a in "bdfgkmpt" for b in "aeiou"][:count]
    blocks = []
    for name in names:
        blocks.append(
            f"{name} waited by the harbour wall while the boats came in one after another, and the\n"
            "gulls wheeled over the nets until the light went out of the sky and the fishermen went\n"
            "home along the quay, still talking about the storm that had kept them in port with\n"
        )
    return "\n".join(blocks) + "\n", names


def test_a_long_text_is_unwrapped_and_studied_in_runs_with_the_whole_texts_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from writer_app.grammar.unwrap import unwrap

    text, names = _blocks_ending_before_names(40)
    text += NAMED * 10
    single = build_checker(CheckConfig()).speller
    split = build_checker(CheckConfig()).speller
    assert single is not None and split is not None
    whole = unwrap(text)
    single.learn_names(whole.text)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 1_000)
    cuts: list[list[tuple[int, int]]] = []
    import writer_app.grammar.unwrap as unwrap_module

    real = unwrap_module.block_runs
    monkeypatch.setattr(unwrap_module, "block_runs", lambda *args: cuts.append(real(*args)) or cuts[-1])
    ran: list[bool] = []
    unwrapped = parallel.unwrap_and_learn_parallel(split, text, workers=3, meanwhile=lambda: ran.append(True))
    assert len(cuts[0]) == 3 and ran == [True]
    assert whole.changed and unwrapped.text == whole.text
    assert set(names[1:]) <= single._names  # each learnt across a blank line (the first starts the text)
    assert (split._names, split._voice, split._told) == (single._names, single._voice, single._told)


def test_a_long_text_without_blank_lines_is_unwrapped_here_and_studied_by_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = NAMED.replace("\n\n", "\n") * 40
    single = build_checker(CheckConfig()).speller
    split = build_checker(CheckConfig()).speller
    assert single is not None and split is not None
    single.learn_names(text)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 1_000)
    unwrapped = parallel.unwrap_and_learn_parallel(split, text, workers=2)
    assert unwrapped.text == text
    assert (split._names, split._voice, split._told) == (single._names, single._voice, single._told)
