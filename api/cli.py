"""The `reformkg` command line (typer). Each command is a thin layer over a package function,
imported under its own name when the command runs (so `reformkg --help` loads neither spaCy nor the
server); the command functions are named <command>_command so that those names stay free.

    extract, eval      ingest (extract), ingest.evaluate
    init, ingest, query, export, stats, validate   graph (ingest, queries, Store.export, validate)
    view               graph.analytics.graph_for, drawn by api.graph_html.render
    serve              api.server.serve

The graph commands take --store (or $REFORMKG_STORE): a folder (embedded Oxigraph) or a SPARQL
endpoint URL (graph.open_store). Those that only read open it read-only, so they also work while a
server holds the folder; none of them makes a store where there is none - `init` and
`ingest --create` do. `ingest` into a folder a server holds goes through the server (api.plans).
The store's errors are one line on stderr and exit 1, never a traceback (_store_errors).
"""
from __future__ import annotations

import functools
import json
import re
import sys
from pathlib import Path
from typing import List, Optional

import typer


def _list_arguments_by_metavar() -> None:
    """Help shows a list argument given a metavar as `{PATH}...` / `PATH` alone, not with typer's type
    column `<list[Path]>` (typer >= 0.20 shows an argument's Python type even when it has a metavar)."""
    try:
        from typer.core import TyperArgument
    except ImportError:         # pragma: no cover - another typer
        return
    shown = getattr(TyperArgument, "display_type_rich", None)
    if shown is None or getattr(shown, "_reformkg", False):
        return

    def display_type_rich(self, ctx):
        if self.metavar is not None and self.nargs != 1:
            return None
        return shown(self, ctx)
    display_type_rich._reformkg = True
    TyperArgument.display_type_rich = display_type_rich


_list_arguments_by_metavar()
app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="reformkg: a knowledge graph of Vietnamese administrative-reform plans.")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "plans"
GOLD = ROOT / "tests" / "gold"


def _err(msg: str) -> None:
    typer.secho(msg, fg=typer.colors.RED, err=True)


def _summary(ex) -> str:
    d = ex.document
    lines = [f"{ex.source}: {d.title or '(no title)'}",
             f"  {d.doc_type or '?'} of {d.issuing_body or '?'} ({d.level or '?'}; {d.province or '?'}"
             f"{'; ' + d.commune if d.commune else ''}), year {d.year or '?'}",
             f"  adopting act: {d.adopting_act or '-'}",
             f"  implements: {', '.join(d.implements) or '-'}",
             f"  {len(ex.legal_references)} legal documents, {len(ex.targets)} targets, "
             f"{len(ex.body_tasks)} body tasks citing documents, {len(ex.table_tasks)} table rows"]
    for r in sorted(ex.legal_references, key=lambda r: -r.mentions):
        lines.append(f"    {r.mentions:>3}x {r.id:<32} {r.date or '':<10} {r.issuer or ''} [{r.scope}]")
    return "\n".join(lines)


@app.command("extract")
def extract_command(files: List[Path] = typer.Argument(..., metavar="FILE", help="plan files (.txt .docx .pdf)"),
            as_json: bool = typer.Option(False, "--json", help="print the SCHEMA.md JSON"),
            out: Optional[Path] = typer.Option(None, "-o", "--out", help="write one JSON file per input here")):
    """Extract plan metadata, legal references, targets, body tasks and table rows."""
    from ingest import InputError, extract

    failed = 0
    if out:
        out.mkdir(parents=True, exist_ok=True)
    for f in files:
        try:
            ex = extract(f)
        except InputError as e:
            _err(str(e))
            failed += 1
            continue
        payload = ex.model_dump_json(indent=1)
        if out:
            (out / (Path(ex.source).stem + ".json")).write_text(payload, encoding="utf-8")
        if as_json:
            sys.stdout.write(payload + "\n")
        elif not out:
            typer.echo(_summary(ex))
    if failed:
        raise typer.Exit(1)


