"""The triple store behind one small interface: Oxigraph on disk (default) or in memory, or a
remote SPARQL 1.1 engine (graph.remote) when the location is an http(s):// URL.

Everything else in the project talks to a store through its methods only (replace_graph,
graph_hash, remove_graph, load_graph, query, select, construct, count, size, has_graph,
graphs, quads, export, flush); `open_store(location)` picks the kind.

One named graph per source document, plus the links and ontology graphs. The
store's default graph is kept equal to the set union (RDF merge) of all named
graphs: Oxigraph's own `use_default_graph_as_union` is a bag (a triple stated by
two plans comes back twice, and COUNTs double), whereas a materialised union
gives plain set semantics and lets queries use the default-graph indexes.
Replacing a graph is one SPARQL update - drop from the union the triples only
that graph had, drop the graph, insert the new triples into it and into the
union - which Oxigraph runs as one transaction: a failed write leaves the store
as it was. The remote store keeps the same union in a named graph of its own
(graph.remote explains why and how).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from .iri import PREFIXES
from .storebase import (DATASET_FORMATS, FORMATS, HASH, MEMORY, NotAStore, StoreAccessDenied, StoreBase,
                        StoreError, StoreTimeout, StoreUnavailable, bind, content_hash, is_url, normalise_url,
                        store_state, term, value)

__all__ = ["Store", "open_store", "default_location", "DEFAULT_PATH", "MEMORY", "FORMATS",
           "DATASET_FORMATS", "content_hash", "term", "bind", "value", "is_url", "store_state", "StoreError",
           "StoreUnavailable", "StoreTimeout", "StoreAccessDenied", "NotAStore"]

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "store"


def default_location() -> str:
    """$REFORMKG_STORE, else data/store in the project."""
    return os.environ.get("REFORMKG_STORE") or str(DEFAULT_PATH)


def _unmerge(graph: str) -> str:
    """Update text removing `graph` and, from the union (default graph), what only it stated."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != <{graph}>) }} }} ;\n"
            f"DROP SILENT GRAPH <{graph}> ;\n")


