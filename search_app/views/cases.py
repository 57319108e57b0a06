"""/statistiek and /zaken: answer times per ministry and year, and the cases behind each figure.

Thin: the figures come from :mod:`indexer.case_stats` and the cases from :mod:`indexer.cases`;
this module reads ``peildatum`` (the reference date, default today), renders the table and a
server-side SVG chart (no JavaScript), the case list 100 a page, and offers the same data as JSON
and CSV. It also gives the letter page its case timeline (``case_of``).
"""
from __future__ import annotations

import csv
import datetime as dt
import io

from flask import Blueprint, Response, jsonify, render_template, request, url_for

from indexer import case_stats
from indexer import cases as lib
from search_app import present
from search_app.form import read_status
from search_app.index import get_searcher
from search_app.views.search import _cell

bp = Blueprint("cases", __name__)


def _args() -> tuple[str | None, dt.date, dt.date | None, list[str]]:
    """(status, the reference date in force, the one the user picked, problems)."""
    problems: list[str] = []
    status, picked = read_status({k: request.args.get(k, "") for k in ("status", "peildatum")}, problems)
    return status, picked or dt.date.today(), picked, problems


def _peil(picked: dt.date | None) -> dict:
    return {"peildatum": picked.isoformat()} if picked else {}


@bp.get("/statistiek")
def statistics():
    _, on, picked, problems = _args()
    stats = case_stats.compute_statistics(get_searcher().cases(), on)
    return render_template("statistiek.html", stats=stats, on=on, picked=picked, problems=problems,
                           peil=_peil(picked), ministry_chart=chart(stats.by_ministry, "ministerie", picked),
                           year_chart=chart(stats.by_year, "jaar", picked),
                           term=lib.TERM_DAYS, delayed_term=lib.DELAYED_TERM_DAYS)


@bp.get("/statistiek.json")
def statistics_json():
    _, on, _, _ = _args()
    return jsonify(case_stats.compute_statistics(get_searcher().cases(), on).to_json())


