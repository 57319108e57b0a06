"""Stored letters compressed with a dictionary trained on the index's own letters
(indexer.stored_letters): they read back exactly, whichever dictionary (or none) they were
written with, a missing or damaged dictionary is an error that says what to do, and they take
less room than Whoosh's zlib."""
import base64
import datetime as dt
import json
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import stored_letters
from indexer.build import build_index, index_letters
from indexer.cli import main
from indexer.errors import IndexError_
from indexer.letters import Letter, QAPair, Questioner
from indexer.parse import parse_file
from indexer.schema import letter_document, letter_json
from indexer.search import SearchRequest, Searcher
from indexer.store import IndexMismatch, Store
from indexer.stored_letters import FIRST_ID, MIN_LETTERS, StoredLetterUnreadable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "corpus"))
from generate import generate  # noqa: E402

NOW = dt.datetime(2025, 1, 1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """120 generated letters as text: enough to train a dictionary."""
    folder = tmp_path_factory.mktemp("letters")
    generate(folder, 120, seed=3, formats=("txt",))
    return folder


def letter(n: int, answer: str = "Nee, dat is niet het geval.") -> Letter:
    return Letter(id=f"ah-tk-20242025-{n}", kind="answer", title=f"Antwoord op vragen over onderwerp {n}",
                  date=dt.date(2024, 1 + n % 12, 1 + n % 28), ministry="Ministerie van Financiën",
                  minister="Minister Heinen", questioners=[Questioner("Van der Lee", "GroenLinks-PvdA")],
                  pairs=[QAPair([1], f"Bent u bekend met het bericht nummer {n} over de kosten van toeslagen?", answer),
                         QAPair([2], "Kunt u deze vragen afzonderlijk beantwoorden?", "Ja.")])


def stored(store: Store) -> dict[str, str]:
    """Every letter as stored, by id."""
    with store.searcher() as s:
        return {d["id"]: d["letter"] for d in s.all_stored_fields()}


def dictionaries(store: Store) -> list[int]:
    return stored_letters.dictionary_ids(store.current_generation())


def test_a_built_index_reads_back_every_letter_as_parsed(corpus, tmp_path):
    store = Store(tmp_path / "ix")
    report = build_index([corpus], store, workers=1)
    assert report.letters_indexed == 120
    assert dictionaries(store) == [FIRST_ID]
    assert {stored_letters.dictionary_id(blob) for blob in stored(store).values()} == {FIRST_ID}
    searcher = Searcher(store)
    for path in sorted(corpus.rglob("*.txt"))[:20]:
        expected = parse_file(path)
        assert searcher.letter(expected.id).to_json() == expected.to_json()
    hit = searcher.search(SearchRequest(q=expected.pairs[0].question)).hits[0]
    assert hit.letter.to_json() == expected.to_json()


def test_workers_train_the_dictionary_a_single_process_trains(corpus, tmp_path):
    """The sample is the same files whichever way the run goes, parsed by the workers."""
    serial, parallel = Store(tmp_path / "serial"), Store(tmp_path / "parallel")
    build_index([corpus], serial, workers=1)
    build_index([corpus], parallel, workers=2)
    assert dictionaries(parallel) == [FIRST_ID]
    same = [stored_letters.dictionary_path(s.current_generation(), FIRST_ID).read_bytes() for s in (serial, parallel)]
    assert same[0] == same[1]
    folder = parallel.current_generation()
    assert {k: stored_letters.decode(v, folder) for k, v in stored(parallel).items()} == \
           {k: stored_letters.decode(v, serial.current_generation()) for k, v in stored(serial).items()}


def test_a_parallel_run_on_an_index_with_a_dictionary_keeps_it(corpus, tmp_path):
    store = Store(tmp_path / "ix")
    index_letters(store, [letter(n) for n in range(MIN_LETTERS)])
    report = build_index([corpus], store, workers=2)
    assert report.letters_indexed == 120
    assert dictionaries(store) == [FIRST_ID]
    assert {stored_letters.dictionary_id(v) for v in stored(store).values()} == {FIRST_ID}
    searcher = Searcher(store)
    expected = parse_file(sorted(corpus.rglob("*.txt"))[-1])
    assert searcher.letter(expected.id).to_json() == expected.to_json()


def test_a_parallel_run_with_too_few_letters_stores_them_without_a_dictionary(tmp_path):
    folder = tmp_path / "few"
    generate(folder, MIN_LETTERS - 10, seed=4, formats=("txt",))
    for n in range(20):
        (folder / f"leeg-{n}.txt").write_text("", encoding="utf-8")  # files that are not letters
    store = Store(tmp_path / "ix")
    report = build_index([folder], store, workers=2)
    assert report.letters_indexed == MIN_LETTERS - 10 and len(report.skipped) == 20
    assert dictionaries(store) == []
    assert {stored_letters.dictionary_id(v) for v in stored(store).values()} == {0}
    searcher = Searcher(store)
    assert all(searcher.letter(letter_id).id == letter_id for letter_id in stored(store))
    assert searcher.stats()["letters"] == MIN_LETTERS - 10


def test_an_interrupted_run_leaves_its_dictionary_for_the_next(tmp_path):
    """The dictionary is on disk before any letter compressed with it can be committed; a run
    that stops after training it leaves the index as it was, and the next run uses it."""
    store = Store(tmp_path / "ix")
    early = [letter(n) for n in range(5)]
    index_letters(store, early)
    with pytest.raises(RuntimeError), store.lock(), store.writing() as writer:
        assert writer.train_dictionary([letter_json(letter(n)) for n in range(MIN_LETTERS)])
        writer.put(letter_document(letter(77), NOW, writer.letter_encoder.encode))
        raise RuntimeError("onderbroken")
    assert dictionaries(store) == [FIRST_ID]
    assert sorted(stored(store)) == sorted(x.id for x in early)
    index_letters(store, [letter(n) for n in range(100, 100 + MIN_LETTERS)])
    assert dictionaries(store) == [FIRST_ID]
    assert {stored_letters.dictionary_id(stored(store)[letter(100).id])} == {FIRST_ID}
    assert Searcher(store).letter(early[0].id).to_json() == early[0].to_json()


def test_script_tags_and_non_ascii_text_come_back_unchanged(tmp_path):
    hostile = letter(1, answer="<script>alert('x')</script> geïnformeerd, café, € 5 miljoen, "
                               "Ærø — „aanhalingstekens” ‘enkel’ 🇳🇱 \u00a0 \\ \" \x00 einde")
    hostile.body = "</textarea><img src=x onerror=alert(1)> ĳsbaan ŒUVRE 日本"
    store = Store(tmp_path / "ix")
    index_letters(store, [hostile] + [letter(n) for n in range(2, MIN_LETTERS + 10)])
    assert dictionaries(store) == [FIRST_ID]
    assert stored_letters.dictionary_id(stored(store)[hostile.id]) == FIRST_ID
    assert Searcher(store).letter(hostile.id).to_json() == hostile.to_json()


def test_letters_from_before_the_first_dictionary_still_read(tmp_path):
    store = Store(tmp_path / "ix")
    early = [letter(n) for n in range(5)]
    index_letters(store, early)  # too few to train on: no dictionary
    assert dictionaries(store) == []
    later = [letter(n) for n in range(100, 100 + MIN_LETTERS)]
    index_letters(store, later)  # the first run with enough letters trains one
    assert dictionaries(store) == [FIRST_ID]
    blobs = stored(store)
    assert {stored_letters.dictionary_id(blobs[x.id]) for x in early} == {0}
    assert {stored_letters.dictionary_id(blobs[x.id]) for x in later} == {FIRST_ID}
    searcher = Searcher(store)
    for x in early + later:
        assert searcher.letter(x.id).to_json() == x.to_json()
    assert searcher.search(SearchRequest(q="toeslagen", page_size=100)).total == len(early) + len(later)


def test_two_dictionaries_in_one_generation(tmp_path):
    store = Store(tmp_path / "ix")
    first = [letter(n) for n in range(MIN_LETTERS)]
    index_letters(store, first)
    second = [letter(n, answer=f"Een ander antwoord, nummer {n}, over iets heel anders.") for n in range(500, 560)]
    with store.lock(), store.writing() as writer:
        assert not writer.needs_dictionary
        assert writer.train_dictionary([letter_json(x) for x in second])
        for x in second:
            writer.put(letter_document(x, NOW, writer.letter_encoder.encode))
    assert dictionaries(store) == [FIRST_ID, FIRST_ID + 1]
    index_letters(store, [letter(900)])  # a later run compresses with the newest
    blobs = stored(store)
    assert {stored_letters.dictionary_id(blobs[x.id]) for x in first} == {FIRST_ID}
    assert {stored_letters.dictionary_id(blobs[x.id]) for x in second} == {FIRST_ID + 1}
    assert stored_letters.dictionary_id(blobs[letter(900).id]) == FIRST_ID + 1
    searcher = Searcher(store)
    for x in first + second + [letter(900)]:
        assert searcher.letter(x.id).to_json() == x.to_json()


@pytest.fixture
def index_with_dictionary(tmp_path) -> Store:
    store = Store(tmp_path / "ix")
    index_letters(store, [letter(n) for n in range(MIN_LETTERS)])
    return store


def test_a_missing_dictionary_is_an_error_that_says_to_rebuild(index_with_dictionary):
    store = index_with_dictionary
    stored_letters.dictionary_path(store.current_generation(), FIRST_ID).unlink()
    with pytest.raises(StoredLetterUnreadable, match=r"mist het woordenboek letters-32768\.zdict.*--rebuild"):
        Searcher(store).letter(letter(1).id)
    # The command line shows the message, not a traceback (an IndexError_, as a missing index is).
    result = CliRunner().invoke(main, ["show", letter(1).id, "--index-dir", str(store.root)])
    assert result.exit_code != 0 and "mist het woordenboek" in result.output and "--rebuild" in result.output
    assert isinstance(StoredLetterUnreadable("x"), IndexError_)


@pytest.mark.parametrize("damage", ["not a dictionary", "other dictionary", "content flipped", "tables flipped"])
def test_a_damaged_dictionary_is_an_error_not_garbage(index_with_dictionary, damage):
    store = index_with_dictionary
    path = stored_letters.dictionary_path(store.current_generation(), FIRST_ID)
    data = bytearray(path.read_bytes())
    if damage == "not a dictionary":
        data = b"just some bytes " * 100
    elif damage == "other dictionary":
        others = [letter_json(letter(n, answer="iets anders " * n)) for n in range(60)]
        data = stored_letters.train(others, FIRST_ID + 7)
    elif damage == "content flipped":
        for i in range(len(data) // 2, len(data), 5):
            data[i] ^= 0x5A
    else:
        for i in range(20, 200):
            data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(StoredLetterUnreadable, match="--rebuild"):
        Searcher(store).letter(letter(1).id)
    if damage != "content flipped":  # a dictionary's content is any bytes: only its letters tell
        with pytest.raises(StoredLetterUnreadable, match="beschadigd.*--rebuild"):
            index_letters(store, [letter(999)])  # a run would compress with it: it stops first


def test_a_damaged_stored_letter_is_an_error_not_garbage(tmp_path):
    frame = bytearray(base64.b64decode(stored_letters.encode(letter_json(letter(1)))))
    frame[len(frame) // 2] ^= 0x01
    for damaged in (base64.b64encode(frame).decode(), "kapot!", stored_letters.encode("{}")[:-8]):
        with pytest.raises(StoredLetterUnreadable, match="niet te lezen.*--rebuild"):
            stored_letters.decode(damaged, tmp_path)


def test_threads_decode_at_the_same_time(index_with_dictionary):
    store = index_with_dictionary
    folder = store.current_generation()
    blobs = stored(store)
    expected = {k: stored_letters.decode(v, folder) for k, v in blobs.items()}
    failures = []

    def read():
        for _ in range(20):
            for k, v in blobs.items():
                if stored_letters.decode(v, folder) != expected[k]:
                    failures.append(k)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures


def test_an_index_of_the_previous_schema_is_refused_with_rebuild_advice(corpus, tmp_path):
    ix = tmp_path / "ix"
    runner = CliRunner()
    assert runner.invoke(main, ["index", str(corpus), "--index-dir", str(ix), "-q"]).exit_code == 0
    signature = Store(ix).current_generation() / "vraagbaak.json"
    recorded = json.loads(signature.read_text())
    recorded["schema_version"] -= 1  # as an index from before the letters were compressed says
    signature.write_text(json.dumps(recorded))
    searched = runner.invoke(main, ["search", "kosten", "--index-dir", str(ix)])
    assert searched.exit_code == 1 and "--rebuild" in searched.output and "(indeling v" in searched.output
    with pytest.raises(IndexMismatch):
        Searcher(Store(ix)).letter("x")
    assert runner.invoke(main, ["index", str(corpus), "--index-dir", str(ix), "-q"]).exit_code == 3
    assert runner.invoke(main, ["index", str(corpus), "--index-dir", str(ix), "--rebuild", "-q"]).exit_code == 0
    assert runner.invoke(main, ["search", "kosten", "--index-dir", str(ix)]).exit_code == 0


def _stored_column_bytes(store: Store) -> int:
    """The size of every segment's column of stored fields (inside its compound file, if it has one)."""
    ix = store.index()
    total = 0
    with ix.reader() as reader:
        for leaf, _ in reader.leaf_readers():
            segment = leaf.segment()
            name = segment.make_filename("._stored.col")
            if segment.is_compound():
                compound = segment.open_compound_file(ix.storage)
                total += compound.file_length(name)
                compound.close()
            else:
                total += ix.storage.file_length(name)
    return total


def _built_both_ways(paths, tmp_path, monkeypatch) -> tuple[Store, Store]:
    """The index of ``paths`` as built now, and as it was built before: each letter's JSON as
    plain text, which Whoosh zlib-compresses with the other stored fields. One process, so
    that the two differ in nothing else."""
    ours = Store(tmp_path / "ours")
    build_index(paths, ours, workers=1)
    with monkeypatch.context() as m:
        m.setattr(stored_letters, "train", lambda *args: None)
        m.setattr(stored_letters.Encoder, "encode", lambda self, json_text: json_text)
        before = Store(tmp_path / "before")
        build_index(paths, before, workers=1)
    return ours, before


def test_stored_letters_take_less_disk_than_zlib(corpus, tmp_path, monkeypatch):
    """Generated letters: the stored fields and the dictionary together take under 65% of what
    the stored fields took with Whoosh's zlib alone, and the index is smaller for it."""
    ours, before = _built_both_ways([corpus], tmp_path, monkeypatch)
    dictionary = stored_letters.dictionary_path(ours.current_generation(), FIRST_ID).stat().st_size
    assert _stored_column_bytes(ours) + dictionary < 0.65 * _stored_column_bytes(before)
    assert ours.size_on_disk() < before.size_on_disk()


def test_real_letters_take_less_disk_than_zlib(corpus_real, tmp_path, monkeypatch):
    """Real letters vary more: their stored fields take under 85% of what they took with zlib
    (the dictionary's 64 KB is made up for after a few hundred letters)."""
    ours, before = _built_both_ways([corpus_real], tmp_path, monkeypatch)
    assert dictionaries(ours) == [FIRST_ID]
    assert _stored_column_bytes(ours) < 0.85 * _stored_column_bytes(before)
