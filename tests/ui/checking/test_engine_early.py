"""The engine process starts while the window is built: adopted by the first backend, preloaded, never leaked."""

from __future__ import annotations

import io
import pickle

from writer_app.grammar.engine import CheckConfig
from writer_app.ui.checking import engine_process
from writer_app.ui.checking.engine_process import (
    ProcessBackend,
    read_answer_bytes,
    serve,
    start_early,
    stop_early,
)

FACTORY = "tests.ui.checking.fakes:PoisonChecker"


def test_the_first_backend_adopts_the_process_started_early():
    start_early(FACTORY)
    early = engine_process._early[FACTORY]
    backend = ProcessBackend(FACTORY)
    try:
        assert backend._process is early and FACTORY not in engine_process._early
        [(spans, failed, _error)] = backend.check(CheckConfig(), ["teh cat"])
        assert [s.issue.text for s in spans] == ["teh"] and not failed
        second = ProcessBackend(FACTORY)  # nothing left to adopt: a process of its own
        assert second._process is not early
        second.close()
    finally:
        backend.close()


def test_an_early_process_nobody_took_is_stopped():
    start_early(FACTORY)
    early = engine_process._early[FACTORY]
    stop_early()
    assert early.poll() is not None and not engine_process._early


class _Counting:
    """A checker factory that counts the checkers it builds."""

    def __init__(self) -> None:
        self.built: list[CheckConfig] = []

    def __call__(self, config: CheckConfig) -> object:
        self.built.append(config)

        class _Checker:
            name = "counting"

            def check(self, text: str) -> list[object]:
                return []

        return _Checker()


def _answers(factory: _Counting, requests: list[tuple], checker: object | None) -> int:
    source = io.BytesIO(b"".join(pickle.dumps(r) for r in [*requests, ("stop",)]))
    sink = io.BytesIO()
    serve(factory, source, sink, checker)
    sink.seek(0)
    count = 0
    while True:
        try:
            read_answer_bytes(sink)
        except EOFError:
            return count
        count += 1


def test_a_preloaded_checker_serves_the_default_config_without_a_rebuild():
    factory = _Counting()
    preloaded = factory(CheckConfig())
    assert _answers(factory, [("warm", CheckConfig(), None), ("check", None, ["a"])], preloaded) == 2
    assert len(factory.built) == 1  # the preloaded one only


def test_another_config_still_gets_its_own_checker():
    factory = _Counting()
    preloaded = factory(CheckConfig())
    other = CheckConfig(known_words=frozenset({"Elizabeth"}))
    assert _answers(factory, [("check", other, ["a"])], preloaded) == 1
    assert factory.built[-1] == other and len(factory.built) == 2
