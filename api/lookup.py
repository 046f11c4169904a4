"""Read the graph for people: one dict per resource, one list of dicts per kind of resource.

Plain data (str, int, lists, dicts) so the same result becomes JSON, a CSV table or
an HTML page. Resource ids are the IRI path after .../id/<kind>/ ('nd-118-2025-nd-cp',
'ha-tinh/so-noi-vu', 'ha-tinh/ubnd-tinh/kh-2025-.../procedures/2-1'); every record carries its URLs
(api.urls). The legal-document search itself is the graph's (graph.search).

Filters as people type them: find(store, kind, value) -> Found(nodes, suggestions) reads an agency,
plan, province, area or legal document from an id or a name (diacritics, case and spacing ignored;
near names when nothing matches); choices(store, kind) the names offered as one types. A plan's
source text, one string per line: source(store, plan); where the texts name a document: mentions().
values(var, iris): the VALUES clause the queries here (and api.review's) bind a page of nodes with.
"""
from __future__ import annotations

import difflib
import re
from collections import OrderedDict
from typing import NamedTuple

import pyoxigraph as ox

from graph import iri, queries, search
from graph.build import CONFIDENCE_FIELDS
from graph.iri import SPARQL_PREFIXES, fold, place_name
from graph.search import places_in
from ingest.vocab import AREAS

from . import urls
from .urls import node_id

P = SPARQL_PREFIXES


def ref(node: str | None, label: str | None = None) -> dict | None:
    return None if not node else {"iri": node, "id": node_id(node), "label": label or node_id(node) or node,
                                  "url": urls.rest(node), "page": urls.page(node)}


def values(var: str, nodes) -> str:
    """A SPARQL VALUES clause binding ?var to the IRIs `nodes` (each checked to be an IRI)."""
    return f"VALUES ?{var} {{ {' '.join(f'<{ox.NamedNode(n).value}>' for n in nodes)} }}"


def _many(value) -> list:
    """A filter given as one value or several (a name can stand for several agencies, plans, provinces)."""
    return [value] if isinstance(value, str) else list(value)


def props(store, node: str) -> dict[str, list[str]]:
    """Outgoing values of a node by predicate IRI (union graph), in a stable order."""
    out: dict[str, list[str]] = {}
    for r in store.select("SELECT ?p ?o WHERE { ?s ?p ?o } ORDER BY ?p ?o", s=node):
        out.setdefault(r["p"], []).append(r["o"])
    return out


def labels(store, nodes) -> dict[str, str]:
    """Display labels: Vietnamese or untagged rdfs:label / skos:prefLabel, the shortest-sorted first."""
    nodes = sorted({n for n in nodes if n})
    if not nodes:
        return {}
    rows = store.select(P + f"""SELECT ?n ?l WHERE {{ {values("n", nodes)}
        ?n rdfs:label|skos:prefLabel ?l FILTER (lang(?l) = "" || lang(?l) = "vi") }} ORDER BY ?n ?l""")
    out: dict[str, str] = {}
    for r in rows:
        out.setdefault(r["n"], r["l"])
    return out


def _one(values: dict, prop: str) -> str | None:
    v = values.get(prop)
    return v[0] if v else None


def refs(store, nodes) -> list[dict]:
    nodes = list(dict.fromkeys(n for n in nodes if n))
    names = labels(store, nodes)
    return [ref(n, names.get(n)) for n in nodes]


# ---------------------------------------------------------------- tasks (shared by every view)
_TASKS = P + """
SELECT ?task ?kind ?text ?ref ?plan ?planLabel ?province ?provinceLabel ?areaCode ?areaLabel
       ?deadline ?dkind ?start ?end ?quote ?first ?last ?pos WHERE {
  VALUES (?type ?kind) { (rkg:Task "task") (rkg:Activity "activity") }
  ?task a ?type ; rdfs:label ?text ; rkg:inPlan ?plan .
  %s
  ?plan rdfs:label ?planLabel .
  OPTIONAL { ?plan rkg:province ?province . ?province rdfs:label ?provinceLabel }
  OPTIONAL { ?task rkg:ref ?ref }
  OPTIONAL { ?task rkg:position ?pos }
  OPTIONAL { ?task rkg:area ?area . ?area skos:notation ?areaCode ; skos:prefLabel ?areaLabel
             FILTER (lang(?areaLabel) = "vi") }
  OPTIONAL { ?task rkg:deadline ?d . ?d rdfs:label ?deadline
             OPTIONAL { ?d rkg:deadlineKind/skos:notation ?dkind }
             OPTIONAL { ?d time:hasBeginning/time:inXSDDate ?start }
             OPTIONAL { ?d time:hasEnd/time:inXSDDate ?end } }
  OPTIONAL { ?task rkg:quote ?q . ?q oa:exact ?quote
             OPTIONAL { ?q rkg:firstLine ?first } OPTIONAL { ?q rkg:lastLine ?last } }
  %s
}"""

