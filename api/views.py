"""HTML graph views at /view/... (graphs: graph.analytics, pages: api.graph_html), each with a JSON
twin and a download.

    GET /view/legal-document/{ref}   a document's reach; ref = slug path ('nd-118-2025-nd-cp',
                                     'ha-tinh/qd-3504-qd-ubnd') or the id as typed ('NĐ 118/2025')
    GET /view/plan/{ref}  /view/agency/{ref}  /view/task/{ref}   ref = the IRI's path after /id/<kind>/
    GET /view/overview               the whole store, aggregated
Query: ?format=json gives the graph as node-link JSON; ?download=1 gives the page as an attachment
that links to the IRIs instead of this server's /id/ pages, so it works once saved to disk.
URLs and kind names: api.urls (VIEWS, view_route).

The router reads the store the server's app holds (app.state.reformkg.store, api.server), else
graph.open_store().
"""
from __future__ import annotations

import networkx as nx
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from graph import iri, open_store
from graph.analytics import graph_for

from . import urls
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
    html = render(g, resource_base=None if download else urls.PAGE_PREFIX)
    headers = {}
    if download:
        root = (g.graph.get("roots") or [kind])[0]
        name = iri.slug(root.rsplit("/id/", 1)[-1]) if kind != urls.OVERVIEW else urls.OVERVIEW
        headers["Content-Disposition"] = f'attachment; filename="{kind}-{name}.html"'
    return HTMLResponse(html, headers=headers)


FORMAT = Query("html", pattern="^(html|json)$", description="html (the interactive page) or json (node-link)")
DOWNLOAD = Query(False, description="as a self-contained file linking to the IRIs")


@router.get(urls.view_route("legal"), response_class=HTMLResponse, summary="Reach of a legal document")
def legal_document(request: Request, ref: str, format: str = FORMAT, download: bool = DOWNLOAD):
    return _respond(request, "legal", ref, format, download)


@router.get(urls.view_route("plan"), response_class=HTMLResponse, summary="A plan: areas, targets, tasks, agencies")
def plan(request: Request, ref: str, format: str = FORMAT, download: bool = DOWNLOAD):
    return _respond(request, "plan", ref, format, download)


@router.get(urls.view_route("agency"), response_class=HTMLResponse, summary="What an agency leads and coordinates")
def agency(request: Request, ref: str, format: str = FORMAT, download: bool = DOWNLOAD):
    return _respond(request, "agency", ref, format, download)


@router.get(urls.view_route("task"), response_class=HTMLResponse, summary="A task's chain: targets and legal basis")
def task(request: Request, ref: str, format: str = FORMAT, download: bool = DOWNLOAD):
    return _respond(request, "task", ref, format, download)


@router.get(urls.view_route(urls.OVERVIEW), response_class=HTMLResponse,
            summary="The whole store, aggregated by province")
def overview(request: Request, format: str = FORMAT, download: bool = DOWNLOAD):
    return _respond(request, urls.OVERVIEW, None, format, download)
