"""build(extraction, path) -> the RDF of one source document, for the named graph of the plan it is
(graph.identity: the plan's key comes from what the document says; `path` names the file).

The builder reads the records and the shared vocabulary (ingest.vocab) only: agencies
with their keys, deadline intervals and reform-area codes are parsed by ingest before
(ingest.pipeline.fill; graph.ingest runs it on the Extractions it is given), and a
record that was not filled is refused with a ValueError.

The source file's text, when the file is there to read, is stored on its node (prov:value: its name,
then its lines, one per line number; source_text) so that every fact's lines can be shown beside it,
from any store (api: /plans/{id}/source).

Shared nodes (legal documents, agencies, jurisdictions) get their descriptive
triples in every plan graph that mentions them: the union default graph merges
them, and replacing one plan's graph never removes facts another plan needs.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Triple

from ingest.models import Agency, Deadline, Extraction, LegalReference
from ingest.read import read
from ingest.refs.find import find_citations
from ingest.vocab import is_national_scope, is_national_symbol, type_abbr

from . import iri
from .identity import Identity, Source, file_format, split_number
from .identity import identity as plan_identity
from .iri import DCT, ELI, OA, ORG, PROV, RDF, RDFS, RKG, SKOS, TIME, XSD, fold

_TYPE = NamedNode(RDF + "type")
_XSD_INT, _XSD_DEC, _XSD_DATE, _XSD_BOOL = (NamedNode(XSD + t) for t in ("integer", "decimal", "date", "boolean"))


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text or "").strip())


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset:
    return frozenset(re.findall(r"\w+", fold(text)))


def similarity(a: str, b: str) -> float:
    """Containment of folded word sets: |A & B| / min(|A|, |B|) (robust to one text being longer)."""
    ta, tb = _words(a), _words(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


# a row field's confidence (ingest.models.TableTask.confidence key) -> its property (rkg:fieldConfidence's)
CONFIDENCE_FIELDS = {"lead": "leadConfidence", "deadline": "deadlineConfidence", "target": "targetConfidence",
                     "text": "textConfidence"}


def decimal(value: float) -> str:
    """0.7 -> '0.7', 1 -> '1.0': an xsd:decimal lexical form (never '1e-05'), 4 places."""
    text = f"{min(max(float(value), 0.0), 1.0):.4f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


_REF_PREFIX = re.compile(r"^\s*((?:\d+|[IVXLC]+)(?:\.\d+)*)\.?\s+")


@dataclass
class Built:
    """One source document as RDF: its plan's key (graph.identity), named graph, plan node, triples,
    and the source file node they come from (described without its content hash: see source_triples)."""
    key: str
    graph: str
    plan: str
    triples: list[Triple] = field(default_factory=list)
    source: str = ""
    identity: Identity | None = None


def source_triples(plan: str, src: Source) -> list[Triple]:
    """A source file of `plan`: the plan is prov:wasDerivedFrom it; its name, path, format and, when
    known, the content hash of the triples it alone builds (graph.identity)."""
    out = [Triple(NamedNode(plan), NamedNode(PROV + "wasDerivedFrom"), NamedNode(src.iri))]
    s = NamedNode(src.iri)
    out += [Triple(s, _TYPE, NamedNode(RKG + "SourceDocument")), Triple(s, _TYPE, NamedNode(PROV + "Entity")),
            Triple(s, NamedNode(RDFS + "label"), Literal(nfc(src.label)))]
    for prop, value in ((RKG + "path", src.path), (DCT + "format", src.format), (RKG + "contentHash", src.hash)):
        if value:
            out.append(Triple(s, NamedNode(prop), Literal(value)))
    return out


def source_text(path: str, lines: list | None = None) -> str | None:
    """The text of a source file as ingest reads it, one line per line number, '\n'-joined after a first
    line naming the file: line n of a quote's rkg:firstLine..rkg:lastLine is the text's line n + 1 (a DOCX or
    PDF as its extracted lines). The name first because a text opening with blank lines would lose them
    where an engine's results are read with trimmed literals (a Virtuoso store, read through Oxigraph's
    XML results parser), shifting every line. None when the file is not there (records built from JSON,
    or extracted elsewhere). `lines`: the lines the extraction read (Extraction.lines), else the file is read again."""
    if not lines:
        if not path or not Path(path).is_file():
            return None
        try:
            lines = read(path).lines
        except Exception:       # a file that cannot be read again: the graph still gets its records
            return None
    out = [""] * max((ln.lineno for ln in lines), default=0)
    for ln in lines:
        out[ln.lineno - 1] = ln.text
    return "\n".join([Path(path).name] + out)


class _Builder:
    def __init__(self, ex: Extraction, path: str | None = None):
        if not ex.filled:
            raise ValueError(f"{ex.source}: records not filled: pass them through ingest.pipeline.fill "
                             "(graph.ingest does) before graph.build")
        self.ex, self.meta = ex, ex.document
        self.path = path or ex.source
        self.identity = plan_identity(ex, self.path)
        self.key = self.identity.key
        self.triples: list[Triple] = []
        self._seen: set[Triple] = set()
        self._used: set[str] = set()         # record keys minted so far (see unique)
        self._described: set[str] = set()    # legal documents already described in this graph
        self._labelled: dict[str, str] = {}
        self.refs = {r.id: r for r in ex.legal_references}
        m = self.meta
        if m.province:
            self.province_path = iri.place_path(m.province)
            self.jurisdiction = iri.place_path(m.province, m.commune if m.level == "commune" else None)
        else:   # unknown province: scope local things to this plan rather than merge them with others
            self.province_path = self.jurisdiction = f"unknown/{self.key}"
        self.plan = iri.plan(self.key)
        self.source = iri.source(iri.path_key(self.path))
        self.place_labels = {self.province_path: iri.place_name(m.province or ""),
                             self.jurisdiction: iri.place_name(m.commune or m.province or "")}

    # ------------------------------------------------------------ helpers
    def add(self, s: str, p: str, o) -> None:
        if o is None or o == "":
            return
        if isinstance(o, str):
            o = Literal(nfc(o))
        elif isinstance(o, bool):
            o = Literal(str(o).lower(), datatype=_XSD_BOOL)
        elif isinstance(o, int):
            o = Literal(str(o), datatype=_XSD_INT)
        elif isinstance(o, float):
            o = Literal(repr(o), datatype=_XSD_DEC)
        t = Triple(NamedNode(s), NamedNode(p), o)
        if t not in self._seen:
            self._seen.add(t)
            self.triples.append(t)

    def link(self, s: str, p: str, o: str | None) -> None:
        if o:
            self.add(s, p, NamedNode(o))

    def date(self, s: str, p: str, value: str | None) -> None:
        if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.add(s, p, Literal(value, datatype=_XSD_DATE))

    def unique(self, base: str) -> str:
        """Mint `base`, or `base-2`, ... if an earlier record of this document took it."""
        cand, n = base, 1
        while cand in self._used:
            n += 1
            cand = f"{base}-{n}"
        self._used.add(cand)
        return cand

    @staticmethod
    def area_segment(code: str | None, heading: str | None) -> str:
        return code or (iri.slug(heading, 40) if heading else "x")

    # ------------------------------------------------------------ places
    def place(self, path: str) -> str:
        node = iri.place(path)
        if path == iri.NATIONAL:
            self.add(node, _TYPE.value, NamedNode(RKG + "Jurisdiction"))
            self.add(node, RDFS + "label", "Việt Nam")
            self.add(node, RKG + "level", "national")
            return node
        if path.startswith("unknown/"):
            return node
        self.add(node, _TYPE.value, NamedNode(RKG + "Jurisdiction"))
        self.add(node, RDFS + "label", self.place_labels.get(path) or path)
        if "/" in path:     # a commune within a province
            self.add(node, RKG + "level", "commune")
            self.link(node, RKG + "inProvince", self.place(path.split("/", 1)[0]))
        else:
            self.add(node, RKG + "level", "province")
        return node

    def scope_path(self, scope: str | None, ref_id: str) -> str:
        """A legal reference's scope ('national', a province, the plan's commune) -> jurisdiction path."""
        if not scope:
            return iri.NATIONAL if is_national_symbol(ref_id) else self.province_path
        if is_national_scope(scope):
            return iri.NATIONAL
        f = fold(iri.place_name(scope))
        m = self.meta
        if m.commune and f == fold(iri.place_name(m.commune)):
            return iri.place_path(m.province, m.commune) if m.province else self.jurisdiction
        if m.province and f == fold(iri.place_name(m.province)):
            return self.province_path
        path = iri.place_path(scope)
        self.place_labels.setdefault(path, iri.place_name(scope))
        return path

    # ------------------------------------------------------------ legal documents
    def legal(self, ref_id: str) -> str | None:
        """The node of a cited document (its descriptive triples added to this graph); None for a blank id."""
        ref_id = nfc(ref_id)
        if not ref_id:
            return None
        ref = self.refs.get(ref_id) or LegalReference(id=ref_id, scope="")
        path = self.scope_path(ref.scope, ref_id)
        node = iri.legal(ref_id, path)
        if node in self._described:
            return node
        self._described.add(node)
        self.add(node, _TYPE.value, NamedNode(ELI + "LegalResource"))
        self.add(node, ELI + "id_local", ref_id)
        self.add(node, SKOS + "prefLabel", ref_id)
        # the canonical id starts with the type's abbreviation (SCHEMA.md): one type per node,
        # whatever type name each citing plan printed
        self.link(node, ELI + "type_document", iri.doctype(ref_id.split(" ", 1)[0]))
        self.add(node, RKG + "number", ref.number)
        self.add(node, RKG + "symbol", ref.symbol)
        self.add(node, ELI + "title", ref.name)
        self.date(node, ELI + "date_document", ref.date)
        if ref.incomplete:
            self.add(node, RKG + "incomplete", True)
        self.link(node, RKG + "jurisdiction", self.place(path))
        if path != iri.NATIONAL and not path.startswith("unknown/"):
            self.link(node, RKG + "province", self.place(path.split("/", 1)[0]))
        if ref.issuer:     # parsed in the document's own jurisdiction (ingest.pipeline.fill)
            issuer = self.parsed(ref.issuer_agency, f"issuer of {ref_id}")
            self.link(node, ELI + "passed_by", self.agency_node(issuer))
        return node

    # ------------------------------------------------------------ agencies
    def parsed(self, value, what: str):
        """What ingest.pipeline.fill parsed for a record; a record without it was not filled."""
        if value is None or (isinstance(value, Agency) and not value.key):
            raise ValueError(f"{self.ex.source}: {what} not parsed: pass the records through ingest.pipeline.fill")
        return value

    def agency_node(self, a: Agency) -> str:
        """An agency, unit or group -> its node (typed, labelled). Identity is its key (ingest.agencies.agency_key:
        folded name + jurisdiction), minted as agency/<jurisdiction path>/<name slug>."""
        name = nfc(a.name or a.text)
        path = self.scope_path(a.jurisdiction, "") if a.jurisdiction else self.jurisdiction
        key = self.parsed(a, a.text).key.split("|", 1)[0]     # the folded name
        parent = self.agency_node(a.parent_agency) if a.parent_agency else None
        if a.kind == "group":
            node = iri.group(key, path)
            self.add(node, _TYPE.value, NamedNode(RKG + "AgencyGroup"))
        elif parent and parent != iri.agency(key, path):
            node = iri.agency(key, path, parent=parent)
            self.add(node, _TYPE.value, NamedNode(ORG + "OrganizationalUnit"))
            self.add(node, _TYPE.value, NamedNode(ORG + "Organization"))
            self.link(node, ORG + "subOrganizationOf", parent)
            self.link(node, ORG + "unitOf", parent)
        else:
            node = iri.agency(key, path)
            self.add(node, _TYPE.value, NamedNode(ORG + "Organization"))
        # the first name this plan uses is the label; later spellings are alternatives
        first = self._labelled.setdefault(node, name)
        self.add(node, SKOS + ("prefLabel" if first == name else "altLabel"), name)
        if a.text and nfc(a.text) != name:
            self.add(node, SKOS + "altLabel", a.text)
        self.link(node, RKG + "jurisdiction", self.place(path))
        return node

    def issuer(self) -> str | None:
        body = self.meta.issuing_body
        return self.agency_node(self.parsed(self.meta.issuing_agency, body)) if body else None

    def agencies(self, parsed: list[Agency], written: list[str]) -> list[tuple[str, Agency]]:
        if not parsed and any(w.strip() for w in written):
            self.parsed(None, f"agencies {written}")
        return [(self.agency_node(a), a) for a in parsed if (a.name or a.text).strip()]

    # ------------------------------------------------------------ plan
    def plan_node(self) -> None:
        m, p = self.meta, self.plan
        for t in source_triples(p, Source(self.source, self.ex.source, self.path, file_format(self.path))):
            self.add(t.subject.value, t.predicate.value, t.object)
        text = source_text(self.path, self.ex.lines)
        if text:        # the text itself, so that a page can show any fact's lines, on a remote store too
            self.add(self.source, PROV + "value", Literal(text))
        g = iri.graph(self.key)
        self.link(g, RKG + "source", self.source)
        self.link(g, RKG + "plan", p)
        self.add(p, _TYPE.value, NamedNode(RKG + "Plan"))
        self.add(p, _TYPE.value, NamedNode(ELI + "LegalResource"))
        self.add(p, RDFS + "label", m.title or self.ex.source)
        self.add(p, ELI + "title", m.title)
        abbr = type_abbr(m.doc_type)
        if abbr:
            self.link(p, ELI + "type_document", iri.doctype(abbr))
        self.add(p, RKG + "level", m.level)
        if m.year:
            self.add(p, RKG + "year", int(m.year))
        self.link(p, ELI + "passed_by", self.issuer())
        self.link(p, RKG + "jurisdiction", self.place(self.jurisdiction))
        if m.province:
            self.link(p, RKG + "province", self.place(self.province_path))
        number = split_number(m.number)         # the plan's own "Số: 09/KH-VPUB", as legal documents carry it
        if number:
            self.add(p, RKG + "number", number[0])
            self.add(p, RKG + "symbol", number[1])
        for rid in m.implements:
            self.link(p, RKG + "implements", self.legal(rid))
        for rid in m.replaces:
            self.link(p, DCT + "replaces", self.legal(rid))
        self.add(p, RKG + "confidenceMethod", self.ex.confidence_method)    # how its rows' rkg:confidence was got
        if m.adopting_act:
            self.add(p, RKG + "adoptingAct", m.adopting_act)
            act = adopting_act_id(m.adopting_act)
            if act:
                self.link(p, RKG + "adoptedBy", self.legal(act))

    # ------------------------------------------------------------ relations between documents
    def relations(self) -> None:
        for r in self.ex.relations:
            # an empty side is the document itself ("Quyết định này thay thế ...")
            s, o = (self.legal(x) if x else self.plan for x in (r.subject, r.object))
            if r.predicate in ("amends", "amended_by"):
                new, old = (s, o) if r.predicate == "amends" else (o, s)
                self.link(new, ELI + "amends", old)
                self.link(old, ELI + "amended_by", new)
            elif r.predicate == "replaces":
                self.link(s, DCT + "replaces", o)
                self.link(o, DCT + "isReplacedBy", s)
            elif r.predicate == "repeals":
                self.link(s, ELI + "repeals", o)
                self.link(o, ELI + "repealed_by", s)
            else:
                self.link(s, RKG + "guides", o)

    # ------------------------------------------------------------ provenance
    def provenance(self, node: str, text: str, span, position: int) -> None:
        self.link(node, PROV + "wasDerivedFrom", self.source)
        self.add(node, RKG + "position", position)
        q = node + "/quote"
        self.link(node, RKG + "quote", q)
        self.add(q, _TYPE.value, NamedNode(OA + "TextQuoteSelector"))
        self.add(q, OA + "exact", text)
        if span is not None:
            self.add(q, RKG + "firstLine", span.first_line)
            self.add(q, RKG + "lastLine", span.last_line)
            if span.page is not None:
                self.add(q, RKG + "page", span.page)

    def cites(self, node: str, ids: list[str]) -> None:
        for rid in ids:
            self.link(node, RKG + "legalBasis", self.legal(rid))

    def classify(self, node: str, heading: str | None, code: str | None) -> None:
        self.add(node, RKG + "section", heading)
        if code:
            self.link(node, RKG + "area", iri.area(code))

    # ------------------------------------------------------------ targets and tasks
    def targets(self) -> list[tuple[str, str]]:
        out = []
        for i, t in enumerate(self.ex.targets, 1):
            node = iri.ID + "target/" + self.unique(f"{self.key}/{iri.slug(t.ref, 20) if t.ref else f'p{i}'}")
            self.target_node(node, t.text, t.ref, t.area, t.area_code, t.span, i)
            self.cites(node, t.legal_refs)
            out.append((node, t.text))
        return out

    def target_node(self, node, text, ref, heading, code, span, position) -> None:
        self.add(node, _TYPE.value, NamedNode(RKG + "Target"))
        self.link(node, RKG + "inPlan", self.plan)
        self.add(node, RDFS + "label", text)
        self.add(node, RKG + "ref", ref)
        self.classify(node, heading, code)
        self.provenance(node, text, span, position)

    def table_target(self, cell: str, heading: str | None, code: str | None, body: list[tuple[str, str]],
                     made: dict) -> str:
        """A row's target cell -> the plan target it names: a body target whose text it matches,
        else a target node of the table itself (appendix targets are often numbered apart)."""
        if cell in made:
            return made[cell]
        m = _REF_PREFIX.match(cell)
        ref, text = (m.group(1), cell[m.end():]) if m else (None, cell)
        best = max(body, key=lambda b: similarity(text, b[1]), default=None)
        # 0.8 containment: the appendix restates a body target with small edits
        if best and similarity(text, best[1]) >= 0.8:
            made[cell] = best[0]
            return best[0]
        seg = self.area_segment(code, heading)
        node = iri.ID + "target/" + self.unique(f"{self.key}/table/{seg}/{iri.slug(ref, 20) if ref else f'p{len(made) + 1}'}")
        self.target_node(node, text, ref, heading, code, None, len(self.ex.targets) + len(made) + 1)
        made[cell] = node
        return node

    def body_tasks(self) -> None:
        for i, t in enumerate(self.ex.body_tasks, 1):
            node = iri.ID + "task/" + self.unique(f"{self.key}/body/{self.area_segment(t.area_code, t.area)}/{i}")
            self.add(node, _TYPE.value, NamedNode(RKG + "Task"))
            self.add(node, _TYPE.value, NamedNode(RKG + "BodyTask"))
            self.link(node, RKG + "inPlan", self.plan)
            self.add(node, RDFS + "label", t.text)
            self.classify(node, t.area, t.area_code)
            self.cites(node, t.legal_refs)
            self.provenance(node, t.text, t.span, i)

    def table_tasks(self, body_targets: list[tuple[str, str]]) -> None:
        made: dict[str, str] = {}
        tasks: dict[tuple, str] = {}
        last_task = None
        for i, r in enumerate(self.ex.table_tasks, 1):
            seg = self.area_segment(r.area_code, r.area)
            ref = iri.slug(r.row_ref, 20) if r.row_ref else f"p{i}"
            node = iri.ID + "task/" + self.unique(f"{self.key}/{seg}/{ref}")
            activity = r.level == "activity"
            self.add(node, _TYPE.value, NamedNode(RKG + ("Activity" if activity else "Task")))
            self.link(node, RKG + "inPlan", self.plan)
            self.add(node, RDFS + "label", r.text)
            self.add(node, RKG + "ref", r.row_ref)
            self.add(node, RKG + "table", r.table)
            self.classify(node, r.area, r.area_code)
            if activity:
                parent = tasks.get((r.table, r.area, r.parent_ref)) or last_task
                self.link(node, RKG + "partOf", parent)
            else:
                tasks[(r.table, r.area, r.row_ref)] = last_task = node
            if r.target:
                self.link(node, RKG + "servesTarget",
                          self.table_target(nfc(r.target), r.area, r.area_code, body_targets, made))
            self.add(node, RKG + "output", r.output)
            for p, (parsed, written) in ((RKG + "leadAgency", (r.lead_agencies, r.lead)),
                                        (RKG + "coordinatingAgency", (r.coordinating_agencies, r.coordinating))):
                for a_node, a in self.agencies(parsed, written):
                    self.link(node, p, a_node)
                    self.add(node, RKG + "qualifier", a.qualifier)
            if r.deadline:
                self.deadline(node, r.deadline, self.parsed(r.deadline_norm, f"deadline {r.deadline!r}"))
            self.add(node, RKG + "budget", r.budget)
            if r.budget_amount is not None:
                self.add(node, RKG + "budgetAmount", float(r.budget_amount))
            self.add(node, RKG + "remark", r.remark)
            self.cites(node, r.legal_refs)
            self.provenance(node, r.text, r.span, i)
            self.confidence(node, r.confidence)

    def confidence(self, node: str, values: dict[str, float] | None) -> None:
        """How sure the extraction is of a row: rkg:confidence (the row's), rkg:leadConfidence, ... (its
        fields'; sub-properties of rkg:fieldConfidence), xsd:decimal in [0, 1]. Rows without any: nothing."""
        for key, value in sorted((values or {}).items()):
            prop = "confidence" if key == "row" else CONFIDENCE_FIELDS.get(key)
            if prop and value is not None:
                self.add(node, RKG + prop, Literal(decimal(value), datatype=_XSD_DEC))

    def deadline(self, task: str, text: str, norm: Deadline) -> None:
        d = task + "/deadline"
        self.link(task, RKG + "deadline", d)
        self.add(d, _TYPE.value, NamedNode(RKG + "Deadline"))
        self.add(d, RDFS + "label", text)
        self.link(d, RKG + "deadlineKind", iri.deadline_kind(norm.kind))
        for prop, value, end in ((TIME + "hasBeginning", norm.start, "start"), (TIME + "hasEnd", norm.end, "end")):
            if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                instant = f"{d}/{end}"
                self.link(d, prop, instant)
                self.add(instant, _TYPE.value, NamedNode(TIME + "Instant"))
                self.date(instant, TIME + "inXSDDate", value)

    def run(self) -> Built:
        self.plan_node()
        for ref in self.ex.legal_references:
            self.legal(ref.id)
        self.relations()
        body_targets = self.targets()
        self.body_tasks()
        self.table_tasks(body_targets)
        return Built(key=self.key, graph=iri.graph(self.key), plan=self.plan, triples=self.triples,
                     source=self.source, identity=self.identity)


def adopting_act_id(text: str) -> str | None:
    """'Quyết định số 1783/QĐ-UBND ngày ...' -> 'QĐ 1783/QĐ-UBND': the document the text opens with, read
    by the references' own grammar (ingest.refs.find: "Nghị quyết số 66.7/2025/NQ-CP" keeps its dot);
    None when the number is blank ("Quyết định số    /QĐ-UBND")."""
    text = nfc(text).strip()
    first = next(iter(find_citations(text)), None)
    return first.id if first and first.start == 0 else None


def build(ex: Extraction, path: str | None = None) -> Built:
    """Records of one source document -> its triples (for the named graph `Built.graph`). `path`: where
    its file is (graph.identity.source_path), the source file's identity; default the record's `source`."""
    return _Builder(ex, path).run()
