"""Relevance ranking with numpy: Whoosh's BM25F scores for every matching letter at once.

Whoosh scores a query by walking every matching document through a tree of pure-Python
matchers (a few microseconds per document per term): "kabinet onderzoek" took ~140 ms on 20,000
letters. Here each term's scores are worked out once per commit as arrays (its postings with
their BM25F scores), and a query adds them up with numpy, a whole segment per operation.

The scores are Whoosh's own, to the last bit: the same formula in the same order of float
operations, and the sums in the shape Whoosh's matcher tree would have in each segment (an
``Or`` of many terms is a Huffman-like tree ordered by document frequency, or a running sum in a
small segment; see :func:`_evaluate`). So pages are ordered exactly as Whoosh's ``TopCollector``
orders them: by score, then by document number. Phrases are matched with numpy too (see
:mod:`indexer.phrases`) and scored as Whoosh's phrase matcher scores them: the sum of its words'
scores. A part of a query this module does not know (a date range, for instance) is scored by
Whoosh's own matcher, document by document.
"""
from __future__ import annotations

import bisect
from collections import OrderedDict

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25FScorer, WeightScorer
from whoosh.codec.whoosh3 import byte_to_length

from indexer import docsets, phrases

#: Field length as Whoosh's scorer sees it: the length byte of the lengths column, decoded.
_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


class Unsupported(Exception):
    """The query (or how Whoosh would run it) is beyond this module: use Whoosh's collector."""


