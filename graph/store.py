"""The triple store behind one small class: Oxigraph on disk (default) or in memory.

Everything else in the project talks to `Store` only (replace_graph, query,
select, construct, count, graphs, export), so a remote SPARQL 1.1 endpoint can be
added later as another class with the same methods, chosen by `open_store(location)`.

One named graph per source document, plus the links and ontology graphs. The
store's default graph is kept equal to the set union (RDF merge) of all named
graphs: Oxigraph's own `use_default_graph_as_union` is a bag (a triple stated by
two plans comes back twice, and COUNTs double), whereas a materialised union
gives plain set semantics and lets queries use the default-graph indexes.
Replacing a graph is one SPARQL update - drop from the union the triples only
that graph had, drop the graph, insert the new triples into it and into the
union - which Oxigraph runs as one transaction: a failed write leaves the store
as it was.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from .iri import PREFIXES, RKG, XSD

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "store"
MEMORY = ":memory:"
_HASH = ox.NamedNode(RKG + "contentHash")

FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
           "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
DATASET_FORMATS = {"nq", "trig", "jsonld"}     # keep the named graphs; the others get the union


def default_location() -> str:
    """$REFORMKG_STORE, else data/store in the project."""
    return os.environ.get("REFORMKG_STORE") or str(DEFAULT_PATH)


def content_hash(triples: Iterable[ox.Triple]) -> str:
    """Order-independent SHA-256 of a set of triples."""
    h = hashlib.sha256()
    for line in sorted({str(t) for t in triples}):
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def term(value) -> str:
    """A parameter value -> SPARQL term text: IRIs, ISO dates, integers, else a string literal."""
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return str(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if re.fullmatch(r"[a-z][a-z0-9+.-]*://\S+", text):
        return f"<{text}>"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return f'"{text}"^^<{XSD}date>'
    return str(ox.Literal(text))


def bind(sparql: str, bindings: dict | None) -> str:
    """Pre-bind variables by a VALUES clause at the start of the first WHERE group.

    Plain SPARQL 1.1, so the same text runs on Oxigraph, rdflib or a remote endpoint;
    FILTERs of that group see the values. Unbound parameters stay free variables."""
    if not bindings:
        return sparql
    # the query pattern opens at WHERE {, or (WHERE being optional) at ASK { / SELECT ... {
    m = re.search(r"\bWHERE\s*\{", sparql, re.I) or re.search(r"\b(ASK|SELECT)\b[^{]*\{", sparql, re.I)
    if not m:
        raise ValueError("cannot bind parameters: the query has no WHERE { ... } group")
    values = " ".join(f"VALUES ?{k} {{ {term(v)} }}" for k, v in bindings.items() if v is not None)
    return f"{sparql[:m.end()]} {values}{sparql[m.end():]}"


def value(term) -> str | None:
    """A result term -> plain Python text (IRI or lexical form)."""
    return None if term is None else term.value


def _unmerge(graph: str) -> str:
    """Update text removing `graph` and, from the union (default graph), what only it stated."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != <{graph}>) }} }} ;\n"
            f"DROP SILENT GRAPH <{graph}> ;\n")


class Store:
    """One RDF dataset. `Store()` opens data/store (or $REFORMKG_STORE); `Store(":memory:")` is transient."""

    def __init__(self, location: str | Path | None = None, read_only: bool = False):
        self.location = str(location or default_location())
        if self.location == MEMORY:
            self._db = ox.Store()
        elif read_only:
            self._db = ox.Store.read_only(self.location)
        else:
            Path(self.location).mkdir(parents=True, exist_ok=True)
            try:
                self._db = ox.Store(self.location)
            except OSError as e:     # RocksDB allows one writer process per directory
                raise OSError(f"cannot open the store {self.location}: {e} - is another reformkg process "
                              f"(e.g. the server) using it? Stop it or pass another --store.") from e

    # ------------------------------------------------------------ writing
    def graph_hash(self, graph: str) -> str | None:
        g = ox.NamedNode(graph)
        for q in self._db.quads_for_pattern(g, _HASH, None, g):
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
        triples.append(ox.Triple(g, _HASH, ox.Literal(digest)))
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        # one update = one transaction: the old graph is never half-replaced
        self._db.update(_unmerge(graph) + f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}}} }} ;\n"
                        f"INSERT DATA {{\n{body}}}")
        return True

    def remove_graph(self, graph: str) -> None:
        self._db.update(_unmerge(graph).rstrip(" ;\n"))

    def load_graph(self, graph: str, path: str | Path) -> bool:
        """Replace `graph` with the contents of an RDF file (format from its extension)."""
        return self.replace_graph(graph, (q.triple for q in ox.parse(path=str(path))))

    # ------------------------------------------------------------ reading
    def query(self, sparql: str, default_graph_uris: list[str] | None = None,
              named_graph_uris: list[str] | None = None, bindings: dict | None = None):
        """Run a SPARQL query; returns pyoxigraph's QuerySolutions, QueryBoolean or QueryTriples.

        `bindings` ({'doc': iri, 'from': '2025-01-01'}) pre-binds variables (see `bind`);
        raises SyntaxError with the parser's message on a bad query."""
        kwargs = {"prefixes": PREFIXES}
        if default_graph_uris:
            kwargs["default_graph"] = [ox.NamedNode(u) for u in default_graph_uris]
        if named_graph_uris:
            kwargs["named_graphs"] = [ox.NamedNode(u) for u in named_graph_uris]
        return self._db.query(bind(sparql, bindings), **kwargs)

    def select(self, sparql: str, **bindings) -> list[dict[str, str | None]]:
        """A SELECT as a list of {variable: text} rows (IRIs and literal lexical forms)."""
        res = self.query(sparql, bindings=bindings or None)
        names = [v.value for v in res.variables]
        return [{n: value(sol[n]) for n in names} for sol in res]

    def construct(self, sparql: str, **bindings):
        """A CONSTRUCT/DESCRIBE as an rdflib Graph (with the project's prefixes bound)."""
        import rdflib

        g = rdflib.Graph()
        for p, ns in PREFIXES.items():
            g.bind(p, ns)
        data = ox.serialize(self.query(sparql, bindings=bindings or None), format=ox.RdfFormat.N_TRIPLES)
        return g.parse(data=data.decode("utf-8"), format="nt")

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

    def export(self, fmt: str = "trig", out: str | Path | None = None) -> bytes | None:
        """Serialise the store: nq/trig/jsonld keep named graphs; ttl/nt/xml write the union.
        Returns bytes when `out` is None."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
        rdf = FORMATS[fmt]
        if fmt in DATASET_FORMATS:
            data = self.quads()
        else:
            data = (q.triple for q in self._db.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        # no prefix for id/: its local names contain "/", which Turtle would have to escape
        prefixes = {k: v for k, v in PREFIXES.items() if k != "id"} if fmt in ("ttl", "trig") else None
        return ox.serialize(data, output=str(out) if out else None, format=rdf, prefixes=prefixes)

    def flush(self) -> None:
        if self.location != MEMORY:
            self._db.flush()


_OPEN: dict[str, Store] = {}


def open_store(location: str | Path | None = None, read_only: bool = False) -> Store:
    """The Store for a location, shared within the process (an Oxigraph directory can be opened
    read-write only once per process). ':memory:' always gives a new store."""
    loc = str(location or default_location())
    if loc == MEMORY:
        return Store(MEMORY)
    key = str(Path(loc).resolve()) + (":ro" if read_only else "")
    if key not in _OPEN:
        _OPEN[key] = Store(loc, read_only=read_only)
    return _OPEN[key]
