"""/brief/<id>: the whole letter, its pairs with anchors, highlights from a search, similar letters."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from search_app import present
from search_app.index import get_searcher

bp = Blueprint("letters", __name__)


@bp.get("/brief/<letter_id>")
def show(letter_id: str):
    searcher = get_searcher()
    letter = searcher.letter(letter_id)
    if letter is None:
        abort(404, description=f"Er is geen brief met kenmerk '{letter_id[:100]}' in de index.")
    q = request.args.get("q", "").replace("\x00", "")
    terms = searcher.highlight_terms(q) if q.strip() else None
    stemmer = searcher.stemmer

    def mark(text: str | None):
        return present.marked(text or "", terms, stemmer)

    return render_template("letter.html", letter=letter, q=q, mark=mark,
                           similar=searcher.similar(letter_id, top=5),
                           source_url=letter.source if (letter.source or "").startswith(("https://", "http://")) else None,
                           page_size=current_app.config["PAGE_SIZE"])
