"""Lead / coordinating cells -> agencies.

A cell names one or more bodies, separated by ";", bullets or commas; but
commas also sit inside names ("Sở Văn hóa, Thể thao và Du lịch") and inside
collectives ("Các sở, ban, ngành"; "UBND các xã, phường"). So a comma (or "và",
or a line break) ends an agency only where the next words begin a new body (a
head word: Sở, UBND, Phòng, Các ...) and what came before is already whole.
A collective of generic nouns ("Các cơ quan, đơn vị, địa phương") keeps taking
nouns of a compatible kind: departments (sở, ban, ngành) and localities (địa
phương, xã, phường) are two different sets, which is how the annotated plans
read "Sở, ban, ngành, địa phương" as two groups. Line breaks are mostly wraps of
a printed cell; one splits only before a capitalised head after a whole body.

Each agency then gets a normalised name (ABBREVIATIONS expanded), a kind
(agency, unit of the plan's issuer, group), a jurisdiction (the plan's province
or commune, or "national") and a qualifier kept apart; a group gets one canonical
name however it is spelt ("Các Sở, ban ngành liên quan" -> "Các sở, ban, ngành",
qualifier "liên quan": group_name). `agency_key` gives the identity used to merge
mentions across plans, and `identify` puts it (and a unit's parent body, parsed)
into the record the graph builder reads.

Matching is done on lower-cased text that keeps its diacritics ("viện" is a
head word, "viên chức" is not); keys fold diacritics away.
"""
from __future__ import annotations

import itertools
import re
import unicodedata

from .models import Agency, DocumentMeta
from .places import COMMUNE_UNITS, fold_words
from .vocab import NATIONAL, NATIONAL_CODES, SO_NAMES

# Opaque abbreviations -> what they stand for, in names. Customary short forms
# (UBND, HĐND, CCHC) stay: they are the canonical names plans and people use.
# Longer keys win over shorter ones; matching ignores case.
ABBREVIATIONS: dict[str, str] = {
    "Trung tâm phục vụ HCC": "Trung tâm Phục vụ hành chính công",
    "Trung tâm PVHCC": "Trung tâm Phục vụ hành chính công",
    "TTPVHCC": "Trung tâm Phục vụ hành chính công",
    "Trung tâm TT": "Trung tâm Thông tin",
    "Trung tâm CNTT": "Trung tâm Công nghệ thông tin",
    "VP HĐND": "Văn phòng HĐND",
    "VP UBND": "Văn phòng UBND",
    "VPUB": "Văn phòng UBND",
    "KSTTHC": "Kiểm soát thủ tục hành chính",
    "TCHCQT": "Tổ chức - Hành chính - Quản trị",
    "BCĐ": "Ban Chỉ đạo",
    "TGV": "Tổ giúp việc",
    "HĐTĐ": "Hội đồng thẩm định",
    "KH&CN": "Khoa học và Công nghệ",
    "KHCN": "Khoa học và Công nghệ",
    "GD&ĐT": "Giáo dục và Đào tạo",
    "GDĐT": "Giáo dục và Đào tạo",
    "TT&TT": "Thông tin và Truyền thông",
    "TTTT": "Thông tin và Truyền thông",
    "TN&MT": "Tài nguyên và Môi trường",
    "NN&MT": "Nông nghiệp và Môi trường",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "KH&ĐT": "Kế hoạch và Đầu tư",
    "LĐTB&XH": "Lao động - Thương binh và Xã hội",
    "VHTT&DL": "Văn hóa, Thể thao và Du lịch",
    "VH-XH": "Văn hóa - Xã hội",
    "VHXH": "Văn hóa - Xã hội",
    "KT-HT và ĐT": "Kinh tế, Hạ tầng và Đô thị",
    "KT-HT&ĐT": "Kinh tế, Hạ tầng và Đô thị",
    "DVC": "dịch vụ công",
    "HCC": "hành chính công",
    "BHXH": "Bảo hiểm xã hội",
    "KBNN": "Kho bạc Nhà nước",
    "MTTQ": "Mặt trận Tổ quốc",
    "ĐBQH": "đại biểu Quốc hội",
    "SNCL": "sự nghiệp công lập",
    "NSNN": "ngân sách nhà nước",
    "TP": "thành phố",
    "TX": "thị xã",
    "TW": "Trung ương",
    # the issuer codes of ministries and departments (SNV, BTC, VPCP) name them in cells too
    **SO_NAMES, **{code: name for code, name in NATIONAL_CODES.items() if code.startswith(("B", "VP"))},
}
# Long forms of the customary short names, so that both spellings get one name.
_SHORT_FORMS = {r"\b(?:ủy|uỷ) ban nhân dân\b": "UBND", r"\bhội đồng nhân dân\b": "HĐND"}

