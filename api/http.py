"""The server's HTTP conventions, for every route: one ASGI middleware and the error pages.

    Conventions(app)        the middleware (api.server wraps the app in it):
      HEAD                  on every GET route: the GET's status and headers, no body
      OPTIONS               on every route: 204 with the real `Allow` (the methods of the routes matching
                            the path, HEAD with GET, OPTIONS); 404 for a path no route serves
      CORS                  reads (GET, HEAD, and POST /sparql, a query) from the origins of
                            $REFORMKG_CORS_ORIGINS (comma-separated; default '*', any origin; empty: none); writes
                            (POST /plans, ...) only from an origin listed there by name, never by '*';
                            a preflight (OPTIONS with Access-Control-Request-Method) is answered likewise
      security headers      X-Content-Type-Options: nosniff and Referrer-Policy on every response; on HTML
                            a Content-Security-Policy (nothing remote; the inline styles and scripts the
                            pages carry; frame-ancestors 'none') and X-Frame-Options: DENY
      414                   a request target (path and query) over MAX_TARGET bytes: 414, pointing a
                            SPARQL client to POST
    error_response(request, status, detail, headers=None)
                            an error for whoever asked: an HTML page in Vietnamese (http_error.html) for a
                            browser (Accept prefers text/html), else one line of JSON {"detail": ...}
    install(app)            the exception handlers that answer with error_response: HTTPException (404 of
                            an unknown page, 405, the routes' own 4xx), request validation (422) and any
                            other exception (500, with no traceback)
"""
from __future__ import annotations

import logging
import os

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from . import urls
from .chrome import render
from .negotiate import HTML, JSON, choose

MAX_TARGET = 8192       # bytes of path + query; longer: 414 (uvicorn's h11 itself refuses a request head > 64 KB)
READ_METHODS = {"GET", "HEAD", "OPTIONS"}
READ_POSTS = {urls.SPARQL}          # POST to these is a read (a SPARQL query), not a write
CSP = ("default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
REFERRER = "strict-origin-when-cross-origin"
PREFLIGHT_MAX_AGE = "600"

# Vietnamese titles of the error pages; others fall back to the class (4xx / 5xx)
TITLES = {400: "Yêu cầu không hợp lệ", 401: "Cần mã xác thực", 403: "Không được phép",
          404: "Không tìm thấy trang", 405: "Phương thức không được hỗ trợ", 406: "Không có định dạng phù hợp",
          413: "Dữ liệu gửi lên quá lớn", 414: "Địa chỉ quá dài", 415: "Định dạng dữ liệu không được hỗ trợ",
          422: "Tham số không hợp lệ", 500: "Lỗi máy chủ", 502: "Kho dữ liệu báo lỗi",
          503: "Dịch vụ tạm thời không sẵn sàng"}
HINTS = {404: "Địa chỉ này không có trên máy chủ, hoặc tài nguyên không có trong đồ thị.",
         414: "Câu truy vấn SPARQL dài hãy gửi bằng POST (application/sparql-query hoặc biểu mẫu).",
         500: "Máy chủ gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau."}

log = logging.getLogger("reformkg.http")


# ---------------------------------------------------------------- errors
def wants_html(request: Request) -> bool:
    """A browser: its Accept header prefers text/html to JSON (a bare */* gets JSON)."""
    return choose(request.headers.get("accept"), [JSON, HTML]) is HTML


def error_response(request: Request, status: int, detail, headers: dict | None = None) -> Response:
    if wants_html(request):
        title = TITLES.get(status, "Yêu cầu không hợp lệ" if status < 500 else "Lỗi máy chủ")
        message = detail if isinstance(detail, str) else "; ".join(
            f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', '')}" if isinstance(e, dict) else str(e)
            for e in (detail if isinstance(detail, list) else [detail]))
        response = render(request, "http_error.html", status=status, title=title, code=status, message=message,
                          hint=HINTS.get(status))
        response.headers.update(headers or {})
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Frame-Options"] = "DENY"
    else:
        response = JSONResponse({"detail": detail}, status_code=status, headers=headers)
    # here too, not only in the middleware: a 500 is answered outside it (Starlette's ServerErrorMiddleware)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = REFERRER
    return response


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:      # Starlette names the methods of one route; the path may have more
        methods = allowed_methods(request.app, request.scope)
        if methods:
            headers["Allow"] = allow_header(methods)
    return error_response(request, exc.status_code, exc.detail, headers or None)


async def validation_error(request: Request, exc: RequestValidationError) -> Response:
    errors = [{k: v for k, v in e.items() if k in ("type", "loc", "msg", "input")} for e in exc.errors()]
    return error_response(request, 422, errors)


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, "internal server error")


def install(app) -> None:
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, server_error)


# ---------------------------------------------------------------- the middleware
def cors_origins() -> list[str]:
    return [o.strip().rstrip("/") for o in os.environ.get("REFORMKG_CORS_ORIGINS", "*").split(",") if o.strip()]


