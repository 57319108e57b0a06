"""Lines → paragraphs: where a paragraph ends, and which line-end hyphens split a word.

Extracted text wraps lines at the page width and has no blank line between paragraphs; a word
split at a line end (*leerkli-* / *maat*) must be joined, a real compound (*hiv-besmettingen*,
*Noord-Nederland*) must not. The document's own spelling elsewhere decides, so the rules need no
dictionary.
"""
from __future__ import annotations

import re
from collections import Counter

from indexer.parse.pages import LONE_NUMBERS_RE

#: A word: letters (word characters that are not digits or "_"), hyphenated words whole.
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


class Vocabulary:
    """:func:`vocabulary_of` a text, counted only for the words asked for (``get``).

    Parsing asks for a few words a letter (those around a hyphen), and counting all of them was
    the biggest single step of parsing. A word asked for is found with ``find`` in the
    lower-cased text and counted where a word of the text starts there and is that word (or,
    for "hiv-", a hyphenated word that opens with it). The lower-cased text has the same words in
    the same places when lower-casing turns every character into one character, a letter into a
    letter and nothing else into "-": true of every character but İ (two characters) and Σ (which
    lower-cases by its neighbours), so a text with either is counted whole, by vocabulary_of.

    A word in ASCII (all but a few) is looked for in the text's Latin-1 bytes with their ASCII
    letters lower-cased, made in C (``str.lower`` takes far longer on a text that is not all
    ASCII): one byte a character, so every place ``str.lower`` would have the word is found there
    (and a few more, as every other character is another byte or "?", which the word read in the
    text then rules out). Only the Kelvin sign (U+212A) lower-cases into ASCII from outside it:
    in a text with one, and for any other word, a word is looked for in the text lower-cased
    whole, made when first needed.

    Each word asked for costs a scan of the text, so after MAX_SCANS words the whole text is
    counted once (a long PDF text with hundreds of hyphens would otherwise be scanned hundreds
    of times).
    """

    MAX_SCANS = 20

    def __init__(self, text: str, latin1_lowered: bytes | None = None):
        """``latin1_lowered`` is ``text.encode("latin-1", "replace").lower()`` when the caller has it."""
        self._text = text
        self._all = vocabulary_of(text) if "\u0130" in text or "\u03a3" in text else None
        if latin1_lowered is None:
            latin1_lowered = text.encode("latin-1", "replace").lower()
        self._ascii = None if "\u212a" in text else latin1_lowered
        self._lowered: str | None = None  # the text lower-cased, made for the first other word
        self._counts: dict[str, int] = {}

    def get(self, word: str, default=None):
        """The count of ``word`` as vocabulary_of gives it, else ``default`` (as ``dict.get``)."""
        if word not in self._counts:
            if self._all is None and len(self._counts) >= self.MAX_SCANS:
                self._all = vocabulary_of(self._text)
            self._counts[word] = self._all.get(word, 0) if self._all is not None else self._count(word)
        return self._counts[word] or default

    def _count(self, word: str) -> int:
        opening = word.endswith("-")  # "hiv-": the hyphenated words that open with "hiv"
        if not word or (opening and (len(word) == 1 or "-" in word[:-1])):
            return 0  # no word is empty, and vocabulary_of counts only one-part openings
        lowered, sought = self._lowered_with(word)
        n = 0
        at = lowered.find(sought)
        while at != -1:
            if self._starts_word(at):
                # Lower-casing keeps letters and hyphens where they are: the word is read in the
                # text as it is, and only then lower-cased.
                found = _WORD_RE.match(self._text, at).group().lower()
                n += found.startswith(word) if opening else found == word
            at = lowered.find(sought, at + 1)
        return n

    def _lowered_with(self, word: str) -> tuple[str | bytes, str | bytes]:
        """(the lower-cased text to look for ``word`` in, ``word`` as it is written there)."""
        if self._ascii is not None and word.isascii():
            return self._ascii, word.encode()
        if self._lowered is None:
            self._lowered = self._text.lower()
        return self._lowered, word

    def _starts_word(self, at: int) -> bool:
        """Whether _WORD_RE.findall starts a word at ``at``: a letter there, none before it, and
        not a hyphen after a letter (that word would run on over the hyphen)."""
        text = self._text
        return bool(_LETTER_RE.match(text, at)) and not (
            (at > 0 and _LETTER_RE.match(text, at - 1))
            or (at > 1 and text[at - 1] == "-" and _LETTER_RE.match(text, at - 2))
        )


def typical_line_length(lines: list[str]) -> int:
    """The width of a full line (the upper quartile of line lengths), 0 when too few lines tell."""
    lengths = sorted(n for n in map(len, map(str.strip, lines)) if n > 20)
    if len(lengths) < 4:
        return 0
    # statistics.quantiles(lengths, n=4)[2] (its "exclusive" method) in integers: three quarters
    # of the way from the shortest to the longest, between the two lengths around that point.
    at, delta = divmod(3 * (len(lengths) + 1), 4)
    return (lengths[at - 1] * (4 - delta) + lengths[at] * delta) // 4


