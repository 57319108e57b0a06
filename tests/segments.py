"""An index with several segments and deleted letters, as months of incremental runs leave it:
what the numpy ranking and phrase matching must agree with Whoosh on."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest
from whoosh import collectors

from indexer.build import build_index
from indexer.search import _Allowed
from indexer.store import Store


def index_in_three_runs(paths: list[Path], live: Path, store: Store, edit: Callable[[str], str],
                        every: int) -> Store:
    """Letters 0–59 in a first run; every ``every``-th of them changed by ``edit`` (old version
    deleted, new one in a new segment) and 60–109 added in a second; the rest added and every
    seventh of the first sixty removed in a third."""
    live.mkdir(exist_ok=True)
    for path in paths[:60]:
        shutil.copy(path, live / path.name)
    build_index([live], store, workers=1)
    for path in paths[:60:every]:
        target = live / path.name
        target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")
    for path in paths[60:110]:
        shutil.copy(path, live / path.name)
    build_index([live], store, workers=1)
    for path in paths[110:]:
        shutil.copy(path, live / path.name)
    for path in paths[1:60:7]:
        (live / path.name).unlink()
    build_index([live], store, workers=1)
    return store


def whoosh_ranking(c, q, matched, limit=None):
    """Whoosh's collector over ``matched``: with a limit above the number of matches its heap
    never fills, so it skips nothing and gives the complete order (score, then docnum)."""
    collector = collectors.TopCollector(limit=limit or c.size + 1, replace=0)
    collector = collectors.FilterCollector(collector, allow=_Allowed(matched))
    c.searcher.search_with_collector(q, collector)
    return [(hit.docnum, hit.score) for hit in collector.results()]


def assert_same(got, want):
    """The same documents in the same order, with the same scores (to 1e-9)."""
    assert [d for d, _ in got] == [d for d, _ in want]
    for (_, a), (_, b) in zip(got, want):
        assert a == pytest.approx(b, rel=1e-9, abs=0)
