"""The `reformkg` command line (typer). Each command is a thin layer over a package function."""
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


@app.command()
def extract(files: List[Path] = typer.Argument(..., help="plan files (.txt .docx .pdf)"),
            as_json: bool = typer.Option(False, "--json", help="print the SCHEMA.md JSON"),
            out: Optional[Path] = typer.Option(None, "-o", "--out", help="write one JSON file per input here")):
    """Extract plan metadata, legal references, targets, body tasks and table rows."""
    from ingest import InputError, extract as run

    failed = 0
    if out:
        out.mkdir(parents=True, exist_ok=True)
    for f in files:
        try:
            ex = run(f)
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
def evaluate(plans: Path = typer.Option(SAMPLES, help="folder of plan files"),
             gold: Path = typer.Option(GOLD, help="folder of gold JSON files (same stems)"),
             as_json: bool = typer.Option(False, "--json", help="print the scores as JSON")):
    """Score the extraction of the sample corpus against the gold annotations."""
    from ingest import extract as run
    from ingest.evaluate import score, summary, table

    scores = []
    for g in sorted(gold.glob("*.json")):
        matches = [p for p in plans.glob(g.stem + ".*") if p.suffix in (".txt", ".docx", ".pdf")]
        if not matches:
            continue
        pred = json.loads(run(matches[0]).model_dump_json())
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


if __name__ == "__main__":
    app()
