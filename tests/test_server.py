"""The server, through a real uvicorn on a free port and real clients (SPARQLWrapper, urllib).

The store is built from the gold records of the four samples (not the extractor's
output; conftest.py: gold_store_on_disk, as the query workers open it by its location), so
expected facts are checked against the gold files and the plan texts. The SPARQL protocol, search,
REST and page tests (those taking `server`) run over each kind of store: that folder, an Oxigraph
server and Virtuoso holding the same plans (conftest.py: gold_store_of).
"""
from __future__ import annotations

import csv
import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from xml.dom.minidom import Document

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from api.negotiate import Offer, choose, parse_accept
from api.server import create_app
from graph import iri
from tests.conftest import STORE_KINDS, key_of, plan_of_file
from tests.processes import Threaded

ND118 = iri.ID + "legal/nd-118-2025-nd-cp"
SOURCE_000, SOURCE_001, SOURCE_003 = "000_020fcace3bf4412a.txt", "001_e89377c2e29b69c2.txt", "003_1804e7c71a558f13.txt"


def Server(store, **limits) -> Threaded:
    """create_app(store, **limits) served over real HTTP (tests.processes.Threaded)."""
    return Threaded(create_app(store, **limits))


@pytest.fixture(scope="module")
def plans(gold_store_on_disk):
    """The plan IRI of each sample, by the file it was read from: {SOURCE_000: plan IRI, ...}."""
    return {s: plan_of_file(gold_store_on_disk, s) for s in (SOURCE_000, SOURCE_001, SOURCE_003)}



def on_virtuoso_xfail(request, reason: str) -> None:
    if request.node.callspec.params.get("server") == "virtuoso":
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))


def task_of(plan: str, ref: str) -> str:
    """A task IRI: task/<plan key>/<ref> (graph.iri)."""
    return iri.ID + f"task/{key_of(plan)}/{ref}"


@pytest.fixture(scope="module", params=STORE_KINDS)
def server(request, gold_store_on_disk, gold_store_of):
    """The server over the gold plans on each kind of store: the tests that take it run on an embedded
    folder, an Oxigraph server and Virtuoso (the session's engines, tests/engines.py)."""
    store = gold_store_on_disk if request.param == "embedded" else gold_store_of(request.param)
    with Server(store, timeout=60, row_limit=5000) as srv:
        yield srv


