"""How the library's types read on a page: Dutch dates and numbers, snippets, facets, chips, pager.

Document text is escaped everywhere: snippets go through ``highlight.to_html`` (which escapes and
adds only ``<mark>``), footnotes through :func:`linkify` (which escapes and adds only links), and
the hits and facet lists built here as HTML (for speed) escape every text from a letter or the
index themselves.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from flask import Flask
from markupsafe import Markup, escape

from indexer.cases import STATUS_LABELS
from indexer.highlight import Snippet, Terms, mark_all, to_html
from indexer.letters import KIND_LABELS, Letter, Questioner
from indexer.search import Hit, PairMatch
from search_app.form import FILTER_LABELS, MONTHS, Form, template_url_for

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
    """A snippet as markup: ``to_html`` escapes the text and adds only ``<mark>``."""
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


# -- a letter and a hit, as HTML built here -----------------------------------------------------
# A results page shows ten letters with some 35 pairs: in Jinja macros and loops their markup
# was a third of the page's template time (each output autoescaped, each attribute looked up);
# built here it takes half as long. Everything from a letter is escaped here, snippets by
# ``to_html``; left unescaped are only numbers, dates and our own fixed text.
NO_ANSWER = "Dit document bevat (nog) geen antwoord op deze vraag."


def letter_meta(letter: Letter) -> Markup:
    """The kind, date and sender of a letter, and who asked the questions (results and home page)."""
    parts = [f'<p class="meta">\n  <span class="tag tag--{escape(letter.kind)}">'
             f'{escape(KIND_LABELS.get(letter.kind, letter.kind))}</span>\n']
    if letter.date:
        parts.append(f'  <time datetime="{letter.date.isoformat()}">{nl_date(letter.date)}</time>\n')
    if letter.minister or letter.ministry:
        sender = ", ".join(filter(None, [letter.minister, letter.ministry]))
        parts.append(f'  <span class="meta__item">{escape(sender)}</span>\n')
    parts.append("</p>\n")
    if letter.questioners:
        parts.append(f'<p class="meta meta--people">Vragen van {escape(questioner_names(letter.questioners))}</p>\n')
    return Markup("".join(parts))


def pair_html(match: PairMatch, heading: str) -> Markup:
    """A pair as *Vraag N* beside *Antwoord N*, each with its snippet; ``heading`` is the tag of
    the two labels."""
    numbers = escape(and_list(match.questions))
    answer = (f'<p class="pair__text">{to_html(match.answer)}</p>' if match.answer
              else f'<p class="pair__text pair__text--none">{NO_ANSWER}</p>')
    return Markup(f'<div class="pair">\n'
                  f'  <div class="pair__side pair__side--q">\n'
                  f'    <{heading} class="pair__label">Vraag {numbers}</{heading}>\n'
                  f'    <p class="pair__text">{to_html(match.question)}</p>\n'
                  f'  </div>\n'
                  f'  <div class="pair__side pair__side--a">\n'
                  f'    <{heading} class="pair__label">Antwoord {numbers}</{heading}>\n'
                  f'    {answer}\n'
                  f'  </div>\n'
                  f'</div>\n')


def hit_html(hit: Hit, number: int, letter_url: str, new_since: str | None = None) -> Markup:
    """Result ``number`` of a results page: the letter's title linking to its best pair (with a
    *nieuw* badge when ``new_since`` names the moment it is new after), its metadata, the best
    pair and the other matching pairs folded under it, or else a snippet of its text.
    ``letter_url``: the letter page with this search's words."""
    letter = hit.letter
    title = escape(letter.title or letter.id)
    link = escape(letter_url + (f"#{hit.best.anchor}" if hit.best else ""))
    badge = (f'<span class="badge badge--new" title="Toegevoegd na {escape(new_since)}">nieuw</span> '
             if new_since else "")
    parts = [f'<li class="hit">\n<article aria-labelledby="hit-{number}">\n'
             f'<h2 class="hit__title" id="hit-{number}">{badge}<a href="{link}">{title}</a></h2>\n',
             letter_meta(letter)]
    if hit.best:
        parts.append(pair_html(hit.best, "h3"))
        parts.append(f'<p class="hit__more-link"><a href="{link}">Lees vraag {escape(and_list(hit.best.questions))} '
                     f'in de brief<span class="visually-hidden"> {title}</span> →</a></p>\n')
        if hit.more:
            parts.append(f'<details class="more-pairs">\n<summary>Nog {len(hit.more)} passende '
                         f'{"vraag" if len(hit.more) == 1 else "vragen"} in deze brief</summary>\n')
            for match in hit.more:
                parts.append(pair_html(match, "h4"))
                parts.append(f'<p class="hit__more-link"><a href="{escape(f"{letter_url}#{match.anchor}")}">'
                             f'Lees vraag {escape(and_list(match.questions))} in de brief →</a></p>\n')
            parts.append("</details>\n")
    elif hit.text:
        parts.append(f'<p class="hit__text">{to_html(hit.text)}</p>\n')
    parts.append("</article>\n</li>\n")
    return Markup("".join(parts))


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

    def items_html(self, start: int = 0, stop: int | None = None, folded: bool = False) -> Markup:
        """The ``<li>`` of ``values[start:stop]``, each a link that sets (or, when active, clears)
        the filter; the active one is marked ``aria-current`` unless ``folded`` away.

        Built here rather than in a Jinja loop: a results page lists up to 50 values of each of
        seven facets, and the template's loop (2,000 steps and 900 autoescape calls a page) took
        nearly a tenth of the page's CPU. Label and URL are escaped here, as autoescape did."""
        name = escape(self.name)
        active_marks = ' class="is-active"', "" if folded else ' aria-current="true" title="Filter verwijderen"'
        items = []
        for v in self.values[start:stop]:
            li, a = active_marks if v.active else ("", "")
            items.append(f'<li{li}><a href="{escape(v.url)}" data-facet="{name}"{a}>{escape(v.label)}</a> '
                         f'<span class="count">{nl_number(v.count)}</span></li>')
        return Markup("".join(items))


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
        questioners=questioner_names, linkify=linkify,
        kind_label=lambda code: KIND_LABELS.get(code, code),
        status_label=lambda code: STATUS_LABELS.get(code, code or "—"), nl_share=nl_share, nl_days=nl_days,
    )
    app.jinja_env.globals.update(KIND_LABELS=KIND_LABELS, letter_meta=letter_meta, hit_html=hit_html,
                                 url_for=template_url_for)
