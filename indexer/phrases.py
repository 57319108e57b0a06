"""Phrase matching with numpy: the documents of a segment that hold a phrase, as Whoosh decides.

Whoosh matches ``Phrase(field, words, slop)`` with ``SpanNear2(ordered=True, mindist=1)``: per
candidate document it decodes every word's positions into ``Span`` objects and walks them in
Python (``whoosh/query/spans.py``), about a second for a common phrase in 20,000 letters. Here a
word's postings are decoded once per commit, a block at a time (:func:`decode`), and a phrase is
a join of sorted ``docnum << 32 | position`` keys, one word after the other (:func:`matching`).

What Whoosh computes, and what the join reproduces: going from word to word, a match so far
ends at position ``e``; word ``k`` continues it at each of its positions ``b`` with
``1 <= b - e <= slop``. A document matches when some chain reaches the last word. That holds
when each word's positions in the document are strictly increasing, as Whoosh's binary search
over them assumes. They are not always: a hyphenated word's parts take the positions after its
own (``a-b-c c`` puts *c* at p+2, then p+1), so a posting can repeat or go back. Such documents
(a handful) are decided by :func:`whoosh_spans`, a line-by-line copy of Whoosh's walk, which
then gives Whoosh's answer including the quirks of bisecting an unsorted list.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher

from indexer.codec import BlockLeafMatcher, block_arrays
from indexer.postings import CompactPositions

_H = ord("H")


class Unsupported(Exception):
    """Postings this module cannot decode: the caller uses Whoosh's matcher."""


@dataclass
class Postings:
    """A term's postings in one segment (deleted documents too): document numbers (ascending),
    where each one's positions start in ``positions`` (one more entry than documents), the
    positions in their stored order, and whether a document's positions are not strictly
    increasing."""

    ids: np.ndarray  # int64
    starts: np.ndarray  # int64, len(ids) + 1
    positions: np.ndarray  # int32
    irregular: np.ndarray  # bool, per posting

    @property
    def nbytes(self) -> int:
        """Memory held, for the phrase cache's bound."""
        return self.ids.nbytes + self.starts.nbytes + self.positions.nbytes + self.irregular.nbytes

    def of(self, i: int) -> list[int]:
        """The positions of posting ``i``, in stored order."""
        return self.positions[self.starts[i]:self.starts[i + 1]].tolist()


def blocks(matcher):
    """A Whoosh 3 leaf matcher's postings a block at a time, as (document numbers, weights,
    value lengths, joined values), the last two None without values of variable size. Blocks
    of :mod:`indexer.codec` are packed arrays; W3's own (an index made before it) are a pickled
    (id deltas, weights or one weight or None, values) tuple (Whoosh 2.7.4, pinned)."""
    if isinstance(matcher, BlockLeafMatcher):
        yield from block_arrays(matcher)
        return
    while matcher.is_active():
        matcher._read_data()  # noqa: SLF001 -- Whoosh 2.7.4 (pinned) block reader
        deltas, weights, values = matcher._data  # noqa: SLF001
        count = matcher._blocklength  # noqa: SLF001
        if weights is None:
            weights = np.ones(count)
        elif isinstance(weights, (int, float)):
            weights = np.full(count, weights)
        else:
            weights = np.asarray(weights, dtype=np.float64)
        if isinstance(values, tuple):
            lengths, joined = np.fromiter(map(len, values), dtype=np.int64, count=len(values)), b"".join(values)
        else:
            lengths = joined = None
        yield np.cumsum(np.asarray(deltas, dtype=np.int64)), weights, lengths, joined
        matcher._next_block()  # noqa: SLF001


def decode(matcher, fmt) -> tuple[Postings, np.ndarray]:
    """A fresh posting list of a :class:`CompactPositions` field, decoded with numpy: per block
    the document numbers, weights and values, whose values are a type byte and the position
    deltas (see :mod:`indexer.postings`). Also each posting's weight, as ``ranking._postings``
    reads it, so the blocks are read once for scores too."""
    if type(fmt) is not CompactPositions or fmt.fixed_value_size() is not None:
        raise Unsupported(f"format {type(fmt).__name__}")
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    id_parts, weight_parts, length_parts, joined = [], [], [], []
    if isinstance(matcher, ListMatcher):  # a term with one posting, inlined in its term info
        while matcher.is_active():
            id_parts.append(np.array([matcher.id()], dtype=np.int64))
            weight_parts.append(np.array([matcher.weight()], dtype=np.float64))
            value = matcher.value()
            length_parts.append(np.array([len(value)], dtype=np.int64))
            joined.append(value)
            matcher.next()
    elif hasattr(matcher, "_read_data") and not matcher._byteids:  # noqa: SLF001
        for ids, weights, lengths, values in blocks(matcher):
            if lengths is None:
                raise Unsupported("postings without positions")
            id_parts.append(ids)
            weight_parts.append(weights)
            length_parts.append(lengths)
            joined.append(values)
    else:
        raise Unsupported(f"postings of {type(matcher).__name__}")
    if not id_parts:
        empty = np.zeros(0, dtype=np.int64)
        return (Postings(empty, np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int32), np.zeros(0, dtype=bool)),
                np.zeros(0))
    ids = np.concatenate(id_parts)
    counts, deltas = _deltas(np.concatenate(length_parts), b"".join(joined))
    starts = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    # Positions: a running sum of the deltas, restarted at each posting.
    total = np.cumsum(deltas)
    before = np.concatenate(([0], total))[starts[:-1]]
    positions = total - np.repeat(before, counts)
    first = np.zeros(len(deltas), dtype=bool)
    first[starts[:-1]] = True
    irregular = np.zeros(len(ids), dtype=bool)
    bad = np.flatnonzero((deltas <= 0) & ~first)
    if len(bad):
        irregular[np.searchsorted(starts, bad, side="right") - 1] = True
    if len(positions) and (positions.min() < 0 or positions.max() >= 2**31):
        raise Unsupported("positions out of range")
    return Postings(ids, starts, positions.astype(np.int32), irregular), np.concatenate(weight_parts)


