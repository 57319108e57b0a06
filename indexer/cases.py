"""Cases: the documents of one Kamervraag linked by case number, and their status on a date.

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

import bisect
import datetime as dt
import json
import re
import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Sequence

import numpy as np

#: The term without and with a delay notice, in calendar days from the submission date.
TERM_DAYS = 21
DELAYED_TERM_DAYS = 42
#: Statuses, in the order the UI lists them; the URL values (``status=te-laat``) and Dutch labels.
STATUSES = ("open", "uitgesteld", "te-laat", "beantwoord")
STATUS_LABELS = {"open": "Open", "uitgesteld": "Uitgesteld", "te-laat": "Te laat", "beantwoord": "Beantwoord"}
#: The cases behind each figure of the statistics (``toon=`` on /zaken): all, the answered ones,
#: those answered within the term, those not (answered late, or unanswered past the term), and
#: those with a delay notice.
SHOWS = ("alle", "beantwoord", "binnen-termijn", "buiten-termijn", "uitstel")


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
    document number (:meth:`docnums_by_status`), and the case list and statistics only arrays
    with one entry per case (:meth:`find`, :meth:`facts`); the :class:`Case` objects behind
    :attr:`cases` (letter pages, the rows of one page of ``/zaken``) are made from the full rows
    on first use, or one at a time by :meth:`get` until then. A table made :meth:`from_column`
    therefore answers the first search after a server start without building 60,000
    ``CaseLetter`` objects (about 1.3 s of the 3.4 s that start took at 100,000 letters, issue 8).
    """

    def __init__(self, letters: Iterable[CaseLetter]):
        self._lock = threading.Lock()
        self._pending: tuple[list[int], list[bytes]] | None = None  # column rows, not yet linked
        self._link(letters)
        linked = [(number, x) for number, case in self._cases.items() for x in case.letters]
        self._dates = _CaseDates([number for number, _ in linked], [x.kind for _, x in linked],
                                 [_day(x.date) for _, x in linked], [_day(x.submitted) for _, x in linked],
                                 [-1 if x.docnum is None else x.docnum for _, x in linked],
                                 [x.id for _, x in linked], [x.ministry for _, x in linked])

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
        """The case of this number. Before :attr:`cases` is linked, made from just its own rows:
        a page of /zaken or a letter page then need not wait the seconds linking takes."""
        number = normalize_case_number(case_number) or ""
        pending = self._pending
        if pending is None:
            return self.cases.get(number)
        docnums, raws = pending
        own = self._dates.docnums_of(number)
        letters = [CaseLetter.from_json(json.loads(raws[bisect.bisect_left(docnums, d)]), d) for d in own]
        return Case(number, letters) if letters else None

    def of_letter(self, letter_id: str) -> Case | None:
        number = self.by_letter.get(letter_id)
        return self.cases.get(number) if number else None

    def facts(self, on: dt.date) -> "CaseFacts":
        """What the case list and the statistics need of every case on ``on``, as arrays."""
        return self._dates.facts(on)

    def find(self, on: dt.date, status: str | None = None, ministry: str | None = None,
             year: int | str | None = None, show: str | None = None) -> list[str]:
        """The numbers of the cases with this status on ``on`` (any when None), ministry (its
        key: "onbekend" for none), submission year (an int, or "onbekend") and :data:`SHOWS`
        selection, newest submission first. The same cases as :meth:`Case.status` and the
        properties of every case would give, for all cases at once: one by one took seconds."""
        facts = self.facts(on)
        keep = facts.status >= 0
        if status:
            keep &= facts.status == (STATUSES.index(status) if status in STATUSES else -2)
        if ministry:
            keep &= facts.ministry == (facts.ministries.index(ministry) if ministry in facts.ministries else -2)
        if year:
            keep &= facts.year == (year if isinstance(year, int) else 0 if year == "onbekend" else -1)
        if show in SHOWS and show != "alle":
            keep &= facts.shown(show)
        order = self._dates.order
        return [self._dates.numbers[i] for i in order[keep[order]].tolist()]

    def select(self, on: dt.date, status: str | None = None, ministry: str | None = None,
               year: int | str | None = None, show: str | None = None) -> list[Case]:
        """:meth:`find`, as the cases themselves."""
        return [self.cases[number] for number in self.find(on, status, ministry, year, show)]

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


