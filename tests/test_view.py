"""Graph views (graph/analytics.py, api/graph_html.py, api/views.py, `reformkg view`) without a browser.

The store is built from the gold records of the four samples (conftest.py: gold_store); expected
nodes are read off the gold files by hand (see the comments), not from the code's output.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import networkx as nx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api import graph_html
from api import views as api_views
from graph import analytics, iri
from ingest.models import DocumentMeta, Extraction, LegalReference, TableTask
from tests.conftest import key_of, plan_of_file

ID = iri.ID
ND118 = ID + "legal/nd-118-2025-nd-cp"
SOURCE_000, SOURCE_003 = "000_020fcace3bf4412a.txt", "003_1804e7c71a558f13.txt"


def task_of(plan: str, ref: str) -> str:
    """A task IRI: task/<plan key>/<ref> (graph.iri)."""
    return ID + f"task/{key_of(plan)}/{ref}"


def by_kind(g) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for _, d in g.nodes(data=True):
        out.setdefault(d["kind"], set()).add(d["label"])
    return out


def test_reach_of_nd_118_is_its_tasks_plans_and_provinces(gold_store):
    g = analytics.graph_for(gold_store, "legal-document", "NĐ 118/2025")
    # gold: NĐ 118/2025/NĐ-CP is cited by one body task of 000 (Hà Tĩnh, "Cải cách thủ tục hành chính")
    # and one of 003 (Văn phòng UBND tỉnh Sơn La); no table row cites it, so no lead agency; no plan
    # says it implements it. 1 document + 2 tasks + 2 plans + 2 provinces = 7 nodes.
    kinds = by_kind(g)
    assert g.number_of_nodes() == 7
    assert kinds["legal"] == {"NĐ 118/2025/NĐ-CP"}
    assert {t[:30] for t in kinds["task"]} == {"Thực hiện Nghị định số 118/202", "Tiếp tục triển khai và hoàn th"}
    assert kinds["plan"] == {"Kế hoạch cải cách hành chính tỉnh Hà Tĩnh năm 2025",
                             "Kế hoạch thực hiện công tác cải cách hành chính năm 2025"}
    assert kinds["place"] == {"Hà Tĩnh", "Sơn La"}
    plan_000, plan_003 = plan_of_file(gold_store, SOURCE_000), plan_of_file(gold_store, SOURCE_003)
    assert g.has_edge(plan_003, ID + "place/son-la") and g.has_edge(plan_000, ID + "place/ha-tinh")
    task = next(n for n, d in g.nodes(data=True) if d["kind"] == "task" and n.startswith(task_of(plan_003, "")))
    assert g.nodes[task]["province"] == "Sơn La" and g.nodes[task]["area"] == "Cải cách thủ tục hành chính"
    assert g.nodes[task]["source"].startswith("003_1804e7c71a558f13.txt")


@pytest.mark.parametrize("typed", ["NĐ 118/2025", "nghi dinh 118", "Nghị định số 118/2025/NĐ-CP ngày 09/6/2025",
                                   "nd-118-2025-nd-cp", "legal/nd-118-2025-nd-cp", ND118])
def test_a_document_is_found_the_way_people_type_it(gold_store, typed):
    assert analytics.resolve(gold_store, "legal-document", typed) == ND118


def test_unknown_and_ambiguous_documents_raise_lookup_error(gold_store, make_store):
    with pytest.raises(LookupError, match="NĐ 999"):
        analytics.resolve(gold_store, "legal-document", "NĐ 999")
    s = make_store([_province_plan("Nghệ An", "na.txt"), _province_plan("Quảng Trị", "qt.txt")])
    # "3504/QĐ-UBND" exists in both provinces: the message names both nodes
    with pytest.raises(LookupError) as e:
        analytics.resolve(s, "legal-document", "QĐ 3504")
    assert "legal/nghe-an/qd-3504-qd-ubnd" in str(e.value) and "legal/quang-tri/qd-3504-qd-ubnd" in str(e.value)
    assert analytics.resolve(s, "legal-document", "nghe-an/qd-3504-qd-ubnd") == ID + "legal/nghe-an/qd-3504-qd-ubnd"
    with pytest.raises(LookupError):
        analytics.resolve(gold_store, "plan", "no-such-plan")


def _province_plan(province: str, source: str) -> Extraction:
    return Extraction(
        source=source,
        document=DocumentMeta(title=f"Kế hoạch CCHC tỉnh {province} năm 2025", doc_type="Kế hoạch",
                              issuing_body=f"UBND tỉnh {province}", level="province", province=province,
                              year=2025, implements=["QĐ 3504/QĐ-UBND"]),
        legal_references=[LegalReference(id="QĐ 3504/QĐ-UBND", doc_type="Quyết định", number="3504",
                                         symbol="QĐ-UBND", issuer="UBND tỉnh", scope=province)],
        table_tasks=[TableTask(area="CẢI CÁCH THỂ CHẾ", row_ref="1", text="Rà soát văn bản QPPL",
                               lead=["Sở Tư pháp"], deadline="Quý II/2025", legal_refs=["QĐ 3504/QĐ-UBND"])])


def test_task_view_carries_deadline_agency_area_and_quote(gold_store):
    # gold 000 appendix row 2.1 (CÔNG TÁC TRIỂN KHAI ...): lead Sở Nội vụ, "Tháng 7/2025", target 1.1
    task = task_of(plan_of_file(gold_store, SOURCE_000), "direction/2-1")
    g = analytics.graph_for(gold_store, "task", task[len(ID + "task/"):])
    d = g.nodes[task]
    assert d["label"] == "2.1 Cập nhật, bổ sung ban hành Kế hoạch CCHC 06 tháng cuối năm 2025 của tỉnh"
    assert (d["deadline"], d["agency"], d["province"]) == ("Tháng 7/2025", "Sở Nội vụ", "Hà Tĩnh")
    assert d["area"] == "Công tác chỉ đạo, điều hành cải cách hành chính"
    assert d["quote"] == "Cập nhật, bổ sung ban hành Kế hoạch CCHC 06 tháng cuối năm 2025 của tỉnh"
    kinds = by_kind(g)
    assert {t[:20] for t in kinds["target"]} == {"1.1 Nâng cao chất lư"}
    # up to the national programme: 000 implements NQ 76/NQ-CP (gold "implements")
    assert "NQ 76/NQ-CP" in kinds["legal"] and kinds["agency"] == {"Sở Nội vụ"}


def test_plan_view_goes_plan_area_target_task_activity(gold_store):
    plan_000 = plan_of_file(gold_store, SOURCE_000)
    g = analytics.graph_for(gold_store, "plan", key_of(plan_000))
    task = task_of(plan_000, "direction/2-1")
    target = next(iter(g.predecessors(task)))
    assert g.nodes[target]["kind"] == "target" and g.nodes[target]["label"].startswith("1.1 Nâng cao")
    area = next(iter(g.predecessors(target)))
    assert g.nodes[area]["kind"] == "area" and g.has_edge(plan_000, area)
    # gold: activities 3.1 and 3.2 sit under task 2.1
    assert {g.nodes[a]["label"].split()[0] for a in g.successors(task) if g.nodes[a]["kind"] == "activity"} == \
        {"3.1", "3.2"}
    assert any(g.nodes[a]["label"] == "Sở Nội vụ" for a in g.successors(task))
    assert all(d["kind"] != "other" for _, d in g.nodes(data=True))
    # 7 appendix areas of 000 (gold) + the plan: every area concept hangs off the plan
    assert len([n for n, d in g.nodes(data=True) if d["kind"] == "area"]) == 7


def test_agency_view_lists_led_tasks_with_deadlines(make_store):
    s = make_store([_province_plan("Nghệ An", "na.txt")])
    agency = analytics.resolve(s, "agency", "nghe-an/so-tu-phap")
    g = analytics.graph_for(s, "agency", agency)
    [task] = [n for n, d in g.nodes(data=True) if d["kind"] == "task"]
    assert g.edges[agency, task]["relation"] == "leads" and g.edges[agency, task]["label"] == "Quý II/2025"
    assert g.nodes[task]["deadline"] == "Quý II/2025"


def test_overview_collapses_plans_into_provinces(gold_store):
    g = analytics.overview_graph(gold_store)
    # gold: 000 and 002 are Hà Tĩnh's, 001 Thanh Hóa's (commune Hoằng Sơn), 003 Sơn La's
    assert {d["label"] for _, d in g.nodes(data=True) if d["kind"] == "place"} == \
        {"Hà Tĩnh (2 kế hoạch)", "Thanh Hóa (1 kế hoạch)", "Sơn La (1 kế hoạch)"}
    assert len([1 for _, d in g.nodes(data=True) if d["kind"] == "plan"]) == 4
    # laid out here in rings (provinces, plans, documents): the page draws without physics
    assert all("pos" in d for _, d in g.nodes(data=True))
    assert _page_data(graph_html.render(g))["options"]["physics"]["enabled"] is False
    small = analytics.overview_graph(gold_store, max_plans=3)
    assert not [1 for _, d in small.nodes(data=True) if d["kind"] == "plan"]
    # NQ 76/NQ-CP: 000 (Hà Tĩnh) and 001 (Thanh Hóa) implement it -> an edge from each province
    nq76 = ID + "legal/nq-76-nq-cp"
    assert nq76 in small and {ID + "place/ha-tinh", ID + "place/thanh-hoa"} <= set(small.predecessors(nq76))
    top = analytics.overview_graph(gold_store, max_plans=3, max_documents=5)
    assert len([1 for _, d in top.nodes(data=True) if d["kind"] == "legal"]) == 5


def _urls(html: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>)\\]+", html)


def test_page_is_self_contained(gold_store):
    import pyvis

    html = graph_html.view_legal_document(gold_store, "NĐ 118/2025")
    lib = (Path(pyvis.__file__).parent / "lib/vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")
    m = re.search(r'<script id="vis-network">(.*?)</script>', html, re.S)
    assert m and m.group(1) == lib                      # the library inlined, unchanged
    code = re.search(r'<script id="view-code">(.*?)</script>', html, re.S)
    assert code and code.group(1) == (Path(graph_html.__file__).parent / "static/graph_view.js").read_text()
    assert set(_urls(code.group(1))) == {"http://www.w3.org/2000/svg"}     # the legend's SVG, drawn by it
    rest = html[:m.start()] + html[m.end():code.start()] + html[code.end():]
    # outside the scripts, the only URLs are the resource IRIs used as data and links
    assert _urls(rest) and all(u.startswith(ID) for u in _urls(rest)), set(_urls(rest))
    assert "<nav" not in html and '"expand": null' in html       # a file: no site to go to or expand from
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", html, re.I)
    assert not re.search(r"@import|<link\b", html, re.I)
    # the library's own URLs are licence comments and the SVG namespace, none fetched
    assert {u.rstrip(".,") for u in _urls(m.group(1))} <= {
        "https://visjs.github.io/vis-network/", "http://almende.com", "https://github.com/visjs",
        "http://www.apache.org/licenses/LICENSE-2.0", "http://opensource.org/licenses/MIT",
        "http://www.w3.org/2000/svg", "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
        "https://github.com/zloirock/core-js", "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE"}


def _page_data(html: str) -> dict:
    m = re.search(r'<script id="view-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


HOSTILE = """<script>window.__pwned=1</script>"'<img src=x onerror="window.__pwned=2">"""


