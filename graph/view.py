"""Interactive graph views: one self-contained HTML page per view (vis-network via pyvis).

    legal_document_graph(store, doc)  a document's reach: document -> tasks citing it -> plans
                                      -> provinces, with lead agencies (analytics.legal_chain)
    plan_graph(store, plan)           plan -> areas -> targets -> tasks -> activities, with agencies
                                      and the documents cited
    agency_graph(store, agency)       what an agency (and its units) leads and coordinates, deadlines
    task_graph(store, task)           target -> parent target, legal basis chain (analytics.task_chain)
    overview_graph(store)             whole store, aggregated: provinces, plans (collapsed into their
                                      province above `max_plans`), the most cited documents
    graph_for(store, kind, ref)       the above by kind ('legal-document', 'plan', 'agency', 'task',
                                      'overview') and a reference as people give it: IRI, path
                                      under /id/, or a document typed 'NĐ 118/2025' (`resolve`,
                                      `find_legal`, which uses the server's search, api.lookup)
    render(g, title=None, resource_base=None) -> str   any such networkx graph -> HTML
    view_legal_document / view_plan / view_agency / view_task (store, ref, resource_base=None),
    view_overview(store, resource_base=None) -> str

The page inlines vis-network (the copy shipped inside pyvis) and uses no CDN, so it works offline
and from disk. Every text from documents reaches the page as JSON data and is put on screen as
canvas text or DOM text nodes, never parsed as HTML. Clicking a node opens its resource page:
`resource_base + <path>` for IRIs under https://w3id.org/reformkg/id/ when served (the server
dereferences /id/<path>), the IRI itself in a standalone file. Above LAYOUT_THRESHOLD nodes the positions are computed
here (`radial_layout`) and the browser draws without physics.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from . import analytics, iri
from .iri import fold
from .store import term

TEMPLATES = Path(__file__).resolve().parent / "templates"
LAYOUT_THRESHOLD = 300      # above this many nodes the layout is computed here and physics is off
LABEL_LIMIT = 38            # characters of a node label on the canvas; the full text is on hover

_P = iri.SPARQL_PREFIXES


@dataclass(frozen=True)
class Kind:
    name: str       # Vietnamese, for the legend and tooltips
    shape: str      # vis-network shape
    color: str


KINDS = {      # one shape per kind (agency and group: same shape, group paler); box/ellipse hold the label
    "legal": Kind("Văn bản pháp lý", "box", "#c0392b"),
    "plan": Kind("Kế hoạch", "diamond", "#1f6fb4"),
    "task": Kind("Nhiệm vụ", "dot", "#2e9e49"),
    "activity": Kind("Hoạt động", "triangleDown", "#8fd19e"),
    "target": Kind("Mục tiêu, chỉ tiêu", "triangle", "#f28e1c"),
    "agency": Kind("Cơ quan", "hexagon", "#8e5ac8"),
    "group": Kind("Nhóm cơ quan", "square", "#c9b3ea"),
    "place": Kind("Tỉnh, xã", "ellipse", "#8c6d31"),
    "area": Kind("Lĩnh vực CCHC", "star", "#e6b800"),
    "other": Kind("Khác", "dot", "#9aa5b1"),
}
_INSIDE = {"box", "ellipse"}        # shapes drawing the label inside: white text on the colour

RELATIONS = {   # analytics' relation names -> what the tooltip of an edge says
    "implemented by task": "được nhiệm vụ thực hiện", "implemented by plan": "được kế hoạch thực hiện",
    "in plan": "thuộc kế hoạch", "led by": "chủ trì", "coordinated by": "phối hợp",
    "amends": "sửa đổi, bổ sung", "replaces": "thay thế", "guides": "hướng dẫn",
    "serves target": "phục vụ mục tiêu", "served by": "được thực hiện bởi", "parent target": "mục tiêu cấp trên",
    "part of": "thuộc nhiệm vụ", "activity": "hoạt động", "legal basis": "căn cứ", "parent plan": "kế hoạch cấp trên",
    "implements": "thực hiện", "adopts plan implementing": "ban hành kế hoạch thực hiện",
    "province": "tỉnh", "has area": "lĩnh vực", "target": "mục tiêu", "task": "nhiệm vụ", "unit": "đơn vị trực thuộc",
    "leads": "chủ trì", "coordinates": "phối hợp", "issued": "ban hành", "cites": "trích dẫn",
    "has plan": "kế hoạch",
}

# tooltip fields, in order (node attribute -> Vietnamese caption); 'quote' is shown apart
FIELDS = {"deadline": "Thời hạn", "agency": "Chủ trì", "area": "Lĩnh vực", "province": "Tỉnh",
          "date": "Ngày ban hành", "count": "Số nhiệm vụ", "source": "Nguồn"}


# ---------------------------------------------------------------- rendering
def short(text: str, limit: int = LABEL_LIMIT) -> str:
    """A canvas label: 'cải cách hành chính' as the usual 'CCHC', cut at a word boundary."""
    text = re.sub(r"(?i)cải cách hành chính", "CCHC", " ".join(text.split()))
    if len(text) <= limit:
        return text
    cut = text[:limit + 1]          # one more: a word ending exactly at the limit stays whole
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[:limit]
    return cut.rstrip(" ,;:.-–") + "…"


def link(node_iri: str, resource_base: str | None) -> str | None:
    """Where a click on a node goes: the server's page for our IRIs when served, else the IRI."""
    if not node_iri or "://" not in node_iri:
        return None
    if resource_base is not None and node_iri.startswith(iri.ID):
        return resource_base + node_iri[len(iri.ID):]
    return node_iri