class Ranker:
    """The ranking of one commit: per segment, the field lengths and each term's scores.

    Not safe for concurrent use (Whoosh's readers are not): callers hold the commit's lock.
    """

    #: Default memory for the postings cache, in MB (the ``cache_mb`` setting). At 100,000
    #: letters a common word has about 100,000 postings in each text field (12 bytes each: the
    #: document number and its score) and *de* 6.8 million positions (4 bytes each) for
    #: phrases. Reading them again is most of a query's time (Whoosh unpickles every block), so
    #: what a server searches often should stay here. Scores and positions share the budget,
    #: least recently used first out, so the cache follows whichever the searches need.
    CACHE_MB = 512

    def __init__(self, searcher, cache_mb: int = CACHE_MB):
        self.searcher = searcher
        self.size = searcher.doc_count_all()
        self.context = searcher.context()
        self.leaves = [(sub, offset, sub.doc_count_all()) for sub, offset in searcher.leaf_searchers()]
        self.frequencies = [Frequencies(sub.reader()) for sub, _, _ in self.leaves]
        self._lengths: dict[tuple[int, str], np.ndarray] = {}
        #: ("scores" or "positions", segment, field, term) → (what was read, its bytes)
        self._cache: OrderedDict[tuple, tuple[object, int]] = OrderedDict()
        self.cached_bytes = 0
        self.max_cached_bytes = cache_mb * 2**20

    # -- the page ---------------------------------------------------------------------------
    def top(self, q, matched: int, limit: int) -> list[tuple[int, float]]:
        """The first ``limit`` documents of ``matched`` that ``q`` matches, as (docnum, score),
        best first and ties by document number; raises :class:`Unsupported`."""
        allowed = docsets.mask(matched, self.size)
        if isinstance(q, wq.Every) and q.fieldname in (None, "", "*"):
            # Whoosh gives every document the query's boost: the page is in document order.
            docnums = np.flatnonzero(allowed)[:limit]
            return [(d, float(q.boost)) for d in docnums.tolist()]
        scores = np.zeros(self.size)
        found = np.zeros(self.size, dtype=bool)
        for index, (sub, offset, count) in enumerate(self.leaves):
            docs = np.flatnonzero(allowed[offset:offset + count])
            if not len(docs):
                continue
            s, m = _Segment(self, index, sub, count, docs).evaluate(q, np.ones(len(docs), dtype=bool))
            if s is not None:
                scores[docs + offset] = s
                found[docs + offset] = m
        docnums = np.flatnonzero(found)
        if not len(docnums):
            return []
        best = scores[docnums]
        if len(docnums) > limit:
            # Keep every document scoring at least the limit-th best score (ties included),
            # then order those exactly.
            cut = np.partition(best, len(best) - limit)[len(best) - limit]
            keep = best >= cut
            docnums, best = docnums[keep], best[keep]
        order = np.lexsort((docnums, -best))[:limit]
        return list(zip(docnums[order].tolist(), best[order].tolist()))

    def phrase_docs(self, q: wq.Phrase) -> int:
        """The documents holding phrase ``q``, as a bitset (deleted ones left in); raises
        :class:`Unsupported` for postings :mod:`indexer.phrases` cannot read."""
        flags = np.zeros(self.size, dtype=np.uint8)
        for index, (sub, offset, count) in enumerate(self.leaves):
            try:
                found = _Segment(self, index, sub, count).phrase_docs(q)
            except phrases.Unsupported as e:
                raise Unsupported(str(e)) from e
            if found is not None:
                flags[found + offset] = 1
        return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")

    def range_docs(self, q: wq.NumericRange) -> int:
        """A date or number range's documents as a bitset, from the ranker's cache of them."""
        flags = np.zeros(self.size, dtype=np.uint8)
        for index, (sub, offset, count) in enumerate(self.leaves):
            flags[_Segment(self, index, sub, count).range_ids(q) + offset] = 1
        return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")

    def term_docs(self, fieldname: str, text) -> int:
        """A term's documents as a bitset (deleted ones left in), from the postings its scores
        are cached with: a cold query then reads each word's blocks once, not once for the
        matching letters and again for their scores (Whoosh unpickles every block: most of a
        cold query's time)."""
        flags = np.zeros(self.size, dtype=np.uint8)
        for index, (sub, offset, count) in enumerate(self.leaves):
            reader = sub.reader()
            if fieldname not in reader.schema:
                continue
            try:
                btext = reader.schema[fieldname].to_bytes(text)
            except ValueError:
                continue
            if (fieldname, btext) in self.frequencies[index]:
                ids, _ = self.term_scores(index, sub, fieldname, btext)
                flags[ids + offset] = 1
        return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")

    # -- per-commit caches ------------------------------------------------------------------
    def lengths(self, index: int, reader, fieldname: str) -> np.ndarray | None:
        """The quantised length of ``fieldname`` in every document of a segment (as
        ``doc_field_length`` gives them), read in one go from the lengths column."""
        key = (index, fieldname)
        found = self._lengths.get(key)
        if found is None:
            perdoc = getattr(reader, "_perdoc", None)
            if not isinstance(perdoc, W3PerDocReader):
                raise Unsupported("not a Whoosh 3 segment")
            column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)  # noqa: SLF001
            codes = np.zeros(reader.doc_count_all(), dtype=np.uint8)
            if column is not None:
                stored = column._dbfile.get(column._basepos, column._count)  # noqa: SLF001
                codes[:len(stored)] = np.frombuffer(stored, dtype=np.uint8)
                found = _LENGTHS[codes]
            else:  # no lengths column: Whoosh's scorer then uses its default length, 1
                found = np.ones(len(codes))
            self._lengths[key] = found
        return found

    def term_scores(self, index: int, sub, fieldname: str, btext: bytes,
                    postings: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """A term's documents in a segment (deleted ones too) and each one's score, as the
        scorer Whoosh makes for it computes them; from ``postings`` (ids, weights) when the
        caller has read them."""
        key = ("scores", index, fieldname, btext)
        found = self.recall(key)
        if found is not None:
            return found
        reader = sub.reader()
        scorer = self.context.weighting.scorer(sub, fieldname, btext)
        ids, weights = postings if postings is not None else _postings(reader.postings(fieldname, btext))
        if type(scorer) is BM25FScorer:
            fl = self.lengths(index, reader, fieldname)[ids]
            idf, avgfl, B, K1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
            # bm25() of whoosh.scoring, operation for operation, so the floats come out the same.
            scores = idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * fl / avgfl)))
        elif type(scorer) is WeightScorer:
            scores = weights
        else:
            raise Unsupported(f"scorer {type(scorer).__name__}")
        ids = ids.astype(np.int32)  # 12 bytes a posting, not 16
        return self.remember(key, (ids, scores), ids.nbytes + scores.nbytes)

    def term_positions(self, index: int, sub, fieldname: str, btext: bytes) -> phrases.Postings:
        """A term's documents in a segment (deleted ones too) with their positions, for
        phrases; raises :class:`phrases.Unsupported`."""
        key = ("positions", index, fieldname, btext)
        found = self.recall(key)
        if found is not None:
            return found
        reader = sub.reader()
        found, weights = phrases.decode(reader.postings(fieldname, btext), reader.schema[fieldname].format)
        if ("scores", index, fieldname, btext) not in self._cache:  # the phrase's score needs them: read the blocks once
            self.term_scores(index, sub, fieldname, btext, (found.ids, weights))
        return self.remember(key, found, found.nbytes)

    def recall(self, key):
        """A cached entry (postings, scores or a phrase's matches), now the most recently used."""
        found = self._cache.get(key)
        if found is None:
            return None
        self._cache.move_to_end(key)
        return found[0]

    def remember(self, key, value, nbytes: int):
        """Keep ``value`` (the newest entry), then drop the least recently used beyond the budget."""
        self._cache[key] = (value, nbytes)
        self.cached_bytes += nbytes
        while self.cached_bytes > self.max_cached_bytes and len(self._cache) > 1:
            _, (_, old) = self._cache.popitem(last=False)
            self.cached_bytes -= old
        return value


