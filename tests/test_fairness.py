"""Fair SPARQL scheduling (api.worker.Pool): heavy queries from two clients cannot starve a third
client's trivial ASK, and a query that waits too long for a worker is answered 503 with Retry-After.
Through a real uvicorn on 127.0.0.1 (tests.processes.Threaded); clients are told apart by a configured
X-Forwarded-For header, as every test client comes from the same loopback address.
"""
from __future__ import annotations

import statistics
import threading
import time

import httpx
import pytest
from starlette.datastructures import Headers

from api.server import create_app
from api.sparql import client_of
from tests.processes import Threaded

# a cross join of every label with every label under a string filter: ~1-2 s on the gold store
HEAVY = ('SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:label ?x . ?b rdfs:label ?y . '
         'FILTER(CONTAINS(LCASE(CONCAT(STR(?x), STR(?y))), "zzq")) }')
ASK = "ASK {}"
JSON = {"Accept": "application/sparql-results+json"}


def heavy_loop(base: str, who: str, stop: threading.Event, times: list, rounds: int = 20) -> None:
    """Send HEAVY as client `who` until `stop` (at most `rounds` times); each one's duration in `times`."""
    with httpx.Client(base_url=base, timeout=60) as c:
        for _ in range(rounds):
            if stop.is_set():
                return
            began = time.monotonic()
            r = c.get("/sparql", params={"query": HEAVY}, headers=JSON | {"X-Forwarded-For": who})
            if r.status_code == 200:
                times.append(time.monotonic() - began)


def test_a_trivial_ask_is_not_starved_by_two_heavy_clients(gold_store_on_disk):
    app = create_app(gold_store_on_disk, timeout=30, workers=3, client_header="X-Forwarded-For")
    stop, heavy_times, threads = threading.Event(), [], []
    with Threaded(app) as srv, httpx.Client(base_url=srv.base, timeout=60) as c:
        assert c.get("/sparql", params={"query": ASK}, headers=JSON).json()["boolean"] is True   # workers up
        try:
            # two heavy clients, two request loops each: more heavy work than the pool has workers
            for who in ("10.0.0.1", "10.0.0.1", "10.0.0.2", "10.0.0.2"):
                threads.append(threading.Thread(target=heavy_loop, args=(srv.base, who, stop, heavy_times),
                                                daemon=True))
                threads[-1].start()
            time.sleep(0.5)                     # the heavy queries hold workers by now
            waits = []
            deadline = time.monotonic() + 30
            for _ in range(10):
                began = time.monotonic()
                r = c.get("/sparql", params={"query": ASK}, headers=JSON | {"X-Forwarded-For": "10.0.0.3"})
                waits.append(time.monotonic() - began)
                assert r.status_code == 200 and r.json()["boolean"] is True
                if time.monotonic() > deadline:
                    break
                time.sleep(0.15)
        finally:
            stop.set()
            for t in threads:
                t.join(60)
    assert heavy_times, "no heavy query finished"
    heavy = statistics.median(heavy_times)
    assert heavy > 0.8, f"the heavy query took only {heavy:.2f} s: the test would prove nothing"
    # without fairness, the ASK waits for a worker behind the queued heavy queries (~ a heavy query's time)
    assert max(waits) < min(0.5, heavy / 2), (waits, heavy_times)


def test_a_query_waiting_past_the_queue_limit_gets_503_with_retry_after(gold_store_on_disk):
    app = create_app(gold_store_on_disk, timeout=30, workers=1, queue_wait=0.3, client_header="X-Forwarded-For")
    stop, heavy_times = threading.Event(), []
    with Threaded(app) as srv, httpx.Client(base_url=srv.base, timeout=60) as c:
        assert c.get("/sparql", params={"query": ASK}, headers=JSON).status_code == 200
        t = threading.Thread(target=heavy_loop, args=(srv.base, "10.0.0.1", stop, heavy_times, 1), daemon=True)
        t.start()
        try:
            time.sleep(0.3)                     # the one worker is on the heavy query
            began = time.monotonic()
            r = c.get("/sparql", params={"query": ASK}, headers=JSON | {"X-Forwarded-For": "10.0.0.2"})
            waited = time.monotonic() - began
        finally:
            stop.set()
            t.join(60)
        assert r.status_code == 503 and int(r.headers["retry-after"]) > 0, (r.status_code, r.text)
        assert "waited 0.3 s" in r.text and 0.25 < waited < 1.5
        # the worker is handed on afterwards: the same client is answered
        assert c.get("/sparql", params={"query": ASK}, headers=JSON).status_code == 200


class _Request:
    def __init__(self, headers: dict, host: str = "127.0.0.1"):
        self.headers = Headers(headers=headers)
        self.client = type("Client", (), {"host": host})()


@pytest.mark.parametrize("header,headers,expected", [
    (None, {"X-Forwarded-For": "10.0.0.9"}, "127.0.0.1"),          # not configured: never trusted
    ("X-Forwarded-For", {"X-Forwarded-For": "1.2.3.4, 10.0.0.9"}, "10.0.0.9"),   # the proxy's own entry
    ("X-Forwarded-For", {}, "127.0.0.1"),
])
def test_the_client_is_the_remote_address_unless_a_header_is_configured(header, headers, expected):
    assert client_of(_Request(headers), header) == expected