@dataclass
class CaseFacts:
    """Per case (in the table's order) what its row of the case list and its share of the
    statistics depend on, on one reference date: indexes into :data:`STATUSES` (-1: the case did
    not exist yet), the ministry's key in :attr:`ministries` ("onbekend" for none), the year of
    submission (0 for none), the answer time in days (-1 when unknown or unreliable), whether it
    came within the term, and whether a delay notice had come."""

    status: np.ndarray
    ministry: np.ndarray
    ministries: list[str]
    year: np.ndarray
    answer_days: np.ndarray
    within_term: np.ndarray
    delayed: np.ndarray

    def shown(self, show: str) -> np.ndarray:
        """The cases of a :data:`SHOWS` selection (any status but "none yet")."""
        answered = self.status == STATUSES.index("beantwoord")
        timed = answered & (self.answer_days >= 0)
        return {"alle": self.status >= 0, "beantwoord": answered, "binnen-termijn": timed & self.within_term,
                "buiten-termijn": (self.status == STATUSES.index("te-laat")) | (timed & ~self.within_term),
                "uitstel": self.delayed & (self.status >= 0)}[show]


class _CaseDates:
    """What a status depends on, as numpy arrays: per case its first known date, first answer,
    first delay notice and its one submission date (``_NO_DAY`` when none or conflicting), and per
    letter its case, date and document number. A status on a date is then a few comparisons for
    all cases at once; ``Case.status`` per case took 0.4 s for 60,000 letters. The case list's
    order, ministries and years are worked out on first use: the first search needs none of them."""

    def __init__(self, numbers: list[str], kinds: list[str], dates: list[int], submitted: list[int],
                 docnums: list[int], ids: list[str], ministries: list[str | None]):
        """One entry per letter: its normalized case number, kind, date and submission date as
        day numbers (``_day``; ``_NO_DAY`` for none), document number (-1 for none), id and ministry."""
        # Each case's number, in order of first appearance, with map() rather than a loop.
        index = {number: i for i, number in enumerate(dict.fromkeys(numbers))}
        kind_codes = {k: _KIND_CODES.get(k, _OTHER) for k in set(kinds)}
        self.count = n = len(index)
        self.numbers, self.index = list(index), index
        self.ids, self.ministries = ids, ministries
        self.case = np.fromiter(map(index.__getitem__, numbers), dtype=np.int64, count=len(numbers))
        self.date = np.array(dates, dtype=np.int64)
        self.docnum = np.array(docnums, dtype=np.int64)
        self.kind = kinds = np.fromiter(map(kind_codes.__getitem__, kinds), dtype=np.int8, count=len(kinds))
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
        self.first_submitted = _minimum(n, self.case[known], given[known])
        distinct = np.unique(self.case[known] * _DAY_SPAN + given[known])
        owner, day = distinct // _DAY_SPAN, distinct % _DAY_SPAN
        single = np.bincount(owner, minlength=n)[owner] == 1
        self.submitted = np.full(n, _NO_DAY, dtype=np.int64)
        self.submitted[owner[single]] = day[single]

    def statuses(self, on: dt.date) -> np.ndarray:
        """Per case its index in :data:`STATUSES` on ``on``, -1 before it existed (Case.status)."""
        day = on.toordinal()
        started = (self.first_day == _NO_DAY) | (self.first_day <= day)
        answered = self.answered <= day
        extended = (self.delay <= day) & (self.delay <= self.answered)  # Case.extended
        deadline = self.submitted + np.where(extended, DELAYED_TERM_DAYS, TERM_DAYS)
        late = (self.submitted != _NO_DAY) & (day > deadline)
        return np.select([~started, answered, late, extended],
                         [-1, STATUSES.index("beantwoord"), STATUSES.index("te-laat"), STATUSES.index("uitgesteld")],
                         default=STATUSES.index("open"))

    def docnums_by_status(self, on: dt.date) -> dict[str, list[int]]:
        status = self.statuses(on)
        day = on.toordinal()
        of_letter = status[self.case]
        existed = (self.docnum >= 0) & ((self.date == _NO_DAY) | (self.date <= day))  # _exists
        found: dict[str, list[int]] = {}
        for code, name in enumerate(STATUSES):
            if (status == code).any():
                found[name] = np.sort(self.docnum[existed & (of_letter == code)]).tolist()
        return found

    def facts(self, on: dt.date) -> CaseFacts:
        codes, keys = self.ministry
        return CaseFacts(self.statuses(on), codes, keys, self.year, self.answer_days, self.within_term,
                         self.delay <= on.toordinal())

    def docnums_of(self, number: str) -> list[int]:
        """The document numbers of a case's letters, in their order (none for an unknown case)."""
        if number not in self.index:
            return []
        by_case, ends = self.letters_by_case
        i = self.index[number]
        return self.docnum[by_case[ends[i - 1] if i else 0:ends[i]]].tolist()

    @cached_property
    def letters_by_case(self) -> tuple[np.ndarray, np.ndarray]:
        """The letters grouped by case, each case's in their order, and where each group ends."""
        return np.argsort(self.case, kind="stable"), np.cumsum(np.bincount(self.case, minlength=self.count))

    @cached_property
    def order(self) -> np.ndarray:
        """The cases newest first: by submission date (else the answer's), then case number, both
        descending, as the case list has always sorted them."""
        day = np.where(self.submitted != _NO_DAY, self.submitted,
                       np.where(self.answered != _NO_DAY, self.answered, dt.date.min.toordinal()))
        by_number = np.empty(self.count, dtype=np.int64)
        by_number[sorted(range(self.count), key=self.numbers.__getitem__)] = np.arange(self.count)
        return np.lexsort((by_number, day))[::-1]

    @cached_property
    def ministry(self) -> tuple[np.ndarray, list[str]]:
        """Per case the key of its answering ministry (Case.ministry: of the first answer, else
        delay notice, else questions by date and id, else any other letter in order; "onbekend"
        for none) as an index into the list of keys."""
        has = np.flatnonzero([bool(m) for m in self.ministries])
        keys = {"onbekend": 0}
        names = np.fromiter((keys.setdefault(self.ministries[i], len(keys)) for i in has.tolist()),
                            dtype=np.int64, count=len(has))
        # Answers first, then delay notices, questions and the rest (the kind codes are 0..3 in
        # the order questions, delay, answer, other).
        rank = np.array([2, 1, 0, 3], dtype=np.int64)[self.kind[has]]
        ids = [self.ids[i] for i in has.tolist()]
        by_id = np.empty(len(has), dtype=np.int64)
        by_id[sorted(range(len(has)), key=ids.__getitem__)] = np.arange(len(has))
        dated = rank < 3  # Case._of sorts by (date or date.max, id); the rest keep their order
        day = np.where(dated, np.minimum(self.date[has], dt.date.max.toordinal()), 0)
        tie = np.where(dated, by_id, has)
        first = np.lexsort((tie, day, rank, self.case[has]))
        cases = self.case[has][first]
        lead = np.ones(len(first), dtype=bool)
        lead[1:] = cases[1:] != cases[:-1]
        codes = np.zeros(self.count, dtype=np.int64)
        codes[cases[lead]] = names[first[lead]]
        return codes, list(keys)

    @cached_property
    def year(self) -> np.ndarray:
        """Per case the year of its (earliest) submission, else of its answer; 0 for none."""
        day = np.where(self.first_submitted != _NO_DAY, self.first_submitted, self.answered)
        years = {d: dt.date.fromordinal(d).year for d in np.unique(day[day != _NO_DAY]).tolist()}
        years[_NO_DAY] = 0
        return np.fromiter(map(years.__getitem__, day.tolist()), dtype=np.int64, count=self.count)

    @cached_property
    def answer_days(self) -> np.ndarray:
        """Case.answer_days, -1 for None."""
        known = (self.answered != _NO_DAY) & (self.submitted != _NO_DAY) & (self.answered >= self.submitted)
        return np.where(known, self.answered - self.submitted, -1)

    @cached_property
    def within_term(self) -> np.ndarray:
        """Case.within_term where the answer time is known (the term of Case.deadline())."""
        extended = (self.delay != _NO_DAY) & (self.delay <= self.answered)
        return self.answered <= self.submitted + np.where(extended, DELAYED_TERM_DAYS, TERM_DAYS)


