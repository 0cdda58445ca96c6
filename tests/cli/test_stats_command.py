"""``writer-app stats``: totals, chapters with targets and status, goals and history, as text or JSON."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from writer_app.cli import main
from writer_app.core.history import PASTED, HistoryEntry, append_entries
from writer_app.core.project import Project


@pytest.fixture
def project_folder(tmp_path: Path) -> Path:
    project = Project.create(tmp_path / "novel", "Harbour", first_chapter=None)
    project.add_chapter("Arrival", "word " * 1200)
    project.add_chapter("Storm", "rain " * 300)
    project.chapters[0].status = "Draft"
    project.chapters[0].target = 3000
    project.goals = {"manuscript_words": 10_000, "daily_words": 500}
    project.save_manifest()
    project.close()
    yesterday = date.today() - timedelta(days=1)
    append_entries(tmp_path / "novel", [HistoryEntry(yesterday, "ch-0001", 700, 100, seconds=1800),
                                        HistoryEntry(yesterday, "ch-0002", 900, 0, PASTED)])
    return tmp_path / "novel"


def test_json_has_totals_chapters_goals_and_history(project_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--format", "json", str(project_folder)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["title"] == "Harbour"
    assert document["total_words"] == 1500
    assert document["chapters"] == [
        {"id": "ch-0001", "title": "Arrival", "words": 1200, "target": 3000, "status": "Draft"},
        {"id": "ch-0002", "title": "Storm", "words": 300, "target": 0, "status": ""},
    ]
    assert document["history"] == [{"day": (date.today() - timedelta(days=1)).isoformat(), "written": 700,
                                    "pasted": 900, "removed": 100, "minutes": 30}]
    assert document["streak_days"] == 1
    assert document["today_target"] == 500
    assert document["goals"]["manuscript_words"] == 10_000


def test_text_lists_the_chapters_and_the_days(project_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(project_folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Harbour: 1,500 words (about 6 min to read)\n")
    assert "Target: 10,000 words (15% done)" in out
    assert any(line.split() == ["Arrival", "Draft", "1,200", "3,000"] for line in out.splitlines())
    assert any(line.split()[1:] == ["700", "900", "100", "30"] for line in out.splitlines())


def test_a_damaged_history_line_is_one_sentence_on_stderr_and_the_rest_is_printed(
    project_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    month = next((project_folder / "history").glob("*.jsonl"))
    with open(month, "a", encoding="utf-8") as handle:
        handle.write("{broken\n")
    assert main(["stats", "--format", "json", str(project_folder)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["history"][0]["written"] == 700
    assert captured.err.count("\n") == 1 and "could not be read; they were skipped" in captured.err


def test_a_missing_project_is_one_sentence_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.strip().endswith("does not exist.")
