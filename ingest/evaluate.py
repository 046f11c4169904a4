"""Score extractions against gold annotations.

The matching rules are those of shared/eval/score.py (the reference scorer):
texts compared after NFC, lower-casing and punctuation folding; rows, targets
and agencies paired greedily by difflib similarity. tests/test_evaluate.py
checks that both give the same figures.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

ROW_MATCH, AGENCY_MATCH, FIELD_MATCH = 0.70, 0.85, 0.85
TARGET_CELL_MATCH, AREA_MATCH, BODY_START_MATCH = 0.75, 0.6, 0.85


@lru_cache(maxsize=None)
def _fold(s: str) -> str:
    s = unicodedata.normalize("NFC", s).lower()
    s = re.sub(r"[\"“”'‘’()\[\].,:;!?…]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def fold(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = " ; ".join(x for x in value if x)
    return _fold(str(value))


@lru_cache(maxsize=None)
def _ratio(a: str, b: str) -> float:
    m = SequenceMatcher(None, a, b, autojunk=False)
    if m.real_quick_ratio() < 0.3 or m.quick_ratio() < 0.5:
        return 0.0
    return m.ratio()


def similarity(a, b) -> float:
    a, b = fold(a), fold(b)
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return _ratio(a, b)


def ref_key(ref_id) -> str:
    """'NĐ 118/2025/NĐ-CP' -> '118/2025/NĐ-CP' (Đ folded); laws keep their name."""
    s = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(ref_id or "")).upper()).strip()
    m = re.match(r"^\S+\s+(\d[\w.]*\s*[/-].*)$", s)
    if m:
        s = m.group(1)
    return re.sub(r"\s+", "", s).replace("Đ", "D")


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def pair(gold: list, pred: list, key, threshold: float) -> list[tuple[int, int, float]]:
    """Greedy one-to-one pairing, best similarity first."""
    cand = sorted(((similarity(key(g), key(p)), i, j)
                   for i, g in enumerate(gold) for j, p in enumerate(pred)), reverse=True)
    used_g, used_p, out = set(), set(), []
    for s, i, j in cand:
        if s < threshold:
            break
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j, s))
    return out


def _names(xs) -> list[str]:
    return [x for x in (xs or []) if fold(x)]


def agencies_equal(g, p) -> bool:
    g, p = _names(g), _names(p)
    if not g or not p:
        return not g and not p
    return len(pair(g, p, lambda x: x, AGENCY_MATCH)) == max(len(g), len(p))


def agencies_f1(g, p) -> float:
    g, p = _names(g), _names(p)
    if not g and not p:
        return 1.0
    return prf(len(pair(g, p, lambda x: x, AGENCY_MATCH)), len(p), len(g))[2]


@dataclass
class Score:
    source: str
    refs: dict = field(default_factory=dict)
    targets: dict = field(default_factory=dict)
    body_tasks: dict = field(default_factory=dict)
    rows: dict = field(default_factory=dict)


def score(gold: dict, pred: dict) -> Score:
    out = Score(source=gold.get("source"))
    gold_refs = {ref_key(r["id"]): fold(r.get("scope")) for r in gold.get("legal_references", [])}
    pred_refs = {ref_key(r.get("id")): fold(r.get("scope")) for r in pred.get("legal_references", [])}
    both = gold_refs.keys() & pred_refs.keys()
    p, r, f = prf(len(both), len(pred_refs), len(gold_refs))
    out.refs = dict(p=p, r=r, f=f, tp=len(both), gold=len(gold_refs), pred=len(pred_refs),
                    missed=sorted(gold_refs.keys() - pred_refs.keys()),
                    spurious=sorted(pred_refs.keys() - gold_refs.keys()),
                    scope_acc=(sum(gold_refs[k] == pred_refs[k] for k in both) / len(both)) if both else None)

    gt, pt = gold.get("targets", []), pred.get("targets", [])
    n = len(pair(gt, pt, lambda t: t.get("text"), ROW_MATCH))
    out.targets = dict(zip("prf", prf(n, len(pt), len(gt))), gold=len(gt), pred=len(pt))

    gb, pb = gold.get("body_tasks", []), pred.get("body_tasks", [])
    hit = refs_ok = 0
    used: set[int] = set()
    for g in gb:
        start = fold(g.get("text_start"))
        for j, p_ in enumerate(pb):
            if j in used or not start:
                continue
            t = fold(p_.get("text") or p_.get("text_start"))
            if t.startswith(start[: max(20, len(start) - 5)]) or similarity(start, t[: len(start)]) >= BODY_START_MATCH:
                used.add(j)
                hit += 1
                refs_ok += {ref_key(x) for x in g.get("legal_refs", [])} <= {ref_key(x) for x in p_.get("legal_refs", [])}
                break
    out.body_tasks = dict(zip("prf", prf(hit, len(pb), len(gb))), gold=len(gb), pred=len(pb),
                          refs_acc=refs_ok / hit if hit else None)

    gr, pr = gold.get("table_tasks", []), pred.get("table_tasks", [])
    pairs = pair(gr, pr, lambda row: row.get("text") or "", ROW_MATCH)
    lead = coord = dl = tgt = area = full = with_target = 0
    for i, j, _ in pairs:
        g, p_ = gr[i], pr[j]
        lead_ok = agencies_equal(g.get("lead"), p_.get("lead"))
        dl_ok = similarity(g.get("deadline"), p_.get("deadline")) >= FIELD_MATCH
        tgt_ok = True
        if g.get("target"):
            with_target += 1
            tgt_ok = similarity(g.get("target"), p_.get("target")) >= TARGET_CELL_MATCH
            tgt += tgt_ok
        lead += lead_ok
        dl += dl_ok
        coord += agencies_f1(g.get("coordinating"), p_.get("coordinating"))
        area += similarity(g.get("area"), p_.get("area")) >= AREA_MATCH
        full += lead_ok and dl_ok and tgt_ok
    n = len(pairs)
    out.rows = dict(zip("prf", prf(n, len(pr), len(gr))), gold=len(gr), pred=len(pr), tp=n,
                    lead_acc=lead / n if n else None, coord_f1=coord / n if n else None,
                    deadline_acc=dl / n if n else None, area_acc=area / n if n else None,
                    target_acc=tgt / with_target if with_target else None,
                    fully_right=full / len(gr) if gr else None)
    return out


def summary(scores: list[Score]) -> dict:
    """Figures over the whole corpus, counted the way score.py's SUMMARY line counts them."""
    g_rows = sum(s.rows["gold"] for s in scores)
    ref_f = prf(sum(s.refs["tp"] for s in scores), sum(s.refs["pred"] for s in scores),
                sum(s.refs["gold"] for s in scores))[2]
    row_tp = sum(round(s.rows["r"] * s.rows["gold"]) for s in scores)
    rp, rr, _ = prf(row_tp, sum(s.rows["pred"] for s in scores), g_rows)
    full = sum((s.rows["fully_right"] or 0) * s.rows["gold"] for s in scores)

    def pooled(part, key, weight):
        num = den = 0.0
        for s in scores:
            v, w = getattr(s, part).get(key), weight(s)
            if v is not None and w:
                num, den = num + v * w, den + w
        return num / den if den else None

    return dict(
        refs_f1=ref_f, rows_p=rp, rows_r=rr, rows_fully_right=full / g_rows if g_rows else 0.0,
        scope_acc=pooled("refs", "scope_acc", lambda s: s.refs["tp"]),
        targets_r=pooled("targets", "r", lambda s: s.targets["gold"]),
        body_r=pooled("body_tasks", "r", lambda s: s.body_tasks["gold"]),
        body_refs_acc=pooled("body_tasks", "refs_acc", lambda s: round(s.body_tasks["r"] * s.body_tasks["gold"])),
        lead_acc=pooled("rows", "lead_acc", lambda s: s.rows["tp"]),
        deadline_acc=pooled("rows", "deadline_acc", lambda s: s.rows["tp"]),
        target_acc=pooled("rows", "target_acc", lambda s: s.rows["tp"] if s.rows["target_acc"] is not None else 0),
    )


