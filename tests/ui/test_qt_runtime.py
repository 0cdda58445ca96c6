"""The installed PySide6 keeps Python's reference counts right (6.12.0 on CPython 3.11 did not)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLabel

    class Emitter(QObject):
        flag = Signal(bool)

    app = QApplication([])
    label, emitter = QLabel(), Emitter()
    emitter.flag.connect(lambda value: None)
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(5000):
        label.setText("x")
        label.update()
        emitter.flag.emit(True)
    after = sys.getrefcount(None), sys.getrefcount(True)
    print(after[0] - before[0], after[1] - before[1])
    """
)


def test_void_calls_and_bool_signals_do_not_leak_singleton_references():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"the probe crashed: {result.stderr[-400:]}"
    none_delta, true_delta = (int(v) for v in result.stdout.split())
    assert abs(none_delta) < 50 and abs(true_delta) < 50, (none_delta, true_delta)


def test_pyside_reads_no_standard_or_app_module_source_on_import_and_still_scans_others(tmp_path, monkeypatch):
    import json as standard_module

    import writer_app.ui.main_window as app_module
    from writer_app import qt_compat

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        assert qt_compat.spare_the_standard_library_pyside_scan() is False
        return
    assert qt_compat.spare_the_standard_library_pyside_scan() is True
    scan = feature._mod_uses_pyside  # noqa: SLF001 - the hook PySide calls after each import
    assert scan.spares_the_standard_library
    assert qt_compat.spare_the_standard_library_pyside_scan() is True  # idempotent: not wrapped twice
    assert feature._mod_uses_pyside is scan  # noqa: SLF001
    assert scan(standard_module) is False
    assert scan(app_module) is True  # the answer PySide's own scan gives
    third_party = tmp_path / "uses_qt_somewhere.py"
    third_party.write_text("import PySide6\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import uses_qt_somewhere  # noqa: F401 - scanned as before (not ours, not the standard library)

    assert scan(sys.modules["uses_qt_somewhere"]) is True
    monkeypatch.delitem(sys.modules, "uses_qt_somewhere")
