"""How the flattened-text table reader does on plans of issuers we have no sample of.

Runs the pipeline on every synthetic variant of tests/generators/flatgen.py (other column sets,
numbering, areas, page breaks, interleaving) and prints, per variant, the row figures of
ingest.evaluate.score, then the worst rows (gold vs predicted) so the layout author sees
what breaks. Not run by the tests.

    .venv/bin/python -m benchmarks.generalisation [VARIANT ...] [--worst N] [--keep DIR] [--pdf] [--ablate]

--ablate renders each variant clean, then with one phenomenon at a time (ABLATIONS).
--pdf adds, per variant, the same rows through DOCX -> LibreOffice PDF -> pdfplumber /
pdfminer text (flatgen.pdf_dump): the dumps other tools would give a user.
"""
from __future__ import annotations

import argparse
import tempfile
from dataclasses import replace
from pathlib import Path


from tests.generators import flatgen
from ingest.evaluate import AGENCY_MATCH, FIELD_MATCH, ROW_MATCH, agencies_equal, pair, similarity

FIELDS = ("text", "output", "lead", "coordinating", "deadline", "budget")

# --ablate: one phenomenon at a time on a clean base (every line followed by a blank line,
# no page break, no run-together cells), to see what each costs on its own
CLEAN = dict(blank_after_line=1.0, run_short_cells=0.0, page_lines=10_000, page_numbers=False,
             hyphen_breaks=False)
ABLATIONS = [
    ("clean", {}),
    ("no blank lines", dict(blank_after_line=0.0)),
    ("short cells run together", dict(run_short_cells=0.6)),
    ("page breaks every 24 lines", dict(page_lines=24)),
    ("page breaks + page numbers", dict(page_lines=24, page_numbers=True)),
    ("references break at hyphens", dict(hyphen_breaks=True)),
    ("number on first text line", dict(inline_number=1.0)),
    ("double spaces (justified)", dict(double_spaces=0.5)),
    ("column widths +-30%", dict(width_jitter=0.3)),
    ("30% rows interleaved", dict(interleave_rows=0.3)),
]


def _fmt(x) -> str:
    return "  -  " if x is None else f"{x:5.2f}"


def row_faults(g: dict, p: dict | None) -> list[str]:
    """The fields of a predicted row that do not match its gold row, by the scorer's rules."""
    if p is None:
        return ["missing"]
    bad = []
    for f in FIELDS:
        if f in ("lead", "coordinating"):
            ok = agencies_equal(g.get(f), p.get(f))
        else:
            ok = similarity(g.get(f), p.get(f)) >= (ROW_MATCH if f == "text" else FIELD_MATCH)
        if not ok:
            bad.append(f)
    return bad


def ref_accuracy(gold: dict, pred: dict) -> float | None:
    """Paired rows whose printed number (row_ref) was read right; the scorer does not count
    it, but a lost number is how a row boundary gets lost."""
    gr, pr = gold["table_tasks"], pred["table_tasks"]
    pairs = pair(gr, pr, lambda r: r.get("text") or "", ROW_MATCH)
    return sum(gr[i].get("row_ref") == pr[j].get("row_ref") for i, j, _ in pairs) / len(pairs) if pairs else None


def worst(gold: dict, pred: dict, n: int) -> list[tuple[dict, dict | None, list[str]]]:
    gr, pr = gold["table_tasks"], pred["table_tasks"]
    paired = {i: pr[j] for i, j, _ in pair(gr, pr, lambda r: r.get("text") or "", ROW_MATCH)}
    rows = [(g, paired.get(i), row_faults(g, paired.get(i))) for i, g in enumerate(gr)]
    rows = [r for r in rows if r[2]]
    rows.sort(key=lambda r: (r[1] is not None, -len(r[2])))
    return rows[:n]


def _show(value) -> str:
    if isinstance(value, list):
        return " | ".join(value) if value else "[]"
    s = str(value) if value is not None else "None"
    return s if len(s) <= 110 else s[:107] + "..."


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("variants", nargs="*", help="variant names (default: all)")
    ap.add_argument("--worst", type=int, default=3, help="worst rows shown per variant")
    ap.add_argument("--keep", type=Path, help="write the synthetic plans and gold here")
    ap.add_argument("--pdf", action="store_true", help="also the real-PDF routes (LibreOffice, slow)")
    ap.add_argument("--ablate", action="store_true",
                    help="one phenomenon at a time on a clean rendering of each chosen variant")
    args = ap.parse_args(argv)
    chosen = [flatgen.variant(n) for n in args.variants] or flatgen.VARIANTS
    folder = args.keep or Path(tempfile.mkdtemp(prefix="flatgen-"))
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    if args.ablate:
        chosen = [replace(v, name=f"{v.name}: {label}", **{**CLEAN, **change})
                  for v in chosen for label, change in ABLATIONS]
    for v in chosen:
        for extractor in (None, "pdfplumber", "pdfminer") if args.pdf else (None,):
            gold, pred, s = flatgen.run(v, folder, extractor)
            results.append((v.name + (f"/{extractor}" if extractor else ""), gold, pred, s))
    cols = ["gold", "pred", "rowP", "rowR", "area", "ref", "lead", "coord", "dline", "full"]
    print(f"{'variant':48} " + " ".join(f"{c:>5}" for c in cols))
    tot_gold = tot_tp = tot_pred = tot_full = 0.0
    for name, gold, pred, s in results:
        r = s.rows
        figures = [r["p"], r["r"], r["area_acc"], ref_accuracy(gold, pred)] + [
            r[k] for k in ("lead_acc", "coord_f1", "deadline_acc", "fully_right")]
        print(f"{name:48} {r['gold']:5} {r['pred']:5} " + " ".join(_fmt(x) for x in figures))
        tot_gold, tot_pred, tot_tp = tot_gold + r["gold"], tot_pred + r["pred"], tot_tp + r["tp"]
        tot_full += (r["fully_right"] or 0) * r["gold"]
    print(f"ALL rows_p={tot_tp / max(tot_pred, 1):.3f} rows_r={tot_tp / max(tot_gold, 1):.3f} "
          f"fully_right={tot_full / max(tot_gold, 1):.3f}")
    if args.worst:
        for name, gold, pred, s in results:
            bad = worst(gold, pred, args.worst)
            if not bad:
                continue
            print(f"\n== {name}: worst rows (plan in {folder / gold['source']})")
            for g, p, faults in bad:
                print(f"- {g['area'][:30]} / {g['row_ref']}: wrong {', '.join(faults)}")
                for f in FIELDS:
                    if f in faults or faults == ["missing"] and f == "text":
                        print(f"    gold {f:12} {_show(g.get(f))}")
                        if p is not None:
                            print(f"    pred {f:12} {_show(p.get(f))}")
    print(f"\n(thresholds: row text {ROW_MATCH}, fields {FIELD_MATCH}, agencies {AGENCY_MATCH})")


if __name__ == "__main__":
    main()
