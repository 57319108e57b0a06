"""A new segment's postings, kept in arrays per field as they come, then written a whole term at
a time.

Whoosh's writer turns every posting into a tuple in a pool, sorts all of them at the end and
hands them one by one to the codec: a few microseconds a posting, most of a worker's time beyond
the analysis (a letter has about 800 postings). :class:`PostingBuffer` extends a few arrays per
field with a letter's postings instead (term numbers, document numbers, weights, value lengths,
the values joined), sorts them by term with numpy when the segment is written, and writes each
term's postings in whole blocks (:meth:`indexer.codec.BlockFieldWriter.add_term`). The index
reads back exactly as one written by :class:`indexer.store.LeanSegmentWriter`
(tests/unit/test_segment_writer.py compares them).

Memory stays bounded: past ``limitmb`` the buffer writes its terms, sorted, to a temporary run
file and starts afresh; the runs are merged term by term when the segment is written. Runs hold
ever later documents, so a term's postings from successive runs simply follow each other.
"""
from __future__ import annotations

import heapq
import itertools
import operator
import pickle
import uuid
from array import array

import numpy as np

#: Estimated bytes a posting takes in the buffer besides its value (term number, document number,
#: weight and value length, 4 bytes each, and the arrays' spare room), and a term (its key and
#: its entry in the field's dict); only used to decide when to spill.
POSTING_BYTES = 18
TERM_BYTES = 120
#: Terms per pickled chunk of a run file.
RUN_CHUNK = 5_000
#: Postings whose values are reordered at once when a field's postings are sorted by term.
GATHER_CHUNK = 1 << 18


class _FieldPostings:
    """One field's postings in the order they came: per posting its term's number, document
    number, weight and value length, in arrays; the values joined in one bytearray.

    Terms are numbered by the field itself (``terms``, for postings that come as term bytes) or,
    for a :class:`indexer.postings.FieldPostings`, by its analyzer's vocabulary (``names``)."""

    __slots__ = ("terms", "names", "term_ids", "docs", "weights", "lengths", "values")

    def __init__(self):
        self.terms: dict[bytes, int] = {}
        self.names: list[bytes] | None = None
        self.term_ids, self.docs, self.weights = array("I"), array("I"), array("f")
        self.lengths, self.values = array("I"), bytearray()

    def add(self, docnum: int, terms: list, weights: list, values: list) -> int:
        """Add a document's postings (one per distinct term); returns the new terms' count."""
        known = self.terms
        before = len(known)
        ids = list(map(known.get, terms))
        if None in ids:
            for i, term in enumerate(terms):
                if ids[i] is None:
                    ids[i] = known.setdefault(term, len(known))
        self.term_ids.extend(ids)
        self.docs.extend(array("I", [docnum]) * len(ids))
        self.weights.extend(weights)
        self.lengths.extend(map(len, values))
        self.values += b"".join(values)
        return len(known) - before

    def add_numbered(self, docnum: int, postings, boost: float) -> None:
        """Add a document's :class:`indexer.postings.FieldPostings` (of ``self.names``)."""
        if isinstance(postings.term_ids, np.ndarray):
            self.term_ids.frombytes(postings.term_ids.astype(np.uint32).tobytes())
            self.weights.frombytes((postings.freqs * boost).astype(np.float32).tobytes())
            self.lengths.frombytes(postings.lengths.astype(np.uint32).tobytes())
        else:
            self.term_ids.extend(postings.term_ids)
            self.weights.extend(postings.freqs if boost == 1 else [f * boost for f in postings.freqs])
            self.lengths.extend(postings.lengths)
        self.docs.extend(array("I", [docnum]) * len(postings.term_ids))
        self.values += postings.values

    def sorted_terms(self):
        """(term bytes, ids, weights, value lengths, joined values) per term, terms in byte
        order, each term's postings in the order they came, the numbers as the bytes of 32-bit
        arrays (``array("I")``, ``array("f")``); empties the field as it goes."""
        term_ids = np.frombuffer(self.term_ids, dtype=np.uint32)
        if self.names is None:
            used = np.arange(len(self.terms))
            names = list(self.terms)
        else:
            used = np.flatnonzero(np.bincount(term_ids))
            names = [self.names[i] for i in used.tolist()]
        by_name = sorted(range(len(names)), key=names.__getitem__)
        names = [names[i] for i in by_name]
        rank = np.zeros(int(used[-1]) + 1 if len(used) else 0, dtype=np.uint32)
        rank[used[by_name]] = np.arange(len(names), dtype=np.uint32)
        keys = rank[term_ids]
        order = np.argsort(keys, kind="stable")  # stable: documents stay in ascending order
        ends = np.cumsum(np.bincount(keys, minlength=len(names))).tolist()
        del keys, rank, term_ids
        docs = np.frombuffer(self.docs, dtype=np.uint32)[order].tobytes()
        weights = np.frombuffer(self.weights, dtype=np.float32)[order].tobytes()
        lengths = np.frombuffer(self.lengths, dtype=np.uint32)
        values = _reorder(np.frombuffer(self.values, dtype=np.uint8), lengths.astype(np.int64), order)
        lengths = lengths[order]
        value_ends = np.cumsum(lengths, dtype=np.int64)[np.array(ends, dtype=np.int64) - 1].tolist() if ends else []
        lengths = lengths.tobytes()
        del order
        self.__init__()  # the sorted copies above are all that is needed now
        start = value_start = 0
        for name, end, value_end in zip(names, ends, value_ends):
            yield (name, docs[4 * start:4 * end], weights[4 * start:4 * end], lengths[4 * start:4 * end],
                   values[value_start:value_end])
            start, value_start = end, value_end


