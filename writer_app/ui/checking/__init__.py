"""Inline checking in the editor: background workers, underlines, fixes, issues panel and status."""

from __future__ import annotations

from writer_app.ui.checking import qt_guard  # noqa: F401 - must run before any signal is emitted
