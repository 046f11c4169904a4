"""SPARQL 1.1 Protocol at /sparql: query by GET, form POST or direct POST; read-only.

Content negotiation on Accept (api.negotiate: RESULTS, GRAPHS, HTML), with a `format`
parameter that, when given, wins (download links, and clients such as SPARQLWrapper that
send both).
Without a query, a browser gets the query page and a machine client the service
description (SPARQL 1.1 Service Description, in any of the RDF formats).
Queries run in killable worker processes (api.worker) under a time and row limit; on a remote
store, in the server's process, the engine enforcing both (503 when it is down or too slow).
The query page is drawn with the page chrome of api.chrome; a refusal (403, 415, a query nesting
brackets deeper than MAX_DEPTH: 400 - the parser recurses, and 5,000 levels crash it) is plain text
for a program, the error page of api.http for a browser.
Results CSV and TSV are the W3C formats byte for byte (SPARQL 1.1 Query Results CSV and TSV): no BOM
and no formula quoting, as SPARQL clients, pandas and RDF tools parse them and a changed value
would be a wrong answer; the spreadsheet-safe CSV for people is the REST lists' (api.rest).
"""
from __future__ import annotations

import json
import re

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from . import http, urls
from .chrome import render, short
from .negotiate import GRAPHS, HTML, RESULTS, Offer, by_name, choose, media_type
from .worker import Job, serialize, term_json

RETRY_AFTER = 30        # seconds, with a 503 (a busy or timed-out worker, the remote store down)
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
READ_ONLY = ("điểm truy vấn này chỉ đọc (read-only): không nhận SPARQL Update; dữ liệu chỉ vào đồ thị dưới "
             f"dạng kế hoạch: `reformkg ingest`, hoặc POST {urls.PLAN_UPLOAD} với mã ghi của máy chủ")

# strings, IRIs and comments, so that keywords inside them are not mistaken for syntax
_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                     r'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_PROLOGUE = re.compile(r'\s*(?:(?:PREFIX\s+[\w.-]*:\s*<>|BASE\s*<>)\s*)*', re.I)
_SERVICE = re.compile(r'(?<![\w?$:])SERVICE\s+(?:SILENT\s+)?(?:<>|[\w.-]*:|[?$])', re.I)


def _mask(query: str) -> str:
    """Comments -> space, IRIs -> <>, strings -> "": what is left is keywords, names and punctuation."""
    return _OPAQUE.sub(lambda m: " " if m.group()[0] == "#" else ("<>" if m.group()[0] == "<" else '""'), query)


MAX_DEPTH = 256         # brackets ({ ( [) nested deeper: refused before parsing (the parser recurses; 5,000 crash it)


def nesting(query: str) -> int:
    """How deep the query's brackets { ( [ nest, outside strings, IRIs and comments."""
    deepest = level = 0
    for ch in _mask(query):
        if ch in "{([":
            level += 1
            deepest = max(deepest, level)
        elif ch in "})]":
            level = max(level - 1, 0)
    return deepest


def form_of(query: str) -> str:
    """The first keyword after the prologue, upper-case: SELECT, ASK, CONSTRUCT, DESCRIBE, INSERT, ..."""
    text = _mask(query)
    m = re.match(r"([A-Za-z]+)", text[_PROLOGUE.match(text).end():])
    return m.group(1).upper() if m else ""


def uses_service(query: str) -> bool:
    return bool(_SERVICE.search(_mask(query)))


def client_of(request: Request, header: str | None = None) -> str:
    """Who asks, for the pool's per-client fairness (api.worker): the remote address, or - only when the
    server is configured with a header (a reverse proxy's, e.g. X-Forwarded-For) - that header's last
    entry, the address the proxy saw (earlier entries are the client's own say and could be anything)."""
    if header:
        value = request.headers.get(header, "").split(",")[-1].strip()
        if value:
            return value
    return request.client.host if request.client else ""


def pick(request: Request, offers: list[Offer], fmt: list[str]) -> Offer | None:
    """`format` parameter first (its first recognised value), else the Accept header."""
    if fmt:
        for name in fmt:
            offer = by_name(name, offers)
            if offer:
                return offer
        return None
    return choose(request.headers.get("accept"), offers)


