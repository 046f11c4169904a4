"""Engine benchmark: the canonical queries on the embedded store, an Oxigraph server and Virtuoso 7.

    .venv/bin/python -m benchmarks.engines [--documents 60] [--repeat 3]

The same data on the three: the national corpus of benchmarks/graph.py (gold records varied per
province, level and year) ingested into an embedded store in a temporary folder, then copied
graph by graph into an Oxigraph server and a Virtuoso started for the run on loopback ports
(tests/engines.py: `oxigraph serve`, Debian's virtuoso-t). Each canonical query, bound to
parameters that exist in the corpus (benchmarks.graph.sample_params), runs through the project's
store classes (graph.store.Store, graph.remote.RemoteStore: HTTP and result parsing included, as
reformkg sees an engine), best of --repeat; prints milliseconds, rows (a check that the engines
agree) and each server's time as a ratio to the embedded store's. A query an engine cannot run is
reported with its error.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import graph
from benchmarks.graph import best_of, corpus, sample_params
from graph import queries
from graph.store import Store, bind
from tests.engines import start_oxigraph, start_virtuoso


def copy(source: Store, target) -> float:
    """Every named graph of `source` into `target` (one update each); seconds taken."""
    began = time.perf_counter()
    for g in source.graphs():
        target.replace_graph(g, [q.triple for q in source.quads(g)])
    return time.perf_counter() - began


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--documents", type=int, default=60, help="plans in the corpus (380 ~ 1.2M triples)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per query (the best counts)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="reformkg-engines-") as tmp:
        tmp = Path(tmp)
        embedded = Store(tmp / "embedded")
        t = time.perf_counter()
        graph.ingest(corpus(args.documents), embedded)
        print(f"corpus: {args.documents} documents, {embedded.count():,} triples in the union; "
              f"embedded ingest {time.perf_counter() - t:.1f} s")
        engines, stores = [], {"embedded": embedded}
        try:
            for name, start in (("oxigraph", start_oxigraph), ("virtuoso", start_virtuoso)):
                (tmp / name).mkdir()
                engine = start(tmp / name)
                engines.append(engine)
                stores[name] = engine.store()
                print(f"{name}: started in {engine.startup:.1f} s, loaded in {copy(embedded, stores[name]):.1f} s, "
                      f"{stores[name].count():,} triples in the union")

            params = sample_params(embedded)
            names = list(stores)
            print(f"\n{'query':<22}" + "".join(f"{n + ' ms':>14}" for n in names)
                  + "".join(f"{n + '/emb':>14}" for n in names[1:]) + "   rows")
            canonical = queries.load()
            for q in queries.CANONICAL:
                text = bind(canonical[q].sparql, params.get(q, {}))      # the same text on every engine
                times, rows = {}, {}
                for n, store in stores.items():
                    try:
                        times[n], rows[n] = best_of(lambda: len(store.select(text)), args.repeat)
                    except Exception as e:          # an engine that cannot run the query: say which error
                        times[n], rows[n] = None, type(e).__name__ + ": " + " ".join(str(e).split())[:70]
                cells = "".join(f"{times[n] * 1000:>14.1f}" if times[n] is not None else f"{'error':>14}"
                                for n in names)
                ratios = "".join(f"{times[n] / times['embedded']:>14.1f}" if times[n] and times["embedded"]
                                 else f"{'-':>14}" for n in names[1:])
                counts = "/".join(str(rows[n]) if times[n] is not None else "-" for n in names)
                print(f"{q:<22}{cells}{ratios}   {counts}")
                for n in names:
                    if times[n] is None:
                        print(f"    {n}: {rows[n]}")
        finally:
            for engine in engines:
                engine.stop()


if __name__ == "__main__":
    main()
