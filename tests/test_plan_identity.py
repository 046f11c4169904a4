"""A plan is the document it is, not its file name (graph.identity).

Files are real sample plans (data/plans) copied under other names and folders, a DOCX of a
sample's text, and DOCX appendix tables written from gold rows (tests/generators/docgen.py).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from docx import Document as new_docx

import graph
from graph import identity, iri
from graph.store import open_store
from tests.conftest import load_gold
from tests.generators.docgen import make_docx

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "data" / "plans"
S003, S000, S001 = (PLANS / f"{n}.txt" for n in ("003_1804e7c71a558f13", "000_020fcace3bf4412a",
                                                    "001_e89377c2e29b69c2"))
P = iri.SPARQL_PREFIXES


def sources(store, plan: str) -> list[tuple[str, str | None]]:
    """(path, format) of every file a plan records."""
    rows = store.select(P + """SELECT ?path ?format WHERE { ?plan prov:wasDerivedFrom ?s . ?s a rkg:SourceDocument ;
        rkg:path ?path OPTIONAL { ?s dcterms:format ?format } } ORDER BY ?path""", plan=plan)
    return [(r["path"], r["format"]) for r in rows]


def plans(store) -> list[str]:
    return [r["p"] for r in store.select(P + "SELECT ?p WHERE { ?p a rkg:Plan } ORDER BY ?p")]


def copy(src: Path, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    return dest


def docx_of_text(src: Path, dest: Path) -> Path:
    """The sample's text as a DOCX, one paragraph per line: the same document in another format."""
    doc = new_docx()
    for line in src.read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    dest.parent.mkdir(parents=True, exist_ok=True)
    doc.save(dest)
    return dest


@pytest.fixture
def store():
    return open_store(":memory:")


def test_the_key_comes_from_the_document():
    # 003: "Kế hoạch thực hiện công tác cải cách hành chính năm 2025" of the Văn phòng UBND tỉnh Sơn La
    assert identity.identity(load_gold("003")) == identity.Identity(
        key="son-la/van-phong-ubnd/kh-2025-thuc-hien-cong-tac-cai-cach-hanh-chinh-nam-2025", basis="document",
        jurisdiction="son-la", issuer="Văn phòng UBND tỉnh Sơn La", doc_type="Kế hoạch", number=None, year=2025,
        title="Kế hoạch thực hiện công tác cải cách hành chính năm 2025")
    # a commune plan: the commune is in the jurisdiction; a long title is cut and hashed
    assert identity.identity(load_gold("001")).key == \
        "thanh-hoa/hoang-son/ubnd-xa/kh-2025-cai-cach-hanh-chinh-tren-dia-ban-xa-hoang-son-nam-2025"
    key = identity.identity(load_gold("002")).key
    assert key.startswith("ha-tinh/ubnd-tinh/da-2025-phu-luc-4-cac-de-an-") and len(key.rsplit("/", 1)[1]) <= 75
    # without a title, the letterhead's number names it
    rec = load_gold("003")
    rec.document.title, rec.document.number = None, "09/KH-VPUB"
    assert identity.identity(rec).key == "son-la/van-phong-ubnd/kh-2025-09-kh-vpub"
    # a document that says too little is known by its full path
    rec.document.number = None
    assert identity.identity(rec, "a/Kế hoạch.txt") == identity.Identity(
        key=iri.file_key("a/Kế hoạch.txt"), basis="file", jurisdiction="son-la",
        issuer="Văn phòng UBND tỉnh Sơn La", doc_type="Kế hoạch", year=2025)
    assert iri.file_key("a/Kế hoạch.txt").startswith("file/a/ke-hoach-txt-")
    assert len({iri.file_key(p) for p in ("a/Kế hoạch.txt", "a/ke_hoach.txt", "b/ke_hoach.txt")}) == 3


