"""validate(store): SHACL (pyshacl) over the union of all named graphs, with readable violations."""
from __future__ import annotations

from pathlib import Path

from .iri import PREFIXES

SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
SH = "http://www.w3.org/ns/shacl#"


def validate(store, limit: int = 50) -> tuple[bool, str]:
    """-> (conforms, text). The text lists up to `limit` violations as 'focus node / path: message'."""
    import rdflib
    from pyshacl import validate as shacl

    data = rdflib.Graph().parse(data=store.export("nt").decode("utf-8"), format="nt")
    for prefix, ns in PREFIXES.items():
        data.bind(prefix, ns)
    shapes = rdflib.Graph().parse(SHAPES)
    conforms, results, _ = shacl(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    if conforms:
        return True, f"conforms: {len(data)} triples checked against {SHAPES.name}"
    lines = []
    for r in results.subjects(rdflib.RDF.type, rdflib.URIRef(SH + "ValidationResult")):
        get = lambda p: results.value(r, rdflib.URIRef(SH + p))  # noqa: E731
        path = get("resultPath")
        lines.append(f"{str(get('resultSeverity')).rsplit('#', 1)[-1]}: <{get('focusNode')}>"
                     f"{' ' + data.namespace_manager.normalizeUri(path) if isinstance(path, rdflib.URIRef) else ''}"
                     f": {get('resultMessage')}" + (f" (value {get('value')})" if get("value") is not None else ""))
    lines.sort()
    shown = "\n".join(lines[:limit]) + (f"\n... and {len(lines) - limit} more" if len(lines) > limit else "")
    return False, f"{len(lines)} violations:\n{shown}"
