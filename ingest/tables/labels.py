"""Which column each piece of flattened table text belongs to.

A PDF text dump prints a table row's cells one after another, each cell wrapped
over short lines at its column's width, and sometimes interleaved: one text line
holds the first line of several cells side by side. `label` finds, for every
line, the split into pieces and the column of each piece that explains the text
best (a Viterbi search over columns). What tells columns apart, in order of
weight: a column's own numbering ("2.1." in the "2- Nhiệm vụ" column), the wrap
width (cells of one column wrap at about the same number of characters, so a
line longer than the column is not in it, and a short line followed by a word
that would have fitted ends its cell), and what a cell starts with (agencies,
deadlines, documents, amounts; a dash bullet after a task's text opens its
Hoạt động list; a line opening with its cell's first words again opens a cell of
its own, as neighbouring target, task and activity cells often begin alike), and
the plan's own words: a line whose first word follows a cell's last one as it does
within the plan's unbroken lines ("địa" / "phương", "Công" / "nghệ") carries that
cell on (`word_pairs`).
Rows start at a TT number, or without one in the first column of an unnumbered
table and in the task column of a table led by its targets (a target merged over
several tasks prints once); after a page break the rest of a row's cells follow
column by column, whether the header was printed again or the page only begins.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .columns import fold

TEXT_KINDS = ("target", "task", "activity")
AGENCY_KINDS = ("lead", "coordinating")

# What cells of a kind begin with. Agencies are matched on the lower-cased text with its
# diacritics ("sở" is an agency, "số" is not), the others on the folded text.
_AGENCY = re.compile(
    r"^[-+•]?\s*(các |mọi |toàn thể )?(sở|ubnd|ủy ban|uỷ ban|phòng|văn phòng|vp|trung tâm|ttpvhcc|công an|ban|bộ|"
    r"báo(?! cáo)|đài|đoàn|hội đồng|hđnd|cơ quan|tổ công tác|tổ|thanh tra|kho bạc|bảo hiểm|chi cục|cục|tỉnh ủy|"
    r"tỉnh uỷ|đảng ủy|đảng uỷ|mttq|mặt trận|viện|trường|công chức|cán bộ|chủ tịch|lãnh đạo|thủ trưởng|giám đốc|"
    r"ngành|địa phương|đơn vị|doanh nghiệp|hiệp hội|liên đoàn|huyện|xã(?! hội)|phường)(?![\w])")
_DEADLINE = re.compile(
    r"^[-+•]?\s*(quy\b|thang\b|thuong$|nam$|nam 20\d\d|thuong xuyen|truoc|"
    r"theo (lo trinh|ke hoach|tien do|quy dinh|yeu cau|chi dao)|"
    r"sau khi|da (ban hanh|hoan thanh|thuc hien)|hang (nam|quy|thang)|hang nam|dinh ky|\d{1,2}/20\d\d|"
    r"\d{1,2}/\d{1,2}/20\d\d|tu (thang|quy|nam)|den (thang|quy|nam)|khi co|ngay \d|trong (nam|thang|quy)|"
    r"6 thang|06 thang|bao cao (ket qua|dinh ky)|thuc hien:|"
    # "- Kế hoạch: Quý I/2026; - Báo cáo: Tháng 12": a deadline per product
    r"[^:;]{1,30}:\s*(quy|thang|nam|truoc|trong|tu|den|hang|dinh ky|thuong xuyen)\b)")
# a date or period anywhere in a cell's first lines ("- Báo cáo kết quả: Quý IV/2025")
_WHEN = re.compile(r"\b(quy [ivx]+\b|thang \d|truoc ngay|dinh ky|thuong xuyen|hang (nam|quy|thang)|\d{1,2}/20\d\d)")
# (an amount has no leading zero: "06" / "tháng cuối năm" is a deadline)
_BUDGET = re.compile(r"^((0|(?!(19|20)\d\d\b)[1-9][\d.,]*)\s*(trieu|ty|dong|trd)?\s*$|theo du\b|ngan sach|kinh phi|nguon|nsnn|tu nguon|"
                     r"thong tu so|long ghep( trong)? (kinh phi|ngan sach|du toan|nguon)|"
                     r"chi (thuong xuyen|su nghiep|dau tu))")
_OUTPUT = re.compile(
    r"^[-+•]?\s*(cac )?(ke hoach|bao cao|van ban|quyet dinh|cong van|to trinh|thong bao|huong dan|bien ban|"
    r"du thao|nghi quyet|danh muc|de an|chuong trinh|giay moi|phan mem|he thong|tai lieu|hoi nghi|lop|"
    r"so ho so|ket qua|san pham|phong su|bai viet|tin bai|ho so|de xuat|chi thi|quy che|quy dinh|"
    r"thong tu|bo tieu chi|co so du lieu|trang|cong|ban do|sang kien|giai phap|mo hinh)\b")
# the budget phrase a narrow budget column wraps ("Theo dự" / "toán" / "được cấp"), folded
_BUDGET_PHRASES = ("theo du toan duoc cap", "theo du toan duoc giao", "theo du toan duoc phe duyet",
                   "theo du toan duoc bo tri")
# its end on a line of its own: a budget cell goes on; an agency cell never ends so (the whole line
# only: "được cấp có thẩm quyền giao" is a deadline)
_BUDGET_TAIL = re.compile(r"^(%s)\s*[.;]?$" % "|".join(
    sorted({p[p.index(w):] for p in _BUDGET_PHRASES for w in ("toan duoc", "duoc")})))
# and where the column is a word or two wide ("Theo" / "dự" / "toán" / "được" / "cấp"), each line
# goes on the phrase: consecutive words of it, the cell's last and the line's first
_BUDGET_WORDS = {pair for p in _BUDGET_PHRASES for pair in zip(p.split(), p.split()[1:])}
# a line ending like this goes on in the same cell
# (or is a bare head noun: "Phòng" / "TCHCQT", "Sở Tài chính, Sở" / "Công Thương")
_DANGLING = re.compile(r"(&|\b[vV]à|\b[cC]ủa|\b[cC]ác|\bvới|\bvề|\btại|\bcho|\bđể|\btrong|\bngày|\bsố|"
                       r"\b[nN]ăm|\b[tT]háng|\b[qQ]uý|-)\s*$|"
                       r"^\s*[-+•]?\s*(Phòng|Trung tâm|Ban|Cơ quan|Tổ|Đoàn)\s*$|"
                       r"[,;]\s*(Sở|Bộ|Ban|Phòng|Trung tâm|Cơ quan|UBND|Văn phòng|Công an|Đoàn|Tổ)\s*$")
# a document's symbol cut before its hyphen or slash ("310/KH" / "-UBND", "92/2021" / "/TT-BTC")
_SYMBOL_CUT = re.compile(r"\d+/[\w&.\-/]*$")
_SYMBOL_REST = re.compile(r"^[-/]\w")
# "Sở Tư" / "pháp": no Sở or Bộ is named in one word, but for an abbreviation ("Sở KH&CN")
_HEAD_ALONE = ("Sở", "Bộ")
_HALF_NAME = re.compile(r"\b(?:%s)\s+(\w+)\s*$" % "|".join(_HEAD_ALONE))
# how unusual an empty cell of a kind is
_EMPTY = {"lead": 1.0, "output": 0.6, "deadline": 0.6, "coordinating": 0.4, "budget": 0.1, "remark": 0.05}
# The costs of the search, by name. These are the hand-set starting values (the prior);
# the weights in use are fitted on labelled plans (ingest/tables/fit.py) and read from
# weights.json beside this module. A cost is what a reading pays for the named cue; a
# negative one is what the cue saves.
PRIOR: dict[str, float] = {
    # a piece in a column: wider than the column's wrap width; numbered by this or another column
    "over": 1.0, "over_slope": 6.0, "number_own": -3.0, "number_other": 4.0,
    "text_short_when": 0.8,     # a short date or amount in a text column
    # a piece opening a cell of a kind: lower-case start (an agency column's 'các phòng'),
    # "Sở Sở" (two cells run together), a numbered text column's cell without its number,
    # and what cells of each kind begin with (or what they do not)
    "open_lower": 1.5, "open_lower_agency": 0.9, "open_doubled": 1.0, "open_unnumbered": 1.0,
    "agency_open": -1.0, "agency_other": 0.8, "deadline_open": -1.5, "deadline_agency": 1.0,
    "deadline_when": -0.6, "budget_open": -2.0, "budget_other": 0.8, "output_open": -0.8,
    "output_other": 0.6, "remark_open": 0.8, "activity_numbered": -1.0,
    # a piece carrying a cell on: a numbered piece, the previous line had room for its first
    # word (min(room_most, room + room_slope * room / width)), a symbol cut at its hyphen,
    # a hanging word, a line after a full stop, a capital, a dash bullet in the task column,
    # a budget phrase's tail, another kind's cell start, an agency in a text column
    "carry_number": 5.0, "carry_sub_number": 2.0, "room": 0.3, "room_slope": 4.0, "room_most": 1.2,
    "carry_symbol": -1.5, "carry_hanging": -0.5, "carry_after_stop": 0.4, "carry_capital": 0.3,
    "carry_bullet": 1.0, "budget_tail": 0.8, "carry_other_kind": 0.8, "carry_text_agency": 0.4,
    "repeat": 1.5,              # a line opening with its cell's first words again opens a cell
    # a line whose first word follows the cell's last word as it does in the document's own
    # unbroken lines ("địa" / "phương", "Công" / "nghệ"): times the share of that pair
    "carry_follows": -1.5, "follows_least": 0.25,    # (a weaker pair is an everyday phrase: "vụ" / "CCHC")
    "cut": 1.5,                 # an interleaved line is the exception
    "carry_cut": 0.5,           # but the lines after one are interleaved too: their pieces carry cells on
    "hang_step": 1.0,           # a cell cut inside a line after a word that needs more ("năm", "của")
    "open_end": 0.6,            # a row closed with a cell that cannot end there
    # rows: one starting without a number (short, a bullet), again after a page break
    "row_unnumbered": 3.0, "row_short": 1.0, "row_bullet": 1.0, "row_after_break": -1.5,
    # moves: resuming a row cut by a page break, the next column, the next activity numbered
    # as a row, after a dropped page header, the next line of an interleaved row, a page top
    # mid-sentence, any other move
    "resume": 0.3, "resume_passed": 0.3, "resume_most": 1.2, "next": 0.3, "next_hanging": 1.5,
    "next_comma": 0.7, "activity_row": 0.5, "header": 0.3, "header_open": 0.5, "interleaved": 1.5,
    "page_top": 2.0, "jump": 6.0,
}
_WEIGHTS_FILE = Path(__file__).with_name("weights.json")


def fitted() -> dict[str, float]:
    """The weights in use: the fitted ones (weights.json), the prior for any not fitted."""
    out = dict(PRIOR)
    if _WEIGHTS_FILE.exists():
        out.update(json.loads(_WEIGHTS_FILE.read_text(encoding="utf-8"))["weights"])
    return out


WEIGHTS = fitted()
# search bounds, not costs
BEAM = 3.5         # readings this much costlier than the best are dropped
STRONG_OPEN = -1.5   # what a period (or an amount) at the start of a cell costs: nothing else starts so
MIN_MOVE = -2.0    # no move between columns costs less (the cheapest cell start: an amount)
RESUMED, INTERLEAVED = 1, 2      # how a row is being resumed (see label)
# "2.1.", "3.12:", "1.1 " at the start of a piece: the numbering of a numbered column
LEVEL_NUMBER = re.compile(r"^(\d{1,2})\.(\d{1,3})(?:[.:]|(?=\s|$))")


@lru_cache(maxsize=65536)
def span(text: str) -> float:
    """How wide a text prints, in average characters: capitals are wider (1.3), spaces and
    punctuation narrower (0.55). Wrap widths are compared in this unit."""
    upper = sum(map(str.isupper, text))
    narrow = sum(map(text.count, _NARROW))
    return len(text) + 0.3 * upper - 0.45 * narrow


_NARROW = " .,;:'()-/"


def starts_agency(text: str) -> bool:
    """Does the text begin like an agency's name ("Sở ...", "- UBND các xã", "các phòng")?"""
    return bool(_AGENCY.match(text.lower()))


