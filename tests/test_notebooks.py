"""The analyst notebooks run end to end on a store built from data/plans/ through the real pipeline,
their numbers match the source texts and the REST API, and the committed copies read well on a forge.

Expected values are read off the sample plans by hand:
- "118/2025" occurs twice in data/plans: a body task of 000 (Hà Tĩnh, line 629 "Thực hiện Nghị định
  số 118/2025/NĐ-CP ...") and one of 003 (Văn phòng UBND tỉnh Sơn La, lines 290-300);
- 000 line 834-836: "Nghị định số 60/2021/NĐ-CP (được sửa đổi, bổ sung tại Nghị định số 111/2025/NĐ-CP)";
  003 cites NĐ 60/2021/NĐ-CP (lines 468, 477) and never NĐ 111/2025/NĐ-CP;
- 000 targets 1.2 "Tối thiểu 35% cơ quan, đơn vị được kiểm tra CCHC" (line 249), 1.3 "Phấn đấu ít nhất
  có 03 sáng kiến" (line 255), 6.1 "Giảm tối thiểu 2,5% chi hỗ trợ trực tiếp" (line 352).
"""
from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from graph import queries
from graph.iri import ID
from tests.conftest import key_of, plan_of_file

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NAMES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
ND118 = "https://w3id.org/reformkg/id/legal/nd-118-2025-nd-cp"
SOURCE_000, SOURCE_003 = "000_020fcace3bf4412a.txt", "003_1804e7c71a558f13.txt"
COOKBOOK = ["tasks_per_agency", "tasks_per_area", "deadlines_by_quarter", "quantitative_targets",
            "tasks_without_legal_basis", "area_coverage", "documents_cited_most", "plans_citing_changed_documents"]


@pytest.fixture(scope="module")
def store(make_store):
    """data/plans through the real pipeline (not the gold records), in a folder the kernels open."""
    return make_store([ROOT / "data" / "plans"], on_disk=True)


@pytest.fixture(scope="module")
def executed(store, tmp_path_factory):
    """Run a notebook (once per module) on the test store, in a scratch copy of notebooks/ so files
    a notebook writes stay out of the source tree -> the executed notebook."""
    work = tmp_path_factory.mktemp("notebooks")
    shutil.copytree(NOTEBOOKS, work, dirs_exist_ok=True, ignore=shutil.ignore_patterns("views", "__pycache__"))
    done = {}

    def run(name: str):
        if name not in done:
            nb = nbformat.read(work / name, as_version=4)
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("REFORMKG_STORE", store.location)   # the kernel inherits the environment
                NotebookClient(nb, timeout=120, kernel_name="python3",
                               resources={"metadata": {"path": str(work)}}).execute()
            done[name] = nb
        return done[name]
    return run


def outputs_text(nb) -> str:
    return json.dumps([c.get("outputs", []) for c in nb.cells if c.cell_type == "code"], ensure_ascii=False)


def answers(nb) -> dict:
    """The value shown by the cell tagged 'answers' (a dict literal)."""
    cell = next(c for c in nb.cells if "answers" in c.metadata.get("tags", []))
    result = next(o for o in cell.outputs if o.output_type == "execute_result")
    return ast.literal_eval(result["data"]["text/plain"])


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_without_error_or_local_paths(name, executed, store):
    nb = executed(name)         # a cell that raises fails here with its traceback
    text = outputs_text(nb)
    assert '"output_type": "error"' not in text
    assert str(store.location) not in text and str(ROOT) not in text
    assert any("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", [])), "no plot"


@pytest.mark.slow
def test_decree_walk_finds_the_tasks_in_the_source_text(executed, store):
    got = answers(executed("01_trace_a_decree.ipynb"))
    assert got["tasks implementing NĐ 118/2025/NĐ-CP"] == 2
    assert got["plans"] == 2 and got["tasks by province"] == {"Hà Tĩnh": 1, "Sơn La": 1}
    # one task of 000's plan, then one of 003's ('task/<plan key>/...', sorted)
    plans = [key_of(plan_of_file(store, s)) for s in (SOURCE_000, SOURCE_003)]
    assert len(got["task ids"]) == 2
    assert all(t.startswith(f"task/{p}/") for t, p in zip(got["task ids"], plans)), (got["task ids"], plans)


