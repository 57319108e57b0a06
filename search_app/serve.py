"""``vraagbaak-web`` / ``python -m search_app``: serve the app with gunicorn (never Flask's debug server).

Searching is pure Python, so the threads of one process take turns on the GIL: gunicorn forks
``--processes`` workers (one per core by default), each answering with ``--threads`` threads.
The app is made once, in the master, before the fork: a bad setting stops the start with one
message and the secret key is made once. ``create_app`` opens no index or database (each worker
opens its own on its first request), so no file offset is shared between processes.
"""
from __future__ import annotations

import gc
import os
import socket
from pathlib import Path

import click
from gunicorn.app.base import BaseApplication

from indexer import config
from indexer.parallel import worker_count
from indexer.store import Store


class Server(BaseApplication):
    """gunicorn embedded: our options instead of its command line and configuration file."""

    def __init__(self, app, options: dict):
        self.app, self.options = app, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.app


def listen(host: str, port: int) -> socket.socket:
    """Bind here rather than in gunicorn: a port in use is one message and exit status 1 (gunicorn
    would retry five times and log each), and ``--port 0`` can say which port it got."""
    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        return socket.create_server(address, family=family, backlog=2048)
    except OSError as exc:  # create_server appends the address to strerror: take the plain reason
        reason = os.strerror(exc.errno) if (exc.errno or 0) > 0 else exc.strerror
        raise click.ClickException(f"Kan niet luisteren op {host}:{port}: {reason}.") from None


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Map van de index (standaard: $VRAAGBAAK_INDEX of instance/index).")
@click.option("--host", default=lambda: config.get("host"), show_default="127.0.0.1 of $VRAAGBAAK_HOST",
              help="Adres om op te luisteren.")
@click.option("--port", type=click.IntRange(0, 65535), default=lambda: config.get("port"),
              show_default="5000 of $VRAAGBAAK_PORT", help="Poort om op te luisteren.")
@click.option("--processes", type=click.IntRange(1, 256), default=lambda: config.get("processes"),
              show_default="één per processorkern of $VRAAGBAAK_PROCESSES", help="Werkprocessen van gunicorn.")
@click.option("--threads", type=click.IntRange(1, 256), default=lambda: config.get("threads"),
              show_default="4 of $VRAAGBAAK_THREADS", help="Werkthreads per proces.")
def main(index_dir: Path | None, host: str, port: int, processes: int | None, threads: int) -> None:
    """Start de zoeksite van Vraagbaak met een productie-webserver (gunicorn)."""
    from search_app import create_app

    if index_dir:
        # The settings table reads VRAAGBAAK_INDEX; setting it keeps instance/config.py in play.
        os.environ[config.BY_NAME["index"].env] = str(index_dir)
    index = config.index_dir()
    app = create_app()
    if not Store(index, config.get("stemmer")).exists():
        click.echo(f"Let op: er is nog geen index in {index}. Maak er een met: vraagbaak index corpus/", err=True)
    sock = listen(host, port)
    port = sock.getsockname()[1]
    processes = processes or worker_count()
    click.echo(f"Vraagbaak zoekt in {index} op http://{host}:{port}/ met {processes} processen × {threads} "
               "threads (Ctrl-C stopt)", err=True)
    Server(app, {
        # gunicorn takes over the socket (and closes our descriptor): detach it from ``sock``.
        "bind": [f"fd://{sock.detach()}"],
        "workers": processes, "worker_class": "gthread", "threads": threads, "preload_app": True,
        # Quiet as before: no access log, warnings and errors to stderr.
        "accesslog": None, "errorlog": "-", "loglevel": "warning",
        # A request that outlives this at shutdown is cut off (a CSV of everything takes seconds).
        "graceful_timeout": 10,
        # gunicorn refuses a request line over 4 KB with 414; the app cuts an overlong query short
        # with a notice instead (waitress allowed 256 KB of headers): 0 is gunicorn's 1 MB cap.
        "limit_request_line": 0,
        # gunicorn 25+ opens a control socket in $XDG_RUNTIME_DIR or ~/.gunicorn by default: two
        # servers would fight over it, and we listen only where told.
        "control_socket_disable": True,
        "proc_name": "vraagbaak-web",
        # Just before the workers are forked: what the master made (modules, the app) lives as
        # long as the server, and out of the garbage collector's generations each worker's
        # collections skip it and leave its pages shared with the master instead of copying them
        # (gc.freeze's documented use before a fork; about 4 % of the first search after a start
        # at 100,000 letters).
        "when_ready": _freeze,
    }).run()


def _freeze(arbiter) -> None:
    gc.freeze()


if __name__ == "__main__":
    main()