# (the roles as a VALUES table, not a UNION of BINDs: Virtuoso drops a VALUES of several rows that
# stands before such a UNION)
_AGENCIES_OF = P + """SELECT ?task ?role ?agency ?label WHERE { %s
  VALUES (?p ?role) { (rkg:leadAgency "lead") (rkg:coordinatingAgency "coordinating") } ?task ?p ?agency .
  OPTIONAL { ?agency skos:prefLabel ?label } } ORDER BY ?task ?role ?agency ?label"""
# (a query of its own: one more OPTIONAL in _TASKS makes Virtuoso refuse the unfiltered list as too costly)
_CONFIDENCE_OF = P + "SELECT ?task ?conf WHERE { %s ?task rkg:confidence ?conf }"


def tasks(store, task=None, doc=None, plan=None, province=None, area=None, agency=None, target=None, due_from=None,
          due_to=None, coordinating=False, q=None) -> list[dict]:
    """Tasks and activities with plan, province, area, deadline, agencies and source quote; filters
    (doc, plan, province, area, agency: one value or a list, any of them):
    task (this one only), doc (cited), plan, province (place IRI), area (code), agency (leads it, or one of its units does;
    coordinates it with coordinating=True), target (served), due_from/due_to (ISO dates, deadline end),
    q (words of the text, diacritics and case folded)."""
    where, filters, bind = [], [], {}
    if task:
        bind["task"] = task
    if doc:
        where.append(values("doc", _many(doc)) + " ?task rkg:legalBasis ?doc .")
    if plan:
        where.append(values("plan", _many(plan)))
    if province:
        where.append(values("province", _many(province)) + " ?plan rkg:province ?province .")
    if area:
        codes = " ".join(f'"{c}"' for c in _many(area) if re.fullmatch(r"[a-z-]+", c)) or '"-"'
        where.append(f"VALUES ?areaFilter {{ {codes} }} ?task rkg:area/skos:notation ?areaFilter .")
    if agency:
        prop = "rkg:coordinatingAgency" if coordinating else "rkg:leadAgency"
        where.append(values("agencyFilter", _many(agency)) + f" ?task {prop}/org:subOrganizationOf* ?agencyFilter .")
    if target:
        where.append("?task rkg:servesTarget ?target ."); bind["target"] = target
    # (the end date as a pattern of its own, not a filter on the OPTIONAL's ?end: Virtuoso's planner
    # estimates the latter at many minutes and refuses it)
    if due_from or due_to:
        where.append("?task rkg:deadline/time:hasEnd/time:inXSDDate ?dueEnd .")
    # (the dates written into the filter, not bound by VALUES: a VALUES-bound ?from also makes
    # Virtuoso's estimate explode; they are checked ISO dates, nothing else gets in)
    for op, day in ((">=", due_from), ("<=", due_to)):
        if day:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(day)):
                raise ValueError(f"not an ISO date: {day!r}")
            filters.append(f'FILTER (?dueEnd {op} "{day}"^^xsd:date)')
    rows = store.select(_TASKS % ("\n  ".join(where), "\n  ".join(filters)), **bind)
    seen: OrderedDict[str, dict] = OrderedDict()
    for r in rows:
        if r["task"] in seen:
            continue
        seen[r["task"]] = {
            "id": node_id(r["task"]), "iri": r["task"], "url": urls.rest(r["task"]), "page": urls.page(r["task"]),
            "kind": r["kind"], "ref": r["ref"], "text": r["text"],
            "plan": ref(r["plan"], r["planLabel"]), "province": r["provinceLabel"],
            "area": r["areaCode"], "area_label": r["areaLabel"],
            "deadline": r["deadline"], "deadline_kind": r["dkind"], "deadline_start": r["start"],
            "deadline_end": r["end"], "lead": [], "coordinating": [],
            "quote": r["quote"], "lines": [int(r["first"]), int(r["last"])] if r["first"] and r["last"] else None,
            "confidence": None,     # the extraction's, of the row (rkg:confidence): with_agencies, per page
            "_order": (r["provinceLabel"] or "", r["plan"], int(r["pos"] or 0), r["task"])}
    out = sorted(seen.values(), key=lambda t: t.pop("_order"))
    if q:
        words = fold(q).split()
        out = [t for t in out if all(w in fold(t["text"]) for w in words)]
    return out


