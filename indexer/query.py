"""User query → Whoosh query: forgiving, bounded, in Dutch.

Whoosh's own QueryParser is not used: it speaks English operators, stems the text of prefix
queries (``belasting*`` becomes ``belast*``), expands a bare ``*`` to every term and raises on
some inputs. Users type anything (``F-35``, ``14:30``, ``kosten/baten``, a lone ``"``); this
parser never raises, caps every expansion, and says what it did in ``notices``.

Language: words (all must match), ``"exact phrase"`` (unstemmed), ``-word`` (exclude),
``OF``/``OR`` between two terms, field filters ``minister:``, ``partij:``, ``indiener:``,
``ministerie:``, ``soort:``, ``datum:2024`` / ``datum:2024-05`` / ``datum:2024-05-01``, and a
trailing ``*`` for a prefix.

Two Dutch helps are applied to plain words: a compound is also searched as its parts
(*grenstoezicht* finds *toezicht aan de grens*, see :mod:`indexer.compounds`), and an
abbreviation or synonym from the shipped list also as its other forms (*KMar* finds *Koninklijke
Marechaussee*, see :mod:`indexer.synonyms`); the latter is reported in ``Compiled.also``.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from whoosh import query as wq

from indexer import compounds, synonyms
from indexer.analysis import IDENTIFIER_RE, STOPWORDS, fold, phrase_words, stemmer, terms
from indexer.highlight import Terms
from indexer.letters import KIND_LABELS

FIELD_ALIASES = {
    "minister": "minister",
    "staatssecretaris": "minister",
    "bewindspersoon": "minister",
    "partij": "party",
    "indiener": "questioner",
    "vragensteller": "questioner",
    "ministerie": "ministry",
    "datum": "date",
    "jaar": "date",
    "soort": "kind",
}
KIND_BY_WORD = {fold(label): code for code, label in KIND_LABELS.items()} | {
    code: code for code in KIND_LABELS
} | {"antwoorden": "answer", "uitstel": "delay", "mededeling": "delay", "brief": "letter"}

#: More terms than this make a query slow and are almost always a pasted paragraph.
MAX_CLAUSES = 32

_TOKEN_RE = re.compile(
    r'(?P<neg>-)?(?:(?P<field>[^\W\d_]\w*):(?:"(?P<fphrase>[^"]*)"?|(?P<fvalue>[^\s"]+))'
    r'|"(?P<phrase>[^"]*)"'
    r"|(?P<word>[^\s\"]+))"
)


@dataclass
class Clause:
    """One part of a query: a word, a phrase, a prefix or a field filter."""

    kind: str  # "word" | "phrase" | "prefix" | "field"
    text: str
    field: str | None = None
    negated: bool = False


@dataclass
class ParsedQuery:
    """The query as understood; ``groups`` are AND-ed, the clauses inside a group OR-ed."""

    raw: str
    groups: list[list[Clause]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def clauses(self) -> list[Clause]:
        return [c for g in self.groups for c in g]

    @property
    def positive(self) -> list[Clause]:
        return [c for c in self.clauses if not c.negated]

    @property
    def is_empty(self) -> bool:
        return not self.groups


def parse(raw: str, max_length: int = 1000) -> ParsedQuery:
    """Split what the user typed into clauses; never raises."""
    raw = raw or ""
    parsed = ParsedQuery(raw=raw)
    text = raw.replace("\x00", " ")
    if len(text) > max_length:
        text = text[:max_length]
        parsed.notices.append(f"De zoekopdracht was langer dan {max_length} tekens en is ingekort.")
    if text.count('"') % 2:
        parsed.notices.append("Een losstaand aanhalingsteken (\") is genegeerd.")
        last = text.rfind('"')
        text = text[:last] + " " + text[last + 1 :]
    join_next = False
    for m in _TOKEN_RE.finditer(text):
        negated = bool(m.group("neg"))
        clause = None
        if m.group("field") is not None:
            name = m.group("field").lower()
            value = m.group("fphrase") if m.group("fphrase") is not None else m.group("fvalue")
            if name in FIELD_ALIASES and value and value.strip():
                clause = Clause("field", value.strip(), FIELD_ALIASES[name], negated)
            else:
                # Not one of our fields (14:30, http://...): search it as a plain word.
                clause = _word_clause(m.group(0).lstrip("-"), negated, parsed)
        elif m.group("phrase") is not None:
            phrase = m.group("phrase").strip()
            if phrase:
                clause = Clause("phrase", phrase, None, negated)
        else:
            word = m.group("word")
            if word in ("OF", "OR", "|"):
                join_next = bool(parsed.groups)
                continue
            if word in ("AND", "EN", "&"):
                continue
            clause = _word_clause(word, negated, parsed)
        if clause is None:
            continue
        if len(parsed.groups) >= MAX_CLAUSES and not (join_next and parsed.groups):
            parsed.notices.append(f"Alleen de eerste {MAX_CLAUSES} zoektermen zijn gebruikt.")
            break
        if join_next and parsed.groups:
            parsed.groups[-1].append(clause)
        else:
            parsed.groups.append([clause])
        join_next = False
    return parsed


def _word_clause(word: str, negated: bool, parsed: ParsedQuery) -> Clause | None:
    if word.startswith("-") and len(word) > 1:
        word, negated = word[1:], True
    if word.endswith("*"):
        stem = word.rstrip("*")
        if len(re.sub(r"\W", "", stem)) < 2:
            parsed.notices.append(f"'{word}' is genegeerd: zet minstens twee letters voor de *.")
            return None
        return Clause("prefix", stem, None, negated)
    if not re.search(r"\w", word):
        return None
    return Clause("word", word, None, negated)


# -- compiling to Whoosh --------------------------------------------------------------------
@dataclass
class Compiled:
    """The Whoosh query of a parsed query, and what the search layer needs to show for it."""

    query: wq.Query | None
    relaxed: wq.Query | None  # matches most words, for when nothing matches all
    terms: Terms  # what to mark in snippets and to score pairs on
    expansions: dict[str, list[str]]
    unknown_words: list[str]
    exclude: wq.Query | None  # letters matching this are left out (the -word clauses)
    also: list[str] = field(default_factory=list)  # synonyms searched too ("ook gezocht op")


def compile_query(parsed: ParsedQuery, reader, boosts: dict[str, float], stemmer_name: str,
                  max_expansion: int = 50) -> Compiled:
    """Build the Whoosh query; ``reader`` is used to expand prefixes within the index's terms."""
    stems: set[str] = set()
    exact: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    expansions: dict[str, list[str]] = {}
    unknown: list[str] = []
    positives: list[wq.Query] = []
    negatives: list[wq.Query] = []
    also: list[str] = []
    stem = stemmer(stemmer_name)

    def word_query(word: str, track: bool) -> wq.Query | None:
        text = plain_word_query(word, track)
        forms = synonyms.lookup([word])
        if text is None or not forms:
            return text
        return wq.Or([text, *(form_query(f, track) for f in forms)])

    def form_query(form: synonyms.Form, track: bool) -> wq.Query:
        """A synonym's form: one word as a typed word would be, several as an exact phrase."""
        if track and form.text not in also:
            also.append(form.text)
        if len(form.words) == 1:
            return piece_query(form.words[0], track, report_unknown=False)
        if track:
            phrases.append(form.words)
        return wq.Phrase("exact", list(form.words))

    def plain_word_query(word: str, track: bool) -> wq.Query | None:
        folded = fold(word)
        # A ministry's own reference ("7609544", "5687928/11") is matched as typed.
        reference = wq.Term("reference", folded)
        if IDENTIFIER_RE.match(folded):
            if track:
                exact.add(folded)
            return wq.Or([wq.Term("id", word), wq.Term("id", folded), wq.Term("case_number", folded),
                          wq.Term("exact", folded), reference])
        pieces = [p for p in re.split(r"[\W_]+", folded) if p]
        if not pieces:
            return None
        if len(pieces) == 1:
            text = piece_query(pieces[0], track)
        else:
            parts = [q for q in (piece_query(p, track) for p in pieces) if q is not None]
            text = wq.And(parts) if parts else None
            if "-" in word:  # NAVO-verplichtingen also finds navoverplichtingen written as one word
                joined = piece_query("".join(pieces), track)
                text = wq.Or([q for q in (joined, text) if q is not None])
        if any(ch.isdigit() for ch in folded):
            return wq.Or([q for q in (text, reference) if q is not None])
        return text

    def known(piece: str, s: str) -> bool:
        return reader is None or reader.doc_frequency("exact", piece) > 0 \
            or any(reader.doc_frequency(f, s) for f in ("title", "question", "answer", "body"))

    def piece_query(piece: str, track: bool, report_unknown: bool = True) -> wq.Query | None:
        if piece in STOPWORDS:
            return wq.Term("exact", piece)
        s = piece if piece.isdigit() else stem(piece)
        if track:
            stems.add(s)
            exact.add(piece)
        alternatives = [s] + [a for a in _inflection_stems(piece, s, stem, reader) if a != s]
        if track:
            stems.update(alternatives)
        subs = [wq.Term(f, a, boost=boosts[f]) for a in alternatives for f in ("title", "question", "answer", "body")]
        subs.append(wq.Term("people", piece, boost=boosts["people"]))
        whole = wq.Or(subs)
        # A compound also matches its parts written apart or hyphenated (the index holds the
        # parts of compounds too, so "grens toezicht" already finds "grenstoezicht").
        parts = compounds.split(piece)
        part_stems = [stem(p) for p in parts]
        if track:
            stems.update(part_stems)
            if report_unknown and not known(piece, s) and not (parts and all(known(p, ps) for p, ps in zip(parts, part_stems))):
                unknown.append(piece)
        if not parts:
            return whole
        split = wq.And([wq.Or([wq.Term(f, ps, boost=boosts[f]) for f in ("title", "question", "answer", "body")])
                        for ps in part_stems])
        return wq.Or([whole, split])

    def ranked_phrase(words: list[str]) -> wq.Query:
        """The phrase in the ranked fields, with their boosts: it only adds to the score, so a
        letter with the phrase in its title or a question outranks one with it deep in an answer
        (the exact field, where the phrase must match, has no field weights)."""
        kept = [stem(w) for w in words if w not in STOPWORDS]
        if len(kept) < 2:
            return wq.NullQuery
        # Stop words leave gaps in the ranked fields' positions: allow for them.
        slop = 1 + len(words) - len(kept)
        return wq.Or([wq.Phrase(f, kept, slop=slop, boost=boosts[f]) for f in ("title", "question", "answer", "body")])

    def clause_query(c: Clause) -> wq.Query | None:
        track = not c.negated
        if c.kind == "word":
            return word_query(c.text, track)
        if c.kind == "phrase":
            words = phrase_words(c.text)
            if not words:
                return None
            if track:
                if len(words) == 1:
                    exact.update(words)
                else:
                    phrases.append(tuple(words))
            if len(words) == 1:
                return wq.Term("exact", words[0])
            return wq.AndMaybe(wq.Phrase("exact", words), ranked_phrase(words))
        if c.kind == "prefix":
            prefix = fold(c.text)
            found = _expand(reader, prefix, max_expansion) if reader is not None else []
            expansions[c.text] = found
            if track:
                exact.update(found)
            return wq.Or([wq.Term("exact", t) for t in found]) if found else wq.NullQuery
        if c.kind == "field":
            return field_query(c.field, c.text)
        return None

    # Field filters always hold; only the words may be loosened when no letter has them all.
    filters: list[wq.Query] = []
    groups = list(parsed.groups)
    i = 0
    while i < len(groups):
        # A run of plain words that is a listed multi-word form ("koninklijke marechaussee")
        # is searched as itself or its other forms (KMar).
        run, forms = _listed_run(groups, i)
        if forms:
            words = [q for q in (word_query(g[0].text, True) for g in groups[i:i + run]) if q is not None]
            positives.append(wq.Or([wq.And(words), *(form_query(f, True) for f in forms)]))
            i += run
            continue
        group = groups[i]
        i += 1
        subs = []
        for c in group:
            q = clause_query(c)
            if q is None:
                continue
            (negatives if c.negated else subs).append(q)
        if subs:
            target = filters if all(c.kind == "field" for c in group if not c.negated) else positives
            target.append(subs[0] if len(subs) == 1 else wq.Or(subs))

    if not positives and not negatives and not filters:
        return Compiled(None, None, Terms(stems, exact, phrases), expansions, unknown, None, also)
    required = positives + filters
    main = (required[0] if len(required) == 1 else wq.And(required)) if required else wq.Every()
    relaxed = None
    if len(positives) > 1:
        loosened = [wq.Or(positives)] + filters
        relaxed = loosened[0] if len(loosened) == 1 else wq.And(loosened)
    # Exclusions are applied as a search mask, not with Whoosh's AndNot: in Whoosh 2.7.4 an AndNot
    # over an Or of boosted terms both over-counts its matches and, unoptimised, returns the
    # excluded letter ("palantir -defensie" still showed the Palantir letter).
    exclude = wq.Or(negatives) if negatives else None
    return Compiled(main, relaxed, Terms(stems, exact, phrases), expansions, unknown, exclude, also)


