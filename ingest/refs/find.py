"""Citations of legal documents found by regular expressions in raw text.

`find_citations(text)` works on the text of a whole document (lines joined with
"\\n"), so a symbol broken over lines ("130/2005/NĐ-\\nCP", "92/202\\n1/TT\\nBTC")
or spaced ("06/QĐ - TTg") is one citation. List items take the type of the
first ("các Văn bản số 120/SNV-CCHC, 121/SNV-CCHC"; "Nghị quyết số 18, 19-NQ/TW").
A number may carry a dot when a type word or "số" stands before it ("Nghị quyết
66.7/2025/NQ-CP"). A law named with an abbreviation is the law of the long name: those the
text defines ("quy phạm pháp luật (QPPL)", "(sau đây gọi tắt là QPPL)", `abbreviations`) and
the customary ones of refs/vocab.py are expanded ("Luật Ban hành văn bản QPPL năm 2025" ->
"Luật Ban hành văn bản quy phạm pháp luật 2025"). Each citation carries its character
offsets; the scope of local documents is decided later, with the plan's context
(ingest/refs/resolve.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from ..vocab import NATIONAL_CODES, TYPE_WORD_BY_FOLD, TYPE_WORDS, TYPES, base_code, fold
from .vocab import (ABBREVIATION_SKIPS, LAW_ABBREVIATIONS, LAW_ISSUERS, LAW_NAMES, LOCAL_CODES, NICKNAMED_TYPES,
                    NOT_DOCUMENT_WORDS, PROVINCE_CODES, SO_CODE, STANDARD_PREFIXES, SYMBOL_TYPES, WORD_DOC_TYPE)


@dataclass
class Citation:
    start: int
    end: int
    id: str
    abbr: str                       # type abbreviation ("NĐ"), "Luật" for named laws
    doc_type: str
    number: str | None = None
    symbol: str | None = None
    date: str | None = None
    code: str | None = None         # issuer code from the symbol ("CP", "UBND", "SNV")
    issuer: str | None = None       # issuer phrase as printed after "của"
    name: str | None = None
    incomplete: bool = False
    typed: bool = False             # the type came from a printed word, not from the symbol
    symbol_type: str | None = None  # type code printed inside the symbol
    year: str | None = None
    law: bool = False
    own: bool = False               # "Số: 45/KH-UBND" heading the document: its own number


def _alt(words) -> str:
    """Regex alternation of multi-word phrases, longest first, any whitespace between words."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


# a symbol segment: capitals first ("NĐ", "TTg", "CTr", "SNV", "CCHC&VTLT", "BCĐTKNQ18")
SEG = r"[A-ZĐ][A-Za-zĐđ0-9&]*(?!\w)"
# a break inside a symbol: a hyphen closing a line ("NĐ-\nCP"), opening the next ("KH\n-UBND")
# or alone on its line ("QĐ\n-\nTTg", one word a line)
LINE_JOIN = r"(?:-[ \t]*\n\s*(?!STT\b)|\s*\n[ \t]*-(?:[ \t]*\n\s*)?)"
PARTY_TYPES = _alt(SYMBOL_TYPES)
CORE = re.compile(rf"""
    (?:(?<![\w/.:-])|(?<=số))
    (?P<num>\d{{1,5}}(?:\.\d{{1,3}})?)      # "66.7/2025/NQ-CP": a dot in the number (after a type word or "số")
    (?:
      (?P<state>
        [ \t]*/\s*
        (?:(?P<year>\d(?:\s*\d){{3}})\s*/\s*)?
        (?P<head>{SEG})
        (?:
          (?P<tail>(?:[ \t]*-[ \t]*|{LINE_JOIN})(?=[A-ZĐ]){SEG}(?:(?:-|{LINE_JOIN}){SEG})*)
          | (?P<gap>[ \t]*\n\s*|[ \t]+)(?P<gapseg>[A-ZĐ]{{2,}}[A-Za-z]*(?!\w))
        )?
        (?P<dangling>[ \t]*-)?
      )
      |
      (?P<party>\s*-\s*(?P<ptype>{PARTY_TYPES})\s*/\s*(?P<pissuer>{SEG}(?:-{SEG})*))
    )
""", re.X)

