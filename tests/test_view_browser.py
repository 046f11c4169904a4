"""The graph view in a real browser: Debian's chromium, headless, driven by Playwright.

A real uvicorn server on a free port runs the project's app (api.server, which includes the /view router)
over a store built from the gold records of the four samples (conftest.py: gold_store). Every request
the page makes is logged; anything not on localhost is aborted and fails the test. Screenshots go to
tests/artifacts/ (gitignored; the README's docs/screenshots/view_*.png are copies of them).
"""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import networkx as nx
import pytest

from api import graph_html
from api.chrome import NAV
from graph import iri
from tests.conftest import key_of, plan_of_file

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ID = iri.ID
ND118 = ID + "legal/nd-118-2025-nd-cp"

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                 reason=f"{CHROMIUM} is missing (Debian package 'chromium'; `make system`)")]


@pytest.fixture(scope="module")
def server(gold_store):
    """Base URL of the project's server (api.server) with the view router, under uvicorn."""
    import uvicorn

    from api.server import create_app

    app = create_app(gold_store)

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A fresh browser context whose requests are logged; anything but localhost/file is aborted."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(("http://127.0.0.1:", "http://localhost:", "file://")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, url: str):
        self.page.goto(url)
        self.page.wait_for_selector("html[data-view=ready]", timeout=60000)
        return self.page

    def node_xy(self, node: str) -> tuple[float, float]:
        """Page coordinates of a node's centre on the canvas."""
        x, y = self.page.evaluate("""id => { const n = window.reformkgView.network;
            const p = n.canvasToDOM(n.getPositions([id])[id]);
            const r = n.body.container.getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""", node)
        return x, y

    def frame(self):
        """Wait for the page to draw a frame (two animation frames: vis draws on the next one)."""
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def visible(self) -> int:
        return self.page.evaluate("window.reformkgView.visibleCount()")

    def close(self):
        self.context.close()


@pytest.fixture
def tab(browser):
    t = Page(browser)
    yield t
    t.close()


def test_nd_118_reach_renders_legends_and_opens_resource_pages(server, tab):
    page = tab.open(server + "/view/legal-document/nd-118-2025-nd-cp")
    # by hand from the gold files: NĐ 118/2025/NĐ-CP, the body task of 000 (Hà Tĩnh) and of 003
    # (Văn phòng UBND tỉnh Sơn La) citing it, their 2 plans, their 2 provinces; no table row cites
    # it, so no lead agency: 7 nodes
    assert tab.visible() == 7
    assert page.inner_text("#node-count") == "7"
    legend = page.locator("#legend li")
    assert legend.count() == 4 and page.locator("#legend").is_visible()
    assert [li.locator(".name").inner_text() + "=" + li.locator(".count").inner_text() for li in legend.all()] == \
        ["Văn bản pháp lý=1", "Kế hoạch=2", "Nhiệm vụ=2", "Tỉnh, xã=2"]
    # the site's navigation, as on every other page
    assert [(a.get_attribute("href"), a.inner_text()) for a in page.locator("nav.site a").all()] == NAV
    # relations: document -> 2 tasks, task -> plan twice, plan -> province twice; named on the edges
    relations = page.locator("#relations li")
    assert sorted(li.locator(".name").inner_text() + "=" + li.locator(".count").inner_text()
                  for li in relations.all()) == ["thuộc kế hoạch=2", "tỉnh=2", "được nhiệm vụ thực hiện=2"]
    assert page.is_checked("#edge-labels")
    drawn = page.evaluate("""() => { const n = window.reformkgView.network; return Object.values(n.body.edges)
        .map(e => [e.labelModule.elementOptions.label, e.labelModule.fontOptions.size * n.getScale()]); }""")
    assert sorted(label for label, _ in drawn) == sorted(["được nhiệm vụ thực hiện"] * 2 + ["thuộc kế hoạch"] * 2
                                                         + ["tỉnh"] * 2)
    assert all(px >= 11 for _, px in drawn), drawn        # on screen, not under vis' threshold of drawing
    page.uncheck("#edge-labels")        # names off: font size 0, under the threshold of drawing
    assert page.evaluate("Object.values(window.reformkgView.network.body.edges)[0].labelModule.fontOptions.size") == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.check("#edge-labels")
    page.screenshot(path=str(ARTIFACTS / "view_nd_118.png"))

    # hover: the tooltip shows the task's full text, area, province and source as text
    task = page.evaluate("""() => window.reformkgView.nodes.getIds({filter: n => n.kind === 'task'
                                   && n.info.province === 'Sơn La'})[0]""")
    page.mouse.move(*tab.node_xy(task))
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=10000)
    text = tip.inner_text()
    assert "Tiếp tục triển khai và hoàn thành đổi mới việc thực hiện cơ chế một cửa" in text
    assert "Lĩnh vực: Cải cách thủ tục hành chính" in text and "Tỉnh: Sơn La" in text
    assert "Nguồn: 003_1804e7c71a558f13.txt" in text

    # a click on the document shows its details; their link opens its resource page (/id/<path>)
    page.mouse.click(*tab.node_xy(ND118))
    details = page.locator("#details")
    details.wait_for(state="visible")
    assert details.text_content().startswith("Văn bản pháp lýNĐ 118/2025/NĐ-CPNgày ban hành: 09/06/2025")
    with tab.context.expect_page() as opened:
        details.get_by_text("Mở trang").click()
    resource = opened.value
    resource.wait_for_load_state()
    assert resource.url == server + "/id/legal/nd-118-2025-nd-cp"
    assert "NĐ 118/2025/NĐ-CP" in resource.inner_text("body")
    assert tab.outside == [] and tab.errors == []
    assert all(u.startswith(server) for u in tab.requests)