def test_document_text_cannot_close_elements_or_open_tags():
    g = nx.DiGraph(title=HOSTILE)
    g.add_node("https://w3id.org/reformkg/id/task/x/1", kind="task", label=HOSTILE, quote=HOSTILE,
               deadline=HOSTILE, agency=HOSTILE, area=HOSTILE, province=HOSTILE)
    html = re.sub(r'<script id="vis-network">.*?</script>', "", graph_html.render(g), flags=re.S)
    assert html.count("<script") == 2 and html.count("</script>") == 2     # data and app code only
    assert "<img" not in html and HOSTILE not in html
    assert f"<title>{HOSTILE}</title>" not in html and "&lt;script&gt;window.__pwned=1" in html
    node = _page_data(html)["nodes"][0]                # the data survives intact as JSON
    assert node["full"] == HOSTILE and node["info"]["quote"] == HOSTILE


def test_clicks_open_server_pages_when_served_and_iris_standalone(gold_store):
    served = {n["id"]: n["href"]
              for n in _page_data(graph_html.view_legal_document(gold_store, ND118, "/id/"))["nodes"]}
    assert served[ND118] == "/id/legal/nd-118-2025-nd-cp"
    assert served[ID + "place/son-la"] == "/id/place/son-la"
    alone = {n["id"]: n["href"] for n in _page_data(graph_html.view_legal_document(gold_store, ND118))["nodes"]}
    assert alone == {n: n for n in alone}


