"""Graph view: time from page load until the graph is drawn and stable, in headless chromium.

    .venv/bin/python -m benchmarks.view [--sizes 100 1000 5000] [--runs 3] [--corpus 420 | --store DIR]

Synthetic views shaped like the real ones, of about 100, 1,000 and 5,000 nodes: a document's reach
(a document -> tasks -> activities, plans, provinces, agencies; Vietnamese labels, tooltips with
deadline, agency, area, quote) and a plan drawn in columns (plan -> areas -> targets -> tasks ->
activities -> agencies, documents; api.graph_html.tree_layout), each rendered by
api.graph_html.render to one HTML file and opened from disk in Debian's chromium (Playwright).
"Drawn and stable" is the page's own flag (html[data-view=ready]): the first frame drawn once
the physics has stabilised and been switched off (small views), or the first frame with the
positions computed in Python (the plan's columns; views above api.graph_html.LAYOUT_THRESHOLD
nodes). The time is performance.now() at that moment, i.e. since navigation start; the median of
--runs page loads is printed, with the time to build the page in Python, and the ratio to the 3 s
target at 1,000 nodes.

With --corpus N (the national-scale corpus of benchmarks/graph.py, ingested into a temporary
store) or --store DIR (a store already holding it), the real overview, the reach of
NĐ 118/2025/NĐ-CP and the largest plan over that store are timed the same way, with the time to
query and build them; then that plan's view is served by the project's app and one of its areas
expanded (fetched from /view/neighbours and drawn), timed too.
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx


from api import graph_html as view
from graph import iri

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TARGET_S, TARGET_NODES = 3.0, 1000

PROVINCES = ["Hà Tĩnh", "Sơn La", "Thanh Hóa", "Nghệ An", "Quảng Trị", "Lào Cai", "Cà Mau", "Huế"]
AREAS = ["Cải cách thể chế", "Cải cách thủ tục hành chính", "Cải cách tổ chức bộ máy hành chính nhà nước",
         "Cải cách chế độ công vụ", "Cải cách tài chính công", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"]
AGENCIES = ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ"]
WORDS = ("triển khai thực hiện rà soát kiểm tra đánh giá cải cách hành chính thủ tục một cửa liên thông "
         "dịch vụ công trực tuyến số hóa hồ sơ kết quả giải quyết nâng cao chất lượng").split()


def synthetic(n: int, seed: int = 7) -> nx.DiGraph:
    """About n nodes: a document's reach over plans in several provinces, tasks with activities."""
    r = random.Random(seed)
    g = nx.DiGraph(title=f"Phạm vi thực hiện: NĐ 118/2025/NĐ-CP (tổng hợp, {n} nút)")
    doc = iri.ID + "legal/nd-118-2025-nd-cp"
    g.add_node(doc, kind="legal", label="NĐ 118/2025/NĐ-CP", iri=doc, date="2025-06-09")
    g.graph["roots"] = [doc]
    for p in PROVINCES:
        g.add_node(iri.place(iri.slug(p)), kind="place", label=p, iri=iri.place(iri.slug(p)), province=p)
    plans = max(2, n // 40)
    for i in range(plans):
        p = PROVINCES[i % len(PROVINCES)]
        plan = f"{iri.ID}plan/synthetic-{i}"
        g.add_node(plan, kind="plan", label=f"Kế hoạch cải cách hành chính năm 2025 số {i}", iri=plan, province=p)
        g.add_edge(plan, iri.place(iri.slug(p)), relation="province")
        for a in AGENCIES[:2]:
            ag = f"{iri.ID}agency/{iri.slug(p)}/{iri.slug(a)}"
            g.add_node(ag, kind="agency", label=a, iri=ag, province=p)
    i = 0
    while g.number_of_nodes() < n:
        plan_i = r.randrange(plans)
        p = PROVINCES[plan_i % len(PROVINCES)]
        task = f"{iri.ID}task/synthetic-{plan_i}/t{i}"
        text = " ".join(r.choice(WORDS) for _ in range(r.randint(8, 30)))
        lead = r.choice(AGENCIES[:2])
        attrs = dict(iri=task, label=text.capitalize(), quote=text.capitalize(), area=r.choice(AREAS), province=p,
                     deadline=f"Quý {r.choice(['I', 'II', 'III', 'IV'])}/2025", agency=lead)
        g.add_node(task, kind="task", **attrs)
        g.add_edge(doc, task, relation="implemented by task")
        g.add_edge(task, f"{iri.ID}plan/synthetic-{plan_i}", relation="in plan")
        g.add_edge(task, f"{iri.ID}agency/{iri.slug(p)}/{iri.slug(lead)}", relation="led by")
        for k in range(r.randint(0, 3)):
            act = f"{task}/a{k}"
            g.add_node(act, kind="activity", **{**attrs, "iri": act})
            g.add_edge(act, task, relation="part of")
        i += 1
    return g


def synthetic_plan(n: int, seed: int = 7) -> nx.DiGraph:
    """About n nodes shaped like graph.analytics.plan_graph (drawn in columns): plan -> areas -> targets
    -> tasks -> activities, tasks -> lead and coordinating agencies and the documents they cite."""
    r = random.Random(seed)
    plan = f"{iri.ID}plan/synthetic"
    g = nx.DiGraph(title=f"Kế hoạch: Kế hoạch cải cách hành chính năm 2025 (tổng hợp, {n} nút)", roots=[plan],
                   layout="hierarchy")
    g.add_node(plan, kind="plan", label="Kế hoạch cải cách hành chính tỉnh Hà Tĩnh năm 2025", iri=plan, level=0)
    agencies = [f"{iri.ID}agency/ha-tinh/{iri.slug(a)}" for a in AGENCIES * 4]
    for i, a in enumerate(agencies):
        g.add_node(a, kind="agency", label=f"{AGENCIES[i % len(AGENCIES)]} {i}", iri=a, level=5)
    docs = [f"{iri.ID}legal/synthetic-{i}" for i in range(30)]
    for i, d in enumerate(docs):
        g.add_node(d, kind="legal", label=f"NĐ {100 + i}/2025/NĐ-CP", iri=d, level=6)
    areas = []
    for i, name in enumerate(AREAS):
        area = f"{iri.ID}area/synthetic-{i}"
        g.add_node(area, kind="area", label=name, iri=area, area=name, level=1)
        g.add_edge(plan, area, relation="has area")
        areas.append(area)
    i = 0
    while g.number_of_nodes() < n:
        area = areas[i % len(areas)]
        target = f"{iri.ID}target/synthetic/{i}"
        g.add_node(target, kind="target", label=f"{i}.1 " + " ".join(r.choice(WORDS) for _ in range(12)),
                   iri=target, level=2)
        g.add_edge(area, target, relation="target")
        for t in range(r.randint(1, 4)):
            task = f"{iri.ID}task/synthetic/{i}/{t}"
            text = " ".join(r.choice(WORDS) for _ in range(r.randint(8, 30)))
            g.add_node(task, kind="task", label=f"{i}.{t + 1} {text}", quote=text, iri=task, level=3,
                       deadline=f"Quý {r.choice(['I', 'II', 'III', 'IV'])}/2025", area=g.nodes[area]["label"])
            g.add_edge(target, task, relation="served by")
            g.add_edge(task, r.choice(agencies), relation="led by")
            g.add_edge(task, r.choice(agencies), relation="coordinated by")
            if r.random() < 0.3:
                g.add_edge(task, r.choice(docs), relation="legal basis")
            for k in range(r.randint(0, 2)):
                act = f"{task}/a{k}"
                g.add_node(act, kind="activity", label=f"{i}.{t + 1}.{k + 1} {text}", iri=act, level=4)
                g.add_edge(task, act, relation="activity")
        i += 1
    return g


def measure(browser, path: Path) -> tuple[float, int]:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-view=ready]", timeout=300_000)
    ms = page.evaluate("window.reformkgView.readyAt")
    shown = page.evaluate("window.reformkgView.visibleCount()")
    page.close()
    return ms / 1000, shown


