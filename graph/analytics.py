"""networkx projections of the graph, for the server, the graph view and the notebooks.

legal_chain(store, doc)  document -> tasks citing it -> their plans -> lead agencies
                         (+ plans implementing it, documents amending/replacing it)
task_chain(store, task)  task -> target -> parent target; task -> legal basis -> what that
                         is based on; task -> plan -> parent plan; activity -> task

Both return nx.DiGraph; nodes are IRIs with attributes kind (task, activity, target,
plan, legal, agency, group, place, other), label, iri, and for tasks and activities
deadline, agency (lead agencies, '; '-joined), area, quote. Edges carry `relation`.

The graphs of the graph view (drawn by api.graph_html, served at /view/<kind>/<ref>), each
node also carrying what the view's filters and tooltips need (`enrich`: province, area, ref,
date, source file and line), and in g.graph its `title` and `roots`:

    legal_document_graph(store, doc)  a document's reach: document -> tasks citing it -> plans
                                      -> provinces, with lead agencies (legal_chain)
    plan_graph(store, plan)           plan -> areas -> targets -> tasks -> activities, with agencies
                                      and the documents cited
    agency_graph(store, agency)       what an agency (and its units) leads and coordinates, deadlines
    task_graph(store, task)           target -> parent target, legal basis chain (task_chain)
    overview_graph(store)             whole store, aggregated: provinces, plans (collapsed into their
                                      province above `max_plans`), the most cited documents; laid
                                      out here in rings (a 'pos' on every node)
    graph_for(store, kind, ref)       the above by kind ('legal-document', 'plan', 'agency', 'task',
                                      'overview') and a reference as people give it (`resolve`): IRI,
                                      path under /id/, or a document typed 'NĐ 118/2025'
                                      (graph.search.find_legal)
    neighbours(store, node, limit)    a node and what it links to or is linked from by the relations
                                      of NEIGHBOUR_RELATIONS, both ways (the view's "expand a node")

plan_graph sets g.graph['layout'] = 'hierarchy' and a `level` on every node (LEVELS: plan 0, areas 1,
targets 2, tasks 3, activities 4, agencies 5, documents 6): the page draws it in columns.
"""
from __future__ import annotations

import math
import re

import networkx as nx

from . import iri
from .iri import SPARQL_PREFIXES, fold
from .search import find_legal
from .store import term

_PREFIX = SPARQL_PREFIXES

_KINDS = [("https://w3id.org/reformkg/ontology#Activity", "activity"),
          ("https://w3id.org/reformkg/ontology#Task", "task"),
          ("https://w3id.org/reformkg/ontology#Target", "target"),
          ("https://w3id.org/reformkg/ontology#Plan", "plan"),
          ("http://data.europa.eu/eli/ontology#LegalResource", "legal"),
          ("https://w3id.org/reformkg/ontology#AgencyGroup", "group"),
          ("http://www.w3.org/ns/org#Organization", "agency"),
          ("https://w3id.org/reformkg/ontology#Jurisdiction", "place")]

_DESCRIBE = _PREFIX + """
SELECT ?n ?type ?label ?deadline ?lead ?area ?quote WHERE {
  VALUES ?n { %s }
  OPTIONAL { ?n a ?type }
  OPTIONAL { ?n rdfs:label|skos:prefLabel ?label }
  OPTIONAL { ?n rkg:deadline/rdfs:label ?deadline }
  OPTIONAL { ?n rkg:leadAgency/skos:prefLabel ?lead }
  OPTIONAL { ?n rkg:area/skos:prefLabel ?area FILTER (lang(?area) = "vi") }
  OPTIONAL { ?n rkg:quote/oa:exact ?quote }
}"""

_LEGAL_EDGES = _PREFIX + """
SELECT ?s ?rel ?o WHERE {
  { ?o rkg:legalBasis ?doc . BIND(?doc AS ?s) BIND("implemented by task" AS ?rel) }
  UNION { ?o rkg:implements ?doc . ?o a rkg:Plan . BIND(?doc AS ?s) BIND("implemented by plan" AS ?rel) }
  UNION { ?t rkg:legalBasis ?doc ; rkg:inPlan ?o . BIND(?t AS ?s) BIND("in plan" AS ?rel) }
  UNION { ?s rkg:legalBasis ?doc ; rkg:leadAgency ?o . BIND("led by" AS ?rel) }
  UNION { ?s eli:amends ?doc . BIND(?doc AS ?o) BIND("amends" AS ?rel) }
  UNION { ?s dcterms:replaces ?doc . BIND(?doc AS ?o) BIND("replaces" AS ?rel) }
}"""

