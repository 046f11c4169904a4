"""link(store): identity across documents - parent plans and parent provincial targets.

Runs over the whole store after every ingest and writes its triples to one named
graph (iri.LINKS_GRAPH), replaced atomically, so links always reflect the plans
currently in the store and re-running on unchanged data writes nothing.

Parent plan. A department / provincial-office / commune plan implements its
province's plan. Among the province-level plans of the SAME province (never
across provinces) the parent is the one whose adopting act the child says it
implements ("implements"); else the most recent one not newer than the child
("most-recent"), with the year gap recorded. With no provincial plan in the
store, the child still points at the parent document: the most recent provincial
Quyết định / Kế hoạch among what it implements ("document").

Parent target. Each target of a child plan, and each of its tasks that serves no
target, is compared with every target of the parent plan: cosine of TF-IDF vectors
over diacritic-folded syllables and syllable bigrams (IDF from all targets and tasks
in the store), blended with the reform area: score = 0.8 * cosine + 0.2 * area,
where area is 1 if both areas agree, 0 if they differ, 0.5 if one is unknown. The
best parent target is kept when score >= THRESHOLD, as `rkg:parentTarget` plus a
reified rkg:TargetLink (score, method, year gap).

THRESHOLD = 0.45, set by hand-judging the best match of each of the 69 targets and
target-less tasks of the Sơn La office plan (003) against the 82 targets of the Hà
Tĩnh provincial plan (000), the child re-scoped to Hà Tĩnh (the samples have no real
child/parent pair): all 10 matches scoring >= 0.45 state the same commitment
("100% TTHC nội bộ ... công bố, công khai" 0.74; "giảm ... biên chế công chức" 0.49);
of the 10 in 0.40-0.45 about half do ("hồ sơ công việc ... môi trường mạng" 0.43) and
half share only a topic ("Luật Ngân sách" vs "dịch vụ sự nghiệp công" 0.42); below
0.40 matches are mostly boilerplate ("triển khai", "năm 2025"). A link is a claim a
reader will follow, so the cut favours precision.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from pyoxigraph import Literal, NamedNode, Triple

from . import iri
from .iri import RDF, RKG, SPARQL_PREFIXES, XSD, fold

THRESHOLD = 0.45
AREA_WEIGHT = 0.2
METHOD = "tfidf-cosine+area"

_PLANS = SPARQL_PREFIXES + """
SELECT ?plan ?level ?year ?province ?type ?act WHERE {
  ?plan a rkg:Plan .
  OPTIONAL { ?plan rkg:level ?level }
  OPTIONAL { ?plan rkg:year ?year }
  OPTIONAL { ?plan rkg:province ?province }
  OPTIONAL { ?plan eli:type_document ?type }
  OPTIONAL { ?plan rkg:adoptedBy ?act }
}"""

_IMPLEMENTS = SPARQL_PREFIXES + """
SELECT ?plan ?doc ?province ?type ?date WHERE {
  ?plan a rkg:Plan ; rkg:implements ?doc .
  OPTIONAL { ?doc rkg:province ?province }
  OPTIONAL { ?doc eli:type_document ?type }
  OPTIONAL { ?doc eli:date_document ?date }
}"""

# targets, and tasks that serve no target (activities excluded: they inherit their task's)
_ITEMS = SPARQL_PREFIXES + """
SELECT ?plan ?item ?kind ?text ?area WHERE {
  ?item rkg:inPlan ?plan ; rdfs:label ?text .
  { ?item a rkg:Target . BIND("target" AS ?kind) }
  UNION
  { ?item a rkg:Task . BIND("task" AS ?kind)
    FILTER NOT EXISTS { ?item rkg:servesTarget ?t } }
  OPTIONAL { ?item rkg:area ?area }
}"""

_PARENT_DOC_TYPES = {iri.doctype("QĐ"), iri.doctype("KH")}


def tokens(text: str) -> list[str]:
    """Folded syllables and syllable bigrams: Vietnamese words span several syllables."""
    syl = re.findall(r"[a-z0-9]+", fold(text))
    return syl + [f"{a}_{b}" for a, b in zip(syl, syl[1:])]


class Vectoriser:
    """TF-IDF over a corpus of texts; vectors are L2-normalised sparse dicts."""

    def __init__(self, texts):
        df = Counter()
        n = 0
        for t in texts:
            df.update(set(tokens(t)))
            n += 1
        self.idf = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}

    def vector(self, text: str) -> dict[str, float]:
        tf = Counter(tokens(text))
        v = {w: c * self.idf.get(w, 1.0) for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {w: x / norm for w, x in v.items()}


def cosine(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def score(cos: float, area_a: str | None, area_b: str | None) -> float:
    area = 0.5 if not (area_a and area_b) else float(area_a == area_b)
    return (1 - AREA_WEIGHT) * cos + AREA_WEIGHT * area


def _plans(store) -> dict[str, dict]:
    plans: dict[str, dict] = {}
    for r in store.select(_PLANS):
        p = plans.setdefault(r["plan"], {"iri": r["plan"], "acts": set(), "implements": []})
        for k in ("level", "province", "type"):
            p[k] = p.get(k) or r[k]
        p["year"] = p.get("year") or (int(r["year"]) if r["year"] else None)
        if r["act"]:
            p["acts"].add(r["act"])
    for r in store.select(_IMPLEMENTS):
        if r["plan"] in plans:
            plans[r["plan"]]["implements"].append(r)
    return plans


def parent_plans(plans: dict[str, dict]) -> dict[str, tuple[str, str, int | None]]:
    """child plan -> (parent plan or parent document IRI, method, year gap)."""
    provincial = defaultdict(list)
    for p in plans.values():
        if p["level"] == "province" and p["province"]:
            provincial[p["province"]].append(p)
    out = {}
    for child in plans.values():
        if child["level"] in (None, "province") or not child["province"]:
            continue
        docs = {d["doc"] for d in child["implements"]}
        same = provincial.get(child["province"], [])
        explicit = [p for p in same if p["acts"] & docs]
        if explicit:
            parent, method = max(explicit, key=lambda p: (p["year"] or 0, p["iri"])), "implements"
        elif same:
            not_newer = [p for p in same if not (p["year"] and child["year"]) or p["year"] <= child["year"]]
            # most recent; a Kế hoạch before other document types of the same year, then a stable order
            pick = max(not_newer or same, key=lambda p: (p["year"] or 0, p["type"] == iri.doctype("KH"), p["iri"]))
            parent, method = pick, "most-recent"
        else:
            local = [d for d in child["implements"]
                     if d["province"] == child["province"] and d["type"] in _PARENT_DOC_TYPES]
            if local:
                doc = max(local, key=lambda d: (d["date"] or "", d["doc"]))
                out[child["iri"]] = (doc["doc"], "document", None)
            continue
        gap = child["year"] - parent["year"] if child["year"] and parent["year"] else None
        out[child["iri"]] = (parent["iri"], method, gap)
    return out


def link(store) -> bool:
    """Recompute parent plans and parent targets over the whole store; True if the links changed."""
    return store.replace_graph(iri.LINKS_GRAPH, links(store))


def links(store) -> list[Triple]:
    """The triples of the links graph: plan links, then target links (see the module doc)."""
    plans = _plans(store)
    parents = parent_plans(plans)
    triples: list[Triple] = []

    def add(s, p, o):
        triples.append(Triple(NamedNode(s), NamedNode(p), o if not isinstance(o, str) else NamedNode(o)))

    for child, (parent, method, gap) in sorted(parents.items()):
        add(child, RKG + "parentPlan", parent)
        node = child + "/parent-plan"
        add(node, RDF + "type", RKG + "PlanLink")
        add(node, RKG + "linkFrom", child)
        add(node, RKG + "linkTo", parent)
        add(node, RKG + "method", Literal(method))
        if gap is not None:
            add(node, RKG + "yearGap", Literal(str(gap), datatype=NamedNode(XSD + "integer")))

    with_parent = {c: p for c, (p, _, _) in parents.items() if p in plans}
    if not with_parent:
        return triples
    items = defaultdict(list)
    rows = store.select(_ITEMS)
    for r in rows:
        items[r["plan"]].append(r)
    vec = Vectoriser(r["text"] for r in rows)
    parent_targets: dict[str, list] = {}     # many children share one provincial plan
    for child, parent in sorted(with_parent.items()):
        if parent not in parent_targets:
            parent_targets[parent] = [(t, vec.vector(t["text"])) for t in items.get(parent, [])
                                      if t["kind"] == "target"]
        targets = parent_targets[parent]
        if not targets:
            continue
        gap = parents[child][2]
        for item in items.get(child, []):
            v = vec.vector(item["text"])
            best, s = max(((t, score(cosine(v, tv), item["area"], t["area"])) for t, tv in targets),
                          key=lambda x: x[1])
            if s < THRESHOLD:
                continue
            add(item["item"], RKG + "parentTarget", best["item"])
            node = item["item"] + "/parent-target"
            add(node, RDF + "type", RKG + "TargetLink")
            add(node, RKG + "linkFrom", item["item"])
            add(node, RKG + "linkTo", best["item"])
            add(node, RKG + "score", Literal(f"{s:.3f}", datatype=NamedNode(XSD + "decimal")))
            add(node, RKG + "method", Literal(METHOD))
            if gap is not None:
                add(node, RKG + "yearGap", Literal(str(gap), datatype=NamedNode(XSD + "integer")))
    return triples
