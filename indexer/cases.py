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
import json
import math
import re
import statistics
import threading
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np

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
    """Every case of an index, from its letters; built once per index commit by the Searcher.

    The search's status filter and facet need only each letter's case number, kind, dates and
    document number (:meth:`docnums_by_status`); the :class:`Case` objects behind :attr:`cases`
    (letter pages, ``/zaken``, statistics) are made from the full rows on first use. A table
    made :meth:`from_column` therefore answers the first search after a server start without
    building 60,000 ``CaseLetter`` objects (about 1.3 s of the 3.4 s that start took at 100,000
    letters, issue 8).
    """

    def __init__(self, letters: Iterable[CaseLetter]):
        self._lock = threading.Lock()
        self._pending: tuple[list[int], list[bytes]] | None = None  # column rows, not yet linked
        self._link(letters)
        linked = [(number, x) for number, case in self._cases.items() for x in case.letters]
        self._dates = _CaseDates([number for number, _ in linked], [x.kind for _, x in linked],
                                 [_day(x.date) for _, x in linked], [_day(x.submitted) for _, x in linked],
                                 [-1 if x.docnum is None else x.docnum for _, x in linked])

    @classmethod
    def from_column(cls, raw_values: Sequence[bytes], live: bytes) -> "CaseTable":
        """The table of an index's ``case`` column: ``raw_values[docnum]`` is a letter's JSON
        (``schema.case_fields``; ``b""`` for a letter without a case number) and ``live[docnum]``
        is 1 for a document that is not deleted (``docsets.flags``; shorter than ``raw_values``
        when the last documents are deleted). The same table as ``CaseTable`` of every such
        letter's ``CaseLetter.from_json``; only the statuses' fields are read now."""
        size = min(len(raw_values), len(live))
        present = np.frombuffer(live, dtype=np.uint8, count=size).astype(bool)
        present &= np.fromiter(map(len, raw_values), dtype=np.int64, count=len(raw_values))[:size] > 0
        docnums = np.flatnonzero(present).tolist()
        raws = [raw_values[d] for d in docnums]
        table = cls.__new__(cls)
        table._lock = threading.Lock()
        table._cases, table._by_letter = {}, {}
        table._pending = (docnums, raws)
        table._dates = _CaseDates(*_status_columns(docnums, raws))
        return table

    def _link(self, letters: Iterable[CaseLetter]) -> None:
        cases: dict[str, Case] = {}
        by_letter: dict[str, str] = {}
        for letter in letters:
            number = normalize_case_number(letter.case_number)
            if number is None:
                continue
            cases.setdefault(number, Case(number)).letters.append(letter)
            by_letter[letter.id] = number
        self._cases, self._by_letter = cases, by_letter

    def _linked(self) -> None:
        """Make the Case objects of a table read from the column, once (requests share a table)."""
        if self._pending is None:
            return
        with self._lock:
            if self._pending is None:  # another thread linked them while this one waited
                return
            # A row at a time: one json.loads of all rows kept a million objects alive at once,
            # and the garbage collector's full passes over them took seconds.
            letters = map(CaseLetter.from_json, map(json.loads, self._pending[1]), self._pending[0])
            self._link(x for x in letters if x)
            self._pending = None

    @property
    def cases(self) -> dict[str, Case]:
        """Case number → :class:`Case`, in the order the letters came (document numbers)."""
        self._linked()
        return self._cases

    @property
    def by_letter(self) -> dict[str, str]:
        """Letter id → its case number."""
        self._linked()
        return self._by_letter

    def __len__(self) -> int:
        return self._dates.count

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
        """The index documents (ascending) of the letters whose case has each status on ``on``:
        the search's status filter and facet (cached per reference date). A status some case has
        is a key even when none of its letters existed yet on ``on``; keys in :data:`STATUSES`
        order. Worked out as :meth:`Case.status` and :func:`_exists` do, for all cases at once."""
        return self._dates.docnums_by_status(on)


#: "No date" among day numbers (``date.toordinal()``): after every real date, so a minimum skips it.
_NO_DAY = 1 << 40
#: Larger than every day number (``date.max`` is day 3,652,059): case * _DAY_SPAN + day is unique.
_DAY_SPAN = 1 << 22
_QUESTIONS, _DELAY, _ANSWER, _OTHER = range(4)
_KIND_CODES = {"questions": _QUESTIONS, "delay": _DELAY, "answer": _ANSWER}


def _day(value: dt.date | None) -> int:
    return value.toordinal() if value else _NO_DAY