def test_large_views_are_laid_out_here_with_physics_off():
    g = nx.DiGraph()
    for i in range(1, 400):
        g.add_edge(f"{ID}task/n{(i - 1) // 4}", f"{ID}task/n{i}")
    g.graph["roots"] = [f"{ID}task/n0"]
    data = _page_data(graph_html.render(g))
    assert data["options"]["physics"]["enabled"] is False
    xy = {(n["x"], n["y"]) for n in data["nodes"] if n["physics"] is False}
    assert len(xy) == 400                               # every node placed, no two on one spot
    root = next(n for n in data["nodes"] if n["id"] == f"{ID}task/n0")
    assert (root["x"], root["y"]) == (0, 0)
    small = _page_data(graph_html.render(nx.path_graph(["a", "b"], create_using=nx.DiGraph)))
    assert small["options"]["physics"]["enabled"] is True and "x" not in small["nodes"][0]


def test_short_labels_keep_the_full_text_for_hover():
    text = "Tổ chức kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị trên địa bàn tỉnh"
    assert analytics.short(text) == "Tổ chức kiểm tra công tác CCHC tại các…"
    assert analytics.short("Sơn La") == "Sơn La"


def test_neighbours_are_the_nodes_a_node_links_to_or_is_linked_from(gold_store):
    plan = plan_of_file(gold_store, SOURCE_000)
    task = task_of(plan, "direction/2-1")
    g = analytics.neighbours(gold_store, task)
    # gold 000 row 2.1: lead Sở Nội vụ; coordinating "Các cơ quan chủ trì CCHC của tỉnh" and "các cơ quan
    # liên quan khác" (two groups); target 1.1; area of the appendix section; its plan; activities 3.1, 3.2
    rel = {(g.nodes[m]["label"][:24], g.edges[e]["relation"]) for e in g.edges for m in e if m != task}
    assert rel == {("Sở Nội vụ", "led by"), ("Các cơ quan chủ trì CCHC", "coordinated by"),
                   ("Các cơ quan", "coordinated by"), ("1.1 Nâng cao chất lượng ", "serves target"),
                   ("Công tác chỉ đạo, điều h", "in area"), ("Kế hoạch cải cách hành c", "in plan"),
                   ("3.1 Xây dựng dự thảo văn", "part of"), ("3.2 Tổng hợp và xin ý ki", "part of")}
    assert g.has_edge(task_of(plan, "direction/3-1"), task) and g.has_edge(task, plan)    # as in the data
    assert (g.graph["total"], g.graph["more"]) == (8, 0)
    few = analytics.neighbours(gold_store, plan, limit=5)
    assert few.number_of_nodes() == 6 and few.graph["more"] == few.graph["total"] - 5 > 100
    with pytest.raises(LookupError):
        analytics.neighbours(gold_store, ID + "task/no/such")