def get(server, path: str, accept: str | None = None, method: str = "GET", data: bytes | None = None,
        ctype: str | None = None):
    """(status, content type, body text) of one request."""
    headers = {k: v for k, v in (("Accept", accept), ("Content-Type", ctype)) if v}
    req = urllib.request.Request(server.base + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8")


def q(text: str) -> str:
    return urllib.parse.quote(text)


def client(server, fmt, query: str) -> SPARQLWrapper:
    w = SPARQLWrapper(server.base + "/sparql")
    w.setReturnFormat(fmt)
    w.setQuery(query)
    return w


ID_OF_118 = f"PREFIX eli: <http://data.europa.eu/eli/ontology#> SELECT ?id WHERE {{ <{ND118}> eli:id_local ?id }}"
CITING_118 = f"CONSTRUCT {{ ?t rkg:legalBasis <{ND118}> }} WHERE {{ ?t rkg:legalBasis <{ND118}> }}"
# gold: the body tasks of 000 (Cải cách TTHC) and 003 (one-stop shop, source L294) cite NĐ 118/2025/NĐ-CP
TASKS_118 = ((SOURCE_000, "body/procedures/7"), (SOURCE_003, "body/procedures/4"))


# ---------------------------------------------------------------- Accept parsing
def test_accept_parser_follows_q_values_specificity_and_server_order():
    offers = [Offer("application/sparql-results+json", "json", ("application/json",)),
              Offer("text/csv", "csv"), Offer("text/html", "html")]
    assert choose("text/csv;q=0.5, application/json;q=0.9", offers).key == "json"
    assert choose("text/*;q=0.3, text/csv", offers).key == "csv"
    assert choose("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", offers).key == "html"
    assert choose("*/*", offers).key == "json"          # no preference: the server's first
    assert choose(None, offers).key == "json"
    assert choose("text/csv;q=0, */*", offers).key == "json"
    assert choose("text/*, text/html;q=0", offers).key == "csv"
    assert choose("image/png", offers) is None
    assert parse_accept("text/html;level=1;q=0.7") == [("text/html", 0.7, 2)]


# ---------------------------------------------------------------- SPARQL protocol with SPARQLWrapper
def test_select_in_every_result_format(server):
    want = "NĐ 118/2025/NĐ-CP"
    res = client(server, JSON, ID_OF_118).query()
    assert res.info()["content-type"].startswith("application/sparql-results+json")
    assert [b["id"]["value"] for b in res.convert()["results"]["bindings"]] == [want]

    doc = client(server, XML, ID_OF_118).query().convert()
    assert isinstance(doc, Document)
    assert [n.firstChild.data for n in doc.getElementsByTagName("literal")] == [want]

    text = client(server, CSV, ID_OF_118).query().convert().decode("utf-8")
    assert list(csv.reader(io.StringIO(text))) == [["id"], [want]]

    text = client(server, TSV, ID_OF_118).query().convert().decode("utf-8")
    assert text.splitlines() == ["?id", f'"{want}"']


def test_ask_and_post_methods(server):
    w = client(server, JSON, f"ASK {{ <{ND118}> a eli:LegalResource }}")
    assert w.query().convert()["boolean"] is True
    w = client(server, JSON, ID_OF_118)
    w.setMethod(POST)                                   # form-encoded
    assert w.query().convert()["results"]["bindings"][0]["id"]["value"] == "NĐ 118/2025/NĐ-CP"
    w = client(server, JSON, ID_OF_118)
    w.setMethod(POST)
    w.setRequestMethod(POSTDIRECTLY)                    # application/sparql-query body
    assert w.query().convert()["results"]["bindings"][0]["id"]["value"] == "NĐ 118/2025/NĐ-CP"


@pytest.mark.parametrize("fmt,rdf_format", [(TURTLE, "turtle"), (JSONLD, None), (N3, "nt"), (RDFXML, None)])
def test_construct_in_every_rdf_format(server, plans, fmt, rdf_format):
    res = client(server, fmt, CITING_118).query()
    ctype = res.info()["content-type"]
    assert ctype.split(";")[0] == {TURTLE: "text/turtle", JSONLD: "application/ld+json",
                                   N3: "application/n-triples", RDFXML: "application/rdf+xml"}[fmt]
    out = res.convert()
    g = out if isinstance(out, rdflib.Graph) else rdflib.Graph().parse(data=out.decode("utf-8"), format=rdf_format)
    assert {str(s) for s in g.subjects()} == {task_of(plans[source], ref) for source, ref in TASKS_118}
    assert {str(o) for o in g.objects()} == {ND118}


def test_default_and_named_graph_parameters(server, plans):
    plan_001 = plans[SOURCE_001]
    g001 = iri.graph(key_of(plan_001))            # one named graph per plan, under the plan's key
    all_plans = "SELECT ?p WHERE { ?p a rkg:Plan }"
    w = client(server, JSON, all_plans)
    w.addParameter("default-graph-uri", g001)
    assert [b["p"]["value"] for b in w.query().convert()["results"]["bindings"]] == [plan_001]
    w = client(server, JSON, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?p a rkg:Plan } }")
    w.addParameter("named-graph-uri", g001)
    assert [b["g"]["value"] for b in w.query().convert()["results"]["bindings"]] == [g001]
    # without them the default graph is the union of all plans
    assert len(client(server, JSON, all_plans).query().convert()["results"]["bindings"]) == 4


def test_malformed_query_gets_400_with_the_parser_message(server):
    with pytest.raises(QueryBadFormed) as e:
        client(server, JSON, "SELECT ?x WHERE { ?x a }").query()
    # the parser's own message: Oxigraph's "error at line:column" (an engine counts the lines of the
    # prefixes the store puts first), Virtuoso's "SP030: SPARQL compiler, line N: syntax error"
    assert re.search(r"error at \d+:\d+|SP030: SPARQL compiler, line \d+", str(e.value)), str(e.value)
    status, _, body = get(server, "/sparql?query=" + q("SELEC ?x {}"))
    assert status == 400 and "malformed query" in body


