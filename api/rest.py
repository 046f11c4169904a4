"""REST for people: legal documents, tasks, agencies, plans, targets.

JSON by default; every list also as CSV (suffix .csv or Accept text/csv) and, for a
browser, as an HTML table (api.pages.list_page); every detail also as an HTML page (the one
at /id/..., api.pages.resource_page). Offers: api.negotiate; URLs and routes: api.urls.
Lists are paginated (limit, offset; total and next/previous links) and filtered
(province, area, agency, plan, document, deadline range, q) by what a person types: names with or
without diacritics as well as ids (api.lookup.find), dates as dd/mm/yyyy or ISO; a filter naming
nothing gives an empty list with `unmatched` (its message and near names), never an unfiltered one.
Descriptions and messages are in Vietnamese; keys and codes stay English. {id} is the IRI path
after https://w3id.org/reformkg/id/<kind>/. /plans/{id}/source: the plan's source text, numbered
lines, ?lines=a-b highlighted (api.pages.source_page).
The CSV twins are for spreadsheets: a UTF-8 BOM first (Excel then reads Vietnamese right) and text
cells starting with = + - @ tab or CR prefixed with an apostrophe (neutralise: never run as formulas).
"""
from __future__ import annotations

import csv
import io
import re

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from graph import iri
from graph.iri import fold
from ingest.deadlines import typed_date
from ingest.vocab import LEVEL_LABELS

from . import lookup, urls
from .negotiate import CSV, HTML, JSON, Offer, choose, media_type
from .pages import AGENCY_KINDS, list_page, resource_page, source_page

MAX_LIMIT = 1000


def resource(kind: str, value: str | None, store=None) -> str | None:
    """An id ('ha-tinh/so-noi-vu') or IRI -> the IRI; agencies are looked up among groups too."""
    if not value:
        return None
    if value.startswith(iri.ID):
        value = urls.node_id(value)
    if not re.fullmatch(r"[\w.~/-]+", value):     # ids are slugs; anything else cannot be in the graph
        raise HTTPException(400, f"{value!r} không phải mã {KIND_WORDS.get(kind, kind)} "
                                 f"(phần đường dẫn sau {iri.ID}{kind}/)")
    node = f"{iri.ID}{kind}/{value.strip('/')}"
    group = f"{iri.ID}group/{value.strip('/')}"
    if kind == "agency" and store is not None and not exists(store, node) and exists(store, group):
        return group
    return node


def exists(store, node: str) -> bool:
    return bool(store.query("ASK { ?n ?p ?o }", bindings={"n": node}))


KIND_WORDS = {"legal": "văn bản", "task": "nhiệm vụ", "agency": "cơ quan", "plan": "kế hoạch", "target": "mục tiêu",
              "province": "tỉnh", "area": "lĩnh vực"}


def iso_date(value: str | None, name: str) -> str | None:
    """A date as people type it - 01/07/2025, 1/7/2025, 01.07.2025, 01-07-2025 (day first) or ISO
    2025-07-01 -> ISO; anything else a 400 naming the accepted forms."""
    if not value or not value.strip():
        return None
    try:
        return typed_date(value).isoformat()
    except ValueError:
        raise HTTPException(400, f"{name}: {value!r} không phải một ngày; hãy nhập dd/mm/yyyy (ví dụ 01/07/2025) "
                                 "hoặc yyyy-mm-dd") from None


class Filters:
    """The filters of one request, typed by a person, resolved to what they name (api.lookup.find). A
    value naming nothing is kept in `unmatched` with near names; the list is then empty, never unfiltered."""

    def __init__(self, store):
        self.store = store
        self.unmatched: list[dict] = []

    def __call__(self, name: str, kind: str, value: str | None) -> list[str] | None:
        if not value or not value.strip():
            return None
        found = lookup.find(self.store, kind, value)
        if not found.nodes:
            self.unmatched.append({"filter": name, "value": value, "suggestions": found.suggestions,
                                   "message": f"Không có {KIND_WORDS[kind]} nào khớp “{value}”."
                                   + (" Có phải: " + "; ".join(found.suggestions) + "?" if found.suggestions else "")})
        return found.nodes

    def choose(self, name: str, value: str | None, options: dict[str, str]) -> str | None:
        """A value among fixed codes, by code or Vietnamese name (options: code -> name)."""
        if not value or not value.strip():
            return None
        for code, label in options.items():
            if fold(value) in (fold(code), fold(label)):
                return code
        self.unmatched.append({"filter": name, "value": value, "suggestions": list(options.values()),
                               "message": f"“{value}” không phải giá trị của bộ lọc này. Hãy chọn: "
                                          + "; ".join(options.values()) + "."})
        return None


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
            raise HTTPException(404, f"không có hậu tố .{ext}: dùng .json hoặc .csv")
        return offer
    offer = choose(request.headers.get("accept"), [JSON, CSV, HTML])
    if offer is None:
        raise HTTPException(406, "có dạng application/json, text/csv (hậu tố .csv) hoặc text/html")
    return offer


