"""The dispatcher's workers stop while the writer types and never report unchecked paragraphs as checked."""

from __future__ import annotations

from tests.ui.checking.fakes import FakeFactory
from writer_app.grammar.engine import CheckConfig
from writer_app.ui.checking.workers import PAUSE_EVERY, BatchResult, CheckBatch, CheckDispatcher, ParagraphJob


def _batch(count: int, epoch: int = 1) -> CheckBatch:
    jobs = tuple(ParagraphJob(n, 1, f"Paragraph {n} has teh slip.") for n in range(count))
    return CheckBatch("ch-1", epoch, CheckConfig(), jobs)


def _dispatcher(qtbot) -> tuple[CheckDispatcher, FakeFactory, list[BatchResult]]:
    factory = FakeFactory()
    dispatcher = CheckDispatcher(factory, max_workers=1)
    results: list[BatchResult] = []
    dispatcher.batch_finished.connect(results.append)
    return dispatcher, factory, results


def test_nothing_is_checked_while_the_writer_types_and_everything_after(qtbot):
    dispatcher, factory, results = _dispatcher(qtbot)
    try:
        dispatcher.pause()
        dispatcher.submit(_batch(PAUSE_EVERY * 3 + 5))
        qtbot.wait(300)
        assert factory.calls == 0 and results == []
        dispatcher.resume()
        qtbot.waitUntil(lambda: bool(results), timeout=10000)
        (result,) = results
        assert not result.cancelled
        assert len(result.results) == PAUSE_EVERY * 3 + 5
        assert all(len(paragraph.spans) == 1 for paragraph in result.results)
    finally:
        dispatcher.shutdown()


def test_a_batch_made_stale_while_paused_reports_nothing_as_checked(qtbot):
    dispatcher, factory, results = _dispatcher(qtbot)
    try:
        dispatcher.pause()
        dispatcher.submit(_batch(PAUSE_EVERY * 4, epoch=1))
        qtbot.wait(200)
        dispatcher.abandon_before(2)  # the writer's edits made this batch stale
        dispatcher.resume()
        qtbot.waitUntil(lambda: bool(results), timeout=10000)
        (result,) = results
        assert result.cancelled
        assert result.results == ()  # no paragraph is claimed clean without being checked
        assert factory.calls == 0
    finally:
        dispatcher.shutdown()


class GatedExtra:
    """An extra engine (stands in for LanguageTool) that answers only when its gate opens; flags "slip"."""

    name = "extra"

    def __init__(self) -> None:
        import threading

        self.gate = threading.Event()

    def check(self, text: str) -> list:
        from writer_app.grammar.model import Issue

        self.gate.wait(10)
        at = text.find("slip")
        return [Issue(at, at + 4, "slip", "A slip.", ("slide",), "SLIP", source="extra")] if at >= 0 else []


def test_builtin_results_arrive_while_an_extra_engine_still_works_and_its_issues_follow_merged(qtbot):
    dispatcher, factory, results = _dispatcher(qtbot)
    extra = GatedExtra()
    try:
        dispatcher.set_extra_checkers((extra,))
        with qtbot.waitSignal(dispatcher.batch_finished, timeout=3000) as first:
            dispatcher.submit(_batch(2))  # the extra engine holds every paragraph up to ten seconds
        builtin: BatchResult = first.args[0]
        assert not builtin.late
        assert [[s.issue.text for s in p.spans] for p in builtin.results] == [["teh"], ["teh"]]
        with qtbot.waitSignal(dispatcher.batch_finished, timeout=3000) as second:
            extra.gate.set()
        late: BatchResult = second.args[0]
        assert late.late
        assert [(p.key, p.revision) for p in late.results] == [(0, 1), (1, 1)]
        assert [[s.issue.text for s in p.spans] for p in late.results] == [["teh", "slip"], ["teh", "slip"]]
        qtbot.waitUntil(lambda: dispatcher.in_flight == 0, timeout=3000)
    finally:
        extra.gate.set()
        dispatcher.shutdown()
