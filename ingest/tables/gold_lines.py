"""Line labels of a flattened table, projected from its gold rows.

A gold file gives a plan's rows cell by cell; the plan's text dump prints the same cells
wrapped over short lines, one after another or interleaved. Projecting the rows onto the
dump gives every table line its row and column without anyone labelling lines by hand:
the data a learned labeller is fitted on, and the yardstick that tells a labelling error
(a line put in the wrong column) from a row-building error (right columns, wrong rows).

A line is cut into pieces, each the longest run of words found inside one gold cell
(a line of one cell is one piece; an interleaved line gives several). Which cell, when
the same words sit in several ("Sở Nội vụ" leads many rows), is decided for the whole
table at once by a best path over rows: the dump prints rows in order, so a piece goes to
the first row at or after the current one that holds its words. A cell repeated over
several rows (a merged target, lead or deadline) is printed once, at its first row, so
it belongs to that row. Lines found in no cell (headers, page numbers, furniture) get no
label; a bare row number gets the kind "ref".

    project(lines, rows)   -> list[LineLabel], one per line
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

FIELDS = ("target", "text", "output", "lead", "coordinating", "deadline", "budget")
SKIP_COST = 1.0        # per row passed over without a line of its own
BACK_COST = 4.0        # a piece of an earlier row (a merged cell printed again after a page break)
MISS_COST = 0.5        # a line of words found in no cell; a word of a line found in no cell
MID_COST = 1.0         # a piece that lands inside a cell without continuing the line before


def words(text: str) -> list[str]:
    """Lower-cased NFC words without punctuation: how a cell and a dump line are compared."""
    text = unicodedata.normalize("NFC", text).lower()
    return re.findall(r"\w+", text)


@dataclass
class Piece:
    text: str              # the words of the line this piece covers, joined by spaces
    kind: str              # the column kind: target, task, activity, output, lead, ..., or "ref"
    row: int               # index of the gold row it belongs to
    starts_cell: bool      # the piece is the beginning of its cell


@dataclass
class LineLabel:
    lineno: int
    text: str
    pieces: list[Piece] = field(default_factory=list)

    @property
    def kind(self) -> str | None:
        """The line's column: its first piece's (None for a line in no cell)."""
        return self.pieces[0].kind if self.pieces else None

    new_rows: list[int] = field(default_factory=list)   # rows whose first cell text is on this line

    @property
    def starts_row(self) -> bool:
        return bool(self.new_rows)


def _cells(rows: list[dict]) -> list[tuple[int, str, list[str]]]:
    """(row, kind, words) of every non-empty cell of the gold rows."""
    out = []
    for i, r in enumerate(rows):
        for f in FIELDS:
            value = r.get(f)
            if isinstance(value, list):
                value = " ; ".join(value)
            if value:
                kind = f if f != "text" else ("activity" if r.get("level") == "activity" else "task")
                out.append((i, kind, words(value)))
    return out


class _Index:
    """Where each run of words occurs among the cells: word n-grams -> (cell, offset)."""

    def __init__(self, cells):
        self.cells = cells
        self.at: dict[str, list[tuple[int, int]]] = {}
        for c, (_, _, ws) in enumerate(cells):
            for k, w in enumerate(ws):
                self.at.setdefault(w, []).append((c, k))

    def longest(self, ws: list[str], start: int) -> list[tuple[int, int, int]]:
        """(cell, offset, length) of the longest runs of ws[start:] found in a cell; all
        cells where that longest run occurs."""
        best, found = 0, []
        for c, k in self.at.get(ws[start], ()):
            cw = self.cells[c][2]
            n = 0
            while start + n < len(ws) and k + n < len(cw) and cw[k + n] == ws[start + n]:
                n += 1
            if n > best:
                best, found = n, [(c, k, n)]
            elif n == best:
                found.append((c, k, n))
        return found


def _pieces(ws: list[str], index: _Index, refs: set[str]) -> list[list[tuple[int, int, int]]]:
    """A line's words cut into runs, each with its candidate (cell, offset, length)s. A row
    number at the line's start ("2.1." before the task's words) is a run with no cell (an
    row number as text); a word no cell has (a misprint, a header word) is a run with no
    cell (an empty list)."""
    out, i = [], 0
    while i < len(ws):
        # a row number: alone at the line's start, or dotted ("2.4.") inside an interleaved line
        k = next((k for k in (3, 2, 1) if (k > 1 or i == 0) and i + k < len(ws) and ".".join(ws[i:i + k]) in refs), 0)
        if k:
            out.append(".".join(ws[i:i + k]))
            i += k
            continue
        found = index.longest(ws, i)
        if found:
            out.append(found)
            i += found[0][2]
            continue
        out.append([])
        i += 1
    return out


def project(lines: list[tuple[int, str]], rows: list[dict]) -> list[LineLabel]:
    """Label (lineno, text) lines of a dump with the gold rows' cells (dicts of SCHEMA's
    table_tasks, in document order)."""
    cells = _cells(rows)
    index = _Index(cells)
    by_ref: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_ref.setdefault(str(r.get("row_ref") or "").strip("."), []).append(i)
    refs = set(by_ref)
    labels = [LineLabel(n, t) for n, t in lines]
    options = []
    for lab in labels:
        ws = words(lab.text)
        is_ref = bool(ws) and ".".join(ws) in refs
        pieces = None if is_ref or not ws else _pieces(ws, index, refs)
        if pieces and all(w.isdigit() for w in ws):     # numbers only: a cell of its own ("380"), or a
            pieces = [[f for f in found if f[1] == 0] for found in pieces if not isinstance(found, str)]
        if pieces and not any(p for p in pieces if not isinstance(p, str)):
            pieces = None           # no word in any cell: a header, a page number
        options.append((ws, is_ref, pieces))
    # best path; a state is the row reached, with the cell and offset where the last piece ended
    paths = {-1: (0.0, None, [], None)}         # row -> (cost, previous row, choice, (cell, end))
    back = []
    for ws, is_ref, pieces in options:
        new = {}

        def offer(row, c, prev, choice, last):
            if row not in new or c < new[row][0]:
                new[row] = (c, prev, choice, last)
        for row, (c, _, _, last) in paths.items():
            if not pieces:
                offer(row, c + (MISS_COST if ws and not is_ref else 0.0), row, [], last)
                continue
            at, chosen, extra = row, [], 0.0
            numbered = None
            for found in pieces:
                if isinstance(found, str):      # a row number: the row it numbers comes next
                    numbered = next((r for r in by_ref.get(found, ()) if r >= at), None)
                    chosen.append(None)
                    continue
                if not found:                   # a misprint: no cell
                    chosen.append(None)
                    extra += MISS_COST
                    continue
                ahead = [f for f in found if cells[f[0]][0] >= at]
                if numbered is not None and any(cells[f[0]][0] == numbered for f in ahead):
                    ahead = [f for f in ahead if cells[f[0]][0] == numbered]
                numbered = None
                if ahead:
                    # the cell the last piece left off in, else a cell's start, else the first row's
                    f = min(ahead, key=lambda f: (last != (f[0], f[1]), f[1] != 0, cells[f[0]][0]))
                    extra += MID_COST * (last != (f[0], f[1]) and f[1] != 0)
                    extra += SKIP_COST * max(0, cells[f[0]][0] - at - 1)
                    at = cells[f[0]][0]
                else:
                    f = max(found, key=lambda f: cells[f[0]][0])
                    extra += BACK_COST
                chosen.append(f)
                last = (f[0], f[1] + f[2])
            offer(at, c + extra, row, chosen, last)
            offer(row, c + MISS_COST * 4, row, [], paths[row][3])    # or the line is in no cell
        paths = new
        back.append({r: (v[1], v[2]) for r, v in new.items()})
    row = min(paths, key=lambda r: paths[r][0])
    for i in range(len(labels) - 1, -1, -1):
        prev, chosen = back[i][row]
        ws, is_ref, _ = options[i]
        pos = 0
        for f in chosen:
            if f is None:               # a run of no cell: a row number, or a misprint (no piece)
                n = next((k for k in (3, 2, 1) if ".".join(ws[pos:pos + k]) in refs), 0)
                if n:
                    labels[i].pieces.append(Piece(" ".join(ws[pos:pos + n]), "ref", row + 1, True))
                pos += n or 1
                continue
            c, k, n = f
            first, kind, _ = cells[c]
            labels[i].pieces.append(Piece(" ".join(ws[pos:pos + n]), kind, first, k == 0))
            pos += n
        for j, p in enumerate(labels[i].pieces):     # a number at the start numbers the row after it
            if p.kind == "ref" and j + 1 < len(labels[i].pieces):
                p.row = labels[i].pieces[j + 1].row
        if is_ref:
            numbered = next((r for r in by_ref[".".join(ws)] if r > row), row + 1)
            labels[i].pieces.append(Piece(" ".join(ws), "ref", numbered, True))
        row = prev
    seen = set()
    for lab in labels:
        lab.new_rows = sorted({p.row for p in lab.pieces if p.kind != "ref"} - seen)
        seen.update(lab.new_rows)
    return labels