@app.command("eval")
def eval_command(plans: Path = typer.Option(SAMPLES, help="folder of plan files"),
             gold: Path = typer.Option(GOLD, help="folder of gold JSON files (same stems)"),
             as_json: bool = typer.Option(False, "--json", help="print the scores as JSON")):
    """Score the extraction of the sample corpus against the gold annotations."""
    from ingest import extract
    from ingest.evaluate import score, summary, table

    scores = []
    for g in sorted(gold.glob("*.json")):
        matches = [p for p in plans.glob(g.stem + ".*") if p.suffix in (".txt", ".docx", ".pdf")]
        if not matches:
            continue
        pred = extract(matches[0]).model_dump(mode="json")
        scores.append(score(json.loads(g.read_text(encoding="utf-8")), pred))
    if not scores:
        _err(f"no plan in {plans} has a gold file in {gold}")
        raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps({"documents": [s.__dict__ for s in scores], "summary": summary(scores)},
                              ensure_ascii=False, indent=1))
    else:
        typer.echo(table(scores))
        t = summary(scores)
        typer.echo("  ".join(f"{k}={v:.3f}" for k, v in t.items() if v is not None))


# ---------------------------------------------------------------- graph commands (graph/)
STORE_OPT = typer.Option(None, "--store", envvar="REFORMKG_STORE",
                         help="the store: a folder (embedded Oxigraph; default data/store) or the http(s):// URL "
                              "of a SPARQL 1.1 query endpoint (updates: env REFORMKG_UPDATE_URL; credentials: "
                              "REFORMKG_STORE_USER / REFORMKG_STORE_PASSWORD); env REFORMKG_STORE")
CREATE_OPT = typer.Option(False, "--create", help="make a new store if the folder is missing or empty")
MAX_LINE = 600          # characters of an error line (an engine's error page can be long)
_LOCKED = re.compile(r"While lock file|lock hold by current process")   # RocksDB: another process writes it


def _line(e: BaseException) -> str:
    """An error as one line: an engine's multi-line answer folded, an endless one cut."""
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= MAX_LINE else text[:MAX_LINE] + " ..."


def _fail(msg: str, code: int = 1):
    _err(msg)
    raise typer.Exit(code)


def _store_errors(command):
    """The store's errors (engine unreachable, failing, too slow, refusing; not a store; locked) as
    one line and exit 1, never a traceback, wherever in the command they happen."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        from graph.storebase import StoreError

        try:
            return command(*args, **kwargs)
        except (StoreError, OSError) as e:
            _fail(_line(e))
    return run


def _open(location: str | None, read_only: bool = False, create: bool = False):
    """The store at `location` (folder or URL); a folder that is not a store is an error unless `create`
    (then a missing or empty one becomes a store). Raises the store's errors, which _store_errors reports."""
    from graph.store import MEMORY, NotAStore, default_location, is_url, open_store, store_state

    location = location or default_location()
    if not is_url(location) and location != MEMORY:
        state = store_state(location)
        make = (f"`reformkg init --store {location}` or `reformkg ingest PLANS --create --store {location}`")
        if state == "missing" and not create:
            raise FileNotFoundError(f"no store at {location}: create one with {make}, or pass another --store")
        if state == "empty" and not create:
            raise NotAStore(f"{location} is an empty folder, not a store: create one there with {make}")
        if state == "other":
            what = "a folder with other files in it" if Path(location).is_dir() else "a file"
            raise NotAStore(f"{location} is not a reformkg store ({what}): pass a store's folder, or a new or "
                            f"empty folder with --create")
    return open_store(location, read_only=read_only, create=create)


def _reader(location: str | None):
    """A store for a command that only reads: read-only, so it also opens a folder a server holds -
    through the server's latest checkpoint of it when there is one, which no write can race
    (api.worker: a read-only handle on a store being written is undefined behaviour)."""
    from api.worker import latest_snapshot
    from graph.store import default_location, is_url

    location = location or default_location()
    snapshot = None if is_url(location) else latest_snapshot(location)
    return _open(snapshot or location, read_only=True)


def _report(results) -> int:
    """Print ingest results ({'source'|'file', 'status', 'triples', 'error'}); the number that failed."""
    return sum(_report_one(r) for r in results)


