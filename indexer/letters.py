"""The domain types: a letter and its question/answer pairs.

Every parser produces a :class:`Letter`; the index, the CLI and the web app speak only in these
types, never in Whoosh documents or parser internals.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

#: Kinds of document, in the words the code uses; the UI labels them in Dutch (see KIND_LABELS).
KINDS = ("answer", "questions", "delay", "letter", "other")
KIND_LABELS = {
    "answer": "Antwoord",
    "questions": "Vragen",
    "delay": "Uitstelbericht",
    "letter": "Kamerbrief",
    "other": "Overig",
}


@dataclass
class Questioner:
    """A member of parliament who asked the questions, with party when the document names it."""

    name: str
    party: str | None = None


@dataclass
class QAPair:
    """One answer and the questions it covers (one answer may cover several: *vragen 2 en 3*).

    ``questions`` holds the question numbers; ``question`` their text joined in order; ``answer``
    is None for a questions-only document or a delay notice.
    """

    questions: list[int]
    question: str
    answer: str | None = None


@dataclass
class Letter:
    """One document: its metadata and its ordered question/answer pairs.

    ``body`` keeps the text that is not part of a pair (a Kamerbrief's paragraphs, the covering
    letter of an answer) so that it is searchable too.
    """

    id: str
    kind: str = "other"
    title: str | None = None
    date: dt.date | None = None
    submitted: dt.date | None = None
    ministry: str | None = None
    minister: str | None = None
    questioners: list[Questioner] = field(default_factory=list)
    reference: str | None = None
    case_number: str | None = None
    footnotes: list[str] = field(default_factory=list)
    source: str | None = None
    pairs: list[QAPair] = field(default_factory=list)
    body: str = ""
    #: The input format the letter was read from ("xml", "html", "pdf", "text", ...).
    format: str | None = None

    def to_json(self) -> dict:
        """The shape of ``vraagbaak show --json`` and ``/api/brief/<id>``."""
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "submitted": self.submitted.isoformat() if self.submitted else None,
            "ministry": self.ministry,
            "minister": self.minister,
            "questioners": [asdict(q) for q in self.questioners],
            "reference": self.reference,
            "case_number": self.case_number,
            "footnotes": list(self.footnotes),
            "source": self.source,
            "pairs": [asdict(p) for p in self.pairs],
            "body": self.body,
            "format": self.format,
        }

    @classmethod
    def from_json(cls, data: dict) -> "Letter":
        """Inverse of :meth:`to_json`; used to restore a stored letter from the index."""

        def date(value):
            return dt.date.fromisoformat(value) if value else None

        return cls(
            id=data["id"],
            kind=data.get("kind") or "other",
            title=data.get("title"),
            date=date(data.get("date")),
            submitted=date(data.get("submitted")),
            ministry=data.get("ministry"),
            minister=data.get("minister"),
            questioners=[Questioner(**q) for q in data.get("questioners", [])],
            reference=data.get("reference"),
            case_number=data.get("case_number"),
            footnotes=list(data.get("footnotes", [])),
            source=data.get("source"),
            pairs=[QAPair(**p) for p in data.get("pairs", [])],
            body=data.get("body") or "",
            format=data.get("format"),
        )


class NotALetter(Exception):
    """Raised by a parser for a file that is not a letter it can read; the message is the reason
    shown to the user in the indexing report."""
