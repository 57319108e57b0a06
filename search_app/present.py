"""How the library's types read on a page: Dutch dates and numbers, snippets, facets, chips, pager.

Document text is escaped everywhere: snippets go through ``highlight.to_html`` (which escapes and
adds only ``<mark>``), footnotes through :func:`linkify` (which escapes and adds only links).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from flask import Flask
from markupsafe import Markup, escape

from indexer.cases import STATUS_LABELS
from indexer.highlight import Snippet, Terms, mark_all, to_html
from indexer.letters import KIND_LABELS, Questioner
from search_app.form import FILTER_LABELS, MONTHS, Form

URL_RE = re.compile(r"https?://[^\s<>\"'\u00a0]+", re.IGNORECASE)


def nl_date(value: dt.date | None) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else ""


def nl_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def nl_seconds(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + " s"


def nl_share(value: float | None) -> str:
    """0.4167 → '42%'; unknown → '—'."""
    return "—" if value is None else f"{round(value * 100)}%"


def nl_days(value: float | None) -> str:
    """Days as a Dutch number: 21 → '21', 22.5 → '22,5'; unknown → '—'."""
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def and_list(items: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def questioner_names(questioners: list[Questioner]) -> str:
    return and_list([f"{q.name} ({q.party})" if q.party else q.name for q in questioners])


def snippet_html(pieces: Snippet) -> Markup:
    """The only place a snippet becomes markup: ``to_html`` escapes the text, adds ``<mark>``."""
    return Markup(to_html(pieces or []))


def linkify(text: str) -> Markup:
    """Footnote text with its web addresses as links; everything else escaped."""
    out, pos = [], 0
    for m in URL_RE.finditer(text or ""):
        url = m.group(0).rstrip(".,;:)]")
        end = m.start() + len(url)
        out.append(escape(text[pos:m.start()]))
        out.append(Markup('<a href="{0}" rel="noopener nofollow">{0}</a>').format(url))
        pos = end
    out.append(escape((text or "")[pos:]))
    return Markup("").join(out)


def marked(text: str, terms: Terms | None, stemmer: str) -> Markup:
    if not terms:
        return escape(text or "")
    return snippet_html(mark_all(text or "", terms, stemmer))


# -- the results page's parts ----------------------------------------------------------------
@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    url: str
    active: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class Chip:
    label: str
    value: str
    remove_url: str


def value_label(name: str, value: str) -> str:
    return KIND_LABELS.get(value, value) if name == "soort" else value


#: At most this many values of one facet are sent to the page (the most frequent; the active one
#: always): thousands of questioners made a 400 KB results page.
FACET_MAX = 50


def facets(form: Form, counts: dict[str, list[tuple[str, int]]]) -> list[Facet]:
    """The sidebar: per filter its values with counts; a click sets (or, when active, clears) it."""
    out = []
    for name, label in FILTER_LABELS.items():
        current = form.filters.get(name)
        shown = [(value, count) for i, (value, count) in enumerate(counts.get(name, []))
                 if i < FACET_MAX or value == current]
        urls = form.value_urls(name, [value for value, _ in shown])
        values = [FacetValue(value, value_label(name, value), count,
                             form.url(**{name: None}) if value == current else url, value == current)
                  for (value, count), url in zip(shown, urls)]
        if values:
            out.append(Facet(name, label, values))
    status = [FacetValue(value, STATUS_LABELS[value], count, form.url(status=None if form.request.status == value else value),
                         form.request.status == value) for value, count in counts.get("status", [])]
    if status:
        out.insert(0, Facet("status", "Status van de vraag", status))
    return out


def chips(form: Form) -> list[Chip]:
    """The active filters, each with a link that removes it."""
    out = [Chip(FILTER_LABELS[n], value_label(n, v), form.url(**{n: None})) for n, v in form.filters.items()]
    if form.request.date_from:
        out.append(Chip("Vanaf", nl_date(form.request.date_from), form.url(van=None)))
    if form.request.date_to:
        out.append(Chip("Tot en met", nl_date(form.request.date_to), form.url(tot=None)))
    if form.request.status:
        out.append(Chip("Status", STATUS_LABELS[form.request.status], form.url(status=None)))
    if form.request.reference_date:
        out.append(Chip("Peildatum", nl_date(form.request.reference_date), form.url(peildatum=None)))
    return out


def pager(form: Form, page: int, pages: int) -> list[tuple[str, str | None, bool]]:
    """(label, url, current) for a window of pages around the current one; None url = a gap."""
    if pages <= 1:
        return []
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    items: list[tuple[str, str | None, bool]] = []
    previous = 0
    for n in shown:
        if n - previous > 1:
            items.append(("…", None, False))
        items.append((str(n), form.url(pagina=n), n == page))
        previous = n
    return items


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        nl_date=nl_date, nl_number=nl_number, nl_seconds=nl_seconds, and_list=and_list,
        questioners=questioner_names, snippet=snippet_html, linkify=linkify,
        kind_label=lambda code: KIND_LABELS.get(code, code),
        status_label=lambda code: STATUS_LABELS.get(code, code or "—"), nl_share=nl_share, nl_days=nl_days,
    )
    app.jinja_env.globals.update(KIND_LABELS=KIND_LABELS)