def _report_one(r) -> bool:
    """Print one ingest result (a failure on stderr); whether it failed."""
    r = r if isinstance(r, dict) else r.__dict__
    if r["status"] == "failed":
        _err(r["error"])
        return True
    typer.echo(f"{r['status']:<9} {r['triples']:>7} triples  {r.get('source') or r.get('file')}")
    for note in r.get("notes") or ():       # reviewers' corrections that no longer fit (graph.corrections)
        typer.echo(f"          {note}")
    return False


def _counts(results) -> str:
    """The summary of ingest results: those written (added or replaced) and those failed, then each status
    counted apart - a re-run that changes nothing is '0 ingested, 0 failed (... N unchanged)'."""
    n = {s: 0 for s in ("added", "replaced", "unchanged", "failed")}
    for r in results:
        status = (r if isinstance(r, dict) else r.__dict__)["status"]
        n[status] = n.get(status, 0) + 1
    return (f"{n['added'] + n['replaced']} ingested, {n['failed']} failed "
            f"({n['added']} added, {n['replaced']} replaced, {n['unchanged']} unchanged)")


def _through_server(location: str, items: list) -> None:
    """Ingest into a store folder a server holds (RocksDB: one writer process): through that server's
    POST /plans when it left its URL there and a write token is at hand, else one line saying how."""
    from api.plans import announced, upload, write_token

    url = announced(location)
    if url is None:
        _fail(f"the store {location} is in use by another process (a running `reformkg serve`?): stop it, or "
              f"send the plans to that server: curl -H \"Authorization: Bearer $REFORMKG_WRITE_TOKEN\" "
              f"-F file=@PLAN.txt http://HOST:PORT/plans")
    token = write_token()
    if token is None:
        _fail(f"the store {location} is held by the server at {url}: set REFORMKG_WRITE_TOKEN to its write token "
              f"and re-run to send the plans through it (POST {url}/plans), or stop the server")
    typer.echo(f"the store {location} is held by the server at {url}: sending the plans through it")
    results = upload(url, token, [Path(i) for i in items])
    failed = _report(results)
    typer.echo(f"{_counts(results)}; through the server {url}")
    if failed:
        raise typer.Exit(1)


@app.command("init")
@_store_errors
def init_command(store: Optional[str] = STORE_OPT):
    """Create an empty store with the ontology (a new or empty folder, or a SPARQL endpoint)."""
    from graph import ingest

    db = _open(store, create=True)
    ingest([], db)              # no plans: the ontology graph only
    typer.echo(f"store {db.location}: {db.count()} triples, {len(db.graphs())} named graphs")


@app.command("ingest")
@_store_errors
def ingest_command(paths: List[Path] = typer.Argument(..., metavar="PATH", help="plan files or folders"),
                   store: Optional[str] = STORE_OPT, create: bool = CREATE_OPT,
                   rebuild: bool = typer.Option(False, "--rebuild", help="drop every plan in the store first, then "
                                                "ingest PATHS afresh (migrates a store keyed by file name)"),
                   jobs: Optional[int] = typer.Option(None, "-j", "--jobs", min=1, help="extract in N worker "
                                                      "processes (default: the cores); this one writes the store")):
    """Extract plans (folders: recursively) and load them into the graph store (one named graph per plan).
    A line per file is printed once its plan is written; on a terminal, a progress bar too."""
    import os

    from rich.progress import Progress

    import graph
    from api.ingest_run import run
    from graph.store import default_location, is_url

    items = graph.expand(paths)
    if not items:
        _fail("no .txt/.docx/.pdf file in " + ", ".join(map(str, paths)))
    location = store or default_location()
    try:
        db = _open(location, create=create)
    except OSError as e:
        if is_url(location) or not _LOCKED.search(str(e)):
            raise
        if rebuild:
            _fail(f"the store {location} is in use by another process (a running `reformkg serve`?): "
                  f"--rebuild drops every plan, so it does not go through a server; stop it and re-run")
        return _through_server(location, items)
    jobs = min(jobs or os.cpu_count() or 1, len(items))

    def committed(r):           # its line only once the file's plan is written: a killed run's log is true
        _report_one(r)
        bar.advance(task)
    with Progress(transient=True, disable=not sys.stdout.isatty()) as bar:
        task = bar.add_task("rebuilding" if rebuild else "ingesting", total=len(items))
        results = run(items, db, jobs, committed, rebuild=rebuild)
    failed = sum(r.status == "failed" for r in results)
    typer.echo(f"{_counts(results)}; store {db.location}: {db.count()} triples")
    legacy = graph.legacy_graphs(db)
    if legacy:
        typer.echo(f"the store still holds {len(legacy)} plan graph(s) keyed by file name (an older reformkg): "
                   f"run `reformkg ingest --rebuild PATH...` with all your plan files to migrate it")
    if failed:
        raise typer.Exit(1)


