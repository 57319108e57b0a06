"""Posting blocks that numpy reads in a few calls: Whoosh's W3 codec with packed block data.

Whoosh 3 pickles each block of postings as a tuple of Python sequences (document number deltas,
weights, values). Reading a block back makes a Python object per number: about 1 µs a posting,
which was most of a query's time whenever its words were read for the first time (a common word
has 100,000 postings per text field at 100,000 letters, and a query reads five fields a word).

:class:`BlockCodec` keeps everything else of the W3 format (files, term infos, block headers,
compression) and changes only what a block's data tuple holds: packed arrays in the narrowest
unsigned type that fits, as bytes (one pickled object each instead of one per posting):

- the document number deltas, as W3 has them;
- the weights: ``None`` when all are 1, one float when all are equal (as W3), else whole numbers
  packed, or float64 when a weight is not whole;
- variable-size values (our positions): the lengths packed and the values joined into one
  bytes; fixed-size and empty values as W3 stores them.

The data tuple is pickled with protocol 5 instead of W3's 2 (a third of the bytes of a small
block, and faster both ways), and not compressed when its pickle is short (zlib's fixed cost is
about 20 µs a call; the block header records whether a block is compressed, as W3's does).
:meth:`BlockFieldWriter.add_term` writes a whole term at once for :mod:`indexer.segments`.

:func:`block_arrays` gives a block as numpy arrays for :mod:`indexer.ranking` and
:mod:`indexer.phrases`; :class:`BlockLeafMatcher` decodes the same data for Whoosh's own
matchers, so every Whoosh query still runs on these segments. Segments written by W3Codec (an
index made before this module) are read as before: the codec is stored with each segment.

The class paths below are pickled into the index's table of contents: renaming them makes
existing indexes unreadable.
"""
from __future__ import annotations

import pickle
import sys
import zlib
from array import array

import numpy as np
from whoosh.codec.whoosh3 import (WHOOSH3_HEADER_MAGIC, W3Codec, W3FieldWriter, W3LeafMatcher,
                                  W3PostingsWriter, W3TermInfo)
from whoosh.filedb.structfile import StructFile
from whoosh.matching import ListMatcher
from whoosh.system import pack_int, pack_ushort
from whoosh.util.numeric import length_to_byte

#: Packed arrays start with their numpy type code.
_TYPES = {b"B": np.uint8, b"H": np.dtype("<u2"), b"I": np.dtype("<u4"), b"d": np.dtype("<f8")}


def _pack(values: np.ndarray) -> bytes:
    """Non-negative whole numbers in the narrowest unsigned type that holds them."""
    top = int(values.max()) if len(values) else 0
    code = b"B" if top < 2**8 else b"H" if top < 2**16 else b"I"
    return code + values.astype(_TYPES[code]).tobytes()


#: Blocks of at most this many postings are packed in plain Python: numpy's fixed cost per call
#: (a few microseconds) would be most of their time, and most terms have only a few postings.
SMALL_BLOCK = 32
#: Block data pickled shorter than this is not compressed: zlib's fixed cost (about 20 µs a call)
#: buys nothing on a few dozen bytes. The block header says whether a block is compressed.
COMPRESS_FROM = 128
#: Pickle protocol of a block's data. W3 uses 2, which pickles each bytes object as a call that
#: rebuilds it from a latin-1 string: three times the bytes of a small block, and six times the
#: time to write it. Readers unpickle any protocol; the block header keeps protocol 2 (Whoosh
#: reads it straight from the file).
DATA_PROTOCOL = 5

_LITTLE = sys.byteorder == "little"
#: The block header's length bytes when no lengths are given (LeanSegmentWriter and add_term).
_NO_LENGTH = length_to_byte(None)
assert _NO_LENGTH == length_to_byte(0)
assert array("I").itemsize == 4


def _pack_small(values) -> bytes:
    """:func:`_pack` of a short sequence of whole numbers, without numpy."""
    top = max(values) if len(values) else 0
    code = "B" if top < 2**8 else "H" if top < 2**16 else "I"
    packed = array(code, values)
    if not _LITTLE:
        packed.byteswap()
    return code.encode() + packed.tobytes()


def _unpack(packed: bytes) -> np.ndarray:
    return np.frombuffer(packed, dtype=_TYPES[packed[:1]], offset=1)