def join_paragraphs(lines: list[str], vocabulary: Counter, typical: int = 0) -> str:
    """Lines → paragraphs separated by a blank line.

    A blank line ends a paragraph; so does a line that ends a sentence well short of the typical
    line width (PDF text has no blank lines between paragraphs). Marker-only lines go.
    """
    return _joined(_paragraphs(lines, typical), vocabulary)


def join_each(line_lists: list[list[str]], vocabulary: Counter, typical: int = 0) -> list[str]:
    """:func:`join_paragraphs` of each list of lines (a letter's questions and answers), joined
    in one pass over them all: the calls cost more than the work."""
    groups = [_paragraphs(lines, typical) for lines in line_lists]
    joined = _joined_each([paragraph for group in groups for paragraph in group], vocabulary)
    found, start = [], 0
    for group in groups:
        found.append("\n\n".join(joined[start:start + len(group)]))
        start += len(group)
    return found


def _paragraphs(lines: list[str], typical: int) -> list[list[str]]:
    """The stripped, non-empty lines of each paragraph (see :func:`join_paragraphs`)."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    short = 0.8 * typical if typical > 50 else 0  # a line shorter than this is short
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if current:
                paragraphs.append(current)
                current = []
            continue
        # A stripped line matches LONE_NUMBERS_RE only when it starts with a digit (\d is
        # str.isdecimal): the method call is the cheaper test on the many lines of text.
        if stripped[0].isdecimal() and LONE_NUMBERS_RE.match(stripped):
            continue
        current.append(stripped)
        if len(stripped) < short and stripped.endswith(_SENTENCE_ENDS):
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def join_lines(lines: list[str], vocabulary: Counter) -> str:
    """Lines of one paragraph → one line, joining words that a line-end hyphen split."""
    return _joined([[line for line in map(str.strip, lines) if line]], vocabulary)


def _joined_each(paragraphs: list[list[str]], vocabulary: Counter) -> list[str]:
    """Paragraphs of stripped, non-empty lines → a line each: :func:`_joined`, split again."""
    texts = _joined(paragraphs, vocabulary).split("\n\n") if paragraphs else []
    if len(texts) != len(paragraphs):  # a line had a blank line in it: one paragraph at a time
        texts = [_joined([lines], vocabulary) for lines in paragraphs]
    return texts


def _joined(paragraphs: list[list[str]], vocabulary: Counter) -> str:
    """Paragraphs of stripped, non-empty lines → a line each, separated by a blank line.

    Each step works on the whole text at once, not paragraph by paragraph (the calls cost more
    than the work): none of them changes text across a newline.
    """
    texts = [" ".join(lines) for lines in paragraphs]
    text = "\n\n".join(texts)
    # Only a line ending in "-" or "/", or starting with "/", can be joined otherwise than with
    # a space; the joined text shows where none does (most paragraphs), and then it is the text.
    if _may_join_otherwise(text):
        text = "\n\n".join(_join_line_ends(lines, vocabulary) if _may_join_otherwise(joined) else joined
                            for lines, joined in zip(paragraphs, texts))
    text = _rejoin_inline_hyphens(text, vocabulary)
    return _SPACES_RE.sub(" ", text) if "  " in text else text


def _may_join_otherwise(text: str) -> bool:
    # A sign first: "in" finds one character with memchr but searches for two.
    return ("-" in text and "- " in text) or ("/" in text and ("/ " in text or " /" in text))


def _join_line_ends(lines: list[str], vocabulary: Counter) -> str:
    """Stripped, non-empty lines → one line: a word split at a line end joined, a web address
    broken over two lines joined without a space, the rest with a space."""
    pieces: list[str] = []
    previous = ""
    for line in lines:
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
    return "".join(pieces)


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
        # Written without the hyphen at least once, and as often as with it: the second count
        # only when the first is not 0.
        if right[0].islower() and (joined := vocabulary.get((left + right).lower(), 0)) \
                and joined >= vocabulary.get(f"{left}-{right}".lower(), 0):
            return left + right
        return m.group(0)

    if not vocabulary:  # a document without words to go by (an empty Counter) joins none
        return text

    # A match holds no space and \b reads a space as it reads the text's edge, so the pattern
    # gives the same on each space-separated piece as on the whole text: it is run only on the
    # pieces with a hyphen, found with str.find, instead of being tried at every position.
    pieces, done = [], 0
    hyphen = text.find("-")
    while hyphen != -1:
        start, end = text.rfind(" ", 0, hyphen) + 1, text.find(" ", hyphen)
        end = len(text) if end == -1 else end
        pieces += [text[done:start], _INLINE_HYPHEN_RE.sub(fix, text[start:end])]
        done = end
        hyphen = text.find("-", end)
    return "".join(pieces) + text[done:] if pieces else text
