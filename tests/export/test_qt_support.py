"""The export layer's PySide6 reference guard probes first and never touches reference counts blindly."""

from __future__ import annotations

import sys
import types

import pytest

from writer_app.export import qt_support


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qt_support, "_result", None)
    monkeypatch.delitem(sys.modules, "writer_app.ui.qt_compat", raising=False)


def test_the_pinned_pyside6_does_not_leak_so_nothing_is_changed(fresh: None) -> None:
    before = sys.getrefcount(None)
    assert qt_support.references_leak() is False
    assert qt_support.ensure_singletons_are_safe() is False
    assert abs(sys.getrefcount(None) - before) < 1000  # no boost of 2**46


def test_the_guis_guard_decides_when_it_is_loaded(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("writer_app.ui.qt_compat")
    calls: list[int] = []
    fake.ensure_singletons_are_safe = lambda: calls.append(1) or True  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "writer_app.ui.qt_compat", fake)
    monkeypatch.setattr(qt_support, "references_leak", lambda: pytest.fail("probed twice"))
    before = sys.getrefcount(None)
    assert qt_support.ensure_singletons_are_safe() is True and qt_support.ensure_singletons_are_safe() is True
    assert calls == [1] and abs(sys.getrefcount(None) - before) < 1000


def test_the_probe_runs_once(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    probes: list[int] = []
    monkeypatch.setattr(qt_support, "references_leak", lambda: probes.append(1) or False)
    qt_support.ensure_singletons_are_safe()
    qt_support.ensure_gui_application()
    assert probes == [1]
