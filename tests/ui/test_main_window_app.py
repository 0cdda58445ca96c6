"""app.py: which project opens at start, and that the sample is copied before the writer edits it."""

from __future__ import annotations

from writer_app.app import open_initial_project
from writer_app.core.sample import sample_source
from writer_app.settings import data_dir


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
