"""The list, task and source pages in a real browser (Debian's chromium, headless, via Playwright), as a
person uses them: filter tasks by typing "Sở Nội vụ" and a dd/mm/yyyy range, follow a task to its source
lines, highlighted; hostile text in a plan stays text. A real uvicorn server (tests/processes.py Threaded)
serves the store of the sample plans ingested from their files; every request the page makes is logged
and anything not on localhost is aborted. Screenshots go to tests/artifacts/ (gitignored; the ones in
docs/screenshots/ were taken so).
"""
from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from api.server import create_app
from tests.processes import Threaded
from tests.test_view_browser import ARTIFACTS, CHROMIUM, browser  # noqa: F401 (its browser fixture)

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "data" / "plans"
HOSTILE = '=HYPERLINK("http://evil.example") <script>alert(1)</script> <b>đậm</b> '

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                 reason=f"{CHROMIUM} is missing (Debian package 'chromium'; `make system`)")]


@pytest.fixture(scope="module")
def server(make_store):
    with Threaded(create_app(make_store([PLANS]))) as s:
        yield s.base


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 760})
    log = {"outside": [], "dialogs": [], "errors": []}

    def route(r):
        if r.request.url.startswith(("http://127.0.0.1:", "http://localhost:")):
            r.continue_()
        else:
            log["outside"].append(r.request.url)
            r.abort()
    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.log = log
    yield page
    context.close()
    assert log == {"outside": [], "dialogs": [], "errors": []}


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"pages_{name}.png"))


def found(page) -> int:
    return int(re.match(r"(\d+) kết quả", page.inner_text("p.twins")).group(1))


def test_filter_tasks_by_agency_name_and_dd_mm_yyyy_dates(server, tab):
    tab.goto(server + "/tasks")
    agency = tab.locator("input[name=agency]")
    # the names come from the data, offered as one types
    options = tab.evaluate("() => [...document.querySelector('input[name=agency]').list.options].map(o => o.value)")
    assert "Sở Nội vụ" in options
    agency.fill("Sở Nội vụ")
    with tab.expect_navigation():
        tab.click("form.filters button[type=submit]")
    expected = httpx.get(server + "/tasks", params={"agency": "ha-tinh/so-noi-vu"}).json()["total"]
    assert found(tab) == expected > 0
    assert tab.input_value("input[name=agency]") == "Sở Nội vụ"
    # every row led by Sở Nội vụ or one of its units (IRIs under the agency's)
    leads = [[a.get_attribute("href") for a in td.locator("a").all()] for td in tab.locator("table tr td:nth-child(6)").all()]
    assert len(leads) == min(expected, 50)
    assert all(any(h.startswith("/id/agency/ha-tinh/so-noi-vu") for h in hrefs) for hrefs in leads), leads
    shot(tab, "tasks_agency")

    # a quarter typed the Vietnamese way: the same count as the ISO form of the API
    tab.goto(server + "/tasks")
    tab.fill("input[name=due_from]", "01/07/2025")
    tab.fill("input[name=due_to]", "30/09/2025")
    with tab.expect_navigation():
        tab.press("input[name=due_to]", "Enter")
    iso = httpx.get(server + "/tasks", params={"due_from": "2025-07-01", "due_to": "2025-09-30"}).json()["total"]
    assert found(tab) == iso > 0
    assert tab.input_value("input[name=due_from]") == "01/07/2025"
    deadlines = [td.inner_text() for td in tab.locator("table tr td:nth-child(7)").all()]
    assert deadlines and all(re.search(r"→ \d\d/(07|08|09)/2025$", d) for d in deadlines), deadlines
    shot(tab, "tasks_dates")

    # a name that is nowhere: said so on the page, with names to try
    tab.fill("input[name=due_from]", "")
    tab.fill("input[name=due_to]", "")
    tab.fill("input[name=agency]", "Sở Nội vu tỉnh Hà Giang")
    with tab.expect_navigation():
        tab.press("input[name=agency]", "Enter")
    assert found(tab) == 0
    notice = tab.locator("p.notice")
    assert "Không có cơ quan nào khớp “Sở Nội vu tỉnh Hà Giang”" in notice.inner_text()
    shot(tab, "tasks_unmatched")
    with tab.expect_navigation():
        notice.get_by_role("link", name="Sở Nội vụ", exact=True).click()
    assert found(tab) == expected


def test_follow_a_task_to_its_highlighted_source_lines(server, tab):
    tab.goto(server + "/tasks?" + str(httpx.QueryParams({"document": "NĐ118", "province": "Hà Tĩnh"})))
    assert found(tab) == 1          # the body task of 000 citing Nghị định 118/2025/NĐ-CP
    with tab.expect_navigation():
        tab.locator("table tr td:nth-child(2) a").first.click()
    assert tab.locator("h2", has_text="Căn cứ của nhiệm vụ").count() == 1
    assert tab.locator("h2", has_text="Căn cứ của kế hoạch").count() == 1
    shot(tab, "task")
    source = tab.locator("dd a", has_text=re.compile(r"^dòng \d+"))
    first, last = (int(x) for x in re.findall(r"\d+", source.inner_text()))
    with tab.expect_navigation():
        source.click()
    assert tab.url.endswith(f"/source?lines={first}-{last}#L{first}")
    marked = tab.locator("table.source tr.hl")
    assert marked.count() == last - first + 1
    assert marked.first.get_attribute("id") == f"L{first}"
    assert "118/2025/NĐ-CP" in " ".join(marked.all_inner_texts())
    # opened at the lines: the first of them is on screen
    box = marked.first.bounding_box()
    assert 0 <= box["y"] < 760, box
    shot(tab, "source")
    # the document's page: its tasks by province and plan, and where the plans' texts name it
    tab.goto(server + "/id/legal/nd-118-2025-nd-cp")
    assert "Ngày ban hành\n09/06/2025" in tab.inner_text("dl.fields")
    assert tab.locator("h2", has_text="Nhắc đến trong văn bản nguồn").count() == 1
    shot(tab, "document")
    tab.goto(server + "/")
    assert "Nhiệm vụ" in tab.inner_text("table") and "tasks" not in tab.inner_text("table")
    shot(tab, "home")


def test_hostile_text_stays_text(tmp_path, make_store, tab):
    lines = (PLANS / "002_a39914e25e1938d1.txt").read_text(encoding="utf-8").split("\n")
    assert lines[16].startswith("\tĐề án đẩy mạnh Cải cách hành chính")       # task 1's text, line 17
    lines[16] = "\t" + HOSTILE + lines[16].lstrip("\t")
    path = tmp_path / "002_hostile.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    with Threaded(create_app(make_store([path]))) as s:
        tab.goto(s.base + "/tasks?q=HYPERLINK")
        assert found(tab) == 1
        cell = tab.locator("table tr td:nth-child(2) a").first
        assert cell.inner_text().startswith(HOSTILE.strip())
        assert tab.locator("table b, table script").count() == 0
        with tab.expect_navigation():
            cell.click()
        assert tab.inner_text("h1").startswith(HOSTILE.strip())
        with tab.expect_navigation():
            tab.locator("dd a", has_text=re.compile(r"^dòng \d+")).click()
        assert HOSTILE.strip() in " ".join(tab.locator("table.source tr.hl").all_inner_texts())
        assert tab.locator("table.source b, table.source script").count() == 0
        csv = httpx.get(s.base + "/tasks.csv", params={"q": "HYPERLINK"}).content.decode("utf-8-sig")
        assert "'=HYPERLINK(" in csv and ',"=HYPERLINK' not in csv
