"""Fairness benchmark: a trivial `ASK {}` while two clients keep the SPARQL endpoint busy with heavy queries.

    .venv/bin/python -m benchmarks.fairness [--store DIR] [--asks 40] [--workers 4] [--loops 2]

Builds a store from the gold records of the four samples (or uses --store), starts `reformkg serve` on
a free loopback port with REFORMKG_CLIENT_HEADER=X-Forwarded-For (every client here is 127.0.0.1, so
the header tells them apart), starts two heavy clients (--loops request loops each, a cross join of
labels under a string FILTER, ~1-2 s each), and then times --asks sequential `ASK {}` requests from a
third client. Prints the ASK latency p50/p95/max and the heavy queries' median. Loops are bounded in
count and time; nothing leaves 127.0.0.1.
"""
from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import threading
import time
import urllib.parse
from pathlib import Path


from benchmarks.server import serve, store_or_build, wait_for

HEAVY = ('SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:label ?x . ?b rdfs:label ?y . '
         'FILTER(CONTAINS(LCASE(CONCAT(STR(?x), STR(?y))), "zzq")) }')
ASK = "ASK {}"
LIMIT = 120.0           # seconds the whole measurement may take


def get(conn: http.client.HTTPConnection, query: str, who: str) -> int:
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                 headers={"Accept": "application/sparql-results+json", "X-Forwarded-For": who})
    r = conn.getresponse()
    r.read()
    return r.status


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, help="an existing store folder (default: the gold samples)")
    ap.add_argument("--asks", type=int, default=40, help="ASK {} requests timed")
    ap.add_argument("--workers", type=int, default=4, help="server query worker processes")
    ap.add_argument("--loops", type=int, default=2, help="request loops per heavy client")
    args = ap.parse_args()

    location, tmp = store_or_build(args.store)
    env = os.environ | {"REFORMKG_CLIENT_HEADER": "X-Forwarded-For", "REFORMKG_QUERY_TIMEOUT": "60"}
    server, port = serve(location, args.workers, env)
    stop = threading.Event()
    heavy: list[float] = []
    threads: list[threading.Thread] = []
    try:
        def probe():
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            return conn if get(conn, ASK, "10.0.0.3") == 200 else None
        conn = wait_for(server, probe)

        def heavy_client(who: str) -> None:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=90)
            for _ in range(200):
                if stop.is_set():
                    return
                t = time.perf_counter()
                if get(c, HEAVY, who) == 200:
                    heavy.append(time.perf_counter() - t)

        for who in ("10.0.0.1", "10.0.0.2"):
            for _ in range(args.loops):
                threads.append(threading.Thread(target=heavy_client, args=(who,), daemon=True))
                threads[-1].start()
        time.sleep(1.0)                         # the heavy queries hold workers by now
        lat, statuses, began = [], [], time.monotonic()
        for _ in range(args.asks):
            t = time.perf_counter()
            statuses.append(get(conn, ASK, "10.0.0.3"))
            lat.append(time.perf_counter() - t)
            if time.monotonic() - began > LIMIT:
                break
            time.sleep(0.1)
        stop.set()
        for th in threads:
            th.join(90)
        ms = [x * 1000 for x in lat]
        print(f"server workers {args.workers}, 2 heavy clients x {args.loops} loops, {os.cpu_count()} CPUs")
        print(f"heavy query: {len(heavy)} done, median {statistics.median(heavy):.2f} s" if heavy
              else "heavy query: none finished")
        print(f"ASK {{}} under load: n={len(ms)} p50 {percentile(ms, 50):.1f} ms  p95 {percentile(ms, 95):.1f} ms  "
              f"max {max(ms):.1f} ms  non-200: {sum(s != 200 for s in statuses)}")
    finally:
        stop.set()
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
