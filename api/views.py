"""HTML graph views at /view/... (graphs: graph.analytics, pages: api.graph_html), each with a JSON
twin and a download.

    GET /view/legal-document/{ref}   a document's reach; ref = slug path ('nd-118-2025-nd-cp',
                                     'ha-tinh/qd-3504-qd-ubnd') or the id as typed ('NĐ 118/2025')
    GET /view/plan/{ref}  /view/agency/{ref}  /view/task/{ref}   ref = the IRI's path after /id/<kind>/
    GET /view/overview               the whole store, aggregated
    GET /view/neighbours?node=IRI    a node's neighbours, nodes and edges as the page holds them
                                     (api.graph_html.neighbours): what a page adds when a node is expanded
    GET /view/static/{name}          the page's scripts (vis-network, graph_view.js), cacheable
Query: ?format=json gives the graph as node-link JSON; ?download=1 gives the page as an attachment
that links to the IRIs instead of this server's /id/ pages and inlines its scripts, so it works once
saved to disk (without the site's navigation, and without expanding nodes).
URLs and kind names: api.urls (VIEWS, view_route, VIEW_NEIGHBOURS, view_asset).

The router reads the store the server's app holds (app.state.reformkg.store, api.server), else
graph.open_store().
"""
from __future__ import annotations

import networkx as nx
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

from graph import iri, open_store
from graph.analytics import graph_for

from . import graph_html, urls
from .graph_html import render

router = APIRouter(prefix=urls.VIEW_PREFIX, tags=["views"])


def _store(request: Request):
    state = getattr(request.app.state, "reformkg", None)
    return state.store if state else open_store()


def _respond(request: Request, kind: str, ref: str | None, fmt: str, download: bool):
    """kind: the IRI kind ('legal', 'plan', 'agency', 'task') or urls.OVERVIEW."""
    kind = urls.VIEWS.get(kind, kind)          # 'legal' -> 'legal-document', graph_for's name
    try:
        g = graph_for(_store(request), kind, ref)
    except LookupError as e:
        raise HTTPException(status_code=404, detail=str(e))
    if fmt == "json":
        return JSONResponse(nx.node_link_data(g, edges="edges"))
    html = render(g, resource_base=None if download else urls.PAGE_PREFIX, served=not download)
    headers = {}
    if download:
        root = (g.graph.get("roots") or [kind])[0]
        name = iri.slug(root.rsplit("/id/", 1)[-1]) if kind != urls.OVERVIEW else urls.OVERVIEW
        headers["Content-Disposition"] = f'attachment; filename="{kind}-{name}.html"'
    return HTMLResponse(html, headers=headers)


FORMAT = Query("html", pattern="^(html|json)$", description="html (trang tương tác) hoặc json (node-link)")
DOWNLOAD = Query(False, description="tải về một tệp độc lập, liên kết tới các IRI")


@router.get(urls.view_route("legal"), response_class=HTMLResponse, summary="Phạm vi tác động của một văn bản pháp luật")
def legal_document(request: Request, ref: str, format: str = FORMAT, download: bool = DOWNLOAD):
    return _respond(request, "legal", ref, format, download)


@router.get(urls.view_route("plan"), response_class=HTMLResponse, summary="Một kế hoạch: lĩnh vực, mục tiêu, nhiệm vụ, cơ quan")
def plan(request: Request, ref: str, format: str = FORMAT, download: bool = DOWNLOAD):
    return _respond(request, "plan", ref, format, download)


@router.get(urls.view_route("agency"), response_class=HTMLResponse, summary="Những gì một cơ quan chủ trì và phối hợp")
def agency(request: Request, ref: str, format: str = FORMAT, download: bool = DOWNLOAD):
    return _respond(request, "agency", ref, format, download)


@router.get(urls.view_route("task"), response_class=HTMLResponse, summary="Chuỗi của một nhiệm vụ: mục tiêu và căn cứ pháp lý")
def task(request: Request, ref: str, format: str = FORMAT, download: bool = DOWNLOAD):
    return _respond(request, "task", ref, format, download)


@router.get(urls.view_route(urls.OVERVIEW), response_class=HTMLResponse,
            summary="Toàn bộ kho, gộp theo tỉnh")
def overview(request: Request, format: str = FORMAT, download: bool = DOWNLOAD):
    return _respond(request, urls.OVERVIEW, None, format, download)


@router.get(urls.VIEW_NEIGHBOURS, summary="Các nút kề của một nút, để mở rộng trong đồ thị")
def neighbours(request: Request, node: str = Query(..., description="IRI của nút"),
               limit: int = Query(150, ge=1, le=1000, description="tối đa bấy nhiêu nút kề")):
    """{"node", "nodes", "edges", "total", "more"}: the node and its neighbours (both directions, the
    relations of graph.analytics.NEIGHBOUR_RELATIONS) drawn as the view page draws them; `more` of the
    `total` neighbours left out past `limit`."""
    try:
        return graph_html.neighbours(_store(request), node, urls.PAGE_PREFIX, limit)
    except LookupError as e:
        raise HTTPException(status_code=404, detail=str(e))


@router.get(urls.VIEW_STATIC + "/{name}", include_in_schema=False)
def asset(name: str):
    path = graph_html.asset_path(name)
    if path is None:
        raise HTTPException(status_code=404, detail=f"no asset {name!r}")
    media = "text/css" if name.endswith(".css") else "text/javascript"
    return FileResponse(path, media_type=f"{media}; charset=utf-8", headers={"Cache-Control": "max-age=3600"})
