"""Reviewers' corrections of extracted task fields: kept in their own named graph, applied over the
extraction in the plan's graph.

A correction says "field F of task T is V" (F one of FIELDS). It is one rkg:Correction node in the
named graph iri.CORRECTIONS_GRAPH carrying its provenance: the task (rkg:correctedTask; a task's IRI
is stable across re-ingest: graph.build mints it from the plan's key, the area and the row number),
its plan (rkg:correctedPlan), the field (rkg:field), the value the extraction gave
(rkg:extractedValue), the new one (rkg:correctedValue), who (rkg:correctedBy: the write token's
name) and when (prov:endedAtTime, xsd:dateTime), and rkg:correctionStatus: `applied`, `stale` (the
re-extracted row no longer has the value that was corrected, so the correction is not applied) or
`orphaned` (the task is no longer in its plan).

Applying a correction rewrites the task in its plan's named graph (Store.replace_graph: one
transaction, embedded or remote), so every reader - REST, pages, graph views, the canonical queries -
sees the corrected value without knowing about corrections; the extracted value stays queryable in
the correction record. When a plan is re-extracted, graph.ingest_one passes the new triples through
`reapply` before writing them: the corrections of that plan go into the same replace_graph.

    FIELDS                                        text, lead, coordinating, deadline, target
    correct(store, task, field, value, who, when=None) -> Correction   (LookupError: no such task;
                                                  ValueError: a field or value that cannot be applied)
    records(store, plan=None) -> [Correction]
    reapply(store, plan, triples) -> (triples, notes)   notes: one line per correction not applied
    export(store) -> dict (JSON); load(store, data) -> [Correction]   the file of `reformkg corrections`
    current(triples, task, field) -> str | None   a field's value as text, as corrections compare it
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from pyoxigraph import Literal, NamedNode, Triple

from ingest.deadlines import parse_deadline

from . import build, iri
from .iri import ORG, PROV, RDF, RDFS, RKG, SKOS, XSD, fold

FIELDS = ("text", "lead", "coordinating", "deadline", "target")
FORMAT = "reformkg-corrections/1"
GRAPH = iri.CORRECTIONS_GRAPH
_PROPS = {"lead": RKG + "leadAgency", "coordinating": RKG + "coordinatingAgency"}
_TYPE, _LABEL, _PREF = RDF + "type", RDFS + "label", SKOS + "prefLabel"
_AGENCY_TYPES = {ORG + "Organization", RKG + "AgencyGroup"}
_SEP = "; "         # between agencies in one value (their names may hold commas: "Sở, ban, ngành")


@dataclass
class Correction:
    task: str
    plan: str
    field: str
    extracted: str | None       # what the extraction gave when the correction was made
    value: str
    by: str
    at: str                     # ISO date-time, UTC
    status: str = "applied"
    note: str | None = None     # why a stale or orphaned correction was not applied

    @property
    def iri(self) -> str:
        return f"{iri.ID}correction/{self.task[len(iri.ID):]}/{self.field}"

    def triples(self) -> list[Triple]:
        s = NamedNode(self.iri)
        out = [Triple(s, NamedNode(_TYPE), NamedNode(RKG + "Correction")),
               Triple(s, NamedNode(RKG + "correctedTask"), NamedNode(self.task)),
               Triple(s, NamedNode(RKG + "correctedPlan"), NamedNode(self.plan)),
               Triple(s, NamedNode(RKG + "field"), Literal(self.field)),
               Triple(s, NamedNode(RKG + "correctedValue"), Literal(self.value)),
               Triple(s, NamedNode(RKG + "correctedBy"), Literal(self.by)),
               Triple(s, NamedNode(PROV + "endedAtTime"), Literal(self.at, datatype=NamedNode(XSD + "dateTime"))),
               Triple(s, NamedNode(RKG + "correctionStatus"), Literal(self.status))]
        if self.extracted is not None:
            out.append(Triple(s, NamedNode(RKG + "extractedValue"), Literal(self.extracted)))
        if self.note:
            out.append(Triple(s, NamedNode(RKG + "statusNote"), Literal(self.note)))
        return out

    def as_json(self) -> dict:
        return asdict(self)


def _text(value) -> str:
    """A value as given (text, or a list of agency names) -> its text, NFC, spaces collapsed."""
    if isinstance(value, (list, tuple)):
        value = _SEP.join(str(v) for v in value)
    return build.nfc(str(value if value is not None else ""))


def _same(a: str | None, b: str | None) -> bool:
    return fold(a or "") == fold(b or "")


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


# ---------------------------------------------------------------- a plan graph's triples, by subject
class _Triples:
    def __init__(self, triples):
        self.list = list(triples)
        self.by: dict[str, list[Triple]] = {}
        for t in self.list:
            self.by.setdefault(t.subject.value, []).append(t)

    def objects(self, s: str, p: str) -> list:
        return [t.object for t in self.by.get(s, ()) if t.predicate.value == p]

    def value(self, s: str, p: str) -> str | None:
        values = sorted(o.value for o in self.objects(s, p))
        return values[0] if values else None

    def subjects(self, p: str, o: str) -> list[str]:
        return [t.subject.value for t in self.list if t.predicate.value == p and t.object.value == o]


def current(triples, task: str, field: str) -> str | None:
    """The value of `field` of `task` in a plan graph's triples, as text (None: the task has none)."""
    g = triples if isinstance(triples, _Triples) else _Triples(triples)
    if field == "text":
        return g.value(task, _LABEL)
    if field == "deadline":
        d = g.objects(task, RKG + "deadline")
        return g.value(d[0].value, _LABEL) if d else None
    nodes = g.objects(task, _PROPS.get(field) or RKG + "servesTarget")
    names = sorted(g.value(n.value, _PREF) or g.value(n.value, _LABEL) or n.value for n in nodes)
    return _SEP.join(names) if names else None


