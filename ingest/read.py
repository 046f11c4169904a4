"""Read a plan file (.txt, .docx, .pdf) into one `Document`: NFC text lines with
provenance, plus the table cells the format itself delimits.

Shapes:
- "pdf-text": a text dump of a PDF; table layout is lost (ingest/tables/flattened.py rebuilds it).
- "tab-cells": a word-processor text export; each table cell is a tab-indented line
  (continued by untabbed lines), rows separated by blank lines. Cells go to `tables`.
- "docx": paragraphs and table cells in body order; cells also go to `tables`. The
  labels of Word's automatic list numbering ("I.", "2.1.", "a)") are put in front of
  their paragraphs, as Word displays them (ingest/numbering).
- "pdf": text lines per page; ruled tables go to `tables` and their cells' lines
  are placed in the reading order where the table sits. On a page without ruled
  tables, tables without borders are rebuilt from the words' positions under a
  header line (ingest/tables/gutters.py). A text line set in from the page's margin (a
  paragraph's first line) is led by four spaces, as a layout text dump prints it.

Table contract (all readers): rows are rectangular, padded with empty cells to the
table's width. A cell merged horizontally (gridSpan, a title row spanning the table)
holds its text in its first column and "" in the columns it covers. A cell merged
vertically (one lead agency or target shared by several rows) is repeated in every
row it spans, with the same text and `lineno`, so each row reads complete.
`Cell.lineno` is the `Line.lineno` of the cell's first line in `Document.lines`.
`RawTable.title` is a hint: the short lines printed just above the table (None for a
table continued at the top of a PDF page). Tables include layout grids too (a DOCX's
letterhead or signature table); consumers pick task tables by their header. A PDF row
that breaks across a page comes out as two partial rows, one in each page's table.

`Document.pages`: PDF page count; for a text dump, counted from form feeds (None
without them); for a DOCX, the count its word processor stored on saving (approximate).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from .errors import InputError
from .models import Cell, Document, Line, RawTable
from .numbering import ListNumbers
from .tables.gutters import find_tables

SUFFIXES = (".txt", ".docx", ".pdf")


def read(path) -> Document:
    """Read one plan file; raise InputError naming the file and the problem."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(p, f"unsupported file type '{p.suffix or '(none)'}' (expected {', '.join(SUFFIXES)})")
    if not p.exists():
        raise InputError(p, "file not found")
    if p.is_dir():
        raise InputError(p, "is a directory, not a file")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(p, f"cannot read file ({e.strerror or e})") from e
    if not data.strip():
        raise InputError(p, "file is empty")
    if suffix == ".txt":
        return _read_text(p, str(path), data)
    if suffix == ".docx":
        return _read_docx(p, str(path), data)
    return _read_pdf(p, str(path), data)


# ------------------------------------------------------------------ text dumps
# Magic numbers of files people mistake for text dumps; named in the error.
MAGIC = [
    (b"%PDF", "a PDF file (rename it to .pdf)"),
    (b"PK\x03\x04", "a zip archive (a .docx? rename it to .docx)"),
    (b"\xd0\xcf\x11\xe0", "an old binary Office file (.doc/.xls): save it as .docx"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF file: save it as .docx or text"),
]

BOMS = [  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
]

# Letters of the Vietnamese alphabet outside ASCII (NFC): the vowels with their hats and
# horns, each bare or with one of the five tone marks, and đ.
_VOWELS = "aăâeêioôơuưy"
_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
VIETNAMESE_LETTERS = frozenset(
    letter for letter in (unicodedata.normalize("NFC", v + t)
                          for base in (_VOWELS, _VOWELS.upper()) for v in base for t in _TONES)
    if ord(letter) > 127
) | {"đ", "Đ"}

# C0/C1 controls and DEL, except tab and newline; the form feed is a page break (handled first).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")
# Artefact of some DOCX-to-text converters (e.g. Apache Tika): Word's hidden bookmarks.
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")


def decode(data: bytes, path) -> str:
    """Bytes of a text dump -> NFC text with "\\n" line ends; InputError when not text."""
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"binary file, not a text dump: looks like {what}")
    text = _decode(data, path)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if "\x00" in text:
        raise InputError(path, "binary file, not a text dump (contains NUL bytes)")
    return text


