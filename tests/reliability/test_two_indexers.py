"""Case 3: a second indexer waits for a bounded time, then stops with a clear message; the first
run's result is untouched."""
from __future__ import annotations

import fcntl
import subprocess
import sys
import time

import pytest

from pathlib import Path

from support import ROOT, generate, snapshot
from indexer.build import build_index
from indexer.store import Store

VRAAGBAAK = str(Path(sys.executable).parent / "vraagbaak")
SECOND = ("import sys; from indexer.build import build_index; from indexer.store import Store, IndexBusy\n"
          "try:\n    build_index([sys.argv[1]], Store(sys.argv[2]), lock_timeout=float(sys.argv[3]))\n"
          "except IndexBusy as exc:\n    print(exc, file=sys.stderr); sys.exit(1)\n")


def _wait_until_locked(lock_file, proc, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the first indexer ended before the test saw its lock"
        if lock_file.exists():
            with open(lock_file) as fh:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    fcntl.flock(fh, fcntl.LOCK_UN)
                except OSError:
                    return
        time.sleep(0.02)
    pytest.fail("the first indexer never took the lock")


def test_second_indexer_waits_then_stops_and_first_completes(tmp_path):
    corpus = tmp_path / "corpus"
    generate(corpus, 120)
    index = tmp_path / "index"
    first = subprocess.Popen([VRAAGBAAK, "index", str(corpus), "--index-dir", str(index), "-q"],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_until_locked(index / ".lock", first)
    started = time.monotonic()
    second = subprocess.run([sys.executable, "-c", SECOND, str(corpus), str(index), "1"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    waited = time.monotonic() - started
    assert first.poll() is None, "the first run ended too soon for this test to mean anything"
    assert second.returncode == 1
    assert "Een andere indexering loopt al" in second.stderr and "Probeer het later opnieuw" in second.stderr
    assert 1 <= waited < 10
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    clean = tmp_path / "clean"
    build_index([corpus], Store(clean))
    assert snapshot(index) == snapshot(clean)


@pytest.mark.slow
def test_cli_second_indexer_waits_30_s(tmp_path):
    """The real command's bound: 30 s, then exit status 1 and the message."""
    corpus = tmp_path / "corpus"
    generate(corpus, 3)
    index = tmp_path / "index"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from indexer.store import Store\n"
                               "with Store(sys.argv[1]).lock():\n    print('held', flush=True); time.sleep(60)",
                               str(index)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        run = subprocess.run([VRAAGBAAK, "index", str(corpus), "--index-dir", str(index)],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert run.returncode == 1 and "Een andere indexering loopt al" in run.stderr
    assert 30 <= waited < 40