def with_agencies(store, items: list[dict], confidence: bool = True) -> list[dict]:
    """Fill 'lead' and 'coordinating' of task dicts (done per page: a task can have many agencies),
    and, with `confidence`, the extraction's 'confidence' in each row that has one."""
    if not items:
        return items
    by = {t["iri"]: t for t in items}
    if confidence:
        for r in store.select(_CONFIDENCE_OF % values("task", by)):
            by[r["task"]]["confidence"] = float(r["conf"])
    for r in store.select(_AGENCIES_OF % values("task", by)):
        t = by[r["task"]]
        if not any(a["iri"] == r["agency"] for a in t[r["role"]]):
            t[r["role"]].append(ref(r["agency"], r["label"]))
    return items


def group_by_plan(items: list[dict]) -> list[dict]:
    """[{province, plans: [{plan, tasks: [...]}]}] in the order of the items."""
    provinces: OrderedDict[str, OrderedDict] = OrderedDict()
    for t in items:
        plans = provinces.setdefault(t["province"] or "", OrderedDict())
        plans.setdefault(t["plan"]["iri"], {"plan": t["plan"], "tasks": []})["tasks"].append(t)
    return [{"province": p or None, "plans": list(plans.values())} for p, plans in provinces.items()]


# ---------------------------------------------------------------- legal documents
def legal_documents(store, q: str | None = None, province: str | None = None) -> list[dict]:
    """All legal documents (by id), or those matching `q`, best first (graph.search.legal_documents,
    with their ids and URLs); province = place IRI: documents of that province and its communes."""
    return [{"id": node_id(d["iri"]), "iri": d["iri"], "url": urls.rest(d["iri"]), "page": urls.page(d["iri"]), **d}
            for d in search.legal_documents(store, q, province)]


def legal_document(store, node: str) -> dict | None:
    """Metadata, what amends/replaces/repeals it and what it changes, the plans implementing it, and
    every task citing it grouped by province and plan (lead agency, deadline, source quote)."""
    v = props(store, node)
    if not v.get(iri.ELI + "id_local"):
        return None
    rel = lambda p: refs(store, v.get(p, []))     # noqa: E731
    back = lambda p: refs(store, [r["s"] for r in store.select("SELECT ?s WHERE { ?s ?p ?o }", p=p, o=node)])  # noqa: E731
    names = labels(store, [_one(v, iri.ELI + "type_document"), _one(v, iri.RKG + "jurisdiction"),
                           _one(v, iri.ELI + "passed_by")])
    implementing = with_agencies(store, tasks(store, doc=node))
    targets = store.select(P + """SELECT ?t ?text WHERE { ?t a rkg:Target ; rkg:legalBasis ?doc ; rdfs:label ?text }
                                  ORDER BY ?t""", doc=node)
    return {
        "id": node_id(node), "iri": node, "label": _one(v, iri.ELI + "id_local"),
        "title": _one(v, iri.ELI + "title"), "type": names.get(_one(v, iri.ELI + "type_document")),
        "number": _one(v, iri.RKG + "number"), "symbol": _one(v, iri.RKG + "symbol"),
        "date": _one(v, iri.ELI + "date_document"),
        "jurisdiction": names.get(_one(v, iri.RKG + "jurisdiction")),
        "issuer": ref(_one(v, iri.ELI + "passed_by"), names.get(_one(v, iri.ELI + "passed_by"))),
        "incomplete": _one(v, iri.RKG + "incomplete") == "true",
        "amends": rel(iri.ELI + "amends"), "amended_by": rel(iri.ELI + "amended_by"),
        "replaces": rel(iri.DCT + "replaces"), "replaced_by": rel(iri.DCT + "isReplacedBy"),
        "repeals": rel(iri.ELI + "repeals"), "repealed_by": rel(iri.ELI + "repealed_by"),
        "guides": rel(iri.RKG + "guides"), "guided_by": back(iri.RKG + "guides"),
        "implemented_by_plans": back(iri.RKG + "implements"),
        "adopts_plans": back(iri.RKG + "adoptedBy"),
        "tasks_total": len(implementing),
        "tasks_by_province": group_by_plan(implementing),
        "cited_by_targets": [ref(r["t"], r["text"]) for r in targets],
        "mentions": mentions(store, node, _one(v, iri.ELI + "id_local")),
    }


