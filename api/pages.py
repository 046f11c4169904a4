"""HTML pages (Jinja2 through api.chrome, no external assets) and dereferenceable resource IRIs.

GET /id/<path> is the resource https://w3id.org/reformkg/id/<path>: an HTML page for
a browser, its RDF description for an RDF client (Accept, or a suffix .ttl .jsonld
.nt .rdf; api.negotiate). Pages for the main kinds (legal document, task, agency, plan,
target) are built from the same dicts as the REST views (api.lookup); every other resource
(places, areas, sources, ...) gets its triples in and out. Each page links its JSON
and RDF twins and, for the main kinds, the graph view at /view/<kind>/<id> (URLs: api.urls).
Also the home page (/) and the offline API reference (/docs), list_page, the HTML twin
of a REST list (api.rest), and source_page, a plan's source text with numbered lines, those of one
fact highlighted (/plans/{id}/source?lines=a-b, api.rest). Pages speak Vietnamese: level and kind
codes by their Vietnamese names (ingest.vocab.LEVEL_LABELS, AGENCY_KINDS), dates dd/mm/yyyy (vi_date).
"""
from __future__ import annotations

import re

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from graph import iri
from graph.iri import PREFIXES
from ingest.vocab import AREA_BY_CODE, AREA_LABELS, LEVEL_LABELS     # reform-area code, level code -> Vietnamese names

from . import lookup, urls
from .chrome import render, short, vi_date
from .negotiate import GRAPHS, HTML, by_name, choose, media_type
from .worker import serialize

SUFFIXES = {"ttl": "turtle", "jsonld": "jsonld", "nt": "ntriples", "rdf": "rdfxml"}
KIND_LABELS = {"legal": "Văn bản pháp luật", "task": "Nhiệm vụ", "agency": "Cơ quan, đơn vị",
               "group": "Nhóm cơ quan", "plan": "Kế hoạch", "target": "Mục tiêu", "place": "Địa bàn",
               "area": "Lĩnh vực cải cách", "source": "Tệp nguồn", "doctype": "Loại văn bản",
               "deadline-kind": "Loại thời hạn"}
VIA = {"cited by the task": "nhiệm vụ viện dẫn", "cited by the parent task": "nhiệm vụ cha viện dẫn",
       "implemented by the plan": "kế hoạch thực hiện văn bản",
       "basis of a cited or implemented document": "căn cứ của văn bản được viện dẫn hoặc thực hiện"}
DEADLINE_KINDS = {"fixed": "cố định", "recurring": "thường xuyên", "event": "theo sự kiện",
                  "schedule": "theo lộ trình khác", "completed": "đã hoàn thành", "unknown": "chưa xác định"}
COLUMNS = {"ref": "TT", "text": "Nội dung", "plan": "Kế hoạch", "province": "Tỉnh", "area": "Lĩnh vực",
           "lead": "Cơ quan chủ trì", "deadline": "Thời hạn", "label": "Tên", "type": "Loại văn bản",
           "date": "Ngày ban hành", "jurisdiction": "Địa bàn", "citing_tasks": "Số nhiệm vụ viện dẫn",
           "implementing_plans": "Số kế hoạch thực hiện", "score": "Điểm khớp", "kind": "Loại",
           "tasks_led": "Số nhiệm vụ chủ trì", "tasks_coordinated": "Số nhiệm vụ phối hợp", "level": "Cấp",
           "year": "Năm", "issuer": "Cơ quan ban hành", "tasks": "Số nhiệm vụ", "targets": "Số mục tiêu"}
FILTERS = {"q": "Tìm kiếm", "province": "Tỉnh", "area": "Lĩnh vực", "agency": "Cơ quan chủ trì", "plan": "Kế hoạch",
           "document": "Văn bản viện dẫn", "due_from": "Hạn từ ngày", "due_to": "Hạn đến ngày", "kind": "Loại",
           "year": "Năm", "level": "Cấp"}