def allowed_methods(app, scope) -> set[str]:
    """The methods the app's routes serve at this path (HEAD with GET, OPTIONS always), empty if none.
    Each method is probed through the routes' own matching (a route serving it matches FULL), as
    FastAPI nests included routers rather than listing their routes."""
    def probe(method):          # a copy the matching may write into (FastAPI keeps its state in scope["fastapi"])
        return {**scope, "method": method, **({"fastapi": dict(scope["fastapi"])} if "fastapi" in scope else {})}
    methods = {m for m in PROBED
               if any(route.matches(probe(m))[0] == Match.FULL for route in app.router.routes)}
    if methods:
        methods |= {"OPTIONS"} | ({"HEAD"} if "GET" in methods else set())
    return methods


ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
PROBED = ("GET", "POST", "PUT", "PATCH", "DELETE")


def allow_header(methods: set[str]) -> str:
    return ", ".join(sorted(methods, key=lambda m: ORDER.index(m) if m in ORDER else len(ORDER)))


def is_read(method: str, path: str) -> bool:
    return method in READ_METHODS or (method == "POST" and path.rstrip("/") in READ_POSTS)


def cors_origin(origin: str | None, read: bool) -> str | None:
    """The Access-Control-Allow-Origin value for this origin, or None (no CORS)."""
    if not origin:
        return None
    listed = cors_origins()
    if origin.rstrip("/") in listed:
        return origin
    if read and "*" in listed:
        return "*"
    return None


class Conventions:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        origin = headers.get("origin")
        method = scope["method"]
        path = scope["path"]
        target = len(scope.get("raw_path") or path.encode()) + len(scope.get("query_string") or b"")

        if target > MAX_TARGET:
            request = Request(scope)
            response = error_response(request, 414, f"the request target is {target} bytes; the limit is "
                                      f"{MAX_TARGET}: send a long SPARQL query by POST (application/sparql-query "
                                      "or a form), not in the URL")
            return await self._send(response, scope, receive, send, origin, read=True)

        if method == "OPTIONS":
            app = scope.get("app") or self.app
            methods = allowed_methods(app, scope)
            if not methods:
                return await self._send(error_response(Request(scope), 404, "Not Found"), scope, receive, send,
                                        origin, read=True)
            response = Response(status_code=204, headers={"Allow": allow_header(methods)})
            wanted = headers.get("access-control-request-method", "").upper()
            if origin and wanted:
                allow = cors_origin(origin, is_read(wanted, path))
                if allow and wanted in methods:
                    granted = {m for m in methods if m == "OPTIONS" or is_read(m, path) or allow != "*"}
                    response.headers["Access-Control-Allow-Origin"] = allow
                    response.headers["Access-Control-Allow-Methods"] = allow_header(granted)
                    asked = headers.get("access-control-request-headers")
                    if asked:
                        response.headers["Access-Control-Allow-Headers"] = asked
                    response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
                    if allow != "*":
                        response.headers["Vary"] = "Origin"
            return await self._send(response, scope, receive, send, None, read=True)

        head = method == "HEAD"
        inner = dict(scope, method="GET") if head else scope      # HEAD runs the GET route
        read = is_read(method, path)

        started = False

        async def wrapped(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = dict(message, headers=self._headers(message.get("headers", []), origin, read))
            elif message["type"] == "http.response.body" and head:
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        try:
            await self.app(inner, receive, wrapped)
        except Exception as exc:
            # answered here, not re-raised as Starlette's ServerErrorMiddleware does: uvicorn would then
            # drop the connection under a client that keeps it alive
            if started:
                raise
            await self._send(await server_error(Request(scope), exc), scope, receive, send, origin, read)

    async def _send(self, response, scope, receive, send, origin, read):
        async def wrapped(message):
            if message["type"] == "http.response.start":
                message = dict(message, headers=self._headers(message.get("headers", []), origin, read))
            elif message["type"] == "http.response.body" and scope["method"] == "HEAD":
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)
        await response(scope, receive, wrapped)

    @staticmethod
    def _headers(raw, origin, read):
        out = list(raw)
        names = {k.lower() for k, _ in raw}
        ctype = next((v for k, v in raw if k.lower() == b"content-type"), b"").decode("latin-1").lower()

        def add(name: str, value: str):
            if name.lower().encode() not in names:
                out.append((name.lower().encode(), value.encode("latin-1")))
        add("X-Content-Type-Options", "nosniff")
        add("Referrer-Policy", REFERRER)
        if ctype.startswith("text/html"):
            add("Content-Security-Policy", CSP)
            add("X-Frame-Options", "DENY")
        allow = cors_origin(origin, read)
        if allow:
            add("Access-Control-Allow-Origin", allow)
            add("Access-Control-Expose-Headers", "Content-Disposition, Retry-After, Allow")
            if allow != "*":
                vary = [i for i, (k, _) in enumerate(out) if k.lower() == b"vary"]
                if vary:
                    k, v = out[vary[0]]
                    out[vary[0]] = (k, v + b", Origin")
                else:
                    out.append((b"vary", b"Origin"))
        return out