def _fmt(x) -> str:
    return "  -  " if x is None else f"{x:5.2f}"


def table(scores: list[Score]) -> str:
    """The per-document table and SUMMARY line, laid out as score.py prints them."""
    cols = ["refF1", "scope", "tgtR", "bodyR", "rowP", "rowR", "lead", "coord", "dline", "tgtOK", "full"]
    out = [f"{'source':28} " + " ".join(f"{c:>5}" for c in cols)]
    for s in scores:
        vals = [s.refs["f"], s.refs["scope_acc"], s.targets["r"], s.body_tasks["r"], s.rows["p"], s.rows["r"],
                s.rows["lead_acc"], s.rows["coord_f1"], s.rows["deadline_acc"], s.rows["target_acc"],
                s.rows["fully_right"]]
        out.append(f"{str(s.source)[:28]:28} " + " ".join(_fmt(v) for v in vals))
        if s.refs["missed"]:
            out.append(f"   missed refs: {', '.join(s.refs['missed'][:15])}")
    t = summary(scores)
    out.append(f"SUMMARY refs_f1={t['refs_f1']:.3f} rows_p={t['rows_p']:.3f} rows_r={t['rows_r']:.3f} "
               f"rows_fully_right={t['rows_fully_right']:.3f}")
    return "\n".join(out)
