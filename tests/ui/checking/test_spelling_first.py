"""Spelling first: while the engine loads its rules, the visible paragraphs get spelling underlines, then the full set."""

from __future__ import annotations

import contextlib
import os
import pickle
import threading
from collections.abc import Callable, Iterator

from tests.ui.checking.fakes import TehChecker
from writer_app.grammar.engine import CheckConfig
from writer_app.grammar.model import Category, Issue
from writer_app.ui.checking.engine_process import Warmup, check_texts, read_answer_bytes, serve
from writer_app.ui.checking.spans import text_key, to_spans
from writer_app.ui.checking.workers import BatchResult, CheckBatch, ParagraphJob, ParagraphResult


class SpellOnly(TehChecker):
    """The fake checker's spelling issues alone (what a speller finds)."""

    def check(self, text: str) -> list[Issue]:
        """Only the spelling issues."""
        return [issue for issue in super().check(text) if issue.category is Category.SPELLING]


class SpellFirstBackend:
    """A backend whose rules load until ``rules`` is set; meanwhile it answers spelling alone."""

    def __init__(self) -> None:
        self.rules = threading.Event()
        self.engines: tuple[str, ...] = ()

    def spell_first(self, config: CheckConfig, texts: list[str]) -> list | None:
        return None if self.rules.is_set() else check_texts(SpellOnly(config), texts)

    def check(self, config: CheckConfig, texts: list[str]) -> list:
        self.rules.wait(10)
        self.engines = ("fake",)
        return check_texts(TehChecker(config), texts)

    def suggest(self, config: CheckConfig, word: str) -> list[str]:
        return []

    def warm(self, config: CheckConfig) -> None:
        """Nothing to build."""

    def learn(self, config: CheckConfig, key: str, text: str) -> int:
        return 0

    def close(self) -> None:
        self.rules.set()


def _texts(rig) -> list[str]:
    return [live.issue.text for live in rig.controller.live_issues()]


@contextlib.contextmanager
def _serving(factory, warmup: Warmup, gate: threading.Event) -> Iterator[Callable[..., tuple]]:
    """An engine served on a thread over pipes; yields ``ask(*request) -> answer``; lets ``gate`` go and stops after."""
    read_in, write_in = os.pipe()
    read_out, write_out = os.pipe()
    with os.fdopen(read_in, "rb") as source, os.fdopen(write_in, "wb") as feed, \
            os.fdopen(write_out, "wb") as sink, os.fdopen(read_out, "rb") as answers:
        server = threading.Thread(target=serve, args=(factory, source, sink, None, warmup), daemon=True)
        server.start()

        def ask(*request: object) -> tuple:
            pickle.dump(request, feed)
            feed.flush()
            return pickle.loads(read_answer_bytes(answers))

        try:
            yield ask
        finally:
            gate.set()
            pickle.dump(("stop",), feed)
            feed.flush()
            server.join(10)
    assert not server.is_alive()


def test_the_engine_answers_spelling_while_its_rules_load_and_the_full_check_after():
    gate = threading.Event()
    learned: list[str] = []

    class Learning(TehChecker):
        def learn_names(self, text: str) -> int:
            learned.append(text)
            return 0

    def slow_rules(config: CheckConfig) -> TehChecker:
        gate.wait(10)
        return Learning(config)

    warmup = Warmup(slow_rules, SpellOnly).start()
    with _serving(slow_rules, warmup, gate) as ask:
        assert ask("warm", CheckConfig(), None)[0] == "ok"  # answered at once: the rules are still loading
        assert ask("learn", None, ("ch-1", "Some text."))[0] == "ok"
        status, results, _engines = ask("spell", None, ["teh cat cat"])
        assert status == "ok" and [s.issue.text for s in results[0][0]] == ["teh"]
        no_spelling = CheckConfig(categories=frozenset({Category.GRAMMAR}))
        assert ask("spell", no_spelling, ["teh"])[1] is None  # spelling switched off: no spelling-first pass
        gate.set()
        assert warmup.done.wait(10)
        assert ask("spell", CheckConfig(), ["teh cat cat"])[1] is None  # loaded: the caller checks in full
        status, results, engines = ask("check", None, ["teh cat cat"])
        assert [s.issue.text for s in results[0][0]] == ["teh", "cat cat"] and engines == ("fake",)
        assert learned == ["Some text."]  # names sent during the warm-up: learned once, by the warm-up thread


def test_spelling_underlines_come_first_and_the_full_result_keeps_them(qtbot, rig):
    backend = SpellFirstBackend()
    rig.dispatcher._shared.make_backend = lambda: backend
    seen: list[list[str]] = []
    rig.controller.issues_changed.connect(lambda: seen.append(_texts(rig)))
    rig.load("teh cat cat")
    qtbot.waitUntil(lambda: _texts(rig) == ["teh"], timeout=5000)
    (record,) = rig.controller.tracker.records.values()
    assert not record.up_to_date  # spelling alone is not a check result: the full one is still wanted
    rig.layer.refresh()
    assert rig.editor.underlined() == ["teh"]
    backend.rules.set()
    qtbot.waitUntil(lambda: _texts(rig) == ["teh", "cat cat"], timeout=5000)
    qtbot.waitUntil(rig.controller.idle, timeout=5000)
    rig.layer.refresh()
    assert rig.editor.underlined() == ["teh", "cat cat"]
    first = next(i for i, texts in enumerate(seen) if texts)
    assert all("teh" in texts for texts in seen[first:])  # the spelling underline never went away meanwhile
    assert rig.dispatcher._shared.full_ready  # later batches go straight to the full check


