"""/statistiek and /zaken: answer times per ministry and year, and the cases behind each figure.

Thin: the figures come from :mod:`indexer.cases`; this module reads ``peildatum`` (the reference
date, default today), renders the table and a server-side SVG chart (no JavaScript), and offers
the same data as JSON and CSV. It also gives the letter page its case timeline (``case_of``).
"""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, jsonify, render_template, request, url_for

from indexer import case_stats
from indexer import cases as lib
from search_app.form import read_status
from search_app.index import get_searcher

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


def _selected(on: dt.date, status: str | None) -> tuple[list[lib.Case], dict]:
    ministry = request.args.get("ministerie", "").strip()[:300] or None
    year = request.args.get("jaar", "").strip()[:10] or None
    year_value = int(year) if year and year.isdigit() else year
    show = request.args.get("toon", "")
    found = get_searcher().cases().select(on, status, ministry, year_value, show if show in SHOW else None)
    return found, {"ministerie": ministry, "jaar": year, "toon": show if show in SHOW else None}


@bp.get("/zaken")
def case_list():
    status, on, picked, problems = _args()
    found, chosen = _selected(on, status)
    return render_template("zaken.html", cases=found, on=on, picked=picked, problems=problems, status=status,
                           chosen=chosen, show_label=SHOW.get(chosen["toon"] or ""), peil=_peil(picked),
                           statuses=lib.STATUSES)


@bp.get("/zaken.json")
def case_list_json():
    status, on, _, _ = _args()
    found, _ = _selected(on, status)
    return jsonify({"reference_date": on.isoformat(), "total": len(found), "cases": [c.to_json(on) for c in found]})


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
