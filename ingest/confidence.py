"""How sure the extraction is of each table row and of each of its fields.

`rate(ex, flattened)` gives every row of an extraction `confidence` = {"row", "lead",
"deadline", "target", "text"}: the probability that the row (all of its fields) or that
field is right, from a logistic model per field over what the row shows of its own
reading: was it numbered, how long its text is and how it ends, whether its lead cell
reads as agencies (or holds a date), whether its deadline parses, whether it came from
real cells or from flattened text, how many lines it spans. The coefficients are fitted
on rows of plans the weights were not fitted on (benchmarks/loo.py --calibrate) and kept
in confidence.json; the probabilities are calibrated there on held-out plans, and the
reliability table (`reliability`) says how well.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from .evaluate import FIELD_MATCH, ROW_MATCH, TARGET_CELL_MATCH, agencies_equal, pair, similarity
from .models import Extraction, TableTask
from .tables.labels import left_hanging, names_when, starts_agency

FIELDS = ("row", "lead", "deadline", "target", "text")
MODEL = Path(__file__).with_name("confidence.json")
METHOD = "logistic model per field over row features, fitted on held-out extractions (ingest/confidence.py)"


def features(row: TableTask, flattened: bool) -> dict[str, float]:
    """What a row shows of how well it was read, as numbers in about [0, 1]."""
    text, lead, deadline = row.text or "", [x for x in row.lead if x.strip()], row.deadline or ""
    lead_text = " ; ".join(lead)
    lines = (row.span.last_line - row.span.first_line + 1) if row.span else 1
    kind = row.deadline_norm.kind if row.deadline_norm else None
    return {
        "bias": 1.0,
        "flattened": float(flattened),
        "unnumbered": float(not row.row_ref),
        "activity": float(row.level == "activity"),
        "text_length": min(1.0, math.log1p(len(text)) / 7),
        "text_short": float(len(text) < 30),
        "text_long": float(len(text) > 500),
        "text_lower": float(text[:1].islower()),
        "text_hanging": float(left_hanging(text)),
        "text_joined": float(" — " in text),
        "lead_empty": float(not lead),
        "lead_many": min(1.0, len(lead) / 4),
        "lead_agencies": sum(starts_agency(x) for x in lead) / len(lead) if lead else 0.0,
        "lead_long": float(any(len(x) > 70 for x in lead)),
        "lead_when": float(names_when(lead_text)),
        "lead_hanging": float(left_hanging(lead_text)),
        "coordinating": min(1.0, len(row.coordinating) / 4),
        "deadline_empty": float(not deadline),
        "deadline_unparsed": float(bool(deadline) and kind in (None, "unknown")),
        "deadline_fixed": float(kind == "fixed"),
        "deadline_long": float(len(deadline) > 40),
        "deadline_agency": float(starts_agency(deadline)) if deadline else 0.0,
        "target_empty": float(not row.target),
        "target_short": float(bool(row.target) and len(row.target) < 25),
        "lines": min(1.0, math.log1p(lines) / 4),
    }


def outcomes(gold_rows: list[dict], pred_rows: list[dict]) -> list[dict[str, bool]]:
    """For each predicted row, which of its fields the scorer counts right (ingest.evaluate)."""
    out = [dict.fromkeys(FIELDS, False) for _ in pred_rows]
    for i, j, _ in pair(gold_rows, pred_rows, lambda r: r.get("text") or "", ROW_MATCH):
        g, p = gold_rows[i], pred_rows[j]
        o = out[j]
        o["text"] = True
        o["lead"] = agencies_equal(g.get("lead"), p.get("lead"))
        o["deadline"] = similarity(g.get("deadline"), p.get("deadline")) >= FIELD_MATCH
        o["target"] = not g.get("target") or similarity(g.get("target"), p.get("target")) >= TARGET_CELL_MATCH
        o["row"] = o["lead"] and o["deadline"] and o["target"]
    return out


# ---------------------------------------------------------------- the model
def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def fit(samples: list[tuple[dict[str, float], dict[str, bool]]], l2: float = 1.0,
        iterations: int = 300) -> dict:
    """Logistic coefficients per field (Newton's method, an L2 penalty on all but the bias)."""
    import numpy as np

    names = list(samples[0][0])
    X = np.array([[f[n] for n in names] for f, _ in samples])
    penalty = np.diag([0.0 if n == "bias" else l2 for n in names])
    model = {"features": names, "coefficients": {}}
    for field in FIELDS:
        y = np.array([float(o[field]) for _, o in samples])
        w = np.zeros(len(names))
        for _ in range(iterations):
            p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
            grad = X.T @ (p - y) + penalty @ w
            hess = X.T @ (X * (p * (1 - p))[:, None]) + penalty + 1e-9 * np.eye(len(names))
            step = np.linalg.solve(hess, grad)
            w -= step
            if np.abs(step).max() < 1e-8:
                break
        model["coefficients"][field] = {n: round(float(v), 5) for n, v in zip(names, w)}
    return model


def predict(model: dict, f: dict[str, float]) -> dict[str, float]:
    return {field: round(_sigmoid(sum(c * f.get(n, 0.0) for n, c in coefs.items())), 3)
            for field, coefs in model["coefficients"].items()}


_loaded: dict | None = None


def _model() -> dict | None:
    global _loaded
    if _loaded is None and MODEL.exists():
        _loaded = json.loads(MODEL.read_text(encoding="utf-8"))
    return _loaded


def rate(ex: Extraction, flattened: bool, model: dict | None = None) -> Extraction:
    """Every table row of `ex` with its confidence (after pipeline.fill: it reads parsed deadlines)."""
    model = model or _model()
    if model is None or not ex.table_tasks:
        return ex
    for row in ex.table_tasks:
        row.confidence = predict(model, features(row, flattened))
    ex.confidence_method = model.get("method", METHOD)
    return ex


def reliability(pairs: list[tuple[float, bool]], edges=(0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001)) -> list[dict]:
    """Rows of the reliability table: per confidence bin, how many and how many were right."""
    out = []
    for lo, hi in zip(edges, edges[1:]):
        inside = [ok for c, ok in pairs if lo <= c < hi]
        mean = sum(c for c, _ in pairs if lo <= c < hi) / len(inside) if inside else None
        out.append({"from": lo, "to": min(hi, 1.0), "rows": len(inside), "mean_confidence": mean,
                    "right": sum(inside) / len(inside) if inside else None})
    return out
