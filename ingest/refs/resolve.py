"""Legal references found by a spaCy rule pipeline.

The pipeline is `spacy.blank("vi")` (whitespace tokens, no pyvi, cut in linear time by
spaCy's rule-less Tokenizer; texts up to MAX_CHARS) with one rule component, `legal_citations`, which
runs the patterns of find.py over the whole text, so that references broken across lines
are found, and stores them as `doc._.citations` and as spans in `doc.spans["legal_citations"]`.

- `cite(text, meta, known=None)`: canonical ids cited in one piece of text
  (table cells, body bullets), in order, without repeats; `known` (the ids
  collect() returned) completes symbols cut at a cell border.
- `collect(lines, meta)`: every document cited in a whole document, merged
  per document and jurisdiction, with mentions counted, plus the relations the
  text states between documents.

Scope: national bodies (CP, TTg, TW, Quốc hội, ministries, central Ban Chỉ đạo)
give "national"; a local body gives the province (or commune) it belongs to,
taken from the issuer phrase ("của UBND tỉnh Thanh Hóa") or else from the
plan's own jurisdiction (`meta`). A commune plan's bare "QĐ-UBND" is the
commune's own. An issuer printed by its level only ("của UBND tỉnh") is given
the name of that jurisdiction ("UBND tỉnh Sơn La"), as in the gold files.

Relations use one direction per kind: "amends" (subject amends object; "A
được sửa đổi, bổ sung tại B" gives B amends A), "replaces", "repeals",
"guides". The subject "" is the plan itself (its wrapping decision included):
"Quyết định này ... thay thế Quyết định số 3098/QĐ-UBND" -> ("", replaces, QĐ 3098/QĐ-UBND).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from functools import cached_property, lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from ..models import DocumentMeta, LegalReference, Line, Relation
from ..sections import furniture
from ..vocab import NATIONAL_CODES, SO_NAMES, base_code, fold
from .find import ABBR_WORD, Citation, find_backrefs, find_citations
from .vocab import (ABBREVIATION_SKIPS, COMMUNE_WORDS, LOCAL_CODES, NATIONAL_WORDS, PROVINCE_BY_FOLD, PROVINCE_CODES,
                    PROVINCE_WORDS, SO_CODE)

if not Doc.has_extension("citations"):
    Doc.set_extension("citations", default=None)


@Language.component("legal_citations")
def legal_citations(doc: Doc) -> Doc:
    cits = find_citations(doc.text)
    doc._.citations = cits
    spans = (doc.char_span(c.start, c.end, label=c.abbr, alignment_mode="expand") for c in cits)
    doc.spans["legal_citations"] = [s for s in spans if s is not None]
    return doc


# the largest text the pipeline takes: spaCy's default (1,000,000 characters) guards the memory of
# parsers and NER models, which this pipeline has none of; its tokens cost about 100 bytes each
MAX_CHARS = 50_000_000


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The rule pipeline, built once per process (no model, no download)."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    # spaCy's own tokenizer with no rules cuts the same whitespace tokens as the Vietnamese one
    # without pyvi, in linear time (that one's spacy.util.get_words_and_spaces copies the rest of
    # the text for every word: 17.5 s of the 25 s a 1.6 MB text took)
    nlp.tokenizer = Tokenizer(nlp.vocab)
    nlp.max_length = MAX_CHARS
    nlp.add_pipe("legal_citations")
    return nlp


# cheap test before running the pipeline: every citation has a digit or a law word
_MAY_CITE = re.compile(r"\d|Luật|luật|Pháp\s+lệnh|Hiến\s+pháp")


@lru_cache(maxsize=2048)
def _parse(text: str) -> tuple[Citation, ...]:
    """The pipeline's citations in `text`, once per distinct text: the same cell or paragraph
    is cited again by targets, body tasks, table rows and the preamble."""
    return tuple(pipeline()(text)._.citations) if _MAY_CITE.search(text) else ()


def _citations(text: str, meta: DocumentMeta | None = None) -> list[Citation]:
    """Citations in `text`, without the plan's own adopting act ("Kèm theo Quyết định số 12/QĐ-UBND")."""
    cits = _parse(unicodedata.normalize("NFC", text or ""))
    own = _own_keys(meta.adopting_act) if meta and meta.adopting_act else frozenset()
    return [c for c in cits if _key(c) not in own]


