"""Tables without ruling lines in a PDF page, rebuilt from word positions.

Many issuers print their appendix tables without borders, and a PDF table finder
follows ruling lines, so it finds nothing. The columns are still there, as gutters:
vertical strips no word crosses. The header line names the columns (ingest/tables/columns.py:
"TT", "Nội dung", "Chủ trì", ...); the gutters between its column titles give the
column edges; each later word goes to the column it starts in. Rows begin where the TT
column has a number, where the vertical gap is wider than a line's, or where a cell
starts anew (cells hang from their row's top and run unbroken). Text starting at the
margin and running over the columns' edges is no row: the table has ended.

`find_tables(words, page_width, carry)` returns the page's blocks in top-to-bottom
order - ("line", top, text) outside tables, ("table", top, rows) with rows of cells,
each cell a list of text lines - and the columns to carry on to the next page when
the table runs to the bottom of this one (a table continues on the next page, with
its header printed again or not).

A vertically merged cell (one target over several rows) prints once, its lines running
alongside the rows it covers: its rest in the next row is joined to it and both rows
get the whole cell (the readers' table contract). Below its text the rows it covers
show the cell empty, as nothing on the page tells how far the merge reaches.
Assumed: cells aligned to their top (Word's default).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from .columns import is_header, map_header

_PAGE_NUMBER = re.compile(r"^[-–]?\s*\d{1,3}\s*[-–]?$")
_NUMBERED = re.compile(r"^\d{1,3}(?:\.\d{1,2})+\.?(?:\s|$)")     # "2.1." opening a task's text


@dataclass
class Columns:
    titles: list[tuple[float, float]]    # x-span of each column's title in the header
    edges: list[float]                   # x of the boundaries between columns (len = columns - 1)
    kinds: list[str | None]

    def of(self, x: float) -> int:
        """The column that x falls in."""
        return sum(x >= e for e in self.edges)


def find_tables(words: list[dict], page_width: float, carry: Columns | None = None):
    """Words of one page (pdfplumber: text, x0, x1, top, bottom) -> (blocks, carry)."""
    lines = _lines(words)
    blocks, i, columns = [], 0, carry
    while i < len(lines):
        header = _header_at(lines, i)
        furniture = _is_furniture(lines[i], page_width)
        if header:
            columns, i, head = header
        elif columns is None or furniture or _is_prose(lines[i], columns):
            if not furniture:
                columns = None           # body text: the table has ended
            blocks.append(("line", lines[i][0]["top"], _text(lines[i])))
            i += 1
            continue
        else:
            head = []                    # the table goes on from the previous page
        # edges from the rest of the page first (text below the table crosses the gutters
        # evenly), to find where the table ends; then from the table's own lines
        end = _table_end(lines, i, _refine(columns, lines[i:]))
        body = lines[i:end]
        columns = _refine(columns, body)
        top = (head or body)[0][0]["top"]
        blocks.append(("table", top, _header_row(head, columns) + _rows(body, columns)))
        i = end
        if end < len(lines) and not _header_at(lines, end):
            columns = None               # text follows the table on this page: it has ended
    return blocks, columns


# ---------------------------------------------------------------- lines and chunks
def _lines(words: list[dict]) -> list[list[dict]]:
    """Words -> lines (top to bottom; a word joins a line whose top is within half its height)."""
    out: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        line = out[-1] if out else None
        if line and abs(w["top"] - line[0]["top"]) <= (w["bottom"] - w["top"]) / 2:
            line.append(w)
        else:
            out.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in out]


def _text(line: list[dict]) -> str:
    return " ".join(w["text"] for w in line)


def _gap_limit(line: list[dict]) -> float:
    """Wider than a space between words of one cell (justified text too), narrower than a
    gutter (two cell paddings): half the line's height."""
    return 0.5 * median(w["bottom"] - w["top"] for w in line)


def _chunks(line: list[dict]) -> list[list[dict]]:
    """Runs of words with no gutter between them."""
    out = [[line[0]]]
    limit = _gap_limit(line)
    for w in line[1:]:
        if w["x0"] - out[-1][-1]["x1"] > limit:
            out.append([w])
        else:
            out[-1].append(w)
    return out


