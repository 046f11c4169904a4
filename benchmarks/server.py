"""Server benchmark: a canonical query through /sparql versus the same query on the store in-process.

    .venv/bin/python -m benchmarks.server [--store DIR] [--requests 200] [--clients 8] [--workers 2]

Builds a store from the gold records of the four samples (or uses --store, e.g. the
one benchmarks/graph.py leaves), starts `reformkg serve` on a free loopback port in a
separate process, then measures, for the canonical query tasks_implementing (bound to
NĐ 118/2025/NĐ-CP) serialised as SPARQL JSON:
  - in-process: Store.query + pyoxigraph JSON serialisation, sequentially;
  - HTTP, one client: GET /sparql with a keep-alive connection, sequentially;
  - HTTP, N concurrent clients (threads, one keep-alive connection each).
Prints requests/s and median latency of each, and the ratios (HTTP overhead; concurrency
gain). Loops are bounded by --requests; nothing leaves 127.0.0.1.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import pyoxigraph as ox

from graph import iri, queries
from graph.store import Store, bind

QUERY = "tasks_implementing"
PARAMS = {"doc": iri.ID + "legal/nd-118-2025-nd-cp"}


def build_store(path: Path) -> None:
    import graph
    from ingest.models import Extraction

    records = []
    for p in sorted((ROOT / "tests" / "gold").glob("*.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        for t in data.get("body_tasks", []):
            t["text"] = t.pop("text_start")
        records.append(Extraction.model_validate(data))
    store = Store(path)
    graph.ingest(records, store)
    store.flush()


def store_or_build(given: Path | None) -> tuple[Path, Path | None]:
    """The store to measure: the one given, else one built from tests/gold in a temporary folder
    (returned second, for the caller to remove)."""
    if given is not None:
        return given, None
    tmp = Path(tempfile.mkdtemp(prefix="reformkg-bench-"))
    build_store(tmp / "store")
    return tmp / "store", tmp


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def http_get(conn: http.client.HTTPConnection, path: str) -> bytes:
    conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
    r = conn.getresponse()
    body = r.read()
    if r.status != 200:
        raise RuntimeError(f"HTTP {r.status}: {body[:200]!r}")
    return body


def serve(location: Path, workers: int, env: dict | None = None) -> tuple[subprocess.Popen, int]:
    """`reformkg serve` on the store at `location`, a child process on a free port: (process, port)."""
    port = free_port()
    server = subprocess.Popen([str(ROOT / ".venv" / "bin" / "reformkg"), "serve", "--store", str(location),
                               "--port", str(port), "--workers", str(workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or os.environ.copy())
    return server, port


def wait_for(server: subprocess.Popen, probe, timeout: float = 120):
    """probe() until it answers (anything but None, without a connection error): what it answered."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            out = probe()
            if out is not None:
                return out
        except (ConnectionError, OSError):
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            raise SystemExit("the server did not start")
        time.sleep(0.3)


def report(name: str, lat: list[float], wall: float) -> tuple[float, float]:
    rps, med = len(lat) / wall, statistics.median(lat)
    print(f"{name:<34} {rps:>9.1f} req/s   median {med * 1000:>8.2f} ms   ({len(lat)} requests)")
    return rps, med


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, help="existing store directory (default: build one from tests/gold)")
    ap.add_argument("--requests", type=int, default=200, help="requests per measurement")
    ap.add_argument("--clients", type=int, default=8, help="concurrent clients")
    ap.add_argument("--workers", type=int, default=2, help="server query worker processes")
    args = ap.parse_args()

    location, tmp = store_or_build(args.store)
    text = bind(queries.load()[QUERY].sparql, PARAMS)
    path = "/sparql?" + urllib.parse.urlencode({"query": text})
    server, port = serve(location, args.workers)
    try:
        def probe():
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            return conn, len(json.loads(http_get(conn, path))["results"]["bindings"])
        conn, rows = wait_for(server, probe)
        store = Store(location, read_only=True)     # the server holds the write lock
        print(f"store {location}: {store.count()} triples; query {QUERY} -> {rows} rows; "
              f"server workers {args.workers}, {os.cpu_count()} CPUs\n")

        def local():
            store.query(text).serialize(format=ox.QueryResultsFormat.JSON)
        timed(local, 5)
        t = time.perf_counter()
        lat = timed(local, args.requests)
        in_rps, in_med = report("in-process (query + JSON)", lat, time.perf_counter() - t)

        timed(lambda: http_get(conn, path), 5)
        t = time.perf_counter()
        lat = timed(lambda: http_get(conn, path), args.requests)
        one_rps, one_med = report("HTTP /sparql, 1 client", lat, time.perf_counter() - t)

        lats: list[float] = []
        lock = threading.Lock()
        per_client = max(1, args.requests // args.clients)

        def client():
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            mine = timed(lambda: http_get(c, path), per_client)
            with lock:
                lats.extend(mine)
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        t = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        many_rps, many_med = report(f"HTTP /sparql, {args.clients} clients", lats, time.perf_counter() - t)

        print(f"\nHTTP overhead (1 client): median latency x{one_med / in_med:.1f}, "
              f"throughput x{in_rps / one_rps:.1f} lower than in-process")
        print(f"{args.clients} concurrent clients: throughput x{many_rps / one_rps:.2f} of 1 client, "
              f"median latency x{many_med / one_med:.2f}")
    finally:
        server.terminate()
        server.wait(30)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
