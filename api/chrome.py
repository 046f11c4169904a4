"""Page chrome shared by every HTML page: templates, navigation, rendering.

    ENV                     the Jinja2 environment over api/templates/ (autoescaped; `urls` = api.urls),
                            the one every page is drawn with, the graph view's (api.graph_html) too
    NAV                     the navigation bar: (URL, Vietnamese label)
    vi_date(iso)            '2025-06-09' -> '09/06/2025', as pages show dates
    render(request, template, status=200, **ctx) -> HTMLResponse   (ctx also gets nav, and `local`:
                            an IRI -> its /id/ page, api.urls.page)
    short(iri)              an IRI in prefixed form ('rkg:Task', 'id:legal/nd-118-2025-nd-cp')

The pages themselves: api.pages (home, /docs, /id/...), api.rest (lists as tables), api.sparql
(the query page); the graph view page (api.graph_html) takes ENV, and NAV when served. This module
imports FastAPI only inside render(), so that `reformkg view` (api.graph_html) does not load it.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, select_autoescape

from graph.iri import PREFIXES

from . import urls

if TYPE_CHECKING:
    from fastapi import Request
    from fastapi.responses import HTMLResponse

TEMPLATES = Path(__file__).resolve().parent / "templates"
ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
ENV.globals["urls"] = urls
NAV = [(urls.HOME, "Trang chủ"), (urls.collection("legal"), "Văn bản"), (urls.collection("task"), "Nhiệm vụ"),
       (urls.collection("agency"), "Cơ quan"), (urls.collection("plan"), "Kế hoạch"),
       (urls.collection("target"), "Mục tiêu"), (urls.REVIEW, "Rà soát"), (urls.PLAN_FORM, "Nạp kế hoạch"),
       (urls.SPARQL, "SPARQL"),
       (urls.DOCS, "API")]


def vi_date(value: str | None) -> str:
    """ISO '2025-06-09' -> '09/06/2025' (pages show dates the Vietnamese way; data keeps ISO)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    return f"{m[3]}/{m[2]}/{m[1]}" if m else (value or "")


def short(value: str | None) -> str:
    """An IRI in prefixed form where a project prefix fits ('rkg:Task', 'id:legal/nd-118-2025-nd-cp')."""
    if not value:
        return ""
    for p, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if value.startswith(ns) and len(value) > len(ns):
            return f"{p}:{value[len(ns):]}"
    return value


def render(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
    from fastapi.responses import HTMLResponse

    html = ENV.get_template(name).render(request=request, nav=NAV, local=urls.page, **ctx)
    return HTMLResponse(html, status_code=status)
