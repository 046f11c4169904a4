"""reformkg graph: extracted records -> RDF in a named graph per plan.

Public API (stable):
    ingest(items, store=None, progress=None, link=True, prepared=None) -> list[Ingested]
        items: file paths, folders (their .txt/.docx/.pdf, sub-folders included) or ingest.models.Extraction
        objects. Files go through ingest.extract; Extractions through ingest.pipeline.fill (in place:
        what they lack of parsed agencies, deadlines and area codes is added). Each document is the
        plan it says it is (graph.identity: jurisdiction, issuer, type, year, title; its file only
        when it says too little): its graph (build.build) replaces that plan's named graph atomically,
        the plan recording every file it was read from; a file already recorded with the same
        content is skipped ("unchanged"). Then cross-document linking re-runs (link.link).
        A failing item is reported (status "failed", error text) and the rest continue; a file that
        has another plan's identity but other content is such a failure (nothing written, the
        error names both files). Reviewers' corrections of the plan (graph.corrections) are applied to
        its new triples in the same write; those that no longer fit are listed in Ingested.notes.
    rebuild(items, store=None, progress=None) -> list[Ingested]
        every plan graph dropped (not the corrections), then ingest(items): the migration of a store built by an older
        reformkg (plans keyed by file name: legacy_graphs(store) lists them), or a clean re-ingest
    prepare(item) -> (Extraction, Built)   what ingest writes for one item, made without the store (a
        parallel ingest runs it in worker processes and hands the results to ingest(items, prepared=...))
    plan_of_source(store, name_or_path) -> [plan IRI]   the plan(s) read from a file
    open_store(location=None, read_only=False) -> Store   (data/store, $REFORMKG_STORE, or ":memory:";
        one Store per directory per process; a second writer process gets a readable OSError)
    Store: replace_graph(graph, triples), query(sparql, default_graph_uris=None,
        named_graph_uris=None, bindings=None) -> pyoxigraph QuerySolutions/QueryBoolean/QueryTriples,
        select(sparql, **bindings) -> [{var: str}], construct(sparql) -> rdflib.Graph,
        count(graph=None), size(), graphs(), has_graph(graph), export(fmt, out=None), graph_hash(graph)
        (the default graph is the set union of all named graphs, kept up to date by replace_graph)
    build(extraction, path=None) -> Built(key, graph, plan, triples, source, identity)   (no store
        involved; the records must have been filled: ingest.extract does it, ingest.pipeline.fill for others)
    validate(store) -> (conforms, report_text)                   SHACL, ontology/shapes.ttl
    queries.load() -> {name: Query(name, title, answers, sparql, params)}; queries.run(store, name, **params);
        queries.CANONICAL (the seven of the issue); parameters are bound by graph.store.bind (a VALUES
        clause, plain SPARQL 1.1): run(store, "tasks_implementing", doc=iri) or id="NĐ 118/2025/NĐ-CP"
    analytics.legal_chain(store, doc_iri), analytics.task_chain(store, task_iri) -> networkx.DiGraph

IRIs (graph/iri.py): ontology https://w3id.org/reformkg/ontology# (prefix rkg:);
resources https://w3id.org/reformkg/id/...
    plan/<plan-key>                        rkg:Plan, eli:LegalResource; plan-key (graph.identity, iri.plan_key) =
        <jurisdiction>/<issuer>/<type>-<year>-<title>, e.g. ha-tinh/ubnd-tinh/kh-2025-cai-cach-hanh-
        chinh-tinh-ha-tinh-nam-2025; a document that says too little: file/<path>-<hash>
    legal/<id-slug>                        national eli:LegalResource, e.g. legal/nd-118-2025-nd-cp
    legal/<province>[/<commune>]/<id-slug> local document, e.g. legal/ha-tinh/qd-3504-qd-ubnd
    agency/<jurisdiction>/<name-slug>      org:Organization (units: <parent agency>/<unit-slug>)
    group/<jurisdiction>/<name-slug>       rkg:AgencyGroup, one per group however spelt (ingest.agencies.
        group_name): group/ha-tinh/cac-so-ban-nganh for 'Các Sở, ban ngành liên quan', 'Sở, ban, ngành
        cấp tỉnh', ... (skos:altLabel each spelling; the scope words are the task's rkg:qualifier)
    task/<plan-key>/<area>/<row-ref>       rkg:Task or rkg:Activity (table rows)
    task/<plan-key>/body/<area>/<n>        rkg:Task + rkg:BodyTask (body statements)
    target/<plan-key>/<ref>                rkg:Target (body); target/<key>/table/<area>/<ref> (appendix)
    place/vn | place/<province> | place/<province>/<commune>   rkg:Jurisdiction
    area/<code> (7 skos:Concepts), doctype/<abbr>, deadline-kind/<kind>
    source/<path>-<hash>                   rkg:SourceDocument (prov:Entity): a file, by its path as ingested
        (relative to the working directory, else absolute; slugged, with a hash of the exact path);
        rdfs:label its name, rkg:path, dcterms:format, rkg:contentHash of what it alone builds
Named graphs: https://w3id.org/reformkg/graph/<plan-key> (one per plan, holds rkg:contentHash; <graph>
    rkg:plan the plan, rkg:source the file its records come from; the plan prov:wasDerivedFrom every file),
    .../graph/links (parent plans and targets), .../graph/ontology (reform.ttl),
    .../graph/corrections (reviewers' rkg:Correction records, graph.corrections).
Main properties: rkg:inPlan, rkg:area, rkg:section (heading as written), rkg:legalBasis (task/target ->
    cited document), rkg:leadAgency, rkg:coordinatingAgency, rkg:deadline (rkg:Deadline with rdfs:label,
    rkg:deadlineKind, time:hasBeginning/hasEnd -> time:inXSDDate), rkg:output, rkg:budget, rkg:servesTarget,
    rkg:partOf (activity -> task), rkg:implements (plan -> eli:LegalResource), rkg:parentPlan,
    rkg:parentTarget (+ rkg:TargetLink with rkg:score, rkg:method, rkg:yearGap), rkg:province,
    rkg:jurisdiction, rkg:year, rkg:level, rkg:ref; eli:id_local (canonical id "NĐ 118/2025/NĐ-CP"),
    eli:amends / eli:amended_by, dcterms:replaces, eli:repeals, eli:passed_by, eli:date_document;
    labels: rdfs:label (plans, tasks, targets), skos:prefLabel (documents, agencies); provenance:
    prov:wasDerivedFrom source, rkg:quote -> oa:TextQuoteSelector (oa:exact, rkg:firstLine, rkg:lastLine);
    the extraction's confidence in a row: rkg:confidence, rkg:leadConfidence, rkg:deadlineConfidence,
    rkg:targetConfidence, rkg:textConfidence (xsd:decimal), the plan's rkg:confidenceMethod.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from pyoxigraph import Literal, NamedNode, Triple

from . import corrections
from . import identity as ids
from . import iri
from .build import Built, build, source_triples
from .store import Store, content_hash, open_store

__all__ = ["ingest", "rebuild", "expand", "build", "open_store", "Store", "Built", "Ingested", "validate", "iri",
           "SUFFIXES", "legacy_graphs", "plan_of_source", "prepare", "ingest_one"]

SUFFIXES = (".txt", ".docx", ".pdf")
ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "reform.ttl"
legacy_graphs = ids.legacy_graphs


@dataclass
class Ingested:
    """What happened to one input: status added | replaced | unchanged | failed; `plan` its plan IRI."""
    source: str
    status: str
    graph: str | None = None
    triples: int = 0
    error: str | None = None
    plan: str | None = None
    notes: list[str] = field(default_factory=list)     # corrections not re-applied (graph.corrections.reapply)


def expand(items: Iterable) -> list:
    """Paths, folders (their plan files, sub-folders included, sorted by path; hidden ones skipped)
    and Extraction objects, in order."""
    out = []
    for item in items:
        if isinstance(item, (str, Path)) and Path(item).is_dir():
            root = Path(item)
            out.extend(sorted(p for p in root.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
                              and not any(part.startswith(".") for part in p.relative_to(root).parts)))
        else:
            out.append(item)
    return out


def prepare(item) -> tuple:
    """What ingest_one writes, made without the store: (the item's filled Extraction, its Built graph).
    It needs the item only, so a parallel ingest runs it in worker processes."""
    from ingest.pipeline import extract, fill

    ex = extract(item) if isinstance(item, (str, Path)) else fill(item)
    built = build(ex, ids.source_path(item))
    ex.lines = []       # the text is in the graph now: not carried back from a worker process twice
    return ex, built


def ingest_one(item, store: Store, prepared: tuple | None = None) -> Ingested:
    """One file or Extraction into the store as the plan it is (graph.identity): added, replaced (a new or
    changed file of a plan already there), unchanged, or failed (unreadable, or a collision: another
    plan's identity with other content), in which case nothing is written. `prepared`: prepare(item),
    when the caller made it already."""
    name = str(item) if isinstance(item, (str, Path)) else item.source
    try:
        ex, built = prepared or prepare(item)
        digest = content_hash(built.triples)
        recorded = ids.recorded_sources(store, built.graph)     # {} for a new plan
        own = recorded.get(built.source)
        if own is not None and own.hash == digest:
            return Ingested(name, "unchanged", built.graph, len(built.triples) + 1, plan=built.plan)
        if recorded and own is None:
            reason = ids.conflict(store, built.graph, built.identity, _adopted_by(built), built.triples)
            if reason:
                files = ", ".join(sorted(s.path for s in recorded.values()))
                return Ingested(name, "failed", error=(
                    f"{name}: not ingested: it is identified as the plan {built.plan} "
                    f"({built.identity.describe()}), already ingested from {files}, but {reason}. "
                    f"Two documents cannot be one plan: if this file is another plan, its title, number "
                    f"or issuer should tell them apart; if it replaces {files}, ingest it under that path "
                    f"or rebuild the store from the files you keep (reformkg ingest --rebuild)."), plan=built.plan)
        triples = list(built.triples) + [Triple(NamedNode(built.source), NamedNode(iri.RKG + "contentHash"),
                                                Literal(digest))]
        for src in recorded.values():
            if src.iri != built.source:
                triples += source_triples(built.plan, src)
        existed = bool(recorded)
        moved = {g: b for g, b in ids.graphs_recording(store, built.source).items() if g != built.graph}
        legacy = ids.legacy_graph_of(store, ex.source)
        # reviewers' corrections of this plan go into the same write (graph.corrections)
        triples, notes = corrections.reapply(store, built.plan, triples)
        changed = store.replace_graph(built.graph, triples)
        for g, built_from in moved.items():         # the file said it was another plan before
            _drop_source(store, g, built.source, built_from)
        if legacy:                                  # this file's graph in a store of an older reformkg
            store.remove_graph(legacy)
            existed = True
    except Exception as e:   # one bad file must not stop a folder; the caller reports it
        return Ingested(name, "failed", error=f"{name}: {type(e).__name__}: {e}")
    status = "unchanged" if not changed else ("replaced" if existed else "added")
    return Ingested(name, status, built.graph, len(triples), plan=built.plan, notes=notes)


def _adopted_by(built: Built) -> str | None:
    for t in built.triples:
        if t.subject.value == built.plan and t.predicate.value == iri.RKG + "adoptedBy":
            return t.object.value
    return None


def _drop_source(store: Store, graph: str, source: str, built_from: str | None) -> None:
    """Forget `source` in another plan's graph: the whole graph when it was built from that file or
    records no other file, else only the file's own triples."""
    others = [s for s in ids.recorded_sources(store, graph) if s != source]
    if built_from == source or not others:
        store.remove_graph(graph)
        return
    keep = [t for t in store.triples(graph) if t.subject.value != source and t.object != NamedNode(source)]
    store.replace_graph(graph, keep)


def ingest(items, store: Store | None = None, progress: Callable[[Ingested], None] | None = None,
           link: bool = True, prepared: Iterable | None = None) -> list[Ingested]:
    """Ingest files/folders/Extractions into the store (default: open_store()); see module doc.
    `prepared`: prepare(item) of each item, in order, made elsewhere (api.ingest_run's workers); an
    item whose entry is an error's text failed with it."""
    from . import link as linker

    store = store or open_store()
    store.load_graph(iri.ONTOLOGY_GRAPH, ONTOLOGY)
    results = []
    single = isinstance(items, (str, Path)) or hasattr(items, "source")
    todo = expand([items] if single else items)
    for item, made in zip(todo, prepared if prepared is not None else [None] * len(todo)):
        r = Ingested(str(item), "failed", error=f"{item}: {made}") if isinstance(made, str) \
            else ingest_one(item, store, made)
        results.append(r)
        if progress:
            progress(r)
    if link:
        linker.link(store)
    store.flush()
    return results


def rebuild(items, store: Store | None = None, progress: Callable[[Ingested], None] | None = None) -> list[Ingested]:
    """Empty the store of plans (every named graph but the ontology and corrections: plans, links, graphs of an older
    reformkg keyed by file name) and ingest `items` afresh: how a store is migrated to the current
    identities, or cleared of plans whose files are gone. Not one transaction: a failure half-way
    leaves the plans ingested so far (run it again)."""
    store = store or open_store()
    for g in store.graphs():
        # (plans and the links between them go; corrections are re-applied as plans come)
        if g not in iri.SPECIAL_GRAPHS - {iri.LINKS_GRAPH}:
            store.remove_graph(g)
    return ingest(items, store, progress)


def plan_of_source(store: Store, source: str) -> list[str]:
    """The plans read from a file: `source` is its name ('000_020fcace3bf4412a.txt') or its path as
    ingested ('data/plans/000_020fcace3bf4412a.txt'); sorted plan IRIs (usually one)."""
    rows = store.select(iri.SPARQL_PREFIXES + """SELECT DISTINCT ?plan WHERE {
        ?plan a rkg:Plan ; prov:wasDerivedFrom ?src . { ?src rdfs:label ?name } UNION { ?src rkg:path ?name } }""",
                        name=source)
    return sorted(r["plan"] for r in rows)


def validate(store: Store | None = None):
    """SHACL-validate the store's union graph against ontology/shapes.ttl -> (conforms, text)."""
    from .shacl import validate as run

    return run(store or open_store())
