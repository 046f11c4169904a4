"""Appendix task tables with real cells -> `TableTask` rows.

Real cells come from DOCX, PDF tables (ruled, or rebuilt from word gutters by
ingest/tables/gutters.py) and the word processor's tab-cell export; flattened PDF
text is rebuilt by ingest/tables/flattened.py instead. For real cells the work is reading the table the way a person
does: find the header and what each column means (ingest/tables/columns.py), skip the
header where it repeats on each page, take Roman-numeral rows as areas (and numbered
sub-area rows as headings), tell a task's numbered activities from the task and fold
its unnumbered Hoạt động cell into the task's row (shared/eval/SCHEMA.md, "Rows"),
carry merged cells down, and mend the row numbering the word processor garbled.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..agencies import split_agencies
from .columns import column_kind, is_header, map_header
from ..models import Cell, Document, DocumentMeta, RawTable, Span, TableTask


def rows_from_tables(tables: list[RawTable], doc: Document | None = None) -> list[TableTask]:
    """Several raw tables -> rows. A PDF table broken over pages comes as one raw table
    per page: a table on the next page without a title of its own, with the header again
    or none, continues the previous one (columns, area, open task); so does a table
    without title or header as wide as the last one (a Word table cut in two)."""
    readers: list[_Reader] = []
    last_page: int | None = None
    for raw in tables:
        header_at = _find_header(raw.rows)
        head = _header_kinds(raw.rows, header_at) if header_at is not None else None
        # a running page header or page number above a continued table is no new title
        titled = bool(raw.title and (_TITLE_START.match(raw.title) or _ROMAN_LEAD.match(raw.title)))
        next_page = raw.page is not None and last_page is not None and raw.page == last_page + 1
        # the header printed again may wrap differently: the same number of columns will do
        width = len(head[0]) if head else max((len(r) for r in raw.rows), default=0)
        same_grid = bool(readers) and width == len(readers[-1].kinds)
        if same_grid and not titled and (next_page or head is None):
            readers[-1].read(raw.rows[head[1] if head else 0:], raw.page, page_break=next_page)
        elif head:
            readers.append(_Reader(head[0], raw.title, area=area_of_title(raw.title),
                                   wrapped=bool(doc and doc.shape == "pdf")))
            readers[-1].read(raw.rows[head[1]:], raw.page)
        else:
            continue              # a layout table (letterhead, signatures), not a task table
        last_page = raw.page
    # read at the end: a row broken over a page is read again when its rest comes
    return [row for reader in readers for row in reader.rows]


def rows_from_cells(raw_table: RawTable) -> list[TableTask]:
    """One raw table -> its task rows ([] when it has no task-table header)."""
    return rows_from_tables([raw_table])


# ---------------------------------------------------------------- cell text
_ARTEFACT = re.compile(r"\[(?:bookmark|footnoteRef|endnoteRef|annotation|comment)\b[^\]]*\]", re.I)


def clean(text: str | None) -> str:
    """Cell text -> one line: word-processor markers removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", _ARTEFACT.sub("", text or "")).strip()


_ROMAN = r"[IVXLC]{1,6}"
_ROMAN_REF = re.compile(rf"^(?i:phần\s+|mục\s+)?({_ROMAN})[.):]?$")     # capitals: "c" is a letter
# "I. CÔNG TÁC ..." in one (merged) cell; a bare space after the numeral only when the title is in capitals
_ROMAN_LEAD = re.compile(rf"^({_ROMAN})(?:\s*[.):\-–]\s*|\s+(?=[^a-zđà-ỹ]*$))(\S.*)$")
_LETTER_REF = re.compile(r"^([A-ZĐ])[.):]?$")
# "2.1. ", "3.12 ", "1. ", "2) " at the start of a cell (or all of it, the text being on the
# next page); later components short so "1.200 triệu" is no ref
_NUMBER_PREFIX = re.compile(r"^(\d{1,3}(?:\.\d{1,2})*)(?!\d)(?:[.)](?!\d)\s*|\s+(?=\D)|$)")
_PLAIN_REF = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*|[a-zđ])[.):]?$")


