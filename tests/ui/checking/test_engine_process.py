"""Checks in an engine process: same results as in a thread, failures isolated, children stopped on close."""

from __future__ import annotations

import pytest

from tests.ui.checking.fakes import FakeEditor
from writer_app.grammar.engine import CheckConfig
from writer_app.ui.checking.controller import CheckingController
from writer_app.ui.checking.underlines import UnderlineLayer
from writer_app.ui.checking.workers import CheckDispatcher

FACTORY = "tests.ui.checking.fakes:PoisonChecker"


@pytest.fixture
def process_rig(qtbot):
    """A fake editor checked by an engine process running the poison checker."""
    editor = FakeEditor()
    qtbot.addWidget(editor)
    editor.resize(600, 400)
    editor.show()
    dispatcher = CheckDispatcher(process_factory=FACTORY, max_workers=1)
    controller = CheckingController(editor, dispatcher, CheckConfig(), debounce_ms=100)
    layer = UnderlineLayer(editor, controller)
    yield editor, dispatcher, controller, layer
    controller.shutdown()


def test_engine_process_underlines_exactly_the_word_after_an_emoji(qtbot, process_rig):
    editor, dispatcher, controller, layer = process_rig
    editor.setPlainText("😀 teh cat\nfine\npoison teh\nteh again")
    told: list[str] = []
    controller.failure.connect(told.append)
    controller.open_chapter("c")
    qtbot.waitUntil(controller.idle, timeout=20000)
    layer.refresh()
    assert editor.underlined() == ["teh", "teh"]
    assert len(told) == 1
    assert controller.engines == ("fake",)


def test_shutdown_stops_the_engine_process(qtbot, process_rig):
    editor, dispatcher, controller, layer = process_rig
    editor.setPlainText("teh")
    controller.open_chapter("c")
    qtbot.waitUntil(controller.idle, timeout=20000)
    backends = list(dispatcher._shared._backends.values())
    assert backends and all(b.alive for b in backends)
    controller.shutdown()
    assert not any(b.alive for b in backends)


def test_a_dying_engine_process_falls_back_to_checking_in_the_app(qtbot, process_rig):
    editor, dispatcher, controller, layer = process_rig
    editor.setPlainText("teh one")
    controller.open_chapter("c")
    qtbot.waitUntil(controller.idle, timeout=20000)
    for round_ in range(3):  # the engine is killed three times: from then on checks run in a worker thread
        for backend in list(dispatcher._shared._backends.values()):
            backend._process.kill()
            backend._process.wait()
        editor.appendPlainText(f"teh again {round_}")  # new text: not answered from the cache
        qtbot.waitUntil(controller.idle, timeout=20000)
    editor.appendPlainText("teh last")
    qtbot.waitUntil(lambda: controller.idle() and controller.live_issue_count() >= 2, timeout=20000)
    assert dispatcher._shared.engine_deaths >= 3, dispatcher._shared.engine_deaths
    assert type(next(iter(dispatcher._shared._backends.values()))).__name__ == "ThreadBackend"


def test_engine_process_leaves_quietly_when_the_app_is_gone():
    import os
    import pickle
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(root)}
    child = subprocess.Popen([sys.executable, "-m", "writer_app.ui.checking.engine_process", FACTORY],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    child.stdout.close()  # the app died: nobody reads the answers any more
    try:
        for _ in range(20):  # enough answers to overflow any buffer
            pickle.dump(("check", CheckConfig(), ["teh cat " * 2000]), child.stdin)
        child.stdin.close()
    except BrokenPipeError:
        pass  # the child already left
    err = child.stderr.read().decode()
    assert child.wait(20) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_an_answer_waits_undecoded_until_the_writer_stops_typing():
    """The engine's answer is read off the pipe, then decoded only when ``before_decode`` returns."""
    import threading

    from writer_app.ui.checking.engine_process import ProcessBackend

    typing = threading.Event()
    typing.set()
    gate_entered = threading.Event()

    def wait_while_typing() -> None:
        gate_entered.set()
        while typing.is_set():
            threading.Event().wait(0.01)

    backend = ProcessBackend(FACTORY, before_decode=wait_while_typing)
    answers: list[object] = []
    worker = threading.Thread(target=lambda: answers.append(backend.check(CheckConfig(), ["teh cat", "fine"])))
    try:
        worker.start()
        assert gate_entered.wait(20), "the answer never arrived"
        worker.join(0.3)
        assert worker.is_alive() and answers == []  # held back while the writer types
        typing.clear()
        worker.join(20)
        assert not worker.is_alive()
        (results,) = answers
        assert [bool(spans) for spans, _failed, _error in results] == [True, False]
    finally:
        typing.clear()
        backend.close()


def test_a_stream_cut_mid_answer_is_reported_as_a_stopped_engine():
    import io

    from writer_app.ui.checking.engine_process import read_answer_bytes, write_answer

    sink = io.BytesIO()
    write_answer(("ok", [1, 2, 3], ("fake",)), sink)
    whole = sink.getvalue()
    assert read_answer_bytes(io.BytesIO(whole))
    for cut in (3, len(whole) - 1):
        with pytest.raises(EOFError):
            read_answer_bytes(io.BytesIO(whole[:cut]))