def inflection_variants(word: str) -> list[str]:
    """Forms that may be the same word in another number: *fonds*/*fondsen*, *huis*/*huizen*,
    *brief*/*brieven*, *rekening*/*rekeningen*. Only spelled out; whether they exist is up to
    the index."""
    if len(word) < 4 or not word.isalpha():
        return []
    found = [word + "en", word + "s"]
    if word.endswith("en"):
        found.append(word[:-2])
        if word.endswith(("zen", "ven")):
            found.append(word[:-3] + ("s" if word[-3] == "z" else "f"))
    elif word.endswith("s"):
        found += [word[:-1], word[:-1] + "zen"]
    elif word.endswith("f"):
        found.append(word[:-1] + "ven")
    return found


def _inflection_stems(word: str, word_stem: str, stem, reader) -> list[str]:
    """Stems of ``word``'s other forms that occur in the index, when the stemmer gives them a
    different stem than ``word``'s: Porter stems *pensioenfonds* to *pensioenfond* but
    *pensioenfondsen* to *pensioenfonds*, so each form alone missed the other."""
    if reader is None:
        return []
    found = []
    for form in inflection_variants(word):
        other = stem(form)
        if other != word_stem and other not in found and reader.doc_frequency("exact", form):
            found.append(other)
    return found