NEIGHBOURS = """PREFIX rkg: <https://w3id.org/reformkg/ontology#>
SELECT DISTINCT ?m WHERE {
  { ?n ?p ?m } UNION { ?m ?p ?n }
  FILTER (?p IN (rkg:leadAgency, rkg:coordinatingAgency, rkg:legalBasis, rkg:servesTarget, rkg:inPlan,
                 rkg:partOf, rkg:area, rkg:implements, rkg:parentPlan, rkg:province))
}"""


def test_expanding_a_node_adds_its_neighbours_from_the_server(server, tab, gold_store):
    page = tab.open(server + "/view/legal-document/nd-118-2025-nd-cp")
    before = set(page.evaluate("window.reformkgView.nodes.getIds()"))
    task = page.evaluate("""() => window.reformkgView.nodes.getIds({filter: n => n.kind === 'task'
                                   && n.info.province === 'Sơn La'})[0]""")
    page.mouse.dblclick(*tab.node_xy(task))
    page.wait_for_selector("html[data-expanded='1']", timeout=20000)
    after = set(page.evaluate("window.reformkgView.nodes.getIds()"))
    added = after - before
    # gold 003 body task 4 (the one citing NĐ 118 in Sơn La): also based on QĐ 468/QĐ-TTg, in the area
    # "Cải cách thủ tục hành chính"; its plan and NĐ 118 are drawn already
    assert added == {ID + "legal/qd-468-qd-ttg", ID + "area/procedures"}
    assert added == {r["m"] for r in gold_store.select(NEIGHBOURS, n=task)} - before
    assert tab.visible() == 9 and page.inner_text("#node-count") == "9"
    assert page.inner_text("#expand-status").startswith("Đã thêm 2 nút")
    assert any(u.startswith(server + "/view/neighbours?node=") for u in tab.requests)
    page.mouse.click(*tab.node_xy(task))
    assert page.inner_text("#details button.expand") == "Đã mở rộng"
    page.mouse.move(1250, 780)          # an empty corner of the canvas: no tooltip over the picture
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view_expanded.png"))
    # the area's tasks all over the store, by the button of its details this time
    page.mouse.click(*tab.node_xy(ID + "area/procedures"))
    page.locator("#details button.expand").click()
    page.wait_for_selector("html[data-expanded='2']", timeout=20000)
    tasks = {r["t"] for r in gold_store.select(
        "SELECT ?t WHERE { ?t <https://w3id.org/reformkg/ontology#area> ?a }", a=ID + "area/procedures")}
    shown = set(page.evaluate("window.reformkgView.nodes.getIds()"))
    assert len(tasks) > 10 and tasks <= shown and tab.visible() == len(shown) == 9 + len(tasks - after)
    page.screenshot(path=str(ARTIFACTS / "view_expanded_area.png"))
    assert tab.outside == [] and tab.errors == []