def test_updates_are_refused_and_change_nothing(server):
    insert = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    for path, data, ctype in (("/sparql?query=" + q(insert), None, None),
                              ("/sparql", urllib.parse.urlencode({"update": insert}).encode(),
                               "application/x-www-form-urlencoded"),
                              ("/sparql", insert.encode(), "application/sparql-update"),
                              ("/sparql", insert.encode(), "application/sparql-query"),
                              ("/sparql?query=" + q("# comment\nPREFIX x: <urn:x#>\nCLEAR ALL"), None, None),
                              ("/sparql?query=" + q("LOAD <http://example.org/x.ttl>"), None, None)):
        status, _, body = get(server, path, method="POST" if data else "GET", data=data, ctype=ctype)
        assert status == 403 and "read-only" in body, (path, body)
    w = client(server, JSON, insert)                   # SPARQLWrapper sends it as an update
    w.setMethod(POST)
    with pytest.raises(Exception, match="403"):
        w.query()
    assert client(server, JSON, "ASK { <urn:x:a> ?p ?o }").query().convert()["boolean"] is False
    # a keyword inside a string or IRI is not an update
    status, _, _ = get(server, "/sparql?query=" + q('SELECT ("INSERT DATA" AS ?x) WHERE {}'))
    assert status == 200


def test_federated_service_is_refused(server):
    status, _, body = get(server, "/sparql?query=" + q("SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"))
    assert status == 403 and "SERVICE" in body


def test_unsupported_accept_gets_406(server):
    status, _, body = get(server, "/sparql?query=" + q(ID_OF_118), accept="image/png")
    assert status == 406 and "application/sparql-results+json" in body
    status, _, _ = get(server, "/sparql?query=" + q(CITING_118), accept="text/csv")    # CSV is for results
    assert status == 406
    status, ctype, _ = get(server, "/sparql?query=" + q(ID_OF_118), accept="text/csv;q=0.2, application/xml")
    assert status == 200 and ctype.startswith("application/sparql-results+xml")


def test_row_limit_gives_a_clear_error(gold_store_on_disk):
    with Server(gold_store_on_disk, timeout=60, row_limit=3) as srv:
        status, _, body = get(srv, "/sparql?query=" + q("SELECT ?p WHERE { ?p a rkg:Plan }"))
        assert status == 422 and "more than 3 rows" in body
        status, _, _ = get(srv, "/sparql?query=" + q("SELECT ?p WHERE { ?p a rkg:Plan } LIMIT 3"))
        assert status == 200


def test_timeout_stops_the_query_and_the_server_keeps_answering(gold_store_on_disk):
    cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"   # ~10^12 rows
    with Server(gold_store_on_disk, timeout=2, workers=1) as srv:
        status, _, body = get(srv, "/sparql?query=" + q(cartesian))
        assert status == 503 and "time limit of 2 s" in body
        # the one worker was killed and replaced: the next query is answered
        w = client(srv, JSON, ID_OF_118)
        assert w.query().convert()["results"]["bindings"][0]["id"]["value"] == "NĐ 118/2025/NĐ-CP"


