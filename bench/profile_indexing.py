#!/usr/bin/env python3
"""Where an indexing run's time goes: a profile of one worker's work, by stage.

    .venv/bin/python bench/profile_indexing.py -n 2000

Does in this one process, under cProfile, what each worker process of a parallel run does with
its share of the files (``indexer.parallel``): parse each file, turn the letter into postings and
add it to a segment of its own (``indexer.store.SegmentBuilder``), then write the segment out; the
run's commit follows, outside the profile. Attributes the time to those stages, prints a Markdown
table, the postings per letter by field, and the 15 functions with the most time of their own;
appends the table to ``bench/RESULTS.md`` unless ``--no-append``.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import benchlib  # noqa: E402

from indexer import stored_letters  # noqa: E402
from indexer.digests import ToRead  # noqa: E402
from indexer.parallel import WORKER_LIMIT_MB, _add, parse_one  # noqa: E402
from indexer.parse import parse_file  # noqa: E402
from indexer.postings import token_positions  # noqa: E402
from indexer.schema import build_schema, letter_document, letter_json  # noqa: E402
from indexer.store import SegmentBuilder, Store  # noqa: E402

#: (stage, the function whose cumulative time it is): later stages are inside earlier ones'
#: callers, never inside each other.
STAGES = [
    ("parse files (indexer.parse)", ("indexer/parse/__init__.py", "parse_file")),
    ("text → postings (indexer.postings)", ("indexer/postings.py", "index_columns")),
    ("add to the segment, minus postings (stored fields, lengths, columns, posting buffer)", ("indexer/store.py", "add")),
    ("write the segment: sort and write postings, columns", ("indexer/store.py", "finish")),
]


def cumulative(stats: pstats.Stats, where: tuple[str, str]) -> float:
    return sum(v[3] for (path, _, name), v in stats.stats.items() if path.endswith(where[0]) and name == where[1])


def postings_per_letter(corpus: Path, sample: int = 200) -> dict[str, float]:
    schema = build_schema("dutch_porter")
    totals: dict[str, int] = {}
    files = sorted(corpus.rglob("*.txt"))[:sample]
    for path in files:
        doc = letter_document(parse_file(path), dt.datetime.now())
        for name, value in doc.items():
            field = schema[name]
            if isinstance(value, str) and getattr(getattr(field, "analyzer", None), "items", None):
                totals[name] = totals.get(name, 0) + len(token_positions(field.analyzer, value))
    return {k: v / len(files) for k, v in sorted(totals.items(), key=lambda kv: -kv[1])}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=2000, help="letters (default 2000)")
    ap.add_argument("--no-append", action="store_true", help="print only")
    args = ap.parse_args()
    corpus = benchlib.corpus(args.n)
    start = benchlib.Start()
    now = dt.datetime.now()
    files = benchlib.letter_files(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "ix").writing(rebuild=True) as writer:
            # As a run does before its workers add letters: a dictionary from a sample of them.
            writer.train_dictionary([letter_json(parse_file(p)) for p in stored_letters.sample(files)])
            encoder = writer.letter_encoder
            builder = SegmentBuilder(writer.path, WORKER_LIMIT_MB)
            profiler = cProfile.Profile()
            started = time.perf_counter()
            profiler.enable()
            outcomes = [_add(builder, encoder, *parse_one(ToRead(path, "-"), 0), {}, now) for path in files]
            segment = builder.finish()
            profiler.disable()
            wall = time.perf_counter() - started
            writer.add_segment(segment)
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    parse = cumulative(stats, STAGES[0][1])
    analysis = cumulative(stats, STAGES[1][1])
    add = cumulative(stats, STAGES[2][1]) - analysis
    commit = cumulative(stats, STAGES[3][1])
    rows = [(STAGES[0][0], parse), (STAGES[1][0], analysis), (STAGES[2][0], add), (STAGES[3][0], commit),
            ("everything else", total - parse - analysis - add - commit)]
    n = sum(1 for o in outcomes if o.letter_id)
    lines = [benchlib.header("`bench/profile_indexing.py` (one worker's work, by stage)", n, start), "",
             f"One process, cProfile on (it slows Python code about 2×): {wall:.1f} s for {n} letters. "
             "Shares of the profiled time:", "",
             "| stage | share | ms per letter (profiled) |", "|---|---|---|"]
    lines += [f"| {name} | {sec / total:.0%} | {sec / n * 1000:.1f} |" for name, sec in rows]
    per_field = postings_per_letter(corpus)
    lines += ["", "Postings per letter by field (distinct terms of the field in the letter): "
              + ", ".join(f"{k} {v:.0f}" for k, v in per_field.items())
              + f"; {sum(per_field.values()):.0f} in all.", ""]
    benchlib.emit("\n".join(lines), not args.no_append)
    print("Functions with the most time of their own:")
    stats.sort_stats("tottime").print_stats(15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
