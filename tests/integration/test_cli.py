"""The `vraagbaak` command as a user runs it: real files in, JSON shapes and reports out."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import main

HIT_KEYS = {"id", "title", "date", "kind", "score", "source", "pair"}
LETTER_KEYS = {"id", "kind", "title", "date", "submitted", "ministry", "minister", "questioners",
               "reference", "case_number", "footnotes", "source", "pairs", "body", "format"}


@pytest.fixture(scope="module")
def real_index(tmp_path_factory, corpus_real, seed):
    """The acceptance run of issue 2: every real document and the seed, through the CLI."""
    ix = tmp_path_factory.mktemp("real") / "ix"
    result = CliRunner().invoke(main, ["index", str(corpus_real), str(seed.parent), "--index-dir", str(ix)])
    return ix, result


def test_indexing_real_documents_runs_through_and_names_skipped_files(real_index, corpus_real):
    ix, result = real_index
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1  # some files are not letters: reported, and the status says so
    skipped = [line for line in result.output.splitlines() if line.startswith("overgeslagen: ")]
    names = {Path(line.split(": ")[1]).name for line in skipped}
    assert "kst-31951-17__ca71487f-866a-43aa-a9d5-ec3e2c3a236c.doc" in names
    assert all(line.count(": ") >= 2 and line.split(": ", 2)[2].strip() for line in skipped)
    # Skipped means "not a letter", never a crash of ours.
    assert not [line for line in skipped if "onverwachte fout" in line]
    assert "brieven met" in result.output


def test_every_kamervragen_document_is_indexed(real_index, corpus_real):
    ix, _ = real_index
    runner = CliRunner()
    expected = {p.name.split(".")[0] for p in (corpus_real / "txt-extracted").glob("*.txt")}
    expected |= {p.stem for p in (corpus_real / "tk-pdf").glob("*.pdf")}
    expected |= {"ah-tk-20202021-3235", "antwoorden-kamervragen-palantir-2026"}
    missing = []
    for letter_id in sorted(expected):
        shown = runner.invoke(main, ["show", letter_id, "--json", "--index-dir", str(ix)])
        if shown.exit_code != 0:
            missing.append(letter_id)
            continue
        data = json.loads(shown.output)
        assert set(data) >= LETTER_KEYS
        source = Path(data["source"])
        if source.suffix == ".txt" and not re.search(r"^\s*Vraag\s+\d", source.read_text(encoding="utf-8"), re.M):
            continue  # e.g. announced oral questions: a heading and no question text
        assert data["pairs"], letter_id
    assert not missing


def test_one_letter_in_four_formats_is_indexed_once_from_xml(real_index):
    ix, _ = real_index
    out = CliRunner().invoke(main, ["search", "tozo", "rentepercentage", "--json", "--index-dir", str(ix)])
    data = json.loads(out.output)
    tozo = [h for h in data["hits"] if h["id"] == "ah-tk-20202021-3235"]
    assert len(tozo) == 1
    assert tozo[0]["source"].endswith("ah-tk-20202021-3235.xml")


def test_search_json_shape(real_index):
    ix, _ = real_index
    out = CliRunner().invoke(main, ["search", "Palantir", "KMar", "--json", "--limit", "3", "--index-dir", str(ix)])
    assert out.exit_code == 0
    data = json.loads(out.output)
    assert set(data) == {"query", "total", "hits"}
    assert data["query"] == "Palantir KMar"
    hit = data["hits"][0]
    assert set(hit) == HIT_KEYS
    assert hit["id"] == "antwoorden-kamervragen-palantir-2026"
    assert hit["pair"]["questions"] == [2, 3]
    assert "<mark>" in hit["pair"]["snippet"]


def test_show_json_shape_and_dates(real_index):
    ix, _ = real_index
    out = CliRunner().invoke(main, ["show", "antwoorden-kamervragen-palantir-2026", "--json", "--index-dir", str(ix)])
    data = json.loads(out.output)
    assert data["date"] == "2026-06-05" and data["submitted"] == "2026-04-29"
    assert data["case_number"] == "2026Z09123"
    assert [p["questions"] for p in data["pairs"]] == [[1], [2, 3], [4], [5]]
    assert {"name": "Jagtenberg", "party": "D66"} in data["questioners"]


def test_stats_and_unknown_letter(real_index):
    ix, _ = real_index
    runner = CliRunner()
    stats = json.loads(runner.invoke(main, ["stats", "--json", "--index-dir", str(ix)]).output)
    assert stats["letters"] > 80 and stats["pairs"] > stats["letters"]
    assert stats["analyzer"]["stemmer"] == "dutch_porter"
    missing = runner.invoke(main, ["show", "bestaat-niet", "--index-dir", str(ix)])
    assert missing.exit_code == 1 and "Geen brief" in missing.output


def test_search_without_index_tells_how_to_make_one(tmp_path):
    out = CliRunner().invoke(main, ["search", "x", "--index-dir", str(tmp_path / "leeg")])
    assert out.exit_code == 1
    assert "vraagbaak index" in out.output


def test_console_script_is_installed():
    exe = Path(sys.executable).with_name("vraagbaak")
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True)
    assert "index" in out.stdout and "search" in out.stdout


def test_exclusion_with_a_minus_works_on_the_command_line(real_index):
    ix, _ = real_index
    runner = CliRunner()
    with_defensie = json.loads(runner.invoke(main, ["search", "palantir", "--json", "--index-dir", str(ix)]).output)
    without = runner.invoke(main, ["search", "palantir", "-defensie", "--json", "--index-dir", str(ix)])
    assert without.exit_code == 0, without.output
    assert json.loads(without.output)["total"] < with_defensie["total"]


def test_exit_status_tells_skipped_files_from_a_run_that_needs_a_rebuild(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "leeg.txt").write_bytes(b"")
    runner = CliRunner()
    assert runner.invoke(main, ["index", str(docs), "--index-dir", str(tmp_path / "ix")]).exit_code == 1
    monkeypatch.setenv("VRAAGBAAK_STEMMER", "dutch")
    other = runner.invoke(main, ["index", str(docs), "--index-dir", str(tmp_path / "ix")])
    assert other.exit_code == 3 and "--rebuild" in other.output
    assert runner.invoke(main, ["index", str(docs), "--rebuild", "--index-dir", str(tmp_path / "ix")]).exit_code == 1


def test_indexing_with_worker_processes_gives_the_same_index(real_index, corpus_real, seed, tmp_path):
    # Every real format (XML, HTML, PDF, ODT, DOCX, text) read by two worker processes: the same
    # letters, pairs and skipped files as the single-process run.
    ix, serial = real_index
    parallel_ix = tmp_path / "ix"
    parallel = CliRunner().invoke(main, ["index", str(corpus_real), str(seed.parent), "--index-dir", str(parallel_ix),
                                         "--workers", "2"])
    assert parallel.exit_code == serial.exit_code == 1

    def skipped(result):
        return sorted(line for line in result.output.splitlines() if line.startswith("overgeslagen: "))

    def stats(index_dir):
        out = CliRunner().invoke(main, ["stats", "--json", "--index-dir", str(index_dir)]).output
        return {k: v for k, v in json.loads(out).items() if k in ("letters", "pairs", "kinds", "years")}

    assert skipped(parallel) == skipped(serial)
    assert stats(parallel_ix) == stats(ix)