# Words that begin a body (lower case, diacritics kept). "tổ" only with what makes it a team.
_HEADS = ("sở", "ubnd", "hđnd", "ủy ban", "văn phòng", "phòng", "trung tâm", "ban", "công an",
          "bộ", "đoàn", "hội đồng", "báo", "đài", "kho bạc", "bảo hiểm", "thanh tra", "các",
          "những", "cục", "chi cục", "tổng cục", "tòa án", "viện", "liên đoàn", "liên hiệp",
          "liên minh", "hiệp hội", "hội", "tổ công tác", "tổ giúp việc", "tổ chuyên", "tổ một cửa",
          "đảng ủy", "tỉnh ủy", "huyện ủy", "mttq", "mặt trận", "thành viên", "công đoàn",
          "chính phủ", "thủ tướng", "quốc hội", "trường", "bệnh viện", "đại học", "bộ phận",
          "chi nhánh", "hạt kiểm lâm", "ngân hàng", "quỹ", "công ty", "tổng công ty", "bch",
          "ban chấp hành", "lãnh đạo", "chủ tịch", "giám đốc", "trưởng")
# Generic nouns of collectives, with the set they belong to: a collective takes
# nouns of one set ("dept" or "local") plus nouns that fit any ("any").
_NOUNS = {"sở": "dept", "ban ngành": "dept", "ban": "dept", "ngành": "dept",
          "địa phương": "local", "xã": "local", "phường": "local", "thị trấn": "local",
          "huyện": "local", "thị xã": "local", "thành phố": "local", "đặc khu": "local",
          "cơ quan": "any", "đơn vị": "any", "phòng": "any", "trung tâm": "any", "tổ chức": "any",
          "đoàn thể": "any", "doanh nghiệp": "any", "bệnh viện": "any", "trường": "any",
          "hội": "any", "đơn vị sự nghiệp": "any"}

# Old and new tone placement ("Uỷ"/"Ủy", "hoá"/"hóa") are one spelling for matching:
# in an open syllable (nothing after it) the old style puts the tone on the second
# vowel of oa/oe/uy, the new style on the first; "đoàn", "tuyển" are the same in both.
_OLD_TONE = re.compile(r"([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])(?![a-zđ])")


def _lower(text: str) -> str:
    """Lower case, NFC, new-style tone placement: for matching words, never for output."""
    s = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize("NFC", _OLD_TONE.sub(r"\1\3\2", s))


def _fold(text: str) -> str:
    """Lower case, no diacritics, đ -> d, only letters/digits and single spaces: keys."""
    return " ".join(re.findall(r"\w+", fold_words(text)))


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_HEAD_RE = re.compile(rf"^(?:{_alternation(_HEADS)})(?![\w&])")
_NOUN_RE = re.compile(rf"^(?:{_alternation(_NOUNS)})(?![\w&])(?! hội)")  # "xã hội" is no commune
_ABBR_RE = re.compile(rf"(?<![\w&-])(?:{_alternation(ABBREVIATIONS)})(?![\w&-])", re.I)
_ABBR = {k.lower(): v for k, v in ABBREVIATIONS.items()}
# "Chủ trì: Sở Nội vụ; Phối hợp: ..." in one "Cơ quan thực hiện" column: the label is no body
_LABEL = re.compile(r"^(?i:(?:cơ quan|đơn vị)?\s*(?:chủ trì|phối hợp|thực hiện))\s*:\s*")
_BULLET = re.compile(r"^\s*(?:[-–+•*]|\d+(?:\.\d+)*[.:)])\s*")
# Separators inside these stay: "Văn phòng HĐND và UBND xã", "Đoàn ĐBQH, HĐND và UBND tỉnh".
_PROTECTED = re.compile(r"(?:đoàn\s+đbqh|hđnd|hội đồng nhân dân)\s*(?:(?:,|và|&)\s*(?:hđnd|hội đồng nhân dân)\s*)?"
                        r"(?:,|và|&)\s*(?:ubnd|ủy ban nhân dân)")