def _listed_run(groups: list[list[Clause]], start: int) -> tuple[int, list]:
    """The longest run of plain-word groups from ``start`` that is a listed multi-word form,
    with the form's other forms; ``(0, [])`` when there is none."""
    for n in range(min(synonyms.longest_form(), len(groups) - start), 1, -1):
        run = groups[start:start + n]
        if all(len(g) == 1 and g[0].kind == "word" and not g[0].negated for g in run):
            forms = synonyms.lookup([g[0].text for g in run])
            if forms:
                return n, forms
    return 0, []


def _expand(reader, prefix: str, cap: int) -> list[str]:
    """Up to ``cap`` index words starting with ``prefix``, the most frequent first.

    Bounded: at most 20×cap candidates are looked at, so ``a*`` on a large index stays fast.
    """
    candidates = []
    for i, btext in enumerate(reader.expand_prefix("exact", prefix)):
        if i >= cap * 20:
            break
        word = btext.decode("utf-8") if isinstance(btext, bytes) else btext
        candidates.append((reader.doc_frequency("exact", word), word))
    candidates.sort(key=lambda x: (-x[0], x[1]))
    return [w for _, w in candidates[:cap]]


def field_query(name: str, value: str) -> wq.Query:
    """A query-language field filter (``minister:weel``, ``datum:2024-05``) as a Whoosh query."""
    if name == "date":
        rng = date_range(value)
        if rng is None:
            return wq.NullQuery
        return wq.DateRange("date", dt.datetime.combine(rng[0], dt.time()),
                            dt.datetime.combine(rng[1], dt.time(23, 59, 59)))
    if name == "kind":
        code = KIND_BY_WORD.get(fold(value))
        return wq.Term("f_kind", code) if code else wq.NullQuery
    words = terms(value, stemmed=False)
    if not words:
        return wq.NullQuery
    return wq.And([wq.Term(name, w) for w in words])


def date_range(value: str) -> tuple[dt.date, dt.date] | None:
    """``2024`` → the year, ``2024-05`` → the month, ``2024-05-01`` → the day; else None."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            d = dt.date(year, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            month = int(m.group(2))
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def filter_query(filters: dict[str, str], date_from: dt.date | None, date_to: dt.date | None,
                 added_after: dt.datetime | None = None) -> wq.Query | None:
    """The sidebar's filters (exact facet values), the date range and, for saved queries, the
    moment after which letters count as new, as one Whoosh filter."""
    from indexer.schema import FACET_FIELDS

    subs: list[wq.Query] = []
    for param, value in filters.items():
        if value and param in FACET_FIELDS:
            subs.append(wq.Term(FACET_FIELDS[param], value))
    if date_from or date_to:
        start = dt.datetime.combine(date_from, dt.time()) if date_from else None
        end = dt.datetime.combine(date_to, dt.time(23, 59, 59)) if date_to else None
        subs.append(wq.DateRange("date", start, end))
    if added_after:
        subs.append(wq.DateRange("added", added_after, None, startexcl=True))
    if not subs:
        return None
    return subs[0] if len(subs) == 1 else wq.And(subs)
