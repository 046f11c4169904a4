"""Appendix task tables rebuilt from flattened PDF text (Document.shape "pdf-text").

The dump has lost the table's grid. What is left, and used here: the title
("PHỤ LỤC ..."), the header (which columns, in which order, and their printed
numbers), the header printed again on each page (or, where it is not, the space
that leads a page's first line), area rows (Roman-numeral, Arabic in capitals, or
capitals alone in a table without numerals; a numbered sub-area row, "7.1 Chính
quyền số" over rows numbered from 1 again, is a heading), row numbers (TT: of the
rows, or of the targets where several unnumbered tasks sit beside one target), and
the cells' own text. ingest/tables/labels.py decides which
column each piece of text belongs to; this module finds the tables, cleans the
body (repeated headers, page numbers, row numbers, areas), learns each column's
wrap width from the text itself, and turns the labelled pieces into rows:
tasks with their numbered activities, the target cell they sit under, merged cells
shared by a task's activities. An unnumbered Hoạt động cell is no row of its own:
it goes into its task's row, "task — activity" (shared/eval/SCHEMA.md, "Rows").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..agencies import split_agencies
from .cells import area_of_title
from .columns import column_kind, fold
from .labels import AGENCY_KINDS, LEVEL_NUMBER, TEXT_KINDS, Item, Labeller, Piece, span, starts_agency, word_pairs
from ..models import Document, DocumentMeta, Span, TableTask

_TITLE = re.compile(r"^\s*phụ\s+lục\b(.*)$", re.I)
_HEADER_START = re.compile(r"^(s\.?\s?tt|tt|so tt|stt)\b")
_ROMAN_AREA = re.compile(r"^\s*([IVX]{1,5})\s*([.):\-–]?)\s+(\S.*)$")
# an area row and the first line of the row under it printed on one line ("III CẢI CÁCH THỦ
# TỤC HÀNH CHÍNH 1 Công khai danh"): see _split_area
_AREA_THEN_ROW = re.compile(r"^(\s*[IVX]{1,5}\s*[.):\-–]?\s+.+?)\s+(\d{1,3}[.)]?\s+(\w)(\w).*)$")
_ARABIC_AREA = re.compile(r"^\s*(\d{1,2})\s*[.):\-–]\s*(\S.*)$")
# a TT cell: "1", "1.", "1.2", "a)" alone on its line, or before the row's text
_LONE_NUMBER = re.compile(r"^\s*(\d{1,4}(?:\.\d{1,3})?|[a-zđ](?=\)))\s*[.)]?\s*$")
_INLINE_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})?|[a-zđ](?=\)))[.)]?\s+(?=\D|\d{1,2}\.\d|\d{1,3}%)(\S.*)$")
_PAGE_TOP = re.compile(r"^ \S")
_COLUMN_NO = re.compile(r"^\(?\d{1,2}[-.)]$|^\(\d{1,2}\)$")
_COLUMN_NUMBERS = re.compile(r"(\(?\d{1,2}\)?\s*){3,}")     # (1) (2) (3) ... under a header
_HEADER_WORDS = set(
    "tt stt so thu tu muc tieu chi noi dung nhiem vu hoat dong ket qua san pham dau ra chu tri phoi hop "
    "thoi gian han hoan thanh kinh phi ghi chu co quan don vi phong ban thuc hien cong viec cu the giai phap "
    "tien do lo trinh du kien nguon trach nhiem linh vuc ten chiu phan giao von ngan sach luc diem moc "
    "chu thich tinh bo phan".split())


def text_tables(doc: Document, meta: DocumentMeta, weights: dict[str, float] | None = None) -> list[TableTask]:
    """Every row of the appendix task tables of a flattened PDF text, in document order.
    `weights`: the labeller's costs (labels.PRIOR names them), else the fitted ones."""
    lines = [ln.text.replace("\t", " ") for ln in doc.lines]
    linenos = [ln.lineno for ln in doc.lines]
    pages = {ln.lineno: ln.page for ln in doc.lines if ln.page}
    # a title counts when a task-table header follows it ("Phụ lục" inside a cell does not)
    found = [(i, h) for i, t in enumerate(lines) if _TITLE.match(t) and len(t.strip()) < 160
             for h in [_find_header(lines, i, min(len(lines), i + 40))] if h]
    if not found:     # a task table without an appendix title: its header alone
        found = [(i, h) for i, t in enumerate(lines) if _HEADER_START.match(fold(t))
                 for h in [_find_header(lines, i - 1, i + 1)] if h and _is_task_header(h)][:1]
    rows: list[TableTask] = []
    follows = word_pairs(lines) if found else {}
    for k, (at, header) in enumerate(found):
        end = found[k + 1][0] if k + 1 < len(found) else len(lines)
        rows += _read_table(lines, linenos, pages, at, end, header, weights, follows)
    return rows