@bp.get("/statistiek.csv")
def statistics_csv():
    _, on, _, _ = _args()
    text = "\ufeff" + case_stats.compute_statistics(get_searcher().cases(), on).to_csv()
    return Response(text, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="vraagbaak-statistiek-{on.isoformat()}.csv"'})


#: What a figure of /statistiek selects on /zaken (``toon``, :data:`indexer.cases.SHOWS`).
SHOW = {"alle": "alle zaken", "beantwoord": "beantwoorde zaken", "binnen-termijn": "binnen de termijn beantwoord",
        "buiten-termijn": "niet binnen de termijn (beantwoord of nog open)", "uitstel": "zaken met een uitstelbericht"}
#: Cases per page of /zaken and /zaken.json: all 60,000 of a large index made a 26 MB page.
PAGE_SIZE = 100


class CaseList:
    """The state of a /zaken page from its URL: the filters, the reference date, the page, and
    links that keep them (``url``, also what ``present.pager`` calls)."""

    def __init__(self, args, status: str | None, picked: dt.date | None, problems: list[str]):
        self.ministry = args.get("ministerie", "").strip()[:300] or None
        self.year = args.get("jaar", "").strip()[:10] or None
        self.show = args.get("toon", "") if args.get("toon", "") in SHOW else None
        self.status = status
        self.args = {"status": status, "ministerie": self.ministry, "jaar": self.year, "toon": self.show,
                     **_peil(picked)}
        self.page, raw = 1, args.get("pagina", "").strip()
        if raw:
            self.page = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 9 else 0
            if self.page < 1:
                problems.append(f"'{raw[:20]}' is geen geldig paginanummer; pagina 1 wordt getoond.")
                self.page = 1

    def url(self, endpoint: str = "cases.case_list", pagina: int | None = None, **changes) -> str:
        """This list with ``changes`` (None removes one); any change but the page goes to page 1."""
        args = {k: v for k, v in {**self.args, **changes}.items() if v}
        if pagina and pagina > 1:
            args["pagina"] = pagina
        return url_for(endpoint, **args)

    def numbers(self, on: dt.date, table: lib.CaseTable | None = None) -> list[str]:
        """The case numbers of every page, newest submission first (of ``table``, by default the
        live commit's)."""
        year = int(self.year) if self.year and self.year.isascii() and self.year.isdigit() else self.year
        return (table or get_searcher().cases()).find(on, self.status, self.ministry, year, self.show)

    def find(self, on: dt.date) -> tuple[list[lib.Case], int, int]:
        """This page's cases, the number of all selected cases and of pages; all from one commit's
        case table (a commit landing in between could drop a listed case)."""
        table = get_searcher().cases()
        numbers = self.numbers(on, table)
        pages = max(1, -(-len(numbers) // PAGE_SIZE))
        shown = numbers[(self.page - 1) * PAGE_SIZE:self.page * PAGE_SIZE]
        return [table.get(n) for n in shown], len(numbers), pages


@bp.get("/zaken")
def case_list():
    status, on, picked, problems = _args()
    state = CaseList(request.args, status, picked, problems)
    found, total, pages = state.find(on)
    out_of_range = state.page > pages
    return render_template("zaken.html", cases=found, total=total, pages=pages, state=state,
                           offset=(state.page - 1) * PAGE_SIZE, out_of_range=out_of_range,
                           pager=present.pager(state, state.page, pages), on=on, picked=picked,
                           problems=problems, status=status, show_label=SHOW.get(state.show or ""),
                           peil=_peil(picked), statuses=lib.STATUSES), 404 if out_of_range else 200


@bp.get("/zaken.json")
def case_list_json():
    status, on, _, _ = _args()
    problems: list[str] = []  # of the page only: a bad status or date has always meant none
    state = CaseList(request.args, status, None, problems)
    if problems:
        return jsonify(error=" ".join(problems), problems=problems, status=400), 400
    found, total, pages = state.find(on)
    data = {"reference_date": on.isoformat(), "total": total, "page": state.page, "pages": pages,
            "page_size": PAGE_SIZE, "cases": [c.to_json(on) for c in found]}
    if state.page > pages:
        many = "is 1 pagina" if pages == 1 else f"zijn {pages} pagina's"
        data.update(error=f"Pagina {state.page} bestaat niet; er {many}.", status=404)
        return jsonify(data), 404
    return jsonify(data)


CSV_COLUMNS = ("case_number", "title", "ministry", "status", "submitted", "delay_notice", "answered", "deadline",
               "answer_days", "within_term", "problems", "letters")


@bp.get("/zaken.csv")
def case_list_csv():
    """Every selected case (not one page), one row each, written while it is sent: at 100,000
    letters there are 60,000 cases."""
    status, on, _, _ = _args()
    state = CaseList(request.args, status, None, [])
    table, numbers = get_searcher().cases(), state.numbers(on)

    def rows():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        buffer.write("\ufeff")  # so that Excel reads the file as UTF-8
        writer.writerow(CSV_COLUMNS)
        for i, number in enumerate(numbers):
            data = table.get(number).to_json(on)
            data["problems"] = " ".join(data["problems"])
            data["letters"] = " ".join(x["id"] for x in data["letters"])
            writer.writerow([_cell(data[k]) for k in CSV_COLUMNS])
            if i % 500 == 499 or i == len(numbers) - 1:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        if not numbers:
            yield buffer.getvalue()

    return Response(rows(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="vraagbaak-zaken-{on.isoformat()}.csv"'})


# -- the letter page's timeline ----------------------------------------------------------------
@bp.app_context_processor
def _timeline_helpers():
    return {"case_of": case_of}


def case_of(letter) -> dict | None:
    """What letter.html needs for the case of ``letter``: the case, its timeline and status on the
    reference date, and per question number the link to its answer."""
    if not letter.case_number:
        return None
    _, on, picked, _ = _args()
    case = get_searcher().cases().get(letter.case_number)
    if case is None:
        return None
    answer_links = {n: url_for("letters.show", letter_id=target) + f"#vraag-{n}"
                    for n, target in lib.answer_pairs(case).items() if target != letter.id}
    return {"case": case, "steps": lib.timeline(case, on, letter.id), "status": case.status(on), "on": on,
            "picked": picked, "deadline": case.deadline(on), "answer_links": answer_links,
            "days_open": case.days_open(on)}


# -- the chart -----------------------------------------------------------------------------------
WIDTH, LABEL_W, ROW_H, TOP = 760, 270, 30, 30


def chart(rows: list[case_stats.Figures], group: str, picked: dt.date | None) -> dict:
    """Geometry of a horizontal bar chart: per group a bar for the median answer time and a whisker
    to the 90th percentile, with lines at the 3- and 6-week terms. Each bar links to its cases."""
    shown = [f for f in rows if f.median_days is not None]
    top = max([f.p90_days or 0 for f in shown] + [lib.DELAYED_TERM_DAYS + 7])
    scale = (WIDTH - LABEL_W - 40) / top
    bars = []
    for i, f in enumerate(shown):
        y = TOP + i * ROW_H
        args = {group: f.key, "toon": "beantwoord", **_peil(picked)}
        bars.append({"label": f.key if len(f.key) <= 38 else f.key[:37] + "…", "full": f.key, "y": y,
                     "width": max(2, round(f.median_days * scale)), "p90": round((f.p90_days or 0) * scale),
                     "median": f.median_days, "p90_days": f.p90_days, "url": url_for("cases.case_list", **args),
                     "late": f.median_days > lib.TERM_DAYS})
    ticks = [{"x": round(d * scale), "d": d} for d in range(0, top + 1, 7)]
    return {"bars": bars, "width": WIDTH, "height": TOP + len(bars) * ROW_H + 10, "label_w": LABEL_W,
            "term_x": round(lib.TERM_DAYS * scale), "delayed_x": round(lib.DELAYED_TERM_DAYS * scale),
            "ticks": ticks, "row_h": ROW_H, "top": TOP}
