"""indexer.cases: linking a case's letters, the term rule, status on a reference date, statistics."""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import statistics

import pytest

from indexer import case_stats as cases_stats
from indexer import cases
from indexer.build import index_letters
from indexer.case_stats import compute_statistics, percentile
from indexer.cases import Case, CaseLetter, CaseTable, timeline
from indexer.letters import Letter, QAPair
from indexer.search import SearchRequest, Searcher
from indexer.store import Store

D = dt.date


def questions(number="2024Z10001", submitted=D(2024, 1, 31), **kw):
    return Letter(id=f"kv-tk-{number}", kind="questions", title="Vragen over rijexamens", date=submitted,
                  submitted=submitted, case_number=number, ministry=kw.pop("ministry", "Infrastructuur en Waterstaat"),
                  pairs=[QAPair([1], "Vraag één?"), QAPair([2], "Vraag twee?"), QAPair([3], "Vraag drie?")], **kw)


def delay(number="2024Z10001", date=D(2024, 2, 19), submitted=D(2024, 1, 31), id_="ah-tk-20232024-900", **kw):
    return Letter(id=id_, kind="delay", title="Mededeling uitstel", date=date, submitted=submitted,
                  case_number=number, ministry=kw.pop("ministry", "Infrastructuur en Waterstaat"), **kw)


def answer(number="2024Z10001", date=D(2024, 3, 13), submitted=D(2024, 1, 31), id_="ah-tk-20232024-1000", **kw):
    return Letter(id=id_, kind="answer", title="Antwoord op vragen over rijexamens", date=date, submitted=submitted,
                  case_number=number, ministry=kw.pop("ministry", "Infrastructuur en Waterstaat"),
                  pairs=[QAPair([1], "Vraag één?", "Ja."), QAPair([2, 3], "Vraag twee?\nVraag drie?", "Nee.")], **kw)


def case_of(*letters: Letter) -> Case:
    table = CaseTable(CaseLetter.from_letter(x, i) for i, x in enumerate(letters))
    assert len(table) == 1
    return next(iter(table.cases.values()))


# -- the term rule -----------------------------------------------------------------------------
@pytest.mark.parametrize("submitted, deadline", [
    (D(2024, 1, 31), D(2024, 2, 21)),   # month end
    (D(2024, 2, 10), D(2024, 3, 2)),    # through a leap-year February
    (D(2023, 2, 10), D(2023, 3, 3)),    # and an ordinary one
    (D(2024, 12, 20), D(2025, 1, 10)),  # year end
    (D(2024, 11, 2), D(2024, 11, 23)),  # ends on a Saturday: not moved to Monday
])
def test_three_week_term_in_calendar_days(submitted, deadline):
    case = case_of(questions(submitted=submitted))
    assert case.deadline(D(2030, 1, 1)) == deadline
    assert case.status(deadline) == "open"          # the last day is still within the term
    assert case.status(deadline + dt.timedelta(days=1)) == "te-laat"


def test_answer_on_the_last_day_is_within_term_and_a_day_later_is_not():
    on_time = case_of(questions(), answer(date=D(2024, 2, 21)))
    assert on_time.answer_days == 21 and on_time.within_term is True
    late = case_of(questions(), answer(date=D(2024, 2, 22)))
    assert late.answer_days == 22 and late.within_term is False


def test_weekend_end_of_term_is_not_moved():
    # Submitted Saturday 2 November 2024: the term ends Saturday 23 November; Monday is late.
    case = case_of(questions(submitted=D(2024, 11, 2)), answer(date=D(2024, 11, 25), submitted=D(2024, 11, 2)))
    assert case.within_term is False


def test_delay_notice_extends_to_six_weeks_from_submission():
    case = case_of(questions(), delay(), answer())
    assert case.deadline(D(2024, 3, 1)) == D(2024, 3, 13)
    assert case.answer_days == 42 and case.within_term is True


