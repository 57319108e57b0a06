"""Run a query: ranked letters, each with the pair that matched best, facets and suggestions.

This is the library behind ``vraagbaak search``, the results page and the JSON API. It speaks in
the project's types (``SearchRequest`` in, ``SearchResult`` out); Whoosh stays inside
``indexer.store`` and ``indexer.query``.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import math
import threading
import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from whoosh import collectors
from whoosh import query as wq
from whoosh.idsets import DocIdSet
from whoosh.matching.wrappers import FilterMatcher

from indexer import cases as cases_
from indexer import config, docsets
from indexer import highlight, ranking, stored_letters
from indexer.highlight import Snippet, to_html
from indexer.letters import Letter
from indexer.query import Compiled, compile_query, filter_query, parse
from indexer.schema import FACET_FIELDS, MULTI_VALUED_FIELDS
from indexer.store import Store

#: Result orders: by relevance, by the letter's date, or by when it entered the index (feeds).
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
    more: list[PairMatch]  # the other matching pairs, best first; none without ``best``
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
    """Searches one index with the settings in force (boosts, stemmer, caps).

    One :class:`_Commit` (the Whoosh searcher of the latest commit and what is worked out from it)
    is shared by the requests that run while that commit is the latest; a request sees what was
    committed before it started, and the next commit of the indexer is picked up without a
    restart. Call :meth:`close` when done (it is also called when the Searcher is collected).
    """

    def __init__(self, store: Store, overrides: dict | None = None):
        self.store = store
        self.overrides = overrides or {}
        self.boosts = config.boosts(self.overrides)
        self.stemmer = store.stemmer
        self.max_expansion = config.get("max_expansion", self.overrides)
        self.max_query_length = config.get("max_query_length", self.overrides)
        self._commits = _Commits(config.get("cache_mb", self.overrides))
        weakref.finalize(self, self._commits.close)

    def close(self) -> None:
        self._commits.close()

    @contextlib.contextmanager
    def _latest(self):
        """The latest commit, locked for this request's reads of the index."""
        ix = self.store.index()
        commit = self._commits.acquire(self.store.commit_key(ix), ix)
        try:
            with commit.lock:
                yield commit
        finally:
            self._commits.release(commit)

    # -- search ---------------------------------------------------------------------------------
    def search(self, request: SearchRequest, with_facets: bool = True, everything: bool = False,
               facet_values: int | None = None) -> SearchResult:
        """One page of results, or, with ``everything``, all of them without pairs or snippets
        (the CSV export lists letters; snippets for thousands of letters would take seconds).
        ``facet_values`` keeps the most frequent values of each facet (and a filtered one):
        a broad query has thousands of questioners, which a sidebar does not show."""
        started = time.perf_counter()
        parsed = parse(request.q, self.max_query_length)
        notices = list(parsed.notices)
        with self._latest() as c:
            compiled = compile_query(parsed, c.frequencies, self.boosts, self.stemmer, self.max_expansion)
            if compiled.also:  # abbreviations and synonyms from indexer/data/afkortingen.txt
                notices.append("Ook gezocht op: " + ", ".join(compiled.also))
            for word, found in compiled.expansions.items():
                if not found:
                    notices.append(f"Geen woorden in de index beginnen met '{word}'.")
                elif len(found) >= self.max_expansion:
                    notices.append(f"'{word}*' is beperkt tot de {self.max_expansion} meest voorkomende woorden.")
            filt = filter_query(request.filters, request.date_from, request.date_to, request.added_after)
            allowed = c.live if filt is None else c.docs(filt)
            on = request.reference_date or dt.date.today()
            if request.status:  # cases.py: the status is worked out per reference date
                allowed &= c.statuses(on).get(request.status, 0)
            if compiled.exclude is not None:
                allowed &= ~c.docs(compiled.exclude)
            q = compiled.query
            if q is None:
                q = _every() if (filt is not None or request.status or not request.q.strip()) else None
            if q is None:
                return SearchResult(request, 0, [], {}, time.perf_counter() - started, notices)
            matched = c.docs(q) & allowed
            relaxed = False
            if not matched and compiled.relaxed is not None:
                q, matched = compiled.relaxed, c.docs(compiled.relaxed) & allowed
                relaxed = bool(matched)
            facets = {}
            if with_facets:
                facets = c.facet_counts(matched, facet_values, request.filters)
                facets["status"] = [(s, n) for s, bits in c.statuses(on).items() if (n := (matched & bits).bit_count())]
            start = 0 if everything else (request.page - 1) * request.page_size
            count = matched.bit_count() if everything else request.page_size
            ranked = self._rank(c, q, matched, allowed, request.sort, start + count)[start:]
            stored = [c.searcher.stored_fields(docnum) for docnum, _ in ranked]
            weights = {} if everything else _weights(c, compiled.terms)
            suggestion = self._suggest(parsed, compiled, c.reader)
        hits = []
        for (docnum, score), fields in zip(ranked, stored):
            letter = _stored_letter(fields, c)
            found = self._hit(letter, score, compiled, weights, snippets=not everything)
            found.added = fields.get("added")
            hits.append(found)
        return SearchResult(request, matched.bit_count(), hits, facets, time.perf_counter() - started, notices,
                            relaxed, suggestion, compiled.expansions)

    def _rank(self, c: "_Commit", q, matched: int, allowed: int, sort: str, limit: int) -> list[tuple[int, float | None]]:
        """The first ``limit`` of ``matched`` as (docnum, score): by date or addition from the
        sort columns, by relevance from :mod:`indexer.ranking` (Whoosh's scores, computed with
        numpy), or from Whoosh's top-k collector for a query that module does not know.

        ``replace=0``: once its heap is full, Whoosh's collector swaps in "more efficient"
        matchers for the lowest score it still needs, and over several segments those dropped
        letters that belonged on the page (tests/unit/test_search_segments.py: page 3 of
        "paspoort dijk" lost a letter). Its block-quality skipping keeps the top right; the
        counts it gets wrong are not used (the total comes from ``matched``)."""
        if not matched or limit <= 0:
            return []
        if sort != "relevantie":
            order, rank = c.order("added" if sort == "toegevoegd" else "date", reverse=sort != "datum-oud")
            return [(docnum, None) for docnum in docsets.first_in(order, rank, matched, limit)]
        with contextlib.suppress(ranking.Unsupported):
            return c.ranker.top(q, matched, limit)
        collector = collectors.TopCollector(limit=limit, replace=0)
        if allowed != c.live:
            collector = collectors.FilterCollector(collector, allow=_Allowed(matched))
        c.searcher.search_with_collector(q, collector)
        return [(hit.docnum, hit.score) for hit in collector.results()]

    # -- the best pair of a hit -------------------------------------------------------------
    def _hit(self, letter: Letter, score: float | None, compiled: Compiled, weights: dict[str, float],
             snippets: bool = True) -> Hit:
        """A result with the pair that answers the query best; the body's snippet instead when the
        matches are in the covering text (a delay notice's *Mededeling*, a Kamerbrief)."""
        if not snippets:
            return Hit(letter, score, None, [], [])
        weight = weights.__getitem__
        terms = compiled.terms
        # Each text split into words once: scoring, snippets and settling the words all use them.
        words = [(pair.question.split(), (pair.answer or "").split()) for pair in letter.pairs]
        body = "\n".join(filter(None, [letter.body, *letter.footnotes]))
        body_words = body.split()
        every_word = body_words.copy()  # extended list by list: a comprehension over the words took 30 µs a letter
        for q, a in words:
            every_word += q
            every_word += a
        highlight.learn(every_word, terms, self.stemmer)
        scored = []
        for i, (pair, (q, a)) in enumerate(zip(letter.pairs, words)):
            found = highlight.score(None, terms, self.stemmer, weight, words=q + a)
            if found:
                scored.append((found, i))
        scored.sort(key=lambda x: -x[0])
        body_score = highlight.score(body, terms, self.stemmer, weight, words=body_words) if body and terms else 0.0
        if scored and scored[0][0] >= body_score:
            matches = [self._pair_match(letter.pairs[i], sc, terms, *words[i]) for sc, i in scored]
            return Hit(letter, score, matches[0], matches[1:], [])
        # The body's snippet stands in for the pairs, which are then not shown: making their
        # snippets anyway was nearly half of all snippets of a results page.
        source = body if body_score else (letter.pairs[0].question if letter.pairs else "") or letter.title or ""
        return Hit(letter, score, None, [], highlight.snippet(source, terms, self.stemmer))

    def _pair_match(self, pair, score, terms, question_words, answer_words) -> PairMatch:
        return PairMatch(pair.questions, highlight.snippet(pair.question, terms, self.stemmer, 220, question_words),
                         highlight.snippet(pair.answer or "", terms, self.stemmer, 320, answer_words), score)

    def highlight_terms(self, q: str) -> highlight.Terms:
        """What a query marks in a text (as on the results page): for the letter page's ``?q=``."""
        parsed = parse(q, self.max_query_length)
        if parsed.is_empty:
            return highlight.Terms()
        with self._latest() as c:
            return compile_query(parsed, c.frequencies, self.boosts, self.stemmer, self.max_expansion).terms

    # -- suggestions ------------------------------------------------------------------------
    def _suggest(self, parsed, compiled: Compiled, reader) -> str | None:
        """"Bedoelde u ...?": the query with each unknown word replaced by the closest index word.

        Candidates share the word's first two letters: Whoosh computes each candidate's edit
        distance in Python, and with one letter in common that was thousands of words per typo
        (0.3 s on 20,000 letters)."""
        if not compiled.unknown_words:
            return None
        corrector = reader.corrector("exact")
        text = parsed.raw
        changed = False
        for word in compiled.unknown_words:
            if len(word) < 4 or word.isdigit():
                continue
            found = corrector.suggest(word, limit=1, maxdist=2, prefix=2)
            if found:
                text = _replace_word(text, word, found[0])
                changed = True
        return text if changed else None

    # -- cases (indexer.cases) ------------------------------------------------------------
    def cases(self) -> cases_.CaseTable:
        """Every case of the index, built once per index commit."""
        with self._latest() as c:
            return c.cases()

    # -- letters ----------------------------------------------------------------------------
    def letter(self, letter_id: str) -> Letter | None:
        with self._latest() as c:
            stored = c.searcher.document(id=letter_id)
        return _stored_letter(stored, c) if stored else None

    def similar(self, letter_id: str, top: int = 5) -> list[Letter]:
        """"Vergelijkbare brieven": letters sharing the most distinctive words of this one."""
        with self._latest() as c:
            s = c.searcher
            docnum = s.document_number(id=letter_id)
            if docnum is None:
                return []
            stored = s.stored_fields(docnum)
            letter = _stored_letter(stored, c)
            text = " ".join(filter(None, [letter.title, letter.body] + [p.question + " " + (p.answer or "") for p in letter.pairs]))
            results = s.more_like(docnum, "answer", text=text, top=top, numterms=15)
            return [_stored_letter(r, c) for r in results]

    def stats(self) -> dict:
        """Counts for ``vraagbaak stats``: letters, pairs, kinds, years (from columns: reading
        every letter took 9 s at 100,000 letters)."""
        with self._latest() as c:
            letters = c.live_count
            kinds = c.value_counts("f_kind")
            years = c.value_counts("f_year")
            if letters > sum(years.values()):
                years["onbekend"] = letters - sum(years.values())
            pairs = c.column_sum("pairs")
        return {
            "letters": letters,
            "pairs": pairs,
            "kinds": dict(sorted(kinds.items())),
            "years": dict(sorted(years.items())),
            "index_dir": str(self.store.root),
            "index_bytes": self.store.size_on_disk(),
            "analyzer": self.store.signature(),
        }