# Words that open a qualifier of the body before them ("Sở Nội vụ chủ trì đối với ...");
# no list is split inside a qualifier.
_QUALIFIER = re.compile(r"\s(?:(?:chủ trì|phối hợp|tham mưu|thực hiện)\s+(?:đối với|triển khai|thực hiện|"
                        r"việc|về)|đối với|trong trường hợp|đạt chuẩn)\s")
# Words that open a qualifier shared by the bodies before it ("... đạt chuẩn nông thôn mới").
_SHARED = re.compile(r"\s(?:đạt chuẩn|đạt|thuộc diện)\s")


def _expand(text: str) -> str:
    return _ABBR_RE.sub(lambda m: _ABBR[m.group(0).lower()], text)


def _head(segment: str) -> bool:
    """Does this piece of text begin a new body?"""
    low = _lower(_expand(segment.strip()))
    return bool(_HEAD_RE.match(low) or _NOUN_RE.match(low))


def _noun_set(segment: str) -> str | None:
    m = _NOUN_RE.match(_lower(segment.strip()))
    return _NOUNS[m.group(0)] if m else None


def _bare(segment: str) -> str | None:
    """The noun set of a collective still open for more nouns ("Các sở", "UBND các xã"),
    or None when the piece is a whole body or group ("Sở Nội vụ", "Các sở cấp tỉnh")."""
    low = _lower(segment.strip())
    m = re.match(r"^(?:(ubnd|ủy ban nhân dân) các |các |những )?(.*)$", low)
    noun = m.group(2)
    if noun not in _NOUNS:
        return None
    return "local-only" if m.group(1) else _NOUNS[noun]


def _joined_set(open_set: str, noun: str) -> str | None:
    """The open collective's set after taking `noun`'s set, or None if they do not mix."""
    if open_set == "local-only":
        return open_set if noun == "local" else None
    if noun == "any" or noun == open_set:
        return open_set
    return noun if open_set == "any" else None


def _boundaries(text: str, pattern: str) -> list[tuple[int, int]]:
    """Spans of `pattern` outside brackets and outside protected names."""
    low = _lower(text)
    shielded = [(m.start(), m.end()) for m in _PROTECTED.finditer(low)]
    # a qualifier runs to the next comma that opens a capitalised body ("..., Sở Tài chính")
    for q in _QUALIFIER.finditer(low):
        end = next((c.start() for c in re.finditer(r",\s*(?=[^\W\d_])", text[q.end():])
                    if text[q.end() + c.end()].isupper() and _head(text[q.end() + c.end():])), None)
        shielded.append((q.start(), len(text) if end is None else q.end() + end))
    depth, level = 0, []
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        level.append(depth)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)
            if m.end() > m.start() and level[m.start()] <= 0
            and not any(a <= m.start() < b for a, b in shielded)]


def _cut(text: str, spans) -> list[tuple[str, str]]:
    """Text -> (separator before, segment) pairs."""
    out, last, sep = [], 0, ""
    for a, b in spans:
        out.append((sep, text[last:a]))
        sep, last = text[a:b], b
    out.append((sep, text[last:]))
    return out


