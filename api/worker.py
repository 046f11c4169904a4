"""Run SPARQL queries under a time limit and a row limit, in worker processes that can be killed.

pyoxigraph has no query timeout, and a query (a cartesian product, a property path
over everything) can run for hours inside one call that no thread can interrupt.
So queries run in separate processes, each holding the store open read-only; when a
query overruns, its worker is killed and replaced, and the server stays responsive.

What the workers open is a checkpoint of the store (Store.backup: hard links, taken in
milliseconds) in the store folder's SNAPSHOTS/<server pid>-<number>, not the live
store: a read-only RocksDB handle next to a writing one is undefined behaviour (pyoxigraph
says so; in practice, opens and queries fail with 'Corruption: ... No such file' while the
writer compacts), and a checkpoint is never written. The first is taken when the server
starts (Pool.start). When the server writes (a plan
uploaded to POST /plans) it calls Pool.refresh(): a new checkpoint; every job carries the
current one's path, and a worker holding an older one reopens before running it - the next
query of every worker sees the write, without a restart. The two previous checkpoints are
kept for queries still running on them; a pool's checkpoints go when it closes, and a dead
server's leftovers when the next pool starts. latest_snapshot(folder) gives a live server's
newest checkpoint to other readers (the CLI), for the same reason.

Jobs wait for a worker fairly between clients (Pool.run's `client`: api.sparql gives the remote
address, or a configured proxy header's): each client has its own queue, idle workers go round-robin
over the clients' queues, and a client with k jobs running gets another worker only while more than 2k
workers are idle - a client alone uses several, but never the last idle one while it has a job
running, so a client with nothing running (a trivial ASK behind two clients' heavy queries) finds a
worker at once as long as there are more workers than clients running heavy queries (default 4
workers). A job that waits `queue_wait` seconds (default: the time limit) without a worker is answered
503 (api.sparql adds Retry-After); a worker killed at the time limit is replaced before it is handed on.

A remote store (a SPARQL endpoint, graph.remote) runs queries in the calling thread
instead: its engine holds them to the time limit (RemoteStore.query's timeout; the row limit
is counted here as below). So does an in-memory store, there being nothing another process
could open - with the row limit but no time limit.

The worker imports pyoxigraph only (not `graph`, whose import pulls in spaCy for
~2 s), so a replacement is ready in a fraction of a second; the parent passes it
the project's prefixes.

A result is counted while it is produced: past `row_limit` rows the worker stops
and reports the limit instead of materialising everything. The rows kept are
written once as SPARQL JSON and handed to pyoxigraph's own serialisers (results:
JSON, XML, CSV, TSV; graphs: Turtle, N-Triples, RDF/XML, JSON-LD).
"""
from __future__ import annotations

import collections
import functools
import itertools
import json
import multiprocessing
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

STARTUP = 60.0        # seconds a new worker may take to start (a loaded machine, a large store)
SNAPSHOTS = "reformkg-snapshots"    # in the store folder (same file system: hard links); RocksDB ignores it
KEEP = 2              # previous checkpoints kept for queries still running on them
_NUMBERS = itertools.count()        # checkpoint numbers, unique in the process (tests run several pools)
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                 "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD}


@dataclass
class Job:
    query: str
    result_format: str = "json"        # used if the query is a SELECT or ASK
    graph_format: str = "turtle"       # used if it is a CONSTRUCT or DESCRIBE
    default_graph_uris: list[str] = field(default_factory=list)
    named_graph_uris: list[str] = field(default_factory=list)


@dataclass
class Reply:
    status: int                        # HTTP status: 200, 400 (parser), 422 (row limit), 500,
                                       # 503 (timeout, busy, the remote store down)
    form: str = ""                     # 'solutions' | 'boolean' | 'graph' on success
    format: str = ""                   # key of RESULT_FORMATS / GRAPH_FORMATS used
    body: bytes = b""
    error: str = ""
    rows: int = 0


class QueryError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def term_json(t) -> dict:
    """A pyoxigraph term -> its SPARQL 1.1 JSON results object."""
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": {k: term_json(getattr(t, k)) for k in ("subject", "predicate", "object")}}


def oxigraph_query(db: ox.Store, prefixes: dict):
    """A query function over a bare pyoxigraph store, with graph.Store.query's signature."""
    def query(sparql, default_graph_uris=None, named_graph_uris=None):
        kwargs = {"prefixes": prefixes}
        if default_graph_uris:
            kwargs["default_graph"] = [ox.NamedNode(u) for u in default_graph_uris]
        if named_graph_uris:
            kwargs["named_graphs"] = [ox.NamedNode(u) for u in named_graph_uris]
        return db.query(sparql, **kwargs)
    return query