def names_when(text: str) -> bool:
    """Does the text name a date or period anywhere ("Báo cáo: Quý IV/2025", "thường xuyên")?"""
    return _text_features(text)[9]


def left_hanging(text: str) -> bool:
    """Does the text end on a word that needs more ("của", "năm", "Sở Tư")?"""
    return _text_features(text)[7]


@lru_cache(maxsize=65536)
def _text_features(text: str) -> tuple:
    """What a piece of text says about its column, independent of the table."""
    s = fold(text)
    m = LEVEL_NUMBER.match(text)
    return (span(text), bool(_AGENCY.match(text.lower())), bool(_DEADLINE.match(s)), bool(_BUDGET.match(s)),
            bool(_OUTPUT.match(s)), int(m.group(1)) if m else None,
            text[:1].islower(), bool(_DANGLING.search(text)) or _half_name(text), span(text.split(" ", 1)[0]),
            bool(_WHEN.search(s)))


def _half_name(text: str) -> bool:
    m = _HALF_NAME.search(text)
    return bool(m) and m.group(1)[:1].isupper() and m.group(1)[1:].islower()


@lru_cache(maxsize=65536)
def _repeats(head: str, text: str) -> float:
    """What carrying `text` on a cell that began with `head` costs for repeating its first
    words: neighbouring cells of a target, its task and activity often open alike ("Nâng cao
    chất lượng ..."), a sentence does not start again inside itself."""
    a, b = fold(head).split()[:3], fold(text).split()[:3]
    return 1.0 if len(a) == 3 and a == b else 0.0