def _split_commas(piece: str) -> list[str]:
    """One ';'-free piece -> bodies, by the comma rules of the module doc."""
    if re.search(r"\)\s*$", piece) and _boundaries(piece, r",") and not piece.lstrip().startswith("("):
        return [piece]              # a closing bracket qualifies the whole list before it
    items: list[list] = []           # [text, open collective set]
    for _, seg in _cut(piece, _boundaries(piece, r"\s*,\s*")):
        if not seg.strip():
            continue
        if items:
            prev = items[-1]
            open_set, noun = prev[1], _noun_set(seg)
            if open_set and noun and _joined_set(open_set, noun):
                # "Các sở" + "ban" stays open; "Các sở" + "ban ngành cấp tỉnh" closes the group
                prev[0] += ", " + seg.strip()
                prev[1] = _joined_set(open_set, noun) if _bare(seg) else None
                continue
            same_kind = _lower(prev[0]).split()[:2] == _lower(seg).split()[:2]
            if not _head(seg) or (same_kind and _SHARED.search(" " + seg + " ")):
                prev[0] += ", " + seg.strip()
                prev[1] = None
                continue
        items.append([seg.strip(), _bare(seg)])
    return [text for text, _ in items]


def _split_and(piece: str) -> list[str]:
    """Split on 'và' / '&' where it joins two bodies, not inside a name."""
    out: list[str] = []
    for sep, seg in _cut(piece, _boundaries(piece, r"\s+và\s+|\s*&\s*")):
        left, right = (_bare(out[-1]), _bare(seg)) if out else (None, None)
        one_collective = bool(left and right and _joined_set(left, right))   # "UBND các xã và phường"
        if not out or (_head(seg) and not one_collective):
            out.append(seg)
        else:
            out[-1] += sep + seg
    return out


def _clean(text: str) -> str:
    text = _BULLET.sub("", text)
    return re.sub(r"\s+", " ", text).strip(" .;,:\u00a0")


def _hard_pieces(text: str) -> list[str]:
    """Split on ';' and on bullets; a cell that starts with a bullet has lost its
    line breaks if a later " - " opens a body ("- Phòng Văn hóa - Xã hội - Công an xã")."""
    pieces = re.split(r";|\n(?=\s*(?:[-–+•*]|\d+(?:\.\d+)*[.)])\s)", text)
    if not re.match(r"\s*[-–+•*]\s", text):
        return pieces
    out = []
    for piece in pieces:
        dashes = [(m.start(), m.end()) for m in re.finditer(r"\s[-–+•]\s+", piece) if _head(piece[m.end():])]
        out.extend(seg for _, seg in _cut(piece, dashes))
    return out


def _whole(text: str) -> bool:
    """Is this text a whole body already (not "Văn phòng", "Sở Khoa học và", "UBND các xã,")?"""
    low = _lower(_expand(text.strip()))
    head = _HEAD_RE.match(low)
    if not low or (head and not low[head.end():].strip()) or low.count("(") > low.count(")"):
        return False
    return not re.search(r"(?:\bvà|\bcủa|\bcác|\bthuộc|\bcấp|\bvới|[,&(/–-])$", low)


# "Ban Thường vụ\nTỉnh ủy", "Văn phòng Đoàn ĐBQH\nHĐND tỉnh": a committee or office
# is often named after the body it serves, printed on the next line.
_OFFICE = re.compile(r"^(?:ban|văn phòng|đoàn|hội đồng|thường trực|ủy ban|tổ)\b")
_OWNER = re.compile(r"^(?:tỉnh ủy|huyện ủy|đảng ủy|hđnd|ubnd|chính phủ|quốc hội|trung ương)\b")


def _owner_of(last: str, line: str) -> bool:
    return bool(_OFFICE.match(_lower(last.strip())) and _OWNER.match(_lower(line)))


