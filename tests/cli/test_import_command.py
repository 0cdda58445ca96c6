"""``writer-app import FILE --to DIR``: a one-line summary, or exit 2 with one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.cli import main


def test_import_prints_a_one_line_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "novel.txt"
    source.write_text("Chapter 1\n\nOne two three.\n\nChapter 2\n\nFour five.\n", encoding="utf-8")
    assert main(["import", str(source), "--to", str(tmp_path / "Novel"), "--title", "Novel"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "2 chapters" in out and "5 words" in out
    assert (tmp_path / "Novel" / "project.json").exists()


def test_import_of_the_corpus_novel(corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(corpus_dir / "pride-and-prejudice.txt"), "--to", str(tmp_path / "PP")]) == 0
    assert "61 chapters" in capsys.readouterr().out


def test_missing_file_exits_2_with_one_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(tmp_path / "nope.txt"), "--to", str(tmp_path / "X")]) == 2
    err = capsys.readouterr().err
    assert "nope.txt does not exist" in err and err.count("\n") == 1


def test_non_empty_target_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "novel.txt"
    source.write_text("Hello.\n")
    (tmp_path / "Full").mkdir()
    (tmp_path / "Full" / "x").write_text("x")
    assert main(["import", str(source), "--to", str(tmp_path / "Full")]) == 2
    assert "not empty" in capsys.readouterr().err


def test_bad_encoding_exits_2_and_can_be_chosen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "old.txt"
    source.write_bytes("Caf\u00e9.\n".encode("cp1252"))
    assert main(["import", str(source), "--to", str(tmp_path / "A"), "--encoding", "utf-8"]) == 2
    assert "not valid UTF-8" in capsys.readouterr().err
    assert main(["import", str(source), "--to", str(tmp_path / "A"), "--encoding", "cp1252"]) == 0
    assert "1 chapter," in capsys.readouterr().out


def _manifest(folder: Path) -> dict:
    import json

    return json.loads((folder / "project.json").read_text(encoding="utf-8"))


def test_default_title_is_the_file_name_made_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "pride-and-prejudice.txt"
    source.write_text("Chapter 1\n\nOne two three.\n", encoding="utf-8")
    assert main(["import", str(source), "--to", str(tmp_path / "PP")]) == 0
    assert _manifest(tmp_path / "PP")["title"] == "Pride and Prejudice"
    assert "“Pride and Prejudice”" in capsys.readouterr().out


def test_a_title_line_at_the_top_is_used(tmp_path: Path) -> None:
    source = tmp_path / "draft_3.txt"
    source.write_text("THE PORCH LIGHT\n\nChapter 1\n\nOne two three.\n", encoding="utf-8")
    assert main(["import", str(source), "--to", str(tmp_path / "P")]) == 0
    assert _manifest(tmp_path / "P")["title"] == "The Porch Light"


def test_title_and_language_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "novel.txt"
    source.write_text("Chapter 1\n\nColour and honour.\n", encoding="utf-8")
    assert main(["import", str(source), "--to", str(tmp_path / "N"), "--title", "A Novel", "--lang", "en-GB"]) == 0
    manifest = _manifest(tmp_path / "N")
    assert manifest["title"] == "A Novel" and manifest["language"] == "en-GB"
    assert "(en-GB)" in capsys.readouterr().out


def test_an_unknown_language_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "novel.txt"
    source.write_text("Hello.\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["import", str(source), "--to", str(tmp_path / "N"), "--lang", "fr-FR"])
    assert "en-GB" in capsys.readouterr().err
