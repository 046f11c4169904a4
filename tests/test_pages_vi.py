"""The pages and REST lists for the people who use them (issue 13), over a real server (tests/processes.py
Threaded) on the store of the four sample plans ingested from their files, so that their source text is in
the graph (graph.build.source_text):

- filters take what a person types: agency, area, province, plan by name (diacritics, case and spacing
  ignored) as well as by id, dates as dd/mm/yyyy or ISO, documents however typed ('NĐ118'); a filter naming
  nothing says so and suggests near names; a bad date is a 400 (an HTML page for a browser);
- every task, target and document page links to its lines in the plan's source page, which highlights them;
- the task page keeps the task's own basis apart from its plan's; its heading is cut between words;
- Vietnamese on pages: levels, counts, dates dd/mm/yyyy.
Expected values were read by hand in data/plans/ and tests/gold/.
"""
from __future__ import annotations

import csv
import io
import re
from html import unescape
from pathlib import Path

import httpx
import pytest

from api.server import create_app
from graph.iri import fold
from tests.conftest import key_of, plan_of_file
from tests.processes import Threaded

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "data" / "plans"
SOURCE_000 = "000_020fcace3bf4412a.txt"
SOURCE_002 = "002_a39914e25e1938d1.txt"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def samples(make_store):
    return make_store([PLANS])


@pytest.fixture(scope="module")
def http(samples):
    with Threaded(create_app(samples)) as server, httpx.Client(base_url=server.base, timeout=60) as client:
        yield client


def total(http, path: str, **params) -> int:
    r = http.get(path, params=params) if params else http.get(path)     # (params={} would drop the path's query)
    assert r.status_code == 200, (path, params, r.text)
    return r.json()["total"]


