"""How plan metadata, targets and body tasks generalise to issuers we have no sample of.

Runs the pipeline on every synthetic plan of tests/generators/bodygen.py (other provinces, Sở, xã/phường,
Văn phòng UBND, Thanh tra; other section and numbering styles) and prints per variant: targets
p/r, body tasks p/r and refs accuracy (ingest.evaluate.score), metadata fields right out of six
(issuing_body, level, province, commune, year, implements), then the worst misses. Not run by
the tests (tests/test_body_generalisation.py holds cheap floors).

    .venv/bin/python -m benchmarks.body_generalisation [VARIANT ...] [--worst N] [--keep DIR] [--sweep]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from tests.generators import bodygen
from ingest.evaluate import fold, ref_key, score
from ingest.pipeline import extract

META = ("issuing_body", "level", "province", "commune", "year", "implements")


def run(name: str, keep: Path | None = None) -> tuple[dict, dict, dict]:
    """(gold, prediction, figures) of one variant."""
    text, gold = bodygen.plan(bodygen.VARIANTS[name])
    folder = keep or Path(tempfile.mkdtemp())
    path = folder / f"bodygen_{name}.txt"
    path.write_text(text, encoding="utf-8")
    pred = extract(path).model_dump(mode="json")
    s = score(gold, pred)
    meta = {f: meta_equal(f, gold["document"].get(f), pred["document"].get(f)) for f in META}
    figures = dict(tP=s.targets["p"], tR=s.targets["r"], bP=s.body_tasks["p"], bR=s.body_tasks["r"],
                   refs=s.body_tasks["refs_acc"], meta=sum(meta.values()) / len(META), meta_fields=meta)
    return gold, pred, figures


def meta_equal(field: str, gold, pred) -> bool:
    if field == "implements":
        return {ref_key(x) for x in gold or []} == {ref_key(x) for x in pred or []}
    return fold(gold) == fold(pred)


def misses(gold: dict, pred: dict, n: int) -> list[str]:
    """Gold targets/tasks with no prediction and predictions with no gold, shortest explanation first."""
    out = []
    for f in META:
        g, p = gold["document"].get(f), pred["document"].get(f)
        if not meta_equal(f, g, p):
            out.append(f"  meta {f}: gold {g!r} pred {p!r}")
    # the document's references are another helper's (ingest/refs/resolve.py); shown so breaks reach them
    gk = {ref_key(r["id"]) for r in gold["legal_references"]}
    pk = {ref_key(r["id"]) for r in pred["legal_references"]}
    if gk != pk:
        out.append(f"  references missed {sorted(gk - pk)} spurious {sorted(pk - gk)}")
    ptexts = [fold(t["text"]) for t in pred["targets"]]
    for t in gold["targets"]:
        hit = next((p for p, f in zip(pred["targets"], ptexts) if fold(t["text"])[:40] in f), None)
        if hit is None:
            out.append(f"  target missed {t['ref']}: {t['text'][:90]}")
        elif fold(t["area"]) != fold(hit["area"]):    # not scored; the graph files the target under it
            out.append(f"  target area {t['area']!r} pred {hit['area']!r}: {t['text'][:50]}")
    gtexts = [fold(t["text"])[:40] for t in gold["targets"]]
    for t in pred["targets"]:
        if not any(g in fold(t["text"]) for g in gtexts):
            out.append(f"  target spurious {t['ref']}: {t['text'][:90]}")
    btexts = [fold(b["text"]) for b in pred["body_tasks"]]
    for b in gold["body_tasks"]:
        start = fold(b["text_start"])
        hit = next((p for p in pred["body_tasks"] if fold(p["text"]).startswith(start[:-5])), None)
        if hit is None:
            out.append(f"  task missed [{b['area']}]: {b['text_start'][:90]}")
        elif not {ref_key(x) for x in b["legal_refs"]} <= {ref_key(x) for x in hit["legal_refs"]}:
            out.append(f"  task refs {b['legal_refs']} pred {hit['legal_refs']}: {b['text_start'][:60]}")
        elif fold(b["area"]) != fold(hit["area"]):      # not scored; the graph files the task under it
            out.append(f"  task area {b['area']!r} pred {hit['area']!r}: {b['text_start'][:50]}")
    gstarts = [fold(b["text_start"])[:-5] for b in gold["body_tasks"]]
    for b, t in zip(pred["body_tasks"], btexts):
        if not any(t.startswith(g) for g in gstarts):
            out.append(f"  task spurious [{b['area']}]: {b['text'][:90]}")
    return out[:n]


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("variants", nargs="*")
    ap.add_argument("--worst", type=int, default=4)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--sweep", action="store_true", help="also the 34-province sweep")
    a = ap.parse_args(argv)
    names = a.variants or (list(bodygen.VARIANTS) if a.sweep else bodygen.SHOWCASE)
    if a.keep:
        a.keep.mkdir(parents=True, exist_ok=True)
    print(f"{'variant':16} {'tP':>5} {'tR':>5} {'bP':>5} {'bR':>5} {'refs':>5} {'meta':>5}")
    totals = []
    for name in names:
        gold, pred, f = run(name, a.keep)
        totals.append(f)
        refs = "  -  " if f["refs"] is None else f"{f['refs']:5.2f}"
        print(f"{name:16} {f['tP']:5.2f} {f['tR']:5.2f} {f['bP']:5.2f} {f['bR']:5.2f} {refs} {f['meta']:5.2f}")
        for line in misses(gold, pred, a.worst):
            print(line)
    mean = {k: sum(f[k] for f in totals if f[k] is not None) / max(1, sum(f[k] is not None for f in totals))
            for k in ("tP", "tR", "bP", "bR", "refs", "meta")}
    print("MEAN            " + " ".join(f"{mean[k]:5.2f}" for k in ("tP", "tR", "bP", "bR", "refs", "meta")))
    wrong = {m: sum(not f["meta_fields"][m] for f in totals) for m in META}
    print("meta fields wrong in n variants:", {k: v for k, v in wrong.items() if v})


if __name__ == "__main__":
    main(sys.argv[1:])
