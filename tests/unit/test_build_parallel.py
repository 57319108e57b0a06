"""Indexing in worker processes (indexer.parallel) must give the index a serial run gives: the
same letters, the richest format of each, broken files named, and incremental runs on top."""
import shutil
import sys
from pathlib import Path

import pytest

from indexer.build import build_index
from indexer.search import SearchRequest, Searcher
from indexer.store import Store

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "corpus"))
from generate import generate  # noqa: E402

QUERIES = ["netcongestie", "wachtlijsten jeugdzorg", '"Tweede Kamer"', "belasting*", "partij:D66"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """40 letters, each as text, XML (with its metadata sidecar) and HTML, plus one broken file."""
    folder = tmp_path_factory.mktemp("corpus")
    for fmt in ("txt", "xml", "html"):
        generate(folder / fmt, 40, seed=11, formats=(fmt,))
    (folder / "kapot.xml").write_text("<officiele-publicatie><onaf", encoding="utf-8")
    return folder


def snapshot(store: Store) -> dict:
    searcher = Searcher(store)
    found = {}
    for q in QUERIES:
        result = searcher.search(SearchRequest(q=q, page_size=100))
        found[q] = (result.total, sorted(h.letter.id for h in result.hits),
                    sorted(h.letter.format for h in result.hits))
    found["stats"] = {k: v for k, v in searcher.stats().items() if k in ("letters", "pairs", "kinds", "years")}
    return found


def test_workers_build_the_index_a_single_process_builds(corpus, tmp_path):
    serial = build_index([corpus], Store(tmp_path / "serial"), workers=1)
    parallel = build_index([corpus], Store(tmp_path / "parallel"), workers=2)
    assert parallel.letters_indexed == serial.letters_indexed == 40
    assert parallel.pairs_indexed == serial.pairs_indexed
    assert parallel.superseded == serial.superseded == 80  # each letter also came as text and HTML
    assert [s.path for s in parallel.skipped] == [s.path for s in serial.skipped] == [str(corpus / "kapot.xml")]
    assert snapshot(Store(tmp_path / "parallel")) == snapshot(Store(tmp_path / "serial"))
    assert all(f == "xml" for q in QUERIES for f in snapshot(Store(tmp_path / "parallel"))[q][2])


def test_incremental_runs_after_a_parallel_build(corpus, tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(corpus, folder)
    store = Store(tmp_path / "ix")
    build_index([folder], store, workers=2)
    target = sorted(folder.rglob("*.txt"))[0]
    # A changed text file of a letter that also exists as XML is read again but does not replace
    # the XML version, and the letter stays indexed once.
    target.write_text(target.read_text(encoding="utf-8") + "\nZeldzaamheidsproefwoord.\n", encoding="utf-8")
    again = build_index([folder], store, workers=1)
    assert again.files_seen - again.files_unchanged == 1
    assert again.superseded == 1
    assert Searcher(store).stats()["letters"] == 40
    assert Searcher(store).search(SearchRequest(q="zeldzaamheidsproefwoord")).total == 0


def test_a_parallel_run_adds_to_an_existing_index(corpus, tmp_path):
    first, second = tmp_path / "eerste", tmp_path / "tweede"
    first.mkdir()
    second.mkdir()
    generate(first, 12, seed=5, formats=("txt",))
    for path in corpus.rglob("*.txt"):
        shutil.copy(path, second / path.name)
    store = Store(tmp_path / "ix")
    build_index([first], store, workers=1)
    before = Searcher(store).stats()["letters"]
    report = build_index([second], store, workers=2)
    assert report.letters_indexed == 40
    stats = Searcher(store).stats()
    ids = {h.letter.id for h in Searcher(store).search(SearchRequest(q="", page_size=200), ).hits}
    assert stats["letters"] == len(ids) == len({*ids})
    assert stats["letters"] <= before + 40
    # Re-running the parallel run replaces its letters instead of adding them twice.
    for path in second.rglob("*.txt"):
        path.write_text(path.read_text(encoding="utf-8") + "\nNagekomen zin.\n", encoding="utf-8")
    build_index([second], store, workers=2)
    assert Searcher(store).stats()["letters"] == stats["letters"]


def test_postings_spilled_to_temporary_runs_give_the_same_index(corpus, tmp_path, monkeypatch):
    # A large run keeps only part of its postings in memory and sorts the rest through temporary
    # files (runs of sorted terms, indexer.segments); a tiny memory limit and a high estimate of
    # a posting's size make the workers spill every few letters (they are forked: the patches hold).
    from indexer import parallel, segments

    monkeypatch.setattr(parallel, "WORKER_LIMIT_MB", 1)
    monkeypatch.setattr(segments, "POSTING_BYTES", 200)
    build_index([corpus], Store(tmp_path / "serial"), workers=1)
    build_index([corpus], Store(tmp_path / "spilled"), workers=2)
    assert snapshot(Store(tmp_path / "spilled")) == snapshot(Store(tmp_path / "serial"))


def test_posting_pool_spills_in_chunks_and_merges_in_order(tmp_path):
    from whoosh.filedb.filestore import FileStorage

    from indexer.store import _PostingPool

    pool = _PostingPool(FileStorage(str(tmp_path)).create(), None, limitmb=1)
    items = [(f"f{i % 3}", f"t{(i * 7919) % 5000}".encode(), i, 1.0, b"H\x01\x00") for i in range(30_000)]
    for item in items:
        pool.add(item)
    assert len(pool.runs) >= 3  # went through temporary files
    assert list(pool.items()) == sorted(items)