def _lines(piece: str) -> list[str]:
    """A piece of a printed cell -> one string per body it lists one per line.
    A line break is a wrap, unless the text before it is a whole body and the next
    line opens a new one with a capital ("Phòng KSTTHC\nCác sở, ban, ngành")."""
    out = []
    for line in piece.split("\n"):
        line = line.strip()
        if not line:
            continue
        last = re.split(r"[;,]", out[-1])[-1] if out else ""
        if out and not (line[0].isupper() and _head(line) and _whole(last)) or _owner_of(last, line):
            # "KT-\nHT" was one word cut at its hyphen; other wraps join with a space
            glue = "" if re.search(r"\w-$", out[-1]) else " "
            out[-1] += glue + line
        else:
            out.append(line)
    return out


def split_agencies(cell: str) -> list[str]:
    """One lead/coordinating cell's text -> the agencies it names, as written
    (whitespace collapsed, bullets, numbering and trailing '.' dropped)."""
    text = unicodedata.normalize("NFC", cell or "").replace("\r", "")
    out = []
    for piece in _hard_pieces(text):
        for line in _lines(_LABEL.sub("", _BULLET.sub("", piece.strip()))):
            for body in _split_commas(re.sub(r"\s+", " ", line)):
                out.extend(_split_and(body))
    return [c for c in (_clean(x) for x in out) if c]


# Bodies of the central state: jurisdiction "national" unless a local word follows.
_NATIONAL = re.compile(r"^(?:bộ|chính phủ|văn phòng chính phủ|thủ tướng|quốc hội|tổng cục|cục|"
                       r"ban chấp hành trung ương|ban chỉ đạo trung ương|bộ chính trị)(?![\w])"
                       r"|\btrung ương\b")
_LOCAL_WORD = re.compile(r"\b(?:tỉnh|thành phố|huyện|xã|phường|thị xã|thị trấn|khu vực)\b")
_PROVINCIAL = re.compile(r"^(?:các |những )?(?:sở|tỉnh ủy)\b|\btỉnh\b|\bcấp tỉnh\b")
_NAMED_COMMUNE = re.compile(rf"\b(?:{'|'.join(COMMUNE_UNITS)})((?: \w+)+)")
_COMMUNAL = re.compile(rf"\b(?:{'|'.join(COMMUNE_UNITS)})\b(?! hội)")
# Groups: plural or generic names, not one body. Matched on the name as cased:
# a generic noun followed by a lower-case word is a description ("Đơn vị sự nghiệp",
# "Cơ quan, đơn vị liên quan"), one followed by a capital is a name ("Sở Y tế").
_GROUP = re.compile(r"^(?i:các|những|mọi|thành viên)\s|^(?i:ubnd|hđnd) (?:các|cấp)\s|"
                    r"^(?i:sở|ban|ngành|phòng|trung tâm|xã|phường),|"
                    r"^(?i:cơ quan|đơn vị|địa phương|tổ chức|doanh nghiệp|công chức|viên chức|cán bộ|"
                    r"đoàn thể|bệnh viện|trường học)(?:$|,| [a-zà-ỹđ])")
_UNIT = re.compile(r"^(?:phòng|bộ phận|tổ|đội)\b|^(?:văn phòng|thanh tra) sở$")


def _qualifier(text: str) -> tuple[str, str | None]:
    """'Sở Nội vụ chủ trì đối với X' -> ('Sở Nội vụ', 'chủ trì đối với X');
    'UBND tỉnh (Sở Nội vụ tham mưu)' -> ('UBND tỉnh', 'Sở Nội vụ tham mưu')."""
    m = re.search(r"\s*\(([^()]*)\)\s*$", text)
    if m and " " not in m.group(1).strip():
        return text[:m.start()].strip(), None       # "(TTPVHCC)": an alias, not a qualifier
    if m:
        return text[:m.start()].strip(), m.group(1).strip()
    m = _QUALIFIER.search(_lower(text)) or _SHARED.search(_lower(text))
    if m:
        return text[:m.start()].strip(), text[m.start():].strip()
    return text, None


def _normal_name(text: str) -> str:
    """Abbreviations expanded, customary short forms for UBND/HĐND, '&' -> 'và'."""
    name = _expand(text)
    for long, short in _SHORT_FORMS.items():
        name = re.sub(long, short, name, flags=re.I)
    name = re.sub(r"\s*&\s*", " và ", name)
    name = re.sub(r"\s+", " ", name).strip(" .;,:")
    return name[:1].upper() + name[1:]


