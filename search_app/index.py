"""The app's one seam to the index: one Searcher per app, shared by the server's threads.

The Searcher keeps one Whoosh searcher per index commit with what it worked out from it (term
bitsets, facet values, sort orders, cases) and moves to the next commit on the first request
after it, so letters committed after the server started are found without a restart.

After a process's first answer, a background thread works out what the first search did not
need and a letter page, ``/zaken`` or ``/statistiek`` does: the case table's cases (about a
second at 100,000 letters). The first search stays as quick as it can be (issue 8: server start
to first answer), and the next pages do not wait for that second.
"""
from __future__ import annotations

import logging
import threading

from flask import Flask, Response, current_app

from indexer.search import Searcher
from indexer.store import Store

EXTENSION = "vraagbaak"

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    store = Store(app.config["INDEX"], app.config["STEMMER"])
    searcher = app.extensions[EXTENSION] = Searcher(store)
    app.after_request(_WarmUp(searcher).after_request)


def get_searcher() -> Searcher:
    return current_app.extensions[EXTENSION]


class _WarmUp:
    """Starts the background work once per process, when its first response has been sent (so
    it does not hold up that response; gunicorn forks its workers before any request, so each
    worker warms its own Searcher)."""

    def __init__(self, searcher: Searcher):
        self.searcher = searcher
        self._lock = threading.Lock()
        self._started = False

    def after_request(self, response: Response) -> Response:
        with self._lock:
            if self._started:
                return response
            self._started = True
        response.call_on_close(self._start)
        return response

    def _start(self) -> None:
        threading.Thread(target=self._run, name="vraagbaak-warm-up", daemon=True).start()

    def _run(self) -> None:
        try:
            len(self.searcher.cases().cases)
        except Exception:  # no index yet, or one to rebuild: the pages say so themselves
            log.debug("warming the case table failed", exc_info=True)