AGENCY_KINDS = {"agency": "Cơ quan", "unit": "Đơn vị trực thuộc", "group": "Nhóm cơ quan"}
COUNTS = {"plans": "Kế hoạch", "tasks": "Nhiệm vụ", "activities": "Hoạt động", "targets": "Mục tiêu",
          "legal documents": "Văn bản pháp luật", "agencies": "Cơ quan, đơn vị", "agency groups": "Nhóm cơ quan",
          "target links": "Liên kết mục tiêu với mục tiêu cấp trên", "named graphs": "Đồ thị con (named graph)",
          "triples": "Bộ ba RDF", "stored quads": "Bộ bốn lưu trữ"}


def link(item: dict | None, text: str | None = None):
    """A reference dict -> a cell linking its page."""
    if not item:
        return None
    return {"text": text or item.get("label") or item.get("text") or item.get("id"),
            "href": item.get("page") or item.get("url")}


def source_link(plan: dict | None, lines, text: str | None = None) -> dict | None:
    """A link to a fact's lines in its plan's source page, highlighted (api.urls.source)."""
    if not plan or not lines:
        return None
    a, b = lines
    return {"text": text or (f"dòng {a}" if a == b else f"dòng {a}–{b}"), "href": urls.source(plan["iri"], lines)}


def deadline_of(t: dict) -> str:
    if not t.get("deadline"):
        return ""
    extra = DEADLINE_KINDS.get(t.get("deadline_kind") or "", "")
    span = f"{vi_date(t['deadline_start']) or '…'} → {vi_date(t['deadline_end'])}" if t.get("deadline_end") else ""
    return " · ".join(x for x in (t["deadline"], extra, span) if x)


def task_rows(items: list[dict]) -> list[list]:
    return [[t.get("ref") or "", link(t, t["text"]), [link(a) for a in t["lead"]], deadline_of(t),
             {"quote": t.get("quote") or "", "where": source_link(t.get("plan"), t.get("lines"))}] for t in items]


TASK_COLUMNS = ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Trích dẫn nguồn"]


# ---------------------------------------------------------------- view models per kind
def document_view(d: dict) -> dict:
    fields = [("Số, ký hiệu", d["label"]), ("Loại văn bản", d["type"]), ("Trích yếu", d["title"]),
              ("Ngày ban hành", vi_date(d["date"])), ("Cơ quan ban hành", link(d["issuer"])),
              ("Phạm vi", d["jurisdiction"])]
    for key, label in (("amends", "Sửa đổi, bổ sung"), ("amended_by", "Được sửa đổi, bổ sung bởi"),
                       ("replaces", "Thay thế"), ("replaced_by", "Bị thay thế bởi"), ("repeals", "Bãi bỏ"),
                       ("repealed_by", "Bị bãi bỏ bởi"), ("guides", "Hướng dẫn"), ("guided_by", "Được hướng dẫn bởi"),
                       ("implemented_by_plans", "Kế hoạch thực hiện văn bản"),
                       ("adopts_plans", "Ban hành kế hoạch")):
        if d[key]:
            fields.append((label, [link(x) for x in d[key]]))
    sections = [{"title": g["province"] or "Không rõ tỉnh", "link": link(p["plan"]), "columns": TASK_COLUMNS, "rows": task_rows(p["tasks"])}
                for g in d["tasks_by_province"] for p in g["plans"]]
    if d["cited_by_targets"]:
        sections.append({"title": "Mục tiêu viện dẫn văn bản", "columns": ["Mục tiêu"],
                         "rows": [[link(t)] for t in d["cited_by_targets"]]})
    if d.get("mentions"):
        sections.append({"title": "Nhắc đến trong văn bản nguồn", "columns": ["Kế hoạch", "Dòng"],
                         "rows": [[link(m["plan"]), [source_link(m["plan"], (n, n), str(n)) for n in m["lines"]]
                                   + ([f"và {m['more']} dòng khác"] if m["more"] else [])] for m in d["mentions"]]})
    intro = f"{d['tasks_total']} nhiệm vụ thực hiện văn bản này"
    return {"title": d["label"], "fields": fields, "intro": intro, "sections": sections}


