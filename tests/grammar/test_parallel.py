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
