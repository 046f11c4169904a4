"""The FastAPI application: SPARQL endpoint, REST for people, resource pages.

    create_app(store, timeout=10, row_limit=10000, workers=2) -> FastAPI
    serve(store, host, port, ...)                              runs it under uvicorn

Routes: /sparql (api.sparql), /legal-documents /tasks /agencies /plans /targets
(api.rest), / and /id/... (api.pages), /docs (offline API docs) and /openapi.json,
/view/... (api.views, the graph view drawn by api.graph_html); every URL spelled in api.urls.
"""
from __future__ import annotations

import os
from contextlib import asynccontextmanager
from types import SimpleNamespace

from fastapi import FastAPI

from graph import queries
from graph.iri import PREFIXES

from . import pages, rest, sparql, urls, views
from .worker import Pool


def create_app(store, timeout: float | None = None, row_limit: int | None = None,
               workers: int | None = None) -> FastAPI:
    """The app over a graph.Store. Limits default to $REFORMKG_QUERY_TIMEOUT (seconds, 10),
    $REFORMKG_ROW_LIMIT (10000) and $REFORMKG_QUERY_WORKERS (2)."""
    pool = Pool(store, workers=workers or int(os.environ.get("REFORMKG_QUERY_WORKERS", 2)),
                timeout=timeout or float(os.environ.get("REFORMKG_QUERY_TIMEOUT", 10)),
                row_limit=row_limit or int(os.environ.get("REFORMKG_ROW_LIMIT", 10000)),
                prefixes=PREFIXES)

    @asynccontextmanager
    async def lifespan(app):
        yield
        pool.close()

    # FastAPI's own /docs loads Swagger UI from a CDN; ours is an offline page (api.pages)
    app = FastAPI(title="reformkg", version="0.1.0", docs_url=None, redoc_url=None, openapi_url=urls.OPENAPI,
                  lifespan=lifespan,
                  description="Knowledge graph of Vietnamese administrative-reform (CCHC) plans: SPARQL 1.1, "
                              "REST for legal officers, resource pages.")
    state = SimpleNamespace(store=store, pool=pool, queries=queries.load())
    app.state.reformkg = state
    app.include_router(sparql.router(state))
    app.include_router(rest.router(state))
    app.include_router(pages.router(state))
    app.include_router(views.router)          # /view/...: the graph view (api.views, api.graph_html)
    return app


def serve(store, host: str = "127.0.0.1", port: int = 8000, **limits) -> None:
    import uvicorn

    uvicorn.run(create_app(store, **limits), host=host, port=port, log_level="info")
