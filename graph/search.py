"""Find a legal document from how people type it: 'NĐ 118', '118/2025', 'nghi dinh 118',
'Nghị định số 118/2025/NĐ-CP', 'luat to chuc chinh quyen dia phuong'.

Query and documents are folded (diacritics, case: graph.iri.fold) and cut into
tokens; written-out type names become their abbreviations ('nghị định' -> 'nd'), so
every way of naming the type meets the canonical id 'NĐ 118/2025/NĐ-CP'. A number
is what identifies a document: a number in the query that the document's id and
date do not contain rules the document out. Other tokens score by where they match
(the id's type, number, year and symbol before the title), and ties go to the
document the plans cite most.

    tokens(text), score(query_tokens, doc), rank(items, q)   the matching itself
    legal_documents(store, q=None, province=None)  every legal document of the store (plain
                                    dicts: iri, label = canonical id, type, title, date,
                                    jurisdiction, citing_tasks, implementing_plans), or those
                                    matching q, best first, each with its score
    best_matches(store, text)       the documents a typed reference matches best (its date left out)
    find_legal(store, text) -> IRI  the one document a text names (LookupError if none, or a tie)
    places_in(store, province)      a province's place IRI and those of its communes

The server's REST search (api.lookup.legal_documents, /legal-documents?q=) adds its URLs to
these records; the graph view (graph.analytics.resolve) and the view's search box use the same
tokens.
"""
from __future__ import annotations

import re

from ingest import vocab

from .iri import SPARQL_PREFIXES, fold

# written-out document types (folded) -> the abbreviation used in canonical ids (folded), from the
# vocabulary ingest and graph share (ingest.vocab.TYPE_WORDS). The search abbreviates fewer words
# than the extractor recognises: these were never part of it, and abbreviating them would change
# how documents rank ('phuong an' would become 'pa', 'nghi quyet lien tich' 'nqlt' instead of
# 'nq lien tich') and what the graph view's search box matches.
_NOT_ABBREVIATED = {"nghi quyet lien tich", "ke hoach hanh dong", "chuong trinh hanh dong", "thong bao ket luan",
                    "to trinh", "phuong an", "quy che", "luat"}
TYPE_WORDS = {fold(words): fold(abbr) for words, abbr in vocab.TYPE_WORDS.items()
              if fold(words) not in _NOT_ABBREVIATED}
STOP = {"so", "ngay", "nam", "cua", "ve", "va", "thang", "the", "le"}


def tokens(text: str) -> list[str]:
    """Folded tokens with type names abbreviated, letters and digits apart: 'Nghị định số 118/2025/NĐ-CP'
    and 'NĐ118/2025' -> ['nd', '118', '2025', ...]; 'QH13' -> ['qh', '13']."""
    t = _GLUED.sub(" ", fold(text))        # 'nd118', '118nd' typed without a space: 'nd 118'
    for words, abbr in sorted(TYPE_WORDS.items(), key=lambda kv: -len(kv[0])):
        t = re.sub(rf"\b{words}\b", abbr, t)
    return [w for w in re.findall(r"[a-z0-9]+", t) if w not in STOP]


