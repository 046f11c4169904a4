"""Plan metadata, sections, targets and body tasks from the document lines.

A plan is: an optional wrapper decision (Quyết định ... ban hành Kế hoạch), the plan title
("KẾ HOẠCH" + subject), a preamble ("Căn cứ ...", "Thực hiện ..."), a body of Roman
sections (Mục đích; Chỉ tiêu; Nhiệm vụ, giải pháp; Kinh phí; Tổ chức thực hiện), then a
signature and the appendix tables. `describe` reads the frame, `sections` the body tree,
`targets` and `body_tasks` the statements in it.
"""
from __future__ import annotations

import re
from collections import Counter

from .refs import cite
from .models import BodyTask, Document, DocumentMeta, Line, Target
from .places import communes_in, fold, jurisdiction_word, province_mentions, provinces_in
from .sections import Node, clean, generic, is_heading, label, marker, outline, paragraphs, sentence_case
from .vocab import AREAS, PLAN_TYPES, SO_NAMES

# the plan's own type, folded -> as written: {"ke hoach": "Kế hoạch", "de an": "Đề án", ...}
DOC_TYPES = {fold(t): t for t in PLAN_TYPES}
# the plan's title line: "KẾ HOẠCH", "KẾ HOẠCH HÀNH ĐỘNG", "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025"
_TITLE_LINE = re.compile(rf"^({'|'.join(DOC_TYPES)})\b")
_DOC_TYPE_WORDS = f"({'|'.join(DOC_TYPES.values())})"
# an appendix heading: "PHỤ LỤC", "PHỤ LỤC 2", "Phụ lục số 01: ...", "Phụ lục I."
_APPENDIX = re.compile(r"^(PHỤ LỤC\b.*|Phụ lục(\s+(số\s*)?[0-9IVX]+[a-z]?\s*([:.\-–].*)?)?\s*)$")
_SIGN_OFF = re.compile(r"^noi nhan\b")


# ------------------------------------------------------------------ the frame of the document
def _bounds(lines: list[Line]) -> tuple[int | None, int, int]:
    """(index of the plan's title line, first body line, end of body) in `lines`."""
    texts = [ln.text.strip() for ln in lines]
    appendix = next((i for i, t in enumerate(texts) if _APPENDIX.match(t)), len(texts))
    # Roman rows of the appendix table do not open the body
    roman = next((i for i, t in enumerate(texts[:appendix]) if marker(t)[0] == "roman"), None)
    before = appendix if roman is None else roman
    titles = [i for i, t in enumerate(texts[:before]) if _TITLE_LINE.match(fold(t)) and _capitals(t) and len(t) < 120]
    title = titles[-1] if titles else None
    if roman is not None:
        start = roman
    else:
        after = title + 1 if title is not None else 0
        start = next((i for i in range(after, appendix) if marker(texts[i])[:2] == ("arabic", "1")), after)
    end = next((i for i in range(start, appendix) if _SIGN_OFF.match(fold(texts[i])) or _annex_start(texts, i)),
               appendix)
    if end < appendix and not _SIGN_OFF.match(fold(texts[end])):
        # an appendix under a title we do not know ("BIỂU TỔNG HỢP ..."): its capital title lines go too
        while end > start and (not texts[end - 1] or _capitals(texts[end - 1])):
            end -= 1
    return title, start, max(start, end)


def _annex_start(texts: list[str], i: int) -> bool:
    """An appendix begun without 'PHỤ LỤC': its '(Kèm theo Kế hoạch ...)' note, or a table's lone 'STT' header."""
    f = fold(texts[i])
    # capital K: "(kèm theo ...)" wrapped to a line start inside a sentence is no note
    return bool(re.match(r"\(\s*Kèm theo\b", texts[i])) or f in ("tt", "stt")


def sections(doc: Document) -> Node:
    """The plan body (title and preamble excluded, appendix and signature cut off) as a tree."""
    _, start, end = _bounds(doc.lines)
    return outline(paragraphs(clean(doc.lines[start:end]), wrapped=doc.shape != "docx"))


