"""Find a legal document from how people type it: 'NĐ 118', '118/2025', 'nghi dinh 118',
'Nghị định số 118/2025/NĐ-CP', 'luat to chuc chinh quyen dia phuong'.

Query and documents are folded (diacritics, case: graph.iri.fold) and cut into
tokens; written-out type names become their abbreviations ('nghị định' -> 'nd'), so
every way of naming the type meets the canonical id 'NĐ 118/2025/NĐ-CP'. A number
is what identifies a document: a number in the query that the document's id and
date do not contain rules the document out. Other tokens score by where they match
(the id's type, number, year and symbol before the title), and ties go to the
document the plans cite most.
"""
from __future__ import annotations

import re

from graph.iri import fold

# written-out document types (folded) -> the abbreviation used in canonical ids (folded)
TYPE_WORDS = {"nghi dinh": "nd", "nghi quyet": "nq", "quyet dinh": "qd", "chi thi": "ct", "thong tu": "tt",
              "ke hoach": "kh", "cong van": "cv", "van ban": "cv", "cong dien": "cd", "ket luan": "kl",
              "chuong trinh": "ctr", "de an": "da", "thong bao": "tb", "bao cao": "bc", "huong dan": "hd",
              "quy dinh": "qdi", "thong tu lien tich": "ttlt"}
STOP = {"so", "ngay", "nam", "cua", "ve", "va", "thang", "the", "le"}


def tokens(text: str) -> list[str]:
    """Folded tokens with type names abbreviated: 'Nghị định số 118/2025/NĐ-CP' -> ['nd', '118', '2025', 'nd', 'cp']."""
    t = fold(text)
    for words, abbr in sorted(TYPE_WORDS.items(), key=lambda kv: -len(kv[0])):
        t = re.sub(rf"\b{words}\b", abbr, t)
    return [w for w in re.findall(r"[a-z0-9]+", t) if w not in STOP]


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