# ---------------------------------------------------------------- rewriting one field
def _rewrite(g: _Triples, store, plan: str, task: str, field: str, value: str) -> list[Triple]:
    """The plan graph's triples with `field` of `task` set to `value`; ValueError if it cannot be."""
    t = NamedNode(task)
    if field == "text":
        if not value:
            raise ValueError("a task's text cannot be empty")
        drop = {(task, _LABEL)}
        add = [Triple(t, NamedNode(_LABEL), Literal(value))]
        return [x for x in g.list if (x.subject.value, x.predicate.value) not in drop] + add
    if field == "deadline":
        old = {o.value for o in g.objects(task, RKG + "deadline")}
        keep = [x for x in g.list if not (x.subject.value == task and x.predicate.value == RKG + "deadline")
                and not any(x.subject.value == d or x.subject.value.startswith(d + "/") for d in old)]
        if not value:
            return keep
        year = g.value(plan, RKG + "year")
        return keep + _deadline(task, value, int(year) if year and year.isdigit() else None)
    prop = _PROPS.get(field) or RKG + "servesTarget"
    keep = [x for x in g.list if not (x.subject.value == task and x.predicate.value == prop)]
    if not value:
        return keep
    if field == "target":
        return keep + [Triple(t, NamedNode(prop), NamedNode(_target(g, plan, value)))]
    add, agencies = [], _Agencies(g, store, plan)
    for name in (n.strip() for n in value.split(";")):
        if name:
            node, described = agencies.node(name)
            add += [Triple(t, NamedNode(prop), NamedNode(node)), *described]
    return list(dict.fromkeys(keep + add))


def _deadline(task: str, text: str, year: int | None) -> list[Triple]:
    """A deadline written as graph.build writes one (its label, kind and OWL-Time interval): the
    builder's own method, on a builder that holds nothing else (it uses only add/link/date)."""
    b = build._Builder.__new__(build._Builder)
    b.triples, b._seen = [], set()
    b.deadline(task, text, parse_deadline(text, year))
    return b.triples