TYPE_WORD = _alt(TYPE_WORDS)
# what may stand right before the number: "Nghị định số", "Công văn", "và số", "số:"
BEFORE = re.compile(rf"(?:(?P<word>{TYPE_WORD})\s*(?:số\s*:?\s*)?|(?P<so>số\s*:?\s*))\Z", re.I)
DATE = (r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d(?:\s*\d){3})"
        r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})")
# "Mẫu số 01/BC" numbers a form of the plan, not a document
NOT_DOCUMENT = re.compile(rf"(?<!\w)(?:{_alt(NOT_DOCUMENT_WORDS)})\s*\Z", re.I)
STANDARD = re.compile(rf"(?<!\w)(?:{_alt(STANDARD_PREFIXES)})\s*\Z")
# numbers listed before a symbol they share: "Nghị quyết số 18, 19-NQ/TW"
SHARED_HEAD = re.compile(rf"(?P<word>{TYPE_WORD})\s*(?:số\s*:?\s*)?(?P<nums>\d{{1,5}}(?:\s*(?:,|và)\s*\d{{1,5}})*)"
                         rf"\s*(?:,|và)\s*\Z", re.I)
# what separates the items of a list of citations: "số 107/2020/NĐ-CP[ ngày ...], 108/2020/NĐ-CP"
LIST_GAP = re.compile(rf"(?:\s*ngày\s+(?:{DATE}))?\s*(?:,|;|và|hoặc)\s*(?:và\s+)?")
PLACE_DATE = re.compile(r",\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")
AFTER_DATE = re.compile(rf"[ \t]*\)?[\s,]*\(?\s*(?:được\s+)?(?:ban\s+hành\s+)?ngày\s+(?:{DATE})")
PRE_ISSUER = re.compile(r"của\s+(?P<iss>[^\W\d_]+(?:\s+[^\W\d_]+){0,6}?)\s+tại\s*\Z")
OF = re.compile(r"[\s,]*của\s+")
ABOUT = re.compile(r"\s*về\s+(?:việc\s+)?(?P<name>[^;(]{5,200}?)\s*(?=;|\.\s|\.?\Z|\n\s*[-–+•]|\()", re.S)
# words that end an issuer phrase ("của Chính phủ về ...", "của UBND tỉnh ban hành ...")
ISSUER_STOP = {"về", "quy", "hướng", "triển", "thực", "sửa", "và", "tại", "đã", "để", "theo", "trong",
               "với", "đối", "nhằm", "là", "thì", "khi", "có", "được", "ngày", "số", "giai", "năm",
               "trên", "cho", "phê", "tổ", "đến", "từ", "tiếp"}

# the start of another citation ends an issuer phrase: "... của Chính phủ\nVăn bản số ..."
NEXT_CITATION = re.compile(r"(?:Căn cứ|Thực hiện|Luật|Bộ luật|Nghị quyết|Nghị định|Quyết định|Văn bản|Công văn|"
                           r"Kế hoạch|Thông tư|Thông báo|Công điện|Chương trình|Kết luận|Chỉ thị|Hướng dẫn)(?!\w)")

LAW = re.compile(r"(?<!\w)(?P<kind>Luật|Bộ\s+luật|Pháp\s+lệnh|Hiến\s+pháp)(?!\w)")
KNOWN_LAW = re.compile(rf"\s+(?P<name>{_alt(LAW_NAMES)})(?!\w)", re.I)
AMENDING = re.compile(r"\s+(?P<verb>sửa\s+đổi(?:\s*,\s*|\s+)bổ\s+sung(?:\s+một\s+số\s+điều)?(?:\s+của)?)")
AMENDED_LAW = re.compile(r"(?P<sep>\s*(?:,|và)?)\s+Luật(?!\w)")
NEXT_WORD = re.compile(r"\s+(\S+)")
LAW_STOP = {"ngày", "năm", "số", "và", "của", "được", "theo", "để", "đã", "trong", "tại", "thì", "khi",
            "cho", "nhằm", "với", "đến", "là", "có", "các", "này", "hiện", "mới", "sửa", "hướng",
            "về", "do", "bởi", "từ", "như", "gồm", "đang", "sẽ", "hoặc", "cũng", "thuộc"}
