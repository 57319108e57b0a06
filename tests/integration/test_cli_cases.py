"""`vraagbaak cases`: the cases with their status, filtered, as text and JSON."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from indexer.build import index_letters
from indexer.cli import main
from indexer.store import Store
from test_web_cases import chain, the_answer


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli-cases") / "index"
    index_letters(Store(root), chain() + [the_answer()])
    return str(root)


def run(*args):
    result = CliRunner().invoke(main, ["cases", *args])
    return result


def test_json_lists_every_case_with_its_status(index_dir):
    result = run("--index-dir", index_dir, "--json", "--peildatum", "2026-01-01")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["reference_date"] == "2026-01-01" and data["total"] == 2
    by_number = {c["case_number"]: c for c in data["cases"]}
    answered = by_number["2025Z17342"]
    assert (answered["status"], answered["answer_days"], answered["within_term"], answered["delay_notice"]) == (
        "beantwoord", 63, False, "2025-10-23")
    assert by_number["2025Z20000"]["status"] == "te-laat" and by_number["2025Z20000"]["deadline"] == "2025-11-24"


@pytest.mark.parametrize("args, numbers", [
    (["--status", "te-laat", "--peildatum", "2025-11-20"], ["2025Z17342"]),
    (["--status", "open", "--peildatum", "2025-11-20"], ["2025Z20000"]),
    (["--status", "uitgesteld", "--peildatum", "2025-10-24"], ["2025Z17342"]),
    (["--ministry", "Defensie", "--peildatum", "2026-01-01"], ["2025Z20000"]),
])
def test_filters(index_dir, args, numbers):
    result = run("--index-dir", index_dir, "--json", *args)
    assert [c["case_number"] for c in json.loads(result.output)["cases"]] == numbers


def test_text_output(index_dir):
    result = run("--index-dir", index_dir, "--status", "te-laat", "--peildatum", "2025-11-20")
    assert result.exit_code == 0
    assert "1 zaak, stand op 2025-11-20" in result.output
    assert "2025Z17342  te laat (termijn t/m 2025-11-13)" in result.output


def test_bad_input_and_missing_index(tmp_path):
    assert run("--status", "later").exit_code == 2
    assert "geen datum" in run("--peildatum", "1-1-2025").output
    missing = run("--index-dir", str(tmp_path / "none"))
    assert missing.exit_code == 1 and "vraagbaak index" in missing.output
