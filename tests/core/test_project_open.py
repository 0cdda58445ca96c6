"""Opening projects and loose files, and refusing bad input with one clear sentence."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from tests.core.conftest import write_manifest
from writer_app.core import storage
from writer_app.core.errors import (
    BinaryFileError,
    CorruptProjectError,
    EncodingError,
    ProjectError,
    SaveError,
    UnsafePathError,
)
from writer_app.core.project import Project
from writer_app.errors import WriterAppError


def test_open_reads_metadata_and_chapters_in_order(open_project) -> None:
    project = open_project()
    assert (project.title, project.author, project.language) == ("Harbour", "A. Writer", "en-GB")
    assert [c.title for c in project.chapters] == ["Arrival", "Storm"]
    assert project.read_chapter(project.chapter_by_id("two")) == "Rain all night.\n"
    assert [t for _c, t in project.iter_chapter_texts()] == ["The ferry came in late.\n", "Rain all night.\n"]
    assert not project.is_loose_file and not project.read_only


def test_open_accepts_the_project_json_path(project_folder: Path) -> None:
    with Project.open(project_folder / "project.json") as project:
        assert project.path == project_folder


def test_create_then_open_round_trips(tmp_path: Path) -> None:
    created = Project.create(tmp_path / "New", "New Book", author="Me", language="en-US")
    created.write_chapter(created.chapters[0], "Hello.\n")
    created.close()
    with Project.open(tmp_path / "New") as project:
        assert project.title == "New Book" and project.author == "Me"
        assert project.read_chapter(project.chapters[0]) == "Hello.\n"


def _full_disk_after(monkeypatch: pytest.MonkeyPatch, writes: int) -> None:
    """Let ``writes`` atomic writes through, then fail every write as a full disk does."""
    real = storage._write_all
    done = []

    def write(fd: int, data: bytes) -> None:
        if len(done) >= writes:
            raise OSError(errno.ENOSPC, "No space left on device")
        done.append(fd)
        real(fd, data)

    monkeypatch.setattr(storage, "_write_all", write)


@pytest.mark.parametrize("writes", [0, 1])  # project.json fails; the first chapter fails
def test_create_on_a_full_disk_says_so_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          writes: int) -> None:
    _full_disk_after(monkeypatch, writes)
    with pytest.raises(ProjectError) as caught:
        Project.create(tmp_path / "Books" / "New", "New Book")
    message = str(caught.value)
    assert message == "The disk is full, so the project New could not be created; nothing was left behind."
    assert list(tmp_path.iterdir()) == []


def test_create_in_a_given_empty_folder_on_a_full_disk_leaves_it_empty(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "New"
    folder.mkdir()
    _full_disk_after(monkeypatch, 1)
    with pytest.raises(ProjectError, match="disk is full"):
        Project.create(folder, "New Book")
    assert list(tmp_path.iterdir()) == [folder] and list(folder.iterdir()) == []


def test_create_where_the_lock_cannot_be_written_leaves_nothing(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(ProjectError, match="disk is full"):
        Project.create(tmp_path / "New", "New Book")
    assert list(tmp_path.iterdir()) == []


def test_create_refuses_a_non_empty_folder(project_folder: Path) -> None:
    with pytest.raises(ProjectError, match="not empty"):
        Project.create(project_folder, "Clash")


def test_unknown_keys_survive_a_save(project_folder: Path) -> None:
    write_manifest(project_folder, plugin_data={"x": 1},
                   chapters=[{"id": "one", "title": "A", "file": "chapters/one.md", "status": "draft"}])
    with Project.open(project_folder) as project:
        project.title = "Renamed"
        project.save_manifest()
    saved = json.loads((project_folder / "project.json").read_text())
    assert saved["plugin_data"] == {"x": 1}
    assert saved["chapters"][0]["status"] == "draft"
    assert saved["title"] == "Renamed"


def test_json_syntax_error_names_the_file_and_line(project_folder: Path) -> None:
    (project_folder / "project.json").write_text('{\n  "format_version": 1,\n  "title": "x",,\n}\n')
    with pytest.raises(CorruptProjectError) as caught:
        Project.open(project_folder)
    assert "project.json" in str(caught.value) and "line 3" in str(caught.value)
    assert caught.value.line == 3
    assert project_folder.name in str(caught.value)  # which project: the folder is named
    assert "Expecting" not in str(caught.value) and not str(caught.value).endswith(").")


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"title": 42}, "'title' should be text"),
        ({"chapters": {"id": "one"}}, "'chapters' should be a list"),
        ({"chapters": [{"id": "one", "title": "A"}]}, "has no 'file'"),
        ({"chapters": [{"id": "one", "title": None, "file": "chapters/one.md"}]}, "should be text"),
        ({"word_list": "cat"}, "'word_list' should be a list of text"),
        ({"ignored_texts": [["only-one"]]}, "[rule, text] pairs"),
        ({"ignored_spots": [["rule", "text"]]}, "[rule, text, spot] triples"),
        ({"cast": ["Elena"]}, "'cast' should be a list of objects"),
        ({"format_version": "1"}, "whole number"),
        ({"format_version": 99}, "newer writer-app"),
        ({"chapters": [{"id": "a", "title": "A", "file": "chapters/one.md"},
                       {"id": "a", "title": "B", "file": "chapters/two.md"}]}, "used twice"),
    ],
)
def test_hand_edited_manifest_with_wrong_shape_is_refused(project_folder: Path, overrides: dict,
                                                          words: str) -> None:
    write_manifest(project_folder, **overrides)
    with pytest.raises(CorruptProjectError, match="project.json is damaged|project.json was written") as caught:
        Project.open(project_folder)
    assert words in str(caught.value)


def test_missing_required_key_is_refused(project_folder: Path) -> None:
    path = write_manifest(project_folder)
    data = json.loads(path.read_text())
    del data["chapters"]
    path.write_text(json.dumps(data))
    with pytest.raises(CorruptProjectError, match="'chapters' is missing"):
        Project.open(project_folder)


def test_manifest_that_is_not_utf8_is_refused(project_folder: Path) -> None:
    (project_folder / "project.json").write_bytes(b'{"title": "caf\xe9"}')
    with pytest.raises(CorruptProjectError, match="not UTF-8"):
        Project.open(project_folder)


@pytest.mark.parametrize("bad", ["../../etc/passwd", "/etc/passwd", "chapters/../../outside.md", "C:\\x.md",
                                 "C:x.md", "chapters\\..\\..\\x.md", "", "~/notes.md", "."])
def test_chapter_paths_outside_the_project_are_refused(project_folder: Path, bad: str) -> None:
    write_manifest(project_folder, chapters=[{"id": "one", "title": "A", "file": bad}])
    with pytest.raises(UnsafePathError, match="outside the project folder"):
        Project.open(project_folder)


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_chapter_symlink_pointing_outside_is_refused(project_folder: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    (project_folder / "chapters" / "link.md").symlink_to(secret)
    write_manifest(project_folder, chapters=[{"id": "one", "title": "A", "file": "chapters/link.md"}])
    with pytest.raises(UnsafePathError):
        Project.open(project_folder)


def test_chapter_file_names_may_contain_colons(project_folder: Path) -> None:
    (project_folder / "chapters" / "Part 1: Dawn.md").write_text("Dawn.\n")
    write_manifest(project_folder, chapters=[{"id": "one", "title": "A", "file": "chapters/Part 1: Dawn.md"}])
    with Project.open(project_folder) as project:
        assert project.read_chapter(project.chapters[0]) == "Dawn.\n"


def test_folder_without_manifest_is_not_a_project(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="not a writer-app project"):
        Project.open(tmp_path)


def test_missing_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="does not exist"):
        Project.open(tmp_path / "nowhere")


def test_missing_chapter_file_is_reported_when_read(open_project, project_folder: Path) -> None:
    (project_folder / "chapters" / "two.md").unlink()
    project = open_project()
    with pytest.raises(ProjectError, match="two.md does not exist"):
        project.read_chapter(project.chapters[1])


# ------------------------------------------------------------------------------------------- loose files


def test_loose_file_opens_as_one_chapter_and_saves_in_place(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Line one.\nLine two.\n", encoding="utf-8")
    with Project.open(draft) as project:
        assert project.is_loose_file and project.path == draft
        assert len(project.chapters) == 1 and project.title == "draft"
        chapter = project.chapters[0]
        assert project.read_chapter(chapter) == "Line one.\nLine two.\n"
        project.write_chapter(chapter, "Changed.\n")
        project.word_list.append("Okafor")
        project.save_manifest()
    assert draft.read_text(encoding="utf-8") == "Changed.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt"]  # nothing written beside it
    with Project.open(draft) as again:
        assert again.word_list == ["Okafor"]


def test_ignore_here_choices_are_kept_by_projects_and_loose_files(tmp_path: Path) -> None:
    folder_project = Project.create(tmp_path / "novel", "Novel")
    draft = tmp_path / "draft.txt"
    draft.write_text("Line.\n", encoding="utf-8")
    for path, project in ((tmp_path / "novel", folder_project), (draft, Project.open(draft))):
        with project:
            project.ignored_spots.append(["TEH", "teh", "0123456789abcdef"])
            project.save_manifest()
        with Project.open(path, read_only=True) as again:
            assert again.ignored_spots == [["TEH", "teh", "0123456789abcdef"]]


def test_loose_file_keeps_windows_line_endings_and_bom(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_bytes(b"\xef\xbb\xbfOne.\r\nTwo.\r\n")
    with Project.open(draft) as project:
        assert project.read_chapter(project.chapters[0]) == "One.\nTwo.\n"
        project.write_chapter(project.chapters[0], "One.\nTwo!\n")
    assert draft.read_bytes() == b"\xef\xbb\xbfOne.\r\nTwo!\r\n"


def test_loose_file_cannot_gain_chapters(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("x")
    with Project.open(draft) as project, pytest.raises(ProjectError, match="import it as a project"):
        project.add_chapter("Two")


def test_other_file_types_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "picture.png"
    other.write_bytes(b"\x89PNG\r\n")
    with pytest.raises(ProjectError, match="not a .txt or .md file"):
        Project.open(other)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "novel.txt"
    fake.write_bytes(b"PK\x03\x04\x00\x00binary\x00stuff" * 50)
    with pytest.raises(BinaryFileError, match="novel.txt is not a text file"):
        Project.open(fake)


def test_binary_chapter_file_is_refused_when_read(open_project, project_folder: Path) -> None:
    (project_folder / "chapters" / "one.md").write_bytes(bytes(range(256)))
    project = open_project()
    with pytest.raises(BinaryFileError):
        project.read_chapter(project.chapters[0])


def test_unreadable_file_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = tmp_path / "locked.txt"
    draft.write_text("secret")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    # Root can read anything, so simulate the permission error the OS gives other users.
    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(ProjectError, match="locked.txt cannot be read: permission denied"):
        Project.open(draft)


def test_utf16_file_is_refused_with_advice(tmp_path: Path) -> None:
    draft = tmp_path / "word-export.txt"
    draft.write_bytes("Hello".encode("utf-16"))
    with pytest.raises(EncodingError, match="UTF-16"):
        Project.open(draft)


def test_read_only_loose_file_opens_read_only_with_the_reason(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Keep me.\n", encoding="utf-8")
    draft.chmod(0o444)
    try:
        with Project.open(draft) as project:
            assert project.read_only
            assert "draft.txt" in project.read_only_reason and "read-only" in project.read_only_reason
            with pytest.raises(WriterAppError):
                project.write_chapter(project.chapters[0], "Overwritten.\n")
        assert draft.read_text(encoding="utf-8") == "Keep me.\n"
        assert draft.stat().st_mode & 0o777 == 0o444
    finally:
        draft.chmod(0o644)


def test_read_only_chapter_file_is_not_replaced_by_a_save(open_project, project_folder: Path) -> None:
    project = open_project()
    chapter = project.chapters[0]
    path = project.chapter_path(chapter)
    before = path.read_text(encoding="utf-8")
    project.read_chapter(chapter)
    path.chmod(0o444)
    try:
        with pytest.raises(SaveError, match="read-only"):
            project.write_chapter(chapter, "Overwritten.\n")
        assert path.read_text(encoding="utf-8") == before
    finally:
        path.chmod(0o644)
