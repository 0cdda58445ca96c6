"""Settings: appdirs locations, defaults, atomic JSON, unknown keys kept, corrupt files never crash."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from writer_app import settings as settings_module
from writer_app.settings import (
    Settings,
    cache_dir,
    config_dir,
    data_dir,
    log_dir,
    personal_dictionary_path,
    settings_path,
)


def test_folders_follow_xdg_and_are_created() -> None:
    assert config_dir() == Path(os.environ["XDG_CONFIG_HOME"]) / "writer-app"
    assert data_dir() == Path(os.environ["XDG_DATA_HOME"]) / "writer-app"
    assert cache_dir() == Path(os.environ["XDG_CACHE_HOME"]) / "writer-app"
    assert log_dir().is_dir() and log_dir().is_relative_to(cache_dir())
    for folder in (config_dir(), data_dir(), cache_dir()):
        assert folder.is_dir()
    assert personal_dictionary_path() == data_dir() / "personal-words.txt"


def test_defaults_match_the_contract() -> None:
    s = Settings.load()
    assert s.theme == "system" and s.text_width == 72 and s.autosave_seconds == 2.0
    assert s.dialect == "en-US" and s.languagetool_mode == "off" and not s.languagetool_public_consent
    assert "style" not in s.enabled_categories and "spelling" in s.enabled_categories
    assert 1.0 <= s.line_spacing <= 2.0


def test_save_and_load_round_trip() -> None:
    s = Settings(theme="dark", editor_font_size=16, line_spacing=1.8, recent_projects=["/a", "/b"])
    s.save()
    again = Settings.load()
    assert again == s
    assert not [p for p in config_dir().iterdir() if p.name.endswith(".tmp")]


def test_unknown_keys_are_preserved_on_save() -> None:
    settings_path().write_text(json.dumps({"theme": "light", "future_option": {"x": [1, 2]}}))
    s = Settings.load()
    assert s.theme == "light"
    s.zoom = 3
    s.save()
    saved = json.loads(settings_path().read_text())
    assert saved["future_option"] == {"x": [1, 2]} and saved["zoom"] == 3


@pytest.mark.parametrize("content", ["{not json", "[1, 2, 3]", "", "\xff\xfe garbage"])
def test_corrupt_file_gives_defaults_and_a_warning(content: str, caplog: pytest.LogCaptureFixture) -> None:
    settings_path().write_bytes(content.encode("latin-1"))
    with caplog.at_level(logging.WARNING, logger=settings_module.__name__):
        s = Settings.load()
    assert s == Settings()
    assert "settings" in caplog.text.lower()


def test_bad_values_fall_back_per_field(caplog: pytest.LogCaptureFixture) -> None:
    settings_path().write_text(json.dumps({
        "theme": "purple", "editor_font_size": "big", "line_spacing": 5, "recent_projects": "x",
        "autosave_seconds": 3, "dialect": "en-GB", "languagetool_public_consent": "yes", "zoom": True,
    }))
    with caplog.at_level(logging.WARNING):
        s = Settings.load()
    assert s.theme == "system" and s.editor_font_size == 13 and s.line_spacing == 1.4
    assert s.recent_projects == [] and s.languagetool_public_consent is False and s.zoom == 0
    assert s.autosave_seconds == 3.0 and isinstance(s.autosave_seconds, float) and s.dialect == "en-GB"
    assert "theme" in caplog.text


def test_missing_file_is_silent_defaults(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert Settings.load() == Settings()
    assert caplog.text == ""


def test_recent_projects_are_deduplicated_and_bounded() -> None:
    s = Settings()
    for n in range(20):
        s.add_recent_project(f"/p/{n}")
    s.add_recent_project("/p/5")
    assert s.recent_projects[0] == "/p/5" and s.last_project == "/p/5"
    assert len(s.recent_projects) == settings_module.MAX_RECENT_PROJECTS
    assert s.recent_projects.count("/p/5") == 1


def test_unusable_config_folder_gives_defaults(monkeypatch: pytest.MonkeyPatch,
                                              caplog: pytest.LogCaptureFixture) -> None:
    def refuse() -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(settings_module, "settings_path", refuse)
    with caplog.at_level(logging.WARNING):
        assert Settings.load() == Settings()
    assert "Permission denied" in caplog.text


# -------------------------------------------------------------------------------------------------------------
# The suite never touches the real user's folders, whatever a test does with its monkeypatch.

REPO = Path(__file__).resolve().parents[1]


def _is_inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def test_undoing_a_tests_monkeypatch_keeps_every_folder_away_from_the_real_ones(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import REAL_FOLDERS, SESSION_HOME

    monkeypatch.undo()  # also undoes the per-test private folders
    for kind in settings_module.FOLDER_KINDS:
        folder = settings_module.user_folder(kind)
        assert not _is_inside(folder, REAL_FOLDERS[kind]), f"{kind} folder fell back to the real {folder}"
        assert _is_inside(folder, SESSION_HOME)


INNER_TEST = """
import os
import subprocess
import sys
from pathlib import Path


def test_inner():
    touch = os.environ.get("TOUCH_REAL_FILE")
    if touch:
        Path(touch).parent.mkdir(parents=True, exist_ok=True)
        Path(touch).write_text("changed by a test")
"""


def _run_inner_suite(tmp_path: Path, touch: Path | None) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_inner.py").write_text(INNER_TEST)
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env.update(HOME=str(tmp_path / "real-home"), PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    if touch is not None:
        env["TOUCH_REAL_FILE"] = str(touch)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest",
         "--rootdir", str(tmp_path), "-c", os.devnull, str(tmp_path / "test_inner.py")],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=120,
    )


@pytest.mark.skipif(os.name == "nt", reason="the real folders follow HOME only on Unix-like systems")
def test_a_run_that_changes_the_real_folders_fails(tmp_path: Path) -> None:
    real_config = tmp_path / "real-home" / (
        "Library/Application Support/writer-app" if sys.platform == "darwin" else ".config/writer-app")
    real_config.mkdir(parents=True)
    (real_config / "settings.json").write_text('{"autosave_seconds": 2.0}')

    clean = _run_inner_suite(tmp_path, None)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    dirty = _run_inner_suite(tmp_path, real_config / "settings.json")
    assert dirty.returncode == 1, dirty.stdout + dirty.stderr
    assert "changed the real user's writer-app folders" in dirty.stdout
    assert str(real_config / "settings.json") in dirty.stdout


def test_a_check_category_added_since_the_writer_chose_theirs_starts_on_but_a_chosen_off_one_stays_off() -> None:
    older = Settings.from_dict({"enabled_categories": ["spelling", "grammar"]})  # saved before "names" existed
    assert older.enabled_categories == ["spelling", "grammar", "names"]
    later = Settings.from_dict(older.to_dict() | {"enabled_categories": ["spelling"]})  # the writer unticked names
    assert later.enabled_categories == ["spelling"]
    assert Settings.from_dict(later.to_dict()).enabled_categories == ["spelling"]
