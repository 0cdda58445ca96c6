"""The part of the ``MainWindow`` contract every feature uses: its signals, a sidebar and status messages.

Feature tests subclass it with what their feature needs (chapter texts, menus, preferences pages).
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from writer_app.ui.feature_host import FeatureHost


class FakeMainWindow(FeatureHost):
    """The real window's signals, a sidebar to add tabs to, and a log of status messages."""

    def __init__(self) -> None:
        super().__init__()
        self.sidebar = QTabWidget()
        self.project = None
        self.current_chapter = None
        self.messages: list[str] = []

    def add_sidebar_tab(self, widget: QWidget, title: str) -> None:
        """Add a sidebar tab."""
        self.sidebar.addTab(widget, title)

    def show_message(self, text: str) -> None:
        """Record a status message."""
        self.messages.append(text)
