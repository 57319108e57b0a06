"""The app's seam to the saved-queries store, and what the results page shows about saving.

``get_store()`` is the one ``SavedStore`` of the app (it opens a short SQLite connection per
call, so threads share it). ``panel(form, result)`` is the results page's view of its own state:
already saved (then the feed link goes in the page head), or a form to save it, and which letters
are new since ``sinds``. It is a template global so the search view itself stays unchanged.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass, field

from flask import Flask, current_app, g, url_for

from indexer.saved import QueryState, SavedError, SavedQuery, SavedStore, StoreError, count_request, to_index_time
from indexer.search import SearchResult
from search_app.form import MONTHS, Form

EXTENSION = "vraagbaak_saved"
log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = SavedStore(app.config["SAVED_DB"])
    app.jinja_env.globals.update(saved_panel=panel)
    app.jinja_env.filters.update(nl_moment=nl_moment)


def nl_moment(value: dt.datetime | None) -> str:
    """'29 november 2026 om 18:21' in local time; the year is left out when it is this year."""
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    year = "" if local.year == dt.date.today().year else f" {local.year}"
    return f"{local.day} {MONTHS[local.month - 1]}{year} om {local:%H:%M}"


def get_store() -> SavedStore:
    return current_app.extensions[EXTENSION]


@dataclass
class Panel:
    state: QueryState | None
    entry: SavedQuery | None = None
    new_total: int = 0
    new_ids: set[str] = field(default_factory=set)
    problem: str | None = None

    @property
    def feed_url(self) -> str | None:
        return url_for("feeds.feed", saved_id=self.entry.id) if self.entry else None


def panel(form: Form, result: SearchResult) -> Panel:
    """Computed once per request (the page asks for it in the head and in the body)."""
    cached = g.get("saved_panel")
    if cached is not None:
        return cached
    try:
        state = QueryState.from_request(form.request)
    except SavedError as exc:
        found = Panel(None, problem=str(exc))
    else:
        found = Panel(state)
        try:
            found.entry = get_store().find_state(state)
        except StoreError as exc:  # the page still works; the list page shows the problem
            log.warning("saved queries unavailable: %s", exc)
            found.problem = str(exc)
    if form.since and result.total:
        since = to_index_time(form.since)
        found.new_ids = {h.letter.id for h in result.hits if h.added and h.added > since}
        if form.request.added_after:
            found.new_total = result.total
        else:
            from search_app.index import get_searcher

            fresh = count_request(dataclasses.replace(form.request, added_after=since), get_searcher())
            found.new_total = 0 if fresh.relaxed and not result.relaxed else fresh.total
    g.saved_panel = found
    return found
