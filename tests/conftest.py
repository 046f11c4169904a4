"""Fixtures shared by the test modules: the gold records of the four samples, and stores.

The gold annotations (tests/gold/*.json) are the expected output for data/plans; as
Extraction objects they go through ingest.pipeline.fill like an extraction does, so the
graph built from them gets the same parsed agencies, deadlines and area codes.

    gold_record(name, filled=True)
                                  factory: one gold file ('000' or its full stem) as a new
                                  Extraction; filled=False leaves it as written, for a test
                                  that edits the document before ingesting it (graph.ingest
                                  fills it then)
    gold_records                  the four, filled (000 with the relation the extractor reports)
    gold_store                    an in-memory store with the four ingested (one per module)
    gold_store_on_disk            the same in a temporary folder, for what opens the store by
                                  its location (server workers, notebook kernels)
    engines                       tests/engines.py: engines("oxigraph" | "virtuoso") -> a running
                                  engine, started once per session
    gold_store_of(kind)           factory: 'embedded' | 'oxigraph' | 'virtuoso' -> a store holding the four
                                  gold plans and nothing else (embedded: gold_store_on_disk's kind, a new
                                  folder; an engine: the session's, emptied first - its tests share it)
    make_store(items=(), on_disk=False)
                                  factory: a new store (in memory, or in a temporary folder)
                                  with `items` ingested (paths, folders or Extractions)

Plan IRIs come from what a document says (graph.identity), not from its file name; a test that
expects a sample's plan looks it up by the file it was read from:
    plan_of_file(store, name)     the one plan the store records as read from file `name`
                                  ('000_020fcace3bf4412a.txt'; graph.plan_of_source)
    key_of(plan_iri)              its key, as REST and view paths take it ('ha-tinh/ubnd-tinh/kh-2025-...')
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import graph
from graph import iri
from graph.store import Store, open_store
from ingest.models import Extraction, Relation
from ingest.pipeline import fill
from tests.engines import engines, failing_endpoint, fake_endpoint  # noqa: F401  (fixtures: the session's SPARQL engines, fake endpoints)

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted((ROOT / "tests" / "gold").glob("*.json"))


def load_gold(name: str, filled: bool = True) -> Extraction:
    """A gold annotation as an Extraction (gold body tasks give 'text_start' for 'text')."""
    [path] = [p for p in GOLD if p.stem.startswith(name)]
    data = json.loads(path.read_text(encoding="utf-8"))
    for t in data.get("body_tasks", []):
        t["text"] = t.pop("text_start")
    record = Extraction.model_validate(data)
    if record.source.startswith("000"):
        # L834-836: "Nghị định số 60/2021/NĐ-CP ... (được sửa đổi, bổ sung tại Nghị định số 111/2025/NĐ-CP)";
        # the gold format has no relations field, so add what the extractor reports for that sentence
        record.relations.append(Relation(subject="NĐ 60/2021/NĐ-CP", predicate="amended_by",
                                         object="NĐ 111/2025/NĐ-CP", line=836))
    return fill(record) if filled else record


def plan_of_file(store: Store, name: str) -> str:
    """The plan read from the file `name` (its name or path as ingested), as the store records it."""
    plans = graph.plan_of_source(store, name)
    assert len(plans) == 1, (name, plans)
    return plans[0]


def key_of(plan: str) -> str:
    """'https://w3id.org/reformkg/id/plan/ha-tinh/ubnd-tinh/kh-2025-...' -> 'ha-tinh/ubnd-tinh/kh-2025-...'."""
    assert plan.startswith(iri.plan("")), plan
    return plan[len(iri.plan("")):]


@pytest.fixture
def gold_record():
    return load_gold


@pytest.fixture
def gold_records() -> list[Extraction]:
    return [load_gold(p.stem) for p in GOLD]


@pytest.fixture(scope="session")
def make_store(tmp_path_factory):
    def make(items=(), on_disk: bool = False) -> Store:
        store = open_store(tmp_path_factory.mktemp("store") / "oxigraph" if on_disk else ":memory:")
        if items:
            results = graph.ingest(items, store)
            assert all(r.status == "added" for r in results), [(r.source, r.status, r.error) for r in results]
        return store
    return make


@pytest.fixture(scope="module")
def gold_store(make_store) -> Store:
    return make_store([load_gold(p.stem) for p in GOLD])


@pytest.fixture(scope="module")
def gold_store_on_disk(make_store) -> Store:
    return make_store([load_gold(p.stem) for p in GOLD], on_disk=True)


STORE_KINDS = ["embedded", "oxigraph", "virtuoso"]


@pytest.fixture(scope="session")
def gold_store_of(make_store, engines):
    def make(kind: str) -> Store:
        records = [load_gold(p.stem) for p in GOLD]
        if kind == "embedded":
            return make_store(records, on_disk=True)
        store = engines(kind).store()
        store._update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in store.graphs() + [store.union_graph]))
        results = graph.ingest(records, store)
        assert all(r.status == "added" for r in results), [(r.source, r.status, r.error) for r in results]
        return store
    return make