class Frequencies:
    """A reader (a segment's, or the whole commit's) that remembers each term's document
    frequency. Whoosh orders a query's matchers by them (``estimate_size``), query compilation
    and pair weights ask for them, and each is a look-up in the terms file: about 300 a results
    page, a tenth of its time, the same ones on every search of a word."""

    MAX_TERMS = 100_000

    def __init__(self, reader):
        self._reader = reader
        self.schema = reader.schema
        self._count = reader.doc_count()
        self._known: dict[tuple, int] = {}

    def doc_count(self) -> int:
        return self._count

    def doc_frequency(self, fieldname: str, text) -> int:
        key = (fieldname, text)
        found = self._known.get(key)
        if found is None:
            if len(self._known) >= self.MAX_TERMS:
                self._known.clear()
            found = self._known[key] = self._reader.doc_frequency(fieldname, text)
        return found

    def __contains__(self, term: tuple) -> bool:
        return self.doc_frequency(*term) > 0

    def __getattr__(self, name):  # anything else an estimate may ask, from the reader itself
        return getattr(self._reader, name)


class _Segment:
    """One segment's evaluation of a query, built the way Whoosh builds its matcher tree there:
    per document asked for (``docs``), a score and whether it matches (the score is 0.0 wherever
    it does not). Every step is per document, so asking only for the documents the page can
    show (those matching the whole query and its filters) changes no score, and a query's
    terms are added up over those instead of over every document of the segment."""

    def __init__(self, ranker: Ranker, index: int, sub, count: int, docs: np.ndarray | None = None):
        self.ranker = ranker
        self.index = index
        self.sub = sub
        self.reader = sub.reader()
        self.frequencies = ranker.frequencies[index]
        self.count = count  # the segment's size: Whoosh's choice of matchers depends on it
        self.docs = np.arange(count) if docs is None else docs  # ascending
        self.size = len(self.docs)
        self._at = np.full(count, -1, dtype=np.int64)  # each document's place in docs, or -1
        self._at[self.docs] = np.arange(self.size)

    def _dense(self, ids: np.ndarray, values=None) -> tuple[np.ndarray, np.ndarray]:
        """Scores and matches over ``docs`` from segment document numbers ``ids`` (ascending)
        with their ``values`` (a number or an array), leaving out the documents not asked for."""
        if len(ids) > 16 * self.size:
            # Few documents asked for, a common word: look each one up in the postings rather
            # than walk all of them (ids are ascending).
            where = np.minimum(np.searchsorted(ids, self.docs), len(ids) - 1)
            mask = ids[where] == self.docs
            dense = np.zeros(self.size)
            if values is not None:
                dense[mask] = values if np.ndim(values) == 0 else values[where[mask]]
            return dense, mask
        at = self._at[ids]
        keep = at >= 0
        dense = np.zeros(self.size)
        mask = np.zeros(self.size, dtype=bool)
        if values is not None:
            dense[at[keep]] = values if np.ndim(values) == 0 else values[keep]
        mask[at[keep]] = True
        return dense, mask

    def evaluate(self, q, within: np.ndarray) -> tuple[np.ndarray | None, np.ndarray | None]:
        """(scores, matches) of ``q`` for each of ``docs``, (None, None) when nothing matches.
        Only the documents of ``within`` (a mask over ``docs``) are asked for: parts Whoosh
        scores may leave out the rest."""
        if isinstance(q, wq.Term):
            return self._term(q)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return None, None
        if type(q) in (wq.Or, wq.And):
            subs = q.subqueries
            if not subs:
                return None, None
            if len(subs) == 1:  # Whoosh ignores the compound's boost then (CompoundQuery.matcher)
                return self.evaluate(subs[0], within)
            if type(q) is wq.And:
                return self._tree(subs, within, lambda s: 0 - s.estimate_size(self.frequencies), _intersect, q.boost)
            if q.minmatch or q.scale:
                raise Unsupported("Or with minmatch or scale")
            kind = q.matcher_type
            if kind == wq.Or.AUTO_MATCHER:
                # Or._matcher's choice (a scored top-k search does not need the current match).
                tree = len(subs) < q.TOO_MANY_CLAUSES and (len(subs) == 2 or self.count > 5000)
                kind = wq.Or.DEFAULT_MATCHER if tree else wq.Or.ARRAY_MATCHER
            if kind == wq.Or.DEFAULT_MATCHER:
                return self._tree(subs, within, lambda s: s.estimate_size(self.frequencies), _union, q.boost)
            if kind == wq.Or.ARRAY_MATCHER:
                return self._running_sum(subs, within, q.boost)
            raise Unsupported("Or with the split matcher")
        if type(q) is wq.AndMaybe:
            a, am = self.evaluate(q.a, within)
            if a is None:
                return None, None
            b, _ = self.evaluate(q.b, within & am)
            if b is None:
                return a, am
            # AndMaybeMatcher: a's score, plus b's where b matches too (b is 0.0 elsewhere).
            return np.where(am, a + b, 0.0), am
        if type(q) is wq.Phrase:
            return self._phrase(q, within)
        if isinstance(q, wq.NumericRange) and q.constantscore and q.boost > 0:  # DateRange too
            return self._constant(q)
        return self._by_whoosh(q, within)

    def _term(self, q: wq.Term):
        """A term's scores (Whoosh's Term matcher: its postings, times the boost). Deleted
        documents keep theirs: every step is per document, and the page leaves them out."""
        if q.fieldname not in self.reader.schema:
            return None, None
        try:
            btext = self.reader.schema[q.fieldname].to_bytes(q.text)
        except ValueError:
            return None, None
        if (q.fieldname, btext) not in self.frequencies:
            return None, None
        ids, scores = self.ranker.term_scores(self.index, self.sub, q.fieldname, btext)
        dense, mask = self._dense(ids, scores)
        if q.boost != 1.0:
            dense *= q.boost  # WrappingMatcher: score * boost
        return dense, mask

    def _constant(self, q: wq.NumericRange):
        """A date or number range: Whoosh compiles it to a ``ConstantScoreQuery`` whose matcher is
        a ``ListMatcher`` of the range's documents with ``all_weights=boost``, so each scores the
        boost (a zero boost is left to Whoosh, which then drops the documents)."""
        ids = self.range_ids(q)
        if not len(ids):
            return None, None
        return self._dense(ids, float(q.boost))

    def range_ids(self, q: wq.NumericRange) -> np.ndarray:
        """The segment's documents in a range, read once per commit (Whoosh's matcher walked
        them on every query)."""
        key = ("range", self.index, repr(q))
        ids = self.ranker.recall(key)
        if ids is None:
            ids = np.fromiter(q.docs(self.sub), dtype=np.int64)
            self.ranker.remember(key, ids, ids.nbytes)
        return ids

    def phrase_docs(self, q: wq.Phrase) -> np.ndarray | None:
        """The segment's documents (deleted ones too) where phrase ``q`` matches; None where
        ``Phrase.matcher`` gives a NullMatcher. Raises :class:`phrases.Unsupported`.

        The matches are cached with the postings: a phrase is matched once to count its letters
        and again to rank them, and a second page or a saved query asks for it again."""
        words = self._phrase_terms(q)
        if words is None:
            return None
        key = ("phrase", self.index, q.fieldname, tuple(words), q.slop)
        found = self.ranker.recall(key)
        if found is None:
            lists = [self.ranker.term_positions(self.index, self.sub, q.fieldname, btext) for btext in words]
            found = phrases.matching(lists, q.slop)
            self.ranker.remember(key, found, found.nbytes)
        return found

    def _phrase_terms(self, q: wq.Phrase) -> list[bytes] | None:
        """The phrase's words as index terms, or None when one is not in this segment (the
        checks of ``Phrase.matcher``)."""
        if q.fieldname not in self.reader.schema or not q.words:
            return None
        field = self.reader.schema[q.fieldname]
        words = []
        for word in q.words:
            try:
                btext = field.to_bytes(word)
            except ValueError:
                return None
            if (q.fieldname, btext) not in self.frequencies:
                return None
            words.append(btext)
        return words

    def _phrase(self, q: wq.Phrase, within: np.ndarray):
        """A phrase's documents from :mod:`indexer.phrases`, and Whoosh's score for each: the
        phrase matcher wraps an intersection of its words' term matchers (a binary tree in
        word order, ``make_binary_tree``), so it scores the sum of their scores, times the
        boost."""
        try:
            found = self.phrase_docs(q)
        except phrases.Unsupported:
            return self._by_whoosh(q, within)
        if found is None:
            return None, None
        at = self._at[found]
        keep = at >= 0
        keep[keep] = within[at[keep]]
        found = found[keep]
        if not len(found):
            return None, None
        parts = []
        for btext in self._phrase_terms(q):
            ids, scores = self.ranker.term_scores(self.index, self.sub, q.fieldname, btext)
            parts.append(scores[np.searchsorted(ids, found)])
        values = _tree_sum(parts)
        if q.boost != 1.0:
            values = values * q.boost  # WrappingMatcher: score * boost
        return self._dense(found, values)

    def _tree(self, subs, within, weight, combine, boost):
        """Whoosh's ``make_weighted_tree``: sort by weight (stably: Whoosh's matchers never
        compare as less than one another), combine the first two, insert the pair after the
        items of equal weight; then the compound's boost."""
        items = [(weight(s), self.evaluate(s, within)) for s in subs]
        items.sort(key=lambda x: x[0])
        while len(items) > 1:
            (wa, a), (wb, b) = items.pop(0), items.pop(0)
            w = wa + wb
            items.insert(bisect.bisect_right([x[0] for x in items], w), (w, combine(a, b)))
        scores, mask = items[0][1]
        if scores is not None and boost != 1.0:
            scores = scores * boost
        return scores, mask

    def _running_sum(self, subs, within, boost):
        """``ArrayUnionMatcher`` (an Or of more than two in a small segment): 0 + each score ×
        boost, in order; a document matches when its sum is above 0."""
        total = np.zeros(self.size)
        for s in subs:
            scores, _ = self.evaluate(s, within)
            if scores is not None:
                total += scores * boost
        return total, total > 0

    def _by_whoosh(self, q, within):
        """A query this module does not score (a date range, a phrase it cannot read): Whoosh's own matcher,
        document by document; stepping through ``within`` when that is the shorter walk."""
        m = q.matcher(self.sub, self.ranker.context)
        ids, values = [], []
        wanted = self.docs[within]
        if len(wanted) < q.estimate_size(self.frequencies):
            for docnum in wanted.tolist():
                if not m.is_active():
                    break
                if m.id() < docnum:
                    m.skip_to(docnum)
                    if not m.is_active():
                        break
                if m.id() == docnum:
                    ids.append(docnum)
                    values.append(m.score())
        else:
            while m.is_active():
                ids.append(m.id())
                values.append(m.score())
                m.next()
        if not ids:
            return None, None
        return self._dense(np.array(ids, dtype=np.int64), np.array(values, dtype=np.float64))