# ---------------------------------------------------------------- one table
@dataclass
class _Header:
    kinds: list[str]                 # content columns (the TT column left out)
    numbers: dict[int, int]          # printed column number -> column index
    lines: list[str]                 # the header's non-blank lines, folded, to spot it again
    end: int                         # index of the first body line


def _is_task_header(header: _Header) -> bool:
    """Who or when next to what: enough to take a header without a title for a task table."""
    return len(set(header.kinds) & {"output", "lead", "coordinating", "deadline"}) >= 2


def _read_table(lines, linenos, pages: dict[int, int], at: int, end: int, header: _Header,
                weights: dict[str, float] | None = None, follows: dict | None = None) -> list[TableTask]:
    title = _title(lines[at]) if _TITLE.match(lines[at]) else None
    items, areas = _body(lines, linenos, header, end)
    if not items:
        return []
    rows = _assemble(_label(items, header, sorted(areas), weights, follows), items, header, areas, title, title and area_of_title(title))
    for r in rows:
        r.span.page = pages.get(r.span.first_line)
    return rows


def _label(items: list[Item], header: _Header, area_starts: list[int],
           weights: dict[str, float] | None = None, follows: dict | None = None) -> list[list[Piece]]:
    """Every line's pieces and their columns: label, learn the columns' wrap widths from
    the labels (the whole table's, and each area's where it has enough lines), label
    again looking for interleaved lines too."""
    widths = _initial_widths(header.kinds, items)
    parts: dict[int, list[float]] = {}
    labeller = Labeller(header.kinds, header.numbers, numbered_rows=_numbered_rows(items), weights=weights,
                        follows=follows)
    bounds = [b for b in area_starts if b > 0]
    bounds = list(zip([0] + bounds, bounds + [len(items)]))
    # a second round of learning where it is cheap: small tables have few lines to learn from
    for cut in (False, True, True) if len(items) < 1500 else (False, True):
        labeller.set_widths(widths, cut, parts)
        labelled = labeller.label(items)
        labeller.tt_numbers_targets = _tt_numbers_targets(labelled, items, header.kinds)
        widths = _learn_widths(labelled, widths)
        if len(bounds) > 1:
            # (an area's own median needs more lines: a few would move it by themselves)
            parts = {a: _learn_widths(labelled[a:b], widths, least=20, floor=False) for a, b in bounds}
    return labelled


def _tt_numbers_targets(labelled: list[list[Piece]], items: list[Item], kinds: list[str]) -> bool:
    """Does the TT column number the targets rather than the rows? So it does where a task
    row opens without a number of its own beside a target (the target's cell, merged over
    its tasks, printed once with its number)."""
    if not kinds or kinds[0] != "target" or "task" not in kinds:
        return False
    task = kinds.index("task")
    return any(p.col == task and p.new_row and not it.after_marker
               for row, it in zip(labelled, items) for p in row)


def _title(line: str) -> str:
    """'PHỤ LỤC' -> 'Phụ lục'; 'Phụ lục số 01: Các nhiệm vụ ...' kept as written."""
    t = re.sub(r"\s+", " ", line).strip()
    if t.isupper():
        t = t[0] + t[1:].lower()
        t = re.sub(r"\b([ivx]+)\b$", lambda m: m.group(1).upper(), t)
    return t