def test_the_letterhead_number_is_read():
    from ingest.structure import _own_number
    assert _own_number(["ỦY BAN NHÂN DÂN", "Số: 09/KH-VPUB", "KẾ HOẠCH"]) == "09/KH-VPUB"
    assert _own_number(["Số 45-KH/TU        Hà Tĩnh, ngày 2 tháng 1 năm 2025"]) == "45-KH/TU"
    # a wrapper decision's number is its own (adopting_act), a blank number none
    assert _own_number(["Số: 1783/QĐ-UBND", "Số:    /KH-UBND"]) is None


def test_the_adopting_acts_number_keeps_its_dot():
    # Nghị quyết 66.7/2025/NQ-CP exists: a plan adopted by such an act names it whole
    from graph.build import adopting_act_id
    assert adopting_act_id("Nghị quyết số 66.7/2025/NQ-CP ngày 15/5/2025 của Chính phủ") == "NQ 66.7/2025/NQ-CP"
    assert adopting_act_id("Quyết định số 1783/QĐ-UBND ngày 14/7/2025") == "QĐ 1783/QĐ-UBND"
    assert adopting_act_id("Quyết định số     /QĐ-UBND") is None


def test_two_plans_with_one_file_name_in_two_folders_are_two_plans(tmp_path, store):
    a = copy(S000, tmp_path / "a" / "ke_hoach.txt")
    b = copy(S003, tmp_path / "b" / "ke_hoach.txt")
    results = graph.ingest([tmp_path], store)
    assert [(Path(r.source).parent.name, r.status) for r in results] == [("a", "added"), ("b", "added")]
    assert len(set(r.plan for r in results)) == 2 and sorted(plans(store)) == sorted(r.plan for r in results)
    # each plan keeps its file's full path, not just its name
    assert [p for p, _ in sources(store, results[0].plan)] == [identity.source_path(a)]
    assert [p for p, _ in sources(store, results[1].plan)] == [identity.source_path(b)]
    assert graph.plan_of_source(store, "ke_hoach.txt") == sorted(r.plan for r in results)


def test_two_plans_whose_names_fold_alike_are_two_plans(tmp_path, store):
    a = copy(S001, tmp_path / "Kế hoạch.txt")
    b = copy(S003, tmp_path / "ke_hoach.txt")
    results = graph.ingest([a, b], store)
    assert [r.status for r in results] == ["added", "added"] and len(plans(store)) == 2


def test_the_same_plan_as_txt_and_docx_is_one_plan_with_both_sources(tmp_path, store):
    txt = copy(S003, tmp_path / "van_phong" / "ke_hoach_cchc_2025.txt")
    docx = docx_of_text(S003, tmp_path / "signed" / "KH 09 VPUB.docx")
    first, second = graph.ingest([txt, docx], store)
    assert (first.status, second.status) == ("added", "replaced") and first.plan == second.plan
    assert first.plan == iri.plan("son-la/van-phong-ubnd/kh-2025-thuc-hien-cong-tac-cai-cach-hanh-chinh-nam-2025")
    assert plans(store) == [first.plan]
    assert sources(store, first.plan) == [
        (identity.source_path(docx), identity.FORMATS[".docx"]), (identity.source_path(txt), "text/plain")]
    # the later file replaces: the graph holds the DOCX's records (rkg:source), the plan both files
    built_from = store.select(P + "SELECT ?path WHERE { ?g rkg:plan ?plan ; rkg:source/rkg:path ?path }",
                              plan=first.plan)
    assert built_from == [{"path": identity.source_path(docx)}]
    # a copy of the text under another name and folder is a third source of the same plan
    third = copy(S003, tmp_path / "copies" / "plan.txt")
    [r] = graph.ingest(third, store)
    assert (r.status, r.plan) == ("replaced", first.plan) and len(sources(store, first.plan)) == 3
    # the plan's record (REST /plans/<id>, its page) lists the three files
    from api import lookup
    assert [(s["path"], s["format"]) for s in lookup.plan(store, first.plan)["sources"]] == sources(store, first.plan)
    # every file again: nothing changes, the identities are stable
    count = store.count()
    assert [(r.status, r.plan) for r in graph.ingest([txt, docx, third], store)] == [("unchanged", first.plan)] * 3
    assert store.count() == count
    conforms, text = graph.validate(store)
    assert conforms, text


