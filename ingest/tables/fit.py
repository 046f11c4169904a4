"""Weights for the cell labeller, fitted on labelled plans.

The labeller (labels.py) finds the cheapest reading of a flattened table; what each cue
costs is a named weight (labels.PRIOR holds the hand-set starting values). `fit` moves
the weights one at a time (coordinate search: each weight tried at a few multiples of its
value, a move kept only where it raises the objective by at least `min_gain`); later
rounds try finer multiples of the weights that moved, until a round moves nothing. The objective is what the rows are scored on: for each
labelled plan, the mean of its rows F1, fully-right share, lead, deadline and target
accuracy (ingest.evaluate.score), averaged over plans (each with its case weight) so
that one long plan does not decide alone. A derivative-free search, because the decoder's output (rows, then fields
matched to gold by text similarity) is not differentiable in the weights; starting at the
prior and keeping a move only for a real gain is the regularisation.

`held_out` gives, for each plan, the weights fitted without it (leave-one-document-out):
the figures that say how the labeller does on a plan it was not fitted on.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from ..evaluate import score
from ..models import Document, DocumentMeta
from .flattened import text_tables
from .labels import PRIOR

FIELDS = ("text", "lead", "coordinating", "deadline", "target", "area")
STEPS = (0.5, 1.5)          # multiples of a weight tried in the first round
FINE_STEPS = (0.75, 1.25)   # and in the later rounds
MIN_GAIN = 0.002            # a move is kept for at least this much (about one field in a 100-row plan)


@dataclass
class Case:
    """One labelled plan: its text read once, its gold rows."""
    name: str
    doc: Document
    meta: DocumentMeta
    gold: list[dict]
    weight: float = 1.0      # its share of the objective (real plans and synthetic ones as two halves)


def case(path, gold: dict, weight: float = 1.0) -> Case:
    from ..read import read
    from ..structure import describe

    doc = read(path)
    return Case(Path(str(path)).name, doc, describe(doc), gold.get("table_tasks", []), weight)


def case_score(c: Case, weights: dict[str, float]) -> float:
    """How well the rows read with `weights` match the case's gold, in [0, 1]."""
    rows = [r.model_dump(include=set(FIELDS)) for r in text_tables(c.doc, c.meta, weights)]
    s = score({"table_tasks": c.gold}, {"table_tasks": rows}).rows
    parts = [s["f"], s["fully_right"] or 0.0] + [s[k] for k in ("lead_acc", "deadline_acc", "target_acc")
                                                 if s[k] is not None]
    return sum(parts) / len(parts)


def objective(cases: list[Case], weights: dict[str, float]) -> float:
    return sum(c.weight * case_score(c, weights) for c in cases) / sum(c.weight for c in cases)


def fit(cases: list[Case], start: dict[str, float] | None = None, rounds: int = 3,
        min_gain: float = MIN_GAIN, names: list[str] | None = None,
        log: Callable[[str], None] | None = None) -> tuple[dict[str, float], float]:
    """Weights fitted on `cases` from `start` (the prior): (weights, objective)."""
    w = dict(start or PRIOR)
    best = objective(cases, w)
    todo = list(names or w)
    for r in range(rounds):
        moved = []
        for name in todo:
            for step in (STEPS if r == 0 else FINE_STEPS):
                trial = dict(w, **{name: round(w[name] * step, 4)})
                value = objective(cases, trial)
                if value >= best + min_gain:
                    if log:
                        log(f"round {r + 1}: {name} {w[name]} -> {trial[name]}  {best:.4f} -> {value:.4f}")
                    w, best = trial, value
                    moved.append(name)
        # later rounds refine only what moved: a weight no multiple of which helped stays put
        todo = list(dict.fromkeys(moved))
        if not todo:
            break
    return w, best


def held_out(cases: list[Case], extra: list[Case] = (), **kw) -> dict[str, dict[str, float]]:
    """For each case, the weights fitted on the others (and on `extra`, e.g. synthetic plans)."""
    return {c.name: fit([o for o in cases if o is not c] + list(extra), **kw)[0] for c in cases}


def save(weights: dict[str, float], path, fitted_on: list[str], value: float) -> None:
    """Write the weights that differ from the prior, with what they were fitted on."""
    changed = {k: v for k, v in weights.items() if PRIOR.get(k) != v}
    Path(path).write_text(json.dumps({
        "fitted_on": fitted_on, "objective": round(value, 4),
        "fitted_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "method": "coordinate search from labels.PRIOR (ingest/tables/fit.py)",
        "weights": changed}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
