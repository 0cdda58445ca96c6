"""Killed at a random moment while saving a chapter, project.json or a journal entry: every file stays whole.

A helper process imports the storage code once and, for each round, forks a writer that saves one kind of
file over and over; the helper kills it with SIGKILL after a random number of saves plus a random fraction of
a save. The test then checks that the file holds one whole version (old or new, never a mix or a part), and
that opening the project again leaves no temp file behind.
"""

from __future__ import annotations

import inspect
import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.core.conftest import write_manifest
from writer_app.core.project import Project
from writer_app.core.storage import RecoveryJournal, _read_record

REPO = Path(__file__).resolve().parents[2]
ROUNDS = {"chapter": 70, "manifest": 65, "journal": 65}  # 200 in all

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="the killed writers are forked (not on Windows)"),
]



def chapter_text(r: int, i: int) -> str:
    """Version ``i`` of round ``r`` of the chapter (and journal) text, 20-420 KB."""
    size = 20_000 + (r * 7919 + i * 104_729) % 400_000
    return f"BEGIN {r} {i}\n" + (f"{r:04d}{i:04d}" * (size // 8)) + f"\nEND {r} {i}\n"


def manifest_words(r: int, i: int) -> list[str]:
    """The word list of version ``i`` of round ``r`` of project.json (makes it 5-80 KB)."""
    return [f"w{r}x{i}x{n}" for n in range(500 + (r * 31 + i * 97) % 6000)]


# The helper writes exactly what the checks here expect: it runs these same two functions.
CONTENT = "from __future__ import annotations\n" + inspect.getsource(chapter_text) + inspect.getsource(manifest_words)

HELPER = CONTENT + textwrap.dedent(
    """
    import os, random, signal, sys, time
    from writer_app.core.project import Project

    def write_forever(kind, folder, r):
        project = Project.open(folder)
        chapter = project.chapters[0]
        journal = project.recovery_journal()
        i = 0
        while True:
            if kind == "chapter":
                project.write_chapter(chapter, chapter_text(r, i), force=True)
            elif kind == "manifest":
                project.title = f"Kill {r} {i}"
                project.word_list = manifest_words(r, i)
                project.save_manifest(force=True)
            else:
                journal.record(chapter.id, chapter_text(r, i))
            os.write(report_w, f"{i}\\n".encode())
            i += 1

    for line in sys.stdin:
        kind, folder, r, seed = line.split("\\t")
        r = int(r)
        rng = random.Random(int(seed))
        report_r, report_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(report_r)
            try:
                write_forever(kind, folder, r)
            finally:
                os._exit(1)
        os.close(report_w)
        reports = os.fdopen(report_r)
        last = -1
        for _ in range(rng.randint(0, 4)):
            got = reports.readline()
            if not got:
                break
            last = int(got)
        time.sleep(rng.uniform(0, 0.004))  # a random moment inside the next save
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        reports.close()
        print(last, flush=True)
    """
)


def _whole_chapter(data: bytes, at_least: tuple[int, int]) -> None:
    text = data.decode("utf-8")
    head = text.split("\n", 1)[0].split()
    if head[:1] != ["BEGIN"]:
        assert text == "The ferry came in late.\n"  # the version written before the first round
        assert at_least == (-1, -1)
        return
    r, i = int(head[1]), int(head[2])
    assert text == chapter_text(r, i), "the chapter is cut short or mixes two versions"
    assert (r, i) >= at_least, "a save the writer was told about is missing"


def _check(kind: str, folder: Path, journal: RecoveryJournal, at_least: tuple[int, int]) -> None:
    if kind == "chapter":
        _whole_chapter((folder / "chapters" / "one.md").read_bytes(), at_least)
    elif kind == "manifest":
        manifest = json.loads((folder / "project.json").read_text(encoding="utf-8"))
        if manifest["title"] == "Harbour":
            assert at_least == (-1, -1)
        else:
            r, i = (int(n) for n in manifest["title"].split()[1:])
            assert manifest["word_list"] == manifest_words(r, i)
            assert (r, i) >= at_least
    else:
        records = list(journal.folder.glob("*.journal"))
        if not records:
            assert at_least == (-1, -1)
            return
        chapter_id, text = _read_record(records[0].read_bytes())  # raises on a damaged record
        assert chapter_id == "one"
        _whole_chapter(text.encode("utf-8"), at_least)


def _temp_files(folder: Path, journal: RecoveryJournal) -> list[Path]:
    found = [p for p in folder.rglob("*") if p.name.endswith(".tmp")]
    if journal.folder.is_dir():
        found += [p for p in journal.folder.iterdir() if p.name.endswith(".tmp")]
    return found


@pytest.mark.parametrize("kind", sorted(ROUNDS))
def test_killed_at_random_moments_every_file_stays_whole_and_no_temp_outlives_the_next_open(
        tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "Harbour"
    write_manifest(folder)
    journal = RecoveryJournal(folder)
    helper = subprocess.Popen([sys.executable, "-c", HELPER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env=dict(os.environ, PYTHONPATH=str(REPO)))
    at_least = (-1, -1)
    interrupted = 0
    try:
        for r in range(ROUNDS[kind]):
            helper.stdin.write(f"{kind}\t{folder}\t{r}\t{random.randrange(1 << 30)}\n")  # type: ignore[union-attr]
            helper.stdin.flush()  # type: ignore[union-attr]
            reported = helper.stdout.readline()  # type: ignore[union-attr]
            assert reported, "the helper process died"
            if int(reported) >= 0:
                at_least = (r, int(reported))
            _check(kind, folder, journal, at_least)
            interrupted += bool(_temp_files(folder, journal))
            Project.open(folder).close()  # takes over the dead writer's lock and cleans up after it
            assert _temp_files(folder, journal) == []
    finally:
        helper.stdin.close()  # type: ignore[union-attr]
        helper.wait(timeout=30)
        helper.stdout.close()  # type: ignore[union-attr]
    print(f"{kind}: {ROUNDS[kind]} kills, {interrupted} in the middle of a save (a temp file was left)")