def _tree_sum(parts: list[np.ndarray]) -> np.ndarray:
    """Whoosh's ``make_binary_tree`` of additive matchers: the halves summed, recursively."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    return _tree_sum(parts[:half]) + _tree_sum(parts[half:])


def _union(a, b):
    """UnionMatcher: the sum where both match, else the one that matches."""
    (sa, ma), (sb, mb) = a, b
    if sa is None:
        return b
    if sb is None:
        return a
    return sa + sb, ma | mb  # a non-match scores 0.0, and x + 0.0 == x


def _intersect(a, b):
    """IntersectionMatcher: the sum where both match."""
    (sa, ma), (sb, mb) = a, b
    if sa is None or sb is None:
        return None, None
    mask = ma & mb
    if not mask.any():
        return None, None
    return np.where(mask, sa + sb, 0.0), mask


def _postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    """A fresh posting list's document numbers and weights, a block at a time, decoded with
    numpy (Whoosh 2.7.4, pinned: a block's data is (id deltas, weights or one weight or None,
    values), see ``W3LeafMatcher._read_ids``/``_read_weights``); from the term info when the
    term has a single posting."""
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    if isinstance(matcher, ListMatcher):
        ids = list(matcher.all_ids())
        weights = []
        while matcher.is_active():
            weights.append(matcher.weight())
            matcher.next()
        return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)
    if not hasattr(matcher, "_read_data") or matcher._byteids:  # noqa: SLF001
        raise Unsupported(f"postings of {type(matcher).__name__}")
    ids_parts, weight_parts = [], []
    for ids, weights, _, _ in phrases.blocks(matcher):
        ids_parts.append(ids)
        weight_parts.append(weights)
    if not ids_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(ids_parts), np.concatenate(weight_parts)