def headline(text: str | None, limit: int = 120) -> str:
    """A page heading from a long text: cut at the last word that fits, never inside a word."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut.rstrip(" ,;:.-–") + " …"


def section_of(item: dict, area: str | None) -> str | None:
    """The section heading as written, unless it only repeats the area's name ('2. CẢI CÁCH THỦ TỤC
    HÀNH CHÍNH' under area procedures)."""
    section = item.get("section")
    if not section:
        return None

    def words(text):        # folded words, numbering and punctuation left out
        return " ".join(re.findall(r"[a-z]{2,}", iri.fold(text)))
    names = {words(n) for n in (AREA_LABELS.get(area or ""), AREA_BY_CODE[area].heading if area in AREA_BY_CODE
                                else None, item.get("area_label")) if n}
    return None if words(section) in names else section


BASIS_OWN = ("cited by the task", "cited by the parent task")


def basis_rows(items: list[dict]) -> list[list]:
    return [[link(b["document"]), vi_date(b["date"]), VIA.get(b["via"], b["via"])] for b in items]


def task_view(t: dict) -> dict:
    p = t["provenance"] or {}
    where = source_link(t["plan"], t.get("lines"))
    fields = [("Nội dung", t["text"]), ("Số thứ tự", t["ref"]), ("Kế hoạch", link(t["plan"])),
              ("Tỉnh", t["province"]), ("Lĩnh vực", AREA_LABELS.get(t["area"] or "", t["area_label"])),
              ("Mục", section_of(t, t["area"])),
              ("Cơ quan chủ trì", [link(a) for a in t["lead"]]),
              ("Cơ quan phối hợp", [link(a) for a in t["coordinating"]]),
              ("Thời hạn", deadline_of(t)), ("Sản phẩm", t["output"]), ("Kinh phí", t["budget"]),
              ("Ghi chú", t["remark"]), ("Thuộc nhiệm vụ", link(t["part_of"])),
              ("Nguồn", [p.get("source"), where] if where else p.get("source"))]
    sections = []
    if t["activities"]:
        sections.append({"title": "Hoạt động", "columns": ["Hoạt động"], "rows": [[link(a)] for a in t["activities"]]})
    targets = [(x, x["parent_target"]) for x in t["targets"]] + ([(None, t["parent_target"])] if t["parent_target"] else [])
    if targets:
        sections.append({"title": "Mục tiêu và mục tiêu cấp trên", "columns": ["Mục tiêu", "Mục tiêu cấp trên", "Điểm khớp"],
                         "rows": [[link(x), link(pt), f"{pt['score']:.2f}" if pt and pt.get("score") else ""]
                                  for x, pt in targets]})
    # what the task itself cites apart from what its plan stands on (the plan's preamble and beyond)
    sections.append({"title": "Căn cứ của nhiệm vụ", "columns": ["Văn bản", "Ngày", "Quan hệ"],
                     "rows": basis_rows([b for b in t["legal_basis"] if b["via"] in BASIS_OWN]),
                     "empty": "Nhiệm vụ không tự viện dẫn văn bản nào."})
    sections.append({"title": "Căn cứ của kế hoạch", "columns": ["Văn bản", "Ngày", "Quan hệ"],
                     "rows": basis_rows([b for b in t["legal_basis"] if b["via"] not in BASIS_OWN])})
    if p.get("quote"):
        sections.append({"title": "Trích dẫn nguồn", "columns": ["Văn bản gốc"],
                         "rows": [[{"quote": p["quote"], "where": where}]]})
    return {"title": headline(t["text"]), "fields": fields, "sections": sections}


def agency_view(a: dict) -> dict:
    kind = AGENCY_KINDS[a["kind"]]
    fields = [("Tên", a["label"]), ("Tên khác", "; ".join(a["other_names"])), ("Loại", kind),
              ("Địa bàn", a["jurisdiction"]), ("Trực thuộc", link(a["parent"])),
              ("Đơn vị trực thuộc", [link(u) for u in a["units"]])]
    cols = ["TT", "Nhiệm vụ", "Kế hoạch", "Thời hạn", "Nguồn"]
    rows = lambda items: [[t.get("ref") or "", link(t, t["text"]), link(t["plan"]), deadline_of(t),  # noqa: E731
                           source_link(t["plan"], t.get("lines"))] for t in items]
    return {"title": a["label"], "fields": fields,
            "sections": [{"title": f"Nhiệm vụ chủ trì ({len(a['tasks_led'])})", "columns": cols, "rows": rows(a["tasks_led"])},
                         {"title": f"Nhiệm vụ phối hợp ({len(a['tasks_coordinated'])})", "columns": cols,
                          "rows": rows(a["tasks_coordinated"])}]}


