"""The command line and the server on every kind of store: a folder, an Oxigraph server, Virtuoso.

With REFORMKG_STORE the URL of a SPARQL endpoint (the session's engines, tests/engines.py) the
samples go in with `reformkg ingest data/plans`, a second run changes nothing, `reformkg stats`
counts them and `reformkg serve` answers the SPARQL protocol and the REST search over them. A store
that is missing, unreachable or failing is one line on stderr and exit 1; a folder is made a store
only when asked (`init`, `ingest --create`). `reformkg ingest` killed with SIGKILL half-way leaves
a store that opens and validates, and a re-run completes it. Every command runs as its own process
(tests/processes.py), as people run it, except where only the error path is checked.
"""
from __future__ import annotations

import json
import re
import signal
import subprocess
import time

import httpx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from api.cli import app
from graph.iri import ONTOLOGY_GRAPH
from tests.conftest import ROOT
from tests.processes import Served, clean_env, cli, command

PLANS_DIR = ROOT / "data" / "plans"
SAMPLES = sorted(p.name for p in PLANS_DIR.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
PLAN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?p a rkg:Plan }"


def remote_env(engine) -> dict:
    env = {"REFORMKG_STORE": engine.query_url, "REFORMKG_UPDATE_URL": engine.update_url}
    if engine.user:
        env.update(REFORMKG_STORE_USER=engine.user, REFORMKG_STORE_PASSWORD=engine.password)
    return env


def wiped(engine):
    """The engine's store, emptied of what an earlier test left (its graphs and their union)."""
    store = engine.store()
    store._update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in store.graphs() + [store.union_graph]))
    return store


def statuses(output: str) -> dict[str, str]:
    """{file name: status} from `reformkg ingest` output."""
    return {m.group(2).rsplit("/", 1)[-1]: m.group(1)
            for m in re.finditer(r"^(added|replaced|unchanged)\s+\d+ triples\s+(\S+)$", output, re.M)}


def stat(output: str, name: str) -> int:
    return int(re.search(rf"^{name}\s+(\d+)$", output, re.M).group(1))


def one_line(r) -> str:
    """The error of a failed command: exactly one line on stderr, no traceback."""
    assert r.returncode == 1 if hasattr(r, "returncode") else r.exit_code == 1, r
    err = r.stderr.strip()
    assert err and "\n" not in err and "Traceback" not in err, err
    return err


def snapshot(store) -> dict:
    """What a store holds, for 'changed nothing': graph -> (content hash, triples)."""
    return {g: (store.graph_hash(g), store.count(g)) for g in store.graphs()} | {"": store.count()}


# ---------------------------------------------------------------- remote stores
@pytest.fixture(scope="module")
def oxigraph(engines):
    """The session's Oxigraph server, the samples ingested by `reformkg ingest data/plans` (that run's output)."""
    engine = engines("oxigraph")
    wiped(engine)
    r = cli("ingest", "data/plans", env=remote_env(engine))
    return engine, r


def test_ingest_into_an_oxigraph_server_and_again_changes_nothing(oxigraph):
    engine, first = oxigraph
    assert first.returncode == 0, first.stderr
    assert statuses(first.stdout) == dict.fromkeys(SAMPLES, "added")
    before = snapshot(engine.store())
    again = cli("ingest", "data/plans", env=remote_env(engine))
    assert again.returncode == 0, again.stderr
    assert statuses(again.stdout) == dict.fromkeys(SAMPLES, "unchanged")
    assert snapshot(engine.store()) == before

    r = cli("stats", env=remote_env(engine))
    assert r.returncode == 0, r.stderr
    assert stat(r.stdout, "plans") == len(SAMPLES) and stat(r.stdout, "triples") == before[""]


def test_serve_on_an_oxigraph_server_answers_the_protocol_and_the_search(oxigraph):
    engine, _ = oxigraph
    with Served("--timeout", "30", env=remote_env(engine)) as srv:
        sparql = srv.base + "/sparql"
        csv = {"Accept": "text/csv"}
        assert httpx.get(sparql, params={"query": PLAN_COUNT}, headers=csv).text.split() == ["n", str(len(SAMPLES))]
        r = httpx.post(sparql, data={"query": PLAN_COUNT}, headers={"Accept": "application/sparql-results+json"})
        assert r.json()["results"]["bindings"][0]["n"]["value"] == str(len(SAMPLES))
        ask = "ASK { ?d eli:id_local \"NĐ 118/2025/NĐ-CP\" }"
        assert httpx.get(sparql, params={"query": ask}, headers={"Accept": "application/sparql-results+json"}
                         ).json()["boolean"] is True
        assert httpx.post(sparql, content=ask.encode(), headers={"Content-Type": "application/sparql-query",
                                                               "Accept": "application/sparql-results+json"}
                          ).json()["boolean"] is True
        construct = "CONSTRUCT { ?p a rkg:Plan } WHERE { ?p a rkg:Plan }"
        for r in (httpx.get(sparql, params={"query": construct}, headers={"Accept": "text/turtle"}),
                  httpx.post(sparql, data={"query": construct}, headers={"Accept": "application/n-triples"})):
            assert r.status_code == 200, r.text
            fmt = ox.RdfFormat.TURTLE if "turtle" in r.headers["content-type"] else ox.RdfFormat.N_TRIPLES
            assert len(list(ox.parse(r.content, format=fmt))) == len(SAMPLES)
        found = httpx.get(srv.base + "/legal-documents", params={"q": "nghi dinh 118"}).json()
        assert found["items"][0]["id"] == "nd-118-2025-nd-cp"
        assert httpx.post(srv.base + "/plans", files={"file": ("a.txt", b"x")}).status_code == 403   # no token


