"""The only module that opens, writes or swaps a Whoosh index.

Layout of an index directory::

    INDEX/CURRENT          name of the live generation (replaced atomically)
    INDEX/gen-<n>/         a Whoosh index, plus
        vraagbaak.json     the analyzer signature it was built with
        files.json         the manifest: every file seen, its hash and what became of it
        letters-<id>.zdict the dictionaries the stored letters are compressed with (see
                           indexer.stored_letters), each written before the commit that uses it
    INDEX/.lock            held by the one indexing run allowed at a time

A rebuild writes a new generation and only then points CURRENT at it, so searches keep using
the old one until the new one is complete; an interrupted run leaves CURRENT untouched.
Whoosh writers are always cancelled on error: a failed ``add_document`` otherwise leaves the
writer holding its lock and the next run fails with ``LockError``.

Durability: Whoosh never calls fsync, so after a power cut a commit's table of contents (TOC) could
name segment files whose data never reached the disk. Writers therefore use
:class:`DurableStorage`, which fsyncs every file of the index, then the new TOC, before the TOC is
renamed into place, and the folder after it; CURRENT and the manifest are replaced the same way
(file fsync, rename, folder fsync). A run killed at any point leaves the last commit readable
(tests/reliability/test_crash.py kills runs at many points to check it).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import itertools
import json
import os
import pickle
import shutil
import time
from pathlib import Path
from typing import Iterable

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import PostingPool, SegmentWriter

from indexer import stored_letters
from indexer.analysis import analyzer_signature
from indexer.codec import BlockCodec
from indexer.errors import IndexError_  # the base of the errors below; callers import it from here
from indexer.postings import index_columns
from indexer.schema import SCHEMA_VERSION, build_schema
from indexer.segments import PostingBuffer, write_postings

SIGNATURE_FILE = "vraagbaak.json"
MANIFEST_FILE = "files.json"


class IndexMissing(IndexError_):
    pass


class IndexMismatch(IndexError_):
    pass


class IndexBusy(IndexError_):
    pass


def _fsync_path(path: Path | str) -> None:
    """fsync a file or a folder (a folder's fsync makes a rename or a new name in it durable)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomically(path: Path, data: str | bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_path(path.parent)


class DurableStorage(FileStorage):
    """Whoosh's file storage with the fsyncs Whoosh leaves out (see the module docstring).

    Whoosh publishes a commit by renaming ``_MAIN_<n>.toc.<time>`` to ``_MAIN_<n>.toc``; every
    segment file of that commit is closed by then. So before that rename, fsync all files of
    the folder (already-synced ones cost next to nothing) and after it, the folder.
    """

    def rename_file(self, oldname, newname, safe=False):
        if newname.endswith(".toc"):
            for entry in os.scandir(self.folder):
                if entry.is_file(follow_symlinks=False):
                    _fsync_path(entry.path)
        super().rename_file(oldname, newname, safe=safe)
        _fsync_path(self.folder)


def _generation_number(path: Path) -> int:
    try:
        return int(path.name.split("-", 1)[1])
    except (IndexError, ValueError):
        return -1


class Store:
    """An index directory with its live generation; cheap to create, opens Whoosh lazily."""

    def __init__(self, root: Path | str, stemmer: str = "dutch_porter"):
        self.root = Path(root)
        self.stemmer = stemmer
        self._ix = None
        self._ix_generation = None

    # -- generations --------------------------------------------------------------------------
    def current_generation(self) -> Path | None:
        try:
            name = (self.root / "CURRENT").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        path = self.root / name
        return path if path.is_dir() else None

    def exists(self) -> bool:
        return self.current_generation() is not None

    def _new_generation(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        n = int(time.time() * 1000)
        while (self.root / f"gen-{n}").exists():
            n += 1
        path = self.root / f"gen-{n}"
        path.mkdir()
        schema = build_schema(self.stemmer)
        DurableStorage(str(path)).create_index(schema)
        _write_atomically(path / SIGNATURE_FILE, json.dumps(self.expected_signature(), indent=2))
        _write_atomically(path / MANIFEST_FILE, "{}")
        return path

    def _publish(self, generation: Path) -> None:
        """Point CURRENT at ``generation`` atomically, then remove the generations before the
        one it replaces. The replaced one stays until the next rebuild: a search that opened it
        just before the swap can still finish reading it."""
        previous = self.current_generation()
        _write_atomically(self.root / "CURRENT", generation.name)
        for old in self.root.glob("gen-*"):
            if old not in (generation, previous) and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)

    def _remove_interrupted_rebuilds(self) -> None:
        """Remove generations newer than CURRENT: left by a rebuild killed before its swap (only
        called under the run lock, so no other run is writing one)."""
        current = self.current_generation()
        floor = _generation_number(current) if current else -1
        for gen in self.root.glob("gen-*"):
            if gen != current and gen.is_dir() and _generation_number(gen) > floor:
                shutil.rmtree(gen, ignore_errors=True)

    def check_signature(self, generation: Path) -> None:
        try:
            recorded = json.loads((generation / SIGNATURE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            recorded = None
        expected = self.expected_signature()
        if recorded != expected:
            differs = {k for k in set(expected) | set(recorded or {}) if (recorded or {}).get(k) != expected.get(k)}
            if differs == {"schema_version"}:  # same analysis, the index's layout changed
                why = (f"door een andere versie van Vraagbaak (indeling v{recorded.get('schema_version')}; "
                       f"deze versie gebruikt v{expected['schema_version']})")
            else:
                why = f"met een andere analyse-instelling ({_describe(recorded)}; nu ingesteld: {_describe(expected)})"
            raise IndexMismatch(f"De index in {self.root} is gemaakt {why}. "
                                f"Bouw hem opnieuw met: vraagbaak index PAD... --rebuild")

    def expected_signature(self) -> dict:
        """What an index built now records: the analyzer's and the schema's versions."""
        return {**analyzer_signature(self.stemmer), "schema_version": SCHEMA_VERSION}

    def signature(self) -> dict | None:
        gen = self.current_generation()
        if gen is None:
            return None
        try:
            return json.loads((gen / SIGNATURE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    # -- reading ------------------------------------------------------------------------------
    def index(self):
        """The live Whoosh index, reopened when a rebuild has swapped in a new generation."""
        gen = self.current_generation()
        if gen is None:
            raise IndexMissing(
                f"Er is nog geen index in {self.root}. Maak er een met: vraagbaak index PAD..."
            )
        if self._ix is None or gen != self._ix_generation:
            self.check_signature(gen)
            self._ix = whoosh_index.open_dir(str(gen))
            self._ix_generation = gen
        return self._ix

    def commit_key(self, ix) -> tuple[str, int]:
        """What identifies the commit ``ix`` (from :meth:`index`) now shows: its generation folder
        and Whoosh's generation number. Document numbers are only stable within one commit."""
        return (ix.storage.folder, ix.latest_generation())

    @contextlib.contextmanager
    def searcher(self):
        """A searcher over the latest commit (Whoosh searchers are snapshots, so each use opens
        a fresh one: a request sees what was committed before it started)."""
        s = self.index().searcher()
        try:
            yield s
        finally:
            s.close()

    def manifest(self) -> dict:
        gen = self.current_generation()
        if gen is None:
            return {}
        try:
            return json.loads((gen / MANIFEST_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def added_times(self, manifest: dict | None = None) -> dict[str, "dt.datetime"]:
        """When each letter of the live index was first added, by id (empty without an index).

        Read from the manifest, where indexing runs record it: reading it from the index would
        load every stored letter (seconds for 100,000 letters, on every incremental run). An index
        filled without a manifest (:func:`indexer.build.index_letters`) is read instead.
        ``manifest``: the live manifest, when the caller has already read it."""
        times = {}
        for entry in (self.manifest() if manifest is None else manifest).values():
            if entry.get("id") and entry.get("added"):
                times[entry["id"]] = dt.datetime.fromisoformat(entry["added"])
        if times:
            return times
        try:
            ix = self.index()
        except IndexError_:
            return {}
        with ix.searcher() as s:
            return {d["id"]: d["added"] for d in s.all_stored_fields() if d.get("added")}

    def size_on_disk(self) -> int:
        gen = self.current_generation()
        return sum(f.stat().st_size for f in gen.iterdir() if f.is_file()) if gen else 0

    # -- writing ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self, timeout: float = 30.0):
        """Hold the index's run lock; a second indexer waits ``timeout`` seconds, then gives up
        with a message (Whoosh alone would fail at once with LockError)."""
        self.root.mkdir(parents=True, exist_ok=True)
        fh = open(self.root / ".lock", "w")
        deadline = time.monotonic() + timeout
        try:
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() >= deadline:
                        raise IndexBusy(
                            f"Een andere indexering loopt al op {self.root}; "
                            f"na {timeout:.0f} s wachten gestopt. Probeer het later opnieuw."
                        ) from None
                    time.sleep(0.2)
            yield
        finally:
            fh.close()

    @contextlib.contextmanager
    def writing(self, rebuild: bool = False, manifest: dict | None = None):
        """Yield a :class:`Writer`; commit when the block ends normally, cancel on any error.

        With ``rebuild`` (or when there is no index yet, or the live one was built with another
        analyzer and ``rebuild`` is set) the writes go to a new generation that replaces the live
        one only after its commit.
        """
        self._remove_interrupted_rebuilds()
        gen = self.current_generation()
        fresh = rebuild or gen is None
        if not fresh:
            self.check_signature(gen)
        target = self._new_generation() if fresh else gen
        ix = DurableStorage(str(target)).open_index()
        if manifest is None:  # the caller may bring the manifest it has read (100,000 entries)
            manifest = {} if fresh else self.manifest()
        w = LeanSegmentWriter(ix, limitmb=256)
        try:
            writer = Writer(w, manifest, str(target), fresh)  # reads the dictionary: may fail
            yield writer
        except BaseException:
            w.cancel()
            ix.close()
            if fresh:
                shutil.rmtree(target, ignore_errors=True)
            raise
        if writer.segments:
            _commit_with_segments(w, writer.segments)
        else:
            w.commit(optimize=fresh)
        _write_atomically(target / MANIFEST_FILE, json.dumps(writer.manifest, ensure_ascii=False))  # no indent: C encoder, 3 s less at 100k
        ix.close()
        if fresh:
            self._publish(target)
        self._ix = None


class Writer:
    """What the builder may do to an index: add/replace or delete a letter, keep the manifest,
    take in segments that :class:`SegmentBuilder` processes wrote into ``path``, and train the
    dictionary its letters are stored with."""

    def __init__(self, whoosh_writer, manifest: dict, path: str, fresh: bool):
        self._w = whoosh_writer
        self.manifest = manifest
        self.path = path
        self.fresh = fresh  # no earlier letters to replace: a new index or a rebuild
        self.segments: list = []
        #: Compresses the letters to store (``letter_document(..., encode=writer.letter_encoder.encode)``)
        #: with the generation's newest dictionary.
        self.letter_encoder = stored_letters.Encoder.for_folder(path)

    @property
    def needs_dictionary(self) -> bool:
        """Whether the generation has no dictionary yet: the run should offer a sample of its
        letters to :meth:`train_dictionary`."""
        return self.letter_encoder.dictionary_id is None

    def train_dictionary(self, sample: list[str]) -> bool:
        """Train a dictionary on ``sample`` (letters' JSON, see ``stored_letters.sample``) and
        compress with it from now on; False when there are too few letters to train on.

        The file is durable (fsync, rename, folder fsync) before this returns, so before any
        letter compressed with it can be committed: an interrupted run never leaves a letter
        without its dictionary. Worker processes read it from the folder."""
        dict_id = stored_letters.next_dictionary_id(self.path)
        dictionary = stored_letters.train(sample, dict_id)
        if dictionary is None:
            return False
        _write_atomically(stored_letters.dictionary_path(self.path, dict_id), dictionary)
        self.letter_encoder = stored_letters.Encoder(dictionary)
        return True

    def add_segment(self, segment, dropped: Iterable[int] = ()) -> None:
        """Commit ``segment`` (from :meth:`SegmentBuilder.finish`) with this writer, without the
        documents numbered ``dropped`` (a letter also read from a richer file)."""
        for docnum in dropped:
            segment.delete_document(docnum)
        self.segments.append(segment)

    def put(self, document: dict) -> None:
        """Add a letter, replacing the one with its id."""
        self._w.update_document(**document)

    def add(self, document: dict) -> None:
        """Add a letter whose earlier version is already deleted (or that is new): cheaper than
        :meth:`put`, which looks the id up first."""
        self._w.add_document(**document)

    def delete(self, letter_id: str) -> None:
        self._w.delete_by_term("id", letter_id)


def _commit_with_segments(w, segments: list) -> None:
    """Commit the writer ``w`` together with finished segments, as Whoosh's ``MpWriter`` does
    with its workers' segments (``multisegment=True``): the segments join the table of contents
    as they are, without being merged (merging would rewrite every posting once more)."""
    final = w._merge_segments(None, False, True)
    if w._added:
        final.append(w._finalize_segment())
    else:
        w._close_segment()
    w._commit_toc(final + segments)
    w._finish()


class _PostingPool(PostingPool):
    """Whoosh's posting pool without its per-posting type assertions and exact size sums (an
    estimate does: it only decides when a sorted run goes to a temporary file), and with its
    runs pickled in chunks: Whoosh pickles each posting on its own, which made writing and
    reading back the runs a fifth of a large run's time."""

    RUN_CHUNK = 10_000

    def add(self, item):
        self.currentsize += 150 + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def _write_run(self, f, items):
        items = iter(items)
        while chunk := list(itertools.islice(items, self.RUN_CHUNK)):
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


class LeanSegmentWriter(SegmentWriter):
    """Whoosh's segment writer with two per-posting costs taken out: the pool above, and the
    length lookup per posting when postings are written (Whoosh reads each document's field
    length back from disk to keep the shortest length per block of postings, which only tightens
    the score bound of ``optimize=True`` searches; without it the bound is looser, still safe)."""

    def __init__(self, ix, limitmb: int = 128, **kwargs):
        kwargs.setdefault("codec", BlockCodec())  # posting blocks numpy can read (indexer.codec)
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = _PostingPool(self._tempstorage, self.newsegment, limitmb=limitmb)

    def _flush_segment(self):
        self.perdocwriter.close()
        self.fieldwriter.add_postings(self.schema, None, self.pool.iter_postings())
        self.fieldwriter.close()


class SegmentBuilder:
    """One new segment of the index at ``path``, written by a worker process of a parallel
    indexing run (indexer.parallel). Whoosh's writer is pure Python, so one writer uses one core;
    each worker writes its own segment and the run's :class:`Writer` commits them all at once.

    Postings skip Whoosh's per-posting pool (:class:`indexer.segments.PostingBuffer`); what a
    letter has once (stored fields, field lengths, columns) goes to Whoosh's per-document writer
    as ``SegmentWriter.add_document`` sends it. The segment is not compound (assembling would copy
    every byte once more) and the shared temporary folder is left to the committing writer,
    which removes it.
    """

    def __init__(self, path: str, limitmb: int = 256):
        ix = DurableStorage(path).open_index()
        self._storage, self._schema = ix.storage, ix.schema
        ix.close()
        self._codec = BlockCodec()
        self._segment = self._codec.new_segment(self._storage, ix.indexname)
        self._perdoc = self._codec.per_document_writer(self._storage, self._segment)
        self._postings = PostingBuffer(self._storage.temp_storage(f"{ix.indexname}.tmp"), limitmb)
        self._docnum = 0

    def add(self, document: dict) -> int:
        """Add a letter's index document; returns its number within this segment."""
        docnum, schema, perdoc = self._docnum, self._schema, self._perdoc
        perdoc.start_doc(docnum)
        for name in sorted(document):  # Whoosh's order: it decides the stored fields' order
            value = document[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                postings = index_columns(field, value)
                if isinstance(postings, tuple):
                    terms, freqs, weights, values = postings
                    self._postings.add(name, docnum, (terms, weights, values))
                    if field.scorable:
                        length = sum(freqs)
                else:
                    self._postings.add(name, docnum, postings, field.format.field_boost)
                    length = postings.length
            perdoc.add_field(name, field, value if field.stored else None, length)
            if field.column_type:
                perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        perdoc.finish_doc()
        self._postings.spill_if_full()
        self._docnum += 1
        return docnum

    def finish(self):
        """Write the segment out and return it (picklable), or None when nothing was added."""
        if not self._docnum:
            self.abandon()
            return None
        self._perdoc.close()
        fieldwriter = self._codec.field_writer(self._storage, self._segment)
        write_postings(fieldwriter, self._schema, self._postings)
        fieldwriter.close()
        self._segment.set_doc_count(self._docnum)
        return self._segment

    def abandon(self) -> None:
        if not self._perdoc.is_closed:
            self._perdoc.close()
        self._postings.cleanup()


def _describe(signature: dict | None) -> str:
    if not signature:
        return "onbekend"
    return (f"{signature.get('analyzer')} v{signature.get('analyzer_version')}, schema v{signature.get('schema_version')}, "
            f"stemmer {signature.get('stemmer')}, snowballstemmer {signature.get('snowballstemmer')}"
            f" ({signature.get('stemmer_implementation', 'Python')})")