def serialize(triples, fmt: str, prefixes: dict | None = None) -> bytes:
    """Triples in one of GRAPH_FORMATS; Turtle and RDF/XML abbreviated with the prefixes, except id:
    (its local names contain '/', which Turtle would have to escape)."""
    kwargs = {}
    if prefixes and fmt in ("turtle", "rdfxml"):
        kwargs["prefixes"] = {k: v for k, v in prefixes.items() if k != "id"}
    return ox.serialize(triples, format=GRAPH_FORMATS[fmt], **kwargs)


def execute(query, job: Job, row_limit: int, prefixes: dict | None = None, errors: tuple = ()) -> Reply:
    """Run one query with `query(sparql, default_graph_uris, named_graph_uris)` (graph.Store.query or
    oxigraph_query) and serialise its result; no time limit here (a remote store's engine has its own).
    `errors`: (exception class, HTTP status, message prefix) checked before the generic ones - the
    store's errors, which only the in-process path can raise (Pool.run)."""
    try:
        result = query(job.query, job.default_graph_uris or None, job.named_graph_uris or None)
        if isinstance(result, ox.QueryBoolean):
            return Reply(200, "boolean", job.result_format,
                         result.serialize(format=RESULT_FORMATS[job.result_format]))
        if isinstance(result, ox.QueryTriples):
            triples = _take(result, row_limit, "triples")
            return Reply(200, "graph", job.graph_format, serialize(triples, job.graph_format, prefixes),
                         rows=len(triples))
        names = [v.value for v in result.variables]
        rows = [{n: term_json(sol[n]) for n in names if sol[n] is not None} for sol in _take(result, row_limit, "rows")]
        if job.result_format == "json":
            body = json.dumps({"head": {"vars": names}, "results": {"bindings": rows}}, ensure_ascii=False)
            return Reply(200, "solutions", "json", body.encode("utf-8"), rows=len(rows))
        data = json.dumps({"head": {"vars": names}, "results": {"bindings": rows}})
        parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        return Reply(200, "solutions", job.result_format,
                     parsed.serialize(format=RESULT_FORMATS[job.result_format]), rows=len(rows))
    except SyntaxError as e:
        return Reply(400, error=f"malformed query: {e}")
    except QueryError as e:
        return Reply(e.status, error=str(e))
    except Exception as e:
        for cls, status, prefix in errors:
            if isinstance(e, cls):
                return Reply(status, error=prefix + str(e))
        if isinstance(e, (OSError, ValueError, RuntimeError)):    # evaluation errors (e.g. a bad graph IRI)
            return Reply(400, error=f"query failed: {e}")
        raise


def _take(items, limit: int, what: str) -> list:
    out = []
    for item in items:
        if len(out) >= limit:
            raise QueryError(422, f"the result has more than {limit} {what}, the server's limit: "
                                  f"add LIMIT/OFFSET or narrow the query")
        out.append(item)
    return out