def _split_number(text: str) -> tuple[str | None, str]:
    """'2.1. Cập nhật ...' -> ('2.1', 'Cập nhật ...'); a single number needs its '.' or ')'."""
    m = _NUMBER_PREFIX.match(text)
    if not m or ("." not in m.group(1) and not re.match(r"\d+\s*[.)]", m.group(0))):
        return None, text
    return m.group(1), text[m.end():]


def _repair_number(ref: str, prev: int | None) -> str:
    """The word processor's list numbering sometimes doubles a leading digit ('99' for 9,
    '110' for 10, '112' for 12): mend a number that breaks the sequence when dropping
    the doubled digit makes it the next one (or the 1 of a restart)."""
    if not ref.isdigit():
        return ref
    expected = {1} | ({prev + 1} if prev is not None else set())
    if int(ref) in expected or len(ref) < 2 or ref[0] != ref[1]:
        return ref
    return ref[1:] if int(ref[1:]) in expected else ref


# ---------------------------------------------------------------- header
def _find_header(rows: list[list[Cell]], look: int = 6) -> int | None:
    for i, row in enumerate(rows[:look]):
        if is_header([c.text for c in row]):
            return i
    return None


def _header_kinds(rows: list[list[Cell]], at: int) -> tuple[list[str | None], int]:
    """Column kinds from the header row at `at`, merged with a second header row under it
    ("Cơ quan thực hiện" over "Chủ trì | Phối hợp"); also skips a column-number row
    ("(1) (2) (3)"). Returns the kinds and the index of the first body row."""
    texts = _header_texts(rows[at])
    body = at + 1
    if body < len(rows) and _is_subheader(texts, rows[body]):
        below = [clean(c.text) for c in rows[body]]
        width = max(len(texts), len(below))
        both = [" ".join(dict.fromkeys(t for t in (_at(texts, i), _at(below, i)) if t)) for i in range(width)]
        if is_header(both):
            texts, body = both, body + 1
    if body < len(rows) and _is_column_numbers(rows[body]):
        body += 1
    return map_header(texts), body


def _header_texts(row: list[Cell]) -> list[str]:
    """Header cells as one line each. A narrow column wraps its title inside a word ("ST\nT",
    "Kinh\nphí" stays two words): where the words joined with a space name no column kind,
    the line break was inside a word."""
    out = []
    for cell in row:
        text = clean(cell.text)
        if "\n" in cell.text and not column_kind(text):
            glued = clean(re.sub(r"(?<=\w)\n(?=\w)", "", cell.text))
            text = glued if column_kind(glued) else text
        out.append(text)
    return out


def _at(xs: list, i: int, default=""):
    return xs[i] if i < len(xs) else default


def _is_subheader(above: list[str], row: list[Cell]) -> bool:
    """A second header row splits a header cell merged across columns ("Cơ quan thực
    hiện" over "Chủ trì | Phối hợp"): a column the merge covers is empty above and named
    below. Every other cell repeats the one above (a vertically merged header cell, as
    the readers give it), is empty, or names a column kind."""
    texts = [clean(c.text) for c in row]
    if any(_ROMAN_REF.match(t) or _PLAIN_REF.match(t) for t in texts if t):
        return False
    fresh = [(i, t) for i, t in enumerate(texts) if t and t != _at(above, i)]
    splits = any(not _at(above, i) for i, _ in fresh)
    return splits and all(column_kind(t) for _, t in fresh)


def _is_column_numbers(row: list[Cell]) -> bool:
    nums = [clean(c.text).strip("()") for c in row if clean(c.text)]
    return len(nums) >= 3 and all(n.isdigit() for n in nums) and \
        [int(n) for n in nums] == sorted(int(n) for n in nums) and len(set(nums)) == len(nums)


# ---------------------------------------------------------------- body
_SHARED = ("output", "lead", "coordinating", "deadline", "budget", "remark")   # cells a task may share
_URL_BREAK = re.compile(r"((?:https?://|www\.)\S*[^\s).,;])\n(?=\S)")   # not where the address ended
_SENTENCE_END = re.compile(r"[.;:!?…)\]\"”]$")