class BlockPostingsWriter(W3PostingsWriter):
    """W3's postings writer with packed block data (term vectors, whose ids are bytes, keep
    W3's own form: Whoosh reads them with its own matcher)."""

    _joined = None  # a block's values, joined, when written by write_term

    def write_term(self, format_, ids: array, weights: array, lengths: array, joined: bytes):
        """Write a whole term's postings (ascending document numbers, their weights, and their
        values' lengths and bytes) and return its term info: what ``add_posting`` per posting
        then ``finish_postings`` give, a block at a time: the blocks go through ``_write_block``
        as theirs do, and the term info's statistics are W3's own ``add_block``'s."""
        if len(ids) <= min(SMALL_BLOCK, self._blocklimit):
            return self._write_small_term(format_, ids, weights, lengths, joined)
        self.start_postings(format_, W3TermInfo())
        limit, count, offset = self._blocklimit, len(ids), 0
        for start in range(0, count, limit):
            end = min(start + limit, count)
            self._ids = ids[start:end]
            self._weights = weights[start:end]
            self._maxweight = max(0, max(self._weights))  # W3 starts from 0, as here
            block_lengths = lengths[start:end]
            size = sum(block_lengths)
            self._value_lengths, self._joined = block_lengths, joined[offset:offset + size]
            offset += size
            self._write_block(last=end == count)
        self._joined = None
        terminfo, self._terminfo = self._terminfo, None
        terminfo.set_extent(self._startoffset, self._postfile.tell() - self._startoffset)
        return terminfo

    def _write_small_term(self, format_, ids: array, weights: array, lengths: array, joined: bytes):
        """:meth:`write_term` of a term whose postings fit one small block (most terms): the
        same bytes and term info as ``_write_block(last=True)`` and W3's ``add_block``, in one
        go (a term's fixed cost is most of a small term's time)."""
        id_list, weight_list = ids.tolist(), weights.tolist()
        fixedsize = format_.fixed_value_size()
        if fixedsize is None or fixedsize < 0:
            values = (_pack_small(lengths), joined)
        else:
            values = joined if fixedsize else None
        data = (_pack_small([b - a for a, b in zip([0, *id_list], id_list)]), _mini_weights_small(weight_list), values)
        databytes = pickle.dumps(data, DATA_PROTOCOL)
        comp = self._compression if len(databytes) >= COMPRESS_FROM else 0
        if comp:
            databytes = zlib.compress(databytes, comp)
        maxweight = max(0, max(weight_list))
        infobytes = pickle.dumps((len(id_list), id_list[-1], maxweight, comp, _NO_LENGTH, _NO_LENGTH), 2)
        block = b"".join([WHOOSH3_HEADER_MAGIC, pack_int(-len(infobytes) - len(databytes)), infobytes, databytes])
        postfile = self._postfile
        start = postfile.tell()
        postfile.write(block)
        terminfo = W3TermInfo(weight=sum(weight_list), df=len(id_list), maxweight=maxweight,
                              minid=id_list[0], maxid=id_list[-1])
        terminfo.set_extent(start, len(block))
        return terminfo

    def _write_block(self, last=False):
        """W3's ``_write_block``, except that the data is pickled with :data:`DATA_PROTOCOL` and
        written uncompressed when too short to gain from it (W3 meant to skip those under 20
        bytes; its check is a no-op)."""
        if self._byteids:
            return super()._write_block(last)
        postfile = self._postfile
        if not self._blockcount:
            postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        databytes = pickle.dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), DATA_PROTOCOL)
        comp = self._compression if len(databytes) >= COMPRESS_FROM else 0
        if comp:
            databytes = zlib.compress(databytes, comp)
        ids = self._ids
        infobytes = pickle.dumps((len(ids), ids[-1], self._maxweight, comp, length_to_byte(self._minlength),
                                  length_to_byte(self._maxlength)), 2)
        blocklength = len(infobytes) + len(databytes)
        postfile.write_int(-blocklength if last else blocklength)
        postfile.write(infobytes)
        postfile.write(databytes)
        self._blockcount += 1
        self._new_block()

    def _mini_ids(self):
        if self._byteids:
            return super()._mini_ids()
        if len(self._ids) <= SMALL_BLOCK:
            ids = self._ids
            return _pack_small([b - a for a, b in zip([0, *ids], ids)])
        ids = np.frombuffer(array("I", self._ids), dtype=np.uint32).astype(np.int64)
        return _pack(np.diff(ids, prepend=0))

    def _mini_weights(self):
        if self._byteids:
            return super()._mini_weights()
        if len(self._weights) <= SMALL_BLOCK:
            return _mini_weights_small(self._weights.tolist())
        weights = np.array(self._weights, dtype=np.float64)
        if (weights == 1.0).all():
            return None
        if (weights == weights[0]).all():
            return float(weights[0])
        if (weights >= 0).all() and (weights == np.floor(weights)).all() and weights.max() < 2**32:
            return _pack(weights.astype(np.int64))
        return b"d" + weights.astype("<f8").tobytes()

    def _mini_values(self):
        fixedsize = self._format.fixed_value_size()
        if self._joined is not None:  # from write_term
            if fixedsize is None or fixedsize < 0:
                lengths = self._value_lengths
                packed = (_pack_small(lengths) if len(lengths) <= SMALL_BLOCK
                          else _pack(np.frombuffer(lengths, dtype=np.uint32)))
                return packed, self._joined
            return self._joined if fixedsize else None
        if self._byteids or (fixedsize is not None and fixedsize >= 0):
            return super()._mini_values()
        values = self._values
        return (_pack(np.fromiter(map(len, values), dtype=np.int64, count=len(values))), b"".join(values))


