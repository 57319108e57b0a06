"""The app's one seam to the index: a Searcher per app, a fresh Whoosh searcher per request.

``Store`` keeps the Whoosh index handle open and ``Store.searcher()`` opens a new searcher on
every use, so letters committed after the server started are found without a restart.
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
