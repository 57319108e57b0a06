#!/usr/bin/env python3
"""Relevance of each search-quality change, measured on the judged queries of tests/eval.

    .venv/bin/python bench/eval_relevance.py [--append]

Builds an index of ../shared/corpus-real and ../shared/seeds per analysis variant (stemmer,
compound splitting on or off) in a temporary folder, and evaluates the judgement set on it with
and without the synonym list and with other field boosts. Prints success@3 (and MRR) overall and
per kind for every variant, next to the plain baseline; with ``--append`` the table goes to
``bench/RESULTS.md``. The variants switch the mechanisms off in this process only (the library
has no such switches: each is kept because these figures support it).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from contextlib import ExitStack, contextmanager
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from indexer import compounds, query, synonyms  # noqa: E402
from indexer.build import build_index  # noqa: E402
from indexer.evaluate import evaluate, load  # noqa: E402
from indexer.store import Store  # noqa: E402

FLAT = {"boost_title": 1.0, "boost_question": 1.0, "boost_answer": 1.0, "boost_body": 1.0, "boost_people": 1.0}
TITLE_HEAVY = {"boost_title": 5.0, "boost_question": 2.0}

# name, stemmer, (compounds, synonyms, phrase ranking, inflection variants), boost overrides
VARIANTS = [
    ("Vraagbaak vóór issue 6 (geen samenstellingen, synoniemen, frase-gewicht, vormvarianten)", "dutch_porter", (False, False, False, False), None),
    ("+ samenstellingen splitsen", "dutch_porter", (True, False, False, False), None),
    ("+ afkortingen/synoniemen", "dutch_porter", (True, True, False, False), None),
    ("+ frase ook in velden met gewicht", "dutch_porter", (True, True, True, False), None),
    ("+ vormvarianten uit de index (= Vraagbaak)", "dutch_porter", (True, True, True, True), None),
    ("Vraagbaak met stemmer dutch (Kraaij-Pohlmann)", "dutch", (True, True, True, True), None),
    ("Vraagbaak zonder veldgewichten (alle 1)", "dutch_porter", (True, True, True, True), FLAT),
    ("Vraagbaak met titel 5, vraag 2", "dutch_porter", (True, True, True, True), TITLE_HEAVY),
]


@contextmanager
def switched(use_compounds: bool, use_synonyms: bool, phrase_ranking: bool, inflections: bool):
    with ExitStack() as stack:
        if not use_compounds:
            stack.enter_context(mock.patch.object(compounds, "split", lambda word: ()))
        if not use_synonyms:
            stack.enter_context(mock.patch.object(synonyms, "lookup", lambda typed, data=None: []))
            stack.enter_context(mock.patch.object(query, "_listed_run", lambda groups, start: (0, [])))
        if not phrase_ranking:
            stack.enter_context(mock.patch.object(query.wq, "AndMaybe", lambda required, optional: required))
        if not inflections:
            stack.enter_context(mock.patch.object(query, "_inflection_stems", lambda *args: []))
        yield


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--judgements", type=Path, default=ROOT / "tests" / "eval" / "judgements.json")
    ap.add_argument("--append", action="store_true", help="append the table to bench/RESULTS.md")
    args = ap.parse_args()
    judgements = load(args.judgements)
    paths = [SHARED / "corpus-real", SHARED / "seeds"]
    rows = []
    kinds: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        built: dict[tuple, Store] = {}
        baseline = None
        for name, stemmer, switches, overrides in VARIANTS:
            use_compounds = switches[0]
            with switched(*switches):
                key = (stemmer, use_compounds)
                if key not in built:
                    store = Store(Path(tmp) / f"{stemmer}-{use_compounds}", stemmer)
                    build_index(paths, store, rebuild=True)
                    built[key] = store
                report = evaluate(built[key], judgements, baseline=baseline is None, overrides=overrides)
            table = report.table("vraagbaak")
            if baseline is None:
                baseline = report.table("baseline")
                kinds = list(table)
                rows.append(("basislijn: Whoosh StemmingAnalyzer + dutch_porter, geen gewichten", baseline))
            rows.append((name, table))
    head = "| variant | " + " | ".join(f"{k} (n={rows[0][1][k]['n']})" for k in kinds) + " | s@1 alle | MRR alle | nDCG@10 alle |"
    lines = [head, "|" + "---|" * (len(kinds) + 4)]
    for name, table in rows:
        lines.append(f"| {name} | " + " | ".join(f"{table[k]['success@3']:.2f}" for k in kinds)
                     + f" | {table['alle']['success@1']:.2f} | {table['alle']['MRR']:.3f} | {table['alle']['nDCG@10']:.3f} |")
    text = "\n".join(lines)
    print(text)
    if args.append:
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        with open(ROOT / "bench" / "RESULTS.md", "a", encoding="utf-8") as fh:
            fh.write(f"\n### {stamp} · relevantie (success@3 per soort) · {len(judgements)} beoordeelde zoekvragen "
                     f"· `bench/eval_relevance.py`\n\n{text}\n")


if __name__ == "__main__":
    main()
