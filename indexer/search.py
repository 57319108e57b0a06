"""Run a query: ranked letters, each with the pair that matched best, facets and suggestions.

This is the library behind ``vraagbaak search``, the results page and the JSON API. It speaks in
the project's types (``SearchRequest`` in, ``SearchResult`` out); Whoosh stays inside
``indexer.store`` and ``indexer.query``.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import time
from dataclasses import dataclass, field

from whoosh import sorting

from indexer import cases as cases_
from indexer import config
from indexer import highlight
from indexer.highlight import Snippet, to_html
from indexer.letters import Letter
from indexer.query import Compiled, compile_query, filter_query, parse
from indexer.schema import FACET_FIELDS
from indexer.store import Store

#: Result orders: by relevance, by the letter's date, or by when it entered the index (feeds).
#: Facets whose field holds several values per letter (KEYWORD fields).
MULTI_VALUED = ("indiener", "partij")

SORTS = ("relevantie", "datum-nieuw", "datum-oud", "toegevoegd")


@dataclass
class SearchRequest:
    """Everything that defines a results page; every field has a URL parameter."""

    q: str = ""
    sort: str = "relevantie"
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    filters: dict[str, str] = field(default_factory=dict)  # keys of schema.FACET_FIELDS
    page: int = 1
    page_size: int = 10
    #: Only letters added to the index after this moment (saved queries: "what is new").
    added_after: dt.datetime | None = None
    #: Only letters whose case (indexer.cases) has this status on ``reference_date`` (default today).
    status: str | None = None
    reference_date: dt.date | None = None


@dataclass
class PairMatch:
    """A pair of a hit with its snippets; ``anchor`` is the fragment of the letter page."""

    questions: list[int]
    question: Snippet
    answer: Snippet
    score: float

    @property
    def anchor(self) -> str:
        return f"vraag-{self.questions[0]}" if self.questions else ""


@dataclass
class Hit:
    letter: Letter
    score: float | None  # None when sorted by date: Whoosh then reports the sort key, not a score
    best: PairMatch | None
    more: list[PairMatch]
    text: Snippet  # from title/body when no pair matched
    added: dt.datetime | None = None  # when the letter entered the index


@dataclass
class SearchResult:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    seconds: float
    notices: list[str] = field(default_factory=list)
    relaxed: bool = False  # nothing matched every word: these letters match most of them
    suggestion: str | None = None  # "Bedoelde u ...?"
    expansions: dict[str, list[str]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.request.page_size))

    def to_json(self) -> dict:
        """The shape of ``vraagbaak search --json``; the API adds facets and paging to it.
        Snippets are escaped HTML with ``<mark>`` around the matches."""
        hits = []
        for hit in self.hits:
            letter, best = hit.letter, hit.best
            hits.append({
                "id": letter.id,
                "title": letter.title,
                "date": letter.date.isoformat() if letter.date else None,
                "kind": letter.kind,
                "score": round(hit.score, 4) if hit.score is not None else None,
                "source": letter.source,
                "pair": {
                    "questions": best.questions,
                    "snippet": to_html(best.question) + (" … " + to_html(best.answer) if best.answer else ""),
                    "question_snippet": to_html(best.question),
                    "answer_snippet": to_html(best.answer),
                } if best else None,
            })
        return {"query": self.request.q, "total": self.total, "hits": hits}


class Searcher:
    """Searches one index with the settings in force (boosts, stemmer, caps)."""

    def __init__(self, store: Store, overrides: dict | None = None):
        self.store = store
        self.overrides = overrides or {}
        self.boosts = config.boosts(self.overrides)
        self.stemmer = store.stemmer
        self.max_expansion = config.get("max_expansion", self.overrides)
        self.max_query_length = config.get("max_query_length", self.overrides)
        self._cases: tuple[object, cases_.CaseTable] | None = None  # (index commit, its case table)
        self._multi: tuple[object, dict] | None = None  # (index commit, multi-valued facet values)

    # -- search ---------------------------------------------------------------------------------
    def search(self, request: SearchRequest, with_facets: bool = True, everything: bool = False) -> SearchResult:
        """One page of results, or, with ``everything``, all of them without pairs or snippets
        (the CSV export lists letters; snippets for thousands of letters would take seconds)."""
        started = time.perf_counter()
        parsed = parse(request.q, self.max_query_length)
        notices = list(parsed.notices)
        with self.store.searcher() as s:
            compiled = compile_query(parsed, s.reader(), self.boosts, self.stemmer, self.max_expansion)
            if compiled.also:  # abbreviations and synonyms from indexer/data/afkortingen.txt
                notices.append("Ook gezocht op: " + ", ".join(compiled.also))
            for word, found in compiled.expansions.items():
                if not found:
                    notices.append(f"Geen woorden in de index beginnen met '{word}'.")
                elif len(found) >= self.max_expansion:
                    notices.append(f"'{word}*' is beperkt tot de {self.max_expansion} meest voorkomende woorden.")
            filt = filter_query(request.filters, request.date_from, request.date_to, request.added_after)
            if request.status:  # cases.py: the status is worked out per reference date, as docnums
                on = request.reference_date or dt.date.today()
                docs = self._case_table(s).docnums(request.status, on)
                filt = docs if filt is None else docs & set(s.docs_for_query(filt))
                filt = filt or {-1}  # Whoosh ignores an empty filter set (every letter matched)
            q = compiled.query
            if q is None:
                q = _every() if (filt is not None or not request.q.strip()) else None
            if q is None:
                return SearchResult(request, 0, [], {}, time.perf_counter() - started, notices)
            results = self._run(s, q, filt, compiled.exclude, request, with_facets, everything)
            relaxed = False
            if len(results) == 0 and compiled.relaxed is not None:
                results = self._run(s, compiled.relaxed, filt, compiled.exclude, request, with_facets, everything)
                relaxed = len(results) > 0
            total = len(results)
            facets = self._facets(results, s) if with_facets else {}
            if with_facets:
                facets["status"] = self._case_table(s).status_counts(
                    results.docs(), request.reference_date or dt.date.today())
            hits = []
            # Slice to one page: with facets Whoosh collects every match (UnlimitedCollector), so
            # ``limit`` alone does not bound what comes back.
            start = (request.page - 1) * request.page_size
            page_hits = results if everything else list(results)[start:start + request.page_size]
            for hit in page_hits:
                letter = Letter.from_json(json.loads(hit["letter"]))
                scored = request.sort == "relevantie"
                found = self._hit(letter, hit.score if scored else None, compiled, s, snippets=not everything)
                found.added = hit.get("added")
                hits.append(found)
            suggestion = self._suggest(parsed, compiled, s)
        return SearchResult(request, total, hits, facets, time.perf_counter() - started, notices,
                            relaxed, suggestion, compiled.expansions)

    def _run(self, s, q, filt, exclude, request, with_facets, everything):
        # optimize=False: with Whoosh's block-quality shortcut the total of a filtered or masked
        # search is counted without the filter (every letter of a saved query looked "new").
        kwargs = {"filter": filt, "mask": exclude, "optimize": False}
        if request.sort in ("datum-nieuw", "datum-oud"):
            kwargs["sortedby"] = "date"
            kwargs["reverse"] = request.sort == "datum-nieuw"
        elif request.sort == "toegevoegd":
            kwargs["sortedby"] = "added"
            kwargs["reverse"] = True
        if with_facets:
            # Multi-valued facets (questioners, parties) are counted by _facets from a map cached
            # per commit: Whoosh's overlapping facet walks every posting of the field per request.
            kwargs["groupedby"] = {
                name: sorting.FieldFacet(fieldname, maptype=sorting.Count)
                for name, fieldname in FACET_FIELDS.items() if name not in MULTI_VALUED
            }
        limit = None if everything else max(1, request.page) * request.page_size
        if not with_facets and "sortedby" not in kwargs:
            # Whoosh's TopCollector (used for a limit below the index size) swaps in "more
            # efficient" matchers once its heap is full, even with optimize=False, and then
            # undercounts the total of an AND of ORs across segments (a compound word, several
            # words): a saved query counted 2 letters where 4 matched. Collect every match, as the
            # faceted search already does.
            limit = None
        return s.search(q, limit=limit, **kwargs)

    def _facets(self, results, s) -> dict[str, list[tuple[str, int]]]:
        facets = {}
        values = self._multi_values(s)
        matched = results.docs()
        for name in FACET_FIELDS:
            if name in MULTI_VALUED:
                per_doc = values[name]
                groups: dict[str, int] = {}
                for docnum in matched:
                    for value in per_doc.get(docnum, ()):
                        groups[value] = groups.get(value, 0) + 1
            else:
                try:
                    groups = results.groups(name)
                except KeyError:
                    continue
            items = [(str(k), v) for k, v in groups.items() if k not in (None, "")]
            if name == "jaar":
                items.sort(key=lambda kv: kv[0], reverse=True)
            else:
                items.sort(key=lambda kv: (-kv[1], kv[0]))
            facets[name] = items
        return facets

    # -- the best pair of a hit -------------------------------------------------------------
    def _hit(self, letter: Letter, score: float, compiled: Compiled, s, snippets: bool = True) -> Hit:
        """A result with the pair that answers the query best; the body's snippet instead when the
        matches are in the covering text (a delay notice's *Mededeling*, a Kamerbrief)."""
        if not snippets:
            return Hit(letter, score, None, [], [])
        weights: dict[str, float] = {}
        reader = s.reader()

        def weight(term: str) -> float:
            if term not in weights:
                field = "exact" if reader.doc_frequency("exact", term) else "answer"
                weights[term] = s.idf(field, term)
            return weights[term]

        terms = compiled.terms
        scored = []
        for pair in letter.pairs:
            found = highlight.score(pair.question + "\n" + (pair.answer or ""), terms, self.stemmer, weight)
            if found:
                scored.append((found, pair))
        scored.sort(key=lambda x: -x[0])
        matches = [self._pair_match(p, sc, terms) for sc, p in scored]
        body = "\n".join(filter(None, [letter.body, *letter.footnotes]))
        body_score = highlight.score(body, terms, self.stemmer, weight) if body and terms else 0.0
        if matches and matches[0].score >= body_score:
            return Hit(letter, score, matches[0], matches[1:], [])
        source = body if body_score else (letter.pairs[0].question if letter.pairs else "") or letter.title or ""
        return Hit(letter, score, None, matches, highlight.snippet(source, terms, self.stemmer))

    def _pair_match(self, pair, score, terms) -> PairMatch:
        return PairMatch(pair.questions, highlight.snippet(pair.question, terms, self.stemmer, 220),
                         highlight.snippet(pair.answer or "", terms, self.stemmer, 320), score)

    def highlight_terms(self, q: str) -> highlight.Terms:
        """What a query marks in a text (as on the results page): for the letter page's ``?q=``."""
        parsed = parse(q, self.max_query_length)
        if parsed.is_empty:
            return highlight.Terms()
        with self.store.searcher() as s:
            return compile_query(parsed, s.reader(), self.boosts, self.stemmer, self.max_expansion).terms

    # -- suggestions ------------------------------------------------------------------------
    def _suggest(self, parsed, compiled: Compiled, s) -> str | None:
        """"Bedoelde u ...?": the query with each unknown word replaced by the closest index word."""
        if not compiled.unknown_words:
            return None
        corrector = s.reader().corrector("exact")
        text = parsed.raw
        changed = False
        for word in compiled.unknown_words:
            if len(word) < 4 or word.isdigit():
                continue
            found = corrector.suggest(word, limit=1, maxdist=2, prefix=1)
            if found:
                text = _replace_word(text, word, found[0])
                changed = True
        return text if changed else None

    # -- cases (indexer.cases) ------------------------------------------------------------
    def cases(self) -> cases_.CaseTable:
        """Every case of the index, built once per index commit."""
        with self.store.searcher() as s:
            return self._case_table(s)

    def _multi_values(self, s) -> dict[str, dict[int, tuple[str, ...]]]:
        """Per multi-valued facet, each document's values, built once per commit."""
        key = (self.store.current_generation(), s.reader().generation(), s.doc_count_all())
        cached = self._multi
        if cached is None or cached[0] != key:
            reader = s.reader()
            built: dict[str, dict[int, tuple[str, ...]]] = {}
            for name in MULTI_VALUED:
                fieldname = FACET_FIELDS[name]
                per_doc: dict[int, list[str]] = {}
                for term in reader.field_terms(fieldname):
                    for docnum in reader.postings(fieldname, term).all_ids():
                        per_doc.setdefault(docnum, []).append(term)
                built[name] = {d: tuple(v) for d, v in per_doc.items()}
            cached = self._multi = (key, built)
        return cached[1]

    def _case_table(self, s) -> cases_.CaseTable:
        # Docnums are only stable within one commit: the key is the generation folder and commit.
        key = (self.store.current_generation(), s.reader().generation(), s.doc_count_all())
        cached = self._cases
        if cached is None or cached[0] != key:
            rows = []
            for docnum, stored in s.reader().iter_docs():
                if stored.get("case_number"):  # only these need the whole letter parsed
                    letter = Letter.from_json(json.loads(stored["letter"]))
                    row = cases_.CaseLetter.from_letter(letter, docnum)
                    if row:
                        rows.append(row)
            cached = self._cases = (key, cases_.CaseTable(rows))
        return cached[1]

    # -- letters ----------------------------------------------------------------------------
    def letter(self, letter_id: str) -> Letter | None:
        with self.store.searcher() as s:
            stored = s.document(id=letter_id)
        return Letter.from_json(json.loads(stored["letter"])) if stored else None

    def similar(self, letter_id: str, top: int = 5) -> list[Letter]:
        """"Vergelijkbare brieven": letters sharing the most distinctive words of this one."""
        with self.store.searcher() as s:
            docnum = s.document_number(id=letter_id)
            if docnum is None:
                return []
            stored = s.stored_fields(docnum)
            letter = Letter.from_json(json.loads(stored["letter"]))
            text = " ".join(filter(None, [letter.title, letter.body] + [p.question + " " + (p.answer or "") for p in letter.pairs]))
            results = s.more_like(docnum, "answer", text=text, top=top, numterms=15)
            return [Letter.from_json(json.loads(r["letter"])) for r in results]

    def stats(self) -> dict:
        """Counts for ``vraagbaak stats`` and the footer: letters, pairs, kinds, years."""
        kinds: dict[str, int] = {}
        years: dict[str, int] = {}
        pairs = 0
        with self.store.searcher() as s:
            letters = s.doc_count()
            for stored in s.all_stored_fields():
                data = json.loads(stored["letter"])
                kinds[data["kind"]] = kinds.get(data["kind"], 0) + 1
                year = data["date"][:4] if data.get("date") else "onbekend"
                years[year] = years.get(year, 0) + 1
                pairs += len(data.get("pairs", []))
        return {
            "letters": letters,
            "pairs": pairs,
            "kinds": dict(sorted(kinds.items())),
            "years": dict(sorted(years.items())),
            "index_dir": str(self.store.root),
            "index_bytes": self.store.size_on_disk(),
            "analyzer": self.store.signature(),
        }


def _every():
    from whoosh.query import Every

    return Every()


def _replace_word(text: str, word: str, replacement: str) -> str:
    import re

    from indexer.analysis import fold

    def repl(m):
        return replacement if fold(m.group(0)) == word else m.group(0)

    return re.sub(r"\w+", repl, text)