def _target(g: _Triples, plan: str, value: str) -> str:
    """The target of this plan `value` names: its IRI, its number ('1.2'), its text, or text close to it."""
    targets = [s for s in g.subjects(_TYPE, RKG + "Target") if g.value(s, RKG + "inPlan") == plan]
    for s in targets:
        if value == s or _same(value, g.value(s, RKG + "ref")) or _same(value, g.value(s, _LABEL)):
            return s
    scored = sorted(((build.similarity(value, g.value(s, _LABEL) or ""), s) for s in targets), reverse=True)
    if scored and scored[0][0] >= 0.8:      # as graph.build matches an appendix target to the body's
        return scored[0][1]
    raise ValueError(f"no target of this plan reads {value!r}: give its number or its text "
                     f"({len(targets)} targets in the plan)")


class _Agencies:
    """Agency names -> nodes, as the plan's graph or else the store already names them (the plan's own
    jurisdiction first, then its province, national bodies, any other); an unknown name becomes a new
    agency of the plan's jurisdiction, described in the plan's graph as graph.build describes one."""

    def __init__(self, g: _Triples, store, plan: str):
        self.g, self.store, self.plan = g, store, plan
        self.place = g.value(plan, RKG + "jurisdiction")
        self.province = g.value(plan, RKG + "province")
        self._known = None

    def known(self) -> list[tuple[int, str, str, str | None]]:
        if self._known is None:
            rows = self.store.select(iri.SPARQL_PREFIXES + """SELECT ?a ?l ?place WHERE {
                VALUES ?type { org:Organization rkg:AgencyGroup } ?a a ?type ; skos:prefLabel|skos:altLabel ?l
                OPTIONAL { ?a rkg:jurisdiction ?place } }""")
            rank = {self.place: 1, self.province: 2, iri.place(iri.NATIONAL): 3}
            self._known = sorted((rank.get(r["place"], 4), r["a"], r["l"], r["place"]) for r in rows)
        return self._known

    def node(self, name: str) -> tuple[str, list[Triple]]:
        f = fold(name)
        for t in self.g.list:       # named in this plan's graph already
            if t.predicate.value in (_PREF, SKOS + "altLabel") and fold(t.object.value) == f and \
                    _AGENCY_TYPES & {o.value for o in self.g.objects(t.subject.value, _TYPE)}:
                return t.subject.value, []
        found = next(((a, place) for _, a, label, place in self.known() if fold(label) == f), None)
        node, place = found or (iri.agency(name, (self.place or iri.place(iri.NATIONAL))[len(iri.ID + "place/"):]),
                                self.place)
        s = NamedNode(node)
        kind = RKG + "AgencyGroup" if node.startswith(iri.ID + "group/") else ORG + "Organization"
        described = [Triple(s, NamedNode(_TYPE), NamedNode(kind)), Triple(s, NamedNode(_PREF), Literal(name))]
        if place:
            described.append(Triple(s, NamedNode(RKG + "jurisdiction"), NamedNode(place)))
        return node, described


# ---------------------------------------------------------------- the corrections graph
def records(store, plan: str | None = None) -> list[Correction]:
    """Every correction in the store (of one plan), by task and field."""
    if not store.has_graph(GRAPH):
        return []
    g = _Triples(q.triple for q in store.quads(GRAPH))
    out = []
    for s in g.subjects(_TYPE, RKG + "Correction"):
        v = lambda p: g.value(s, RKG + p)       # noqa: E731
        out.append(Correction(task=v("correctedTask"), plan=v("correctedPlan"), field=v("field"),
                              extracted=v("extractedValue"), value=v("correctedValue") or "", by=v("correctedBy") or "",
                              at=g.value(s, PROV + "endedAtTime") or "", status=v("correctionStatus") or "applied",
                              note=v("statusNote")))
    return sorted((c for c in out if plan is None or c.plan == plan), key=lambda c: (c.task, c.field))


def _save(store, corrections: list[Correction]) -> None:
    store.replace_graph(GRAPH, [t for c in corrections for t in c.triples()])


def _plan_graph(store, task: str) -> tuple[str, str]:
    """(named graph, plan) of a task or activity; LookupError when the store has no such task."""
    rows = store.select(iri.SPARQL_PREFIXES + """SELECT ?g ?plan WHERE { GRAPH ?g {
        VALUES ?type { rkg:Task rkg:Activity } ?task a ?type ; rkg:inPlan ?plan } }""", task=task)
    if not rows:
        raise LookupError(f"no task {task}")
    return rows[0]["g"], rows[0]["plan"]


