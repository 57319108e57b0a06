"""Helpers for the reliability tests: generated corpora, index snapshots, a real server."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from indexer.search import Searcher, SearchRequest
from indexer.store import Store

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "corpus" / "generate.py"
HERE = Path(__file__).resolve().parent

#: Queries whose answers must survive a crash (sets of letter ids, not order: Whoosh counts
#: deleted documents in its statistics until a merge, so scores may differ slightly).
QUERIES = ("minister", "vraag antwoord", "gemeenten", "Kamer", "datum:2021", "-minister", "beleid OF onderzoek")


def generate(outdir: Path, n: int, formats: str = "txt", seed: int = 0) -> list[Path]:
    """``n`` generated letters under ``outdir`` (corpus/generate.py), sorted by path."""
    subprocess.run([sys.executable, str(GENERATOR), str(outdir), "-n", str(n), "--formats", formats,
                    "--seed", str(seed)], check=True, capture_output=True)
    return sorted(p for p in outdir.rglob("*") if p.is_file())


def snapshot(index_dir: Path) -> dict:
    """What an index holds and answers: every stored letter (without its ``added`` moment,
    which a clean build sets anew) and the ids each of QUERIES finds."""
    store = Store(index_dir)
    with store.searcher() as s:
        docs = sorted(tuple(sorted((k, repr(v)) for k, v in d.items() if k != "added"))
                      for d in s.all_stored_fields())
    searcher = Searcher(store)
    answers = {}
    for q in QUERIES:
        result = searcher.search(SearchRequest(q=q, page_size=1000))
        answers[q] = sorted(h.letter.id for h in result.hits)
    return {"docs": docs, "answers": answers}


def copy_index(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, symlinks=True)
    return dst


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(index: Path, tmp: Path, threads: int = 8, **env_extra):
    """A real server (``python -m search_app``, waitress) on a free port; yields its base URL."""
    port = free_port()
    env = dict(os.environ, VRAAGBAAK_INDEX=str(index), VRAAGBAAK_SAVED_DB=str(tmp / "saved.sqlite3"),
               VRAAGBAAK_THREADS=str(threads), **env_extra)
    log = tmp / f"server-{port}.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "search_app", "--host", "127.0.0.1", "--port", str(port)],
                                env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(f"server exited with {proc.returncode}:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(base + "/", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"server did not start:\n{log.read_text()}")
                time.sleep(0.1)
        proc.log = log
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