# -- status on a reference date ---------------------------------------------------------------
@pytest.mark.parametrize("on, status", [
    (D(2024, 1, 30), None),            # not submitted yet
    (D(2024, 1, 31), "open"),
    (D(2024, 2, 18), "open"),
    (D(2024, 2, 19), "uitgesteld"),    # the delay notice arrives
    (D(2024, 2, 25), "uitgesteld"),    # past three weeks, within six
    (D(2024, 3, 13), "uitgesteld"),    # the last day of the six weeks (answer not yet counted: dated 14 March)
    (D(2024, 3, 14), "beantwoord"),
])
def test_status_at_reference_dates(on, status):
    case = case_of(questions(), delay(), answer(date=D(2024, 3, 14)))
    assert case.status(on) == status


def test_late_without_delay_notice_and_after_six_weeks():
    assert case_of(questions()).status(D(2024, 2, 22)) == "te-laat"
    assert case_of(questions(), delay()).status(D(2024, 3, 14)) == "te-laat"


def test_delay_notice_without_its_questions():
    case = case_of(delay())
    assert case.questions == [] and case.submitted == D(2024, 1, 31)
    assert case.status(D(2024, 2, 20)) == "uitgesteld"
    assert case.status(D(2024, 3, 14)) == "te-laat"
    steps = timeline(case, D(2024, 2, 20), current_id="ah-tk-20232024-900")
    assert [s.label for s in steps] == ["Ingezonden", "Uitstelbericht", "Termijn loopt tot"]
    assert steps[0].letter is None and "niet in de index" in steps[0].note
    assert steps[1].current and steps[2].date == D(2024, 3, 13)


def test_conflicting_submission_dates_are_said_not_guessed():
    case = case_of(questions(submitted=D(2024, 1, 31)), answer(submitted=D(2024, 2, 1)))
    assert case.submitted is None and case.answer_days is None and case.within_term is None
    assert "2024-01-31, 2024-02-01" in case.problems[0]
    assert case.status(D(2024, 3, 1)) == "open"  # no term can be worked out: not called late
    assert case.status(D(2024, 3, 13)) == "beantwoord"


def test_answer_dated_before_submission_has_no_answer_time():
    case = case_of(answer(date=D(2024, 1, 20)))
    assert case.answer_days is None and "vóór de indiening" in case.problems[0]


def test_timeline_and_answer_pairs():
    case = case_of(answer(), questions(), delay())
    steps = timeline(case, D(2024, 6, 1), current_id="kv-tk-2024Z10001")
    assert [(s.label, s.date) for s in steps] == [
        ("Ingezonden", D(2024, 1, 31)), ("Uitstelbericht", D(2024, 2, 19)), ("Beantwoord", D(2024, 3, 13))]
    assert steps[0].current and steps[2].note == "na 42 dagen"
    assert cases.answer_pairs(case) == {1: "ah-tk-20232024-1000", 2: "ah-tk-20232024-1000", 3: "ah-tk-20232024-1000"}
    # On a reference date before the answer, the timeline shows the term instead of it.
    assert [s.label for s in timeline(case, D(2024, 3, 1))][-1] == "Termijn loopt tot"


def test_case_numbers_are_normalised():
    table = CaseTable([CaseLetter.from_letter(questions(number="2024z10001"), 0),
                       CaseLetter.from_letter(answer(number=" 2024Z10001"), 1)])
    assert list(table.cases) == ["2024Z10001"] and table.get("2024z10001") is table.of_letter("ah-tk-20232024-1000")


# -- linking through the index, in every order ---------------------------------------------------
CHAIN = [questions(), delay(), answer()]


def _summary(table: CaseTable):
    case = table.get("2024Z10001")
    return (sorted(x.id for x in case.letters), case.submitted, case.delay_date, case.answered, case.answer_days)


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_linking_in_every_indexing_order(tmp_path, order):
    store = Store(tmp_path / "index")
    searcher = Searcher(store)
    for i in order:  # one commit per letter, as when they arrive weeks apart
        index_letters(store, [CHAIN[i]])
        searcher.cases()  # a cached table of the previous commit must not survive the next one
    assert _summary(searcher.cases()) == (
        ["ah-tk-20232024-1000", "ah-tk-20232024-900", "kv-tk-2024Z10001"], D(2024, 1, 31), D(2024, 2, 19), D(2024, 3, 13), 42)


