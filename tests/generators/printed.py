"""The four samples as their issuers would print them: a DOCX written with python-docx
and its PDF through LibreOffice, for the one-plan-one-result test (tests/test_formats.py).

`printed_docx(name, path)` writes sample `name` (data/plans/NAME.txt, tests/gold/NAME.json):
- the letterhead (issuer and number on the left, national motto and place-date on the right)
  as the usual two-column borderless table, at the top and again over the plan where a
  decision wraps it (`LETTERHEADS`, written by hand from what the samples print);
- the body, everything the dump holds before its appendix, as real paragraphs: the dump's
  wrapped lines joined back the way a word processor holds them, a paragraph per heading,
  numbered item, bullet or sentence group (`paragraphs`). The dump's page numbers and the
  letterhead lines it scattered into the text are left out;
- in a landscape section, each appendix table: its caption lines as printed in the dump,
  then the gold rows as a real Word table (docgen.add_table: merged area rows, merged target
  cells, a Hoạt động column beside the tasks where the plan has one) under the issuer's own
  header (`HEADERS`).
`letterhead=False` leaves the letterheads out: a plan with no number/date block at all;
`wrapper=False` leaves out the decision that issues the plan.
`printed_pdf(docx, outdir)` is docgen.to_pdf.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ingest.places import fold
from tests.generators.docgen import FONT, add_table, to_pdf

ROOT = Path(__file__).resolve().parents[2]
PLANS, GOLD = ROOT / "data" / "plans", ROOT / "tests" / "gold"
NAMES = sorted(p.stem for p in GOLD.glob("*.json"))

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
# Per sample: (the dump line the letterhead is printed above, None for the top; left
# column; right column). A decision and the plan it issues each carry one.
LETTERHEADS = {
    "000": [(None, "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\n\nSố:        /QĐ-UBND",
             f"{MOTTO}\n\nHà Tĩnh, ngày      tháng 7 năm 2025"),
            ("KẾ HOẠCH", "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH", MOTTO)],
    "001": [(None, "ỦY BAN NHÂN DÂN\nXÃ HOẰNG SƠN\n\nSố:        /QĐ-UBND",
             f"{MOTTO}\n\nHoằng Sơn, ngày      tháng 8 năm 2025"),
            ("KẾ HOẠCH", "ỦY BAN NHÂN DÂN\nXÃ HOẰNG SƠN", MOTTO)],
    "002": [],                          # an appendix printed on its own
    "003": [(None, "UBND TỈNH SƠN LA\nVĂN PHÒNG\n\nSố:        /KH-VPUB",
             f"{MOTTO}\n\nSơn La, ngày      tháng 7 năm 2025")],
}
# Per sample: the appendix header as the issuer prints it: (text, gold field, relative width)
HEADERS = {
    "000": [("TT", "row_ref", 0.8), ("1- Mục tiêu/Chỉ tiêu/nội dung", "target", 3.5),
            ("2- Nhiệm vụ", "text", 3.5), ("3- Hoạt động", "activity", 3.5),
            ("4- Kết quả, sản phẩm", "output", 2.5), ("5- Chủ trì", "lead", 2.0),
            ("6- Phối hợp", "coordinating", 2.5), ("7- Thời gian hoàn thành", "deadline", 1.8),
            ("8- Kinh phí", "budget", 1.5)],
    "001": [("TT", "row_ref", 0.8), ("Nội dung thực hiện", "text", 6.0), ("Sản phẩm, kết quả", "output", 3.0),
            ("Cơ quan chủ trì", "lead", 2.2), ("Cơ quan phối hợp", "coordinating", 2.5),
            ("Thời gian hoàn thành", "deadline", 2.5)],
    "002": [("STT", "row_ref", 0.8), ("Tên Đề án, nhiệm vụ trọng tâm", "text", 7.0),
            ("Cơ quan chủ trì", "lead", 2.5), ("Cơ quan phối hợp", "coordinating", 3.5),
            ("Thời gian hoàn thành (quý/năm)", "deadline", 2.5), ("Ghi chú", "remark", 1.5)],
    "003": [("STT", "row_ref", 0.8), ("Nội dung công việc", "text", 6.0), ("Sản phẩm đầu ra", "output", 3.0),
            ("Phòng, ban, đơn vị chủ trì", "lead", 2.2), ("Phòng, ban, đơn vị phối hợp", "coordinating", 2.5),
            ("Thời gian", "deadline", 3.0), ("Ghi chú", "remark", 1.0)],
}

_APPENDIX = re.compile(r"^(PHỤ LỤC|Phụ lục)\b")
_HEADER_START = re.compile(r"^S?TT\b")
_MARKER = re.compile(r"^([IVX]{1,5}\s*[.\-–)]\s|\d{1,2}(\.\d{1,2})*[.)]?\s|[a-zđ][).]\s|\(\d{1,2}\)\s|[-–+•*]\s?\S|"
                     r"Điều \d)")
_MOTTO = re.compile(r"^(c[oô]ng hoa xa hoi chu nghia viet nam|doc lap\s*[-–]\s*tu do\s*[-–]\s*hanh phuc)$")


def gold(name: str) -> dict:
    [path] = [p for p in GOLD.glob("*.json") if p.stem.startswith(name)]
    return json.loads(path.read_text(encoding="utf-8"))


def dump_lines(name: str) -> list[str]:
    [path] = [p for p in PLANS.glob("*.txt") if p.stem.startswith(name)]
    return path.read_text(encoding="utf-8").replace("\f", "").split("\n")


def split_dump(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """(body lines, the caption lines of each appendix table): the appendix starts at the
    first line opening with 'PHỤ LỤC'/'Phụ lục'; a caption runs to the table's header row."""
    start = next((i for i, t in enumerate(lines) if _APPENDIX.match(t.strip())), len(lines))
    captions: list[list[str]] = []
    inside = False
    for t in lines[start:]:
        t = t.strip()
        if _APPENDIX.match(t):
            captions.append([t])
            inside = True
        elif inside and _HEADER_START.match(t):
            inside = False
        elif inside and t:
            captions[-1].append(t)
    return lines[:start], captions


