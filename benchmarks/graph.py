"""Graph benchmark: a national-scale corpus, ingest throughput, canonical queries vs plain rdflib.

    .venv/bin/python -m benchmarks.graph [--documents 380] [--rdflib-timeout 25] [--store DIR]

Generates plans from the gold records of the four samples (tests/gold), varied per copy:
province (34), level (provincial plan, department, provincial office, commune), issuer,
commune, agencies (scoped to the new province by the agency parser), local document
numbers and years, plan year (2022-2026) and deadlines. National documents keep their
ids, so they are shared nodes as in reality. The default size gives > 1 million triples.

Prints: ingest throughput (documents/s, triples/s), linking time, then for each canonical
query the time through the project's store (Oxigraph on disk, best of 3) and through a
plain in-memory rdflib Graph holding the same triples (the union graph), as a ratio, with
row counts from both as a sanity check; peak memory (ru_maxrss) after each phase.
rdflib queries run in a forked child with a time limit, so one pathological query cannot
blow the 10-minute budget; a timeout is reported as a lower bound on the ratio.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import re
import resource
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import graph
from graph import iri, link, queries
from graph.store import Store, bind
from ingest.models import Extraction

PROVINCES = ["Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
             "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
             "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa",
             "Lâm Đồng", "Đắk Lắk", "Thành phố Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long",
             "Đồng Tháp", "Cà Mau", "An Giang"]
COMMUNES = ["Hoằng Sơn", "Tân Lập", "Quang Trung", "Bình Minh", "Hòa Bình", "Thạch Hà", "Xuân Lộc", "Phú Mỹ",
            "Đông Hưng", "Yên Thế", "Long Phú", "Mường Thanh"]
DEPARTMENTS = ["Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Y tế", "Sở Xây dựng", "Sở Công Thương",
               "Sở Giáo dục và Đào tạo", "Sở Khoa học và Công nghệ", "Sở Nông nghiệp và Môi trường"]

# sample parameters of the canonical queries (documents and places that exist in the corpus)
PARAMS = {
    "tasks_implementing": {"doc": iri.ID + "legal/nd-118-2025-nd-cp"},
    "amended_documents": {},
    "plans_of_province": {"province": iri.ID + "place/nghe-an"},
    "tasks_due": {"from": "2023-04-01", "to": "2023-06-30"},
}


def gold(path: Path) -> Extraction:
    data = json.loads(path.read_text(encoding="utf-8"))
    for t in data.get("body_tasks", []):
        t["text"] = t.pop("text_start")
    data["relations"] = [{"subject": "NĐ 60/2021/NĐ-CP", "predicate": "amended_by", "object": "NĐ 111/2025/NĐ-CP"}] \
        if data["source"].startswith("000") else []
    return Extraction.model_validate(data)


def vary(template: Extraction, i: int, rng: random.Random) -> Extraction:
    """Copy `template` as document i: another province, level, issuer, year, local numbers."""
    ex = template.model_copy(deep=True)
    province = PROVINCES[i % len(PROVINCES)]
    role = (i // len(PROVINCES)) % 4          # 0 provincial plan, 1 commune, 2 office, 3 department
    year = 2022 + (i // (4 * len(PROVINCES))) % 5
    m = ex.document
    old_province = m.province
    m.province, m.year, m.commune = province, year, None
    if role == 0:
        m.level, m.issuing_body = "province", f"UBND tỉnh {province}"
    elif role == 1:
        m.level, m.commune = "commune", f"{rng.choice(COMMUNES)} {i}"
        m.issuing_body = f"UBND xã {m.commune}"
    elif role == 2:
        m.level, m.issuing_body = "provincial-office", f"Văn phòng UBND tỉnh {province}"
    else:
        m.level, m.issuing_body = "department", f"{rng.choice(DEPARTMENTS)} tỉnh {province}"
    m.title = re.sub(r"\b20\d\d\b", str(year), (m.title or "Kế hoạch CCHC")).replace(old_province or "", province)
    ex.source = f"bench_{i:05d}.txt"
    # local documents: the province's own numbers (national ids stay: they are shared nodes)
    renames = {}
    for ref in ex.legal_references:
        if ref.scope != "national" and ref.number:
            new_number = str((int(re.sub(r"\D", "", ref.number) or 0) + 37 * i) % 4000 + 1)
            renames[ref.id] = ref.id.replace(ref.number, new_number, 1)
            ref.id, ref.number, ref.scope = renames[ref.id], new_number, province
    rename = lambda ids: [renames.get(x, x) for x in ids]  # noqa: E731
    m.implements, m.replaces = rename(m.implements), rename(m.replaces)
    for rec in [*ex.targets, *ex.body_tasks, *ex.table_tasks]:
        rec.legal_refs = rename(rec.legal_refs)
    for t in ex.table_tasks:
        if t.deadline:
            t.deadline = t.deadline.replace("2025", str(year)).replace("2026", str(year + 1))
    return ex


def corpus(n: int) -> list[Extraction]:
    templates = {p.name[:3]: gold(p) for p in sorted((ROOT / "tests" / "gold").glob("*.json"))}
    by_role = [templates["000"], templates["001"], templates["003"], templates["000"]]
    rng = random.Random(7)
    return [vary(by_role[(i // len(PROVINCES)) % 4] if i % 9 else templates["002"], i, rng) for i in range(n)]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_of(fn, k: int = 3) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(k):
        t = time.perf_counter()
        n = fn()
        times.append(time.perf_counter() - t)
    return min(times), n


def _rdflib_child(g, text, conn):
    t = time.perf_counter()
    try:
        n = len(list(g.query(text)))
    except Exception as e:   # rdflib's own bugs, e.g. GROUP_CONCAT(DISTINCT) over an OPTIONAL variable
        conn.send((None, f"{type(e).__name__}: {e}"))
        return
    conn.send((time.perf_counter() - t, n))


def rdflib_time(g, text: str, limit: float) -> tuple[float | None, int | None]:
    """Run in a forked child (copy-on-write graph) so a slow query can be cut off."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_rdflib_child, args=(g, text, child))
    p.start()
    if parent.poll(limit):
        result = parent.recv()
        p.join()
        return result
    p.kill()
    p.join()
    return None, None


