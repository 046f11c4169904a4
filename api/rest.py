"""REST for people: legal documents, tasks, agencies, plans, targets.

JSON by default; every list also as CSV (suffix .csv or Accept text/csv) and, for a
browser, as an HTML table (api.pages.list_page); every detail also as an HTML page (the one
at /id/..., api.pages.resource_page). Offers: api.negotiate; URLs and routes: api.urls.
Lists are paginated (limit, offset; total and next/previous links) and filtered
(province, area, agency, plan, deadline range, q). {id} is the IRI path after
https://w3id.org/reformkg/id/<kind>/.
The CSV twins are for spreadsheets: a UTF-8 BOM first (Excel then reads Vietnamese right) and text
cells starting with = + - @ tab or CR prefixed with an apostrophe (neutralise: never run as formulas).
"""
from __future__ import annotations

import csv
import io
import re
from datetime import date

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from graph import iri

from . import lookup, urls
from .negotiate import CSV, HTML, JSON, Offer, choose, media_type
from .pages import list_page, resource_page

MAX_LIMIT = 1000


def place(value: str | None) -> str | None:
    """'ha-tinh', 'Hà Tĩnh', 'tỉnh Hà Tĩnh' or the place IRI -> the place IRI."""
    if not value:
        return None
    if value.startswith(iri.ID + "place/"):
        value = value[len(iri.ID + "place/"):]
    return iri.place("/".join(iri.place_path(part) for part in value.split("/")))


def resource(kind: str, value: str | None, store=None) -> str | None:
    """An id ('ha-tinh/so-noi-vu') or IRI -> the IRI; agencies are looked up among groups too."""
    if not value:
        return None
    if value.startswith(iri.ID):
        value = urls.node_id(value)
    if not re.fullmatch(r"[\w.~/-]+", value):     # ids are slugs; anything else cannot be in the graph
        raise HTTPException(400, f"{value!r} is not a {kind} id (the IRI path after {iri.ID}{kind}/)")
    node = f"{iri.ID}{kind}/{value.strip('/')}"
    group = f"{iri.ID}group/{value.strip('/')}"
    if kind == "agency" and store is not None and not exists(store, node) and exists(store, group):
        return group
    return node


def exists(store, node: str) -> bool:
    return bool(store.query("ASK { ?n ?p ?o }", bindings={"n": node}))


def iso_date(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(400, f"{name} must be an ISO date (YYYY-MM-DD), not {value!r}")


BOM = "\ufeff"            # first in every CSV: Excel then reads it as UTF-8 (Vietnamese), not a code page
FORMULA = ("=", "+", "-", "@", "\t", "\r")     # a spreadsheet reads a cell starting so as a formula


def neutralise(text: str) -> str:
    """A text cell a spreadsheet would run as a formula ('=HYPERLINK(...)', '-2+3', '@SUM') -> quoted
    with a leading apostrophe (OWASP CSV injection); numbers are written as numbers, never touched."""
    return "'" + text if text.startswith(FORMULA) else text


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return value.get("label") or value.get("iri") or ""
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value)


def _cell(value) -> str:
    if isinstance(value, (int, float)):      # numbers (bool too) as they are: '-1' is a number, not a formula
        return str(value)
    return neutralise(_text(value))


def to_csv(items: list[dict]) -> str:
    """Items as CSV for people: a UTF-8 BOM first, nested values flattened to their labels ('; '-joined
    lists), text cells that a spreadsheet would run as formulas neutralised (neutralise)."""
    buf = io.StringIO()
    buf.write(BOM)
    if not items:
        return buf.getvalue()
    names = list(items[0])
    w = csv.writer(buf)
    w.writerow([neutralise(n) for n in names])
    for it in items:
        w.writerow([_cell(it.get(n)) for n in names])
    return buf.getvalue()


def page(request: Request, items: list[dict], limit: int, offset: int) -> dict:
    """One page of items with total and next/previous links (same path and filters)."""
    def link(off):
        params = dict(request.query_params)
        params.update(limit=str(limit), offset=str(off))
        return urls.with_query(request.url.path, params)
    total = len(items)
    return {"total": total, "limit": limit, "offset": offset,
            "next": link(offset + limit) if offset + limit < total else None,
            "previous": link(max(0, offset - limit)) if offset > 0 else None,
            "items": items[offset:offset + limit]}