_GLUED = re.compile(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")


def score(query: list[str], doc: dict) -> float:
    """How well a document matches the query tokens; 0 = not a match."""
    head = tokens(doc["label"])             # canonical id: type, number, symbol (and year)
    kind = head[:1]
    numbers = {w for w in head if w.isdigit()} | set(re.findall(r"\d{4}", doc.get("date") or ""))
    title = set(tokens(" ".join(filter(None, [doc.get("title"), doc.get("jurisdiction")]))))
    total = 0.0
    for i, w in enumerate(query):
        if w.isdigit():
            if w.lstrip("0") not in {n.lstrip("0") for n in numbers}:
                return 0.0                  # a number the document does not carry: another document
            total += 10 if head[1:2] == [w] else 4
        elif w in kind:
            total += 4
        elif w in head:
            total += 2
        elif w in title:
            total += 1
        elif i == len(query) - 1 and any(t.startswith(w) for t in head + sorted(title)):
            total += 0.5                    # the word being typed
        else:
            total -= 1                      # a word the document lacks: weaker, not excluded
    return total


def rank(items: list[dict], q: str) -> list[dict]:
    """Items (with 'label' = canonical id, 'title', 'date', 'citing_tasks') matching `q`, best first,
    each with its 'score'."""
    query = tokens(q)
    if not query:
        return items
    scored = []
    for d in items:
        s = score(query, d)
        if s > 0:
            scored.append({**d, "score": round(s, 2)})
    scored.sort(key=lambda d: (-d["score"], -d.get("citing_tasks", 0), d["label"]))
    return scored


# ---------------------------------------------------------------- the documents of a store
_DOCS = SPARQL_PREFIXES + """
SELECT ?doc ?id ?title ?date ?type ?place ?placeLabel (COUNT(DISTINCT ?task) AS ?tasks)
       (COUNT(DISTINCT ?plan) AS ?plans) WHERE {
  ?doc a eli:LegalResource ; eli:id_local ?id .
  OPTIONAL { ?doc eli:title ?title }
  OPTIONAL { ?doc eli:date_document ?date }
  OPTIONAL { ?doc eli:type_document/skos:prefLabel ?type FILTER (lang(?type) = "vi") }
  OPTIONAL { ?doc rkg:jurisdiction ?place . ?place rdfs:label ?placeLabel }
  OPTIONAL { ?task rkg:legalBasis ?doc }
  OPTIONAL { ?plan rkg:implements ?doc }
} GROUP BY ?doc ?id ?title ?date ?type ?place ?placeLabel ORDER BY ?id ?doc"""


def places_in(store, province: str) -> set[str]:
    """A province's place IRI and those of its communes."""
    rows = store.select(SPARQL_PREFIXES + "SELECT ?p WHERE { ?p rkg:inProvince ?prov }", prov=province)
    return {province} | {r["p"] for r in rows}


def legal_documents(store, q: str | None = None, province: str | None = None) -> list[dict]:
    """All legal documents (by id), or those matching `q`, best first; province = place IRI (or a list
    of them): documents of that province and its communes."""
    rows = store.select(_DOCS)
    if province:
        places = set().union(*(places_in(store, p) for p in ([province] if isinstance(province, str) else province)))
        rows = [r for r in rows if r["place"] in places]
    items = [{"iri": r["doc"], "label": r["id"], "type": r["type"], "title": r["title"], "date": r["date"],
              "jurisdiction": r["placeLabel"], "citing_tasks": int(r["tasks"]), "implementing_plans": int(r["plans"])}
             for r in rows]
    return rank(items, q) if q else items


def best_matches(store, text: str) -> list[dict]:
    """The legal documents (as legal_documents gives them) that match a typed reference best, all
    those of the top score; [] when none matches."""
    query = re.split(r"\bngay\b", fold(text))[0]     # '... ngày 09/6/2025': the date is no number of the id
    found = legal_documents(store, query) if tokens(query) else []
    return [d for d in found if d["score"] == found[0]["score"]]


def find_legal(store, text: str) -> str:
    """A legal document typed the way people type it ('NĐ 118/2025', 'nghi dinh 118', 'Nghị định
    số 118/2025/NĐ-CP') -> its IRI, by the ranked search above. Raises LookupError when nothing
    matches, or when the best match ties with a document of the same id elsewhere ('3504/QĐ-UBND'
    of two provinces), listing their IRIs."""
    found = best_matches(store, text)
    if not found:
        raise LookupError(f"no legal document in the store matches {text!r}")
    best = found[0]
    ties = [d["iri"] for d in found if d["label"] == best["label"]]
    if len(ties) > 1:
        raise LookupError(f"{text!r} names several documents; give one of: " + ", ".join(ties))
    return best["iri"]
