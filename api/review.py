"""The review queue: extracted table rows by rising confidence, each beside its source lines, and the
corrections reviewers make of them (graph.corrections).

    GET  /review         a page (Vietnamese) or, for Accept: application/json and at /review.json, JSON
                         {total, limit, offset, next, previous, items: [{id, text, plan, confidence,
                         fields: {lead|coordinating|deadline|target|text: {value, confidence,
                         correction}}, lines, source, source_lines}]}. Filters: plan (id or IRI),
                         field (rank by that field's confidence instead of the row's), confidence (at
                         most this), limit, offset. Rows without a confidence (gold records, hand-made
                         ones) are not in the queue.
    POST /corrections    JSON {"task": id or IRI, "field": one of graph.corrections.FIELDS, "value": text
                         (agencies: a list or '; '-separated)}, Authorization: Bearer <write token> (the
                         check of api.plans: none configured 403, missing or wrong 401) -> the correction
                         (200); 404 no such task; 422 a field or value that cannot be applied. The page's
                         form sends the same with a small script (the token from a password field).
    GET  /corrections    every correction, as `reformkg corrections export` writes them

Who made a correction is the write token's name: $REFORMKG_WRITE_TOKEN_NAME, else 'token ' + the first
8 hex digits of its SHA-256 (which token, without showing it).
"""
from __future__ import annotations

import hashlib
import os

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from graph import corrections, iri
from graph.build import CONFIDENCE_FIELDS
from graph.iri import SPARQL_PREFIXES as P

from . import lookup, urls
from .chrome import render
from .negotiate import HTML, JSON, choose
from .plans import _authorise
from .rest import page

FIELD_VI = {"text": "Nội dung", "lead": "Chủ trì", "coordinating": "Phối hợp", "deadline": "Thời hạn",
            "target": "Mục tiêu"}
MAX_SOURCE_LINES = 12       # lines shown beside a row; the source page has them all

_QUEUE = P + """SELECT ?task ?text ?ref ?plan ?planLabel ?conf ?lead ?deadline ?target ?textc ?first ?last WHERE {
  ?task rkg:confidence ?conf ; rdfs:label ?text ; rkg:inPlan ?plan . ?plan rdfs:label ?planLabel .
  OPTIONAL { ?task rkg:ref ?ref }
  OPTIONAL { ?task rkg:leadConfidence ?lead } OPTIONAL { ?task rkg:deadlineConfidence ?deadline }
  OPTIONAL { ?task rkg:targetConfidence ?target } OPTIONAL { ?task rkg:textConfidence ?textc }
  OPTIONAL { ?task rkg:quote ?q OPTIONAL { ?q rkg:firstLine ?first } OPTIONAL { ?q rkg:lastLine ?last } }
}"""

_FIELDS_OF = P + """SELECT ?task ?deadline ?target WHERE { %s
  OPTIONAL { ?task rkg:deadline/rdfs:label ?deadline } OPTIONAL { ?task rkg:servesTarget/rdfs:label ?target } }"""


def token_name(token: str) -> str:
    return os.environ.get("REFORMKG_WRITE_TOKEN_NAME", "").strip() or \
        "token " + hashlib.sha256(token.encode("utf-8")).hexdigest()[:8]


def _node(kind: str, value: str | None) -> str | None:
    """An id ('ha-tinh/...') or IRI of a task or plan -> its IRI."""
    value = (value or "").strip()
    if not value:
        return None
    return value if value.startswith(iri.ID) else f"{iri.ID}{kind}/{value.strip('/')}"


# a field's confidence (graph.build.CONFIDENCE_FIELDS) -> its variable in _QUEUE
_CONFIDENCE_VARS = {"lead": "lead", "deadline": "deadline", "target": "target", "text": "textc"}


def queue(store, plan: str | None = None, field: str | None = None, most: float | None = None) -> list[dict]:
    """Rows with a confidence, least sure first (by `field`'s confidence when given, else the row's)."""
    rows = store.select(_QUEUE, **({"plan": plan} if plan else {}))
    seen, out = set(), []
    for r in rows:
        if r["task"] in seen:
            continue
        seen.add(r["task"])
        row = float(r["conf"])
        fields = {f: float(r[v]) if r[v] else None for f, v in _CONFIDENCE_VARS.items()}
        key = fields.get(field) if fields.get(field) is not None else row
        if most is not None and key > most:
            continue
        out.append({"id": urls.node_id(r["task"]), "iri": r["task"], "url": urls.rest(r["task"]),
                    "page": urls.page(r["task"]), "ref": r["ref"], "text": r["text"],
                    "plan": lookup.ref(r["plan"], r["planLabel"]), "confidence": row, "_fields": fields,
                    "_key": key, "lines": [int(r["first"]), int(r["last"])] if r["first"] and r["last"] else None})
    out.sort(key=lambda t: (t.pop("_key"), t["iri"]))
    return out


