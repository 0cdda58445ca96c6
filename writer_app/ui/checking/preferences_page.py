"""Preferences page "Checking": categories on/off, dialect, optional rules grouped by category."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from writer_app.grammar.engine import DEFAULT_CATEGORIES
from writer_app.grammar.model import Category

log = logging.getLogger(__name__)

DIALECTS = (("en-US", "English (United States)"), ("en-GB", "English (United Kingdom)"))
_PREFIXES = ("STYLE_", "EXPR_", "AGR_")


@dataclass(frozen=True)
class OptionalRule:
    """A built-in rule that is off until the writer ticks it."""

    id: str
    message: str
    category: Category

    @property
    def title(self) -> str:
        """The rule id made readable: ``STYLE_ADVERB_DIALOGUE_TAG`` -> "Adverb dialogue tag"."""
        name = self.id
        for prefix in _PREFIXES:
            if name.startswith(prefix) and len(name) > len(prefix):
                name = name[len(prefix):]
                break
        words = name.replace("-", "_").split("_")
        return " ".join(w.lower() for w in words if w).capitalize()

    @property
    def description(self) -> str:
        """What the rule says when it flags something (its message), else its readable name."""
        return self.message.strip() or self.title


def optional_rules() -> list[OptionalRule]:
    """The built-in rules that are off by default, by category then id."""
    try:
        from writer_app.grammar.rules import load_rules

        found = {r.id: OptionalRule(r.id, r.message, r.category) for r in load_rules() if not r.default}
    except Exception:  # noqa: BLE001 - a broken rule file must not break the preferences dialog
        log.exception("could not list the optional rules")
        return []
    order = {category: index for index, category in enumerate(Category)}
    return sorted(found.values(), key=lambda r: (order.get(r.category, 99), r.id))


def style_rules() -> list[tuple[str, str]]:
    """``(rule id, message)`` of the optional rules (kept for callers of the earlier name)."""
    return [(rule.id, rule.message) for rule in optional_rules()]


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
        self.dialogue = QComboBox()
        self.dialogue.setObjectName("dialogueGrammar")
        self.dialogue.addItem(self.tr("Relaxed: a character's dialect and grammar are their voice"), "relaxed")
        self.dialogue.addItem(self.tr("Strict: check dialogue like narration"), "strict")
        self.dialogue.setToolTip(
            self.tr("Inside quotation marks, relaxed leaves “we was”, “ain't” and “goin'” alone; "
                    "typos such as “teh” are still flagged.")
        )
        form = QFormLayout()
        form.addRow(self.tr("Dialect:"), self.dialect)
        form.addRow(self.tr("Grammar inside dialogue:"), self.dialogue)
        self.rule_boxes: list[QCheckBox] = []
        self.rule_labels: list[QLabel] = []
        self.rules = self._rule_list()
        heading = QLabel(self.tr("Optional rules (off by default)"))
        heading.setObjectName("optionalRulesHeading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        note = QLabel(self.tr("Tick a rule to switch it on. A ticked style rule works even when Style is off."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(categories)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addWidget(self.rules, 1)

    def _rule_list(self) -> QScrollArea:
        """One check box per rule (its readable name) with its message wrapped beneath, grouped by category."""
        area = QScrollArea()
        area.setObjectName("optionalRules")
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setMinimumHeight(area.fontMetrics().lineSpacing() * 14)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(8, 6, 8, 6)
        column.setSpacing(2)
        current: Category | None = None
        for rule in optional_rules():
            if rule.category is not current:
                current = rule.category
                head = QLabel(rule.category.label)
                head.setObjectName("ruleGroup")
                font = head.font()
                font.setBold(True)
                head.setFont(font)
                if self.rule_boxes:
                    column.addSpacing(8)
                column.addWidget(head)
            box = QCheckBox(rule.title)
            box.setProperty("rule_id", rule.id)
            box.setToolTip(f"{rule.description}\n({rule.id})")
            description = QLabel(rule.description)
            description.setWordWrap(True)
            description.setIndent(box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 6)
            description.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            description.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            description.setBuddy(box)
            column.addWidget(box)
            column.addWidget(description)
            self.rule_boxes.append(box)
            self.rule_labels.append(description)
        column.addStretch(1)
        area.setWidget(body)
        return area

    def rule_ids(self, ticked_only: bool = False) -> list[str]:
        """The listed rules' ids (only the ticked ones with ``ticked_only``), in display order."""
        return [str(box.property("rule_id")) for box in self.rule_boxes if box.isChecked() or not ticked_only]

    def load(self, settings: object) -> None:
        """Show ``settings``."""
        enabled = getattr(settings, "enabled_categories", None)
        chosen = {c.value for c in DEFAULT_CATEGORIES} if enabled is None else set(enabled)
        for category, box in self.boxes.items():
            box.setChecked(category.value in chosen)
        index = self.dialect.findData(getattr(settings, "dialect", "en-US"))
        self.dialect.setCurrentIndex(max(0, index))
        self.dialogue.setCurrentIndex(max(0, self.dialogue.findData(getattr(settings, "dialogue_grammar", "relaxed"))))
        self._kept = [r for r in getattr(settings, "enabled_style_rules", ()) or ()]
        rules = set(self._kept)
        for box in self.rule_boxes:
            box.setChecked(box.property("rule_id") in rules)

    def apply(self, settings: object) -> None:
        """Write the page's choices into ``settings`` (the dialog saves them)."""
        settings.enabled_categories = [c.value for c, box in self.boxes.items() if box.isChecked()]  # type: ignore[attr-defined]
        settings.dialect = self.dialect.currentData()  # type: ignore[attr-defined]
        settings.dialogue_grammar = self.dialogue.currentData()  # type: ignore[attr-defined]
        shown = set(self.rule_ids())
        ticked = self.rule_ids(ticked_only=True)
        hidden = [r for r in getattr(self, "_kept", []) if r not in shown]  # e.g. a rule listed by an older version
        settings.enabled_style_rules = hidden + ticked  # type: ignore[attr-defined]
