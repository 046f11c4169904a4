"""Plans into the served store, live: POST /plans, and its form for people at GET /plans/new.

    POST /plans     multipart/form-data, field `file` (one or more .txt .docx .pdf), header
                    Authorization: Bearer <token>. The files are read (ingest.extract) from a
                    temporary folder, under their own names, and their records ingested
                    (graph.ingest) into the store the server serves. JSON answer: per file added |
                    replaced | unchanged | failed (with the reason), its named graph and plan; 422
                    when every file failed. Every query worker sees the new plans at its next query
                    (api.worker.Pool.refresh): no restart.
    GET /plans/new  the same as a page (Vietnamese, no external assets; a small script sends the
                    token, which a plain HTML form cannot put in a header)

Writes need the token in $REFORMKG_WRITE_TOKEN (or in the file $REFORMKG_WRITE_TOKEN_FILE names):
with none configured the write route answers 403 - off, never open; a missing or wrong token gets
401 with WWW-Authenticate: Bearer. The token is checked before the body is read, in constant time.
A request past $REFORMKG_MAX_UPLOAD bytes (default 20 MB) gets 413, counted as the body arrives
(a missing or false Content-Length changes nothing). Writes run one at a time: linking reads the
whole store. Reads stay public.

`reformkg ingest` into a store folder that a server holds goes through that server: `serve`
leaves its URL in the folder (announce), the CLI reads it (announced) and posts the files (upload).
"""
from __future__ import annotations

import hmac
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path, PureWindowsPath

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.formparsers import MultiPartException, MultiPartParser

import graph

from . import urls
from .chrome import render

MAX_UPLOAD = 20 * 1024 * 1024       # bytes, unless $REFORMKG_MAX_UPLOAD says otherwise
MAX_FILES = 200
SERVER_FILE = "reformkg-server.json"    # in the store folder: the URL of the server holding it
STATUS_VI = {"added": "đã thêm", "replaced": "đã thay thế", "unchanged": "không đổi", "failed": "lỗi"}
CHALLENGE = 'Bearer realm="reformkg"'


# ---------------------------------------------------------------- configuration
def write_token() -> str | None:
    """$REFORMKG_WRITE_TOKEN, else the contents of the file $REFORMKG_WRITE_TOKEN_FILE (stripped), else
    None (writes off). An unreadable token file is an OSError: a server must not start with writes
    silently off when its operator meant them on."""
    token = os.environ.get("REFORMKG_WRITE_TOKEN", "").strip()
    path = os.environ.get("REFORMKG_WRITE_TOKEN_FILE", "").strip()
    if not token and path:
        try:
            token = Path(path).read_text(encoding="utf-8").strip()
        except OSError as e:
            raise OSError(f"cannot read the write token file REFORMKG_WRITE_TOKEN_FILE={path}: "
                          f"{e.strerror or e}") from None
    return token or None


def max_upload() -> int:
    """$REFORMKG_MAX_UPLOAD (bytes), default MAX_UPLOAD."""
    text = os.environ.get("REFORMKG_MAX_UPLOAD", "").strip()
    if not text:
        return MAX_UPLOAD
    if not text.isdigit() or int(text) <= 0:
        raise ValueError(f"REFORMKG_MAX_UPLOAD must be a number of bytes, not {text!r}")
    return int(text)


# ---------------------------------------------------------------- the write route
class _TooLarge(Exception):
    pass


def _authorise(request: Request, token: str | None, what: str = "uploading plans") -> None:
    """The write token's check, for every write route (api.review's corrections too): 403, 401 or nothing."""
    if token is None:
        raise HTTPException(403, "writes are off on this server: start it with REFORMKG_WRITE_TOKEN (or "
                                 "REFORMKG_WRITE_TOKEN_FILE) set to allow uploads")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, f"{what} needs the server's write token: send Authorization: Bearer "
                                 "<token>", headers={"WWW-Authenticate": CHALLENGE})
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise HTTPException(401, "the write token was refused",
                            headers={"WWW-Authenticate": CHALLENGE + ', error="invalid_token"'})


