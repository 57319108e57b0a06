"""Parsing and indexing in worker processes, for runs with many files.

Whoosh's writer is pure Python, so one process indexes on one core, and parsing takes a third of
the time besides. For a large run the builder hands the files to one worker process per core:
each worker parses its share of the files and adds the letters to an index segment of its own
(:class:`indexer.store.SegmentBuilder`); the run's writer then commits all the segments at once.
Whoosh's own ``MpWriter`` parallelises only the writing, and would leave every file to be parsed
in the parent process.

The parent hears back, per file, what became of it (the letter's id, or why it was skipped), so
the builder can keep its manifest and choose the richest format of a letter afterwards.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import queue
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from indexer.letters import NotALetter
from indexer.parse import format_of, parse_file
from indexer.schema import letter_document
from indexer.store import IndexError_, SegmentBuilder, Writer

#: Files per job handed to a worker: big enough that queueing costs nothing, small enough that
#: the progress bar moves and both workers finish at about the same time.
CHUNK = 40
#: Below this many files to parse, worker start-up (about half a second) is not worth it.
MIN_FILES = 400
#: Memory for each worker's posting buffer before it spills to a temporary file
#: (indexer.segments; about 20 bytes a posting, so some 6 million postings). Writing the
#: buffer out briefly takes about as much again.
WORKER_LIMIT_MB = 128


class WorkerFailed(IndexError_):
    """A worker process failed or died; the run stops and the live index stays as it was."""


@dataclass
class Outcome:
    """What became of one file in a worker."""

    path: str
    digest: str
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


def parse_and_index(jobs: list[tuple[Path, str]], writer: Writer, added: dict, now: dt.datetime,
                    workers: int) -> "Run":
    """Start ``workers`` processes on ``jobs`` ((path, content hash) pairs); iterate the returned
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
        for start in range(0, len(jobs), CHUNK):
            self._todo.put([(str(p), d) for p, d in jobs[start:start + CHUNK]])
        self._procs = []
        for number in range(workers):
            self._todo.put(None)
            proc = ctx.Process(target=_work, daemon=True, name=f"vraagbaak-index-{number}",
                               args=(number, writer.path, added, now, self._todo, self._done))
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


def _work(number: int, path: str, added: dict, now: dt.datetime, todo, done) -> None:
    """A worker: parse and index jobs until told to stop, then write out the segment."""
    try:
        builder = SegmentBuilder(path, WORKER_LIMIT_MB)
        while (job := todo.get()) is not None:
            done.put(("files", number, [_index_one(builder, number, Path(p), d, added, now) for p, d in job]))
        done.put(("segment", number, builder.finish()))
    except BaseException:
        done.put(("error", number, traceback.format_exc()))


def _index_one(builder: SegmentBuilder, number: int, path: Path, digest: str, added: dict,
               now: dt.datetime) -> Outcome:
    outcome = Outcome(str(path), digest, worker=number)
    try:
        letter = parse_file(path)
    except NotALetter as exc:
        outcome.reason = str(exc)
        return outcome
    except Exception as exc:  # a parser bug must not stop the run: report it by name
        outcome.reason = f"onverwachte fout bij het lezen ({type(exc).__name__}: {exc})"
        return outcome
    outcome.letter_id = letter.id
    outcome.format = letter.format or format_of(path)
    outcome.pairs = len(letter.pairs)
    outcome.docnum = builder.add(letter_document(letter, digest, added.get(letter.id, now)))
    return outcome
