#!/usr/bin/env python3
"""Indexing speed: a full `vraagbaak index` build beside a plain Whoosh baseline, then re-indexing.

    .venv/bin/python bench/indexing.py -n 10000 [--reindex 100] [--no-append]

1. Generates N letters once (corpus/generate.py, seed 1, text format; cached in
   bench/.cache/corpus-N) and indexes a hard-linked copy of them from scratch with the real
   command, `vraagbaak index <corpus> --index-dir <dir> --rebuild -q`, as a subprocess: wall time,
   letters/s, pairs/s (counts from `vraagbaak stats --json`), peak memory of its whole process
   tree (polled from /proc every 0.1 s, so worker processes count), index size on disk.
2. Re-indexing: replaces --reindex letters (default 100) with a copy that has one more sentence
   in an answer, times the incremental `vraagbaak index`, checks that exactly those letters
   changed, then puts the originals back (timed too).
3. Indexes the same letters with plain Whoosh in a subprocess measured the same way: default
   `ix.writer()`, `StemmingAnalyzer` with the Dutch snowball stemmer, fields id, question,
   answer. Its text is parsed beforehand (cached in bench/.cache/split-N.jsonl, not timed) and
   only the writer and commit are timed, so the ratio favours the baseline.

The finished index is kept as bench/.cache/index-N for bench/searching.py. Prints a Markdown
table and appends it to bench/RESULTS.md with machine, versions and date.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import benchlib
from benchlib import CACHE, log, mb, ok

#: The sentence added to the first answer of each re-indexed letter; its last word is found in
#: no generated letter, so a search for it counts the letters the incremental run picked up.
EXTRA = "Aanvullend meld ik dat deze passage is toegevoegd voor de herindexeringsproef."
EXTRA_WORD = "herindexeringsproef"
ANSWER_HEADING = re.compile(r"^Antwoord (op )?(vraag |vragen )?\d.*$", re.M)

# The targets for 100,000 letters on 2 cores.
TARGET_SECONDS_100K = 240
TARGET_RATIO = 2.7
TARGET_RSS = 1.5 * 2**30
TARGET_SIZE_RATIO = 1.2
TARGET_REINDEX = 5.0


def count_hits(index_dir: Path, query: str) -> int:
    run = benchlib.run_measured(benchlib.vraagbaak("search", query, "--json", "--limit", "1", "--index-dir", str(index_dir)))
    if run.returncode:
        raise benchlib.Refused(f"vraagbaak search failed ({run.returncode}): {run.stderr.strip()}")
    return json.loads(run.stdout)["total"]


def baseline_worker(split_path: Path, index_dir: Path) -> int:
    """The plain Whoosh baseline, run as its own process; prints its figures as JSON."""
    from whoosh import fields, index
    from whoosh.analysis import StemmingAnalyzer

    from indexer.analysis import StemFunction

    started = time.perf_counter()  # reading the pre-split text alone, for the notes
    letters = pairs = 0
    for record in benchlib.read_split(split_path):
        letters += 1
        pairs += record["pairs"]
    read_seconds = time.perf_counter() - started

    # No stop list: Whoosh's default one is English (as in indexer.schema.Baseline).
    analyzer = StemmingAnalyzer(stemfn=StemFunction("dutch_porter"), stoplist=None)
    schema = fields.Schema(id=fields.ID(stored=True, unique=True),
                           question=fields.TEXT(analyzer=analyzer), answer=fields.TEXT(analyzer=analyzer))
    index_dir.mkdir(parents=True)
    ix = index.create_in(str(index_dir), schema)
    started = time.perf_counter()
    writer = ix.writer()
    for record in benchlib.read_split(split_path):
        writer.add_document(id=record["id"], question=record["question"], answer=record["answer"])
    writer.commit()
    seconds = time.perf_counter() - started
    print(json.dumps({"letters": letters, "pairs": pairs, "seconds": seconds, "read_seconds": read_seconds}))
    return 0


def change_letters(corpus: Path, count: int) -> list[tuple[Path, str]]:
    """Replace ``count`` letters, spread evenly over the corpus, by new files with one more
    sentence at the start of their first answer; returns (path, original text) to restore."""
    files = benchlib.letter_files(corpus)
    step = max(1, len(files) // count)
    spread = files[::step]
    taken = set(spread)
    changed = []
    for path in spread + [f for f in files if f not in taken]:  # evenly spread, then any others
        if len(changed) == count:
            break
        text = path.read_text(encoding="utf-8")
        heading = ANSWER_HEADING.search(text)
        if heading is None or EXTRA in text:
            continue
        new = text[:heading.end()] + "\n" + EXTRA + text[heading.end():]
        path.unlink()  # a hard link to the cached corpus: replace the file, never write into it
        path.write_text(new, encoding="utf-8")
        changed.append((path, text))
    return changed


def restore_letters(changed: list[tuple[Path, str]]) -> None:
    for path, text in changed:
        path.unlink()
        path.write_text(text, encoding="utf-8")


def measure(corpus: Path, index_dir: Path, reindex_count: int):
    """The full build from scratch, then (with ``reindex_count``) the incremental runs; raises
    benchlib.Refused when a run finds the index made by another version of the code."""
    shutil.rmtree(index_dir, ignore_errors=True)
    log(f"vraagbaak index: {len(benchlib.letter_files(corpus))} letters from scratch")
    full = benchlib.index_run(corpus, index_dir, rebuild=True)
    counts = benchlib.stats(index_dir)
    index_bytes = benchlib.dir_size(index_dir)
    log(f"  {full.seconds:.1f} s, {counts['letters'] / full.seconds:.0f} letters/s")
    reindex = restore = None
    changed, found, lost = [], None, None
    if reindex_count:
        log(f"re-index: {reindex_count} changed letters")
        changed = change_letters(corpus, reindex_count)
        try:
            reindex = benchlib.index_run(corpus, index_dir, rebuild=False)
            found = count_hits(index_dir, EXTRA_WORD)
        finally:
            restore_letters(changed)
        restore = benchlib.index_run(corpus, index_dir, rebuild=False)
        lost = count_hits(index_dir, EXTRA_WORD)
        log(f"  {reindex.seconds:.1f} s; {found} letters with the new sentence; restored in {restore.seconds:.1f} s")
    return full, counts, index_bytes, reindex, restore, changed, found, lost


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n", 2)[2])
    ap.add_argument("-n", type=int, default=10000, help="number of letters (default 10000)")
    ap.add_argument("--reindex", type=int, default=100, metavar="K",
                    help="letters to change for the incremental run (default 100; 0 skips it)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the plain Whoosh baseline")
    ap.add_argument("--no-append", action="store_true", help="print only; do not append to bench/RESULTS.md")
    ap.add_argument("--baseline-worker", nargs=2, metavar=("SPLIT", "DIR"), type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.baseline_worker:
        return baseline_worker(*args.baseline_worker)

    start = benchlib.Start()
    source = benchlib.corpus(args.n)
    corpus_bytes = benchlib.text_bytes(source)
    split_path = None if args.no_baseline else benchlib.split(args.n, source)

    work = CACHE / f"work-indexing-{args.n}"
    shutil.rmtree(work, ignore_errors=True)
    corpus, index_dir, base_dir = work / "corpus", work / "index", work / "baseline"
    benchlib.link_copy(source, corpus)

    for attempt in range(1, benchlib.ATTEMPTS + 1):
        try:
            full, counts, index_bytes, reindex, restore, changed, found, lost = measure(corpus, index_dir, args.reindex)
            break
        except benchlib.Refused as exc:
            if attempt == benchlib.ATTEMPTS:
                raise SystemExit(f"the index was refused {attempt} times; is someone changing the schema? {exc}")
            log(f"the index was refused, the code changed during the run; building again: {exc}")
    letters, pairs = counts["letters"], counts["pairs"]

    base = None
    if split_path:
        log("plain Whoosh baseline")
        run = benchlib.run_measured([sys.executable, __file__, "--baseline-worker", str(split_path), str(base_dir)])
        if run.returncode:
            raise SystemExit(f"baseline failed:\n{run.stderr}")
        base = json.loads(run.stdout.strip().splitlines()[-1])
        base["run"], base["bytes"] = run, benchlib.dir_size(base_dir)
        log(f"  {base['seconds']:.1f} s, {base['letters'] / base['seconds']:.0f} letters/s")

    # Keep the index (now of the unchanged corpus again) for bench/searching.py.
    kept = CACHE / f"index-{args.n}"
    shutil.rmtree(kept, ignore_errors=True)
    index_dir.rename(kept)
    (CACHE / f"index-{args.n}.json").write_text(json.dumps({"letters": letters, "pairs": pairs}))
    shutil.rmtree(work, ignore_errors=True)

    rate = letters / full.seconds
    rows = [
        ["letters / question-answer pairs", f"{letters:,} / {pairs:,}",
         f"{base['letters']:,} / {base['pairs']:,}" if base else "", "", ""],
        ["wall time", f"{full.seconds:.1f} s", f"{base['seconds']:.1f} s" if base else "",
         f"≤ {TARGET_SECONDS_100K} s at 100k", ok(full.seconds <= TARGET_SECONDS_100K) if args.n == 100_000 else ""],
        ["letters/s", f"{rate:,.0f}", f"{base['letters'] / base['seconds']:,.0f}" if base else "",
         f"≥ {100_000 / TARGET_SECONDS_100K:.0f} (100k in 4 min)", ok(rate >= 100_000 / TARGET_SECONDS_100K)],
        ["pairs/s", f"{pairs / full.seconds:,.0f}", f"{base['pairs'] / base['seconds']:,.0f}" if base else "", "", ""],
    ]
    if base:
        ratio = rate / (base["letters"] / base["seconds"])
        rows.append(["letters/s ÷ baseline letters/s", f"{ratio:.2f}", "1", f"≥ {TARGET_RATIO}", ok(ratio >= TARGET_RATIO)])
    bm = base["run"].memory if base else None
    rows += [
        ["peak RSS, whole process tree (sum)", mb(full.memory.tree_rss), mb(bm.tree_rss) if bm else "",
         f"≤ {mb(TARGET_RSS)} at 100k", ok(full.memory.tree_rss <= TARGET_RSS)],
        ["peak PSS, whole process tree (sum)", mb(full.memory.tree_pss), mb(bm.tree_pss) if bm else "", "", ""],
        ["peak RSS, largest single process", mb(full.memory.process_rss), mb(bm.process_rss) if bm else "", "", ""],
        ["most processes at once", f"{full.memory.processes}", f"{bm.processes}" if bm else "", "", ""],
        ["index size on disk", mb(index_bytes), mb(base["bytes"]) if base else "", "", ""],
        ["index size ÷ corpus text", f"{index_bytes / corpus_bytes:.2f}",
         f"{base['bytes'] / corpus_bytes:.2f}" if base else "", f"≤ {TARGET_SIZE_RATIO}",
         ok(index_bytes / corpus_bytes <= TARGET_SIZE_RATIO)],
    ]
    if reindex:
        rows += [
            [f"re-index {args.reindex} changed letters (incremental)", f"{reindex.seconds:.1f} s", "",
             f"≤ {TARGET_REINDEX:.0f} s at 100k", ok(reindex.seconds <= TARGET_REINDEX)],
            ["re-index putting them back", f"{restore.seconds:.1f} s", "", "", ""],
            ["peak RSS of the re-index (tree)", mb(reindex.memory.tree_rss), "", "", ""],
        ]
    notes = [
        f"Corpus: `corpus/generate.py` seed {benchlib.SEED}, text format, {mb(corpus_bytes)} of text "
        f"({corpus_bytes / max(letters, 1) / 1000:.1f} KB per letter).",
        "Vraagbaak: the whole `vraagbaak index <corpus> --index-dir <new dir> --rebuild -q` command "
        "(start-up, finding and hashing files, parsing, analysis, writing, commit), as a subprocess.",
    ]
    if base:
        notes.append(
            "Baseline: plain Whoosh in its own process, default `ix.writer()`, `StemmingAnalyzer(stemfn="
            "StemFunction('dutch_porter'), stoplist=None)`, fields `id`, `question`, `answer` (a letter's "
            "questions and answers joined); fed text parsed beforehand with the project's parser (not "
            f"timed); timed: writer and commit only (reading the pre-split text alone takes "
            f"{base['read_seconds']:.1f} s and is inside that time).")
    notes.append("Memory polled from /proc every 0.1 s over the process and its descendants; the largest "
                 "process also from the kernel's ru_maxrss. Index size: every file of the index folder.")
    if attempt > 1:
        notes.append(f"The index was refused {attempt - 1} time(s) during the run (the code changed its schema "
                     "meanwhile); the figures are those of the last, complete attempt.")
    if reindex:
        state = "✓" if found == len(changed) and lost == 0 else "✗ (expected " + str(len(changed)) + " and 0)"
        notes.append(f"Re-index: {len(changed)} letters replaced by a copy with one more sentence in their first "
                     f"answer; a search for it found {found} letters after the run and {lost} after putting "
                     f"the originals back {state}. Both runs hash every file of the corpus.")
    if args.n != 100_000:
        notes.append("The issue's targets are for 100,000 letters; letters/s, the ratio and the size ratio "
                     "compare at any size.")
    text = "\n".join([benchlib.header("`bench/indexing.py`", args.n, start), "",
                      benchlib.table(["measure", "vraagbaak index", "plain Whoosh", "target", "met"], rows), "",
                      *[f"- {n}" for n in notes], ""])
    benchlib.emit(text, append=not args.no_append)
    return 0


if __name__ == "__main__":
    sys.exit(main())
