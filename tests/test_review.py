"""The review queue (api.review) and corrections over HTTP: the project's app under a real uvicorn
server (tests/processes.Threaded) on an on-disk store, and in Debian's chromium (Playwright).

The store holds sample 002 as extracted from its text file (34 rows, with their source lines and the
file's text) with confidences set by hand - the extractor's own are not relied on: row i gets
0.9 - 0.02 i, so the last row (0.24) comes first; every deadline 0.5, lead 0.75 - plus sample 003's gold
records without confidences (not in the queue). Expected values read off data/plans/002_*.txt: row
direction/1 (lines 16-21) is due "Quý I/2022"; the last row, direction/7, is lines 281-285, led by
Sở Khoa học và Công nghệ.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

from graph import corrections, iri, queries
from tests.conftest import key_of, load_gold, plan_of_file
from tests.processes import Threaded
from tests.test_view_browser import ARGS, CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "s3cret-review"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
JSON = {"Accept": "application/json"}
SAMPLE = "002_a39914e25e1938d1.txt"
PATH = ROOT / "data" / "plans" / SAMPLE


def confident(record):
    for i, t in enumerate(record.table_tasks):
        t.confidence = {"row": round(0.9 - 0.02 * i, 3), "lead": 0.75, "deadline": 0.5, "target": 0.8, "text": 0.95}
    record.confidence_method = "by hand"
    return record


@pytest.fixture(scope="module")
def store(make_store):
    from ingest import extract

    record = extract(PATH)
    record.source = str(PATH)       # the records' path: graph.build stores the file's text from it
    return make_store([confident(record), load_gold("003")], on_disk=True)


@pytest.fixture(scope="module")
def server(store):
    from api.server import create_app

    app = create_app(store, workers=1)
    app.state.reformkg.write_token = TOKEN
    with Threaded(app) as s:
        s.state = app.state.reformkg
        yield s


def task_id(store, ref="1", area="direction", source=str(PATH)) -> str:
    return f"{key_of(plan_of_file(store, source))}/{area}/{ref}"


# ---------------------------------------------------------------- the queue
def test_review_lists_rows_by_rising_confidence_with_their_source_lines(server, store):
    body = httpx.get(server.base + "/review.json", params={"limit": 100}).json()
    assert body["total"] == 34                                  # 002's rows; 003's gold rows have none
    confidences = [t["confidence"] for t in body["items"]]
    assert confidences == sorted(confidences) and confidences[0] == 0.24 and confidences[-1] == 0.9
    first = body["items"][0]                                    # row 33 of 002
    assert first["id"] == task_id(store, "7") and first["text"].startswith("Rà soát, xây dựng các quy trình")
    assert {f: v["confidence"] for f, v in first["fields"].items()} == \
        {"text": 0.95, "lead": 0.75, "coordinating": None, "deadline": 0.5, "target": 0.8}
    # the agency's name in the graph: the first spelling the plan uses (its cell here says "công nghệ")
    assert first["fields"]["lead"]["value"] == "Sở Khoa học và Công nghệ"
    assert first["lines"] == [281, 285]
    assert first["source"] == f"/plans/{key_of(plan_of_file(store, str(PATH)))}/source?lines=281-285#L281"
    assert [(ln["n"], ln["text"].strip()[:12]) for ln in first["source_lines"]] == [
        (281, "7"), (282, "Rà soát, xây"), (283, "Sở Khoa học "), (284, "Văn phòng UB"), (285, "Quý IV/2025:")]

    # the same as a page for people, in the same order; JSON also by Accept
    page = httpx.get(server.base + "/review", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Rà soát trích xuất" in page.text
    assert page.text.index(body["items"][0]["text"][:60]) < page.text.index(body["items"][1]["text"][:60])
    assert "24%" in page.text and f'href="{first["source"]}"' in page.text and "Văn phòng UBND tỉnh; các Sở" in page.text
    assert httpx.get(server.base + "/review", headers=JSON).json()["total"] == 34


def test_review_filters(server, store):
    def total(**params):
        r = httpx.get(server.base + "/review.json", params=params)
        assert r.status_code == 200, r.text
        return r.json()["total"]
    assert total(confidence=0.3) == 4                           # 0.24, 0.26, 0.28, 0.3
    assert total(field="deadline", confidence=0.5) == 34        # every deadline is 0.5
    assert total(field="lead", confidence=0.5) == 0             # every lead is 0.75
    assert total(plan=key_of(plan_of_file(store, str(PATH)))) == 34
    assert total(plan=key_of(plan_of_file(store, "003_1804e7c71a558f13.txt"))) == 0
    assert httpx.get(server.base + "/review.json", params={"field": "budget"}).status_code == 400


# ---------------------------------------------------------------- corrections
def test_a_correction_needs_the_token_and_shows_everywhere(server, store):
    task = task_id(store, "1")
    body = {"task": task, "field": "deadline", "value": "30/09/2025"}
    r = httpx.post(server.base + "/corrections", json=body)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert httpx.post(server.base + "/corrections", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    server.state.write_token = None
    try:
        assert httpx.post(server.base + "/corrections", json=body, headers=AUTH).status_code == 403
    finally:
        server.state.write_token = TOKEN
    assert httpx.get(server.base + f"/tasks/{task}", headers=JSON).json()["deadline"] == "Quý I/2022"

    r = httpx.post(server.base + "/corrections", json=body, headers=AUTH)
    assert r.status_code == 200, r.text
    assert (r.json()["extracted"], r.json()["value"], r.json()["status"]) == ("Quý I/2022", "30/09/2025", "applied")
    assert r.json()["by"].startswith("token ") and TOKEN not in r.text

    data = httpx.get(server.base + f"/tasks/{task}", headers=JSON).json()
    assert (data["deadline"], data["deadline_end"]) == ("30/09/2025", "2025-09-30")
    assert data["confidence"] == 0.9 and data["confidence_fields"]["deadline"] == 0.5
    html = httpx.get(server.base + f"/tasks/{task}", headers={"Accept": "text/html"}).text
    assert "30/09/2025" in html and "Quý I/2022" not in html
    due = queries.run(store, "tasks_due", **{"from": "2025-09-01", "to": "2025-09-30"})
    # 003 has one row due then too (procedures/3, "Kế hoạch ban hành quý III/2025; ..."); 002 had none
    assert sorted((r["task"].split("/")[6], r["deadline"]) for r in due) == [
        ("son-la", "Kế hoạch ban hành quý III/2025; Báo cáo kết quả định kỳ quý/năm theo quy định."),
        ("ha-tinh", "30/09/2025")][::-1] and iri.ID + "task/" + task in [r["task"] for r in due]
    # over /sparql (the query workers' checkpoint was refreshed): the extracted value stays queryable
    q = iri.SPARQL_PREFIXES + f"""SELECT ?old WHERE {{ GRAPH <{iri.CORRECTIONS_GRAPH}> {{
        ?c rkg:correctedTask <{iri.ID}task/{task}> ; rkg:extractedValue ?old }} }}"""
    rows = httpx.get(server.base + "/sparql", params={"query": q},
                     headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"]
    assert [b["old"]["value"] for b in rows] == ["Quý I/2022"]
    review = httpx.get(server.base + "/review.json", params={"limit": 100}).json()
    [item] = [t for t in review["items"] if t["id"] == task]
    assert item["fields"]["deadline"]["value"] == "30/09/2025"
    assert item["fields"]["deadline"]["correction"]["extracted"] == "Quý I/2022"
    assert httpx.get(server.base + "/corrections").json()["corrections"][0]["value"] == "30/09/2025"


def test_bad_corrections_are_refused_readably(server, store):
    post = lambda body: httpx.post(server.base + "/corrections", json=body, headers=AUTH)    # noqa: E731
    assert post({"task": task_id(store, "99"), "field": "text", "value": "x"}).status_code == 404
    assert post({"task": task_id(store, "2"), "field": "budget", "value": "x"}).status_code == 422
    r = post({"task": task_id(store, "2"), "field": "target", "value": "không có mục tiêu này"})
    assert r.status_code == 422 and "no target" in r.json()["detail"]
    assert post({"task": task_id(store, "2"), "field": "text", "value": ""}).status_code == 422
    assert httpx.post(server.base + "/corrections", content=b"{", headers=AUTH).status_code == 400


def test_a_correction_survives_reingest_of_the_changed_plan_file(make_store, tmp_path):
    """Through POST /plans, as a reviewer's server would: ingest 002's text file, correct a row, change
    another row in the file, ingest it again; then change the corrected row itself."""
    from api.server import create_app

    lines = (ROOT / "data" / "plans" / SAMPLE).read_text(encoding="utf-8").split("\n")
    assert (lines[20], lines[28]) == ("\tQuý I/2022", "\tQuý II/2023")    # direction/1 and /2's deadlines

    def upload(base, changes):
        text = list(lines)
        for n, value in changes.items():
            text[n] = value
        r = httpx.post(base + "/plans", headers=AUTH, timeout=120,
                       files=[("file", (SAMPLE, "\n".join(text).encode("utf-8")))])
        assert r.status_code == 200, r.text
        return r.json()["files"][0]

    store = make_store(on_disk=True)
    app = create_app(store, workers=1)
    app.state.reformkg.write_token = TOKEN
    with Threaded(app) as s:
        assert upload(s.base, {})["status"] == "added"
        task = task_id(store, "1", source=SAMPLE)
        deadline = lambda: httpx.get(s.base + f"/tasks/{task}", headers=JSON).json()["deadline"]  # noqa: E731
        assert deadline() == "Quý I/2022"
        r = httpx.post(s.base + "/corrections", json={"task": task, "field": "deadline", "value": "31/12/2025"},
                       headers=AUTH)
        assert r.status_code == 200, r.text
        assert deadline() == "31/12/2025"

        done = upload(s.base, {28: "\tQuý III/2023"})              # another row changed
        assert (done["status"], done["notes"]) == ("replaced", [])
        assert deadline() == "31/12/2025"
        assert httpx.get(s.base + f"/tasks/{task_id(store, '2', source=SAMPLE)}", headers=JSON).json()["deadline"] == "Quý III/2023"

        done = upload(s.base, {20: "\tQuý II/2022", 28: "\tQuý III/2023"})   # the corrected row changed
        assert done["status"] == "replaced"
        assert len(done["notes"]) == 1 and "stale" in done["notes"][0] and "Quý II/2022" in done["notes"][0]
        assert deadline() == "Quý II/2022"
        [c] = corrections.records(store)
        assert (c.status, c.extracted, c.value) == ("stale", "Quý I/2022", "31/12/2025")


# ---------------------------------------------------------------- in a browser
@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing (Debian package 'chromium')")
def test_correct_a_deadline_on_the_review_page_and_see_it_on_the_task_page(server, store):
    from playwright.sync_api import sync_playwright

    outside = []

    def route(r):
        if r.request.url.startswith("http://127.0.0.1:"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.route("**/*", route)
            page = context.new_page()
            page.goto(server.base + "/review?limit=5")
            first = page.locator("section.item").first
            assert first.get_attribute("id") == task_id(store, "7")        # the least sure row first
            page.fill("#token", TOKEN)
            form = first.locator("form.fix[data-field=deadline]")
            assert form.locator("input[name=value]").input_value().startswith("Quý IV/2025")
            form.locator("input[name=value]").fill("15/11/2025")
            form.locator("button").click()
            page.wait_for_function("el => el.textContent === 'Đã lưu'", arg=form.locator(".msg").element_handle(),
                                   timeout=30000)
            page.reload()
            assert "Đã sửa bởi token" in page.locator("section.item").first.inner_text()
            shots = ROOT / "docs" / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / "review.png"))
            page.locator("section.item").first.locator("h3 a").click()
            page.wait_for_load_state()
            assert page.url.endswith("/tasks/" + task_id(store, "7"))
            assert "15/11/2025" in page.inner_text("main")
        finally:
            browser.close()
    assert outside == []
