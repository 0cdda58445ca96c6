"""The command line with no writable home folder: one sentence on stderr and exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

from writer_app import cli


def test_check_with_an_unusable_data_folder_says_so_in_one_sentence(tmp_path: Path, monkeypatch, capsys) -> None:
    not_a_folder = tmp_path / "home-is-a-file"
    not_a_folder.write_text("", encoding="utf-8")  # mkdir below it fails even for root
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(not_a_folder))
    draft = tmp_path / "draft.md"
    draft.write_text("She could of gone home.\n", encoding="utf-8")

    assert cli.main(["check", str(draft)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("writer-app: could not use ") and str(not_a_folder) in err and "HOME" in err
