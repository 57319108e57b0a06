"""A real Vraagbaak server for end-to-end tests: ``python -m search_app`` (gunicorn) on a free
port of 127.0.0.1, started as a subprocess and stopped afterwards. Used by the browser and the
reliability tests."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(index: Path, tmp: Path, threads: int = 8, **env_extra: str | None):
    """Yield the base URL of a server over ``index``, its saved queries in ``tmp``; ``env_extra``
    sets (or, with None, unsets) further environment variables. The server's log is shown when
    it fails to start."""
    with server_process(index, tmp, threads, **env_extra) as (base, _):
        yield base


@contextmanager
def server_process(index: Path, tmp: Path, threads: int = 8, processes: int = 2, **env_extra: str | None):
    """Yield the base URL and the ``Popen`` of the server (the gunicorn master): as
    :func:`running_server`, with ``processes`` workers (2, as on the 2-core machine it is made
    for, so every real-server test also runs across processes)."""
    port = free_port()
    env = dict(os.environ, VRAAGBAAK_INDEX=str(index), VRAAGBAAK_SAVED_DB=str(tmp / "saved.sqlite3"),
               VRAAGBAAK_THREADS=str(threads), VRAAGBAAK_PROCESSES=str(processes), VRAAGBAAK_PAGE_SIZE="10")
    for name, value in env_extra.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    log = tmp / f"server-{port}.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "search_app", "--host", "127.0.0.1", "--port", str(port)],
                                env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the server exited with {proc.returncode}:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(base + "/", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"the server did not answer on {base} within 30 s:\n{log.read_text()}")
                time.sleep(0.1)
        proc.log = log
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