@dataclass
class _State:
    """What runs down a table from row to row (saved so a row can be read again)."""
    area: str | None = None
    target: str | None = None
    target_cell: str = ""                # the target cell as last seen
    task: TableTask | None = None        # the task the next activities belong to
    task_cell: tuple = ()                # (text, lineno) of the task cell as last seen
    task_text: str = ""                  # the task cell's own text, without its activities
    activities: list = field(default_factory=list)  # ((text, lineno), text) of its unnumbered activity cells
    task_keys: dict = field(default_factory=dict)   # (text, lineno) of the task's other cells
    prev_number: int | None = None


@dataclass
class _Reader:
    """Reads the body rows of one logical table (over all its pages)."""
    kinds: list[str | None]
    title: str | None
    area: str | None = None
    wrapped: bool = False                # a PDF cell's line breaks are where the text wrapped
    state: _State = field(default_factory=_State)
    rows: list[TableTask] = field(default_factory=list)
    page_top: bool = False               # the next row is the first on a new page
    headed: bool = False                 # an area row has been seen
    last: tuple | None = None            # the last row read: (cells, state before it, rows before it, span)
    joined: dict = field(default_factory=dict)   # (column, lineno of a cell's rest) -> the whole cell
    ref_groups: bool = False             # the TT column numbers groups of rows (targets), not rows

    def __post_init__(self):
        self.state.area = self.area

    def col(self, kind: str | None) -> list[int]:
        return [i for i, k in enumerate(self.kinds) if k == kind]

    def read(self, body: list[list[Cell]], page: int | None, page_break: bool = False) -> None:
        self.page_top = page_break
        for n, row in enumerate(body):
            # a merged cell whose rest came at the top of this page reads whole on every row
            row = [self.joined.get((i, c.lineno)) or self._unwrap(c) for i, c in enumerate(row)]
            texts = [clean(c.text) for c in row]
            if not any(texts) or self._is_header_again(row) or _is_column_numbers(row):
                continue
            # cells merged from the rows above are theirs: the span covers this row's own
            above = {c.lineno for c in self.last[0]} if self.last else set()
            span = _span([c for c in row if c.lineno not in above], page)
            # (only a row that made rows can go on: an area row's title does not)
            if self.page_top and self.last and self.last[2] < len(self.rows) and self._is_continuation(texts):
                # the row broke over the page: read the last row again with its cells whole
                cells, state, done, first = self.last
                row, span = self._join(cells, row), _union(first, span)
                self.state = _copy(state)
                del self.rows[done:]
                texts = [clean(c.text) for c in row]
            self.last = (row, _copy(self.state), len(self.rows), span)
            following = next((r for r in body[n + 1:] if any(c.text.strip() for c in r)), None)
            self._row(row, texts, span, following)
            self.page_top = False

    # -- cells
    def _cell(self, texts: list[str], kind: str | None) -> str:
        parts = [_at(texts, i) for i in self.col(kind)]
        return "; ".join(dict.fromkeys(p for p in parts if p))

    def _ref(self, texts: list[str]) -> str:
        """The TT cell's numbering. A narrow TT column wraps a numeral inside itself ("VII\nI",
        "2.\n1"): a cell of numerals and dots alone is one number."""
        ref = self._cell(texts, "ref")
        if re.fullmatch(r"[\dIVXLC.]+(\s+[\dIVXLC.]+)+", ref):
            ref = re.sub(r"\s+", "", ref)
        return ref.rstrip(".)")

    def _key(self, row: list[Cell], texts: list[str], kind: str | None) -> tuple:
        """A cell's text and first line: a merged cell keeps its line on every row it spans."""
        lineno = next((row[i].lineno for i in self.col(kind) if i < len(row) and row[i].text.strip()), None)
        return self._cell(texts, kind), lineno

    def _raw(self, row: list[Cell], kind: str) -> str:
        parts = [_at(row, i, Cell(text="")).text for i in self.col(kind)]
        text = "\n".join(dict.fromkeys(p for p in parts if p and p.strip()))
        # a wrapped line is not a new paragraph, unless it opens with a bullet
        return re.sub(r"\n(?!\s*[-–+•*]\s)", " ", text) if self.wrapped else text

    def _unwrap(self, cell: Cell) -> Cell:
        """Where a PDF cell's line wrapped inside a word, the word is one: at a hyphen
        ("NĐ-\nCP", "NĐ\n-CP") and anywhere in a web address."""
        if not self.wrapped or "\n" not in cell.text:
            return cell
        text = re.sub(r"(?<=\S-)\n(?=\S)|(?<=[\w/])\n(?=-[A-ZĐ]{1,8}(?:[\s/.,;)]|$))", "", cell.text)
        text = re.sub(r"^(\d{1,3}\.)\n(?=\d)", r"\1", text)       # "3.\n17. ..." is activity 3.17
        while m := _URL_BREAK.search(text):
            text = text[:m.end(1)] + text[m.end(1) + 1:]
        return Cell(text=text, lineno=cell.lineno)

    def _join(self, cells: list[Cell], more: list[Cell]) -> list[Cell]:
        """A row's cells with their rest from the next page; later rows of a merged cell
        show only that rest, so remember the whole cell for them."""
        out = []
        for i, cell in enumerate(cells):
            rest = _at(more, i, Cell(text=""))
            if rest.text.strip():
                whole = self._unwrap(Cell(text=f"{cell.text}\n{rest.text}".strip(), lineno=cell.lineno or rest.lineno))
                self.joined[(i, rest.lineno)] = whole
                cell = whole
            out.append(cell)
        return out

    def _text_kinds(self) -> tuple[str, str | None]:
        """Which columns hold the task and its activities; a table with only a target or
        activity column uses that as the task (the header check promises one of them)."""
        has = set(self.kinds)
        task = next(k for k in ("task", "activity", "target") if k in has)
        activity = "activity" if task == "task" and "activity" in has else None
        return task, activity

    # -- row kinds
    def _is_header_again(self, row: list[Cell]) -> bool:
        texts = _header_texts(row)
        return is_header(texts) and map_header(texts) == self.kinds

    def _is_continuation(self, texts: list[str]) -> bool:
        """Does the first row of a page carry on the previous page's last row? It has no
        numbering of its own, and its text starts mid-sentence, or the last row's text
        stopped mid-sentence, or it leaves empty a cell the last row filled (that cell's
        text ended on the previous page)."""
        task_kind, activity_kind = self._text_kinds()
        text = self._cell(texts, activity_kind) or self._cell(texts, task_kind)
        if self._cell(texts, "ref") or _split_number(text)[0] or not self.rows:
            return False
        last = self.rows[-1]
        return (not text or text[0].islower() or not _SENTENCE_END.search(last.text)
                or any(getattr(last, k) and not self._cell(texts, k) for k in ("lead", "deadline", "output")))

    def _has_details(self, texts: list[str]) -> bool:
        return any(self._cell(texts, k) for k in ("lead", "coordinating", "deadline", "output", "budget"))

    def _heading(self, row: list[Cell], texts: list[str], ref: str, others: list[str],
                 following: list[Cell] | None) -> tuple[str | None, bool] | None:
        """For a heading row, (the area it opens, whether it is a numbered sub-heading);
        None for a task row. Headings have no agencies, dates or products of their own."""
        if not others or self._has_details(texts) or self._cell(texts, self._text_kinds()[1]):
            return None                   # (a row with an activity is the activity's)
        if ref and (_ROMAN_REF.match(ref) or _LETTER_REF.match(ref)):
            return _ROMAN_LEAD.sub(r"\2", others[0]), False
        printed = self._number(row)
        if not ref and not printed and len(set(others)) == 1:
            # one text: "I. CẢI CÁCH ...", in capitals, repeated across a merged row, or a
            # short title over rows with agencies and dates (a numeral lost on the way, e.g.
            # a field code or a list format the reader does not render; not at a page's top,
            # where a task's merged cells may come empty)
            m = _ROMAN_LEAD.match(others[0])
            titled = not self.page_top and len(others[0].split()) <= 15 and not others[0].endswith(".") \
                and following and self._has_details([clean(c.text) for c in following])
            if m or others[0].isupper() or len(others) >= 2 or titled:
                return (m.group(2) if m else others[0]), False
        after = self._number(following) if following else None
        if printed and after and (after.startswith(printed + ".") or after in ("1", "a")):
            # "1. Cải cách TTHC" over 1.1, 1.2, or "7.1 Chính quyền số" over rows numbered from 1
            # again: the area where the table has no Roman-numeral rows, else a sub-area, not
            # recorded (the area stays the Roman one)
            title = _split_number(self._cell(texts, self._text_kinds()[0]))[1]
            return (self.state.area if self.headed else title or self.state.area), True
        return None

    def _number(self, row: list[Cell]) -> str | None:
        """The numbering a row prints: in the TT column, or at the start of its text."""
        texts = [clean(c.text) for c in row]
        ref = self._ref(texts)
        return _split_number(self._cell(texts, self._text_kinds()[0]))[0] or (ref if _PLAIN_REF.match(ref) else None)

    def _is_activity_number(self, number: str | None) -> bool:
        """Without an activity column, a sub-number of the task's ('1.2' under task 1) is
        an activity, and so is '3.1' under task '2.1': the first number counts up from the
        task's when the columns are numbered (target 1, task 2, activity 3)."""
        task = self.state.task
        if not number or "." not in number or not task or not task.row_ref:
            return False
        if number.startswith(task.row_ref + "."):
            return True
        return "." in task.row_ref and int(number.split(".")[0]) == int(task.row_ref.split(".")[0]) + 1

    def _is_tail(self, before: str | None, text: str) -> bool:
        """The rest of a merged cell split by a page break, at the top of the next page:
        unnumbered where the cell began with a number, or starting mid-sentence."""
        return bool(self.page_top and before and text and not _split_number(text)[0]
                    and (_split_number(before)[0] or text[0].islower()))

    # -- rows
    def _row(self, row: list[Cell], texts: list[str], span: Span | None, following: list[Cell] | None) -> None:
        st = self.state
        task_kind, activity_kind = self._text_kinds()
        ref = self._ref(texts)
        others = [t for i, t in enumerate(texts) if t and _at(self.kinds, i) != "ref"]
        if ref and not (_PLAIN_REF.match(ref) or _ROMAN_REF.match(ref) or _LETTER_REF.match(ref)):
            others, ref = [ref, *others], ""      # a title merged across the row from the TT column
        heading = self._heading(row, texts, ref, others, following)
        if heading:
            area, sub = heading
            if sub and "target" in self.kinds and task_kind != "target":
                self._take_target(self._cell(texts, "target"))     # a target merged over the sub-rows
            self.state = _State(area=area, prev_number=st.prev_number,
                                target=st.target if sub else None, target_cell=st.target_cell if sub else "")
            self.headed = self.headed or not sub
            return
        named = self._cell(texts, "area")               # a "Lĩnh vực" column
        if named and named != st.area:
            self.state = st = _State(area=named, prev_number=st.prev_number)
        if "target" in self.kinds and task_kind != "target":
            self._take_target(self._cell(texts, "target"))
        task_text, activity_text = self._cell(texts, task_kind), self._cell(texts, activity_kind)
        # a task cell merged over its activities' rows comes again with each of them
        task_key = self._key(row, texts, task_kind)
        if activity_kind and st.task and task_text and task_key != st.task_cell and self._rest_of_task(task_key):
            st.task_cell = task_key
        self.ref_groups = self.ref_groups or bool(ref) and self._spans_tasks(row, texts, following)
        new_task = False
        if task_text and (task_key != st.task_cell or not activity_kind):
            number, text = _split_number(task_text)
            st.task_cell = task_key
            number = number or (_repair_number(ref, st.prev_number) if ref and not self.ref_groups else None)
            if number and number.isdigit():
                st.prev_number = int(number)
            level = "activity" if self._is_activity_number(number) else "task"
            added = self._add(row, texts, text, number, level, span)
            if level == "task":
                st.task, new_task = added, True
                st.task_keys = {k: self._key(row, texts, k) for k in _SHARED}
                st.task_text, st.activities = text, []
        if not activity_text:
            return
        number, text = _split_number(activity_text)
        if number or not st.task:
            # an activity numbered as a row of its own ("3.1" under task "2.1")
            if st.task and not new_task:
                self._unshare(row, texts)
            self._add(row, texts, text, number, "activity" if st.task else "task", span)
        else:
            self._fold_activity(row, texts, text, new_task)

    def _spans_tasks(self, row: list[Cell], texts: list[str], following: list[Cell] | None) -> bool:
        """Is the TT cell merged over several tasks (the next row shows the same cell beside
        another task, or, where the merge is not told, no number beside the target's merged
        cell)? Then it numbers what they share, the target, not the rows; a TT cell merged
        over one task's activity rows still numbers that task."""
        if not following:
            return False
        task_kind = self._text_kinds()[0]
        below = [clean(c.text) for c in following]
        ref, target = self._key(row, texts, "ref"), self._key(row, texts, "target")
        task = self._key(following, below, task_kind)
        if not task[0] or task == self._key(row, texts, task_kind):
            return False
        under, beside = self._key(following, below, "ref"), self._key(following, below, "target")
        return under == ref and ref[1] is not None or \
            bool(target[0]) and not under[0] and beside in (target, ("", None))

    def _fold_activity(self, row: list[Cell], texts: list[str], text: str, new_task: bool) -> None:
        """An unnumbered Hoạt động cell (plain text, dash bullets) is no row of its own: it
        belongs to its task's row, whose text becomes "task — activity" (SCHEMA "Rows"); a
        task merged over several such cells takes them in order, and the cells they print
        beside them."""
        st = self.state
        key = self._key(row, texts, self._text_kinds()[1])
        if any(k == key for k, _ in st.activities):
            return                        # the same merged activity cell again
        st.activities.append((key, text))
        if not new_task:
            self._share(row, texts)
        self._compose_task()

    def _compose_task(self) -> None:
        st = self.state
        parts = " ".join(t for _, t in st.activities)
        st.task.text = f"{st.task_text} — {parts}" if parts else st.task_text

    def _share(self, row: list[Cell], texts: list[str]) -> None:
        """Cells of a later row of a merged task that are its own (not the task's merged
        cell, not empty) are the task's too: agencies added, other cells joined."""
        st = self.state
        for kind in _SHARED:
            key = self._key(row, texts, kind)
            if not key[0] or key == st.task_keys.get(kind):
                continue
            have = getattr(st.task, kind)
            if kind in ("lead", "coordinating"):
                have += [a for a in self._agencies(self._raw(row, kind)) if a not in have]
            elif not have or key[0] not in have.split("; "):
                setattr(st.task, kind, f"{have}; {key[0]}" if have else key[0])

    def _rest_of_task(self, key: tuple) -> bool:
        """Is this task cell the open task's, split by a page (its rest, or now whole)?"""
        st = self.state
        text, lineno = key
        if lineno == st.task_cell[1] and text.startswith(st.task_cell[0]):
            st.task_text = _split_number(text)[1]          # the same merged cell, now read whole
        elif self._is_tail(st.task_cell[0], text):
            st.task_text = f"{st.task_text} {text}"
        else:
            return False
        self._compose_task()
        return True

    def _unshare(self, row: list[Cell], texts: list[str]) -> None:
        """The task took its cells from its first row. A later activity row with a cell of
        its own (not the same merged cell, not empty) shows that cell was the first
        activity's, not the task's: the task has none."""
        st = self.state
        for kind in _SHARED:
            key = self._key(row, texts, kind)
            if key[0] and key != st.task_keys.get(kind):
                setattr(st.task, kind, [] if kind in ("lead", "coordinating") else None)

    def _take_target(self, cell: str) -> None:
        """Carry the target down: a merged target cell repeats, or is empty below its first row."""
        st = self.state
        if not cell or cell == st.target_cell:
            return
        if st.target and (cell.startswith(st.target_cell) or self._is_tail(st.target_cell, cell)):
            # a target cell split by a page: now read whole, or its rest alone
            whole = cell if cell.startswith(st.target_cell) else f"{st.target} {cell}"
            for done in self.rows:
                if done.target == st.target:
                    done.target = whole
            st.target = whole
        else:
            st.target = cell
        st.target_cell = cell

    def _add(self, row: list[Cell], texts: list[str], text: str, number: str | None,
             level: str, span: Span | None) -> TableTask:
        st = self.state
        parent = st.task if level == "activity" else None

        def own(kind: str):
            # an activity shares its task's cell where its own is empty (merged, or cut by a page)
            if kind in ("lead", "coordinating"):
                return self._agencies(self._raw(row, kind)) or (list(getattr(parent, kind)) if parent else [])
            return self._cell(texts, kind) or (getattr(parent, kind) if parent else None) or None

        task = TableTask(
            table=self.title, area=st.area, row_ref=number, level=level,
            parent_ref=parent.row_ref if parent else None, target=st.target, text=text,
            output=own("output"), lead=own("lead"), coordinating=own("coordinating"),
            deadline=own("deadline"), budget=own("budget"), remark=own("remark"), span=span)
        self.rows.append(task)
        return task

    @staticmethod
    def _agencies(raw: str) -> list[str]:
        # the raw cell keeps its paragraph breaks: a bullet per line separates agencies
        return [clean(a) for a in split_agencies(_ARTEFACT.sub("", raw)) if clean(a)]


