"""The server's HTTP conventions (api.http), through a real uvicorn on a free loopback port and httpx:
HEAD and OPTIONS on every route, CORS for reads (never for writes unless listed), security headers,
error pages for people and JSON for programs, CSV for spreadsheets, and limits that answer 400/414
instead of crashing.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import httpx
import pytest

from api.rest import BOM, neutralise, to_csv
from api.server import create_app
from tests.processes import Threaded

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ASK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def http(gold_store_on_disk):
    app = create_app(gold_store_on_disk, timeout=60, row_limit=5000)

    @app.get("/test-only/boom", include_in_schema=False)
    async def boom():
        raise RuntimeError("a bug with a secret in its message")

    with Threaded(app) as srv, httpx.Client(base_url=srv.base, timeout=120) as client:
        yield client


# ---------------------------------------------------------------- 1. HEAD and OPTIONS
@pytest.mark.parametrize("path", ["/sparql?query=ASK+%7B%7D", "/tasks?limit=3", "/tasks.csv?province=son-la", "/",
                                  "/id/legal/nd-118-2025-nd-cp", "/docs", "/openapi.json", "/plans/new",
                                  "/view/legal-document/nd-118-2025-nd-cp", "/id/legal/nd-118-2025-nd-cp.ttl"])
def test_head_answers_every_get_route_with_the_gets_headers_and_no_body(http, path):
    got = http.get(path)
    head = http.head(path)
    assert got.status_code == head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == got.headers["content-length"]


def test_head_of_sparql_is_200(http):       # the service description (its blank nodes differ by request)
    r = http.head("/sparql")
    assert r.status_code == 200 and r.content == b"" and r.headers["content-type"].startswith("text/turtle")


def test_options_lists_the_real_methods_of_the_path(http):
    r = http.options("/sparql")
    assert r.status_code == 204 and r.headers["allow"] == "GET, HEAD, POST, OPTIONS"
    assert http.options("/tasks").headers["allow"] == "GET, HEAD, OPTIONS"
    assert http.options("/plans").headers["allow"] == "GET, HEAD, POST, OPTIONS"     # list + upload
    task = "/tasks/ha-tinh/ubnd-tinh/kh-2025-cai-cach-hanh-chinh-tinh-ha-tinh-nam-2025/procedures/2-1"
    assert http.options(task).headers["allow"] == "GET, HEAD, OPTIONS"
    assert http.options("/no/such/route").status_code == 404
    # a method a route does not serve: 405 with the same Allow
    r = http.delete("/sparql")
    assert r.status_code == 405 and set(r.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


# ---------------------------------------------------------------- 2. CORS
def test_cross_origin_reads_of_sparql_and_the_api_are_allowed(http):
    origin = {"Origin": "https://notebook.example"}
    r = http.get("/sparql", params={"query": ASK}, headers=origin | {"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"
    assert r.json()["boolean"] is True
    r = http.post("/sparql", content=ASK, headers=origin | {"Content-Type": "application/sparql-query"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"
    assert http.get("/tasks.csv", headers=origin).headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-origin" not in http.get("/tasks?limit=1").headers    # same-origin: no CORS
    # the preflight of a POST with a SPARQL body
    r = http.options("/sparql", headers=origin | {"Access-Control-Request-Method": "POST",
                                                  "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 204 and r.headers["access-control-allow-origin"] == "*"
    assert {"GET", "HEAD", "POST"} <= set(r.headers["access-control-allow-methods"].replace(" ", "").split(","))
    assert r.headers["access-control-allow-headers"] == "content-type"


def test_writes_are_never_cross_origin_unless_the_origin_is_listed(http, monkeypatch):
    origin = {"Origin": "https://evil.example"}
    preflight = origin | {"Access-Control-Request-Method": "POST",
                          "Access-Control-Request-Headers": "authorization"}
    r = http.options("/plans", headers=preflight)
    assert "access-control-allow-origin" not in r.headers
    r = http.post("/plans", files={"file": ("x.txt", b"x")}, headers=origin)
    assert r.status_code in (401, 403) and "access-control-allow-origin" not in r.headers
    # listed by name: the write is allowed from there (and only there); reads from elsewhere no longer
    monkeypatch.setenv("REFORMKG_CORS_ORIGINS", "https://portal.example")
    r = http.options("/plans", headers=preflight | {"Origin": "https://portal.example"})
    assert r.headers["access-control-allow-origin"] == "https://portal.example" and "Origin" in r.headers["vary"]
    assert "POST" in r.headers["access-control-allow-methods"]
    assert "access-control-allow-origin" not in http.options("/plans", headers=preflight).headers
    assert "access-control-allow-origin" not in http.get("/sparql", params={"query": ASK}, headers=origin).headers


# ---------------------------------------------------------------- 3. security headers
def test_security_headers(http):
    for path in ("/sparql?query=" + ASK, "/tasks.csv", "/openapi.json", "/no/such/page"):
        r = http.get(path)
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["referrer-policy"], path
    for path in ("/", "/sparql", "/tasks", "/id/legal/nd-118-2025-nd-cp", "/plans/new", "/no/such/page",
                 "/view/legal-document/nd-118-2025-nd-cp"):
        r = http.get(path, headers={"Accept": BROWSER})
        assert r.headers["content-type"].startswith("text/html"), path
        csp = r.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp, path
        assert "http:" not in csp and "https:" not in csp, path       # nothing remote may load
        assert r.headers["x-frame-options"] == "DENY", path
        assert r.headers["x-content-type-options"] == "nosniff", path


# ---------------------------------------------------------------- 4. errors
def test_errors_are_pages_for_browsers_and_json_for_programs(http):
    r = http.get("/no/such/page", headers={"Accept": BROWSER})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "Không tìm thấy trang" in r.text and '<html lang="vi">' in r.text
    r = http.get("/no/such/page")
    assert r.status_code == 404 and r.json() == {"detail": "Not Found"}
    r = http.get("/tasks/no/such/task", headers={"Accept": BROWSER})
    assert r.status_code == 404 and "Không tìm thấy trang" in r.text and "không có nhiệm vụ" in r.text
    assert http.get("/tasks/no/such/task").json()["detail"].startswith("không có nhiệm vụ")
    r = http.get("/tasks?limit=0", headers={"Accept": BROWSER})                   # validation
    assert r.status_code == 422 and "Tham số không hợp lệ" in r.text and "limit" in r.text
    assert http.get("/tasks?limit=0").json()["detail"][0]["loc"] == ["query", "limit"]
    r = http.get("/tasks?due_from=July", headers={"Accept": BROWSER})              # a route's own 400
    assert r.status_code == 400 and "dd/mm/yyyy" in r.text and "Yêu cầu không hợp lệ" in r.text
    # SPARQL refusals: plain text for the protocol's clients, the page for a browser
    r = http.get("/sparql", params={"update": "CLEAR ALL"})
    assert r.status_code == 403 and r.text.startswith("403 Forbidden: ")
    assert r.headers["content-type"].startswith("text/plain")
    r = http.get("/sparql", params={"query": "CLEAR ALL"}, headers={"Accept": BROWSER})
    assert r.status_code == 403 and "Không được phép" in r.text and "read-only" in r.text
    r = http.delete("/tasks", headers={"Accept": BROWSER})
    assert r.status_code == 405 and "Phương thức không được hỗ trợ" in r.text and "GET" in r.headers["allow"]


def test_a_server_error_is_a_page_or_json_without_the_traceback(http):
    r = http.get("/test-only/boom", headers={"Accept": BROWSER})
    assert r.status_code == 500 and "Lỗi máy chủ" in r.text and "secret" not in r.text
    assert r.headers["x-content-type-options"] == "nosniff"
    r = http.get("/test-only/boom")
    assert r.status_code == 500 and r.json() == {"detail": "internal server error"}


# ---------------------------------------------------------------- 5. CSV
def test_csv_twins_start_with_a_bom_and_read_back_in_vietnamese(http):
    for path, accept in (("/tasks.csv?province=son-la", None), ("/legal-documents?q=118", "text/csv"),
                         ("/agencies.csv", None), ("/plans.csv", None), ("/targets.csv", None)):
        r = http.get(path, headers={"Accept": accept} if accept else {})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv"), path
        assert r.content.startswith(BOM.encode("utf-8")), path
    rows = list(csv.DictReader(io.StringIO(http.get("/tasks.csv?province=son-la").content.decode("utf-8-sig"))))
    assert rows and {r["province"] for r in rows} == {"Sơn La"}
    # SPARQL results CSV stays the W3C format, byte for byte: no BOM (api.sparql)
    r = http.get("/sparql", params={"query": "SELECT ?x WHERE { BIND('=1+1' AS ?x) }", "format": "csv"})
    assert r.content == b"x\r\n=1+1\r\n"


def test_cells_a_spreadsheet_would_run_are_neutralised():
    for text in ("=HYPERLINK(\"http://x\",\"y\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    assert neutralise("Sở Nội vụ") == "Sở Nội vụ"
    text = to_csv([{"label": "=cmd|' /C calc'!A0", "tasks": -3, "lead": [{"label": "-Sở"}, {"label": "UBND"}],
                    "text": "bình thường"}])
    assert text.startswith(BOM)
    [header, row] = list(csv.reader(io.StringIO(text[1:])))
    assert header == ["label", "tasks", "lead", "text"]
    assert row == ["'=cmd|' /C calc'!A0", "-3", "'-Sở; UBND", "bình thường"]


# ---------------------------------------------------------------- 6. limits
def test_deeply_nested_query_is_a_400_with_a_reason_and_the_server_keeps_answering(http):
    query = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    for r in (http.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"}),
              http.post("/sparql", data={"query": query})):
        assert r.status_code == 400 and "nests brackets 5000 deep" in r.text
    r = http.get("/sparql", params={"query": "SELECT * WHERE " + "{" * 50 + "}" * 50})   # moderate nesting is fine
    assert r.status_code == 200
    assert http.get("/sparql", params={"query": ASK}).status_code == 200


def test_an_over_long_url_is_a_414(http):
    r = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 10_000})
    assert r.status_code == 414 and "POST" in r.json()["detail"]
    r = http.get("/tasks", params={"q": "x" * 9000}, headers={"Accept": BROWSER})
    assert r.status_code == 414 and "Địa chỉ quá dài" in r.text
    assert http.get("/sparql", params={"query": "ASK {} #" + "x" * 7000}).status_code == 200


# ---------------------------------------------------------------- the CSP in a real browser
CHROMIUM = "/usr/bin/chromium"


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing (Debian package 'chromium')")
def test_pages_run_under_their_content_security_policy(http):
    """Every kind of page, in headless chromium: the CSP blocks nothing the page needs (no violation
    reported on the console) and the scripted pages still work."""
    from playwright.sync_api import sync_playwright

    base = str(http.base_url).rstrip("/")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            console: list[str] = []
            page.on("console", lambda m: console.append(m.text))
            for path in ("/", "/sparql?query=" + ASK, "/tasks", "/id/legal/nd-118-2025-nd-cp", "/plans/new",
                         "/docs", "/no/such/page", "/view/legal-document/nd-118-2025-nd-cp"):
                page.goto(base + path)
                page.wait_for_load_state("load")
            page.goto(base + "/view/legal-document/nd-118-2025-nd-cp")
            page.wait_for_function("document.querySelector('#network canvas') !== null", timeout=30_000)
            assert not [m for m in console if "Content Security Policy" in m], console
        finally:
            browser.close()
