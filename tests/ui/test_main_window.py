"""The main window: opens the sample, the public API features use, focus mode, theme, zoom, recent projects."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QSpinBox, QWidget

from writer_app.settings import Settings
from writer_app.ui.main_window import MainWindow


def test_window_shows_the_sample_with_first_chapter_and_counts(window, qtbot):
    assert window.isVisible()
    assert window.project is not None and window.project.title == "The Porch Light"
    assert window.current_chapter.id == "ch-0001"
    assert window.editor.text().startswith("The ferry came in late")
    assert window.chapters_panel.chapter_ids() == [f"ch-000{i}" for i in range(1, 6)]
    assert "Chapter: 715 words" in window.status.chapter_words.text()
    # The other chapters are counted on the disk thread: the total appears when they are in.
    qtbot.waitUntil(lambda: window.status.total_words.text().startswith("Manuscript: 3,"))
    assert window.status.save_state.text() == "Saved"
    assert "The Porch Light" in window.windowTitle()


def test_contract_api_for_features(window, qtbot):
    label = QLabel("feature")
    window.add_status_widget(label)
    assert label.parent() is not None
    tab = QWidget()
    window.add_sidebar_tab(tab, "Characters")
    assert window.sidebar.tabText(0) == "Chapters" and window.sidebar.tabText(1) == "Characters"
    for name in ("file", "edit", "view", "tools", "help"):
        assert window.menu(name).title()
    window.show_message("hello there")
    assert window.status.currentMessage() == "hello there"
    window.editor.insertPlainText("NEW ")
    assert window.chapter_text("ch-0001").startswith("NEW ")
    assert window.chapter_text("ch-0002").strip()
    with qtbot.waitSignal(window.chapter_opened) as opened:
        window.open_chapter("ch-0003")
    assert opened.args == ["ch-0003"]


def test_preferences_pages_load_apply_and_announce(window, qtbot, monkeypatch):
    calls = []

    class Page(QSpinBox):
        def load(self, settings: Settings) -> None:
            calls.append("load")
            self.setValue(settings.text_width)

        def apply(self, settings: Settings) -> None:
            calls.append("apply")
            settings.text_width = 64

    window.add_preferences_page("Mine", Page)
    from writer_app.ui.dialogs import preferences

    def fake_exec(dialog):
        assert dialog.tabs.tabText(0) == "Editor" and dialog.tabs.tabText(1) == "Mine"
        return preferences.PreferencesDialog.DialogCode.Accepted

    monkeypatch.setattr(preferences.PreferencesDialog, "exec", fake_exec)
    with qtbot.waitSignal(window.settings_changed):
        window.show_preferences()
    assert calls == ["load", "apply"]
    assert window.editor.text_width() == 64
    assert Settings.load().text_width == 64


def test_focus_mode_hides_chrome_and_escape_leaves(window, qtbot):
    window.actions_.focus_mode.trigger()
    assert window.focus.active
    assert not window.menuBar().isVisible() and not window.sidebar.isVisible() and not window.status.isVisible()
    assert window.editor.isVisible()
    window.actions_.leave_focus.trigger()
    assert not window.focus.active
    assert window.menuBar().isVisible() and window.sidebar.isVisible() and window.status.isVisible()


def test_theme_switch_changes_palette_and_is_saved(window):
    window.set_theme("dark")
    dark = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness()
    assert window.editor.palette().color(QPalette.ColorRole.Base).lightness() < 80
    window.set_theme("light")
    light = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness()
    assert dark < 100 < light
    assert window.editor.palette().color(QPalette.ColorRole.Base).lightness() > 200
    assert Settings.load().theme == "light"
    assert window.actions_.theme_actions["light"].isChecked()


def test_zoom_shortcuts_and_zoom_is_remembered(window, qtbot, make_window, sample_project):
    size = window.editor.font().pointSizeF()
    window.actions_.zoom_in.trigger()
    window.actions_.zoom_in.trigger()
    assert window.editor.font().pointSizeF() == size + 2
    window.actions_.zoom_out.trigger()
    assert window.editor.font().pointSizeF() == size + 1
    window.close()
    assert Settings.load().zoom == 1
    again = make_window(sample_project, settings=Settings.load())
    assert again.editor.zoom == 1
    again.actions_.zoom_reset.trigger()
    assert again.editor.font().pointSizeF() == size


def test_recent_projects_listed_most_recent_first(window, tmp_path, sample_project):
    from writer_app.core.project import Project

    other = tmp_path / "Other"
    Project.create(other, "Other").close()
    assert window.open_project(other)
    assert window.settings.recent_projects[:2] == [str(other), str(sample_project)]
    window.actions_.fill_recent()
    paths = [a.data() for a in window.actions_.recent.actions()]
    assert paths[:2] == [str(other), str(sample_project)]
    window.actions_.recent.actions()[1].trigger()
    assert window.project.path == sample_project
    assert Settings.load().last_project == str(sample_project)


def test_geometry_is_restored(make_window, sample_project):
    first = make_window(sample_project)
    first.resize(700, 500)
    first.close()
    settings = Settings.load()
    assert settings.window_geometry
    second = make_window(sample_project, settings=settings, show=False)
    assert (second.size().width(), second.size().height()) == (700, 500)


def test_close_project_empties_the_window(window, qtbot):
    with qtbot.waitSignal(window.project_closed):
        window.actions_.close_project.trigger()
    assert window.project is None and window.current_chapter is None
    assert window.chapters_panel.chapter_ids() == []
    assert window.editor.isReadOnly()
    assert not window.actions_.save.isEnabled()


def test_undo_redo_actions(window):
    window.editor.insertPlainText("abc")
    assert window.actions_.undo.isEnabled()
    window.actions_.undo.trigger()
    assert not window.editor.text().startswith("abc")
    window.actions_.redo.trigger()
    assert window.editor.text().startswith("abc")


def test_window_without_project_then_open(make_window, sample_project):
    window: MainWindow = make_window()
    assert window.project is None
    assert window.open_project(sample_project)
    assert window.chapters_panel.list.count() == 5
    assert window.chapters_panel.list.currentItem().text() == "The Ferry"
    assert window.chapters_panel.list.currentItem().data(Qt.ItemDataRole.UserRole) == "ch-0001"


def test_keyboard_shortcuts_reach_their_actions(window, qtbot):
    editor = window.editor
    editor.setFocus()
    size = editor.font().pointSizeF()
    qtbot.keyClick(editor, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert editor.font().pointSizeF() == size + 1
    qtbot.keyClick(editor, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert editor.font().pointSizeF() == size
    qtbot.keyClick(editor, Qt.Key.Key_F11)
    assert window.focus.active and not window.menuBar().isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not window.focus.active and window.menuBar().isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible() and not window.find_bar.replace_edit.isVisible()
    qtbot.keyClick(window.find_bar.find_edit, Qt.Key.Key_Escape)
    qtbot.keyClick(editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible() and window.find_bar.replace_edit.isVisible()


def test_without_a_project_the_editor_is_read_only_with_a_hint_and_chapter_buttons_are_off(make_window, tmp_path,
                                                                                           qtbot):
    window: MainWindow = make_window()
    editor = window.editor
    assert editor.isReadOnly() and "Open or create a project" in editor.placeholderText()
    panel = window.chapters_panel
    assert not panel.add_button.isEnabled() and not panel.more_button.isEnabled()
    editor.setFocus()
    qtbot.keyClicks(editor, "lost words")
    assert editor.toPlainText() == ""
    broken = tmp_path / "binary.txt"
    broken.write_bytes(b"\x00\x01\xff\xfe" * 50)
    window.open_project(broken)  # fails (or is cancelled): still no project, still nothing to type into
    assert window.project is None
    assert editor.isReadOnly() and "Open or create a project" in editor.placeholderText()


def test_opening_a_project_makes_the_editor_writable_and_enables_chapter_buttons(make_window, sample_project):
    window: MainWindow = make_window()
    window.open_project(sample_project)
    assert not window.editor.isReadOnly() and window.editor.placeholderText() == ""
    assert window.chapters_panel.add_button.isEnabled()
    window.close_project()
    assert window.editor.isReadOnly() and not window.chapters_panel.add_button.isEnabled()


def test_status_bar_does_not_shift_when_the_save_state_changes(window, qtbot):
    status = window.status
    status.set_state("saved")
    qtbot.waitUntil(lambda: status.save_state.text() == "Saved")
    status.layout().activate()
    saved = (status.save_state.x(), status.save_state.width(), status.chapter_words.x())
    status.set_state("unsaved")
    status.layout().activate()
    assert (status.save_state.x(), status.save_state.width(), status.chapter_words.x()) == saved
    status.set_state("failed")
    status.layout().activate()
    assert status.chapter_words.x() == saved[2]


def test_dark_theme_draws_no_white_line_over_the_sidebar_tabs(window, qtbot):
    window.set_theme("dark")
    bar = window.sidebar.tabBar()
    image = window.sidebar.grab().toImage()
    bright = [(x, y) for y in (0, 1, bar.height() - 1, bar.height()) for x in range(0, image.width(), 3)
              if image.pixelColor(x, y).lightness() > 200]
    assert bright == []
    assert QGuiApplication.palette().color(QPalette.ColorRole.Light).lightness() < 128


def test_dark_theme_radio_buttons_have_a_visible_outline(window, qtbot):
    from PySide6.QtWidgets import QRadioButton

    window.set_theme("dark")
    radio = QRadioButton("Off")
    qtbot.addWidget(radio)
    radio.resize(120, 30)
    image = radio.grab().toImage()
    background = QApplication.palette().color(QPalette.ColorRole.Window)
    contrast = max(abs(image.pixelColor(x, y).lightness() - background.lightness())
                   for x in range(0, 20) for y in range(0, image.height()))
    assert contrast > 60


def test_the_find_bar_is_built_after_the_first_frame_or_on_first_use(make_window, sample_project, qtbot):
    window = make_window(sample_project)
    assert window._find_bar is None  # noqa: SLF001 - the window is shown without it
    window.actions_.replace.trigger()  # asked for before its turn: built on the spot, then shown
    assert window.find_bar.isVisible() and window.find_bar.replace_edit.isVisible()
    window.build_later.run_all()  # its turn finds it built
    assert window.build_later.pending() == 0
    window.close()

    again = make_window(sample_project)
    assert again._find_bar is None  # noqa: SLF001
    again.build_later.start(0)
    qtbot.waitUntil(lambda: again._find_bar is not None)  # noqa: SLF001 - built just after the first frame
    assert not again.find_bar.isVisible()
    again.actions_.find.trigger()
    assert again.find_bar.isVisible() and not again.find_bar.replace_edit.isVisible()
