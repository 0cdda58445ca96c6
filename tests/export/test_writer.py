"""The export pipeline: safe targets, atomic replacement, progress and cancellation."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.export.conftest import ProjectFactory
from writer_app.core.project import Project
from writer_app.errors import WriterAppError
from writer_app.export.errors import ExportCancelled, ExportError, UnknownFormatError, UnsafeExportTargetError
from writer_app.export.model import ExportOptions
from writer_app.export.registry import format_for_path, format_keys, get_format
from writer_app.export.writer import export_project


def test_registry_lists_every_format_once_in_display_order() -> None:
    assert format_keys() == ["txt", "md", "html", "docx", "odt", "pdf", "epub"]
    assert get_format("markdown").key == "md"
    assert format_for_path(Path("book.EPUB")).key == "epub"
    with pytest.raises(UnknownFormatError):
        get_format("rtf")


def test_refuses_to_export_over_project_json(sample_project: Project) -> None:
    before = (sample_project.path / "project.json").read_bytes()
    with pytest.raises(UnsafeExportTargetError, match="project.json"):
        export_project(sample_project, ExportOptions(format="txt"), sample_project.path / "project.json")
    assert (sample_project.path / "project.json").read_bytes() == before


def test_refuses_to_export_over_a_chapter_file_or_into_the_chapters_folder(sample_project: Project) -> None:
    chapter_file = sample_project.chapter_path(sample_project.chapters[0])
    before = chapter_file.read_bytes()
    with pytest.raises(UnsafeExportTargetError):
        export_project(sample_project, ExportOptions(format="md"), chapter_file)
    with pytest.raises(UnsafeExportTargetError, match="chapters folder"):
        export_project(sample_project, ExportOptions(format="md"), chapter_file.parent / "new.md")
    assert chapter_file.read_bytes() == before


def test_refuses_to_export_over_a_loose_draft(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("Some \"text\".\n", encoding="utf-8")
    project = Project.open(draft, read_only=True)
    with pytest.raises(UnsafeExportTargetError):
        export_project(project, ExportOptions(format="md"), draft)
    assert draft.read_text(encoding="utf-8") == "Some \"text\".\n"


def test_missing_folder_is_one_clear_sentence(sample_project: Project, tmp_path: Path) -> None:
    with pytest.raises(WriterAppError, match="does not exist") as caught:
        export_project(sample_project, ExportOptions(format="txt"), tmp_path / "missing" / "out.txt")
    assert str(caught.value).count(".") >= 1 and "\n" not in str(caught.value)


def test_export_replaces_an_existing_file_and_leaves_no_temporary_files(sample_project: Project,
                                                                        tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "book.txt"
    target.write_text("old", encoding="utf-8")
    result = export_project(sample_project, ExportOptions(format="txt"), target)
    assert result.path == target.resolve() and result.chapters == 3 and result.words > 0
    assert "“I—” she began." in target.read_text(encoding="utf-8")
    assert [p.name for p in out_dir.iterdir()] == ["book.txt"]


@pytest.mark.parametrize("fmt", format_keys())
def test_progress_only_rises_from_zero_to_one_in_every_format(fmt: str, make_project: ProjectFactory,
                                                               tmp_path: Path) -> None:
    # Enough chapters that the chapter loop reports close to the end of its stage before "Saving…": a bar that
    # jumps back from 99% to 90% while the file is written looks broken.
    chapters = [(f"Chapter {n}", f"Paragraph one of chapter {n}.\n\nParagraph two.\n") for n in range(1, 41)]
    seen: list[float] = []
    export_project(make_project(chapters), ExportOptions(format=fmt), tmp_path / f"book.{fmt}",
                   on_progress=lambda fraction, _message: seen.append(fraction))
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)
    assert len(seen) > 20  # the chapters are reported one by one, not only the start and the end


def test_cancel_stops_the_export_and_keeps_the_old_file(sample_project: Project, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "book.epub"
    target.write_bytes(b"previous export")
    cancel = threading.Event()

    def on_progress(fraction: float, _message: str) -> None:
        if fraction > 0.3:
            cancel.set()

    with pytest.raises(ExportCancelled):
        export_project(sample_project, ExportOptions(format="epub"), target, on_progress=on_progress, cancel=cancel)
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in out_dir.iterdir()] == ["book.epub"]


def test_a_failing_format_leaves_no_partial_file(sample_project: Project, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import writer_app.export.plain_text as plain_text

    def explode(*_args: object) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(plain_text, "render_text", explode)
    with pytest.raises(ExportError, match="No space left"):
        export_project(sample_project, ExportOptions(format="txt"), tmp_path / "book.txt")
    assert not any(tmp_path.glob("*book*"))


def test_reader_callback_supplies_unsaved_text(make_project: ProjectFactory, tmp_path: Path) -> None:
    project = make_project([("One", "On disk.")])
    export_project(project, ExportOptions(format="txt"), tmp_path / "b.txt", read=lambda chapter: "In memory.")
    assert "In memory." in (tmp_path / "b.txt").read_text(encoding="utf-8")


def test_an_unwritable_folder_is_one_clear_sentence(sample_project: Project, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match="Cannot write in .*Permission denied"):
        export_project(sample_project, ExportOptions(format="txt"), tmp_path / "book.txt")