_TASK_EDGES = _PREFIX + """
SELECT ?s ?rel ?o WHERE {
  { ?task rkg:servesTarget ?o . BIND(?task AS ?s) BIND("serves target" AS ?rel) }
  UNION { ?task rkg:servesTarget? ?s . ?s rkg:parentTarget ?o . BIND("parent target" AS ?rel) }
  UNION { ?task rkg:partOf ?o . BIND(?task AS ?s) BIND("part of" AS ?rel) }
  UNION { ?task rkg:legalBasis ?o . BIND(?task AS ?s) BIND("legal basis" AS ?rel) }
  UNION { ?task rkg:inPlan ?o . BIND(?task AS ?s) BIND("in plan" AS ?rel) }
  UNION { ?task rkg:leadAgency ?o . BIND(?task AS ?s) BIND("led by" AS ?rel) }
  UNION { ?task rkg:inPlan/rkg:parentPlan* ?s . ?s rkg:parentPlan ?o . BIND("parent plan" AS ?rel) }
  UNION { ?task rkg:inPlan/rkg:parentPlan* ?s . ?s rkg:implements ?o . BIND("implements" AS ?rel) }
  UNION { ?task (rkg:legalBasis|rkg:inPlan/rkg:parentPlan*/rkg:implements)
                /(^rkg:adoptedBy/rkg:implements|eli:amends|dcterms:replaces|rkg:guides)* ?s .
          { ?s eli:amends ?o . BIND("amends" AS ?rel) }
          UNION { ?s dcterms:replaces ?o . BIND("replaces" AS ?rel) }
          UNION { ?s rkg:guides ?o . BIND("guides" AS ?rel) }
          UNION { ?p rkg:adoptedBy ?s ; rkg:implements ?o . BIND("adopts plan implementing" AS ?rel) } }
}"""


def _kind(types: set[str]) -> str:
    for t, k in _KINDS:
        if t in types:
            return k
    return "other"


def _project(store, sparql: str, **bindings) -> nx.DiGraph:
    g = nx.DiGraph()
    for r in store.select(sparql, **bindings):
        if r["s"] and r["o"]:
            g.add_edge(r["s"], r["o"], relation=r["rel"])
    for n in bindings.values():
        g.add_node(n)
    describe(store, g)
    return g


def describe(store, g: nx.DiGraph) -> nx.DiGraph:
    """Fill node attributes (kind, label, iri; deadline, agency, area, quote for tasks)."""
    nodes = [n for n in g.nodes if "://" in n]
    info: dict[str, dict] = {n: {"types": set(), "leads": []} for n in nodes}
    for start in range(0, len(nodes), 500):
        values = " ".join(term(n) for n in nodes[start:start + 500])
        for r in store.select(_DESCRIBE % values):
            i = info[r["n"]]
            if r["type"]:
                i["types"].add(r["type"])
            for k in ("label", "deadline", "area", "quote"):
                if i.get(k) is None:
                    i[k] = r[k]
            if r["lead"] and r["lead"] not in i["leads"]:
                i["leads"].append(r["lead"])
    for n, i in info.items():
        kind = _kind(i["types"])
        attrs = {"kind": kind, "label": i.get("label") or n.rsplit("/", 1)[-1], "iri": n}
        if kind in ("task", "activity"):
            attrs.update(deadline=i.get("deadline"), agency="; ".join(i["leads"]) or None,
                         area=i.get("area"), quote=i.get("quote"))
        g.nodes[n].update(attrs)
    return g


def legal_chain(store, doc: str) -> nx.DiGraph:
    """Implementation chain of a legal document: document -> tasks -> plans -> agencies."""
    return _project(store, _LEGAL_EDGES, doc=doc)


def task_chain(store, task: str) -> nx.DiGraph:
    """A task's chain: target -> parent target, legal basis -> its basis, plan -> parent plan."""
    return _project(store, _TASK_EDGES, task=task)


# ---------------------------------------------------------------- the graph view's graphs
LABEL_LIMIT = 38            # characters of a node label on the canvas; the full text is on hover