def mentions(store, node: str, label: str, most: int = 30) -> list[dict]:
    """Where the stored source texts (graph.build.source_text) name a document: [{plan, lines}], the
    line numbers of its number and symbol ('118/2025/NĐ-CP'), spacing as printed; a local document
    only in plans of its own province (its id: <province>/...)."""
    needle = label.split(" ", 1)[-1]
    if not re.search(r"\d", needle):
        return []
    pattern = re.compile(r"(?<!\d)" + r"\s*".join(re.escape(ch) for ch in needle.replace(" ", "")), re.I)
    scope = node_id(node).split("/", 1)[0] if "/" in node_id(node) else None
    rows = store.select(P + """SELECT DISTINCT ?plan ?label ?text WHERE {
        ?plan a rkg:Plan ; rdfs:label ?label ; prov:wasDerivedFrom ?src . ?src prov:value ?text
        FILTER (CONTAINS(?text, ?number)) %s } ORDER BY ?plan""" % (
        f"?plan rkg:province <{iri.place(scope)}> ." if scope else ""), number=re.split(r"\W", needle)[0])
    out = []
    for r in rows:
        lines = [n for n, line in enumerate(r["text"].split("\n")[1:], 1) if pattern.search(line)]     # (line 0: source)
        if lines:
            out.append({"plan": ref(r["plan"], r["label"]), "lines": lines[:most], "more": max(0, len(lines) - most)})
    return out


def task(store, node: str) -> dict | None:
    """A task or activity: text, plan, area, agencies, deadline, output, the target it serves and that
    target's parent provincial target (with score), its activities or parent task, its legal basis
    chain (graph/queries/legal_basis_chain.rq) and provenance."""
    found = with_agencies(store, tasks(store, task=node))
    if not found:
        return None
    out = found[0]
    v = props(store, node)
    out["section"] = _one(v, iri.RKG + "section")
    for key, prop in (("output", "output"), ("budget", "budget"), ("remark", "remark"), ("qualifier", "qualifier")):
        out[key] = _one(v, iri.RKG + prop)
    out["part_of"] = (refs(store, v.get(iri.RKG + "partOf", [])) or [None])[0]
    out["activities"] = [ref(r["a"], r["text"]) for r in store.select(
        P + "SELECT ?a ?text WHERE { ?a rkg:partOf ?t ; rdfs:label ?text ; rkg:position ?pos } ORDER BY ?pos",
        t=node)]
    out["targets"] = [target_link(store, t) for t in v.get(iri.RKG + "servesTarget", [])]
    own = _parent_target(store, node)
    out["parent_target"] = own
    out["legal_basis"] = [{"via": r["via"], "document": ref(r["doc"], r["id"]), "date": r["date"]}
                          for r in queries.run(store, "legal_basis_chain", task=node)]
    out["provenance"] = provenance(store, node)
    # the extraction's confidence in each field (rkg:leadConfidence, ...; graph.build), and how it was got
    out["confidence_fields"] = {f: float(_one(v, iri.RKG + p)) for f, p in CONFIDENCE_FIELDS.items()
                                if _one(v, iri.RKG + p)} or None
    return out


def target_link(store, node: str) -> dict:
    """A target as a reference plus its parent provincial target (score, method)."""
    names = labels(store, [node])
    return {**ref(node, names.get(node)), "parent_target": _parent_target(store, node)}


def _parent_target(store, node: str) -> dict | None:
    rows = store.select(P + """SELECT ?parent ?text ?score ?method ?gap ?plan WHERE {
        ?item rkg:parentTarget ?parent . ?parent rdfs:label ?text .
        OPTIONAL { ?parent rkg:inPlan ?plan }
        OPTIONAL { ?l a rkg:TargetLink ; rkg:linkFrom ?item ; rkg:linkTo ?parent .
                   OPTIONAL { ?l rkg:score ?score } OPTIONAL { ?l rkg:method ?method }
                   OPTIONAL { ?l rkg:yearGap ?gap } } }""", item=node)
    if not rows:
        return None
    r = rows[0]
    return {**ref(r["parent"], r["text"]), "score": float(r["score"]) if r["score"] else None,
            "method": r["method"], "year_gap": int(r["gap"]) if r["gap"] else None,
            "plan": ref(r["plan"], labels(store, [r["plan"]]).get(r["plan"])) if r["plan"] else None}


def provenance(store, node: str) -> dict | None:
    rows = store.select(P + """SELECT ?source ?file ?quote ?first ?last ?page WHERE {
        ?n prov:wasDerivedFrom ?source . OPTIONAL { ?source rdfs:label ?file }
        OPTIONAL { ?n rkg:quote ?q . ?q oa:exact ?quote OPTIONAL { ?q rkg:firstLine ?first }
                   OPTIONAL { ?q rkg:lastLine ?last } OPTIONAL { ?q rkg:page ?page } } }""", n=node)
    if not rows:
        return None
    r = rows[0]
    return {"source": r["file"], "source_iri": r["source"], "quote": r["quote"],
            "first_line": int(r["first"]) if r["first"] else None,
            "last_line": int(r["last"]) if r["last"] else None, "page": int(r["page"]) if r["page"] else None}