# ------------------------------------------------------------------ metadata
def describe(doc: Document) -> DocumentMeta:
    lines = doc.lines
    texts = [ln.text.strip() for ln in lines]
    title_i, start, end = _bounds(lines)
    signature = []
    for t in texts[end:end + 60]:
        if _APPENDIX.match(t):
            break
        signature.append(t)
    caps = _capital_runs(texts[:start]) + _capital_runs(signature)
    annexed = _annex_notes(texts)
    own = _self_statements(texts[title_i or 0:start])
    signals = caps + annexed + own

    title, doc_type = _title(texts, title_i)
    province = _province(signals + [title or ""], texts)
    level, kind, name = _issuer(signals)
    commune = None
    if level == "commune":
        found = communes_in(" \n ".join(signals + [title or ""])) or communes_in("\n".join(texts))
        kind, commune = found[0] if found else (kind, None)
        name = commune
    meta = DocumentMeta(title=title, doc_type=doc_type, level=level, province=province, commune=commune)
    meta.issuing_body = _issuing_body(level, kind, name, province)
    meta.year = _year(title, texts)
    meta.adopting_act = _adopting_act(texts[:start] + annexed)
    meta.number = _own_number(texts[:start])
    if title:
        dept = name if level == "department" else None
        meta.title = _restore_names(title, [province, commune, dept])
    meta.implements = _implements(texts[:start], meta)
    meta.replaces = _replaces(texts[:end], meta)
    return meta


def _capital_runs(texts: list[str]) -> list[str]:
    """Letterhead and signature lines: runs of all-capital lines joined ('ỦY BAN NHÂN DÂN' + 'XÃ X'),
    cut before the national motto printed beside them."""
    runs: list[list[str]] = [[]]
    rest: list[str] = []                 # the motto's words still to come, wrapped in its column
    for t in texts:
        if not t:
            continue
        # the motto column may share the line ("SỞ Y TẾ    Độc lập - Tự do - Hạnh phúc"): judge the
        # letterhead part alone
        cut = re.search(r"\b(cong hoa xa hoi|doc lap\s*[-–])", fold(t))
        part = t[:cut.start()].strip() if cut else t
        if cut and cut.group(1) == "cong hoa xa hoi":
            said = fold(t[cut.start():]).split()
            rest = _MOTTO_WORDS[len(said):] if said == _MOTTO_WORDS[:len(said)] else []
        elif rest and not cut:
            # a motto wrapped in a narrow column goes on at the end of the letterhead's next line
            # ("TỈNH HÀ TĨNH      NGHĨA VIỆT NAM")
            words = part.split()
            for k in range(min(len(rest), len(words)), 0, -1):
                if fold(" ".join(words[-k:])).split() == rest[:k]:
                    part, rest = " ".join(words[:-k]), rest[k:]
                    break
            else:
                rest = []
            if not part:
                continue                 # the motto's line alone: the letterhead run goes on
        if part and _capitals(part):
            runs[-1].append(part)
            # the left column goes on below the motto's first line; its last line ends the header
            if cut and cut.group(1).startswith("doc lap"):
                runs.append([])
        elif runs[-1]:
            runs.append([])
    return [" ".join(r) for r in runs if r]


_MOTTO_WORDS = "cong hoa xa hoi chu nghia viet nam".split()