def radial_layout(g: nx.Graph, roots=(), spacing: float = 46.0, step: float = 260.0) -> dict:
    """Positions on concentric rings around the roots: BFS depth = ring, each subtree in a wedge
    proportional to its leaves, so branches stay together. Linear in the graph's size: networkx's
    spring_layout took 8 s on 1,000 nodes and over 100 s on 5,000 here (and needs scipy)."""
    u = g.to_undirected(as_view=True)
    comps = sorted(nx.connected_components(u), key=len, reverse=True)
    starts = []
    for comp in comps:
        given = [r for r in roots if r in comp]
        starts.append(given[0] if given else max(comp, key=lambda n: (u.degree(n), str(n))))
    children: dict = {None: starts}
    depth = {None: -1} if len(starts) > 1 else {}
    for s in starts:
        depth[s] = 0 if len(starts) > 1 else -1
        for parent, kids in nx.bfs_successors(u, s):
            # siblings of one province side by side: a province's tasks, plans and the province
            # itself end up in one sector instead of being scattered round the rings
            children[parent] = sorted(kids, key=lambda c: (str(g.nodes[c].get("province") or ""),
                                                           str(g.nodes[c].get("kind") or ""), str(c)))
    top = None if len(starts) > 1 else starts[0]
    # depth of every node below the (possibly virtual) centre, leaf weights bottom-up
    order, stack = [], [top]
    while stack:
        n = stack.pop()
        order.append(n)
        for c in children.get(n, ()):
            depth[c] = depth[n] + 1
            stack.append(c)
    weight = {}
    for n in reversed(order):
        weight[n] = sum(weight[c] for c in children.get(n, ())) or 1
    per_ring: dict[int, int] = {}
    for n in order:
        per_ring[depth[n]] = per_ring.get(depth[n], 0) + 1
    radius, r = {}, 0.0
    for d in sorted(per_ring):
        r = 0.0 if d < 0 else max(r + step, per_ring[d] * spacing / (2 * math.pi))
        radius[d] = r
    pos, wedge = {}, {top: (0.0, 2 * math.pi)}
    for n in order:
        a0, a1 = wedge[n]
        if n is not None:
            mid = (a0 + a1) / 2
            pos[n] = (radius[depth[n]] * math.cos(mid), radius[depth[n]] * math.sin(mid))
        kids = children.get(n, ())
        total, a = sum(weight[c] for c in kids), a0
        for c in kids:
            span = (a1 - a0) * weight[c] / total
            wedge[c] = (a, a + span)
            a += span
    return pos


