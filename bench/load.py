#!/usr/bin/env python3
"""Load test: locust (a second process) against the real server over a generated index.

    .venv/bin/python bench/load.py -n 10000 --users 16 --seconds 60

Generates N letters (corpus/generate.py), indexes them (kept in bench/out/load-N/ for re-runs),
starts ``python -m search_app`` (gunicorn) on a free port, runs locust headless with
bench/load_locustfile.py and prints requests, failures, p50/p95/p99 per route; exit status 1 on
any failure. tests/reliability/test_load.py runs a short version.
"""
from __future__ import annotations

import argparse
import csv
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def prepare(workdir: Path, n: int) -> Path:
    corpus, index = workdir / "corpus", workdir / "index"
    if not (index / "CURRENT").exists():
        subprocess.run([sys.executable, str(ROOT / "corpus" / "generate.py"), str(corpus), "-n", str(n)], check=True)
        subprocess.run([str(BIN / "vraagbaak"), "index", str(corpus), "--index-dir", str(index), "-q"], check=True)
    ids = workdir / "ids.txt"
    ids.write_text("\n".join(sorted({p.name.split(".")[0] for p in corpus.rglob("*.*")
                                     if not p.name.endswith(".metadata.xml")})))
    return index


def run(index: Path, workdir: Path, users: int, seconds: int, threads: int = 8) -> dict:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, VRAAGBAAK_INDEX=str(index), VRAAGBAAK_SAVED_DB=str(workdir / "saved.sqlite3"),
               VRAAGBAAK_THREADS=str(threads))
    server = subprocess.Popen([sys.executable, "-m", "search_app", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        prefix = workdir / "locust"
        subprocess.run([str(BIN / "locust"), "-f", str(ROOT / "bench" / "load_locustfile.py"), "--headless",
                        "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", base,
                        "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR"],
                       env=dict(os.environ, VRAAGBAAK_LOAD_IDS=str(workdir / "ids.txt")), cwd=ROOT,
                       check=False, capture_output=True, timeout=seconds + 120)
    finally:
        server.terminate()
        server.wait(timeout=15)
    with open(f"{prefix}_stats.csv", newline="") as fh:
        rows = {r["Name"]: r for r in csv.DictReader(fh)}
    return {name: {"requests": int(r["Request Count"]), "failures": int(r["Failure Count"]),
                   "p50": float(r["50%"]), "p95": float(r["95%"]), "p99": float(r["99%"]),
                   "rps": float(r["Requests/s"])} for name, r in rows.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10000, help="letters in the index (default 10000)")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    workdir = ROOT / "bench" / "out" / f"load-{args.n}"
    workdir.mkdir(parents=True, exist_ok=True)
    stats = run(prepare(workdir, args.n), workdir, args.users, args.seconds)
    print(f"| route | requests | failures | req/s | p50 ms | p95 ms | p99 ms |  ({args.n} letters, "
          f"{args.users} users, {args.seconds} s)\n|---|---|---|---|---|---|---|")
    for name, s in stats.items():
        print(f"| {name} | {s['requests']} | {s['failures']} | {s['rps']:.1f} | {s['p50']:.0f} | {s['p95']:.0f} | {s['p99']:.0f} |")
    return 1 if stats["Aggregated"]["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
