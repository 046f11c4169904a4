"""The ontology file, the SHACL shapes (they must catch bad graphs) and the README's examples."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

import graph
from graph.store import Store

ROOT = Path(__file__).resolve().parent.parent
RKG = rdflib.Namespace("https://w3id.org/reformkg/ontology#")


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology" / "reform.ttl")


def test_own_terms_have_vietnamese_and_english_labels(ontology):
    terms = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(str(RKG))}
    assert {RKG.Plan, RKG.Task, RKG.Activity, RKG.Target, RKG.Deadline, RKG.AgencyGroup} <= terms
    for t in terms:
        langs = {lbl.language for lbl in ontology.objects(t, RDFS.label)}
        assert {"vi", "en"} <= langs, t


def test_plan_is_a_legal_resource_and_groups_are_not_organisations(ontology):
    assert (RKG.Plan, RDFS.subClassOf, rdflib.URIRef("http://data.europa.eu/eli/ontology#LegalResource")) in ontology
    assert not list(ontology.objects(RKG.AgencyGroup, RDFS.subClassOf))
    assert (None, RDF.type, OWL.Ontology) in ontology


def test_seven_reform_areas(ontology):
    scheme = rdflib.URIRef("https://w3id.org/reformkg/id/area")
    assert len(set(ontology.subjects(SKOS.inScheme, scheme))) == 7
    # the vocabulary ingest classifies headings with names the same concepts
    from ingest.vocab import AREAS
    notations = {str(n) for c in ontology.subjects(SKOS.inScheme, scheme) for n in ontology.objects(c, SKOS.notation)}
    assert {a.code for a in AREAS} == notations


def test_shapes_report_violations_readably():
    s = Store(":memory:")
    bad = "https://w3id.org/reformkg/id/task/x/1"
    group = "https://w3id.org/reformkg/id/group/ha-tinh/cac-so"
    s.replace_graph("https://w3id.org/reformkg/graph/x", rdflib_triples(f"""
        @prefix rkg: <https://w3id.org/reformkg/ontology#> .
        @prefix org: <http://www.w3.org/ns/org#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <{bad}> a rkg:Task ; rkg:leadAgency <{group}> .
        <{group}> a rkg:AgencyGroup , org:Organization ; skos:prefLabel "Các sở" .
    """))
    conforms, text = graph.validate(s)
    assert not conforms
    assert f"<{bad}> rdfs:label: a task needs exactly one text" in text
    assert f"<{bad}> rkg:inPlan: a task belongs to exactly one plan" in text
    assert f"<{group}>" in text and "an agency group is not a single organisation" in text


def rdflib_triples(turtle: str):
    import pyoxigraph as ox
    return [q.triple for q in ox.parse(turtle, format=ox.RdfFormat.TURTLE)]


def test_readme_examples_run_on_the_samples(gold_store):
    readme = (ROOT / "ontology" / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sparql\n(.*?)```", readme, re.S)
    assert len(blocks) == 10
    empty = [b.splitlines()[-1] for b in blocks if not gold_store.select(b)]
    # the samples have no department plan whose province plan is in the graph: no target links
    assert len(empty) == 1 and "DESC(?score)" in empty[0]


def test_every_own_term_the_graph_uses_is_declared(ontology, gold_store):
    used = {r["t"] for r in gold_store.select("""SELECT DISTINCT ?t WHERE { { ?s ?t ?o } UNION { ?s a ?t } }""")
            if r["t"].startswith(str(RKG))}
    declared = {str(t) for t in ontology.subjects(RDF.type, None)}
    assert used and used <= declared, used - declared
