"""Ask for a new project's title, author, language and folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from writer_app.ui.i18n import translator

tr = translator("NewProjectDialog")


def safe_folder_name(title: str) -> str:
    """A folder name made from a title (no path separators)."""
    cleaned = "".join(c for c in title if c not in '/\\:*?"<>|').strip().strip(".")
    return cleaned or "Untitled"


class NewProjectDialog(QDialog):
    """Title, author, language and parent folder; ``target()`` is the new project's folder."""

    def __init__(self, default_parent: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New Project"))
        self.title = QLineEdit(tr("Untitled Novel"), self)
        self.author = QLineEdit(self)
        self.language = QComboBox(self)
        self.language.addItem(tr("English (US)"), "en-US")
        self.language.addItem(tr("English (UK)"), "en-GB")
        self.location = QLineEdit(str(default_parent), self)
        browse = QPushButton(tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.location, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(tr("Title"), self.title)
        form.addRow(tr("Author"), self.author)
        form.addRow(tr("Language"), self.language)
        form.addRow(tr("Create in"), row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(480, 0)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Create the project in"), self.location.text())
        if folder:
            self.location.setText(folder)

    def target(self) -> Path:
        """The folder the project will be created in."""
        return Path(self.location.text()).expanduser() / safe_folder_name(self.title.text())
