"""The URL of a results page → a SearchRequest, and links that change one thing of it.

Every state of the results page is its URL, with Dutch parameter names. What cannot be used
(a date like 2024-02-30, an unknown sort, page "x") is dropped with a message in ``problems``
for the page to show, so a hand-edited URL never fails.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import quote, quote_plus

from flask import current_app, request, url_for
from werkzeug.datastructures import MultiDict

from indexer.cases import STATUSES
from indexer.query import date_range
from indexer.schema import FACET_FIELDS
from indexer.search import SORTS, SearchRequest

#: The filter parameters in the order the sidebar shows them, with their Dutch labels.
FILTER_LABELS = {
    "jaar": "Jaar",
    "ministerie": "Ministerie",
    "minister": "Bewindspersoon",
    "partij": "Partij",
    "indiener": "Vragensteller",
    "soort": "Soort document",
}
assert set(FILTER_LABELS) == set(FACET_FIELDS), "every facet of the schema needs a label"
SORT_LABELS = {"relevantie": "Relevantie", "datum-nieuw": "Nieuwste eerst", "datum-oud": "Oudste eerst",
               "toegevoegd": "Laatst toegevoegd"}
assert tuple(SORT_LABELS) == SORTS
#: Parameters kept in links, in a stable order so equal states have equal URLs. ``sinds`` (a moment)
#: marks letters added to the index after it as new (a saved query being opened); ``nieuw=1``
#: shows only those.
PARAMS = ("q", "sorteer", "van", "tot", *FILTER_LABELS, "status", "peildatum", "sinds", "nieuw", "pagina")
#: Parameters that are not part of what a search finds (left out of the search box, saved state).
MARKERS = ("sinds", "nieuw", "pagina")
#: What werkzeug leaves unescaped in a query string (werkzeug.urls._urlencode).
URL_SAFE = "!$'()*,/:;?@"
#: What werkzeug leaves unescaped in a part of a path (werkzeug.routing.converters.BaseConverter).
PATH_SAFE = "!$&'()*+,/:;=@"
#: A filter value longer than this cannot be a facet value; it is cut (the query has its own cap).
MAX_VALUE = 300
MAX_PAGE = 10_000


@dataclass
class Form:
    """A results page's parameters: the library request, the clean URL state, what was wrong."""

    request: SearchRequest
    args: dict[str, str]
    raw: dict[str, str]
    problems: list[str] = field(default_factory=list)
    #: Letters added to the index after this moment are marked "nieuw" (aware datetime).
    since: dt.datetime | None = None

    @property
    def is_empty(self) -> bool:
        """No query, filter or sort: the home page rather than a list of everything."""
        return not self.args

    @property
    def filters(self) -> dict[str, str]:
        return self.request.filters

    def url(self, endpoint: str = "search.results", **changes: str | int | None) -> str:
        """This state with ``changes`` applied (None removes); any change but paging goes to page 1."""
        args = dict(self.args)
        if "pagina" not in changes:
            args.pop("pagina", None)
        for name, value in changes.items():
            if value is None or value == "":
                args.pop(name, None)
            else:
                args[name] = str(value)
        if args.get("pagina") == "1":
            del args["pagina"]
        ordered = [(name, args[name]) for name in PARAMS if name in args]
        return _query_url(endpoint, ordered)

    def value_urls(self, name: str, values: list[str]) -> list[str]:
        """``url(**{name: value})`` for each of ``values``, sharing the work: the other parameters
        are encoded once (a sidebar links up to 300 facet values a page)."""
        args = {n: v for n, v in self.args.items() if n not in (name, "pagina")}
        before = [(n, args[n]) for n in PARAMS[:PARAMS.index(name)] if n in args]
        after = [(n, args[n]) for n in PARAMS[PARAMS.index(name) + 1:] if n in args]
        head = _query_url("search.results", []) + "?"
        head += _urlencode(before) + "&" if before else ""
        tail = "&" + _urlencode(after) if after else ""
        key = _quote_plus(name) + "="
        return [head + key + _quote_plus(value) + tail if value else self.url(**{name: None})
                for value in values]

    def letter_url(self, letter_id: str) -> str:
        """``url_for("letters.show", letter_id=letter_id, q=…)`` with this search's words: the link
        of a hit, built as werkzeug builds it (the path up to the id by :func:`path_for`)."""
        url = path_for("letters.show", letter_id="-")[:-1] + quote(letter_id, safe=PATH_SAFE)
        return url + "?q=" + _quote_plus(self.request.q) if self.request.q else url

    def hidden(self, *exclude: str) -> list[tuple[str, str]]:
        """(name, value) of the state for hidden inputs of a form that sets ``exclude`` itself."""
        return [(n, v) for n, v in self.args.items() if n not in exclude and n != "pagina"]

    def search_hidden(self, *exclude: str) -> list[tuple[str, str]]:
        """The hidden inputs of what the search finds (no page, no "new since" marker)."""
        return self.hidden(*exclude, *MARKERS)


