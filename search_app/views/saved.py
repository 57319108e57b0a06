"""/bewaard: the saved queries with their counts, and every change to them (POST, CSRF, editors).

Opening a saved query is a POST too (it resets the "nieuw" counter): it records the moment and
sends the browser to the ordinary results page with ``sinds`` = the previous moment, where the
letters added after it carry a "nieuw" badge. Readers who may not edit get a plain link to that
page instead, without the reset.
"""
from __future__ import annotations

import json

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for

from indexer.saved import QueryState, SavedError, StoreError, clean_name, counts
from indexer.store import IndexError_
from search_app.auth import editor_required
from search_app.form import SORT_LABELS, read_form, state_url
from search_app.index import get_searcher
from search_app.saved import get_store

bp = Blueprint("saved", __name__, url_prefix="/bewaard")
#: An export of even thousands of saved queries is far smaller than this.
MAX_IMPORT_BYTES = 2_000_000


@bp.get("")
def index():
    store = get_store()
    problem = None
    try:
        entries = store.all()
    except StoreError as exc:
        entries, problem = [], str(exc)
    rows, index_problem = [], None
    for entry in entries:
        tally = None
        if entry.state is not None and index_problem is None:
            try:
                tally = counts(get_searcher(), entry)
            except IndexError_ as exc:
                index_problem = str(exc)
        rows.append((entry, tally))
    deleted = None
    if request.args.get("verwijderd", "").isdigit():
        deleted = store.get(int(request.args["verwijderd"]), deleted=True)
        if deleted and any(e.id == deleted.id for e in entries):
            deleted = None  # already restored (or saved again)
    return render_template("saved.html", rows=rows, problem=problem, index_problem=index_problem,
                           deleted=deleted, state_url=state_url, sorts=SORT_LABELS)


@bp.post("")
@editor_required
def add():
    """Save the state posted by a results page's "Bewaar deze zoekopdracht" form."""
    form = read_form(request.form, current_app.config["PAGE_SIZE"])
    back = form.url()
    name = request.form.get("naam")
    try:
        state = QueryState.from_request(form.request)
        if name is not None:
            name = clean_name(name)  # the field starts with the query: emptied on purpose is a mistake
        entry, created = get_store().add(state, name)
    except (SavedError, StoreError) as exc:
        flash(f"Niet bewaard: {exc}", "warning")
        return redirect(back, 303)
    if created:
        flash(f"Bewaard als ‘{entry.name}’. U vindt hem onder Bewaard, met wat er nieuw is.", "success")
    else:
        flash(f"Deze zoekopdracht was al bewaard als ‘{entry.name}’.", "info")
    return redirect(back, 303)


def _entry(saved_id: int):
    entry = get_store().get(saved_id)
    if entry is None:
        abort(404, description=f"Er is geen bewaarde zoekopdracht met nummer {saved_id}.")
    return entry


@bp.post("/<int:saved_id>/openen", endpoint="open")
@editor_required
def open_(saved_id: int):
    entry = _entry(saved_id)
    if entry.state is None:
        flash(entry.problem, "warning")
        return redirect(url_for("saved.index"), 303)
    previous = get_store().mark_opened(saved_id)
    return redirect(state_url(entry.state, sinds=previous.isoformat()), 303)


@bp.post("/<int:saved_id>/naam")
@editor_required
def rename(saved_id: int):
    _entry(saved_id)
    try:
        entry = get_store().rename(saved_id, request.form.get("naam", ""))
    except SavedError as exc:
        flash(f"Naam niet gewijzigd: {exc}", "warning")
    else:
        flash(f"De zoekopdracht heet nu ‘{entry.name}’.", "success")
    return redirect(url_for("saved.index"), 303)


@bp.post("/<int:saved_id>/verwijderen")
@editor_required
def delete(saved_id: int):
    _entry(saved_id)
    get_store().delete(saved_id)
    return redirect(url_for("saved.index", verwijderd=saved_id), 303)


@bp.post("/<int:saved_id>/herstellen")
@editor_required
def restore(saved_id: int):
    try:
        entry = get_store().restore(saved_id)
    except SavedError as exc:
        flash(str(exc), "warning")
    else:
        flash(f"‘{entry.name}’ staat weer in de lijst.", "success")
    return redirect(url_for("saved.index"), 303)


@bp.post("/<int:saved_id>/<any(omhoog, omlaag):direction>")
@editor_required
def move(saved_id: int, direction: str):
    _entry(saved_id)
    get_store().move(saved_id, -1 if direction == "omhoog" else 1)
    return redirect(url_for("saved.index") + f"#bewaard-{saved_id}", 303)


@bp.get("/export.json")
def export():
    data = get_store().export()
    return Response(json.dumps(data, ensure_ascii=False, indent=2) + "\n", mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="vraagbaak-bewaard.json"'})


@bp.post("/import")
@editor_required
def import_():
    if (request.content_length or 0) > MAX_IMPORT_BYTES:
        flash("Niet geïmporteerd: het bestand is te groot voor een export van Vraagbaak. Er is niets veranderd.", "warning")
        return redirect(url_for("saved.index"), 303)
    upload = request.files.get("bestand")
    if upload is None or not upload.filename:
        flash("Kies eerst een exportbestand (JSON) om te importeren.", "warning")
        return redirect(url_for("saved.index"), 303)
    try:
        report = get_store().import_(upload.read(MAX_IMPORT_BYTES + 1))
    except (SavedError, StoreError) as exc:
        flash(f"Niet geïmporteerd: {exc}", "warning")
    else:
        flash(f"Geïmporteerd: {len(report.added)} toegevoegd, {len(report.existing)} stonden er al.", "success")
    return redirect(url_for("saved.index"), 303)
