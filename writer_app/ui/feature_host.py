"""The signals a window that features plug into emits: the real main window and the tests' stand-ins alike."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow


class FeatureHost(QMainWindow):
    """A main window features listen to; declared once so a stand-in cannot drift from the real window."""

    project_opened = Signal(object)  # the Project
    project_closed = Signal()
    chapter_opened = Signal(str)  # chapter id
    chapter_about_to_close = Signal(str)  # chapter id, while its text is still in the editor
    chapter_saved = Signal(str)  # chapter id
    settings_changed = Signal(object)  # the Settings