def _query_url(endpoint: str, params: list[tuple[str, str]]) -> str:
    """``url_for(endpoint, **params)`` for an endpoint without path arguments: its path from
    :func:`path_for` and the query string as werkzeug writes it. A results page links every facet
    value (hundreds of links) and url_for cost ~25 µs a link."""
    path = path_for(endpoint)
    return path + "?" + _urlencode(params) if params else path


def path_for(endpoint: str, **values: str) -> str:
    """``url_for(endpoint, **values)`` for values that are the same on every page (none, a static
    file's name): built once per script root. A page's header, footer and forms link a dozen
    such paths, and url_for takes 10 µs a link."""
    paths = current_app.extensions.setdefault("vraagbaak_paths", {})
    key = (request.script_root, endpoint, *values.items())
    path = paths.get(key)
    if path is None:
        path = paths[key] = url_for(endpoint, **values)
    return path


def template_url_for(endpoint: str, **values) -> str:
    """The templates' ``url_for``: Flask's, with the paths of :func:`path_for` built once (not
    an endpoint relative to the request's blueprint, ``.name``)."""
    if values.keys() <= {"filename"} and not endpoint.startswith("."):
        return path_for(endpoint, **values)
    return url_for(endpoint, **values)


#: Text ``quote_plus(…, safe=URL_SAFE)`` leaves as it is but for spaces: most queries and facet values.
_PLAIN = re.compile(r"[\w.~!$'()*,/:;?@ -]*", re.ASCII)


def _quote_plus(text: str) -> str:
    """``quote_plus(text, safe=URL_SAFE)``, without its byte-by-byte work for plain text (a
    sidebar quotes up to 300 facet values a page)."""
    return text.replace(" ", "+") if _PLAIN.fullmatch(text) else quote_plus(text, safe=URL_SAFE)


def _urlencode(params: list[tuple[str, str]]) -> str:
    """``urlencode(params, safe=URL_SAFE)`` for text names and values."""
    return "&".join(f"{_quote_plus(name)}={_quote_plus(value)}" for name, value in params)


def state_url(state, endpoint: str = "search.results", _external: bool = False, **extra: str) -> str:
    """The results page of a saved state (``indexer.saved.QueryState``), plus ``extra`` parameters."""
    args = {"q": state.q}
    if state.sort != ("relevantie" if state.q else "datum-nieuw"):
        args["sorteer"] = state.sort
    if state.date_from:
        args["van"] = state.date_from.isoformat()
    if state.date_to:
        args["tot"] = state.date_to.isoformat()
    args.update(dict(state.filters))
    if getattr(state, "status", None):
        args["status"] = state.status
    args.update(extra)
    ordered = {name: args[name] for name in PARAMS if args.get(name)}
    return url_for(endpoint, _external=_external, **ordered)


