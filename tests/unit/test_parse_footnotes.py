"""Footnotes taken out of the pages: only numbers that run on and whose marker was seen."""
from __future__ import annotations

from indexer.parse.footnotes import extract_footnotes, footnote_start, markers_in


def test_footnote_starts():
    assert footnote_start("1NOS, 29 oktober 2024") == (1, "NOS, 29 oktober 2024")
    assert footnote_start("¹ Follow The Money, 25 april") == (1, "Follow The Money, 25 april")
    assert footnote_start("[2] Website") == (2, "Website")
    assert footnote_start("3) Kamerstuk 19637, nr. 3203") == (3, "Kamerstuk 19637, nr. 3203")
    assert footnote_start("2. Meerjarige afspraken") is None  # a list item


def test_markers():
    assert markers_in("het bericht?1 Heeft u") == {1}
    assert markers_in("zoals gemeld¹ en later²") == {1, 2}
    assert markers_in("2, 3 en 4") == {2, 3, 4}


def test_footnote_block_leaves_the_page_and_text_runs_on():
    page = ["Heeft u het bericht gelezen?1", "Het antwoord loopt", "", "1 NOS, 3 mei 2026", "doorlopende noot"]
    pages, notes = extract_footnotes([page, ["door op de volgende pagina."]])
    assert notes == ["NOS, 3 mei 2026 doorlopende noot"]
    assert pages == [page[:3], ["door op de volgende pagina."]]


def test_a_numbered_heading_without_a_marker_stays():
    page = ["Inleiding van de brief.", "", "1 Onbeantwoorde vragen", "", "De vragen zijn geclusterd."]
    pages, notes = extract_footnotes([page])
    assert notes == [] and pages == [page]