@lru_cache(maxsize=None)
def _asset(name: str, element: str) -> Markup:
    """A file of vis-network as shipped inside pyvis, to inline in a <script> or <style> element
    (which it must not close)."""
    import pyvis

    text = (Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")
    if re.search(rf"</{element}", text, re.I):
        raise RuntimeError(f"pyvis' {name} contains '</{element}' and cannot be inlined as is")
    return Markup(text)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))


def render(g: nx.Graph, title: str | None = None, resource_base: str | None = None,
           layout_threshold: int = LAYOUT_THRESHOLD) -> str:
    """A networkx graph (nodes with kind, label, iri and the tooltip FIELDS) -> one HTML page.

    `resource_base` ('/id/' when served) makes clicks open the server's resource pages; without
    it they open the IRIs. Above `layout_threshold` nodes the positions come from `radial_layout`
    and the browser only draws (physics off); so it does when every node has a 'pos' (x, y)."""
    from pyvis.network import Network

    title = title or g.graph.get("title") or "Đồ thị"
    pos = {n: d["pos"] for n, d in g.nodes(data=True) if "pos" in d}
    if len(pos) < g.number_of_nodes():
        pos = radial_layout(g, [r for r in g.graph.get("roots", ()) if r in g]) \
            if g.number_of_nodes() > layout_threshold else {}
    big = bool(pos)
    net = Network(directed=True, cdn_resources="in_line")
    kinds: dict[str, int] = {}
    for n, d in g.nodes(data=True):
        kind = d.get("kind") if d.get("kind") in KINDS else "other"
        kinds[kind] = kinds.get(kind, 0) + 1
        full = " ".join(str(d.get("label") or n).split())
        info = {k: str(d[k]) for k in list(FIELDS) + ["quote"] if d.get(k) not in (None, "")}
        extra = {"x": round(pos[n][0], 1), "y": round(pos[n][1], 1), "physics": False} if n in pos else {}
        size = min(34, 10 + 3 * math.log2(d["count"])) if isinstance(d.get("count"), int) and d["count"] > 1 else None
        net.add_node(str(n), label=short(full), shape=KINDS[kind].shape, color=KINDS[kind].color,
                     size=size or (22 if str(n) in g.graph.get("roots", ()) else 14),
                     kind=kind, full=full, search=" ".join(search_tokens(" ".join([full] + list(info.values())))),
                     href=link(d.get("iri") or str(n), resource_base), info=info, **extra,
                     **({"font": {"color": "#ffffff", "strokeWidth": 0}} if KINDS[kind].shape in _INSIDE else {}))
    for s, t, d in g.edges(data=True):
        rel = d.get("relation", "")
        edge = {"relation": RELATIONS.get(rel, rel)}
        if d.get("label"):
            edge["label"] = short(str(d["label"]), 24)
        if isinstance(d.get("count"), int) and d["count"] > 1:
            edge["value"] = d["count"]
        net.add_edge(str(s), str(t), **edge)
    nodes, edges, _, _, _, _ = net.get_network_data()
    options = {
        "physics": {"enabled": not big, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
                    "stabilization": {"enabled": True, "iterations": 400, "fit": True}},
        "layout": {"improvedLayout": len(nodes) <= 100, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
        "nodes": {"font": {"size": 13, "face": "system-ui, sans-serif", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}, "borderWidth": 1},
        "edges": {"smooth": False if big else {"type": "continuous"}, "color": {"color": "#a7b0ba"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "font": {"size": 10},
                  "scaling": {"min": 1, "max": 8}},
    }
    legend = [{"kind": k, "name": KINDS[k].name, "shape": KINDS[k].shape, "color": KINDS[k].color, "count": c}
              for k, c in sorted(kinds.items(), key=lambda kc: list(KINDS).index(kc[0]))]
    values = lambda key: sorted({n["info"][key] for n in nodes if key in n["info"]}, key=fold)  # noqa: E731
    data = {"nodes": nodes, "edges": edges, "options": options, "kinds": {k: v.name for k, v in KINDS.items()},
            "captions": list(FIELDS.items()), **_search_tables()}
    return _environment().get_template("view.html").render(
        title=title, legend=legend, areas=values("area"), provinces=values("province"),
        node_count=len(nodes), edge_count=len(edges), laid_out=big, data=data,
        vis_js=_asset("vis-network.min.js", "script"), vis_css=_asset("vis-network.css", "style"))


# ---------------------------------------------------------------- node attributes
# Every pattern starts from the bound ?n: a path like rkg:inProvince? with both ends free
# enumerates every term of the store (minutes on the 1.35M-triple benchmark store).
_ENRICH = _P + """
SELECT ?n ?vi ?area ?ref ?date ?source ?line WHERE {
  VALUES ?n { %s }
  OPTIONAL { ?n skos:prefLabel ?vi FILTER (lang(?vi) = "vi") }
  OPTIONAL { ?n rkg:area ?a . ?a skos:prefLabel ?area FILTER (lang(?area) = "vi") }
  OPTIONAL { ?n rkg:ref ?ref }
  OPTIONAL { ?n eli:date_document ?date }
  OPTIONAL { ?n prov:wasDerivedFrom ?src . ?src rdfs:label ?source }
  OPTIONAL { ?n rkg:quote ?q . ?q rkg:firstLine ?line }
}"""

_PROVINCE = _P + """
SELECT ?n ?province WHERE {
  VALUES ?n { %s }
  { ?n rkg:province ?p } UNION { ?n rkg:inPlan ?x . ?x rkg:province ?p }
  UNION { ?n rkg:jurisdiction ?p . ?p rkg:level "province" } UNION { ?n rkg:jurisdiction ?j . ?j rkg:inProvince ?p }
  UNION { ?n rkg:inProvince ?p } UNION { ?n a rkg:Jurisdiction ; rkg:level "province" . BIND (?n AS ?p) }
  ?p rdfs:label ?province
}"""


def enrich(store, g: nx.DiGraph) -> nx.DiGraph:
    """analytics.describe plus what the view filters and tooltips need: province and area of
    every node, Vietnamese labels of concepts, row numbers, dates, source file and line."""
    analytics.describe(store, g)
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


# ---------------------------------------------------------------- the views
def legal_document_graph(store, doc: str) -> nx.DiGraph:
    g = analytics.legal_chain(store, doc)
    plans = [n for n, d in g.nodes(data=True) if d.get("kind") == "plan"]
    if plans:
        for r in store.select(_P + "SELECT ?plan ?p WHERE { VALUES ?plan { %s } ?plan rkg:province ?p }"
                              % " ".join(term(p) for p in plans)):
            g.add_edge(r["plan"], r["p"], relation="province")
    enrich(store, g)
    g.graph.update(roots=[doc], title=f"Phạm vi thực hiện: {g.nodes[doc].get('label', doc)}")
    return g


_PLAN = _P + """
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


def plan_graph(store, plan: str) -> nx.DiGraph:
    g = enrich(store, _edges(store, _PLAN, plan=plan))
    g.graph.update(roots=[plan], title=f"Kế hoạch: {g.nodes[plan].get('label', plan)}")
    return g


_AGENCY = _P + """
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
    g = enrich(store, analytics.task_chain(store, task))
    g.graph.update(roots=[task], title=f"Chuỗi nhiệm vụ: {short(g.nodes[task].get('label', task), 60)}")
    return g


_OVERVIEW_PLANS = _P + """
SELECT ?plan (SAMPLE(?l) AS ?label) (SAMPLE(?p) AS ?province) (SAMPLE(?pl) AS ?provinceLabel)
       (COUNT(DISTINCT ?t) AS ?tasks) WHERE {
  ?plan a rkg:Plan ; rdfs:label ?l .
  OPTIONAL { ?plan rkg:province ?p . ?p rdfs:label ?pl }
  OPTIONAL { ?t rkg:inPlan ?plan ; a rkg:Task }
} GROUP BY ?plan"""

# three plain queries joined here: one query doing both the UNION and the id lookup ran for
# minutes on the 1.35M-triple benchmark store, these take about 2 s together
_OVERVIEW_CITES = _P + """
SELECT ?doc ?plan (COUNT(DISTINCT ?t) AS ?tasks) WHERE { ?t rkg:legalBasis ?doc ; rkg:inPlan ?plan }
GROUP BY ?doc ?plan"""
_OVERVIEW_IMPLEMENTS = _P + "SELECT DISTINCT ?doc ?plan WHERE { ?plan a rkg:Plan ; rkg:implements ?doc }"
_OVERVIEW_IDS = _P + "SELECT ?doc (SAMPLE(?i) AS ?id) WHERE { ?doc eli:id_local ?i } GROUP BY ?doc"


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
    # physics would pile into one clump); each ring large enough for its nodes
    shells = [[n for n, d in g.nodes(data=True) if d["kind"] == k] for k in ("place", "plan", "legal")]
    radius = 0.0
    for shell in (s for s in shells if s):
        radius = max(radius + 320, len(shell) * 70 / (2 * math.pi))
        for i, n in enumerate(sorted(shell, key=lambda n: fold(g.nodes[n].get("province") or "") + fold(g.nodes[n]["label"]))):
            a = 2 * math.pi * i / len(shell)
            g.nodes[n]["pos"] = (radius * math.cos(a), radius * math.sin(a))
    g.graph.update(title=f"Tổng quan: {len(plans)} kế hoạch, "
                         f"{sum(1 for _, d in g.nodes(data=True) if d['kind'] == 'place')} tỉnh"
                         + (" (kế hoạch gộp theo tỉnh)" if collapse else ""), roots=[])
    return g


# ---------------------------------------------------------------- finding what to show
def find_legal(store, text: str) -> str:
    """A legal document typed the way people type it ('NĐ 118/2025', 'nghi dinh 118', 'Nghị định
    số 118/2025/NĐ-CP') -> its IRI, by the server's ranked search (api.lookup). Raises LookupError
    when nothing matches, or when the best match ties with a document of the same id elsewhere
    ('3504/QĐ-UBND' of two provinces), listing their IRIs."""
    from api.lookup import legal_documents

    query = re.split(r"\bngay\b", fold(text))[0]     # '... ngày 09/6/2025': the date is no number of the id
    found = legal_documents(store, query) if search_tokens(query) else []
    if not found:
        raise LookupError(f"no legal document in the store matches {text!r}")
    best = found[0]
    ties = [d["iri"] for d in found if d["score"] == best["score"] and d["label"] == best["label"]]
    if len(ties) > 1:
        raise LookupError(f"{text!r} names several documents; give one of: " + ", ".join(ties))
    return best["iri"]


def search_tokens(text: str) -> list[str]:
    """Search tokens as the server's document search makes them (api.search.tokens): folded, type
    names abbreviated ('nghị định' -> 'nd'), filler words dropped. The page's search box makes the
    same tokens in JS from the same tables."""
    from api.search import tokens

    return tokens(text)


def _search_tables() -> dict:
    from api.search import STOP, TYPE_WORDS

    return {"typeWords": sorted(TYPE_WORDS.items(), key=lambda kv: -len(kv[0])), "stop": sorted(STOP)}


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


def view_legal_document(store, ref: str, resource_base: str | None = None) -> str:
    return render(graph_for(store, "legal-document", ref), resource_base=resource_base)


def view_plan(store, ref: str, resource_base: str | None = None) -> str:
    return render(graph_for(store, "plan", ref), resource_base=resource_base)


def view_agency(store, ref: str, resource_base: str | None = None) -> str:
    return render(graph_for(store, "agency", ref), resource_base=resource_base)


def view_task(store, ref: str, resource_base: str | None = None) -> str:
    return render(graph_for(store, "task", ref), resource_base=resource_base)


def view_overview(store, resource_base: str | None = None) -> str:
    return render(graph_for(store, "overview"), resource_base=resource_base)