def corpus_views(store_dir: str | None, documents: int, tmp: str):
    """The store, and (name, graph, seconds to query it) for the overview, the NĐ 118 reach and the
    largest plan of a big store."""
    import importlib.util

    import graph
    from graph.store import Store

    if store_dir:
        store = Store(store_dir, read_only=True)
    else:
        spec = importlib.util.spec_from_file_location("bench_graph", Path(__file__).with_name("graph.py"))
        bench = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bench)
        store = Store(Path(tmp) / "store")
        t0 = time.perf_counter()
        graph.ingest(bench.corpus(documents), store)
        print(f"ingested {documents} generated plans ({store.count()} triples) in {time.perf_counter() - t0:.0f} s")
    out = []
    for name, kind, ref in (("overview", "overview", None), ("NĐ 118 reach", "legal-document", "NĐ 118/2025"),
                            ("largest plan", "plan", largest_plan(store))):
        t0 = time.perf_counter()
        g = view.graph_for(store, kind, ref)
        out.append((name, g, time.perf_counter() - t0))
    return store, out


def largest_plan(store) -> str:
    return store.select(iri.SPARQL_PREFIXES + "SELECT ?plan (COUNT(?t) AS ?n) WHERE { ?t rkg:inPlan ?plan } "
                        "GROUP BY ?plan ORDER BY DESC(?n) LIMIT 1")[0]["plan"]


