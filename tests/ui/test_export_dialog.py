"""The export dialog: options, live preview of the polish, issue warning, export in a worker with progress."""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from writer_app.grammar.model import Category, Issue
from writer_app.ui.dialogs.export_dialog import ExportDialog
from writer_app.ui.dialogs.export_workers import ExportDispatcher
from writer_app.ui.export_feature import install

pytestmark = pytest.mark.usefixtures("home")  # a private home folder for every test here


class FakeChecker:
    """Flags every "the" as a spelling issue and every "said" as a grammar issue."""

    name = "fake"

    def check(self, text: str) -> list[Issue]:
        issues = []
        for word, category in (("the", Category.SPELLING), ("said", Category.GRAMMAR)):
            start = text.find(f" {word} ")
            if start >= 0:
                issues.append(Issue(start + 1, start + 1 + len(word), word, "fake", category=category))
        return issues


@pytest.fixture
def dialog(qtbot, window) -> ExportDialog:
    """An export dialog on the sample project (no issue count started)."""
    dispatcher = ExportDispatcher(window)
    dialog = ExportDialog(window, dispatcher)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    dispatcher.shutdown()


def test_file_menu_gets_export_with_ctrl_e_enabled_only_with_a_project(qtbot, make_window, sample_project) -> None:
    window = make_window()
    feature = install(window)
    assert feature.action in window.menu("file").actions()
    assert feature.action.shortcut().toString() == "Ctrl+E"
    assert not feature.action.isEnabled()
    window.open_project(sample_project)
    assert feature.action.isEnabled()
    feature.count_issues = False
    dialog = feature.open_dialog()
    qtbot.waitUntil(dialog.isVisible)
    dialog.reject()
    feature.dispatcher.shutdown()


def test_defaults_come_from_the_project(dialog: ExportDialog, window) -> None:
    project = window.project
    options = dialog.options()
    assert options.chapter_ids is None and options.polish and options.title_page
    assert (options.title, options.author) == (project.title, project.author)
    assert dialog.path_edit.text().endswith(".txt")


def test_preview_highlights_polish_changes_and_summarises_them(dialog: ExportDialog) -> None:
    assert "background-color" in dialog.preview.toHtml().lower()
    assert "typography change" in dialog.preview_summary.text()
    assert "“" in dialog.preview.toPlainText()
    dialog.polish_check.setChecked(False)
    dialog.update_preview()
    assert dialog.preview_summary.text().startswith("Polish is off")
    assert "#f6d365" not in dialog.preview.toHtml().lower()


def test_preview_uses_the_chosen_scene_break_and_numbered_headings(dialog: ExportDialog, window) -> None:
    first = window.project.chapters[0]
    dialog.texts[first.id] = "One.\n\n***\n\nTwo."
    dialog.preview_chapter.setCurrentIndex(0)
    dialog.scene_break_box.setCurrentText("⁂")
    dialog.heading_box.setCurrentIndex(dialog.heading_box.findData("numbered"))
    dialog.update_preview()
    text = dialog.preview.toPlainText()
    assert "⁂" in text and text.startswith(f"Chapter 1: {first.title}")


def test_chapter_choice_current_and_selected(dialog: ExportDialog, window) -> None:
    chapters = window.project.chapters
    dialog.current_radio.setChecked(True)
    assert dialog.options().chapter_ids == (window.current_chapter.id,)
    dialog.selected_radio.setChecked(True)
    for row in range(dialog.chapter_list.count()):
        dialog.chapter_list.item(row).setCheckState(Qt.CheckState.Checked if row in (1, 3) else Qt.CheckState.Unchecked)
    assert dialog.options().chapter_ids == (chapters[1].id, chapters[3].id)
    assert dialog.selection_label.text().startswith("2 chapters, ")
    dialog.all_radio.setChecked(True)
    assert all(dialog.chapter_list.item(row).checkState() == Qt.CheckState.Checked
               for row in range(dialog.chapter_list.count()))
    dialog.selected_radio.setChecked(True)  # the writer's own ticks come back
    assert dialog.options().chapter_ids == (chapters[1].id, chapters[3].id)
    for row in range(dialog.chapter_list.count()):
        dialog.chapter_list.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.export_button.isEnabled()