def test_plan_view_is_drawn_in_columns_plan_areas_targets_tasks_agencies(server, tab, gold_store):
    plan = plan_of_file(gold_store, "000_020fcace3bf4412a.txt")
    page = tab.open(server + "/view/plan/" + key_of(plan))
    xs = page.evaluate("""() => { const v = window.reformkgView, pos = v.network.getPositions(), out = {};
        v.nodes.forEach(n => { (out[n.kind] = out[n.kind] || []).push(pos[n.id].x); }); return out; }""")
    column = {k: set(v) for k, v in xs.items()}
    # one column per level, left to right
    order = ["plan", "area", "target", "task", "activity", "agency"]
    assert all(len(column[k]) == 1 for k in order), column
    assert [column[k].pop() for k in order] == sorted(min(xs[k]) for k in order)
    assert page.evaluate("window.reformkgView.network.physics.physicsEnabled") is False
    # opened at a zoom where labels are drawn (14 px font, 11 px at least), on the plan's corner
    assert page.evaluate("window.reformkgView.network.getScale()") >= 11 / 14
    assert page.evaluate(f"window.reformkgView.labelPx({plan!r})") >= 11
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view_plan.png"))
    # gold 000 row 2.1 stands level with the first of its activities 3.1 and 3.2, 3.2 below
    task = ID + f"task/{key_of(plan)}/direction/2-1"
    acts = page.evaluate("""t => window.reformkgView.nodes.get({filter: n => n.kind === 'activity'
        && window.reformkgView.network.getConnectedNodes(t).includes(n.id)}).map(n => n.label)""", task)
    assert sorted(a.split()[0] for a in acts) == ["3.1", "3.2"]
    ys = page.evaluate("""t => { const v = window.reformkgView, pos = v.network.getPositions();
        const acts = v.nodes.get({filter: n => n.kind === 'activity' && v.network.getConnectedNodes(t).includes(n.id)});
        acts.sort((a, b) => a.label < b.label ? -1 : 1);
        return [pos[t].y].concat(acts.map(a => pos[a.id].y)); }""", task)
    assert ys[0] == ys[1] < ys[2]
    assert "sơ đồ phân cấp" in page.inner_text("header .meta")
    # a long task label is cut on the canvas, the whole text in the node's details
    full = page.evaluate("t => window.reformkgView.nodes.get(t).full", task)
    assert page.evaluate("t => window.reformkgView.nodes.get(t).label", task) == "2.1 Cập nhật, bổ sung ban hành Kế…"
    page.evaluate("t => window.reformkgView.network.focus(t, {scale: 1, animation: false})", task)
    tab.frame()         # vis finds a node under the mouse by the box it had when last drawn
    page.mouse.click(*tab.node_xy(task))
    assert full in page.inner_text("#details")
    assert tab.outside == [] and tab.errors == []


def test_labels_stay_readable_zoomed_out(server, tab):
    page = tab.open(server + "/view/overview")
    ids = page.evaluate("window.reformkgView.nodes.getIds()")
    for scale in (None, 0.2):
        if scale:       # as far out as a person would zoom: a font of 14 would be 2.8 px
            page.evaluate(f"window.reformkgView.network.moveTo({{scale: {scale}, animation: false}})")
            tab.frame()         # the labels are scaled after a frame drawn at the new zoom
        sizes = page.evaluate("ids => ids.map(i => window.reformkgView.labelPx(i))", ids)
        # a small graph: every node's label is kept at least 11 px on screen
        assert min(sizes) >= 11, (scale, sizes)
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.reformkgView.network.fit({animation: false})")
    tab.frame()
    page.screenshot(path=str(ARTIFACTS / "view_overview.png"))
    assert tab.outside == [] and tab.errors == []


def test_search_is_diacritic_insensitive_and_filters_hide_nodes(server, tab):
    page = tab.open(server + "/view/legal-document/nd-118-2025-nd-cp")
    # "son la" matches the 003 task and plan (province Sơn La) and the province itself
    page.fill("#search", "son la")
    assert page.inner_text("#search-count") == "3 kết quả"
    selected = page.evaluate("window.reformkgView.network.getSelectedNodes()")
    assert ID + "place/son-la" in selected and len(selected) == 3
    # the document and the two tasks whose text cites "Nghị định số 118/2025/NĐ-CP"
    page.fill("#search", "NGHI DINH 118")
    assert page.inner_text("#search-count") == "3 kết quả"
    assert ND118 in page.evaluate("window.reformkgView.network.getSelectedNodes()")
    # province Hà Tĩnh: its plan, its task, the province; the document stays as their context
    page.select_option("#province-filter", "Hà Tĩnh")
    assert tab.visible() == 4
    page.select_option("#province-filter", "")
    page.uncheck(".kind-filter[value=task]")
    assert tab.visible() == 5
    page.check(".kind-filter[value=task]")
    page.select_option("#area-filter", "Cải cách thủ tục hành chính")
    assert tab.visible() == 7         # both tasks are in that area; the rest is their context
    assert tab.outside == [] and tab.errors == []