def refuse(request: Request, text: str, status: int):
    """A refusal: '403 Forbidden: why' as plain text for a program (the protocol's clients read it), the
    error page (api.http) for a browser."""
    if http.wants_html(request):
        return http.error_response(request, status, text.split(": ", 1)[-1])
    return PlainTextResponse(text, status)


def not_acceptable(offers: list[Offer]) -> PlainTextResponse:
    return PlainTextResponse("406 Not Acceptable: this resource is available as "
                             + ", ".join(o.media_type for o in offers)
                             + " (Accept header, or ?format=" + "|".join(o.key for o in offers) + ")", 406)


def service_description(request: Request, store) -> list[ox.Triple]:
    """SPARQL 1.1 Service Description of this endpoint and its dataset."""
    sd = "http://www.w3.org/ns/sparql-service-description#"
    fmts = "http://www.w3.org/ns/formats/"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    me = ox.NamedNode(str(request.url_for("sparql")))
    ds, default = ox.BlankNode(), ox.BlankNode()
    n = ox.NamedNode
    out = [ox.Triple(me, rdf_type, n(sd + "Service")), ox.Triple(me, n(sd + "endpoint"), me),
           ox.Triple(me, n(sd + "supportedLanguage"), n(sd + "SPARQL11Query")),
           ox.Triple(me, n(sd + "feature"), n(sd + "UnionDefaultGraph")),
           ox.Triple(me, n(sd + "defaultDataset"), ds), ox.Triple(ds, rdf_type, n(sd + "Dataset")),
           ox.Triple(ds, n(sd + "defaultGraph"), default), ox.Triple(default, rdf_type, n(sd + "Graph"))]
    for f in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
              "Turtle", "N-Triples", "RDF_XML", "JSON-LD"):
        out.append(ox.Triple(me, n(sd + "resultFormat"), n(fmts + f)))
    for g in store.graphs():
        named = ox.BlankNode()
        out += [ox.Triple(ds, n(sd + "namedGraph"), named), ox.Triple(named, rdf_type, n(sd + "NamedGraph")),
                ox.Triple(named, n(sd + "name"), n(g))]
    return out


def _params(request: Request, form: dict | None) -> dict[str, list[str]]:
    """Protocol parameters from the URL and, for a form POST, the body."""
    out: dict[str, list[str]] = {}
    for k, v in request.query_params.multi_items():
        out.setdefault(k, []).append(v)
    for k, v in (form or {}).items():
        out.setdefault(k, []).extend(v)
    return out


PARAMETERS = [{"name": name, "in": "query", "required": False, "description": text,
               "schema": {"type": "string"}} for name, text in (
    ("query", "truy vấn SPARQL 1.1 (SELECT, ASK, CONSTRUCT, DESCRIBE); các tiền tố rkg:, eli:, org:, ... đã khai báo sẵn"),
    ("default-graph-uri", "các đồ thị có tên làm đồ thị mặc định (mặc định: hợp của mọi kế hoạch)"),
    ("named-graph-uri", "các đồ thị có tên dùng được trong GRAPH"),
    ("format", "json | xml | csv | tsv (kết quả), turtle | jsonld | ntriples | rdfxml (đồ thị), html; "
               "thắng tiêu đề Accept"))]


