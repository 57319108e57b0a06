"""A letter as the index stores it: its JSON, compressed with zstd and a dictionary trained on the
index's own letters.

Whoosh compresses each document's stored fields on their own (zlib), which gets a letter's JSON
to about 0.43 of its size: the stored letters were over a third of the index (issue 8). Letters
share much of their wording (headings, set phrases, the JSON's field names), and a dictionary
hands that to the compressor: 0.14 on the generated corpus, 0.31 on real letters.

An index generation keeps every dictionary it has used as ``letters-<id>.zdict`` (64 KB at
most). A stored letter names its dictionary in its zstd frame header (0: none), so letters
written before the generation had a dictionary, or with an older one, still read. The index
writer trains a dictionary when a run brings enough letters to a generation that has none
(``indexer.store.Writer.train_dictionary``), and writes it durably before it compresses a letter
with it.

The zstd frame is stored as base64 text, not as bytes: Whoosh pickles the stored fields with
pickle protocol 2, which writes ``bytes`` as latin-1 text, and that took 1.25 times the frame's
size after Whoosh's zlib; base64 text takes 1.03 times.
"""
from __future__ import annotations

import base64
import binascii
import functools
import json
import os
import threading
from pathlib import Path
from typing import Sequence, TypeVar

import zstandard

from indexer.errors import IndexError_

#: zstd's compression level: 6 and up save another 10-15% but compress 4 times slower, which a
#: 100,000-letter build would notice; reading is equally fast at any level.
LEVEL = 3
#: The size of a trained dictionary; twice as large saves 2-3% more.
DICTIONARY_BYTES = 64 * 1024
#: Letters a dictionary is trained on, spread over the run's files (100 do almost as well as 1,000).
SAMPLE_LETTERS = 500
#: The start of a long letter is enough to learn its wording from (and keeps training fast;
#: a Woo decision can run to megabytes).
SAMPLE_BYTES = 32 * 1024
#: With fewer letters no dictionary is trained: it would take more room than it saves, and zstd's
#: trainer needs a fair number of samples. A later run that brings enough trains one.
MIN_LETTERS = 50
#: zstd leaves dictionary ids below 32768 to registered dictionaries; ours count up from here,
#: so every dictionary of a generation has its own id and the newest has the highest.
FIRST_ID = 32768

T = TypeVar("T")
#: Per thread: its decompressors and its dictionary-less encoder (zstd contexts are not thread-safe).
_local = threading.local()


class StoredLetterUnreadable(IndexError_):
    """A stored letter cannot be read back: its dictionary is missing or damaged, or the letter is."""


def dictionary_path(folder: Path | str, dict_id: int) -> Path:
    return Path(folder) / f"letters-{dict_id}.zdict"


def dictionary_ids(folder: Path | str) -> list[int]:
    """The ids of the dictionaries in a generation folder, oldest first."""
    ids = []
    for entry in os.scandir(folder):
        stem, _, ext = entry.name.rpartition(".")
        if ext == "zdict" and stem.startswith("letters-") and stem[8:].isdigit():
            ids.append(int(stem[8:]))
    return sorted(ids)


def next_dictionary_id(folder: Path | str) -> int:
    return max(dictionary_ids(folder), default=FIRST_ID - 1) + 1