def test_manuscript_format_only_for_paged_formats(dialog: ExportDialog) -> None:
    assert not dialog.manuscript_check.isEnabled()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("docx"))
    assert dialog.manuscript_check.isEnabled() and dialog.path_edit.text().endswith(".docx")
    dialog.manuscript_check.setChecked(True)
    dialog.contact_edit.setPlainText("1 Lane\nme@example.com")
    options = dialog.options()
    assert options.manuscript_format and options.contact == ("1 Lane", "me@example.com")
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("epub"))
    assert not dialog.options().manuscript_format


def test_issue_warning_counts_by_category_and_can_be_dismissed(qtbot, dialog: ExportDialog) -> None:
    with qtbot.waitSignal(dialog.dispatcher.relay.counting_done, timeout=20_000):
        dialog.start_issue_count(FakeChecker)
    assert set(dialog.chapter_counts) == {c.id for c in dialog.snapshot.chapters}
    total = sum((counts for counts in dialog.chapter_counts.values()), Counter())
    text = dialog.warning.label.text()
    assert f"{sum(total.values())} unresolved issues" in text
    assert f"{total['spelling']} spelling" in text and f"{total['grammar']} grammar" in text
    dialog.current_radio.setChecked(True)
    current = dialog.chapter_counts[dialog.current_id]
    assert f"{sum(current.values())} unresolved issue" in dialog.warning.label.text()
    dialog.warning.dismiss_button.click()
    assert dialog.warning.isHidden()


def test_export_runs_in_a_worker_and_writes_the_file(qtbot, dialog: ExportDialog, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import writer_app.export.html as html_format

    threads: list[int] = []
    original = html_format.render_html
    monkeypatch.setattr(html_format, "render_html",
                        lambda *a, **k: (threads.append(threading.get_ident()), original(*a, **k))[1])
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("html"))
    target = tmp_path / "out" / "book.html"
    target.parent.mkdir()
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(dialog.dispatcher.relay.finished, timeout=20_000):
        dialog.export_button.click()
        assert dialog.progress.isVisible() and not dialog.export_button.isEnabled()
        assert "counting paused during export" in dialog.warning.label.text()  # own count waits for the export
    assert "paused" not in dialog.warning.label.text()
    assert threads and threads[0] != threading.get_ident()
    assert target.exists() and "“" in target.read_text(encoding="utf-8")
    assert "Exported" in dialog.status_label.text() and dialog.export_button.isEnabled()


def test_pdf_export_from_the_dialog_runs_off_the_gui_thread(qtbot, dialog: ExportDialog, tmp_path: Path) -> None:
    from pypdf import PdfReader

    dialog.format_box.setCurrentIndex(dialog.format_box.findData("pdf"))
    dialog.manuscript_check.setChecked(True)
    target = tmp_path / "book.pdf"
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(dialog.dispatcher.relay.finished, timeout=30_000):
        dialog.export_button.click()
    reader = PdfReader(str(target))
    second_page = " ".join(reader.pages[1].extract_text().split())
    assert len(reader.pages) > 2 and f"/ {dialog.window_.project.title} / 2" in second_page