def _capitals(t: str) -> bool:
    letters = [c for c in t if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _annex_notes(texts: list[str]) -> list[str]:
    """'(Kèm theo Quyết định số .../QĐ-UBND ... của Chủ tịch UBND xã X)', joined over its lines."""
    out = []
    for i, t in enumerate(texts):
        if "kem theo" in fold(t) and t.lstrip().startswith("("):
            parts = [t]
            for u in texts[i + 1:i + 6]:
                if ")" in parts[-1]:
                    break
                if u:
                    parts.append(u)
            out.append(" ".join(parts))
    return out


def _self_statements(texts: list[str]) -> list[str]:
    """Who the preamble says issues the plan: '..., Văn phòng UBND tỉnh ban hành Kế hoạch ...' -> the
    words between the last punctuation and 'ban hành Kế hoạch'."""
    joined = re.sub(r"\s+", " ", " ".join(t for t in texts if t))
    return [joined[:m.start()].rsplit(",", 1)[-1].rsplit(".", 1)[-1].rsplit(";", 1)[-1].strip()
            for m in re.finditer(r"\bban hanh ke hoach\b", fold(joined))]


def _title(texts: list[str], title_i: int | None) -> tuple[str | None, str | None]:
    if title_i is not None:
        first = texts[title_i].strip(" .")
        doc_type = DOC_TYPES[_TITLE_LINE.match(fold(first)).group(1)]
        subject: list[str] = [first[len(doc_type):].strip()] if len(first) > len(doc_type) else []
        for t in texts[title_i + 1:title_i + 12]:
            if not t:
                continue
            if _ends_title(t, subject):
                break
            subject.append(t)
        words = re.sub(r"\s+", " ", " ".join(_lower_first(sentence_case(t)) for t in subject)).strip()
        return (f"{doc_type} {words}" if words else doc_type), doc_type
    # no title line: the wrapper decision names the plan ("Về việc ban hành Kế hoạch ...")
    head = " ".join(t for t in texts[:15] if t and not _capitals(t))
    m = re.search(r"\b[Bb]an hành\s+" + _DOC_TYPE_WORDS + r"(.*?)(?=\s+(CHỦ TỊCH|Căn cứ|Thực hiện|ỦY BAN)|$)", head)
    if m:
        doc_type = DOC_TYPES.get(fold(m.group(1)), m.group(1))
        return re.sub(r"\s+", " ", f"{doc_type}{m.group(2)}").strip(" ."), doc_type
    # an appendix on its own ("PHỤ LỤC 4 / CÁC ĐỀ ÁN ... / (Kèm theo Đề án ...)")
    first = [t for t in texts[:12] if t][:4]
    note = next((t for t in first if t.startswith("(")), None)
    doc_type = None
    m = re.search(r"kèm theo\s+" + _DOC_TYPE_WORDS, note or "", re.I)
    if m:
        doc_type = DOC_TYPES.get(fold(m.group(1)), m.group(1))
    if first and _APPENDIX.match(first[0]):
        name = sentence_case(first[0])
        upto = first.index(note) if note in first else len(first)
        body = [sentence_case(t) for t in first[1:upto]]
        title = f"{name}: {' '.join(body)}" + (f" {note}" if note else "")
        return re.sub(r"\s+", " ", title).strip(), doc_type
    return None, doc_type


def _lower_first(t: str) -> str:
    """'Cải cách hành chính ...' -> 'cải cách hành chính ...' inside a title; acronyms and names stay."""
    words = t.split()
    if len(words) > 1 and words[0][:1].isupper() and words[0][1:].islower() and words[1][:1].islower():
        return t[:1].lower() + t[1:]
    return t


def _ends_title(t: str, subject: list[str]) -> bool:
    f = fold(t)
    if t.startswith("(") or marker(t)[0] == "roman":
        return True
    if re.match(r"(can cu|theo de nghi|so:|uy ban nhan dan|ubnd\b)", f):
        return True
    if re.match(r"thuc hien\s+(quyet dinh|nghi quyet|ke hoach|cong van|van ban|chi thi|chuong trinh|ket luan)", f):
        return True
    # a new capitalised line after a subject already ending in a year or bracket starts the preamble
    return bool(subject) and t[:1].isupper() and bool(re.search(r"(\d{4}|\))\s*$", subject[-1]))


def _restore_names(text: str, names: list[str | None]) -> str:
    for name in filter(None, names):
        i = fold(text).find(fold(name))
        if i >= 0:
            text = text[:i] + name + text[i + len(name):]
    return text


def _province(signals: list[str], texts: list[str]) -> str | None:
    found = provinces_in(" \n ".join(signals))
    if found:
        return found[0]
    counts = Counter(provinces_in("\n".join(texts)))
    return counts.most_common(1)[0][0] if counts else None


# who issues: the office of the provincial People's Committee, a department, a commune, a district, the province
_ISSUERS = [
    ("provincial-office", re.compile(r"\b(van phong (uy ban nhan dan|ubnd)|chanh van phong)\b")),
    ("department", re.compile(r"(^|\bcua |\bubnd (tinh|thanh pho) [a-z ]+ )so [a-z]")),
    ("commune", re.compile(r"\b(uy ban nhan dan|ubnd) (xa|phuong|thi tran)\b")),
    ("district", re.compile(r"\b(uy ban nhan dan|ubnd) (huyen|quan|thi xa)\b")),
    ("province", re.compile(r"\b(uy ban nhan dan|ubnd) (tinh|thanh pho)\b")),
]
# the departments' names without "Sở": "Nội vụ", "Tư pháp", ...
DEPARTMENTS = [name.removeprefix("Sở ") for name in SO_NAMES.values()]


def _issuer(signals: list[str]) -> tuple[str | None, str | None, str | None]:
    """(level, kind word, name) from the letterhead, signature, annex notes and self-statements."""
    for s in signals:
        # a letterhead names the parent then the unit: "UBND TỈNH SƠN LA / VĂN PHÒNG", "... / THANH TRA TỈNH"
        m = re.match(r"(uy ban nhan dan|ubnd) ", fold(s))
        places = province_mentions(s) if m else []
        unit = s[places[0][2]:].strip() if places and places[0][1] == m.end() else ""
        # a title or number line run on after the letterhead is no unit
        cut = re.search(r"\b(quyet dinh|ke hoach|de an|chuong trinh|phuong an|so\s*:)", fold(unit))
        unit = unit[:cut.start()] if cut else unit
        if len(unit.strip()) > 3:
            unit = unit.strip()
            if re.match(r"van phong\b", fold(unit)):
                return "provincial-office", None, None
            if re.match(r"so [a-z]", fold(unit)):
                return "department", None, _department(unit, 3)
            return "department", None, sentence_case(unit)
    for level, rx in _ISSUERS:
        for s in signals:
            m = rx.search(fold(s))
            if not m:
                continue
            if level == "department":
                return "department", None, _department(s, m.end() - 1)
            if level in ("commune", "district"):
                kind = s[m.start(2):m.end(2)].lower()
                return (None if level == "district" else level), kind, _place_after(s, m.end(2))
            return level, None, None
    return "province", None, None


def _department(s: str, i: int) -> str:
    """'Sở Nội vụ' from 'SỞ NỘI VỤ' or '... của Sở Nội vụ tỉnh X': a known name, else the words as printed."""
    rest = re.sub(r"[\s\-–]+", " ", fold(s[i:]))
    for name in sorted(DEPARTMENTS, key=len, reverse=True):
        if rest.startswith(re.sub(r"[\s\-–]+", " ", fold(name))):
            return f"Sở {name}"
    words = re.split(r"\s+(?=tỉnh|thành phố|năm|ban hành)|[,;.()]", s[i:], flags=re.I)[0]
    return "Sở " + sentence_case(words.strip())


def _place_after(s: str, i: int) -> str | None:
    words = []
    for w in s[i:].split("\n")[0].split()[:4]:
        if not (w[0].isupper() or w[0].isdigit()):
            break
        words.append(w.strip(",;.()"))
    return " ".join(x[0] + x[1:].lower() if x.isupper() else x for x in words) or None


def _issuing_body(level, kind, name, province) -> str | None:
    where = f"{jurisdiction_word(province)} {province}" if province else "tỉnh"
    if level == "commune":
        return f"UBND {kind or 'xã'} {name}" if name else None
    if level is None:
        return f"UBND {kind} {name}" if name else None
    if level == "provincial-office":
        return f"Văn phòng UBND {where}"
    if level == "department":
        if name and province and fold(name).endswith(" " + fold(jurisdiction_word(province))):
            return f"{name} {province}"      # "Thanh tra tỉnh" + "Vĩnh Long", not "... tỉnh tỉnh ..."
        return f"{name} {where}" if name else None
    return f"UBND {where}" if province else None


def _year(title: str | None, texts: list[str]) -> int | None:
    years = re.findall(r"\b((?:19|20)\d\d)\b", title or "")
    if years:
        return int(years[-1])
    counts = Counter(re.findall(r"năm ((?:19|20)\d\d)\b", "\n".join(texts[:400])))
    return int(counts.most_common(1)[0][0]) if counts else None


_ADOPTING = re.compile(r"Quyết\s+định\s+số\s*:?\s*(\d*)\s*/\s*(QĐ-[A-ZĐ&]+)")


def _adopting_act(texts: list[str]) -> str | None:
    """The wrapper decision: 'Quyết định số .../QĐ-UBND' when its number is left blank."""
    for t in texts:
        if "kem theo" in fold(t):
            m = _ADOPTING.search(t)
            if m:
                return f"Quyết định số {m.group(1) or '...'}/{m.group(2)}"
    # a wrapper printed with its own number line: "QUYẾT ĐỊNH" ... "Số: 123/QĐ-UBND"
    if any(fold(t).strip(" :") == "quyet dinh" for t in texts):
        for t in texts:
            m = re.match(r"Số\s*:?\s*(\d*)\s*/\s*(QĐ-[A-ZĐ&]+)", t)
            if m:
                return f"Quyết định số {m.group(1) or '...'}/{m.group(2)}"
    return None


# the letterhead's number line: "Số: 09/KH-VPUB", "Số 123/KH-UBND   Hà Tĩnh, ngày ...", "Số 45-KH/TU"
_NUMBER_LINE = re.compile(r"^Số\s*[:.]?\s*(\d+[a-z]?)\s*([/-])\s*([A-ZĐ][A-ZĐ0-9&./\-]*[A-ZĐ0-9])")


def _own_number(texts: list[str]) -> str | None:
    """The plan's own number and symbol ('09/KH-VPUB') from its letterhead, before the body; a
    decision's number (QĐ-...) is the wrapper's (adopting_act), not the plan's."""
    for t in texts:
        m = _NUMBER_LINE.match(t.strip())
        if m and not fold(m.group(3)).startswith("qd"):
            return f"{m.group(1)}{m.group(2)}{m.group(3)}"
    return None


_PREAMBLE_START = re.compile(r"^(Căn cứ|Thực hiện|Triển khai|Trên cơ sở|Theo đề nghị|Xét đề nghị|QUYẾT ĐỊNH|Điều \d|"
                             r"Nơi nhận)")


def _implements(texts: list[str], meta: DocumentMeta) -> list[str]:
    """Documents named by the preamble's 'Căn cứ ...' / 'Thực hiện ...' paragraphs (not 'Theo đề nghị')."""
    chunks: list[str] = []
    for t in texts:
        if not t:
            continue
        if _PREAMBLE_START.match(t) or _capitals(t) or not chunks:
            chunks.append(t)
        else:
            chunks[-1] = chunks[-1] + ("" if chunks[-1].endswith(("-", "/")) else " ") + t
    out: list[str] = []
    for c in chunks:
        if re.match(r"(Căn cứ|Thực hiện|Triển khai|Trên cơ sở)\b", c):
            for rid in cite(c, meta):
                if rid not in out:
                    out.append(rid)
    return out


# "Quyết định này có hiệu lực ...; thay thế Quyết định số ...", "Kế hoạch này thay thế Kế hoạch số ..."
_SELF = r"(?:Quyết định|Kế hoạch|Đề án|Chương trình|Phương án) này"
_REPLACES = re.compile(_SELF + r"[^.]{0,120}?thay thế\s+(.{0,300}?)(?:\.\s|\./\.|$)")


def _replaces(texts: list[str], meta: DocumentMeta) -> list[str]:
    joined = re.sub(r"\s+", " ", " ".join(t for t in texts if t))
    out: list[str] = []
    for m in _REPLACES.finditer(joined):
        out += [rid for rid in cite(m.group(1), meta) if rid not in out]
    return out


# ------------------------------------------------------------------ statements of the body
def _items(root: Node):
    """Statement nodes: not headings, not inside another statement (whose text includes them)."""
    for node in root.walk():
        if is_heading(node) or any(not is_heading(a) for a in node.ancestors()):
            continue
        yield node


# the general objective, a purpose: "Mục tiêu chung", "Mục tiêu tổng quát", "Mục tiêu tổng thể"
_GENERAL_AIMS = ("muc tieu chung", "muc tieu tong quat", "muc tieu tong the")


def _target_label(text: str) -> bool:
    """'CÁC CHỈ TIÊU CHỦ YẾU', 'Một số mục tiêu, chỉ tiêu cụ thể', 'Chỉ tiêu'; not 'Mục tiêu, nhiệm vụ'."""
    f = fold(text)
    return (bool(re.match(r"((cac|mot so|nhung) )?(chi tieu|muc tieu)\b", f))
            and not any(w in f for w in ("nhiem vu", "giai phap", "muc dich", "yeu cau", *_GENERAL_AIMS)))


def _role(node: Node) -> str:
    """'target', 'purpose', 'budget' or 'task', from the nearest heading above the node that tells."""
    for a in node.ancestors():
        f = fold(a.text)
        if re.match(r"(muc dich|yeu cau|muc tieu,? (va )?yeu cau|" + "|".join(_GENERAL_AIMS) + r")\b", f):
            return "purpose"
        if _target_label(a.text):
            return "target"
        if re.match(r"kinh phi\b", f):
            return "budget"
    return "task"


def _area_node(node: Node) -> Node | None:
    for a in node.ancestors():
        if a.kind in ("roman", "arabic", "letter") and not generic(a.text) and not _target_label(a.text):
            return a
    return None


def _ref(node: Node) -> str:
    """The target number as printed ('1.2'), else built from the numbered headings and position."""
    if node.kind == "arabic":
        return node.mark
    path = [a.mark for a in reversed(list(node.ancestors())) if a.kind in ("arabic", "letter")]
    if node.kind == "letter":
        return ".".join(path + [node.mark])
    siblings = [c for c in node.parent.children if c.style == node.style]
    return ".".join(path + [str(siblings.index(node) + 1)])


def _text(node: Node) -> str:
    # the end-of-document mark "./." closes the last statement: keep its full stop only
    return re.sub(r"\./\.$", ".", re.sub(r"\s+", " ", node.full_text()).strip())


def targets(doc: Document, meta: DocumentMeta, root: Node | None = None) -> list[Target]:
    """`root`: the body tree from sections(doc), when the caller already has it."""
    root = root or sections(doc)
    areas = _area_headings(root)
    out = []
    for node in _items(root):
        if _role(node) != "target":
            continue
        text = _text(node)
        area = _area_node(node)
        name = label(area) if area else _guess_area(text, areas)
        out.append(Target(ref=_ref(node), area=_keep_names(name, meta), text=text,
                          span=_span(node), legal_refs=cite(text, meta)))
    return out


def body_tasks(doc: Document, meta: DocumentMeta, root: Node | None = None) -> list[BodyTask]:
    root = root or sections(doc)
    areas = _area_headings(root)
    out = []
    for node in _items(root):
        if _role(node) != "task":
            continue
        text = _text(node)
        refs = cite(text, meta)
        if not refs or re.match(_SELF, text):    # closing clauses about the plan itself are no tasks
            continue
        area = _area_node(node)
        name = label(area) if area else _guess_area(text, areas)
        out.append(BodyTask(area=_keep_names(name, meta), text=text, legal_refs=refs, span=_span(node)))
    return out


def _span(node: Node):
    last = max([node.last_line] + [c.last_line for c in node.walk()])
    return node.span().model_copy(update={"last_line": last})


def _keep_names(name: str | None, meta: DocumentMeta) -> str | None:
    return _restore_names(name, [meta.province, meta.commune]) if name else name


def _area_headings(root: Node) -> list[str]:
    return [label(n) for n in root.walk()
            if is_heading(n) and n.kind in ("arabic", "letter") and not generic(n.text)]


def _guess_area(text: str, headings: list[str]) -> str | None:
    """The reform area a target is about, named as the plan's own heading for it where there is one."""
    f = fold(text)
    # vocab.AREAS, by how often their topic words occur; a tie goes to the later area
    best, i = max((sum(f.count(k) for k in a.topic_keys), i) for i, a in enumerate(AREAS))
    if not best:
        return None
    area = AREAS[i]
    return next((h for h in headings if re.search(r"\b(" + area.heading_pattern + r")\b", fold(h))), area.heading)