# an abbreviation, in capitals ("QPPL", "KH&CN"), and a parenthesis that defines one after the words
# it shortens: "quy phạm pháp luật (QPPL)", "(sau đây gọi tắt là QPPL)", "(sau đây gọi là Luật BHVBQPPL)"
ABBR = r"[A-ZĐ][A-ZĐ&]*[A-ZĐ]"
DEFINES = r"\(\s*(?:(?:sau\s+đây\s+)?(?:được\s+)?(?:gọi|viết)(?:\s+tắt)?(?:\s+là)?\s*:?\s*)?(?:(?:Bộ\s+)?[Ll]uật\s+)?"
ABBR_DEF = re.compile(rf"{DEFINES}(?P<abbr>{ABBR})\s*\)")
ABBR_PAREN = rf"{DEFINES}{ABBR}\s*\)"
ABBR_WORD = re.compile(rf"(?<![\w&]){ABBR}(?![\w&])")
LAW_YEAR = re.compile(rf"[ \t]*(?:\n\s*)?(?:{ABBR_PAREN}\s*)?(?:\(sửa\s+đổi(?:,?\s*bổ\s+sung)?\)\s*)?(?:\(|,\s*)?"
                      rf"(?:số\s+(?P<lnum>\d+)/(?P<lsym>(?P<y0>\d{{4}})/QH\d*)[\s,]*)?"
                      rf"(?:(?:được\s+)?(?:Quốc\s+hội\s+)?(?:thông\s+qua\s+)?ngày\s+(?:{DATE})"
                      rf"|năm\s+(?P<y1>\d{{4}})(?!\d)|(?P<y2b>(?:19|20)\d\d)(?!\d))?")
# words that start what follows a law's name ("Luật Đất đai và các văn bản hướng dẫn ... năm 2024")
NOT_IN_LAW_NAME = {"các", "những", "này", "đó", "văn", "hướng", "thi", "quy", "năm", "ngày", "số"}
# what closes a law's name: its number, date or year
LAW_DATED = re.compile(rf"\s*(?:{ABBR_PAREN}\s*)?(?:\(|,)?\s*(?:số\s+\d+/\d{{4}}/QH|năm\s+(?:19|20)\d\d(?!\d)"
                       rf"|(?:được\s+)?(?:Quốc\s+hội\s+)?(?:thông\s+qua\s+)?ngày\s+(?:{DATE}))")
# a number cited with its type but no symbol ("tổng kết Nghị quyết 18"): resolved per document
BACKREF = re.compile(rf"(?<!\w)(?P<word>{TYPE_WORD})\s+(?:số\s+)?(?P<num>\d{{1,4}}(?:\.\d{{1,3}})?)(?![\d\w/-])", re.I)
GLUED_FOOTNOTE = re.compile(r"^(?P<code>[A-ZĐ][A-Za-zĐ]*?)(?P<mark>\d{1,2})$")


def _digits(s: str | None) -> str | None:
    return re.sub(r"\s+", "", s) if s else s


def parse_date(m: re.Match) -> str | None:
    d, mo, y = (m.group("d"), m.group("m"), _digits(m.group("y"))) if m.group("d") else \
        (m.group("d2"), m.group("m2"), m.group("y2"))
    try:
        return date(int(y[:4]), int(mo), int(d)).isoformat()
    except ValueError:
        return None


def _code_known(code: str) -> bool:
    code = base_code(code)
    return (code in NATIONAL_CODES or code in PROVINCE_CODES or code in LOCAL_CODES
            or bool(SO_CODE.match(code)) or code.endswith(("TW", "TU")))


