"""Preferences page: where LanguageTool runs (off, local, a server URL, the public service with consent).

Text goes to another computer only with the writer's consent: the public service has its own checkbox, and a
server address that is not this computer asks for consent for that address and warns when it is plain http.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from writer_app.grammar.languagetool import (
    Mode,
    is_loopback,
    is_plain_http_remote,
    server_host,
    server_origin,
)
from writer_app.grammar.lt_install import java_status


class LanguageToolPage(QWidget):
    """Edits the ``languagetool_*`` fields of Settings."""

    download_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "LanguageTool adds thousands of grammar rules to the built-in checker. "
            "It needs Java 17+ on this computer, or a LanguageTool server."
        ))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self._group = QButtonGroup(self)
        self._buttons: dict[Mode, QRadioButton] = {}
        labels = {
            Mode.OFF: self.tr("Off (built-in checker only)"),
            Mode.LOCAL: self.tr("On this computer (downloads LanguageTool once, about 250 MB)"),
            Mode.SERVER: self.tr("A LanguageTool server I run"),
            Mode.PUBLIC: self.tr("The public LanguageTool service (sends your text over the internet)"),
        }
        for mode, label in labels.items():
            button = QRadioButton(label)
            self._group.addButton(button)
            self._buttons[mode] = button
            layout.addWidget(button)
        form = QFormLayout()
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("http://localhost:8081")
        form.addRow(self.tr("Server address:"), self.url_edit)
        layout.addLayout(form)
        self.server_consent = QCheckBox()
        layout.addWidget(self.server_consent)
        self.http_warning = QLabel()
        self.http_warning.setObjectName("languageToolHttpWarning")
        self.http_warning.setWordWrap(True)
        layout.addWidget(self.http_warning)
        self._agreed_origin = ""  # the address consent was given to, as loaded from the settings
        self._shown_origin = ""  # the address the consent checkbox currently speaks of
        self.consent = QCheckBox(self.tr("I agree that my text is sent to languagetool.org for checking"))
        layout.addWidget(self.consent)
        self.download_button = QPushButton(self.tr("Download LanguageTool now"))
        self.download_button.clicked.connect(self.download_requested)
        layout.addWidget(self.download_button)
        self.java_label = QLabel(java_status().message)
        layout.addWidget(self.java_label)
        layout.addStretch(1)
        for button in self._buttons.values():
            button.toggled.connect(self._update_enabled)
        self.url_edit.textChanged.connect(self._update_enabled)

    def selected_mode(self) -> Mode:
        """The mode whose radio button is checked."""
        return next((m for m, b in self._buttons.items() if b.isChecked()), Mode.OFF)

    def load(self, settings: object) -> None:
        """Show the settings' values."""
        try:
            mode = Mode(getattr(settings, "languagetool_mode", "off"))
        except ValueError:
            mode = Mode.OFF
        self._buttons[mode].setChecked(True)
        self._agreed_origin = str(getattr(settings, "languagetool_server_consent", "") or "")
        self._shown_origin = "?"  # re-read the checkbox from the settings below
        self.url_edit.setText(str(getattr(settings, "languagetool_url", "") or ""))
        self.consent.setChecked(bool(getattr(settings, "languagetool_public_consent", False)))
        self._update_enabled()

    def apply(self, settings: object) -> None:
        """Write the page's values into the settings."""
        settings.languagetool_mode = self.selected_mode().value  # type: ignore[attr-defined]
        settings.languagetool_url = self.url_edit.text().strip()  # type: ignore[attr-defined]
        settings.languagetool_public_consent = self.consent.isChecked()  # type: ignore[attr-defined]
        url = self.url_edit.text().strip()
        remote = bool(url) and not is_loopback(url)
        agreed = server_origin(url) if remote and self.server_consent.isChecked() else ""
        settings.languagetool_server_consent = agreed  # type: ignore[attr-defined]

    def _update_enabled(self) -> None:
        mode = self.selected_mode()
        self.url_edit.setEnabled(mode is Mode.SERVER)
        self.consent.setEnabled(mode is Mode.PUBLIC)
        self.download_button.setEnabled(mode is Mode.LOCAL)
        url = self.url_edit.text().strip()
        remote = mode is Mode.SERVER and bool(url) and not is_loopback(url)
        host = server_host(url)
        origin = server_origin(url) if remote else ""
        if origin != self._shown_origin:  # another address: consent given to the old one does not carry over
            self._shown_origin = origin
            self.server_consent.setChecked(bool(origin) and self._agreed_origin == origin)
        self.server_consent.setText(self.tr("I agree that my text is sent to {0} for checking").replace("{0}", host))
        self.server_consent.setVisible(remote)
        self.server_consent.setEnabled(remote)
        self.http_warning.setText(self.tr(
            "Plain http: your text would travel to {0} unencrypted. Use an https address if the server has one."
        ).replace("{0}", host))
        self.http_warning.setVisible(mode is Mode.SERVER and is_plain_http_remote(url))