def parse_agency(text: str, meta: DocumentMeta | None = None) -> Agency:
    """An agency as written -> normalised name, kind, jurisdiction, qualifier.
    `meta` (the plan's own metadata) scopes local bodies to its province/commune
    and attaches units to the plan's issuer. A group gets its canonical name
    (group_name): one name however the collective is spelt, its scope words kept
    apart in the qualifier."""
    text = _clean(unicodedata.normalize("NFC", text or ""))
    body, qualifier = _qualifier(text)
    name = _normal_name(body)
    low = _lower(name)
    level = meta.level if meta else None
    if _GROUP.match(name):
        kind = "group"
    elif _UNIT.match(low) or (low.startswith("trung tâm") and level not in (None, "province")
                              and not _LOCAL_WORD.search(low)):
        kind = "unit"       # a unit of the issuing office, department or commune
    else:
        kind = "agency"
    jurisdiction = _jurisdiction(name, kind, meta)
    if kind == "group":
        commune = bool(meta and meta.commune and jurisdiction == meta.commune)
        canonical = group_name(name, "commune" if commune else "province")
        if canonical:
            name, scope = canonical
            qualifier = "; ".join(q for q in (scope, qualifier) if q) or None
    return Agency(text=text, name=name, kind=kind, jurisdiction=jurisdiction,
                  qualifier=qualifier, parent=meta.issuing_body if kind == "unit" and meta else None)


# ---------------------------------------------------------------- one name per group
# A group is identified by what it lists, not by how it is spelt: "Các Sở, ban ngành liên quan",
# "các sở, ban, ngành cấp tỉnh" and "Sở, ban, ngành" are one group, "Các sở, ban, ngành" (whose
# canonical name lists its members in the order of _MEMBERS). What follows the members either
# restricts the set ("Các đơn vị được kiểm tra", "Các cơ quan chủ trì CCHC": part of the name) or
# only says where or which of them a task concerns - "(có) liên quan (khác)", "cấp tỉnh", "của
# tỉnh", "thuộc UBND tỉnh" - words the group's jurisdiction already carries or that are the
# task's business: those are kept apart, as a single agency's qualifier is.
# "UBND các xã, phường" and "UBND cấp xã" name the same committees: with UBND, local nouns
# are read as their tier (xã, phường, thị trấn, đặc khu: cấp xã; huyện, thành phố, thị xã,
# quận: cấp huyện). Without UBND, "Các xã, phường" (the localities) stays as listed.
# Anything that does not read as a list of generic nouns (a proper name after a noun,
# "Sở, ban, Sở Khoa học ..."; a cut-off word, "Các phòng, ban, đơn") keeps its written name.
_MEMBERS = ("sở", "phòng", "ban", "ngành", "cơ quan", "trung tâm", "đơn vị sự nghiệp", "đơn vị", "tổ chức",
            "đoàn thể", "doanh nghiệp", "bệnh viện", "trường", "hội", "địa phương", "xã", "phường",
            "thị trấn", "đặc khu", "cán bộ", "công chức", "viên chức")
_TIERS = {"xã": "xã", "phường": "xã", "thị trấn": "xã", "đặc khu": "xã",
          "huyện": "huyện", "thành phố": "huyện", "thị xã": "huyện", "quận": "huyện"}
_TIER_ORDER = ("tỉnh", "huyện", "xã")
_MEMBER_RE = re.compile(rf"(?:{_alternation(_MEMBERS)})(?![\w&])(?!\s+hội\b)", re.I)
_TIER_RE = re.compile(rf"(?:cấp\s+)?({_alternation(_TIERS)})(?![\w&])(?!\s+hội\b)", re.I)
_UBND_RE = re.compile(r"UBND\s+(?:các\s+)?", re.I)
_DETERMINER = re.compile(r"(?:các|những|mọi|tất cả(?:\s+các)?)\s+", re.I)
_LIST_SEP = re.compile(r"\s*(?:,|\bvà\b|&)\s*|\s+(?=ngành\b)", re.I)


