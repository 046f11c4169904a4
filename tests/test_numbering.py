"""DOCX list numbering: the labels Word draws ("I.", "1.", "a)", "2.1.") come back as text.

The DOCX is built with python-docx plus numbering definitions written into its
numbering part, as Word saves them; every expected label was worked out by hand from
the definitions below (formats, starts, overrides, level restarts).
"""
import json

from docx import Document as new_docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ingest import extract
from ingest.numbering import render
from ingest.read import read

# Body headings: I., II. areas; 1., 2. under them; a), b) under those.
HEADINGS = """<w:abstractNum %s w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%%3)"/></w:lvl>
</w:abstractNum>"""
# A TT column: areas "I" (no dot), tasks "1.", activities "1.1." (a multi-level template).
TT = """<w:abstractNum %s w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%%1"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%2.%%3."/></w:lvl>
</w:abstractNum>"""
# Starts at 3; bullets at level 1.
STARTS = """<w:abstractNum %s w:abstractNumId="92">
  <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%1)"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>"""


def _num(num_id: int, abstract_id: int, start_override: int | None = None):
    override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
                if start_override is not None else "")
    return parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                     f'<w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>')


def _numbered(paragraph, num_id: int, ilvl: int = 0):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def numbered_docx(path):
    doc = new_docx()
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for xml in (HEADINGS, TT, STARTS):           # abstract definitions come before the instances
        first_num.addprevious(parse_xml(xml % nsdecls("w")))
    for num in (_num(90, 90), _num(91, 91), _num(92, 92), _num(93, 92), _num(94, 92, start_override=1)):
        numbering.append(num)

    doc.add_paragraph("KẾ HOẠCH Cải cách hành chính năm 2025")
    _numbered(doc.add_paragraph("MỤC ĐÍCH, YÊU CẦU"), 90, 0)
    _numbered(doc.add_paragraph("Mục đích"), 90, 1)
    _numbered(doc.add_paragraph("Yêu cầu"), 90, 1)
    _numbered(doc.add_paragraph("Bám sát Nghị quyết số 76/NQ-CP."), 90, 2)
    _numbered(doc.add_paragraph("Gắn với nhiệm vụ chính trị."), 90, 2)
    _numbered(doc.add_paragraph("NHIỆM VỤ TRỌNG TÂM"), 90, 0)
    _numbered(doc.add_paragraph("Cải cách thể chế"), 90, 1)
    _numbered(doc.add_paragraph("Rà soát văn bản."), 90, 2)
    # python-docx's template: the 'List Number' style carries numId 5 (decimal "%1.")
    doc.add_paragraph("Theo dõi, đôn đốc.", style="List Number")
    doc.add_paragraph("Báo cáo kết quả.", style="List Number")
    _numbered(doc.add_paragraph("Lập kế hoạch kiểm tra."), 92, 0)
    _numbered(doc.add_paragraph("Sở Nội vụ"), 92, 1)
    _numbered(doc.add_paragraph("Tổ chức kiểm tra."), 93, 0)        # another instance: continues
    _numbered(doc.add_paragraph("Tổng hợp kết quả."), 94, 0)        # startOverride: restarts

    doc.add_paragraph("Phụ lục")
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["TT", "Nội dung", "Chủ trì", "Thời gian hoàn thành"]):
        cell.text = text
    rows = [  # (TT level or None for an unnumbered cell, content, lead, deadline)
        (0, "CẢI CÁCH THỂ CHẾ", "", ""),
        (1, "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp", "Quý II/2025"),
        (1, "Xây dựng kế hoạch kiểm tra", "Sở Nội vụ", "Tháng 3/2025"),
        (2, "Kiểm tra tại các sở", "Sở Nội vụ", "Quý III/2025"),
        (0, "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", ""),
        (1, "Công bố thủ tục hành chính", "Văn phòng UBND tỉnh", "Thường xuyên"),
        (1, "Số hóa hồ sơ", "Sở Khoa học và Công nghệ", "Năm 2025"),
    ]
    for level, text, lead, deadline in rows:
        cells = table.add_row().cells
        _numbered(cells[0].paragraphs[0], 91, level)
        if level == 0:
            cells[1].merge(cells[-1]).text = text
        else:
            for cell, value in zip(cells[1:], (text, lead, deadline)):
                cell.text = value
    doc.save(path)
    return path