def test_a_loose_draft_is_never_offered_as_its_own_export_target(qtbot, make_window, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Some words.\n", encoding="utf-8")
    window = make_window(draft)
    dispatcher = ExportDispatcher(window)
    dialog = ExportDialog(window, dispatcher)
    qtbot.addWidget(dialog)
    assert Path(dialog.path_edit.text()) != draft
    assert dialog.path_edit.text().endswith(".txt")
    dispatcher.shutdown()


def test_refusing_to_overwrite_project_json_is_shown_in_the_dialog(qtbot, dialog: ExportDialog, window) -> None:
    manifest = Path(window.project.path) / "project.json"
    before = manifest.read_bytes()
    dialog.path_edit.setText(str(manifest))
    with qtbot.waitSignal(dialog.dispatcher.relay.failed, timeout=20_000):
        dialog.export_button.click()
    assert "Refusing" in dialog.status_label.text()
    assert manifest.read_bytes() == before


@pytest.fixture
def war_and_peace_window(make_window, corpus_dir: Path, tmp_path: Path):
    from writer_app.core.importer import import_manuscript

    project = import_manuscript(corpus_dir / "war-and-peace.txt", tmp_path / "War and Peace", title="War and Peace")
    project.close()
    return make_window(tmp_path / "War and Peace")


def test_a_560k_word_export_shows_progress_and_keeps_the_window_responsive(qtbot, war_and_peace_window,
                                                                           tmp_path: Path) -> None:
    window = war_and_peace_window
    dispatcher = ExportDispatcher(window)
    dialog = ExportDialog(window, dispatcher)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("odt"))
    dialog.path_edit.setText(str(tmp_path / "wp.odt"))
    shown: list[int] = []  # what the bar showed, in per mille
    dialog.progress.valueChanged.connect(shown.append)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    with qtbot.waitSignal(dispatcher.relay.finished, timeout=120_000) as blocker:
        dialog.export_button.click()
    timer.stop()
    result = blocker.args[0]
    assert result.words > 550_000
    running = [value for value in shown if 0 < value < 1000]
    assert len(running) >= 3, f"the bar showed only {shown} while the export ran"
    assert running == sorted(running), f"the bar went backwards: {running}"
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    # The window never froze: the event loop kept turning all along, never stopping for a whole second
    # (what a writer perceives as "not responding"; shorter GIL hiccups from the worker are not a freeze).
    assert len(ticks) > 20, f"the event loop turned only {len(ticks)} times"
    assert max(gaps) < 1.0, f"the event loop stopped for {max(gaps):.2f} s"
    dispatcher.shutdown()


def test_cancelling_a_long_export_writes_nothing(qtbot, war_and_peace_window, tmp_path: Path) -> None:
    window = war_and_peace_window
    dispatcher = ExportDispatcher(window)
    dialog = ExportDialog(window, dispatcher)
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("docx"))
    target = tmp_path / "wp.docx"
    dialog.path_edit.setText(str(target))
    dispatcher.relay.progress.connect(lambda fraction, _m: dialog.cancel_button.click() if fraction > 0.3 else None)
    with qtbot.waitSignal(dispatcher.relay.cancelled, timeout=120_000):
        dialog.export_button.click()
    assert not target.exists() and not list(tmp_path.glob("*.partial*"))
    assert "cancelled" in dialog.status_label.text()
    dispatcher.shutdown()


def test_issue_counting_waits_while_an_export_runs(qtbot) -> None:
    from writer_app.ui.dialogs.export_workers import ExportRelay, IssueCountRunnable

    relay = ExportRelay()
    counted: list[str] = []
    relay.chapter_counted.connect(lambda chapter_id, _counts: counted.append(chapter_id))
    busy, cancel = threading.Event(), threading.Event()  # "busy": idle is not set, an export runs
    cancel.set()
    IssueCountRunnable([("a", "the cat said the")], FakeChecker, cancel, relay, busy).work()
    idle = threading.Event()
    idle.set()
    with qtbot.waitSignal(relay.counting_done):
        IssueCountRunnable([("b", "and the cat said no")], FakeChecker, threading.Event(), relay, idle).work()
    qtbot.waitUntil(lambda: counted == ["b"])


# ------------------------------------------------------------------------------------ where the file goes
def test_default_folder_is_documents_never_the_apps_data_folder(qtbot, make_window, home: Path) -> None:
    from writer_app.core.sample import ensure_sample_project
    from writer_app.settings import data_dir

    sample = ensure_sample_project()  # the app's own copy: data_dir()/sample/The Porch Light, as in the QA report
    assert data_dir() in sample.parents
    window = make_window(sample)
    dispatcher = ExportDispatcher(window)
    dialog = ExportDialog(window, dispatcher)
    qtbot.addWidget(dialog)
    dialog.show()
    target = Path(dialog.path_edit.text())
    assert target == home / "Documents" / f"{window.project.title}.txt"
    assert dialog.path_edit.toolTip() == str(target) and dialog.path_edit.cursorPosition() == 0
    assert dialog.path_full.text() == f"~/Documents/{window.project.title}.txt"  # full path shown
    assert dialog.browse_button.text() == "Browse…"
    dispatcher.shutdown()


def test_default_folder_falls_back_to_home_without_documents(dialog_factory, home: Path) -> None:
    (home / "Documents").rmdir()
    dialog = dialog_factory()
    assert Path(dialog.path_edit.text()).parent == home


