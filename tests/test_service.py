"""The shared service: plans uploaded to a running server (POST /plans), the write token, the upload
limit, and the command line on a store folder that a server holds.

A real `reformkg serve` (tests/processes.py: its own process, a free loopback port, real HTTP) over a
folder holding three gold plans gets the fourth sample plan (002, through the extractor) by POST
/plans, and every query worker sees it at once, without a restart; `reformkg stats` and `reformkg
ingest` work on the folder while the server holds it. The upload is also made to a server over an
Oxigraph server and over Virtuoso (the session's engines). The token, size and form rules are checked on
the app under uvicorn in a thread over an in-memory store, where no ingest needs to run.
"""
from __future__ import annotations

import gc
import re
import threading
import time

import httpx
import pytest
import uvicorn

import graph
from api import urls
from api.plans import SERVER_FILE
from api.server import create_app
from api.worker import SNAPSHOTS
from graph.store import Store
from tests.conftest import ROOT, load_gold
from tests.engines import free_port
from tests.processes import Served, cli
from tests.test_cli_store import remote_env

TOKEN = "t0ken-for-tests"
PLAN_002 = next((ROOT / "data" / "plans").glob("002_*.txt"))
PLANS = "SELECT (COUNT(*) AS ?n) WHERE { ?p a rkg:Plan }"


def plan_count(base: str) -> int:
    r = httpx.get(base + "/sparql", params={"query": PLANS}, headers={"Accept": "text/csv"}, timeout=60)
    assert r.status_code == 200, r.text
    return int(r.text.split()[-1])


def post_plans(base: str, files: list[tuple[str, bytes]], token: str | None = None, **kw) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(base + "/plans", files=[("file", f) for f in files], headers=headers, timeout=300, **kw)


# ---------------------------------------------------------------- a real server over a store folder
@pytest.fixture(scope="module")
def held(tmp_path_factory):
    """(folder, server): a store of the gold plans 000, 001, 003, served by `reformkg serve` with a write token."""
    folder = tmp_path_factory.mktemp("held") / "store"
    store = Store(folder, create=True)           # not open_store: nothing of this process may keep it open
    graph.ingest([load_gold(n) for n in ("000", "001", "003")], store)
    del store
    gc.collect()                                 # the RocksDB lock goes with the last reference
    with Served("--store", folder, env={"REFORMKG_WRITE_TOKEN": TOKEN}) as server:
        yield folder, server
    # the server's traces go with it: its URL and its workers' checkpoints (api.plans, api.worker)
    assert not (folder / SERVER_FILE).exists() and not (folder / SNAPSHOTS).exists(), server.output()


@pytest.fixture(scope="module", params=["folder", "oxigraph", "virtuoso"])
def uploading(request, held, engines):
    """(server URL, store folder or None): `reformkg serve` with a write token over the gold plans 000, 001,
    003 - the folder of `held`, or the session's Oxigraph server or Virtuoso (tests/engines.py)."""
    if request.param == "folder":
        yield held[1].base, held[0]
        return
    engine = engines(request.param)
    store = engine.store()
    store._update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in store.graphs() + [store.union_graph]))
    graph.ingest([load_gold(n) for n in ("000", "001", "003")], store)
    with Served(env={**remote_env(engine), "REFORMKG_WRITE_TOKEN": TOKEN}) as server:
        yield server.base, None


def test_an_uploaded_plan_is_seen_by_every_query_worker_at_once(uploading):
    base, folder = uploading
    assert [plan_count(base) for _ in range(4)] == [3] * 4       # both workers hold a snapshot now
    plan = (PLAN_002.name, PLAN_002.read_bytes())

    r = post_plans(base, [plan])
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    r = post_plans(base, [plan], token="wrong")
    assert r.status_code == 401 and 'error="invalid_token"' in r.headers["www-authenticate"]
    assert plan_count(base) == 3

    r = post_plans(base, [plan], token=TOKEN)
    assert r.status_code == 200, r.text
    [result] = r.json()["files"]
    assert (result["file"], result["status"], result["error"]) == (PLAN_002.name, "added", None)
    assert result["triples"] > 500 and result["graph"].startswith("https://w3id.org/reformkg/graph/")
    assert [plan_count(base) for _ in range(4)] == [4] * 4       # every worker, no restart
    if folder:
        assert len(list((folder / SNAPSHOTS).iterdir())) == 2       # what they read: checkpoints
    assert httpx.get(base + "/plans", timeout=60).json()["total"] == 4
    # the uploaded file's text is kept for its source page, though its temporary file is gone
    source = httpx.get(base + urls.source(result["plan"]) + ".json", params={"lines": "1-3"}, timeout=60).json()
    written = PLAN_002.read_text(encoding="utf-8-sig").splitlines()
    assert source["lines"] and [line.strip() for line in source["lines"][:3]] == [w.strip() for w in written[:3]]

    r = post_plans(base, [plan], token=TOKEN)
    assert [f["status"] for f in r.json()["files"]] == ["unchanged"]


