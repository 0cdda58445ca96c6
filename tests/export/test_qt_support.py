"""The PDF writer's Qt support: reuses a running application and goes through the shared reference guard."""

from __future__ import annotations

import subprocess
import sys

from writer_app.export import qt_support


def test_a_running_application_is_reused(qapp) -> None:
    assert qt_support.ensure_gui_application() is qapp


def test_the_shared_guard_is_consulted(monkeypatch, qapp) -> None:
    calls: list[int] = []
    monkeypatch.setattr("writer_app.qt_compat.ensure_singletons_are_safe", lambda: calls.append(1) or False)
    qt_support.ensure_gui_application()
    assert calls == [1]


def test_without_an_application_an_offscreen_gui_application_is_made() -> None:
    code = (
        "from writer_app.export.qt_support import ensure_gui_application\n"
        "app = ensure_gui_application()\n"
        "print(type(app).__name__)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"})
    assert result.returncode == 0, result.stderr[-400:]
    assert result.stdout.strip() == "QGuiApplication"


def test_listing_export_formats_does_not_load_qt() -> None:
    code = (
        "import sys\n"
        "from writer_app.export.registry import format_keys\n"
        "assert 'pdf' in format_keys()\n"
        "print('PySide6.QtCore' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-400:]
    assert result.stdout.strip() == "False"