def test_a_long_path_is_elided_in_the_middle_with_the_full_path_in_the_tooltip(dialog: ExportDialog,
                                                                               tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*[f"folder-number-{i}" for i in range(12)], "My Novel.txt")
    dialog.path_edit.setText(str(deep))
    shown = dialog.path_full.text()
    assert "…" in shown and shown.endswith("My Novel.txt") and shown.startswith(str(deep)[:5])
    assert dialog.path_full.toolTip() == str(deep) == dialog.path_edit.toolTip()


@pytest.fixture
def dialog_factory(qtbot, window):
    """Open export dialogs on the sample project, one after another (like reopening File > Export…)."""
    dispatchers: list[ExportDispatcher] = []

    def make() -> ExportDialog:
        dispatcher = ExportDispatcher(window)
        dispatchers.append(dispatcher)
        made = ExportDialog(window, dispatcher)
        qtbot.addWidget(made)
        made.show()
        return made

    yield make
    for dispatcher in dispatchers:
        dispatcher.shutdown()


def test_export_choices_and_folder_are_remembered_for_the_next_dialog(qtbot, dialog_factory, tmp_path: Path) -> None:
    from writer_app.export.preferences import load_preferences, preferences_path

    first = dialog_factory()
    first.format_box.setCurrentIndex(first.format_box.findData("docx"))
    first.heading_box.setCurrentIndex(first.heading_box.findData("numbered"))
    first.scene_break_box.setCurrentText("⁂")
    first.polish_check.setChecked(False)
    first.manuscript_check.setChecked(True)
    first.contact_edit.setPlainText("1 Lane\nme@example.com")
    out = tmp_path / "exports"
    out.mkdir()
    first.path_edit.setText(str(out / "book.docx"))
    with qtbot.waitSignal(first.dispatcher.relay.finished, timeout=20_000):
        first.export_button.click()
    qtbot.waitUntil(preferences_path().exists)
    assert load_preferences().last_folder == str(out.resolve())
    first.reject()

    second = dialog_factory()
    options = second.options()
    assert (options.format, options.headings, options.scene_break, options.polish) == ("docx", "numbered", "⁂", False)
    assert options.manuscript_format and options.contact == ("1 Lane", "me@example.com")
    assert Path(second.path_edit.text()).parent == out.resolve()


def test_a_failed_export_remembers_nothing(qtbot, dialog: ExportDialog, window) -> None:
    from writer_app.export.preferences import preferences_path

    dialog.path_edit.setText(str(Path(window.project.path) / "project.json"))
    with qtbot.waitSignal(dialog.dispatcher.relay.failed, timeout=20_000):
        dialog.export_button.click()
    assert not preferences_path().exists()


def test_a_corrupt_preferences_file_opens_the_dialog_with_defaults(dialog_factory, home: Path) -> None:
    from writer_app.export.preferences import preferences_path

    preferences_path().write_text('{"format": "pdf", "headings": ', encoding="utf-8")
    dialog = dialog_factory()
    assert dialog.options().format == "txt" and Path(dialog.path_edit.text()).parent == home / "Documents"


# ------------------------------------------------------------------------------------ preview wording
def test_preview_summary_counts_each_kind_of_change_once(dialog: ExportDialog, window) -> None:
    first = window.project.chapters[0]
    dialog.texts[first.id] = ("\"I didn't,\" she said -- \"'tis 'wait here.'\"...\n\n***\n\n"
                              "The dogs' bowls -- empty...")
    dialog.preview_chapter.setCurrentIndex(0)
    dialog.update_preview()
    assert dialog.preview_summary.text() == (
        "14 typography changes: 6 quotes, 3 apostrophes, 2 dashes, 2 ellipses, 1 scene break.")


# ------------------------------------------------------------------------------------ issue counts
@pytest.fixture
def checking(window):
    """The checking feature installed in the window with the fake checker (no engine process)."""
    from writer_app.grammar.engine import CheckConfig
    from writer_app.ui.checking.install import CheckingFeature

    feature = CheckingFeature(window, lambda _config: FakeChecker(), lambda _settings, _project: CheckConfig())
    yield feature
    feature.shutdown()