def test_the_cli_reads_and_ingests_the_folder_the_server_holds(held):
    folder, server = held
    r = cli("stats", "--store", folder)
    assert r.returncode == 0, r.stderr
    assert int(re.search(r"^plans\s+(\d+)$", r.stdout, re.M).group(1)) == plan_count(server.base)

    r = cli("ingest", PLAN_002, "--store", folder)
    assert r.returncode == 1
    assert r.stderr.strip().count("\n") == 0 and server.base in r.stderr and "REFORMKG_WRITE_TOKEN" in r.stderr
    r = cli("ingest", PLAN_002, "--store", folder, env={"REFORMKG_WRITE_TOKEN": TOKEN})
    assert r.returncode == 0, r.stderr
    assert f"held by the server at {server.base}" in r.stdout
    assert re.search(r"^(added|unchanged)\s+\d+ triples\s+" + re.escape(PLAN_002.name), r.stdout, re.M), r.stdout
    # --rebuild drops every plan: never through a server, whatever the token
    before = plan_count(server.base)
    r = cli("ingest", "--rebuild", PLAN_002, "--store", folder, env={"REFORMKG_WRITE_TOKEN": TOKEN})
    assert r.returncode == 1 and r.stderr.strip().count("\n") == 0 and "--rebuild" in r.stderr, r.stderr
    assert plan_count(server.base) == before


# ---------------------------------------------------------------- the rules, on the app in a thread
class Threaded:
    """create_app over an in-memory store under uvicorn in a thread, on a free loopback port."""

    def __init__(self):
        self.app = create_app(Store(":memory:"))
        self.base = f"http://127.0.0.1:{free_port()}"
        port = int(self.base.rsplit(":", 1)[1])
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "uvicorn did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def no_token(monkeypatch):
    monkeypatch.delenv("REFORMKG_WRITE_TOKEN", raising=False)
    monkeypatch.delenv("REFORMKG_WRITE_TOKEN_FILE", raising=False)


def test_without_a_configured_token_writes_are_off(no_token):
    with Threaded() as srv:
        for token in (None, "anything"):
            r = post_plans(srv.base, [("a.txt", b"x")], token=token)
            assert r.status_code == 403 and "REFORMKG_WRITE_TOKEN" in r.json()["detail"]
        page = httpx.get(srv.base + "/plans/new")
        assert page.status_code == 200 and "không nhận tải lên" in page.text and "<form" not in page.text
        assert httpx.get(srv.base + "/plans").status_code == 200          # reads stay public


def test_token_file_limits_and_refusals(no_token, monkeypatch, tmp_path):
    (tmp_path / "token").write_text(TOKEN + "\n", encoding="utf-8")
    monkeypatch.setenv("REFORMKG_WRITE_TOKEN_FILE", str(tmp_path / "token"))
    monkeypatch.setenv("REFORMKG_MAX_UPLOAD", "4000")
    with Threaded() as srv:
        assert post_plans(srv.base, [("a.txt", b"x")]).status_code == 401
        # every file refused before any ingest: not plan files, a clash of names
        r = post_plans(srv.base, [("notes.md", b"x"), ("../../etc/a.xlsx", b"y")], token=TOKEN)
        assert r.status_code == 422
        assert [(f["file"], f["status"]) for f in r.json()["files"]] == [("notes.md", "failed"), ("a.xlsx", "failed")]
        assert "not a plan file" in r.json()["files"][0]["error"]

        big = [("big.txt", b"x" * 5000)]
        r = post_plans(srv.base, big, token=TOKEN)                          # Content-Length says so
        assert r.status_code == 413 and "4000 bytes" in r.json()["detail"]
        boundary = "b0undary"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
                f"Content-Type: text/plain\r\n\r\n").encode() + b"x" * 5000 + f"\r\n--{boundary}--\r\n".encode()

        def chunks():                                                        # no Content-Length: counted
            for i in range(0, len(body), 1000):
                yield body[i:i + 1000]
        r = httpx.post(srv.base + "/plans", content=chunks(), timeout=60,
                       headers={"Authorization": f"Bearer {TOKEN}",
                                "Content-Type": f"multipart/form-data; boundary={boundary}"})
        assert r.status_code == 413, r.text

        r = httpx.post(srv.base + "/plans", content=b"{}", headers={"Authorization": f"Bearer {TOKEN}",
                                                                     "Content-Type": "application/json"})
        assert r.status_code == 415
        r = httpx.post(srv.base + "/plans", data={"other": "x"}, files=[("notfile", ("a.txt", b"x"))],
                       headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 400 and "field `file`" in r.json()["detail"]


def test_the_upload_page_is_vietnamese_and_self_contained(monkeypatch):
    monkeypatch.setenv("REFORMKG_WRITE_TOKEN", TOKEN)
    with Threaded() as srv:
        r = httpx.get(srv.base + "/plans/new")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert '<html lang="vi">' in r.text and "Thêm kế hoạch" in r.text and "Tải lên" in r.text
        assert 'name="file"' in r.text and 'id="token"' in r.text and 'name="token"' not in r.text
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", r.text)   # no external assets
        schema = httpx.get(srv.base + "/openapi.json").json()
        assert "multipart/form-data" in schema["paths"]["/plans"]["post"]["requestBody"]["content"]
