"""Full-screen focus mode: only the text; F11 toggles it, Esc leaves it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow, QWidget


class FocusMode(QObject):
    """Hides the sidebar, menus and status bar and shows the window full screen; remembers what to restore."""

    def __init__(self, window: QMainWindow, hide: list[QWidget]) -> None:
        super().__init__(window)
        self._window = window
        self._hide = hide
        self._was_visible: list[bool] = []
        self._was_state = Qt.WindowState.WindowNoState
        self.active = False

    def toggle(self) -> None:
        """Enter focus mode, or leave it."""
        self.leave() if self.active else self.enter()

    def enter(self) -> None:
        """Hide everything but the editor and go full screen."""
        if self.active:
            return
        self.active = True
        self._was_state = self._window.windowState()
        self._was_visible = [widget.isVisible() for widget in self._hide]
        for widget in self._hide:
            widget.hide()
        self._window.showFullScreen()

    def leave(self) -> None:
        """Back to the normal window."""
        if not self.active:
            return
        self.active = False
        for widget, visible in zip(self._hide, self._was_visible, strict=False):
            widget.setVisible(visible)
        if self._was_state & Qt.WindowState.WindowMaximized:
            self._window.showMaximized()
        else:
            self._window.showNormal()