async def _capped(request: Request, limit: int):
    """The request body, stopped with _TooLarge once past `limit` bytes."""
    seen = 0
    async for chunk in request.stream():
        seen += len(chunk)
        if seen > limit:
            raise _TooLarge
        yield chunk


def _name(filename: str | None) -> str:
    """The file's own name, without any folder a client sent ('C:\\plans\\a.txt' -> 'a.txt')."""
    return PureWindowsPath(Path(filename or "").name).name.strip()


def _save(uploads: list[tuple[str, bytes]], folder: Path) -> tuple[list[Path], list[dict]]:
    """Write the acceptable files into `folder` -> (paths to ingest, results of the files refused)."""
    paths, refused, seen = [], [], set()
    for name, data in uploads:
        reason = None
        if not name or name.startswith("."):
            reason = "the file has no usable name"
        elif Path(name).suffix.lower() not in graph.SUFFIXES:
            reason = f"not a plan file ({Path(name).suffix or 'no extension'}): send .txt, .docx or .pdf"
        elif name in seen:
            reason = "another file of this upload has the same name"
        if reason:
            refused.append({"file": name or "?", "status": "failed", "error": f"{name or '?'}: {reason}"})
            continue
        seen.add(name)
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths, refused


def _extract(paths: list[Path], folder: Path) -> tuple[list, list[dict]]:
    """The files' records -> (Extractions, results of the files that could not be read). Records, not
    paths, go to graph.ingest: a file is recorded by its path, and a temporary folder's path would make
    every upload of the same file a new one; a record's source is the file's own name."""
    from ingest import InputError, extract

    records, failed = [], []
    for path in paths:
        try:
            records.append(extract(path))
        except InputError as e:
            failed.append({"file": path.name, "status": "failed", "error": f"{path.name}: {e.problem}"})
        except Exception as e:   # one bad file must not stop the others (graph.ingest's rule)
            error = f"{path.name}: {type(e).__name__}: {e}".replace(str(folder) + os.sep, "")
            failed.append({"file": path.name, "status": "failed", "error": error})
    return records, failed


def ingest_files(state, uploads: list[tuple[str, bytes]]) -> list[dict]:
    """Ingest (name, bytes) pairs into state.store, one writer at a time; per-file results, in the
    order sent. Extraction (the slow part) runs outside the write lock."""
    with tempfile.TemporaryDirectory(prefix="reformkg-upload-") as tmp:
        paths, refused = _save(uploads, Path(tmp))
        records, unread = _extract(paths, Path(tmp))
    done = []
    if records:
        with state.write_lock:
            done = graph.ingest(records, state.store)
            if any(r.status in ("added", "replaced") for r in done):
                state.pool.refresh()
    results = {r["file"]: r for r in unread}
    results.update({r.source: {"file": r.source, "status": r.status, "graph": r.graph, "plan": getattr(r, "plan", None),
                               "triples": r.triples, "error": r.error,
                               "notes": r.notes} for r in done})     # notes: corrections not re-applied
    out, refused_left = [], iter(refused)
    for name, _ in uploads:         # refused files (bad names, duplicates) where they were sent
        out.append(results.pop(name) if name in results else next(refused_left))
    return out


REQUEST_BODY = {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "array", "items": {"type": "string", "format": "binary"},
                            "description": "plan files: .txt, .docx, .pdf"}}}}}}