def plan_view(p: dict) -> dict:
    parent = p["parent_plan"]
    fields = [("Tên", p["label"]), ("Cấp", LEVEL_LABELS.get(p["level"] or "", p["level"])), ("Năm", p["year"]),
              ("Tỉnh", p["province"]),
              ("Địa bàn", p["jurisdiction"]), ("Cơ quan ban hành", link(p["issuer"])),
              ("Văn bản ban hành", p["adopting_act"]), ("Thực hiện", [link(x) for x in p["implements"]]),
              ("Thay thế", [link(x) for x in p["replaces"]]),
              ("Kế hoạch cấp trên", [link(parent), f"(cách xác định: {parent.get('method')})"] if parent else None),
              ("Kế hoạch cấp dưới", [link(x) for x in p["child_plans"]]), ("Tệp nguồn", [x["path"] or x["label"] for x in p["sources"]]),
              ("Văn bản nguồn", {"text": "Xem văn bản nguồn, đánh số dòng", "href": urls.source(p["iri"])})]
    areas = [[AREA_LABELS.get(a["area"], a["label"]),
              {"text": str(a["tasks"]), "href": urls.collection("task", plan=p["id"], area=a["area"])}, a["targets"]]
             for a in p["areas"]]
    return {"title": p["label"], "fields": fields, "sections": [
        {"title": "Lĩnh vực", "columns": ["Lĩnh vực", "Nhiệm vụ, hoạt động", "Mục tiêu"], "rows": areas},
        {"title": f"Mục tiêu ({len(p['targets'])})", "columns": ["TT", "Mục tiêu"],
         "rows": [[t["ref"] or "", link(t)] for t in p["targets"]]}],
        "intro_link": {"text": "Tất cả nhiệm vụ của kế hoạch", "href": p["tasks_url"]}}


def target_view(t: dict) -> dict:
    pt = t["parent_target"]
    p = t["provenance"] or {}
    lines = [p["first_line"], p["last_line"]] if p.get("first_line") and p.get("last_line") else None
    where = source_link(t["plan"], lines)
    fields = [("Nội dung", t["text"]), ("Số thứ tự", t["ref"]), ("Kế hoạch", link(t["plan"])),
              ("Lĩnh vực", AREA_LABELS.get(t["area"] or "", t["area"])), ("Mục", section_of(t, t["area"])),
              ("Nguồn", [p.get("source"), where] if where else p.get("source")),
              ("Căn cứ pháp lý", [link(x) for x in t["legal_basis"]]),
              ("Mục tiêu cấp trên", [link(pt), f"điểm khớp {pt['score']:.2f}" if pt.get("score") else ""] if pt else None)]
    sections = [{"title": f"Nhiệm vụ thực hiện mục tiêu ({len(t['tasks'])})", "columns": TASK_COLUMNS,
                 "rows": task_rows(t["tasks"])}]
    if t["child_targets"]:
        sections.append({"title": "Mục tiêu cấp dưới", "columns": ["Mục tiêu", "Điểm khớp"],
                         "rows": [[link(c), f"{c['score']:.2f}" if c["score"] else ""] for c in t["child_targets"]]})
    return {"title": headline(t["text"]), "fields": fields, "sections": sections}


VIEWS = {"legal": (lookup.legal_document, document_view), "task": (lookup.task, task_view),
         "agency": (lookup.agency, agency_view), "group": (lookup.agency, agency_view),
         "plan": (lookup.plan, plan_view), "target": (lookup.target, target_view)}


