"""HTML: the officielebekendmakingen page reads as its XML does; other pages lose their chrome."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from indexer.letters import NotALetter
from indexer.parse import html as html_parser
from indexer.parse import parse_file
from indexer.parse.dutch import normalize_space


@pytest.fixture(scope="module")
def both(corpus_real):
    """(XML letter, HTML letter) of ah-tk-20202021-3235."""
    return (parse_file(corpus_real / "oep-xml" / "ah-tk-20202021-3235.xml"),
            parse_file(corpus_real / "oep-html" / "ah-tk-20202021-3235.html"))


def write(tmp_path: Path, text: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_html_gives_the_letter_the_xml_gives(both):
    xml, html = both
    assert html.id == xml.id == "ah-tk-20202021-3235"
    assert html.kind == "answer"
    assert html.format == "html"
    for field in ("title", "date", "submitted", "minister", "ministry", "case_number", "questioners"):
        assert getattr(html, field) == getattr(xml, field), field
    assert html.case_number == "2021Z09739"
    assert [(q.name, q.party) for q in html.questioners] == [
        ("Van Weyenberg", "D66"), ("Romke de Jong", "D66"), ("Kat", "D66")]


def test_html_pairs_match_the_xml_pairs(both):
    xml, html = both
    assert [p.questions for p in html.pairs] == [[n] for n in range(1, 10)]
    for from_xml, from_html in zip(xml.pairs, html.pairs):
        assert normalize_space(from_html.question) == normalize_space(from_xml.question)
        assert normalize_space(from_html.answer) == normalize_space(from_xml.answer)
    # Line breaks of the HTML source are not paragraph breaks: the sentence runs on.
    assert "(TOZO) en het Besluit bijstandverlening" in html.pairs[0].question
    assert "(Staatsblad 2020, 118). Bij de keuze" in html.pairs[1].answer


def test_kamerstuk_page_is_other_with_the_motie_text(corpus_real):
    letter = parse_file(corpus_real / "oep-html" / "kst-32545-143.html")
    assert letter.id == "kst-32545-143"
    assert letter.kind == "other"
    assert "Motie van de leden Inge van Dijk en Grinwis" in letter.title
    assert "verzoekt de regering, om een grensspaarsaldo te definiëren waaronder een negatieve spaarrente" in letter.body
    assert letter.date == dt.date(2021, 7, 6)
    assert "popup" not in letter.body


def test_tweedekamer_page_keeps_the_motions_and_drops_the_navigation(corpus_real):
    letter = parse_file(corpus_real / "tweedekamer-web-html" / "tweedekamer.nl_2015P02267.html")
    assert letter.kind == "other"
    assert letter.title == "Moties ingediend bij Wet auteurscontractenrecht"
    assert "Motie van het lid Helder over bewerkstelligen dat de geschillencommissie" in letter.body
    for chrome in ("Direct naar de hoofdnavigatie", "Begrippenlijst", "Deel dit via", "Plenaire vergaderingen"):
        assert chrome not in letter.body


@pytest.mark.parametrize("name", ["tweedekamer.nl_2015D04817.html", "tweedekamer.nl_2015P02267.html"])
def test_saved_web_pages_parse_or_are_refused(corpus_real, name):
    try:
        letter = parse_file(corpus_real / "tweedekamer-web-html" / name)
    except NotALetter as refused:
        assert "HTML" in str(refused)
    else:
        assert letter.kind == "other" and "Direct naar de inhoud" not in letter.body


def test_navigation_only_page_is_not_a_letter(tmp_path):
    page = ("<html><head><title>Home</title><script>var x = 1;</script></head><body>"
            "<nav><ul><li>Home</li><li>Kamerstukken</li><li>Zoeken</li></ul></nav>"
            "<div id='footer'>Contact | Privacy | Cookies</div></body></html>")
    with pytest.raises(NotALetter, match="zonder inhoud"):
        html_parser.parse(write(tmp_path, page))


def test_deeply_nested_html_neither_crashes_nor_hangs(tmp_path):
    sentence = ("De minister heeft de Kamer per brief geïnformeerd over de voortgang van het "
                "programma en zegt toe voor de zomer een nieuwe rapportage te sturen met alle cijfers.")
    page = "<html><body>" + "<div>" * 10_000 + f"<p>{sentence}</p>" + "</div>" * 10_000 + "</body></html>"
    started = time.monotonic()
    letter = html_parser.parse(write(tmp_path, page))
    assert time.monotonic() - started < 20
    assert letter.body == sentence


def test_unclosed_deep_nesting_is_handled(tmp_path):
    page = "<html><body>" + "<div><span>" * 10_000 + "tekst"
    try:
        html_parser.parse(write(tmp_path, page))
    except NotALetter as refused:
        assert str(refused)


def test_escaped_markup_stays_literal_and_scripts_are_dropped(tmp_path):
    page = ("<html><head><title>Brief</title></head><body><main>"
            "<p>De tekenreeks &lt;script&gt;alert(1)&lt;/script&gt; staat letterlijk in de brief "
            "die de minister op vijf juni aan de Kamer stuurde over beveiliging van websites en apps "
            "van de rijksoverheid.</p><script>document.cookie='gestolen'</script></main></body></html>")
    letter = html_parser.parse(write(tmp_path, page))
    assert "De tekenreeks <script>alert(1)</script> staat letterlijk" in letter.body
    assert "gestolen" not in letter.body


def test_oep_footnotes_become_markers_and_a_list(tmp_path):
    page = (
        '<html><head><meta name="DC.identifier" content="ah-tk-20252026-7"/></head><body>'
        '<h1 class="kamervraagomschrijving_kop">Vragen van het lid Jansen (SP) aan de Minister van '
        'Financiën over de spaarrente (ingezonden 29 april 2026).</h1>'
        '<div class="vraag"><h2 class="stuktitel">Vraag 1</h2><p>Kent u het bericht?'
        '<sup><a class="nootnum supernote-click-n1" href="#n1">1</a></sup></p></div>'
        '<div class="antwoord"><h2 class="stuktitel">Antwoord 1</h2><p>Ja.</p></div>'
        '<div id="noten"><div class="voet noot notedefault"><h5 class="note-close"><a>X</a> Noot</h5>'
        '<sup><span class="nootnum">1</span></sup><p><a href="https://nos.nl/l/1">https://nos.nl/l/1</a></p>'
        '</div></div></body></html>')
    letter = html_parser.parse(write(tmp_path, page))
    assert letter.id == "ah-tk-20252026-7"
    assert letter.kind == "answer"
    assert letter.pairs[0].question == "Kent u het bericht?¹"
    assert letter.footnotes == ["1 https://nos.nl/l/1"]
    assert [(q.name, q.party) for q in letter.questioners] == [("Jansen", "SP")]
