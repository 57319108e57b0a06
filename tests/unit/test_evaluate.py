"""The relevance evaluation: metrics, the judgement format, and the figures on the real letters."""
import json
from pathlib import Path

import pytest

from indexer.build import build_index
from indexer.evaluate import evaluate, load, scores, source_key
from indexer.store import Store

JUDGEMENTS = Path(__file__).resolve().parent.parent / "eval" / "judgements.json"


def test_scores_of_a_ranked_list():
    assert scores([False, True, False], 1) == pytest.approx(
        {"success@1": 0.0, "success@3": 1.0, "MRR": 0.5, "nDCG@10": 1 / 1.5849625})
    assert scores([False] * 10, 2) == {"success@1": 0.0, "success@3": 0.0, "MRR": 0.0, "nDCG@10": 0.0}
    assert scores([True, True], 2)["nDCG@10"] == pytest.approx(1.0)


def test_source_key_is_the_file_name_up_to_the_first_dot():
    assert source_key("/x/txt-extracted/ah-tk-20242025-605.from-docx.txt") == "ah-tk-20242025-605"
    assert source_key(None) == ""


def test_judgement_file_is_checked(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"q": "x"}]))
    with pytest.raises(ValueError, match="beoordeling 1"):
        load(bad)


def test_the_judgement_set_is_large_and_spread_over_the_kinds():
    judgements = load(JUDGEMENTS)
    kinds = {j.kind for j in judgements}
    assert len(judgements) >= 60
    assert kinds == {"trefwoorden", "verbuiging", "samenstelling", "koppelteken-spatie", "diakrieten",
                     "persoon-partij", "frase", "zaaknummer", "afkorting"}
    assert len({j.q for j in judgements}) == len(judgements)


@pytest.fixture(scope="module")
def real_index(corpus_real, seed, tmp_path_factory):
    root = tmp_path_factory.mktemp("eval") / "index"
    build_index([corpus_real, seed.parent], Store(root))
    return Store(root)


def test_relevance_on_the_real_letters_beats_the_baseline(real_index, capsys):
    report = evaluate(real_index, load(JUDGEMENTS))
    with capsys.disabled():
        print("\n" + report.markdown())
    ours, base = report.table("vraagbaak"), report.table("baseline")
    missed = [(o.judgement.q, o.ranked[:3]) for o in report.failures()]
    assert ours["alle"]["success@3"] >= 0.90, missed
    for kind, row in ours.items():
        assert row["success@3"] >= 0.80, (kind, missed)
    for kind in ("samenstelling", "verbuiging", "afkorting"):
        assert ours[kind]["success@3"] >= base[kind]["success@3"] + 0.2, kind


def test_cli_prints_the_table(real_index, tmp_path):
    from click.testing import CliRunner

    from indexer.cli import main

    small = tmp_path / "j.json"
    small.write_text(json.dumps([{"q": "KMar", "relevant": ["antwoorden-kamervragen-palantir-2026"], "kind": "afkorting"}]))
    result = CliRunner().invoke(main, ["evaluate", str(small), "--index-dir", str(real_index.root), "--failures"])
    assert result.exit_code == 0, result.output
    assert "| afkorting | 1 | 1.00 (1.00)" in result.output


# -- ranking signals ----------------------------------------------------------------------------
FILLER = " ".join(["De minister heeft hierover overleg gevoerd met de betrokken partijen."] * 15)


@pytest.fixture(scope="module")
def ranking(tmp_path_factory):
    from indexer.build import index_letters
    from indexer.letters import Letter, QAPair
    from indexer.search import Searcher

    def letter(id, title, pairs):
        return Letter(id=id, kind="answer", title=title, pairs=[QAPair([i + 1], q, a) for i, (q, a) in enumerate(pairs)])

    root = tmp_path_factory.mktemp("ranking") / "index"
    index_letters(Store(root), [
        letter("titel", "Vragen over netcongestie", [("Wat is de stand van zaken?", FILLER)]),
        letter("vraag", "Vragen over energie", [("Hoe groot is de netcongestie in Groningen?", FILLER)]),
        letter("diep", "Vragen over de begroting", [("Wat kost het?", FILLER + " Ook netcongestie speelt mee. " + FILLER)]),
        letter("paren", "Vragen over landbouw", [(f"Wat betekent stikstof voor boer {n}?", "Stikstof blijft een zorg.")
                                                 for n in range(3)]),
        letter("terloops", "Vragen over natuur", [("Hoe gaat het met de natuur?", FILLER + " Stikstof ook. " + FILLER)]),
        letter("frase-diep", "Vragen over subsidie", [("Wat is er gebeurd?", FILLER + " het maatschappelijk middenveld " + FILLER)]),
        letter("frase-vraag", "Vragen over vrijheid", [("Staat het maatschappelijk middenveld onder druk?", FILLER)]),
    ])
    return Searcher(Store(root))


def ranked(searcher, q):
    from indexer.search import SearchRequest

    return [h.letter.id for h in searcher.search(SearchRequest(q=q)).hits]


def test_title_and_question_outrank_a_deep_answer_mention(ranking):
    assert ranked(ranking, "netcongestie") == ["titel", "vraag", "diep"]


def test_several_matching_pairs_outrank_a_passing_mention(ranking):
    assert ranked(ranking, "stikstof") == ["paren", "terloops"]


def test_a_phrase_in_a_question_outranks_the_phrase_deep_in_an_answer(ranking):
    assert ranked(ranking, '"maatschappelijk middenveld"') == ["frase-vraag", "frase-diep"]
