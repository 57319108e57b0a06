"""Run one indexing run and SIGKILL it at a chosen point:
``crash_run.py INDEX HOOK N [--rebuild] [--workers=K] PATH...``.

HOOK names a function; the run kills itself just before its N-th call (``HOOK+``: just after).
The hooks cover every phase: parsing (``parse``), adding documents (``put``), handing a worker's
segment to the commit (``segment``, with ``--workers=2``: indexer.parallel), Whoosh writing
segment and TOC files (``create_file``), our fsyncs (``fsync``), the TOC rename that publishes a
commit (``toc_rename``), the manifest/CURRENT replacements (``replace``: in a rebuild the last
one is the swap) and removing old generations (``rmtree``). ``none 0`` runs without a kill.
Exit status 0 when the run finished before the kill point.
"""
from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path


def _install(hook: str, n: int) -> None:
    import indexer.parallel as parallel
    import indexer.store as store
    from whoosh.filedb.filestore import FileStorage

    after = hook.endswith("+")
    name = hook.rstrip("+")
    targets = {
        "parse": (parallel, "parse_file"),  # where a run's files are parsed (parallel.parse_one)
        "put": (store.Writer, "add"),
        "segment": (store.Writer, "add_segment"),
        "worker_add": (store.SegmentBuilder, "add"),  # kills a worker process, not the run
        "create_file": (FileStorage, "create_file"),
        "fsync": (os, "fsync"),
        "toc_rename": (store.DurableStorage, "rename_file"),
        "replace": (os, "replace"),
        "rmtree": (shutil, "rmtree"),
    }
    owner, attr = targets[name]
    original = getattr(owner, attr)
    calls = [0]

    def wrapper(*args, **kwargs):
        calls[0] += 1
        if calls[0] == n and not after:
            os.kill(os.getpid(), signal.SIGKILL)
        result = original(*args, **kwargs)
        if calls[0] == n and after:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(owner, attr, wrapper)


def main(argv: list[str]) -> int:
    index, hook, n, *rest = argv
    rebuild = "--rebuild" in rest
    workers = next((int(a.split("=", 1)[1]) for a in rest if a.startswith("--workers=")), None)
    paths = [Path(p) for p in rest if not p.startswith("--")]
    if hook != "none":
        _install(hook, int(n))
    from indexer.build import build_index
    from indexer.store import Store

    build_index(paths, Store(index), rebuild=rebuild, lock_timeout=5, workers=workers)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