# ---------------------------------------------------------------- header
def _header_at(lines: list[list[dict]], i: int):
    """A header starting at lines[i]: (columns, index after it, its lines) or None.
    A header cell's title may wrap over several lines, and a title spanning two columns
    ("Cơ quan thực hiện" over "Chủ trì | Phối hợp") names both: of the close lines that
    follow, the most that still read as a header are taken."""
    if not is_header([_text(c) for c in _chunks(lines[i])]):
        return None
    found, j, bold = None, i, _bold(lines[i])
    while j < len(lines) and j - i < 4:
        if j > i and (lines[j][0]["top"] - lines[j - 1][0]["top"] > 1.6 * _height(lines[j - 1])
                      or _starts_row(lines[j]) or (bold and not _bold(lines[j]))
                      or not _under_titles(lines[j], found[0][0] if found else [])):
            break
        merged = _merge_header(lines[i:j + 1])
        if merged and _names_columns(merged[1]):
            found = (merged, j + 1)
        j += 1
    if not found:
        return None
    (spans, texts), end = found
    edges = [(spans[k][1] + spans[k + 1][0]) / 2 for k in range(len(spans) - 1)]
    return Columns(titles=spans, edges=edges, kinds=map_header(texts)), end, lines[i:end]


def _bold(line: list[dict]) -> bool:
    """Headers are mostly printed in bold: where they are, the header ends with the bold."""
    return all("bold" in (w.get("fontname") or "").lower() for w in line)


def _under_titles(line: list[dict], spans: list[tuple[float, float]]) -> bool:
    """Every run of words of a wrapped title's next line sits under a title of the lines above."""
    return all(any(c[0]["x0"] < b and a < c[-1]["x1"] for a, b in spans) for c in _chunks(line))


def _names_columns(texts: list[str]) -> bool:
    """Short titles, most of them naming a column kind: a header, not a row of data that
    happens to use the words ("xuất mục tiêu, nhiệm vụ | chủ trì CCHC")."""
    named = sum(k is not None for k in map_header(texts))
    return is_header(texts) and named >= 3 and named >= 0.6 * len(texts) and \
        all(len(t.split()) <= 10 for t in texts)


def _merge_header(block: list[list[dict]]):
    """Header lines -> (column x-spans, column titles). Chunks of different lines that
    overlap are one column; a chunk over two columns of another line is a merged title."""
    chunks = [(c[0]["x0"], c[-1]["x1"], _text(c)) for line in block for c in _chunks(line)]

    def overlap(a, b) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    spanning = [a for a in chunks if _covers_two(a, [b for b in chunks if b is not a], overlap)]
    columns: list[list] = []
    for c in sorted((c for c in chunks if c not in spanning), key=lambda c: c[0]):
        if columns and overlap(columns[-1], c):
            columns[-1] = [min(columns[-1][0], c[0]), max(columns[-1][1], c[1]), f"{columns[-1][2]} {c[2]}"]
        else:
            columns.append(list(c))
    if not columns:
        return None
    for a in spanning:
        for col in columns:
            if overlap(a, col):
                col[2] = f"{a[2]} {col[2]}"
    return [(c[0], c[1]) for c in columns], [c[2] for c in columns]


def _covers_two(a, others, overlap) -> bool:
    under = sorted((b for b in others if overlap(a, b)), key=lambda b: b[0])
    return any(not overlap(x, y) for x, y in zip(under, under[1:]))


def _height(line: list[dict]) -> float:
    return median(w["bottom"] - w["top"] for w in line)


# ---------------------------------------------------------------- table extent
def _is_furniture(line: list[dict], page_width: float) -> bool:
    """A page number printed on its own, near the middle of the page."""
    centre = (line[0]["x0"] + line[-1]["x1"]) / 2
    return bool(_PAGE_NUMBER.match(_text(line))) and abs(centre - page_width / 2) < page_width * 0.15


