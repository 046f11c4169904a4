"""What a new user meets at the `reformkg` command line: output into a folder not made yet, a query
name mistyped, a parameter misnamed or a date typed the Vietnamese way (dd/mm/yyyy), the summary of an
ingest that changed nothing, and the help of the commands taking several paths."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from api.cli import app
from graph.queries import load
from tests.conftest import ROOT

PLAN = ROOT / "data" / "plans" / "002_a39914e25e1938d1.txt"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def db(gold_store_on_disk) -> str:
    return str(gold_store_on_disk.location)      # ingested and flushed; the commands open it read-only


# ---------------------------------------------------------------- 1. -o into a missing folder
def test_view_writes_into_a_missing_folder(db, tmp_path):
    out = tmp_path / "missing" / "dir" / "x.html"
    r = run("view", "--legal-document", "NĐ 118/2025", "-o", out, "--store", db)
    assert r.exit_code == 0, r.output
    assert out.is_file() and "Traceback" not in r.output


def test_export_writes_into_a_missing_folder(db, tmp_path):
    out = tmp_path / "missing" / "dir" / "x.ttl"
    r = run("export", "--format", "ttl", "-o", out, "--store", db)
    assert r.exit_code == 0, r.output
    assert out.stat().st_size > 0


# ---------------------------------------------------------------- 2. neither SPARQL nor a query name
def test_query_unknown_name_lists_the_known_ones(db):
    r = run("query", "nosuchname", "--store", db)
    assert r.exit_code == 2, r.output
    assert "CONSTRUCT" not in r.output.replace("SELECT/ASK/CONSTRUCT/DESCRIBE/PREFIX", "")
    line = r.stderr.strip()
    assert "\n" not in line and "'nosuchname'" in line and "neither" in line, repr(line)
    assert all(name in line for name in load())            # every graph/queries/*.rq


def test_query_name_and_sparql_still_run(db):
    r = run("query", "plans_of_province", "--format", "csv", "--store", db)
    assert r.exit_code == 0, r.output
    r = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?p a rkg:Plan }", "--format", "csv", "--store", db)
    assert r.exit_code == 0 and r.output.split()[0] == "n"
    r = run("query", "SELECT ?x WHERE { ?x ?y }", "--store", db)         # a SPARQL mistake: the parser's
    assert r.exit_code == 2 and "query failed" in r.output


# ---------------------------------------------------------------- 3. parameters
def test_unknown_parameter_is_refused_with_the_names_the_query_takes(db):
    r = run("query", "tasks_due", "-p", "form=2025-07-01", "--store", db)
    assert r.exit_code == 2, r.output
    line = r.stderr.strip()
    assert "\n" not in line and "'form'" in line and "from, to" in line
    r = run("query", "SELECT ?plan WHERE { ?plan a rkg:Plan }", "-p", "doc=https://x.org/a", "--store", db)
    assert r.exit_code == 2 and "takes: plan" in r.stderr


def rows(output: str) -> list[str]:
    return output.strip().splitlines()[1:]          # csv without its header


def test_dd_mm_yyyy_is_read_as_an_iso_date(db):
    iso = run("query", "tasks_due", "-p", "from=2025-07-01", "--format", "csv", "--store", db)
    vn = run("query", "tasks_due", "-p", "from=01/07/2025", "--format", "csv", "--store", db)
    assert iso.exit_code == 0 and vn.exit_code == 0, vn.output
    every = run("query", "tasks_due", "--format", "csv", "--store", db)
    assert rows(vn.output) and rows(vn.output) == rows(iso.output)
    assert len(rows(vn.output)) < len(rows(every.output))      # the bound did bind
    both = run("query", "tasks_due", "-p", "from=1/7/2025", "-p", "to=31.12.2025", "--format", "csv",
               "--store", db)
    assert both.exit_code == 0 and rows(both.output)


@pytest.mark.parametrize("value", ["31/02/2025", "2025-13-01", "next week", "07/2025"])
def test_malformed_date_is_one_line(db, value):
    r = run("query", "tasks_due", "-p", f"from={value}", "--store", db)
    assert r.exit_code == 2, r.output
    line = r.stderr.strip()
    assert "\n" not in line and value in line and "date" in line and "Traceback" not in r.output


def test_parameter_without_a_value_is_refused(db):
    r = run("query", "tasks_due", "-p", "from", "--store", db)
    assert r.exit_code == 2 and "NAME=VALUE" in r.stderr


# ---------------------------------------------------------------- 4. ingest's summary
def test_ingest_counts_each_status_apart(tmp_path):
    store = tmp_path / "store"
    r = run("ingest", PLAN, "--create", "--store", store)
    assert r.exit_code == 0, r.output
    assert "1 ingested, 0 failed (1 added, 0 replaced, 0 unchanged)" in r.output
    r = run("ingest", PLAN, "--store", store)
    assert r.exit_code == 0, r.output
    assert "0 ingested, 0 failed (0 added, 0 replaced, 1 unchanged)" in r.output
    assert re.search(r"^unchanged\s+\d+ triples", r.output, re.M)


# ---------------------------------------------------------------- 5. help of list arguments
@pytest.mark.parametrize("command, metavar", [("ingest", "PATH"), ("extract", "FILE")])
def test_help_names_list_arguments(command, metavar):
    r = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "160"})
    assert r.exit_code == 0
    assert "list[" not in r.output and "<list" not in r.output
    assert f"{{{metavar}}}..." in r.output and re.search(rf"\*\s+{metavar}\s", r.output)


def test_help_names_the_parameter_option():
    r = CliRunner().invoke(app, ["query", "--help"], env={"COLUMNS": "160"})
    assert "NAME=VALUE" in r.output and "list[" not in r.output


def test_only_date_parameters_are_read_as_dates():
    from graph.queries import parameters

    implementing = load()["tasks_implementing"].sparql
    assert parameters(implementing, ["id=118/2025", "doc=https://x.org/a"]) == {"id": "118/2025",
                                                                                "doc": "https://x.org/a"}
    assert parameters(load()["tasks_due"].sparql, ["from=1.7.2025", "to=2025-12-31"]) == {
        "from": "2025-07-01", "to": "2025-12-31"}
    assert parameters("SELECT ?n WHERE { ?x ?p ?n }", ["n=5"]) == {"n": "5"}     # no header: its variables