class _CaseDates:
    """What a status depends on, as numpy arrays: per case its first known date, first answer,
    first delay notice and its one submission date (``_NO_DAY`` when none or conflicting), and per
    letter its case, date and document number. A status on a date is then a few comparisons for
    all cases at once; ``Case.status`` per case took 0.4 s for 60,000 letters."""

    def __init__(self, numbers: list[str], kinds: list[str], dates: list[int], submitted: list[int],
                 docnums: list[int]):
        """One entry per letter: its normalized case number, kind, date and submission date as
        day numbers (``_day``; ``_NO_DAY`` for none) and document number (-1 for none)."""
        # Each case's number, in order of first appearance, with map() rather than a loop.
        index = {number: i for i, number in enumerate(dict.fromkeys(numbers))}
        kind_codes = {k: _KIND_CODES.get(k, _OTHER) for k in set(kinds)}
        self.count = n = len(index)
        self.case = np.fromiter(map(index.__getitem__, numbers), dtype=np.int64, count=len(numbers))
        self.date = np.array(dates, dtype=np.int64)
        self.docnum = np.array(docnums, dtype=np.int64)
        kinds = np.fromiter(map(kind_codes.__getitem__, kinds), dtype=np.int8, count=len(kinds))
        given = np.array(submitted, dtype=np.int64)
        # Case.status: "known" is every submission date and every letter date.
        self.first_day = _minimum(n, self.case, np.minimum(self.date, given))
        answers, delays = kinds == _ANSWER, kinds == _DELAY
        self.answered = _minimum(n, self.case[answers], self.date[answers])
        self.delay = _minimum(n, self.case[delays], self.date[delays])
        # Case.submitted_dates: each letter's submission date, a questions document's own date
        # when it gives none; the case has a submission date only when they all agree.
        given = np.where(given != _NO_DAY, given, np.where(kinds == _QUESTIONS, self.date, _NO_DAY))
        known = given != _NO_DAY
        distinct = np.unique(self.case[known] * _DAY_SPAN + given[known])
        owner, day = distinct // _DAY_SPAN, distinct % _DAY_SPAN
        single = np.bincount(owner, minlength=n)[owner] == 1
        self.submitted = np.full(n, _NO_DAY, dtype=np.int64)
        self.submitted[owner[single]] = day[single]

    def docnums_by_status(self, on: dt.date) -> dict[str, list[int]]:
        day = on.toordinal()
        started = (self.first_day == _NO_DAY) | (self.first_day <= day)
        answered = self.answered <= day
        extended = (self.delay <= day) & (self.delay <= self.answered)  # Case.extended
        deadline = self.submitted + np.where(extended, DELAYED_TERM_DAYS, TERM_DAYS)
        late = (self.submitted != _NO_DAY) & (day > deadline)
        status = np.select([~started, answered, late, extended],
                           [-1, STATUSES.index("beantwoord"), STATUSES.index("te-laat"), STATUSES.index("uitgesteld")],
                           default=STATUSES.index("open"))
        of_letter = status[self.case]
        existed = (self.docnum >= 0) & ((self.date == _NO_DAY) | (self.date <= day))  # _exists
        found: dict[str, list[int]] = {}
        for code, name in enumerate(STATUSES):
            if (status == code).any():
                found[name] = np.sort(self.docnum[existed & (of_letter == code)]).tolist()
        return found


def _minimum(n: int, groups: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The least value per group 0..n-1 (``_NO_DAY`` for a group without values)."""
    out = np.full(n, _NO_DAY, dtype=np.int64)
    np.minimum.at(out, groups, values)
    return out


#: The start of a case column row as ``schema.case_fields`` writes it (json.dumps with its ", "
#: and ": "), after the line break that precedes every row in :func:`_status_columns`, capturing
#: kind, case number, date and submission date: strings without escapes, dates as
#: ``date.isoformat`` writes them, or null. A row of any other shape does not match. (A literal
#: start, not ``^``: the regular expression engine then jumps from row to row.)
_ROW_START = re.compile(
    rb'\n\{"id": "[^"\\\n]*", "kind": (?:"([^"\\\n]*)"|null), "case_number": (?:"([^"\\\n]*)"|null), '
    rb'"date": (?:"(\d{4}-\d\d-\d\d)"|null), "submitted": (?:"(\d{4}-\d\d-\d\d)"|null), "ministry": ')


def _status_columns(docnums: list[int], raws: list[bytes]) -> tuple[list, list, list, list, list]:
    """The columns of :class:`_CaseDates` from the case column's rows (``raws[i]`` is the JSON of
    document ``docnums[i]``).

    The titles and pairs are most of each row and, as Python objects, most of the time of
    reading it (``json.loads`` of 60,000 rows and the garbage collector's passes over what it
    made took most of a second): the four fields come from the start of every row with one
    regular expression over all rows, and the per-row work is comprehensions. When a row has
    another shape (escapes, key order) every row is read with ``json.loads`` instead
    (:func:`_status_columns_json`), with the same result."""
    if not raws:
        return [], [], [], [], []
    joined = b"\n" + b"\n".join(raws)
    found = _ROW_START.findall(joined) if joined.count(b"\n") == len(raws) else []
    if len(found) != len(raws):  # compact JSON has no line breaks: one match per row, or not this shape
        return _status_columns_json(docnums, raws)
    kinds, numbers, dates, submitted = zip(*found)
    # Decoded and checked all at once: usually every number is as normalize_case_number leaves it.
    text = b"\0".join(numbers).decode("utf-8")
    as_is = text.split("\0")
    if len(as_is) == len(numbers) and all(numbers) and text.upper() == text and len(text.split()) == 1:
        numbers = as_is
    else:
        numbers = [normalize_case_number(n.decode("utf-8")) for n in numbers]
    names = {kind: kind.decode("utf-8") or "other" for kind in set(kinds)}
    days = {v: dt.date.fromisoformat(v.decode("ascii")).toordinal() for v in {*dates, *submitted} if v}
    days[b""] = _NO_DAY
    columns = (numbers, [names[k] for k in kinds], [days[v] for v in dates], [days[v] for v in submitted], docnums)
    if None in numbers:  # a letter whose case number is blank: not part of any case
        keep = [i for i, number in enumerate(numbers) if number is not None]
        columns = tuple([column[i] for i in keep] for column in columns)
    return columns


def _status_columns_json(docnums: list[int], raws: list[bytes]) -> tuple[list, list, list, list, list]:
    """:func:`_status_columns` for rows of any shape: each read whole, as ``CaseLetter.from_json`` does."""
    letters = [CaseLetter.from_json(json.loads(raw), docnum) for docnum, raw in zip(docnums, raws)]
    letters = [x for x in letters if x]
    return ([x.case_number for x in letters], [x.kind for x in letters], [_day(x.date) for x in letters],
            [_day(x.submitted) for x in letters], [x.docnum for x in letters])


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
