"""Reference extraction on citations of issuers we have no sample of (tests/generators/refgen.py).

Every case's expected references were written by hand from its text; each case runs in
every layout variant of the flattened dumps (as printed, blank lines, narrow column). A whole
plan with no number/date block and no wrapping decision is extracted end to end (references,
preamble, body tasks).
"""
import textwrap

import pytest

from tests.generators import refgen
from ingest import extract
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


def test_cells_take_the_long_name_of_a_law_shortened_by_the_document():
    # the document defined THDCCS and BHVBQPPL in its preamble; a cell or bullet has only the short form
    known = ["Luật Thực hiện dân chủ ở cơ sở 2022", "Luật Ban hành văn bản quy phạm pháp luật 2025"]
    got = legal_refs.cite("Phổ biến Luật THDCCS; Luật BHVBQPPL; Luật Ban hành VBQPPL; Luật HVB", refgen.NGHE_AN, known)
    assert got == [*known, "Luật HVB"]          # HVB spells no known law: kept as printed


def _pdf_dump(text: str) -> str:
    """The text as the flattened-PDF dumps print it: lines wrapped at 70 columns, each ending in a
    space and followed by a blank line."""
    out = []
    for line in text.splitlines():
        out += [f"{w} " for w in textwrap.wrap(line, 70)] or [" "]
        out.append("")
    return "\n".join(out)


@pytest.mark.parametrize("layout", ["as printed", "pdf dump"])
def test_a_plan_with_no_number_date_block_nor_wrapper(tmp_path, layout):
    path = tmp_path / "ke_hoach.txt"
    path.write_text(refgen.UNNUMBERED_PLAN if layout == "as printed" else _pdf_dump(refgen.UNNUMBERED_PLAN),
                    encoding="utf-8")
    ex = extract(path)
    law, nq = "Luật Ban hành văn bản quy phạm pháp luật 2025", "NQ 66.7/2025/NQ-CP"
    assert ex.document.adopting_act is None
    assert ex.document.implements == [law, nq, "KH 45/KH-UBND"]
    got = {r.id: (r.number, r.symbol, r.date, r.scope, r.mentions) for r in ex.legal_references}
    assert got == {law: (None, None, None, "national", 2),
                   nq: ("66.7", "2025/NQ-CP", "2025-11-15", "national", 2),
                   "KH 45/KH-UBND": ("45", "KH-UBND", "2026-01-10", "Khánh Hòa", 1),
                   "NĐ 118/2025/NĐ-CP": ("118", "2025/NĐ-CP", "2025-06-09", "national", 1)}
    assert [(t.area, t.legal_refs) for t in ex.body_tasks] == [
        ("Cải cách thể chế", [law]), ("Cải cách thể chế", [nq]),
        ("Cải cách thủ tục hành chính", ["NĐ 118/2025/NĐ-CP"])]