# ---------------------------------------------------------------- agencies
_AGENCIES = P + """
SELECT ?a ?kind ?label ?place ?placeLabel ?parent (COUNT(DISTINCT ?t) AS ?led) (COUNT(DISTINCT ?c) AS ?coordinated) WHERE {
  VALUES (?class ?kind) { (org:Organization "agency") (rkg:AgencyGroup "group") }
  ?a a ?class .
  OPTIONAL { ?a skos:prefLabel ?label }
  OPTIONAL { ?a rkg:jurisdiction ?place . ?place rdfs:label ?placeLabel }
  OPTIONAL { ?a org:subOrganizationOf ?parent }
  OPTIONAL { ?t rkg:leadAgency ?a }
  OPTIONAL { ?c rkg:coordinatingAgency ?a }
} GROUP BY ?a ?kind ?label ?place ?placeLabel ?parent ORDER BY ?placeLabel ?label ?a"""


def agencies(store, province: str | None = None, q: str | None = None, kind: str | None = None) -> list[dict]:
    """Agencies, their units and agency groups, with how many tasks each leads and coordinates."""
    rows = store.select(_AGENCIES)
    places = set().union(*(places_in(store, p) for p in _many(province))) if province else None
    out: OrderedDict[str, dict] = OrderedDict()
    for r in rows:
        if r["a"] in out or (places is not None and r["place"] not in places):
            continue
        out[r["a"]] = {"id": node_id(r["a"]), "iri": r["a"], "url": urls.rest(r["a"]), "page": urls.page(r["a"]),
                       "kind": "unit" if r["parent"] else r["kind"], "label": r["label"],
                       "jurisdiction": r["placeLabel"], "parent": r["parent"],
                       "tasks_led": int(r["led"]), "tasks_coordinated": int(r["coordinated"])}
    items = list(out.values())
    if kind:
        items = [a for a in items if a["kind"] == kind]
    if q:
        words = fold(q).split()
        items = [a for a in items if all(w in fold(a["label"] or "") for w in words)]
    return items


def agency(store, node: str) -> dict | None:
    """An agency, unit or group: names, jurisdiction, parent and units, tasks it leads and coordinates."""
    v = props(store, node)
    if not v.get(iri.SKOS + "prefLabel"):
        return None
    kinds = set(v.get(iri.RDF + "type", []))
    place = _one(v, iri.RKG + "jurisdiction")
    return {"id": node_id(node), "iri": node, "label": _one(v, iri.SKOS + "prefLabel"),
            "other_names": sorted(set(v.get(iri.SKOS + "prefLabel", [])[1:] + v.get(iri.SKOS + "altLabel", []))),
            "kind": "group" if iri.RKG + "AgencyGroup" in kinds else
                    ("unit" if iri.ORG + "OrganizationalUnit" in kinds else "agency"),
            "jurisdiction": labels(store, [place]).get(place),
            "parent": (refs(store, v.get(iri.ORG + "subOrganizationOf", [])) or [None])[0],
            "units": refs(store, [r["u"] for r in store.select(P + "SELECT ?u WHERE { ?u org:subOrganizationOf ?a } ORDER BY ?u", a=node)]),
            "tasks_led": with_agencies(store, tasks(store, agency=node)),
            "tasks_coordinated": with_agencies(store, tasks(store, agency=node, coordinating=True))}


# ---------------------------------------------------------------- plans
_PLANS = P + """
SELECT ?plan ?label ?level ?year ?province ?provinceLabel ?issuer ?issuerLabel ?parent
       (COUNT(DISTINCT ?t) AS ?tasks) (COUNT(DISTINCT ?g) AS ?targets) WHERE {
  ?plan a rkg:Plan ; rdfs:label ?label .
  OPTIONAL { ?plan rkg:level ?level } OPTIONAL { ?plan rkg:year ?year }
  OPTIONAL { ?plan rkg:province ?province . ?province rdfs:label ?provinceLabel }
  OPTIONAL { ?plan eli:passed_by ?issuer . ?issuer skos:prefLabel ?issuerLabel }
  OPTIONAL { ?plan rkg:parentPlan ?parent }
  OPTIONAL { ?t rkg:inPlan ?plan ; a rkg:Task }
  OPTIONAL { ?g rkg:inPlan ?plan ; a rkg:Target }
} GROUP BY ?plan ?label ?level ?year ?province ?provinceLabel ?issuer ?issuerLabel ?parent
ORDER BY ?provinceLabel DESC(?year) ?plan"""


