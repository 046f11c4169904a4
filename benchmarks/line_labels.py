"""How well the flattened-table labeller labels lines, measured against the gold rows projected
onto each sample dump (ingest/tables/gold_lines.py).

A row the extraction gets wrong is either a labelling error (a line put in the wrong column, a
row start missed or invented) or a row-building error (right labels, wrong rows). This prints,
per plan, the share of table lines whose column the labeller got right (the line's first piece)
and the F1 of row starts, next to the rows figures of `reformkg eval`, so the two are told apart.

    .venv/bin/python -m benchmarks.line_labels
"""
from __future__ import annotations

import json
from pathlib import Path

from ingest import extract
from ingest.evaluate import score
from ingest.tables import flattened
from ingest.tables.gold_lines import project

ROOT = Path(__file__).resolve().parents[1]
PLANS = sorted((ROOT / "data" / "plans").glob("*.txt"))


def _labelled(path: Path):
    """Extract one plan, keeping what the labeller said of each line: {lineno: (kind, new_row)}."""
    seen = {}
    original = flattened._label

    def spy(items, header, area_starts):
        labelled = original(items, header, area_starts)
        for item, pieces in zip(items, labelled):
            if pieces:
                seen[item.lineno] = (header.kinds[pieces[0].col], any(p.new_row for p in pieces))
        return labelled
    flattened._label = spy
    try:
        record = extract(path)
    finally:
        flattened._label = original
    return record, seen


def main() -> None:
    print(f"{'plan':<28}{'lines':>7}{'column':>8}{'start P':>9}{'start R':>9}{'start F1':>9}"
          f"{'rows P':>8}{'rows R':>8}{'full':>7}")
    for path in PLANS:
        gold = json.loads((ROOT / "tests" / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        record, said = _labelled(path)
        if not said:
            print(f"{path.name[:27]:<28} (table read from real cells, no labels)")
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        first = min(said)
        truth = {lab.lineno: lab for lab in project([(i, lines[i - 1]) for i in range(first, len(lines) + 1)
                                                     if lines[i - 1].strip()], gold["table_tasks"])}
        both = [n for n in said if n in truth and truth[n].kind not in (None, "ref")]
        right = sum(said[n][0] == truth[n].kind for n in both)
        pred = {n for n in both if said[n][1]}
        true = {n for n in both if truth[n].starts_row}
        p = len(pred & true) / len(pred) if pred else 0.0
        r = len(pred & true) / len(true) if true else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        s = score(gold, record.model_dump(mode="json")).rows
        print(f"{path.name[:27]:<28}{len(both):>7}{right / len(both):>8.3f}{p:>9.3f}{r:>9.3f}{f1:>9.3f}"
              f"{s['p']:>8.3f}{s['r']:>8.3f}{s['fully_right']:>7.3f}")


if __name__ == "__main__":
    main()
