"""One helper for translatable strings: ``tr = translator("Context")`` at the top of a UI module."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication


def translator(context: str) -> Callable[[str], str]:
    """Return ``tr(text)`` that translates user-visible text in ``context``."""

    def tr(text: str) -> str:
        return QCoreApplication.translate(context, text)

    return tr