def plans(store, province: str | None = None, year: int | None = None, level: str | None = None) -> list[dict]:
    out: OrderedDict[str, dict] = OrderedDict()
    for r in store.select(_PLANS):
        if r["plan"] in out or (province and r["province"] not in _many(province)) \
                or (year and r["year"] != str(year)) or (level and r["level"] != level):
            continue
        out[r["plan"]] = {"id": node_id(r["plan"]), "iri": r["plan"], "url": urls.rest(r["plan"]),
                          "page": urls.page(r["plan"]), "label": r["label"], "level": r["level"],
                          "year": int(r["year"]) if r["year"] else None, "province": r["provinceLabel"],
                          "issuer": r["issuerLabel"], "parent_plan": r["parent"],
                          "tasks": int(r["tasks"]), "targets": int(r["targets"])}
    return list(out.values())


def plan(store, node: str) -> dict | None:
    """A plan: metadata, issuer, what it implements, parent and child plans, targets, tasks per area."""
    v = props(store, node)
    if iri.RKG + "Plan" not in v.get(iri.RDF + "type", []):
        return None
    one = lambda p: _one(v, p)     # noqa: E731
    names = labels(store, [one(iri.RKG + "province"), one(iri.RKG + "jurisdiction"), one(iri.ELI + "passed_by")])
    link = store.select(P + "SELECT ?method ?gap WHERE { ?l a rkg:PlanLink ; rkg:linkFrom ?p "
                            "OPTIONAL { ?l rkg:method ?method } OPTIONAL { ?l rkg:yearGap ?gap } }", p=node)
    parent = (refs(store, v.get(iri.RKG + "parentPlan", [])) or [None])[0]
    if parent and link:
        parent.update(method=link[0]["method"], year_gap=int(link[0]["gap"]) if link[0]["gap"] else None)
    areas = store.select(P + """SELECT ?code ?label (COUNT(DISTINCT ?t) AS ?tasks) (COUNT(DISTINCT ?g) AS ?targets) WHERE {
        ?area skos:inScheme <https://w3id.org/reformkg/id/area> ; skos:notation ?code ; skos:prefLabel ?label
        FILTER (lang(?label) = "vi")
        OPTIONAL { VALUES ?type { rkg:Task rkg:Activity } ?t a ?type ; rkg:inPlan ?plan ; rkg:area ?area }
        OPTIONAL { ?g a rkg:Target ; rkg:inPlan ?plan ; rkg:area ?area }
    } GROUP BY ?code ?label ORDER BY ?code""", plan=node)
    targets = store.select(P + """SELECT ?t ?text ?ref WHERE { ?t a rkg:Target ; rkg:inPlan ?plan ; rdfs:label ?text
        OPTIONAL { ?t rkg:ref ?ref } OPTIONAL { ?t rkg:position ?pos } } ORDER BY ?pos ?t""", plan=node)
    sources = store.select(P + """SELECT ?src ?label ?path ?format WHERE { ?plan prov:wasDerivedFrom ?src .
        OPTIONAL { ?src rdfs:label ?label } OPTIONAL { ?src rkg:path ?path } OPTIONAL { ?src dcterms:format ?format } }
        ORDER BY ?path ?label ?src""", plan=node)
    return {"id": node_id(node), "iri": node, "label": one(iri.RDFS + "label"), "title": one(iri.ELI + "title"),
            "level": one(iri.RKG + "level"), "year": int(one(iri.RKG + "year")) if one(iri.RKG + "year") else None,
            "province": names.get(one(iri.RKG + "province")), "jurisdiction": names.get(one(iri.RKG + "jurisdiction")),
            "issuer": ref(one(iri.ELI + "passed_by"), names.get(one(iri.ELI + "passed_by"))),
            "adopting_act": one(iri.RKG + "adoptingAct"),
            "implements": refs(store, v.get(iri.RKG + "implements", [])),
            "replaces": refs(store, v.get(iri.DCT + "replaces", [])),
            "parent_plan": parent,
            "child_plans": refs(store, [r["c"] for r in store.select(
                P + "SELECT ?c WHERE { ?c rkg:parentPlan ?p } ORDER BY ?c", p=node)]),
            "sources": [{"iri": r["src"], "label": r["label"] or r["path"] or r["src"], "path": r["path"],
                         "format": r["format"]} for r in sources],       # every file the plan was read from
            "areas": [{"area": r["code"], "label": r["label"], "tasks": int(r["tasks"]), "targets": int(r["targets"])}
                      for r in areas],
            "targets": [{**ref(r["t"], r["text"]), "ref": r["ref"]} for r in targets],
            "tasks_url": urls.collection("task", plan=node_id(node))}


