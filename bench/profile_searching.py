#!/usr/bin/env python3
"""Where a results page's time goes: the query mix through the Flask app, by stage.

    .venv/bin/python bench/profile_searching.py -n 100000

Opens the index bench/indexing.py left in bench/.cache/index-N, answers every query of
bench/queries.txt once through the app (``/zoeken?q=…``, the Flask test client: no HTTP server)
to warm the caches, then once more with each stage timed, then a third time under cProfile for
the functions with the most time of their own. The stages are the work a server process does
per page on one core; with 2 cores, two server processes answer at most 2000 ÷ (CPU ms a page)
pages a second. Prints a Markdown table and appends it to bench/RESULTS.md unless ``--no-append``.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from pathlib import Path

import benchlib
from benchlib import CACHE
from searching import QUERIES, page_path, read_queries

#: (stage, module, attribute, function): the stages a page goes through, timed where they are
#: called. The best pair's time includes its snippets; the page's own time is what is left.
STAGES = [
    ("query compilation (indexer.query)", "indexer.search", None, "compile_query"),
    ("ranking (indexer.ranking)", "indexer.search", "Searcher", "_rank"),
    ("facet counts", "indexer.search", "_Commit", "facet_counts"),
    ("best pair and snippets per hit (indexer.highlight)", "indexer.search", "Searcher", "_hit"),
    ("sidebar links (search_app.present.facets)", "search_app.present", None, "facets"),
    ("HTML (templates; hits and facet lists by search_app.present)", "search_app.views.search", None, "render_template"),
]


def timed(spent: dict, label: str, owner, name: str) -> None:
    """Wrap ``owner.name`` so that its time adds up in ``spent[label]``."""
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - started

    setattr(owner, name, wrapper)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10000, help="letters of the index (default 10000)")
    ap.add_argument("--no-append", action="store_true", help="print only")
    args = ap.parse_args()
    index_dir = CACHE / f"index-{args.n}"
    if not index_dir.exists():
        raise SystemExit(f"No index in {index_dir}: run bench/indexing.py -n {args.n} first.")
    warnings.filterwarnings("ignore", category=SyntaxWarning)
    start = benchlib.Start()
    import importlib

    from search_app import create_app

    queries = read_queries(QUERIES)
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"INDEX": str(index_dir), "SAVED_DB": str(Path(tmp) / "saved.sqlite3"),
                          "SECRET_KEY": "bench", "TESTING": False})
        client = app.test_client()
        for q in queries:  # warm-up: postings, facet columns, sort orders
            client.get(page_path(q))
        spent: dict[str, float] = defaultdict(float)
        for label, module, owner, name in STAGES:
            target = importlib.import_module(module)
            timed(spent, label, getattr(target, owner) if owner else target, name)
        wall, cpu = time.perf_counter(), time.process_time()
        for q in queries:
            assert client.get(page_path(q)).status_code == 200, q.text
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        stages = dict(spent)  # before the profiled pass adds to it
        profiler = cProfile.Profile()
        profiler.enable()
        for q in queries:
            client.get(page_path(q))
        profiler.disable()
    n = len(queries)
    page_ms = wall / n * 1000
    rows = [(label, stages.get(label, 0.0) / n * 1000) for label, *_ in STAGES]
    rows.append(("the rest: request, stored letters, totals, spelling, Flask", page_ms - sum(ms for _, ms in rows)))
    lines = [benchlib.header("`bench/profile_searching.py` (a results page, by stage)", args.n, start), "",
             f"{n} queries of `bench/queries.txt`, each once through the app after a warm-up pass "
             f"(Flask test client, one thread): {page_ms:.1f} ms a page, {cpu / n * 1000:.1f} ms of CPU; "
             f"two server processes on 2 cores could answer at most {2000 / (cpu / n * 1000):.0f} pages a second.", "",
             "| stage | ms a page | share |", "|---|---|---|"]
    lines += [f"| {label} | {ms:.1f} | {ms / page_ms:.0%} |" for label, ms in rows]
    lines.append("")
    benchlib.emit("\n".join(lines), not args.no_append)
    print("Functions with the most time of their own (cProfile, third pass):")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
