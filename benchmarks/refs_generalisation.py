"""How reference extraction does on citations of issuers we have no sample of.

Runs ingest.refs.collect on every case of tests/generators/refgen.py in every layout variant and
prints, per variant, the F1 on the scorer's key (shared/eval/score.py ref_key),
the accuracy of scope, date, issuer, type, number/symbol over the matched references,
relations and mention counts found, then every miss, then the time collect() takes on
each sample plan (best of 5; the brief's budget is 0.3 s on the largest). Not run by the tests.

    .venv/bin/python -m benchmarks.refs_generalisation [--quiet]
"""
from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from tests.generators import refgen
from ingest import refs as legal_refs
from ingest.evaluate import ref_key
from ingest.models import Line
from ingest.pipeline import extract
from ingest.refs.vocab import fold

FIELDS = ("scope", "date", "issuer", "doc_type", "number", "symbol")


def run(text: str, meta):
    lines = [Line(text=t, lineno=i + 1) for i, t in enumerate(text.split("\n"))]
    return legal_refs.collect(lines, meta)


def main(quiet: bool = False) -> None:
    tally = defaultdict(lambda: defaultdict(int))
    misses: list[str] = []
    t0 = time.perf_counter()
    for case in refgen.CASES:
        for variant, text in refgen.variants(case).items():
            refs, relations = run(text, case.meta)
            t = tally[variant]
            pred = {ref_key(r.id): r for r in refs}
            gold = {ref_key(g.id): g for g in case.refs}
            t["gold"] += len(gold)
            t["pred"] += len(pred)
            for k, g in gold.items():
                p = pred.get(k)
                if p is None:
                    misses.append(f"[{variant}] {case.name}: missed {g.id}")
                    continue
                t["tp"] += 1
                for f in FIELDS:
                    want, got = getattr(g, f), getattr(p, f)
                    if f == "issuer" and want is None:
                        continue
                    t[f + "_n"] += 1
                    ok = (fold(want) == fold(got or "")) if f == "issuer" and want else want == got
                    t[f] += ok
                    if not ok:
                        misses.append(f"[{variant}] {case.name}: {g.id} {f} {got!r} != {want!r}")
                for rid, n in case.mentions.items():
                    if ref_key(rid) == k:
                        t["mentions_n"] += 1
                        t["mentions"] += p.mentions == n
                        if p.mentions != n:
                            misses.append(f"[{variant}] {case.name}: {g.id} mentions {p.mentions} != {n}")
            for k, p in pred.items():
                if k not in gold:
                    misses.append(f"[{variant}] {case.name}: spurious {p.id}")
            got_rel = {(r.subject, r.predicate, r.object) for r in relations}
            for rel in case.relations:
                t["relations_n"] += 1
                t["relations"] += rel in got_rel
                if rel not in got_rel:
                    misses.append(f"[{variant}] {case.name}: relation {rel} not in {sorted(got_rel)}")
    elapsed = time.perf_counter() - t0

    print(f"{'variant':12} {'P':>5} {'R':>5} {'F1':>5} " + " ".join(f"{f[:6]:>6}" for f in
                                                              (*FIELDS, "mentions", "relations")))
    for variant, t in tally.items():
        p = t["tp"] / t["pred"] if t["pred"] else 1.0
        r = t["tp"] / t["gold"] if t["gold"] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        acc = [t[f] / t[f + "_n"] if t[f + "_n"] else 1.0 for f in (*FIELDS, "mentions", "relations")]
        print(f"{variant:12} {p:5.2f} {r:5.2f} {f1:5.2f} " + " ".join(f"{a:6.2f}" for a in acc))
    print(f"{len(refgen.CASES)} cases, {sum(t['gold'] for t in tally.values())} gold references, "
          f"{elapsed:.2f} s")
    if not quiet:
        print("\n".join(misses) or "no misses")
    for path in sorted((ROOT / "data" / "plans").glob("*.txt")):
        meta = extract(path).document
        lines = [Line(text=t, lineno=i + 1) for i, t in enumerate(path.read_text(encoding="utf-8").split("\n"))]
        best = min(_timed(legal_refs.collect, lines, meta) for _ in range(5))
        print(f"collect {path.name}: {len(lines)} lines, {best:.3f} s")


def _timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


if __name__ == "__main__":
    main(quiet="--quiet" in sys.argv)