def short(text: str, limit: int = LABEL_LIMIT) -> str:
    """A canvas label: 'cải cách hành chính' as the usual 'CCHC', cut at a word boundary (api.graph_html
    draws node labels with it; task_graph's title uses it too)."""
    text = re.sub(r"(?i)cải cách hành chính", "CCHC", " ".join(text.split()))
    if len(text) <= limit:
        return text
    cut = text[:limit + 1]          # one more: a word ending exactly at the limit stays whole
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[:limit]
    return cut.rstrip(" ,;:.-–") + "…"


# ---------------------------------------------------------------- node attributes
# Every pattern starts from the bound ?n: a path like rkg:inProvince? with both ends free
# enumerates every term of the store (minutes on the 1.35M-triple benchmark store).
_ENRICH = _PREFIX + """
SELECT ?n ?vi ?area ?ref ?date ?source ?line WHERE {
  VALUES ?n { %s }
  OPTIONAL { ?n skos:prefLabel ?vi FILTER (lang(?vi) = "vi") }
  OPTIONAL { ?n rkg:area ?a . ?a skos:prefLabel ?area FILTER (lang(?area) = "vi") }
  OPTIONAL { ?n rkg:ref ?ref }
  OPTIONAL { ?n eli:date_document ?date }
  OPTIONAL { ?n prov:wasDerivedFrom ?src . ?src rdfs:label ?source }
  OPTIONAL { ?n rkg:quote ?q . ?q rkg:firstLine ?line }
}"""

_PROVINCE = _PREFIX + """
SELECT ?n ?province WHERE {
  VALUES ?n { %s }
  { ?n rkg:province ?p } UNION { ?n rkg:inPlan ?x . ?x rkg:province ?p }
  UNION { ?n rkg:jurisdiction ?p . ?p rkg:level "province" } UNION { ?n rkg:jurisdiction ?j . ?j rkg:inProvince ?p }
  UNION { ?n rkg:inProvince ?p } UNION { ?n a rkg:Jurisdiction ; rkg:level "province" . BIND (?n AS ?p) }
  ?p rdfs:label ?province
}"""


def enrich(store, g: nx.DiGraph) -> nx.DiGraph:
    """describe plus what the view filters and tooltips need: province and area of
    every node, Vietnamese labels of concepts, row numbers, dates, source file and line."""
    describe(store, g)
    nodes = [n for n in g.nodes if "://" in n]
    for start in range(0, len(nodes), 500):
        values = " ".join(term(n) for n in nodes[start:start + 500])
        for r in store.select(_ENRICH % values) + store.select(_PROVINCE % values):
            d = g.nodes[r["n"]]
            if r.get("vi") and d.get("kind") in (None, "other"):
                d["label"] = r["vi"]
            for k in ("province", "area", "ref", "date"):
                if r.get(k) and not d.get(k):
                    d[k] = r[k]
            if r.get("source") and not d.get("source"):
                d["source"] = r["source"] + (f", dòng {r['line']}" if r["line"] else "")
    for n, d in g.nodes(data=True):
        if str(n).startswith(iri.ID + "area/"):
            d["kind"], d["area"] = "area", d.get("label")
        if d.get("kind") == "place" and d.get("province") is None:
            d["province"] = d.get("label")
        if d.get("ref") and d.get("kind") in ("task", "activity", "target"):
            d["label"] = f"{d['ref']} {d['label']}"
    return g


def _edges(store, sparql: str, **bindings) -> nx.DiGraph:
    g = nx.DiGraph()
    for r in store.select(sparql, **bindings):
        if r["s"] and r["o"]:
            g.add_edge(r["s"], r["o"], relation=r["rel"], **({"label": r["label"]} if r.get("label") else {}))
    for n in bindings.values():
        g.add_node(n)
    return g


# ---------------------------------------------------------------- the view graphs
def legal_document_graph(store, doc: str) -> nx.DiGraph:
    g = legal_chain(store, doc)
    plans = [n for n, d in g.nodes(data=True) if d.get("kind") == "plan"]
    if plans:
        for r in store.select(_PREFIX + "SELECT ?plan ?p WHERE { VALUES ?plan { %s } ?plan rkg:province ?p }"
                              % " ".join(term(p) for p in plans)):
            g.add_edge(r["plan"], r["p"], relation="province")
    enrich(store, g)
    g.graph.update(roots=[doc], title=f"Phạm vi thực hiện: {g.nodes[doc].get('label', doc)}")
    return g


