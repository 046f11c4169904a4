"""What the embedded store (graph.store) and the remote one (graph.remote) share.

The store contract, SPARQL text helpers (content hashes, parameter binding), the
errors a store raises, and the methods written once over the others (select,
construct, load_graph, export). graph.store re-exports all of it: callers import
from there.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from .iri import PREFIXES, RKG, XSD

MEMORY = ":memory:"
HASH = ox.NamedNode(RKG + "contentHash")

FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
           "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
DATASET_FORMATS = {"nq", "trig", "jsonld"}     # keep the named graphs; the others get the union


# ---------------------------------------------------------------- errors
class StoreError(RuntimeError):
    """The store's engine refused or failed a request; the message names the endpoint and what to do."""


class StoreUnavailable(StoreError, ConnectionError):
    """The engine cannot be reached, or answered with a server error (5xx) or 'not found' (a wrong URL).
    An OSError (ConnectionError): callers that report OSErrors as readable messages report this one too."""


class StoreTimeout(StoreError, TimeoutError):
    """A query ran past its time limit (the engine's own report, or no complete answer in time).
    Distinct from StoreUnavailable so a server can answer 503 with 'narrow the query'."""


class StoreAccessDenied(StoreError, PermissionError):
    """The engine asked for credentials it did not get or refused them (401/403), or the store is read-only."""


class NotAStore(OSError):
    """A folder that exists but holds no store (and was not asked to be made into one)."""


# ---------------------------------------------------------------- locations
_URL = re.compile(r"^(https?):/+(?=[^/])", re.I)


def is_url(location) -> bool:
    """An http(s) URL (a SPARQL endpoint), never a folder. 'http:/host/...' counts too: that is what
    pathlib makes of a URL (it folds '//'), e.g. from a command-line option typed as a Path."""
    return bool(_URL.match(str(location)))


def normalise_url(location) -> str:
    """'http:/host:7878/query' (a URL that went through pathlib) -> 'http://host:7878/query'."""
    return _URL.sub(lambda m: m.group(1).lower() + "://", str(location), count=1)


def store_state(path: str | Path) -> str:
    """What a location on disk holds: 'missing', 'empty' (a folder with nothing in it), 'store'
    (an Oxigraph/RocksDB store: CURRENT and a MANIFEST file) or 'other' (a file, or a folder with
    other things in it - opening a store there would scatter database files among them)."""
    p = Path(path)
    if not p.exists():
        return "missing"
    if not p.is_dir():
        return "other"
    if (p / "CURRENT").is_file() and any(p.glob("MANIFEST-*")):
        return "store"
    return "empty" if not any(p.iterdir()) else "other"


# ---------------------------------------------------------------- SPARQL text
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


# ---------------------------------------------------------------- shared methods
class StoreBase:
    """Methods written once over the engine-specific ones (query, quads, replace_graph, _union_triples)."""

    location: str
    read_only: bool = False
    remote: bool = False            # True for a SPARQL endpoint: no files, limits enforced by the engine

    def triples(self, graph: str) -> list[ox.Triple]:
        """A plan graph's triples without its content hash: what to give replace_graph back, which
        adds the new hash (keeping the old one would leave two)."""
        return [q.triple for q in self.quads(graph) if not (q.subject.value == graph and q.predicate == HASH)]

    def load_graph(self, graph: str, path: str | Path) -> bool:
        """Replace `graph` with the contents of an RDF file (format from its extension)."""
        return self.replace_graph(graph, (q.triple for q in ox.parse(path=str(path))))

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

    def export(self, fmt: str = "trig", out: str | Path | None = None) -> bytes | None:
        """Serialise the store: nq/trig/jsonld keep named graphs; ttl/nt/xml write the union.
        Returns bytes when `out` is None."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
        data = self.quads() if fmt in DATASET_FORMATS else self._union_triples()
        # no prefix for id/: its local names contain "/", which Turtle would have to escape
        prefixes = {k: v for k, v in PREFIXES.items() if k != "id"} if fmt in ("ttl", "trig") else None
        return ox.serialize(data, output=str(out) if out else None, format=FORMATS[fmt], prefixes=prefixes)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.location}{' read-only' if self.read_only else ''}>"
