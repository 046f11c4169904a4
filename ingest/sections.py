"""The body of a plan as a tree of headings and items, from hard-wrapped text lines.

Text dumps of plans are wrapped at the page width, carry page numbers, repeated page
headers and glued footnote marks. `clean` drops those, `paragraphs` joins wrapped lines
into paragraphs (a new one starts at a heading, number, letter or bullet, or after a
short line that ends a sentence), and `outline` nests the paragraphs by numbering style
the way a reader does: a style seen before closes everything opened after it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .models import Line, Span
from .places import fold

# paragraph markers, tried in order: (kind, pattern, only before capitals)
MARKERS = [
    ("roman", re.compile(r"^(?P<m>[IVX]{1,5})\s*[.\-–:)]\s*(?P<t>\S.*)$"), False),        # "II.", "II -"
    ("roman", re.compile(r"^(?P<m>[IVX]{1,5})\s+(?P<t>\S.*)$"), True),                     # "II CÁC CHỈ TIÊU"
    ("arabic", re.compile(r"^(?P<m>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<t>\S.*)$"), False),   # "1.2.", "2.1 "
    ("arabic", re.compile(r"^(?P<m>\d{1,2})[.)]\s*(?P<t>\S.*)$"), False),                  # "1.", "3)"
    ("arabic", re.compile(r"^(?P<m>\d{1,2})\s?[-–]\s+(?P<t>[A-ZĐ]\S*.*)$"), False),         # "1- Cải cách"
    ("arabic", re.compile(r"^\((?P<m>\d{1,2})\)\s*(?P<t>\S.*)$"), False),                 # "(1)"
    ("letter", re.compile(r"^\(?(?P<m>[a-zđ])\s*[)/]\s*(?P<t>\S.*)$"), False),             # "a)", "(b)", "đ/"
    ("letter", re.compile(r"^(?P<m>[a-zđ])\.\s+(?P<t>\S.*)$"), True),                      # "a. "
    ("bullet", re.compile(r"^(?P<m>[-–—+•*●▪·])\s*(?P<t>\S.*)$"), False),
]
PAGE_NUMBER = re.compile(r"^(\d{1,3}|-\s*\d{1,3}\s*-|[Tt]rang \d{1,3}(/\d{1,3})?)$")
SENTENCE_END = re.compile(r"(?:[.:;!?…]|\./\.)[\"”’)]*$")

# page-header lines repeated inside the body (letterhead, national motto, number/date line)
_MOTTO = re.compile(r"(cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–]\s*tu do\s*[-–]\s*hanh phuc)")
# (a letterhead line is all capitals, see _letterhead: "UBND ngày 20/3/2024 ..." under the header is the
# rest of a reference cut by the page break)
_HEADER_LINE = re.compile(r"^(so:|[-_=]{3,}$|.{0,40},\s*ngay\b.*\bthang\b)")

_FOOTNOTE_TEXT = re.compile(r"^\d{1,2}\s+[A-ZĐ“\"(]")
# footnote marks glued to a word: "2021-20301" (range + 1), "Chính phủ2", "năm 20251", "2030”1"
_FOOTNOTES = [
    (re.compile(r"(\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d)\d{1,2}\b"), r"\1"),
    (re.compile(r"(\bnăm (?:19|20)\d\d)\d{1,2}\b"), r"\1"),
    (re.compile(r"(?<=[”\"’)%])\d{1,2}(?=[\s,.;:]|$)"), ""),
]
# only after a lower-case word: symbols such as "BCĐTKNQ18" keep their digits
_WORD_NOTE = re.compile(r"(?<![\w/-])([^\W\d_]+)(\d{1,2})(?=[\s,.;:)]|$)")


def strip_footnotes(text: str) -> str:
    for pattern, repl in _FOOTNOTES:
        text = pattern.sub(repl, text)
    return _WORD_NOTE.sub(lambda m: m.group(1) if m.group(1).islower() and len(m.group(1)) > 1 else m.group(0),
                          text)


def clean(lines: list[Line]) -> list[Line]:
    """Non-blank lines, without page numbers, repeated page headers and footnote marks."""
    kept = [ln for ln in lines if ln.text.strip()]
    gone = furniture(kept, footnotes=True)
    return [ln.model_copy(update={"text": strip_footnotes(ln.text)}) for ln in kept if ln.lineno not in gone]


def furniture(lines: list[Line], footnotes: bool = False, lone_numbers: bool = True) -> set[int]:
    """Line numbers of page decoration: page numbers, the letterhead and motto repeated at a
    page top, and (with `footnotes`) footnote text at a page foot. Without `lone_numbers` a
    page number counts only beside a repeated header: in a narrow cell a lone "05" may be
    part of a date."""
    kept = [ln for ln in lines if ln.text.strip()]
    drop, numbers = set(), []
    for i, ln in enumerate(kept):
        t = ln.text.strip()
        if PAGE_NUMBER.match(t):
            numbers.append(i)
            # footnote text printed at the foot of the page: "1 Nghị quyết số 76/NQ-CP ..." just above
            for j in range(i - 1, max(-1, i - 7), -1) if footnotes else ():
                if _FOOTNOTE_TEXT.match(kept[j].text.strip()):
                    drop.update(range(j, i))
                    break
        elif _motto(t):
            drop.add(i)
            # the letterhead printed beside the motto: all-capital lines and "Số:" / date lines
            for j in range(max(0, i - 3), min(len(kept), i + 4)):
                u = kept[j].text.strip()
                if j != i and (_letterhead(u) or _motto(u) or _HEADER_LINE.match(fold(u))):
                    drop.add(j)
    drop.update(i for i in numbers if lone_numbers or i - 1 in drop or i + 1 in drop)
    return {kept[i].lineno for i in drop}


def _motto(t: str) -> bool:
    """The national motto, alone or after the letterhead column on the same line ("SỞ Y TẾ    Độc lập -
    Tự do - Hạnh phúc"); not a sentence that names the Republic ("Hiến pháp nước Cộng hòa ...")."""
    m = _MOTTO.search(fold(t))
    return bool(m) and (not t[:m.start()].strip() or _letterhead(t[:m.start()].strip()))


def _letterhead(t: str) -> bool:
    """An all-capital line with no numbering: 'ỦY BAN NHÂN DÂN', 'TỈNH HÀ TĨNH', 'SỞ NỘI VỤ'."""
    letters = [c for c in t if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and not marker(t)[0] and len(t) < 60


def marker(text: str) -> tuple[str | None, str, str]:
    """(kind, printed marker, rest) of a paragraph's first line; kind None when unmarked."""
    t = text.strip()
    for kind, rx, before_capitals in MARKERS:
        m = rx.match(t)
        if not m:
            continue
        rest = m.group("t").strip()
        # a heading or number starts a statement; "1.5 triệu đồng" at a line start does not
        if kind != "bullet" and rest[:1].islower():
            continue
        if before_capitals and not (rest[:1].isupper() if kind == "letter" else
                                    all(c.isupper() for c in rest if c.isalpha())):
            continue
        return kind, m.group("m"), rest
    return None, "", t


@dataclass
class Node:
    kind: str                      # roman | arabic | letter | bullet | plain | root
    mark: str                      # as printed, without its dot/bracket: "II", "1.2", "a", "-"
    text: str                      # joined paragraph, marker removed, spaces collapsed
    first_line: int = 0
    last_line: int = 0
    page: int | None = None
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = field(default=None, repr=False)

    @property
    def style(self) -> str:
        if self.kind == "arabic":
            return f"arabic{self.mark.count('.') + 1}"
        if self.kind == "bullet":
            return "bullet" + {"–": "-", "—": "-"}.get(self.mark, self.mark)
        return self.kind

    def span(self) -> Span:
        return Span(first_line=self.first_line, last_line=self.last_line, page=self.page)

    def ancestors(self):
        node = self.parent
        while node is not None and node.kind != "root":
            yield node
            node = node.parent

    def walk(self):
        for child in self.children:
            yield child
            yield from child.walk()

    def full_text(self) -> str:
        """Own text and that of all descendants, joined."""
        return " ".join([self.text] + [c.text for c in self.walk()]).strip()


def _join(a: str, b: str) -> str:
    # words cut at a hyphen or slash of a symbol ("NĐ-\nCP", "310/KH-\nUBND") join without space;
    # a spaced dash ("kinh tế -\nxã hội") keeps its space
    if re.search(r"\S[-/]$", a):
        return a + b
    return f"{a} {b}"


def paragraphs(lines: list[Line], wrapped: bool = True) -> list[Node]:
    """Consecutive lines joined into paragraphs, each with its marker split off."""
    lines = [ln for ln in lines if ln.text.strip()]
    if not lines:
        return []
    lengths = sorted(len(ln.text.strip()) for ln in lines)
    width = lengths[int(len(lengths) * 0.9)] if wrapped else 10 ** 6
    out: list[Node] = []
    prev = ""
    for ln in lines:
        t = re.sub(r"\s+", " ", ln.text.strip())
        kind, mk, rest = marker(t)
        if (kind == "bullet" and out and not SENTENCE_END.search(prev)
                and (rest[:1].islower() or re.match(r"(19|20)\d\d\b", rest))):
            kind = None          # "kinh tế \n- xã hội", "giai đoạn 2021 \n- 2025": a wrapped dash, not a bullet
        heading = bool(out) and out[-1].kind in ("roman", "arabic", "letter") and out[-1].first_line == out[-1].last_line
        indented = len(ln.text) - len(ln.text.lstrip()) >= 4
        starts = kind is not None or not out or not wrapped or _ends_paragraph(prev, t, width, heading, indented)
        if starts:
            out.append(Node(kind or "plain", mk if kind else "", rest if kind else t,
                            ln.lineno, ln.lineno, ln.page))
        else:
            node = out[-1]
            node.text = _join(node.text, t)
            node.last_line = ln.lineno
        prev = t
    return out


def _ends_paragraph(prev: str, line: str, width: int, heading: bool = False, indented: bool = False) -> bool:
    """Does an unmarked line start a new paragraph? Only after a short line, before a capital.

    `heading`: `prev` is the one line of a numbered paragraph so far ("4. Cải cách tổ chức bộ máy").
    `indented`: the line keeps a first-line indent (a few dumps do, 000 L171 "          6.2.").
    """
    # a share opens many targets: "100% văn bản ..."
    share = bool(re.match(r"\d{1,3}([.,]\d+)?\s?%", line))
    if not line[:1].isupper() and line[:1] not in "\"“(" and not share:
        return False
    if len(prev) < 0.55 * width and not prev.endswith((",", "-")) and not share:
        return True
    # the line was ended on purpose when the next word would have fitted on it. Character counts only
    # approximate a proportional font, hence the margin; within a paragraph the samples' lines run to
    # >= 1.0 of the width before a capital, their paragraph ends stay below 0.95.
    fits = len(prev) + 1 + len(line.split()[0]) <= 0.96 * width
    if indented and prev.endswith("."):
        return True
    if share:
        # "...; \n 100% ..." and "đảm bảo \n 100% ..." continue a sentence; only a full stop or a short
        # heading line ends one before a share
        return fits and (prev.endswith(".") or (heading and len(prev) < 0.85 * width))
    if SENTENCE_END.search(prev):
        return len(prev) < 0.85 * width or fits
    # a numbered heading line that stops short, then a sentence ("Rà soát ..."; not "UBND tỉnh ...", an
    # acronym or name carried over from a wrapped line)
    first = line.split()[0]
    return (heading and fits and not prev.endswith((",", "-")) and first[:1].isupper() and first[1:2].islower()
            and not any(len(w) > 1 and w.isupper() for w in line.split()[:3]))


def outline(paras: list[Node]) -> Node:
    """Nest paragraphs: a style met again closes the deeper ones; a new style opens a level."""
    root = Node("root", "", "")
    stack = [root]
    for p in paras:
        if p.kind == "plain":
            # after a heading or lead-in: its child; after a statement: its sibling. Plain paragraphs
            # open no level, except a lead-in ending in ':' over the list that follows it.
            top = stack[-1]
            parent = top if top.kind == "root" or _introduces(top) else top.parent
            p.parent = parent
            parent.children.append(p)
            if p.text.rstrip().endswith(":"):
                stack.append(p)
            continue
        styles = [n.style for n in stack]
        if p.style in styles:
            del stack[styles.index(p.style):]
        parent = stack[-1]
        p.parent = parent
        parent.children.append(p)
        stack.append(p)
    return root


def _introduces(node: Node) -> bool:
    """A heading or a lead-in ("... như sau:") takes the unmarked paragraphs after it as children."""
    t = node.text.rstrip()
    return t.endswith(":") or (len(t) < 120 and not SENTENCE_END.search(t))


def is_heading(node: Node) -> bool:
    """A node that names a section rather than states something."""
    if node.kind == "root":
        return True
    if not node.children:
        return False
    if generic(node.text):
        return True
    t = node.text.rstrip()
    flat_list = all(c.kind == "bullet" and not c.children for c in node.children)
    if t.endswith(":") and flat_list and (len(t) > 100 or max(len(c.text) for c in node.children) <= 60):
        # a statement leading into its list: "Tỷ lệ ... đạt tối thiểu:" + "- Cấp tỉnh: 100%;" (a list of
        # fragments, or under a long lead-in) is one statement; a list of full statements has a heading
        return False
    if node.kind in ("roman", "arabic"):
        # "1. Sở Tư pháp: Chủ trì ... theo Nghị định ... ." states a duty (a sentence), its bullets add to it
        if len(t) > 120 and SENTENCE_END.search(t) and not t.endswith(":"):
            return False
        return len(t) <= 250 or t.endswith(":")
    if node.kind == "letter":
        return len(t) <= 120 and not t.endswith((".", ";")) and not (t.endswith(":") and len(t) > 60)
    if node.kind == "plain":
        return True              # an unnumbered lead-in ("... như sau:") over its own list
    # "- Về cải cách thể chế:" over "+" items is a heading; "- Thực hiện Nghị định 118/2025/NĐ-CP, cụ thể:"
    # (a citation, so digits) or a long lead-in is one statement with its list
    return (len(t) <= 80 and not re.search(r"\d", t) and not t.endswith((".", ";"))
            and all(c.kind == "bullet" for c in node.children))


# section labels that name no area: "Chỉ tiêu", "Nhiệm vụ, giải pháp", "Một số mục tiêu, chỉ tiêu cụ [thể]"
_GENERIC = re.compile(r"\b(chi tieu|muc tieu|nhiem vu|giai phap|noi dung|cu the|cu|mot so|chu yeu|trong tam|va|"
                      r"cac|chung|hoat dong|nam|\d+)\b")


def generic(label: str) -> bool:
    f = fold(label)
    return bool(re.search(r"[a-z]", f)) and not re.search(r"[a-z]", _GENERIC.sub(" ", f))


def label(node: Node) -> str:
    """A heading's text as an area name: sentence case if printed in capitals, no end punctuation."""
    t = re.sub(r"[\s.:;,]+$", "", node.text).strip()
    return sentence_case(t)


_ACRONYM = re.compile(r"^[A-ZĐ&]{2,}$")


def sentence_case(text: str) -> str:
    """'CẢI CÁCH THỦ TỤC HÀNH CHÍNH (TTHC)' -> 'Cải cách thủ tục hành chính (TTHC)'.

    Mixed-case text is left as written; common acronyms and acronyms in brackets keep their capitals.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return text
    out = []
    for w in text.split(" "):
        core = w.strip("()[],.;:“”\"")
        keep = core in _KEEP_UPPER or (core and f"({core})" in w and _ACRONYM.match(core))
        out.append(w if keep else w.lower())
    s = " ".join(out)
    return s[:1].upper() + s[1:]


_KEEP_UPPER = {"UBND", "HĐND", "CCHC", "TTHC", "QPPL", "ISO", "TCVN", "CNTT", "DTI", "PCI", "PAPI", "SIPAS",
               "PAR", "INDEX", "BCĐ", "TW", "VP", "TTPVHCC", "ĐBQH", "MTTQ", "NSNN", "KT-XH"}
