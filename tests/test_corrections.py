"""Reviewers' corrections (graph.corrections) and the extraction's confidence in the graph (graph.build),
on real stores: in memory, and on disk for `reformkg corrections export|import` run as its own process.

Records are the gold file of sample 002 (34 rows, Hà Tĩnh, year 2025) with confidences set by hand:
the extractor's own are not relied on. Expected values were read off tests/gold/002_*.json: row
direction/1 "Đề án đẩy mạnh Cải cách hành chính..." is led by Sở Nội vụ, due "Quý I/2022"; direction/2
is due "Quý II/2023".
"""
from __future__ import annotations

import gc
import json

import pytest

import graph
from graph import corrections, iri, queries
from graph.store import Store, open_store
from tests.conftest import key_of, load_gold, plan_of_file
from tests.processes import cli

P = iri.SPARQL_PREFIXES


def confident(record, method="by hand"):
    """The record with a confidence on every row: row i gets 0.9 - 0.02 i, its deadline 0.5."""
    for i, t in enumerate(record.table_tasks):
        t.confidence = {"row": round(0.9 - 0.02 * i, 3), "lead": 0.75, "deadline": 0.5, "target": 0.8, "text": 0.95}
    record.confidence_method = method
    return record


def store_with(*records):
    store = open_store(":memory:")
    assert all(r.status == "added" for r in graph.ingest(list(records), store))
    return store


def plan_of(store) -> str:
    return plan_of_file(store, "002_a39914e25e1938d1.txt")


def task_of(store, ref="1", area="direction") -> str:
    return f"{iri.ID}task/{key_of(plan_of(store))}/{area}/{ref}"


def deadline(store, task) -> list[tuple[str, str | None]]:
    return [(r["d"], r["end"]) for r in store.select(P + """SELECT ?d ?end WHERE { ?t rkg:deadline ?x .
        ?x rdfs:label ?d OPTIONAL { ?x time:hasEnd/time:inXSDDate ?end } }""", t=task)]


# ---------------------------------------------------------------- confidence in the graph
def test_confidence_is_written_per_row_and_field_and_gold_rows_get_none():
    store = store_with(confident(load_gold("002")), load_gold("003"))
    rows = store.select(P + """SELECT ?t ?c ?lead ?deadline ?target ?text WHERE { ?t rkg:confidence ?c ;
        rkg:leadConfidence ?lead ; rkg:deadlineConfidence ?deadline ; rkg:targetConfidence ?target ;
        rkg:textConfidence ?text }""")
    assert len(rows) == 34                                       # every row of 002, none of 003
    first = next(r for r in rows if r["t"] == task_of(store))
    assert (first["c"], first["lead"], first["deadline"], first["target"], first["text"]) == \
        ("0.9", "0.75", "0.5", "0.8", "0.95")
    # typed xsd:decimal, so numeric comparison works; the row and field values hang off the task
    low = store.select(P + "SELECT (COUNT(*) AS ?n) WHERE { ?t rkg:confidence ?c FILTER (?c < 0.5) }")
    assert low[0]["n"] == "13"                                   # rows 21..33: 0.48 .. 0.24
    fields = store.select(P + "SELECT (COUNT(*) AS ?n) WHERE { ?t rkg:fieldConfidence ?c }")
    assert fields[0]["n"] == "0"        # the super-property is not materialised: query the field's own
    methods = store.select(P + "SELECT ?p ?m WHERE { ?p rkg:confidenceMethod ?m }")
    assert [r["m"] for r in methods] == ["by hand"]