def test_render_formats():
    assert [render(n, "upperRoman") for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert [render(n, "lowerLetter") for n in (1, 2, 26, 27)] == ["a", "b", "z", "aa"]
    assert render(3, "upperLetter") == "C" and render(7, "decimalZero") == "07" and render(12, "decimal") == "12"


def test_body_paragraphs_show_their_labels(tmp_path):
    lines = [l.text for l in read(numbered_docx(tmp_path / "n.docx")).lines]
    assert lines[:15] == [
        "KẾ HOẠCH Cải cách hành chính năm 2025",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "2. Yêu cầu",
        "a) Bám sát Nghị quyết số 76/NQ-CP.",
        "b) Gắn với nhiệm vụ chính trị.",
        "II. NHIỆM VỤ TRỌNG TÂM",
        "1. Cải cách thể chế",             # level 1 restarts under a new level 0
        "a) Rà soát văn bản.",
        "1. Theo dõi, đôn đốc.",            # numbering taken from the paragraph's style
        "2. Báo cáo kết quả.",
        "3) Lập kế hoạch kiểm tra.",        # w:start 3
        "- Sở Nội vụ",                      # a bullet level
        "4) Tổ chức kiểm tra.",             # a second instance of the same list continues it
        "1) Tổng hợp kết quả.",             # an instance with startOverride restarts it
    ]


def test_table_tt_column_is_numbered(tmp_path):
    doc = read(numbered_docx(tmp_path / "n.docx"))
    table = doc.tables[0]
    assert [r[0].text for r in table.rows] == ["TT", "I", "1.", "2.", "2.1.", "II", "1.", "2."]


def test_auto_numbered_tt_column_gives_row_refs_and_areas(tmp_path):
    rows = json.loads(extract(numbered_docx(tmp_path / "n.docx")).model_dump_json())["table_tasks"]
    assert [(r["row_ref"], r["area"], r["text"]) for r in rows] == [
        ("1", "CẢI CÁCH THỂ CHẾ", "Rà soát văn bản quy phạm pháp luật"),
        ("2", "CẢI CÁCH THỂ CHẾ", "Xây dựng kế hoạch kiểm tra"),
        ("2.1", "CẢI CÁCH THỂ CHẾ", "Kiểm tra tại các sở"),
        ("1", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "Công bố thủ tục hành chính"),
        ("2", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "Số hóa hồ sơ"),
    ]
    assert rows[2]["level"] == "activity" and rows[2]["parent_ref"] == "2"
    assert rows[3]["lead"] == ["Văn phòng UBND tỉnh"] and rows[3]["deadline"] == "Thường xuyên"


def test_list_style_link_counts_with_the_linked_definition(tmp_path):
    # Word's multi-level lists made from a list style: the paragraphs' definition only names
    # the style (numStyleLink), whose instance points at the definition with the levels.
    doc = new_docx()
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(parse_xml(HEADINGS % nsdecls("w")))
    first_num.addprevious(parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="93">'
                                    '<w:numStyleLink w:val="DeMuc"/></w:abstractNum>'))
    numbering.append(_num(95, 90))
    numbering.append(_num(96, 93))
    doc.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="numbering" w:styleId="DeMuc"><w:name w:val="De muc"/>'
        '<w:pPr><w:numPr><w:numId w:val="95"/></w:numPr></w:pPr></w:style>'))
    _numbered(doc.add_paragraph("MỤC ĐÍCH"), 96, 0)
    _numbered(doc.add_paragraph("Mục đích"), 96, 1)
    _numbered(doc.add_paragraph("NHIỆM VỤ"), 96, 0)
    doc.save(tmp_path / "linked.docx")
    assert [l.text for l in read(tmp_path / "linked.docx").lines] == ["I. MỤC ĐÍCH", "1. Mục đích", "II. NHIỆM VỤ"]


def test_document_without_numbering_part_reads(tmp_path):
    # a DOCX whose numbering part was removed (some generators write none)
    doc = new_docx()
    doc.add_paragraph("Kế hoạch")
    part = doc.part.numbering_part
    doc.part.drop_rel(next(k for k, r in doc.part.rels.items() if r.target_part is part))
    doc.save(tmp_path / "plain.docx")
    assert [l.text for l in read(tmp_path / "plain.docx").lines] == ["Kế hoạch"]
