"""Helpers for the reliability tests: generated corpora and index snapshots (the real server is
tests/servers.py)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from indexer import stored_letters
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
    docs = sorted(tuple(sorted((k, repr(v)) for k, v in d.items() if k != "added")) for d in stored_documents(store))
    searcher = Searcher(store)
    answers = {}
    for q in QUERIES:
        result = searcher.search(SearchRequest(q=q, page_size=1000))
        answers[q] = sorted(h.letter.id for h in result.hits)
    return {"docs": docs, "answers": answers}


def stored_documents(store: Store) -> list[dict]:
    """Every document's stored fields, the letter decompressed (its JSON, loaded)."""
    folder = store.current_generation()
    with store.searcher() as s:
        return [{**d, "letter": stored_letters.decode(d["letter"], folder)} for d in s.all_stored_fields()]


def copy_index(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, symlinks=True)
    return dst


