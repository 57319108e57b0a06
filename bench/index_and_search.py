#!/usr/bin/env python3
"""Indexing and search speed on generated letters.

    .venv/bin/python bench/index_and_search.py -n 2000

Generates N fictional letters with ``corpus/generate.py`` (text format, the slowest to parse),
indexes them from scratch with ``vraagbaak``'s builder, then runs a fixed mix of queries through
the library (hits, best pair, snippets, facets for the first page). Prints a Markdown table and
appends it, with machine, versions and date, to ``bench/RESULTS.md``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import platform
import resource
import statistics
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "corpus"))

from generate import generate  # noqa: E402

from indexer.build import build_index  # noqa: E402
from indexer.search import SearchRequest, Searcher  # noqa: E402
from indexer.store import Store  # noqa: E402

QUERIES = [
    "netcongestie", "stikstof", "wachtlijsten jeugdzorg", "asielopvang gemeenten", "grenstoezicht",
    '"Koninklijke Marechaussee"', "F-35", "belasting*", "minister:jong", "partij:D66 woningbouw",
    "politie OF brandweer", "onderwijs -leraren", "datum:2021 zorg", "stroomaansluitingen scholen",
    "NAVO-verplichtingen", "ggz-patiënten", "Woo-verzoeken", "kosten/baten", "kinderopvangtoeslag",
    "energierekening huishoudens",
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=2000, help="number of letters (default 2000)")
    ap.add_argument("--repeat", type=int, default=5, help="passes over the query mix")
    ap.add_argument("--no-append", action="store_true", help="do not append to bench/RESULTS.md")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        generate(corpus, args.n, seed=1, formats=("txt",))
        corpus_bytes = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
        store = Store(Path(tmp) / "ix")
        started = time.perf_counter()
        report = build_index([corpus], store)
        seconds = time.perf_counter() - started
        searcher = Searcher(store)
        timings = []
        for _ in range(args.repeat):
            for q in QUERIES:
                t = time.perf_counter()
                searcher.search(SearchRequest(q=q))
                timings.append((time.perf_counter() - t) * 1000)
        timings.sort()
        rows = [
            ("letters", f"{report.letters_indexed}"),
            ("pairs", f"{report.pairs_indexed}"),
            ("indexing wall time", f"{seconds:.1f} s"),
            ("letters/s", f"{report.letters_indexed / seconds:.0f}"),
            ("pairs/s", f"{report.pairs_indexed / seconds:.0f}"),
            ("peak RSS", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"),
            ("index size / corpus size", f"{store.size_on_disk() / corpus_bytes:.2f}"),
            ("search p50 (library, page 1 + facets)", f"{statistics.median(timings):.1f} ms"),
            ("search p95", f"{timings[int(len(timings) * 0.95) - 1]:.1f} ms"),
        ]
    header = (f"### {dt.datetime.now():%Y-%m-%d %H:%M} · {args.n} letters · {platform.machine()} "
              f"{__import__('os').cpu_count()} cores · Python {platform.python_version()} · "
              f"whoosh {version('whoosh')} · snowballstemmer {version('snowballstemmer')}")
    table = "\n".join([header, "", "| measure | value |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows), ""])
    print(table)
    if not args.no_append:
        with open(ROOT / "bench" / "RESULTS.md", "a", encoding="utf-8") as fh:
            fh.write(table + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