def test_reingesting_a_file_is_unchanged_and_keeps_its_iris(tmp_path, store):
    txt = copy(S003, tmp_path / "003.txt")
    [first] = graph.ingest(txt, store)
    iris = {r["s"] for r in store.select("SELECT DISTINCT ?s WHERE { ?s ?p ?o }")}
    [again] = graph.ingest(txt, store)
    assert (first.status, again.status, again.plan, again.graph) == ("added", "unchanged", first.plan, first.graph)
    assert {r["s"] for r in store.select("SELECT DISTINCT ?s WHERE { ?s ?p ?o }")} == iris
    # a fresh store mints the same IRIs
    other = open_store(":memory:")
    graph.ingest(txt, other)
    assert {r["s"] for r in other.select("SELECT DISTINCT ?s WHERE { ?s ?p ?o }")} == iris


def test_a_collision_fails_with_both_files_named_and_leaves_the_first_plan(make_store, gold_record):
    s = make_store([gold_record("003")])
    count, before = s.count(), s.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    # another document that says it is the same plan (issuer, type, year, title of 003) with other rows
    other = gold_record("001", filled=False)
    other.source = "other/003_1804e7c71a558f13.txt"
    other.document = gold_record("003", filled=False).document
    [r] = graph.ingest(other, s)
    assert r.status == "failed" and r.plan == iri.plan(identity.identity(gold_record("003")).key)
    assert "other/003_1804e7c71a558f13.txt: not ingested" in r.error
    assert "already ingested from 003_1804e7c71a558f13.txt" in r.error
    assert "differ" in r.error and "Văn phòng UBND tỉnh Sơn La" in r.error
    assert s.count() == count and s.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }") == before
    # the same with two printed numbers that differ, however alike the content
    numbered = gold_record("003", filled=False)
    numbered.source, numbered.document.number = "copy/003.txt", "10/KH-VPUB"
    s2 = make_store([gold_record("003", filled=False).model_copy(
        update={"document": gold_record("003", filled=False).document.model_copy(update={"number": "09/KH-VPUB"})})])
    [r] = graph.ingest(numbered, s2)
    assert r.status == "failed" and "its number is 10/KH-VPUB, the plan's is 09/KH-VPUB" in r.error


def test_a_collision_between_files(tmp_path, store):
    # DOCX appendix tables written from gold rows, under one title and issuer (Hà Tĩnh's provincial
    # plan): 000's rows, a copy of that file, then 002's rows - another plan claiming the same identity
    gold = {n: json.loads((ROOT / "tests" / "gold" / f"{n}.json").read_text(encoding="utf-8"))
            for n in ("000_020fcace3bf4412a", "002_a39914e25e1938d1")}
    head = {**gold["000_020fcace3bf4412a"]["document"], "title": "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025"}
    for folder in "ac":
        (tmp_path / folder).mkdir()
    first = make_docx({**gold["000_020fcace3bf4412a"], "document": head}, tmp_path / "a" / "kh.docx")
    again = copy(first, tmp_path / "b" / "kh-copy.docx")
    other = make_docx({**gold["002_a39914e25e1938d1"], "document": head}, tmp_path / "c" / "kh.docx")
    r1, r2, r3 = graph.ingest([first, again, other], store)
    assert (r1.status, r2.status, r3.status) == ("added", "replaced", "failed"), r3.error
    assert r1.plan == r2.plan == r3.plan == iri.plan("ha-tinh/ubnd-tinh/kh-2025-cai-cach-hanh-chinh-nam-2025")
    assert str(other) in r3.error and identity.source_path(first) in r3.error
    assert identity.source_path(again) in r3.error and "table rows differ" in r3.error
    assert len(sources(store, r1.plan)) == 2 and plans(store) == [r1.plan]