# ---------------------------------------------------------------- correcting
def test_corrected_deadline_is_what_every_query_sees_and_the_extracted_one_stays():
    store = store_with(confident(load_gold("002")))
    task = task_of(store)
    assert deadline(store, task) == [("Quý I/2022", "2022-03-31")]
    due = lambda: [r["task"] for r in queries.run(store, "tasks_due", **{"from": "2025-09-01", "to": "2025-09-30"})]  # noqa: E731
    assert task not in due()

    c = corrections.correct(store, task, "deadline", "30/09/2025", "alice")
    assert (c.extracted, c.value, c.by, c.status) == ("Quý I/2022", "30/09/2025", "alice", "applied")
    assert deadline(store, task) == [("30/09/2025", "2025-09-30")]           # label and interval rewritten
    assert due() == [task]                                                    # the canonical query sees it
    rows = store.select(P + f"""SELECT ?old ?new ?by ?when ?status WHERE {{ GRAPH <{iri.CORRECTIONS_GRAPH}> {{
        ?c rkg:correctedTask ?t ; rkg:field "deadline" ; rkg:extractedValue ?old ; rkg:correctedValue ?new ;
           rkg:correctedBy ?by ; prov:endedAtTime ?when ; rkg:correctionStatus ?status }} }}""", t=task)
    assert [(r["old"], r["new"], r["by"], r["status"]) for r in rows] == [("Quý I/2022", "30/09/2025", "alice", "applied")]
    assert rows[0]["when"][:2] == "20" and rows[0]["when"].endswith("Z")

    # a second correction of the field keeps what the extraction gave, not the first correction
    c2 = corrections.correct(store, task, "deadline", "Quý IV/2025", "bob")
    assert (c2.extracted, c2.value) == ("Quý I/2022", "Quý IV/2025")
    assert len(corrections.records(store)) == 1
    assert deadline(store, task) == [("Quý IV/2025", "2025-12-31")]


def test_agencies_text_and_target_corrections():
    store = store_with(load_gold("002"))
    task = task_of(store)
    # an agency the store knows keeps its node; an unknown name becomes an agency of the plan's province
    corrections.correct(store, task, "lead", ["Sở Tư pháp", "Ban Mới"], "alice")
    lead = store.select(P + "SELECT ?a ?l WHERE { ?t rkg:leadAgency ?a . ?a skos:prefLabel ?l } ORDER BY ?a", t=task)
    assert [(r["a"][len(iri.ID):], r["l"]) for r in lead] == [("agency/ha-tinh/ban-moi", "Ban Mới"),
                                                               ("agency/ha-tinh/so-tu-phap", "Sở Tư pháp")]
    plan_graph = [q.triple for q in store.quads(iri.graph(key_of(plan_of(store))))]
    assert corrections.current(plan_graph, task, "lead") == "Ban Mới; Sở Tư pháp"
    corrections.correct(store, task, "text", "  Đề án  mới ", "alice")
    assert store.select(P + "SELECT ?l WHERE { ?t rdfs:label ?l }", t=task) == [{"l": "Đề án mới"}]
    with pytest.raises(ValueError, match="no target"):
        corrections.correct(store, task, "target", "không có mục tiêu này", "alice")
    with pytest.raises(ValueError, match="unknown field"):
        corrections.correct(store, task, "budget", "1", "alice")
    with pytest.raises(LookupError):
        corrections.correct(store, task + "-nope", "text", "x", "alice")


# ---------------------------------------------------------------- re-ingest
def test_a_correction_survives_reingest_and_a_changed_row_is_reported():
    store = store_with(confident(load_gold("002")))
    task, other = task_of(store), task_of(store, "2")
    corrections.correct(store, task, "deadline", "30/09/2025", "alice")

    changed = confident(load_gold("002", filled=False))
    changed.table_tasks[1].deadline = "Quý III/2023"                 # another row changed in the file
    [r] = graph.ingest([changed], store)
    assert (r.status, r.notes) == ("replaced", [])
    assert deadline(store, task) == [("30/09/2025", "2025-09-30")]    # re-applied in the same write
    assert deadline(store, other)[0][0] == "Quý III/2023"

    moved = confident(load_gold("002", filled=False))
    moved.table_tasks[0].deadline = "Quý II/2022"                    # the corrected row itself changed
    [r] = graph.ingest([moved], store)
    assert r.status == "replaced" and len(r.notes) == 1
    assert "stale" in r.notes[0] and "'Quý II/2022'" in r.notes[0] and task in r.notes[0]
    assert deadline(store, task)[0][0] == "Quý II/2022"                # not applied over the new extraction
    [c] = corrections.records(store)
    assert (c.status, c.extracted, c.value) == ("stale", "Quý I/2022", "30/09/2025")

    # the row reads as it did when corrected again: applied again
    [r] = graph.ingest([confident(load_gold("002", filled=False))], store)
    assert r.notes == [] and deadline(store, task)[0][0] == "30/09/2025"
    assert corrections.records(store)[0].status == "applied"

    # a row that is gone: orphaned, reported; the other correction still applied
    gone = task_of(store, "1", "institutions")
    corrections.correct(store, gone, "text", "Đề án đã sửa", "alice")
    fewer = confident(load_gold("002", filled=False))
    del fewer.table_tasks[2]                                         # institutions/1, the area's only row
    [r] = graph.ingest([fewer], store)
    assert len(r.notes) == 1 and "orphaned" in r.notes[0] and gone in r.notes[0]
    assert deadline(store, task)[0][0] == "30/09/2025"
    assert {c.field: c.status for c in corrections.records(store)} == {"deadline": "applied", "text": "orphaned"}