def _is_prose(line: list[dict], columns: Columns) -> bool:
    """Text around the table, not a row of it: a line starting at the margin that runs on
    over column edges with no gutter at them (justified text spaces its words evenly, a
    row leaves wider gaps at the columns' edges). With a TT column, running out of it is
    enough (a TT cell holds a number); otherwise the line must be long and cross most
    edges. A heading row of the table (in capitals, or numbered) is no prose."""
    text = _text(line)
    if not columns.edges or _starts_row(line) or text.isupper() or \
            re.match(r"^([IVXLC]+|\d+(\.\d+)*|[a-zđ])[.)]\s", text):
        return False
    if columns.kinds[0] == "ref":
        return line[0]["x0"] < columns.edges[0] and _runs_over(line, columns.edges[0])
    if len(text.split()) <= 8 or line[0]["x0"] > columns.edges[min(1, len(columns.edges) - 1)]:
        return False
    crossed = sum(_runs_over(line, e) for e in columns.edges)
    return crossed * 2 >= len(columns.edges)


def _runs_over(line: list[dict], edge: float) -> bool:
    """Does the line's text run on over x = edge: a word across it, or no wider gap there
    than between the line's other words?"""
    if not line[0]["x0"] < edge < line[-1]["x1"]:
        return False
    gaps = [b["x0"] - a["x1"] for a, b in zip(line, line[1:])]
    at = next((g for a, b, g in zip(line, line[1:], gaps) if a["x1"] <= edge <= b["x0"]), None)
    return at is None or at <= max(1.5 * median(gaps), 2.0)


def _table_end(lines: list[list[dict]], i: int, columns: Columns) -> int:
    """Index of the first line after the table's body: body text, a new header, or a
    vertical gap no row leaves (four lines' height)."""
    j = i
    while j < len(lines):
        if j > i and (_header_at(lines, j) or _is_prose(lines[j], columns)
                      or lines[j][0]["top"] - lines[j - 1][0]["top"] > 4 * _height(lines[j - 1])):
            break
        j += 1
    return j


def _refine(columns: Columns, body: list[list[dict]]) -> Columns:
    """Move each edge into the body's gutter: the strip between two column titles that
    the fewest lines' words cross (a centred title is no cell's edge)."""
    width = int(max([columns.titles[-1][1], *(w["x1"] for line in body for w in line)])) + 2
    cover = [0] * width
    for line in body:
        seen = set()
        for w in line:
            # widened by 2 pt a side: the space between two words is no gutter
            seen.update(range(max(0, int(w["x0"]) - 2), min(width, int(w["x1"]) + 3)))
        for x in seen:
            cover[x] += 1
    # the titles sit inside their cells: an edge lies between two titles
    edges = []
    for k, edge in enumerate(columns.edges):
        lo, hi = int(columns.titles[k][1]) + 1, int(columns.titles[k + 1][0])
        if hi <= lo:
            edges.append(edge)
            continue
        least = min(cover[lo:hi])
        runs, start = [], None          # (length, first x, last x) of the least-crossed strips
        for x in range(lo, hi + 1):
            if x < hi and cover[x] == least:
                start = x if start is None else start
            elif start is not None:
                runs.append((x - start, start, x - 1))
                start = None
        _, first, last = max(runs)
        edges.append((first + last + 1) / 2)
    return Columns(titles=columns.titles, edges=edges, kinds=columns.kinds)


# ---------------------------------------------------------------- rows
def _cells_of(line: list[dict], columns: Columns) -> list[tuple[str, float | None]]:
    """One line's (text, top of its first word) per column: a word goes to the column it
    starts in, unless it carries on a run of words from the column before (a title
    merged across columns)."""
    out: list[tuple[str, float | None]] = [("", None)] * (len(columns.edges) + 1)
    limit, col, prev = _gap_limit(line), 0, None
    for w in line:
        if prev is None or w["x0"] - prev["x1"] > limit:
            col = columns.of(w["x0"])
        text, top = out[col]
        out[col] = (f"{text} {w['text']}".strip(), w["top"] if top is None else top)
        prev = w
    return out


def _starts_row(line: list[dict]) -> bool:
    """A line that opens a row by its TT cell: a number or numeral at the left."""
    first = line[0]["text"]
    return bool(re.match(r"^([IVXLC]+|\d{1,3}(\.\d{1,2})*)[.)]?$", first))


def _header_row(block: list[list[dict]], columns: Columns) -> list[list[list[str]]]:
    """The header lines as one row (each column's title lines)."""
    if not block:
        return []
    row = [[] for _ in range(len(columns.edges) + 1)]
    for line in block:
        for k, (text, _) in enumerate(_cells_of(line, columns)):
            if text:
                row[k].append(text)
    return [row]