def correct(store, task: str, field: str, value, who: str, when: str | None = None) -> Correction:
    """Set `field` of `task` to `value` (text; for lead/coordinating a list of names or one text with
    '; ' between them; '' removes a deadline, agencies or target) in its plan's graph, and record it.
    A second correction of the same field keeps the value the extraction gave as `extracted`."""
    if field not in FIELDS:
        raise ValueError(f"unknown field {field!r}: one of {', '.join(FIELDS)}")
    graph, plan = _plan_graph(store, task)
    g = _Triples(store.triples(graph))
    text = _text(value)
    new = _rewrite(g, store, plan, task, field, text)
    mine = records(store)
    old = next((c for c in mine if c.task == task and c.field == field), None)
    extracted = old.extracted if old and old.status == "applied" else current(g, task, field)
    c = Correction(task, plan, field, extracted, text, who, when or now())
    # the record first: should the plan's write fail, the next ingest of the plan applies it
    _save(store, [r for r in mine if r is not old] + [c])
    store.replace_graph(graph, new)
    return c


def reapply(store, plan: str, triples: list[Triple]) -> tuple[list[Triple], list[str]]:
    """A plan's triples as (re-)extracted -> the same with its corrections applied, and one line per
    correction not applied: its task is gone (orphaned) or the row no longer reads the value that was
    corrected (stale: the extraction changed; the reviewer looks again). Statuses are saved here."""
    mine = records(store, plan)
    if not mine:
        return triples, []
    g, notes, changed = _Triples(triples), [], False
    for c in mine:
        status, note = "applied", None
        now_ = current(g, c.task, c.field)
        if not g.objects(c.task, RKG + "inPlan"):
            status, note = "orphaned", "the task is no longer in its plan"
        elif not _same(now_, c.value):
            if _same(now_, c.extracted):
                try:
                    g = _Triples(_rewrite(g, store, plan, c.task, c.field, c.value))
                except ValueError as e:
                    status, note = "stale", str(e)
            else:
                status, note = "stale", (f"the row now reads {now_!r}, not {c.extracted!r} as when it was "
                                         f"corrected: review it again")
        if (status, note) != (c.status, c.note):
            c.status, c.note, changed = status, note, True
        if note:
            notes.append(f"correction not applied ({status}): {c.field} of {c.task}: {note}")
    if changed:
        others = [r for r in records(store) if r.plan != plan]
        _save(store, others + mine)
    return g.list, notes


# ---------------------------------------------------------------- file
def export(store) -> dict:
    return {"format": FORMAT, "corrections": [c.as_json() for c in records(store)]}


def load(store, data: dict) -> list[Correction]:
    """Corrections from an export (`data`) into the store: each replaces one of the same task and field,
    and is applied to its plan's graph when the task still reads the value it corrected (reapply)."""
    if not isinstance(data, dict) or not isinstance(data.get("corrections"), list):
        raise ValueError(f"not a corrections file: expected {{\"format\": \"{FORMAT}\", \"corrections\": [...]}}")
    names = set(Correction.__dataclass_fields__)
    given = []
    for item in data["corrections"]:
        c = Correction(**{k: v for k, v in item.items() if k in names})
        if c.field not in FIELDS:
            raise ValueError(f"unknown field {c.field!r} in the corrections file")
        given.append(c)
    keys = {(c.task, c.field) for c in given}
    _save(store, [r for r in records(store) if (r.task, r.field) not in keys] + given)
    for plan in sorted({c.plan for c in given}):
        graph = iri.graph(plan[len(iri.plan("")):])
        if store.has_graph(graph):
            triples, _ = reapply(store, plan, store.triples(graph))
            store.replace_graph(graph, triples)
        else:
            mine = records(store)
            for c in mine:
                if c.plan == plan:
                    c.status, c.note = "orphaned", "the plan is not in this store"
            _save(store, mine)
    return [c for c in records(store) if (c.task, c.field) in keys]