def test_a_spelling_result_is_dropped_when_stale_or_when_the_full_result_is_in(qtbot, rig):
    rig.load("one teh slip")
    qtbot.waitUntil(rig.controller.idle, timeout=5000)
    (record,) = rig.controller.tracker.records.values()
    text = "one teh slip"
    spelling = to_spans(text, [Issue(8, 12, "slip", "A slip.", (), "SLIP", Category.SPELLING, "spelling")])

    def partial(revision: int) -> BatchResult:
        batch = CheckBatch("ch-1", rig.controller.epoch, rig.controller.config, (ParagraphJob(record.id, revision, text),))
        return BatchResult(batch, (ParagraphResult(record.id, revision, text_key(text), spelling),), partial=True)

    rig.controller._apply_result(partial(record.revision))  # the full result of this revision is already in
    assert _texts(rig) == ["teh"]
    record.checked = -1  # as if never checked: the same spelling result is shown...
    rig.controller._apply_result(partial(record.revision - 1))  # ...but not one computed on an older text
    assert _texts(rig) == ["teh"]
    rig.controller._apply_result(partial(record.revision))
    assert _texts(rig) == ["slip"]
    assert text_key(text) not in rig.controller._cache or rig.controller._cache[text_key(text)] != spelling


def test_before_names_are_learned_only_lowercase_words_outside_dialogue_are_reported_early():
    from writer_app.ui.checking.engine_process import sure_before_names

    text = "Quillon nodded. “I seen nuthin,” he said, and walkd off. \"Yer late,\" said Mab, smiling oddly."

    def issue(word: str) -> Issue:
        start = text.index(word)
        return Issue(start, start + len(word), word, "Spelling.", (), "SPELLING", Category.SPELLING, "spelling")

    assert not sure_before_names(text, issue("Quillon"))  # a name the full check learns from the chapter
    assert not sure_before_names(text, issue("nuthin"))  # a character's voice, inside curly quotes
    assert not sure_before_names(text, issue("Yer"))  # inside straight quotes
    assert sure_before_names(text, issue("walkd"))  # narration: a typo whatever the names
    assert sure_before_names(text, issue("oddly"))


class RulesOnly(TehChecker):
    """The fake checker's grammar issues alone (what the rule engine finds)."""

    def check(self, text: str) -> list[Issue]:
        """Only the grammar issues."""
        return [issue for issue in super().check(text) if issue.category is not Category.SPELLING]


def test_the_rules_join_the_first_answers_once_loaded_and_follow_the_ignore_lists():
    gate = threading.Event()

    def slow_rest(config: CheckConfig) -> TehChecker:
        gate.wait(10)
        return TehChecker(config)

    warmup = Warmup(slow_rest, SpellOnly, RulesOnly).start()
    with _serving(slow_rest, warmup, gate) as ask:
        status, results, _engines = ask("spell", CheckConfig(), ["teh cat cat"])
        assert status == "ok" and [s.issue.text for s in results[0][0]] == ["teh"]  # spelling alone, at once
        status, results, _engines = ask("rules", None, ["teh cat cat"])  # waits for the rules, not the rest
        assert status == "ok" and [s.issue.text for s in results[0][0]] == ["teh", "cat cat"]
        assert warmup.loading
        ignoring = CheckConfig(ignored_rules=frozenset({"DOUBLE"}))
        assert [s.issue.text for s in ask("rules", ignoring, ["teh cat cat"])[1][0][0]] == ["teh"]
        gate.set()
        assert warmup.done.wait(10)
        assert ask("spell", None, ["teh cat cat"])[1] is None
        # loaded: the full checker answers, without the spelling issues names could excuse (dialogue here)
        assert [s.issue.text for s in ask("rules", None, ['"teh" cat cat'])[1][0][0]] == ["cat cat"]


class RulesFirstBackend(SpellFirstBackend):
    """A backend whose rule engine is ready before the rest: a second early answer holds its issues."""

    def rules_first(self, config: CheckConfig, texts: list[str]) -> list | None:
        return None if self.rules.is_set() else check_texts(TehChecker(config), texts)


def test_the_rule_engines_underlines_follow_the_spelling_ones_before_the_full_result(qtbot, rig):
    backend = RulesFirstBackend()
    rig.dispatcher._shared.make_backend = lambda: backend
    rig.load("teh cat cat")
    qtbot.waitUntil(lambda: _texts(rig) == ["teh", "cat cat"], timeout=5000)
    (record,) = rig.controller.tracker.records.values()
    assert not record.up_to_date  # still early answers: the full result is still wanted
    backend.rules.set()
    qtbot.waitUntil(rig.controller.idle, timeout=5000)
    assert _texts(rig) == ["teh", "cat cat"] and record.up_to_date