@lru_cache(maxsize=16)
def _own_keys(adopting_act: str) -> frozenset[str]:
    return frozenset(_key(c) for c in _citations(adopting_act))


def _key(c: Citation) -> str:
    """Identity of a cited document regardless of the type word printed before it."""
    if c.law:
        return "LAW " + fold(f"{c.doc_type} {c.name or ''} {c.year or ''}")
    return _id_key(c.id)


def _id_key(rid: str) -> str:
    return re.sub(r"\s+", "", rid.split(" ", 1)[-1]).upper()


def _completion(c: Citation, ids) -> str | None:
    """The one id among `ids` of which `c` is a partial or misprinted printing: a law cited
    without its year ("Luật X" -> "Luật X 2015"), a symbol cut off ("310/KH" -> "310/KH-UBND"),
    a type code that contradicts the type word ("Chương trình ... 42-CT/TU" -> "42-CTr/TU"), a law
    named with an abbreviation defined elsewhere in the document ("Luật BHVBQPPL" in a table cell)."""
    if c.law and c.name and ABBR_WORD.search(c.name):
        hits = {k for k in ids if _abbreviates(c, k)}
        if len(hits) == 1:
            return hits.pop()
    if c.law and not c.year:
        hits = {k for k in ids if re.fullmatch(re.escape(c.id) + r" (19|20)\d\d", k)}
    elif c.incomplete:
        stem = _id_key(c.id).rstrip("-")
        hits = {k for k in ids if _id_key(k).startswith(stem) and _id_key(k)[len(stem):len(stem) + 1] in ("-", "/")}
    elif c.typed and c.symbol_type and c.abbr != c.symbol_type:
        # "Chương trình hành động số 42-CT/TU": the symbol's type code misprinted, "42-CTr/TU" meant
        meant = re.sub(rf"(?<=[-/]){re.escape(c.symbol_type)}(?=[-/])", c.abbr, _id_key(c.id), count=1, flags=re.I)
        hits = {k for k in ids if _id_key(k) == meant.upper()}
    else:
        return None
    return hits.pop() if len(hits) == 1 else None


def _abbreviates(c: Citation, rid: str) -> bool:
    """Is law citation `c` ("Luật Ban hành văn bản QPPL") the law `rid` ("Luật Ban hành văn bản quy
    phạm pháp luật 2025") shortened: the same words, each word in capitals spelled by the initials
    of as many words ("&" by "và"), the same year if both have one?"""
    m = re.fullmatch(rf"{re.escape(c.doc_type)} (.+?)(?: ((?:19|20)\d\d))?", rid)
    if not m or (c.year and m.group(2) and c.year != m.group(2)):
        return False
    skip = "(?:(?:" + "|".join(ABBREVIATION_SKIPS) + ") )?"     # "ở" of "dân chủ ở cơ sở" (THDCCS)
    short = []
    for tok in re.findall(r"[\w&]+", c.name):
        if ABBR_WORD.fullmatch(tok):
            short.append(f" {skip}".join("va" if ch == "&" else rf"{re.escape(ch)}\w*" for ch in fold(tok)))
        else:
            short.append(re.escape(fold(tok)))
    return re.fullmatch(" ".join(short), " ".join(re.findall(r"\w+", fold(m.group(1))))) is not None


def cite(text: str, meta: DocumentMeta | None = None, known: list[str] | None = None) -> list[str]:
    """Canonical ids of the legal documents cited in one piece of text, in order, no repeats.

    A law printed without its year, or a symbol cut off at a cell border, takes
    the id of the one document it shortens among `known` (the ids collect()
    found in the whole document) and the plan's preamble (`meta.implements`).
    """
    ids = [*(meta.implements if meta else []), *(known or [])]
    out: list[str] = []
    for c in _citations(text, meta):
        rid = _completion(c, ids) or c.id
        if rid not in out:
            out.append(rid)
    return out


# ---------------------------------------------------------------- scope
def _province_in(phrase: str) -> str | None:
    """'UBND tỉnh Thanh Hóa về ...' -> 'Thanh Hóa' (known province names only)."""
    m = re.search(r"(?:tỉnh|Tỉnh ủy|Thành ủy|thành phố|Thành phố|TP\.?)\s+((?:[^\W\d_][\w]*\s*-?\s*){1,4})", phrase)
    if not m:
        return None
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        hit = PROVINCE_BY_FOLD.get(fold(" ".join(words[:n])))
        if hit:
            return hit
    return None