# ---------------------------------------------------------------- targets
_TARGETS = P + """
SELECT ?t ?text ?ref ?plan ?planLabel ?province ?code ?parent (COUNT(DISTINCT ?task) AS ?tasks) WHERE {
  ?t a rkg:Target ; rdfs:label ?text ; rkg:inPlan ?plan . ?plan rdfs:label ?planLabel .
  OPTIONAL { ?plan rkg:province ?province }
  OPTIONAL { ?t rkg:ref ?ref } OPTIONAL { ?t rkg:position ?pos }
  OPTIONAL { ?t rkg:area/skos:notation ?code }
  OPTIONAL { ?t rkg:parentTarget ?parent }
  OPTIONAL { ?task rkg:servesTarget ?t }
} GROUP BY ?t ?text ?ref ?plan ?planLabel ?province ?code ?parent ?pos ORDER BY ?plan ?pos ?t"""


def targets(store, plan: str | None = None, province: str | None = None, area: str | None = None) -> list[dict]:
    out: OrderedDict[str, dict] = OrderedDict()
    for r in store.select(_TARGETS):
        if r["t"] in out or (plan and r["plan"] not in _many(plan)) \
                or (province and r["province"] not in _many(province)) or (area and r["code"] not in _many(area)):
            continue
        out[r["t"]] = {"id": node_id(r["t"]), "iri": r["t"], "url": urls.rest(r["t"]), "page": urls.page(r["t"]),
                       "ref": r["ref"], "text": r["text"], "plan": ref(r["plan"], r["planLabel"]),
                       "area": r["code"], "parent_target": r["parent"], "tasks": int(r["tasks"])}
    return list(out.values())


def target(store, node: str) -> dict | None:
    """A target: text, plan, area, legal basis, the tasks serving it, parent and child targets."""
    v = props(store, node)
    if iri.RKG + "Target" not in v.get(iri.RDF + "type", []):
        return None
    plan_node = _one(v, iri.RKG + "inPlan")
    children = store.select(P + """SELECT ?c ?text ?score WHERE { ?c rkg:parentTarget ?t ; rdfs:label ?text
        OPTIONAL { ?l rkg:linkFrom ?c ; rkg:linkTo ?t ; rkg:score ?score } } ORDER BY DESC(?score)""", t=node)
    return {"id": node_id(node), "iri": node, "ref": _one(v, iri.RKG + "ref"), "text": _one(v, iri.RDFS + "label"),
            "plan": ref(plan_node, labels(store, [plan_node]).get(plan_node)),
            "section": _one(v, iri.RKG + "section"),
            "area": (_one(v, iri.RKG + "area") or "").rsplit("/", 1)[-1] or None,
            "legal_basis": refs(store, v.get(iri.RKG + "legalBasis", [])),
            "parent_target": _parent_target(store, node),
            "child_targets": [{**ref(r["c"], r["text"]), "score": float(r["score"]) if r["score"] else None}
                              for r in children],
            "tasks": with_agencies(store, tasks(store, target=node)),
            "provenance": provenance(store, node)}


# ---------------------------------------------------------------- filters as people type them
class Found(NamedTuple):
    """What a typed filter value names: IRIs (area codes for areas); none: `suggestions`, near names."""
    nodes: list[str]
    suggestions: list[str]


_NAMES = {
    "agency": P + """SELECT ?n ?l WHERE { VALUES ?c { org:Organization rkg:AgencyGroup }
                     ?n a ?c ; skos:prefLabel|skos:altLabel ?l }""",
    "plan": P + "SELECT ?n ?l WHERE { ?n a rkg:Plan ; rdfs:label|eli:title ?l }",
    "province": P + 'SELECT ?n ?l WHERE { ?n a rkg:Jurisdiction ; rkg:level "province" ; rdfs:label ?l }',
    "legal": P + "SELECT ?n ?l WHERE { ?n a eli:LegalResource ; eli:id_local ?l }",
}
KINDS = {"agency": ("agency", "group"), "plan": ("plan",), "province": ("place",), "legal": ("legal",)}