def test_reindexing_one_document_updates_the_case(tmp_path):
    store = Store(tmp_path / "index")
    index_letters(store, CHAIN)
    searcher = Searcher(store)
    assert searcher.cases().get("2024Z10001").answered == D(2024, 3, 13)
    index_letters(store, [dataclasses.replace(CHAIN[2], date=D(2024, 3, 20))])
    case = searcher.cases().get("2024Z10001")
    assert case.answered == D(2024, 3, 20) and len(case.letters) == 3 and case.within_term is False


def test_status_filter_and_counts_in_search(tmp_path):
    store = Store(tmp_path / "index")
    other = [questions(number="2024Z20002", submitted=D(2024, 2, 1)),
             Letter(id="kamerbrief-1", kind="letter", title="Kamerbrief", date=D(2024, 2, 1))]
    index_letters(store, CHAIN + other)
    searcher = Searcher(store)
    on = D(2024, 3, 1)
    result = searcher.search(SearchRequest(reference_date=on, sort="datum-nieuw"))
    assert dict(result.facets["status"]) == {"uitgesteld": 2, "te-laat": 1}  # the answer is dated later
    late = searcher.search(SearchRequest(status="te-laat", reference_date=on, sort="datum-nieuw"))
    assert [h.letter.id for h in late.hits] == ["kv-tk-2024Z20002"]
    none = searcher.search(SearchRequest(status="beantwoord", reference_date=on, sort="datum-nieuw"))
    assert none.total == 0  # an empty filter set must not mean "no filter"
    answered = searcher.search(SearchRequest(q="rijexamens", status="beantwoord", reference_date=D(2024, 4, 1)))
    assert {h.letter.id for h in answered.hits} == {"kv-tk-2024Z10001", "ah-tk-20232024-1000"}


# -- statistics, computed by hand ---------------------------------------------------------------
def _stats_table() -> CaseTable:
    """Five cases; figures worked out by hand in the test below.

    A  IenW 2024: submitted 1 Feb, answered 15 Feb           → 14 days, within term
    B  IenW 2024: submitted 1 Feb, delay 20 Feb, answ. 14 Mar → 42 days, within (six weeks)
    C  IenW 2023: submitted 1 Dec 2023, answered 2 Jan 2024   → 32 days, late
    D  Defensie 2024: submitted 1 Mar, delay 20 Mar, unanswered on 1 May → te laat (past 12 April)
    E  Defensie 2024: submitted 25 Apr, unanswered on 1 May  → open
    """
    ienw, defensie = "Infrastructuur en Waterstaat", "Defensie"
    letters = [
        questions("2024Z00001", D(2024, 2, 1), ministry=ienw), answer("2024Z00001", D(2024, 2, 15), D(2024, 2, 1), "a1", ministry=ienw),
        questions("2024Z00002", D(2024, 2, 1), ministry=ienw), delay("2024Z00002", D(2024, 2, 20), D(2024, 2, 1), "d2", ministry=ienw),
        answer("2024Z00002", D(2024, 3, 14), D(2024, 2, 1), "a2", ministry=ienw),
        questions("2023Z00003", D(2023, 12, 1), ministry=ienw), answer("2023Z00003", D(2024, 1, 2), D(2023, 12, 1), "a3", ministry=ienw),
        questions("2024Z00004", D(2024, 3, 1), ministry=defensie), delay("2024Z00004", D(2024, 3, 20), D(2024, 3, 1), "d4", ministry=defensie),
        questions("2024Z00005", D(2024, 4, 25), ministry=defensie),
    ]
    return CaseTable(CaseLetter.from_letter(x, i) for i, x in enumerate(letters))


