"""Confidence of each extracted row and field (ingest/confidence.py).

What a confidence means is checked on held-out plans by benchmarks/loo.py --calibrate
(the reliability table); here: the outcomes it is fitted on are the scorer's, the model
learns what a feature says, and every extracted row carries one."""
import json
from pathlib import Path

import pytest

from ingest import confidence, extract
from ingest.evaluate import score

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
GOLD = Path(__file__).resolve().parent / "gold"


def row(text, lead, deadline, target=None):
    return {"text": text, "lead": lead, "deadline": deadline, "target": target}


def test_outcomes_count_fields_as_the_scorer_does():
    gold = [row("Rà soát văn bản quy phạm pháp luật", ["Sở Tư pháp"], "Quý IV/2025"),
            row("Kiểm tra công tác cải cách hành chính", ["Sở Nội vụ"], "Thường xuyên", "Nâng cao hiệu quả")]
    pred = [row("Kiểm tra công tác cải cách hành chính", ["Sở Nội vụ"], "Quý II/2025", "Nâng cao hiệu quả"),
            row("Rà soát văn bản quy phạm pháp luật.", ["Sở Tư pháp"], "Quý IV/2025"),
            row("Một dòng không có trong bản gốc", ["Sở Nội vụ"], "Quý IV/2025")]
    got = confidence.outcomes(gold, pred)
    assert got[0] == {"row": False, "lead": True, "deadline": False, "target": True, "text": True}
    assert got[1] == dict.fromkeys(confidence.FIELDS, True)
    assert got[2] == dict.fromkeys(confidence.FIELDS, False)      # no gold row: nothing right
    # the same count as the scorer's fully right: one of two gold rows
    s = score({"table_tasks": gold}, {"table_tasks": pred}).rows
    assert s["fully_right"] == sum(o["row"] for o in got) / len(gold)


def test_the_model_learns_what_a_feature_says():
    # rows with an empty lead cell are right 1 time in 5, the others 4 in 5
    base = {n: 0.0 for n in ("bias", "lead_empty")}
    samples = []
    for empty, right in ((1.0, 1), (1.0, 0), (1.0, 0), (1.0, 0), (1.0, 0),
                         (0.0, 1), (0.0, 1), (0.0, 1), (0.0, 1), (0.0, 0)):
        f = dict(base, bias=1.0, lead_empty=empty)
        samples.append((f, dict.fromkeys(confidence.FIELDS, bool(right))))
    model = confidence.fit(samples * 10, l2=0.01)
    assert model["coefficients"]["lead"]["lead_empty"] < 0
    empty = confidence.predict(model, {"bias": 1.0, "lead_empty": 1.0})["lead"]
    full = confidence.predict(model, {"bias": 1.0, "lead_empty": 0.0})["lead"]
    assert empty == pytest.approx(0.2, abs=0.02) and full == pytest.approx(0.8, abs=0.02)


def test_reliability_bins():
    pairs = [(0.95, True), (0.97, False), (0.92, True), (0.6, False), (0.3, False)]
    bins = {(b["from"], b["rows"]): b for b in confidence.reliability(pairs)}
    assert bins[(0.95, 2)]["right"] == 0.5 and bins[(0.9, 1)]["right"] == 1.0
    assert bins[(0.5, 1)]["right"] == 0.0 and bins[(0.0, 1)]["rows"] == 1


@pytest.fixture(scope="module")
def plan000():
    path = next(PLANS.glob("000_*.txt"))
    return extract(path), json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))


def test_every_extracted_row_carries_its_confidence(plan000):
    ex, _ = plan000
    assert ex.table_tasks and ex.confidence_method
    for r in ex.table_tasks:
        assert set(r.confidence) == set(confidence.FIELDS)
        assert all(0.0 <= v <= 1.0 for v in r.confidence.values())
    dumped = json.loads(ex.model_dump_json())
    assert dumped["table_tasks"][0]["confidence"]["row"] == ex.table_tasks[0].confidence["row"]


def test_confident_rows_are_more_often_right(plan000):
    ex, gold = plan000
    pred = [r.model_dump() for r in ex.table_tasks]
    ok = confidence.outcomes(gold["table_tasks"], pred)
    high = [o["row"] for r, o in zip(ex.table_tasks, ok) if r.confidence["row"] >= 0.85]
    low = [o["row"] for r, o in zip(ex.table_tasks, ok) if r.confidence["row"] < 0.7]
    assert high and low
    assert sum(high) / len(high) > sum(low) / len(low) + 0.2
