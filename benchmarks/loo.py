"""Leave-one-document-out figures of the table labeller's fitted weights.

    python -m benchmarks.loo --fit 000      fit without plan 000 (real plans + synthetic), save
    python -m benchmarks.loo --fit all      fit on every plan: the weights in use (ingest/tables/weights.json)
    python -m benchmarks.loo --calibrate    fit the confidence model (ingest/confidence.json) on held-out
                                            extractions and print its reliability table, itself held out
    python -m benchmarks.loo                the report: each real plan extracted with the weights
                                            fitted without it, scored like `reformkg eval`; the prior
                                            and the in-use weights beside it; the layouts of
                                            tests/generators/layouts.py (never fitted on) as printed
                                            by LibreOffice, with the weights in use

Fitting data: the real flattened plans (data/plans with tests/gold) and six of the twelve flatgen
synthetic plans (tests/generators/flatgen.py), each group half of the objective. A fold's weights are in
benchmarks/loo_weights/<plan>.json; a fit takes about three CPU minutes (longer on a busy machine), so fold
weights are kept and the report reads them. (flatgen recombines the three flattened samples'
cell texts, so a fold's synthetic plans hold words of its held-out plan; its layouts are its own.)
"""
from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from ingest import extract
from ingest.evaluate import score, summary
from ingest.tables import fit as fitting
from ingest.tables.labels import PRIOR, fitted

ROOT = Path(__file__).resolve().parents[1]
PLANS, GOLD = ROOT / "data" / "plans", ROOT / "tests" / "gold"
FOLDS = Path(__file__).resolve().parent / "loo_weights"
IN_USE = ROOT / "ingest" / "tables" / "weights.json"


# the flatgen variants fitted on (half of them: the others are held out, with the layouts)
SYNTHETIC_FIT = ["so_5col_inline_no", "xa_7col_dot", "tinh_7col_interleaved", "so_5col_no_numbers",
                 "so_7col_letter", "tinh_target_merged"]


def real_plans() -> list[tuple[Path, dict]]:
    out = []
    for path in sorted(PLANS.glob("*.txt")):
        gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
        out.append((path, gold))
    return out


def cases(folder) -> tuple[list[fitting.Case], list[fitting.Case]]:
    """(real flattened cases, synthetic cases), each group weighing half of the objective."""
    from tests.generators import flatgen

    real = [fitting.case(p, g) for p, g in real_plans()]
    real = [c for c in real if not c.doc.tables and c.gold]        # plans read from flattened text
    synthetic = [fitting.case(*flatgen.write(flatgen.variant(v), folder)) for v in SYNTHETIC_FIT]
    for group in (real, synthetic):
        for c in group:
            c.weight = 1.0 / len(group)
    return real, synthetic


