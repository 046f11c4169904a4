"""Namespaces and IRIs minted from canonical keys.

Every resource IRI is a pure function of what identifies the thing (a legal
document's canonical id and, for local documents, its jurisdiction; an agency's
folded name and jurisdiction; a plan's source key), so re-ingesting a document
yields the same IRIs. Path segments are ASCII slugs (diacritics folded, đ -> d)
so URLs stay clean; labels keep the Vietnamese text. Folding and place names are
ingest's (ingest.places), so a key the graph mints matches one ingest computed.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from ingest.places import fold_words as fold     # 'Nghị  định' -> 'nghi dinh' (đ -> d): for keys and matching
from ingest.places import place_name             # 'tỉnh Hà Tĩnh' -> 'Hà Tĩnh'

BASE = "https://w3id.org/reformkg/"
RKG = BASE + "ontology#"          # own terms
ID = BASE + "id/"                 # resources
GRAPH = BASE + "graph/"           # named graphs: one per source document
LINKS_GRAPH = GRAPH + "links"     # cross-document links (graph/link.py), replaced as a whole
ONTOLOGY_GRAPH = GRAPH + "ontology"
CORRECTIONS_GRAPH = GRAPH + "corrections"   # reviewers' corrections (graph/corrections.py)
SPECIAL_GRAPHS = frozenset({LINKS_GRAPH, ONTOLOGY_GRAPH, CORRECTIONS_GRAPH})   # the named graphs that are no plan

ELI = "http://data.europa.eu/eli/ontology#"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
TIME = "http://www.w3.org/2006/time#"
DCT = "http://purl.org/dc/terms/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
PPLAN = "http://purl.org/net/p-plan#"

PREFIXES = {"rkg": RKG, "id": ID, "eli": ELI, "org": ORG, "skos": SKOS, "prov": PROV, "oa": OA,
            "time": TIME, "dcterms": DCT, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL,
            "pplan": PPLAN}
# the same, as the header of the project's own SPARQL (one block for every module that queries)
SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

NATIONAL = "vn"                   # jurisdiction slug of national bodies and documents


def slug(text: str, limit: int = 80) -> str:
    """'NĐ 118/2025/NĐ-CP' -> 'nd-118-2025-nd-cp'; '&' kept as 'and' so 'CCHC&VTLT' stays distinct."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(text).replace("&", "-and-")).strip("-")
    return s[:limit].rstrip("-") or "x"


def place_path(province: str | None, commune: str | None = None) -> str:
    """Jurisdiction path segment(s): 'ha-tinh', 'thanh-hoa/hoang-son', or 'vn' for national."""
    if not province:
        return NATIONAL
    path = slug(place_name(province))
    return f"{path}/{slug(place_name(commune))}" if commune else path


def place(path: str) -> str:
    return f"{ID}place/{path}"


def legal(ref_id: str, jurisdiction: str = NATIONAL) -> str:
    """National documents by their canonical id; local ones also by jurisdiction path."""
    if jurisdiction == NATIONAL:
        return f"{ID}legal/{slug(ref_id)}"
    return f"{ID}legal/{jurisdiction}/{slug(ref_id)}"


def agency(name: str, jurisdiction: str, parent: str | None = None) -> str:
    """Agencies by folded name + jurisdiction; units (kind 'unit') under their parent agency."""
    if parent:
        return f"{parent}/{slug(name)}"
    return f"{ID}agency/{jurisdiction}/{slug(name)}"


def group(name: str, jurisdiction: str) -> str:
    return f"{ID}group/{jurisdiction}/{slug(name)}"


def source_key(source: str) -> str:
    """A file name without extension, slugged: the key plans had before they were identified by
    their content (graph.identity), kept to find the named graphs of such stores
    (graph.identity.legacy_graphs)."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", source.rsplit("/", 1)[-1])
    return slug(stem, limit=120)


TITLE_LIMIT = 60          # title words in a plan key; a longer title is cut and a hash of it appended


def plan_key(jurisdiction: str, issuer: str, doc_type: str | None, year: int, title: str | None,
             number: str | None = None) -> str:
    """A plan's key from what the document says (graph.identity): '<jurisdiction>/<issuer>/<type>-<year>-
    <title>', e.g. 'ha-tinh/ubnd-tinh/kh-2025-cai-cach-hanh-chinh-tinh-ha-tinh-nam-2025'; without a
    title, '<type>-<year>-<number>'. A title longer than TITLE_LIMIT is cut at a word and a hash of the
    whole title appended, so two long titles that start alike stay two keys."""
    words = slug(title, limit=10_000) if title else slug(number or "x")
    if len(words) > TITLE_LIMIT:
        cut = words[:TITLE_LIMIT + 1].rsplit("-", 1)[0]
        words = f"{cut}-{hashlib.sha1(words.encode()).hexdigest()[:6]}"
    head = "-".join(x for x in (slug(doc_type) if doc_type else None, str(year)) if x)
    return f"{jurisdiction}/{slug(issuer)}/{head}-{words}"


def path_key(path: str) -> str:
    """A file path -> its slugged segments, the extension kept, and a hash of the exact path (slugs
    fold 'Kế hoạch.txt' and 'ke_hoach.txt' alike; two files are two keys): 'a/ke-hoach-txt-1f2e3d'."""
    parts = [p for p in re.split(r"[/\\]+", unicodedata.normalize("NFC", path)) if p not in ("", ".")]
    digest = hashlib.sha1("/".join(parts).encode("utf-8")).hexdigest()[:6]
    return "/".join(slug(p, limit=120) for p in parts) + f"-{digest}" if parts else "x"


def file_key(path: str) -> str:
    """The key of a plan known by its file only: 'file/<path_key>'."""
    return f"file/{path_key(path)}"


def plan(key: str) -> str:
    return f"{ID}plan/{key}"


def source(key: str) -> str:
    """A source file by its path_key."""
    return f"{ID}source/{key}"


def graph(key: str) -> str:
    return f"{GRAPH}{key}"


def area(code: str) -> str:
    return f"{ID}area/{code}"


def doctype(abbr: str) -> str:
    return f"{ID}doctype/{slug(abbr)}"


def deadline_kind(kind: str) -> str:
    return f"{ID}deadline-kind/{kind}"