def _rows(body: list[list[dict]], columns: Columns) -> list[list[list[str]]]:
    """Body lines -> rows of cells (lists of text lines). A row opens where the TT column
    has text, after a gap wider than the line pitch, where a column whose cell had
    stopped has text again or where one empty so far starts below the row's first line
    (cells hang from the row's top), and, without a TT column, where the text opens with
    a task number ("2.1.")."""
    ref = columns.kinds.index("ref") if "ref" in columns.kinds else None
    text_cols = [k for k, kind in enumerate(columns.kinds) if kind in _TEXT_KINDS]
    pitch = _pitch(body)
    rows: list[list[list[str]]] = []
    spans: list[list[tuple | None]] = []     # per cell: (top of its first word, top of its last line)
    starts: list[list] = []                  # per row: the top of each cell on its first line
    last_top = row_top = None
    for line in body:
        cells = _cells_of(line, columns)
        top = line[0]["top"]
        opens = not rows or bool(pitch and top - last_top > 1.3 * pitch)
        # cells run unbroken: text again in a column whose cell stopped a line or more
        # above belongs to the next row
        opens = opens or bool(pitch) and any(text and spans[-1][k] and top - spans[-1][k][1] > 1.5 * pitch
                                             for k, (text, _) in enumerate(cells))
        # and they all start on the row's first line: a cell starting lower opens a row
        opens = opens or bool(pitch) and any(text and not spans[-1][k] and top - row_top > 0.9 * pitch
                                             for k, (text, _) in enumerate(cells))
        if ref is not None:
            opens = opens or bool(cells[ref][0])
        else:
            opens = opens or any(_NUMBERED.match(cells[k][0]) for k in text_cols)
        if opens:
            rows.append([[] for _ in cells])
            spans.append([None] * len(cells))
            starts.append([t for _, t in cells])
            row_top = top
        for k, (text, first) in enumerate(cells):
            if text:
                rows[-1][k].append(text)
                spans[-1][k] = (spans[-1][k] or (first, top))[0], top
        last_top = top
    return _join_merged(rows, spans, starts, pitch, ref)


_TEXT_KINDS = ("task", "activity", "target", "output")


def _pitch(body: list[list[dict]]) -> float:
    """The distance from one line of a cell to the next. Lines of a merged cell run
    offset from the rows beside it, so steps shorter than a line's height are no pitch."""
    if len(body) < 2:
        return 0.0
    height = median(_height(line) for line in body)
    steps = sorted(s for s in (b[0]["top"] - a[0]["top"] for a, b in zip(body, body[1:])) if s >= 1.1 * height)
    return steps[len(steps) // 4] if steps else 0.0


def _join_merged(rows, spans, starts, pitch: float, ref: int | None) -> list[list[list[str]]]:
    """A cell merged over several rows prints once, its lines running on beside the next
    rows. Its rest in the next row: the cell above ran to the bottom of its row,
    and this cell goes on right under it, in lower case (mid-sentence), off the row's
    line rhythm (the merged cell keeps its own) or unnumbered under a numbered cell."""
    for n in range(1, len(rows)):
        for k, cell in enumerate(rows[n]):
            above, span, above_span = rows[n - 1][k], spans[n][k], spans[n - 1][k]
            if k == ref or not cell or not above or cell is above or not span or not above_span:
                continue
            others = [s[1] for i, s in enumerate(spans[n - 1]) if s and i != k]
            tallest = all(bottom <= above_span[1] for bottom in others)
            close = span[0] - above_span[1] <= 1.3 * pitch
            own = [t for i, t in enumerate(starts[n]) if t is not None and i != k]
            offset = bool(own) and abs(span[0] - median(own)) > 1.5
            # in a column whose cells open with their numbering, one without it goes on
            unnumbered = bool(_NUMBERED.match(above[0])) and not _NUMBERED.match(cell[0])
            # (a heading row - a title alone, or in capitals - is no part of a merged cell)
            heading = cell[0].isupper() or not any(c for i, c in enumerate(rows[n]) if i not in (k, ref))
            if tallest and close and not heading and (cell[0][:1].islower() or offset or unnumbered):
                above.extend(cell)
                rows[n][k] = above
                spans[n][k] = (above_span[0], span[1])
    return rows