def _commune_in(phrase: str) -> str | None:
    """'UBND xã Hoằng Sơn' -> 'Hoằng Sơn' (the capitalised words after xã/phường/...)."""
    m = re.search(r"(?:xã|phường|thị trấn|đặc khu)\s+(.*)", phrase)
    words = []
    for w in (m.group(1).split() if m else []):
        if not w[0].isupper() or len(words) == 3:
            break
        words.append(w)
    return " ".join(words) or None


def _phrase_level(phrase: str) -> str | None:
    f = f" {fold(phrase)} "
    has = lambda words: any(f" {w} " in f for w in words)  # noqa: E731
    if has(NATIONAL_WORDS) or f.startswith(" bo "):
        return "national"
    if has(COMMUNE_WORDS):
        return "commune"
    if has(PROVINCE_WORDS) or f.startswith(" so "):
        return "province"
    return None


def _code_level(code: str | None, meta: DocumentMeta) -> str | None:
    """Level implied by the issuer code of a symbol."""
    if not code:
        return None
    code = base_code(code)
    if code in NATIONAL_CODES or code.endswith("TW") or code.startswith("BCĐ"):
        return "national"
    if code in PROVINCE_CODES or SO_CODE.match(code) or code.endswith("TU"):
        return "province"       # "BTGTU", "VPTU": organs of the Tỉnh ủy
    # UBND, HĐND, ĐU and unknown bodies: the plan's own level (a commune cites its own UBND)
    return "commune" if meta.level == "commune" and code != "HU" else "province"


def scope_of(c: Citation, meta: DocumentMeta, province: str | None) -> tuple[str, bool]:
    """(scope, explicit). A national symbol is explicit; a local document's jurisdiction is
    explicit only when its issuer phrase says it ("của UBND tỉnh Nghệ An"), else it is the plan's."""
    if c.law:
        return "national", True
    level = _code_level(c.code, meta)
    phrase = c.issuer or ""
    said = _phrase_level(phrase) if phrase else None
    # a Ban Chỉ đạo (BCĐ) is central unless its phrase makes it local ("Ban Chỉ đạo ... tỉnh")
    steering = base_code(c.code or "").startswith("BCĐ")
    if said == "national" or (level == "national" and (said is None or not steering)):
        return "national", True
    level = said or (level if level != "national" else None) or ("commune" if meta.level == "commune" else "province")
    if level == "commune":
        name = _commune_in(phrase) or meta.commune
        if name:
            return name, bool(said)
    return _province_in(phrase) or province or "local", bool(said)


def _issuer(c: Citation, scope: str, meta: DocumentMeta) -> str | None:
    """The issuer as printed, else the body its symbol code stands for."""
    code = base_code(c.code or "")
    if code in NATIONAL_CODES:
        return NATIONAL_CODES[code]
    if code in PROVINCE_CODES:
        return PROVINCE_CODES[code]
    if code in SO_NAMES:
        return SO_NAMES[code]
    if code in LOCAL_CODES:
        where = "tỉnh"
        if meta.commune and scope == meta.commune:
            where = next((w for w in ("phường", "thị trấn", "đặc khu") if w in (meta.issuing_body or "")), "xã")
        return f"{LOCAL_CODES[code]} {where} {scope}" if scope not in ("national", "local") else LOCAL_CODES[code]
    if code.endswith("TW"):
        return "Ban Chấp hành Trung ương"
    return None


# an issuer phrase ending in its level, "UBND tỉnh", "Đảng ủy xã": the jurisdiction's name is implied
_LEVEL_END = re.compile(r"\b(?:tinh|xa|phuong|thi tran|dac khu|thanh pho|tinh uy|thanh uy)$")


def _named(issuer: str | None, scope: str) -> str | None:
    """'UBND tỉnh' -> 'UBND tỉnh Sơn La': the issuer with the name of the jurisdiction it leaves implicit."""
    if (issuer and scope not in ("national", "local") and _LEVEL_END.search(fold(issuer))
            and not fold(issuer).endswith(fold(scope))):
        return f"{issuer} {scope}"
    return issuer