def _drop_footnote(seg: str) -> str:
    """'CP1' -> 'CP': a footnote digit glued to a known issuer code ('BCĐTKNQ18' stays)."""
    m = GLUED_FOOTNOTE.match(seg)
    keep = not m or not _code_known(m.group("code")) or _code_known(seg)   # "QH13" is known: kept
    return seg if keep else m.group("code")


def _segments(s: str) -> list[str]:
    return [x for x in re.split(r"\s*-\s*", s.strip()) if x]


def _after(text: str, c: Citation, pos: int) -> None:
    """Date, issuer phrase ("của ...") and subject ("về ...") printed after a citation."""
    tail = text[pos:pos + 400]
    at = 0
    m = AFTER_DATE.match(tail)
    if m:
        c.date = parse_date(m)
        at = m.end()
    m = OF.match(tail, at)
    if m:
        words = []
        for w in re.finditer(r"\S+", tail[m.end():m.end() + 120]):
            bare = w.group().rstrip(";,.:)“”\"…")
            if bare == "và" and words and re.match(rf"\s+{re.escape(words[0])}\s", tail[m.end() + w.end():]):
                words.append(bare)      # "của Bộ Tài chính và Bộ Nội vụ": joint issuers of one kind
                continue
            if (not bare or bare in ISSUER_STOP or bare.startswith("(") or not re.search(r"[^\W\d_]", bare)
                    or (words and NEXT_CITATION.match(tail, m.end() + w.start()))
                    or (bare == "ban" and (not words or words[-1] not in ("Ủy", "Uỷ")))):
                break      # "ban hành" ends the phrase; "Ủy ban" does not
            words.append(bare)
            at = m.end() + w.start() + len(bare)
            if bare != w.group() or len(words) >= 10:
                break
        c.issuer = " ".join(words) or None
        m = None if c.date else AFTER_DATE.match(tail, at)
        if m:               # "Quyết định số 12/QĐ-UBND của UBND tỉnh ngày 12/5/2025"
            c.date = parse_date(m)
            at = m.end()
    m = ABOUT.match(tail, at)
    if m:
        c.name = re.sub(r"\s+", " ", m.group("name")).strip(" ,")