# the <datalist> of each filter on a list page: what api.lookup.choices offers for it
CHOICES = {"province": "province", "agency": "agency", "plan": "plan", "area": "area", "document": "legal"}


def router(state) -> APIRouter:
    api = APIRouter()
    store = state.store

    def respond_list(request, ext, title, items, limit, offset, columns, enrich=None, filters=None):
        names = [p.name for p in request.scope["route"].dependant.query_params
                 if p.name not in ("limit", "offset", "ext")]
        unmatched = filters.unmatched if filters else []
        offer = negotiate_list(request, ext)
        if offer is CSV:    # the CSV twin is the whole filtered list, not one page
            return Response(to_csv(enrich(items) if enrich else items), media_type=media_type(CSV.key))
        body = page(request, items, limit, offset)
        if enrich:
            enrich(body["items"])
        if unmatched:       # a filter naming nothing: said so, with near names, never silently empty
            body["unmatched"] = unmatched
        if offer is HTML:
            options = {n: lookup.choices(store, CHOICES[n]) for n in names if n in CHOICES}
            options.update({"level": list(LEVEL_LABELS.values()), "kind": list(AGENCY_KINDS.values())})
            return list_page(request, title, body, columns, names, options)
        return JSONResponse(body)

    def respond_detail(request, kind, value, get):
        ext = None
        m = re.fullmatch(r"(.+)\.(json|html)", value)
        if m:
            value, ext = m.groups()
        node = resource(kind, value, store)
        data = get(store, node)
        if data is None:
            raise HTTPException(404, f"không có {KIND_WORDS.get(kind, kind)} {value!r} trong đồ thị")
        offer = {"json": JSON, "html": HTML}[ext] if ext else choose(request.headers.get("accept"), [JSON, HTML])
        if offer is None:
            raise HTTPException(406, "có dạng application/json hoặc text/html")
        if offer is HTML:
            return resource_page(request, store, node, data)
        return JSONResponse(data)

    def respond_source(request, value):
        ext = None
        m = re.fullmatch(r"(.+)\.(json|html)", value)
        if m:
            value, ext = m.groups()
        node = resource("plan", value, store)
        data = lookup.source(store, node)
        if data is None:
            raise HTTPException(404, f"không có kế hoạch {value!r} trong đồ thị")
        lines = highlighted(request.query_params.get("lines"))
        offer = {"json": JSON, "html": HTML}[ext] if ext else choose(request.headers.get("accept"), [JSON, HTML])
        if offer is None:
            raise HTTPException(406, "có dạng application/json hoặc text/html")
        if offer is HTML:
            return source_page(request, data, lines)
        return JSONResponse({**data, "highlight": list(lines) if lines else None})

    lim = Query(50, ge=1, le=MAX_LIMIT, description="số mục mỗi trang")
    off = Query(0, ge=0, description="số mục bỏ qua")
    prov = Query(None, description="tỉnh: tên như người dùng gõ ('Hà Tĩnh', 'ha tinh', 'tỉnh Hà Tĩnh'), "
                                   "mã ('ha-tinh') hoặc IRI")
    area_q = Query(None, description="lĩnh vực cải cách: tên ('Cải cách thủ tục hành chính', 'thủ tục hành chính') "
                                     "hoặc mã (institutions, procedures, apparatus, civil-service, public-finance, "
                                     "digital, direction)")
    plan_q = Query(None, description="kế hoạch: tên (một phần cũng được) hoặc mã")
    document_routes, task_routes, agency_routes, plan_routes, target_routes = (
        urls.routes(kind) for kind in ("legal", "task", "agency", "plan", "target"))

    # ------------------------------------------------------------ legal documents
    @api.get(document_routes.list, tags=["legal documents"], summary="Tìm văn bản pháp luật (xếp theo độ khớp với q)")
    @api.get(document_routes.suffixed, tags=["legal documents"], include_in_schema=False)
    async def list_documents(request: Request, ext: str | None = None,
                             q: str | None = Query(None, description="gõ thế nào cũng được: 'NĐ 118', 'NĐ118', "
                                                   "'118/2025', 'nghi dinh 118', 'Nghị định số 118/2025/NĐ-CP'"),
                             province: str | None = prov, limit: int = lim, offset: int = off):
        f = Filters(store)
        provinces = f("province", "province", province)
        items = [] if f.unmatched else await run_in_threadpool(lookup.legal_documents, store, q, provinces)
        cols = ["label", "type", "date", "jurisdiction", "citing_tasks", "implementing_plans"] + (["score"] if q else [])
        return respond_list(request, ext, "Văn bản pháp luật", items, limit, offset, cols, filters=f)

    @api.get(document_routes.item, tags=["legal documents"],
             summary="Một văn bản: thông tin, sửa đổi, các nhiệm vụ thực hiện theo tỉnh và kế hoạch")
    async def get_document(request: Request, id: str):
        return await run_in_threadpool(respond_detail, request, "legal", id, lookup.legal_document)

    # ------------------------------------------------------------ tasks
    @api.get(task_routes.list, tags=["tasks"], summary="Nhiệm vụ, hoạt động, có bộ lọc")
    @api.get(task_routes.suffixed, tags=["tasks"], include_in_schema=False)
    async def list_tasks(request: Request, ext: str | None = None, province: str | None = prov,
                         area: str | None = area_q,
                         agency: str | None = Query(None, description="cơ quan chủ trì: tên ('Sở Nội vụ', 'so noi vu'; "
                                                    "mọi tỉnh) hoặc mã ('ha-tinh/so-noi-vu'); gồm cả đơn vị trực thuộc"),
                         plan: str | None = plan_q,
                         document: str | None = Query(None, description="văn bản được viện dẫn, gõ thế nào cũng được "
                                                      "('NĐ118', 'nd 118/2025', 'Nghị định 118/2025/NĐ-CP') hoặc mã"),
                         due_from: str | None = Query(None, description="hạn kết thúc từ ngày (dd/mm/yyyy hoặc yyyy-mm-dd)"),
                         due_to: str | None = Query(None, description="hạn kết thúc đến ngày (dd/mm/yyyy hoặc yyyy-mm-dd)"),
                         q: str | None = Query(None, description="các từ trong nội dung nhiệm vụ (không phân biệt dấu)"),
                         limit: int = lim, offset: int = off):
        f = Filters(store)
        args = dict(due_from=iso_date(due_from, "due_from"), due_to=iso_date(due_to, "due_to"), q=q)

        def run():
            args.update(doc=f("document", "legal", document), plan=f("plan", "plan", plan),
                        province=f("province", "province", province), area=f("area", "area", area),
                        agency=f("agency", "agency", agency))
            return [] if f.unmatched else lookup.tasks(store, **args)
        items = await run_in_threadpool(run)
        cols = ["ref", "text", "plan", "province", "area", "lead", "deadline"]
        return await run_in_threadpool(respond_list, request, ext, "Nhiệm vụ", items, limit, offset, cols,
                                       lambda page_items: lookup.with_agencies(store, page_items), f)

    @api.get(task_routes.item, tags=["tasks"], summary="Một nhiệm vụ: cơ quan, thời hạn, mục tiêu, căn cứ pháp lý, "
             "nguồn")
    async def get_task(request: Request, id: str):
        return await run_in_threadpool(respond_detail, request, "task", id, lookup.task)

    # ------------------------------------------------------------ agencies
    @api.get(agency_routes.list, tags=["agencies"], summary="Cơ quan, đơn vị trực thuộc và nhóm cơ quan")
    @api.get(agency_routes.suffixed, tags=["agencies"], include_in_schema=False)
    async def list_agencies(request: Request, ext: str | None = None, province: str | None = prov,
                            q: str | None = Query(None, description="các từ trong tên (không phân biệt dấu)"),
                            kind: str | None = Query(None, description="loại: Cơ quan | Đơn vị trực thuộc | Nhóm cơ quan "
                                                     "(hoặc agency | unit | group)"),
                            limit: int = lim, offset: int = off):
        f = Filters(store)

        def run():
            provinces, code = f("province", "province", province), f.choose("kind", kind, AGENCY_KINDS)
            return [] if f.unmatched else lookup.agencies(store, provinces, q, code)
        items = await run_in_threadpool(run)
        cols = ["label", "kind", "jurisdiction", "tasks_led", "tasks_coordinated"]
        return respond_list(request, ext, "Cơ quan, đơn vị", items, limit, offset, cols, filters=f)

    @api.get(agency_routes.item, tags=["agencies"], summary="Một cơ quan: tên, đơn vị, nhiệm vụ chủ trì và phối hợp")
    async def get_agency(request: Request, id: str):
        return await run_in_threadpool(respond_detail, request, "agency", id, lookup.agency)

    # ------------------------------------------------------------ plans
    @api.get(plan_routes.list, tags=["plans"], summary="Kế hoạch")
    @api.get(plan_routes.suffixed, tags=["plans"], include_in_schema=False)
    async def list_plans(request: Request, ext: str | None = None, province: str | None = prov,
                         year: int | None = Query(None, description="năm của kế hoạch"),
                         level: str | None = Query(None, description="cấp: " + " | ".join(LEVEL_LABELS.values())
                                                   + " (hoặc " + " | ".join(LEVEL_LABELS) + ")"),
                         limit: int = lim, offset: int = off):
        f = Filters(store)

        def run():
            provinces, code = f("province", "province", province), f.choose("level", level, LEVEL_LABELS)
            return [] if f.unmatched else lookup.plans(store, provinces, year, code)
        items = await run_in_threadpool(run)
        cols = ["label", "level", "year", "province", "issuer", "tasks", "targets"]
        return respond_list(request, ext, "Kế hoạch", items, limit, offset, cols, filters=f)

    @api.get(plan_routes.source, tags=["plans"], summary="Văn bản nguồn của kế hoạch, đánh số dòng; "
             "?lines=629-633 tô sáng các dòng của một dữ kiện")
    @api.get(plan_routes.source + ".{ext}", tags=["plans"], include_in_schema=False)
    async def get_plan_source(request: Request, id: str, ext: str | None = None):
        return await run_in_threadpool(respond_source, request, id + (f".{ext}" if ext else ""))

    @api.get(plan_routes.item, tags=["plans"], summary="Một kế hoạch: thông tin, kế hoạch cấp trên/dưới, mục tiêu, lĩnh vực")
    async def get_plan(request: Request, id: str):
        return await run_in_threadpool(respond_detail, request, "plan", id, lookup.plan)

    # ------------------------------------------------------------ targets
    @api.get(target_routes.list, tags=["targets"], summary="Mục tiêu")
    @api.get(target_routes.suffixed, tags=["targets"], include_in_schema=False)
    async def list_targets(request: Request, ext: str | None = None, province: str | None = prov,
                           plan: str | None = plan_q, area: str | None = area_q,
                           limit: int = lim, offset: int = off):
        f = Filters(store)

        def run():
            plans, provinces, areas = (f("plan", "plan", plan), f("province", "province", province),
                                       f("area", "area", area))
            return [] if f.unmatched else lookup.targets(store, plans, provinces, areas)
        items = await run_in_threadpool(run)
        cols = ["ref", "text", "plan", "area", "tasks"]
        return respond_list(request, ext, "Mục tiêu", items, limit, offset, cols, filters=f)

    @api.get(target_routes.item, tags=["targets"], summary="Một mục tiêu: nhiệm vụ thực hiện, mục tiêu cấp trên và cấp dưới")
    async def get_target(request: Request, id: str):
        return await run_in_threadpool(respond_detail, request, "target", id, lookup.target)

    return api


def highlighted(value: str | None) -> tuple[int, int] | None:
    """?lines=629-633 (or 629) -> (629, 633); anything else: a 400."""
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*", value)
    if not m or int(m[2] or m[1]) < int(m[1]):
        raise HTTPException(400, f"lines: {value!r} không phải khoảng dòng; ví dụ lines=629-633")
    return int(m[1]), int(m[2] or m[1])
