"""The home page, the results page and the CSV export of a whole result set."""
from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for

from indexer.letters import KIND_LABELS
from indexer.search import SearchRequest
from search_app import present
from search_app.form import SORT_LABELS, read_form
from search_app.index import get_searcher

bp = Blueprint("search", __name__)

EXAMPLES = ["toeslagen herstel", '"eigen bijdrage"', "F-35", "stikst*", "datum:2024 zorg"]
CSV_COLUMNS = ("id", "title", "date", "kind", "ministry", "minister", "questioners", "case_number", "url")


def _form():
    return read_form(request.args, current_app.config["PAGE_SIZE"])


@bp.get("/")
def home():
    if request.path == "/" and request.args.get("q"):
        # A browser or bookmark that sends /?q=… means a search.
        return redirect(url_for("search.results", **request.args))
    form = _form()
    newest = get_searcher().search(SearchRequest(sort="datum-nieuw", page_size=5))
    return render_template("home.html", form=form, newest=newest, examples=EXAMPLES,
                           facets=present.facets(form, newest.facets))


@bp.get("/zoeken")
def results():
    form = _form()
    if form.is_empty and not form.problems:
        return home()
    result = get_searcher().search(form.request, facet_values=present.FACET_MAX)
    page, pages = form.request.page, result.pages
    out_of_range = result.total > 0 and page > pages
    status = 404 if out_of_range else 200
    return render_template(
        "results.html", form=form, result=result, out_of_range=out_of_range,
        facets=present.facets(form, result.facets), chips=present.chips(form),
        pager=present.pager(form, page, pages), sorts=SORT_LABELS,
        first=(page - 1) * form.request.page_size + 1,
    ), status


@bp.get("/zoeken.csv")
def results_csv():
    """All letters of the result set (not one page), one row each, for a spreadsheet."""
    form = _form()
    result = get_searcher().search(form.request, with_facets=False, everything=True)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that Excel reads the file as UTF-8 (ministeries, ë, ï)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for hit in result.hits:
        letter = hit.letter
        writer.writerow([_cell(v) for v in (
            letter.id, letter.title, letter.date.isoformat() if letter.date else "",
            KIND_LABELS.get(letter.kind, letter.kind), letter.ministry, letter.minister,
            "; ".join(f"{q.name} ({q.party})" if q.party else q.name for q in letter.questioners),
            letter.case_number, url_for("letters.show", letter_id=letter.id, _external=True),
        )])
    name = "vraagbaak-" + ("".join(c if c.isascii() and c.isalnum() else "-" for c in form.request.q.strip()[:40]).strip("-") or "alles")
    return Response(buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def _cell(value) -> str:
    """Text that a spreadsheet would run as a formula (=, +, -, @) is prefixed with a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
