"""``writer-app characters``: JSON and table output for projects and loose files, one-sentence errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from writer_app.cli import main
from writer_app.core.project import Project


@pytest.fixture
def project_folder(tmp_path: Path) -> Path:
    project = Project.create(tmp_path / "novel", "Novel", first_chapter=None)
    project.add_chapter("Arrival", "Elena met Damon. Lena laughed, and Damon's dog barked. Later Priscilla came.")
    project.add_chapter("Storm", "Nobody spoke. Then Priscilla and Priscilla's aunt left.")
    project.add_chapter("Arrival", "Elena alone. Mr. Okafor waved at Elena.")
    project.cast = [{"name": "Elena", "aliases": ["Lena"]}, {"name": "Damon", "aliases": []}, {"name": ""}]
    project.dismissed_characters = ["Mr. Okafor"]
    project.save_manifest()
    project.close()
    return tmp_path / "novel"


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["characters", "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_lists_cast_then_suggestions_with_counts_per_chapter_title(
    project_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run_json(capsys, str(project_folder))
    rows = {row["name"]: row for row in document["characters"]}
    assert list(rows) == ["Elena", "Damon", "Priscilla"]
    assert rows["Elena"] == {
        "name": "Elena", "aliases": ["Lena"], "status": "cast", "mentions": 4,
        "by_chapter": {"Arrival": 2, "Storm": 0, "Arrival (2)": 2}, "mentions_by_name": {"Elena": 3, "Lena": 1},
    }
    assert rows["Damon"]["mentions"] == 2
    assert rows["Priscilla"]["status"] == "suggested"
    assert rows["Priscilla"]["by_chapter"] == {"Arrival": 1, "Storm": 2, "Arrival (2)": 0}


def test_text_output_is_a_table_with_one_row_per_character(
    project_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["characters", str(project_folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Name", "Status", "Mentions", "Chapters", "Aliases"]
    assert lines[2].split() == ["Elena", "cast", "4", "2/3", "Lena", "(1)"]
    assert lines[4].split() == ["Priscilla", "suggested", "3", "2/3"]


def test_a_loose_text_file_is_one_chapter_named_after_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Marguerite opened the door. Then Marguerite sat down.\n", encoding="utf-8")
    document = run_json(capsys, str(draft))
    [row] = document["characters"]
    assert row["name"] == "Marguerite" and row["status"] == "suggested" and row["mentions"] == 2
    assert list(row["by_chapter"].values()) == [2]


def test_missing_path_exits_2_with_one_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["characters", str(tmp_path / "nowhere")]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("writer-app: ") and "nowhere" in error and error.count("\n") == 0


def test_unsupported_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    picture = tmp_path / "cover.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    assert main(["characters", str(picture)]) == 2
    assert "cover.png" in capsys.readouterr().err


class _ClosedPipe:
    """A stdout whose reader went away (``| head``): every write raises BrokenPipeError."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def write(self, _text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        return self._fd


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_output_cut_short_by_a_closed_pipe_ends_quietly(project_folder: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    with open(tmp_path / "stdout", "w") as sink:
        monkeypatch.setattr("sys.stdout", _ClosedPipe(sink.fileno()))
        assert main(["characters", "--format", fmt, str(project_folder)]) == 0


def test_suggestions_are_the_merged_people_with_each_name_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Dr. Van Helsing opened his bag. Van Helsing said nothing. Then Van Helsing looked up. "
                     "Mrs. Harlow sighed. Mr. Harlow read. Mrs. Harlow laughed.", encoding="utf-8")
    rows = {row["name"]: row for row in run_json(capsys, str(draft))["characters"]}
    helsing = next(row for row in rows.values() if "Van Helsing" in (row["name"], *row["aliases"]))
    assert helsing["mentions_by_name"] == {"Dr. Van Helsing": 1, "Van Helsing": 2} or \
        helsing["mentions_by_name"] == {"Van Helsing": 2, "Dr. Van Helsing": 1}
    assert helsing["mentions"] == 3
    assert rows["Mrs. Harlow"]["aliases"] == [] and rows["Mr. Harlow"]["aliases"] == []
    assert main(["characters", str(draft)]) == 0
    table = capsys.readouterr().out
    assert "Van Helsing (2)" in table or "Dr. Van Helsing (1)" in table


def test_rename_previews_changes_by_chapter_and_writes_nothing(
    project_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {f.name: f.read_bytes() for f in (project_folder / "chapters").iterdir()}
    assert main(["characters", "--rename", "Elena", "Helena", str(project_folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Rename Elena to Helena: 3 changes in 2 chapters (nothing written")
    assert "Arrival: 1 change\n" in out and "Arrival (2): 2 changes\n" in out and "…Helena met Damon." in out
    assert {f.name: f.read_bytes() for f in (project_folder / "chapters").iterdir()} == before


def test_rename_with_apply_changes_the_chapters_and_the_cast(
    project_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["characters", "--rename", "Elena", "Helena", "--apply", str(project_folder)]) == 0
    assert "3 changes in 2 chapters." in capsys.readouterr().out
    project = Project.open(project_folder, read_only=True)
    texts = [text for _chapter, text in project.iter_chapter_texts()]
    assert "Elena" not in "".join(texts) and texts[2] == "Helena alone. Mr. Okafor waved at Helena."
    assert project.cast[0]["name"] == "Helena" and project.cast[0]["aliases"] == ["Lena"]


def test_renaming_a_name_used_nowhere_exits_2_with_one_sentence(
    project_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["characters", "--rename", "Zebedee", "Zeb", str(project_folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "writer-app: Zebedee does not appear in the text or in the cast."


def test_check_names_lists_near_miss_spellings_of_the_cast_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = Project.create(tmp_path / "novel", "Novel", first_chapter=None)
    project.add_chapter("One", "Katherine waved.\nKatharine laughed, and evelyn's dog barked. Mark made a mark.")
    project.cast = [{"name": "Katherine"}, {"name": "Evelyn"}, {"name": "Mark"}]
    project.save_manifest()
    project.close()
    assert main(["characters", "--check-names", str(tmp_path / "novel")]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "One: line 2: Katharine -> Katherine  (The cast spells this name Katherine.)",
        "One: line 2: evelyn's -> Evelyn's  (The cast spells this name with a capital: Evelyn's.)",
    ]



def test_renaming_to_another_characters_alias_exits_2_and_writes_nothing(
    project_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {f.name: f.read_bytes() for f in (project_folder / "chapters").iterdir()}
    assert main(["characters", "--rename", "Damon", "Lena", "--apply", str(project_folder)]) == 2
    assert "Lena is already a name in the cast" in capsys.readouterr().err
    assert {f.name: f.read_bytes() for f in (project_folder / "chapters").iterdir()} == before
