"""The project's scorer must give the reference scorer's figures (tests/gold/score_reference.py
is a verbatim copy of shared/eval/score.py)."""
import copy
import functools
import importlib.util
import json
from pathlib import Path

import pytest

from ingest.evaluate import score, summary

GOLD = Path(__file__).parent / "gold"


@functools.cache
def _reference():
    """score.py loaded by path: it is a script, not a package module."""
    spec = importlib.util.spec_from_file_location("score_reference", GOLD / "score_reference.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _perturbed(gold: dict) -> dict:
    """A prediction with known faults: rows dropped, a lead changed, a reference missing."""
    p = copy.deepcopy(gold)
    p["legal_references"] = p["legal_references"][1:] + [{"id": "NĐ 999/2099/NĐ-CP", "scope": "national"}]
    p["targets"] = p["targets"][::2]
    p["body_tasks"] = [{"text": b["text_start"] + " ...", "legal_refs": b["legal_refs"][:1]} for b in p["body_tasks"]]
    rows = p["table_tasks"]
    for i, r in enumerate(rows):
        if i % 3 == 0:
            r["lead"] = ["Một cơ quan khác hẳn"]
        if i % 5 == 0:
            r["deadline"] = "Quý IV/2031"
    p["table_tasks"] = rows[: len(rows) * 3 // 4]
    return p


@pytest.mark.parametrize("gold_file", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem[:3])
def test_figures_agree_with_reference_scorer(gold_file):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    pred = _perturbed(gold)
    mine = score(gold, pred)
    theirs = _reference().score_pair(gold, pred)
    assert mine.refs["f"] == pytest.approx(theirs["refs"]["f"])
    assert mine.refs["scope_acc"] == theirs["refs"]["scope_acc"]
    assert mine.targets["r"] == pytest.approx(theirs["targets"]["r"])
    assert mine.body_tasks["r"] == pytest.approx(theirs["body_tasks"]["r"])
    assert mine.body_tasks["refs_acc"] == theirs["body_tasks"]["refs_acc"]
    for key in ("p", "r", "lead_acc", "coord_f1", "deadline_acc", "area_acc", "target_acc", "fully_right"):
        assert mine.rows[key] == pytest.approx(theirs["rows"][key]), key


def test_perfect_prediction_scores_one():
    gold = json.loads((GOLD / "003_1804e7c71a558f13.json").read_text(encoding="utf-8"))
    s = summary([score(gold, gold)])
    assert s["refs_f1"] == 1.0 and s["rows_r"] == 1.0 and s["rows_fully_right"] == 1.0
    # and a faulty one does not
    s = summary([score(gold, _perturbed(gold))])
    assert s["refs_f1"] < 1.0 and s["rows_r"] < 1.0 and s["lead_acc"] < 1.0
