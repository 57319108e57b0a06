"""Case 1: an indexing run killed with SIGKILL at any point leaves the last good index answering
as before, and the next run gives what a clean build gives.

Each kill point runs ``crash_run.py`` (a real indexing run in its own process) against a copy of
an index of corpus v1, indexing corpus v2 (2 letters removed, 1 changed, 3 new), killing itself
just before/after the N-th call of a function of one phase. The long version (``-m slow``) walks
every N of every hook until the run completes, plus SIGKILLs from outside at random moments.
"""
from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from support import HERE, ROOT, copy_index, generate, snapshot
from indexer.build import build_index
from indexer.store import Store

HARNESS = HERE / "crash_run.py"


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("crash")
    files = generate(tmp / "gen", 16)
    corpus = tmp / "corpus"  # one folder, first holding v1, then v2: as a nightly run sees it
    corpus.mkdir()
    for f in files[:12]:
        shutil.copy(f, corpus / f.name)
    base = tmp / "base"
    build_index([corpus], Store(base))
    build_index([corpus], Store(base), rebuild=True)  # two generations, so a swap also removes one
    for f in files[:2]:
        (corpus / f.name).unlink()
    for f in files[12:15]:
        shutil.copy(f, corpus / f.name)
    changed = corpus / files[2].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nAanvullend antwoord over windmolenparken.\n",
                       encoding="utf-8")
    clean = tmp / "clean-v2"
    build_index([corpus], Store(clean))
    assert snapshot(base) != snapshot(clean)
    return {"tmp": tmp, "v2": corpus, "base": base, "before": snapshot(base), "after": snapshot(clean)}


def _kill_and_recover(corpora, tmp_path, hook: str, n: int, rebuild: bool, workers: int | None = None) -> str:
    """Run one kill point; check the index at once and after a recovery run. Returns
    'killed-old', 'killed-new' or 'finished' (the run ended before the N-th call)."""
    ix = copy_index(corpora["base"], tmp_path / f"ix-{hook}-{n}-{int(rebuild)}")
    args = [sys.executable, str(HARNESS), str(ix), hook, str(n), *(["--rebuild"] if rebuild else []),
            *([f"--workers={workers}"] if workers else []), str(corpora["v2"])]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=120)
    if hook == "worker_add":  # a worker died: the run stops with a message naming it
        assert proc.returncode == 1 and "Indexeerproces" in proc.stderr, proc.stderr
    else:
        assert proc.returncode in (0, -signal.SIGKILL), proc.stderr
    state = snapshot(ix)
    assert state in (corpora["before"], corpora["after"]), f"{hook}:{n} left an index that is neither the old nor the new"
    outcome = "finished" if proc.returncode == 0 else ("killed-old" if state == corpora["before"] else "killed-new")
    build_index([corpora["v2"]], Store(ix))
    assert snapshot(ix) == corpora["after"], f"after {hook}:{n} the next run differs from a clean build"
    shutil.rmtree(ix)
    return outcome


#: A few points of every phase for the normal run (incremental, then rebuild).
QUICK = [
    ("parse", 3, False), ("put", 2, False), ("create_file", 4, False), ("fsync", 2, False),
    ("toc_rename", 1, False), ("toc_rename+", 1, False), ("replace", 1, False),
    ("parse", 5, True), ("create_file", 3, True), ("toc_rename", 2, True), ("replace", 4, True),
    ("replace+", 4, True),
]


@pytest.mark.parametrize("hook,n,rebuild", QUICK, ids=[f"{h}{n}{'-rebuild' if r else ''}" for h, n, r in QUICK])
def test_kill_point_leaves_last_good_index(corpora, tmp_path, hook, n, rebuild):
    assert _kill_and_recover(corpora, tmp_path, hook, n, rebuild) != "finished", "kill point not reached"


#: The parallel run (indexer.parallel): its segments handed to the commit, the commit, and a
#: worker process killed in the middle of its share.
PARALLEL = [("segment", 1, False), ("segment", 1, True), ("toc_rename", 1, True), ("worker_add", 3, False),
            ("worker_add", 5, True)]


@pytest.mark.parametrize("hook,n,rebuild", PARALLEL, ids=[f"{h}{n}{'-rebuild' if r else ''}" for h, n, r in PARALLEL])
def test_kill_point_of_a_parallel_run_leaves_last_good_index(corpora, tmp_path, hook, n, rebuild):
    outcome = _kill_and_recover(corpora, tmp_path, hook, n, rebuild, workers=2)
    assert outcome == "killed-old" if hook == "worker_add" else outcome != "finished"


HOOKS = ("parse", "put", "create_file", "fsync", "toc_rename", "toc_rename+", "replace", "replace+", "rmtree")


@pytest.mark.slow
@pytest.mark.parametrize("rebuild", [False, True], ids=["incremental", "rebuild"])
def test_every_kill_point(corpora, tmp_path, rebuild, record_property):
    """Every call of every hook, until the run completes without reaching the N-th call."""
    tried = {}
    for hook in HOOKS:
        outcomes = []
        for n in range(1, 400):
            outcome = _kill_and_recover(corpora, tmp_path, hook, n, rebuild)
            if outcome == "finished":
                break
            outcomes.append(outcome)
        tried[hook] = (len(outcomes), outcomes.count("killed-old"), outcomes.count("killed-new"))
    print(f"\nkill points ({'rebuild' if rebuild else 'incremental'}): hook -> (tried, old index, new index)")
    for hook, figures in tried.items():
        print(f"  {hook}: {figures}")
    record_property("kill_points", tried)
    assert sum(t[0] for t in tried.values()) > 30


@pytest.mark.slow
@pytest.mark.parametrize("rebuild", [False, True], ids=["incremental", "rebuild"])
def test_random_external_sigkill(corpora, tmp_path, rebuild):
    """SIGKILL from outside at random moments of a run (seeded, so a failure can be replayed)."""
    rng = random.Random(5)
    outcomes = []
    for i in range(30):
        ix = copy_index(corpora["base"], tmp_path / f"rnd-{i}")
        args = [sys.executable, str(HARNESS), str(ix), "none", "0", *(["--rebuild"] if rebuild else []),
                str(corpora["v2"])]
        proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 3.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = snapshot(ix)
        assert state in (corpora["before"], corpora["after"]), f"random kill {i}"
        outcomes.append("finished" if proc.returncode == 0 else
                        "killed-old" if state == corpora["before"] else "killed-new")
        build_index([corpora["v2"]], Store(ix))
        assert snapshot(ix) == corpora["after"]
        shutil.rmtree(ix)
    print(f"\nrandom SIGKILLs ({'rebuild' if rebuild else 'incremental'}): "
          f"{ {o: outcomes.count(o) for o in set(outcomes)} }")