def negotiate_list(request: Request, ext: str | None) -> Offer:
    if ext:
        offer = {"json": JSON, "csv": CSV, "html": HTML}.get(ext)
        if offer is None:
            raise HTTPException(404, f"unknown suffix .{ext}: use .json or .csv")
        return offer
    offer = choose(request.headers.get("accept"), [JSON, CSV, HTML])
    if offer is None:
        raise HTTPException(406, "available as application/json, text/csv (suffix .csv) or text/html")
    return offer


def router(state) -> APIRouter:
    api = APIRouter()
    store = state.store

    def respond_list(request, ext, title, items, limit, offset, columns, enrich=None):
        filters = [p.name for p in request.scope["route"].dependant.query_params
                   if p.name not in ("limit", "offset", "ext")]
        offer = negotiate_list(request, ext)
        if offer is CSV:    # the CSV twin is the whole filtered list, not one page
            return Response(to_csv(enrich(items) if enrich else items), media_type=media_type(CSV.key))
        body = page(request, items, limit, offset)
        if enrich:
            enrich(body["items"])
        if offer is HTML:
            return list_page(request, title, body, columns, filters)
        return JSONResponse(body)

    def respond_detail(request, kind, value, get):
        ext = None
        m = re.fullmatch(r"(.+)\.(json|html)", value)
        if m:
            value, ext = m.groups()
        node = resource(kind, value, store)
        data = get(store, node)
        if data is None:
            raise HTTPException(404, f"no {kind} {value!r} in the graph")
        offer = {"json": JSON, "html": HTML}[ext] if ext else choose(request.headers.get("accept"), [JSON, HTML])
        if offer is None:
            raise HTTPException(406, "available as application/json or text/html")
        if offer is HTML:
            return resource_page(request, store, node, data)
        return JSONResponse(data)

    lim = Query(50, ge=1, le=MAX_LIMIT, description="page size")
    off = Query(0, ge=0, description="items to skip")
    prov = Query(None, description="province: slug ('ha-tinh'), name ('Hà Tĩnh') or place IRI")
    document_routes, task_routes, agency_routes, plan_routes, target_routes = (
        urls.routes(kind) for kind in ("legal", "task", "agency", "plan", "target"))

    # ------------------------------------------------------------ legal documents
    @api.get(document_routes.list, tags=["legal documents"], summary="Find legal documents (ranked by q)")
    @api.get(document_routes.suffixed, tags=["legal documents"], include_in_schema=False)
    async def list_documents(request: Request, ext: str | None = None,
                             q: str | None = Query(None, description="how people type it: 'NĐ 118', '118/2025', "
                                                   "'nghi dinh 118', 'Nghị định số 118/2025/NĐ-CP'"),
                             province: str | None = prov, limit: int = lim, offset: int = off):
        items = await run_in_threadpool(lookup.legal_documents, store, q, place(province))
        cols = ["label", "type", "date", "jurisdiction", "citing_tasks", "implementing_plans"] + (["score"] if q else [])
        return respond_list(request, ext, "Văn bản pháp luật", items, limit, offset, cols)

    @api.get(document_routes.item, tags=["legal documents"],
             summary="A legal document: metadata, amendments, implementing tasks by province and plan")
    async def get_document(request: Request, id: str):
        return await run_in_threadpool(respond_detail, request, "legal", id, lookup.legal_document)

    # ------------------------------------------------------------ tasks
    @api.get(task_routes.list, tags=["tasks"], summary="Tasks and activities, filtered")
    @api.get(task_routes.suffixed, tags=["tasks"], include_in_schema=False)
    async def list_tasks(request: Request, ext: str | None = None, province: str | None = prov,
                         area: str | None = Query(None, description="reform area code: institutions, procedures, "
                                                  "apparatus, civil-service, public-finance, digital, direction"),
                         agency: str | None = Query(None, description="lead agency id (its units included)"),
                         plan: str | None = Query(None, description="plan id"),
                         document: str | None = Query(None, description="cited legal document id"),
                         due_from: str | None = Query(None, description="deadline ends on or after (YYYY-MM-DD)"),
                         due_to: str | None = Query(None, description="deadline ends on or before (YYYY-MM-DD)"),
                         q: str | None = Query(None, description="words of the task text"),
                         limit: int = lim, offset: int = off):
        args = dict(doc=resource("legal", document), plan=resource("plan", plan), province=place(province),
                    area=area, agency=resource("agency", agency, store), due_from=iso_date(due_from, "due_from"),
                    due_to=iso_date(due_to, "due_to"), q=q)
        items = await run_in_threadpool(lambda: lookup.tasks(store, **args))
        cols = ["ref", "text", "plan", "province", "area", "lead", "deadline"]
        return await run_in_threadpool(respond_list, request, ext, "Nhiệm vụ", items, limit, offset, cols,
                                       lambda page_items: lookup.with_agencies(store, page_items))

    @api.get(task_routes.item, tags=["tasks"], summary="A task: agencies, deadline, targets, legal basis chain, "
             "provenance")
    async def get_task(request: Request, id: str):
        return await run_in_threadpool(respond_detail, request, "task", id, lookup.task)

    # ------------------------------------------------------------ agencies
    @api.get(agency_routes.list, tags=["agencies"], summary="Agencies, units and agency groups")
    @api.get(agency_routes.suffixed, tags=["agencies"], include_in_schema=False)
    async def list_agencies(request: Request, ext: str | None = None, province: str | None = prov,
                            q: str | None = Query(None, description="words of the name"),
                            kind: str | None = Query(None, description="agency | unit | group"),
                            limit: int = lim, offset: int = off):
        items = await run_in_threadpool(lookup.agencies, store, place(province), q, kind)
        cols = ["label", "kind", "jurisdiction", "tasks_led", "tasks_coordinated"]
        return respond_list(request, ext, "Cơ quan, đơn vị", items, limit, offset, cols)

    @api.get(agency_routes.item, tags=["agencies"], summary="An agency: names, units, tasks led and coordinated")
    async def get_agency(request: Request, id: str):
        return await run_in_threadpool(respond_detail, request, "agency", id, lookup.agency)

    # ------------------------------------------------------------ plans
    @api.get(plan_routes.list, tags=["plans"], summary="Plans")
    @api.get(plan_routes.suffixed, tags=["plans"], include_in_schema=False)
    async def list_plans(request: Request, ext: str | None = None, province: str | None = prov,
                         year: int | None = None, level: str | None = Query(None, description="province | "
                                                                            "department | commune | ..."),
                         limit: int = lim, offset: int = off):
        items = await run_in_threadpool(lookup.plans, store, place(province), year, level)
        cols = ["label", "level", "year", "province", "issuer", "tasks", "targets"]
        return respond_list(request, ext, "Kế hoạch", items, limit, offset, cols)

    @api.get(plan_routes.item, tags=["plans"], summary="A plan: metadata, parent/child plans, targets, areas")
    async def get_plan(request: Request, id: str):
        return await run_in_threadpool(respond_detail, request, "plan", id, lookup.plan)

    # ------------------------------------------------------------ targets
    @api.get(target_routes.list, tags=["targets"], summary="Targets")
    @api.get(target_routes.suffixed, tags=["targets"], include_in_schema=False)
    async def list_targets(request: Request, ext: str | None = None, province: str | None = prov,
                           plan: str | None = Query(None, description="plan id"),
                           area: str | None = Query(None, description="reform area code"),
                           limit: int = lim, offset: int = off):
        items = await run_in_threadpool(lookup.targets, store, resource("plan", plan), place(province), area)
        cols = ["ref", "text", "plan", "area", "tasks"]
        return respond_list(request, ext, "Mục tiêu", items, limit, offset, cols)

    @api.get(target_routes.item, tags=["targets"], summary="A target: tasks serving it, parent and child targets")
    async def get_target(request: Request, id: str):
        return await run_in_threadpool(respond_detail, request, "target", id, lookup.target)

    return api