def fit_fold(name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        real, synthetic = cases(tmp)
        train = [c for c in real if not c.name.startswith(name)] if name != "all" else real
        if name != "all" and len(train) == len(real):
            raise SystemExit(f"no flattened plan named {name}*: {[c.name for c in real]}")
        for c in train:   # the real half stays half whatever the number of plans
            c.weight = 1.0 / len(train)
        w, value = fitting.fit(train + synthetic, log=print)
    out = IN_USE if name == "all" else FOLDS / f"{name}.json"
    out.parent.mkdir(exist_ok=True)
    fitting.save(w, out, [c.name for c in train] + ["flatgen: " + ", ".join(c.name for c in synthetic)], value)
    print(f"objective {value:.4f}; {sum(PRIOR[k] != v for k, v in w.items())} weights moved -> {out}")


def fold_weights(path: Path) -> tuple[dict[str, float] | None, str]:
    f = FOLDS / f"{path.name[:3]}.json"
    if not f.exists():
        return None, "in use (no fold fitted: the plan is not read from flattened text)"
    return dict(PRIOR, **json.loads(f.read_text(encoding="utf-8"))["weights"]), f"fitted without {path.name[:3]}"


FIGURES = ("rows_p", "rows_r", "lead_acc", "target_acc", "deadline_acc", "rows_fully_right")


def row_figures(s) -> dict:
    one = summary([s])
    return {k: one[k] for k in FIGURES}


def fmt(d: dict) -> str:
    return " ".join("  -  " if d[k] is None else f"{d[k]:5.3f}" for k in FIGURES)


def report() -> None:
    head = "rowP  rowR   lead  target dline  full"
    print(f"{'plan':10} {'weights':12} {head}")
    held = []
    from ingest.read import read

    in_use = fitted()
    for path, gold in real_plans():
        w, how = fold_weights(path)
        doc = read(path)            # read once, extracted three ways
        for label, weights in (("held out", w), ("prior", PRIOR), ("in use", in_use)):
            if label == "held out" and weights is None:
                continue
            s = score(gold, json.loads(extract(doc, weights).model_dump_json()))
            if label == "held out" or (w is None and label == "in use"):
                held.append(s)
            print(f"{path.name[:10]:10} {label:12} {fmt(row_figures(s))}")
        print(f"{'':10} ({how})")
    t = summary(held)
    print(f"LOO SUMMARY refs_f1={t['refs_f1']:.3f} rows_p={t['rows_p']:.3f} rows_r={t['rows_r']:.3f} "
          f"rows_fully_right={t['rows_fully_right']:.3f} lead={t['lead_acc']:.3f} target={t['target_acc']:.3f}")
    layouts_report()


def layouts_report() -> None:
    """The synthetic plans never fitted on: the layouts printed by LibreOffice (dumped cell after
    cell, and their DOCX and PDF) and the flatgen variants left out of the fit."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        print("layouts: LibreOffice (soffice) missing, skipped")
        return
    from tests.generators import layouts

    scores = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in layouts.LAYOUTS:
            files = layouts.write(name, tmp)
            for fmt_ in ("pdfium.txt", "docx", "pdf"):
                s = score(layouts.gold(name, fmt_), json.loads(extract(files[fmt_]).model_dump_json()))
                scores.append(s)
                print(f"layout {name:14} {fmt_:11} {fmt(row_figures(s))}")
        from tests.generators import flatgen
        for v in flatgen.VARIANTS:
            if v.name not in SYNTHETIC_FIT:
                path, gold = flatgen.write(v, tmp)
                s = score(gold, json.loads(extract(path).model_dump_json()))
                scores.append(s)
                print(f"flatgen {v.name:24} {fmt(row_figures(s))}")
    t = summary(scores)
    print(f"HELD-OUT SYNTHETIC SUMMARY rows_p={t['rows_p']:.3f} rows_r={t['rows_r']:.3f} rows_fully_right={t['rows_fully_right']:.3f}")


def extraction_groups(folder) -> dict[str, list[tuple[dict, dict]]]:
    """Rows read from plans the weights were not fitted on, as (features, outcomes), by group:
    each real plan (with its fold's weights), the flatgen plans, the printed layouts."""
    from ingest import confidence
    from tests.generators import flatgen, layouts

    def rows(ex, gold: dict, flattened: bool) -> list[tuple[dict, dict]]:
        pred = [r.model_dump() for r in ex.table_tasks]
        return list(zip((confidence.features(r, flattened) for r in ex.table_tasks),
                        confidence.outcomes(gold["table_tasks"], pred)))

    from ingest.read import read
    groups: dict[str, list] = {}
    for path, gold in real_plans():
        doc = read(path)
        groups[path.name[:3]] = rows(extract(doc, fold_weights(path)[0]), gold, not doc.tables)
    groups["flatgen"] = []
    for v in flatgen.VARIANTS:
        path, gold = flatgen.write(v, folder)
        groups["flatgen"] += rows(extract(path), gold, True)
    if shutil.which("soffice") or shutil.which("libreoffice"):
        groups["layouts"] = []
        for name in layouts.LAYOUTS:
            files = layouts.write(name, Path(folder) / "layouts")
            for fmt_ in ("pdfium.txt", "pdfplumber.txt", "docx", "pdf"):
                doc = read(files[fmt_])
                groups["layouts"] += rows(extract(doc), layouts.gold(name, fmt_), not doc.tables)
    return groups


def calibrate() -> None:
    from ingest import confidence

    with tempfile.TemporaryDirectory() as tmp:
        groups = extraction_groups(tmp)
    held: dict[str, list[tuple[float, bool]]] = {f: [] for f in confidence.FIELDS}
    sure: dict[str, list[bool]] = {}
    for name, samples in groups.items():
        train = [s for other, group in groups.items() if other != name for s in group]
        model = confidence.fit(train)
        for f, o in samples:
            p = confidence.predict(model, f)
            for field in confidence.FIELDS:
                held[field].append((p[field], o[field]))
            if p["row"] >= 0.9:
                sure.setdefault(name, []).append(o["row"])
    print("reliability of the confidence, each group predicted by a model fitted without it "
          f"({', '.join(f'{k} {len(v)} rows' for k, v in groups.items())})")
    print_reliability(held)
    print("  rows with confidence >= 0.90, by group: " + "; ".join(
        f"{k} {len(v)} rows {sum(v) / len(v):.3f} right" for k, v in sure.items()))
    model = confidence.fit([s for group in groups.values() for s in group])
    model["method"] = confidence.METHOD
    model["fitted_on"] = {k: len(v) for k, v in groups.items()}
    confidence.MODEL.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"-> {confidence.MODEL}")


def print_reliability(held: dict[str, list[tuple[float, bool]]]) -> None:
    from ingest import confidence

    for field, pairs in held.items():
        print(f"  {field}:  confidence bin   rows  mean conf  right")
        for b in confidence.reliability(pairs):
            if b["rows"]:
                print(f"    {b['from']:4.2f}-{b['to']:4.2f}        {b['rows']:5d}   {b['mean_confidence']:6.3f}  {b['right']:6.3f}")
        top = [ok for c, ok in pairs if c >= 0.9]
        print(f"    >= 0.90: {len(top)} rows, {sum(top) / len(top) if top else 0:.3f} right "
              f"(all rows: {sum(ok for _, ok in pairs) / len(pairs):.3f} right)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit", metavar="PLAN", help="fit without plan PLAN (its first 3 characters), or 'all'")
    ap.add_argument("--calibrate", action="store_true", help="fit and check the confidence model")
    a = ap.parse_args()
    if a.fit:
        fit_fold(a.fit)
    elif a.calibrate:
        calibrate()
    else:
        report()


if __name__ == "__main__":
    main()
