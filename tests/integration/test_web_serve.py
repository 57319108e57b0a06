"""The serve command: options from the settings table, gunicorn as the server (worker processes
that share the saved queries and the secret key, and open the index only after the fork)."""
from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from click.testing import CliRunner

import web_corpus
from indexer.build import index_letters
from indexer.parallel import worker_count
from indexer.store import Store
from search_app import serve
from servers import server_process


def test_serve_help_lists_options():
    result = CliRunner().invoke(serve.main, ["--help"])
    assert result.exit_code == 0
    for option in ("--index-dir", "--host", "--port", "--processes", "--threads"):
        assert option in result.output


def test_serve_uses_gunicorn_with_settings(monkeypatch, tmp_path):
    calls = {}

    def fake_run(server):
        calls.update(server.options, app=server.load())
        os.close(int(server.options["bind"][0].removeprefix("fd://")))

    monkeypatch.setattr(serve.Server, "run", fake_run)
    monkeypatch.setenv("VRAAGBAAK_THREADS", "3")
    monkeypatch.delenv("VRAAGBAAK_PROCESSES", raising=False)
    monkeypatch.delenv("VRAAGBAAK_INDEX", raising=False)
    result = CliRunner().invoke(serve.main, ["--index-dir", str(tmp_path / "ix"), "--port", "0"])
    assert result.exit_code == 0, result.output
    assert calls["worker_class"] == "gthread" and calls["threads"] == 3 and calls["workers"] == worker_count()
    assert calls["accesslog"] is None and calls["control_socket_disable"] and calls["limit_request_line"] == 0
    assert calls["app"].config["INDEX"] == str(tmp_path / "ix")
    assert not calls["app"].debug
    assert "vraagbaak index corpus/" in result.output  # warned: no index there yet


def test_port_in_use_is_one_message_not_a_traceback(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "search_app", "--index-dir", str(tmp_path), "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"Kan niet luisteren op 127.0.0.1:{port}: Address already in use." in done.stderr
    assert "Traceback" not in done.stderr


def test_python_dash_m_search_app():
    done = subprocess.run([sys.executable, "-m", "search_app", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "gunicorn" in done.stdout


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _workers(pid: int, count: int) -> list[int]:
    """The master's worker processes once ``count`` are up: gunicorn forks them one at a time,
    up to 0.1 s apart, so the first can answer before the last exists."""
    deadline = time.monotonic() + 10
    while len(found := _children(pid)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def _opened(pid: int, folder: Path) -> set[str]:
    """Files under ``folder`` that process ``pid`` has open or mapped."""
    paths = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            paths.add(os.readlink(fd))
        except OSError:  # closed meanwhile
            pass
    paths.update(line.split(maxsplit=5)[-1] for line in Path(f"/proc/{pid}/maps").read_text().splitlines()
                 if len(line.split()) == 6)
    return {p for p in paths if p.startswith(str(folder))}


def test_two_worker_processes_share_saved_queries_and_sessions(tmp_path):
    """Both workers answer; neither inherited an open index from the master; a saved query made
    through one request is on every later page, whichever worker serves it; and the login and
    CSRF tokens made by one worker are accepted by the other (one secret key)."""
    index = tmp_path / "index"
    index_letters(Store(index), web_corpus.letters())
    with server_process(index, tmp_path, threads=2, processes=2, VRAAGBAAK_EDIT_PASSWORD="geheim",
                        VRAAGBAAK_SECRET_KEY=None) as (base, proc):
        workers = _workers(proc.pid, 2)
        assert len(workers) == 2
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

        def token(url: str) -> str:
            return re.search(r'name="csrf_token" value="([^"]+)"', opener.open(base + url, timeout=30).read().decode())[1]

        def post(url: str, **fields: str) -> str:
            data = urllib.parse.urlencode({"csrf_token": token(fields.pop("form")), **fields}).encode()
            return opener.open(base + url, data=data, timeout=30).read().decode()

        assert "U bent ingelogd" in post("/inloggen", form="/inloggen", wachtwoord="geheim")
        # urllib opens a connection per request, so the workers take turns at random.
        for i in range(12):
            assert "Bewaard als" in post("/bewaard", form=f"/zoeken?q=minister{i}", q=f"minister{i}", naam=f"vraag {i}")
            page = opener.open(base + "/bewaard", timeout=30).read().decode()
            assert f"vraag {i}" in page and "Uitloggen" in page, i  # saved, and still logged in

        def search(i: int) -> int:
            with urllib.request.urlopen(f"{base}/zoeken?q=vraag+{i}", timeout=30) as response:
                return response.status

        with ThreadPoolExecutor(8) as pool:
            assert set(pool.map(search, range(80))) == {200}
        assert (tmp_path / "secret_key").exists()
        assert not _opened(proc.pid, index) and not _opened(proc.pid, tmp_path / "saved.sqlite3")
        assert all(_opened(pid, index) for pid in workers), "a worker never searched"