def test_edges_say_their_relation_in_vietnamese_with_a_colour_per_kind():
    g = nx.DiGraph()
    for rel, target in (("led by", "agency/a"), ("coordinated by", "agency/b"), ("legal basis", "legal/c"),
                        ("serves target", "target/d")):
        g.add_edge(ID + "task/t", ID + target, relation=rel)
    g.add_edge(ID + "agency/a", ID + "task/u", relation="leads", label="Quý II/2025")
    nodes, edges = graph_html.elements(g)
    words = {e["rel"]: (e["label"], e["color"]["color"], e.get("dashes", False)) for e in edges}
    assert words == {"led by": ("chủ trì", "#8e5ac8", False), "coordinated by": ("phối hợp", "#8e5ac8", True),
                     "legal basis": ("căn cứ", "#c0392b", False), "serves target": ("thuộc mục tiêu", "#e08214", False),
                     "leads": ("chủ trì · Quý II/2025", "#8e5ac8", False)}
    data = _page_data(graph_html.render(g))
    assert data["edgeLabels"] is True and data["relations"]["coordinated by"]["name"] == "phối hợp"
    # vis draws no label under drawThreshold - 1 px on screen; a small graph keeps all labels at 11 px
    assert data["options"]["nodes"]["scaling"]["label"]["drawThreshold"] == 11 and all(n["major"] for n in nodes)


