"""Graph build, identity, store and canonical queries, on the gold records of the samples.

Facts are checked against the gold files and the plan texts (not the extractor's
output), so these tests use the gold records as Extraction objects (conftest.py:
gold_records, gold_record, gold_store); one smoke test goes through ingest.extract
and the CLI.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import graph
from graph import analytics, iri, link, queries
from graph.identity import identity
from ingest.models import Deadline, DocumentMeta, Extraction, LegalReference, TableTask
from ingest.pipeline import fill
from tests.conftest import load_gold

ROOT = Path(__file__).resolve().parent.parent
ID = iri.ID
P = """PREFIX rkg: <https://w3id.org/reformkg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
"""


def plan_of(record) -> str:
    """The plan IRI of a record (an Extraction: graph.identity), or of a gold file by its name ('000_....txt')."""
    if isinstance(record, str):
        record = load_gold(record[:3])
    return iri.plan(identity(fill(record)).key)


def task_prefix(record) -> str:
    """What every task IRI of a plan starts with."""
    return plan_of(record).replace("/id/plan/", "/id/task/") + "/"


def test_graph_conforms_to_shapes(gold_store):
    conforms, text = graph.validate(gold_store)
    assert conforms, text


def test_nd_118_tasks_are_the_body_tasks_of_000_and_003_that_cite_it(gold_store):
    rows = queries.run(gold_store, "tasks_implementing", doc=ID + "legal/nd-118-2025-nd-cp")
    got = {(r["plan"], r["text"][:40]) for r in rows}
    # gold: 000 "Cải cách thủ tục hành chính" body task; 003 body task on the one-stop shop (source L294)
    assert got == {(plan_of("000_020fcace3bf4412a.txt"), "Thực hiện Nghị định số 118/2025/NĐ-CP ng"),
                   (plan_of("003_1804e7c71a558f13.txt"), "Tiếp tục triển khai và hoàn thành đổi mớ")}
    assert {r["province"] for r in rows} == {"Hà Tĩnh", "Sơn La"}
    assert all(r["planLabel"] and r["kind"] == "task" for r in rows)
    # the canonical id finds the same document
    assert {r["task"] for r in queries.run(gold_store, "tasks_implementing", id="NĐ 118/2025/NĐ-CP")} == \
        {r["task"] for r in rows}


def test_nq_12_tu_is_one_node_scoped_to_ha_tinh(gold_store):
    rows = gold_store.select(P + """SELECT DISTINCT ?doc ?place WHERE {
        ?doc eli:id_local "NQ 12-NQ/TU" ; rkg:jurisdiction/rdfs:label ?place }""")
    assert rows == [{"doc": ID + "legal/ha-tinh/nq-12-nq-tu", "place": "Hà Tĩnh"}]
    # cited by two body tasks and table row 2.12 of 000 (gold), and implemented by its plan
    citing = gold_store.select(P + "SELECT DISTINCT ?t WHERE { ?t rkg:legalBasis ?doc }", doc=rows[0]["doc"])
    assert len(citing) == 3
    assert gold_store.query(P + "ASK { ?plan rkg:implements ?doc }",
                       bindings={"plan": plan_of("000_020fcace3bf4412a.txt"), "doc": rows[0]["doc"]})


def test_nd_60_is_amended_by_nd_111(gold_store):
    assert gold_store.query(P + "ASK { ?new eli:amends ?old . ?old eli:amended_by ?new }",
                       bindings={"new": ID + "legal/nd-111-2025-nd-cp", "old": ID + "legal/nd-60-2021-nd-cp"})
    rows = queries.run(gold_store, "amended_documents")
    assert {(r["oldId"], r["relation"], r["newId"]) for r in rows} == \
        {("NĐ 60/2021/NĐ-CP", "amended by", "NĐ 111/2025/NĐ-CP")}
    # 003 cites NĐ 60 without NĐ 111 (gold: two body tasks of Cải cách tài chính công, one table row)
    stale = {r["task"] for r in rows if r["task"]}
    assert stale and all(t.startswith(task_prefix("003_1804e7c71a558f13.txt")) for t in stale)


def test_ingesting_everything_twice_changes_nothing(gold_store, gold_records):
    before = gold_store.count(), gold_store.size()
    results = graph.ingest(gold_records, gold_store)
    assert [r.status for r in results] == ["unchanged"] * 4
    assert (gold_store.count(), gold_store.size()) == before


def test_union_graph_has_set_semantics(gold_store):
    # NĐ 118 is described in the graphs of 000 and 003; the default graph states it once
    rows = gold_store.select(P + "SELECT ?id WHERE { ?doc eli:id_local ?id }", doc=ID + "legal/nd-118-2025-nd-cp")
    assert rows == [{"id": "NĐ 118/2025/NĐ-CP"}]


def _province_plan(province: str, source: str) -> Extraction:
    return Extraction(
        source=source,
        document=DocumentMeta(title=f"Kế hoạch CCHC tỉnh {province} năm 2025", doc_type="Kế hoạch",
                              issuing_body=f"UBND tỉnh {province}", level="province", province=province,
                              year=2025, implements=["QĐ 3504/QĐ-UBND", "NQ 76/NQ-CP"]),
        legal_references=[
            LegalReference(id="QĐ 3504/QĐ-UBND", doc_type="Quyết định", number="3504", symbol="QĐ-UBND",
                           issuer="UBND tỉnh", scope=province),
            LegalReference(id="NQ 76/NQ-CP", doc_type="Nghị quyết", number="76", symbol="NQ-CP",
                           date="2021-07-15", issuer="Chính phủ", scope="national")],
        table_tasks=[TableTask(area="CẢI CÁCH THỂ CHẾ", row_ref="1", text="Rà soát văn bản QPPL",
                               lead=["Sở Tư pháp"], coordinating=["Các sở, ban, ngành cấp tỉnh"],
                               legal_refs=["QĐ 3504/QĐ-UBND"])])


def test_same_local_symbol_in_two_provinces_gives_two_nodes(make_store):
    s = make_store([_province_plan("Nghệ An", "na.txt"), _province_plan("Quảng Trị", "qt.txt")])
    docs = s.select(P + """SELECT ?doc ?place WHERE { ?doc eli:id_local "QĐ 3504/QĐ-UBND" ;
                                                         rkg:jurisdiction/rdfs:label ?place } ORDER BY ?doc""")
    assert docs == [{"doc": ID + "legal/nghe-an/qd-3504-qd-ubnd", "place": "Nghệ An"},
                    {"doc": ID + "legal/quang-tri/qd-3504-qd-ubnd", "place": "Quảng Trị"}]
    # each province's task cites its own province's decision
    for d in docs:
        tasks = s.select(P + "SELECT ?t WHERE { ?t rkg:legalBasis ?doc }", doc=d["doc"])
        assert len(tasks) == 1 and tasks[0]["t"].startswith(ID + "task/" + iri.place_path(d["place"]) + "/")
    # national documents and agencies: one node; provincial agencies: one per province
    assert len(s.select(P + 'SELECT ?d WHERE { ?d eli:id_local "NQ 76/NQ-CP" }')) == 1
    assert len(s.select(P + 'SELECT ?a WHERE { ?a a org:Organization ; skos:prefLabel "Sở Tư pháp" }')) == 2
    groups = s.select(P + "SELECT ?g WHERE { ?t rkg:coordinatingAgency ?g . ?g a rkg:AgencyGroup }")
    assert len(groups) == 2 and not s.query(P + "ASK { ?g a rkg:AgencyGroup , org:Organization }")


def test_build_reads_filled_records_only():
    plan = _province_plan("Nghệ An", "na.txt")
    with pytest.raises(ValueError, match="ingest.pipeline.fill"):
        graph.build(plan)
    built = graph.build(fill(plan))
    row = plan.table_tasks[0]
    assert (row.area_code, [a.key for a in row.lead_agencies], [a.key for a in row.coordinating_agencies]) == \
        ("institutions", ["so tu phap|nghe an"], ["cac so ban nganh|nghe an"])
    assert plan.document.issuing_agency.key == "ubnd tinh|nghe an"
    assert [r.issuer_agency.key for r in plan.legal_references] == ["ubnd tinh|nghe an", "chinh phu|national"]
    # fill keeps what records carry: running it again changes nothing
    assert graph.build(fill(plan.model_copy(deep=True))).triples == built.triples


def test_gold_and_extracted_records_carry_the_same_parsed_data(gold_record):
    # the builder reads records only, so a gold row and the extractor's row for it are filled alike
    from ingest import extract

    gold = gold_record("002")
    ex = extract(ROOT / "data" / "plans" / gold.source)
    rows = {(r.row_ref, r.text): r for r in ex.table_tasks}
    pairs = [(g, rows[g.row_ref, g.text]) for g in gold.table_tasks if (g.row_ref, g.text) in rows]
    assert len(pairs) == len(gold.table_tasks) == 34
    for g, e in pairs:
        for written, parsed in (("lead", "lead_agencies"), ("coordinating", "coordinating_agencies"),
                                ("deadline", "deadline_norm"), ("area", "area_code")):
            if getattr(g, written) == getattr(e, written):
                assert getattr(g, parsed) == getattr(e, parsed), (g.row_ref, written)
    assert sum(len(g.lead_agencies) for g, _ in pairs) >= 34 and all(g.area_code for g, _ in pairs)
    assert gold.document.issuing_agency == ex.document.issuing_agency


def test_changed_file_replaces_its_graph_and_keeps_shared_facts(make_store, gold_records, gold_record):
    s = make_store(gold_records)
    changed = gold_record("003")             # 003 without its body tasks and references
    changed.body_tasks, changed.legal_references = [], []
    [r] = graph.ingest(changed, s)
    assert r.status == "replaced"
    left = s.select(P + "SELECT ?t WHERE { ?t a rkg:BodyTask ; rkg:inPlan ?plan }",
                    plan=plan_of("003_1804e7c71a558f13.txt"))
    assert left == []
    # NĐ 118 is still described: 000's graph states it too
    assert s.select(P + "SELECT ?d WHERE { ?d eli:id_local ?id }", id="NĐ 118/2025/NĐ-CP")
    # and re-ingesting the original restores exactly the first state
    before = make_store(gold_records)
    graph.ingest(gold_records[3], s)
    assert s.count() == before.count()


def test_failed_build_leaves_the_previous_graph(monkeypatch, make_store, gold_record):
    record = gold_record("002")
    s = make_store([record])
    count = s.count()

    def broken(ex, path=None):
        raise ValueError("bad record")
    monkeypatch.setattr(graph, "build", broken)
    [r] = graph.ingest(record, s)
    assert r.status == "failed" and "002_a39914e25e1938d1.txt" in r.error and "bad record" in r.error
    assert s.count() == count


def test_tasks_carry_provenance_area_agencies_and_activities(gold_store):
    task = task_prefix("000_020fcace3bf4412a.txt") + "direction/2-1"
    rows = gold_store.select(P + """PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?quote ?src ?area ?lead ?deadline WHERE {
          ?t rkg:quote/oa:exact ?quote ; prov:wasDerivedFrom/rdfs:label ?src ; rkg:area ?area ;
             rkg:leadAgency/skos:prefLabel ?lead ; rkg:deadline/rdfs:label ?deadline }""", t=task)
    # gold 000 table row 2.1: "Cập nhật, bổ sung ban hành Kế hoạch CCHC 06 tháng cuối năm 2025 của tỉnh",
    # lead Sở Nội vụ, deadline "Tháng 7/2025", under "CÔNG TÁC TRIỂN KHAI CÁC NHIỆM VỤ CCHC"
    assert rows == [{"quote": "Cập nhật, bổ sung ban hành Kế hoạch CCHC 06 tháng cuối năm 2025 của tỉnh",
                     "src": "000_020fcace3bf4412a.txt", "area": ID + "area/direction",
                     "lead": "Sở Nội vụ", "deadline": "Tháng 7/2025"}]
    acts = gold_store.select(P + "SELECT ?a WHERE { ?a rkg:partOf ?t } ORDER BY ?a", t=task)
    assert [a["a"].rsplit("/", 1)[1] for a in acts] == ["3-1", "3-2"]     # gold: activities 3.1, 3.2
    # the row's target cell "1.1. Nâng cao chất lượng công tác chỉ đạo điều hành ..." is a target of the plan
    served = gold_store.select(P + "SELECT ?text WHERE { ?t rkg:servesTarget/rdfs:label ?text }", t=task)
    assert [r["text"][:40] for r in served] == ["Nâng cao chất lượng công tác chỉ đạo điề"]


def test_units_belong_to_the_issuing_office(gold_store):
    # 003: "Phòng TCHCQT" leads rows of the Văn phòng UBND tỉnh Sơn La plan
    rows = gold_store.select(P + """SELECT DISTINCT ?parent ?place WHERE {
        ?unit skos:prefLabel|skos:altLabel "Phòng TCHCQT" ; org:subOrganizationOf ?parent .
        ?plan eli:passed_by ?parent . ?parent rkg:jurisdiction/rdfs:label ?place }""",
                        plan=plan_of("003_1804e7c71a558f13.txt"))
    assert [r["place"] for r in rows] == ["Sơn La"]


def test_parent_plan_and_targets_within_one_province(make_store, gold_record):
    parent = gold_record("000")
    child = gold_record("003", filled=False)
    child.source, child.document.province = "child.txt", "Hà Tĩnh"   # the Sơn La office plan, moved
    s = make_store([parent, child, gold_record("001")])
    plan_link = s.select(P + """SELECT ?parent ?method ?gap WHERE { ?l a rkg:PlanLink ; rkg:linkFrom ?child ;
                           rkg:linkTo ?parent ; rkg:method ?method OPTIONAL { ?l rkg:yearGap ?gap } }""",
                    child=plan_of(child))
    assert plan_link == [{"parent": plan_of("000_020fcace3bf4412a.txt"), "method": "most-recent", "gap": "0"}]
    # "100% TTHC nội bộ giữa cơ quan hành chính nhà nước được công bố, công khai" (003 target 3.a.x)
    # restates 000 target 3.5 "100% TTHC nội bộ giữa các cơ quan hành chính nhà nước được rà soát, công bố, công khai"
    rows = s.select(P + """SELECT ?ptext ?score WHERE { ?x rkg:inPlan ?child ; rdfs:label ?text ;
            rkg:parentTarget ?p . ?p rdfs:label ?ptext . ?l rkg:linkFrom ?x ; rkg:score ?score
            FILTER (STRSTARTS(?text, "100% TTHC nội bộ")) }""", child=plan_of(child))
    assert [r["ptext"][:40] for r in rows] == ["100% TTHC nội bộ giữa các cơ quan hành c"]
    assert float(rows[0]["score"]) >= 0.45
    # every parent target is in 000's plan: no link crosses provinces
    assert not s.query(P + """ASK { ?x rkg:parentTarget ?p . ?p rkg:inPlan/rkg:province ?a .
                                    ?x rkg:inPlan/rkg:province ?b FILTER (?a != ?b) }""")
    # links are recomputed over the whole store; unchanged data rewrites nothing
    assert link.link(s) is False
    # 001 (Thanh Hóa): no provincial plan in the store -> its parent document, QĐ 2649/QĐ-UBND (2/8/2025)
    assert s.select(P + "SELECT ?d WHERE { ?plan rkg:parentPlan ?d }", plan=plan_of("001_e89377c2e29b69c2.txt")) == \
        [{"d": ID + "legal/thanh-hoa/qd-2649-qd-ubnd"}]


def test_parent_plan_named_in_the_preamble_wins_over_the_most_recent(make_store, gold_record):
    # 003 (Văn phòng UBND tỉnh Sơn La) says it implements QĐ 1783/QĐ-UBND (preamble L7). Put two Sơn La
    # provincial plans in the store: the 2025 one adopted by that decision, and a newer 2026 one.
    def son_la(year: int, act: str, source: str) -> Extraction:
        ex = gold_record("000", filled=False)
        ex.source = source
        ex.document.province, ex.document.year, ex.document.adopting_act = "Sơn La", year, act
        ex.legal_references = [r for r in ex.legal_references if r.scope == "national"]
        ex.document.implements = [i for i in ex.document.implements if i in {r.id for r in ex.legal_references}]
        return ex
    sl2025 = son_la(2025, "Quyết định số 1783/QĐ-UBND ngày 14/7/2025", "sl2025.txt")
    s = make_store([sl2025, son_la(2026, "Quyết định số 99/QĐ-UBND ngày 02/01/2026", "sl2026.txt"),
                    gold_record("003")])
    rows = s.select(P + """SELECT ?parent ?method WHERE { ?l a rkg:PlanLink ; rkg:linkFrom ?child ;
                           rkg:linkTo ?parent ; rkg:method ?method }""", child=plan_of("003_1804e7c71a558f13.txt"))
    assert rows == [{"parent": plan_of(sl2025), "method": "implements"}]
    assert s.select(P + "SELECT ?act WHERE { ?plan rkg:adoptedBy ?act }", plan=plan_of(sl2025)) == \
        [{"act": ID + "legal/son-la/qd-1783-qd-ubnd"}]


def test_no_parent_target_across_provinces(gold_store):
    # the sample corpus has Hà Tĩnh provincial plans only; Sơn La's and Thanh Hóa's plans get no target links
    assert not gold_store.query(P + "ASK { ?x rkg:parentTarget ?p }")


def test_targets_of_body_and_table(gold_store):
    rows = queries.run(gold_store, "targets_tasks", plan=plan_of("000_020fcace3bf4412a.txt"))
    body = [r for r in rows if "/table/" not in r["target"]]
    assert len(body) == 34                       # gold 000: 34 body targets
    # appendix targets are numbered 1.x again in every area: key them by area
    served = {(r["ref"], "/table/direction/" in r["target"]): int(r["tasks"]) for r in rows
              if "/table/" not in r["target"] or "/table/direction/" in r["target"]}
    # gold: 13 rows (tasks and activities) sit under appendix target "1.1. Nâng cao chất lượng công tác
    # chỉ đạo điều hành ...", 12 under "1.2. Cải thiện, nâng cao thứ hạng Chỉ số CCHC"
    assert served[("1.1", True)] == 13 and served[("1.2", True)] == 12
    # appendix "1.4. Tối thiểu 35% cơ quan đơn vị được kiểm tra CCHC trong năm 2025" (8 rows) restates
    # body target 1.2 "Tối thiểu 35% cơ quan, đơn vị được kiểm tra CCHC trong năm 2025; ...": same node
    assert served[("1.2", False)] == 8 and ("1.4", True) not in served


def test_tasks_due_in_a_period(make_store):
    plan = _province_plan("Nghệ An", "na.txt")
    first = plan.table_tasks[0]
    plan.table_tasks = [first.model_copy(update={"row_ref": str(i), "deadline": text,
                                                 "deadline_norm": Deadline(text=text, start=a, end=b, kind="fixed")})
                        for i, (text, a, b) in enumerate([("Quý II/2025", "2025-04-01", "2025-06-30"),
                                                          ("Tháng 7/2025", "2025-07-01", "2025-07-31"),
                                                          ("Năm 2026", "2026-01-01", "2026-12-31")], 1)]
    s = make_store([plan])
    rows = queries.run(s, "tasks_due", **{"from": "2025-06-01", "to": "2025-07-31"})
    assert [(r["deadline"], r["end"], r["kind"]) for r in rows] == [("Quý II/2025", "2025-06-30", "fixed"),
                                                                    ("Tháng 7/2025", "2025-07-31", "fixed")]
    assert len(queries.run(s, "tasks_due", **{"from": "2026-01-01"})) == 1


def test_tasks_by_agency(gold_store):
    office = gold_store.select(P + "SELECT ?a WHERE { ?plan eli:passed_by ?a }", plan=plan_of("003_1804e7c71a558f13.txt"))
    rows = queries.run(gold_store, "tasks_by_agency", agency=office[0]["a"])
    # its units' rows (Phòng TCHCQT, KSTTHC...)
    assert rows and all(r["task"].startswith(task_prefix("003_1804e7c71a558f13.txt")) for r in rows)


def test_plans_of_a_province(gold_store):
    rows = queries.run(gold_store, "plans_of_province", province=ID + "place/ha-tinh")
    assert {r["plan"] for r in rows} == {plan_of("000_020fcace3bf4412a.txt"), plan_of("002_a39914e25e1938d1.txt")}
    main = next(r for r in rows if r["plan"] == plan_of("000_020fcace3bf4412a.txt"))
    assert set(main["implements"].split("; ")) == {"Luật Tổ chức chính quyền địa phương 2015", "NQ 76/NQ-CP",
                                                   "CT 23/CT-TTg", "NQ 12-NQ/TU", "QĐ 3504/QĐ-UBND",
                                                   "QĐ 2454/QĐ-UBND", "CV 4625/BNV-CCHC"}


def test_canonical_queries_all_run_and_are_documented(gold_store):
    qs = queries.load()
    assert set(queries.CANONICAL) <= set(qs)
    for q in qs.values():
        assert q.title and q.answers and q.params, q.name
        gold_store.select(q.sparql)       # runs without parameters


def test_legal_chain_projection(gold_store):
    g = analytics.legal_chain(gold_store, ID + "legal/nd-118-2025-nd-cp")
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert {"legal", "task", "plan"} <= kinds
    plans = {n for n, d in g.nodes(data=True) if d["kind"] == "plan"}
    assert plans == {plan_of("000_020fcace3bf4412a.txt"), plan_of("003_1804e7c71a558f13.txt")}
    task = next(n for n, d in g.nodes(data=True) if d["kind"] == "task")
    assert g.nodes[task]["quote"] and g.nodes[task]["area"] == "Cải cách thủ tục hành chính"


def test_task_chain_reaches_the_amended_decree(gold_store):
    task = gold_store.select(P + """SELECT ?t WHERE { ?t rkg:legalBasis ?d ; rkg:inPlan ?p }""",
                        d=ID + "legal/nd-111-2025-nd-cp", p=plan_of("000_020fcace3bf4412a.txt"))[0]["t"]
    g = analytics.task_chain(gold_store, task)
    assert g.has_edge(ID + "legal/nd-111-2025-nd-cp", ID + "legal/nd-60-2021-nd-cp")
    assert g.edges[ID + "legal/nd-111-2025-nd-cp", ID + "legal/nd-60-2021-nd-cp"]["relation"] == "amends"
    assert g.has_edge(plan_of("000_020fcace3bf4412a.txt"), ID + "legal/nq-76-nq-cp")


def test_export_round_trips(gold_store, tmp_path, gold_records):
    import pyoxigraph as ox
    for fmt in ("nq", "trig"):
        out = tmp_path / f"x.{fmt}"
        gold_store.export(fmt, out)
        quads = list(ox.parse(path=str(out)))
        assert len(quads) == gold_store.size() - gold_store.count()       # the named graphs, not the union copy
    g = gold_store.construct(P + "CONSTRUCT { ?t rkg:inPlan ?p } WHERE { ?t rkg:inPlan ?p ; a rkg:BodyTask }")
    assert len(g) == sum(len(r.body_tasks) for r in gold_records)     # 19 + 6 + 0 + 9 in the gold files
    ttl = gold_store.export("ttl")
    assert len(list(ox.parse(ttl, format=ox.RdfFormat.TURTLE))) == gold_store.count()
    with pytest.raises(ValueError):
        gold_store.export("xlsx")


def test_bad_sparql_raises_syntax_error(gold_store):
    with pytest.raises(SyntaxError):
        gold_store.query("SELEC ?x WHERE { ?x ?y }")


def test_cli_ingest_query_stats_validate_through_the_extractor(tmp_path):
    from api.cli import app

    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "002_a39914e25e1938d1.txt").write_bytes((ROOT / "data/plans/002_a39914e25e1938d1.txt").read_bytes())
    (plans / "broken.docx").write_bytes(b"not a docx")
    store_dir = str(tmp_path / "store")
    run = CliRunner().invoke
    r = run(app, ["ingest", str(plans), "--create", "--store", store_dir])
    assert r.exit_code == 1, r.output
    assert "broken.docx" in r.output and "1 ingested, 1 failed" in r.output
    r = run(app, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?p a rkg:Plan }", "--format", "csv",
                  "--store", store_dir])
    assert r.exit_code == 0 and r.output.split() == ["n", "1"]
    r = run(app, ["query", "plans_of_province", "-p", "province=" + ID + "place/ha-tinh", "--format", "json",
                  "--store", store_dir])
    assert r.exit_code == 0 and json.loads(r.output)["results"]["bindings"][0]["provinceLabel"]["value"] == "Hà Tĩnh"
    r = run(app, ["query", "SELECT nonsense", "--store", store_dir])
    assert r.exit_code == 2
    r = run(app, ["stats", "--store", store_dir])
    assert r.exit_code == 0 and "plans" in r.output
    r = run(app, ["validate", "--store", store_dir])
    assert r.exit_code == 0, r.output