def test_rebuild_keeps_corrections_and_reapplies_them():
    store = store_with(load_gold("002"))
    task = task_of(store)
    corrections.correct(store, task, "deadline", "31/12/2025", "alice")
    graph.rebuild([load_gold("002")], store)
    assert deadline(store, task) == [("31/12/2025", "2025-12-31")]
    assert iri.CORRECTIONS_GRAPH in store.graphs() and graph.legacy_graphs(store) == []


# ---------------------------------------------------------------- the file
def test_export_and_import_round_trip_through_the_cli(tmp_path):
    def make(path, correct: bool):
        store = Store(path)          # not open_store: this process lets go of it for the CLI's
        graph.ingest([load_gold("002")], store)
        if correct:
            task = task_of(store)
            corrections.correct(store, task, "deadline", "30/09/2025", "alice", when="2026-01-02T03:04:05Z")
            corrections.correct(store, task_of(store, "2"), "lead", "Sở Tư pháp", "bob", when="2026-01-02T03:05:00Z")
        store.flush()

    make(tmp_path / "a", True)
    make(tmp_path / "b", False)
    gc.collect()
    out = tmp_path / "out" / "corrections.json"
    done = cli("corrections", "export", out, "--store", tmp_path / "a")
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == corrections.FORMAT
    assert [(c["field"], c["extracted"], c["value"], c["by"], c["at"]) for c in data["corrections"]] == [
        ("deadline", "Quý I/2022", "30/09/2025", "alice", "2026-01-02T03:04:05Z"),
        ("lead", "Sở Nội vụ", "Sở Tư pháp", "bob", "2026-01-02T03:05:00Z")]
    assert "Quý I/2022" in out.read_text(encoding="utf-8")            # Vietnamese as written, not escaped

    done = cli("corrections", "import", out, "--store", tmp_path / "b")
    assert done.returncode == 0, done.stderr
    assert "2 corrections imported, 2 applied" in done.stdout
    store = Store(tmp_path / "b")
    try:
        assert deadline(store, task_of(store)) == [("30/09/2025", "2025-09-30")]
        assert [c.as_json() for c in corrections.records(store)] == data["corrections"]
    finally:
        del store
        gc.collect()

    bad = tmp_path / "bad.json"
    bad.write_text('{"rows": []}', encoding="utf-8")
    done = cli("corrections", "import", bad, "--store", tmp_path / "b")
    assert done.returncode == 1 and "not a corrections file" in done.stderr and "Traceback" not in done.stderr


# ---------------------------------------------------------------- a SPARQL endpoint as the store
@pytest.mark.parametrize("backend", ["oxigraph", "virtuoso"])
def test_corrections_on_a_remote_store(backend, engines):
    """The same through graph.remote (SPARQL 1.1 Query/Update): correct, re-ingest a changed row."""
    store = engines(backend).store()
    for g in store.graphs():
        store.remove_graph(g)
    graph.ingest([load_gold("002")], store)
    task = task_of(store)
    corrections.correct(store, task, "deadline", "30/09/2025", "alice")
    assert deadline(store, task) == [("30/09/2025", "2025-09-30")]
    changed = load_gold("002", filled=False)
    changed.table_tasks[1].deadline = "Quý III/2023"
    [r] = graph.ingest([changed], store)
    assert (r.status, r.notes) == ("replaced", [])
    assert deadline(store, task) == [("30/09/2025", "2025-09-30")]
    assert [c.extracted for c in corrections.records(store)] == ["Quý I/2022"]
    # the union holds the corrected value only: no leftover of the extracted deadline
    old = store.select(P + 'SELECT ?d WHERE { ?d rdfs:label "Quý I/2022" }')
    assert task + "/deadline" not in [r["d"] for r in old]
