"""/bewaard/<id>.atom: a saved query as an Atom feed (RFC 4287), newest additions first.

Open to feed readers without a cookie. Entry ids are the letters' own URLs, so a letter keeps its
id in every feed and across runs; ``updated`` is when the letter entered the index.
feedgen writes the XML (escaping included).
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, request, url_for
from markupsafe import escape

from indexer.highlight import to_html
from indexer.letters import KIND_LABELS
from indexer.saved import feed_result, from_index_time
from search_app.form import state_url
from search_app.index import get_searcher
from search_app.present import nl_date
from search_app.saved import get_store

bp = Blueprint("feeds", __name__)


@bp.get("/bewaard/<int:saved_id>.atom")
def feed(saved_id: int):
    entry = get_store().get(saved_id)
    if entry is None:
        abort(404, description=f"Er is geen bewaarde zoekopdracht met nummer {saved_id}.")
    if entry.state is None:
        abort(400, description=entry.problem)
    result = feed_result(get_searcher(), entry, current_app.config["FEED_ENTRIES"])
    self_url = url_for("feeds.feed", saved_id=saved_id, _external=True)

    # Imported here: feedgen brings lxml and dateutil (20 ms), which the server's start would
    # otherwise import before its first search can be answered (issue 8).
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(self_url)
    fg.title(f"{entry.name} — Vraagbaak")
    fg.subtitle(f"Nieuw in Vraagbaak voor {entry.state.describe()}")
    fg.author(name="Vraagbaak")
    fg.link(href=self_url, rel="self", type="application/atom+xml")
    fg.link(href=state_url(entry.state, _external=True), rel="alternate", type="text/html")
    fg.language("nl")
    fg.generator("Vraagbaak")
    updated = entry.created
    table = get_searcher().cases()  # a watched case: say in the entry what the letter means for it
    for hit in result.hits:
        added = from_index_time(hit.added) if hit.added else entry.created
        updated = max(updated, added)
        letter = hit.letter
        letter_url = url_for("letters.show", letter_id=letter.id, _external=True)
        link = url_for("letters.show", letter_id=letter.id, q=entry.state.q or None, _external=True)
        fe = fg.add_entry(order="append")  # feedgen prepends by default
        fe.id(letter_url)
        fe.title(letter.title or letter.id)
        fe.updated(added)
        # No <published> from the letter's date: readers sort by it, and a back-filled old letter
        # would sink out of sight although it is new here. The date is in the summary instead.
        fe.link(href=link + ("#" + hit.best.anchor if hit.best else ""), rel="alternate", type="text/html")
        fe.category(term=letter.kind, label=KIND_LABELS.get(letter.kind, letter.kind))
        fe.summary(_case_line(table.of_letter(letter.id), letter) + _summary(hit), type="html")
    fg.updated(updated)

    response = Response(fg.atom_str(pretty=True), mimetype="application/atom+xml")
    response.last_modified = updated
    response.cache_control.public = True
    response.cache_control.max_age = 300
    response.add_etag()
    return response.make_conditional(request)


def _case_line(case, letter) -> str:
    """For a letter of a case: "Beantwoord na N dagen" (an answer) or the step it is, as HTML."""
    if case is None:
        return ""
    if letter.kind == "answer" and case.answer and case.answer.id == letter.id:
        days = f" na {case.answer_days} dagen" if case.answer_days is not None else ""
        term = "" if case.within_term is None else (", binnen de termijn" if case.within_term else ", na de termijn")
        text = f"Zaak {case.number}: Beantwoord{days}{term}."
    elif letter.kind == "delay":
        text = f"Zaak {case.number}: uitstelbericht; de termijn loopt nu tot {nl_date(case.deadline())}."
    else:
        return ""
    return f"<p><strong>{escape(text)}</strong></p>"


def _summary(hit) -> str:
    """The letter's date and source, then the best pair as HTML (the document text escaped,
    matches in <mark>), or the text snippet."""
    letter = hit.letter
    meta = [nl_date(letter.date), letter.minister, letter.ministry]
    html = f"<p><em>{escape(' · '.join(m for m in meta if m))}</em></p>" if any(meta) else ""
    if hit.best:
        numbers = ", ".join(map(str, hit.best.questions))
        html += f"<p><strong>Vraag {numbers}</strong> {to_html(hit.best.question)}</p>"
        if hit.best.answer:
            html += f"<p><strong>Antwoord {numbers}</strong> {to_html(hit.best.answer)}</p>"
        return html
    return html + (f"<p>{to_html(hit.text)}</p>" if hit.text else "")
