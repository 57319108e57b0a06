"""Indexing runs: incremental, reporting, swapping, refusing a foreign analyzer."""
import json
import os
import textwrap
from pathlib import Path

import pytest

from indexer.build import build_index
from indexer.search import SearchRequest, Searcher
from indexer.store import IndexBusy, IndexMismatch, IndexMissing, Store


def letter_text(topic: str, case: str, answer: str) -> str:
    return textwrap.dedent(f"""\
        Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

        Datum 3 maart 2025
        Betreft Antwoorden Kamervragen over {topic}

        Onze referentie
        {case[-5:]}

        Vragen van het lid Jansen (SP) aan de Minister van Infrastructuur en Waterstaat over {topic} (ingezonden 10 februari 2025, {case})

        Vraag 1

        Bent u bekend met berichten over {topic}?

        Antwoord op vraag 1

        {answer}

        Vraag 2

        Wat gaat u doen aan {topic}?

        Antwoord op vraag 2

        Wij onderzoeken de mogelijkheden.
        """)


@pytest.fixture
def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(letter_text("netcongestie", "2025Z00001", "Ja, de netbeheerders melden wachtlijsten."), encoding="utf-8")
    (docs / "b.txt").write_text(letter_text("stikstof", "2025Z00002", "Ja, het stikstofbeleid wordt herzien."), encoding="utf-8")
    return docs


def ids(store, q):
    return [h.letter.id for h in Searcher(store).search(SearchRequest(q=q), with_facets=False).hits]


def test_first_run_indexes_everything_and_reports(folder, tmp_path):
    store = Store(tmp_path / "ix")
    report = build_index([folder], store)
    assert (report.files_seen, report.letters_indexed, report.pairs_indexed) == (2, 2, 4)
    assert not report.failed
    assert ids(store, "netcongestie") == ["a"]


def test_unchanged_files_are_skipped_changed_reindexed_deleted_removed(folder, tmp_path):
    store = Store(tmp_path / "ix")
    build_index([folder], store)
    again = build_index([folder], store)
    assert (again.files_unchanged, again.letters_indexed) == (2, 0)

    (folder / "a.txt").write_text(letter_text("waterkwaliteit", "2025Z00001", "Nee."), encoding="utf-8")
    changed = build_index([folder], store)
    assert (changed.files_unchanged, changed.letters_indexed) == (1, 1)
    assert ids(store, "waterkwaliteit") == ["a"]
    assert ids(store, "netcongestie") == []

    (folder / "b.txt").unlink()
    removed = build_index([folder], store)
    assert removed.letters_removed == 1
    assert ids(store, "stikstof") == []
    assert Searcher(store).stats()["letters"] == 1


def test_stats_count_the_letters_as_they_are_now(tmp_path):
    """Kinds, years and pairs of the live letters: a replaced letter's old version, still in its
    segment until a merge, is not counted."""
    import sys
    from collections import Counter

    from indexer.parse import parse_file

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "corpus"))
    from generate import generate

    paths = generate(tmp_path / "letters", 30, seed=4, formats=("txt",))
    store = Store(tmp_path / "ix")
    build_index([tmp_path / "letters"], store)
    # One letter loses a pair, one gets another date; both are re-indexed, their old versions deleted.
    shorter = paths[0].read_text(encoding="utf-8")
    paths[0].write_text(shorter[:shorter.rindex("Vraag ")], encoding="utf-8")
    redated = paths[1].read_text(encoding="utf-8")
    paths[1].write_text(redated.replace("Datum", "Datum 1 januari 1999\nOud", 1), encoding="utf-8")
    assert build_index([tmp_path / "letters"], store).letters_indexed == 2
    letters = [parse_file(p) for p in paths]
    stats = Searcher(store).stats()
    assert stats["letters"] == 30
    assert stats["pairs"] == sum(len(x.pairs) for x in letters)
    assert stats["kinds"] == dict(sorted(Counter(x.kind for x in letters).items()))
    assert stats["years"] == dict(sorted(Counter(str(x.date.year) if x.date else "onbekend" for x in letters).items()))