@app.command("query")
@_store_errors
def query_command(sparql: str = typer.Argument(..., help="SPARQL query text, or @FILE, or a canonical query name"),
          fmt: str = typer.Option("table", "--format", help="table | csv | json"),
          params: List[str] = typer.Option([], "-p", "--param", metavar="NAME=VALUE", help="bind a parameter: -p doc=IRI, "
                                           "-p from=01/07/2025 or 2025-07-01 (repeatable)"),
          store: Optional[str] = STORE_OPT):
    """Run a SPARQL query over the store (default graph = union of all plans)."""
    from graph.queries import parameters, render, resolve
    from graph.storebase import StoreError

    try:                        # the argument and the parameters first: a mistake there is exit 2
        text = resolve(sparql)
        bindings = parameters(text, params)
    except (ValueError, OSError) as e:
        _fail(f"query: {_line(e)}", 2)
    db = _reader(store)
    try:
        typer.echo(render(db.query(text, bindings=bindings or None), fmt))
    except StoreError:
        raise                   # the store's fault, not the query's: exit 1 (_store_errors)
    except (SyntaxError, ValueError, OSError) as e:
        _fail(f"query failed: {_line(e)}", 2)


@app.command("export")
@_store_errors
def export_command(fmt: str = typer.Option("trig", "--format", help="ttl | nq | jsonld | trig"),
           out: Optional[Path] = typer.Option(None, "-o", "--out", help="file to write (default stdout)"),
           store: Optional[str] = STORE_OPT):
    """Serialise the store (nq/trig/jsonld keep one named graph per plan; ttl writes the union)."""
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = _reader(store).export(fmt, out)
    except ValueError as e:
        _fail(str(e), 2)
    if data is not None:
        sys.stdout.buffer.write(data)


@app.command("stats")
@_store_errors
def stats_command(store: Optional[str] = STORE_OPT):
    """Counts: graphs, triples, plans, tasks, targets, legal documents, agencies."""
    from graph.queries import stats

    for k, v in stats(_reader(store)).items():
        typer.echo(f"{k:<22} {v:>9}")


@app.command("validate")
@_store_errors
def validate_command(store: Optional[str] = STORE_OPT):
    """Check the graph against ontology/shapes.ttl (SHACL); exit 1 on violations."""
    from graph import validate

    conforms, text = validate(_reader(store))
    typer.echo(text)
    if not conforms:
        raise typer.Exit(1)


