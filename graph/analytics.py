"""networkx projections of the graph, for the server and the view.

legal_chain(store, doc)  document -> tasks citing it -> their plans -> lead agencies
                         (+ plans implementing it, documents amending/replacing it)
task_chain(store, task)  task -> target -> parent target; task -> legal basis -> what that
                         is based on; task -> plan -> parent plan; activity -> task

Both return nx.DiGraph; nodes are IRIs with attributes kind (task, activity, target,
plan, legal, agency, group, place, other), label, iri, and for tasks and activities
deadline, agency (lead agencies, '; '-joined), area, quote. Edges carry `relation`.
"""
from __future__ import annotations

import networkx as nx

from .iri import SPARQL_PREFIXES
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