_PLAN = _PREFIX + """
SELECT DISTINCT ?s ?rel ?o WHERE {
  { ?x rkg:inPlan ?plan ; rkg:area ?o . BIND(?plan AS ?s) BIND("has area" AS ?rel) }
  UNION { ?o rkg:inPlan ?plan ; a rkg:Target . OPTIONAL { ?o rkg:area ?a }
          BIND(COALESCE(?a, ?plan) AS ?s) BIND("target" AS ?rel) }
  UNION { ?o rkg:inPlan ?plan ; a rkg:Task . OPTIONAL { ?o rkg:servesTarget ?t } OPTIONAL { ?o rkg:area ?a }
          BIND(COALESCE(?t, ?a, ?plan) AS ?s) BIND(IF(BOUND(?t), "served by", "task") AS ?rel) }
  UNION { ?o rkg:inPlan ?plan ; rkg:partOf ?s . BIND("activity" AS ?rel) }
  UNION { ?s rkg:inPlan ?plan ; rkg:leadAgency ?o . BIND("led by" AS ?rel) }
  UNION { ?s rkg:inPlan ?plan ; rkg:coordinatingAgency ?o . BIND("coordinated by" AS ?rel) }
  UNION { ?s rkg:inPlan ?plan ; rkg:legalBasis ?o . BIND("legal basis" AS ?rel) }
  UNION { ?plan rkg:implements|rkg:parentPlan ?o . BIND(?plan AS ?s)
          BIND(IF(EXISTS { ?plan rkg:parentPlan ?o }, "parent plan", "implements") AS ?rel) }
}"""


LEVELS = {"plan": 0, "area": 1, "target": 2, "task": 3, "activity": 4, "agency": 5, "group": 5, "legal": 6}


def plan_graph(store, plan: str) -> nx.DiGraph:
    g = enrich(store, _edges(store, _PLAN, plan=plan))
    for n, d in g.nodes(data=True):
        # the plan itself at 0; another plan (a parent plan) beside the documents
        d["level"] = 0 if n == plan else LEVELS["legal"] if d.get("kind") == "plan" \
            else LEVELS.get(d.get("kind"), LEVELS["legal"])
    g.graph.update(roots=[plan], title=f"Kế hoạch: {g.nodes[plan].get('label', plan)}", layout="hierarchy")
    return g


_AGENCY = _PREFIX + """
SELECT DISTINCT ?s ?rel ?o ?label WHERE {
  { ?o org:subOrganizationOf ?agency . BIND(?agency AS ?s) BIND("unit" AS ?rel) }
  UNION { ?o eli:passed_by ?agency ; a rkg:Plan . BIND(?agency AS ?s) BIND("issued" AS ?rel) }
  UNION { ?s org:subOrganizationOf? ?agency . ?o rkg:leadAgency ?s . BIND("leads" AS ?rel)
          OPTIONAL { ?o rkg:deadline/rdfs:label ?label } }
  UNION { ?s org:subOrganizationOf? ?agency . ?o rkg:coordinatingAgency ?s . BIND("coordinates" AS ?rel)
          OPTIONAL { ?o rkg:deadline/rdfs:label ?label } }
  UNION { ?u org:subOrganizationOf? ?agency . ?s rkg:leadAgency|rkg:coordinatingAgency ?u ; rkg:inPlan ?o .
          BIND("in plan" AS ?rel) }
}"""


def agency_graph(store, agency: str) -> nx.DiGraph:
    """Edges agency -> task carry the task's deadline as their canvas label."""
    g = enrich(store, _edges(store, _AGENCY, agency=agency))
    g.graph.update(roots=[agency], title=f"Cơ quan: {g.nodes[agency].get('label', agency)}")
    return g


def task_graph(store, task: str) -> nx.DiGraph:
    g = enrich(store, task_chain(store, task))
    g.graph.update(roots=[task], title=f"Chuỗi nhiệm vụ: {short(g.nodes[task].get('label', task), 60)}")
    return g


_OVERVIEW_PLANS = _PREFIX + """
SELECT ?plan (SAMPLE(?l) AS ?label) (SAMPLE(?p) AS ?province) (SAMPLE(?pl) AS ?provinceLabel)
       (COUNT(DISTINCT ?t) AS ?tasks) WHERE {
  ?plan a rkg:Plan ; rdfs:label ?l .
  OPTIONAL { ?plan rkg:province ?p . ?p rdfs:label ?pl }
  OPTIONAL { ?t rkg:inPlan ?plan ; a rkg:Task }
} GROUP BY ?plan"""

