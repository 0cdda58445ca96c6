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
    assert Path(dialog.path_edit.text()).parent == Path(project.path).parent
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
        assert "paused while exporting" in dialog.warning.label.text()  # nothing counted yet, export running
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
    seen: list[int] = []
    dispatcher.relay.progress.connect(lambda fraction, _m: seen.append(dialog.progress.value()))
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
    assert len([value for value in seen if 0 < value < 1000]) >= 10  # progress reached the GUI while running
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 20 and max(gaps) < 2.0  # the event loop kept turning
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