def _find_header(lines: list[str], at: int, stop: int) -> _Header | None:
    """The task-table header starting between lines at+1 and stop, if any."""
    first = None
    for i in range(at + 1, stop):
        f = fold(lines[i])
        if f and (_HEADER_START.match(f) or _is_header_line(f) and (column_kind(lines[i]) or len(f) >= 60)):
            first = i
            break
    if first is None:
        return None
    taken, i = [], first
    while i < len(lines):
        f = fold(lines[i])
        if f:
            if taken and not _is_header_line(f):
                break
            taken.append(i)
        i += 1
    words = [lines[j].strip() for j in taken if not _COLUMN_NUMBERS.fullmatch(fold(lines[j]))]
    kinds, numbers = _header_kinds(" ".join(words))
    if not any(k in TEXT_KINDS for k in kinds):
        return None
    return _Header(kinds, numbers, [fold(lines[j]) for j in taken], taken[-1] + 1)


def _is_header_line(f: str) -> bool:
    if _COLUMN_NUMBERS.fullmatch(f):
        return True       # the row of column numbers under a header: (1) (2) (3) ...
    words = re.findall(r"[a-z]+", f)
    if not words or not all(w in _HEADER_WORDS for w in words):
        return False
    # a whole header on one line is long: it then names several columns
    return len(f) < 60 or len(f) < 200 and len(_header_kinds(f)[0]) >= 3


def _header_kinds(text: str) -> tuple[list[str], dict[int, int]]:
    """The header's words -> its columns: the cut into cells that gives the most cells,
    each with a kind, no kind twice (columns.column_kind reads each cell's meaning)."""
    words = text.split()
    n = len(words)
    numbered = [i for i, w in enumerate(words) if _COLUMN_NO.match(w)]
    # printed column numbers ("1-", "(2)") are where cells start
    can_cut = [not numbered or i <= numbered[0] or i in numbered for i in range(n + 1)]
    # best[i] = (number of cells, cells) covering words[:i]
    best: list[tuple[int, list[tuple[str, str]]] | None] = [None] * (n + 1)
    best[0] = (0, [])
    for i in range(1, n + 1):
        for j in range(max(0, i - 8), i):
            if best[j] is None:
                continue
            if not can_cut[j] or any(_COLUMN_NO.match(w) for w in words[j + 1:i]):
                continue
            cell = " ".join(words[j:i])
            kind = column_kind(cell)
            if kind is None or any(kind == k for k, _ in best[j][1]):
                continue
            cand = (best[j][0] + 1, best[j][1] + [(kind, cell)])
            if best[i] is None or cand[0] > best[i][0]:
                best[i] = cand
    if best[n] is None:
        return [], {}
    kinds, numbers = [], {}
    for kind, cell in best[n][1]:
        if kind == "ref":
            continue
        m = re.match(r"^\(?(\d+)\s*[-.)]", cell)
        if m:
            numbers[int(m.group(1))] = len(kinds)
        kinds.append(kind)
    # numbered levels matter for the text columns ("2.1." under "2- Nhiệm vụ"), and for the
    # agency columns, whose cell shared by tasks may number its entries ("5.1." under "5- Chủ trì")
    numbers = {k: c for k, c in numbers.items() if kinds[c] in TEXT_KINDS + AGENCY_KINDS}
    return kinds, numbers


