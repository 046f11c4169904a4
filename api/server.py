"""The FastAPI application: SPARQL endpoint, REST for people, resource pages, plan uploads.

    create_app(store, timeout=10, row_limit=10000, workers=4, url=None,
               queue_wait=None, client_header=None) -> FastAPI
    serve(store, host, port, ...)                              runs it under uvicorn

Routes: /sparql (api.sparql), /legal-documents /tasks /agencies /plans /targets
(api.rest), POST /plans and /plans/new (api.plans: live ingest, with the write token),
/ and /id/... (api.pages), /docs (offline API docs) and /openapi.json, /view/...
(api.views, the graph view drawn by api.graph_html); every URL spelled in api.urls.

The store is embedded Oxigraph or a remote SPARQL endpoint (graph.open_store). For a remote
one the server's query time limit becomes the store's own (REST and pages too), and a store
error escaping a route is answered here: 503 when the engine is down, too slow or refuses the
server, 502 for any other refusal - one line of JSON ({"detail": ...}) or, for a browser, an HTML page
(api.http.error_response), never a traceback. The HTTP conventions of every route (HEAD, OPTIONS,
CORS, security headers, 414, error pages): api.http.
"""
from __future__ import annotations

import os
import threading
from contextlib import asynccontextmanager, nullcontext
from types import SimpleNamespace

from fastapi import FastAPI, Request
from fastapi.responses import Response

from graph import queries
from graph.iri import PREFIXES
from graph.storebase import StoreAccessDenied, StoreError, StoreTimeout, StoreUnavailable

from . import http, pages, plans, rest, review, sparql, urls, views
from .worker import Pool


def create_app(store, timeout: float | None = None, row_limit: int | None = None,
               workers: int | None = None, url: str | None = None, queue_wait: float | None = None,
               client_header: str | None = None) -> FastAPI:
    """The app over a graph store (embedded or remote). Limits default to $REFORMKG_QUERY_TIMEOUT
    (seconds, 10), $REFORMKG_ROW_LIMIT (10000) and $REFORMKG_QUERY_WORKERS (4). /sparql queries wait for a
    worker fairly between clients (api.worker) for at most `queue_wait` seconds ($REFORMKG_QUEUE_WAIT,
    default: the time limit), then 503 with Retry-After; a client is its remote address, or the last entry of
    `client_header` ($REFORMKG_CLIENT_HEADER, e.g. X-Forwarded-For - set it only behind a proxy that
    writes it; default none). Writes (api.plans) to
    $REFORMKG_WRITE_TOKEN / $REFORMKG_WRITE_TOKEN_FILE (none: off) and $REFORMKG_MAX_UPLOAD; cross-origin
    access to $REFORMKG_CORS_ORIGINS (api.http: comma-separated origins; default '*' for reads; empty: none).
    `url`: where the app is served; while it runs, an embedded store's folder names it
    (api.plans.announce), so that `reformkg ingest` into that folder can go through the server."""
    pool = Pool(store, workers=workers or int(os.environ.get("REFORMKG_QUERY_WORKERS", 4)),
                timeout=timeout or float(os.environ.get("REFORMKG_QUERY_TIMEOUT", 10)),
                row_limit=row_limit or int(os.environ.get("REFORMKG_ROW_LIMIT", 10000)),
                prefixes=PREFIXES,
                queue_wait=queue_wait if queue_wait is not None else
                float(os.environ["REFORMKG_QUEUE_WAIT"]) if os.environ.get("REFORMKG_QUEUE_WAIT") else None)
    pool.client_header = client_header or os.environ.get("REFORMKG_CLIENT_HEADER") or None
    if getattr(store, "remote", False):
        store.query_timeout = pool.timeout     # the engine holds every query to it, not only /sparql's

    embedded = not getattr(store, "remote", False) and store.location != ":memory:"

    @asynccontextmanager
    async def lifespan(app):
        pool.start()           # the workers' first checkpoint now, not at the first query (api.worker)
        # announced here, not around uvicorn.run: uvicorn re-raises SIGTERM after shutdown, so code
        # after run() never runs, whereas this exit does
        with plans.announce(store.location, url) if url and embedded else nullcontext():
            yield
        pool.close()

    # FastAPI's own /docs loads Swagger UI from a CDN; ours is an offline page (api.pages)
    app = FastAPI(title="reformkg", version="0.1.0", docs_url=None, redoc_url=None, openapi_url=urls.OPENAPI,
                  lifespan=lifespan,
                  description="Đồ thị tri thức các kế hoạch cải cách hành chính (CCHC): SPARQL 1.1, "
                              "REST cho cán bộ pháp chế, trang tài nguyên.")
    state = SimpleNamespace(store=store, pool=pool, queries=queries.load(), write_token=plans.write_token(),
                            max_upload=plans.max_upload(), write_lock=threading.Lock())
    app.state.reformkg = state
    http.install(app)                         # errors: HTML for a browser, JSON for a program (api.http)
    app.add_exception_handler(StoreError, store_error)
    app.add_middleware(http.Conventions)      # HEAD, OPTIONS, CORS, security headers, 414 (api.http)
    app.include_router(sparql.router(state))
    app.include_router(plans.router(state))   # before api.rest: /plans/new is not a plan's /plans/{id}
    app.include_router(review.router(state))  # /review, POST /corrections (api.review)
    app.include_router(rest.router(state))
    app.include_router(pages.router(state))
    app.include_router(views.router)          # /view/...: the graph view (api.views, api.graph_html)
    return app


async def store_error(request: Request, exc: StoreError) -> Response:
    """A store error a route let through: the engine down, too slow or refusing -> 503, else 502."""
    status = 503 if isinstance(exc, (StoreUnavailable, StoreTimeout, StoreAccessDenied)) else 502
    prefix = ("" if isinstance(exc, StoreTimeout) else "the graph store is unavailable: "
              if isinstance(exc, StoreUnavailable) else "the graph store failed: ")
    return http.error_response(request, status, prefix + " ".join(str(exc).split()),
                               headers={"Retry-After": str(sparql.RETRY_AFTER)} if status == 503 else None)


def serve(store, host: str = "127.0.0.1", port: int = 8000, **limits) -> None:
    """Run the app under uvicorn, on `host`:`port`."""
    import uvicorn

    local = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host     # where a local client reaches it
    url = f"http://{'[' + local + ']' if ':' in local else local}:{port}"
    # h11 refuses a request head over this with a bare 400; below it, api.http answers a long URL with 414
    uvicorn.run(create_app(store, url=url, **limits), host=host, port=port, log_level="info",
                h11_max_incomplete_event_size=64 * 1024)
