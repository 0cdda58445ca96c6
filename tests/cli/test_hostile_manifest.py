"""A crafted ``project.json`` given to any subcommand is one sentence on stderr and exit 2, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from writer_app import cli


def crafted_project(tmp_path: Path, field: str, raw: str) -> Path:
    folder = tmp_path / "Crafted"
    (folder / "chapters").mkdir(parents=True)
    (folder / "chapters" / "one.md").write_text("The ferry came in late.\n", encoding="utf-8")
    data = {"format_version": 1, "title": "Crafted", "chapters": [
        {"id": "one", "title": "One", "file": "chapters/one.md"}], "cast": []}
    data[field] = "__raw__"
    (folder / "project.json").write_text(json.dumps(data).replace('"__raw__"', raw), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("field", "raw"), [
    ("format_version", "1" * 5000),
    ("cast", "[" * 100_000 + "]" * 100_000),
    ("title", "NaN"),
])
@pytest.mark.parametrize("command", [["check"], ["characters"], ["export", "--format", "txt", "-o", "OUT"]])
def test_crafted_manifest_exits_2_with_one_sentence(tmp_path, capsys, field, raw, command) -> None:
    folder = crafted_project(tmp_path, field, raw)
    args = [str(tmp_path / "out.txt") if a == "OUT" else a for a in command]
    code = cli.main([args[0], str(folder), *args[1:]])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("writer-app: project.json is damaged") and err.count("\n") == 1, err
    assert "Traceback" not in err and out == ""