def _reorder(values: np.ndarray, lengths: np.ndarray, order: np.ndarray) -> bytes:
    """The values (joined, of ``lengths``) in the posting order ``order``, joined again."""
    starts = np.cumsum(lengths) - lengths
    out = []
    for first in range(0, len(order), GATHER_CHUNK):
        chosen = order[first:first + GATHER_CHUNK]
        chunk_lengths, chunk_starts = lengths[chosen], starts[chosen]
        # Byte i of the gathered chunk comes from its posting's start plus i's offset within it.
        shift = chunk_starts - (np.cumsum(chunk_lengths) - chunk_lengths)
        index = np.repeat(shift, chunk_lengths) + np.arange(int(chunk_lengths.sum()))
        out.append(values[index].tobytes())
    return b"".join(out)


class PostingBuffer:
    """The postings of one segment by field; ``tempstorage`` (a Whoosh storage) holds the runs
    spilled past ``limitmb``."""

    def __init__(self, tempstorage, limitmb: int = 128):
        self._tempstorage = tempstorage
        self._limit = limitmb * 1024 * 1024
        self._fields: dict[str, _FieldPostings] = {}
        self._size = 0
        self._runs: list[str] = []

    def add(self, fieldname: str, docnum: int, postings, boost: float = 1.0) -> None:
        """Add a document's postings of one field: a :class:`indexer.postings.FieldPostings`
        (weights are its frequencies times ``boost``), or (term bytes, weights, values) lists
        with per distinct term its bytes, weight and value (encoded positions, or empty)."""
        field = self._fields.get(fieldname)
        if field is None:
            field = self._fields[fieldname] = _FieldPostings()
        if isinstance(postings, tuple):
            terms, weights, values = postings
            added = field.add(docnum, terms, weights, values)
            self._size += len(terms) * POSTING_BYTES + added * TERM_BYTES + sum(map(len, values))
            return
        if field.names is not postings.names:
            if field.names is not None or field.terms:  # numbered anew: write the old numbers out
                self._spill()
                field = self._fields[fieldname] = _FieldPostings()
            field.names = postings.names
        field.add_numbered(docnum, postings, boost)
        # The terms' bytes are the vocabulary's, kept by the analysis whatever this buffer holds.
        self._size += len(postings.term_ids) * POSTING_BYTES + len(postings.values)

    def size(self) -> int:
        """Estimated bytes held in memory."""
        return self._size

    def spill_if_full(self) -> None:
        if self._size > self._limit:
            self._spill()

    def _sorted_terms(self):
        """The buffered terms as (field name, term bytes, ids, weights, value lengths, joined
        values), in the order Whoosh writes terms: by field name, then term bytes; the numbers
        as bytes (see :meth:`_FieldPostings.sorted_terms`)."""
        fields, self._fields, self._size = self._fields, {}, 0
        for fieldname in sorted(fields):
            for row in fields.pop(fieldname).sorted_terms():
                yield (fieldname, *row)

    def _spill(self) -> None:
        name = f"{uuid.uuid4().hex}.terms"
        with self._tempstorage.create_file(name).raw_file() as f:
            rows = self._sorted_terms()
            while chunk := list(itertools.islice(rows, RUN_CHUNK)):
                pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        self._runs.append(name)

    def _read_run(self, name: str):
        with self._tempstorage.open_file(name).raw_file() as f:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    break
                yield from chunk
        self._tempstorage.delete_file(name)

    def terms(self):
        """Every term's postings, merged from the runs and the buffer, in Whoosh's term order:
        (field name, term bytes, ids, weights, value lengths, joined values)."""
        if not self._runs:
            for fieldname, tbytes, ids, weights, lengths, joined in self._sorted_terms():
                yield fieldname, tbytes, array("I", ids), array("f", weights), array("I", lengths), joined
            return
        sources = [self._read_run(name) for name in self._runs] + [self._sorted_terms()]
        # heapq.merge keeps the order of its sources for equal keys: earlier runs, earlier documents.
        merged = heapq.merge(*sources, key=_term_key)
        for (fieldname, tbytes), rows in itertools.groupby(merged, key=_term_key):
            _, _, ids, weights, lengths, joined = next(rows)
            more = list(rows)
            if more:  # the term is in several runs: its postings follow each other
                ids = b"".join([ids, *(row[2] for row in more)])
                weights = b"".join([weights, *(row[3] for row in more)])
                lengths = b"".join([lengths, *(row[4] for row in more)])
                joined = b"".join([joined, *(row[5] for row in more)])
            yield fieldname, tbytes, array("I", ids), array("f", weights), array("I", lengths), joined

    def cleanup(self) -> None:
        """Remove the run files (after an error; :meth:`terms` removes them as it reads them)."""
        for name in self._runs:
            if self._tempstorage.file_exists(name):
                self._tempstorage.delete_file(name)
        self._runs = []
        self._fields = {}


_term_key = operator.itemgetter(0, 1)  # a row's (field name, term bytes)


def write_postings(fieldwriter, schema, buffer: PostingBuffer) -> None:
    """Write every term of ``buffer`` with ``fieldwriter`` (an
    :class:`indexer.codec.BlockFieldWriter`), field by field."""
    current = None
    for fieldname, tbytes, ids, weights, lengths, joined in buffer.terms():
        if fieldname != current:
            if current is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            current = fieldname
        fieldwriter.add_term(tbytes, ids, weights, lengths, joined)
    if current is not None:
        fieldwriter.finish_field()