# three plain queries joined here: one query doing both the UNION and the id lookup ran for
# minutes on the 1.35M-triple benchmark store, these take about 2 s together
_OVERVIEW_CITES = _PREFIX + """
SELECT ?doc ?plan (COUNT(DISTINCT ?t) AS ?tasks) WHERE { ?t rkg:legalBasis ?doc ; rkg:inPlan ?plan }
GROUP BY ?doc ?plan"""
_OVERVIEW_IMPLEMENTS = _PREFIX + "SELECT DISTINCT ?doc ?plan WHERE { ?plan a rkg:Plan ; rkg:implements ?doc }"
_OVERVIEW_IDS = _PREFIX + "SELECT ?doc (SAMPLE(?i) AS ?id) WHERE { ?doc eli:id_local ?i } GROUP BY ?doc"


def overview_graph(store, max_plans: int = 200, max_documents: int = 40) -> nx.DiGraph:
    """Provinces -> plans -> the `max_documents` documents cited by most plans. Above `max_plans`
    plans, plans are collapsed into their province (node and edge counts say how many tasks),
    so a national-scale store gives a readable page of a few dozen nodes."""
    plans = store.select(_OVERVIEW_PLANS)
    collapse = len(plans) > max_plans
    g = nx.DiGraph()
    holder = {}                                   # plan -> the node standing for it
    for p in plans:
        prov = p["province"] or iri.place("unknown")
        if prov not in g:
            g.add_node(prov, kind="place", label=p["provinceLabel"] or "Không rõ tỉnh", iri=prov,
                       province=p["provinceLabel"], count=0, plans=0)
        g.nodes[prov]["count"] += int(p["tasks"])
        g.nodes[prov]["plans"] += 1
        if collapse:
            holder[p["plan"]] = prov
        else:
            g.add_node(p["plan"], kind="plan", label=p["label"], iri=p["plan"], province=p["provinceLabel"],
                       count=int(p["tasks"]))
            g.add_edge(prov, p["plan"], relation="has plan")
            holder[p["plan"]] = p["plan"]
    ids = {r["doc"]: r["id"] for r in store.select(_OVERVIEW_IDS)}
    cites: dict[str, dict[str, int]] = {}
    for r in store.select(_OVERVIEW_CITES) + store.select(_OVERVIEW_IMPLEMENTS):
        if r["doc"] in ids:
            cites.setdefault(r["doc"], {}).setdefault(r["plan"], int(r.get("tasks") or 0))
    top = sorted(cites, key=lambda d: (-len(cites[d]), -sum(cites[d].values()), ids[d]))[:max_documents]
    for doc in top:
        g.add_node(doc, kind="legal", label=ids[doc], iri=doc, count=sum(cites[doc].values()) or None)
        for plan, n in cites[doc].items():
            if plan in holder:
                src = holder[plan]
                count = (g.edges[src, doc]["count"] if g.has_edge(src, doc) else 0) + n
                g.add_edge(src, doc, relation="cites", count=count)
    for n, d in g.nodes(data=True):
        if d["kind"] == "place":
            d["label"] = f"{d['label']} ({d.pop('plans')} kế hoạch)"
    # rings: provinces inside, plans, the documents outside (a dense bipartite graph that the
    # physics would pile into one clump); each ring large enough for its nodes. The documents, boxes
    # holding their id whose labels the page keeps readable at any zoom, alternate between two radii
    # so that neighbours side by side at the top and bottom of the ring do not overlap.
    shells = [([n for n, d in g.nodes(data=True) if d["kind"] == k], k) for k in ("place", "plan", "legal")]
    radius = 0.0
    for shell, kind in ((s, k) for s, k in shells if s):
        radius = max(radius + 320, len(shell) * 70 / (2 * math.pi))
        for i, n in enumerate(sorted(shell, key=lambda n: fold(g.nodes[n].get("province") or "") + fold(g.nodes[n]["label"]))):
            a, r = 2 * math.pi * i / len(shell), radius + (200 if kind == "legal" and i % 2 else 0)
            g.nodes[n]["pos"] = (r * math.cos(a), r * math.sin(a))
    g.graph.update(title=f"Tổng quan: {len(plans)} kế hoạch, "
                         f"{sum(1 for _, d in g.nodes(data=True) if d['kind'] == 'place')} tỉnh"
                         + (" (kế hoạch gộp theo tỉnh)" if collapse else ""), roots=[])
    return g


