"""Cases: the documents of one Kamervraag linked by case number, their status and statistics.

A written question lives through several letters: the questions as submitted (*kv-tk-…*), often a
delay notice (*Mededeling …*), and the answer, each naming the case number (*zaaknummer*,
2024Z18792). The index holds one document per letter; a case is worked out at query time from
the stored letters, because its status depends on the reference date. No Flask, no Whoosh here:
``indexer.search`` reads the letters and caches the :class:`CaseTable` per index commit.

The term rule (Reglement van Orde van de Tweede Kamer, on written questions): a question is answered within
three weeks of its submission; a delay notice extends that to six weeks, still counted from the
submission. Terms are counted in calendar days (21 and 42) with ``datetime.date`` arithmetic, so
month and year ends need no special care; the answer may be received *on* the last day. A term
ending on a Saturday, Sunday or public holiday is not moved: the Algemene termijnenwet applies to
terms set by law, not to the Kamer's own Reglement van Orde.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import statistics
from dataclasses import dataclass, field
from typing import Iterable

#: The term without and with a delay notice, in calendar days from the submission date.
TERM_DAYS = 21
DELAYED_TERM_DAYS = 42
#: Statuses, in the order the UI lists them; the URL values (``status=te-laat``) and Dutch labels.
STATUSES = ("open", "uitgesteld", "te-laat", "beantwoord")
STATUS_LABELS = {"open": "Open", "uitgesteld": "Uitgesteld", "te-laat": "Te laat", "beantwoord": "Beantwoord"}


def normalize_case_number(value: str | None) -> str | None:
    """``2024z18792`` and ``2024Z18792 `` are one case: upper case, no spaces."""
    if not value:
        return None
    return "".join(value.split()).upper() or None


@dataclass(frozen=True)
class CaseLetter:
    """What a case needs of a letter (read from the stored letter; the index's docnum for filters)."""

    id: str
    kind: str
    case_number: str
    date: dt.date | None = None
    submitted: dt.date | None = None
    ministry: str | None = None
    title: str | None = None
    questions: tuple[int, ...] = ()  # the question numbers of its pairs
    docnum: int | None = None

    @classmethod
    def from_letter(cls, letter, docnum: int | None = None) -> "CaseLetter | None":
        """From an ``indexer.letters.Letter``; None when it names no case."""
        number = normalize_case_number(letter.case_number)
        if number is None:
            return None
        numbers = tuple(sorted({n for p in letter.pairs for n in p.questions}))
        return cls(letter.id, letter.kind, number, letter.date, letter.submitted, letter.ministry,
                   letter.title, numbers, docnum)

    @classmethod
    def from_json(cls, data: dict, docnum: int | None = None) -> "CaseLetter | None":
        """From a letter's JSON (``Letter.to_json``) without building the whole Letter: the case
        table reads every letter with a case number."""
        number = normalize_case_number(data.get("case_number"))
        if number is None:
            return None

        def date(value):
            return dt.date.fromisoformat(value) if value else None

        numbers = tuple(sorted({n for p in data.get("pairs", ()) for n in p["questions"]}))
        return cls(data["id"], data.get("kind") or "other", number, date(data.get("date")),
                   date(data.get("submitted")), data.get("ministry"), data.get("title"), numbers, docnum)


@dataclass
class Case:
    """The letters of one case number, and what follows from their dates."""

    number: str
    letters: list[CaseLetter] = field(default_factory=list)

    # -- the documents ----------------------------------------------------------------------
    def _of(self, kind: str) -> list[CaseLetter]:
        return sorted((x for x in self.letters if x.kind == kind), key=lambda x: (x.date or dt.date.max, x.id))

    @property
    def questions(self) -> list[CaseLetter]:
        return self._of("questions")

    @property
    def delays(self) -> list[CaseLetter]:
        return self._of("delay")

    @property
    def answers(self) -> list[CaseLetter]:
        return self._of("answer")

    @property
    def answer(self) -> CaseLetter | None:
        """The first answer that has a date (a later one is a correction or a repeat)."""
        dated = [a for a in self.answers if a.date]
        return dated[0] if dated else (self.answers[0] if self.answers else None)

    @property
    def title(self) -> str | None:
        for letter in self.questions + self.answers + self.delays + self.letters:
            if letter.title:
                return letter.title
        return None

    @property
    def ministry(self) -> str | None:
        """The answering ministry: of the answer, else of a delay notice, else the one asked."""
        for letter in self.answers + self.delays + self.questions + self.letters:
            if letter.ministry:
                return letter.ministry
        return None

    # -- the dates ------------------------------------------------------------------------------
    def submitted_dates(self) -> list[dt.date]:
        """Every submission date the documents give: the explicit *ingezonden*, and a questions
        document's own date (which is its submission)."""
        found = {x.submitted for x in self.letters if x.submitted}
        found |= {x.date for x in self.questions if x.date and not x.submitted}
        return sorted(found)

    @property
    def submitted(self) -> dt.date | None:
        """The submission date, or None when the documents disagree (see :attr:`problems`)."""
        dates = self.submitted_dates()
        return dates[0] if len(dates) == 1 else None

    @property
    def delay_date(self) -> dt.date | None:
        dated = [d.date for d in self.delays if d.date]
        return min(dated) if dated else None

    @property
    def answered(self) -> dt.date | None:
        answer = self.answer
        return answer.date if answer else None

    @property
    def problems(self) -> list[str]:
        """What makes a figure of this case unreliable, in Dutch for the reader. Nothing is guessed:
        a case with conflicting submission dates has no term and no answer time."""
        out = []
        dates = self.submitted_dates()
        if len(dates) > 1:
            out.append("De documenten noemen verschillende indieningsdata: "
                       + ", ".join(d.isoformat() for d in dates) + "; termijn en antwoordtijd zijn daarom niet berekend.")
        elif self.answered and dates and self.answered < dates[0]:
            out.append(f"Het antwoord ({self.answered.isoformat()}) is gedateerd vóór de indiening "
                       f"({dates[0].isoformat()}); de antwoordtijd is daarom niet berekend.")
        answer_dates = sorted({a.date for a in self.answers if a.date})
        if len(answer_dates) > 1:
            out.append("Er zijn meerdere antwoorden (" + ", ".join(d.isoformat() for d in answer_dates)
                       + "); het eerste telt.")
        return out

    def extended(self, on: dt.date | None = None) -> bool:
        """Whether a delay notice extends the term: one was received (by ``on``, and before the
        answer). A notice that arrives after the three weeks still extends it (documented leniency:
        the Kamer treats it so in practice)."""
        delay = self.delay_date
        if delay is None:
            return False
        if on is not None and delay > on:
            return False
        return self.answered is None or delay <= self.answered

    def deadline(self, on: dt.date | None = None) -> dt.date | None:
        """The last day of the term: submission + 21 days, or + 42 after a delay notice."""
        submitted = self.submitted
        if submitted is None:
            return None
        return submitted + dt.timedelta(days=DELAYED_TERM_DAYS if self.extended(on) else TERM_DAYS)

    @property
    def answer_days(self) -> int | None:
        """Calendar days from submission to the answer's receipt; None when unknown or unreliable."""
        if self.answered is None or self.submitted is None or self.answered < self.submitted:
            return None
        return (self.answered - self.submitted).days

    @property
    def within_term(self) -> bool | None:
        """For an answered case: answered on or before the last day of its term."""
        if self.answer_days is None:
            return None
        return self.answered <= self.deadline()

    def status(self, on: dt.date) -> str | None:
        """The status on reference date ``on``; None when the case did not exist yet (submitted
        after ``on``) or none of its documents is dated on or before it."""
        known = [d for d in (self.submitted_dates() + [x.date for x in self.letters if x.date]) if d]
        if known and min(known) > on:
            return None
        if self.answered is not None and self.answered <= on:
            return "beantwoord"
        deadline = self.deadline(on)
        if deadline is not None and on > deadline:
            return "te-laat"
        if self.extended(on):
            return "uitgesteld"
        return "open"

    def days_open(self, on: dt.date) -> int | None:
        if self.submitted is None or self.submitted > on:
            return None
        return (on - self.submitted).days

    def to_json(self, on: dt.date) -> dict:
        def iso(d):
            return d.isoformat() if d else None

        return {
            "case_number": self.number,
            "title": self.title,
            "ministry": self.ministry,
            "status": self.status(on),
            "reference_date": on.isoformat(),
            "submitted": iso(self.submitted),
            "delay_notice": iso(self.delay_date),
            "answered": iso(self.answered),
            "deadline": iso(self.deadline(on)),
            "answer_days": self.answer_days,
            "within_term": self.within_term,
            "problems": self.problems,
            "letters": [{"id": x.id, "kind": x.kind, "date": iso(x.date)} for x in self.timeline_letters()],
        }

    def timeline_letters(self) -> list[CaseLetter]:
        """The case's documents in the order of its life: questions, delay notices, answers, rest."""
        order = {"questions": 0, "delay": 1, "answer": 2}
        return sorted(self.letters, key=lambda x: (order.get(x.kind, 3), x.date or dt.date.max, x.id))


@dataclass
class Step:
    """One line of a letter page's timeline."""

    label: str  # Ingezonden, Uitstelbericht, Beantwoord, Termijn verstreken …
    date: dt.date | None
    letter: CaseLetter | None = None
    note: str | None = None
    current: bool = False  # the letter whose page shows the timeline


def timeline(case: Case, on: dt.date, current_id: str | None = None) -> list[Step]:
    """Submitted → delay notice → answered (or the term still running / passed), with dates, as
    known on ``on``: documents dated after it are left out."""
    steps: list[Step] = []
    questions = case.questions
    submitted = case.submitted
    if questions:
        for q in questions:
            steps.append(Step("Ingezonden", submitted or q.date, q, current=q.id == current_id))
    else:
        steps.append(Step("Ingezonden", submitted, None, note="De vragen zelf zijn niet in de index."))
    for d in case.delays:
        if not _exists(d, on):
            continue
        days = (d.date - submitted).days if d.date and submitted else None
        steps.append(Step("Uitstelbericht", d.date, d, note=f"na {days} dagen" if days is not None else None,
                          current=d.id == current_id))
    answers = [a for a in case.answers if _exists(a, on)]
    if answers:
        for a in answers:
            note = None
            if a is case.answer and case.answer_days is not None:
                note = f"na {case.answer_days} dagen" + ("" if case.within_term else ", na de termijn")
            steps.append(Step("Beantwoord", a.date, a, note=note, current=a.id == current_id))
    else:
        deadline = case.deadline(on)
        status = case.status(on)
        if deadline is not None:
            label = "Termijn verstreken" if status == "te-laat" else "Termijn loopt tot"
            steps.append(Step(label, deadline, None, note="nog geen antwoord in de index"))
    for other in case.letters:
        if other.kind not in ("questions", "delay", "answer") and _exists(other, on):
            steps.append(Step("Ander document", other.date, other, current=other.id == current_id))
    return steps


def answer_pairs(case: Case) -> dict[int, str]:
    """Question number → the answer letter's id, for a questions document's links to its answer
    (the answer letter's page has the anchor ``#vraag-N`` for every number of a merged pair)."""
    answer = case.answer
    return {n: answer.id for n in answer.questions} if answer else {}


# -- the table of all cases ----------------------------------------------------------------------
class CaseTable:
    """Every case of an index, from its letters; built once per index commit by the Searcher."""

    def __init__(self, letters: Iterable[CaseLetter]):
        self.cases: dict[str, Case] = {}
        self.by_letter: dict[str, str] = {}
        for letter in letters:
            number = normalize_case_number(letter.case_number)
            if number is None:
                continue
            self.cases.setdefault(number, Case(number)).letters.append(letter)
            self.by_letter[letter.id] = number

    def __len__(self) -> int:
        return len(self.cases)

    def get(self, case_number: str | None) -> Case | None:
        return self.cases.get(normalize_case_number(case_number) or "")

    def of_letter(self, letter_id: str) -> Case | None:
        number = self.by_letter.get(letter_id)
        return self.cases.get(number) if number else None

    def select(self, on: dt.date, status: str | None = None, ministry: str | None = None,
               year: int | str | None = None) -> list[Case]:
        """The cases with this status on ``on`` (any when None), ministry and submission year,
        newest submission first."""
        out = []
        for case in self.cases.values():
            st = case.status(on)
            if st is None or (status and st != status):
                continue
            if ministry and (case.ministry or "onbekend") != ministry:
                continue
            if year and (case_year(case) or "onbekend") != year:
                continue
            out.append(case)
        out.sort(key=lambda c: (c.submitted or c.answered or dt.date.min, c.number), reverse=True)
        return out

    def docnums_by_status(self, on: dt.date) -> dict[str, list[int]]:
        """The index documents of the letters whose case has each status on ``on``: the search's
        status filter and facet (cached per reference date)."""
        found: dict[str, list[int]] = {}
        for case in self.cases.values():
            status = case.status(on)
            if status:
                found.setdefault(status, []).extend(
                    x.docnum for x in case.letters if x.docnum is not None and _exists(x, on))
        return found


def _exists(letter: CaseLetter, on: dt.date) -> bool:
    """Whether the letter existed on ``on``: an answer dated later is not part of the case then."""
    return letter.date is None or letter.date <= on


def case_year(case: Case) -> int | None:
    day = case.submitted or (case.submitted_dates() or [None])[0] or case.answered
    return day.year if day else None


# -- statistics --------------------------------------------------------------------------------
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


def figures(key: str, cases: list[Case], on: dt.date) -> Figures:
    """Cases, median and 90th percentile of the answer time (answered cases with a reliable time),
    the share answered within the term (of the answered cases with a known time plus the unanswered
    cases already past their term) and the share with a delay notice (of all cases)."""
    f = Figures(key, cases=len(cases))
    days = []
    for case in cases:
        if case.delay_date and case.delay_date <= on:
            f.with_delay += 1
        if case.status(on) == "beantwoord":
            f.answered += 1
            if case.answer_days is not None:
                days.append(case.answer_days)
                f.decided += 1
                f.within_term += bool(case.within_term)
        elif case.status(on) == "te-laat":
            f.decided += 1
            f.late_open += 1
    if days:
        median = statistics.median(days)
        f.median_days = int(median) if float(median).is_integer() else median
        f.p90_days = percentile(days, 90)
    return f


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
    cases = table.select(on)
    ministries: dict[str, list[Case]] = {}
    years: dict[str, list[Case]] = {}
    for case in cases:
        ministries.setdefault(case.ministry or "onbekend", []).append(case)
        year = case_year(case)
        years.setdefault(str(year) if year else "onbekend", []).append(case)
    by_ministry = sorted((figures(k, v, on) for k, v in ministries.items()), key=lambda f: (-f.cases, f.key))
    by_year = sorted((figures(k, v, on) for k, v in years.items()), key=lambda f: f.key, reverse=True)
    return Statistics(on, figures("totaal", cases, on), by_ministry, by_year)
