"""Case 7: locust (a second process) with 16 concurrent clients against the real server: zero
errors, p95 reported. Short here; ``pytest -m slow`` (or bench/load.py) runs 60 s over 10k letters."""
from __future__ import annotations

import importlib.util

import pytest

from support import ROOT

spec = importlib.util.spec_from_file_location("bench_load", ROOT / "bench" / "load.py")
load = importlib.util.module_from_spec(spec)
spec.loader.exec_module(load)


def _run(tmp_path, n: int, seconds: int) -> dict:
    index = load.prepare(tmp_path, n)
    stats = load.run(index, tmp_path, users=16, seconds=seconds)
    total = stats["Aggregated"]
    print(f"\nload {n} letters, 16 users, {seconds} s: {total['requests']} requests, {total['failures']} failures, "
          f"p50 {total['p50']:.0f} ms, p95 {total['p95']:.0f} ms, p99 {total['p99']:.0f} ms")
    assert total["requests"] > 20
    assert total["failures"] == 0
    return stats


def test_load_short(tmp_path):
    _run(tmp_path, 150, 10)


@pytest.mark.slow
def test_load_60s_10k(tmp_path):
    _run(tmp_path, 10_000, 60)