def _mini_weights_small(weights: list) -> object:
    """:meth:`BlockPostingsWriter._mini_weights` of a short list of weights, without numpy."""
    first = weights[0]
    if weights.count(first) == len(weights):
        return None if first == 1.0 else first
    if min(weights) >= 0 and all(w.is_integer() for w in weights) and max(weights) < 2**32:
        return _pack_small([int(w) for w in weights])
    packed = array("d", weights)
    if not _LITTLE:
        packed.byteswap()
    return b"d" + packed.tobytes()


class _CountingFile(StructFile):
    """A file being written that knows its position: a buffered file's ``tell`` is a system call
    (``lseek``), and W3's writers ask for it for every term (two or three times: a few percent
    of an indexing worker's time)."""

    def __init__(self, structfile: StructFile):
        super().__init__(structfile.file, name=structfile._name, onclose=structfile.onclose)
        self.is_real = False  # so that write_array goes through write, which counts
        self._position = structfile.file.tell()

    def write(self, data) -> int:
        written = self.file.write(data)
        self._position += written
        return written

    def write_pickle(self, obj, protocol=-1) -> None:
        self.write(pickle.dumps(obj, protocol))

    def tell(self) -> int:
        return self._position

    def seek(self, *args):
        found = self.file.seek(*args)
        self._position = self.file.tell()
        return found


class BlockFieldWriter(W3FieldWriter):
    """W3's field writer that also takes a term's postings all at once (:meth:`add_term`), and
    that knows the positions in the files it writes (:class:`_CountingFile`)."""

    def _create_file(self, ext):
        return _CountingFile(super()._create_file(ext))

    def add_term(self, btext: bytes, ids: array, weights: array, lengths: array, joined: bytes):
        """Write the term ``btext`` of the current field (see :meth:`BlockPostingsWriter.write_term`)."""
        terminfo = self._postwriter.write_term(self._format, ids, weights, lengths, joined)
        self._tindex.add(pack_ushort(self._fieldid) + btext, terminfo.to_bytes())


class BlockLeafMatcher(W3LeafMatcher):
    """W3's leaf matcher over packed blocks: what Whoosh's own queries use on these segments."""

    def _read_ids(self):
        if self._data is None:
            self._read_data()
        self._ids = np.cumsum(_unpack(self._data[0]), dtype=np.int64).tolist()

    def _read_weights(self):
        if self._data is None:
            self._read_data()
        self._weights = _weights(self._data[1], self._blocklength).tolist()

    def _read_values(self):
        if self._data is None:
            self._read_data()
        fixedsize = self._fixedsize
        if fixedsize is not None and fixedsize >= 0:
            return super()._read_values()
        lengths, joined = self._data[2]
        ends = np.cumsum(_unpack(lengths)).tolist()
        self._values = tuple(joined[start:end] for start, end in zip([0, *ends], ends))


def _weights(packed, count: int) -> np.ndarray:
    if packed is None:
        return np.ones(count)
    if isinstance(packed, float):
        return np.full(count, packed)
    return _unpack(packed).astype(np.float64)


def block_arrays(matcher: BlockLeafMatcher):
    """The matcher's postings a block at a time, as (document numbers, weights, value lengths,
    joined values), decoded with numpy; value lengths and values are None for a field without
    values of variable size."""
    while matcher.is_active():
        matcher._read_data()  # noqa: SLF001 -- Whoosh 2.7.4 (pinned) block reader
        packed_ids, packed_weights, values = matcher._data  # noqa: SLF001
        ids = np.cumsum(_unpack(packed_ids), dtype=np.int64)
        weights = _weights(packed_weights, len(ids))
        if isinstance(values, tuple):
            yield ids, weights, _unpack(values[0]).astype(np.int64), values[1]
        else:
            yield ids, weights, None, None
        matcher._next_block()  # noqa: SLF001


class BlockCodec(W3Codec):
    """The W3 codec with :class:`BlockPostingsWriter` and :class:`BlockLeafMatcher`, and blocks
    of 1,024 postings instead of 128: the fixed cost of a block (its header, a decompression,
    a few numpy calls) then halves the time to read a common word again. Whoosh's block-skipping
    top-k search, which small blocks serve, is not what ranks our pages (indexer.ranking)."""

    def __init__(self, blocklimit: int = 1024, compression: int = 3, inlinelimit: int = 1):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def postings_writer(self, dbfile, byteids=False):
        return BlockPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                   compression=self._compression, inlinelimit=self._inlinelimit)

    def field_writer(self, storage, segment):
        return BlockFieldWriter(self, storage, segment)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return ListMatcher(ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo)
        offset, length = terminfo.extent()
        return BlockLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)
