"""The few lines that can start with a given word, found in one scan of the text.

Most tests of a letter's lines ask how a line starts (*Vraag 1*, *Datum*, a footnote's number, a
footer's *ISSN*), and almost no line is one of them. Trying each line's patterns one call at a
time was most of the time spent parsing (about a thousand calls a letter). A :class:`LineGate`
finds the lines whose first non-blank text matches the *head* its patterns share, in one C-level
scan of the lines joined by newlines; only those lines then meet the full patterns.

A gate never narrows what a rule matches: its head is the literal start every pattern behind it
begins with after its leading white space (``Vra|Antwoord`` for the heading patterns), so a line
a pattern matches always passes. Each gate names its patterns, and the tests hold every gate to
them on real and generated letters and on random text.

A scan still tries its head at the start of every line, so the steps that read the same text
share one: a :meth:`LineGate.union` of their gates scans it, and each gate then tries only the
lines found.
"""
from __future__ import annotations

import re


class LineGate:
    """The lines (of a list without newlines in them) whose first non-blank text matches ``head``.

    ``patterns`` are the line patterns the gate stands in front of: every line one of them
    matches (``pattern.match(line)``) passes the gate. Written as the head of each pattern, so a
    reader can check it against them; the tests check it too.
    """

    def __init__(self, head: str, *patterns: re.Pattern):
        self.head = head
        self.patterns = patterns
        # A newline, then a lookahead for the line's blanks and head. The literal newline lets
        # re's prefix search jump from line start to line start in C, and the match takes only
        # that newline, so a head that could run past its line never swallows the next line's
        # newline (which would skip that line). [^\S\n] is \s without the newline: on a line of
        # its own, \s never meets one.
        self._scan = re.compile(r"\n(?=[^\S\n]*(?:" + head + "))")
        self._first = re.compile(r"[^\S\n]*(?:" + head + ")")
        self._line = re.compile(r"\s*(?:" + head + ")")

    def lines(self, lines: list[str], text: str | None = None, among: list[int] | None = None) -> list[int]:
        """Indices of the lines that pass, in order: every line any of the patterns matches.

        ``text`` is ``"\\n".join(lines)`` when the caller has it already (joining costs as much as
        the scan). ``among`` is what a :meth:`union` with this gate (or one with its head in
        its own) in it let through, when the caller has it: then only those lines are tried, one
        by one, and no text is scanned."""
        if among is not None:
            return [i for i in among if self._line.match(lines[i])]
        text = "\n".join(lines) if text is None else text
        found = [0] if self._first.match(text) else []
        line, last = 0, 0
        for m in self._scan.finditer(text):
            line += text.count("\n", last, m.end())  # the newline just before m.end() opens this line
            last = m.end()
            found.append(line)
        if line + text.count("\n", last) != len(lines) - 1:
            # A line with a newline in it shifted the count: let every line through. (Counted on
            # from the last line found, not over the whole text again.)
            return list(range(len(lines)))
        return found

    def starts(self, text: str) -> list[int]:
        """Where the lines of ``text`` that pass start, in order: :meth:`lines` for a caller that
        has no list of lines (splitting a text into lines costs more than the scan)."""
        return ([0] if self._first.match(text) else []) + [m.end() for m in self._scan.finditer(text)]

    @classmethod
    def union(cls, *gates: "LineGate") -> "LineGate":
        """The gate that lets through every line one of ``gates`` does: one scan of a text for
        several gates, each of which then tries only the few lines it found (``among``)."""
        head = "|".join(f"(?:{gate.head})" for gate in gates)
        return cls(head, *(pattern for gate in gates for pattern in gate.patterns))

    def admits(self, line: str) -> bool:
        """Whether one line passes: the cheap test before the patterns, for a single line."""
        return self._line.match(line) is not None

    def __repr__(self) -> str:
        return f"LineGate({self.head!r})"
