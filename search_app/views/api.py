"""/api/zoeken and /api/brief/<id>: the CLI's --json shapes, plus facets and paging."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, request, url_for

from indexer.letters import KIND_LABELS
from search_app.form import read_form
from search_app.index import get_searcher

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/zoeken")
def search():
    form = read_form(request.args, current_app.config["PAGE_SIZE"])
    if form.problems:
        return jsonify(error=" ".join(form.problems), problems=form.problems, status=400), 400
    result = get_searcher().search(form.request)
    data = result.to_json()
    for hit, row in zip(result.hits, data["hits"]):
        anchor = "#" + hit.best.anchor if hit.best else ""
        row["url"] = url_for("letters.show", letter_id=hit.letter.id, _external=True) + anchor
    data.update(
        page=form.request.page,
        pages=result.pages,
        page_size=form.request.page_size,
        sort=form.request.sort,
        relaxed=result.relaxed,
        suggestion=result.suggestion,
        notices=result.notices,
        seconds=round(result.seconds, 4),
        facets={
            name: [{"value": v, "label": KIND_LABELS.get(v, v) if name == "soort" else v, "count": n}
                   for v, n in values]
            for name, values in result.facets.items()
        },
    )
    status = 404 if result.total and form.request.page > result.pages else 200
    if status == 404:
        data["error"] = f"Pagina {form.request.page} bestaat niet; er zijn {result.pages} pagina's."
    return jsonify(data), status


@bp.get("/brief/<letter_id>")
def letter(letter_id: str):
    found = get_searcher().letter(letter_id)
    if found is None:
        abort(404, description=f"Geen brief met kenmerk '{letter_id[:100]}'.")
    return jsonify(found.to_json())