def _live(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:         # alive, someone else's
        return True
    return True


def _checkpoints(location: str) -> list[tuple[int, int, Path]]:
    """(pid, number, path) of the checkpoints in a store folder, oldest first."""
    folder = Path(location) / SNAPSHOTS
    out = []
    for p in folder.iterdir() if folder.is_dir() else ():
        pid, _, gen = p.name.partition("-")
        if pid.isdigit() and gen.isdigit():
            out.append((int(pid), int(gen), p))
    return sorted(out)


def latest_snapshot(location: str) -> str | None:
    """The newest checkpoint a live server (another process) keeps of the store folder `location`
    (module doc), or None. This process's own are left out: here, graph.open_store reads through the
    store this process writes with, which is newer than any checkpoint of it."""
    live = [(n, path) for pid, n, path in _checkpoints(location) if pid != os.getpid() and _live(pid)]
    return str(max(live)[1]) if live else None


class _Snapshot:
    """The checkpoint a worker reads, reopened when the pool names another (module doc)."""

    def __init__(self, prefixes: dict):
        self.prefixes = prefixes
        self.path = None
        self.query = None

    def at(self, path: str):
        """The query function over the checkpoint `path` (OSError if it cannot be opened)."""
        if path != self.path or self.query is None:
            self.query = None                   # drop the old handle before opening the new one
            self.query = oxigraph_query(ox.Store.read_only(path), self.prefixes)
            self.path = path
        return self.query


def _serve(conn, path: str, prefixes: dict, row_limit: int) -> None:
    """Worker process main loop: 'ready' (or why not), then one (checkpoint path, Job) in, one Reply out,
    until the pipe closes."""
    snapshot = _Snapshot(prefixes)
    try:
        snapshot.at(path)
    except OSError as e:
        conn.send(f"cannot open the store {path} read-only: {e}")
        return
    conn.send("ready")
    while True:
        try:
            path, job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            query = snapshot.at(path)
        except OSError as e:
            conn.send(Reply(500, error=f"cannot open the store {path} read-only: {e}"))
            continue
        conn.send(execute(query, job, row_limit, prefixes))


class _Worker:
    def __init__(self, ctx, path, prefixes, row_limit):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, path, prefixes, row_limit), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> str | None:
        """None once the worker has opened the store, else what went wrong. Start-up time (a new
        Python process) does not count against a query's time limit."""
        if not self.ready:
            if not self.conn.poll(timeout):
                return f"the query worker did not start within {timeout:g} s"
            msg = self.conn.recv()
            if msg != "ready":
                return msg
            self.ready = True
        return None

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class _Ticket:
    """A job waiting for a worker: set once one is handed to it."""

    def __init__(self):
        self.event = threading.Event()
        self.worker: _Worker | None = None


@dataclass
class _Outcome:
    reply: Reply
    worker: _Worker          # to give back to the pool