def test_cookbook_queries_are_canonical_files_used_by_the_notebook():
    source = "\n".join(c.source for c in nbformat.read(NOTEBOOKS / "02_sparql_cookbook.ipynb", as_version=4).cells)
    known = queries.load()
    for name in COOKBOOK:
        assert known[name].title and known[name].answers, name
        assert f'run("{name}")' in source, name


def test_quantitative_targets_read_their_thresholds(store):
    rows = {r["text"][:40]: r for r in queries.run(store, "quantitative_targets", plan=plan_of_file(store, SOURCE_000))}
    floor = next(r for t, r in rows.items() if t.startswith("Tối thiểu 35% cơ quan"))
    assert (floor["bound"], floor["threshold"], floor["unit"]) == ("at least", "35", "%")
    count = next(r for t, r in rows.items() if t.startswith("Phấn đấu ít nhất có 03 sáng kiến"))
    assert (count["bound"], count["threshold"], count["unit"]) == ("at least", "03", "sáng kiến")
    cut = next(r for t, r in rows.items() if t.startswith("Giảm tối thiểu 2,5%"))
    assert cut["threshold"] == "2,5"


def test_plans_citing_an_amended_decree_and_whether_they_cite_the_amendment(store):
    rows = [(r["plan"], r["relation"], r["newId"], r["alsoCitesNew"])
            for r in queries.run(store, "plans_citing_changed_documents") if r["oldId"] == "NĐ 60/2021/NĐ-CP"]
    assert (plan_of_file(store, SOURCE_000), "amended by", "NĐ 111/2025/NĐ-CP", "true") in rows
    assert (plan_of_file(store, SOURCE_003), "amended by", "NĐ 111/2025/NĐ-CP", "false") in rows


def test_area_coverage_lists_all_seven_areas_for_every_plan(store):
    rows = queries.run(store, "area_coverage")
    plans = {r["plan"] for r in rows}
    assert len(plans) == 4 and len(rows) == 7 * len(plans)


def test_tasks_citing_a_document_are_not_reported_without_legal_basis(store):
    citing = {r["task"] for r in queries.run(store, "tasks_implementing", doc=ND118)}
    missing = {r["task"] for r in queries.run(store, "tasks_without_legal_basis")}
    assert len(citing) == 2 and not citing & missing


@pytest.fixture(scope="module")
def rest(store):
    from fastapi.testclient import TestClient

    from api.server import create_app

    with TestClient(create_app(store)) as client:
        yield client


@pytest.mark.slow
def test_decree_walk_agrees_with_the_rest_api(executed, rest):
    found = rest.get("/legal-documents", params={"q": "nghi dinh 118"})
    assert found.status_code == 200 and found.json()["items"][0]["iri"] == ND118
    page = rest.get(found.json()["items"][0]["url"])
    assert page.status_code == 200
    doc = page.json()
    notebook = answers(executed("01_trace_a_decree.ipynb"))
    assert doc["tasks_total"] == notebook["tasks implementing NĐ 118/2025/NĐ-CP"]
    assert {g["province"]: sum(len(p["tasks"]) for p in g["plans"]) for g in doc["tasks_by_province"]} \
        == notebook["tasks by province"]
    assert sum(len(g["plans"]) for g in doc["tasks_by_province"]) == notebook["plans"]
    assert {t["iri"] for g in doc["tasks_by_province"] for p in g["plans"] for t in p["tasks"]} \
        == {ID + t for t in notebook["task ids"]}


def test_cookbook_counts_per_area_agree_with_the_rest_api(store, rest):
    for row in queries.run(store, "tasks_per_area"):
        listed = rest.get("/tasks", params={"area": row["code"], "limit": 1})
        assert listed.status_code == 200
        assert listed.json()["total"] == int(row["tasks"]) + int(row["activities"]), row["code"]


def test_committed_notebooks_carry_outputs_that_read_well():
    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(c.execution_count for c in code), f"{name}: run it and commit it with its outputs"
        text = outputs_text(nb)
        assert '"output_type": "error"' not in text, name
        assert not re.search(r"(/work/|/tmp/|/home/|/root/|[A-Z]:\\\\)", text), f"{name}: a local path in outputs"
        assert (NOTEBOOKS / name).stat().st_size < 400_000, f"{name}: outputs too large for a forge"