def sample(items: Sequence[T], size: int = SAMPLE_LETTERS) -> list[T]:
    """``size`` of ``items`` spread evenly over them (all when there are no more). A run's files
    are sorted by path, so a stretch of them is often one kind of letter from one source."""
    if len(items) <= size:
        return list(items)
    return [items[i * len(items) // size] for i in range(size)]


def train(json_texts: Sequence[str], dict_id: int) -> bytes | None:
    """A dictionary with id ``dict_id`` trained on letters' JSON; None when there are fewer than
    :data:`MIN_LETTERS` or zstd cannot learn from them (letters of a few words)."""
    if len(json_texts) < MIN_LETTERS:
        return None
    samples = [text.encode("utf-8")[:SAMPLE_BYTES] for text in json_texts]
    try:
        # k and d fixed: left open, zstd tries several and takes five times as long for the same
        # ratio on letters. The same sample then always gives the same dictionary.
        trained = zstandard.train_dictionary(DICTIONARY_BYTES, samples, k=200, d=8, dict_id=dict_id)
    except zstandard.ZstdError:
        return None
    return trained.as_bytes()


class Encoder:
    """Compresses letters' JSON with one dictionary (or none). Not for use from several threads
    at once (a zstd context is not): each index writer and worker process has its own."""

    def __init__(self, dictionary: bytes | None = None):
        compression_dict = None
        self.dictionary_id: int | None = None
        if dictionary is not None:
            compression_dict = zstandard.ZstdCompressionDict(dictionary, dict_type=zstandard.DICT_TYPE_FULLDICT)
            compression_dict.precompute_compress(level=LEVEL)  # a damaged one fails here, not mid-run
            self.dictionary_id = compression_dict.dict_id()
        # The checksum (4 bytes) turns a damaged dictionary or blob into an error, not garbage.
        self._compressor = zstandard.ZstdCompressor(level=LEVEL, dict_data=compression_dict, write_checksum=True)

    @classmethod
    def for_folder(cls, folder: Path | str) -> "Encoder":
        """An encoder with the newest dictionary of the generation at ``folder`` (none if it has none)."""
        ids = dictionary_ids(folder)
        if not ids:
            return cls()
        try:
            return cls(_dictionary_bytes(str(folder), ids[-1]))
        except zstandard.ZstdError:
            raise _damaged(dictionary_path(folder, ids[-1])) from None

    def encode(self, json_text: str) -> str:
        """What the index stores of a letter's JSON: the zstd frame, as base64 text."""
        return base64.b64encode(self._compressor.compress(json_text.encode("utf-8"))).decode("ascii")


def encode(json_text: str) -> str:
    """``json_text`` compressed without a dictionary (for letters written outside an indexing run)."""
    encoder = getattr(_local, "plain", None)
    if encoder is None:
        encoder = _local.plain = Encoder()
    return encoder.encode(json_text)


def decode(stored: str, folder: Path | str) -> dict:
    """The letter (its JSON, loaded) that the generation at ``folder`` stores as ``stored``.

    Safe from any thread: python-zstandard's decompressors must not be shared between threads
    (their docs; shared ones corrupt output or crash, indygreg/python-zstandard#244), so each
    thread has its own, with its own copy of the dictionary."""
    folder = str(folder)
    try:
        frame = base64.b64decode(stored, validate=True)
        dict_id = zstandard.get_frame_parameters(frame).dict_id
        text = _decompressor(folder, dict_id).decompress(frame)
    except (zstandard.ZstdError, binascii.Error) as exc:
        raise StoredLetterUnreadable(
            f"Een opgeslagen brief in de index {folder} is niet te lezen ({exc}). "
            f"Bouw de index opnieuw met: vraagbaak index PAD... --rebuild") from exc
    return json.loads(text)


def dictionary_id(stored: str) -> int:
    """The id of the dictionary a stored letter was compressed with (0: none)."""
    return zstandard.get_frame_parameters(base64.b64decode(stored)).dict_id


#: Decompressors one thread keeps: one per dictionary of the generations it reads (a rebuild
#: makes a new generation, so the older ones are dropped now and then).
MAX_DECOMPRESSORS = 16


def _decompressor(folder: str, dict_id: int) -> zstandard.ZstdDecompressor:
    cache = _local.__dict__.setdefault("decompressors", {})
    found = cache.get((folder, dict_id))
    if found is None:
        if len(cache) >= MAX_DECOMPRESSORS:
            cache.clear()
        dictionary = None
        if dict_id:
            dictionary = zstandard.ZstdCompressionDict(_dictionary_bytes(folder, dict_id),
                                                       dict_type=zstandard.DICT_TYPE_FULLDICT)
        found = cache[(folder, dict_id)] = zstandard.ZstdDecompressor(dict_data=dictionary)
    return found


@functools.lru_cache(maxsize=64)
def _dictionary_bytes(folder: str, dict_id: int) -> bytes:
    """A dictionary file's bytes, checked to be the dictionary ``dict_id`` (a file that lost its
    header would otherwise be taken as raw content and give garbage)."""
    path = dictionary_path(folder, dict_id)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoredLetterUnreadable(
            f"De index in {folder} mist het woordenboek {path.name} waarmee brieven zijn opgeslagen. "
            f"Bouw hem opnieuw met: vraagbaak index PAD... --rebuild") from None
    if zstandard.ZstdCompressionDict(data).dict_id() != dict_id:
        raise _damaged(path)
    return data


def _damaged(path: Path) -> StoredLetterUnreadable:
    return StoredLetterUnreadable(f"Het woordenboek {path} van de index is beschadigd. "
                                  f"Bouw de index opnieuw met: vraagbaak index PAD... --rebuild")
