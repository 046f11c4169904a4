"""The graph view as one self-contained HTML page (vis-network via pyvis): what api.views serves at
/view/<kind>/<ref> and `reformkg view` writes to a file.

    render(g, title=None, resource_base=None) -> str   a networkx graph of graph.analytics (graph_for,
                                      legal_document_graph, plan_graph, ...) -> HTML
    view_legal_document / view_plan / view_agency / view_task (store, ref, resource_base=None),
    view_overview(store, resource_base=None) -> str   graph.analytics.graph_for, then render
    KINDS                             shape and colour of each kind of node; RELATIONS, FIELDS: the
                                      Vietnamese words of edges and tooltips
    radial_layout(g, roots)           positions for large views

The page (template api/templates/graph_view.html, drawn with api.chrome's Jinja environment; neither
module imports FastAPI, so `reformkg view` does not load it) inlines vis-network (the copy shipped inside
pyvis) and uses no CDN, so it works offline and from disk. Every text from documents reaches the
page as JSON data and is put on screen as canvas text or DOM text nodes, never parsed as HTML.
Clicking a node opens its resource page: `resource_base + <path>` for IRIs under
https://w3id.org/reformkg/id/ when served (the server dereferences /id/<path>, api.urls.page), the
IRI itself in a standalone file. Above LAYOUT_THRESHOLD nodes the positions are computed here
(`radial_layout`) and the browser draws without physics. The page's search box makes the tokens of
the legal-document search (graph.search.tokens) in JS, from the same tables.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import networkx as nx
from markupsafe import Markup

from graph import iri
from graph.analytics import graph_for, short
from graph.iri import fold
from graph.search import STOP, TYPE_WORDS, tokens

from .chrome import ENV

TEMPLATE = "graph_view.html"
LAYOUT_THRESHOLD = 300      # above this many nodes the layout is computed here and physics is off


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
                     kind=kind, full=full, search=" ".join(tokens(" ".join([full] + list(info.values())))),
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
    return ENV.get_template(TEMPLATE).render(
        title=title, legend=legend, areas=values("area"), provinces=values("province"),
        node_count=len(nodes), edge_count=len(edges), laid_out=big, data=data,
        vis_js=_asset("vis-network.min.js", "script"), vis_css=_asset("vis-network.css", "style"))


def _search_tables() -> dict:
    """graph.search's type words and filler words, for the page's search box (JS)."""
    return {"typeWords": sorted(TYPE_WORDS.items(), key=lambda kv: -len(kv[0])), "stop": sorted(STOP)}


# ---------------------------------------------------------------- the views as pages
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
