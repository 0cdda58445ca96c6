"""A loose draft exports under the title its text gives (its first heading), never under its file name."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.cli import main
from writer_app.core.project import Project
from writer_app.export.metadata import draft_titles, export_title, is_untitled_draft
from writer_app.export.model import ExportOptions, build_manuscript


def draft(tmp_path: Path, text: str, name: str = "draft_0412.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def manuscript_of(path: Path, **options: object):
    with Project.open(path, read_only=True) as project:
        return build_manuscript(project, ExportOptions(**options))


def test_the_first_heading_titles_the_draft_and_heads_its_chapter_once(tmp_path: Path) -> None:
    book = manuscript_of(draft(tmp_path, "# The Lighthouse\n\nIt rained all night.\n"))
    assert book.title == "The Lighthouse"
    assert [(c.title, c.heading) for c in book.chapters] == [("The Lighthouse", "The Lighthouse")]
    assert [b.text for b in book.chapters[0].blocks] == ["It rained all night."]


def test_a_draft_without_a_heading_has_no_chapter_heading_and_no_file_name(tmp_path: Path) -> None:
    book = manuscript_of(draft(tmp_path, "It rained all night.\n"))
    assert book.chapters[0].heading == "" and "draft_0412" not in (book.title, book.chapters[0].title)
    numbered = manuscript_of(draft(tmp_path, "It rained all night.\n"), headings="numbered")
    assert numbered.chapters[0].heading == "Chapter 1"


def test_a_heading_after_some_prose_titles_the_draft_but_does_not_head_it() -> None:
    assert draft_titles("A line first.\n\nChapter 3: The Ball\n\nText.\n").title == "Chapter 3: The Ball"
    assert draft_titles("A line first.\n\nChapter 3: The Ball\n\nText.\n").chapter == ""
    assert draft_titles("Just prose.\n") == draft_titles("")


def test_a_title_the_writer_chose_wins(tmp_path: Path) -> None:
    path = draft(tmp_path, "# The Lighthouse\n\nText.\n")
    with Project.open(path) as project:
        assert is_untitled_draft(project)
        assert export_title(project, "# The Lighthouse\n", "Chosen") == "Chosen"
        project.title = "My Own Name"
        assert not is_untitled_draft(project)
        assert export_title(project, "# The Lighthouse\n") == "My Own Name"


def test_projects_keep_their_titles(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "draft_0412", "draft_0412", first_chapter=None)
    project.add_chapter("draft_0412", "Text.")
    book = build_manuscript(project, ExportOptions())
    project.close()
    assert book.title == "draft_0412" and book.chapters[0].heading == "draft_0412"  # the writer named them so


def test_cli_export_of_a_draft_takes_its_heading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.txt"
    assert main(["export", str(draft(tmp_path, "# The Lighthouse\n\nIt rained.\n")), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("The Lighthouse\n") and "draft_0412" not in text
    assert capsys.readouterr().err == ""


def test_cli_export_of_a_draft_without_heading_has_no_title_page(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    source = draft(tmp_path, "It rained.\n", "draft_0412.txt")
    out = tmp_path / "out.md"
    assert main(["export", str(source), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.strip() == "It rained." and "draft_0412" not in text and "Untitled" not in text
    assert capsys.readouterr().err == ("writer-app: draft_0412.txt has no heading to take a title from, so the "
                                       "export has no title page; --title gives it one.\n")
    assert main(["export", str(source), "-o", str(out), "--title", "Rain"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Rain\n")