def test_statistics_by_hand():
    stats = compute_statistics(_stats_table(), D(2024, 5, 1))
    total = stats.total
    assert (total.cases, total.answered) == (5, 3)
    assert total.median_days == 32 and total.p90_days == 42           # of 14, 32, 42
    assert (total.within_term, total.decided) == (2, 4)                # A, B of A, B, C, D
    assert total.share_within_term == 0.5 and total.share_with_delay == 0.4  # B, D of 5
    ienw, defensie = stats.by_ministry
    assert (ienw.key, ienw.cases, ienw.median_days, ienw.p90_days) == ("Infrastructuur en Waterstaat", 3, 32, 42)
    assert ienw.share_within_term == pytest.approx(2 / 3) and ienw.share_with_delay == pytest.approx(1 / 3)
    assert (defensie.cases, defensie.answered, defensie.median_days, defensie.late_open) == (2, 0, None, 1)
    assert defensie.share_within_term == 0.0 and defensie.share_with_delay == 0.5
    y2024, y2023 = stats.by_year
    assert (y2024.key, y2024.cases, y2024.median_days, y2024.p90_days) == ("2024", 4, 28, 42)  # of 14 and 42
    assert (y2023.key, y2023.cases, y2023.median_days, y2023.share_within_term) == ("2023", 1, 32, 0.0)
    csv_text = stats.to_csv()
    assert csv_text.splitlines()[1] == "totaal,totaal,5,3,32,42,0.5,0.4,2,4,2,1"
    assert stats.to_json()["by_ministry"][1]["key"] == "Defensie"


def test_statistics_on_an_earlier_reference_date_leave_out_later_cases():
    stats = compute_statistics(_stats_table(), D(2024, 2, 16))
    # C, A answered; B open (delay notice not yet in); D and E not yet submitted.
    assert (stats.total.cases, stats.total.answered, stats.total.with_delay) == (3, 2, 0)


@pytest.mark.parametrize("values, p, expected", [
    ([], 90, None), ([5], 90, 5), (list(range(1, 11)), 90, 9), (list(range(1, 12)), 90, 10), ([3, 1, 2], 50, 2),
])
def test_percentile_nearest_rank(values, p, expected):
    assert percentile(values, p) == expected


def test_real_questions_and_answer_are_linked(corpus_real, tmp_path):
    """The issue's example: the questions kv-tk-2024Z18792 and their answer ah-tk-20242025-605, read
    from the real documents (the answer names the case number, the questions carry the date)."""
    from indexer.build import build_index

    folder = corpus_real / "txt-extracted"
    files = [folder / "ah-tk-20242025-605.from-docx.txt", folder / "kv-tk-2024Z18792.from-pdf.txt"]
    if not all(f.exists() for f in files):
        pytest.skip("the example documents are not in ../shared/corpus-real")
    store = Store(tmp_path / "index")
    build_index(files, store)
    case = Searcher(store).cases().get("2024Z18792")
    assert sorted(x.id for x in case.letters) == ["ah-tk-20242025-605", "kv-tk-2024Z18792"]
    assert case.submitted is not None and case.answered is not None
    assert case.answer_days == (case.answered - case.submitted).days and case.status(case.answered) == "beantwoord"


def test_a_saved_query_keeps_its_status_filter():
    from indexer.saved import QueryState, SavedError

    plain = QueryState.make("rijexamens")
    assert "status" not in plain.key  # states saved before statuses existed keep their key
    late = QueryState.make("rijexamens", status="te-laat")
    assert late != plain and QueryState.from_json(late.to_json()) == late
    assert late.request().status == "te-laat" and "status=te-laat" in late.describe()
    assert late.default_name() == "rijexamens · te laat"
    with pytest.raises(SavedError, match="Onbekende status"):
        QueryState.make("x", status="later")


