"""The character editor dialog: name, aliases (one per line), colour and notes, with name validation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from writer_app.characters.cast import Character, clean_name


class CharacterDialog(QDialog):
    """Edit one character; OK stays disabled while the name is empty or taken by someone else."""

    def __init__(self, character: Character | None = None, name_taken: Callable[[str], bool] = lambda _n: False,
                 parent: QWidget | None = None, default_color: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit character") if character else self.tr("Add character"))
        self._name_taken = name_taken
        self._color = character.color if character and character.color else (default_color or "#3b82f6")
        self.name_edit = QLineEdit(character.name if character else "")
        self.name_edit.setPlaceholderText(self.tr("e.g. Elizabeth Bennet"))
        self.aliases_edit = QPlainTextEdit("\n".join(character.aliases) if character else "")
        self.aliases_edit.setPlaceholderText(self.tr("Other names the prose uses, one per line:\nElizabeth\nLizzy"))
        self.aliases_edit.setTabChangesFocus(True)
        self.aliases_edit.setFixedHeight(90)
        self.color_button = QPushButton()
        self.color_button.clicked.connect(self._choose_color)
        self.notes_edit = QPlainTextEdit(character.notes if character else "")
        self.notes_edit.setTabChangesFocus(True)
        self.problem = QLabel()
        self.problem.setObjectName("characterDialogProblem")
        self.problem.setStyleSheet("color: palette(link);")
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Aliases:"), self.aliases_edit)
        form.addRow(self.tr("&Colour:"), self.color_button)
        form.addRow(self.tr("N&otes:"), self.notes_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._validate)
        self._show_color()
        self._validate()
        self.resize(420, 380)

    def _choose_color(self) -> None:
        color = QColorDialog.getColor(QColor(self._color), self, self.tr("Character colour"))
        if color.isValid():
            self._color = color.name()
            self._show_color()

    def set_color(self, color: str) -> None:
        """Set the colour (as ``#rrggbb``)."""
        if QColor(color).isValid():
            self._color = QColor(color).name()
            self._show_color()

    def _show_color(self) -> None:
        self.color_button.setText(self._color)
        self.color_button.setStyleSheet(
            f"QPushButton {{ background: {self._color}; color: white; border-radius: 3px; padding: 3px 10px; }}"
        )

    def problem_text(self) -> str:
        """Why the character cannot be saved yet, or ``""``."""
        name = clean_name(self.name_edit.text())
        if not name:
            return self.tr("A character needs a name.")
        if self._name_taken(name):
            return self.tr("{name} is already in the cast.").format(name=name)
        return ""

    def _validate(self) -> None:
        problem = self.problem_text()
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def accept(self) -> None:  # noqa: D102 - refuses to close while the name is invalid
        if self.problem_text():
            self._validate()
            return
        super().accept()

    def character(self) -> Character:
        """The character as edited."""
        aliases = [line for line in self.aliases_edit.toPlainText().splitlines() if line.strip()]
        return Character(name=self.name_edit.text(), aliases=aliases, color=self._color,
                         notes=self.notes_edit.toPlainText().strip())