def _stored_letter(fields: dict, c: "_Commit") -> Letter:
    """The letter stored in ``fields`` of commit ``c``, whose generation folder holds the
    dictionaries it is compressed with (the commit's key is (folder, generation))."""
    folder, _ = c.key
    return Letter.from_json(stored_letters.decode(fields["letter"], folder))


def _count_values(starts: np.ndarray | None, codes: np.ndarray, ids: np.ndarray, size: int) -> np.ndarray:
    """Documents per value number among documents ``ids``, whose values are
    ``codes[starts[d]:starts[d + 1]]`` (with ``starts`` None: value ``codes[d] - 1``, none for 0):
    the time goes with the number of ``ids``, not the index."""
    if starts is None:
        return np.bincount(codes[ids], minlength=size + 1)[1:]
    first = starts[ids]
    lengths = starts[ids + 1] - first
    total = int(lengths.sum())
    if not total:
        return np.zeros(size, dtype=np.int64)
    # Each document's run of positions in codes, all runs in one array (a ragged gather).
    places = np.repeat(first - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
    return np.bincount(codes[places], minlength=size)


def _weights(c: "_Commit", terms: highlight.Terms) -> dict[str, float]:
    """Each term's weight for choosing the best pair: its idf, in the unstemmed field when it is
    a word of the index, else as a stem."""
    words = set(terms.stems) | set(terms.exact) | {w for phrase in terms.phrases for w in phrase}
    frequencies, s = c.frequencies, c.searcher
    return {w: s.idf("exact" if frequencies.doc_frequency("exact", w) else "answer", w) for w in words}


class _Commits:
    """The commit requests use now, and the older ones still in use by a request: a commit is
    closed when a newer one has replaced it and its last request is done."""

    def __init__(self, cache_mb: int = ranking.Ranker.CACHE_MB):
        self.cache_mb = cache_mb
        self._lock = threading.Lock()
        self._current: _Commit | None = None
        self._users: dict[_Commit, int] = {}

    def acquire(self, key, ix) -> "_Commit":
        with self._lock:
            current = self._current
            if current is None or current.key != key:
                current = self._current = _Commit(key, ix.searcher(), self.cache_mb)
                self._users.setdefault(current, 0)
                for old in [x for x, n in self._users.items() if n == 0 and x is not current]:
                    del self._users[old]
                    old.close()
            self._users[current] += 1
            return current

    def release(self, commit: "_Commit") -> None:
        with self._lock:
            self._users[commit] -= 1
            if self._users[commit] == 0 and commit is not self._current:
                del self._users[commit]
                commit.close()

    def close(self) -> None:
        with self._lock:
            for commit in self._users:
                commit.close()
            self._users.clear()
            self._current = None


class _Commit:
    """One commit of the index, opened once, and what is worked out from it on first use: the
    documents of each term (bitsets, see :mod:`indexer.docsets`), every document's facet values
    and its place in each sort order, and the cases with their statuses per reference date.
    Document numbers are only stable within one commit, which is why all of this lives here.
    Whoosh searchers are not safe for concurrent use: reads go through :attr:`lock`."""

    MAX_CACHED_SETS = 2048

    def __init__(self, key, searcher, cache_mb: int = ranking.Ranker.CACHE_MB):
        self.key = key
        self.searcher = searcher
        self.reader = searcher.reader()
        self.lock = threading.RLock()
        self.size = searcher.doc_count_all()
        self.live = _live_docs(self.reader)
        self.live_count = self.live.bit_count()
        #: the reader, remembering document frequencies (query compilation asks for the same ones)
        self.frequencies = ranking.Frequencies(self.reader)
        self._sets: dict[object, int] = {}
        self._facets: dict[str, tuple] = {}
        self._facet_counts: OrderedDict[tuple, dict] = OrderedDict()
        self._orders: dict[tuple[str, bool], tuple[list[int], list[int]]] = {}
        self._cases: cases_.CaseTable | None = None
        self._statuses: dict[dt.date, dict[str, int]] = {}
        self.ranker = ranking.Ranker(searcher, cache_mb)  # relevance: term scores and field lengths

    def close(self) -> None:
        self.searcher.close()

    # -- documents of a query ---------------------------------------------------------------
    def docs(self, q) -> int:
        """The documents matching ``q``, as a bitset (deleted documents left out)."""
        if isinstance(q, wq.Term):
            return self._cached(("term", q.fieldname, q.text), lambda: self._term_docs(q.fieldname, q.text))
        if isinstance(q, wq.Or):
            bits = 0
            for sub in q.subqueries:
                bits |= self.docs(sub)
            return bits
        if isinstance(q, wq.And):
            bits = self.live
            for sub in q.subqueries:
                bits &= self.docs(sub)
                if not bits:
                    break
            return bits
        if isinstance(q, wq.AndMaybe):
            return self.docs(q.a)
        if isinstance(q, wq.Every):
            return self.live
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return 0
        if type(q) is wq.Phrase:  # with numpy (indexer.phrases); Whoosh's walk took seconds
            return self._cached(("query", repr(q)), lambda: self._phrase_docs(q))
        if isinstance(q, wq.NumericRange):  # dates: read once per commit, shared with ranking
            return self._cached(("query", repr(q)), lambda: self.ranker.range_docs(q))
        return self._cached(("query", repr(q)), lambda: self._whoosh_docs(q))

    def _phrase_docs(self, q) -> int:
        with contextlib.suppress(ranking.Unsupported):
            return self.ranker.phrase_docs(q)
        return self._whoosh_docs(q)

    def _whoosh_docs(self, q) -> int:
        return docsets.from_ids(self.searcher.docs_for_query(q), self.size)

    def _cached(self, key, make) -> int:
        """The set of ``key``, made once; the least recently used quarter goes when the cache
        is full (clearing all of it made the next queries cold again)."""
        bits = self._sets.pop(key, None)
        if bits is None:
            if len(self._sets) >= self.MAX_CACHED_SETS:
                for old in list(itertools.islice(self._sets, self.MAX_CACHED_SETS // 4)):
                    del self._sets[old]
            bits = make() & self.live
        self._sets[key] = bits  # (re)inserted last: dicts keep insertion order
        return bits

    def _term_docs(self, fieldname: str, text: str) -> int:
        with contextlib.suppress(ranking.Unsupported):
            return self.ranker.term_docs(fieldname, text)
        bits = 0
        for segment, offset, ids in self._postings(fieldname, text):
            bits |= docsets.from_ids(ids, segment.doc_count_all()) << offset
        return bits

    def _postings(self, fieldname: str, text: str):
        """(segment, its first docnum, the term's document numbers in it), deleted ones too."""
        for segment, offset in self.reader.leaf_readers():
            if (fieldname, text) in segment:
                yield segment, offset, _posting_ids(segment.postings(fieldname, text))

    # -- facets -----------------------------------------------------------------------------
    #: Facet counts kept per commit: the next page of a search, a saved query opened again or
    #: the same search from another user counts the same letters.
    MAX_CACHED_FACETS = 256

    def facet_counts(self, matched: int, most: int | None = None,
                     keep: dict[str, str] | None = None) -> dict[str, list[tuple[str, int]]]:
        """Letters per value of each sidebar facet among ``matched``: the ``most`` most frequent
        values of each (all without it), and the value ``keep`` names for a facet if it has
        letters here."""
        key = (matched, most, tuple(sorted((keep or {}).items())))
        found = self._facet_counts.get(key)
        if found is None:
            found = self._facet_counts[key] = self._count_facets(matched, most, keep)
            if len(self._facet_counts) > self.MAX_CACHED_FACETS:
                self._facet_counts.popitem(last=False)
        else:
            self._facet_counts.move_to_end(key)
        return {name: list(values) for name, values in found.items()}  # the caller's to change

    def _count_facets(self, matched: int, most: int | None, keep: dict[str, str] | None) -> dict:
        facets = {}
        # Counted over the matched letters, or, when they are most of the index (a common word),
        # over the live letters they leave out, taken from the live letters' counts.
        rest = matched.bit_count() * 2 > self.live_count
        ids = np.flatnonzero(docsets.mask(self.live & ~matched if rest else matched, self.size))
        for name, fieldname in FACET_FIELDS.items():
            values, starts, codes, alphabetical, everywhere = self._facet(fieldname)
            counts = _count_values(starts, codes, ids, len(values))
            if rest:
                counts = everywhere - counts
            found = np.flatnonzero(counts)
            # Each value's place in the sidebar as one number: newest year first, else most letters
            # first and then by name (``alphabetical`` is below ``len(values)``).
            place = -alphabetical[found] if name == "jaar" else alphabetical[found] - counts[found] * len(values)
            if most is not None and len(found) > most:
                # The first ``most`` by a partial sort: sorting all 11,000 questioners of a broad
                # query took a millisecond. A filtered value stays in its facet, after them.
                first = np.argpartition(place, most)[:most]
                shown = found[first[np.argsort(place[first])]]
                wanted = (keep or {}).get(name)
                if wanted and wanted not in [values[i] for i in shown.tolist()]:
                    extra = [i for i in found.tolist() if values[i] == wanted]
                    shown = np.concatenate((shown, np.array(extra, dtype=found.dtype)))
                found = shown
            else:
                found = found[np.argsort(place)]
            facets[name] = list(zip([values[i] for i in found.tolist()], counts[found].tolist()))
        return facets

    def _facet(self, fieldname: str) -> tuple[list[str], np.ndarray | None, np.ndarray, np.ndarray, np.ndarray]:
        """A facet's values; the value numbers of every document in document order, with where
        each document's start (``starts``); each value's place by name; and the live letters per
        value. Read once per commit from the facet's column (a comma-separated list for
        questioners and parties): counting is then one ``bincount`` over the documents' values.
        A facet of one value per letter (all but questioners and parties) keeps each document's
        value number plus one (0: none) at its document number instead, with ``starts`` None: its
        count needs no ragged gather, a quarter of the time."""
        found = self._facets.get(fieldname)
        if found is None:
            rows = _column_bytes(self.reader, fieldname)
            docs, raw = np.arange(len(rows), dtype=np.int64), rows
            if fieldname in MULTI_VALUED_FIELDS:
                # Joined with commas, the rows' values are one split: a row with k commas has k + 1
                # values (an empty row one empty value, dropped below). A list per row made the
                # garbage collector walk the heap several times (0.1 s per facet at 100,000 letters).
                raw = list(map(bytes.strip, b",".join(rows).split(b",")))
                per_row = np.fromiter(map(bytes.count, rows, itertools.repeat(b",")), dtype=np.int64, count=len(rows))
                docs = np.repeat(docs, per_row + 1)
            # Each value's number in order of first appearance, 0 for no value; map(), not a loop.
            numbers = dict.fromkeys(itertools.chain((b"",), raw))
            numbers = dict(zip(numbers, range(len(numbers))))
            codes = np.fromiter(map(numbers.__getitem__, raw), dtype=np.int64, count=len(raw))
            values = [v.decode("utf-8") for v in itertools.islice(numbers, 1, None)]
            alphabetical = np.empty(len(values), dtype=np.int64)  # each value's place by name
            alphabetical[sorted(range(len(values)), key=values.__getitem__)] = np.arange(len(values))
            # Counting gathers from these arrays at random, six facets a page: in the narrowest
            # integer type they take a cache a quarter or an eighth of the room.
            narrow = np.min_scalar_type(len(values))
            if fieldname in MULTI_VALUED_FIELDS:
                docs, codes = docs[codes > 0], (codes[codes > 0] - 1).astype(narrow)
                # document d's values: codes[starts[d]:starts[d + 1]]
                starts = np.searchsorted(docs, np.arange(self.size + 1)).astype(np.int32)
            else:  # document d's value number is codes[d] - 1
                starts = None
                codes = np.concatenate((codes, np.zeros(self.size - len(codes), dtype=np.int64))).astype(narrow)
            everywhere = _count_values(starts, codes, np.flatnonzero(docsets.mask(self.live, self.size)), len(values))
            found = self._facets[fieldname] = (values, starts, codes, alphabetical, everywhere)
        return found

    def value_counts(self, fieldname: str) -> dict[str, int]:
        """The live letters per value of a facet column."""
        values, _, _, _, everywhere = self._facet(fieldname)
        return {values[i]: int(everywhere[i]) for i in np.flatnonzero(everywhere).tolist()}

    def column_sum(self, fieldname: str) -> int:
        """The sum of a numeric column over the live letters."""
        numbers = np.zeros(self.size, dtype=np.int64)
        for segment, offset in self.reader.leaf_readers():
            if segment.has_column(fieldname):
                column = segment.column_reader(fieldname)
                numbers[offset:offset + segment.doc_count_all()] = np.fromiter(column, dtype=np.int64, count=segment.doc_count_all())
        return int(numbers[docsets.mask(self.live, self.size)].sum())

    # -- sort orders ------------------------------------------------------------------------
    def order(self, column: str, reverse: bool) -> tuple[list[int], list[int]]:
        """Every document in the order of the sortable ``column`` (ties by document number,
        reversed with the order, as Whoosh's sorting collector does), and each one's place."""
        found = self._orders.get((column, reverse))
        if found is None:
            keys = self.reader.column_reader(column, translate=False)
            order = sorted(range(self.size), key=lambda d: (keys[d], d), reverse=reverse)
            rank = [0] * self.size
            for place, docnum in enumerate(order):
                rank[docnum] = place
            found = self._orders[(column, reverse)] = (order, rank)
        return found

    # -- cases ------------------------------------------------------------------------------
    def cases(self) -> cases_.CaseTable:
        if self._cases is None:  # from the column, not the letters (CaseTable.from_column)
            self._cases = cases_.CaseTable.from_column(_column_bytes(self.reader, "case"), docsets.flags(self.live))
        return self._cases

    def statuses(self, on: dt.date) -> dict[str, int]:
        """The letters of each case status on ``on``, as bitsets (one table per reference date)."""
        found = self._statuses.get(on)
        if found is None:
            if len(self._statuses) > 8:
                self._statuses.clear()
            by_status = self.cases().docnums_by_status(on)
            found = self._statuses[on] = {s: docsets.from_ids(by_status.get(s, ()), self.size) & self.live
                                          for s in cases_.STATUSES}
        return found


def _live_docs(reader) -> int:
    """The documents that are not deleted, as a bitset, a segment at a time from its deleted
    set: Whoosh's ``all_doc_ids()`` asks ``is_deleted`` per document (0.1 s for 100,000 letters,
    on the first request after every server start and commit)."""
    bits = 0
    for segment, offset in reader.leaf_readers():
        docs = (1 << segment.doc_count_all()) - 1
        if segment.has_deletions():
            docs &= ~docsets.from_ids(segment.segment().deleted_docs(), segment.doc_count_all())
        bits |= docs << offset
    return bits


def _column_bytes(reader, fieldname: str) -> list[bytes]:
    """Every document's raw value in a column of variable-length values (b"" for none), read a
    segment at a time: Whoosh's column reader makes a file read per document, several seconds
    for the facet and case columns of 100,000 letters on the first page after a start."""
    values: list[bytes] = []
    for segment, offset in reader.leaf_readers():
        column = segment.column_reader(fieldname, translate=False)
        values.extend([b""] * (offset - len(values)))
        inner = getattr(column, "_lengths", None) is not None and getattr(column, "_dbfile", None)
        if inner:  # VarBytesColumn.Reader of Whoosh 2.7.4 (pinned): one read of the whole column
            lengths, offsets = column._lengths, column._offsets  # noqa: SLF001
            data = column._dbfile.get(column._basepos, sum(lengths))  # noqa: SLF001
            values.extend([data[o:o + n] if n else b"" for o, n in zip(offsets, lengths)])
        else:
            values.extend(column)
    return values


def _posting_ids(matcher) -> list[int]:
    """Every document number of a fresh posting list, a block at a time: Whoosh's ``all_ids()``
    makes three Python calls per posting, which for a common word in 100,000 letters is most of
    a search. Deleted documents are left in (the caller intersects with the live documents)."""
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    if not hasattr(matcher, "_read_ids"):
        return list(matcher.all_ids())
    ids: list[int] = []
    while matcher.is_active():
        matcher._read_ids()  # noqa: SLF001 -- Whoosh 2.7.4 (pinned) block reader
        ids.extend(matcher._ids)
        matcher._next_block()
    return ids


class _Allowed(DocIdSet):
    """A bitset as the filter Whoosh's collectors take (``docnum in allowed``)."""

    def __init__(self, bits: int):
        self._bits = bits
        self._marks = docsets.flags(bits)

    def __contains__(self, docnum: int) -> bool:
        return docnum < len(self._marks) and self._marks[docnum] == 1

    def __bool__(self) -> bool:
        return True

    def __len__(self) -> int:
        return self._bits.bit_count()

    def __iter__(self):
        return iter(docsets.to_ids(self._bits))


def _every():
    from whoosh.query import Every

    return Every()


def _replace_word(text: str, word: str, replacement: str) -> str:
    import re

    from indexer.analysis import fold

    def repl(m):
        return replacement if fold(m.group(0)) == word else m.group(0)

    return re.sub(r"\w+", repl, text)