def router(state) -> APIRouter:
    """POST /plans and GET /plans/new; `state` holds .store, .pool, .write_token, .max_upload, .write_lock."""
    api = APIRouter(tags=["plans"])

    @api.get(urls.PLAN_FORM, summary="Tải kế hoạch lên: trang cho người dùng (cần mã ghi)",
             include_in_schema=False)
    async def plan_form(request: Request):
        return render(request, "plans_new.html", title="Thêm kế hoạch", writes_on=state.write_token is not None,
                      max_mb=state.max_upload / 1024 / 1024, action=urls.PLAN_UPLOAD, statuses=STATUS_VI,
                      suffixes=", ".join(graph.SUFFIXES))

    @api.post(urls.PLAN_UPLOAD, summary="Nạp tệp kế hoạch vào kho đang phục vụ (Authorization: Bearer <mã>)",
              openapi_extra={"requestBody": REQUEST_BODY, "security": [{"bearer": []}]},
              responses={401: {"description": "thiếu mã hoặc sai mã"}, 403: {"description": "chức năng ghi đang tắt"},
                         413: {"description": "tệp tải lên quá lớn"},
                         422: {"description": "mọi tệp đều lỗi"}})
    async def upload_plans(request: Request):
        _authorise(request, state.write_token)
        declared = request.headers.get("content-length", "")
        too_large = f"the upload is larger than this server's limit of {state.max_upload} bytes " \
                    f"(REFORMKG_MAX_UPLOAD): send fewer or smaller files at a time"
        if declared.isdigit() and int(declared) > state.max_upload:
            raise HTTPException(413, too_large)
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "multipart/form-data":
            raise HTTPException(415, "send the plan files as multipart/form-data, field `file`")
        try:
            form = await MultiPartParser(request.headers, _capped(request, state.max_upload),
                                         max_files=MAX_FILES, max_fields=MAX_FILES).parse()
        except _TooLarge:
            raise HTTPException(413, too_large) from None
        except MultiPartException as e:
            raise HTTPException(400, f"malformed upload: {e.message}") from None
        try:
            uploads = [(_name(f.filename), await f.read()) for f in form.getlist("file") if hasattr(f, "read")]
        finally:
            await form.close()
        if not uploads:
            raise HTTPException(400, "no file: send the plan files as multipart/form-data, field `file`")
        results = await run_in_threadpool(ingest_files, state, uploads)
        counts = {s: sum(r["status"] == s for r in results) for s in STATUS_VI}
        failed_all = counts["failed"] == len(results)
        return JSONResponse({"files": results, "counts": counts}, status_code=422 if failed_all else 200)

    return api


# ---------------------------------------------------------------- the CLI's way in, past a server's lock
@contextmanager
def announce(location: str, url: str):
    """While serving, leave `url` in the store folder (SERVER_FILE) for `reformkg ingest` to find.
    RocksDB ignores files it did not name; the file goes when the server stops."""
    path = Path(location) / SERVER_FILE
    try:
        path.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    except OSError:
        path = None                     # a read-only folder: ingest then just says how
    try:
        yield
    finally:
        if path is not None:
            path.unlink(missing_ok=True)


def announced(location: str) -> str | None:
    """The URL of the live server holding the store folder `location`, if it left one."""
    try:
        data = json.loads((Path(location) / SERVER_FILE).read_text(encoding="utf-8"))
        os.kill(int(data["pid"]), 0)    # the process is still there (a kill -9 leaves the file behind)
        return str(data["url"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def upload(url: str, token: str, paths: list[Path], timeout: float = 3600.0) -> list[dict]:
    """POST plan files to a server's /plans -> its per-file results; OSError with the server's reason."""
    import httpx

    files = [("file", (p.name, p.read_bytes())) for p in paths]
    try:
        r = httpx.post(url.rstrip("/") + urls.PLAN_UPLOAD, files=files, timeout=timeout,
                       headers={"Authorization": f"Bearer {token}"})
    except httpx.HTTPError as e:
        raise ConnectionError(f"cannot reach the server {url}: {e or type(e).__name__}") from None
    try:
        body = r.json()
    except ValueError:
        body = {}
    if r.status_code not in (200, 422) or "files" not in body:
        raise PermissionError(f"the server {url} refused the upload ({r.status_code}): "
                              f"{body.get('detail') or r.text[:300]}")
    return body["files"]
