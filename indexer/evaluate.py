"""Relevance evaluation: how often the letter a user means comes first, or in the top three.

A judgement file is a JSON list of ``{"q": ..., "relevant": [ids], "kind": ...}``: a query as a
user types it, the letters a careful judge wants in the top 3, and what kind of query it is
(plain keywords, compounds, abbreviations, ...). A hit is relevant when its id, or its source
file's name up to the first ``.``, equals a listed id.

Each query is run through Vraagbaak's :class:`~indexer.search.Searcher` and through a plain
baseline (:class:`indexer.schema.Baseline`: Whoosh's ``StemmingAnalyzer`` with the Dutch stemmer,
no boosts) over the same letters, and both are scored with success@1, success@3, the mean
reciprocal rank and nDCG@10, overall and per kind.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from indexer import stored_letters
from indexer.letters import Letter
from indexer.schema import Baseline
from indexer.search import SearchRequest, Searcher
from indexer.store import Store

METRICS = ("success@1", "success@3", "MRR", "nDCG@10")
DEPTH = 10


@dataclass
class Judgement:
    q: str
    relevant: list[str]
    kind: str


@dataclass
class Outcome:
    """One query's ranked ids and its scores."""

    judgement: Judgement
    ranked: list[str]
    scores: dict[str, float]


@dataclass
class Report:
    """Scores per system (``vraagbaak``, ``baseline``) and kind (``alle`` for all queries)."""

    outcomes: dict[str, list[Outcome]] = field(default_factory=dict)

    def table(self, system: str) -> dict[str, dict[str, float]]:
        """kind → metric → mean over that kind's queries, plus ``n``; ``alle`` first."""
        rows: dict[str, list[Outcome]] = {"alle": list(self.outcomes.get(system, []))}
        for o in self.outcomes.get(system, []):
            rows.setdefault(o.judgement.kind, []).append(o)
        return {kind: {"n": len(items), **{m: sum(o.scores[m] for o in items) / len(items) for m in METRICS}}
                for kind, items in rows.items() if items}

    def failures(self, system: str = "vraagbaak") -> list[Outcome]:
        """Queries whose relevant letter is not in the top 3."""
        return [o for o in self.outcomes.get(system, []) if not o.scores["success@3"]]

    def to_json(self) -> dict:
        return {system: self.table(system) for system in self.outcomes}

    def markdown(self) -> str:
        """The report as a Markdown table: each cell is Vraagbaak's figure, the baseline's after it."""
        ours = self.table("vraagbaak")
        base = self.table("baseline") if "baseline" in self.outcomes else {}
        head = "| soort | n | " + " | ".join(METRICS) + " |"
        lines = [head, "|" + "---|" * (len(METRICS) + 2)]
        for kind, row in ours.items():
            cells = []
            for m in METRICS:
                cell = f"{row[m]:.2f}"
                if kind in base:
                    cell += f" ({base[kind][m]:.2f})"
                cells.append(cell)
            lines.append(f"| {kind} | {row['n']} | " + " | ".join(cells) + " |")
        if base:
            lines.append("")
            lines.append("Per cel: Vraagbaak (tussen haakjes de basislijn: Whoosh StemmingAnalyzer met de Nederlandse stemmer, zonder gewichten).")
        return "\n".join(lines)


def load(path: Path | str) -> list[Judgement]:
    """Read a judgement file; raises ValueError with the entry's number when one is malformed."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError("een beoordelingsbestand is een JSON-lijst van {\"q\", \"relevant\", \"kind\"}")
    judgements = []
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict) or not isinstance(item.get("q"), str) or not item.get("relevant"):
            raise ValueError(f"beoordeling {i}: \"q\" (tekst) en \"relevant\" (lijst van ids) zijn verplicht")
        judgements.append(Judgement(item["q"], list(item["relevant"]), item.get("kind", "overig")))
    return judgements


def source_key(source: str | None) -> str:
    """A source file's name up to the first ``.`` (*ah-tk-20242025-605.from-docx.txt* → the id)."""
    return Path(source).name.split(".")[0] if source else ""


def scores(flags: list[bool], n_relevant: int) -> dict[str, float]:
    """success@1, success@3, reciprocal rank and nDCG@10 (binary gains) of one ranked list."""
    first = next((i for i, f in enumerate(flags) if f), None)
    dcg = sum(1 / math.log2(i + 2) for i, f in enumerate(flags[:DEPTH]) if f)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(n_relevant, DEPTH)))
    return {
        "success@1": float(first is not None and first < 1),
        "success@3": float(first is not None and first < 3),
        "MRR": 1 / (first + 1) if first is not None else 0.0,
        "nDCG@10": dcg / ideal if ideal else 0.0,
    }


def _outcome(j: Judgement, ranked: list[tuple[str, str]]) -> Outcome:
    wanted = set(j.relevant)
    flags = [hid in wanted or source_key(src) in wanted for hid, src in ranked]
    return Outcome(j, [hid for hid, _ in ranked], scores(flags, len(wanted)))


def evaluate(store: Store, judgements: list[Judgement], baseline: bool = True,
             overrides: dict | None = None) -> Report:
    """Run every judged query through Vraagbaak (and the baseline) over ``store``'s letters."""
    searcher = Searcher(store, overrides)
    report = Report({"vraagbaak": []})
    for j in judgements:
        result = searcher.search(SearchRequest(q=j.q, page_size=DEPTH), with_facets=False)
        report.outcomes["vraagbaak"].append(_outcome(j, [(h.letter.id, h.letter.source) for h in result.hits]))
    if baseline:
        plain = Baseline(letters(store), store.stemmer)
        report.outcomes["baseline"] = [_outcome(j, plain.search(j.q, DEPTH)) for j in judgements]
    return report


def letters(store: Store) -> list[Letter]:
    """Every letter of the index, as stored."""
    ix = store.index()
    with ix.searcher() as s:
        return [Letter.from_json(stored_letters.decode(d["letter"], ix.storage.folder)) for d in s.all_stored_fields()]
