"""Fixtures for the GUI tests: a sample project in tmp_path and a main window on it."""

from __future__ import annotations

import writer_app.ui.qt_compat  # noqa: F401  (before any Qt-heavy test)
