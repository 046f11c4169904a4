"""The `reformkg` command line (typer). Each command is a thin layer over a package function,
imported under its own name when the command runs (so `reformkg --help` loads neither spaCy nor the
server); the command functions are named <command>_command so that those names stay free.

    extract, eval      ingest (extract), ingest.evaluate
    ingest, query, export, stats, validate   graph (ingest, queries, Store.export, validate)
    view               graph.analytics.graph_for, drawn by api.graph_html.render
    serve              api.server.serve
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

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
def extract_command(files: List[Path] = typer.Argument(..., help="plan files (.txt .docx .pdf)"),
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
                         help="store directory (default data/store; env REFORMKG_STORE)")


def _store(path):
    """The graph store at `path`, or a readable error (e.g. locked by a running server)."""
    from graph import open_store

    try:
        return open_store(path)
    except OSError as e:
        _err(str(e))
        raise typer.Exit(1)


@app.command("ingest")
def ingest_command(paths: List[Path] = typer.Argument(..., help="plan files or folders"), store: Optional[Path] = STORE_OPT):
    """Extract plans and load them into the graph store (one named graph per file)."""
    from rich.progress import Progress

    from graph import expand, ingest

    items = expand(paths)
    if not items:
        _err("no .txt/.docx/.pdf file in " + ", ".join(map(str, paths)))
        raise typer.Exit(1)
    db = _store(store)
    with Progress(transient=True) as bar:
        task = bar.add_task("ingesting", total=len(items))
        results = ingest(items, db, progress=lambda r: bar.advance(task))
    for r in results:
        if r.status == "failed":
            _err(r.error)
        else:
            typer.echo(f"{r.status:<9} {r.triples:>7} triples  {r.source}")
    failed = sum(r.status == "failed" for r in results)
    typer.echo(f"{len(results) - failed} ingested, {failed} failed; store {db.location}: {db.count()} triples")
    if failed:
        raise typer.Exit(1)


@app.command("query")
def query_command(sparql: str = typer.Argument(..., help="SPARQL query text, or @FILE, or a canonical query name"),
          fmt: str = typer.Option("table", "--format", help="table | csv | json"),
          params: List[str] = typer.Option([], "-p", "--param", help="bind a variable: -p doc=IRI, "
                                           "-p from=2025-01-01 (repeatable)"),
          store: Optional[Path] = STORE_OPT):
    """Run a SPARQL query over the store (default graph = union of all plans)."""
    from graph.queries import render, resolve

    db = _store(store)
    try:
        text = resolve(sparql)
        bindings = dict(p.split("=", 1) for p in params if "=" in p)
        typer.echo(render(db.query(text, bindings=bindings or None), fmt))
    except (SyntaxError, ValueError, OSError) as e:
        _err(f"query failed: {e}")
        raise typer.Exit(2)


@app.command("export")
def export_command(fmt: str = typer.Option("trig", "--format", help="ttl | nq | jsonld | trig"),
           out: Optional[Path] = typer.Option(None, "-o", "--out", help="file to write (default stdout)"),
           store: Optional[Path] = STORE_OPT):
    """Serialise the store (nq/trig/jsonld keep one named graph per plan; ttl writes the union)."""
    try:
        data = _store(store).export(fmt, out)
    except ValueError as e:
        _err(str(e))
        raise typer.Exit(2)
    if data is not None:
        sys.stdout.buffer.write(data)


@app.command("stats")
def stats_command(store: Optional[Path] = STORE_OPT):
    """Counts: graphs, triples, plans, tasks, targets, legal documents, agencies."""
    from graph.queries import stats

    for k, v in stats(_store(store)).items():
        typer.echo(f"{k:<22} {v:>9}")


@app.command("validate")
def validate_command(store: Optional[Path] = STORE_OPT):
    """Check the graph against ontology/shapes.ttl (SHACL); exit 1 on violations."""
    from graph import validate

    conforms, text = validate(_store(store))
    typer.echo(text)
    if not conforms:
        raise typer.Exit(1)


@app.command("view")
def view_command(legal_document: Optional[str] = typer.Option(None, "--legal-document",
                                                      help='as people type it: "NĐ 118/2025", "nghi dinh 118"'),
         plan: Optional[str] = typer.Option(None, "--plan", help="plan IRI or its key (000-020fcace3bf4412a)"),
         agency: Optional[str] = typer.Option(None, "--agency", help="agency IRI or path (ha-tinh/so-noi-vu)"),
         task: Optional[str] = typer.Option(None, "--task", help="task IRI or path after /id/task/"),
         overview: bool = typer.Option(False, "--overview", help="the whole store, aggregated by province"),
         out: Path = typer.Option(..., "-o", "--out", help="HTML file to write"),
         store: Optional[Path] = STORE_OPT):
    """Write an interactive graph view as one self-contained HTML file (works offline, from disk)."""
    from api.graph_html import render
    from graph.analytics import graph_for
    from graph.store import Store

    chosen = [(k, v) for k, v in (("legal-document", legal_document), ("plan", plan), ("agency", agency),
                                  ("task", task), ("overview", "" if overview else None)) if v is not None]
    if len(chosen) != 1:
        _err("give exactly one of --legal-document, --plan, --agency, --task, --overview")
        raise typer.Exit(2)
    kind, ref = chosen[0]
    try:
        g = graph_for(Store(store, read_only=True), kind, ref)
    except (LookupError, OSError) as e:
        _err(f"view: {e}")
        raise typer.Exit(1)
    out.write_text(render(g), encoding="utf-8")
    typer.echo(f"{out}: {g.graph['title']} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")


@app.command("serve")
def serve_command(store: Optional[Path] = STORE_OPT,
          host: str = typer.Option("127.0.0.1", help="interface to listen on"),
          port: int = typer.Option(8000, help="TCP port"),
          ingest_paths: Optional[List[Path]] = typer.Option(None, "--ingest", help="plan files or folders to "
                                                            "ingest before serving (repeatable)"),
          timeout: float = typer.Option(10.0, help="SPARQL query time limit, seconds"),
          row_limit: int = typer.Option(10000, help="SPARQL result row limit"),
          workers: int = typer.Option(2, help="SPARQL query worker processes")):
    """Serve SPARQL (/sparql), REST (/legal-documents, /tasks, ...), resource pages (/id/...) and /docs."""
    from api.server import serve

    db = _store(store)
    if ingest_paths:
        from graph import expand, ingest

        for r in ingest(expand(ingest_paths), db):
            if r.status == "failed":
                _err(r.error)
            else:
                typer.echo(f"{r.status:<9} {r.triples:>7} triples  {r.source}")
    typer.echo(f"store {db.location}: {db.count()} triples; http://{host}:{port}/")
    serve(db, host=host, port=port, timeout=timeout, row_limit=row_limit, workers=workers)


if __name__ == "__main__":
    app()
