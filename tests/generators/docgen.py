"""Build real DOCX and PDF plans from gold annotations, for reader and round-trip tests.

`make_docx(gold, path)` writes what an issuer's word processor would: a title, a short
preamble, then each appendix table of the gold file (a title paragraph, a header row whose
columns depend on which fields the gold rows carry, a merged Roman-numeral row whenever the
area changes, then one row per task). Runs of rows sharing one target get that target cell
merged vertically, as issuers do, so readers meet real vertical merges. `to_pdf` converts
with LibreOffice, which draws the table rules that PDF table finders rely on.

`add_table(doc, rows, columns, width_cm)` appends one table of gold rows under an issuer's own
header to a document being written (tests/generators/printed.py); a "Hoạt động" column
(field "activity") prints each task's numbered activities as rows beside it, the task's
cells merged over them.

`grid_docx(grid, path)` writes a table given cell by cell instead (`Grid`: header, column
widths, rows whose cells may be merged with the one above or to the left), for layouts
that no gold plan has: tests/generators/layouts.py holds such tables with rows checked by hand.
`pdf_text(pdf, tool)` prints a PDF as the text dumps the ingest receives, `tab_text(grid)`
the table as a word processor's text export.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

FONT = "DejaVu Serif"       # installed with Debian's LibreOffice and has Vietnamese glyphs

# (header text, gold field, relative width); a column is used when any gold row has the
# field ("text", "lead", ... always). Lists are joined with "; ".
COLUMNS = [
    ("TT", "row_ref", 1.0),
    ("Mục tiêu", "target", 3.0),
    ("Nhiệm vụ / Nội dung", "text", 5.0),
    ("Sản phẩm", "output", 3.0),
    ("Chủ trì", "lead", 2.5),
    ("Phối hợp", "coordinating", 2.5),
    ("Thời gian hoàn thành", "deadline", 2.0),
    ("Kinh phí", "budget", 2.0),
    ("Ghi chú", "remark", 2.0),
]
ALWAYS = {"row_ref", "text", "lead", "coordinating", "deadline"}


def columns_for(rows: list[dict]) -> list[tuple[str, str, float]]:
    """The header of the generated table: the fixed columns plus those the rows fill."""
    return [c for c in COLUMNS if c[1] in ALWAYS or any(r.get(c[1]) for r in rows)]


def cell_text(row: dict, field: str) -> str:
    """What `make_docx` writes in a row's cell for one gold field."""
    value = row.get(field)
    if isinstance(value, list):
        return "; ".join(value)
    return value or ""


def roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


def make_docx(gold: dict, path, keep_rows_whole: bool = False, ruled: bool = True,
              compact: bool = False) -> Path:
    """Write a DOCX plan holding the gold file's table rows; return its path.

    Rows may break across pages, Word's default, so a PDF made from it has rows split
    over two pages as real ones do; `keep_rows_whole` forbids that (<w:cantSplit/>).
    `ruled=False` draws no borders, as many issuers print their tables: a PDF of it has
    no ruling lines for a table finder to follow. `compact` sets paragraphs single-spaced
    with no space after them (rows then sit as close as lines), the header bold and
    centred, and the cells' text justified."""
    path = Path(path)
    rows = gold["table_tasks"]
    columns = columns_for(rows)
    doc = new_docx()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10)
    if compact:
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.line_spacing = 1.0
    section = doc.sections[0]
    # Landscape A4, as appendix tables are printed.
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    usable = 29.7 - 3.0
    total = sum(c[2] for c in columns)
    widths = [Cm(usable * c[2] / total) for c in columns]

    meta = gold.get("document") or {}
    doc.add_paragraph(meta.get("title") or "Kế hoạch cải cách hành chính")
    doc.add_paragraph(f"Căn cứ tình hình thực tế, {meta.get('issuing_body') or 'cơ quan'} ban hành "
                      "kế hoạch với các nhiệm vụ tại phụ lục kèm theo.")
    for title, table_rows in _by_table(rows):
        doc.add_paragraph(title)
        _add_table(doc, columns, widths, table_rows, keep_rows_whole, ruled, compact)
    doc.save(path)
    return path