def test_the_banner_uses_the_checking_features_counts_and_follows_them_live(qtbot, window, checking,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import writer_app.ui.export_feature as export_feature

    monkeypatch.setattr(export_feature, "checker_factory", lambda _window: pytest.fail("checked a second time"))
    feature = install(window)
    dialog = feature.open_dialog()
    controller = checking.controller
    assert dialog.issue_source is not None

    def agrees() -> bool:  # the banner's "N of M" is the status bar's progress at every moment
        done, total = controller.progress()
        label = dialog.warning.label.text()
        return (f"{done} of {total} chapters" in label) if done < total else "still checking" not in label

    qtbot.waitUntil(lambda: agrees() and controller.idle(), timeout=20_000)
    qtbot.waitUntil(lambda: dialog.chapter_counts.keys() == {c.id for c in window.project.chapters}, timeout=5000)
    expected = Counter()
    for chapter in window.project.chapters:
        if chapter.id == controller.chapter_id:
            expected.update(live.issue.category.value for live in controller.live_issues())
        else:
            expected.update(span.category.value for _i, span in controller.chapter_issues(chapter.id))
    assert f"{sum(expected.values())} unresolved issue" in dialog.warning.label.text()
    assert f"{expected['spelling']} spelling" in dialog.warning.label.text()
    dialog.reject()
    feature.dispatcher.shutdown()


def test_with_checking_the_banner_never_pauses_during_an_export(qtbot, window, checking, tmp_path: Path) -> None:
    feature = install(window)
    dialog = feature.open_dialog()
    dialog.path_edit.setText(str(tmp_path / "book.txt"))
    with qtbot.waitSignal(dialog.dispatcher.relay.finished, timeout=20_000):
        dialog.export_button.click()
        assert "paused" not in dialog.warning.label.text()
    dialog.reject()
    feature.dispatcher.shutdown()


def test_without_checking_the_dialog_counts_for_itself(qtbot, window, monkeypatch: pytest.MonkeyPatch) -> None:
    import writer_app.ui.export_feature as export_feature

    monkeypatch.setattr(export_feature, "checker_factory", lambda _window: FakeChecker)
    feature = install(window)
    dialog = feature.open_dialog()
    assert dialog.issue_source is None
    qtbot.waitUntil(lambda: len(dialog.chapter_counts) == len(window.project.chapters), timeout=20_000)
    assert "unresolved issue" in dialog.warning.label.text()
    dialog.reject()
    feature.dispatcher.shutdown()


def test_a_burst_of_progress_reports_repaints_the_bar_a_few_times_and_ends_on_the_newest(qtbot,
                                                                                          dialog: ExportDialog) -> None:
    dialog.clock = lambda: 100.0  # the whole burst arrives within one instant
    dialog._set_busy(True)
    shown: list[int] = []
    bar_set_value = dialog.progress.setValue
    dialog.progress.setValue = lambda value: (shown.append(value), bar_set_value(value))  # type: ignore[method-assign]
    for step in range(1, 501):  # what a fast worker queues while the GUI thread was busy
        dialog._on_progress(step / 1000, f"Writing chapter {step}…" if step % 50 == 0 else "")
    assert shown == [1]  # the first report shows at once; the rest wait for the refresh
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=2000)
    assert shown[-1] == 500 and dialog.progress.value() == 500
    assert dialog.status_label.text() == "Writing chapter 500…"
    dialog._set_busy(False)


def test_reports_streaming_in_back_to_back_move_the_bar_without_waiting_for_the_timer(dialog: ExportDialog) -> None:
    # While the worker's reports keep the event queue busy, Qt may not get round to the refresh timer at all
    # (seen in CI: the bar sat at 0 for a whole 560k-word export). The clock alone must pace the bar.
    now = [100.0]
    dialog.clock = lambda: now[0]
    dialog._set_busy(True)
    shown: list[int] = []
    bar_set_value = dialog.progress.setValue
    dialog.progress.setValue = lambda value: (shown.append(value), bar_set_value(value))  # type: ignore[method-assign]
    for step in range(1, 201):  # one report every 10 ms for 2 s, and no event processed in between
        now[0] += 0.010
        dialog._on_progress(step / 200, "Writing chapters…")
    assert shown[0] == 5 and shown == sorted(shown)
    assert 40 <= len(shown) <= 51  # about one repaint per 40 ms: it moves, yet is not repainted 200 times
    dialog._set_busy(False)