def _copy(state: _State) -> _State:
    """A copy to go back to; the rows it points at are shared, they are in the output."""
    return _State(**{**state.__dict__, "task_keys": dict(state.task_keys), "activities": list(state.activities)})


def _union(a: Span | None, b: Span | None) -> Span | None:
    if not a or not b:
        return a or b
    return Span(first_line=min(a.first_line, b.first_line), last_line=max(a.last_line, b.last_line), page=a.page)


def _span(row: list[Cell], page: int | None) -> Span | None:
    filled = [c for c in row if c.lineno and c.text.strip()]
    if not filled:
        return None
    last = max(c.lineno + c.text.count("\n") for c in filled)
    return Span(first_line=min(c.lineno for c in filled), last_line=last, page=page)


# ---------------------------------------------------------------- titles
_TITLE_START = re.compile(r"^\s*(phụ lục|biểu|bảng|danh mục|khung)\b", re.I)


def area_of_title(title: str | None) -> str | None:
    """'Phụ lục số 01: Các nhiệm vụ trọng tâm về cải cách thể chế' -> 'Cải cách thể chế':
    the area of a table that has no Roman-numeral rows is what its title says it is about (the
    same for real cells and for flattened text: flattened.py calls this)."""
    heading = _ROMAN_LEAD.match(title or "")
    if heading:                           # "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH" over the table
        return heading.group(2)
    # what follows the colon, less a lead-in that names no area ("Các nhiệm vụ trọng tâm về"):
    # "Phụ lục số 07: Công tác chỉ đạo, điều hành, tuyên truyền về CCHC" is all area
    m = re.match(r"^[^:(]*:\s*([^()]+)", title or "")
    if m:
        area = re.sub(r"^(các\s+)?(nhiệm vụ|nội dung)(\s+trọng tâm|\s+chủ yếu|\s+cụ thể)?\s+(về|của)\s+", "",
                      m.group(1).strip(), flags=re.I)
    else:
        m = re.search(r"\bvề\s+([^()]+)", title or "", re.I)
        if not m:
            return None
        area = m.group(1)
    area = area.strip(" .")
    if not area:
        return None
    return area if area.isupper() else area[0].upper() + area[1:]