def test_new_file_is_added_without_touching_others(folder, tmp_path):
    store = Store(tmp_path / "ix")
    build_index([folder], store)
    (folder / "c.txt").write_text(letter_text("jeugdzorg", "2025Z00003", "Ja."), encoding="utf-8")
    report = build_index([folder], store)
    assert (report.letters_indexed, report.files_unchanged) == (1, 2)
    assert ids(store, "jeugdzorg") == ["c"]


def test_broken_files_are_reported_by_name_and_the_rest_indexed(folder, tmp_path):
    (folder / "leeg.txt").write_bytes(b"")
    (folder / "kapot.xml").write_text("<officiele-publicatie><kamervragen>", encoding="utf-8")
    (folder / "oud.doc").write_bytes(b"\xd0\xcf\x11\xe0 not really word")
    store = Store(tmp_path / "ix")
    report = build_index([folder], store)
    skipped = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(skipped) == {"leeg.txt", "kapot.xml", "oud.doc"}
    assert all(reason for reason in skipped.values())
    assert report.failed and report.letters_indexed == 2
    # An unchanged broken file is reported again on the next run, not silently forgotten.
    assert {Path(s.path).name for s in build_index([folder], store).skipped} == set(skipped)


def test_rebuild_swaps_generations_and_old_index_serves_until_done(folder, tmp_path):
    store = Store(tmp_path / "ix")
    build_index([folder], store)
    first = store.current_generation()
    with store.searcher() as before_swap:  # a request that started on the old generation
        report = build_index([folder], store, rebuild=True)
        assert before_swap.doc_count() == 2  # can still read it after the swap
    assert report.letters_indexed == 2
    second = store.current_generation()
    assert second != first and first.exists()
    build_index([folder], store, rebuild=True)
    assert not first.exists() and second.exists()  # only the one just replaced is kept
    assert ids(store, "stikstof") == ["b"]