_EDGE = "\"“”'‘’()[]…"
_BREAK = ".,;:!?"


def _pair(a: str, b: str) -> tuple[str, str] | None:
    """Two words side by side as word_pairs keys them; None where punctuation parts them."""
    if a[-1:] in _BREAK:
        return None
    a, b = a.lower().strip(_EDGE), b.lower().strip(_EDGE + _BREAK)
    return (a, b) if a and b else None


def word_pairs(lines: list[str], least: int = 2) -> dict[tuple[str, str], float]:
    """How surely one word follows another in a document. A table cell's words wrap at
    its column's width, but within a line they are the plan's own text, so the plan says
    which line carries on which cell ("địa" is followed by "phương" almost always).
    For each pair of words printed side by side within a line (no punctuation between)
    and seen `least` times or more: its share of what follows the first word or of what
    precedes the second, whichever is larger."""
    pairs: dict[tuple[str, str], int] = {}
    firsts: dict[str, int] = {}
    seconds: dict[str, int] = {}
    for line in lines:
        words = line.split()
        for a, b in filter(None, map(_pair, words, words[1:])):
            pairs[(a, b)] = pairs.get((a, b), 0) + 1
            firsts[a] = firsts.get(a, 0) + 1
            seconds[b] = seconds.get(b, 0) + 1
    # (either way: "tư" goes on many ways, but "pháp" after a line's end is almost only "tư pháp")
    return {(a, b): n / (min(firsts[a], seconds[b]) + 1) for (a, b), n in pairs.items() if n >= least}


