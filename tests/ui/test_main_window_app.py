"""app.py: which project opens at start, and that the sample is copied before the writer edits it."""

from __future__ import annotations

from writer_app.app import open_initial_project
from writer_app.core.sample import sample_source
from writer_app.settings import Settings, data_dir


def test_first_run_opens_a_writable_copy_of_the_sample(make_window):
    window = make_window()
    assert open_initial_project(window, None)
    assert window.project.title == "The Porch Light"
    assert str(window.project.path).startswith(str(data_dir()))
    assert window.project.path != sample_source()


def test_last_project_is_reopened(make_window, sample_project):
    first = make_window(sample_project)
    first.close()
    window = make_window()
    assert open_initial_project(window, None)
    assert window.project.path == sample_project


def test_explicit_path_wins(make_window, tmp_path, sample_project):
    draft = tmp_path / "loose.md"
    draft.write_text("# Draft\n", encoding="utf-8")
    first = make_window(sample_project)
    first.close()
    window = make_window()
    assert open_initial_project(window, str(draft))
    assert window.project.is_loose_file


def test_run_gui_opens_the_sample_and_saves_on_quit(qtbot, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from writer_app import app as app_module

    windows = []
    real_build = app_module.build_window
    real_app = app_module.create_application()

    class OneShotApp:
        """Stands in for QApplication.exec (a real quit() would stop timers for the rest of the test run)."""

        def exec(self) -> int:
            window = windows[0]
            window.editor.insertPlainText("Quit words. ")
            window.close()
            return 0

    def build(path):
        window = real_build(path)
        windows.append(window)
        return window

    monkeypatch.setattr(app_module, "build_window", build)
    monkeypatch.setattr(app_module, "create_application", OneShotApp)
    assert app_module.run_gui(None) == 0
    window = windows[0]
    assert window.project is None  # closed on quit
    sample_copy = sorted(data_dir().rglob("ch-0001.md"))
    assert sample_copy and sample_copy[0].read_text(encoding="utf-8").startswith("Quit words. ")
    assert real_app is QApplication.instance() and not QApplication.windowIcon().isNull()


def test_a_last_project_that_is_gone_is_said_when_the_sample_opens_instead(make_window, tmp_path):
    draft = tmp_path / "drafts" / "t6.txt"
    draft.parent.mkdir()
    draft.write_text("Draft.\n", encoding="utf-8")
    first = make_window(draft)
    first.close()
    draft.unlink()
    window = make_window()
    assert open_initial_project(window, None)
    assert window.project.title == "The Porch Light"
    assert window.status.full_message.startswith("The last project, “t6.txt”, is no longer in")
    assert str(draft) not in window.settings.recent_projects
    assert str(draft) not in Settings.load().recent_projects