def test_overview_draws_every_node_of_its_json_twin(server, tab):
    import json
    import urllib.request

    with urllib.request.urlopen(server + "/view/overview?format=json") as r:
        twin = json.load(r)
    tab.open(server + "/view/overview")
    assert tab.visible() == len(twin["nodes"]) > 7       # 3 provinces, 4 plans, the cited documents
    assert tab.page.inner_text("#title") == "Tổng quan: 4 kế hoạch, 3 tỉnh"
    assert tab.outside == [] and tab.errors == []


def test_saved_file_works_offline_from_disk(gold_store, tab, tmp_path):
    out = tmp_path / "reach.html"
    out.write_text(graph_html.view_legal_document(gold_store, "NĐ 118/2025"), encoding="utf-8")
    page = tab.open(out.as_uri())
    assert tab.visible() == 7
    assert tab.requests == [out.as_uri()] and tab.outside == [] and tab.errors == []
    # standalone: no site to navigate, nothing to expand from; a node links to its IRI itself
    assert page.locator("nav.site").count() == 0 and page.evaluate("JSON.parse(document.getElementById("
                                                                   "'view-data').textContent).expand") is None
    assert page.evaluate(f"window.reformkgView.nodes.get({ND118!r}).href") == ND118


def test_task_tooltip_has_deadline_agency_area_and_quote(server, tab, gold_store):
    ref = key_of(plan_of_file(gold_store, "000_020fcace3bf4412a.txt")) + "/direction/2-1"
    task = ID + "task/" + ref
    page = tab.open(server + "/view/task/" + ref)
    page.mouse.move(*tab.node_xy(task))
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=10000)
    text = tip.inner_text()
    # gold 000 row 2.1: "Tháng 7/2025", lead Sở Nội vụ, under CÔNG TÁC TRIỂN KHAI CÁC NHIỆM VỤ CCHC
    for part in ("2.1 Cập nhật, bổ sung ban hành Kế hoạch CCHC 06 tháng cuối năm 2025 của tỉnh",
                 "Thời hạn: Tháng 7/2025", "Chủ trì: Sở Nội vụ", "Tỉnh: Hà Tĩnh",
                 "Lĩnh vực: Công tác chỉ đạo, điều hành cải cách hành chính"):
        assert part in text, part
    assert tab.outside == [] and tab.errors == []


HOSTILE = """<script>window.__pwned=1</script>"'<img src=x onerror="window.__pwned=2;alert(2)">"""


def test_hostile_text_is_shown_literally_and_runs_nothing(tab, tmp_path):
    node = ID + "task/x/1"
    g = nx.DiGraph(title=HOSTILE)
    g.add_node(node, kind="task", label=HOSTILE, quote="trích " + HOSTILE, deadline=HOSTILE, agency=HOSTILE,
               area=HOSTILE, province=HOSTILE)
    g.add_node(ID + "plan/x", kind="plan", label="Kế hoạch ' \" </script>")
    g.add_edge(node, ID + "plan/x", relation=HOSTILE)
    out = tmp_path / "hostile.html"
    out.write_text(graph_html.render(g), encoding="utf-8")
    page = tab.open(out.as_uri())
    assert tab.visible() == 2
    assert page.title() == HOSTILE and page.inner_text("#title") == HOSTILE
    assert page.locator("#province-filter option").all_inner_texts()[1] == HOSTILE
    page.mouse.move(*tab.node_xy(node))
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=10000)
    assert HOSTILE in tip.inner_text() and "Thời hạn: " + HOSTILE in tip.inner_text()
    page.mouse.click(*tab.node_xy(node))          # the details panel: text too
    assert HOSTILE in page.inner_text("#details") and "Thời hạn: " + HOSTILE in page.inner_text("#details")
    page.fill("#search", "pwned")
    assert page.inner_text("#search-count") == "1 kết quả"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view_hostile.png"))
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0 and page.locator("script").count() == 3
    assert tab.dialogs == [] and tab.errors == [] and tab.outside == []