def _sub_numbered(text: str) -> bool:
    """Does the text open with a level number ("3.1.") of any column?"""
    return _text_features(text)[5] is not None


@dataclass
class Piece:
    text: str
    col: int
    lineno: int
    start: bool        # the piece opens a new cell (False: it carries on the column's cell)
    new_row: bool      # the piece opens a new row


@dataclass
class Item:
    """One text line of the table body, with what came just before it."""
    text: str
    lineno: int
    after_marker: bool = False   # a row number (TT) was printed just before
    after_header: bool = False   # a repeated page header was dropped just before
    number: str | None = None    # that row number
    page_top: bool = False       # the first line of a page without its header printed again


class Labeller:
    """Labels the lines of one table, whose columns are `kinds` (left to right)."""

    def __init__(self, kinds: list[str], numbers: dict[int, int], numbered_rows: bool = True,
                 weights: dict[str, float] | None = None,
                 follows: dict[tuple[str, str], float] | None = None):
        self.kinds = kinds
        self.w = weights or WEIGHTS
        self.follows = follows or {}    # word_pairs of the document
        self.numbers = numbers          # printed column number ("2-") -> column index
        self.numbered_rows = numbered_rows or bool(numbers)   # rows start only at a number
        # columns where a row may start without a number: the first, in an unnumbered table;
        # and the task column of a table led by its targets, whose cell merged over several
        # tasks prints once, with the TT number, beside the first (unless the tasks carry
        # their own numbers, "2.1." under "2- Nhiệm vụ")
        self.row_starts = set() if self.numbered_rows else {0}
        if kinds and kinds[0] == "target" and "task" in kinds and kinds.index("task") not in numbers.values():
            self.row_starts.add(kinds.index("task"))
        # a row opening after the columns before it were left empty: at the table's top a row
        # starts in the first column, and after a TT number too where the TT numbers what the
        # first column holds, the targets (see flattened._label); where it numbers rows beside
        # a target merged over them, the row starts at its task
        self.lead_skip = [sum(_EMPTY.get(kinds[k], 0.4) for k in range(c)) for c in range(len(kinds))]
        self.row_skip = [sum(_EMPTY.get(kinds[k], 0.4) for k in range(c) if kinds[k] != "target")
                         for c in range(len(kinds))]
        self.tt_numbers_targets = False
        self.widths: list[float] = []
        self.base: list[float] = []
        self.parts: dict[int, list[float]] = {}
        self.cut = False
        K = len(kinds)
        self.skip = [[sum(_EMPTY.get(kinds[k], 0.4) for k in range(s + 1, c)) for c in range(K)]
                     for s in range(K)]
        self._feat: dict[str, tuple] = {}
        self._piece: dict[str, list[float]] = {}
        self._open: dict[str, list[float]] = {}
        self._splits: dict[str, list] = {}
        self._carry: dict[tuple, float] = {}
        self._ends: dict[str, float] = {}

    def set_widths(self, widths: list[float], cut: bool, parts: dict[int, list[float]] | None = None) -> None:
        """The columns' wrap widths for the next labelling, and whether to look for
        interleaved lines (worth it once the widths are known). `parts`: other widths
        from an item on (index -> widths): a long table is often several Word tables,
        one per area, each with its own column widths."""
        self.cut, self.base, self.parts = cut, widths, parts or {}
        self.widths = []
        self._use(widths)

    def _use(self, widths: list[float]) -> None:
        if widths != self.widths:
            self.widths = widths
            self._piece.clear()
            self._splits.clear()
            self._carry.clear()

    # ------------------------------------------------------------ costs
    def features(self, text: str) -> tuple:
        """(width, agency, deadline, budget, output, numbered column, lower-case start,
        left hanging, width of the first word, names a date or period)"""
        f = self._feat.get(text)
        if f is None:
            g = _text_features(text)
            f = g[:5] + (self.numbers.get(g[5]) if g[5] is not None else None,) + g[6:]
            self._feat[text] = f
        return f

    def piece_costs(self, text: str) -> list[float]:
        """Cost of `text` being (part of) a cell of each column, wherever in the cell it is."""
        out = self._piece.get(text)
        if out is None:
            n, agency, deadline, budget, output, numbered, lower = self.features(text)[:7]
            W = self.w
            out = []
            for c, w in enumerate(self.widths):
                cost = 0.0
                over = n - w * 1.08 - 2
                if over > 0:
                    cost += W["over"] + W["over_slope"] * over / w
                if numbered is not None:
                    cost += W["number_own"] if numbered == c else W["number_other"]
                if self.kinds[c] in TEXT_KINDS and (deadline or budget) and n < w * 0.5:
                    cost += W["text_short_when"]
                out.append(cost)
            self._piece[text] = out
        return out

    def open_costs(self, text: str) -> list[float]:
        """Extra cost of `text` opening a new cell of each column: what cells of its kind begin with."""
        out = self._open.get(text)
        if out is None:
            n, agency, deadline, budget, output, numbered, lower = self.features(text)[:7]
            when = self.features(text)[9]
            words = text.split(None, 2)
            # "Văn phòng Sở Sở Nội vụ": two one-line cells run together; no cell starts "Sở Sở"
            W = self.w
            doubled = W["open_doubled"] if len(words) > 1 and words[0] == words[1] and words[0][:1].isupper() else 0.0
            out = []
            numbered_cols = set(self.numbers.values())
            for c, kind in enumerate(self.kinds):
                # a lower-case start is a carried-on line, but for 'các phòng, ban' in an agency column
                # ("phòng." alone is the end of a sentence)
                cost = (W["open_lower_agency"] if kind in AGENCY_KINDS and agency and " " in text.strip()
                        else W["open_lower"]) if lower else doubled
                if c in numbered_cols and numbered != c and kind in TEXT_KINDS:
                    cost += W["open_unnumbered"]   # the cells of a numbered column start with their number
                if kind in AGENCY_KINDS:
                    cost += W["agency_open"] if agency else (W["agency_other"] if deadline or output else 0.0)
                elif kind == "deadline":
                    cost += W["deadline_open"] if deadline else (
                        W["deadline_agency"] if agency else W["deadline_when"] if when else 0.0)
                elif kind == "budget":
                    cost += W["budget_open"] if budget else W["budget_other"]
                elif kind == "output":
                    cost += W["output_open"] if output else (W["output_other"] if agency or deadline else 0.0)
                elif kind == "remark":
                    cost += W["remark_open"]
                elif kind == "activity" and numbered is None and _sub_numbered(text):
                    cost += W["activity_numbered"]   # "3.1. ...": an activity numbered as a row of its own
                out.append(cost)
            self._open[text] = out
        return out

    def carry_cost(self, prev: str, text: str, c: int) -> float:
        """Extra cost of `text` carrying on the cell of column c whose last piece is `prev`."""
        key = (prev, text, c)
        cost = self._carry.get(key)
        if cost is None:
            cost = self._carry[key] = self._carry_cost(prev, text, c)
        return cost

    def _carry_cost(self, prev: str, text: str, c: int) -> float:
        n, agency, deadline, budget, output, numbered, lower, _, first, _ = self.features(text)
        pn, *_, hanging, _, _ = self.features(prev)
        W = self.w
        # a numbered piece opens its cell (numbered by its column's printed number, or any "3.2.")
        cost = W["carry_number"] if numbered is not None else \
            W["carry_sub_number"] if self.kinds[c] in TEXT_KINDS and _sub_numbered(text) else 0.0
        w = self.widths[c]
        room = w - (pn + 0.55 + first)
        # the first word would have fitted on the previous line, so the line did not wrap
        # there (a list item, though, starts a line of its own)
        # (a name cut after its first word, "Sở Tư", still wraps at the width)
        if room > 1.0 and (not hanging or _half_name(prev)) and text[:1] not in "-+•":
            cost += min(W["room_most"], W["room"] + W["room_slope"] * room / w)
        if _SYMBOL_REST.match(text) and _SYMBOL_CUT.search(prev):
            cost += W["carry_symbol"]    # '310/KH' / '-UBND': a document's symbol goes on
        elif hanging:
            cost += W["carry_hanging"]   # 'Quý III, IV năm' / '2025'
        elif not lower and prev.rstrip().endswith((".",) if self.kinds[c] in AGENCY_KINDS else (".", ";")):
            cost += W["carry_after_stop"]   # (agencies of one cell are often separated by ';')
        elif text[:1].isupper() and not text.split(" ", 1)[0].isupper() and not prev.rstrip().endswith(","):
            cost += W["carry_capital"]   # a capital after a finished line is more often a new cell
        cost += W["carry_follows"] * self.follow(prev, text)
        kind = self.kinds[c]     # what looks like another column's cell start
        if kind == "task" and "activity" in self.kinds and text[:1] in "-+•":
            cost += W["carry_bullet"]    # a dash bullet after a task's text opens its activity list
        if _BUDGET_TAIL.match(fold(text).strip()):
            cost += -W["budget_tail"] if kind == "budget" else W["budget_tail"] if kind in AGENCY_KINDS else 0.0
        elif kind == "budget" and tuple(fold(prev).split()[-1:] + fold(text).split()[:1]) in _BUDGET_WORDS:
            cost -= W["budget_tail"]
        # (but for "đơn vị", "các sở" in lower case: the rest of a sentence as often)
        if kind in AGENCY_KINDS and (deadline or output) or kind in ("deadline", "output") and agency and not lower:
            cost += W["carry_other_kind"]
        elif kind in TEXT_KINDS and agency and not lower:
            cost += W["carry_text_agency"]
        return cost

    def follow(self, prev: str, text: str) -> float:
        """How surely `text`'s first word follows `prev`'s last one in the document."""
        if not self.follows or not prev.strip() or not text.strip():
            return 0.0
        share = self.follows.get(_pair(prev.split()[-1], text.split()[0]), 0.0)
        return share if share >= self.w["follows_least"] else 0.0

    # ------------------------------------------------------------ line splits
    def splits(self, text: str, anywhere: bool = False) -> list[tuple[float, list[str], int]]:
        """Ways to cut one line into consecutive-column pieces: (cost, pieces, first column).
        One piece per column is the rule; several pieces (an interleaved line) cost extra.
        For each last column only the cheapest cut is kept. `anywhere`: the line may carry
        on an interleaved row, whose cells' next lines begin in lower case anywhere in it."""
        out = self._splits.get((text, anywhere))
        if out is None:     # cheapest first: the search below can then drop the rest early
            out = self._splits[(text, anywhere)] = sorted(self._cut(text, anywhere), key=lambda x: x[0])
        return out

    def _cut(self, text: str, anywhere: bool) -> list[tuple[float, list[str], int]]:
        K = len(self.kinds)
        whole = self.piece_costs(text)
        out = [(whole[c], [text], c) for c in range(K)]
        words = text.split()
        if len(words) < 2 or K < 2 or not self.cut:
            return out
        # a cell inside a line starts with a capital, a number or a bullet, or after punctuation
        cuts = [i for i in range(1, len(words))
                if anywhere or words[i][:1].isupper() or words[i][:1].isdigit() or words[i][:1] in "-+(•"
                or words[i - 1][-1:] in ".,;:)"]
        if LEVEL_NUMBER.match(words[0]):
            cuts = [i for i in cuts if i > 1]     # a number stays with its text
        if not cuts:
            return out
        bounds = [0] + cuts + [len(words)]
        nb = len(bounds)
        ends = [0.0]
        for w in words:
            ends.append(ends[-1] + span(w) + 0.55)
        limit = [w * 1.5 + 4 for w in self.widths]
        W = self.w
        segments: dict[tuple[int, int], tuple] = {}

        def segment(j: int, i: int) -> tuple:
            """Words from bound j to bound i: (text, piece costs, opening costs, left hanging)."""
            seg = segments.get((j, i))
            if seg is None:
                piece = " ".join(words[bounds[j]:bounds[i]])
                # (a name cut after "Sở Tư" is the first line of a cell of an interleaved row;
                # within a line a lone "Sở" or "Bộ" is followed by its name, no other cell)
                seg = segments[(j, i)] = (piece, self.piece_costs(piece), self.open_costs(piece),
                                          self.features(piece)[7] and not _half_name(piece) or piece in _HEAD_ALONE)
            return seg

        # best[(i, c)]: cheapest cover of the words up to bound i whose last piece is in column c,
        # as (cost with the first piece's opening, cost, pieces, first column, the last piece
        # is left hanging): readings that start in different columns compete by what their
        # first cell begins with too
        best: dict[tuple[int, int], tuple] = {}
        total = ends[-1] - 0.55
        for i in range(1, nb - 1):
            width = ends[bounds[i]] - 0.55
            for c in range(K - 1):
                if width <= limit[c]:
                    piece, pc, oc, hanging = segment(0, i)
                    best[(i, c)] = (pc[c] + oc[c], pc[c], [piece], c, hanging)
        for c in range(1, K):
            for i in range(2, nb):
                for j in range(1, i):
                    prev = best.get((j, c - 1))
                    if prev is None or ends[bounds[i]] - ends[bounds[j]] - 0.55 > limit[c]:
                        continue
                    piece, pc, oc, hanging = segment(j, i)
                    # (a lower-case piece of an interleaved row carries its cell on, and where the
                    # line is too wide for one cell it is an interleaved line for sure)
                    carry = anywhere and piece[:1].islower()
                    step = pc[c] + (0.0 if carry else min(oc[c], 0.3)) + (
                        W["carry_cut"] if carry and total > self.widths[prev[3]] * 1.08 + 2 else W["cut"])
                    if prev[4]:
                        step += W["hang_step"]      # 'công bố chỉ số DTI năm' goes on: no cell ends there
                    cur = best.get((i, c))
                    if cur is None or prev[0] + step < cur[0]:
                        best[(i, c)] = (prev[0] + step, prev[1] + step, prev[2] + [piece], prev[3], hanging)
        for c in range(1, K):
            fin = best.get((nb - 1, c))
            # only a line too wide for its first column can hold several cells, or one whose
            # later cells begin as nothing else does ("Sở Nội vụ Quý I/2026": a period), or the
            # next line of an interleaved row ("pháp xuyên": "Sở Tư" + "pháp", "Thường" + "xuyên")
            if fin and len(fin[2]) > 1 and (anywhere or total > self.widths[fin[3]] * 1.08 + 2 or all(
                    self.open_costs(piece)[fin[3] + k] <= STRONG_OPEN for k, piece in enumerate(fin[2][1:], 1))):
                out.append(fin[1:4])
        return out

    def _unnumbered_row_cost(self, first: str, opening: float) -> float:
        """Cost of `first` starting a row without a number: its text fills the line and is
        no list item."""
        W = self.w
        short = W["row_short"] if self.features(first)[0] < 0.6 * self.widths[0] else 0.0
        short += W["row_bullet"] if first[:1] in "-+•" else 0.0
        return W["row_unnumbered"] + short + opening

    def _open_end(self, last: str) -> float:
        """What closing a row costs whose cell ends with `last`: a cell left hanging
        ("Sở Tư", "của", "năm") went on somewhere."""
        cost = self._ends.get(last)
        if cost is None:
            cost = self._ends[last] = self.w["open_end"] if last and self.features(last)[7] else 0.0
        return cost

    # ------------------------------------------------------------ search
    def label(self, items: list[Item]) -> list[list[Piece]]:
        """The pieces of every item, each with its column, by the cheapest reading."""
        K = len(self.kinds)
        START = K                          # state: before any column of a row
        INF = float("inf")
        skip = self.skip
        # per state: (cost, the last piece of each column in this row, the row is being
        # resumed: after a page break (RESUMED) or an interleaved line (INTERLEAVED) the rest
        # of each cell follows column by column, so moving right carries cells on; after an
        # interleaved line, moving left too; what closing the row would cost, see _open_end;
        # the first piece of each column's cell in this row)
        empty = ("",) * K
        V: dict[int, tuple] = {START: (0.0, empty, 0, 0.0, empty)}
        back: list[tuple[dict, int | None]] = []
        hangs: dict[str, float] = {}
        self._use(self.base)
        end_of = self._open_end
        W = self.w
        for k, it in enumerate(items):
            if k in self.parts:
                self._use(self.parts[k])
            ahead = items[k + 1].text if k + 1 < len(items) else ""
            restart_from = None
            if it.after_marker:           # a row number: every path starts a row here
                restart_from = min(V, key=lambda s: V[s][0] + V[s][3])
                V = {START: (V[restart_from][0] + V[restart_from][3], empty, 0, 0.0, empty)}
            new: dict[int, tuple] = {}
            ptr: dict[int, tuple] = {}
            anywhere = self.cut and self.numbered_rows and any(v[2] == INTERLEAVED for v in V.values())
            candidates = self.splits(it.text, anywhere)
            if anywhere:          # (and the plain cuts, for where no cell of the row is open)
                candidates = sorted(candidates + self.splits(it.text), key=lambda x: x[0])
            floor = min(x[0] for x in candidates) + 6.0
            # a cell's start is judged with the next line too ("Tháng" / "7/2025")
            whole = self.open_costs(it.text)
            if ahead:
                whole = [min(a, b) for a, b in zip(whole, self.open_costs(f"{it.text} {ahead}"))]
            line_number = self.features(it.text)[5]
            states = sorted(V.items(), key=lambda x: x[1][0])
            best = INF
            for cost0, pieces, c1 in candidates:
                if cost0 > floor or states[0][1][0] + cost0 + MIN_MOVE > best + BEAM:
                    break             # (candidates come cheapest first)
                first = pieces[0]
                c_last = c1 + len(pieces) - 1
                if len(pieces) == 1:
                    opening, numbered = whole[c1], line_number == c1
                else:
                    opening, numbered = self.open_costs(first)[c1], self.features(first)[5] == c1
                # no move below costs less than this (see the cases: a carry costs -0.5 at least)
                least = cost0 + min(opening, -0.5)
                for s, (vs, lasts, resume, ends, heads) in states:
                    if vs + least > best + BEAM:
                        break         # (states come cheapest first) this reading would be dropped
                    # t: cost of the move; start: the piece opens a cell; fresh: ... a row
                    start = fresh = True
                    if s == START or c1 == s and numbered:
                        t = 0.0                   # (the next numbered row)
                        if s == START:
                            t = opening + (self.lead_skip if self.tt_numbers_targets or not it.after_marker
                                           else self.row_skip)[c1]
                    elif c1 == s:
                        t = self.carry_cost(lasts[c1], first, c1) + W["repeat"] * _repeats(heads[c1], first)
                        start = fresh = False
                        # a row's text that went on after a page break, its other cells printed
                        # before: the next row without a number starts in the same column
                        if c1 == 0 and not self.numbered_rows and any(lasts[1:]):
                            t_row = self._unnumbered_row_cost(first, opening) + W["row_after_break"]
                            if t_row < t:
                                t, start, fresh = t_row, True, True
                    elif c1 > s and resume and lasts[c1]:     # the rest of a cell begun before
                        carry = self.carry_cost(lasts[c1], first, c1)
                        # (a column passed over that holds a cell printed before the break is
                        # not empty: passing it costs less)
                        passed = sum(_EMPTY.get(self.kinds[k], 0.4) * (0.5 if lasts[k] else 1.0)
                                     for k in range(s + 1, c1))
                        t = W["resume"] + W["resume_passed"] * passed + min(carry, W["resume_most"]) + \
                            W["repeat"] * _repeats(heads[c1], first)
                        start = fresh = False
                    elif c1 > s:
                        prev = lasts[s]
                        # 'Văn phòng HĐND &' goes on; a cell seldom ends with a comma
                        hanging = hangs.get(prev)
                        if hanging is None:
                            hanging = hangs[prev] = W["next_hanging"] if self.features(prev)[7] else \
                                W["next_comma"] if prev.rstrip().endswith(",") else 0.0
                        if prev.rstrip().endswith((";", ",")) and self.kinds[s] in AGENCY_KINDS:
                            hanging = max(hanging, W["next_hanging"])    # ';' or ',' parts agencies of one cell
                        t, fresh = W["next"] + skip[s][c1] + opening + hanging, False
                    elif numbered:
                        t = 0.0
                    elif self.kinds[c1] == "activity" and not self.numbers and _sub_numbered(first):
                        t = W["activity_row"]     # the next activity numbered as a row of its own
                    elif it.after_header:         # the rest of a row cut by a page break
                        carry = self.carry_cost(lasts[c1], first, c1) if lasts[c1] else opening + W["header_open"]
                        t, start, fresh, resume = W["header"] + carry, False, False, resume or RESUMED
                    elif resume == INTERLEAVED and lasts[c1] and self.numbered_rows:
                        # the next lines of an interleaved row's cells (a new row has a number)
                        t, start, fresh = W["interleaved"] + self.carry_cost(lasts[c1], first, c1), False, False
                    elif c1 in self.row_starts:
                        t = self._unnumbered_row_cost(first, opening)
                    elif it.page_top and lasts[c1] and first[:1].islower():
                        # a page began without the header, mid-sentence: the rest of a cell the
                        # row opened before the break (the other cells' rests follow, column by
                        # column); a capital there opens the next row as often
                        t, start, fresh, resume = W["page_top"] + self.carry_cost(lasts[c1], first, c1), False, False, RESUMED
                    else:
                        t = W["jump"]
                    total = vs + cost0 + t
                    if fresh:
                        total += ends
                    if anywhere and len(pieces) > 1:
                        # a lower-case piece cut as the rest of an interleaved row's cell carries
                        # on only a cell this row has opened ("Sở Nội" | "vụ Các sở" is no cut)
                        had = empty if fresh else lasts
                        for j, piece in enumerate(pieces[1:], 1):
                            if piece[:1].islower():
                                total += W["carry_follows"] * self.follow(had[c1 + j], piece) \
                                    if had[c1 + j] else W["cut"]
                    if total < new.get(c_last, (INF,))[0]:
                        row = list(empty if fresh else lasts)
                        for j, piece in enumerate(pieces):
                            row[c1 + j] = piece
                        # (two pieces are more often two one-line cells run together)
                        open_end = 0.0 if fresh else ends
                        for j, piece in enumerate(pieces):
                            open_end += end_of(piece) - (0.0 if fresh else end_of(lasts[c1 + j]))
                        opened = list(empty if fresh else heads)
                        for j, piece in enumerate(pieces):
                            if j or start:
                                opened[c1 + j] = piece
                        new[c_last] = (total, tuple(row), INTERLEAVED if len(pieces) > 2 else
                                       RESUMED if len(pieces) > 1 else 0 if fresh else resume, open_end,
                                       tuple(opened))
                        ptr[c_last] = (s, pieces, c1, start, fresh)
                        if total < best:
                            best = total
            V = {c: v for c, v in new.items() if v[0] <= best + BEAM}   # hopeless readings dropped
            back.append((ptr, restart_from))
        state = min(V, key=lambda s: V[s][0])
        out: list[list[Piece]] = []
        for it, (ptr, restart_from) in zip(reversed(items), reversed(back)):
            s, pieces, c1, start, fresh = ptr[state]
            row = [Piece(pieces[0], c1, it.lineno, start, fresh or it.after_marker)]
            row += [Piece(p, c1 + k, it.lineno, True, False) for k, p in enumerate(pieces[1:], 1)]
            out.append(row)
            state = restart_from if restart_from is not None else s
        out.reverse()
        return out
