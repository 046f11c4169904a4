"""Read the graph for people: one dict per resource, one list of dicts per kind of resource.

Plain data (str, int, lists, dicts) so the same result becomes JSON, a CSV table or
an HTML page. Resource ids are the IRI path after .../id/<kind>/ ('nd-118-2025-nd-cp',
'ha-tinh/so-noi-vu', 'ha-tinh/ubnd-tinh/kh-2025-.../procedures/2-1'); every record carries its URLs
(api.urls). The legal-document search itself is the graph's (graph.search).
"""
from __future__ import annotations

from collections import OrderedDict

from graph import iri, queries, search
from graph.iri import SPARQL_PREFIXES, fold
from graph.search import places_in

from . import urls
from .urls import node_id

P = SPARQL_PREFIXES


def ref(node: str | None, label: str | None = None) -> dict | None:
    return None if not node else {"iri": node, "id": node_id(node), "label": label or node_id(node) or node,
                                  "url": urls.rest(node), "page": urls.page(node)}


def _values(var: str, nodes) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{n}>' for n in nodes)} }}"


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
    rows = store.select(P + f"""SELECT ?n ?l WHERE {{ {_values("n", nodes)}
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

_AGENCIES_OF = P + """SELECT ?task ?role ?agency ?label WHERE { %s
  { ?task rkg:leadAgency ?agency BIND("lead" AS ?role) } UNION { ?task rkg:coordinatingAgency ?agency BIND("coordinating" AS ?role) }
  OPTIONAL { ?agency skos:prefLabel ?label } } ORDER BY ?task ?role ?agency ?label"""


def tasks(store, task=None, doc=None, plan=None, province=None, area=None, agency=None, target=None, due_from=None,
          due_to=None, coordinating=False, q=None) -> list[dict]:
    """Tasks and activities with plan, province, area, deadline, agencies and source quote; filters:
    task (this one only), doc (cited), plan, province (place IRI), area (code), agency (leads it, or one of its units does;
    coordinates it with coordinating=True), target (served), due_from/due_to (ISO dates, deadline end),
    q (words of the text, diacritics and case folded)."""
    where, filters, bind = [], [], {}
    if task:
        bind["task"] = task
    if doc:
        where.append("?task rkg:legalBasis ?doc ."); bind["doc"] = doc
    if plan:
        bind["plan"] = plan
    if province:
        where.append("?plan rkg:province ?province ."); bind["province"] = province
    if area:
        where.append("?task rkg:area/skos:notation ?areaFilter ."); bind["areaFilter"] = area
    if agency:
        prop = "rkg:coordinatingAgency" if coordinating else "rkg:leadAgency"
        where.append(f"?task {prop}/org:subOrganizationOf* ?agencyFilter ."); bind["agencyFilter"] = agency
    if target:
        where.append("?task rkg:servesTarget ?target ."); bind["target"] = target
    if due_from:
        filters.append("FILTER (?end >= ?from)"); bind["from"] = due_from
    if due_to:
        filters.append("FILTER (?end <= ?to)"); bind["to"] = due_to
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
            "_order": (r["provinceLabel"] or "", r["plan"], int(r["pos"] or 0), r["task"])}
    out = sorted(seen.values(), key=lambda t: t.pop("_order"))
    if q:
        words = fold(q).split()
        out = [t for t in out if all(w in fold(t["text"]) for w in words)]
    return out


def with_agencies(store, items: list[dict]) -> list[dict]:
    """Fill 'lead' and 'coordinating' of task dicts (done per page: a task can have many agencies)."""
    if not items:
        return items
    by = {t["iri"]: t for t in items}
    for r in store.select(_AGENCIES_OF % _values("task", by)):
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
    }


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
    places = places_in(store, province) if province else None
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
        if r["plan"] in out or (province and r["province"] != province) or (year and r["year"] != str(year)) \
                or (level and r["level"] != level):
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
        if r["t"] in out or (plan and r["plan"] != plan) or (province and r["province"] != province) \
                or (area and r["code"] != area):
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
