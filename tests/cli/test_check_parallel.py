"""``writer-app check`` on a long text split between processes prints exactly what one process prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from writer_app import cli
from writer_app.cli import check_command
from writer_app.grammar import parallel

# Our own sentences: slips of every engine, and unknown words in several places so that the suggestion
# budgets run out part-way through the text.
PARAGRAPHS = (
    "Their going to walk the dogs along the canal tomorow morning, weather or not it rains.",
    "She could of told me the the truth before the train left the stationn.",
    "The old mill stood by the river, and its wheel turned slowly in the brown water.",
    "He had recieved the letter on Tuesday but he never opend it until the harvest was in.",
    "Nobody in the village knew wether the bridge would hold another winter of floods.",
    "The schoolmaster wrote the sums on the board while the children whisperred behind him.",
    "A carriage rattled past the inn, its lamps swinging, and the dogs barked at the wheels.",
    "They argued about the price of flour untill the candle burnt down to a stub.",
    "Grandmother kept her receipts in a tin box under the bed, tied with a faded ribbon.",
    "The storm cloud over the hills looked like a bruise, purple and yellow at the edges.",
)


def _run(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str]:
    code = cli.main(["check", "--format", "json", str(path)])
    return code, capsys.readouterr().out


@pytest.mark.parametrize(("between", "studied_by"), [("\n", "line_runs"), ("\n\n", "block_runs")])
def test_parallel_check_prints_what_one_process_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, between: str,
    studied_by: str,
) -> None:
    # Made-up words no small edit reaches: they want Hunspell's full search, more of them than its budget.
    # Paragraphs one a line are studied in runs of lines; paragraphs between blank lines, in runs of blocks
    # unwrapped where they are studied.
    strange = ("zorblaxian", "vrexthulm", "pflargnost", "gribbenzalt", "yxthorpian")
    text = between.join(PARAGRAPHS[i % len(PARAGRAPHS)] + (f" {strange[i % 5]} quimbering." if i % 7 == 3 else "")
                     for i in range(120)) + "\n"
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(check_command, "QUICK_SUGGESTIONS", 6)
    monkeypatch.setattr(check_command, "THOROUGH_SUGGESTIONS", 2)
    monkeypatch.setattr(parallel, "worker_count", lambda: 1)
    single = _run(capsys, path)
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 1_000)
    monkeypatch.setattr(parallel, "SMALLEST_RUN", 400)
    runs: dict[str, list[tuple[int, int]]] = {}
    from writer_app.grammar import unwrap

    for module, name in ((parallel, "line_runs"), (unwrap, "block_runs"), (parallel, "tapering_runs")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *args, real=real, name=name: runs.setdefault(name, real(*args)))
    split = _run(capsys, path)
    # The names were learnt in two parts, and the text was checked in runs shared by two workers.
    assert len(runs[studied_by]) == 2 and len(runs["tapering_runs"]) > 4
    issues = json.loads(single[1])["files"][0]["issues"]
    assert single[0] == 1 and any(i["category"] == "spelling" and i["replacements"] for i in issues)
    assert any(i["category"] == "spelling" and not i["replacements"] for i in issues)  # the budget ran out
    assert sum(i["text"] in strange and bool(i["replacements"]) for i in issues) >= 2  # full searches made
    assert split == single


def test_a_word_is_given_one_full_search_whichever_parts_lack_a_quick_suggestion() -> None:
    budget = check_command._SearchBudget(2)
    assert not budget.take("vrexthulm")  # not shared yet: no worker searches
    budget.share()
    assert budget.take("vrexthulm")
    assert not budget.take("vrexthulm")  # another part met it too: searched once, the budget kept
    assert budget.take("pflargnost")
    assert not budget.take("gribbenzalt")  # spent


def test_the_search_budget_is_shared_by_forked_workers() -> None:
    budget = check_command._SearchBudget(3)
    budget.share()
    words = ["zorblaxian", "yxthorpian", "zorblaxian", "quimbering", "yxthorpian", "zorblaxian"] * 3
    taken = parallel.map_forked(budget.take, words, workers=2)
    # Whichever worker meets a word first searches it; every other meeting is refused.
    assert sorted(w for w, ok in zip(words, taken, strict=True) if ok) == ["quimbering", "yxthorpian", "zorblaxian"]
    assert not budget.take("gribbenzalt")  # the three searches spent the budget


def test_only_a_text_checked_in_parts_gets_its_checker_built_in_stages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from writer_app.grammar import factory

    built: list[bool] = []
    real = factory.build_checker

    def recording(config, extra=(), staged=False):
        built.append(staged)
        return real(config, extra, staged)

    monkeypatch.setattr(factory, "build_checker", recording)
    short = tmp_path / "short.txt"
    short.write_text(PARAGRAPHS[1] + "\n", encoding="utf-8")
    long = tmp_path / "long.txt"
    long.write_text("\n\n".join(PARAGRAPHS * 4) + "\n", encoding="utf-8")
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 1_000)
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    assert _run(capsys, short)[0] == 1  # a one-line check: every engine built at once, as before
    assert _run(capsys, long)[0] == 1  # a long text: the rules load while its names are studied
    assert built == [False, True]