def router(app_state) -> APIRouter:
    """/sparql routes; `app_state` holds .store, .pool, .queries (canonical examples)."""
    api = APIRouter(tags=["SPARQL"])

    async def handle(request: Request, query: str | None, params: dict[str, list[str]]):
        if "update" in params:
            return refuse(request, "403 Forbidden: " + READ_ONLY, 403)
        fmt = params.get("format", []) + params.get("output", [])
        if not query or not query.strip():
            offers = GRAPHS + [HTML]
            offer = pick(request, offers, fmt)
            if offer is None:
                return not_acceptable(offers)
            if offer is HTML:
                return sparql_page(request, app_state, "", None)
            data = serialize(service_description(request, app_state.store), offer.key, app_state.pool.prefixes)
            return Response(data, media_type=media_type(offer.key))
        depth = nesting(query)
        if depth > MAX_DEPTH:
            return refuse(request, f"400 Bad Request: the query nests brackets {depth} deep; this endpoint parses "
                                   f"at most {MAX_DEPTH} levels", 400)
        form = form_of(query)
        if form in UPDATE_WORDS:
            return refuse(request, f"403 Forbidden: {form} is SPARQL Update; " + READ_ONLY, 403)
        if uses_service(query):
            return refuse(request, "403 Forbidden: federated queries (SERVICE) are not allowed on this endpoint",
                          403)
        offers = (GRAPHS if form in ("CONSTRUCT", "DESCRIBE") else RESULTS) + [HTML]
        offer = pick(request, offers, fmt)
        if offer is None:
            return not_acceptable(offers)
        job = Job(query, default_graph_uris=params.get("default-graph-uri", []),
                  named_graph_uris=params.get("named-graph-uri", []))
        if offer is HTML:
            job.result_format, job.graph_format = "json", "ntriples"
        elif offer in RESULTS:
            job.result_format = offer.key
        else:
            job.graph_format = offer.key
        reply = await run_in_threadpool(app_state.pool.run, job, client_of(request, app_state.pool.client_header))
        if offer is HTML:
            return sparql_page(request, app_state, query, reply)
        if reply.status != 200:
            return PlainTextResponse(f"{reply.status} {reply.error}", reply.status,
                                     headers={"Retry-After": str(RETRY_AFTER)} if reply.status == 503 else None)
        return Response(reply.body, media_type=media_type(reply.format))

    @api.get(urls.SPARQL, name="sparql", summary="Truy vấn SPARQL 1.1 (GET ?query=); không có truy vấn: trang "
             "truy vấn (trình duyệt) hoặc mô tả dịch vụ (Turtle)", openapi_extra={"parameters": PARAMETERS})
    async def sparql_get(request: Request):
        params = _params(request, None)
        return await handle(request, (params.get("query") or [None])[0], params)

    @api.post(urls.SPARQL, summary="Truy vấn SPARQL 1.1 bằng POST (biểu mẫu hoặc application/sparql-query)")
    async def sparql_post(request: Request):
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return refuse(request, "403 Forbidden: " + READ_ONLY, 403)
        if ctype == "application/sparql-query":
            params = _params(request, None)
            return await handle(request, (await request.body()).decode("utf-8", "replace"), params)
        if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            body = await request.form()
            params = _params(request, {k: body.getlist(k) for k in body.keys()})
            return await handle(request, (params.get("query") or [None])[0], params)
        return refuse(request, "415 Unsupported Media Type: POST a query as application/sparql-query or as a "
                      "form (application/x-www-form-urlencoded, field `query`)", 415)

    return api


def sparql_page(request: Request, app_state, query: str, reply):
    """The offline query page: editor, canonical examples, results as a table, download links."""
    table, boolean, error = None, None, None
    if reply is not None and reply.status != 200:
        error = reply.error
    elif reply is not None and reply.form == "solutions":
        data = json.loads(reply.body)
        names = data["head"]["vars"]
        table = (names, [[row.get(n) for n in names] for row in data["results"]["bindings"]])
    elif reply is not None and reply.form == "boolean":
        boolean = json.loads(reply.body)["boolean"]
    elif reply is not None:
        triples = ox.parse(reply.body, format=ox.RdfFormat.N_TRIPLES)
        table = (["s", "p", "o"], [[term_json(t.subject), term_json(t.predicate), term_json(t.object)]
                                   for t in triples])
    graph_form = form_of(query) in ("CONSTRUCT", "DESCRIBE")
    downloads = [(o.key, o.media_type, urls.sparql(query, o.key))
                 for o in (GRAPHS if graph_form else RESULTS)] if query else []
    examples = [(q, urls.sparql(q.sparql)) for q in app_state.queries.values()]
    status = reply.status if reply is not None else 200
    return render(request, "sparql.html", status=status, query=query, table=table, boolean=boolean, error=error,
                  downloads=downloads, examples=examples, short=short,
                  limits={"timeout": app_state.pool.timeout, "rows": app_state.pool.row_limit})

