"""Statistics of the cases (``/statistiek``): answer times per ministry and per year of submission.

Worked out from :meth:`indexer.cases.CaseTable.facts`, arrays with one entry per case, so a page
at 100,000 letters counts its 60,000 cases with a few numpy calls (per case in Python it took
about nine seconds). The figures are those of :meth:`Case.status` and the other properties of
each case; ``tests/unit/test_cases.py`` checks them against a case-by-case count.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import statistics
from dataclasses import dataclass

import numpy as np

from indexer.cases import DELAYED_TERM_DAYS, STATUSES, TERM_DAYS, CaseFacts, CaseTable


def percentile(values: list[int], p: float) -> int | None:
    """The nearest-rank percentile: the smallest value with at least p % of the values at or below
    it (so the 90th percentile of 10 values is the 9th smallest)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1]


@dataclass
class Figures:
    """The statistics of one group of cases (a ministry, a year, or all)."""

    key: str
    cases: int = 0
    answered: int = 0
    median_days: float | None = None
    p90_days: int | None = None
    within_term: int = 0
    decided: int = 0  # answered with a known answer time, or unanswered past the term
    with_delay: int = 0
    late_open: int = 0

    @property
    def share_within_term(self) -> float | None:
        return self.within_term / self.decided if self.decided else None

    @property
    def share_with_delay(self) -> float | None:
        return self.with_delay / self.cases if self.cases else None

    def to_json(self) -> dict:
        def r(x):
            return round(x, 4) if x is not None else None

        return {"key": self.key, "cases": self.cases, "answered": self.answered,
                "median_days": self.median_days, "p90_days": self.p90_days,
                "share_within_term": r(self.share_within_term), "share_with_delay": r(self.share_with_delay),
                "within_term": self.within_term, "decided": self.decided, "with_delay": self.with_delay,
                "late_open": self.late_open}


def grouped_figures(keys: list[str], group: np.ndarray, facts: CaseFacts) -> list[Figures]:
    """The figures of each group that has cases (``group[i]`` indexes ``keys`` for case i): cases,
    median and 90th percentile of the answer time (answered cases with a reliable time), the share
    answered within the term (of the answered cases with a known time plus the unanswered cases
    already past their term) and the share with a delay notice (of all cases)."""
    exists = facts.status >= 0
    answered = facts.status == STATUSES.index("beantwoord")
    late = facts.status == STATUSES.index("te-laat")
    timed = answered & (facts.answer_days >= 0)

    def count(mask: np.ndarray) -> list[int]:
        return np.bincount(group[mask], minlength=len(keys)).tolist()

    cases, n_answered, n_timed, n_late = count(exists), count(answered), count(timed), count(late)
    within, with_delay = count(timed & facts.within_term), count(facts.delayed & exists)
    order = np.lexsort((facts.answer_days[timed], group[timed]))
    days = facts.answer_days[timed][order].tolist()  # by group, then answer time
    out, start = [], 0
    for g, key in enumerate(keys):
        values, start = days[start:start + n_timed[g]], start + n_timed[g]
        if not cases[g]:
            continue
        median = statistics.median(values) if values else None
        out.append(Figures(key, cases=cases[g], answered=n_answered[g],
                           median_days=int(median) if median is not None and float(median).is_integer() else median,
                           p90_days=percentile(values, 90), within_term=within[g], decided=n_timed[g] + n_late[g],
                           with_delay=with_delay[g], late_open=n_late[g]))
    return out


@dataclass
class Statistics:
    reference_date: dt.date
    total: Figures
    by_ministry: list[Figures]
    by_year: list[Figures]

    def to_json(self) -> dict:
        return {"reference_date": self.reference_date.isoformat(), "term_days": TERM_DAYS,
                "delayed_term_days": DELAYED_TERM_DAYS, "total": self.total.to_json(),
                "by_ministry": [f.to_json() for f in self.by_ministry],
                "by_year": [f.to_json() for f in self.by_year]}

    def to_csv(self) -> str:
        """One row per group: ``group`` is ``ministerie``, ``jaar`` or ``totaal``."""
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(["group", "key", "cases", "answered", "median_days", "p90_days", "share_within_term",
                    "share_with_delay", "within_term", "decided", "with_delay", "late_open"])
        rows = [("totaal", self.total)] + [("ministerie", f) for f in self.by_ministry] + [("jaar", f) for f in self.by_year]
        for group, f in rows:
            d = f.to_json()
            w.writerow([group] + ["" if d[k] is None else d[k] for k in (
                "key", "cases", "answered", "median_days", "p90_days", "share_within_term", "share_with_delay",
                "within_term", "decided", "with_delay", "late_open")])
        return out.getvalue()


def compute_statistics(table: CaseTable, on: dt.date) -> Statistics:
    """Per ministry (most cases first) and per submission year (newest first), as of ``on``."""
    facts = table.facts(on)
    total = grouped_figures(["totaal"], np.zeros(len(facts.status), dtype=np.int64), facts)
    by_ministry = sorted(grouped_figures(facts.ministries, facts.ministry, facts), key=lambda f: (-f.cases, f.key))
    years, year_group = np.unique(facts.year, return_inverse=True)
    year_keys = [str(y) if y else "onbekend" for y in years.tolist()]
    by_year = sorted(grouped_figures(year_keys, year_group.reshape(-1), facts), key=lambda f: f.key, reverse=True)
    return Statistics(on, total[0] if total else Figures("totaal"), by_ministry, by_year)
