"""``writer-app check``: text and JSON output, exit codes, projects, and bad input without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from writer_app import cli

CARD = "Her safety net had taken president over his bleeding heart.\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_bytes(data.encode("utf-8"))
    return path


def test_clean_file_exits_zero_with_no_output(tmp_path, capsys) -> None:
    path = write(tmp_path / "clean.txt", "The night was quiet and the house was dark.\n")
    assert run(capsys, str(path)) == (0, "", "")


def test_empty_file_is_clean(tmp_path, capsys) -> None:
    path = write(tmp_path / "empty.md", "")
    code, out, _ = run(capsys, "--format", "json", str(path))
    assert code == 0
    assert json.loads(out) == {"files": [{"path": str(path), "issues": []}]}


def test_text_output_lines_name_file_line_column_rule_and_suggestion(tmp_path, capsys) -> None:
    path = write(tmp_path / "draft.txt", "First line is fine.\n" + CARD + "She wanted to recieve it.\n")
    code, out, err = run(capsys, str(path))
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert f"{path}:2:26: " in lines[0] and lines[0].endswith("[TAKE_PRECEDENCE] -> precedence")
    assert lines[1] == f"{path}:3:15: “recieve” may be misspelled. [SPELLING] -> receive"


def test_text_output_omits_arrow_without_replacement(tmp_path, capsys) -> None:
    path = write(tmp_path / "draft.txt", "The qwzxvbn was here.\n")
    code, out, _ = run(capsys, str(path))
    assert code == 1
    assert out.strip().endswith("[SPELLING]") and "->" not in out


def test_json_output_has_the_exact_shape_and_code_point_offsets_with_crlf(tmp_path, capsys) -> None:
    text = "Café “quotes” first.\r\nShe wanted to recieve it.\r\n" + CARD.replace("\n", "\r\n")
    path = write(tmp_path / "crlf.txt", text)
    code, out, _ = run(capsys, "--format", "json", str(path))
    assert code == 1
    data = json.loads(out)
    assert list(data) == ["files"] and len(data["files"]) == 1
    entry = data["files"][0]
    assert entry["path"] == str(path)
    keys = ["start", "end", "line", "column", "text", "message", "replacements", "rule", "category", "source"]
    for issue in entry["issues"]:
        assert list(issue) == keys
        assert text[issue["start"] : issue["end"]] == issue["text"]
    spelling = next(i for i in entry["issues"] if i["rule"] == "SPELLING")
    assert (spelling["line"], spelling["column"]) == (2, 15)
    assert spelling["start"] == text.index("recieve")
    assert spelling["replacements"][0] == "receive" and spelling["category"] == "spelling"
    precedence = next(i for i in entry["issues"] if i["rule"] == "TAKE_PRECEDENCE")
    assert precedence["line"] == 3 and precedence["replacements"] == ["precedence"]
    assert precedence["source"] == "builtin"


def test_lang_option_switches_dialect(tmp_path, capsys) -> None:
    path = write(tmp_path / "colour.txt", "The color of the sky.\n")
    assert run(capsys, "--lang", "en-US", str(path))[0] == 0
    code, out, _ = run(capsys, "--lang", "en-GB", str(path))
    assert code == 1 and "[SPELLING_VARIANT] -> colour" in out


def test_project_folder_checks_every_chapter_in_order_in_the_project_language(tmp_path, capsys) -> None:
    from writer_app.core.project import Project

    folder = tmp_path / "novel"
    project = Project.create(folder, "Novel", language="en-GB", first_chapter=None)
    project.add_chapter("One", "The color of Glimmerfall was grey.\n")
    project.add_chapter("Two", CARD)
    project.word_list.append("Glimmerfall")
    project.save_manifest()
    project.close()
    code, out, _ = run(capsys, "--format", "json", str(folder))
    assert code == 1
    files = json.loads(out)["files"]
    assert [f["path"] for f in files] == [str(folder / c.file) for c in project.chapters]
    first = [i["rule"] for i in files[0]["issues"]]
    assert first == ["SPELLING_VARIANT"]  # en-GB from the project; Glimmerfall from the project word list
    assert any(i["rule"] == "TAKE_PRECEDENCE" for i in files[1]["issues"])
    code, out, _ = run(capsys, "--lang", "en-US", "--format", "json", str(folder))
    assert json.loads(out)["files"][0]["issues"] == []  # --lang overrides the project's language


def test_a_place_ignored_in_the_app_is_not_reported_by_the_command_line(tmp_path, capsys) -> None:
    from writer_app.core.project import Project
    from writer_app.grammar.engine import CheckConfig, spot_key
    from writer_app.grammar.factory import build_checker

    folder = tmp_path / "novel"
    project = Project.create(folder, "Novel", first_chapter=None)
    project.add_chapter("One", "Intro line.\n" + CARD + "Later: " + CARD)
    paragraph = CARD.rstrip("\n")
    slip = next(i for i in build_checker(CheckConfig()).check(paragraph) if i.rule == "TAKE_PRECEDENCE")
    project.ignored_spots.append([slip.rule, slip.text, spot_key(paragraph, slip.start, slip.end)])
    project.save_manifest()
    project.close()
    code, out, _ = run(capsys, "--format", "json", str(folder))
    issues = [i for i in json.loads(out)["files"][0]["issues"] if i["rule"] == "TAKE_PRECEDENCE"]
    assert code == 1 and len(issues) == 1  # the first place is ignored, the second (other words around) is not
    assert issues[0]["start"] > len("Intro line.\n" + CARD)


def test_several_paths_are_reported_in_order(tmp_path, capsys) -> None:
    a = write(tmp_path / "a.txt", "Fine.\n")
    b = write(tmp_path / "b.txt", CARD)
    code, out, _ = run(capsys, "--format", "json", str(a), str(b))
    assert code == 1
    assert [f["path"] for f in json.loads(out)["files"]] == [str(a), str(b)]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("odd.txt", b"Caf\x81 au lait\n", "not UTF-8, UTF-16 or Windows-1252 text"),
    ],
)
def test_bad_files_exit_two_with_one_sentence_naming_the_file(tmp_path, capsys, name, data, expected) -> None:
    path = write(tmp_path / name, data)
    code, out, err = run(capsys, str(path))
    assert code == 2 and out == ""
    assert name in err and expected in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_missing_file_and_plain_folder_exit_two(tmp_path, capsys) -> None:
    code, _, err = run(capsys, str(tmp_path / "nope.txt"))
    assert code == 2 and "nope.txt does not exist" in err
    plain = tmp_path / "plain"
    plain.mkdir()
    code, _, err = run(capsys, str(plain))
    assert code == 2 and "not a writer-app project" in err


def test_malformed_custom_rule_file_exits_two_naming_file_and_line(tmp_path, capsys) -> None:
    from writer_app.settings import config_dir

    rules = config_dir() / "rules"
    rules.mkdir(parents=True, exist_ok=True)
    (rules / "bad.toml").write_text('[[rule]]\nid = "X"\npattern = "(oops"\n', encoding="utf-8")
    path = write(tmp_path / "a.txt", "Fine.\n")
    code, out, err = run(capsys, str(path))
    assert code == 2 and out == ""
    assert "bad.toml" in err and "line" in err and "Traceback" not in err


def test_a_few_megabyte_single_paragraph_finishes(tmp_path, capsys) -> None:
    path = write(tmp_path / "huge.txt", "The long night went on and on without end. " * 80_000)  # ~3.4 MB
    code, out, err = run(capsys, str(path))
    assert code == 0 and out == "" and err == ""


def test_project_json_path_checks_the_project(tmp_path, capsys) -> None:
    from writer_app.core.project import Project

    folder = tmp_path / "novel"
    project = Project.create(folder, "Novel", first_chapter=None)
    project.add_chapter("One", CARD)
    project.close()
    code, out, _ = run(capsys, str(folder / "project.json"))
    assert code == 1 and "ch-" in out and "[TAKE_PRECEDENCE]" in out


def test_check_runs_as_a_separate_process_with_exit_codes(tmp_path) -> None:
    import subprocess
    import sys

    path = write(tmp_path / "draft.txt", CARD)
    done = subprocess.run([sys.executable, "-m", "writer_app", "check", str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1 and "[TAKE_PRECEDENCE] -> precedence" in done.stdout and done.stderr == ""


def test_suggestions_are_bounded_per_run_in_order_of_appearance(tmp_path, capsys, monkeypatch) -> None:
    from writer_app.cli import check_command

    monkeypatch.setattr(check_command, "QUICK_SUGGESTIONS", 2)
    monkeypatch.setattr(check_command, "THOROUGH_SUGGESTIONS", 0)
    path = write(tmp_path / "draft.txt", "She wanted to recieve it. He had teh key. The doorr shut.\n")
    code, out, _ = run(capsys, "--format", "json", str(path))
    issues = [(i["text"], i["replacements"][:1]) for i in json.loads(out)["files"][0]["issues"]]
    assert code == 1
    assert issues == [("recieve", ["receive"]), ("teh", ["the"]), ("doorr", [])]


def test_a_word_small_edits_cannot_fix_gets_the_full_search(tmp_path, capsys) -> None:
    path = write(tmp_path / "draft.txt", "It happened accidently, I swear.\n")
    code, out, _ = run(capsys, "--format", "json", str(path))
    (issue,) = json.loads(out)["files"][0]["issues"]
    assert code == 1 and issue["replacements"][:1] == ["accidentally"]


def test_text_output_names_a_deletion_fix() -> None:
    import io

    from writer_app.cli.check_command import Target, _write
    from writer_app.grammar.model import Issue

    text = "It was was late.\n"
    issue = Issue(6, 10, text[6:10], "Doubled word.", ("",), "DOUBLED_WORD")
    out = io.StringIO()
    _write([Target("draft.txt", text, issues=[issue])], "text", out)
    assert out.getvalue() == "draft.txt:1:7: Doubled word. [DOUBLED_WORD] -> (delete)\n"


def test_dialogue_option_chooses_whether_a_characters_dialect_is_flagged(tmp_path, capsys) -> None:
    path = write(tmp_path / "voice.txt", "“Them hogs is fixin’ to bust the fence, they’re that scrawnified,” "
                                         "said Amos.\n")
    relaxed = run(capsys, "--dialogue", "relaxed", str(path))
    strict = run(capsys, "--dialogue", "strict", str(path))
    assert relaxed[0] == 0, relaxed[1]
    assert strict[0] == 1 and "“scrawnified”" in strict[1], strict[1]


def test_the_dialogue_setting_is_the_default_for_check(tmp_path, capsys) -> None:
    from writer_app.settings import Settings

    settings = Settings.load()
    settings.dialogue_grammar = "strict"
    settings.save()
    path = write(tmp_path / "voice.txt", "“I ain’t goin’ nowheres, an’ ye can’t make me,” said Amos.\n")
    code, out, _ = run(capsys, str(path))
    assert code == 1 and "nowheres" in out


def test_a_hard_wrapped_paragraph_is_checked_whole_and_reported_where_written(tmp_path, capsys) -> None:
    # The quotation opens on the first line and closes on the second: "he don't" is a character's voice, not
    # narration, once the paragraph is read whole; the slip in the narration keeps its written line and column.
    path = write(tmp_path / "wrapped.txt", (
        "The carter leaned on his whip and looked at the stalled wagon. “Well,\n"
        "he don't look like he's going anywhere today,” he said, and the boy had\n"
        "to recieve the news with as much patience as he could find in himself.\n"
    ))
    code, out, err = run(capsys, str(path))
    assert code == 1 and err == ""
    assert out.splitlines() == [f"{path}:3:4: “recieve” may be misspelled. [SPELLING] -> receive"]
