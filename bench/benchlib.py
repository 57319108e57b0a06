"""What bench/indexing.py and bench/searching.py share: the cached corpus and its pre-split text,
running a command while measuring the memory of its whole process tree, and the results table.

Everything cached lives in ``bench/.cache/`` (git-ignored): ``corpus-<n>/`` (generated letters),
``split-<n>.jsonl`` (their text parsed once, for the baselines), ``index-<n>/`` (the Vraagbaak
index that bench/indexing.py built, reused by bench/searching.py). Delete the folder to start over.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CACHE = BENCH / ".cache"
RESULTS = BENCH / "RESULTS.md"
SEED = 1
#: The console scripts of the venv that runs the benchmark (.venv/bin/python → .venv/bin/vraagbaak).
BIN = Path(sys.executable).parent


def command(name: str) -> str:
    """The path of a console script of this venv (``vraagbaak``, ``vraagbaak-web``)."""
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} not found next to {sys.executable}; run bash scripts/setup.sh first")
    return found


def log(message: str) -> None:
    """Progress goes to stderr, so that stdout is only the Markdown table."""
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# -- the corpus -------------------------------------------------------------------------------


def corpus(n: int, seed: int = SEED) -> Path:
    """``bench/.cache/corpus-<n>``: N letters from corpus/generate.py (text format, the slowest
    to parse), generated once. The folder holds ``txt/`` and a ``.complete`` marker."""
    folder = CACHE / f"corpus-{n}"
    marker = folder / ".complete"
    try:
        info = json.loads(marker.read_text())
        if info == {"n": n, "seed": seed, "formats": ["txt"]}:
            return folder
    except (OSError, ValueError):
        pass
    sys.path.insert(0, str(ROOT / "corpus"))
    from generate import generate

    log(f"generating {n} letters into {folder} (once; cached)")
    shutil.rmtree(folder, ignore_errors=True)
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    started = time.perf_counter()
    generate(tmp, n, seed=seed, formats=("txt",))
    tmp.rename(folder)
    marker.write_text(json.dumps({"n": n, "seed": seed, "formats": ["txt"]}))
    log(f"generated in {time.perf_counter() - started:.0f} s")
    return folder


def letter_files(folder: Path) -> list[Path]:
    return sorted((folder / "txt").glob("*.txt"))


def text_bytes(folder: Path) -> int:
    """The corpus text size: the bytes of its .txt files."""
    return sum(p.stat().st_size for p in letter_files(folder))


def link_copy(src: Path, dst: Path) -> None:
    """Copy a corpus folder with hard links (instant, no extra disk); a file in the copy must be
    replaced (unlink, write anew), never written in place, or the cached original changes too."""
    for path in src.rglob("*"):
        target = dst / path.relative_to(src)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)


def _split_one(path: str) -> str | None:
    from indexer.parse import parse_file

    try:
        letter = parse_file(Path(path))
    except Exception:  # the same files the indexer reports as skipped
        return None
    return json.dumps({
        "id": letter.id,
        "title": letter.title or "",
        "question": "\n\n".join(p.question for p in letter.pairs if p.question),
        "answer": "\n\n".join(p.answer for p in letter.pairs if p.answer),
        "body": "\n\n".join(filter(None, [letter.body, *letter.footnotes])),
        "date": letter.date.isoformat() if letter.date else "",
        "pairs": len(letter.pairs),
    }, ensure_ascii=False)


def split(n: int, folder: Path) -> Path:
    """``bench/.cache/split-<n>.jsonl``: each letter's title, questions, answers and other text,
    parsed once with the project's parser (in a process pool, not timed), for the plain Whoosh
    baseline and the SQLite FTS5 reference. One JSON object per line."""
    path = CACHE / f"split-{n}.jsonl"
    if path.exists():
        return path
    import multiprocessing

    files = [str(p) for p in letter_files(folder)]
    log(f"parsing {len(files)} letters once for the baselines ({path.name}; cached)")
    started = time.perf_counter()
    tmp = path.with_suffix(".tmp")
    with multiprocessing.Pool(os.cpu_count() or 1) as pool, open(tmp, "w", encoding="utf-8") as fh:
        for line in pool.imap(_split_one, files, chunksize=64):
            if line is not None:
                fh.write(line + "\n")
    tmp.rename(path)
    log(f"parsed in {time.perf_counter() - started:.0f} s")
    return path


def read_split(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def dir_size(path: Path) -> int:
    """Bytes of every file under ``path`` (the whole index folder, all generations)."""
    total = 0
    for dirpath, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
            except OSError:
                pass
    return total


# -- measuring a process tree -----------------------------------------------------------------

PAGE = os.sysconf("SC_PAGE_SIZE")


def _children(pid: int) -> list[int]:
    kids = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return kids
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                kids += [int(k) for k in fh.read().split()]
        except OSError:
            pass
    return kids


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo += _children(p)
    return pids


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) that process ``pid`` and its children have used so far."""
    ticks = 0
    for p in _tree(pid):
        try:
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        except (OSError, ValueError, IndexError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


@dataclass
class TreeMemory:
    """Peaks seen while polling a process and its descendants every ``interval`` seconds."""

    tree_rss: int = 0     # sum of RSS over the tree (counts pages shared by forked workers twice)
    tree_pss: int = 0     # sum of PSS (shared pages divided among the sharers)
    process_rss: int = 0  # the largest single process
    processes: int = 0    # the most processes alive at once


class TreeMonitor:
    """Polls /proc for the memory of ``pid`` and everything it starts (worker processes too)."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval = pid, interval
        self.peak = TreeMemory()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.is_set():
            pids = _tree(self.pid)
            rss = [_rss(p) for p in pids]
            peak = self.peak
            peak.tree_rss = max(peak.tree_rss, sum(rss))
            peak.tree_pss = max(peak.tree_pss, sum(_pss(p) for p in pids))
            peak.process_rss = max(peak.process_rss, max(rss, default=0))
            peak.processes = max(peak.processes, sum(1 for r in rss if r))
            self._stop.wait(self.interval)


@dataclass
class Run:
    """A finished command: wall time, exit status, output and the memory peaks of its tree."""

    seconds: float
    returncode: int
    stdout: str
    stderr: str
    memory: TreeMemory = field(default_factory=TreeMemory)


def run_measured(cmd: list[str], **kwargs) -> Run:
    """Run ``cmd`` to the end, timing it and polling its process tree's memory. The kernel's
    ``ru_maxrss`` (from wait4: the largest process among it and its waited-for descendants)
    backs up the largest-process figure, which polling can miss between two polls."""
    # Files, not pipes: a chatty command cannot block on a full pipe while we only wait.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, **kwargs)
        with TreeMonitor(proc.pid) as monitor:
            _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        memory = monitor.peak
        memory.process_rss = max(memory.process_rss, usage.ru_maxrss * 1024)
        memory.tree_rss = max(memory.tree_rss, memory.process_rss)
        return Run(seconds, proc.returncode, out.read(), err.read(), memory)


def vm_hwm(pid: int) -> int:
    """The peak RSS of a live process so far (VmHWM), in bytes."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- the vraagbaak command -------------------------------------------------------------------


class Refused(Exception):
    """The index was refused: made by another schema or analyzer version. Others change the
    indexer while benchmarks run, so the callers build again (a few times) instead of failing."""


ATTEMPTS = 3


def vraagbaak(*args: str) -> list[str]:
    return [command("vraagbaak"), *args]


def stats(index_dir: Path, required: bool = True) -> dict | None:
    """``vraagbaak stats --json``; None (or exit, when ``required``) when the index is missing or
    refused, e.g. because it was built by an older schema version."""
    run = run_measured(vraagbaak("stats", "--json", "--index-dir", str(index_dir)))
    if run.returncode:
        if required:
            raise Refused(f"vraagbaak stats failed ({run.returncode}): {run.stderr.strip()}")
        log(f"index {index_dir} not usable: {run.stderr.strip()}")
        return None
    return json.loads(run.stdout)


def index_run(corpus: Path, index_dir: Path, rebuild: bool) -> Run:
    """``vraagbaak index <corpus> --index-dir <dir> -q [--rebuild]``, measured."""
    cmd = vraagbaak("index", str(corpus), "--index-dir", str(index_dir), "-q")
    if rebuild:
        cmd.append("--rebuild")
    run = run_measured(cmd)
    skipped = run.stderr.count("overgeslagen:")
    if run.returncode == 3:  # the index needs --rebuild: another version made it
        raise Refused(run.stderr.strip())
    if run.returncode not in (0, 1):  # 1: indexed, but some files were skipped
        raise SystemExit(f"`{' '.join(cmd)}` failed with exit status {run.returncode}:\n{run.stderr}")
    if skipped:
        log(f"{skipped} files skipped by the indexer, e.g. {run.stderr.splitlines()[0]}")
    return run


# -- numbers and the results table ------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p50 of 1..10 is 5; p99 of 200 values is the 198th)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def ok(good: bool) -> str:
    return "✓" if good else "✗"


def _git_state() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "indexer", "search_app"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown commit"
    return f"commit {head}" + (" + uncommitted changes in indexer/ or search_app/" if dirty else "")


@dataclass
class Start:
    """The state of the machine and the code when a benchmark starts (others work on both)."""

    started: dt.datetime = field(default_factory=dt.datetime.now)
    load: float = field(default_factory=lambda: os.getloadavg()[0])
    code: str = field(default_factory=_git_state)


def header(what: str, n: int, start: Start) -> str:
    """The heading of a result: date, benchmark, size, machine, versions, the code measured
    (at the start and, when it changed meanwhile, at the end) and the load average at the start
    (the machine is shared: a high load means noisy figures)."""
    now = _git_state()
    code = start.code if now == start.code else f"{start.code} at start, {now} at end"
    return (f"### {start.started:%Y-%m-%d %H:%M} · {what} · {n} letters · {platform.machine()} "
            f"{os.cpu_count()} cores · Python {platform.python_version()} · whoosh {version('whoosh')} · "
            f"snowballstemmer {version('snowballstemmer')} · {code} · load average {start.load:.2f} at start")


def table(columns: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def emit(text: str, append: bool) -> None:
    """Print the result and, unless it is a trial run, append it to bench/RESULTS.md."""
    print(text)
    if append:
        with open(RESULTS, "a", encoding="utf-8") as fh:
            fh.write("\n" + text.rstrip("\n") + "\n")
        log(f"appended to {RESULTS.relative_to(ROOT)}")