# -- statuses of every letter at once, and the table read from the index column ------------------
def _by_status_case_by_case(table: CaseTable, on: dt.date) -> dict[str, list[int]]:
    """The letters per status as the case pages see them: Case.status of each case, and only the
    letters that existed on ``on``."""
    found: dict[str, list[int]] = {}
    for case in table.cases.values():
        status = case.status(on)
        if status:
            found.setdefault(status, []).extend(
                x.docnum for x in case.letters if x.docnum is not None and (x.date is None or x.date <= on))
    return {status: sorted(docnums) for status, docnums in found.items()}


def _random_letters(seed: int, cases_: int = 300) -> list[CaseLetter]:
    """Cases of every shape: with and without delay notices and answers, answers before the
    submission, conflicting and missing submission dates, undated letters, letters outside the
    index (no docnum), case numbers written in several ways, several ministries (ids not in the
    order of the letters, so that ties between letters of a kind on one day go by id)."""
    import random

    rnd = random.Random(seed)
    start = D(2023, 11, 1)

    def day():
        return start + dt.timedelta(days=rnd.randrange(120)) if rnd.random() < 0.9 else None

    letters, docnum = [], 0
    for n in range(cases_):
        number = f"2024Z{n:05d}"
        for i in range(rnd.randint(1, 4)):
            kind = rnd.choice(["questions", "questions", "delay", "answer", "answer", "letter", "other"])
            written = rnd.choice([number, number.lower(), f" {number[:4]} {number[4:]}"])
            submitted = rnd.choice([None, day(), start + dt.timedelta(days=n % 50)])
            ministry = rnd.choice([None, "", "Defensie", "Financiën", "onbekend"])  # "onbekend" as a name, too
            when = rnd.choice([day(), start + dt.timedelta(days=n % 7)])  # letters of a kind on one day
            letters.append(CaseLetter(f"{kind}-{n}-{rnd.randrange(100):02d}-{i}", kind, written, when, submitted,
                                      ministry, docnum=None if rnd.random() < 0.05 else docnum))
            docnum += 1
    return letters


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_status_filter_letters_are_the_case_pages_statuses_on_every_day(seed):
    table = CaseTable(_random_letters(seed))
    statuses_seen = set()
    for offset in range(-5, 200, 3):
        on = D(2023, 11, 1) + dt.timedelta(days=offset)
        found = table.docnums_by_status(on)
        assert found == _by_status_case_by_case(table, on), on
        assert list(found) == [s for s in cases.STATUSES if s in found]
        statuses_seen |= set(found)
    assert statuses_seen == set(cases.STATUSES)  # the random cases went through every status


# -- the case list and statistics at once, against a case-by-case count ---------------------------
def _year(case: Case) -> int | None:
    """The year of a case's submission (the earliest date the documents give), else of its answer."""
    day = case.submitted or (case.submitted_dates() or [None])[0] or case.answered
    return day.year if day else None


def _rows_case_by_case(table: CaseTable, on: dt.date) -> list[dict]:
    """What /zaken filters and sorts on, from each Case's own properties, newest submission first."""
    rows = []
    for case in table.cases.values():
        status = case.status(on)
        if status is None:
            continue
        shows = {"alle", "beantwoord"} if status == "beantwoord" else {"alle"}
        if status == "beantwoord" and case.within_term:
            shows.add("binnen-termijn")
        if status == "te-laat" or (status == "beantwoord" and case.within_term is False):
            shows.add("buiten-termijn")
        if case.delay_date and case.delay_date <= on:
            shows.add("uitstel")
        rows.append({"case": case, "number": case.number, "status": status, "shows": shows,
                     "ministry": case.ministry or "onbekend", "year": _year(case) or "onbekend"})
    rows.sort(key=lambda r: (r["case"].submitted or r["case"].answered or dt.date.min, r["number"]), reverse=True)
    return rows


