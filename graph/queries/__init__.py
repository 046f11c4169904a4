"""Canonical SPARQL queries: one .rq file each, with a header

    # title: ...        what it is
    # answers: ...      the question it answers
    # params: ?x = ...  variables a caller may bind

Parameters are bound by a VALUES clause injected at the start of the WHERE group
(graph.store.bind), so a query text runs unchanged on Oxigraph, rdflib or a remote
endpoint; a parameter left out stays a free variable (the query then lists all).
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ingest.deadlines import typed_date

HERE = Path(__file__).resolve().parent

# the canonical queries of the graph issue; other .rq files here are further cookbook queries
CANONICAL = ("tasks_implementing", "legal_basis_chain", "tasks_by_agency", "tasks_due", "targets_tasks",
             "plans_of_province", "amended_documents")


@dataclass
class Query:
    name: str
    title: str
    answers: str
    sparql: str
    params: list[str] = field(default_factory=list)


def _header(text: str, key: str) -> str:
    """The value of '# key: ...' and its indented continuation lines."""
    m = re.search(rf"^# {key}:(.*(?:\n#\s{{2,}}.*)*)", text, re.M)
    return re.sub(r"\s*\n#\s+", " ", m.group(1)).strip() if m else ""


def load() -> dict[str, Query]:
    """All canonical queries by name (file stem), in name order."""
    out = {}
    for path in sorted(HERE.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        params = list(dict.fromkeys(re.findall(r"\?(\w+)", _header(text, "params"))))
        out[path.stem] = Query(path.stem, _header(text, "title"), _header(text, "answers"), text, params)
    return out


def run(store, name: str, **params) -> list[dict]:
    """Run canonical query `name` with parameters bound -> rows of {variable: text}."""
    queries = load()
    if name not in queries:
        raise ValueError(f"no canonical query {name!r}; known: {', '.join(queries)}")
    return store.select(queries[name].sparql, **params)


SPARQL_KEYWORD = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|PREFIX|BASE)\b", re.I)


def resolve(text: str) -> str:
    """CLI argument -> query text: a canonical query name, @FILE, or SPARQL itself. An argument that
    is neither (no query form or PREFIX keyword, not a known name) is a ValueError naming the known ones."""
    if text.startswith("@"):
        return Path(text[1:]).read_text(encoding="utf-8")
    queries = load()
    if text in queries:
        return queries[text].sparql
    if not SPARQL_KEYWORD.search(_strip_comments(text)):
        raise ValueError(f"{text!r} is neither a SPARQL query (no SELECT/ASK/CONSTRUCT/DESCRIBE/PREFIX) nor a "
                         f"known query name; known: {', '.join(queries)}")
    return text


def _strip_comments(sparql: str) -> str:
    return re.sub(r"(?m)^\s*#.*$", "", sparql)


def _date_params(sparql: str) -> set[str]:
    """Parameters the '# params:' header describes as dates ('?from, ?to = ISO dates ...')."""
    out = set()
    for names, what in re.findall(r"((?:\?\w+\s*,?\s*)+)=([^?]*)", _header(sparql, "params")):
        if "date" in what.lower():
            out.update(re.findall(r"\?(\w+)", names))
    return out


def _date(name: str, value: str, required: bool) -> str:
    """A date as people type it (ingest.deadlines.typed_date) -> ISO yyyy-mm-dd; a value that is not a
    valid date is returned as is, unless `required` (a date parameter): a ValueError."""
    try:
        return typed_date(value).isoformat()
    except ValueError:
        if not required:
            return value
        raise ValueError(f"-p {name}={value}: not a valid date; give dd/mm/yyyy or yyyy-mm-dd "
                         "(e.g. 01/07/2025)") from None


def parameters(sparql: str, pairs: list[str]) -> dict[str, str]:
    """CLI `-p NAME=VALUE` pairs -> bindings for `sparql` (a resolved query text). A name the query does
    not take (its '# params:' header; for a query without one, its variables) is a ValueError naming
    those it takes; dates (dd/mm/yyyy or ISO) become ISO yyyy-mm-dd, a malformed one a ValueError."""
    declared = list(dict.fromkeys(re.findall(r"\?(\w+)", _header(sparql, "params"))))
    known = declared or list(dict.fromkeys(re.findall(r"[?$](\w+)", _strip_comments(sparql))))
    dates = _date_params(sparql)
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise ValueError(f"-p {pair}: give NAME=VALUE (e.g. -p from=01/07/2025)")
        name, value = pair.split("=", 1)
        name = name.strip().lstrip("?$")
        if name not in known:
            takes = ", ".join(known) if known else "none"
            raise ValueError(f"-p {name}: the query takes no parameter {name!r}; it takes: {takes}")
        out[name] = _date(name, value.strip(), name in dates)
    return out


def render(result, fmt: str = "table") -> str:
    """A pyoxigraph query result as a text table, CSV or SPARQL JSON (SELECT/ASK), or N-Triples."""
    if isinstance(result, ox.QueryBoolean):
        return json.dumps({"head": {}, "boolean": bool(result)}) if fmt == "json" else str(bool(result)).lower()
    if isinstance(result, ox.QueryTriples):
        return ox.serialize(result, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    if fmt == "json":
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")
    names = [v.value for v in result.variables]
    rows = [[("" if sol[n] is None else sol[n].value) for n in names] for sol in result]
    if fmt == "csv":
        buf = io.StringIO()
        csv.writer(buf).writerows([names] + rows)
        return buf.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}: use table, csv or json")
    from rich.console import Console
    from rich.table import Table

    table = Table(*names, show_lines=False)
    for r in rows:
        table.add_row(*r)
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(table)
    return console.export_text() + f"{len(rows)} rows"


STATS = """
PREFIX rkg: <https://w3id.org/reformkg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES (?kind ?class) { ("plans" rkg:Plan) ("tasks" rkg:Task) ("activities" rkg:Activity)
    ("targets" rkg:Target) ("legal documents" eli:LegalResource) ("agencies" org:Organization)
    ("agency groups" rkg:AgencyGroup) ("target links" rkg:TargetLink) }
  ?x a ?class
} GROUP BY ?kind
"""


def stats(store) -> dict[str, int]:
    """Counts of the main kinds of node, plus graphs and quads."""
    counts = {r["kind"]: int(r["n"]) for r in store.select(STATS)}
    order = ["plans", "tasks", "activities", "targets", "legal documents", "agencies", "agency groups",
             "target links"]
    out = {k: counts.get(k, 0) for k in order}
    out["named graphs"] = len(store.graphs())
    out["triples"] = store.count()
    out["stored quads"] = store.size()
    return out