def text_of(html: str) -> str:
    """What a person reads: the page without its style sheet, tags and entities."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


# ---------------------------------------------------------------- filters as typed
def test_agency_by_name_however_typed(http):
    by_id = total(http, "/tasks", agency="ha-tinh/so-noi-vu")
    assert by_id > 0
    # Sở Nội vụ of Hà Tĩnh is the only Sở Nội vụ of the samples: its name gives the same tasks
    for typed in ("Sở Nội vụ", "so noi vu", "SỞ NỘI VỤ", " Sở  Nội vụ ", "SởNộiVụ"):
        assert total(http, "/tasks", agency=typed) == by_id, typed
    # the CSV twin: the same tasks
    rows = list(csv.DictReader(io.StringIO(http.get("/tasks.csv", params={"agency": "Sở Nội vụ"}).content
                                           .decode("utf-8-sig"))))
    assert len(rows) == by_id


def test_dates_typed_dd_mm_yyyy_give_the_iso_answer(http):
    iso = total(http, "/tasks", due_from="2025-07-01", due_to="2025-09-30")
    assert iso > 0
    assert total(http, "/tasks", due_from="01/07/2025", due_to="30/09/2025") == iso
    assert total(http, "/tasks", due_from="1/7/2025", due_to="30.09.2025") == iso
    items = http.get("/tasks", params={"due_from": "01/07/2025", "due_to": "30/09/2025", "limit": 1000}).json()["items"]
    assert all("2025-07-01" <= t["deadline_end"] <= "2025-09-30" for t in items)       # JSON keeps ISO
    r = http.get("/tasks", params={"due_from": "31/02/2025"})
    assert r.status_code == 400 and "dd/mm/yyyy" in r.json()["detail"]
    r = http.get("/tasks", params={"due_to": "tháng 7"}, headers={"Accept": BROWSER})       # a browser: a page
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert "Yêu cầu không hợp lệ" in r.text and "dd/mm/yyyy" in r.text


def test_document_ids_however_typed(http):
    cited = {t["id"] for t in http.get("/tasks", params={"document": "nd-118-2025-nd-cp"}).json()["items"]}
    # by hand: the body task of 000 (Hà Tĩnh) and the body task of 003 (Sơn La) citing NĐ 118/2025/NĐ-CP
    assert len(cited) == 2
    for typed in ("NĐ118", "nd 118/2025", "Nghị định 118/2025/NĐ-CP", "nghi dinh so 118"):
        got = {t["id"] for t in http.get("/tasks", params={"document": typed}).json()["items"]}
        assert got == cited, typed
        assert http.get("/legal-documents", params={"q": typed}).json()["items"][0]["label"] == "NĐ 118/2025/NĐ-CP"


def test_area_province_plan_by_name(http, samples):
    assert total(http, "/tasks", area="Cải cách thủ tục hành chính") == total(http, "/tasks", area="procedures") > 0
    assert total(http, "/tasks", area="thu tuc hanh chinh") == total(http, "/tasks", area="procedures")
    assert total(http, "/tasks", province="ha tinh") == total(http, "/tasks", province="ha-tinh") > 0
    assert total(http, "/tasks", province="Tỉnh Sơn La") == total(http, "/tasks", province="son-la") > 0
    plan = key_of(plan_of_file(samples, SOURCE_000))
    # its title: "Kế hoạch cải cách hành chính tỉnh Hà Tĩnh năm 2025"
    assert total(http, "/tasks", plan="ke hoach cai cach hanh chinh tinh Ha Tinh nam 2025") == \
        total(http, "/tasks", plan=plan) > 0
    assert total(http, "/targets", plan="Kế hoạch cải cách hành chính tỉnh Hà Tĩnh năm 2025") == \
        total(http, "/targets", plan=plan) > 0
    assert total(http, "/plans", level="Cấp xã") == 1 == total(http, "/plans", level="commune")
    assert total(http, "/agencies", kind="Nhóm cơ quan") == total(http, "/agencies", kind="group") > 0
    assert total(http, "/legal-documents", province="Hà Tĩnh") == total(http, "/legal-documents", province="ha-tinh") > 0


def test_a_filter_naming_nothing_says_so_and_suggests(http):
    body = http.get("/tasks", params={"agency": "Sở Nội vu tỉnh Hà Giang"}).json()
    assert body["total"] == 0 and body["items"] == []
    [miss] = body["unmatched"]
    assert miss["filter"] == "agency" and miss["value"] == "Sở Nội vu tỉnh Hà Giang"
    assert "Sở Nội vụ" in miss["suggestions"] and "Không có cơ quan nào khớp" in miss["message"]
    body = http.get("/tasks", params={"province": "Ha Giang"}).json()
    assert body["total"] == 0 and body["unmatched"][0]["filter"] == "province"
    # the same on the page, each suggestion a link that retries with it
    r = http.get("/tasks", params={"agency": "Sở Nội vu tỉnh Hà Giang"}, headers={"Accept": BROWSER})
    assert r.status_code == 200 and "Không có cơ quan nào khớp “Sở Nội vu tỉnh Hà Giang”" in text_of(r.text)
    retry = re.search(r'<a href="([^"]+)">Sở Nội vụ</a>', r.text)
    assert retry and total(http, unescape(retry.group(1))) == total(http, "/tasks", agency="Sở Nội vụ")
    assert http.get("/plans", params={"level": "tỉnh lỵ"}).json()["unmatched"][0]["suggestions"][0] == "Cấp tỉnh"


def test_list_pages_suggest_names_from_the_data(http):
    html = http.get("/tasks", headers={"Accept": BROWSER}).text
    for name in ("agency", "province", "area", "plan", "document"):
        assert f'list="choices-{name}"' in html and f'<datalist id="choices-{name}">' in html, name
    options = lambda name: re.findall(r'<option value="([^"]*)">', html.split(f'id="choices-{name}">')[1].split("</datalist>")[0])  # noqa: E731
    assert "Sở Nội vụ" in options("agency") and "Hà Tĩnh" in options("province")
    assert "Cải cách thủ tục hành chính" in options("area") and "NĐ 118/2025/NĐ-CP" in options("document")
    assert 'placeholder="dd/mm/yyyy"' in html
    assert '<datalist id="choices-level">' in http.get("/plans", headers={"Accept": BROWSER}).text


# ---------------------------------------------------------------- the source beside every fact
def test_a_task_links_its_lines_and_the_source_page_highlights_them(http, samples):
    plan = key_of(plan_of_file(samples, SOURCE_000))
    task = http.get(f"/tasks/{plan}/procedures/2-1").json()
    first, last = task["lines"]
    page = http.get(f"/tasks/{plan}/procedures/2-1", headers={"Accept": BROWSER}).text
    href = f"/plans/{plan}/source?lines={first}-{last}#L{first}"
    assert f'href="{href}"' in page
    r = http.get(href.split("#")[0], headers={"Accept": BROWSER})
    assert r.status_code == 200
    marked = re.findall(r'<tr id="L(\d+)" class="hl"><td class="n"><a href="#L\d+">\d+</a></td><td>(.*?)</td></tr>', r.text)
    assert [int(n) for n, _ in marked] == list(range(first, last + 1))
    # the highlighted lines are the file's own lines (read here from the file itself), and hold the task's text
    lines = (PLANS / SOURCE_000).read_text(encoding="utf-8-sig").splitlines()
    assert [unescape(t).strip() for _, t in marked] == [lines[n - 1].strip() for n in range(first, last + 1)]
    assert fold(task["text"][:40]) in fold(" ".join(unescape(t) for _, t in marked))
    assert len(re.findall(r'<tr id="L\d+"', r.text)) >= len(lines) - 1      # every line numbered
    data = http.get(f"/plans/{plan}/source.json", params={"lines": f"{first}-{last}"}).json()
    assert data["highlight"] == [first, last] and data["file"] == SOURCE_000
    assert http.get(f"/plans/{plan}/source", params={"lines": "9-3"}).status_code == 400
    assert http.get("/plans/no/such/plan/source").status_code == 404


def test_target_and_document_pages_link_their_lines(http, samples):
    plan = key_of(plan_of_file(samples, SOURCE_000))
    target = http.get("/targets", params={"plan": plan, "limit": 1}).json()["items"][0]
    html = http.get(target["page"], headers={"Accept": BROWSER}).text
    assert re.search(rf'href="/plans/{re.escape(plan)}/source\?lines=\d+-\d+#L\d+"', html)
    # NĐ 118/2025/NĐ-CP: printed once in 000 (line 629, read by hand) and once in 003 (line 294)
    doc = http.get("/legal-documents/nd-118-2025-nd-cp").json()
    assert sorted((m["plan"]["iri"].rsplit("/", 1)[-1], m["lines"]) for m in doc["mentions"]) == sorted([
        (plan.rsplit("/", 1)[-1], [629]),
        (key_of(plan_of_file(samples, "003_1804e7c71a558f13.txt")).rsplit("/", 1)[-1], [294])])
    assert "118/2025/NĐ-CP" in (PLANS / SOURCE_000).read_text(encoding="utf-8").splitlines()[628]
    html = http.get("/id/legal/nd-118-2025-nd-cp", headers={"Accept": BROWSER}).text
    assert f'href="/plans/{plan}/source?lines=629-629#L629"' in html


def test_task_page_keeps_its_own_basis_apart_from_its_plans(http, samples):
    plan = key_of(plan_of_file(samples, SOURCE_000))
    [task] = [t for t in http.get("/tasks", params={"document": "NĐ 118", "plan": plan}).json()["items"]]
    html = http.get(task["page"], headers={"Accept": BROWSER}).text
    own, plans = html.split("<h2>Căn cứ của nhiệm vụ</h2>")[1].split("<h2>Căn cứ của kế hoạch</h2>")
    plans = plans.split("<h2>")[0]
    assert ">NĐ 118/2025/NĐ-CP</a>" in own and ">NĐ 118/2025/NĐ-CP</a>" not in plans
    assert ">NQ 76/NQ-CP</a>" in plans and ">NQ 76/NQ-CP</a>" not in own      # the plan's preamble
    # a table row citing nothing itself: its section says so, its plan's basis is still there
    row = http.get(f"/tasks/{plan}/procedures/2-1", headers={"Accept": BROWSER}).text
    assert "Nhiệm vụ không tự viện dẫn văn bản nào." in row and ">NQ 76/NQ-CP</a>" in row


def test_headings_are_cut_between_words_and_fields_do_not_repeat(http, samples):
    plan = key_of(plan_of_file(samples, SOURCE_002))
    items = http.get("/tasks", params={"plan": plan, "limit": 1000}).json()["items"]
    long = [t for t in items if len(t["text"]) > 120]
    assert long
    for t in long + items[:5]:
        html = http.get(t["page"], headers={"Accept": BROWSER}).text
        h1 = unescape(re.search(r"<h1>(.*?)</h1>", html, re.S).group(1))
        full = " ".join(t["text"].split())
        if len(full) > 120:
            assert h1.endswith(" …") and full.startswith(h1[:-2]) and full[len(h1) - 2] in " ,;:.-–", (h1, full)
        else:
            assert h1 == full
        fields = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html, re.S))
        if "Mục" in fields:
            assert fold(re.sub(r"[^\w ]", "", fields["Mục"])).split()[-3:] != \
                fold(re.sub(r"[^\w ]", "", fields["Lĩnh vực"])).split()[-3:], fields


# ---------------------------------------------------------------- Vietnamese
LEVEL_CODES = re.compile(r"(?<![\w/.:-])(province|provincial-office|commune|department|national)(?![\w/.-])")


def test_pages_name_levels_in_vietnamese_and_write_dates_dd_mm_yyyy(http, samples):
    plans = http.get("/plans").json()["items"]
    assert {p["level"] for p in plans} == {"province", "provincial-office", "commune"}      # JSON: codes
    pages = ["/", "/plans", "/tasks?limit=20", "/legal-documents?limit=100", "/agencies?limit=20", "/targets?limit=20",
             "/id/place/ha-tinh", "/id/place/thanh-hoa/hoang-son", "/id/legal/nd-118-2025-nd-cp"]
    pages += [p["page"] for p in plans] + [p["url"] + "/source" for p in plans]
    for path in pages:
        r = http.get(path, headers={"Accept": BROWSER})
        assert r.status_code == 200, path
        text = text_of(r.text)
        assert not LEVEL_CODES.search(text), (path, LEVEL_CODES.search(text))
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), (path, re.search(r".{30}\d{4}-\d{2}-\d{2}.{10}", text))
    listed = text_of(http.get("/plans", headers={"Accept": BROWSER}).text)
    assert "Cấp xã" in listed and "Văn phòng UBND tỉnh" in listed and "Cấp tỉnh" in listed
    # NĐ 118/2025/NĐ-CP is dated 09/06/2025 (ISO in its JSON)
    assert http.get("/legal-documents/nd-118-2025-nd-cp").json()["date"] == "2025-06-09"
    assert "Ngày ban hành 09/06/2025" in text_of(http.get("/id/legal/nd-118-2025-nd-cp", headers={"Accept": BROWSER}).text)
    # a deadline's interval: 000 row 2.1, "Tháng 7/2025"
    plan = key_of(plan_of_file(samples, SOURCE_000))
    task = http.get(f"/tasks/{plan}/procedures/2-1").json()
    assert task["deadline"].startswith("Tháng 7/2025") and task["deadline_end"] == "2025-07-31"
    assert "cố định · 01/07/2025 → 31/07/2025" in text_of(http.get(task["page"], headers={"Accept": BROWSER}).text)
    home = text_of(http.get("/", headers={"Accept": BROWSER}).text)
    assert "Kế hoạch 4" in home and "Văn bản pháp luật" in home and "legal documents" not in home


def test_descriptions_of_the_api_are_vietnamese(http):
    spec = http.get("/openapi.json").json()
    tasks = spec["paths"]["/tasks"]["get"]
    assert tasks["summary"] == "Nhiệm vụ, hoạt động, có bộ lọc"
    described = {p["name"]: p.get("description", "") for p in tasks["parameters"]}
    assert "dd/mm/yyyy" in described["due_from"] and "Sở Nội vụ" in described["agency"]
    assert "/plans/{id}/source" in spec["paths"]
    docs = text_of(http.get("/docs", headers={"Accept": BROWSER}).text)
    assert "Văn bản nguồn của kế hoạch" in docs and "Knowledge graph" not in docs
    sparql = text_of(http.get("/sparql", headers={"Accept": BROWSER}).text)
    assert "Nhiệm vụ đến hạn trong một khoảng thời gian" in sparql and "Tasks due" not in sparql


@pytest.mark.slow
def test_source_lines_hold_on_a_remote_store(engines):
    """The text travels in the graph: on Virtuoso too, line n is the file's line n (the first lines of 000
    are blank: a result reader trimming literals would shift them all)."""
    import graph
    from api import lookup
    from graph.build import source_text

    store = engines("virtuoso").store()
    for g in store.graphs():
        store.remove_graph(g)
    [done] = graph.ingest([PLANS / SOURCE_000], store)
    lines = lookup.source(store, done.plan)["lines"]
    read = source_text(str(PLANS / SOURCE_000)).split("\n")[1:]
    # (the trimming reader drops the blanks at the very end: the last line's trailing space, an empty last line)
    assert not read[0].strip() and lines[:-1] == read[:len(lines) - 1] and len(lines) >= len(read) - 1
    assert "118/2025/NĐ-CP" in lines[628] and "118/2025/NĐ-CP" in (PLANS / SOURCE_000).read_text(
        encoding="utf-8").splitlines()[628]
    assert [m["lines"] for m in lookup.mentions(store, graph.iri.ID + "legal/nd-118-2025-nd-cp", "NĐ 118/2025/NĐ-CP")] \
        == [[629]]
