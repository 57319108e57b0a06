"""Parsing and indexing in worker processes, for runs with many files.

Whoosh's writer is pure Python, so one process indexes on one core, and parsing takes a third of
the time besides. For a large run the builder hands the files to one worker process per core:
each worker parses its share of the files and adds the letters to an index segment of its own
(:class:`indexer.store.SegmentBuilder`); the run's writer then commits all the segments at once.
Whoosh's own ``MpWriter`` parallelises only the writing, and would leave every file to be parsed
in the parent process.

The parent hears back, per file, what became of it (the letter's id, or why it was skipped), so
the builder can keep its manifest and choose the richest format of a letter afterwards.

A generation without a dictionary for its stored letters (``indexer.stored_letters``) gets one
before any worker compresses a letter: the first jobs are a sample spread over all the files,
whose letters' JSON the workers send to the parent, which trains the dictionary (a few hundredths
of a second), writes it into the generation and lets the workers go on. The sample is parsed
once, by the workers, as part of their share; a worker only waits for the dictionary when it has
a letter to add and every sample job has been taken.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import queue
import traceback
from dataclasses import dataclass
from typing import Iterator

from indexer import stored_letters
from indexer.digests import ToRead
from indexer.letters import Letter, NotALetter
from indexer.parse import format_of, parse_file
from indexer.schema import letter_document, letter_json
from indexer.store import IndexError_, SegmentBuilder, Writer

#: Files per job handed to a worker: big enough that queueing costs nothing, small enough that
#: the progress bar moves and both workers finish at about the same time.
CHUNK = 40
#: Files per sample job: small, so that the workers finish the sample at about the same time.
SAMPLE_CHUNK = 10
#: Below this many files to parse, worker start-up (about half a second) is not worth it.
MIN_FILES = 400
#: Memory for each worker's posting buffer before it spills to a temporary file
#: (indexer.segments; about 20 bytes a posting, so some 5 million postings). Writing the
#: buffer out briefly takes about as much again. At 128 the two workers and the parent of a
#: 100,000-letter build peaked at 1.47-1.54 GB together (bench/indexing.py; the limit is 1.5).
WORKER_LIMIT_MB = 96


class WorkerFailed(IndexError_):
    """A worker process failed or died; the run stops and the live index stays as it was."""


@dataclass
class Outcome:
    """What became of one file in a worker."""

    path: str
    digest: str | None  # None: the file could not be read (``reason`` says why)
    letter_id: str | None = None
    format: str | None = None
    pairs: int = 0
    reason: str | None = None  # why it was skipped
    worker: int = -1
    docnum: int = -1  # within the worker's segment


def worker_count() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parse_and_index(jobs: list[ToRead], writer: Writer, added: dict, now: dt.datetime,
                    workers: int) -> "Run":
    """Start ``workers`` processes on ``jobs`` (the files to read); iterate the returned
    run for the outcomes as they arrive, then call its ``finish`` to hand the segments to the
    writer."""
    return Run(jobs, writer, added, now, workers)


class Run:
    def __init__(self, jobs, writer: Writer, added: dict, now: dt.datetime, workers: int):
        self._jobs = jobs
        self._writer = writer
        # fork: a spawned worker would re-run the calling script's top level (every script that
        # indexes would need a ``__main__`` guard), and start up slower. The parent holds no
        # threads or locks a worker touches: the worker opens the index afresh.
        ctx = multiprocessing.get_context("fork")
        self._todo = ctx.Queue()
        self._done = ctx.Queue()
        self._dictionary_ready = ctx.Event()
        files = list(jobs)
        self._sample = stored_letters.sample([str(job.path) for job in files]) if writer.needs_dictionary else []
        self._sample_texts: dict[str, str] = {}
        self._sample_jobs = 0
        sampled = set(self._sample)
        first = [job for job in files if str(job.path) in sampled]
        for start in range(0, len(first), SAMPLE_CHUNK):
            self._todo.put((True, first[start:start + SAMPLE_CHUNK]))
            self._sample_jobs += 1
        if not self._sample_jobs:
            self._dictionary_ready.set()
        rest = [job for job in files if str(job.path) not in sampled]
        for start in range(0, len(rest), CHUNK):
            self._todo.put((False, rest[start:start + CHUNK]))
        self._procs = []
        for number in range(workers):
            self._todo.put(None)
            proc = ctx.Process(target=_work, daemon=True, name=f"vraagbaak-index-{number}",
                               args=(number, writer.path, added, now, self._todo, self._done, self._dictionary_ready))
            proc.start()
            self._procs.append(proc)
        self.segments: dict[int, object] = {}

    def __len__(self) -> int:
        return len(self._jobs)

    def __iter__(self) -> Iterator[Outcome]:
        try:
            while len(self.segments) < len(self._procs):
                kind, number, payload = self._next()
                if kind == "files":
                    yield from payload
                elif kind == "sample":
                    self._take_sample(payload)
                elif kind == "segment":
                    self.segments[number] = payload
                else:
                    raise WorkerFailed(f"Indexeerproces {number} faalde; de vorige index is onveranderd.\n{payload}")
            for proc in self._procs:
                proc.join()
        except BaseException:
            self.stop()
            raise

    def _next(self):
        while True:
            try:
                return self._done.get(timeout=0.5)
            except queue.Empty:
                dead = [p for p in self._procs if p.exitcode not in (None, 0)]
                if dead:
                    raise WorkerFailed(f"Indexeerproces {dead[0].name} stopte onverwacht (exitcode "
                                       f"{dead[0].exitcode}); de vorige index is onveranderd.") from None

    def _take_sample(self, texts: dict[str, str]) -> None:
        """Keep the letters of one sample job (path → JSON); after the last, train the
        generation's dictionary from them in sample order, and let the workers go on."""
        self._sample_texts.update(texts)
        self._sample_jobs -= 1
        if self._sample_jobs == 0:
            self._writer.train_dictionary([self._sample_texts[p] for p in self._sample if p in self._sample_texts])
            self._dictionary_ready.set()

    def finish(self, dropped: dict[int, list[int]]) -> None:
        """Hand every worker's segment to the writer, without the ``dropped`` documents
        (worker → docnums of letters that a richer file of the same letter replaces)."""
        for number, segment in sorted(self.segments.items()):
            if segment is not None:
                self._writer.add_segment(segment, dropped.get(number, ()))

    def stop(self) -> None:
        for proc in self._procs:
            if proc.is_alive():
                proc.terminate()
        for proc in self._procs:
            proc.join(timeout=5)