def _guess_province(text: str) -> str | None:
    """The province most named in the text, when the plan's metadata has none."""
    names = Counter(filter(None, (_province_in(m.group()) for m in
                                  re.finditer(r"(?:tỉnh|Tỉnh ủy|thành phố)\s+\S+(?:\s+\S+){0,3}", text))))
    return names.most_common(1)[0][0] if names else None


# ---------------------------------------------------------------- merging
class _Group:
    """All mentions of one document (one id, one jurisdiction)."""

    def __init__(self, key: str, scope: str):
        self.key, self.scope, self.cits, self.extra_lines = key, scope, [], []

    @cached_property
    def rep(self) -> Citation:
        """The first complete mention whose printed type agrees with its symbol, else typed, else any."""
        typed = [c for c in self.cits if c.typed]
        agree = [c for c in typed if c.abbr == (c.symbol_type or c.abbr)]
        for pool in (agree, typed, self.cits):
            complete = [c for c in pool if not c.incomplete]
            if complete:
                return complete[0]
        return (agree or typed or self.cits)[0]

    def add(self, cits: list[Citation], extra_lines: tuple[int, ...] | list[int] = ()) -> None:
        self.cits += cits
        self.extra_lines += extra_lines
        self.__dict__.pop("rep", None)      # chosen again from the new mentions


def _merge(groups: list[_Group]) -> list[_Group]:
    """Join groups that are one document printed two ways (typo, cut-off symbol, law without year)."""
    dead: set[int] = set()

    def into(src: _Group, dst: _Group) -> None:
        dst.add(src.cits, src.extra_lines)
        dead.add(id(src))

    for g in groups:
        r = g.rep
        others = [h for h in groups if h is not g and id(h) not in dead]
        full = _completion(r, {h.rep.id for h in others if not h.rep.incomplete})
        targets = [h for h in others if h.rep.id == full]
        target = next((h for h in targets if h.scope == g.scope), targets[0] if targets else None)
        if target and not (r.date and target.rep.date and r.date != target.rep.date):
            into(g, target)
    return [g for g in groups if id(g) not in dead]


def _group(cits: list[Citation], meta: DocumentMeta, province: str | None) -> dict[int, _Group]:
    """Citation (by id()) -> its group; explicit jurisdictions first, defaults join them."""
    by_key: dict[str, list[_Group]] = {}
    owner: dict[int, _Group] = {}
    pending = []
    for c in cits:
        scope, explicit = scope_of(c, meta, province)
        if explicit:
            owner[id(c)] = _join(by_key, _key(c), scope, c)
        else:
            pending.append((c, scope))
    for c, scope in pending:
        known = by_key.get(_key(c))
        owner[id(c)] = _join(by_key, _key(c), known[0].scope if known else scope, c)
    return owner


def _join(by_key: dict, key: str, scope: str, c: Citation) -> _Group:
    for g in by_key.setdefault(key, []):
        if g.scope == scope:
            g.add([c])
            return g
    g = _Group(key, scope)
    g.add([c])
    by_key[key].append(g)
    return g


def _reference(g: _Group, meta: DocumentMeta, line_of) -> LegalReference:
    r = g.rep
    first = lambda attr: next((getattr(c, attr) for c in g.cits if getattr(c, attr)), None)  # noqa: E731
    issuer = _named(first("issuer") or _issuer(r, g.scope, meta), g.scope)
    return LegalReference(
        id=r.id, doc_type=r.doc_type, number=r.number, symbol=r.symbol, date=first("date"),
        issuer=issuer, scope=g.scope, mentions=len(g.cits) + len(g.extra_lines),
        incomplete=all(c.incomplete for c in g.cits), name=first("name"),
        lines=sorted({line_of(c.start) for c in g.cits} | set(g.extra_lines)),
    )


# ---------------------------------------------------------------- relations
_CLAUSE_END = re.compile(r";|\.\s|\n\s*[-–+•]\s|\n\s*[a-zđ]\)\s")
_AMENDED = re.compile(r"sửa\s+đổi(?:\s*,?\s*bổ\s+sung)?(?:\s+một\s+số\s+điều)?\s*(?:tại|bởi|theo)\s*$")
_PASSIVE = re.compile(r"(?:được|bị)\s+(?:sửa\s+đổi|thay\s+thế|bãi\s+bỏ)")