class Pool:
    """Worker processes over a store on disk; `run(job)` blocks for at most `timeout` seconds;
    `refresh()` after a write makes the next query of every worker see it.

    For a remote store, queries run in the calling thread, the engine holding them to `timeout`
    and `row_limit` (StoreTimeout and an unreachable engine answer 503). For an in-memory store
    (tests, notebooks) there is nothing a second process can open: queries run in the calling
    thread, with the row limit but no time limit."""

    def __init__(self, store, workers: int = 4, timeout: float = 10.0, row_limit: int = 10000,
                 prefixes: dict | None = None, queue_wait: float | None = None):
        self.store, self.timeout, self.row_limit = store, timeout, row_limit
        self.queue_wait = timeout if queue_wait is None else queue_wait
        self.prefixes = prefixes or {}
        self.size = max(1, workers)
        self._idle: collections.deque[_Worker] = collections.deque()
        self._cond = threading.Condition(threading.Lock())     # guards _idle, _waiting, _running
        self._waiting: collections.OrderedDict[str, collections.deque[_Ticket]] = collections.OrderedDict()
        self._running: dict[str, int] = {}                    # client -> jobs on a worker now
        self.client_header: str | None = None     # api.sparql.client_of: who a request's client is
        self._ctx = multiprocessing.get_context("spawn")   # never fork a process holding RocksDB handles
        self._lock = threading.Lock()
        self._started = False
        self.in_process = store.location == ":memory:" or getattr(store, "remote", False)
        self.snapshot: str | None = None  # the checkpoint the workers read (module doc)
        self._mine: list[Path] = []       # this pool's checkpoints, oldest first

    def start(self) -> None:
        """Take the first checkpoint and start the workers (else done by the first query); the
        server does it at startup, so that readers beside it (latest_snapshot) never read the live store."""
        if self.in_process:
            return
        with self._lock:
            if not self._started:
                for pid, _, path in _checkpoints(self.store.location):
                    if not _live(pid):
                        shutil.rmtree(path, ignore_errors=True)     # a dead server's
                if self.snapshot is None:
                    self._checkpoint()
                workers = [self._spawn() for _ in range(self.size)]
                with self._cond:
                    self._idle.extend(workers)
                    self._started = True

    def _checkpoint(self) -> None:
        """A new checkpoint for the workers; this pool's before the last KEEP go."""
        path = Path(self.store.location) / SNAPSHOTS / f"{os.getpid()}-{next(_NUMBERS)}"
        path.parent.mkdir(exist_ok=True)
        self.store.backup(path)
        self.snapshot = str(path)
        self._mine.append(path)
        while len(self._mine) > KEEP + 1:
            shutil.rmtree(self._mine.pop(0), ignore_errors=True)

    def _spawn(self) -> _Worker:
        return _Worker(self._ctx, self.snapshot, self.prefixes, self.row_limit)

    def refresh(self) -> None:
        """The store was written: the next query of every worker (and latest_snapshot's reader) sees it."""
        if self.in_process:
            return                        # queries run on the store itself
        with self._lock:
            self._checkpoint()

    def _run_here(self, job: Job) -> Reply:
        # imported here, not at the top: the spawned workers import this module and must not load graph
        from graph.storebase import StoreAccessDenied, StoreTimeout, StoreUnavailable

        errors = ((StoreTimeout, 503, ""), (StoreUnavailable, 503, "the graph store is unavailable: "),
                  (StoreAccessDenied, 503, "the graph store refused the server's query: "))
        query = functools.partial(self.store.query, timeout=self.timeout, row_limit=self.row_limit)
        return execute(query, job, self.row_limit, self.prefixes, errors)

    # ------------------------------------------------------------ fair scheduling (module doc)
    def _dispatch(self) -> None:
        """Hand idle workers to waiting jobs, round-robin over clients; called with self._cond held.
        A client with k jobs running gets another worker only while more than 2k are idle, so a client
        with nothing running always finds one while other clients' extra jobs wait."""
        while self._idle and self._waiting:
            for client, tickets in self._waiting.items():
                running = self._running.get(client, 0)
                if len(self._idle) > 2 * running:
                    ticket = tickets.popleft()
                    if tickets:
                        self._waiting.move_to_end(client)       # its next job goes after the other clients'
                    else:
                        del self._waiting[client]
                    ticket.worker = self._idle.popleft()
                    self._running[client] = running + 1
                    ticket.event.set()
                    break
            else:
                return                          # nobody may take an idle worker now

    def _acquire(self, client: str) -> _Worker | None:
        """An idle worker for `client`'s job, or None after waiting `queue_wait` seconds."""
        ticket = _Ticket()
        with self._cond:
            self._waiting.setdefault(client, collections.deque()).append(ticket)
            self._dispatch()
        if ticket.event.wait(self.queue_wait):
            return ticket.worker
        with self._cond:
            if ticket.worker is not None:       # given one just as the wait ran out
                return ticket.worker
            tickets = self._waiting.get(client)
            if tickets is not None:
                tickets.remove(ticket)
                if not tickets:
                    del self._waiting[client]
            return None

    def _release(self, client: str, worker: _Worker) -> None:
        with self._cond:
            self._running[client] -= 1
            if not self._running[client]:
                del self._running[client]
            if self._started:
                self._idle.append(worker)
            else:                               # closed meanwhile
                worker.kill()
            self._dispatch()

    def run(self, job: Job, client: str = "") -> Reply:
        """Run `job` for `client` (who asks: api.sparql's remote address or configured header); jobs wait
        for a worker fairly between clients (module doc), and at most `queue_wait` seconds (503)."""
        if self.in_process:
            return self._run_here(job)
        self.start()
        worker = self._acquire(client)
        if worker is None:
            return Reply(503, error=f"the query waited {self.queue_wait:g} s for one of the {self.size} query "
                                    f"workers, all busy with other queries; try again later")
        outcome = None
        try:
            outcome = self._on(worker, job)
            return outcome.reply
        finally:
            self._release(client, outcome.worker if outcome else worker)

    def _on(self, worker: _Worker, job: Job) -> "_Outcome":
        """Run `job` on `worker`: the reply and the worker to give back (a fresh one if it was killed)."""
        try:
            problem = worker.wait_ready(STARTUP)
            if problem:
                worker.kill()
                return _Outcome(Reply(500, error=problem), self._spawn())
            worker.conn.send((self.snapshot, job))
            if worker.conn.poll(self.timeout):
                return _Outcome(worker.conn.recv(), worker)
        except (EOFError, OSError) as e:      # the worker died (e.g. out of memory)
            worker.kill()
            return _Outcome(Reply(500, error=f"the query worker failed: {e or type(e).__name__}"), self._spawn())
        # overran: kill it (the only way to stop a running Oxigraph query) and start a fresh one
        worker.kill()
        return _Outcome(Reply(503, error=f"the query ran longer than the server's time limit of {self.timeout:g} s "
                                         f"and was stopped: narrow it or add a LIMIT"), self._spawn())

    def close(self) -> None:
        with self._lock:
            with self._cond:
                self._started = False           # workers still busy are killed when they come back
                while self._idle:
                    self._idle.popleft().kill()
            while self._mine:
                shutil.rmtree(self._mine.pop(), ignore_errors=True)
            if not self.in_process:
                try:
                    (Path(self.store.location) / SNAPSHOTS).rmdir()      # if no other server's are left
                except OSError:
                    pass