def test_a_file_that_becomes_another_plan_leaves_its_old_plan(tmp_path, store):
    path = copy(S003, tmp_path / "ke_hoach.txt")
    [first] = graph.ingest(path, store)
    copy(S001, path)                       # the file now holds another plan
    [second] = graph.ingest(path, store)
    assert second.plan != first.plan and plans(store) == [second.plan]
    assert not store.has_graph(first.graph)


def test_a_store_keyed_by_file_name_is_migrated(tmp_path, store, gold_record):
    # a graph as an older reformkg wrote it: graph/<file stem>, plan/<file stem>, source/<file stem>
    old = gold_record("003")
    built = graph.build(old)
    legacy_key = iri.source_key(old.source)
    rename = {built.key: legacy_key, built.source: iri.source(legacy_key)}

    def rekey(term):
        if isinstance(term, ox.NamedNode):
            for new, was in rename.items():
                term = ox.NamedNode(term.value.replace(new, was))
        return term
    store.replace_graph(iri.graph(legacy_key), [ox.Triple(rekey(t.subject), t.predicate, rekey(t.object))
                                                  for t in built.triples])
    graph.ingest(gold_record("000"), store)
    assert graph.legacy_graphs(store) == [iri.graph(legacy_key)]
    # ingesting that file again migrates its graph
    [r] = graph.ingest(gold_record("003"), store)
    assert r.status == "replaced" and graph.legacy_graphs(store) == []
    for old_iri in (iri.plan(legacy_key), iri.ID + "task/" + legacy_key + "/", iri.source(legacy_key)):
        assert not store.select(P + "SELECT ?s WHERE { ?s ?p ?o FILTER (STRSTARTS(STR(?s), ?k)) } LIMIT 1",
                                k=old_iri), old_iri
    # rebuild: every plan graph replaced by a fresh ingest of the given files
    store.replace_graph(iri.graph("stale-file"), [ox.Triple(ox.NamedNode(iri.plan("stale-file")),
                                                            ox.NamedNode(iri.RDF + "type"), ox.NamedNode(iri.RKG + "Plan"))])
    results = graph.rebuild([gold_record("000"), gold_record("003")], store)
    assert [r.status for r in results] == ["added", "added"]
    assert sorted(plans(store)) == sorted(r.plan for r in results) and graph.legacy_graphs(store) == []


def test_cli_tells_of_a_store_keyed_by_file_name_and_rebuilds_it(tmp_path, gold_record):
    from typer.testing import CliRunner

    from api.cli import app

    folder = tmp_path / "store"
    db = open_store(folder, create=True)
    db.replace_graph(iri.graph("003-1804e7c71a558f13"), [ox.Triple(ox.NamedNode(iri.plan("003-1804e7c71a558f13")),
                     ox.NamedNode(iri.RDF + "type"), ox.NamedNode(iri.RKG + "Plan"))])   # as an older reformkg keyed it
    db.flush()
    run = lambda *args: CliRunner().invoke(app, [*args, "--store", str(folder)])   # noqa: E731
    r = run("ingest", str(S000))
    assert r.exit_code == 0, r.output
    assert "reformkg ingest --rebuild PATH..." in r.output and len(graph.legacy_graphs(db)) == 1
    r = run("ingest", "--rebuild", str(S000), str(S003))
    assert r.exit_code == 0, r.output
    assert "--rebuild" not in r.output and graph.legacy_graphs(db) == []
    assert plans(db) == sorted(graph.plan_of_source(db, S000.name) + graph.plan_of_source(db, S003.name))


def test_source_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    assert identity.source_path(tmp_path / "a" / "x.txt") == "a/x.txt"
    assert identity.source_path("a/../a/x.txt") == "a/x.txt"
    outside = tmp_path.parent / "elsewhere.txt"
    assert identity.source_path(outside) == outside.resolve().as_posix()
    assert identity.source_path(load_gold("003")) == "003_1804e7c71a558f13.txt"
