"""The collector pause used while loading leaves the collector as it found it, even when loading fails."""

from __future__ import annotations

import gc

import pytest

from writer_app.grammar.heap import collector_paused


def test_the_collector_is_paused_inside_and_enabled_again_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_failing_load_still_enables_the_collector_again() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("corrupt cache")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
