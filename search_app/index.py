"""The app's one seam to the index: one Searcher per app, shared by the server's threads.

The Searcher keeps one Whoosh searcher per index commit with what it worked out from it (term
bitsets, facet values, sort orders, cases) and moves to the next commit on the first request
after it, so letters committed after the server started are found without a restart.
"""
from __future__ import annotations

from flask import Flask, current_app

from indexer.search import Searcher
from indexer.store import Store

EXTENSION = "vraagbaak"


def init_app(app: Flask) -> None:
    store = Store(app.config["INDEX"], app.config["STEMMER"])
    app.extensions[EXTENSION] = Searcher(store)


def get_searcher() -> Searcher:
    return current_app.extensions[EXTENSION]
