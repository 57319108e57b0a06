"""The project's own corpus: the hand-written letters of corpus/letters and corpus/generate.py.

The expectations are counted from the files themselves (the ``Vraag``/``Antwoord`` headings, the
XML elements, the HTML blocks) or taken from the generator's own model of each letter, never from
the parsers, so that these tests check the parsers against the corpus and not against themselves.
"""
from __future__ import annotations

import html
import importlib.util
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from indexer.parse import is_candidate, parse_file

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
LETTERS = CORPUS / "letters"
GENERATOR = CORPUS / "generate.py"


def _load_generator():
    spec = importlib.util.spec_from_file_location("vraagbaak_corpus_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    # Registered before it runs: dataclasses look their module up in sys.modules.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _files(folder: Path) -> list[Path]:
    """Every file under ``folder`` (sidecars included), as paths relative to it, sorted."""
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def _letters(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and is_candidate(p))


# --------------------------------------------------------------------------------------------
# Counting a file's structure without the project's parsers
# --------------------------------------------------------------------------------------------


def visible_text(path: Path) -> str:
    """The text a reader sees: tags removed and white space collapsed for XML and HTML."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix in (".xml", ".html"):
        if path.suffix == ".html":
            raw = raw[raw.index("<body"):]
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw))
        raw = re.sub(r"\s+", " ", raw).strip()
    return raw


def _numbers(heading: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", heading)]


def expected_pairs(path: Path) -> list[list[int]]:
    """The question numbers of each pair, read from the headings: one pair per answer heading,
    or one per question when the document has no answers (questions, delay notice)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".xml":
        root = ET.fromstring(text)
        answers = [_numbers(a.findtext("nr")) for a in root.iter("antwoord")]
        questions = [_numbers(v.findtext("nr")) for v in root.iter("vraag")]
    elif path.suffix == ".html":
        answers = [_numbers(h) for h in re.findall(
            r'<div class="antwoord">\s*<h2[^>]*>(?:<a[^>]*></a>)?(Antwoord [^<]*)</h2>', text)]
        questions = [_numbers(h) for h in re.findall(
            r'<div class="vraag">\s*<h2[^>]*>(?:<a[^>]*></a>)?(Vraag [^<]*)</h2>', text)]
    else:
        answers = [_numbers(h) for h in re.findall(
            r"(?m)^Antwoord(?: op vra(?:ag|gen))? (\d+(?:(?:, | en )\d+)*)$", text)]
        questions = [_numbers(h) for h in re.findall(r"(?m)^Vraag (\d+)$", text)]
    return answers if answers else questions


# --------------------------------------------------------------------------------------------
# The generator: determinism, counts, formats, sizes, speed
# --------------------------------------------------------------------------------------------


def test_same_seed_gives_byte_identical_files(tmp_path):
    a = gen.generate(tmp_path / "a", 24, seed=7)
    b = gen.generate(tmp_path / "b", 24, seed=7)
    assert [p.name for p in a] == [p.name for p in b]
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    for rel in _files(tmp_path / "a"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_different_seed_gives_different_letters(tmp_path):
    a = gen.generate(tmp_path / "a", 12, seed=1)
    b = gen.generate(tmp_path / "b", 12, seed=2)
    different = sum(pa.read_bytes() != pb.read_bytes() for pa, pb in zip(a, b))
    assert different == 12


def test_more_letters_only_adds_files(tmp_path):
    """Letter i depends on (seed, i) alone: a larger N keeps the smaller run's files."""
    small = gen.generate(tmp_path / "small", 9, seed=3)
    large = gen.generate(tmp_path / "large", 15, seed=3)
    for ps, pl in zip(small, large):
        assert ps.name == pl.name
        assert ps.read_bytes() == pl.read_bytes()


def test_requested_count_and_formats(tmp_path):
    paths = gen.generate(tmp_path, 31, seed=0, formats=("txt", "xml", "html"))
    assert len(paths) == 31
    by_suffix = {s: [p for p in paths if p.suffix == s] for s in (".txt", ".xml", ".html")}
    assert [len(by_suffix[s]) for s in (".txt", ".xml", ".html")] == [11, 10, 10]
    assert all(p.parent.name == p.suffix[1:] for p in paths)
    for xml_path in by_suffix[".xml"]:
        sidecar = xml_path.with_name(xml_path.stem + ".metadata.xml")
        meta = ET.parse(sidecar).getroot()
        identifier = [m.get("content") for m in meta if m.get("name") == "DC.identifier"]
        assert identifier == [xml_path.stem]
    stems = [p.stem for p in paths]
    assert len(set(stems)) == len(stems), "identifiers must be unique"
    # Nothing but the letters and the XML sidecars.
    assert len(_files(tmp_path)) == 31 + 10


def test_one_format_only(tmp_path):
    paths = gen.generate(tmp_path, 5, seed=0, formats=("html",))
    assert [p.suffix for p in paths] == [".html"] * 5
    with pytest.raises(ValueError):
        gen.generate(tmp_path, 1, formats=("pdf",))


def test_command_line_writes_the_same_files(tmp_path):
    result = subprocess.run(
        [sys.executable, str(GENERATOR), str(tmp_path / "cli"), "-n", "6", "--seed", "4",
         "--formats", "txt,html"],
        capture_output=True, text=True, check=True,
    )
    assert "6 letters" in result.stderr
    gen.generate(tmp_path / "lib", 6, seed=4, formats=("txt", "html"))
    assert _files(tmp_path / "cli") == _files(tmp_path / "lib")
    for rel in _files(tmp_path / "cli"):
        assert (tmp_path / "cli" / rel).read_bytes() == (tmp_path / "lib" / rel).read_bytes()


def test_command_line_rejects_an_unknown_format(tmp_path):
    result = subprocess.run(
        [sys.executable, str(GENERATOR), str(tmp_path), "-n", "1", "--formats", "txt,doc"],
        capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert "doc" in result.stderr


def test_text_size_per_letter_is_in_the_stated_range(tmp_path):
    paths = gen.generate(tmp_path, 90, seed=5)
    low, high = gen.TEXT_BOUNDS
    sizes = {p.name: len(visible_text(p).encode("utf-8")) for p in paths}
    outside = {name: size for name, size in sizes.items() if not low <= size <= high}
    assert not outside, f"text size outside {low}-{high} bytes: {outside}"
    mean = sum(sizes.values()) / len(sizes)
    assert 5000 <= mean <= 6200, f"mean text size {mean:.0f} bytes, expected about 5.6 KB"


def test_every_letter_has_five_to_seven_pairs_and_merged_answers_occur(tmp_path):
    paths = gen.generate(tmp_path, 60, seed=6)
    merged = 0
    for path in paths:
        pairs = expected_pairs(path)
        assert 5 <= len(pairs) <= 7, (path.name, pairs)
        numbers = [n for pair in pairs for n in pair]
        assert numbers == list(range(1, len(numbers) + 1)), (path.name, pairs)
        merged += any(len(pair) > 1 for pair in pairs)
    assert merged >= 10


def test_footnotes_and_case_numbers_are_written(tmp_path):
    paths = gen.generate(tmp_path, 30, seed=8)
    texts = {p: p.read_text(encoding="utf-8") for p in paths}
    assert sum("¹" in t for p, t in texts.items() if p.suffix == ".txt") >= 5
    assert sum("<noot " in t for p, t in texts.items() if p.suffix == ".xml") >= 5
    assert sum('class="voet noot' in t for p, t in texts.items() if p.suffix == ".html") >= 5
    assert sum(bool(re.search(r"\b(?:19|20)\d\dZ\d{5}\b", t)) for t in texts.values()) >= 15
    assert not any("\x00" in t for t in texts.values()), "a footnote marker leaked into the output"


def test_dates_spread_over_the_years(tmp_path):
    docs = [gen.build(0, i, gen.FORMATS[i % 3]) for i in range(400)]
    years = {d.received.year for d in docs}
    assert min(years) <= 1997 and max(years) >= 2025
    assert len(years) >= 28
    assert all(d.submitted < d.received for d in docs)


def test_generation_is_fast(tmp_path):
    """The benchmarks need 10k letters in well under a minute: 1,000 take about a second (the
    bound is loose, for busy machines; it catches an accidentally quadratic generator)."""
    started = time.perf_counter()
    gen.generate(tmp_path, 1000, seed=9)
    assert time.perf_counter() - started < 15


# --------------------------------------------------------------------------------------------
# The generated letters read by the project's parsers
# --------------------------------------------------------------------------------------------


def test_generated_letters_parse_to_the_letter_the_generator_wrote(tmp_path):
    seed, n = 11, 150
    paths = gen.generate(tmp_path, n, seed=seed)
    for i, path in enumerate(paths):
        doc = gen.build(seed, i, gen.FORMATS[i % 3])
        letter = parse_file(path)
        expected = [pair.numbers for pair in doc.pairs]
        assert expected_pairs(path) == expected, path.name   # the file says what the model says
        assert [p.questions for p in letter.pairs] == expected, path.name
        assert all(p.question and p.answer for p in letter.pairs), path.name
        assert letter.questioners, path.name
        assert len(letter.questioners) == len(doc.askers), (path.name, letter.questioners)
        for asker, questioner in zip(doc.askers, letter.questioners):
            assert asker.surname.lower() in questioner.name.lower(), (path.name, questioner)
            assert questioner.party == asker.party, (path.name, questioner)
        assert letter.id == doc.ident
        assert letter.kind == "answer"
        assert letter.case_number == doc.case_number, path.name


# --------------------------------------------------------------------------------------------
# The hand-written letters of corpus/letters
# --------------------------------------------------------------------------------------------

#: Every letter in corpus/letters: its kind and the surnames of the members who asked.
CORPUS_LETTERS = {
    # Ministry letters in the layout of the seed.
    "txt/ah-tk-20192020-1044.txt": ("answer", ["Wuyts-Verbruggen"]),
    "txt/ah-tk-20202021-1377.txt": ("answer", ["Hendriksen", "Olgun-Brink"]),
    "txt/ah-tk-20202021-2875.txt": ("answer", ["Van Rossem-Demir", "Pieterse"]),
    "txt/ah-tk-20212022-1902.txt": ("answer", ["Brandsma-Yıldız"]),
    "txt/ah-tk-20212022-3410.txt": ("answer", ["Grotenhuis", "Meinderts-Bos"]),
    "txt/ah-tk-20222023-1630.txt": ("answer", ["Kaddouri-Vink"]),
    "txt/ah-tk-20222023-2790.txt": ("answer", ["Şahin-de Boer", "Molenkamp"]),
    "txt/ah-tk-20232024-2051.txt": ("answer", ["Van Bemmel-Akkaya", "Schreuder-Pot", "Ravensbergen"]),
    "txt/ah-tk-20232024-512.txt": ("answer", ["De Ruiter-Aydın"]),
    "txt/ah-tk-20242025-1187.txt": ("answer", ["Hoefnagel-Ramdin"]),
    "txt/ah-tk-20242025-2290.txt": ("answer", ["Kloppenburg-Vos", "Ter Wee", "Baghdadi"]),
    "txt/ah-tk-20252026-198.txt": ("answer", ["Vermeer-Castelijn"]),
    "txt/ah-tk-20252026-412.txt": ("answer", ["Brinkhorst-Yaman", "Ter Veld"]),
    "txt/ah-tk-20252026-877.txt": ("answer", ["Vissering", "Tan-Elshout"]),
    "txt/antwoorden-kamervragen-munitieopslag-2020.txt": ("answer", ["Kamphorst"]),
    "txt/antwoorden-kamervragen-stroomaansluitingen-scholen-2026.txt": (
        "answer", ["Van Wijngaarden-Oz", "Heijnen", "Maasland"]),
    # The Aanhangsel van de Handelingen as extracted text, and kv- questions documents.
    "txt/ah-tk-20192020-2214.txt": ("answer", ["Reijnders-Maas"]),
    "txt/ah-tk-20232024-1468.txt": ("answer", ["Terlouw-Baptist", "Hoogendoorn-Ceylan"]),
    "txt/kv-tk-2025Z17342.txt": ("questions", ["Doornbos-Kaya", "Veldhoen"]),
    "txt/ah-tk-20252026-301.txt": ("delay", ["Doornbos-Kaya", "Veldhoen"]),
    "txt/ah-tk-20252026-655.txt": ("answer", ["Doornbos-Kaya", "Veldhoen"]),
    "txt/kv-tk-2024Z19455.txt": ("questions", ["Van Olst-Pekel"]),
    "txt/ah-tk-20242025-1032.txt": ("delay", ["Van Olst-Pekel"]),
    "txt/kv-tk-2026Z04410.txt": ("questions", ["Achterberg", "Mourik-Bensaïd", "Voskuil"]),
    # Kamerbrieven without questions.
    "txt/kamerbrief-voortgang-netcongestie-2025.txt": ("letter", []),
    "txt/kamerbrief-stand-van-zaken-jeugdzorg-2021.txt": ("letter", []),
    # officielebekendmakingen XML, each with a .metadata.xml sidecar.
    "xml/ah-tk-20192020-988.xml": ("answer", ["Wilde", "Eefting"]),
    "xml/ah-tk-20202021-3301.xml": ("answer", ["Bolhuis"]),
    "xml/ah-tk-20212022-702.xml": ("answer", ["Oukili", "Verhagen-Dijkman", "Strik"]),
    "xml/ah-tk-20222023-418.xml": ("answer", ["Wever-Rosaria"]),
    "xml/ah-tk-20232024-2633.xml": ("answer", ["Kuijken", "Bakhuis-Nazari"]),
    "xml/ah-tk-20242025-305.xml": ("answer", ["Dijkhuis-Amrani"]),
    "xml/ah-tk-20242025-1566.xml": ("answer", ["Van Olst-Pekel"]),
    "xml/ah-tk-20252026-1120.xml": ("answer", ["Mertens-Lodder", "Aydemir-Kool"]),
    # officielebekendmakingen HTML.
    "html/ah-tk-20192020-2671.html": ("answer", ["Schaafsma-Erkens"]),
    "html/ah-tk-20202021-566.html": ("answer", ["Wessels-Haidari", "Tuinstra"]),
    "html/ah-tk-20222023-1205.html": ("answer", ["Brandwijk-Sezer"]),
    "html/ah-tk-20232024-880.html": ("answer", ["Wijnberg-Kaçar", "Boonstra", "Lamers-Ouali"]),
    "html/ah-tk-20242025-1911.html": ("answer", ["Vlietstra-Diallo"]),
    "html/ah-tk-20252026-1748.html": ("answer", ["Achterberg", "Mourik-Bensaïd", "Voskuil"]),
}

#: Questions → delay notice(s) → answer, one case number each (for a case-timeline feature).
CHAINS = {
    "2025Z17342": ["txt/kv-tk-2025Z17342.txt", "txt/ah-tk-20252026-301.txt", "txt/ah-tk-20252026-655.txt"],
    "2024Z19455": ["txt/kv-tk-2024Z19455.txt", "txt/ah-tk-20242025-1032.txt", "xml/ah-tk-20242025-1566.xml"],
    "2026Z04410": ["txt/kv-tk-2026Z04410.txt", "html/ah-tk-20252026-1748.html"],
}


def test_the_corpus_holds_exactly_the_listed_letters():
    found = sorted(str(p.relative_to(LETTERS)) for p in _letters(LETTERS))
    assert found == sorted(CORPUS_LETTERS)
    kinds = [kind for kind, _ in CORPUS_LETTERS.values()]
    assert len(found) == 40
    assert (kinds.count("questions"), kinds.count("delay"), kinds.count("letter")) == (3, 2, 2)
    stems = [Path(p).stem for p in found]
    assert len(set(stems)) == len(stems), "identifiers must be unique across formats"


def test_every_corpus_xml_has_its_metadata_sidecar():
    for xml_path in sorted((LETTERS / "xml").glob("*.xml")):
        if xml_path.name.endswith(".metadata.xml"):
            continue
        meta = ET.parse(xml_path.with_name(xml_path.stem + ".metadata.xml")).getroot()
        values = {}
        for m in meta:
            values.setdefault(m.get("name"), []).append(m.get("content"))
        assert values["DC.identifier"] == [xml_path.stem]
        for name in ("DC.title", "OVERHEIDop.indiener", "OVERHEIDop.ontvanger", "OVERHEIDop.vraagnummer",
                     "OVERHEIDop.datumOntvangst", "DCTERMS.issued", "DC.type"):
            assert values.get(name), (xml_path.name, name)


@pytest.mark.parametrize("name", sorted(CORPUS_LETTERS))
def test_corpus_letter_size_and_structure(name):
    path = LETTERS / name
    kind, askers = CORPUS_LETTERS[name]
    size = len(visible_text(path).encode("utf-8"))
    # Questions-only documents are short by nature; everything else is 2-6 KB of text.
    assert (1500 if kind == "questions" else 2000) <= size <= 6000, size
    pairs = expected_pairs(path)
    if kind == "letter":
        assert pairs == []
    else:
        assert 3 <= len(pairs) <= 9, pairs
        numbers = [n for pair in pairs for n in pair]
        assert numbers == list(range(1, len(numbers) + 1)), pairs


@pytest.mark.parametrize("name", sorted(CORPUS_LETTERS))
def test_corpus_letter_parses(name):
    path = LETTERS / name
    kind, askers = CORPUS_LETTERS[name]
    letter = parse_file(path)
    assert letter.kind == kind
    assert letter.id == path.stem
    assert [p.questions for p in letter.pairs] == expected_pairs(path)
    assert all(p.question for p in letter.pairs)
    if kind == "answer":
        assert all(p.answer for p in letter.pairs)
    else:
        assert all(p.answer is None for p in letter.pairs)
    if kind == "letter":
        assert not letter.questioners
        assert letter.body.strip()
    else:
        assert letter.questioners, "questioners must not be empty"
        assert len(letter.questioners) == len(askers), letter.questioners
        for surname, questioner in zip(askers, letter.questioners):
            assert surname.lower() in questioner.name.lower(), (surname, questioner)
            assert questioner.party, questioner


@pytest.mark.parametrize("case", sorted(CHAINS))
def test_case_chains_share_their_case_number(case):
    letters = [parse_file(LETTERS / name) for name in CHAINS[case]]
    assert [letter.case_number for letter in letters] == [case] * len(letters)
    assert letters[0].kind == "questions" and letters[-1].kind == "answer"
    assert all(letter.kind == "delay" for letter in letters[1:-1])
    dates = [letter.date for letter in letters]
    assert dates == sorted(dates) and len(set(dates)) == len(dates), dates
    questions = [[p.questions for p in letter.pairs] for letter in letters]
    asked = [n for pair in questions[0] for n in pair]
    assert all([n for pair in q for n in pair] == asked for q in questions)


#: The deliberate difficulties of the ministry letters: (file, text the pairs must contain, text
#: they must not contain). Line-end hyphenation is rejoined; page-header debris and a footnote
#: printed mid-text stay out of the questions and answers.
HARD_SPOTS = [
    ("txt/ah-tk-20242025-1187.txt", "bovenregionale expertisecentra", "expertise-"),
    ("txt/ah-tk-20202021-2875.txt", "onder druk kan komen te staan", "ko-"),
    ("txt/ah-tk-20252026-198.txt", "deze maatregelen in 2026", "26 september 2025"),
    ("txt/ah-tk-20252026-412.txt", "Netcongestie maakt het", "9 oktober 2025"),
    ("txt/ah-tk-20242025-2290.txt", "Het klopt dat een deel", "24 april 2025"),
    ("txt/ah-tk-20222023-1630.txt", "Hoeveel formatieplaatsen", "AD, 20 februari 2023"),
]


@pytest.mark.parametrize("name, present, absent", HARD_SPOTS)
def test_corpus_hard_spots_are_read_cleanly(name, present, absent):
    letter = parse_file(LETTERS / name)
    text = " ".join(f"{p.question} {p.answer or ''}" for p in letter.pairs)
    assert present in text
    assert absent not in text
