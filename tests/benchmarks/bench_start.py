"""Start-up as a writer meets it: launch -> window shown -> first underline, and ``writer-app check`` on one line.

Run: ``python tests/benchmarks/bench_start.py [RUNS] [--check-only]``. Offscreen; prints every run with the load average beside
it and the median, asserts nothing. Each launch is a fresh interpreter. "Cold" runs get fresh user folders (no
settings, no cache, the sample project copied on first run); "warm" runs reuse the folders the cold run left. The
sample project is opened when no path is given; Pride and Prejudice is measured too when the shared corpus has it.
Targets (issue "Instant from the first second"): cold <= 1.0 s and warm <= 0.5 s to the first underline;
``writer-app check`` on a one-line file <= 0.3 s, printed beside ``python -c pass`` of the same run.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: no CPU figures
    resource = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parents[2]
CORPUS_CANDIDATES = (ROOT.parents[1] / "shared" / "corpus", ROOT.parents[0] / "shared" / "corpus")
PLANT = ("It is a truth universally", "It is teh truth universally")

CHILD = r"""
import os, sys, time, json
start = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, sys.argv[1])
from writer_app.app import build_window, create_application
app = create_application()
window = build_window(sys.argv[2] or None)
app.processEvents()
shown = time.perf_counter() - start
editor = window.editor
while not editor.extra_selection_layer("issues"):
    app.processEvents()
    time.sleep(0.001)
    if time.perf_counter() - start > 120:
        break
underline = time.perf_counter() - start
controller = next((c for c in window.findChildren(object) if type(c).__name__ == "CheckingController"), None)
while controller is not None and not controller.engines and time.perf_counter() - start < 120:
    app.processEvents()  # the full rule set's first result (the first underline may be spelling alone)
    time.sleep(0.001)
full = time.perf_counter() - start
editor.document().setModified(False)
print(json.dumps({"shown": shown, "underline": underline, "full": full}))
sys.stdout.flush()
os._exit(0)
"""


def environment(home: Path) -> dict[str, str]:
    """The process environment with every user folder inside ``home``."""
    env = dict(os.environ)
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[variable] = str(home / variable.lower())
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT)
    return env


def interpreter_start(env: dict[str, str]) -> float:
    """Seconds for ``python -c pass`` (what any launch pays before our code runs)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
    return time.perf_counter() - start


def launch(path: str, home: Path) -> tuple[float, float, float, float]:
    """One launch: seconds from the launch to the window shown, to the first underline (spelling may come first) and
    to the full rule set's first result, and ``python -c pass`` measured in the same moment."""
    env = environment(home)
    bare = interpreter_start(env)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), path], env=env, capture_output=True, text=True,
                            timeout=300)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"the launch failed: {result.stderr[-2000:]}")
    figures = json.loads(lines[-1])
    wall = time.perf_counter() - start  # the child exits as soon as it has printed: launch -> full result
    launched = wall - figures["full"]  # launch -> the child's first line of Python
    return launched + figures["shown"], launched + figures["underline"], launched + figures["full"], bare


def check_one_line(home: Path, draft: Path) -> tuple[float, float, float]:
    """``writer-app check`` on ``draft`` and ``python -c pass``, in the same moment; and the check's CPU seconds
    (steadier than the wall clock when other processes share the cores)."""
    env = environment(home)
    bare = interpreter_start(env)
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "writer_app", "check", str(draft)], env=env, capture_output=True,
                   timeout=300, check=False)
    wall = time.perf_counter() - start
    if before is None:
        return wall, bare, float("nan")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, bare, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def scenario(label: str, path: str, runs: int) -> None:
    """Cold then warm launches of ``path`` (empty: the sample project), ``runs`` of each."""
    print(f"\n== {label}")
    for kind in ("cold", "warm"):
        figures = []
        homes = []
        for run in range(runs):
            home = Path(tempfile.mkdtemp(prefix="bench-start-"))
            homes.append(home)
            if kind == "warm":
                launch(path, home)  # the first launch builds the user folders and the cache
            shown, underline, full, bare = launch(path, home)
            figures.append((shown, underline))
            print(f"  {kind} run {run + 1}: window shown {shown:.2f} s, first underline {underline:.2f} s, "
                  f"full rule set's first result {full:.2f} s (python -c pass {bare:.2f} s; "
                  f"load {os.getloadavg()[0]:.2f})")
        target = 1.0 if kind == "cold" else 0.5
        median = statistics.median(u for _s, u in figures)
        print(f"  {kind}: median first underline {median:.2f} s, target {target:.1f} s, ratio {median / target:.2f}")
        for home in homes:
            shutil.rmtree(home, ignore_errors=True)


def main() -> int:
    """Run every scenario."""
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    runs = int(numbers[0]) if numbers else 3
    check_only = "--check-only" in sys.argv  # only ``writer-app check`` on one line (no windows)
    print(f"{os.cpu_count()} CPUs; {runs} runs of each")
    # An installed package has its bytecode compiled (pip does it); a checkout may not, when
    # PYTHONDONTWRITEBYTECODE is set: compile it, as an install would have (every scenario, the launches too).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "writer_app")], capture_output=True,
                   check=False)
    if not check_only:
        scenario("sample project (first run copies it)", "", runs)
    novel = next((c / "pride-and-prejudice.txt" for c in CORPUS_CANDIDATES
                  if (c / "pride-and-prejudice.txt").exists()), None)
    with tempfile.TemporaryDirectory(prefix="bench-start-files-") as scratch:
        if check_only:
            pass
        elif novel is None:
            print("\n(Pride and Prejudice is not in the shared corpus: not measured)")
        else:
            loose = Path(scratch, "pride-and-prejudice.txt")
            loose.write_text(novel.read_text(encoding="utf-8").replace(*PLANT, 1), encoding="utf-8")
            scenario("Pride and Prejudice, one loose file", str(loose), runs)
        draft = Path(scratch, "one-line.txt")
        draft.write_text("Their going to the market tomorow.\n", encoding="utf-8")
        print("\n== writer-app check on a one-line file (fresh user folders, OS file cache warm)")
        subprocess.run([sys.executable, "-m", "writer_app", "--version"], env=environment(Path(scratch)),
                       capture_output=True, check=False)  # warms the OS file cache
        times = []
        cpus = []
        for run in range(runs):
            home = Path(tempfile.mkdtemp(prefix="bench-start-check-"))
            took, bare, cpu = check_one_line(home, draft)
            times.append(took)
            cpus.append(cpu)
            print(f"  run {run + 1}: check {took:.2f} s ({cpu:.2f} s CPU), python -c pass {bare:.2f} s "
                  f"(load {os.getloadavg()[0]:.2f})")
            shutil.rmtree(home, ignore_errors=True)
        median = statistics.median(times)
        print(f"  median {median:.2f} s ({statistics.median(cpus):.2f} s CPU), target 0.30 s, "
              f"ratio {median / 0.3:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