def _figures_case_by_case(key: str, rows: list[dict], on: dt.date) -> cases_stats.Figures:
    f = cases_stats.Figures(key, cases=len(rows))
    days = []
    for row in rows:
        case = row["case"]
        f.with_delay += "uitstel" in row["shows"]
        if row["status"] == "beantwoord":
            f.answered += 1
            if case.answer_days is not None:
                days.append(case.answer_days)
                f.decided += 1
                f.within_term += bool(case.within_term)
        elif row["status"] == "te-laat":
            f.decided += 1
            f.late_open += 1
    if days:
        median = statistics.median(days)
        f.median_days = int(median) if float(median).is_integer() else median
        f.p90_days = percentile(days, 90)
    return f


def _statistics_case_by_case(table: CaseTable, on: dt.date) -> dict:
    rows = _rows_case_by_case(table, on)
    groups: dict[str, dict[str, list]] = {"ministry": {}, "year": {}}
    for row in rows:
        groups["ministry"].setdefault(row["ministry"], []).append(row)
        groups["year"].setdefault(str(row["year"]), []).append(row)
    by_ministry = sorted((_figures_case_by_case(k, v, on) for k, v in groups["ministry"].items()), key=lambda f: (-f.cases, f.key))
    by_year = sorted((_figures_case_by_case(k, v, on) for k, v in groups["year"].items()), key=lambda f: f.key, reverse=True)
    return cases_stats.Statistics(on, _figures_case_by_case("totaal", rows, on), by_ministry, by_year).to_json()


def _check_against_case_by_case(table: CaseTable, on: dt.date) -> set[str]:
    """find() with every filter, and the statistics, are what Case's properties give; the
    statuses met."""
    rows = _rows_case_by_case(table, on)
    assert table.find(on) == [r["number"] for r in rows], on
    for status, show, ministry, year in itertools.product(
            [None, *cases.STATUSES], [None, *cases.SHOWS], [None, "Defensie", "onbekend", "Buitenlandse Zaken"],
            [None, 2023, 2024, "onbekend", "1999"]):
        if ministry and year and show not in (None, "uitstel"):
            continue  # enough combinations: every filter with every other, most of them together
        expected = [r["number"] for r in rows if (not status or r["status"] == status) and (not show or show in r["shows"])
                    and (not ministry or r["ministry"] == ministry) and (not year or r["year"] == year)]
        assert table.find(on, status, ministry, year, show) == expected, (on, status, show, ministry, year)
    assert table.select(on, "open") == [r["case"] for r in rows if r["status"] == "open"]
    assert compute_statistics(table, on).to_json() == _statistics_case_by_case(table, on), on
    return {r["status"] for r in rows}


@pytest.mark.parametrize("seed", [1, 2])
def test_case_list_and_statistics_are_those_of_each_case_on_every_day(seed):
    table = CaseTable(_random_letters(seed))
    seen = set()
    for offset in range(-5, 200, 11):
        seen |= _check_against_case_by_case(table, D(2023, 11, 1) + dt.timedelta(days=offset))
    assert seen == set(cases.STATUSES)


def test_case_list_and_statistics_by_hand_are_those_of_each_case():
    table = _stats_table()
    for on in (D(2024, 2, 16), D(2024, 5, 1)):
        _check_against_case_by_case(table, on)
    assert table.find(D(2024, 5, 1)) == ["2024Z00005", "2024Z00004", "2024Z00002", "2024Z00001", "2023Z00003"]
    assert table.find(D(2024, 5, 1), show="buiten-termijn") == ["2024Z00004", "2023Z00003"]
    assert table.find(D(2024, 5, 1), ministry="Defensie", year=2024, show="uitstel") == ["2024Z00004"]


def _column(letters: list[Letter]) -> list[bytes]:
    """The index's ``case`` column of these letters, as indexer.schema writes it."""
    import json

    from indexer.schema import case_fields

    return [json.dumps(case_fields(x), ensure_ascii=False).encode("utf-8") if x.case_number else b""
            for x in letters]