def fill(store, items: list[dict]) -> list[dict]:
    """The fields of one page of rows: current values (corrected where a reviewer did), confidences,
    corrections, and the source lines beside them."""
    if not items:
        return items
    agencies = {t["iri"]: t for t in lookup.with_agencies(store, [{"iri": t["iri"], "lead": [], "coordinating": []}
                                                                  for t in items], confidence=False)}
    values: dict[str, dict] = {}
    for r in store.select(_FIELDS_OF % lookup.values("task", [t["iri"] for t in items])):
        v = values.setdefault(r["task"], {"deadline": set(), "target": set()})
        for f in ("deadline", "target"):
            if r[f]:
                v[f].add(r[f])
    fixes = {(c.task, c.field): c for c in corrections.records(store)}
    texts: dict[str, list[str] | None] = {}
    for t in items:
        confidence = t.pop("_fields")
        v = values.get(t["iri"], {})
        current = {"text": t["text"],
                   "lead": "; ".join(a["label"] for a in agencies[t["iri"]]["lead"]) or None,
                   "coordinating": "; ".join(a["label"] for a in agencies[t["iri"]]["coordinating"]) or None,
                   "deadline": "; ".join(sorted(v.get("deadline", ()))) or None,
                   "target": "; ".join(sorted(v.get("target", ()))) or None}
        t["fields"] = {f: {"value": current[f], "confidence": confidence.get(f),
                           "correction": fixes[t["iri"], f].as_json() if (t["iri"], f) in fixes else None}
                       for f in corrections.FIELDS}
        t["source"] = urls.source(t["plan"]["iri"], t["lines"]) if t["lines"] else urls.source(t["plan"]["iri"])
        if t["plan"]["iri"] not in texts:
            text = lookup.source(store, t["plan"]["iri"])
            texts[t["plan"]["iri"]] = text and text["lines"]
        lines = texts[t["plan"]["iri"]]
        t["source_lines"] = ([{"n": n, "text": lines[n - 1]} for n in range(t["lines"][0], min(
            t["lines"][1], t["lines"][0] + MAX_SOURCE_LINES - 1) + 1) if 0 < n <= len(lines)]
            if lines and t["lines"] else None)
    return items


def router(state) -> APIRouter:
    api = APIRouter(tags=["review"])
    store = state.store

    @api.get(urls.REVIEW, summary="Hàng đợi rà soát: các dòng trích xuất theo độ tin cậy tăng dần")
    @api.get(urls.REVIEW + ".{ext}", include_in_schema=False)
    async def review(request: Request, ext: str | None = None,
                     plan: str | None = Query(None, description="id hoặc IRI của kế hoạch"),
                     field: str | None = Query(None, description="xếp theo độ tin cậy của trường này: lead, "
                                               "deadline, target, text (mặc định: của cả dòng)"),
                     confidence: float | None = Query(None, ge=0, le=1, description="độ tin cậy tối đa"),
                     limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)):
        if ext not in (None, "json", "html"):
            raise HTTPException(404, f"unknown suffix .{ext}: use .json")
        if field and field not in CONFIDENCE_FIELDS:
            raise HTTPException(400, f"unknown field {field!r}: one of {', '.join(CONFIDENCE_FIELDS)}")
        offer = {"json": JSON, "html": HTML}[ext] if ext else choose(request.headers.get("accept"), [HTML, JSON])
        if offer is None:
            raise HTTPException(406, "available as text/html or application/json (/review.json)")
        plan_node = _node("plan", plan)

        def build():
            body = page(request, queue(store, plan_node, field, confidence), limit, offset)
            fill(store, body["items"])
            return body
        body = await run_in_threadpool(build)
        if offer is JSON:
            return JSONResponse(body)
        plans = await run_in_threadpool(lookup.plans, store)
        return render(request, "review.html", title="Rà soát trích xuất", body=body, fields=FIELD_VI,
                      ranked=CONFIDENCE_FIELDS, plans=plans, plan=plan or "", field=field or "",
                      confidence="" if confidence is None else confidence, action=urls.CORRECTIONS,
                      writes_on=state.write_token is not None)

    @api.post(urls.CORRECTIONS, summary="Sửa một trường của nhiệm vụ trích xuất (Authorization: Bearer <mã>)",
              openapi_extra={"security": [{"bearer": []}]},
              responses={401: {"description": "thiếu mã hoặc sai mã"}, 403: {"description": "chức năng ghi đang tắt"},
                         404: {"description": "không có nhiệm vụ này"}, 422: {"description": "giá trị không áp dụng được"}})
    async def correct(request: Request):
        _authorise(request, state.write_token, "correcting a task")
        try:
            data = await request.json()
        except ValueError:
            raise HTTPException(400, 'send JSON: {"task": ID, "field": "deadline", "value": "..."}') from None
        if not isinstance(data, dict) or not isinstance(data.get("task"), str) or "value" not in data:
            raise HTTPException(400, 'send JSON: {"task": ID, "field": "deadline", "value": "..."}')
        if data.get("field") not in corrections.FIELDS:
            raise HTTPException(422, f"field must be one of {', '.join(corrections.FIELDS)}")
        value = data["value"]
        if not (isinstance(value, str) or value is None or
                (isinstance(value, list) and all(isinstance(v, str) for v in value))):
            raise HTTPException(422, "value must be text (or, for agencies, a list of names)")
        task = _node("task", data["task"])

        def write():
            with state.write_lock:          # one writer at a time (api.plans)
                c = corrections.correct(store, task, data["field"], value, token_name(state.write_token))
                state.pool.refresh()        # the query workers see it at their next query
                return c
        try:
            c = await run_in_threadpool(write)
        except LookupError:
            raise HTTPException(404, f"no task {data['task']!r} in the graph") from None
        except ValueError as e:
            raise HTTPException(422, str(e)) from None
        return JSONResponse({**c.as_json(), "task_url": urls.rest(c.task)})

    @api.get(urls.CORRECTIONS, summary="Mọi chỉnh sửa (tệp của `reformkg corrections export`)")
    async def list_corrections():
        return JSONResponse(await run_in_threadpool(corrections.export, store))

    return api