def _numbered(text: str, m: re.Match, prev: Citation | None) -> Citation | None:
    """The citation whose number `m` matched; `prev` is the citation before it in the text,
    whose type a list item without its own type word takes ("các Văn bản số 120/SNV-CCHC, 121/SNV-CCHC")."""
    num = m.group("num")
    start, end = m.start(), m.end()
    if STANDARD.search(text, max(0, start - 8), start):
        return None        # a technical standard, "QCVN 07/2016/BXD"
    incomplete = False
    if m.group("party"):
        ptype = m.group("ptype")
        segs = [_drop_footnote(s) for s in _segments(m.group("pissuer"))]
        symbol = f"{ptype}/{'-'.join(segs)}"
        number_sep, code, symbol_type = "-", segs[0], SYMBOL_TYPES[ptype]
    else:
        year = _digits(m.group("year"))
        if year and not re.match(r"(19|20)\d\d$", year):
            return None
        head = m.group("head")
        segs = [head] + (_segments(m.group("tail")) if m.group("tail") else [])
        if m.group("gapseg") and year and head in SYMBOL_TYPES:
            segs.append(m.group("gapseg"))          # "2021/TT BTC": the hyphen was lost
        elif m.group("gapseg"):
            end = m.start("gap")                    # a following word, not part of the symbol
        if m.group("dangling") and len(segs) == 1 and not m.group("gapseg"):
            incomplete = True                       # "19/KH-" and the rest is not printed
        elif m.group("dangling"):
            end = m.start("dangling")
        segs[-1] = _drop_footnote(segs[-1])
        symbol_type = SYMBOL_TYPES.get(head)
        if len(segs) == 1 and not incomplete:
            if symbol_type:
                incomplete = True                   # "1234/QĐ" cut off before the issuer
            elif not _code_known(head):
                return None                         # "12/2025/ABC": not a document symbol
        code = segs[1] if symbol_type and len(segs) > 1 else (None if symbol_type else head)
        symbol = (f"{year}/" if year else "") + "-".join(segs) + ("-" if incomplete and m.group("dangling") else "")
        number_sep = "/"
    before = BEFORE.search(text, max(0, start - 45), start)
    word = before.group("word") if before and before.group("word") else None
    if before and not word and NOT_DOCUMENT.search(text, max(0, before.start() - 12), before.start()):
        return None        # "Mẫu số 01/BC", "Phụ lục số 03/KH"
    listed = (prev if prev and not prev.law and not word and prev.symbol_type == symbol_type
              and LIST_GAP.fullmatch(text, prev.end, start) else None)
    if "." in num and not before and not listed:
        return None        # "2.1/KH-UBND" with nothing saying it is a document: a row number, a section
    own = False
    if before and not word and re.match(r"Số\s*:", before.group()):
        # the heading's "Số: 45/KH-UBND": first on its line, after the issuer's name in capitals
        # (columns merged into one line), or before the place and date of signing
        prefix = text[text.rfind("\n", 0, before.start()) + 1:before.start()].strip()
        line_end = text.find("\n", end) if "\n" in text[end:] else len(text)
        own = not prefix or prefix.isupper() or bool(PLACE_DATE.search(text, end, line_end))
    if before:
        start = before.start()
    elif incomplete or (not symbol_type and not _code_known(code) and not listed):
        return None        # a bare "12/ABC-XYZ" with nothing saying it is a document
    abbr, doc_type, typed = None, None, False
    if word:
        word = TYPE_WORD_BY_FOLD[fold(word)]
        abbr = TYPE_WORDS[word]
        doc_type = WORD_DOC_TYPE.get(word) or TYPES.get(abbr, abbr)
        typed = True
        if abbr in NICKNAMED_TYPES and not m.group("party") and not symbol_type and "-" not in symbol:
            return None    # "Đề án 06/CP": a programme's name
        if abbr == "CV" and symbol_type and symbol_type != "CV":
            abbr, doc_type = symbol_type, TYPES[symbol_type]    # "văn bản số 12/HD-SNV" is a Hướng dẫn
    elif listed:
        abbr, doc_type, typed = listed.abbr, listed.doc_type, listed.typed
    elif symbol_type:
        abbr, doc_type = symbol_type, TYPES[symbol_type]
    else:
        abbr, doc_type = "CV", "Công văn"                        # a letter: "4625/BNV-CCHC"
    c = Citation(start=start, end=end, id=f"{abbr} {num}{number_sep}{symbol}", abbr=abbr, doc_type=doc_type,
                 number=num, symbol=symbol, code=code, incomplete=incomplete, typed=typed,
                 symbol_type=symbol_type, year=_digits(m.group("year")) if m.group("state") else None, own=own)
    _after(text, c, end)
    if not c.issuer:        # "Theo đề nghị của Sở Nội vụ tại Văn bản số ..."
        pre = PRE_ISSUER.search(text, max(0, start - 80), start)
        c.issuer = re.sub(r"\s+", " ", pre.group("iss")) if pre else None
    return c


def abbreviations(text: str) -> dict[str, str]:
    """The abbreviations `text` defines, each with the words it stands for as printed: the
    words right before the parenthesis whose initials spell it ("văn bản quy phạm pháp luật
    (sau đây gọi là QPPL)" -> QPPL: "quy phạm pháp luật"); the first definition holds."""
    out: dict[str, str] = {}
    for m in ABBR_DEF.finditer(text):
        abbr = m.group("abbr")
        if abbr not in out:
            before = text[max(0, m.start() - 300):m.start()]
            long = _spelled_by(before, abbr)
            if long:
                out[abbr] = re.sub(r"\s+", " ", long)
    return out


