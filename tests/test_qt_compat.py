"""The None/True/False reference guard: applied only when a probe shows the installed PySide6 leaks."""

from __future__ import annotations

import logging
import sys

import pytest

from writer_app import qt_compat


@pytest.fixture
def fresh_guard(monkeypatch):
    """Run ensure_singletons_are_safe() as if for the first time, recording (not doing) the boost."""
    boosts: list[int] = []
    monkeypatch.setattr(qt_compat, "_done", False)
    monkeypatch.setattr(qt_compat, "_guarded", False)
    monkeypatch.setattr(qt_compat, "_boost", lambda: boosts.append(1))
    return boosts


def test_sound_pyside_gets_no_guard(fresh_guard, monkeypatch, caplog):
    monkeypatch.setattr(qt_compat, "_probe_leaks", lambda calls=300: {"None": 0, "True": 1})
    monkeypatch.setattr(sys, "version_info", (3, 11, 7))
    with caplog.at_level(logging.WARNING, logger="writer_app.qt_compat"):
        assert qt_compat.ensure_singletons_are_safe() is False
    assert fresh_guard == [] and caplog.records == []


def test_leaky_pyside_is_guarded_with_a_warning_naming_the_version(fresh_guard, monkeypatch, caplog):
    import PySide6

    monkeypatch.setattr(qt_compat, "_probe_leaks", lambda calls=300: {"None": 300, "True": 300})
    monkeypatch.setattr(sys, "version_info", (3, 11, 7))
    with caplog.at_level(logging.WARNING, logger="writer_app.qt_compat"):
        assert qt_compat.ensure_singletons_are_safe() is True
        assert qt_compat.ensure_none_is_safe() is True  # idempotent: one probe, one boost
    assert fresh_guard == [1]
    assert len(caplog.records) == 1 and PySide6.__version__ in caplog.records[0].getMessage()


def test_the_installed_pyside_does_not_leak_on_a_real_probe():
    if sys.version_info >= (3, 12):
        pytest.skip("immortal singletons")
    lost = qt_compat._probe_leaks()
    assert max(lost.values()) < 150, lost