@app.command("view")
@_store_errors
def view_command(legal_document: Optional[str] = typer.Option(None, "--legal-document",
                                                      help='as people type it: "NĐ 118/2025", "nghi dinh 118"'),
         plan: Optional[str] = typer.Option(None, "--plan", help="plan IRI or its key (ha-tinh/ubnd-tinh/kh-2025-cai-cach-hanh-chinh-tinh-ha-tinh-nam-2025)"),
         agency: Optional[str] = typer.Option(None, "--agency", help="agency IRI or path (ha-tinh/so-noi-vu)"),
         task: Optional[str] = typer.Option(None, "--task", help="task IRI or path after /id/task/"),
         overview: bool = typer.Option(False, "--overview", help="the whole store, aggregated by province"),
         out: Path = typer.Option(..., "-o", "--out", help="HTML file to write"),
         store: Optional[str] = STORE_OPT):
    """Write an interactive graph view as one self-contained HTML file (works offline, from disk)."""
    from api.graph_html import render
    from graph.analytics import graph_for
    from graph.storebase import StoreError

    chosen = [(k, v) for k, v in (("legal-document", legal_document), ("plan", plan), ("agency", agency),
                                  ("task", task), ("overview", "" if overview else None)) if v is not None]
    if len(chosen) != 1:
        _err("give exactly one of --legal-document, --plan, --agency, --task, --overview")
        raise typer.Exit(2)
    kind, ref = chosen[0]
    db = _reader(store)
    try:
        g = graph_for(db, kind, ref)
    except StoreError:
        raise
    except LookupError as e:
        _fail(f"view: {_line(e)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(g), encoding="utf-8")
    typer.echo(f"{out}: {g.graph['title']} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")


@app.command("serve")
@_store_errors
def serve_command(store: Optional[str] = STORE_OPT,
          host: str = typer.Option("127.0.0.1", help="interface to listen on"),
          port: int = typer.Option(8000, help="TCP port"),
          ingest_paths: Optional[List[Path]] = typer.Option(None, "--ingest", metavar="PATH", help="plan files or folders to "
                                                            "ingest before serving (repeatable)"),
          create: bool = CREATE_OPT,
          timeout: float = typer.Option(10.0, help="SPARQL query time limit, seconds"),
          row_limit: int = typer.Option(10000, help="SPARQL result row limit"),
          workers: int = typer.Option(4, help="SPARQL query worker processes (embedded store); more than the clients sending heavy queries at once, so light ones never wait")):
    """Serve SPARQL (/sparql), REST, resource pages (/id/...), /docs and uploads (POST /plans, with $REFORMKG_WRITE_TOKEN)."""
    from api.plans import max_upload, write_token
    from api.server import serve

    try:
        token, _ = write_token(), max_upload()        # the server's settings, checked before anything runs
    except ValueError as e:
        _fail(_line(e))
    db = _open(store, create=create)
    if ingest_paths:
        from graph import expand, ingest

        _report(ingest(expand(ingest_paths), db))
    uploads = (f"POST http://{host}:{port}/plans (Authorization: Bearer $REFORMKG_WRITE_TOKEN)" if token
               else "off (no REFORMKG_WRITE_TOKEN)")
    typer.echo(f"store {db.location}: {db.count()} triples; http://{host}:{port}/; uploads {uploads}")
    serve(db, host=host, port=port, timeout=timeout, row_limit=row_limit, workers=workers)


corrections_app = typer.Typer(no_args_is_help=True, help="Reviewers' corrections of extracted fields "
                              "(graph.corrections): a JSON file out of the store, or into it.")
app.add_typer(corrections_app, name="corrections")


@corrections_app.command("export")
@_store_errors
def corrections_export_command(file: Path = typer.Argument(..., metavar="FILE", help="JSON file to write"),
                               store: Optional[str] = STORE_OPT):
    """Write every correction (task, field, extracted and corrected value, who, when, status) to FILE."""
    from graph import corrections

    data = corrections.export(_reader(store))
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    typer.echo(f"{len(data['corrections'])} corrections -> {file}")


@corrections_app.command("import")
@_store_errors
def corrections_import_command(file: Path = typer.Argument(..., metavar="FILE", help="a file of `corrections export`"),
                               store: Optional[str] = STORE_OPT):
    """Load the corrections of FILE into the store and apply each whose task still reads the value it corrected."""
    from graph import corrections

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        _fail(f"{file}: cannot read it as JSON: {_line(e)}")
    db = _open(store)
    try:
        done = corrections.load(db, data)
    except (ValueError, TypeError) as e:
        _fail(f"{file}: {_line(e)}")
    db.flush()
    for c in done:
        if c.status != "applied":
            typer.echo(f"not applied ({c.status}): {c.field} of {c.task}: {c.note}")
    typer.echo(f"{len(done)} corrections imported, {sum(c.status == 'applied' for c in done)} applied")


if __name__ == "__main__":
    app()