def test_plan_view_is_laid_out_in_columns(gold_store):
    plan = plan_of_file(gold_store, SOURCE_000)
    data = _page_data(graph_html.view_plan(gold_store, key_of(plan)))
    assert data["layout"] == "hierarchy" and data["options"]["physics"]["enabled"] is False
    x = {}
    for n in data["nodes"]:
        x.setdefault(n["kind"], set()).add(n["x"])
    # plan 0, areas 1, targets 2, tasks 3, activities 4, agencies and groups 5, documents 6 (columns of 380)
    assert x == {"plan": {0}, "area": {380}, "target": {760}, "task": {1140}, "activity": {1520},
                 "agency": {1900}, "group": {1900}, "legal": {2280}}
    y = {n["id"]: n["y"] for n in data["nodes"]}
    task = task_of(plan, "direction/2-1")
    # a parent level with its first child: row 2.1 with activity 3.1, 3.2 a row below
    assert y[task] == y[task_of(plan, "direction/3-1")] == y[task_of(plan, "direction/3-2")] - 46
    assert len(set(y[n["id"]] for n in data["nodes"] if n["kind"] == "task")) == 87   # no two tasks on one row
    label = next(n for n in data["nodes"] if n["id"] == task)
    assert label["label"] == "2.1 Cập nhật, bổ sung ban hành Kế…" and label["full"].endswith("năm 2025 của tỉnh")


def test_dates_on_the_page_are_dd_mm_yyyy(gold_store):
    nodes = {n["id"]: n for n in _page_data(graph_html.view_legal_document(gold_store, ND118))["nodes"]}
    assert nodes[ND118]["info"]["date"] == "09/06/2025"       # NĐ 118/2025/NĐ-CP of 9 June 2025


@pytest.fixture(scope="module")
def client(gold_store):
    app = FastAPI()
    app.state.reformkg = SimpleNamespace(store=gold_store)      # as api.server.create_app keeps it
    app.include_router(api_views.router)
    return TestClient(app)


