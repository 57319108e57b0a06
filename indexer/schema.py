"""The Whoosh schema: one index document per letter.

A letter is one document, so counts, facets and date sorting are over letters (what users see);
the pair that matched best is chosen afterwards among the letter's stored pairs (see
``indexer.search``). Ranked text fields carry the stemmed analyzer; ``exact`` holds all text
unstemmed for phrases, prefixes and spelling suggestions; ``f_*`` fields hold exact metadata
values for filters and facet counts.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Callable

from whoosh import columns, fields

from indexer import stored_letters
from indexer.analysis import exact_analyzer, fold, stemmed_analyzer
from indexer.letters import Letter
from indexer.postings import PositionedText

#: Bumped whenever what goes into the index changes (fields, what text feeds them); recorded with
#: the analyzer's signature so that an older index is refused with a request to rebuild.
SCHEMA_VERSION = 9

#: Searched by plain words, with their boosts taken from the settings (indexer.config.boosts).
RANKED_FIELDS = ("title", "question", "answer", "body", "people")
#: Metadata filters and facets: query-string parameter name → index field.
FACET_FIELDS = {
    "ministerie": "f_ministry",
    "minister": "f_minister",
    "indiener": "f_questioner",
    "partij": "f_party",
    "soort": "f_kind",
    "jaar": "f_year",
}
#: Facet fields with several values per letter (comma-separated in their column).
MULTI_VALUED_FIELDS = ("f_questioner", "f_party")


def build_schema(stemmer: str) -> fields.Schema:
    stemmed = stemmed_analyzer(stemmer)
    exact = exact_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        # The whole Letter as JSON, to render pages without re-parsing; zstd-compressed with a
        # dictionary, as base64 text (indexer.stored_letters: read it with stored_letters.decode).
        letter=fields.STORED,
        title=PositionedText(stemmed),
        question=PositionedText(stemmed),
        answer=PositionedText(stemmed),
        body=PositionedText(stemmed),
        people=PositionedText(exact),
        exact=PositionedText(exact),
        # Query-language field filters (minister:weel) match words of these.
        minister=PositionedText(exact),
        ministry=PositionedText(exact),
        questioner=PositionedText(exact),
        party=PositionedText(exact),
        case_number=fields.ID(stored=True),
        # What indexer.cases needs of a letter with a case number, as a column: the case table
        # (the status facet of every results page) is then read without loading 100,000 letters.
        case=fields.COLUMN(columns.VarBytesColumn()),
        # The letter's question/answer pairs: `vraagbaak stats` counts them without reading letters.
        pairs=fields.COLUMN(columns.NumericColumn("I")),
        reference=fields.ID,
        date=fields.DATETIME(sortable=True),
        # When the letter first entered this index (kept across re-indexing and rebuilds): what
        # "new since you last looked" means for saved queries and feeds.
        added=fields.DATETIME(stored=True, sortable=True),
        # Single-valued facets are columns (sortable): Whoosh then counts them from the column
        # instead of walking every posting of the field on each request.
        f_kind=fields.ID(stored=True, sortable=True),
        f_year=fields.ID(sortable=True),
        f_ministry=fields.ID(sortable=True),
        f_minister=fields.ID(sortable=True),
        # Several values per letter; the column keeps the comma-separated list for facet counts.
        f_questioner=fields.KEYWORD(commas=True, sortable=True),
        f_party=fields.KEYWORD(commas=True, sortable=True),
    )


def letter_json(letter: Letter) -> str:
    """The letter as the index keeps it, before compression (also what dictionaries learn from)."""
    return json.dumps(letter.to_json(), ensure_ascii=False)


def letter_document(letter: Letter, added: "dt.datetime", encode: Callable[[str], str] = stored_letters.encode) -> dict:
    """The index document of a letter (values only; Whoosh's types live in :func:`build_schema`).

    ``encode`` compresses the stored letter: an index writer's (``Writer.letter_encoder.encode``), with
    the dictionary of the generation it writes; the default has none."""
    questions = "\n\n".join(p.question for p in letter.pairs if p.question)
    answers = "\n\n".join(p.answer for p in letter.pairs if p.answer)
    names = [q.name for q in letter.questioners]
    parties = sorted({q.party for q in letter.questioners if q.party})
    people = " ".join(filter(None, [letter.minister, letter.ministry, *names, *parties]))
    # Footnotes name the article or report a question is about: searchable, with the body's weight.
    body = "\n\n".join(filter(None, [letter.body, *letter.footnotes]))
    data = letter.to_json()  # once: the stored letter and the case column both come from it
    doc = {
        "id": letter.id,
        "letter": encode(json.dumps(data, ensure_ascii=False)),
        "title": letter.title or "",
        "question": questions,
        "answer": answers,
        "body": body,
        "people": people,
        "exact": "\n\n".join(filter(None, [letter.title, questions, answers, body, people])),
        "minister": letter.minister or "",
        "ministry": letter.ministry or "",
        "questioner": " ".join(names),
        "party": " ".join(parties),
        "f_kind": letter.kind,
        "pairs": len(letter.pairs),
        "added": added,
    }
    if letter.case_number:
        doc["case_number"] = letter.case_number.lower()
        doc["case"] = json.dumps(case_fields(letter, data), ensure_ascii=False).encode("utf-8")
    if letter.reference:
        doc["reference"] = fold(letter.reference)
    if letter.date:
        doc["date"] = dt.datetime.combine(letter.date, dt.time())
        doc["f_year"] = str(letter.date.year)
    if letter.ministry:
        doc["f_ministry"] = letter.ministry
    if letter.minister:
        doc["f_minister"] = letter.minister
    if names:
        doc["f_questioner"] = ",".join(n.replace(",", " ") for n in names)
    if parties:
        doc["f_party"] = ",".join(p.replace(",", " ") for p in parties)
    return doc


def case_fields(letter: Letter, data: dict | None = None) -> dict:
    """The part of a letter's JSON (``data``, when the caller has it) that
    ``indexer.cases.CaseLetter.from_json`` reads."""
    data = letter.to_json() if data is None else data
    keep = ("id", "kind", "case_number", "date", "submitted", "ministry", "title")
    return {**{k: data.get(k) for k in keep}, "pairs": [{"questions": p["questions"]} for p in data.get("pairs", [])]}


# -- the plain baseline of the relevance evaluation ------------------------------------------------
#: The fields the baseline searches, all with weight 1.
BASELINE_FIELDS = ("title", "question", "answer", "body")


class Baseline:
    """What a plain Whoosh setup would find: ``StemmingAnalyzer`` with the Dutch snowball stemmer,
    no field boosts, Whoosh's own query parser, BM25F defaults; an in-memory index of ``letters``.

    Only ``vraagbaak evaluate`` uses it, to show what Vraagbaak's analysis and ranking add.
    """

    def __init__(self, letters, stemmer: str = "dutch_porter"):
        from whoosh.analysis import StemmingAnalyzer
        from whoosh.filedb.filestore import RamStorage
        from whoosh.qparser import MultifieldParser

        from indexer.analysis import StemFunction

        # No stop list: Whoosh's default one is English.
        analyzer = StemmingAnalyzer(stemfn=StemFunction(stemmer), stoplist=None)
        schema = fields.Schema(id=fields.ID(stored=True, unique=True), source=fields.STORED,
                               **{name: fields.TEXT(analyzer=analyzer) for name in BASELINE_FIELDS})
        self.index = RamStorage().create_index(schema)
        writer = self.index.writer()
        for letter in letters:
            writer.add_document(
                id=letter.id, source=letter.source or "", title=letter.title or "",
                question="\n\n".join(p.question for p in letter.pairs if p.question),
                answer="\n\n".join(p.answer for p in letter.pairs if p.answer),
                body="\n\n".join(filter(None, [letter.body, *letter.footnotes])))
        writer.commit()
        self.parser = MultifieldParser(list(BASELINE_FIELDS), schema)

    def search(self, q: str, limit: int = 10) -> list[tuple[str, str]]:
        """(id, source) of the top ``limit`` letters for ``q`` as Whoosh's parser reads it."""
        with self.index.searcher() as s:
            return [(hit["id"], hit["source"]) for hit in s.search(self.parser.parse(q), limit=limit)]