def _decode(data: bytes, path) -> str:
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as e:
                raise InputError(path, f"invalid {codec.upper()} text after its byte-order mark ({e.reason} at byte {e.start})") from e
    if b"\x00" in data:
        # Text never holds NUL bytes, except as the zero halves of UTF-16 code units.
        codec = _utf16_without_bom(data)
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass
        raise InputError(path, "binary file, not a text dump (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        not_utf8 = f"not UTF-8 (byte 0x{data[e.start]:02X} at offset {e.start})"
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_vietnamese(unicodedata.normalize("NFC", text)):
        return text
    raise InputError(path, f"unknown text encoding: {not_utf8}, nor UTF-16 or Windows-1258 Vietnamese; "
                           "save it as UTF-8 (legacy TCVN3/VNI font encodings must be converted to Unicode first)")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM: mostly-ASCII-or-Vietnamese text has a zero high byte in most code units."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    # Vietnamese letters sit in U+00xx, U+01xx (ă đ ơ ư) and U+1Exx: count those high bytes.
    high = (0, 0x01, 0x1E)
    high_le = sum(1 for b in odd if b in high) / len(odd)
    high_be = sum(1 for b in even if b in high) / len(even)
    if high_le > 0.7 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if high_be > 0.7 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


def _looks_vietnamese(text: str) -> bool:
    """Windows-1258 decodes almost any byte string; accept it only when the result reads as
    Vietnamese: no tone mark left uncomposed, and the non-ASCII letters are Vietnamese ones."""
    if any(unicodedata.category(c) == "Mn" for c in text):
        return False
    foreign = [c for c in text if ord(c) > 127 and c.isalpha()]
    if not foreign:
        return False
    viet = sum(1 for c in foreign if c in VIETNAMESE_LETTERS)
    return viet / len(foreign) >= 0.9


def _read_text(p: Path, given: str, data: bytes) -> Document:
    text = decode(data, p)
    if not text.strip():
        raise InputError(p, "file is empty (only whitespace)")
    # pdftotext starts each new page with a form feed: where present, it numbers the pages.
    paged = "\f" in text
    raw_lines = text.split("\n")
    if text.endswith("\n"):
        raw_lines.pop()                    # the final newline ends the last line, it opens none
    lines, page = [], 1
    for i, raw in enumerate(raw_lines, 1):
        page += raw.count("\f")
        clean = BOOKMARK.sub("", CONTROL.sub("", raw.replace("\f", "")))
        lines.append(Line(text=clean, lineno=i, page=page if paged else None))
    # A trailing form feed does not open a page of its own.
    pages = max(l.page for l in lines if l.text.strip()) if paged else None
    tables = _tab_tables(lines)
    shape = "tab-cells" if tables else "pdf-text"
    return Document(path=given, source=p.name, shape=shape, lines=lines, tables=tables, pages=pages)


# ------------------------------------------------------------------ tab-cell exports
MIN_ROWS = 3          # fewer rows of two or more cells than this is indentation, not a table


def _tab_tables(lines: list[Line]) -> list[RawTable]:
    """Tables of a word-processor export: a tab-indented line opens a cell, untabbed lines
    right after it continue the cell, blank lines separate rows. A text paragraph (an
    untabbed line after a blank line) ends the table."""
    tables: list[RawTable] = []
    blocks: list[list[list]] = []          # rows as found: [[text, lineno], ...]
    start, prev_blank = 0, True            # start: index in `lines` of the table's first line

    def close() -> None:
        if sum(len(b) > 1 for b in blocks) >= MIN_ROWS:
            tables.append(RawTable(rows=_rows(blocks), title=_caption(lines, start)))
        blocks.clear()

    for idx, line in enumerate(lines):
        text = line.text
        if text.startswith("\t"):
            if not blocks:
                start = idx
            if prev_blank or not blocks:
                blocks.append([])
            blocks[-1].append([text[1:].strip(), line.lineno])
            prev_blank = False
        elif not text.strip():
            prev_blank = True
        elif blocks and not prev_blank:
            cell = blocks[-1][-1]                   # continuation of a multi-paragraph cell
            cell[0] = f"{cell[0]}\n{text.strip()}".strip("\n")
        else:
            close()
    close()
    return tables


def _rows(blocks: list[list[list]]) -> list[list[Cell]]:
    """Blocks -> rows of the table's width. A row whose cell ends with an empty paragraph
    comes out as two blocks (the blank line falls inside the row); join two adjacent blocks
    when together they make exactly one row."""
    # The table's width: the most common cell count (title and area rows are narrower).
    counts = Counter(len(b) for b in blocks)
    width = max(counts, key=lambda n: (counts[n], n))
    rows, i = [], 0
    while i < len(blocks):
        block = blocks[i]
        if (len(block) < width and i + 1 < len(blocks)
                and len(block) + len(blocks[i + 1]) == width):
            block = block + blocks[i + 1]
            i += 1
        rows.append([Cell(text=t, lineno=n) for t, n in block])
        i += 1
    return _pad(rows)


def _is_grid(rows: list[list[Cell]]) -> bool:
    """A one-column "table" is a framed box of text: its lines are kept, it is no table."""
    return any(len(r) > 1 for r in rows)


def _pad(rows: list[list[Cell]]) -> list[list[Cell]]:
    width = max((len(r) for r in rows), default=0)
    return [r + [Cell(text="") for _ in range(width - len(r))] for r in rows]


def _caption(lines: list[Line], start: int, floor: int = 0) -> str | None:
    """The title printed above the table whose first line is lines[start]: up to three
    short lines right before it (blank lines skipped), stopping at a blank line, at body
    text (a long line, or one ending a sentence), at a cell, or at lines[floor]."""
    i = start - 1
    while i >= floor and not lines[i].text.strip():
        i -= 1
    found: list[str] = []
    while i >= floor and len(found) < 3:
        text = lines[i].text.strip()
        if not text or lines[i].text.startswith("\t") or len(text) > 160 or text.endswith((".", ";", ":")):
            break
        found.insert(0, text)
        i -= 1
    return " ".join(found) or None


# ------------------------------------------------------------------ DOCX
def _read_docx(p: Path, given: str, data: bytes) -> Document:
    import docx

    if not data.startswith(b"PK"):
        raise InputError(p, "not a DOCX file (not a zip package): corrupt, or an old .doc renamed")
    try:
        document = docx.Document(str(p))
        out = _DocxWalk(ListNumbers(document))
        out.walk(document.element.body)
        pages = _docx_pages(document)
    except Exception as e:  # zip, XML and package errors of a damaged file have many types
        raise InputError(p, f"corrupt or unreadable DOCX ({type(e).__name__}: {e})") from e
    if not any(l.text.strip() for l in out.lines):
        raise InputError(p, "DOCX has no text")
    return Document(path=given, source=p.name, shape="docx", lines=out.lines,
                    tables=out.tables, pages=pages)


class _DocxWalk:
    """Body elements in order -> lines and tables with running line numbers."""

    def __init__(self, numbers: ListNumbers):
        self.numbers = numbers            # Word's list numbering, counted in body order
        self.lines: list[Line] = []
        self.tables: list[RawTable] = []
        self.floor = 0                    # captions are not looked for above the previous table

    def add(self, text: str) -> int:
        lineno = len(self.lines) + 1
        self.lines.append(Line(text=_clean(text), lineno=lineno))
        return lineno

    def walk(self, element) -> None:
        for child in element.iterchildren():
            tag = _local(child.tag)
            if tag == "p":
                for text in self.paragraph(child).split("\n"):
                    self.add(text)
            elif tag == "tbl":
                start = len(self.lines)
                rows = self.table(child)
                if _is_grid(rows):
                    title = _caption(self.lines, start, self.floor)
                    self.tables.append(RawTable(rows=_pad(rows), title=title))
                self.floor = len(self.lines)
            elif tag in ("sdt", "sdtContent", "customXml"):
                self.walk(child)          # content controls wrap body content

    def table(self, tbl) -> list[list[Cell]]:
        rows, above = [], {}              # above: grid column -> Cell that a vertical merge continues
        for tr in tbl.iterchildren(_w("tr")):
            row, col = [], _grid_before(tr)
            row.extend(Cell(text="") for _ in range(col))
            for tc in tr.iterchildren(_w("tc")):
                span = _grid_span(tc)
                vmerge = _vmerge(tc)
                if vmerge == "continue" and col in above:
                    cell = above[col]
                else:
                    cell = self.cell(tc)
                    if vmerge == "restart":
                        above[col] = cell
                    else:
                        above.pop(col, None)
                row.append(cell)
                row.extend(Cell(text="") for _ in range(span - 1))
                col += span
            rows.append(row)
        return rows

    def cell(self, tc) -> Cell:
        """One cell: its paragraphs (and nested tables' text) become lines."""
        first, texts = None, []
        for element in tc.iter(_w("p")):
            for text in self.paragraph(element).split("\n"):
                text = _clean(text).strip()
                if text:
                    lineno = self.add(text)
                    first = first or lineno
                    texts.append(text)
        return Cell(text="\n".join(texts), lineno=first)

    def paragraph(self, p) -> str:
        """A paragraph's text as displayed: with the label of Word's list numbering."""
        from docx.text.paragraph import Paragraph
        label, text = self.numbers.label(p), Paragraph(p, None).text
        return f"{label} {text}".strip(" ") if label else text


def _docx_pages(document) -> int | None:
    """The page count the word processor stored in docProps/app.xml when it last saved the
    file; a template's stale statistics (zero words, as python-docx leaves them) are ignored."""
    for part in document.part.package.parts:
        if str(part.partname) == "/docProps/app.xml":
            pages = re.search(rb"<(?:\w+:)?Pages>(\d+)<", part.blob)
            words = re.search(rb"<(?:\w+:)?Words>(\d+)<", part.blob)
            if pages and words and int(words.group(1)) > 0:
                return int(pages.group(1))
    return None


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _w(tag: str) -> str:
    return _W + tag


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _grid_span(tc) -> int:
    found = tc.find(f"{_W}tcPr/{_W}gridSpan")
    return int(found.get(_w("val"), 1)) if found is not None else 1


def _vmerge(tc) -> str | None:
    found = tc.find(f"{_W}tcPr/{_W}vMerge")
    if found is None:
        return None
    return found.get(_w("val"), "continue")   # a bare <w:vMerge/> continues the span above


def _grid_before(tr) -> int:
    found = tr.find(f"{_W}trPr/{_W}gridBefore")
    return int(found.get(_w("val"), 0)) if found is not None else 0


def _clean(text: str) -> str:
    return CONTROL.sub("", unicodedata.normalize("NFC", text))


# ------------------------------------------------------------------ PDF
def _read_pdf(p: Path, given: str, data: bytes) -> Document:
    import pdfplumber

    if b"%PDF" not in data[:1024]:          # the header may follow some junk, within 1 KB
        raise InputError(p, "not a PDF file (no %PDF header): corrupt, or another format renamed")
    lines: list[Line] = []
    tables: list[RawTable] = []
    try:
        with pdfplumber.open(str(p)) as pdf:
            pages = len(pdf.pages)
            carry = None                   # a borderless table's columns, open at the last page's end
            for number, page in enumerate(pdf.pages, 1):
                carry = _read_pdf_page(page, number, lines, tables, carry)
                page.close()               # drop the page's parsed objects: long plans stay small
    except InputError:
        raise
    except Exception as e:  # pdfminer raises many types for damaged or encrypted files
        raise InputError(p, f"corrupt or unreadable PDF ({type(e).__name__}: {e})") from e
    if not any(l.text.strip() for l in lines):
        raise InputError(p, "PDF has no text layer (a scanned image?): run OCR first")
    return Document(path=given, source=p.name, shape="pdf", lines=lines, tables=tables, pages=pages)


def _read_pdf_page(page, number: int, lines: list[Line], tables: list[RawTable], carry):
    """Text lines outside tables, and each table's cells, in top-to-bottom order. Tables
    are found by their ruling lines; on a page without any, by the words' columns
    (ingest/tables/gutters.py). Returns the borderless table's columns when it runs on to the
    next page."""
    found = page.find_tables()
    if found:
        boxes = [t.bbox for t in found]

        def outside(obj) -> bool:
            cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
            return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

        text_lines = page.filter(outside).extract_text_lines()
        margin = _margin([l["x0"] for l in text_lines])
        items = [(l["top"], 0, _indent(l["text"], l["x0"], margin)) for l in text_lines]
        items += [(t.bbox[1], 1, t) for t in found]
        carry = None
    else:
        words = page.extract_words(extra_attrs=["fontname"])
        blocks, carry = find_tables(words, page.width, carry)
        # a line's top is its leftmost word's: that word's x0 is where the line starts
        left: dict[float, float] = {}
        for w in words:
            left[w["top"]] = min(left.get(w["top"], w["x0"]), w["x0"])
        margin = _margin([left[top] for kind, top, _ in blocks if kind == "line" and top in left])
        items = [(top, 0, _indent(item, left.get(top), margin)) if kind == "line" else (top, 1, item)
                 for kind, top, item in blocks]
    floor = len(lines)                     # captions come from this page, below the previous table
    for _, kind, item in sorted(items, key=lambda x: (x[0], x[1])):
        if kind == 0:
            lines.append(Line(text=_clean(item), lineno=len(lines) + 1, page=number))
            continue
        start = len(lines)
        rows = _pdf_table(item, number, lines) if found else _word_table(item, number, lines)
        if _is_grid(rows):
            tables.append(RawTable(rows=_pad(rows), page=number, title=_caption(lines, start, floor)))
        floor = len(lines)
    return carry


INDENT = 12.0         # points (~0.4 cm) right of the page's text margin: a line set in


def _margin(lefts: list[float]) -> float | None:
    """A page's left text margin: where most of its text lines start (None on a page of a few)."""
    return Counter(round(x) for x in lefts).most_common(1)[0][0] if len(lefts) >= 3 else None


def _indent(text: str, x0: float | None, margin: float | None) -> str:
    """A PDF line as a text dump prints it: led by spaces where it starts right of the page's
    text margin, as a paragraph's first line does. The body reader takes that indent as a
    paragraph start (ingest/sections.py): in a PDF it is the one cue left where a paragraph's
    last line runs to the margin."""
    if x0 is None or margin is None:
        return text
    return "    " + text if x0 - margin >= INDENT else text


def _word_table(rows: list[list[list[str]]], number: int, lines: list[Line]) -> list[list[Cell]]:
    """Rows of cells as text lines -> Cells; a cell merged over rows (one list shared by
    them) is read once and repeated."""
    made: dict[int, Cell] = {}
    out = []
    for row in rows:
        cells = []
        for texts in row:
            if id(texts) not in made:
                made[id(texts)] = _pdf_cell("\n".join(texts), number, lines)
            cells.append(made[id(texts)])
        out.append(cells)
    return out


def _pdf_table(table, number: int, lines: list[Line]) -> list[list[Cell]]:
    """pdfplumber leaves None where a merged cell covers a grid position: a cell that began
    in an earlier row (vertical merge) is repeated, one from the left (horizontal) gives ""."""
    columns = sorted({box[0] for box in table.cells})      # pdfplumber's grid: one column per x0
    origin = {}                                            # a real cell's box -> its Cell
    rows = []
    for row, values in zip(table.rows, table.extract()):
        top = row.bbox[1]
        out = []
        for x0, box, value in zip(columns, row.cells, values):
            if box is not None:
                origin[box] = _pdf_cell(value or "", number, lines)
                out.append(origin[box])
                continue
            cover = next((b for b in table.cells if b[0] <= x0 < b[2] and b[1] <= top < b[3]), None)
            out.append(origin[cover] if cover in origin and cover[1] < top else Cell(text=""))
        rows.append(out)
    return rows


def _pdf_cell(value: str, number: int, lines: list[Line]) -> Cell:
    first, texts = None, []
    for text in value.split("\n"):
        text = _clean(text).strip()
        if text:
            lines.append(Line(text=text, lineno=len(lines) + 1, page=number))
            first = first or lines[-1].lineno
            texts.append(text)
    return Cell(text="\n".join(texts), lineno=first)
