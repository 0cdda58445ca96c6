"""LanguageTool in the GUI: connects on a worker, shows its state, falls back with a notice."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QMenu

from tests.support.fake_languagetool import FakeLanguageTool
from writer_app.grammar.languagetool import LanguageToolOptions, Mode, State
from writer_app.ui.feature_host import FeatureHost
from writer_app.ui.languagetool.install import install
from writer_app.ui.languagetool.preferences_page import LanguageToolPage
from writer_app.ui.languagetool.service import LanguageToolService


@dataclass
class FakeSettings:
    languagetool_mode: str = "off"
    languagetool_url: str = ""
    languagetool_public_consent: bool = False
    languagetool_server_consent: str = ""
    dialect: str = "en-US"


class FakeWindow(FeatureHost):
    """Just the MainWindow contract the feature uses."""

    def __init__(self, settings: FakeSettings) -> None:
        super().__init__()
        self.settings = settings
        self.status_widgets: list[object] = []
        self.pages: list[tuple[str, object]] = []
        self.messages: list[str] = []
        self._menus = {"tools": QMenu("Tools", self)}

    def add_status_widget(self, widget) -> None:
        self.status_widgets.append(widget)

    def menu(self, name: str) -> QMenu:
        return self._menus[name]

    def add_preferences_page(self, title, factory) -> None:
        self.pages.append((title, factory))

    def show_message(self, text: str) -> None:
        self.messages.append(text)


@pytest.fixture
def server():
    with FakeLanguageTool() as fake:
        yield fake


def test_connects_in_the_background_and_shows_ready(qtbot, server):
    window = FakeWindow(FakeSettings(languagetool_mode="server", languagetool_url=server.url))
    qtbot.addWidget(window)
    feature = install(window)
    qtbot.waitUntil(lambda: feature.service.state is State.READY, timeout=5000)
    assert feature.status_label.text() == "LanguageTool on"
    assert feature.service.checker.check("We should of left.")[0].replacements == ("should have",)
    assert window.pages and window.pages[0][0] == "LanguageTool"


def test_dead_server_shows_unavailable_and_tells_the_writer_once(qtbot):
    fake = FakeLanguageTool().start()
    url = fake.url
    fake.stop()
    window = FakeWindow(FakeSettings(languagetool_mode="server", languagetool_url=url))
    qtbot.addWidget(window)
    feature = install(window)
    qtbot.waitUntil(lambda: feature.service.state is State.UNAVAILABLE, timeout=5000)
    assert feature.status_label.text() == "LanguageTool unavailable"
    assert len([m for m in window.messages if "did not answer" in m]) == 1
    assert feature.service.checker.check("should of") == []  # fallback: no exception, no hang


def test_settings_change_switches_engine_off_and_on(qtbot, server):
    settings = FakeSettings()
    window = FakeWindow(settings)
    qtbot.addWidget(window)
    feature = install(window)
    assert feature.service.checker is None and feature.status_label.text() == "LanguageTool off"
    with qtbot.waitSignal(feature.service.checker_changed, timeout=2000):
        window.settings_changed.emit(FakeSettings(languagetool_mode="server", languagetool_url=server.url))
    qtbot.waitUntil(lambda: feature.service.state is State.READY, timeout=5000)
    window.settings_changed.emit(FakeSettings())
    assert feature.service.checker is None and feature.service.state is State.OFF


def test_project_language_is_used_for_requests(qtbot, server):
    window = FakeWindow(FakeSettings(languagetool_mode="server", languagetool_url=server.url))
    qtbot.addWidget(window)
    feature = install(window)

    class Project:
        language = "en-GB"

    window.project_opened.emit(Project())
    qtbot.waitUntil(lambda: feature.service.state is State.READY, timeout=5000)
    feature.service.checker.check("should of")
    assert server.requests[-1]["language"] == "en-GB"


def test_preferences_page_round_trips_settings(qtbot):
    page = LanguageToolPage()
    qtbot.addWidget(page)
    page.load(FakeSettings(languagetool_mode="server", languagetool_url="http://127.0.0.1:9"))
    assert page.selected_mode() is Mode.SERVER and page.url_edit.isEnabled() and not page.consent.isEnabled()
    page._buttons[Mode.PUBLIC].setChecked(True)
    page.consent.setChecked(True)
    out = FakeSettings()
    page.apply(out)
    assert (out.languagetool_mode, out.languagetool_public_consent) == ("public", True)


def test_service_ignores_repeated_identical_options(qtbot, server):
    service = LanguageToolService()
    options = LanguageToolOptions(mode=Mode.SERVER, url=server.url)
    service.apply_options(options)
    first = service.checker
    service.apply_options(options)
    assert service.checker is first
    service.shutdown()


def test_a_server_on_another_computer_is_not_used_without_consent_and_the_writer_is_told(qtbot, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("text must not leave the machine without consent")

    monkeypatch.setattr("requests.get", no_network)
    monkeypatch.setattr("requests.post", no_network)
    window = FakeWindow(FakeSettings(languagetool_mode="server", languagetool_url="http://192.0.2.7:8081"))
    qtbot.addWidget(window)
    feature = install(window)
    qtbot.waitUntil(lambda: feature.service.state is State.UNAVAILABLE, timeout=5000)
    assert [m for m in window.messages if "another computer" in m and "192.0.2.7" in m]


def test_plain_http_to_another_computer_is_warned_about_once(qtbot, server, monkeypatch):
    from writer_app.grammar import languagetool
    from writer_app.grammar.languagetool import server_origin

    monkeypatch.setattr(languagetool, "is_loopback", lambda url: False)  # the fake server plays a remote one
    settings = FakeSettings(languagetool_mode="server", languagetool_url=server.url)
    settings.languagetool_server_consent = server_origin(server.url)
    window = FakeWindow(settings)
    qtbot.addWidget(window)
    feature = install(window)
    qtbot.waitUntil(lambda: feature.service.state is State.READY, timeout=5000)
    assert len([m for m in window.messages if "unencrypted" in m]) == 1


def test_preferences_ask_consent_for_a_remote_server_and_warn_about_plain_http(qtbot):
    page = LanguageToolPage()
    qtbot.addWidget(page)
    page.load(FakeSettings(languagetool_mode="server", languagetool_url="http://127.0.0.1:8081"))
    assert page.server_consent.isHidden() and page.http_warning.isHidden()  # this computer: nothing to agree to
    page.url_edit.setText("http://lt.example.org:8081")
    assert not page.server_consent.isHidden() and "lt.example.org" in page.server_consent.text()
    assert not page.server_consent.isChecked()
    assert not page.http_warning.isHidden() and "unencrypted" in page.http_warning.text()
    page.server_consent.setChecked(True)
    out = FakeSettings()
    page.apply(out)
    assert out.languagetool_server_consent == "http://lt.example.org:8081"
    page.url_edit.setText("https://other.example.org")
    assert not page.server_consent.isChecked() and page.http_warning.isHidden()  # consent does not carry over
    page.apply(out)
    assert out.languagetool_server_consent == ""