def _deltas(lengths: np.ndarray, joined: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Each value's number of positions and all the position deltas, concatenated, from the
    values' lengths and the values joined."""
    raw = np.frombuffer(joined, dtype=np.uint8)
    heads = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    if (lengths < 3).any():
        raise Unsupported("a posting without positions")
    if (raw[heads] == _H).all():  # the usual case: every delta an unsigned 16-bit number
        body = np.ones(len(raw), dtype=bool)
        body[heads] = False
        return (lengths - 1) // 2, raw[body].view("<u2").astype(np.int64)
    counts, parts = [], []
    for head, length in zip(heads.tolist(), lengths.tolist()):  # some values hold signed 32-bit deltas
        dtype = np.dtype("<u2" if joined[head] == _H else "<i4")
        part = np.frombuffer(joined, dtype=dtype, count=(length - 1) // dtype.itemsize, offset=head + 1)
        counts.append(len(part))
        parts.append(part.astype(np.int64))
    return np.array(counts, dtype=np.int64), np.concatenate(parts)


def matching(words: list[Postings], slop: int, within: np.ndarray | None = None) -> np.ndarray:
    """The document numbers (ascending) where ``words`` occur as Whoosh's ``Phrase`` with this
    ``slop`` finds them; only documents of ``within`` (sorted document numbers) when given."""
    candidates = min(words, key=lambda p: len(p.ids)).ids
    if within is not None:
        candidates = np.intersect1d(candidates, within, assume_unique=True)
    for p in words:
        if not len(candidates):
            return candidates
        candidates = candidates[_contains(p.ids, candidates)]
    if not len(candidates) or slop < 1:
        return candidates[:0]
    # Documents where some word's positions are out of order go through Whoosh's own walk.
    odd = np.zeros(0, dtype=np.int64)
    for p in words:
        if p.irregular.any():
            odd = np.union1d(odd, p.ids[p.irregular])
    if len(odd):
        odd = odd[_contains(candidates, odd)]
        candidates = np.setdiff1d(candidates, odd, assume_unique=True)
    # The other documents' keys come out strictly increasing: no sorting needed.
    alive = candidates
    for i, p in enumerate(words):
        if not len(alive):
            break
        keys = _keys(p, alive)
        if i == 0:
            ends = keys
        else:
            # The largest end before each position, then whether it is within the slop.
            before = np.searchsorted(ends, keys, side="left") - 1
            ok = before >= 0
            ok[ok] = keys[ok] - ends[before[ok]] <= slop
            ends = keys[ok]
        docs = ends >> 32
        alive = docs[np.concatenate(([True], docs[1:] != docs[:-1]))] if len(docs) else docs
    found = alive
    if len(odd):
        lists = [(p, np.searchsorted(p.ids, odd)) for p in words]
        extra = [d for k, d in enumerate(odd.tolist()) if whoosh_spans([p.of(int(i[k])) for p, i in lists], slop)]
        if extra:
            found = np.union1d(found, np.array(extra, dtype=np.int64))
    return found


def _contains(sorted_ids: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """For each of ``docs``, whether it is in ``sorted_ids``."""
    at = np.searchsorted(sorted_ids, docs)
    ok = at < len(sorted_ids)
    ok[ok] = sorted_ids[at[ok]] == docs[ok]
    return ok


def _keys(p: Postings, docs: np.ndarray) -> np.ndarray:
    """``docnum << 32 | position`` of every position of ``p`` in ``docs`` (a sorted subset of
    its documents)."""
    at = np.searchsorted(p.ids, docs)
    starts, counts = p.starts[at], p.starts[at + 1] - p.starts[at]
    total = int(counts.sum())
    index = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(total)
    return (np.repeat(p.ids[at], counts) << 32) | p.positions[index].astype(np.int64)


def whoosh_spans(lists: list[list[int]], slop: int) -> bool:
    """Whether ``SpanNear2Matcher._get_spans`` (ordered, mindist 1) finds a span in a document
    whose words have these positions (in stored order); its steps, with (start, end) tuples."""
    aspans = [(p, p) for p in lists[0]]
    i = 1
    while i < len(lists) and aspans:
        bspans = [(p, p) for p in lists[i]]
        bstarts = [s for s, _ in bspans]
        spans = set()
        for astart, aend in aspans:
            j = _bisect_spans(bstarts, astart)
            while j < len(bspans):
                bstart, bend = bspans[j]
                j += 1
                if bend < astart - slop or astart > bstart:
                    continue
                if bstart > aend + slop:
                    break
                if 1 <= _distance(astart, aend, bstart, bend) <= slop:
                    spans.add((min(astart, bstart), max(aend, bend)))
        aspans = sorted(spans, key=lambda s: s[0])
        i += 1
    return bool(aspans) if i == len(lists) else False


def _bisect_spans(starts: list[int], start: int) -> int:
    """``whoosh.query.spans.bisect_spans``: a binary search that also runs on unsorted lists."""
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] < start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _distance(astart: int, aend: int, bstart: int, bend: int) -> int:
    """``Span.distance_to``: 0 when the spans overlap, else the gap."""
    if (bstart <= astart <= bend or bstart <= aend <= bend or astart <= bstart <= aend
            or astart <= bend <= aend):
        return 0
    if aend < bstart:
        return bstart - aend
    return astart - bend