# ---------------------------------------------------------------- body lines
def _body(lines, linenos, header: _Header, end: int):
    """The table's text lines as `Item`s, without the repeated headers and page numbers;
    row numbers become markers on the next item; area rows are returned apart
    as {item index: area}."""
    items: list[Item] = []
    areas: dict[int, str] = {}
    last_tt: str | None = None
    marker = after_header = False
    number = None
    roman = arabic = 0               # area rows seen, numbered in Roman / Arabic numerals
    has_budget = "budget" in header.kinds
    i = header.end
    while i < end:
        raw = lines[i].strip()
        if not raw:
            i += 1
            continue
        skip = _header_again(lines, i, end, header)
        if skip:
            i, after_header = skip, True
            continue
        # a page's first line is led by a space in these dumps: where no header is printed
        # again, that alone tells a page began (the rest of a row, or the next row, follows)
        page_top = not after_header and _PAGE_TOP.match(lines[i]) is not None
        wrapped = _wrapped_numeral(lines, i, end)
        if wrapped:                       # "II" / "I" / "CẢI CÁCH ...": a numeral wider than its column
            i, raw = wrapped
        glued = _split_area(raw)
        name = _area_row(glued.group(1) if glued else raw, roman, arabic)
        if name:
            roman += bool(_ROMAN_AREA.match(raw))
            arabic += bool(not roman and _ARABIC_AREA.match(raw))
            areas[len(items)] = name
            last_tt, marker = None, False
            if not glued:
                i += 1
                continue
            raw = glued.group(2)          # the row's first line goes on below
        if _sub_area(lines, i, end):
            # "2.1 Chính quyền số" over rows numbered from 1 again: a heading, the area stays
            last_tt, marker = None, False
            i += 1
            continue
        m = _LONE_NUMBER.match(raw)
        if m and (int(m.group(1)) < 1000 if m.group(1).isdigit() else True):
            tt = m.group(1)
            # (a number just before the header printed again is the page's number, not a TT)
            if _follows(last_tt, tt) and not ("." in tt and header.numbers) \
                    and not _next_is_header(lines, i, end, header):
                # where the text columns carry their own numbers ("2.1.", "3.4."), those make
                # the rows and the TT column only counts targets: dropped
                last_tt, marker, number = tt, not header.numbers, tt
            elif not tt.isdigit() or has_budget and not _next_is_header(lines, i, end, header) and not after_header:
                items.append(Item(raw, linenos[i], marker, after_header))   # a cell's number or amount
                marker = after_header = False
            i += 1    # otherwise a page number
            continue
        m = _INLINE_NUMBER.match(raw)
        if m and _follows(last_tt, m.group(1)) and not ("." in m.group(1) and header.numbers):
            last_tt, marker, number = m.group(1), not header.numbers, m.group(1)
            raw = m.group(2)
        items.append(Item(re.sub(r"\s+", " ", raw), linenos[i], marker, after_header, number if marker else None,
                          page_top))
        marker = after_header = False
        i += 1
    return items, areas


_SUB_AREA = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.?\s+(\S.{0,80})$")


def _sub_area(lines: list[str], i: int, end: int) -> bool:
    """Is lines[i] a numbered sub-area row ("7.1 Chính quyền số"): a short title, no
    sentence, and the next line restarts the row numbering at 1?"""
    m = _SUB_AREA.match(lines[i])
    if not m or m.group(1).rstrip().endswith((".", ";", ",")):
        return False
    j = i + 1
    while j < end and not lines[j].strip():
        j += 1
    nxt = (_LONE_NUMBER.match(lines[j]) or _INLINE_NUMBER.match(lines[j])) if j < end else None
    return bool(nxt) and nxt.group(1) in ("1", "a")


def _wrapped_numeral(lines: list[str], i: int, end: int) -> tuple[int, str] | None:
    """A Roman numeral broken over lines by a narrow TT column ("II" / "I"), then the area's
    title in capitals: (index of the title line, the area row as one line)."""
    parts, j = [], i
    while j < end and re.fullmatch(r"\s*[IVX]{1,3}\s*", lines[j]) and len(parts) < 3:
        parts.append(lines[j].strip())
        j += 1
    if len(parts) < 2 or j >= end or not _is_caps(lines[j]) or not re.fullmatch(r"[IVX]{1,6}", "".join(parts)):
        return None
    return j, f"{''.join(parts)} {lines[j].strip()}"


def _split_area(raw: str) -> re.Match | None:
    """An area row in capitals run together with the next row's number and its text in
    sentence case: the two lines were printed on one baseline."""
    m = _AREA_THEN_ROW.match(raw)
    ok = m and _is_caps(m.group(1)) and m.group(1).split()[-1].isupper() and m.group(3).isupper() \
        and m.group(4).islower()
    return m if ok else None


