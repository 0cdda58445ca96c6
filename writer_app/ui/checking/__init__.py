"""Inline checking in the editor: background workers, underlines, fixes, issues panel and status.

Qt-facing modules import :mod:`writer_app.qt_compat` first; :mod:`engine_process` stays free of Qt so the engine
process starts quickly.
"""

from __future__ import annotations
