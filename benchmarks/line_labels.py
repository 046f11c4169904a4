"""How well the flattened-table labeller labels lines, measured against the gold rows projected
onto each sample dump (ingest/tables/gold_lines.py).

A row the extraction gets wrong is either a labelling error (a line put in the wrong column, a
row start missed or invented) or a row-building error (right labels, wrong rows). This prints,
per plan, the share of table lines whose column the labeller got right (the line's first piece)
and the F1 of row starts, next to the rows figures of `reformkg eval`, so the two are told apart;
and the rows figures when the row builder is given the projected true labels instead.

    .venv/bin/python -m benchmarks.line_labels
"""
from __future__ import annotations

import json
from pathlib import Path

from ingest import extract
from ingest.evaluate import score
from ingest.tables import flattened
from ingest.tables.gold_lines import project, words
from ingest.tables.labels import Piece

ROOT = Path(__file__).resolve().parents[1]
PLANS = sorted((ROOT / "data" / "plans").glob("*.txt"))


def _labelled(path: Path):
    """Extract one plan, keeping what the labeller said of each line: {lineno: (kind, new_row)}."""
    seen = {}
    original = flattened._label

    def spy(items, header, *rest):
        labelled = original(items, header, *rest)
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


def _gold_pieces(item, lab, kinds: list[str], said: list[Piece]) -> list[Piece]:
    """The line's pieces as the projection labels them, in the item's own words (the projection
    keeps lower-cased words only); a line the projection leaves out keeps the labeller's pieces."""
    pieces = [p for p in lab.pieces if p.kind in kinds] if lab else []
    if not pieces:
        return said
    tokens = item.text.split()
    out, k = [], 0
    seen_rows = set()
    for j, p in enumerate(pieces):
        need, taken = len(words(p.text)), []
        while k < len(tokens) and (need > 0 or j == len(pieces) - 1):
            need -= len(words(tokens[k]))
            taken.append(tokens[k])
            k += 1
        new_row = p.row in lab.new_rows and p.starts_cell and p.row not in seen_rows
        seen_rows.add(p.row)
        out.append(Piece(" ".join(taken) or p.text, kinds.index(p.kind), item.lineno, p.starts_cell, new_row))
    return out


def rows_from_true_labels(path: Path, gold: dict) -> dict:
    """The rows figures when the row builder is given the projected gold labels instead of the
    labeller's: what is left wrong is the row builder's (or the projection's)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    truth = {lab.lineno: lab for lab in project([(i, t) for i, t in enumerate(lines, 1) if t.strip()],
                                               gold["table_tasks"])}
    original = flattened._label

    def oracle(items, header, *rest):
        said = original(items, header, *rest)
        return [_gold_pieces(it, truth.get(it.lineno), header.kinds, ps) for it, ps in zip(items, said)]
    flattened._label = oracle
    try:
        record = extract(path)
    finally:
        flattened._label = original
    return score(gold, record.model_dump(mode="json")).rows


def main() -> None:
    print(f"{'plan':<28}{'lines':>7}{'column':>8}{'start P':>9}{'start R':>9}{'start F1':>9}"
          f"{'rows P':>8}{'rows R':>8}{'full':>7}   given true labels: rows P, R, full")
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
        t = rows_from_true_labels(path, gold)
        print(f"{path.name[:27]:<28}{len(both):>7}{right / len(both):>8.3f}{p:>9.3f}{r:>9.3f}{f1:>9.3f}"
              f"{s['p']:>8.3f}{s['r']:>8.3f}{s['fully_right']:>7.3f}   {t['p']:>6.3f}{t['r']:>7.3f}{t['fully_right']:>7.3f}")


if __name__ == "__main__":
    main()