def _follows(last: str | None, tt: str) -> bool:
    """Is `tt` the TT number that comes after `last` (None: none yet in this area)?
    "1" may restart the count; decimals ("1.3" after "1.2", "2.1" after "1.4") and letters
    ("c)" after "b)") keep to their own kind, so that an "a)" or "2.1" inside a cell of a
    plainly numbered table is not a row."""
    if tt.isdigit():
        return int(tt) == 1 or bool(last and last.isdigit() and int(tt) == int(last) + 1)
    if "." in tt:
        if last is not None and "." not in last:
            return False
        a, b = (int(x) for x in tt.split("."))
        return b == 1 or last == f"{a}.{b - 1}"
    if last is None or tt == "a" and not last.isdigit() and "." not in last:
        return tt == "a"
    # letters run a, b, c, d, đ, e, g, h ... (Vietnamese) or a, b, c, d, e, f ...
    return len(last) == 1 and last.isalpha() and (
        ord(tt) == ord(last) + 1 or (last, tt) in {("d", "đ"), ("đ", "e"), ("e", "g")})


def _area_row(raw: str, roman: int, arabic: int) -> str | None:
    """The area's name if `raw` is an area row: "II CẢI CÁCH THỂ CHẾ", "II. Cải cách thể
    chế" (with its numeral's dot), or, in a table without Roman numerals, "2. CẢI CÁCH
    THỂ CHẾ" in capitals and numbered in turn (a TT "2." comes with sentence-case text)."""
    m = _ROMAN_AREA.match(raw)
    if m and (_is_caps(m.group(3)) or m.group(2) and m.group(3)[:1].isupper() and len(raw) < 90):
        return re.sub(r"\s+", " ", m.group(3)).strip()
    m = _ARABIC_AREA.match(raw)
    if m and not roman and int(m.group(1)) == arabic + 1 and _is_caps(m.group(2)) and len(raw) < 160:
        return re.sub(r"\s+", " ", m.group(2)).strip()
    # a table whose areas carry no numeral at all: a title row in capitals, of a few words
    # ("CẢI CÁCH THỂ CHẾ"; a cell's line in capitals is an abbreviation or two: "HĐND, UBND",
    # or an agency printed in capitals: "VĂN PHÒNG UBND TỈNH", "SỞ TÀI CHÍNH")
    words = [w for w in raw.split() if w.isalpha()]
    if not roman and not arabic and len(words) >= 3 and sum(map(len, words)) >= 12 and len(raw) < 120 \
            and all(not c.isalpha() or c.isupper() for c in raw) and raw.strip()[-1:].isalpha() \
            and not starts_agency(raw):
        return re.sub(r"\s+", " ", raw).strip()
    return None


def _numbered_rows(items: list[Item]) -> bool:
    """Does the TT column number the rows (then a row starts only at a number)?"""
    return sum(it.after_marker for it in items) >= 2


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _header_again(lines, i: int, end: int, header: _Header) -> int | None:
    """Index after the header printed again at line i, or None."""
    if fold(lines[i]) != header.lines[0]:
        return None
    j, k = i + 1, 1
    while j < end and k < len(header.lines):
        f = fold(lines[j])
        if f:
            numbers_row = _COLUMN_NUMBERS.fullmatch(f) and _COLUMN_NUMBERS.fullmatch(header.lines[k])
            if f != header.lines[k] and not numbers_row:      # its column numbers may be misprinted
                break
            k += 1
        j += 1
    return j if k >= min(len(header.lines), 3) else None


def _next_is_header(lines, i: int, end: int, header: _Header) -> bool:
    j = i + 1
    while j < end and not lines[j].strip():
        j += 1
    return j < end and fold(lines[j]) == header.lines[0]


