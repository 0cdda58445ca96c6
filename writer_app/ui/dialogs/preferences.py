"""Preferences: the editor page plus pages other features add through ``MainWindow.add_preferences_page``."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from writer_app.settings import Settings
from writer_app.ui.editor import default_font_family
from writer_app.ui.i18n import translator

log = logging.getLogger(__name__)

THEMES = (("system", "Follow the System"), ("light", "Light"), ("dark", "Dark"))


tr = translator("Preferences")


class EditorPage(QWidget):
    """Font, size, line spacing, column width, theme and autosave delay."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.font_family = QFontComboBox(self)
        self.font_size = QSpinBox(self)
        self.font_size.setRange(6, 72)
        self.line_spacing = QDoubleSpinBox(self)
        self.line_spacing.setRange(1.0, 2.0)
        self.line_spacing.setSingleStep(0.1)
        self.text_width = QSpinBox(self)
        self.text_width.setRange(30, 200)
        self.text_width.setSuffix(tr(" characters"))
        self.theme = QComboBox(self)
        for value, label in THEMES:
            self.theme.addItem(tr(label), value)
        self.autosave = QDoubleSpinBox(self)
        self.autosave.setRange(0.5, 600.0)
        self.autosave.setSuffix(tr(" s"))
        form = QFormLayout(self)
        form.addRow(tr("Font"), self.font_family)
        form.addRow(tr("Size"), self.font_size)
        form.addRow(tr("Line spacing"), self.line_spacing)
        form.addRow(tr("Text column"), self.text_width)
        form.addRow(tr("Theme"), self.theme)
        form.addRow(tr("Autosave after"), self.autosave)

    def load(self, settings: Settings) -> None:
        """Show the current settings."""
        self.font_family.setCurrentFont(QFont(settings.editor_font_family or default_font_family()))
        self.font_size.setValue(settings.editor_font_size)
        self.line_spacing.setValue(settings.line_spacing)
        self.text_width.setValue(settings.text_width)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.autosave.setValue(settings.autosave_seconds)

    def apply(self, settings: Settings) -> None:
        """Store the edited values."""
        settings.editor_font_family = self.font_family.currentFont().family()
        settings.editor_font_size = self.font_size.value()
        settings.line_spacing = round(self.line_spacing.value(), 2)
        settings.text_width = self.text_width.value()
        settings.theme = self.theme.currentData()
        settings.autosave_seconds = self.autosave.value()


class PreferencesDialog(QDialog):
    """Tabs of pages with ``load(settings)``/``apply(settings)``; OK applies them all."""

    def __init__(self, settings: Settings, pages: list[tuple[str, Callable[[], QWidget]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Preferences"))
        self.settings = settings
        self.tabs = QTabWidget(self)
        self.pages: list[QWidget] = []
        for title, factory in [(tr("Editor"), EditorPage), *pages]:
            try:
                page = factory()
            except Exception:  # noqa: BLE001 - one broken page must not hide the others
                log.exception("preferences page %s failed to build", title)
                continue
            try:
                page.load(settings)  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001
                log.exception("preferences page %s failed to load", title)
                continue
            self.pages.append(page)
            self.tabs.addTab(page, title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def apply(self) -> None:
        """Let every page write its values into the settings."""
        for page in self.pages:
            try:
                page.apply(self.settings)  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - the other pages' choices still count
                log.exception("preferences page %s failed to apply", type(page).__name__)
