"""app.py: when the sample project cannot be copied (no writable home), the window says so in one sentence."""

from __future__ import annotations

from types import SimpleNamespace

from writer_app import app as app_module
from writer_app.core import sample


class WindowStub:
    """What open_initial_project uses of the main window: settings, open_project, show_message."""

    def __init__(self) -> None:
        self.settings = SimpleNamespace(last_project=None)
        self.messages: list[tuple[str, int]] = []

    def open_project(self, path) -> bool:
        raise AssertionError("nothing should be opened")

    def show_message(self, text: str, timeout_ms: int = 6000) -> None:
        self.messages.append((text, timeout_ms))


def test_an_unwritable_home_is_named_in_the_status_bar_instead_of_the_sample(monkeypatch) -> None:
    def refuse(target=None):
        raise PermissionError(13, "Permission denied", "/nonexistent/.local")

    monkeypatch.setattr(sample, "ensure_sample_project", refuse)
    window = WindowStub()
    assert app_module.open_initial_project(window, None) is False
    [(text, timeout)] = window.messages
    assert timeout == 0  # stays until the writer does something
    assert "/nonexistent/.local" in text and "permission denied" in text and "File > Open" in text
    assert text.count(". ") == 0 and text.endswith(".")
