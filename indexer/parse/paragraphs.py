"""Lines → paragraphs: where a paragraph ends, and which line-end hyphens split a word.

Extracted text wraps lines at the page width and has no blank line between paragraphs; a word
split at a line end (*leerkli-* / *maat*) must be joined, a real compound (*hiv-besmettingen*,
*Noord-Nederland*) must not. The document's own spelling elsewhere decides, so the rules need no
dictionary.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter

from indexer.parse.pages import LONE_NUMBERS_RE

_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: The hot per-line tests of joining, compiled once (re's own cache costs a lookup per call).
_LETTER_RE = re.compile(r"[^\W\d_]")
_WEB_ADDRESS_END_RE = re.compile(r"(?:https?://|www\.)\S*$")
_SPACES_RE = re.compile(r"[ ]{2,}")
_SENTENCE_ENDS = (".", "?", "!", ":", "»", "”", '"')
#: Possessive: a run of letters cannot give any back to a hyphen or a word boundary, and the
#: backtracking into every shorter run was most of the time spent joining lines.
_INLINE_HYPHEN_RE = re.compile(r"\b([^\W\d_]{2,}+)-([^\W\d_]{2,}+)\b")


def vocabulary_of(text: str) -> Counter:
    """How often each lower-cased word (hyphenated words whole) occurs, not counting words split
    at a line end, and how often each word opens a hyphenated compound ("hiv-" for
    *hiv-infecties*): the evidence for how to join a word split at a line end."""
    # Counted in C (map, Counter); only the hyphenated words' prefixes take a Python loop.
    counts = Counter(map(str.lower, _WORD_RE.findall(text.replace("-\n", "\x00"))))
    for word, n in [(word, n) for word, n in counts.items() if "-" in word]:
        counts[word.split("-")[0] + "-"] += n
    return counts


def typical_line_length(lines: list[str]) -> int:
    """The width of a full line (the upper quartile of line lengths), 0 when too few lines tell."""
    lengths = [len(line.strip()) for line in lines if len(line.strip()) > 20]
    if len(lengths) < 4:
        return 0
    return int(statistics.quantiles(lengths, n=4)[2])


def join_paragraphs(lines: list[str], vocabulary: Counter, typical: int = 0) -> str:
    """Lines → paragraphs separated by a blank line.

    A blank line ends a paragraph; so does a line that ends a sentence well short of the typical
    line width (PDF text has no blank lines between paragraphs). Marker-only lines go.
    """
    paragraphs: list[str] = []
    current: list[str] = []

    def flush():
        if current:
            paragraphs.append(join_lines(current, vocabulary))
            current.clear()

    for line in lines:
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if LONE_NUMBERS_RE.match(stripped):
            continue
        current.append(stripped)
        short = typical > 50 and len(stripped) < 0.8 * typical
        if short and stripped.endswith(_SENTENCE_ENDS):
            flush()
    flush()
    return "\n\n".join(p for p in paragraphs if p)


def join_lines(lines: list[str], vocabulary: Counter) -> str:
    """Lines of one paragraph → one line, joining words that a line-end hyphen split."""
    pieces: list[str] = []
    previous = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if not pieces:
            pieces.append(line)
        elif _ends_in_split_word(previous) and _LETTER_RE.match(line):
            if _join_hyphen(previous, line, vocabulary):
                pieces[-1] = pieces[-1][:-1]
            pieces.append(line)
        elif (previous.endswith("/") or line.startswith("/")) and _WEB_ADDRESS_END_RE.search(previous):
            pieces.append(line)  # a web address broken over two lines
        else:
            pieces.append(" " + line)
        previous = line
    text = _rejoin_inline_hyphens("".join(pieces), vocabulary)
    return (_SPACES_RE.sub(" ", text) if "  " in text else text).strip()


def _ends_in_split_word(line: str) -> bool:
    """Whether a stripped line ends in a letter and a hyphen (*leerkli-*): one test at the end,
    where a regex search for ``[^\W\d_]-$`` tried every position of the line."""
    return line.endswith("-") and bool(_LETTER_RE.match(line, len(line) - 2))


def _join_hyphen(before: str, after: str, vocabulary: Counter) -> bool:
    """Whether *leerkli-* + *maat* is one word split at the line end (drop the hyphen: True) or a
    real compound such as *hiv-besmettingen* or *Noord-Nederland* (keep it: False)."""
    left = re.search(r"([^\W\d_]+)-$", before).group(1)
    right = re.match(r"[^\W\d_]+", after).group(0)
    hyphenated, joined = f"{left}-{right}".lower(), (left + right).lower()
    if right[0].isupper() or (left.isupper() and len(left) > 1):
        return False  # Noord-Nederland, ICT-systemen
    # The document's own spelling decides; without evidence a split word is the likelier case.
    if vocabulary.get(hyphenated, 0) != vocabulary.get(joined, 0):
        return vocabulary.get(joined, 0) > vocabulary.get(hyphenated, 0)
    return not vocabulary.get(left.lower() + "-", 0)  # hiv-infecties, hiv-diagnoses: hiv-...


def _rejoin_inline_hyphens(text: str, vocabulary: Counter) -> str:
    """Extraction sometimes removed the line break but left the hyphen (*Kinder-rechtencollectief*):
    join only when the document also writes the word without it."""

    def fix(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        joined, hyphenated = (left + right).lower(), f"{left}-{right}".lower()
        if right[0].islower() and vocabulary.get(joined, 0) >= max(1, vocabulary.get(hyphenated, 0)):
            return left + right
        return m.group(0)

    return _INLINE_HYPHEN_RE.sub(fix, text) if "-" in text else text
