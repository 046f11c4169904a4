"""Reference extraction on citations of issuers we have no sample of (tests/generators/refgen.py).

Every case's expected references were written by hand from its text; each case runs in
every layout variant of the flattened dumps (as printed, blank lines, narrow column).
"""
import pytest

from tests.generators import refgen
from ingest import refs as legal_refs
from ingest.models import Line

PARAMS = [pytest.param(case, variant, text, id=f"{case.name}/{variant}")
          for case in refgen.CASES for variant, text in refgen.variants(case).items()]


def collect(text, meta):
    return legal_refs.collect([Line(text=t, lineno=i + 1) for i, t in enumerate(text.split("\n"))], meta)


@pytest.mark.parametrize("case, variant, text", PARAMS)
def test_references_of_other_issuers(case, variant, text):
    refs, relations = collect(text, case.meta)
    assert [r.id for r in refs] == [g.id for g in case.refs]
    for r, g in zip(refs, case.refs):
        got = (r.doc_type, r.number, r.symbol, r.date, r.scope)
        assert got == (g.doc_type, g.number, g.symbol, g.date, g.scope), g.id
        if g.issuer:
            assert r.issuer == g.issuer, g.id
        if g.id in case.mentions:
            assert r.mentions == case.mentions[g.id], g.id
    found = {(r.subject, r.predicate, r.object) for r in relations}
    assert set(case.relations) <= found


def test_cells_take_the_same_ids():
    # a table cell citing a law by name without year and a cut-off symbol, completed from the document
    known = ["Luật Tổ chức chính quyền địa phương 2025", "QĐ 1085/QĐ-BNV"]
    assert legal_refs.cite("Triển khai Luật Tổ chức chính quyền địa phương; Quyết định số 1085/QĐ", refgen.NGHE_AN,
                    known) == known