def test_service_description_and_query_page(server, gold_store_on_disk):
    status, ctype, body = get(server, "/sparql", accept="text/turtle")
    assert status == 200 and ctype.startswith("text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    me = rdflib.URIRef(server.base + "/sparql")
    assert (me, rdflib.RDF.type, sd.Service) in g and (me, sd.endpoint, me) in g
    assert {str(o) for o in g.objects(None, sd.name)} == set(gold_store_on_disk.graphs())

    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    status, ctype, html = get(server, "/sparql", accept=browser)
    assert status == 200 and ctype.startswith("text/html") and "<textarea" in html
    assert "Nhiệm vụ thực hiện một văn bản pháp luật" in html    # a canonical query as an example
    status, _, html = get(server, "/sparql?query=" + q(ID_OF_118), accept=browser)
    assert "<td>NĐ 118/2025/NĐ-CP</td>" in html and "format=csv" in html
    assert 'src="http' not in html and 'href="http' not in html.replace('href="http://127', "")


# ---------------------------------------------------------------- REST
@pytest.mark.parametrize("typed", ["nghi dinh 118", "NĐ 118", "118/2025", "Nghị định số 118/2025/NĐ-CP", "nd 118"])
def test_legal_document_search_finds_nd_118_first(server, typed):
    status, ctype, body = get(server, "/legal-documents?q=" + q(typed))
    assert status == 200 and ctype.startswith("application/json")
    assert json.loads(body)["items"][0]["label"] == "NĐ 118/2025/NĐ-CP"


def test_nd_118_page_lists_the_implementing_tasks_of_000_and_003(request, server, plans, gold_records):
    status, _, body = get(server, "/legal-documents/nd-118-2025-nd-cp")
    doc = json.loads(body)
    assert status == 200 and doc["label"] == "NĐ 118/2025/NĐ-CP" and doc["date"] == "2025-06-09"
    # expected: the gold body tasks citing NĐ 118/2025/NĐ-CP, by province and plan
    expected = {(r.document.province, t.text) for r in gold_records for t in r.body_tasks
                if "NĐ 118/2025/NĐ-CP" in t.legal_refs}
    assert {p for p, _ in expected} == {"Hà Tĩnh", "Sơn La"}
    got = {(g["province"], t["text"]) for g in doc["tasks_by_province"] for p in g["plans"] for t in p["tasks"]}
    assert got == expected
    listed = {p["plan"]["iri"] for g in doc["tasks_by_province"] for p in g["plans"]}
    assert listed == {plans[SOURCE_000], plans[SOURCE_003]}
    # the HTML page of the same document shows them too, and links the graph view
    status, _, html = get(server, "/id/legal/nd-118-2025-nd-cp", accept="text/html")
    assert status == 200 and "/view/legal-document/nd-118-2025-nd-cp" in html
    for _, text in expected:
        assert text.split(" theo theo ")[0] in html


def test_lists_paginate_filter_and_have_a_csv_twin(request, server, plans):
    _, _, body = get(server, "/tasks?province=son-la&limit=5")
    page = json.loads(body)
    assert page["total"] > 5 and len(page["items"]) == 5 and "offset=5" in page["next"]
    assert {t["province"] for t in page["items"]} == {"Sơn La"}
    _, _, body2 = get(server, page["next"])
    assert {t["id"] for t in json.loads(body2)["items"]}.isdisjoint({t["id"] for t in page["items"]})
    # area + deadline range: every end date inside the range
    _, _, body = get(server, "/tasks?area=procedures&due_from=2025-07-01&due_to=2025-09-30&limit=1000")
    items = json.loads(body)["items"]
    assert items and all(t["area"] == "procedures" and "2025-07-01" <= t["deadline_end"] <= "2025-09-30"
                         for t in items)
    # 000 appendix 2.1 (Chuẩn hoá mô hình ... TTPVHCC cấp xã) has lead "Các xã, phường" and deadline "Tháng 7/2025"
    row = next(t for t in items if t["id"] == key_of(plans[SOURCE_000]) + "/procedures/2-1")
    assert row["deadline"] == "Tháng 7/2025" and [a["label"] for a in row["lead"]] == ["Các xã, phường"]
    status, ctype, text = get(server, "/tasks.csv?province=son-la")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert ctype.startswith("text/csv") and len(rows) == page["total"]
    status, ctype, _ = get(server, "/legal-documents?q=118", accept="text/csv")
    assert ctype.startswith("text/csv")
    status, _, body = get(server, "/tasks?due_from=July")
    assert status == 400 and "dd/mm/yyyy" in body


def test_task_agency_plan_target_details(request, server, plans):
    plan_000 = plans[SOURCE_000]
    _, _, body = get(server, f"/tasks/{key_of(plan_000)}/procedures/2-1")
    t = json.loads(body)
    assert t["ref"] == "2.1" and t["plan"]["iri"] == plan_000 and t["provenance"]["source"] == SOURCE_000
    # the plan implements NQ 76/NQ-CP (its preamble): the legal basis chain reaches the national programme
    assert "NQ 76/NQ-CP" in {b["document"]["label"] for b in t["legal_basis"]}
    _, _, body = get(server, "/agencies/ha-tinh/so-noi-vu")
    a = json.loads(body)
    assert a["label"] == "Sở Nội vụ" and a["jurisdiction"] == "Hà Tĩnh" and a["tasks_led"]
    _, _, body = get(server, "/plans/" + key_of(plans[SOURCE_001]))
    p = json.loads(body)
    assert p["level"] == "commune" and p["jurisdiction"] == "Hoằng Sơn" and p["province"] == "Thanh Hóa"
    _, _, body = get(server, "/targets?plan=" + q(key_of(plan_000)) + "&limit=1")
    first = json.loads(body)["items"][0]
    status, _, body = get(server, first["url"])
    assert status == 200 and json.loads(body)["plan"]["iri"] == plan_000
    assert get(server, "/tasks/no/such/task")[0] == 404
    assert get(server, "/tasks/" + q("a>b"))[0] == 400       # not an id: never reaches a query


def test_resource_iris_dereference_to_html_or_rdf(request, server):
    path = "/id/legal/nd-118-2025-nd-cp"
    status, ctype, body = get(server, path, accept="text/turtle")
    assert status == 200 and ctype.startswith("text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    eli = rdflib.Namespace("http://data.europa.eu/eli/ontology#")
    assert str(g.value(rdflib.URIRef(ND118), eli.id_local)) == "NĐ 118/2025/NĐ-CP"
    status, ctype, body = get(server, path, accept="application/ld+json")
    assert ctype.startswith("application/ld+json")
    assert (rdflib.URIRef(ND118), eli.id_local, None) in rdflib.Graph().parse(data=body, format="json-ld")
    status, ctype, _ = get(server, path + ".nt")
    assert ctype.startswith("application/n-triples")
    status, ctype, html = get(server, path, accept="text/html")
    assert ctype.startswith("text/html") and "NĐ 118/2025/NĐ-CP" in html
    assert get(server, "/id/legal/no-such-document", accept="text/turtle")[0] == 404


def test_pages_escape_text_and_load_nothing_remote(request, server, plans):
    status, _, html = get(server, "/legal-documents?q=" + q('<script>alert(1)</script>'), accept="text/html")
    assert status == 200 and "<script>alert" not in html and "&lt;script&gt;" in html
    for path in ("/", "/docs", "/tasks?limit=3", "/id/plan/" + key_of(plans[SOURCE_000]), "/id/place/ha-tinh"):
        status, ctype, html = get(server, path, accept="text/html")
        assert status == 200 and ctype.startswith("text/html"), path
        assert "<script src" not in html and "<link" not in html and "cdn" not in html.lower(), path
    _, _, docs = get(server, "/docs", accept="text/html")
    assert "/legal-documents" in docs and "/sparql" in docs
    status, ctype, spec = get(server, "/openapi.json")
    assert "/legal-documents" in json.loads(spec)["paths"]


def test_in_memory_store_is_served_in_process(make_store, gold_record):
    """create_app also takes a transient store (no worker process can open it): queries run in-process."""
    from fastapi.testclient import TestClient

    s = make_store([gold_record("001")])
    with TestClient(create_app(s)) as http:
        r = http.get("/sparql", params={"query": "SELECT ?p WHERE { ?p a rkg:Plan }"})
        plan_001 = plan_of_file(s, SOURCE_001)
        assert r.status_code == 200 and [b["p"]["value"] for b in r.json()["results"]["bindings"]] == [plan_001]
        assert http.get("/plans/" + key_of(plan_001)).json()["jurisdiction"] == "Hoằng Sơn"