# ---------------------------------------------------------------- widths
# a column's width relative to the widest text column, for the first guess only
_SHARE = {"output": 0.45, "lead": 0.3, "coordinating": 0.33, "deadline": 0.38, "budget": 0.2, "remark": 0.2}


def _initial_widths(kinds: list[str], items: list[Item]) -> list[float]:
    """A first guess: the text columns wrap at the long lines' length, the others at
    their usual share of it."""
    lengths = sorted(span(it.text) for it in items)
    wide = lengths[int(len(lengths) * 0.9)]
    return [max(8.0, wide * (1.0 if k in TEXT_KINDS else _SHARE.get(k, 0.55))) for k in kinds]


def _learn_widths(labelled: list[list[Piece]], old: list[float], least: int = 4, floor: bool = True) -> list[float]:
    """Each column's wrap width, from its lines that the next line of the same cell
    carries on in lower case (a wrap for sure, not a new item): such a line is a little
    shorter than the width, by part of the word that did not fit. The median keeps a
    few mislabelled lines from moving it. `floor`: where a column has too few such lines,
    it is still at least as wide as its long lines (for the whole table, not an area)."""
    seen: dict[int, list[float]] = {}
    spans: dict[int, list[float]] = {}
    last: dict[int, Piece] = {}
    for row in labelled:
        for p in row:
            prev = last.get(p.col)
            if prev is not None and not p.start and p.text[:1].islower():
                seen.setdefault(p.col, []).append(span(prev.text))
            last[p.col] = p
            spans.setdefault(p.col, []).append(span(p.text))
    out = []
    for c, w in enumerate(old):
        xs = sorted(seen.get(c, []))
        if len(xs) >= least:
            w = xs[len(xs) // 2] + 2.0
        elif floor and len(spans.get(c, [])) >= least:
            # too few wraps to learn from (a short table, wide columns): a column is at least
            # as wide as the long lines it holds (the 90th percentile: one mislabelled line
            # does not widen it)
            ys = sorted(spans[c])
            w = max(w, ys[int(len(ys) * 0.9)])
        out.append(max(6.0, w))
    return out


# ---------------------------------------------------------------- rows
@dataclass
class _Record:
    level: str
    ref: str | None
    cells: dict[str, list[str]] = field(default_factory=dict)
    target: list[str] | None = None
    area: str | None = None
    parent: "_Record | None" = None
    first: int = 0
    last: int = 0


def _assemble(labelled: list[list[Piece]], items: list[Item], header: _Header, areas: dict[int, str],
              title: str | None, default_area: str | None) -> list[TableTask]:
    """Labelled pieces -> rows: a number in a task/activity column (or a new row in a
    plain table) opens a record, the other columns' pieces go to the latest record, a
    target cell stays with the rows under it until the next target."""
    kinds = header.kinds
    text_cols = [k for k in ("task", "activity") if k in kinds] or [k for k in kinds if k in TEXT_KINDS][:1]
    task_kind = text_cols[0]
    activity_kind = text_cols[1] if len(text_cols) > 1 else None
    target_kind = "target" if "target" in kinds and task_kind != "target" else None
    numbered_cols = set(header.numbers.values())
    numbered_rows = _numbered_rows(items)
    records: list[_Record] = []
    area = default_area
    area_cell: list[str] = []
    target: list[str] | None = None
    task: _Record | None = None
    current: _Record | None = None
    pending: str | None = None        # the TT number printed for the next row
    by_target = _tt_numbers_targets(labelled, items, kinds)    # then it numbers no row
    for n, row in enumerate(labelled):
        if n in areas:
            area, target, task, current = areas[n], None, None, None
        if items[n].after_marker:
            pending = items[n].number
        for p in row:
            kind = kinds[p.col]
            text = p.text
            if kind == "area":        # a "Lĩnh vực" column instead of Roman-numeral rows
                area_cell = [text] if p.start or not area_cell else area_cell + [text]
                area = _join(area_cell)
                continue
            if kind == target_kind:
                if p.start and (LEVEL_NUMBER.match(text) or target is None or p.new_row):
                    target = [text]
                    if p.new_row and kinds.index(task_kind) not in numbered_cols:
                        task = current = None     # a new target row: its task text opens a row too
                elif target is not None:
                    target.append(text)
                continue
            if kind in (task_kind, activity_kind):
                level = "activity" if kind == activity_kind else "task"
                existing = task if level == "task" else (current if current and current.level == "activity" else None)
                m = LEVEL_NUMBER.match(text)
                # a numbered column's rows start at their number, a plain one's at a new row; an
                # activity numbered as a row of its own ("3.1." under task 3) opens one
                opens = bool(m) if p.col in numbered_cols else \
                    p.new_row or (p.start and not numbered_rows) or bool(m and p.start and level == "activity")
                if existing is not None and not opens:
                    existing.cells.setdefault("text", []).append(text)
                    existing.last = p.lineno
                    continue
                if level == "activity" and not m and task is not None:
                    # unnumbered activity content is its task's (its cells after it too)
                    task.cells.setdefault("activity", []).append(text)
                    task.last, current = p.lineno, task
                    continue
                ref = pending if level == "task" and not by_target else None
                if m:
                    ref, text = f"{m.group(1)}.{m.group(2)}", text[m.end():].strip()
                current = _Record(level, ref, {"text": [text]}, target, area,
                                  task if level == "activity" else None, p.lineno, p.lineno)
                if level == "task":
                    task, pending = current, None
                records.append(current)
                continue
            if current is None:
                continue
            current.cells.setdefault(kind, []).append(text)
            current.last = p.lineno
    _share_merged_cells(records)
    _deal_numbered_entries(records, {kinds[c]: n for n, c in header.numbers.items() if kinds[c] in AGENCY_KINDS})
    rows = []
    for r in records:
        text = _join(r.cells.get("text"))
        if not text:
            continue
        if r.cells.get("activity"):
            text = f"{text} — {_join(r.cells['activity'])}"
        rows.append(TableTask(
            table=title, area=r.area, row_ref=r.ref, level=r.level,
            parent_ref=r.parent.ref if r.parent else None,
            target=_join(r.target) if r.target else None, text=text,
            output=_join(r.cells.get("output")),
            lead=_agencies(r.cells.get("lead")), coordinating=_agencies(r.cells.get("coordinating")),
            deadline=_join(r.cells.get("deadline")), budget=_join(r.cells.get("budget")),
            remark=_join(r.cells.get("remark")),
            span=Span(first_line=r.first, last_line=max(r.first, r.last))))
    return rows


_ATTRS = ("output", "lead", "coordinating", "deadline", "budget", "remark")


def _share_merged_cells(records: list[_Record]) -> None:
    """A task's cells printed once for all its activities were one merged cell: every
    activity and the task get them. Where activities print their own cells, each keeps
    its own, and an activity without cells takes those of the next one (printed once
    below a merged group); so does a task without any cells under the same target."""
    groups: list[tuple[_Record, list[_Record]]] = []
    for r in records:
        if r.level == "task":
            groups.append((r, []))
        elif groups and r.parent is groups[-1][0]:
            groups[-1][1].append(r)
    for task, acts in groups:
        if not acts:
            continue
        # cells of an activity that all start in lower case carry on the merged cells printed
        # before it (a merged cell's text is cut by the next activity or a page break)
        for before, a in zip([task] + acts, acts):
            cells = [a.cells[k] for k in _ATTRS if a.cells.get(k)]
            if cells and any(before.cells.get(k) for k in _ATTRS) and all(c[0][:1].islower() for c in cells):
                for k in _ATTRS:
                    before.cells[k] = before.cells.get(k, []) + a.cells.pop(k, [])
        has = [a for a in acts if any(a.cells.get(k) for k in _ATTRS)]
        own = any(task.cells.get(k) for k in _ATTRS)
        if len(has) <= 1:
            source = has[0] if has else task
            for k in _ATTRS:
                vals = (task.cells.get(k) or []) + (source.cells.get(k) or [] if source is not task else [])
                if vals:
                    for r in [task] + acts:
                        r.cells[k] = list(vals)
            continue
        if own:
            for a in acts:
                for k in _ATTRS:
                    if not a.cells.get(k) and task.cells.get(k):
                        a.cells[k] = list(task.cells[k])
        for k in _ATTRS:
            # a cell only the first activity prints, where the others print cells of their own
            # but not this one: merged over them all, and the task's too
            if not task.cells.get(k) and acts[0].cells.get(k) and not any(a.cells.get(k) for a in acts[1:]):
                for r in [task] + acts[1:]:
                    r.cells[k] = list(acts[0].cells[k])
        for i, a in enumerate(acts):
            if a in has:
                continue
            nxt = next((b for b in acts[i + 1:] if b in has), None) or has[-1]
            for k in _ATTRS:
                if nxt.cells.get(k):
                    a.cells[k] = list(nxt.cells[k])
    # a task without any cells of its own, under the same target as the next task that has
    # them: the cells were merged over both rows and printed below the first
    for (task, acts), (nxt, _) in zip(groups, groups[1:]):
        if task.target is nxt.target and not any(r.cells.get(k) for r in [task] + acts for k in _ATTRS):
            for r in [task] + acts:
                for k in _ATTRS:
                    if nxt.cells.get(k):
                        r.cells[k] = list(nxt.cells[k])


def _deal_numbered_entries(records: list[_Record], printed: dict[str, int]) -> None:
    """An agency cell merged over several tasks may number its entries by its column's printed
    number, one per task in turn ("5.1. Trung tâm ...", "5.2. Sở Tài chính ..." under "5- Chủ
    trì" for tasks 2.6 and 2.7): each task and its activities get their own entry, unnumbered."""
    tasks = [r for r in records if r.level == "task"]
    for kind, col_no in printed.items():
        k = 0
        while k < len(tasks):
            lines = tasks[k].cells.get(kind) or []
            n = 1          # the tasks in a row that share the cell
            while k + n < len(tasks) and lines and tasks[k + n].cells.get(kind) == lines:
                n += 1
            group, k = tasks[k:k + n], k + n
            starts = [i for i, t in enumerate(lines)
                      if (e := LEVEL_NUMBER.match(t)) and int(e.group(1)) == col_no]
            # (as many entries as tasks, the cell starting with the first: otherwise it is no deal)
            if len(group) < 2 or len(starts) != len(group) or starts[0] != 0:
                continue
            for t, i, j in zip(group, starts, starts[1:] + [len(lines)]):
                own = [LEVEL_NUMBER.sub("", lines[i], count=1).strip()] + lines[i + 1:j]
                for r in records:
                    if r is t or r.parent is t:
                        r.cells[kind] = list(own)


def _join(parts: list[str] | None) -> str | None:
    """Cell lines -> one line: a word cut at a hyphen ('NĐ-' + 'CP', '310/KH' + '-UBND') is
    joined back."""
    if not parts:
        return None
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out.endswith("-") and not out.endswith(" -") and p[:1].isalnum() \
                or re.search(r"\d/[\w&.\-/]*$", out) and re.match(r"[-/]\w", p):   # '310/KH' + '-UBND'
            out += p
        else:
            out = f"{out} {p}" if out else p
    return re.sub(r"\s+", " ", out).strip() or None


def _agencies(parts: list[str] | None) -> list[str]:
    # one bullet or one line per agency is common: keep line breaks for the splitter
    if not parts:
        return []
    lines: list[str] = []
    for part in parts:
        # "Phòng Văn hóa" / "- Xã hội": a name with a dash wrapped before it, not a second bullet
        if lines and re.match(r"^\s*[-–]\s", part) and not starts_agency(part) \
                and not lines[-1].rstrip().endswith((";", ",", ".")) and not re.match(r"^\s*[-–+•]", lines[-1]):
            lines[-1] = f"{lines[-1].rstrip()} {part.strip()}"
        else:
            lines.append(part)
    return [re.sub(r"\s+", " ", a).strip() for a in split_agencies("\n".join(lines)) if a.strip()]
