"""The installed feature on a window: menu fixes, dictionaries, ignores, panel, status, navigation, closing."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPoint, QThreadPool
from PySide6.QtWidgets import QMenu

from tests.ui.checking.fakes import FakeFactory, FakeWindow
from writer_app.core.project import Project
from writer_app.grammar.engine import CheckConfig
from writer_app.ui.checking.install import CheckingFeature
from writer_app.ui.editor import ChapterEditor

TEXTS = ["Chapter one has teh cat.\nA fine line.", "Two teh two.\nNothing here.", "Clean text only."]


@pytest.fixture
def project(tmp_path):
    """A three-chapter project on disk."""
    project = Project.create(tmp_path / "novel", "Novel")
    for number, text in enumerate(TEXTS, 1):
        if number <= len(project.chapters):
            project.write_chapter(project.chapters[number - 1], text)
        else:
            project.add_chapter(f"Chapter {number}", text)
    yield project
    project.close()


@pytest.fixture
def feature(qtbot, project):
    """A fake window with the real ChapterEditor, checking installed with the fake checker."""
    window = FakeWindow(ChapterEditor())
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    factory = FakeFactory()
    feature = CheckingFeature(window, factory, lambda settings, proj: CheckConfig())
    feature.factory = factory
    window.open_project(project, {c.id: t for c, t in zip(project.chapters, TEXTS, strict=True)})
    qtbot.waitUntil(feature.controller.idle, timeout=5000)
    yield feature
    feature.shutdown()


def menu_for(feature, word: str) -> QMenu:
    """The editor's context menu as it would open over ``word`` (owned by the editor, deleted with it).

    A parentless menu would be freed by whichever thread next runs Python's garbage collector, and a
    QWidget deleted off the GUI thread crashes the process.
    """
    editor = feature.editor
    position = editor.toPlainText().index(word) + 1
    cursor = editor.textCursor()
    cursor.setPosition(position)
    menu = editor.createStandardContextMenu()
    menu.setParent(editor, menu.windowFlags())
    editor.context_menu_about_to_show.emit(menu, cursor)
    return menu


def test_right_click_offers_the_fix_first_and_applies_it_as_one_undo_step(qtbot, feature):
    menu = menu_for(feature, "teh")
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "Possible typo."
    assert texts[1] == "the"
    menu.actions()[1].trigger()
    assert feature.editor.toPlainText().startswith("Chapter one has the cat.")
    feature.editor.undo()
    assert feature.editor.toPlainText().startswith("Chapter one has teh cat.")


def test_spelling_suggestions_arrive_in_the_open_menu(qtbot, feature):
    feature.controller.filter_issues(lambda i: True)
    live = feature.controller.live_issues()[0]
    bare = live.issue.__class__(live.issue.start, live.issue.end, "teh", "Unknown word.", (), "SPELL",
                                live.issue.category, "fake")
    record = feature.controller.tracker.records[live.record_id]
    record.spans = tuple(s.__class__(s.start, s.end, bare) for s in record.spans)
    menu = menu_for(feature, "teh")
    assert "Finding suggestions…" in [a.text() for a in menu.actions()]
    qtbot.waitUntil(lambda: "tea" in [a.text() for a in menu.actions()], timeout=3000)
    assert "Finding suggestions…" not in [a.text() for a in menu.actions()]


def type_at_end(feature, text: str) -> None:
    """Type ``text`` at the end of the chapter as the writer would, with a pause in typing far away.

    A 30 s pause means anything checked before the test ends was asked for by something else than the pause.
    """
    controller = feature.controller
    controller._debounce_s = 30.0
    controller._debounce.setInterval(30_000)
    feature.context_menu.await_limit_s = 120.0  # an open menu waits for the check however loaded the machine
    cursor = feature.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    feature.editor.setTextCursor(cursor)
    feature.editor.insertPlainText(text)


def test_right_click_on_a_word_just_typed_checks_it_at_once_and_offers_the_fix_in_the_open_menu(qtbot, feature):
    type_at_end(feature, " Then teh dog.")
    assert feature.controller.issue_at(feature.editor.toPlainText().rindex("teh") + 1) is None
    menu = menu_for_last(feature, "teh")
    assert [a.text() for a in menu.actions()][0] == "Checking…"
    qtbot.waitUntil(lambda: "the" in [a.text() for a in menu.actions()], timeout=20_000)
    texts = [a.text() for a in menu.actions()]
    assert texts[:2] == ["Possible typo.", "the"] and "Checking…" not in texts
    next(a for a in menu.actions() if a.text() == "the").trigger()
    assert feature.editor.toPlainText().endswith(" Then the dog.")


def test_right_click_on_a_clean_word_just_typed_says_checking_then_nothing(qtbot, feature):
    type_at_end(feature, " Then the dog.")
    menu = menu_for_last(feature, "dog")
    standard = [a.text() for a in menu.actions()][2:]
    assert [a.text() for a in menu.actions()][0] == "Checking…"
    qtbot.waitUntil(lambda: "Checking…" not in [a.text() for a in menu.actions()], timeout=20_000)
    assert [a.text() for a in menu.actions()] == standard  # the placeholder and its separator are gone
    assert not feature.controller.paragraph_pending(feature.editor.toPlainText().rindex("dog"))


def menu_for_last(feature, word: str) -> QMenu:
    """Like :func:`menu_for`, over the last ``word`` of the chapter."""
    editor = feature.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().rindex(word) + 1)
    menu = editor.createStandardContextMenu()
    menu.setParent(editor, menu.windowFlags())
    editor.context_menu_about_to_show.emit(menu, cursor)
    return menu


def test_adding_a_word_to_the_project_dictionary_clears_it_and_is_saved(qtbot, feature, project):
    menu = menu_for(feature, "teh")
    action = next(a for a in menu.actions() if "project dictionary" in a.text())
    action.trigger()
    assert feature.controller.live_issue_count() == 0
    assert feature.controller.chapter_issues(project.chapters[1].id) == []
    qtbot.waitUntil(lambda: "teh" in Project.open(project.path, read_only=True).word_list, timeout=3000)


def test_ignore_rule_is_stored_in_the_project(qtbot, feature, project):
    feature.editor.setPlainText("the the end")
    qtbot.waitUntil(lambda: feature.controller.live_issue_count() == 1, timeout=3000)
    menu = menu_for(feature, "the the")
    next(a for a in menu.actions() if a.text().startswith("Ignore rule")).trigger()
    assert project.ignored_rules == ["DOUBLE"]
    assert feature.controller.live_issue_count() == 0
    qtbot.waitUntil(lambda: Project.open(project.path, read_only=True).ignored_rules == ["DOUBLE"], timeout=3000)


def test_a_misspelling_offers_dictionaries_not_ignore_rule(qtbot, feature):
    texts = [a.text() for a in menu_for(feature, "teh").actions()]
    assert "Add “teh” to project dictionary" in texts and "Add “teh” to personal dictionary" in texts
    assert not any(t.startswith("Ignore rule") for t in texts)


def test_ignore_here_hides_only_that_place_and_is_stored_in_the_project(qtbot, feature, project):
    menu = menu_for(feature, "teh")
    next(a for a in menu.actions() if a.text() == "Ignore here").trigger()
    assert feature.controller.live_issue_count() == 0
    assert feature.controller.manuscript_issue_count() == 1  # "Two teh two." in chapter two is another place
    assert [spot[:2] for spot in project.ignored_spots] == [["TEH", "teh"]]
    qtbot.waitUntil(lambda: Project.open(project.path, read_only=True).ignored_spots == project.ignored_spots,
                    timeout=3000)


def _type_at(editor, position: int, text: str) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(position)
    cursor.insertText(text)


def test_ignore_here_survives_edits_away_from_it_but_not_rewording_around_it(qtbot, feature):
    editor, controller = feature.editor, feature.controller
    editor.setPlainText("It was late in the evening when she finally read teh letter from her sister, slowly, "
                        "by the window, twice over.")
    qtbot.waitUntil(lambda: controller.live_issue_count() == 1, timeout=3000)
    next(a for a in menu_for(feature, "teh").actions() if a.text() == "Ignore here").trigger()
    assert controller.live_issue_count() == 0
    _type_at(editor, 0, "So. ")  # far from the flag: the paragraph is checked again (the fake engine filters nothing)
    _type_at(editor, len(editor.toPlainText()) - 1, " and twice")
    qtbot.waitUntil(lambda: controller.idle() and all(r.up_to_date for r in controller.tracker.records.values()),
                    timeout=3000)
    assert controller.live_issue_count() == 0
    _type_at(editor, editor.toPlainText().index("teh") + 4, "old ")  # the words right after it changed
    qtbot.waitUntil(lambda: controller.live_issue_count() == 1, timeout=3000)


def test_personal_dictionary_gets_the_word(qtbot, feature):
    from writer_app.settings import personal_dictionary_path

    menu = menu_for(feature, "teh")
    next(a for a in menu.actions() if "personal dictionary" in a.text()).trigger()
    qtbot.waitUntil(lambda: personal_dictionary_path().is_file()
                    and "teh" in personal_dictionary_path().read_text(), timeout=3000)


def test_panel_lists_the_manuscript_grouped_and_jumps_to_another_chapter(qtbot, feature, project):
    panel = feature.panel
    panel.scope.setCurrentIndex(1)
    panel.refresh()
    head = panel.model.item(0)
    assert head.text() == "Spelling (2)"
    panel.tree.setCurrentIndex(head.child(1).index())
    panel.jump_requested.emit(panel.selected_entry())
    assert feature.controller.chapter_id == project.chapters[1].id
    assert feature.editor.textCursor().selectedText() == "teh"


def test_fix_all_like_this_fixes_every_copy_in_one_step(qtbot, feature):
    editor = feature.editor
    editor.setPlainText("teh one\nteh two teh")
    qtbot.waitUntil(lambda: feature.controller.live_issue_count() == 3, timeout=3000)
    panel = feature.panel
    panel.refresh()
    panel.tree.setCurrentIndex(panel.model.item(0).child(0).index())
    assert panel.fix_all_button.isEnabled()
    assert panel.fix_all_selected() == 3
    assert editor.toPlainText() == "the one\nthe two the"
    editor.undo()
    assert editor.toPlainText() == "teh one\nteh two teh"


def test_category_filter_hides_other_categories(qtbot, feature):
    feature.editor.setPlainText("teh and and")
    qtbot.waitUntil(lambda: feature.controller.live_issue_count() == 2, timeout=3000)
    panel = feature.panel
    panel.category.setCurrentIndex(panel.category.findData("grammar"))
    assert [e.issue.rule for e in panel.entries()] == ["DOUBLE"]


def _f7_walk(qtbot, feature, action, steps: int) -> list[tuple[int, int]]:
    """Trigger ``action`` ``steps`` times; (chapter number, selection start) after each."""
    chapters = [c.id for c in feature.window.project.chapters]
    seen = []
    for _ in range(steps):
        action.trigger()
        editor = feature.editor
        seen.append((chapters.index(feature.controller.chapter_id) + 1, editor.textCursor().selectionStart()))
        assert editor.textCursor().selectedText() == "teh"
        qtbot.waitUntil(feature.controller.idle, timeout=3000)
    return seen


def test_f7_walks_through_the_chapter_then_on_through_the_manuscript_and_round(qtbot, feature):
    feature.editor.setPlainText("teh a\nb teh\nc teh")
    qtbot.waitUntil(lambda: feature.controller.live_issue_count() == 3, timeout=3000)
    cursor = feature.editor.textCursor()
    cursor.setPosition(0)
    feature.editor.setTextCursor(cursor)
    # Chapter 2 has one issue and chapter 3 none: after the third issue F7 goes on to chapter 2, then round.
    assert _f7_walk(qtbot, feature, feature.next_action, 5) == [(1, 0), (1, 8), (1, 14), (2, 4), (1, 0)]
    assert "Went on to “Chapter 1”" in feature.window.messages[-1]
    assert _f7_walk(qtbot, feature, feature.previous_action, 3) == [(2, 4), (1, 14), (1, 8)]


def test_f7_right_after_typing_checks_the_new_words_instead_of_skipping_them(qtbot, feature):
    before = len(feature.editor.toPlainText())
    type_at_end(feature, "\nAnd teh dog.")
    cursor = feature.editor.textCursor()
    cursor.setPosition(before)  # after the chapter's known issue, before the words just typed
    feature.editor.setTextCursor(cursor)
    assert not feature.go_to_issue(+1)  # their check has only just started: no jump to chapter 2
    assert feature.controller.chapter_id == feature.window.project.chapters[0].id
    assert "Still checking" in feature.window.messages[-1]
    qtbot.waitUntil(feature.controller.chapter_checked, timeout=3000)  # long before the 30 s pause
    assert _f7_walk(qtbot, feature, feature.next_action, 2) == [(1, before + 5), (2, 4)]


def test_f7_does_not_go_past_a_chapter_not_checked_yet(qtbot, feature):
    cursor = feature.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)  # after chapter 1's only issue
    feature.editor.setTextCursor(cursor)
    feature.controller.store.restart()  # chapters 2 and 3 wait for their background check again
    assert not feature.go_to_issue(+1)  # chapter 2's "teh" is not known yet: no wrap to chapter 1's issue
    assert "Still checking the manuscript" in feature.window.messages[-1]
    assert feature.editor.textCursor().selectedText() == ""
    feature.controller.schedule_pump()
    qtbot.waitUntil(feature.controller.idle, timeout=5000)
    assert _f7_walk(qtbot, feature, feature.next_action, 1) == [(2, 4)]


def test_f7_with_no_chapter_open_goes_to_the_first_issue_of_the_manuscript(qtbot, feature):
    feature.controller.close_chapter()
    qtbot.waitUntil(feature.controller.idle, timeout=5000)  # the chapter left is checked again in the background
    assert feature.go_to_issue(+1)
    assert feature.controller.chapter_id == feature.window.project.chapters[0].id
    assert feature.editor.textCursor().selectedText() == "teh"


def test_f7_wraps_inside_the_only_chapter_with_issues_and_says_when_there_are_none(qtbot, feature):
    feature.window.open_chapter(feature.window.project.chapters[1].id)
    feature.editor.setPlainText("Two two.")  # chapter 2 fixed: only chapter 1 keeps its "teh"
    qtbot.waitUntil(lambda: feature.controller.manuscript_issue_count() == 1, timeout=3000)
    feature.window.open_chapter(feature.window.project.chapters[0].id)
    qtbot.waitUntil(feature.controller.idle, timeout=3000)
    assert _f7_walk(qtbot, feature, feature.next_action, 2) == [(1, 16), (1, 16)]
    feature.editor.setPlainText("Chapter one has the cat.")
    qtbot.waitUntil(lambda: feature.controller.manuscript_issue_count() == 0, timeout=3000)
    qtbot.waitUntil(feature.controller.chapter_checked, timeout=3000)
    assert not feature.go_to_issue(+1)
    assert feature.window.messages[-1] == "No issues in the manuscript."


def test_status_separates_the_chapter_from_the_manuscript_with_plurals(qtbot, feature):
    qtbot.waitUntil(lambda: "checking" not in feature.status.summary().lower(), timeout=3000)
    assert feature.status.summary() == "1 issue in this chapter · 2 in the manuscript · fake"
    feature.window.open_chapter(feature.window.project.chapters[2].id)
    qtbot.waitUntil(feature.controller.idle, timeout=3000)
    assert feature.status.summary() == "0 issues in this chapter · 2 in the manuscript · fake"


def test_status_counts_chapters_while_the_manuscript_is_checked(qtbot, feature):
    feature.controller.store.restart()
    done, total = feature.controller.progress()
    assert done < total == 3
    assert f"checking {done} of 3 chapters" in feature.status.summary()


def test_tooltip_names_message_rule_and_engine(qtbot, feature):
    editor = feature.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index("teh") + 1)
    rect = editor.cursorRect(cursor)
    text = feature.tooltips.text_at(QPoint(rect.center().x(), rect.center().y()))
    assert "Possible typo." in text and "TEH" in text and "fake" in text


def test_closing_the_window_while_checking_stops_all_threads(qtbot, feature):
    gate = threading.Event()
    feature.factory.gate = gate
    feature.dispatcher.reset_checkers()
    feature.editor.setPlainText("\n".join(f"line {i} teh" for i in range(2000)))
    qtbot.waitUntil(lambda: feature.dispatcher.in_flight >= 1, timeout=3000)
    feature.window.close()
    gate.set()
    qtbot.waitUntil(lambda: feature.dispatcher.closed, timeout=3000)
    assert feature.dispatcher._pool.activeThreadCount() == 0
    assert QThreadPool.globalInstance().waitForDone(3000)


def test_preferences_page_round_trips_settings(qtbot, feature):
    from writer_app.settings import Settings

    page = feature.window.pages["Checking"]()
    qtbot.addWidget(page)
    settings = Settings()
    page.load(settings)
    page.boxes[next(iter(page.boxes))].setChecked(False)
    page.dialect.setCurrentIndex(page.dialect.findData("en-GB"))
    page.apply(settings)
    assert "spelling" not in settings.enabled_categories and settings.dialect == "en-GB"


def test_choosing_a_dialect_in_preferences_sets_the_project_language(qtbot, feature, project):
    from writer_app.settings import Settings

    settings = Settings()
    settings.dialect = "en-GB"
    feature.window.settings_changed.emit(settings)
    assert project.language == "en-GB"
    qtbot.waitUntil(lambda: Project.open(project.path, read_only=True).language == "en-GB", timeout=3000)


class ShoutChecker:
    """An in-process extra engine (stands in for LanguageTool): flags "cat"."""

    name = "extra"

    def check(self, text: str) -> list:
        """Flag every "cat"."""
        from writer_app.grammar.model import Category, Issue

        return [Issue(i, i + 3, "cat", "Say dog.", ("dog",), "CAT", Category.STYLE, "extra")
                for i in range(len(text)) if text.startswith("cat", i)]


def test_an_extra_engine_joins_every_check_and_is_named_in_the_status(qtbot, feature):
    from dataclasses import replace

    from writer_app.grammar.model import Category

    feature.controller.set_config(replace(feature.controller.config,
                                          categories=frozenset(Category)))
    feature.set_extra_checkers(ShoutChecker())
    qtbot.waitUntil(lambda: feature.controller.idle() and feature.controller.live_issue_count() == 2,
                    timeout=5000)
    assert sorted(i.issue.source for i in feature.controller.live_issues()) == ["extra", "fake"]
    assert feature.controller.engines == ("fake", "extra")


def _scrolled_to_a_slip(qtbot, feature) -> tuple[int, int]:
    """A long chapter scrolled down to a paragraph with "teh"; returns (scroll value, slip position)."""
    editor = feature.editor
    editor.setPlainText("\n".join(f"Line {n} is clean text." for n in range(300)) + "\nNear the end teh cat.\n"
                        + "\n".join(f"Tail {n}." for n in range(20)))
    position = editor.toPlainText().index("teh")
    cursor = editor.textCursor()
    cursor.setPosition(position - 5)
    editor.setTextCursor(cursor)
    editor.centerCursor()
    qtbot.waitUntil(lambda: feature.controller.issue_at(position + 1) is not None, timeout=5000)
    scroll = editor.verticalScrollBar().value()
    assert scroll > 0
    return scroll, position


def test_undo_after_a_fix_keeps_the_cursor_at_the_word_and_the_scroll_position(qtbot, feature):
    editor = feature.editor
    scroll, position = _scrolled_to_a_slip(qtbot, feature)
    assert feature.controller.apply_fix(feature.controller.issue_at(position + 1), "the")
    assert editor.verticalScrollBar().value() == scroll
    assert editor.textCursor().position() == position + 3
    editor.undo()
    assert "Near the end teh cat." in editor.toPlainText()
    assert editor.verticalScrollBar().value() == scroll
    assert position <= editor.textCursor().position() <= position + 3


def test_undo_after_fix_all_stays_at_a_fixed_word_without_scrolling(qtbot, feature):
    editor = feature.editor
    scroll, position = _scrolled_to_a_slip(qtbot, feature)
    issues = feature.controller.similar_issues(feature.controller.issue_at(position + 1).issue)
    assert feature.controller.apply_fixes([(live, "the") for live in issues]) == len(issues)
    assert editor.verticalScrollBar().value() == scroll
    editor.undo()
    assert editor.toPlainText().count("teh") == len(issues)
    assert editor.verticalScrollBar().value() == scroll
    assert any(live.position <= editor.textCursor().position() <= live.position + 3 for live in issues)


def test_dictionary_choice_queues_project_json_on_the_windows_disk_writer(qtbot, feature, project, monkeypatch):
    calls: list[str] = []
    feature.window.save_manifest_later = lambda: calls.append(threading.current_thread().name)
    monkeypatch.setattr(project, "save_manifest", lambda: calls.append("direct save"))
    feature.add_to_project_dictionary("teh")
    qtbot.waitUntil(lambda: bool(calls), timeout=3000)
    assert calls == [threading.main_thread().name]
    assert "teh" in project.word_list


def test_a_grammar_issue_offers_ignore_here_and_ignore_rule_but_no_ignore_word(qtbot, feature):
    feature.editor.setPlainText("She had to to leave.")
    qtbot.waitUntil(lambda: feature.controller.live_issue_count() == 1, timeout=3000)
    texts = [a.text() for a in menu_for(feature, "to to").actions()]
    assert "Ignore here" in texts and "Ignore rule (DOUBLE)" in texts
    assert not any("everywhere" in text for text in texts)


def test_a_spelling_issue_offers_the_dictionaries_for_the_word(qtbot, feature):
    texts = [a.text() for a in menu_for(feature, "teh").actions()]
    assert "Ignore here" in texts and "Add “teh” to project dictionary" in texts
    assert not any(text.startswith("Ignore rule") for text in texts)


def test_the_issues_list_shows_each_issue_in_a_few_words_of_its_context(qtbot, feature):
    feature.editor.setPlainText("Long ago she had to to leave the house for good.\nteh")
    qtbot.waitUntil(lambda: feature.controller.live_issue_count() == 2, timeout=3000)
    panel = feature.panel
    panel.refresh()
    rows = [panel.model.item(g).child(r).text() for g in range(panel.model.rowCount())
            for r in range(panel.model.item(g).rowCount())]
    assert "…ago she had [to to] leave the house… → to" in rows
    assert "“teh” → the" in rows  # a paragraph of one word needs no context


def test_the_views_hear_when_the_extra_engine_has_finished_and_say_no_issues(qtbot, feature):
    from tests.ui.checking.test_workers import GatedExtra

    feature.editor.setPlainText("A clean line.")
    qtbot.waitUntil(feature.controller.idle, timeout=5000)
    extra = GatedExtra()  # finds nothing here, once let through
    try:
        feature.set_extra_checkers(extra)
        # Every chapter's built-in check is done and shown; the extra engine still works.
        qtbot.waitUntil(lambda: feature.controller.chapter_checked() and len(set(feature.controller.progress())) == 1
                        and feature.dispatcher.in_flight >= 1, timeout=5000)
        with qtbot.waitSignal(feature.controller.progress_changed, timeout=5000,
                              check_params_cb=lambda *args: feature.controller.idle()):
            extra.gate.set()
    finally:
        extra.gate.set()
    feature.panel.refresh()
    assert [feature.panel.model.item(i).text() for i in range(feature.panel.model.rowCount())] == ["No issues found"]