def served_expand(store, browser, runs: int) -> None:
    """The plan view of the largest plan served by the project's app (uvicorn, loopback), then one of
    its areas expanded (the area links to its tasks in every plan: api.views caps them at 150);
    prints the seconds from the call to the nodes drawn, the median of `runs` page loads."""
    import threading

    import uvicorn

    from benchmarks.server import free_port

    from api import urls
    from api.server import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    plan = largest_plan(store)
    times, added = [], 0
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"http://127.0.0.1:{port}{urls.view(plan)}")
        page.wait_for_selector("html[data-view=ready]", timeout=300_000)
        before = page.evaluate("window.reformkgView.nodes.length")
        area = page.evaluate("window.reformkgView.nodes.getIds({filter: n => n.kind === 'area'})[0]")
        t0 = page.evaluate("id => { const t = performance.now(); window.reformkgView.expand(id); return t; }", area)
        page.wait_for_selector("html[data-expanded='1']", timeout=300_000)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        times.append((page.evaluate("performance.now()") - t0) / 1000)
        added = page.evaluate("window.reformkgView.nodes.length") - before
        page.close()
    server.should_exit = True
    thread.join(10)
    print(f"served plan view, an area expanded: {added} nodes added and drawn in {statistics.median(times):.2f} s "
          f"(runs {' '.join(f'{x:.2f}' for x in times)})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", type=int, default=0, help="also time views over N generated plans (420 ~ 1M triples)")
    ap.add_argument("--store", help="also time views over this already ingested store")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    results = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        cases = [(f"synthetic {n}", synthetic(n), None) for n in args.sizes]
        cases += [(f"plan columns {n}", synthetic_plan(n), None) for n in args.sizes]
        store = None
        if args.corpus or args.store:
            store, more = corpus_views(args.store, args.corpus, tmp)
            cases += more
        print(f"{'view':>18} {'nodes':>6} {'edges':>6} {'layout':>8} {'query s':>8} {'build s':>8} {'HTML MB':>8} "
              f"{'drawn s (median)':>17} {'runs':>16}")
        for name, g, query_s in cases:
            t0 = time.perf_counter()
            html = view.render(g)
            build = time.perf_counter() - t0
            path = Path(tmp) / "view.html"
            path.write_text(html, encoding="utf-8")
            runs = []
            for _ in range(args.runs):
                s, shown = measure(browser, path)
                assert shown == g.number_of_nodes(), (shown, g.number_of_nodes())
                runs.append(s)
            n = g.number_of_nodes()
            drawn = statistics.median(runs)
            if name.startswith(("synthetic", "plan columns")):
                results[name.rsplit(" ", 1)[0], int(name.split()[-1])] = drawn
            placed = n > view.LAYOUT_THRESHOLD or all("pos" in d for _, d in g.nodes(data=True))
            layout = "columns" if g.graph.get("layout") == "hierarchy" else "python" if placed else "physics"
            query = f"{query_s:8.2f}" if query_s is not None else f"{'-':>8}"
            print(f"{name:>18} {n:6d} {g.number_of_edges():6d} {layout:>8} {query} {build:8.2f} "
                  f"{len(html) / 1e6:8.2f} {drawn:17.2f} {' '.join(f'{x:.2f}' for x in runs):>16}")
        if store is not None:
            served_expand(store, browser, args.runs)
        browser.close()
    for (shape, size), drawn in sorted(results.items()):
        if size == TARGET_NODES:
            print(f"{shape} at {TARGET_NODES} nodes: drawn in {drawn:.2f} s = {drawn / TARGET_S:.2f} x "
                  f"the {TARGET_S:.0f} s target ({'met' if drawn <= TARGET_S else 'MISSED'})")


if __name__ == "__main__":
    main()
