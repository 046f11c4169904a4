"""Graph view: time from page load until the graph is drawn and stable, in headless chromium.

    .venv/bin/python -m benchmarks.view [--sizes 100 1000 5000] [--runs 3] [--corpus 420 | --store DIR]

Synthetic views shaped like the real ones (a document -> tasks -> activities, plans, provinces,
agencies; Vietnamese labels, tooltips with deadline, agency, area, quote) of about 100, 1,000
and 5,000 nodes are rendered by graph.view.render to one HTML file each and opened from disk.
"Drawn and stable" is the page's own flag (html[data-view=ready]): the first frame drawn once
the physics has stabilised (small views), or the first frame with the positions computed in
Python (views above graph.view.LAYOUT_THRESHOLD nodes). The time is performance.now() at that
moment, i.e. since navigation start; the median of --runs page loads is printed, with the time
to build the page in Python, and the ratio to the 3 s target at 1,000 nodes.

With --corpus N (the national-scale corpus of benchmarks/graph.py, ingested into a temporary
store) or --store DIR (a store already holding it), the real overview and the reach of
NĐ 118/2025/NĐ-CP over that store are timed the same way, with the time to query and build them.
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


def measure(browser, path: Path) -> tuple[float, int]:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-view=ready]", timeout=300_000)
    ms = page.evaluate("window.reformkgView.readyAt")
    shown = page.evaluate("window.reformkgView.visibleCount()")
    page.close()
    return ms / 1000, shown


def corpus_views(store_dir: str | None, documents: int, tmp: str) -> list[tuple[str, nx.DiGraph, float]]:
    """(name, graph, seconds to query it) for the overview and the NĐ 118 reach of a big store."""
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
    for name, kind, ref in (("overview", "overview", None), ("NĐ 118 reach", "legal-document", "NĐ 118/2025")):
        t0 = time.perf_counter()
        g = view.graph_for(store, kind, ref)
        out.append((name, g, time.perf_counter() - t0))
    return out


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
        if args.corpus or args.store:
            cases += corpus_views(args.store, args.corpus, tmp)
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
            if name.startswith("synthetic"):
                results[int(name.split()[1])] = drawn
            placed = n > view.LAYOUT_THRESHOLD or all("pos" in d for _, d in g.nodes(data=True))
            layout = "python" if placed else "physics"
            query = f"{query_s:8.2f}" if query_s is not None else f"{'-':>8}"
            print(f"{name:>18} {n:6d} {g.number_of_edges():6d} {layout:>8} {query} {build:8.2f} "
                  f"{len(html) / 1e6:8.2f} {drawn:17.2f} {' '.join(f'{x:.2f}' for x in runs):>16}")
        browser.close()
    if TARGET_NODES in results:
        print(f"at {TARGET_NODES} nodes: {results[TARGET_NODES]:.2f} s = {results[TARGET_NODES] / TARGET_S:.2f} x "
              f"the {TARGET_S:.0f} s target ({'met' if results[TARGET_NODES] <= TARGET_S else 'MISSED'})")


if __name__ == "__main__":
    main()
