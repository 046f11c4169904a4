"""reformkg graph: extracted records -> RDF in a named graph per source document.

Public API (stable):
    ingest(items, store=None, progress=None) -> list[Ingested]
        items: file paths, folders (their .txt/.docx/.pdf) or ingest.models.Extraction objects.
        Files go through ingest.extract; Extractions through ingest.pipeline.fill (in place:
        what they lack of parsed agencies, deadlines and area codes is added). Builds each
        document's graph (build.build), replaces it atomically in the store
        (unchanged content is skipped), then re-runs cross-document linking (link.link).
        A failing item is reported (status "failed", error text) and the rest continue.
    open_store(location=None, read_only=False) -> Store   (data/store, $REFORMKG_STORE, or ":memory:";
        one Store per directory per process; a second writer process gets a readable OSError)
    Store: replace_graph(graph, triples), query(sparql, default_graph_uris=None,
        named_graph_uris=None, bindings=None) -> pyoxigraph QuerySolutions/QueryBoolean/QueryTriples,
        select(sparql, **bindings) -> [{var: str}], construct(sparql) -> rdflib.Graph,
        count(graph=None), size(), graphs(), has_graph(graph), export(fmt, out=None), graph_hash(graph)
        (the default graph is the set union of all named graphs, kept up to date by replace_graph)
    build(extraction) -> Built(key, graph, plan, triples)       (no store involved; the records
        must have been filled: ingest.extract does it, ingest.pipeline.fill for others)
    validate(store) -> (conforms, report_text)                   SHACL, ontology/shapes.ttl
    queries.load() -> {name: Query(name, title, answers, sparql, params)}; queries.run(store, name, **params);
        queries.CANONICAL (the seven of the issue); parameters are bound by graph.store.bind (a VALUES
        clause, plain SPARQL 1.1): run(store, "tasks_implementing", doc=iri) or id="NĐ 118/2025/NĐ-CP"
    analytics.legal_chain(store, doc_iri), analytics.task_chain(store, task_iri) -> networkx.DiGraph

IRIs (graph/iri.py): ontology https://w3id.org/reformkg/ontology# (prefix rkg:);
resources https://w3id.org/reformkg/id/...
    plan/<source-key>                      rkg:Plan, eli:LegalResource (source-key = file stem, slugged)
    legal/<id-slug>                        national eli:LegalResource, e.g. legal/nd-118-2025-nd-cp
    legal/<province>[/<commune>]/<id-slug> local document, e.g. legal/ha-tinh/qd-3504-qd-ubnd
    agency/<jurisdiction>/<name-slug>      org:Organization (units: <parent agency>/<unit-slug>)
    group/<jurisdiction>/<name-slug>       rkg:AgencyGroup ('Các sở, ban, ngành cấp tỉnh')
    task/<source-key>/<area>/<row-ref>     rkg:Task or rkg:Activity (table rows)
    task/<source-key>/body/<area>/<n>      rkg:Task + rkg:BodyTask (body statements)
    target/<source-key>/<ref>              rkg:Target (body); target/<key>/table/<area>/<ref> (appendix)
    place/vn | place/<province> | place/<province>/<commune>   rkg:Jurisdiction
    area/<code> (7 skos:Concepts), doctype/<abbr>, deadline-kind/<kind>
    source/<source-key>                    rkg:SourceDocument (prov:Entity)
Named graphs: https://w3id.org/reformkg/graph/<source-key> (one per document, holds rkg:contentHash),
    .../graph/links (parent plans and targets), .../graph/ontology (reform.ttl).
Main properties: rkg:inPlan, rkg:area, rkg:section (heading as written), rkg:legalBasis (task/target ->
    cited document), rkg:leadAgency, rkg:coordinatingAgency, rkg:deadline (rkg:Deadline with rdfs:label,
    rkg:deadlineKind, time:hasBeginning/hasEnd -> time:inXSDDate), rkg:output, rkg:budget, rkg:servesTarget,
    rkg:partOf (activity -> task), rkg:implements (plan -> eli:LegalResource), rkg:parentPlan,
    rkg:parentTarget (+ rkg:TargetLink with rkg:score, rkg:method, rkg:yearGap), rkg:province,
    rkg:jurisdiction, rkg:year, rkg:level, rkg:ref; eli:id_local (canonical id "NĐ 118/2025/NĐ-CP"),
    eli:amends / eli:amended_by, dcterms:replaces, eli:repeals, eli:passed_by, eli:date_document;
    labels: rdfs:label (plans, tasks, targets), skos:prefLabel (documents, agencies); provenance:
    prov:wasDerivedFrom source, rkg:quote -> oa:TextQuoteSelector (oa:exact, rkg:firstLine, rkg:lastLine).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from . import iri
from .build import Built, build
from .store import Store, open_store

__all__ = ["ingest", "expand", "build", "open_store", "Store", "Built", "Ingested", "validate", "iri", "SUFFIXES"]

SUFFIXES = (".txt", ".docx", ".pdf")
ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "reform.ttl"


@dataclass
class Ingested:
    """What happened to one input: status added | replaced | unchanged | failed."""
    source: str
    status: str
    graph: str | None = None
    triples: int = 0
    error: str | None = None


def expand(items: Iterable) -> list:
    """Paths, folders (their plan files, sorted) and Extraction objects, in order."""
    out = []
    for item in items:
        if isinstance(item, (str, Path)) and Path(item).is_dir():
            out.extend(sorted(p for p in Path(item).iterdir() if p.suffix.lower() in SUFFIXES))
        else:
            out.append(item)
    return out


def ingest_one(item, store: Store) -> Ingested:
    from ingest.pipeline import extract, fill

    name = str(item) if isinstance(item, (str, Path)) else item.source
    try:
        ex = extract(item) if isinstance(item, (str, Path)) else fill(item)
        built = build(ex)
        existed = store.has_graph(built.graph)
        changed = store.replace_graph(built.graph, built.triples)
    except Exception as e:   # one bad file must not stop a folder; the caller reports it
        return Ingested(name, "failed", error=f"{name}: {type(e).__name__}: {e}")
    status = "unchanged" if not changed else ("replaced" if existed else "added")
    return Ingested(name, status, built.graph, len(built.triples))


def ingest(items, store: Store | None = None, progress: Callable[[Ingested], None] | None = None,
           link: bool = True) -> list[Ingested]:
    """Ingest files/folders/Extractions into the store (default: open_store()); see module doc."""
    from . import link as linker

    store = store or open_store()
    store.load_graph(iri.ONTOLOGY_GRAPH, ONTOLOGY)
    results = []
    single = isinstance(items, (str, Path)) or hasattr(items, "source")
    for item in expand([items] if single else items):
        r = ingest_one(item, store)
        results.append(r)
        if progress:
            progress(r)
    if link:
        linker.link(store)
    store.flush()
    return results


def validate(store: Store | None = None):
    """SHACL-validate the store's union graph against ontology/shapes.ttl -> (conforms, text)."""
    from .shacl import validate as run

    return run(store or open_store())