def _scope_words(tier: str) -> list[re.Pattern]:
    """Trailing words that say which of the members a task concerns or where they are, for a
    group of jurisdiction tier `tier` ('province' or 'commune'); a place's own name may follow."""
    place = r"(?:tỉnh|thành phố)" if tier == "province" else r"(?:xã|phường|đặc khu)"
    return [re.compile(r"\s+((?i:(?:có\s+)?liên\s+quan(?:\s+khác)?))$"),
            re.compile(rf"\s+((?i:(?:(?:của|thuộc|trên\s+địa\s+bàn)\s+)?(?:UBND\s+)?(?:cấp\s+)?{place})"
                       r"(?:\s+[^\W\d_][\w]*)*|(?i:trên\s+địa\s+bàn))$")]


_SCOPES = {tier: _scope_words(tier) for tier in ("province", "commune")}


def _place_ok(words: str) -> bool:
    """Words after 'tỉnh'/'xã' in a scope phrase must be a place's name (capitalised): 'tỉnh Hà
    Tĩnh', not 'tỉnh khác' (other provinces are no scope of this one)."""
    parts = re.split(r"(?i)\b(?:tỉnh|thành phố|xã|phường|đặc khu)\b", words)
    return len(parts) == 1 or all(w[0].isupper() for w in parts[-1].split())


def _proper(word: str) -> bool:
    """A capitalised word that is no acronym: 'Y' (tế), 'Theo', not 'UBND', 'CCHC'."""
    return word[0].isupper() and not (len(word) > 1 and word.isupper())


def group_name(name: str, tier: str = "province") -> tuple[str, str | None] | None:
    """A group's normalised name -> (canonical name, scope words kept apart), or None when the
    name is not a list of generic nouns (see above). 'Các Sở, ban ngành liên quan' ->
    ('Các sở, ban, ngành', 'liên quan'); 'UBND các xã, phường' -> ('UBND cấp xã', None)."""
    s, pos = unicodedata.normalize("NFC", name.strip()), 0
    members: list[str] = []
    tiers: set[str] = set()
    in_ubnd = False

    def item(at: int) -> int | None:
        """Read one member (or UBND + tier) at `at`; the position after it, or None."""
        nonlocal in_ubnd
        d = _DETERMINER.match(s, at)
        at = d.end() if d else at
        u = _UBND_RE.match(s, at)
        if u:
            t = _TIER_RE.match(s, u.end())
            if not t:
                return None
            in_ubnd = True
            tiers.add(_TIERS[_lower(t.group(1))])
            return t.end()
        if in_ubnd:                      # "UBND cấp huyện, cấp xã", "UBND các huyện, thành phố, thị xã"
            t = _TIER_RE.match(s, at)
            if t:
                tiers.add(_TIERS[_lower(t.group(1))])
                return t.end()
        m = _MEMBER_RE.match(s, at)
        if not m:
            return None
        nxt = re.match(r"\s+([^\W\d_]+)", s[m.end():])
        if nxt and _proper(nxt.group(1)):
            return None                  # "Sở Y tế": a name, not a generic noun ("UBND", "CCHC" may follow)
        in_ubnd = False
        word = _lower(m.group(0))
        members.append(word)
        return m.end()

    end = item(pos)
    if end is None:
        return None
    while True:
        sep = _LIST_SEP.match(s, end)
        after = item(sep.end()) if sep and sep.end() > end else None
        if after is None:
            break
        end = after
    rest = s[end:]
    first = re.match(r"\s+([^\W\d_]+)", rest)
    if rest and (not first or _proper(first.group(1))):
        return None      # ", đơn" (cut off), " Theo hướng dẫn ..." (another cell's text); "UBND", "CCHC" may follow
    scope: list[str] = []
    rest = rest.rstrip()
    found = True
    while found and rest:
        found = False
        for pattern in _SCOPES.get(tier, _SCOPES["province"]):
            m = pattern.search(rest)
            if m and _place_ok(m.group(1)):
                scope.insert(0, m.group(1))
                rest, found = rest[:m.start()], True
    ordered = sorted(dict.fromkeys(members), key=_MEMBERS.index)
    parts = []
    if ordered:
        parts.append("Các " + ", ".join(ordered))
    if tiers:
        parts.append("UBND " + ", ".join("cấp " + t for t in sorted(tiers, key=_TIER_ORDER.index)))
    canonical = ", ".join(parts) + rest
    return canonical, " ".join(scope) or None


