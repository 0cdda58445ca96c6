"""Open Recent and opening from a running session: absolute paths, gone entries, and the open project kept safe."""

from __future__ import annotations

import json
from pathlib import Path

from writer_app.app import open_initial_project
from writer_app.core.project import Project
from writer_app.settings import Settings, settings_path


def loose_draft(folder: Path, name: str = "t6.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    draft = folder / name
    draft.write_text("The sixth try at the opening.\n", encoding="utf-8")
    return draft


def test_a_relative_path_typed_at_start_is_reopened_from_another_folder(make_window, tmp_path, monkeypatch):
    loose_draft(tmp_path / "work" / "drafts")
    monkeypatch.chdir(tmp_path / "work")
    first = make_window()
    assert open_initial_project(first, "drafts/t6.txt")
    first.close()
    stored = Settings.load()
    assert stored.last_project == str(tmp_path / "work" / "drafts" / "t6.txt")
    assert stored.recent_projects[0] == stored.last_project
    monkeypatch.chdir(tmp_path)  # started again from somewhere else
    window = make_window()
    assert open_initial_project(window, None)
    assert window.project.is_loose_file and window.editor.text().startswith("The sixth try")


def test_choosing_a_recent_project_that_is_gone_keeps_the_open_one_and_drops_it(window, tmp_path, prompt_log):
    gone = loose_draft(tmp_path / "old")
    window.settings.add_recent_project(gone)
    gone.unlink()
    opened = window.project
    window.actions_.fill_recent()
    entry = next(a for a in window.actions_.recent.actions() if a.data() == str(gone))
    entry.trigger()
    assert window.project is opened and window.editor.text().startswith("The ferry came in late")
    assert prompt_log.errors == [f"“t6.txt” is no longer in {gone.parent}, so it was removed from Open Recent."]
    assert window.status.full_message == prompt_log.errors[0]
    assert str(gone) not in window.settings.recent_projects
    assert str(gone) not in Settings.load().recent_projects


def test_a_project_that_fails_to_open_leaves_the_open_one_open(window, tmp_path, prompt_log):
    broken = tmp_path / "Broken"
    Project.create(broken, "Broken").close()
    (broken / "project.json").write_text('{"format_version": ' + "1" * 5000 + ', "title": "x", "chapters": []}',
                                         encoding="utf-8")
    opened = window.project
    assert not window.open_project(broken)
    assert window.project is opened and window.current_chapter.id == "ch-0001"
    assert not window.editor.isReadOnly()
    assert len(prompt_log.errors) == 1 and prompt_log.errors[0].startswith("project.json is damaged")
    deep = tmp_path / "Deep"
    Project.create(deep, "Deep").close()
    data = json.loads((deep / "project.json").read_text(encoding="utf-8"))
    data["cast"] = "__deep__"
    (deep / "project.json").write_text(json.dumps(data).replace('"__deep__"', "[" * 100_000 + "]" * 100_000),
                                       encoding="utf-8")
    assert not window.open_project(deep)
    assert window.project is opened and len(prompt_log.errors) == 2 and "nested" in prompt_log.errors[1]


def test_keeping_the_open_project_releases_the_new_one(window, tmp_path, make_window, monkeypatch):
    other = tmp_path / "Other"
    Project.create(other, "Other").close()
    window.editor.insertPlainText("Unsaved words. ")
    # The writer answers Cancel to closing with unsaved text.
    monkeypatch.setattr(window.session, "close_project", lambda: False)
    assert not window.open_project(other)
    assert window.project.title == "The Porch Light"
    second = make_window(other)  # the lock of the project that was not adopted is released
    assert second.project is not None and not second.project.read_only


def test_reopening_the_open_project_from_recent_keeps_it_as_it_is(window, sample_project, prompt_log):
    opened = window.project
    window.editor.insertPlainText("Still here. ")
    assert window.open_recent(str(sample_project))
    assert window.project is opened and window.editor.text().startswith("Still here. ")
    assert window.open_project(sample_project / "project.json") and window.project is opened
    assert prompt_log.asked == [] and prompt_log.errors == []


def test_recent_menu_shows_name_and_folder_with_the_full_path_as_tooltip(window, tmp_path, sample_project):
    draft = loose_draft(tmp_path / "drafts")
    assert window.open_project(draft)
    window.actions_.fill_recent()
    actions = window.actions_.recent.actions()
    assert [a.text() for a in actions[:2]] == [f"&1  t6.txt — {draft.parent}",
                                               f"&2  The Porch Light — {sample_project.parent}"]
    assert [a.toolTip() for a in actions[:2]] == [str(draft), str(sample_project)]
    assert window.actions_.recent.toolTipsVisible()


def test_recent_label_shortens_the_home_folder_and_keeps_ampersands(monkeypatch, tmp_path):
    from writer_app.ui.actions import recent_label

    monkeypatch.setenv("HOME", str(tmp_path))
    assert recent_label(str(tmp_path / "Books" / "Salt & Iron"), 3) == "&3  Salt && Iron — ~/Books"
    assert recent_label(str(tmp_path / "Books" / "Tide"), 12) == "Tide — ~/Books"


def test_relative_entries_in_an_old_settings_file_are_resolved_or_dropped(tmp_path, monkeypatch):
    loose_draft(tmp_path / "drafts")
    monkeypatch.chdir(tmp_path)
    settings_path().write_text(json.dumps({
        "recent_projects": ["drafts/t6.txt", "elsewhere/gone.txt", "/abs/kept", "drafts/../drafts/t6.txt"],
        "last_project": "elsewhere/gone.txt",
    }), encoding="utf-8")
    settings = Settings.load()
    assert settings.recent_projects == [str(tmp_path / "drafts" / "t6.txt"), "/abs/kept"]
    assert settings.last_project == ""