def _predicate(between: str) -> tuple[str | None, bool]:
    """The relation words between two citations -> (predicate, reversed)."""
    b = re.sub(r"\s+", " ", between)
    passive = bool(_PASSIVE.search(b))
    if "sửa đổi" in b:
        return "amends", passive or bool(_AMENDED.search(b))
    if "thay thế" in b:
        return "replaces", passive
    if "bãi bỏ" in b:
        return "repeals", passive
    if re.search(r"hướng\s+dẫn(?:\s+thi\s+hành|\s+thực\s+hiện)?(?:\s+một\s+số\s+điều(?:\s+của)?)?\s*$", b):
        return "guides", False
    return None, False


def _relations(text: str, cits: list[Citation], final_id: dict[int, str], line_of) -> list[Relation]:
    """Relations worded between a citation and the one before it in the same clause, or between
    the plan itself ("Quyết định này", "Kế hoạch này") and a citation."""
    out: list[Relation] = []
    prev: Citation | None = None
    for c in cits:
        window = text[max(prev.end if prev else 0, c.start - 200):c.start]
        breaks = list(_CLAUSE_END.finditer(window))
        clause = window[breaks[-1].end():] if breaks else window
        same_clause = prev is not None and prev.end >= c.start - 200 and not breaks
        sentence = re.split(r"(?<=[^\d\s])\.\s", window)[-1]
        pred, rev = _predicate(clause)
        this_plan = re.search(r"(?<!\w)này(?!\w)", clause if same_clause else sentence)
        if pred in ("replaces", "repeals") and not rev and this_plan:
            out.append(Relation(subject="", predicate=pred, object=final_id[id(c)], line=line_of(c.start)))
        elif pred and same_clause:
            a, b = final_id[id(prev)], final_id[id(c)]
            subj, obj = (b, a) if rev else (a, b)
            if subj != obj:
                out.append(Relation(subject=subj, predicate=pred, object=obj, line=line_of(c.start)))
        prev = c
    unique = {(r.subject, r.predicate, r.object): r for r in reversed(out)}
    return list(reversed(unique.values()))


# ---------------------------------------------------------------- collect
_HEAD_LINES = 40   # the document's own letterhead, number and date sit in its first lines


def collect(lines: list[Line], meta: DocumentMeta) -> tuple[list[LegalReference], list[Relation]]:
    """Every legal document cited in the document, with mentions counted, and stated relations."""
    # a page header or page number printed inside a citation ("3316/QĐ-" / header / "UBND")
    # is blanked; the document's own letterhead at its top stays (it holds the plan's number)
    head = lines[0].lineno + _HEAD_LINES if lines else 0
    gone = {n for n in furniture(lines, lone_numbers=False) if n > head}
    texts = ["" if ln.lineno in gone else unicodedata.normalize("NFC", ln.text) for ln in lines]
    text = "\n".join(texts)
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    line_of = lambda off: lines[bisect_right(starts, off) - 1].lineno if lines else 0  # noqa: E731

    cits = _citations(text, meta)
    province = meta.province or _guess_province(text)
    owner = _group(cits, meta, province)
    groups = _merge(sorted({id(g): g for g in owner.values()}.values(), key=lambda g: min(c.start for c in g.cits)))
    final = {id(c): g for g in groups for c in g.cits}

    by_number: dict[tuple[str, str], list[_Group]] = {}
    for g in groups:
        if not g.rep.law and not g.rep.incomplete:
            by_number.setdefault((g.rep.abbr, g.rep.number), []).append(g)
    cit_starts = [c.start for c in cits]
    for off, abbr, num in find_backrefs(text):     # "tổng kết Nghị quyết 18" is NQ 18-NQ/TW again
        i = bisect_right(cit_starts, off) - 1
        if i >= 0 and off < cits[i].end:
            continue                               # the type word of a full citation
        hits = by_number.get((abbr, num), [])
        if len(hits) == 1:
            hits[0].extra_lines.append(line_of(off))

    refs = [_reference(g, meta, line_of) for g in groups]
    final_id = {k: g.rep.id for k, g in final.items()}
    return refs, _relations(text, cits, final_id, line_of)