def test_sidecar_change_reindexes_its_document(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(letter_text("netcongestie", "2025Z00001", "Ja."), encoding="utf-8")
    (docs / "a.metadata.xml").write_text("<metadata_gegevens/>", encoding="utf-8")
    store = Store(tmp_path / "ix")
    build_index([docs], store)
    assert build_index([docs], store).letters_indexed == 0
    (docs / "a.metadata.xml").write_text("<metadata_gegevens></metadata_gegevens>", encoding="utf-8")
    assert build_index([docs], store).letters_indexed == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_hash_taken_where_a_new_file_is_parsed_is_its_content_hash(tmp_path, workers):
    # New files are hashed by whoever parses them (a worker process in a parallel run); a file
    # with a sidecar is hashed again on every run, so a wrong hash would re-read it each time.
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(3):
        (docs / f"l{n}.txt").write_text(letter_text(f"onderwerp{n}", f"2025Z0000{n}", "Ja."), encoding="utf-8")
        (docs / f"l{n}.metadata.xml").write_text(f"<metadata_gegevens>{n}</metadata_gegevens>", encoding="utf-8")
    store = Store(tmp_path / "ix")
    assert build_index([docs], store, workers=workers).letters_indexed == 3
    report = build_index([docs], store, workers=workers)
    assert (report.letters_indexed, report.files_unchanged) == (0, 3)


@pytest.mark.parametrize("workers", [1, 2])
def test_file_that_cannot_be_read_is_reported_and_tried_again_next_run(folder, tmp_path, monkeypatch, workers):
    import indexer.digests as digests

    real_hash = digests.file_hash

    def refuse_b(path, sidecars=()):
        if Path(path).name == "b.txt":
            raise PermissionError(13, "Permission denied")
        return real_hash(path, sidecars)

    monkeypatch.setattr(digests, "file_hash", refuse_b)  # forked workers inherit it
    store = Store(tmp_path / "ix")
    report = build_index([folder], store, workers=workers)
    assert [(Path(s.path).name, s.reason) for s in report.skipped] == [("b.txt", "niet te lezen: Permission denied")]
    assert (report.letters_indexed, ids(store, "netcongestie")) == (1, ["a"])
    monkeypatch.undo()
    report = build_index([folder], store, workers=workers)
    assert (report.letters_indexed, report.skipped, ids(store, "stikstof")) == (1, [], ["b"])


def test_failed_run_leaves_last_good_index(folder, tmp_path, monkeypatch):
    store = Store(tmp_path / "ix")
    build_index([folder], store)
    import indexer.build as build

    def explode(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "letter_document", explode)
    (folder / "c.txt").write_text(letter_text("jeugdzorg", "2025Z00003", "Ja."), encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        build_index([folder], store, rebuild=True)
    with pytest.raises(KeyboardInterrupt):
        build_index([folder], store)
    assert len(list((tmp_path / "ix").glob("gen-*"))) == 1
    assert ids(store, "stikstof") == ["b"]
    monkeypatch.undo()
    assert build_index([folder], store).letters_indexed == 1  # the lock was released, c is added
    assert ids(store, "jeugdzorg") == ["c"]


def test_index_built_with_another_stemmer_is_refused_with_rebuild_advice(folder, tmp_path):
    build_index([folder], Store(tmp_path / "ix", "dutch_porter"))
    other = Store(tmp_path / "ix", "dutch")
    with pytest.raises(IndexMismatch, match="andere analyse-instelling.*stemmer dutch_porter.*--rebuild"):
        Searcher(other).search(SearchRequest(q="stikstof"))
    with pytest.raises(IndexMismatch):
        build_index([folder], other)
    assert build_index([folder], other, rebuild=True).letters_indexed == 2
    assert json.loads((other.current_generation() / "vraagbaak.json").read_text())["stemmer"] == "dutch"


def test_missing_index_says_how_to_make_one(tmp_path):
    with pytest.raises(IndexMissing, match="vraagbaak index"):
        Searcher(Store(tmp_path / "nothing")).search(SearchRequest(q="x"))


def test_second_indexer_waits_then_gives_up_clearly(folder, tmp_path):
    store = Store(tmp_path / "ix")
    with store.lock():
        with pytest.raises(IndexBusy, match="andere indexering"):
            build_index([folder], Store(tmp_path / "ix"), lock_timeout=0.5)


def test_index_from_an_older_schema_is_refused(folder, tmp_path):
    store = Store(tmp_path / "ix")
    build_index([folder], store)
    signature = store.current_generation() / "vraagbaak.json"
    recorded = json.loads(signature.read_text())
    recorded["schema_version"] -= 1
    signature.write_text(json.dumps(recorded))
    # Only the layout changed: the message says so, rather than blaming the analysis settings.
    with pytest.raises(IndexMismatch, match=f"andere versie van Vraagbaak \\(indeling v{recorded['schema_version']};.*--rebuild"):
        Searcher(Store(tmp_path / "ix")).search(SearchRequest(q="stikstof"))


def test_first_added_moment_survives_changes_and_rebuilds(folder, tmp_path):
    # Saved queries show "new since you last looked" by this moment: re-reading a changed file or
    # rebuilding the index must not make an old letter look new.
    store = Store(tmp_path / "ix")
    build_index([folder], store)

    def added():
        return {h.letter.id: h.added for h in Searcher(store).search(SearchRequest(q="vraag")).hits}

    first = added()
    assert len(first) == 2 and all(first.values())
    (folder / "a.txt").write_text(letter_text("netcongestie", "2025Z00001", "Nee, er zijn geen wachtlijsten."), encoding="utf-8")
    build_index([folder], store)
    build_index([folder], store, rebuild=True)
    assert added() == first
    assert Store(tmp_path / "ix").added_times() == first


def test_discover_walks_folders_but_not_hidden_ones_or_sidecars(tmp_path):
    from indexer.build import discover

    for name in ("a.txt", "sub/b.xml", "sub/b.metadata.xml", "sub/deeper/c.pdf", "oud.doc", ".verborgen.txt",
                 ".git/d.txt", "sub/.cache/e.txt", "notities.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "sub", target_is_directory=True)
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    # Sorted; .doc is listed so that it is reported as unsupported; a linked folder is not followed.
    assert found == ["a.txt", "oud.doc", "sub/b.xml", "sub/deeper/c.pdf"]
    assert discover([tmp_path / "notities.md"]) == [tmp_path / "notities.md"]  # named: always looked at