def _spelled_by(before: str, abbr: str) -> str | None:
    """The last run of words in `before` whose initials spell `abbr` ("&" spelled by "và", short
    words inside left out: "Thực hiện dân chủ ở cơ sở" is THDCCS), ending at most a few words
    before its end ("... pháp luật năm 2025 (sau đây gọi tắt là Luật BHVBQPPL)")."""
    letters = fold(abbr)
    words = list(re.finditer(r"[^\W\d_]+", before))
    for end in range(len(words) - 1, max(-1, len(words) - 5), -1):
        i, k = len(letters) - 1, end
        while i >= 0 and k >= 0:
            w = fold(words[k].group())
            if w[0] == letters[i] or (letters[i] == "&" and w == "va"):
                i -= 1
            elif k == end or w not in ABBREVIATION_SKIPS:
                break
            k -= 1
        if i < 0:
            return before[words[k + 1].start():words[end].end()]
    return None


def _expand(name: str, abbrs: dict[str, str]) -> str:
    """'Ban hành văn bản QPPL' -> 'Ban hành văn bản quy phạm pháp luật': a law named with an
    abbreviation is the law of the long name."""
    out = ABBR_WORD.sub(lambda m: abbrs.get(m.group(), m.group()), name)
    return out[:1].upper() + out[1:] if out != name else name


def _law_name(text: str, pos: int, abbrs: dict[str, str]) -> tuple[str, int]:
    """The name printed after "Luật" at `pos` ("" if none, abbreviations in `abbrs` expanded)
    and where it ends."""
    known = KNOWN_LAW.match(text, pos)
    if known:
        return re.sub(r"\s+", " ", known.group("name")), known.end()
    words = []
    w = NEXT_WORD.match(text, pos)
    while w:
        tok = w.group(1)
        bare = re.sub(r"[;,.:()“”\"…]+$", "", tok)
        if not words and (not bare or not bare[0].isupper()):
            break      # "Luật, Nghị quyết", "được Luật giao": not a named law
        if (not bare or bare in LAW_STOP or not (re.fullmatch(r"[^\W\d_]+", bare) or bare in abbrs)
                or len(words) >= 10):
            break
        words.append(bare)
        pos = w.start(1) + len(bare)
        if bare != tok:
            break
        w = NEXT_WORD.match(text, pos)
    if words and w and not LAW_DATED.match(text, pos):
        # a function word inside the name ("Pháp lệnh Ưu đãi người có công với cách mạng ngày ..."):
        # the name runs on when a few plain words more reach its date or year
        more, end = [], pos
        for w in NEXT_WORD.finditer(text, pos):
            if w.start() != end or len(words) + len(more) >= 14 \
                    or not (re.fullmatch(r"[^\W\d_]+", w.group(1)) or w.group(1) in abbrs) \
                    or w.group(1) in NOT_IN_LAW_NAME or LAW.match(w.group(1)) or NEXT_CITATION.match(w.group(1)):
                break
            more.append(w.group(1))
            end = w.end()
            if LAW_DATED.match(text, end):
                words, pos = words + more, end
                break
    return _expand(" ".join(words), abbrs), pos


def _law(text: str, m: re.Match, abbrs: dict[str, str]) -> Citation | None:
    kind = re.sub(r"\s+", " ", m.group("kind"))
    name, pos = _law_name(text, m.end(), abbrs)
    amending = AMENDING.match(text, m.end()) if not name else None
    if amending:
        # "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B": one law, named after those it amends
        parts, pos = [], amending.end()
        for nxt in AMENDED_LAW.finditer(text, pos):
            if nxt.start() != pos:
                break
            inner, end = _law_name(text, nxt.end(), abbrs)
            if not inner:
                break
            parts.append(f"{nxt.group('sep').strip()} Luật {inner}".strip())
            pos = end
        name = re.sub(r"\s+", " ", amending.group("verb")) + " " + " ".join(parts) if parts else ""
    y = LAW_YEAR.match(text, pos)
    c = Citation(start=m.start(), end=pos, id="", abbr="Luật", doc_type=kind, law=True)
    if y and (y.group("y0") or y.group("d") or y.group("d2") or y.group("y1") or y.group("y2b")):
        if y.group("d") or y.group("d2"):
            c.date = parse_date(y)
        c.year = y.group("y0") or (c.date[:4] if c.date else None) or y.group("y1") or y.group("y2b")
        c.number, c.symbol = y.group("lnum"), y.group("lsym")
        c.end = y.end()
    if not name and not (kind == "Hiến pháp" and c.year):
        return None
    c.id = " ".join(x for x in (kind, name, c.year) if x)
    c.name = name or None
    c.issuer = LAW_ISSUERS[kind]
    c.code = "UBTVQH" if kind == "Pháp lệnh" else "QH"
    return c