def _column_letters() -> list[Letter]:
    odd = 'Vragen over "rijexamens" \\ en de \u00abCBR\u00bb-wachttijden'
    return [
        questions(), delay(), answer(),
        dataclasses.replace(questions(number="2024z 20002", submitted=D(2024, 2, 1)), title=odd),  # written another way
        answer(number="2024Z20002", date=D(2024, 2, 10), submitted=None, id_="ah-tk-2", ministry=None),
        Letter(id="kamerbrief-1", kind="letter", title="Kamerbrief", date=D(2024, 2, 1)),  # no case
        answer(number="2023Z30003", date=None, submitted=D(2023, 12, 1), id_="ah-undated"),
        questions(number="2024Z40004", submitted=D(2024, 3, 1)),  # deleted below
        delay(number="2024Z50005", date=D(2024, 3, 20), submitted=None, id_="d-5"),
        questions(number="2024Z60006", submitted=D(2024, 4, 1)),  # the last document, deleted
    ]


def _tables(raw: list[bytes], live: bytes) -> tuple[CaseTable, CaseTable]:
    """The table read from the column, and the one of every live row's CaseLetter.from_json."""
    import json

    expected = CaseTable(filter(None, (CaseLetter.from_json(json.loads(r), d) for d, r in enumerate(raw)
                                       if r and d < len(live) and live[d])))
    return CaseTable.from_column(raw, live), expected


@pytest.mark.parametrize("variant, whole_rows", [
    ("as written", False),
    ("a blank case number", False),
    ("a quote in an id", True),  # rows not of the usual shape are read with json.loads
    ("a row in another key order", True),
])
def test_case_table_from_the_index_column_is_the_table_of_its_letters(variant, whole_rows, monkeypatch):
    raw = _column(_column_letters())
    if variant == "a blank case number":
        raw[6] = raw[6].replace(b'"case_number": "2023Z30003"', b'"case_number": " "')
    elif variant == "a quote in an id":
        raw[4] = raw[4].replace(b'"ah-tk-2"', b'"ah-\\"quoted\\"-2"')
    elif variant == "a row in another key order":
        raw[3] = b'{"kind": "questions", "id": "kv-x", "case_number": "2024Z20002", "submitted": "2024-02-01", "date": "2024-02-01", "pairs": []}'
    read_whole, whole = [], cases._status_columns_json
    monkeypatch.setattr(cases, "_status_columns_json", lambda *a: read_whole.append(a) or whole(*a))
    live = bytes([1] * 7 + [0, 1])  # 2024Z40004 deleted; the last one too (flags end early)
    table, expected = _tables(raw, live)
    assert bool(read_whole) == whole_rows
    # Before the cases are linked, one case is read from its own rows, and is the same case.
    assert [table.get(n) for n in expected.cases] == list(expected.cases.values()) and table._pending
    assert table.get("2024Z40004") is None and table.get(None) is None
    assert len(table) == len(expected) == (3 if variant == "a blank case number" else 4)
    assert table.cases == expected.cases and list(table.cases) == list(expected.cases)
    assert table.by_letter == expected.by_letter
    assert table.get("2024z20002").submitted == D(2024, 2, 1) and table.get("2024Z40004") is None
    for offset in range(-40, 120, 2):
        on = D(2024, 1, 31) + dt.timedelta(days=offset)
        assert table.docnums_by_status(on) == expected.docnums_by_status(on) == _by_status_case_by_case(expected, on)
        if offset % 10 == 0:  # the case list and statistics read from the column, too
            _check_against_case_by_case(table, on)


def test_case_table_of_an_index_without_cases():
    table = CaseTable.from_column([b"", b""], bytes([1, 1]))
    assert len(table) == 0 and table.cases == {} and table.docnums_by_status(D(2024, 1, 1)) == {}


def test_threads_share_one_set_of_cases():
    import threading

    table = CaseTable.from_column(_column(_column_letters()), bytes([1] * 10))
    seen, start = [], threading.Barrier(8)

    def read():
        start.wait()
        seen.append(table.cases)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 8 and all(x is seen[0] for x in seen) and len(seen[0]) == 6