def _minimum(n: int, groups: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The least value per group 0..n-1 (``_NO_DAY`` for a group without values)."""
    out = np.full(n, _NO_DAY, dtype=np.int64)
    np.minimum.at(out, groups, values)
    return out


#: The start of a case column row as ``schema.case_fields`` writes it (json.dumps with its ", "
#: and ": "), after the line break that precedes every row in :func:`_status_columns`, capturing
#: id, kind, case number, date, submission date and ministry: strings without escapes, dates as
#: ``date.isoformat`` writes them, or null. A row of any other shape does not match. (A literal
#: start, not ``^``: the regular expression engine then jumps from row to row.)
_ROW_START = re.compile(
    rb'\n\{"id": "([^"\\\n]*)", "kind": (?:"([^"\\\n]*)"|null), "case_number": (?:"([^"\\\n]*)"|null), '
    rb'"date": (?:"(\d{4}-\d\d-\d\d)"|null), "submitted": (?:"(\d{4}-\d\d-\d\d)"|null), '
    rb'"ministry": (?:"([^"\\\n]*)"|null), "title": ')


def _status_columns(docnums: list[int], raws: list[bytes]) -> tuple[list, ...]:
    """The columns of :class:`_CaseDates` from the case column's rows (``raws[i]`` is the JSON of
    document ``docnums[i]``).

    The titles and pairs are most of each row and, as Python objects, most of the time of
    reading it (``json.loads`` of 60,000 rows and the garbage collector's passes over what it
    made took most of a second): the six fields come from the start of every row with one
    regular expression over all rows, and the per-row work is comprehensions. When a row has
    another shape (escapes, key order) every row is read with ``json.loads`` instead
    (:func:`_status_columns_json`), with the same result."""
    if not raws:
        return [], [], [], [], [], [], []
    joined = b"\n" + b"\n".join(raws)
    found = _ROW_START.findall(joined) if joined.count(b"\n") == len(raws) else []
    if len(found) != len(raws):  # compact JSON has no line breaks: one match per row, or not this shape
        return _status_columns_json(docnums, raws)
    ids, kinds, numbers, dates, submitted, ministries = zip(*found)
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
    ids = b"\0".join(ids).decode("utf-8").split("\0")
    ministry_names = {m: m.decode("utf-8") or None for m in set(ministries)}
    columns = (numbers, [names[k] for k in kinds], [days[v] for v in dates], [days[v] for v in submitted], docnums,
               ids, [ministry_names[m] for m in ministries])
    if None in numbers:  # a letter whose case number is blank: not part of any case
        keep = [i for i, number in enumerate(numbers) if number is not None]
        columns = tuple([column[i] for i in keep] for column in columns)
    return columns


def _status_columns_json(docnums: list[int], raws: list[bytes]) -> tuple[list, ...]:
    """:func:`_status_columns` for rows of any shape: each read whole, as ``CaseLetter.from_json`` does."""
    letters = [CaseLetter.from_json(json.loads(raw), docnum) for docnum, raw in zip(docnums, raws)]
    letters = [x for x in letters if x]
    return ([x.case_number for x in letters], [x.kind for x in letters], [_day(x.date) for x in letters],
            [_day(x.submitted) for x in letters], [x.docnum for x in letters], [x.id for x in letters],
            [x.ministry for x in letters])


def _exists(letter: CaseLetter, on: dt.date) -> bool:
    """Whether the letter existed on ``on``: an answer dated later is not part of the case then."""
    return letter.date is None or letter.date <= on