# ---------------------------------------------------------------- growing a view
# predicate -> the relation name of the edge subject -> object (api.graph_html.RELATIONS words it);
# the links between resources a person follows: not types, provenance, quotes or deadline nodes
NEIGHBOUR_RELATIONS = {
    "rkg:leadAgency": "led by", "rkg:coordinatingAgency": "coordinated by", "rkg:legalBasis": "legal basis",
    "rkg:servesTarget": "serves target", "rkg:parentTarget": "parent target", "rkg:inPlan": "in plan",
    "rkg:partOf": "part of", "rkg:area": "in area", "rkg:implements": "implements",
    "rkg:parentPlan": "parent plan", "rkg:province": "province", "rkg:inProvince": "in province",
    "rkg:jurisdiction": "jurisdiction", "org:subOrganizationOf": "sub-organisation of",
    "eli:passed_by": "passed by", "eli:amends": "amends", "dcterms:replaces": "replaces", "rkg:guides": "guides",
    "rkg:adoptedBy": "adopted by",
}
_NEIGHBOURS = _PREFIX + """
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?p { %s }
  { ?n ?p ?o . BIND(?n AS ?s) } UNION { ?s ?p ?n . BIND(?n AS ?o) }
  FILTER (isIRI(?s) && isIRI(?o))
}""" % " ".join(NEIGHBOUR_RELATIONS)


def neighbours(store, node: str, limit: int = 150) -> nx.DiGraph:
    """`node` and its neighbours by NEIGHBOUR_RELATIONS (edges as in the data, subject -> object),
    described as the views' nodes (enrich). Past `limit` neighbours, the first `limit` by relation and
    IRI are kept (cut before describing them: an area links to every task of it in the store) and
    g.graph['more'] says how many were left out. LookupError if the node is not in the store."""
    names = {iri.PREFIXES[p.split(":")[0]] + p.split(":")[1]: r for p, r in NEIGHBOUR_RELATIONS.items()}
    rows = store.select(_NEIGHBOURS, n=node)
    if not rows and not store.query("ASK { ?n ?p ?o }", bindings={"n": node}):
        raise LookupError(f"no node {node!r} in the store")
    g = nx.DiGraph()
    g.add_node(node)
    for r in rows:
        g.add_edge(r["s"], r["o"], relation=names.get(r["p"], r["p"]))
    relation = lambda m: (g.edges[node, m] if g.has_edge(node, m) else g.edges[m, node])["relation"]  # noqa: E731
    others = sorted((m for m in g if m != node), key=lambda m: (relation(m), m))
    g.remove_nodes_from(others[limit:])
    enrich(store, g)
    g.graph.update(roots=[node], more=max(0, len(others) - limit), total=len(others))
    return g


# ---------------------------------------------------------------- finding what to show
_PREFIXES = {"legal-document": ["legal/"], "plan": ["plan/"], "agency": ["agency/", "group/"], "task": ["task/"]}


def resolve(store, kind: str, ref: str) -> str:
    """A reference -> IRI: the IRI itself, its path under /id/ ('plan/000-...'), the path after the
    kind ('000-...'), or for legal documents the id as typed (find_legal). LookupError if absent."""
    ref = ref.strip()
    if kind not in _PREFIXES:
        raise LookupError(f"unknown view kind {kind!r}; use one of {', '.join(list(_PREFIXES) + ['overview'])}")
    if ref.startswith("/id/"):
        ref = ref[len("/id/"):]
    candidates = [ref] if "://" in ref else [iri.ID + ref] + [iri.ID + p + ref for p in _PREFIXES[kind]]
    for c in candidates:
        if not re.search(r"\s", c) and store.query("ASK { ?s ?p ?o }", bindings={"s": c}):
            return c
    if kind == "legal-document":
        return find_legal(store, ref)
    raise LookupError(f"no {kind} {ref!r} in the store")


_GRAPHS = {"legal-document": legal_document_graph, "plan": plan_graph, "agency": agency_graph, "task": task_graph}


def graph_for(store, kind: str, ref: str | None = None) -> nx.DiGraph:
    """The graph of one view; `ref` as `resolve` takes it (ignored for 'overview')."""
    if kind == "overview":
        return overview_graph(store)
    return _GRAPHS[kind](store, resolve(store, kind, ref or ""))
