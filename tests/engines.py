"""SPARQL engines for tests, started by the tests themselves: an Oxigraph server (PyPI 'oxigraph',
a test dependency) and Virtuoso 7 (Debian 'virtuoso-opensource', installed by `make system`).

Each runs in a temporary folder on free loopback ports, is waited for (a bounded time: the log's
tail in the error when it does not come up) and stopped by `stop()` - also at interpreter exit,
should a test run be interrupted before its fixtures' teardown.

    engine = start_oxigraph(folder)    engine.query_url, engine.update_url
    engine = start_virtuoso(folder)    the same, plus engine.user / engine.password (dba, Digest on
                                       /sparql-auth)
    engine.store(**kw)                 a graph.remote.RemoteStore on it
    engine.stop()

    engines                            the pytest fixture (session scope, registered in conftest.py):
                                       engines("oxigraph") / engines("virtuoso") starts one on first
                                       use, for every test module of the session
    fake_endpoint, failing_endpoint    fixtures: an endpoint answering as told, one answering 500
"""
from __future__ import annotations

import atexit
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

STARTUP = 60.0                 # seconds an engine may take to answer its first query
VIRTUOSO_PACKAGE = "virtuoso-opensource"
# Virtuoso's transaction log limit in the test instance: large enough for every test's plans
# (the largest gold plan writes ~11k quads), small enough that test_store_remote can overflow it
VIRTUOSO_TXN_LIMIT = 6_000_000


class EngineMissing(RuntimeError):
    """The engine's program is not installed."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Engine:
    name: str
    query_url: str
    update_url: str
    process: subprocess.Popen
    log: Path
    user: str | None = None
    password: str | None = None
    startup: float = 0.0                           # seconds from start to the first answered query
    extra: dict = field(default_factory=dict)

    def store(self, **kw):
        from graph.remote import RemoteStore

        kw.setdefault("update_url", self.update_url)
        kw.setdefault("user", self.user)
        kw.setdefault("password", self.password)
        return RemoteStore(self.query_url, **kw)

    def stop(self) -> None:
        stop(self.process)


def stop(process: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL after 20 s: a process started by a test never outlives it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _start(name: str, cmd: list[str], cwd: Path, query_url: str, timeout: float) -> tuple[subprocess.Popen, Path, float]:
    """Start `cmd` and wait until `query_url` answers a query; the process and its log."""
    log = cwd / f"{name}.log"
    began = time.monotonic()
    with open(log, "wb") as out:
        process = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
    atexit.register(lambda: process.poll() is None and process.kill())
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with code {process.returncode} before answering; its log:\n{_tail(log)}")
        try:
            r = httpx.post(query_url, data={"query": "ASK { }"}, timeout=2.0,
                           headers={"Accept": "application/sparql-results+xml"})
            if r.status_code == 200:
                return process, log, time.monotonic() - began
        except httpx.HTTPError:
            pass
        if time.monotonic() - began > timeout:
            process.kill()
            process.wait(10)
            raise RuntimeError(f"{name} did not answer {query_url} within {timeout:g} s; its log:\n{_tail(log)}")
        time.sleep(0.1)


def start_oxigraph(folder: Path, timeout: float = STARTUP) -> Engine:
    """`oxigraph serve` on a store in `folder` (queries at /query, updates at /update). Its own
    --timeout-s bounds a query the client gave up on."""
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    exe = shutil.which("oxigraph", path=path)
    if not exe:
        raise EngineMissing("the oxigraph server is not installed: pip install oxigraph (a test dependency: "
                            "pip install -e '.[test]')")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process, log, took = _start("oxigraph", [exe, "serve", "--location", str(folder / "db"), "--bind",
                                             f"127.0.0.1:{port}", "--timeout-s", "5"],
                                folder, base + "/query", timeout)
    return Engine("oxigraph", base + "/query", base + "/update", process, log, startup=took)


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso-errors.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx

[Parameters]
ServerPort                 = 127.0.0.1:{sql_port}
DisableUnixSocket          = 1
DisableTcpSocket           = 0
MaxClientConnections       = 10
CheckpointInterval         = 60
CaseMode                   = 2
DirsAllowed                = ., {d}
NumberOfBuffers            = 10000
MaxDirtyBuffers            = 6000
TransactionAfterImageLimit = {txn_limit}

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {d}
MaxClientConnections = 10
ServerThreads        = 10
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryExecutionTime      = 60
MaxQueryCostEstimationTime = 400
"""


def start_virtuoso(folder: Path, timeout: float = STARTUP, password: str = "dba") -> Engine:
    """virtuoso-t on a new database in `folder`: SPARQL at /sparql (queries, anonymous), updates at
    /sparql-auth (Digest, dba). The [SPARQL] limits are those of Debian's ini, with room for the
    tests' exports (ResultSetMaxRows)."""
    exe = shutil.which("virtuoso-t")
    if not exe:
        raise EngineMissing(f"Virtuoso is not installed (no virtuoso-t): apt-get install {VIRTUOSO_PACKAGE} "
                            f"(`make system` does it)")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=folder, sql_port=sql_port, http_port=http_port,
                                       txn_limit=VIRTUOSO_TXN_LIMIT), encoding="utf-8")
    base = f"http://127.0.0.1:{http_port}"
    process, log, took = _start("virtuoso", [exe, "+foreground", "+configfile", str(ini)], folder,
                                base + "/sparql", timeout)
    return Engine("virtuoso", base + "/sparql", base + "/sparql-auth", process, log, user="dba",
                  password=password, startup=took, extra={"sql_port": sql_port})


@pytest.fixture(scope="session")
def engines(tmp_path_factory):
    """Engines started on first use and stopped at the end of the session; a missing engine fails the
    test that wants it (loudly: CI must not pass without it), it never skips."""
    started: dict = {}

    def get(name: str) -> Engine:
        if name not in started:
            folder = tmp_path_factory.mktemp(name)
            try:
                started[name] = (start_oxigraph if name == "oxigraph" else start_virtuoso)(folder)
            except EngineMissing as e:
                pytest.fail(str(e))
        return started[name]
    yield get
    for engine in started.values():
        engine.stop()


# ---------------------------------------------------------------- fake endpoints
class _Fake(http.server.BaseHTTPRequestHandler):
    """An endpoint answering every POST with self.server.answer(handler) -> (status, headers, body)."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status, headers, body = self.server.answer(self)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_endpoint():
    """start(answer) -> the URL of an endpoint answering every POST with answer(handler)."""
    servers = []

    def start(answer):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Fake)
        server.answer = answer
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/sparql"
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def failing_endpoint(fake_endpoint):
    """An engine that is up but answers every request 500, with an HTML page."""
    return fake_endpoint(lambda h: (500, {"Content-Type": "text/html"},
                                    b"<html><body>\n<h1>Internal error</h1>\n<p>the database is on fire</p>\n</body></html>"))