def _work(number: int, path: str, added: dict, now: dt.datetime, todo, done, dictionary_ready) -> None:
    """A worker: parse and index jobs until told to stop, then write out the segment.

    Jobs are ``(in_sample, files)``. Letters wait to be added until the generation's dictionary
    is settled; the worker sends a sample job's letters to the parent and, while the dictionary
    is not ready, takes the next job rather than wait: the parent may need the sample jobs still
    in the queue to train it."""
    try:
        builder = SegmentBuilder(path, WORKER_LIMIT_MB)
        parent = os.getppid()
        encoder = None
        waiting: list[tuple[Outcome, Letter | None]] = []
        for in_sample, files in iter(todo.get, None):
            parsed = [parse_one(job, number) for job in files]
            if in_sample:  # training reads no more than SAMPLE_BYTES of a letter: send no more
                done.put(("sample", number, {o.path: letter_json(letter)[:stored_letters.SAMPLE_BYTES]
                                             for o, letter in parsed if letter}))
            waiting += parsed
            if encoder is None and in_sample and not dictionary_ready.is_set():
                continue
            encoder = encoder or _encoder_when_ready(path, dictionary_ready, parent)
            done.put(("files", number, [_add(builder, encoder, o, letter, added, now) for o, letter in waiting]))
            waiting = []
        if waiting:  # the last jobs this worker took were sample jobs
            encoder = _encoder_when_ready(path, dictionary_ready, parent)
            done.put(("files", number, [_add(builder, encoder, o, letter, added, now) for o, letter in waiting]))
        done.put(("segment", number, builder.finish()))
    except BaseException:
        done.put(("error", number, traceback.format_exc()))


def _encoder_when_ready(path: str, dictionary_ready, parent: int) -> stored_letters.Encoder:
    """The encoder with the generation's newest dictionary, once the parent has settled it."""
    while not dictionary_ready.wait(1.0):
        if os.getppid() != parent:  # the run was killed: no dictionary is coming
            os._exit(1)
    return stored_letters.Encoder.for_folder(path)


def parse_one(job: ToRead, worker: int = -1) -> tuple[Outcome, Letter | None]:
    """Hash (unless known) and parse one file: what became of it, and the letter if it is one."""
    path = job.path
    try:
        digest = job.digest()
    except OSError as exc:
        return Outcome(str(path), None, reason=f"niet te lezen: {exc.strerror or exc}", worker=worker), None
    outcome = Outcome(str(path), digest, worker=worker)
    try:
        letter = parse_file(path)
    except NotALetter as exc:
        outcome.reason = str(exc)
        return outcome, None
    except Exception as exc:  # a parser bug must not stop the run: report it by name
        outcome.reason = f"onverwachte fout bij het lezen ({type(exc).__name__}: {exc})"
        return outcome, None
    outcome.letter_id = letter.id
    outcome.format = letter.format or format_of(path)
    outcome.pairs = len(letter.pairs)
    return outcome, letter


def _add(builder: SegmentBuilder, encoder: stored_letters.Encoder, outcome: Outcome, letter: Letter | None,
         added: dict, now: dt.datetime) -> Outcome:
    if letter is not None:
        outcome.docnum = builder.add(letter_document(letter, added.get(letter.id, now), encoder.encode))
    return outcome