def _by_table(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """Group consecutive rows by their `table` title, keeping document order."""
    groups: list[tuple[str, list[dict]]] = []
    for row in rows:
        title = row.get("table") or "Phụ lục"
        if not groups or groups[-1][0] != title:
            groups.append((title, []))
        groups[-1][1].append(row)
    return groups


def add_table(doc, rows: list[dict], columns: list[tuple[str, str, float]], width_cm: float,
              area_rows: bool = True, ruled: bool = True) -> None:
    """Append one appendix table of gold rows to `doc` under the issuer's own header:
    `columns` are (header text, gold field, relative width) spread over `width_cm`. A column
    of field "activity" prints each task's activities beside it (`_add_activity_rows`).
    `area_rows=False` for a table whose title names its area (no Roman-numeral rows)."""
    total = sum(c[2] for c in columns)
    widths = [Cm(width_cm * c[2] / total) for c in columns]
    _add_table(doc, columns, widths, rows, False, ruled, False, area_rows)


def _add_table(doc, columns, widths, rows: list[dict], keep_rows_whole: bool, ruled: bool,
               compact: bool, area_rows: bool = True) -> None:
    table = doc.add_table(rows=1, cols=len(columns))
    if ruled:
        table.style = "Table Grid"      # ruled borders: what PDF table finders look for
    table.autofit = False
    for cell, (header, _, _) in zip(table.rows[0].cells, columns):
        cell.text = header
    # The header repeats on every page, as in printed plans.
    header_props = table.rows[0]._tr.get_or_add_trPr()
    header_props.append(OxmlElement("w:tblHeader"))
    fields = [c[1] for c in columns]
    area, areas = None, 0
    target_run = None                   # (target text, table row index where its merged cell starts)
    if "activity" in fields:
        _add_activity_rows(table, fields, rows, area_rows)
        rows = []
    for row in rows:
        if area_rows and row.get("area") and row["area"] != area:
            area, areas = row["area"], areas + 1
            cells = table.add_row().cells
            cells[0].text = roman(areas)
            merged = cells[1].merge(cells[-1])
            merged.text = area
            target_run = None
        cells = table.add_row().cells
        index = len(table.rows) - 1
        for i, field in enumerate(fields):
            if field == "target" and target_run and row.get("target") == target_run[0]:
                table.cell(target_run[1], i).merge(cells[i])   # merge keeps the top cell's text
                continue
            cells[i].text = cell_text(row, field)
            if field == "target":
                target_run = (row["target"], index) if row.get("target") else None
    if keep_rows_whole:
        for r in table.rows:
            r._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    if compact:
        for cell in table.rows[0].cells:           # the header: bold, centred
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in paragraph.runs:
                    run.bold = True
        for r in table.rows[1:]:                   # the TT column centred, the others justified
            for i, cell in enumerate(r.cells):
                for paragraph in cell.paragraphs:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if i else WD_ALIGN_PARAGRAPH.CENTER
    for column, width in zip(table.columns, widths):
        column.width = width
    for r in table.rows:
        for cell, width in zip(r.cells, widths):
            cell.width = width


SHARED = ("output", "lead", "coordinating", "deadline", "budget", "remark")   # cells a task may share


def _add_activity_rows(table, fields: list[str], rows: list[dict], area_rows: bool) -> None:
    """Tasks beside a Hoạt động column, as sample 000's province prints them: each numbered
    activity (gold level "activity") a table row of its own, the task's cell merged over
    them, and so is each cell the task shares with all its activities; an unnumbered
    activity (the gold text's part after " — ", SCHEMA "Rows") in the task's own row, its
    dash bullets one paragraph each. Row numbers head the task and activity cells
    ("2.1. ..."); the TT column numbers the targets within an area, merged with them."""
    col = {f: i for i, f in enumerate(fields)}
    groups: list[tuple[dict, list[dict]]] = []
    for row in rows:
        if row.get("level") == "activity" and groups:
            groups[-1][1].append(row)
        else:
            groups.append((row, []))

    def numbered(ref, text: str) -> str:
        return f"{ref}. {text}" if ref else text

    area, areas, target_run, targets = None, 0, None, 0
    for task, activities in groups:
        if area_rows and task.get("area") and task["area"] != area:
            area, areas, target_run, targets = task["area"], areas + 1, None, 0
            cells = table.add_row().cells
            cells[0].text = roman(areas)
            cells[1].merge(cells[-1]).text = area
        first = len(table.rows)
        own, _, unnumbered = task["text"].partition(" — ")
        group = activities or [task]
        shared = [f for f in SHARED if f in col and task.get(f) and all(a.get(f) == task[f] for a in group)]
        for i, activity in enumerate(group):
            cells = table.add_row().cells
            if i == 0:
                cells[col["text"]].text = numbered(task.get("row_ref"), own)
            if activities:
                cells[col["activity"]].text = numbered(activity.get("row_ref"), activity["text"])
            elif unnumbered:
                bullets = re.split(r"\s+(?=- )", unnumbered.strip())
                cells[col["activity"]].text = bullets[0]
                for more in bullets[1:]:
                    cells[col["activity"]].add_paragraph(more)
            for f in SHARED:
                if f in col and (i == 0 or f not in shared):
                    cells[col[f]].text = cell_text(activity, f)
        last = len(table.rows) - 1
        if last > first:
            for f in ["text", *shared]:
                table.cell(first, col[f]).merge(table.cell(last, col[f]))
        if "target" not in col:
            if "row_ref" in col:
                table.cell(first, col["row_ref"]).merge(table.cell(last, col["row_ref"])).text = task.get("row_ref") or ""
            continue
        merged = [col["target"]] + ([col["row_ref"]] if "row_ref" in col else [])
        if target_run and task.get("target") and task["target"] == target_run[0]:
            for c in merged:
                table.cell(target_run[1], c).merge(table.cell(last, c))
        else:
            targets += bool(task.get("target"))
            table.cell(first, col["target"]).text = task.get("target") or ""
            if "row_ref" in col:
                table.cell(first, col["row_ref"]).text = str(targets) if task.get("target") else ""
            for c in merged:
                if last > first:
                    table.cell(first, c).merge(table.cell(last, c))
            target_run = (task["target"], first) if task.get("target") else None


def to_pdf(docx_path, outdir) -> Path:
    """Convert a DOCX to PDF with LibreOffice; return the PDF's path."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice (soffice) is not installed: cannot convert DOCX to PDF")
    docx_path, outdir = Path(docx_path), Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    # A private profile per run: two soffice processes sharing one profile block each other.
    with tempfile.TemporaryDirectory(prefix="soffice-") as home:
        env = dict(os.environ, HOME=home)
        cmd = [soffice, f"-env:UserInstallation={Path(home).as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(outdir), str(docx_path)]
        try:
            done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired as e:
            raise RuntimeError(f"{docx_path}: LibreOffice conversion timed out after 300 s") from e
    pdf = outdir / (docx_path.stem + ".pdf")
    if done.returncode != 0 or not pdf.exists():
        raise RuntimeError(f"{docx_path}: LibreOffice conversion failed: {done.stderr.strip() or done.stdout.strip()}")
    return pdf


# ---------------------------------------------------------------- tables given cell by cell
UP, LEFT = "<merged with the cell above>", "<merged with the cell to the left>"


@dataclass
class Grid:
    """A table as printed: `rows` of cell texts ("\n" between a cell's paragraphs), UP for
    a cell merged with the one above (one target over several tasks), LEFT for one merged
    with the cell to its left (an area title across the row)."""
    header: list[str]
    widths: list[float]            # cm
    rows: list[list[str]]
    title: str = "PHỤ LỤC"
    subtitle: str = "CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM NĂM 2026"
    repeat_header: bool = True     # <w:tblHeader/>: the header printed again on each page
    font_size: float = 10


def grid_docx(grid: Grid, path) -> Path:
    """Write a landscape A4 plan whose appendix is `grid`; return its path."""
    path = Path(path)
    doc = new_docx()
    doc.styles["Normal"].font.name = FONT
    doc.styles["Normal"].font.size = Pt(grid.font_size)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Cải cách hành chính năm 2026")
    doc.add_paragraph("Căn cứ tình hình thực tế, cơ quan ban hành kế hoạch với các nhiệm vụ tại phụ lục kèm theo.")
    doc.add_paragraph(grid.title)
    if grid.subtitle:
        doc.add_paragraph(grid.subtitle)
    table = doc.add_table(rows=1 + len(grid.rows), cols=len(grid.header))
    table.style = "Table Grid"
    table.autofit = False
    if grid.repeat_header:
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for r, texts in enumerate([grid.header, *grid.rows]):
        for c, text in enumerate(texts):
            if text == UP:
                top = r - 1
                while grid.rows[top - 1][c] == UP:
                    top -= 1
                table.cell(top, c).merge(table.cell(r, c))
            elif text == LEFT:
                start = c - 1
                while texts[start] == LEFT:
                    start -= 1
                table.cell(r, start).merge(table.cell(r, c))
            else:
                cell = table.cell(r, c)
                paragraphs = text.split("\n")
                cell.text = paragraphs[0]
                for more in paragraphs[1:]:
                    cell.add_paragraph(more)
    # the grid's column widths (what LibreOffice lays out by) and each cell's (what Word does)
    for column, width in zip(table.columns, grid.widths):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, grid.widths):
            cell.width = Cm(width)
    doc.save(path)
    return path


def tab_text(grid: Grid) -> str:
    """`grid` as a word processor's text export prints it (sample 002): each cell a
    tab-indented line, its further paragraphs untabbed lines after it, a blank line between
    rows; a merged cell's text in its first row, the cells it covers empty."""
    out = ["KẾ HOẠCH", "Cải cách hành chính năm 2026", "",
           "Căn cứ tình hình thực tế, cơ quan ban hành kế hoạch với các nhiệm vụ tại phụ lục kèm theo.", "",
           grid.title, *([grid.subtitle] if grid.subtitle else []), ""]
    for texts in [grid.header, *grid.rows]:
        for text in texts:
            first, *more = ("" if text in (UP, LEFT) else text).split("\n")
            out += [f"\t{first}", *more]
        out.append("")
    return "\n".join(out) + "\n"


def pdf_text(pdf, tool: str = "pdfium") -> str:
    """A PDF printed as a text dump. "pdfium" (pypdfium2) follows the page's content stream:
    cell after cell, row by row, short one-line cells of a baseline run together, as the
    sample dumps are; each new page's first line is led by a space, as in those dumps.
    "pdfplumber" prints by position: the k-th lines of all cells of a row side by side."""
    if tool == "pdfplumber":
        import pdfplumber
        with pdfplumber.open(pdf) as doc:
            return "\n".join(page.extract_text() or "" for page in doc.pages) + "\n"
    import pypdfium2
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        pages = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()
    # pdfium marks a hyphen where a line wrapped with U+FFFE, and ends lines with CR LF
    pages = [p.replace("\ufffe", "-").replace("\r\n", "\n").replace("\r", "\n") for p in pages]
    return "\n".join(p if i == 0 else " " + p for i, p in enumerate(pages)) + "\n"