def sample_params(store: Store) -> dict[str, dict]:
    """Parameters that exist in this corpus for the queries that need an IRI from it."""
    one = lambda q: store.select(q)[0]  # noqa: E731
    p = dict(PARAMS)
    task = one("PREFIX rkg: <https://w3id.org/reformkg/ontology#> SELECT ?t WHERE { ?t rkg:legalBasis ?d ; "
               "rkg:inPlan/rkg:parentPlan ?p } LIMIT 1")["t"]
    agency = one("PREFIX rkg: <https://w3id.org/reformkg/ontology#> SELECT ?a (COUNT(?t) AS ?n) WHERE "
                 "{ ?t rkg:leadAgency ?a } GROUP BY ?a ORDER BY DESC(?n) LIMIT 1")["a"]
    plan = one("PREFIX rkg: <https://w3id.org/reformkg/ontology#> SELECT ?p WHERE { ?c rkg:parentPlan ?p . "
               "?p a rkg:Plan } LIMIT 1")["p"]
    p.update(legal_basis_chain={"task": task}, tasks_by_agency={"agency": agency}, targets_tasks={"plan": plan})
    return p


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--documents", type=int, default=380, help="plans to generate (380 ~ 1.2M triples)")
    ap.add_argument("--store", help="store directory (default: a temporary one)")
    ap.add_argument("--rdflib-timeout", type=float, default=25.0, help="seconds per rdflib query")
    args = ap.parse_args()

    records = corpus(args.documents)
    tmp = tempfile.TemporaryDirectory(prefix="reformkg-bench-")
    store = Store(args.store or tmp.name)

    t = time.perf_counter()
    results = graph.ingest(records, store, link=False)
    ingest_s = time.perf_counter() - t
    failed = [r for r in results if r.status == "failed"]
    built = sum(r.triples for r in results)
    t = time.perf_counter()
    link.link(store)
    link_s = time.perf_counter() - t
    n = store.count()
    links = store.count(iri.LINKS_GRAPH)
    print(f"corpus: {len(records)} documents, {n:,} triples in the union ({store.size():,} stored quads), "
          f"{len(failed)} failed")
    print(f"ingest: {ingest_s:.1f} s = {len(records) / ingest_s:.1f} documents/s, {built / ingest_s:,.0f} triples/s")
    print(f"link:   {link_s:.1f} s for the whole store ({links:,} link triples)")
    print(f"peak memory after ingest: {peak_mb():,.0f} MB")

    import rdflib
    t = time.perf_counter()
    g = rdflib.Graph()
    g.parse(data=store.export("nt").decode("utf-8"), format="nt")
    print(f"rdflib: loaded {len(g):,} triples in {time.perf_counter() - t:.1f} s; "
          f"peak memory {peak_mb():,.0f} MB")

    params = sample_params(store)
    print(f"\n{'query':<22} {'oxigraph ms':>12} {'rdflib ms':>12} {'ratio':>9} {'rows ox/rdflib':>16}")
    canonical = queries.load()
    for name in queries.CANONICAL:
        text = bind(canonical[name].sparql, params.get(name, {}))     # the same text on both engines
        ox_s, ox_n = best_of(lambda: len(list(store.query(text))))
        rl_s, rl_n = rdflib_time(g, text, args.rdflib_timeout)
        if rl_s is None and rl_n:
            print(f"{name:<22} {ox_s * 1000:>12.1f} {'error':>12} {'':>9} {ox_n:>8}/-   rdflib: {rl_n[:80]}")
        elif rl_s is None:
            print(f"{name:<22} {ox_s * 1000:>12.1f} {'>' + str(int(args.rdflib_timeout * 1000)):>12} "
                  f"{'>' + format(args.rdflib_timeout / ox_s, '.0f'):>9} {ox_n:>8}/?")
        else:
            print(f"{name:<22} {ox_s * 1000:>12.1f} {rl_s * 1000:>12.1f} {rl_s / ox_s:>9.1f} {ox_n:>8}/{rl_n}")
    print(f"\npeak memory: {peak_mb():,.0f} MB (ru_maxrss of this process)")


if __name__ == "__main__":
    main()
