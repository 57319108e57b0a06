"""Case 8: the command line and the web app change the saved queries at the same time: nothing is
lost and no "database is locked" reaches a user (web page, CLI message or exit status)."""
from __future__ import annotations

import http.cookiejar
import json
import re
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import web_corpus
from support import ROOT
from servers import running_server
from indexer.build import index_letters
from indexer.store import Store

VRAAGBAAK = str(Path(sys.executable).parent / "vraagbaak")


def _web_worker(base: str, k: int, n: int, problems: list) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    for i in range(n):
        html = opener.open(f"{base}/zoeken?q=web{k}x{i}", timeout=30).read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode({"csrf_token": token, "q": f"web{k}x{i}", "naam": f"web {k}-{i}"}).encode()
        try:
            page = opener.open(f"{base}/bewaard", data=data, timeout=30).read().decode()
        except urllib.error.HTTPError as exc:
            problems.append(f"web {k}-{i}: HTTP {exc.code}")
            continue
        if "Bewaard als" not in page or "locked" in page.lower():
            problems.append(f"web {k}-{i}: {re.findall(r'Niet bewaard[^<]*', page)}")


def _cli(db: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([VRAAGBAAK, "saved", "--db", str(db), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def _cli_worker(db: Path, index: Path, k: int, n: int, problems: list) -> None:
    for i in range(n):
        run = _cli(db, "add", f"cli{k}x{i}", "--name", f"cli {k}-{i}")
        if run.returncode != 0 or "locked" in (run.stderr + run.stdout).lower():
            problems.append(f"cli {k}-{i}: {run.returncode} {run.stderr.strip()}")


def test_cli_and_web_change_saved_queries_at_once(tmp_path):
    index = tmp_path / "index"
    index_letters(Store(index), web_corpus.letters())
    db = tmp_path / "saved.sqlite3"
    problems: list[str] = []
    with running_server(index, tmp_path, threads=8) as base:
        workers = [threading.Thread(target=_web_worker, args=(base, k, 10, problems)) for k in range(4)]
        workers += [threading.Thread(target=_cli_worker, args=(db, index, k, 5, problems)) for k in range(2)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    assert not problems, problems
    listing = json.loads(_cli(db, "list", "--json").stdout)
    entries = listing if isinstance(listing, list) else listing.get("queries", listing)
    names = {e["name"] for e in entries}
    expected = {f"web {k}-{i}" for k in range(4) for i in range(10)} | {f"cli {k}-{i}" for k in range(2) for i in range(5)}
    assert expected <= names, sorted(expected - names)
