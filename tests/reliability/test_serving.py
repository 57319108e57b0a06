"""Case 2: the real server answers a stream of queries while index runs add, change and remove
letters (and while a rebuild swaps generations); no request fails and new letters are found
within seconds of the commit, without a restart."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from support import ROOT, generate
from servers import running_server
from indexer.build import build_index
from indexer.store import Store

VRAAGBAAK = [str(Path(sys.executable).parent / "vraagbaak")]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_index_runs_while_serving(tmp_path):
    files = generate(tmp_path / "gen", 40)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in files[:30]:
        shutil.copy(f, corpus / f.name)
    index = tmp_path / "index"
    build_index([corpus], Store(index))
    stable = [f.stem for f in files[10:14]]
    urls = ["/zoeken?q=minister", "/api/zoeken?q=vraag+antwoord&sorteer=datum-nieuw", "/zoeken?q=gemeenten&pagina=2",
            *(f"/brief/{i}" for i in stable), "/api/zoeken?q=beleid+OF+onderzoek"]
    failures, counts = [], [0]
    stop = threading.Event()

    with running_server(index, tmp_path, threads=8) as base:
        def client(k: int):
            n = k
            while not stop.is_set():
                status, _ = _get(base + urls[n % len(urls)])
                counts[0] += 1
                if status != 200:
                    failures.append((urls[n % len(urls)], status))
                n += 1

        threads = [threading.Thread(target=client, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        try:
            visible_after = []
            # Run 1: 5 new letters, 3 removed, 1 changed; run 2: a rebuild (generation swap).
            for f in files[30:35]:
                shutil.copy(f, corpus / f.name)
            for f in files[:3]:
                (corpus / f.name).unlink()
            changed = corpus / files[5].name
            changed.write_text(changed.read_text(encoding="utf-8") + "\nNieuw woord zeppelinhaven.\n", encoding="utf-8")
            for args in ([], ["--rebuild"]):
                run = subprocess.run([*VRAAGBAAK, "index", str(corpus), "--index-dir", str(index), "-q", *args],
                                     cwd=ROOT, capture_output=True, text=True, timeout=300)
                assert run.returncode == 0, run.stderr
                committed = time.monotonic()
                for letter_id in [files[34].stem, "zeppelinhaven"]:
                    while True:
                        _, body = _get(base + "/api/zoeken?q=" + urllib.parse.quote(letter_id))
                        if json.loads(body)["total"] >= 1:
                            break
                        assert time.monotonic() - committed < 5, f"{letter_id} not visible 5 s after commit"
                        time.sleep(0.1)
                visible_after.append(time.monotonic() - committed)
                _, body = _get(base + "/api/zoeken?q=" + files[0].stem)
                assert json.loads(body)["total"] == 0, "a removed letter is still found"
                for f in files[35:37] if not args else []:
                    shutil.copy(f, corpus / f.name)
        finally:
            stop.set()
            for t in threads:
                t.join()
    print(f"\n{counts[0]} requests during 2 index runs; visible after {visible_after} s")
    assert counts[0] > 20
    assert not failures, failures[:10]