# ---------------------------------------------------------------- RDF description of a resource
# the IRI is written into the text (not bound by VALUES): inside UNION branches, evaluated on their
# own, an outer binding would not restrict anything
_DESCRIBE = """CONSTRUCT { ?s ?p ?o } WHERE {
  { %(n)s ?p ?o BIND (%(n)s AS ?s) }
  UNION { %(n)s ?p0 ?s . FILTER (isIRI(?s) && STRSTARTS(STR(?s), "%(prefix)s")) ?s ?p ?o }
  UNION { %(n)s ?p0 ?m . FILTER (isIRI(?m) && STRSTARTS(STR(?m), "%(prefix)s"))
          ?m ?p1 ?s . FILTER (isIRI(?s) && STRSTARTS(STR(?s), "%(prefix)s")) ?s ?p ?o }
  UNION { ?s ?p %(n)s BIND (%(n)s AS ?o) }
}"""


def describe(store, node: str) -> list[ox.Triple]:
    """The resource's own triples, those of its parts (quote, deadline: IRIs under its own) and the
    triples pointing at it. An IRI that cannot exist (spaces, '<', quotes) has none."""
    try:
        term = str(ox.NamedNode(node))
    except ValueError:
        return []
    if '"' in node or "\\" in node:
        return []
    return list(dict.fromkeys(store.query(_DESCRIBE % {"n": term, "prefix": node + "/"})))


def generic_view(store, node: str, triples: list[ox.Triple]) -> dict:
    names = lookup.labels(store, {t.object.value for t in triples if isinstance(t.object, ox.NamedNode)}
                          | {t.subject.value for t in triples} | {t.predicate.value for t in triples})

    def cell(term, predicate=None):
        if isinstance(term, ox.NamedNode):
            return {"text": names.get(term.value) or short(term.value), "href": urls.page(term.value)}
        if predicate == iri.RKG + "level":      # a code: named in Vietnamese
            return LEVEL_LABELS.get(term.value, term.value)
        return term.value

    def prop(predicate):    # the ontology's Vietnamese name of the property, its IRI beside it
        return f"{names[predicate]} ({short(predicate)})" if predicate in names else short(predicate)
    out = [[prop(t.predicate.value), cell(t.object, t.predicate.value)] for t in triples if t.subject.value == node]
    inc = [[cell(t.subject), prop(t.predicate.value)] for t in triples if t.object == ox.NamedNode(node)]
    return {"title": names.get(node) or short(node), "fields": [],
            "sections": [{"title": "Thuộc tính", "columns": ["Thuộc tính", "Giá trị"], "rows": out},
                         {"title": "Được liên kết từ", "columns": ["Tài nguyên", "Thuộc tính"], "rows": inc}]}


def resource_page(request: Request, store, node: str, data: dict | None = None) -> HTMLResponse:
    """The HTML page of a resource; `data` is its lookup record when the caller has already read it."""
    kind = urls.kind_of(node)
    if data is None and kind in VIEWS:
        data = VIEWS[kind][0](store, node)
    if data is not None:
        vm = VIEWS[kind][1](data)
    else:     # no record kind of its own (place, area, source, ...): its triples as a table
        triples = describe(store, node)
        if not triples:
            return render(request, "error.html", 404, title="Không tìm thấy", message=f"Không có tài nguyên {node}")
        vm = generic_view(store, node, triples)
    twins = [("JSON", urls.rest(node))] if urls.rest(node) else []
    twins += [(name, urls.suffixed(urls.page(node), suffix)) for suffix, name in
              (("ttl", "Turtle"), ("jsonld", "JSON-LD"), ("nt", "N-Triples"), ("rdf", "RDF/XML"))]
    return render(request, "resource.html", kind=KIND_LABELS.get(kind, kind), iri=node, twins=twins,
                  view_url=urls.view(node), **vm)