def read_form(args: MultiDict, page_size: int) -> Form:
    """Parse the query string; never raises."""
    raw = {name: _clean(args.get(name, "")) for name in PARAMS}
    problems: list[str] = []
    clean: dict[str, str] = {}

    q = args.get("q", "") or ""
    if q.strip():
        clean["q"] = q

    filters = {}
    for name in FILTER_LABELS:
        value = raw[name].strip()
        if value:
            filters[name] = value[:MAX_VALUE]
            clean[name] = filters[name]

    date_from = _date(raw["van"], "van", start=True, problems=problems)
    date_to = _date(raw["tot"], "tot", start=False, problems=problems)
    if date_from and date_to and date_from > date_to:
        problems.append(f"De begindatum ({_nl(date_from)}) ligt na de einddatum ({_nl(date_to)}); "
                        "de twee zijn omgedraaid.")
        date_from, date_to = date_to, date_from
    if date_from:
        clean["van"] = date_from.isoformat()
    if date_to:
        clean["tot"] = date_to.isoformat()

    has_query = bool(q.strip())
    sort = raw["sorteer"].strip()
    if sort and sort not in SORTS:
        problems.append(f"Onbekende sortering '{sort[:40]}'; gesorteerd op relevantie. "
                        "Kies uit: relevantie, datum-nieuw, datum-oud.")
        sort = ""
    if sort:
        clean["sorteer"] = sort
    # Without words every letter is equally relevant: then newest first is what users expect.
    effective_sort = sort or ("relevantie" if has_query else "datum-nieuw")

    page = 1
    if raw["pagina"].strip():
        try:
            page = int(raw["pagina"].strip())
        except ValueError:
            page = 0
        if not 1 <= page <= MAX_PAGE:
            problems.append(f"'{raw['pagina'][:20]}' is geen geldig paginanummer; pagina 1 wordt getoond.")
            page = 1
    if page > 1:
        clean["pagina"] = str(page)

    since = _moment(raw["sinds"].strip(), problems)
    only_new = bool(since) and raw["nieuw"].strip() == "1"
    if since:
        clean["sinds"] = since.isoformat()
        if only_new:
            clean["nieuw"] = "1"

    status, reference_date = read_status(raw, problems)
    if status:
        clean["status"] = status
    if reference_date:
        clean["peildatum"] = reference_date.isoformat()

    request = SearchRequest(q=q, sort=effective_sort, status=status, reference_date=reference_date, date_from=date_from, date_to=date_to,
                            filters=filters, page=page, page_size=page_size,
                            added_after=since.astimezone().replace(tzinfo=None) if only_new else None)
    return Form(request, clean, raw, problems, since)


def read_status(raw: dict[str, str], problems: list[str]) -> tuple[str | None, dt.date | None]:
    """``status`` (open, uitgesteld, te-laat, beantwoord) and ``peildatum`` (the reference date of
    the status; default today), both as in indexer.cases."""
    status = (raw.get("status") or "").strip().lower() or None
    if status and status not in STATUSES:
        problems.append(f"Onbekende status '{status[:40]}'; kies uit: {', '.join(STATUSES)}. Niet op status gefilterd.")
        status = None
    reference_date = None
    value = (raw.get("peildatum") or "").strip()
    if value:
        try:
            reference_date = dt.date.fromisoformat(value[:10]) if len(value) == 10 else None
        except ValueError:
            reference_date = None
        if reference_date is None:
            problems.append(f"'{value[:40]}' is geen geldige peildatum; gebruik JJJJ-MM-DD. De status geldt voor vandaag.")
    return status, reference_date


def _moment(value: str, problems: list[str]) -> dt.datetime | None:
    """``sinds``: an ISO 8601 moment (a bare one is local time). Kept to the microsecond: letters
    indexed in the same second just before the moment are not new."""
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value[:40])
        moment = moment.astimezone() if moment.tzinfo is None else moment
        moment.astimezone().replace(tzinfo=None)  # what the index compares with must exist too
    except (ValueError, OverflowError):
        problems.append(f"'{value[:40]}' is geen geldig tijdstip (sinds); er is niets als nieuw gemarkeerd.")
        return None
    return moment


def _clean(value: str) -> str:
    return (value or "").replace("\x00", "")


def _date(value: str, name: str, start: bool, problems: list[str]) -> dt.date | None:
    """An ISO date; a bare year or year-month means its first (``van``) or last (``tot``) day."""
    value = value.strip()
    if not value:
        return None
    rng = date_range(value)
    if rng is None:
        label = "begindatum" if start else "einddatum"
        problems.append(f"'{value[:40]}' is geen geldige {label} ({name}); gebruik de vorm JJJJ-MM-DD, "
                        "bijvoorbeeld 2024-03-15. Deze grens is niet gebruikt.")
        return None
    return rng[0] if start else rng[1]


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


def _nl(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
