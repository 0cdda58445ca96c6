"""Remembered export choices (config_dir()/export.json) and the default export folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from writer_app.export.preferences import (
    ExportPreferences,
    default_folder,
    is_private_folder,
    load_preferences,
    preferences_path,
    save_preferences,
)
from writer_app.settings import cache_dir, config_dir, data_dir


def test_preferences_round_trip_through_export_json_in_the_config_folder() -> None:
    prefs = ExportPreferences(format="pdf", headings="numbered", title_page=False, scene_break="⁂", polish=False,
                              manuscript_format=True, author="Ada Quill", contact=["1 Lane", "a@b.c"],
                              last_folder="/somewhere")
    save_preferences(prefs)
    assert preferences_path() == config_dir() / "export.json"
    assert json.loads(preferences_path().read_text(encoding="utf-8"))["scene_break"] == "⁂"
    assert load_preferences() == prefs
    assert not list(config_dir().glob("*.tmp"))


def test_missing_file_gives_defaults() -> None:
    assert load_preferences() == ExportPreferences()


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "\xff\xfe", ""])
def test_unreadable_file_gives_defaults(content: str) -> None:
    preferences_path().write_bytes(content.encode("latin-1"))
    assert load_preferences() == ExportPreferences()


def test_bad_values_are_replaced_by_defaults_and_good_ones_kept() -> None:
    preferences_path().write_text(json.dumps({
        "format": 7, "headings": "shouting", "polish": "yes", "scene_break": "  ", "contact": "one line",
        "manuscript_format": True, "author": "Ada", "unknown": 1,
    }), encoding="utf-8")
    prefs = load_preferences()
    defaults = ExportPreferences()
    assert (prefs.format, prefs.headings, prefs.polish, prefs.scene_break, prefs.contact) == (
        defaults.format, defaults.headings, defaults.polish, defaults.scene_break, defaults.contact)
    assert prefs.manuscript_format and prefs.author == "Ada"


def test_default_folder_prefers_the_last_folder_then_documents_then_home(tmp_path: Path) -> None:
    last, documents = tmp_path / "exports", tmp_path / "Documents"
    last.mkdir()
    documents.mkdir()
    assert default_folder(str(last), documents) == last.resolve()
    assert default_folder(str(tmp_path / "gone"), documents) == documents.resolve()
    assert default_folder("", tmp_path / "no-documents") == Path.home().resolve()


def test_default_folder_is_never_an_app_folder_or_the_project_folder(tmp_path: Path) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    sample = data_dir() / "sample" / "The Porch Light"
    sample.mkdir(parents=True)
    for private in (sample, data_dir(), config_dir(), cache_dir() / "x"):
        private.mkdir(parents=True, exist_ok=True)
        assert is_private_folder(private)
        assert default_folder(str(private), documents) == documents.resolve()
    project = tmp_path / "Novel"
    (project / "chapters").mkdir(parents=True)
    assert default_folder(str(project / "chapters"), documents, project) == documents.resolve()
    assert default_folder(str(tmp_path), documents, project) == tmp_path.resolve()  # beside it is fine


def test_a_loose_drafts_own_folder_is_a_fine_default(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Words.", encoding="utf-8")
    assert not is_private_folder(tmp_path, draft)


def test_a_loose_draft_exports_beside_itself_before_the_last_folder(tmp_path: Path) -> None:
    drafts, last, documents = tmp_path / "drafts", tmp_path / "exports", tmp_path / "Documents"
    for folder in (drafts, last, documents):
        folder.mkdir()
    draft = drafts / "draft_0412.txt"
    draft.write_text("Words.", encoding="utf-8")
    assert default_folder(str(last), documents, draft) == drafts.resolve()
    assert default_folder(str(last), documents, tmp_path / "Novel") == last.resolve()  # a project: last folder


def test_draft_titles_are_remembered_per_file_and_survive_a_round_trip(tmp_path: Path) -> None:
    prefs = ExportPreferences()
    prefs.remember_draft_title(tmp_path / "a.txt", "Rain")
    prefs.remember_draft_title(tmp_path / "b.txt", "Wind")
    prefs.remember_draft_title(tmp_path / "a.txt", " Storm ")
    loaded = ExportPreferences.from_dict(json.loads(prefs.to_json()))
    assert (loaded.draft_title(tmp_path / "a.txt"), loaded.draft_title(tmp_path / "b.txt")) == ("Storm", "Wind")
    assert loaded.draft_title(tmp_path / "c.txt") == ""
    assert ExportPreferences.from_dict({"draft_titles": {"x": 3}}).draft_titles == {}