def list_page(request: Request, title: str, body: dict, columns: list[str], filters: list[str],
              options: dict[str, list[str]] | None = None) -> HTMLResponse:
    """A page of a list as a table, with a filter form (`options`: filter -> the names it suggests as one
    types, a <datalist>), the messages of filters that matched nothing (body['unmatched'], each suggestion
    a link that retries with it) and links to its JSON and CSV twins."""
    path = request.url.path
    query = request.url.query
    twins = [("JSON", urls.suffixed(path, "json", query)), ("CSV", urls.suffixed(path, "csv", query))]
    rows = []
    for it in body["items"]:
        row = []
        for c in columns:
            v = it.get(c)
            if c in ("label", "text"):
                v = link(it, v)
            elif isinstance(v, dict):
                v = link(v)
            elif isinstance(v, list):
                v = [link(x) if isinstance(x, dict) else x for x in v]
            elif c == "area":
                v = AREA_LABELS.get(v, v)
            elif c == "level":
                v = LEVEL_LABELS.get(v, v)
            elif c == "kind":
                v = AGENCY_KINDS.get(v, v)
            elif c == "date":
                v = vi_date(v)
            elif c == "deadline":       # as written, with its interval in dd/mm/yyyy
                v = deadline_of(it)
            row.append(v)
        rows.append(row)
    given = dict(request.query_params)
    notices = [{"message": u["message"],
                "retry": [{"text": name, "href": urls.with_query(path, {**given, u["filter"]: name, "offset": "0"})}
                          for name in u["suggestions"]]} for u in body.get("unmatched", [])]
    return render(request, "list.html", title=title, body=body, headings=[COLUMNS.get(c, c) for c in columns],
                  rows=rows, twins=twins, path=path, limit=body["limit"], notices=notices,
                  options={k: v for k, v in (options or {}).items() if k in filters and v},
                  fields=[(f, FILTERS.get(f, f), given.get(f, "")) for f in filters])


def source_page(request: Request, data: dict, lines: tuple[int, int] | None = None) -> HTMLResponse:
    """A plan's source text (api.lookup.source), each line numbered and anchored (#L629), the lines
    `lines` highlighted; the page opens scrolled to them (the anchor of api.urls.source)."""
    text = data["lines"]
    first, last = lines or (0, -1)
    rows = [(n, line, first <= n <= last) for n, line in enumerate(text or [], 1)]
    missing = bool(lines and text is not None and last > len(text))
    return render(request, "source.html", title=f"Văn bản nguồn: {data['plan']['label']}", data=data, rows=rows,
                  lines=lines, missing=missing, twins=[("JSON", urls.suffixed(request.url.path, "json",
                                                                              request.url.query))])


# ---------------------------------------------------------------- routes
def router(state) -> APIRouter:
    api = APIRouter(include_in_schema=False)
    store = state.store

    @api.get(urls.HOME, response_class=HTMLResponse)
    async def home(request: Request):
        from graph.queries import stats

        counts = await run_in_threadpool(stats, store)
        counts = {COUNTS.get(k, k): v for k, v in counts.items()}
        return render(request, "home.html", counts=counts, examples=["NĐ 118", "NĐ118", "118/2025", "nghi dinh 118",
                                                                     "Nghị định số 118/2025/NĐ-CP", "76/NQ-CP"])

    @api.get(urls.DOCS, response_class=HTMLResponse)
    async def docs(request: Request):
        spec = request.app.openapi()
        ops = [(method.upper(), path, op.get("summary") or "", op.get("parameters", []))
               for path, item in spec["paths"].items() for method, op in item.items()]
        return render(request, "docs.html", spec=spec, ops=ops)

    @api.get(urls.PAGE_PREFIX + "{path:path}")
    async def dereference(request: Request, path: str):
        m = re.fullmatch(r"(.+)\.(ttl|jsonld|nt|rdf)", path)
        offer = None
        if m:
            path, suffix = m.groups()
            offer = by_name(SUFFIXES[suffix], GRAPHS)
        elif request.query_params.get("format"):
            offer = by_name(request.query_params["format"], GRAPHS + [HTML])
        else:
            offer = choose(request.headers.get("accept"), GRAPHS + [HTML])
        if offer is None:
            return PlainTextResponse("406 Not Acceptable: this resource is available as text/html, "
                                     + ", ".join(o.media_type for o in GRAPHS), 406)
        node = iri.ID + path
        if offer is HTML:     # reads the resource's record; describes it only if it has none
            return await run_in_threadpool(resource_page, request, store, node)
        triples = await run_in_threadpool(describe, store, node)
        if not triples:
            return PlainTextResponse(f"404 Not Found: no resource {node} in the graph", 404)
        return Response(serialize(triples, offer.key, PREFIXES), media_type=media_type(offer.key),
                        headers={"Vary": "Accept"})

    return api
