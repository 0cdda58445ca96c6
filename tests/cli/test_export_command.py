"""``writer-app export PATH --format FMT -o OUT``: a one-line summary, or exit 2 with one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.cli import main
from writer_app.core.project import Project


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A closed three-chapter project folder."""
    folder = tmp_path / "Novel"
    project = Project.create(folder, "Novel", "Ada Quill", first_chapter=None)
    project.add_chapter("One", '"Hello," she said--softly.\n\n***\n\nAnd left.')
    project.add_chapter("Two", "It's 'em again...")
    project.add_chapter("Three", "The end.")
    project.close()
    return folder


def test_export_prints_a_one_line_summary(project_dir: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "novel.txt"
    assert main(["export", str(project_dir), "--format", "txt", "-o", str(out)]) == 0
    summary = capsys.readouterr().out
    assert summary.count("\n") == 1 and "3 chapters" in summary and str(out) in summary
    text = out.read_text(encoding="utf-8")
    assert "“Hello,” she said—softly." in text and "It’s ’em again…" in text and "* * *" in text


def test_format_is_taken_from_the_output_extension(project_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "novel.epub"
    assert main(["export", str(project_dir), "-o", str(out)]) == 0
    assert out.read_bytes()[:2] == b"PK"


def test_chapter_selection_by_number_range_and_title(project_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "part.md"
    assert main(["export", str(project_dir), "-f", "md", "-o", str(out), "--chapters", "1,3", "--numbered"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "## Chapter 1: One" in text and "## Chapter 2: Three" in text and "’em" not in text
    out2 = tmp_path / "two.md"
    assert main(["export", str(project_dir), "-o", str(out2), "--chapters", "Two", "--no-headings",
                 "--no-title-page"]) == 0
    assert out2.read_text(encoding="utf-8") == "It’s ’em again…\n"


def test_options_no_polish_title_author_scene_break(project_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "raw.txt"
    assert main(["export", str(project_dir), "-o", str(out), "--no-polish", "--title", "Other",
                 "--author", "Jo March", "--scene-break", "~"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("Other\nby Jo March\n")
    assert '"Hello," she said--softly.' in text and "\n~\n" in text


def test_manuscript_format_docx(project_dir: Path, tmp_path: Path) -> None:
    import docx

    out = tmp_path / "novel.docx"
    assert main(["export", str(project_dir), "-o", str(out), "--manuscript-format"]) == 0
    document = docx.Document(str(out))
    assert "Quill / Novel / " in document.sections[0].header.paragraphs[0].text


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--chapters", "7"], "out of range"),
        (["--chapters", "Nine"], "No chapter matches"),
        (["--manuscript-format"], "manuscript format"),
    ],
)
def test_bad_options_exit_2_with_one_sentence(project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             extra: list[str], message: str) -> None:
    assert main(["export", str(project_dir), "-o", str(tmp_path / "x.txt"), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_refuses_to_overwrite_project_files(project_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = project_dir / "project.json"
    before = manifest.read_bytes()
    assert main(["export", str(project_dir), "-f", "txt", "-o", str(manifest)]) == 2
    assert "Refusing to export over" in capsys.readouterr().err
    assert manifest.read_bytes() == before


def test_unknown_extension_and_missing_project_exit_2(project_dir: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(project_dir), "-o", str(tmp_path / "x.rtf")]) == 2
    assert "pass --format" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing"), "-o", str(tmp_path / "x.txt")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_loose_file_exports(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("\"Quick,\" he said.\n", encoding="utf-8")
    out = tmp_path / "draft.html"
    assert main(["export", str(draft), "-o", str(out)]) == 0
    assert "“Quick,” he said." in out.read_text(encoding="utf-8")


def test_pdf_from_the_command_line(project_dir: Path, tmp_path: Path, qapp: object) -> None:
    # qapp: without it the PDF writer would create a bare QGuiApplication, as the real command line does.
    from pypdf import PdfReader

    out = tmp_path / "novel.pdf"
    assert main(["export", str(project_dir), "-o", str(out), "--manuscript-format", "--chapters", "2"]) == 0
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(str(out)).pages]
    assert len(pages) == 2 and "Quill / Novel / 2" in pages[1] and "It’s ’em again…" in pages[1]


class FakeTerminal:
    """A stderr that says it is a terminal and records what was written."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def test_progress_line_on_a_terminal_stderr(project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["export", str(project_dir), "-o", str(tmp_path / "novel.pdf")]) == 0
    assert "Exporting…" in terminal.text and "100%" in terminal.text
    assert "\n" not in terminal.text and terminal.text.endswith("\r")  # one line, cleared before the summary
    assert "Exported 3 chapters" in capsys.readouterr().out


def test_no_progress_when_stderr_is_a_pipe(project_dir: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(project_dir), "-o", str(tmp_path / "novel.pdf")]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out.count("\n") == 1