def _capitals(t: str) -> bool:
    letters = [c for c in t if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def paragraphs(lines: list[str], letterhead_lines: set[str] = frozenset()) -> list[str]:
    """The dump's wrapped lines joined into the paragraphs they were cut from. A line opens a
    paragraph when it starts with a heading number, letter or bullet, when it or the line
    before is in capitals (title lines), or when it starts with a capital after a line that
    ends a sentence or stops short of the width. Page numbers, the national motto and the
    letterhead's own lines are dropped (the letterhead table prints them)."""
    kept = []
    for raw in lines:
        t = re.sub(r"\s+", " ", raw).strip()
        if not t or re.fullmatch(r"\d{1,3}", t) or _MOTTO.match(fold(t)) or t in letterhead_lines:
            continue
        kept.append(t)
    lengths = sorted(len(t) for t in kept) or [0]
    width = lengths[int(len(lengths) * 0.9)]
    out: list[str] = []
    prev = ""                                   # the line before, as the dump wrapped it
    for t in kept:
        ended = re.search(r"[.:;!?]$", prev)
        # a dash wrapped to a line start ("kinh tế \n- xã hội") is no bullet
        marked = _MARKER.match(t) and not (t[0] in "-–" and t[1:].strip()[:1].islower() and not ended)
        opens = (not out or marked or _capitals(t) or _capitals(prev)
                 or ((t[:1].isupper() or t[:1] in "(“\"")
                     and (ended or len(prev) < 0.7 * width)))
        if opens:
            out.append(t)
        else:
            out[-1] += ("" if re.search(r"\S[-/]$", out[-1]) else " ") + t
        prev = t
    return out


def printed_docx(name: str, path, letterhead: bool = True, wrapper: bool = True) -> Path:
    """Write sample `name` ('000' or its full stem) as its issuer prints it; return the path.
    `letterhead=False`: no letterhead (no number/date block); `wrapper=False`: the plan
    alone, without the decision that issues it (the body from the plan's title line on)."""
    name = name[:3]
    path = Path(path)
    plan = gold(name)
    body, captions = split_dump(dump_lines(name))
    heads = LETTERHEADS[name] if letterhead else []
    if not wrapper and any(h[0] for h in LETTERHEADS[name]):
        title = next(h[0] for h in LETTERHEADS[name] if h[0])
        body = body[next(i for i, t in enumerate(body) if t.strip() == title):]
        heads = [(None, *h[1:]) for h in heads if h[0]]
    doc = new_docx()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    style.paragraph_format.space_after = Pt(6)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side, cm in (("left_margin", 3.0), ("right_margin", 2.0), ("top_margin", 2.0), ("bottom_margin", 2.0)):
        setattr(section, side, Cm(cm))
    # the letterhead's lines scattered in the dump are printed by the letterhead table
    printed = {t for h in LETTERHEADS[name] for column in h[1:] for t in column.split("\n") if t}
    anchors = [h for h in heads if h[0] is not None]
    if heads and heads[0][0] is None:
        _letterhead(doc, heads[0][1], heads[0][2])
    for text in paragraphs(body, printed):
        if anchors and text == anchors[0][0]:
            _letterhead(doc, anchors[0][1], anchors[0][2])
            anchors.pop(0)
        paragraph = doc.add_paragraph(text)
        if _capitals(text) and len(text) < 80 or text.startswith(("(Kèm", "(Ban hành kèm")):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in paragraph.runs:
                run.bold = _capitals(text)
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Cm(1.0)
    # the appendix: a landscape section (a plan that is only an appendix has it from the start)
    if any(t.strip() for t in body):
        section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    tables: list[tuple[str, list[dict]]] = []
    for row in plan["table_tasks"]:
        if not tables or tables[-1][0] != row.get("table"):
            tables.append((row.get("table"), []))
        tables[-1][1].append(row)
    assert len(captions) == len(tables), (name, len(captions), len(tables))
    for caption, (_, rows) in zip(captions, tables):
        for text in caption:
            doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
        # a table whose title names its area has no Roman-numeral area rows
        titled = all(fold(r.get("area") or "-") in fold(caption[0]) for r in rows)
        add_table(doc, rows, HEADERS[name], 26.7, area_rows=not titled)
    doc.save(path)
    return path


def _letterhead(doc, left: str, right: str) -> None:
    """The two-column borderless table heading a Vietnamese administrative document."""
    table = doc.add_table(rows=1, cols=2)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
    for cell, text, width in zip(table.rows[0].cells, (left, right), (6.5, 9.5)):
        cell.width = Cm(width)
        lines = text.split("\n")
        cell.text = lines[0]
        for more in lines[1:]:
            cell.add_paragraph(more)
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            for run in paragraph.runs:
                run.bold = _capitals(run.text) or run.text.startswith("Độc lập")
                run.font.size = Pt(12)