def _jurisdiction(name: str, kind: str, meta: DocumentMeta | None) -> str | None:
    low = _lower(name)
    if _NATIONAL.search(low) and not (low.startswith(("cục", "tổng cục")) and _LOCAL_WORD.search(low)):
        return NATIONAL
    if meta is None:
        return None
    commune = meta.commune if meta.level == "commune" else None
    named = _NAMED_COMMUNE.search(name)
    place = " ".join(itertools.takewhile(lambda w: w[0].isupper(), named.group(1).split())) if named else ""
    if place and kind != "group" and not commune:
        return place            # "UBND xã Hoằng Sơn" in a provincial plan is that commune's
    if commune and (kind == "unit" or _COMMUNAL.search(low) or not _PROVINCIAL.search(low)):
        return commune      # a commune plan's own bodies: "Công an xã", "Văn phòng HĐND và UBND"
    return meta.province


_LEVELS = {"tinh", "xa", "phuong"}
# "cấp xã", "các xã", "của tỉnh", "địa phương", "hợp tác xã", "thị xã", "xã, phường": not the place itself
_NOT_THE_PLACE = {"cap", "cac", "cua", "dia", "tac", "tren", "thi", "xa", "phuong"}


def agency_key(agency: Agency) -> str:
    """Identity of an agency: folded name + jurisdiction (+ parent for units), so
    "SNV" and "Sở Nội vụ" of one province share a key and two provinces' do not.
    A trailing "tỉnh"/"xã" (+ the place's own name) adds nothing inside its own
    jurisdiction: "Văn phòng HĐND và UBND xã" = "Văn phòng HĐND và UBND"."""
    place = _fold(agency.jurisdiction or "")
    name = _fold(_normal_name(agency.name))
    words = name.split()
    n = len(place.split())
    if place and place != NATIONAL:
        if len(words) > n + 1 and words[-n:] == place.split() and words[-n - 1] in _LEVELS:
            words = words[:-n]          # "UBND tỉnh Hà Tĩnh" -> "UBND tỉnh"; "Báo Hà Tĩnh" stays
        if len(words) > 2 and words[-1] in _LEVELS and words[-2] not in _NOT_THE_PLACE \
                and words[-n:] != place.split():
            words = words[:-1]          # "Văn phòng UBND tỉnh" -> "Văn phòng UBND"
    parts = [" ".join(words), place]
    if agency.kind == "unit" and agency.parent:
        parts.append(_fold(agency.parent))
    return "|".join(parts)


def identify(agency: Agency, meta: DocumentMeta | None = None, scope: str | None = None) -> Agency:
    """The agency as the graph names it: `scope` (the jurisdiction of a document it issued) in
    place of a local jurisdiction, its `key` (agency_key) and, for a unit of another body,
    `parent_agency`: that body parsed and identified in the plan's own terms."""
    if scope and agency.jurisdiction != NATIONAL:
        agency = agency.model_copy(update={"jurisdiction": scope})
    name = _spaced(agency.name or agency.text)
    owner = agency.parent if agency.kind == "unit" and agency.parent \
        and _spaced(agency.parent) not in (_spaced(agency.text), name) else None
    parent = identify(parse_agency(owner, meta), meta) if owner else None
    return agency.model_copy(update={"key": agency_key(agency), "parent_agency": parent})


def _spaced(text: str) -> str:
    """NFC, whitespace collapsed: how the graph writes a name."""
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text or "").strip())
