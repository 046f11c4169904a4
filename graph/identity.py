"""Which plan a source document is: its identity, its source files, and collisions.

A plan is identified by what the document says it is, not by the name of the file it came in:
its jurisdiction (province, or province/commune), its issuer, its type, year and title as the
extraction reads them (ingest.models.DocumentMeta; the issuer as ingest.agencies identified it).
Those make the key its IRIs are minted from (iri.plan_key):

    plan/<jurisdiction>/<issuer>/<type>-<year>-<title>    e.g. plan/ha-tinh/ubnd-tinh/kh-2025-cai-cach-
                                                           hanh-chinh-tinh-ha-tinh-nam-2025
    (no title read: <type>-<year>-<number>, the letterhead's "Số: 09/KH-VPUB")

so the same plan read from its .txt, .docx and .pdf is one plan, and two files called
ke_hoach.txt in two folders are two plans when they say different things. The plan's own
number is not part of the key - a text dump often lacks the letterhead that prints it - but two
documents whose numbers (or adopting decisions' numbers) differ are never taken for one plan.
A document that does not say enough to be told apart from others (no province, no issuer, no
year, neither title nor number) falls back to its file: plan/file/<its path, slugged>, the full
path relative to the working directory (absolute outside it), not just the file name.

Sources. A plan records every file it was read from (prov:wasDerivedFrom, one rkg:SourceDocument
each, with its path, format and rkg:contentHash: the hash of the triples that file alone builds);
its named graph holds the records of the file ingested last that changed something (rkg:source).
Re-ingesting a recorded file whose triples are unchanged changes nothing.

Collisions. A file whose identity is that of a plan ingested from OTHER files is accepted as one
more source of it when nothing says it is a different document, and refused (conflict() gives
the reason) when something does:
- the plans' numbers, or their adopting decisions' numbers, are both printed and differ; or
- their content differs: in a part both have (targets, body tasks, table rows), fewer than
  SAME_CONTENT of the word trigrams of the smaller side occur in the other. Measured on the four
  samples: a plan against another format of itself (its text dump and a DOCX of it, either side
  missing whole parts) 0.98-1.00 in every shared part; two different plans 0.06-0.30.
A file recorded as a source of the plan (the same path) is that plan's file: when its content
changes, the plan is rebuilt from it (a changed file replaces its graph, as before).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ingest.models import Extraction
from ingest.vocab import type_abbr

from . import iri
from .iri import SPARQL_PREFIXES, fold

SAME_CONTENT = 0.6       # shared word trigrams, per part, below which two documents are different plans
MIN_PART = 30            # trigrams a part needs on both sides to be compared
FORMATS = {".txt": "text/plain", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           ".pdf": "application/pdf", ".json": "application/json"}


@dataclass(frozen=True)
class Identity:
    """What a document says it is, and the key minted from it ('document'), or its file ('file')."""
    key: str
    basis: str
    jurisdiction: str | None = None
    issuer: str | None = None
    doc_type: str | None = None
    number: str | None = None
    year: int | None = None
    title: str | None = None

    def describe(self) -> str:
        if self.basis == "file":
            return "identified by its file only: the document names no province, issuer, year or title"
        what = " ".join(x for x in (self.doc_type, self.number and f"số {self.number}") if x)
        return ", ".join(x for x in (what or None, f"issued by {self.issuer}" if self.issuer else None,
                                     str(self.year) if self.year else None,
                                     f"'{self.title}'" if self.title else None) if x)


@dataclass(frozen=True)
class Source:
    """One file a plan was read from."""
    iri: str
    label: str                  # the file name
    path: str                   # as ingested: relative to the working directory, or absolute
    format: str | None = None
    hash: str | None = None     # rkg:contentHash of the triples this file alone builds


def source_path(item) -> str:
    """Where a file item is, as recorded: relative to the working directory when it is inside it,
    else absolute (POSIX separators). An Extraction has no path: its `source` stands for it."""
    if isinstance(item, Extraction):
        return item.source
    p = Path(item)
    try:
        p = p.resolve()
        return p.relative_to(Path.cwd().resolve()).as_posix()
    except (OSError, ValueError):
        return p.as_posix()


def file_format(path: str) -> str | None:
    return FORMATS.get(Path(path).suffix.lower())


def identity(ex: Extraction, path: str | None = None) -> Identity:
    """The identity of a filled Extraction (see the module doc); `path`: where its file is."""
    m = ex.document
    issuer = None
    if m.issuing_agency is not None and m.issuing_agency.key:
        issuer = m.issuing_agency.key.split("|", 1)[0]
    elif m.issuing_body:
        issuer = fold(m.issuing_body)
    place = iri.place_path(m.province, m.commune if m.level == "commune" else None) if m.province else None
    abbr = type_abbr(m.doc_type) if m.doc_type else None
    title = re.sub(r"\s+", " ", m.title or "").strip() or None
    number = (m.number or "").strip() or None
    if place and issuer and m.year and (title or number):
        key = iri.plan_key(place, issuer, abbr, m.year, _title_words(title, m.doc_type) if title else None, number)
        return Identity(key, "document", place, m.issuing_body or issuer, m.doc_type, number, m.year, title)
    return Identity(iri.file_key(path or ex.source), "file", place, m.issuing_body, m.doc_type, number, m.year, title)


def _title_words(title: str, doc_type: str | None) -> str:
    """The title without the type word it starts with ('Kế hoạch cải cách ...' -> 'cải cách ...'):
    the key names the type already."""
    if doc_type and fold(title).startswith(fold(doc_type) + " "):
        return title[len(doc_type):].strip() or title
    return title


# ---------------------------------------------------------------- what the store holds
_SOURCES = SPARQL_PREFIXES + """
SELECT ?src ?label ?path ?format ?hash WHERE { GRAPH ?g {
  ?g rkg:plan ?plan . ?plan prov:wasDerivedFrom ?src . ?src a rkg:SourceDocument .
  OPTIONAL { ?src rdfs:label ?label } OPTIONAL { ?src rkg:path ?path }
  OPTIONAL { ?src dcterms:format ?format } OPTIONAL { ?src rkg:contentHash ?hash } } }"""

_HOLDERS = SPARQL_PREFIXES + """
SELECT DISTINCT ?g ?built WHERE { GRAPH ?g { ?g rkg:plan ?plan . ?plan prov:wasDerivedFrom ?src .
  OPTIONAL { ?g rkg:source ?built } } }"""

_NUMBERS = SPARQL_PREFIXES + """
SELECT ?number ?symbol ?act WHERE { GRAPH ?g { ?g rkg:plan ?plan .
  OPTIONAL { ?plan rkg:number ?number ; rkg:symbol ?symbol } OPTIONAL { ?plan rkg:adoptedBy ?act } } }"""


def split_number(number: str | None) -> tuple[str, str] | None:
    """A plan's number as printed -> (number, symbol), as legal documents carry them (rkg:number,
    rkg:symbol): '09/KH-VPUB' -> ('09', 'KH-VPUB'), '45-KH/TU' -> ('45', 'KH/TU')."""
    m = re.match(r"^\s*(\d+[a-z]?)\s*[/-]\s*(\S+)\s*$", number or "")
    return (m.group(1), m.group(2)) if m else None

_ITEMS = SPARQL_PREFIXES + """
SELECT ?x ?type ?text WHERE { GRAPH ?g { ?g rkg:plan ?plan . ?x rkg:inPlan ?plan ; a ?type ; rdfs:label ?text .
  VALUES ?type { rkg:Target rkg:Task rkg:Activity rkg:BodyTask } } }"""


def recorded_sources(store, graph: str) -> dict[str, Source]:
    """The source files the plan of named graph `graph` records, by source IRI."""
    out = {}
    for r in store.select(_SOURCES, g=graph):
        out[r["src"]] = Source(r["src"], r["label"] or r["path"] or r["src"], r["path"] or r["label"] or "",
                               r["format"], r["hash"])
    return out


def graphs_recording(store, source: str) -> dict[str, str | None]:
    """Named graphs whose plan records the source file `source` -> the source each was built from."""
    return {r["g"]: r["built"] for r in store.select(_HOLDERS, src=source)}


def legacy_graph_of(store, name: str) -> str | None:
    """The named graph an older reformkg made of a file called `name`, if the store has it."""
    g = iri.graph(iri.source_key(name))
    return g if g not in iri.SPECIAL_GRAPHS and store.has_graph(g) else None


def legacy_graphs(store) -> list[str]:
    """Named graphs of an older reformkg, keyed by their file's name (graph/<file stem>): every plan
    graph now has a key with '/' in it. `rebuild` replaces them; ingesting a file drops its own."""
    return [g for g in store.graphs() if g.startswith(iri.GRAPH) and g not in iri.SPECIAL_GRAPHS
            and "/" not in g[len(iri.GRAPH):]]


# ---------------------------------------------------------------- collisions
_PARTS = {iri.RKG + "Target": "targets", iri.RKG + "BodyTask": "body tasks", iri.RKG + "Task": "table rows",
          iri.RKG + "Activity": "table rows"}


def _trigrams(texts) -> set[str]:
    out = set()
    for text in texts:
        words = re.findall(r"[a-z0-9]+", fold(text))
        out.update(" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2)) if words)
    return out


def _profile(rows) -> dict[str, set[str]]:
    """(type IRIs, text) pairs -> word trigrams per part; a body task is typed Task and BodyTask."""
    texts: dict[str, list[str]] = {}
    for types, text in rows:
        part = "body tasks" if iri.RKG + "BodyTask" in types else next(
            (_PARTS[t] for t in types if t in _PARTS), None)
        if part:
            texts.setdefault(part, []).append(text)
    return {part: _trigrams(t) for part, t in texts.items()}


def profile_of(triples) -> dict[str, set[str]]:
    """The content of built triples, for content()."""
    types: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for t in triples:
        p = t.predicate.value
        if p == iri.RDF + "type":
            types.setdefault(t.subject.value, set()).add(t.object.value)
        elif p == iri.RDFS + "label":
            labels[t.subject.value] = t.object.value
    return _profile((types[n], labels[n]) for n in labels if n in types)


def profile_in(store, graph: str) -> dict[str, set[str]]:
    """The content of the plan held in named graph `graph`."""
    types: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for r in store.select(_ITEMS, g=graph):
        types.setdefault(r["x"], set()).add(r["type"])
        labels[r["x"]] = r["text"]
    return _profile((types[n], labels[n]) for n in labels)


def content(a: dict[str, set[str]], b: dict[str, set[str]]) -> tuple[float | None, str | None]:
    """The lowest share of word trigrams shared by two documents over the parts both have, and that
    part; (None, None) when they have no part to compare."""
    worst = (None, None)
    for part in sorted(set(a) & set(b)):
        x, y = a[part], b[part]
        if len(x) < MIN_PART or len(y) < MIN_PART:
            continue
        share = len(x & y) / min(len(x), len(y))
        if worst[0] is None or share < worst[0]:
            worst = (share, part)
    return worst


def conflict(store, graph: str, ident: Identity, adopted_by: str | None, triples) -> str | None:
    """Why a file with identity `ident` (its built `triples`) is not the plan held in `graph`, or None."""
    rows = store.select(_NUMBERS, g=graph)
    numbers = {(r["number"], r["symbol"]) for r in rows if r["number"]}
    acts = {r["act"] for r in rows if r["act"]}
    mine = split_number(ident.number)
    if mine and numbers and mine not in numbers:
        return f"its number is {ident.number}, the plan's is {', '.join(sorted('/'.join(n) for n in numbers))}"
    if adopted_by and acts and adopted_by not in acts:
        return (f"it is adopted by {adopted_by.rsplit('/', 1)[-1]}, the plan by "
                f"{', '.join(sorted(a.rsplit('/', 1)[-1] for a in acts))}")
    share, part = content(profile_of(triples), profile_in(store, graph))
    if share is not None and share < SAME_CONTENT:
        return f"their {part} differ (only {share:.0%} of the wording in common; another copy of a plan has 98-100%)"
    return None