def names(store, kind: str) -> list[tuple[str, str]]:
    """(node, name) of every thing of a kind a filter can name: 'agency' (agencies, units, groups: every
    name), 'plan' (label, title), 'province', 'legal' (canonical id), 'area' (code: short name, heading)."""
    if kind == "area":
        return [(a.code, n) for a in AREAS for n in (a.label, a.heading, a.code)]
    return [(r["n"], r["l"]) for r in store.select(_NAMES[kind]) if r["l"]]


def choices(store, kind: str) -> list[str]:
    """The names a person can pick for a filter (the page's <datalist>), sorted, one per spelling."""
    seen: dict[str, str] = {}
    for node, name in names(store, kind):
        if kind == "area" and name == node:
            continue
        seen.setdefault(fold(name), name)
    return sorted(seen.values(), key=fold)


def _key(kind: str, text: str) -> str:
    return fold(place_name(text) if kind == "province" else text)


def find(store, kind: str, value: str) -> Found:
    """A filter value as a person types it -> what it names. In order: an id (the IRI path after
    .../id/<kind>/, or the IRI) or area code; a name equal to the value, diacritics, case and spacing
    ignored ('so noi vu', 'SởNộiVụ' -> every Sở Nội vụ); names with every typed word as a word start
    ('Sở Nội' -> Sở Nội vụ); for legal documents, the best ranked by graph.search ('NĐ118',
    'nd 118/2025'). Nothing: near names as suggestions."""
    value = (value or "").strip()
    if kind == "legal":
        return _find_legal(store, value)
    pairs = names(store, kind)
    by_id = {node_id(n) if kind != "area" else n: n for n, _ in pairs} | {n: n for n, _ in pairs}
    if value.strip("/") in by_id:
        return Found([by_id[value.strip("/")]], [])
    v = _key(kind, value)
    keyed = [(n, _key(kind, name), name) for n, name in pairs]
    exact = [n for n, k, _ in keyed if k.replace(" ", "") == v.replace(" ", "")]
    if v and exact:
        return Found(list(dict.fromkeys(exact)), [])
    words = v.split()
    partial = [n for n, k, _ in keyed if words and all(re.search(rf"\b{re.escape(w)}", k) for w in words)]
    if partial:
        return Found(list(dict.fromkeys(partial)), [])
    return Found([], near(v, [(k, name) for _, k, name in keyed]))


def near(folded: str, keyed: list[tuple[str, str]], n: int = 5) -> list[str]:
    """Up to n names near a folded value: by the words they share (Jaccard) plus their spelling's
    likeness (difflib), best first; names sharing nothing and spelt unlike are left out."""
    display: dict[str, str] = {}
    for k, name in keyed:
        display.setdefault(k, name)
    words = set(folded.split())

    def score(k: str) -> float:
        shared = len(words & set(k.split())) / len(words | set(k.split())) if words else 0.0
        return shared + difflib.SequenceMatcher(None, folded, k).ratio()
    ranked = sorted(((score(k), k) for k in display), key=lambda x: (-x[0], x[1]))
    return [display[k] for s, k in ranked[:n] if s >= 0.6]


def _find_legal(store, value: str) -> Found:
    pairs = names(store, "legal")
    ids = {node_id(n): n for n, _ in pairs}
    if value in ids or value in ids.values():
        return Found([ids.get(value, value)], [])
    best = search.best_matches(store, value)
    if best:
        return Found([d["iri"] for d in best], [])
    return Found([], near(fold(value), [(fold(label), label) for _, label in pairs]))


# ---------------------------------------------------------------- a plan's source text
def source(store, plan: str) -> dict | None:
    """A plan's source text as stored at ingest (graph.build.source_text: prov:value of its source file, the
    file's name first), one string per line (line n = lines[n-1]); the file its tasks were read from first. None: no such
    plan; 'lines' None: the text was not stored (records ingested without their file)."""
    rows = store.select(P + """SELECT ?label ?src ?file ?path ?format ?text ?own WHERE {
        ?plan a rkg:Plan ; rdfs:label ?label ; prov:wasDerivedFrom ?src .
        OPTIONAL { ?src rdfs:label ?file } OPTIONAL { ?src rkg:path ?path } OPTIONAL { ?src dcterms:format ?format }
        OPTIONAL { ?src prov:value ?text }
        OPTIONAL { ?g rkg:plan ?plan ; rkg:source ?src BIND (true AS ?own) } }""", plan=plan)
    if not rows:
        return None
    r = sorted(rows, key=lambda r: (r["text"] is None, r["own"] is None, r["path"] or ""))[0]
    return {"plan": ref(plan, r["label"]), "file": r["file"], "path": r["path"], "format": r["format"],
            "source_iri": r["src"], "lines": r["text"].split("\n")[1:] if r["text"] is not None else None}