def test_ingest_and_query_on_virtuoso(engines):
    engine = engines("virtuoso")
    wiped(engine)
    env = remote_env(engine)
    r = cli("ingest", "data/plans", env=env)
    assert r.returncode == 0, r.stderr
    assert statuses(r.stdout) == dict.fromkeys(SAMPLES, "added")
    r = cli("query", PLAN_COUNT, "--format", "csv", env=env)
    assert r.returncode == 0 and r.stdout.split() == ["n", str(len(SAMPLES))], r.stderr
    r = cli("query", "tasks_implementing", "-p", "id=NĐ 118/2025/NĐ-CP", "--format", "json", env=env)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["results"]["bindings"]
    assert rows and {row["id"]["value"] for row in rows} == {"NĐ 118/2025/NĐ-CP"}


# ---------------------------------------------------------------- errors: one line, exit 1
def test_an_unreachable_or_failing_engine_is_one_line_and_exit_1(failing_endpoint):
    err = one_line(cli("stats", "--store", "http://127.0.0.1:9/query"))
    assert "http://127.0.0.1:9/query" in err and "is the engine running" in err
    invoke = CliRunner().invoke       # the other commands in this process: only their error path runs
    for args in (["ingest", str(PLANS_DIR / SAMPLES[0])], ["query", PLAN_COUNT], ["export"], ["validate"],
                 ["view", "--overview", "-o", "/dev/null"], ["serve"], ["init"]):
        for url in ("http://127.0.0.1:9/query", failing_endpoint):
            r = invoke(app, args + ["--store", url], env={"REFORMKG_STORE": None, "REFORMKG_UPDATE_URL": None})
            err = one_line(r)
            assert url in err and ("500" in err if url == failing_endpoint else "Connection refused" in err), err


def test_a_folder_becomes_a_store_only_when_asked(tmp_path):
    invoke = CliRunner().invoke
    err = one_line(invoke(app, ["stats", "--store", str(tmp_path / "none")]))
    assert err.startswith(f"no store at {tmp_path / 'none'}") and "--create" in err
    (tmp_path / "empty").mkdir()
    err = one_line(invoke(app, ["ingest", str(PLANS_DIR / SAMPLES[0]), "--store", str(tmp_path / "empty")]))
    assert "empty folder" in err and "--create" in err
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("x")
    for args in (["ingest", str(PLANS_DIR / SAMPLES[0]), "--create"], ["init"], ["stats"]):
        err = one_line(invoke(app, args + ["--store", str(tmp_path / "other")]))
        assert "not a reformkg store (a folder with other files in it)" in err
    assert list((tmp_path / "other").iterdir()) == [tmp_path / "other" / "notes.txt"]     # untouched

    r = invoke(app, ["init", "--store", str(tmp_path / "new")])
    assert r.exit_code == 0, r.output
    r = invoke(app, ["stats", "--store", str(tmp_path / "new")])
    assert r.exit_code == 0 and stat(r.stdout, "plans") == 0 and stat(r.stdout, "triples") > 0    # the ontology


# ---------------------------------------------------------------- SIGKILL half-way
def kill_midway(args: list, env: dict, started) -> subprocess.Popen:
    """Start `reformkg ARGS`, SIGKILL it once started() says it is writing; fail if it finished first."""
    process = subprocess.Popen(command(*args), cwd=ROOT, env=clean_env(**env), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not started():
        assert process.poll() is None, "the ingest finished before it could be killed"
        assert time.monotonic() < deadline, "the ingest did not start writing"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    return process


def check_recovers(env: dict, store_args: list) -> None:
    r = cli("validate", *store_args, env=env)          # opens, and what is there is valid
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr
    r = cli("ingest", "data/plans", *store_args, env=env)
    assert r.returncode == 0, r.stderr
    assert set(statuses(r.stdout)) == set(SAMPLES)
    assert "unchanged" in statuses(r.stdout).values()           # what got in before the kill stays in


def plan_written(folder):
    """Whether `reformkg ingest` has written a plan into the store folder: its write-ahead log grew by a
    second write after the first (the ontology graph, then a plan; a new log starts nearly empty) and
    has stopped growing (the commit is written: the next plan is being extracted)."""
    sizes = []

    def written() -> bool:
        try:
            sizes.append(sum(p.stat().st_size for p in folder.glob("*.log")))
        except OSError:                 # a log file replaced while being measured
            return False
        writes = {size for size in sizes if size > 4096}
        return len(writes) >= 2 and len(sizes) > 2 and sizes[-1] == sizes[-2] == sizes[-3]
    return written


def test_a_killed_ingest_leaves_an_embedded_store_that_opens_and_completes(tmp_path):
    folder = tmp_path / "store"
    killed = kill_midway(["ingest", "data/plans", "--create", "--store", folder], {}, plan_written(folder))
    assert killed.returncode == -signal.SIGKILL
    check_recovers({}, ["--store", folder])


def test_a_killed_ingest_leaves_an_oxigraph_server_store_that_opens_and_completes(engines):
    engine = engines("oxigraph")
    store = wiped(engine)
    env = remote_env(engine)
    # once the ontology graph and a first plan are in (each replace_graph is one update)
    killed = kill_midway(["ingest", "data/plans"], env, lambda: len(set(store.graphs()) - {ONTOLOGY_GRAPH}) >= 1)
    assert killed.returncode == -signal.SIGKILL
    check_recovers(env, [])
