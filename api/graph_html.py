"""The graph view as an HTML page (vis-network, the copy shipped inside pyvis): what api.views serves at
/view/<kind>/<ref> and `reformkg view` writes to a file.

    render(g, title=None, resource_base=None, served=False) -> str   a networkx graph of graph.analytics
                                      (graph_for, plan_graph, ...) -> HTML
    elements(g, resource_base, pos)   its nodes and edges as the page's vis DataSets hold them
    neighbours(store, node, resource_base) -> dict   a node's neighbours in that shape (the JSON of
                                      /view/neighbours, which the page adds when a node is expanded)
    view_legal_document / view_plan / view_agency / view_task (store, ref, resource_base=None),
    view_overview(store, resource_base=None) -> str   graph.analytics.graph_for, then render
    KINDS                             shape and colour of each kind of node; RELATIONS (+ RELATION_GROUPS,
                                      GROUP_COLORS, DASHED), FIELDS: the Vietnamese words, colour and
                                      dashes of edges, the captions of tooltips
    tree_layout(g), radial_layout(g, roots)   positions for the plan view (columns) and large views
    asset_path(name)                  the page's scripts: vis-network and api/static/graph_view.js

The page (template api/templates/graph_view.html, drawn with api.chrome's Jinja environment; neither
module imports FastAPI, so `reformkg view` does not load it; the code of the page is
api/static/graph_view.js) uses no CDN. Served (`served=True`) it carries the site's navigation
(api.chrome.NAV) and loads its scripts from /view/static/; as a file it inlines them, so it works
offline and from disk (without navigation and without expanding nodes). Every text from documents
reaches the page as JSON data and is put on screen as canvas text or DOM text nodes, never parsed as
HTML. Clicking a node shows its details with a link to its resource page: `resource_base + <path>`
for IRIs under https://w3id.org/reformkg/id/ when served (the server dereferences /id/<path>,
api.urls.page), the IRI itself in a standalone file; double-clicking it (or its details' button)
expands it. Edges are coloured by relation, named on the canvas and in a legend. The plan view is
drawn in columns (`tree_layout`); above LAYOUT_THRESHOLD nodes the positions are computed here
(`radial_layout`); either way the browser draws without physics. The page's search box makes the
tokens of the legal-document search (graph.search.tokens) in JS, from the same tables.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import networkx as nx
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from graph import iri
from graph import analytics
from graph.analytics import graph_for, short
from graph.iri import fold
from graph.search import STOP, TYPE_WORDS, tokens

from . import urls
from .chrome import ENV, NAV, vi_date

TEMPLATE = "graph_view.html"
STATIC = Path(__file__).resolve().parent / "static"
LAYOUT_THRESHOLD = 150      # above this many nodes the layout is computed here and physics is off: the
                            # physics took 2.7 s (200 nodes) and 4.9 s (300) to settle in benchmarks/view.py
STABILISATION = 200         # physics iterations before the drawing holds still
FONT_PX, EDGE_FONT_PX = 14, 11      # label sizes at zoom 1
MIN_LABEL_PX = 11           # labels are drawn from this size on screen (fading in from 1 px less, none under);
                            # `major` nodes' labels grow to stay this size
MAJOR_LIMIT = 60            # at most this many major nodes (a graph this small: all of them)
EDGE_LABEL_LIMIT = 150      # edges named on the canvas by default up to this many (views laid out by physics;
                            # the overview's rings and the plan's columns rely on the legend's colours)


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

RELATIONS = {   # analytics' relation names -> the Vietnamese words on an edge, read from its start to its end
    "implemented by task": "được nhiệm vụ thực hiện", "implemented by plan": "được kế hoạch thực hiện",
    "in plan": "thuộc kế hoạch", "led by": "chủ trì", "coordinated by": "phối hợp",
    "amends": "sửa đổi, bổ sung", "replaces": "thay thế", "guides": "hướng dẫn",
    "serves target": "thuộc mục tiêu", "served by": "nhiệm vụ", "parent target": "mục tiêu cấp trên",
    "part of": "thuộc nhiệm vụ", "activity": "hoạt động", "legal basis": "căn cứ", "parent plan": "kế hoạch cấp trên",
    "implements": "thực hiện", "adopts plan implementing": "ban hành kế hoạch thực hiện",
    "province": "tỉnh", "has area": "lĩnh vực", "target": "mục tiêu", "task": "nhiệm vụ", "unit": "đơn vị trực thuộc",
    "leads": "chủ trì", "coordinates": "phối hợp", "issued": "ban hành", "cites": "trích dẫn",
    "has plan": "kế hoạch", "in area": "thuộc lĩnh vực", "in province": "thuộc tỉnh", "jurisdiction": "địa bàn",
    "sub-organisation of": "trực thuộc", "passed by": "cơ quan ban hành", "adopted by": "ban hành kèm theo",
}
# edges coloured by what they link to (the colour of that kind of node); coordination dashed
RELATION_GROUPS = {
    "agency": {"led by", "coordinated by", "leads", "coordinates", "unit", "sub-organisation of", "issued",
               "passed by"},
    "legal": {"implemented by task", "implemented by plan", "legal basis", "implements", "amends", "replaces",
              "guides", "cites", "adopts plan implementing", "adopted by"},
    "target": {"serves target", "parent target", "target"},
    "plan": {"in plan", "has plan", "parent plan", "task", "served by", "activity", "part of"},
    "area": {"has area", "in area"},
    "place": {"province", "in province", "jurisdiction"},
}
GROUP_COLORS = {"agency": "#8e5ac8", "legal": "#c0392b", "target": "#e08214", "plan": "#1f6fb4",
                "area": "#c9a200", "place": "#8c6d31"}
DASHED = {"coordinated by", "coordinates", "parent plan", "parent target"}

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


def asset_path(name: str) -> Path | None:
    """The file of a script or style of the page: vis-network as shipped inside pyvis, or the page's
    own code in api/static/ (served at /view/static/<name>, api.views). None for any other name."""
    if name in ("vis-network.min.js", "vis-network.css"):
        import pyvis

        return Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / name
    return STATIC / name if name in ("graph_view.js",) else None


@lru_cache(maxsize=None)
def _asset(name: str, element: str) -> Markup:
    """An asset_path file to inline in a <script> or <style> element (which it must not close)."""
    text = asset_path(name).read_text(encoding="utf-8")
    if re.search(rf"</{element}", text, re.I):
        raise RuntimeError(f"{name} contains '</{element}' and cannot be inlined as is")
    return Markup(text)


def tree_layout(g: nx.Graph, column: float = 380.0, row: float = 46.0) -> dict:
    """Positions in columns by each node's `level` (graph.analytics.LEVELS: plan, areas, targets, tasks,
    activities | agencies, documents), left to right. Nodes with one natural parent (the nearest
    level before theirs) form a tree: leaves one `row` apart in the order of their labels
    ('1.2' before '1.10'), a parent level with its first child, so that the top left corner reads
    as a row (plan, its first area, its first target, ...) at a readable zoom. Agencies and documents,
    shared by many tasks, stand level with the mean of the nodes they link to, kept a `row` apart."""
    level = {n: d.get("level", 0) for n, d in g.nodes(data=True)}
    shared = {n for n, d in g.nodes(data=True) if d.get("kind") in ("agency", "group", "legal") and level[n] > 0}
    u = g.to_undirected(as_view=True)
    order = lambda n: _natural(str(g.nodes[n].get("label") or n))  # noqa: E731
    children: dict = {}
    roots = []
    for n in sorted((n for n in g if n not in shared), key=lambda n: (level[n], order(n))):
        ups = [m for m in u[n] if m not in shared and level[m] < level[n]]
        if ups:
            children.setdefault(max(ups, key=lambda m: (level[m], order(m))), []).append(n)
        else:
            roots.append(n)
    pos, slot = {}, [0]

    def place(n) -> float:              # recursive: the depth is at most 5 here
        kids = children.get(n, [])
        if kids:
            y = [place(c) for c in kids][0]
        else:
            y = slot[0] * row
            slot[0] += 1
        pos[n] = (level[n] * column, y)
        return y

    for r in roots:
        place(r)
    want = {n: sum(pos[m][1] for m in u[n] if m in pos) / max(1, sum(1 for m in u[n] if m in pos))
            for n in shared}
    for lv in sorted({level[n] for n in shared}):
        last = None
        for n in sorted((n for n in shared if level[n] == lv), key=lambda n: (want[n], order(n))):
            y = want[n] if last is None else max(want[n], last + row)
            pos[n], last = (lv * column, y), y
    return pos


def _natural(text: str) -> tuple:
    """Sort key: numbers as numbers ('1.2' before '1.10'), text folded."""
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.findall(r"\d+|\D+", fold(text)))


def relation_style(rel: str) -> dict:
    """How an edge of a relation is drawn and named: Vietnamese name, colour, dashes."""
    group = next((g for g, rels in RELATION_GROUPS.items() if rel in rels), None)
    return {"name": RELATIONS.get(rel, rel), "color": GROUP_COLORS.get(group, "#a7b0ba"),
            "dashes": rel in DASHED}


def elements(g: nx.Graph, resource_base: str | None = None, pos: dict | None = None) -> tuple[list, list]:
    """The nodes and edges of the page's vis DataSets (and of the JSON that expands a node):
    label (shortened, `full` the whole text), shape and colour of its kind, tooltip `info`, `search`
    tokens, `href`, `major` (its label kept readable when zoomed out), x/y when positioned."""
    pos = pos or {}
    roots = set(g.graph.get("roots", ()))
    major = _major(g)
    nodes = []
    for n, d in g.nodes(data=True):
        kind = d.get("kind") if d.get("kind") in KINDS else "other"
        full = " ".join(str(d.get("label") or n).split())
        info = {k: str(d[k]) for k in list(FIELDS) + ["quote"] if d.get(k) not in (None, "")}
        if "date" in info:                                                # on the page as dd/mm/yyyy
            info["date"] = vi_date(info["date"])
        size = min(34, 10 + 3 * math.log2(d["count"])) if isinstance(d.get("count"), int) and d["count"] > 1 else None
        node = {"id": str(n), "label": short(full), "shape": KINDS[kind].shape, "color": KINDS[kind].color,
                "size": size or (22 if n in roots else 14), "kind": kind, "full": full,
                "search": " ".join(tokens(" ".join([full] + list(info.values())))),
                "href": link(d.get("iri") or str(n), resource_base), "info": info, "major": n in major}
        if KINDS[kind].shape in _INSIDE:
            node["font"] = {"color": "#ffffff", "strokeWidth": 0}
        if n in pos:
            node.update(x=round(pos[n][0], 1), y=round(pos[n][1], 1), physics=False)
        nodes.append(node)
    edges = []
    for s, t, d in g.edges(data=True):
        rel = d.get("relation", "")
        style = relation_style(rel)
        text = style["name"] + (f" · {short(str(d['label']), 24)}" if d.get("label") else "")
        edge = {"from": str(s), "to": str(t), "rel": rel, "label": text, "color": {"color": style["color"]}}
        if style["dashes"]:
            edge["dashes"] = True
        if isinstance(d.get("count"), int) and d["count"] > 1:
            edge["value"] = d["count"]
        edges.append(edge)
    return nodes, edges


def _major(g: nx.Graph) -> set:
    """Nodes whose labels stay readable at any zoom: the roots, then by kind (areas, places, plans,
    documents, targets) while there are at most MAJOR_LIMIT; every node of a small graph. In the
    plan view (columns a row apart) only the plan and its areas: other labels would pile up."""
    if g.number_of_nodes() <= MAJOR_LIMIT:
        return set(g)
    major = set(r for r in g.graph.get("roots", ()) if r in g)
    hierarchy = g.graph.get("layout") == "hierarchy"
    for kind in ("area",) if hierarchy else ("area", "place", "plan", "legal", "target"):
        more = {n for n, d in g.nodes(data=True) if d.get("kind") == kind}
        if len(major | more) > MAJOR_LIMIT:
            break
        major |= more
    return major


def render(g: nx.Graph, title: str | None = None, resource_base: str | None = None,
           layout_threshold: int = LAYOUT_THRESHOLD, served: bool = False) -> str:
    """A networkx graph (nodes with kind, label, iri and the tooltip FIELDS) -> one HTML page.

    `resource_base` ('/id/' when served) makes the details of a node link to the server's resource
    pages; without it they link to the IRIs. `served`: a page of the server, with the site's
    navigation, its scripts from /view/static/ and nodes that expand from /view/neighbours;
    otherwise one self-contained file. A graph with g.graph['layout'] == 'hierarchy' (the plan view)
    is drawn in columns (`tree_layout`); above `layout_threshold` nodes the positions come from
    `radial_layout`; so they do when every node has a 'pos' (x, y): the browser then only draws."""
    title = title or g.graph.get("title") or "Đồ thị"
    pos = {n: d["pos"] for n, d in g.nodes(data=True) if "pos" in d}
    hierarchy = g.graph.get("layout") == "hierarchy" and len(pos) < g.number_of_nodes()
    if hierarchy:
        pos = tree_layout(g)
    elif len(pos) < g.number_of_nodes():
        pos = radial_layout(g, [r for r in g.graph.get("roots", ()) if r in g]) \
            if g.number_of_nodes() > layout_threshold else {}
    big = bool(pos)
    nodes, edges = elements(g, resource_base, pos)
    kinds: dict[str, int] = {}
    for n in nodes:
        kinds[n["kind"]] = kinds.get(n["kind"], 0) + 1
    options = {
        "physics": {"enabled": not big, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
                    "stabilization": {"enabled": True, "iterations": STABILISATION, "fit": True}},
        "layout": {"improvedLayout": len(nodes) <= 100, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": len(nodes) > layout_threshold,
                        "hideEdgesOnZoom": len(nodes) > layout_threshold, "doubleClick": True},
        # vis draws no label under drawThreshold - 1 px on screen and fades it in up to drawThreshold
        "nodes": {"font": {"size": FONT_PX, "face": "system-ui, sans-serif", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}, "borderWidth": 1,
                  "scaling": {"label": {"drawThreshold": MIN_LABEL_PX, "maxVisible": 40}}},
        "edges": {"smooth": {"type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.5} if hierarchy
                  else False if big else {"type": "continuous"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": EDGE_FONT_PX, "align": "horizontal", "color": "#4a5563", "strokeWidth": 3},
                  "scaling": {"min": 1, "max": 8, "label": {"drawThreshold": MIN_LABEL_PX, "maxVisible": 24}}},
    }
    legend = [{"kind": k, "name": KINDS[k].name, "shape": KINDS[k].shape, "color": KINDS[k].color, "count": c}
              for k, c in sorted(kinds.items(), key=lambda kc: list(KINDS).index(kc[0]))]
    values = lambda key: sorted({n["info"][key] for n in nodes if key in n["info"]}, key=fold)  # noqa: E731
    data = {"nodes": nodes, "edges": edges, "options": options, "layout": "hierarchy" if hierarchy else None,
            "kinds": {k: {"name": v.name, "color": v.color} for k, v in KINDS.items()},
            "captions": list(FIELDS.items()), "relations": {r: relation_style(r) for r in RELATIONS},
            "edgeLabels": len(edges) <= EDGE_LABEL_LIMIT and not big, "minLabelPx": MIN_LABEL_PX, "fontPx": FONT_PX,
            "edgeFontPx": EDGE_FONT_PX,
            "expand": urls.VIEW_PREFIX + urls.VIEW_NEIGHBOURS if served else None, **_search_tables()}
    scripts = {name: (urls.view_asset(name), None) if served else (None, _asset(name, "script"))
               for name in ("vis-network.min.js", "graph_view.js")}
    return ENV.get_template(TEMPLATE).render(
        title=title, legend=legend, all_kinds=[{"kind": k, **vars(v)} for k, v in KINDS.items()],
        areas=values("area"), provinces=values("province"),
        node_count=len(nodes), edge_count=len(edges), laid_out=big, hierarchy=hierarchy, data=data,
        nav=NAV if served else None, scripts=scripts,
        # as Jinja's tojson (< > & ' escaped), but Vietnamese as itself: a third of the \uXXXX size
        data_json=Markup(htmlsafe_json_dumps(data, ensure_ascii=False)),
        vis_css=_asset("vis-network.css", "style"))


def neighbours(store, node: str, resource_base: str | None = None, limit: int = 150) -> dict:
    """What expanding `node` adds: {"node", "nodes", "edges", "total", "more"} with nodes and edges as
    `elements` makes them (no positions: the page places them round the expanded node)."""
    g = analytics.neighbours(store, node, limit)
    nodes, edges = elements(g, resource_base)
    for n in nodes:
        n["major"] = False
    return {"node": node, "nodes": nodes, "edges": edges, "total": g.graph["total"], "more": g.graph["more"]}


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