# look-alike characters of PDF and Word exports, replaced one for one (offsets stay valid)
# (a superscript footnote mark "NĐ-CP¹" becomes a glued digit "NĐ-CP1", which _drop_footnote removes)
SAME_WIDTH = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ", "\u2013": "-", "\u2011": "-", "\u00a0": " ",
                            **{c: str(i) for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}})


def _sharing(text: str, c: Citation) -> list[Citation]:
    """`c` and the documents listed before it that share its symbol: "Nghị quyết số 18, 19-NQ/TW"
    cites 18-NQ/TW and 19-NQ/TW, "Quyết định số 1234 và 1235/QĐ-UBND" two decisions."""
    head = None if c.typed or c.law else SHARED_HEAD.search(text, max(0, c.start - 80), c.start)
    if not head:
        return [c]
    word = TYPE_WORD_BY_FOLD[fold(head.group("word"))]
    abbr = TYPE_WORDS[word]
    if c.symbol_type and abbr not in (c.symbol_type, "CV"):
        return [c]
    if not c.symbol_type:
        c = replace(c, abbr=abbr, doc_type=WORD_DOC_TYPE.get(word) or TYPES.get(abbr, abbr),
                    id=f"{abbr} {c.id.split(' ', 1)[1]}")
    c = replace(c, typed=True)
    firsts = [replace(c, start=n.start(), end=n.end(), number=n.group(),
                      id=c.id.replace(f" {c.number}", f" {n.group()}", 1))
              for n in re.compile(r"\d+").finditer(text, head.start("nums"), head.end("nums"))]
    firsts[0].start = head.start()      # the type word belongs to the first
    return [*firsts, c]


def find_citations(text: str) -> list[Citation]:
    """Every numbered or named legal document cited in `text`, in order of appearance.

    The document's own number ("Số: 45/KH-UBND" heading it) and its other
    mentions ("Kèm theo Kế hoạch số 45/KH-UBND") are not citations.
    """
    text = text.translate(SAME_WIDTH)
    abbrs = {**LAW_ABBREVIATIONS, **abbreviations(text)}
    laws: list[Citation] = []
    for m in LAW.finditer(text):
        if laws and m.start() < laws[-1].end:
            continue       # a law named inside "Luật sửa đổi, bổ sung ... của Luật X"
        c = _law(text, m, abbrs)
        if c:
            laws.append(c)
    taken = [(c.start, c.end) for c in laws]
    by_number = {(c.number, c.symbol): c for c in laws if c.number}
    out = list(laws)
    prev = None
    for m in CORE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue       # the number of a law ("số 77/2015/QH13") belongs to the law
        c = _numbered(text, m, prev)
        if c and c.abbr == "Luật" and (c.number, c.symbol) in by_number:
            # "Luật số 80/2025/QH15" once the text has named it: the named law again
            c = replace(by_number[c.number, c.symbol], start=c.start, end=c.end)
        if c:
            out += _sharing(text, c)
            prev = out[-1]
    own = {c.id.split(" ", 1)[1] for c in out if c.own}
    return sorted((c for c in out if c.law or c.id.split(" ", 1)[1] not in own), key=lambda c: c.start)


def find_backrefs(text: str) -> list[tuple[int, str, str]]:
    """(offset, type abbreviation, number) of "Nghị quyết 18"-like mentions without a symbol."""
    return [(m.start(), TYPE_WORDS[TYPE_WORD_BY_FOLD[fold(m.group("word"))]], m.group("num"))
            for m in BACKREF.finditer(text)]