class Store(StoreBase):
    """One RDF dataset in embedded Oxigraph. `Store()` opens data/store (or $REFORMKG_STORE);
    `Store(":memory:")` is transient. A SPARQL endpoint URL is opened with open_store (RemoteStore).

    create=False refuses a location that is not a store already (missing, or a folder holding
    something else: NotAStore); create=True (today's default) makes one there."""

    def __init__(self, location: str | Path | None = None, read_only: bool = False, create: bool = True):
        self.location = str(location or default_location())
        self.read_only = read_only
        if is_url(self.location):
            raise ValueError(f"{self.location} is a SPARQL endpoint, not a folder: open it with "
                             f"graph.open_store(url) (a graph.remote.RemoteStore)")
        if self.location == MEMORY:
            self._db = ox.Store()
            return
        state = store_state(self.location)
        if state != "store" and (read_only or not create):
            if state == "missing":
                raise FileNotFoundError(f"no store at {self.location}: ingest plans into it first "
                                        f"(reformkg ingest PLANS --create --store {self.location}) or pass "
                                        f"another --store")
            what = ("an empty folder" if state == "empty" else "a folder with other files in it"
                    if Path(self.location).is_dir() else "a file")
            raise NotAStore(f"{self.location} is not a reformkg store ({what}): pass the folder of a store, "
                            f"or a new folder to create one")
        if read_only:
            self._db = ox.Store.read_only(self.location)
            return
        Path(self.location).mkdir(parents=True, exist_ok=True)
        try:
            self._db = ox.Store(self.location)
        except OSError as e:     # RocksDB allows one writer process per directory
            raise OSError(f"cannot open the store {self.location}: {e} - is another reformkg process "
                          f"(e.g. the server) using it? Stop it or pass another --store.") from e

    # ------------------------------------------------------------ writing
    def graph_hash(self, graph: str) -> str | None:
        g = ox.NamedNode(graph)
        for q in self._db.quads_for_pattern(g, HASH, None, g):
            return q.object.value
        return None

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> bool:
        """Make named graph `graph` hold exactly `triples` (plus its content hash), atomically.

        Returns False (and writes nothing) when the graph already holds the same content."""
        triples = list(dict.fromkeys(triples))
        digest = content_hash(triples)
        if self.graph_hash(graph) == digest:
            return False
        g = ox.NamedNode(graph)
        triples.append(ox.Triple(g, HASH, ox.Literal(digest)))
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        # one update = one transaction: the old graph is never half-replaced
        self._db.update(_unmerge(graph) + f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}}} }} ;\n"
                        f"INSERT DATA {{\n{body}}}")
        return True

    def remove_graph(self, graph: str) -> None:
        self._db.update(_unmerge(graph).rstrip(" ;\n"))

    # ------------------------------------------------------------ reading
    def query(self, sparql: str, default_graph_uris: list[str] | None = None,
              named_graph_uris: list[str] | None = None, bindings: dict | None = None, *,
              timeout: float | None = None, row_limit: int | None = None):
        """Run a SPARQL query; returns pyoxigraph's QuerySolutions, QueryBoolean or QueryTriples.

        `bindings` ({'doc': iri, 'from': '2025-01-01'}) pre-binds variables (see `bind`);
        raises SyntaxError with the parser's message on a bad query. `timeout` and `row_limit`
        are for the remote store (the engine enforces them); embedded Oxigraph cannot stop a
        running query, so here they are accepted and ignored (the server runs embedded queries in
        killable worker processes, api.worker), and results are lazy: a caller stops reading."""
        kwargs = {"prefixes": PREFIXES}
        if default_graph_uris:
            kwargs["default_graph"] = [ox.NamedNode(u) for u in default_graph_uris]
        if named_graph_uris:
            kwargs["named_graphs"] = [ox.NamedNode(u) for u in named_graph_uris]
        return self._db.query(bind(sparql, bindings), **kwargs)

    def count(self, graph: str | None = None) -> int:
        """Triples in one named graph, or in the union of all (the default graph)."""
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        return int(next(iter(self._db.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")))["n"].value)

    def size(self) -> int:
        """All stored quads: named graphs plus their materialised union."""
        return len(self._db)

    def has_graph(self, graph: str) -> bool:
        return self._db.contains_named_graph(ox.NamedNode(graph))

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._db.named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self, graph: str | None = None):
        """Quads of one named graph, or of all named graphs (not the union copy)."""
        if graph:
            return self._db.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        return (q for q in self._db.quads_for_pattern(None, None, None, None)
                if not isinstance(q.graph_name, ox.DefaultGraph))

    def _union_triples(self):
        return (q.triple for q in self._db.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def flush(self) -> None:
        if self.location != MEMORY:
            self._db.flush()

    def backup(self, target: str | Path) -> None:
        """A consistent copy of the store in the new folder `target`, itself a store (hard links on the
        same file system: milliseconds). Nothing writes to it, so read-only openers of it never race
        this store's writes (api.worker's query processes read such copies)."""
        if self.location == MEMORY:
            raise ValueError("an in-memory store has no folder to copy")
        self._db.backup(str(target))


_OPEN: dict[str, StoreBase] = {}


def open_store(location: str | Path | None = None, read_only: bool = False, create: bool = True):
    """The store for a location, shared within the process (an Oxigraph directory can be opened
    read-write only once per process). ':memory:' always gives a new store.

    An http(s):// location is a SPARQL 1.1 Query endpoint (never a folder): a graph.remote.RemoteStore,
    checked reachable here (StoreUnavailable, an OSError, with the URL and what went wrong).
    create=False: a folder that is not a store already is an error (FileNotFoundError / NotAStore)
    instead of a new store; the default (True) keeps creating one, as before. read_only=True for a
    folder this process already has open read-write gives that store."""
    loc = str(location or default_location())
    if is_url(loc):
        url = normalise_url(loc)
        key = url + (" ro" if read_only else "")
        if key not in _OPEN:
            from .remote import RemoteStore      # httpx only where a store is remote
            store = RemoteStore(url, read_only=read_only)
            store.ping()
            _OPEN[key] = store
        return _OPEN[key]
    if loc == MEMORY:
        return Store(MEMORY)
    key = str(Path(loc).resolve())
    if read_only and key in _OPEN:
        # this process writes the folder: read through that store - a read-only RocksDB handle beside
        # a writer is undefined behaviour (it fails with 'No such file' while the writer compacts)
        return _OPEN[key]
    key += ":ro" if read_only else ""
    if key not in _OPEN:
        _OPEN[key] = Store(loc, read_only=read_only, create=create)
    return _OPEN[key]