def test_http_views_html_json_and_download(client, gold_store):
    plan_000 = key_of(plan_of_file(gold_store, SOURCE_000))
    r = client.get("/view/legal-document/nd-118-2025-nd-cp")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Phạm vi thực hiện: NĐ 118/2025/NĐ-CP" in r.text and '"/id/legal/nd-118-2025-nd-cp"' in r.text
    typed = client.get("/view/legal-document/NĐ 118%2F2025")
    assert typed.status_code == 200 and typed.text == r.text
    j = client.get("/view/legal-document/nd-118-2025-nd-cp", params={"format": "json"}).json()
    assert len(j["nodes"]) == 7 and len(j["edges"]) == 6
    d = client.get("/view/legal-document/nd-118-2025-nd-cp", params={"download": 1})
    assert d.headers["content-disposition"] == 'attachment; filename="legal-document-legal-nd-118-2025-nd-cp.html"'
    assert '"/id/legal/' not in d.text and f'"href": "{ND118}"' in d.text
    for path in (f"/view/plan/{plan_000}", f"/view/task/{plan_000}/direction/2-1",
                 "/view/agency/son-la/van-phong-ubnd", "/view/overview"):
        assert client.get(path).status_code == 200, path
    missing = client.get("/view/plan/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["detail"]


def test_served_pages_have_the_site_navigation_and_their_scripts(client):
    from api.chrome import NAV

    html = client.get("/view/legal-document/nd-118-2025-nd-cp").text
    nav = re.search(r'<nav class="site"[^>]*>(.*?)</nav>', html, re.S).group(1)
    assert re.findall(r'<a href="([^"]*)">([^<]*)</a>', nav) == NAV
    assert re.findall(r'<script id="[^"]+" src="([^"]+)"', html) == ["/view/static/vis-network.min.js",
                                                                    "/view/static/graph_view.js"]
    assert _page_data(html)["expand"] == "/view/neighbours"
    js = client.get("/view/static/graph_view.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert js.text == (Path(graph_html.__file__).parent / "static/graph_view.js").read_text()
    assert client.get("/view/static/vis-network.min.js").text.startswith("/**")
    assert client.get("/view/static/..%2Fviews.py").status_code == 404
    assert client.get("/view/static/views.py").status_code == 404
    download = client.get("/view/legal-document/nd-118-2025-nd-cp", params={"download": 1}).text
    assert "<nav" not in download and ' src="' not in download


def test_neighbours_json_is_what_the_page_adds(client, gold_store):
    task = task_of(plan_of_file(gold_store, SOURCE_000), "direction/2-1")
    r = client.get("/view/neighbours", params={"node": task})
    assert r.status_code == 200
    j = r.json()
    assert j["node"] == task and (j["total"], j["more"]) == (8, 0) and len(j["nodes"]) == 9
    page = _page_data(client.get("/view/task/" + task[len(ID + "task/"):]).text)
    # the same keys as the page's nodes and edges (less the positions the page gives them)
    assert {k for n in j["nodes"] for k in n} == \
        {k for n in page["nodes"] for k in n} - {"x", "y", "physics", "font"}      # font: white inside boxes
    assert {k for e in j["edges"] for k in e} <= {k for e in page["edges"] for k in e} | {"dashes"}
    lead = next(n for n in j["nodes"] if n["full"] == "Sở Nội vụ")
    assert lead["href"] == "/id/agency/ha-tinh/so-noi-vu" and lead["kind"] == "agency"
    assert {e["label"] for e in j["edges"]} == {"chủ trì", "phối hợp", "thuộc mục tiêu", "thuộc lĩnh vực",
                                               "thuộc kế hoạch", "thuộc nhiệm vụ"}
    assert len(client.get("/view/neighbours", params={"node": task, "limit": 2}).json()["nodes"]) == 3
    assert client.get("/view/neighbours", params={"node": ID + "task/none"}).status_code == 404


def test_cli_writes_one_file(gold_store_on_disk, tmp_path):
    db = gold_store_on_disk.location         # ingested and flushed; `view` opens it read-only
    from api.cli import app

    out = tmp_path / "reach.html"
    r = CliRunner().invoke(app, ["view", "--legal-document", "NĐ 118/2025", "-o", str(out), "--store", str(db)])
    assert r.exit_code == 0, r.output
    assert "7 nodes" in r.output and len(_page_data(out.read_text(encoding="utf-8"))["nodes"]) == 7
    r = CliRunner().invoke(app, ["view", "--legal-document", "NĐ 999", "-o", str(out), "--store", str(db)])
    assert r.exit_code == 1 and "NĐ 999" in r.output
    r = CliRunner().invoke(app, ["view", "--plan", "x", "--task", "y", "-o", str(out), "--store", str(db)])
    assert r.exit_code == 2


def test_cli_view_does_not_load_the_web_framework():
    # what `reformkg view` imports (api.graph_html draws with api.chrome's Jinja environment)
    code = ("import sys, api.cli, api.graph_html, graph.analytics, graph.store; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('fastapi', 'starlette', 'uvicorn')))")
    r = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent,
                       capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"
