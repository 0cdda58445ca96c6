"""Preferences page "Checking": categories on/off, dialect, style rules."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from writer_app.grammar.engine import DEFAULT_CATEGORIES
from writer_app.grammar.model import Category

log = logging.getLogger(__name__)

DIALECTS = (("en-US", "English (United States)"), ("en-GB", "English (United Kingdom)"))


def style_rules() -> list[tuple[str, str]]:
    """``(rule id, message)`` of the built-in rules that are off until the writer switches them on (style advice
    and other opt-in rules)."""
    try:
        from writer_app.grammar.rules import load_rules

        return sorted({(r.id, r.message) for r in load_rules() if r.category is Category.STYLE or not r.default})
    except Exception:  # noqa: BLE001 - a broken rule file must not break the preferences dialog
        log.exception("could not list the style rules")
        return []


class CheckingPreferencesPage(QWidget):
    """The page widget: ``load(settings)`` on open, ``apply(settings)`` on OK."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkingPreferences")
        self.boxes: dict[Category, QCheckBox] = {}
        categories = QGroupBox(self.tr("Check for"))
        grid = QVBoxLayout(categories)
        for category in Category:
            box = QCheckBox(category.label)
            self.boxes[category] = box
            grid.addWidget(box)
        self.dialect = QComboBox()
        for code, label in DIALECTS:
            self.dialect.addItem(self.tr(label), code)
        form = QFormLayout()
        form.addRow(self.tr("Dialect:"), self.dialect)
        self.rules = QListWidget()
        self.rules.setObjectName("styleRules")
        for rule_id, message in style_rules():
            item = QListWidgetItem(f"{message} ({rule_id})")
            item.setToolTip(f"{message}\n{rule_id}")
            item.setData(Qt.ItemDataRole.UserRole, rule_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.rules.addItem(item)
        layout = QVBoxLayout(self)
        layout.addWidget(categories)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Optional rules (off unless ticked; style advice works even with Style off):")))
        layout.addWidget(self.rules, 1)

    def load(self, settings: object) -> None:
        """Show ``settings``."""
        enabled = getattr(settings, "enabled_categories", None)
        chosen = {c.value for c in DEFAULT_CATEGORIES} if enabled is None else set(enabled)
        for category, box in self.boxes.items():
            box.setChecked(category.value in chosen)
        index = self.dialect.findData(getattr(settings, "dialect", "en-US"))
        self.dialect.setCurrentIndex(max(0, index))
        rules = set(getattr(settings, "enabled_style_rules", ()) or ())
        for row in range(self.rules.count()):
            item = self.rules.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in rules
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def apply(self, settings: object) -> None:
        """Write the page's choices into ``settings`` (the dialog saves them)."""
        settings.enabled_categories = [c.value for c, box in self.boxes.items() if box.isChecked()]  # type: ignore[attr-defined]
        settings.dialect = self.dialect.currentData()  # type: ignore[attr-defined]
        settings.enabled_style_rules = [  # type: ignore[attr-defined]
            self.rules.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.rules.count())
            if self.rules.item(row).checkState() == Qt.CheckState.Checked
        ]
