"""Every command reads Windows-1252 and UTF-16 files (``--encoding``, default auto) and says what it used."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from writer_app.cli import main

PROSE = "Marguerite met Ren\u00e9e at the caf\u00e9. \u201cHello,\u201d said Ren\u00e9e. Then Marguerite smiled.\n"
NOTE = "old.txt as Windows-1252 (it is not UTF-8)"


@pytest.fixture
def western(tmp_path: Path) -> Path:
    path = tmp_path / "old.txt"
    path.write_bytes(PROSE.encode("cp1252"))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_reads_windows_1252_and_says_so(western: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--format", "json", str(western))
    assert code in (0, 1) and json.loads(out)["files"][0]["path"] == str(western)
    assert err == f"writer-app: read {western} as Windows-1252 (it is not UTF-8); --encoding chooses another.\n"


def test_check_reports_positions_in_the_decoded_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Caf\u00e9 line.\r\nShe wanted to recieve it.\r\n".encode("utf-16-le"))
    code, out, err = run(capsys, "check", str(path))
    assert code == 1 and f"{path}:2:15: " in out and "as UTF-16" in err


def test_characters_reads_windows_1252(western: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "characters", "--format", "json", str(western))
    assert code == 0 and NOTE in err
    names = {row["name"]: row["mentions"] for row in json.loads(out)["characters"]}
    assert names.get("Marguerite") == 2


def test_export_reads_windows_1252(western: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.txt"
    code, _out, err = run(capsys, "export", str(western), "-o", str(target), "--no-title-page", "--no-headings")
    assert code == 0 and NOTE in err
    assert target.read_text(encoding="utf-8") == PROSE.replace('"', "\u201d")


def test_import_reads_windows_1252(western: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "import", str(western), "--to", str(tmp_path / "Project"))
    assert code == 0 and NOTE in err
    assert (tmp_path / "Project" / "chapters" / "ch-0001.md").read_text(encoding="utf-8") == PROSE


@pytest.mark.parametrize("command", ["check", "characters", "export"])
def test_a_named_encoding_is_used_as_given(command: str, western: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    extra = ["-o", str(tmp_path / "out.txt")] if command == "export" else []
    code, _out, err = run(capsys, command, str(western), *extra, "--encoding", "utf-8")
    assert code == 2 and "old.txt is not valid UTF-8" in err and len(err.strip().splitlines()) == 1
    code, _out, err = run(capsys, command, str(western), *extra, "--encoding", "cp1252")
    assert code in (0, 1) and "Traceback" not in err and NOTE not in err


def test_utf8_files_get_no_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.txt"
    path.write_text(PROSE, encoding="utf-8")
    code, _out, err = run(capsys, "characters", str(path))
    assert code == 0 and err == ""
