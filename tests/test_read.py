"""ingest.read: text dumps in both shapes and all encodings, DOCX and PDF tables, errors."""
import json
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest

from tests.generators.docgen import cell_text, columns_for, make_docx, to_pdf
from ingest.errors import InputError
from ingest.read import read

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "data" / "plans"
GOLD = Path(__file__).parent / "gold"
TAB_EXPORT = PLANS / "002_a39914e25e1938d1.txt"
PROVINCE = "000_020fcace3bf4412a"


def gold(stem: str) -> dict:
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))


def squash(text: str) -> str:
    """Compare cell text regardless of where the layout broke lines ("NĐ-\\nCP" too)."""
    return re.sub(r"\s+", "", text)


# ------------------------------------------------------------------ shapes
@pytest.mark.parametrize("name,shape", [
    ("000_020fcace3bf4412a.txt", "pdf-text"),
    ("001_e89377c2e29b69c2.txt", "pdf-text"),
    ("002_a39914e25e1938d1.txt", "tab-cells"),
    ("003_1804e7c71a558f13.txt", "pdf-text"),
])
def test_shape_of_samples(name, shape):
    doc = read(PLANS / name)
    assert doc.shape == shape
    assert doc.source == name
    assert (doc.tables != []) == (shape == "tab-cells")


def test_lines_are_numbered_as_in_the_file():
    doc = read(PLANS / "000_020fcace3bf4412a.txt")
    raw = (PLANS / "000_020fcace3bf4412a.txt").read_text(encoding="utf-8").split("\n")
    # 7356 newlines (`wc -l`), and a last line " " without one
    assert len(doc.lines) == 7357 and doc.lines[-1].text == " "
    assert [l.lineno for l in doc.lines[:3]] == [1, 2, 3]
    assert doc.lines[3].text.strip() == "QUYẾT ĐỊNH"
    assert doc.lines[15].lineno == 16 and doc.lines[15].text.startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert all(l.text == r for l, r in zip(doc.lines, raw))


# ------------------------------------------------------------------ tab-cell export (002)
@pytest.fixture(scope="module")
def tab_table():
    doc = read(TAB_EXPORT)
    assert len(doc.tables) == 1
    return doc.tables[0]


def test_tab_indented_paragraphs_are_not_a_table(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n\n\t1. Rà soát thủ tục hành chính.\n\n\t2. Số hóa hồ sơ.\n\n"
                    "\t3. Kiểm tra công vụ.\n\n\t4. Tuyên truyền.\n", encoding="utf-8")
    doc = read(path)
    assert doc.shape == "pdf-text" and doc.tables == []


def test_tab_cells_header_and_row_count(tab_table):
    header = [c.text for c in tab_table.rows[0]]
    assert header == ["STT", "Tên Đề án, nhiệm vụ trọng tâm", "Cơ quan chủ trì", "Cơ quan phối hợp",
                      "Thời gian hoàn thành (quý/năm)", "Ghi chú"]
    # header + 8 area rows (I..VIII) + 34 task rows (the gold file's table_tasks)
    assert len(tab_table.rows) == 1 + 8 + 34
    assert all(len(r) == 6 for r in tab_table.rows)
    assert tab_table.title.startswith("PHỤ LỤC 4 CÁC ĐỀ ÁN, NHIỆM VỤ TRỌNG TÂM")


def test_tab_cells_row_split_by_blank_line_is_one_row(tab_table):
    # Row I.1: lines 16-17, a blank line 18, then its remaining cells on lines 19-22.
    row = tab_table.rows[2]
    assert [c.text for c in row] == [
        "1",
        "Đề án đẩy mạnh Cải cách hành chính, nâng cao hiệu lực, hiệu quả hoạt động của chính "
        "quyền các cấp tỉnh Hà Tĩnh giai đoạn 2022 - 2025",
        "Sở Nội vụ", "Sở, ban, ngành; UBND cấp huyện, cấp xã", "Quý I/2022", ""]
    assert [c.lineno for c in row] == [16, 17, 19, 20, 21, 22]


def test_tab_cells_area_row_and_multiline_cell(tab_table):
    area = tab_table.rows[1]
    assert [c.text for c in area] == ["I", "Công tác chỉ đạo điều hành", "", "", "", ""]
    # VIII.1: the lead cell continues on an untabbed line (lines 238-239).
    row = next(r for r in tab_table.rows if r[1].text.startswith("Xây dựng và áp dụng hệ thống quản lý chất lượng theo"))
    assert row[2].text == ("- Sở Khoa học và Công nghệ chủ trì triển khai các Bệnh viện và Trường Trung học phổ thông;\n"
                           "- UBND các huyện, thành phố, thị xã chủ trì triển khai đối với các trường THCS, Tiểu học")
    assert row[2].lineno == 238


def test_tab_cells_word_bookmark_artefact_removed(tab_table):
    row = tab_table.rows[-1]
    assert row[0].text == "7"
    assert row[1].text.startswith("Rà soát, xây dựng các quy trình giải quyết thủ tục hành chính nội bộ")
    assert row[1].lineno == 282


# ------------------------------------------------------------------ encodings
def to_cp1258(text: str) -> bytes:
    """Windows-1258 has the hatted/horned letters but no toned ones: the tone is a combining mark."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + "".join(c for c in parts if c in tones)).encode("cp1258")
    return bytes(out)


ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: t.encode("utf-8-sig"),
    "utf-8-nfd": lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
    "utf-8-crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "utf-16-le-bom": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf-16-le-no-bom": lambda t: t.encode("utf-16-le"),
    "utf-16-be-no-bom": lambda t: t.encode("utf-16-be"),
    "cp1258": to_cp1258,
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_encodings_give_identical_nfc_lines(tmp_path, encoding):
    reference = read(TAB_EXPORT)
    text = TAB_EXPORT.read_text(encoding="utf-8")
    path = tmp_path / "plan.txt"
    path.write_bytes(ENCODINGS[encoding](text))
    doc = read(path)
    assert [l.text for l in doc.lines] == [l.text for l in reference.lines]
    assert [l.lineno for l in doc.lines] == [l.lineno for l in reference.lines]
    assert all(unicodedata.is_normalized("NFC", l.text) for l in doc.lines)
    assert "CÁC ĐỀ ÁN, NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH HÀNH CHÍNH ĐẾN NĂM 2025" in doc.lines[1].text
    assert doc.shape == "tab-cells"


def test_ascii_utf16_without_bom_is_not_binary(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("Ke hoach CCHC nam 2025\nSo Noi vu\n".encode("utf-16-le"))
    assert [l.text for l in read(path).lines] == ["Ke hoach CCHC nam 2025", "So Noi vu"]


def test_control_characters_dropped_tab_kept(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("Kế hoạch\x07 cải cách\x1b\n\tSở Nội vụ\x0b\n".encode("utf-8"))
    doc = read(path)
    assert [l.text for l in doc.lines] == ["Kế hoạch cải cách", "\tSở Nội vụ"]


def test_form_feeds_number_pages(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("Trang một\ntiếp\n\fTrang hai\n\fTrang ba\n\f", encoding="utf-8")
    doc = read(path)
    assert [(l.text, l.page) for l in doc.lines] == [
        ("Trang một", 1), ("tiếp", 1), ("Trang hai", 2), ("Trang ba", 3), ("", 4)]
    assert doc.pages == 3


# ------------------------------------------------------------------ errors
def _error(path) -> str:
    with pytest.raises(InputError) as caught:
        read(path)
    message = str(caught.value)
    assert Path(path).name in message
    return message


def test_missing_file(tmp_path):
    assert "not found" in _error(tmp_path / "khong-co.txt")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_file(tmp_path, content):
    path = tmp_path / "rong.txt"
    path.write_bytes(content)
    assert "empty" in _error(path)


def test_utf16_whitespace_only_is_empty(tmp_path):
    path = tmp_path / "rong16.txt"
    path.write_bytes("  \n \n".encode("utf-16"))
    assert "empty" in _error(path)


def test_png_as_text(tmp_path):
    path = tmp_path / "anh.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    message = _error(path)
    assert "binary" in message and "PNG" in message


def test_zip_as_text(tmp_path):
    path = tmp_path / "nen.txt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.txt", "xin chào")
    assert "binary" in _error(path)


def test_nul_bytes_are_binary(tmp_path):
    path = tmp_path / "nhi-phan.txt"
    path.write_bytes(bytes(range(256)) * 4)
    assert "binary" in _error(path)


def test_unknown_encoding(tmp_path):
    # Russian in Windows-1251: not UTF-8, and as Windows-1258 it is not Vietnamese.
    path = tmp_path / "nga.txt"
    path.write_bytes("План административной реформы на 2025 год\n".encode("cp1251") * 20)
    assert "unknown text encoding" in _error(path)


def test_unsupported_extension(tmp_path):
    path = tmp_path / "ke-hoach.odt"
    path.write_bytes(b"whatever")
    assert "unsupported file type '.odt'" in _error(path)


def test_corrupt_docx(tmp_path):
    path = tmp_path / "hong.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    assert "DOCX" in _error(path)


def test_zip_that_is_not_a_docx(tmp_path):
    path = tmp_path / "khong-phai.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "không phải văn bản Word")
    assert "DOCX" in _error(path)


def test_png_named_docx(tmp_path):
    path = tmp_path / "anh.docx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert "not a DOCX" in _error(path)


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "hong.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage without xref\n")
    assert "PDF" in _error(path)


def test_pdf_without_text_layer(tmp_path):
    import pypdfium2                  # pdfplumber's renderer: writes a blank page, like a scan without OCR
    path = tmp_path / "scan.pdf"
    pdf = pypdfium2.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.save(path)
    pdf.close()
    assert "no text layer" in _error(path)


# ------------------------------------------------------------------ DOCX (generated from gold)
@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    """DOCX of the province plan (target, output, budget columns, merged target cells)
    and of the tab export (remark column)."""
    out = tmp_path_factory.mktemp("docx")
    return {stem: make_docx(gold(stem), out / f"{stem}.docx") for stem in (PROVINCE, "002_a39914e25e1938d1")}


def _data_rows(table):
    """Rows under the header that are not Roman-numeral area rows."""
    return [r for r in table.rows[1:] if not re.fullmatch(r"[IVXLC]+", r[0].text)]


def test_docx_table_has_every_gold_row(generated):
    g = gold(PROVINCE)
    doc = read(generated[PROVINCE])
    assert doc.shape == "docx"
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert [c.text for c in table.rows[0]] == ["TT", "Mục tiêu", "Nhiệm vụ / Nội dung", "Sản phẩm", "Chủ trì",
                                              "Phối hợp", "Thời gian hoàn thành", "Kinh phí"]
    areas = len({t["area"] for t in g["table_tasks"]})
    assert len(table.rows) == 1 + areas + len(g["table_tasks"])
    fields = [c[1] for c in columns_for(g["table_tasks"])]
    rows = _data_rows(table)
    assert [[c.text for c in r] for r in rows] == [[cell_text(t, f) for f in fields] for t in g["table_tasks"]]


@pytest.mark.parametrize("stem", sorted(p.stem for p in GOLD.glob("*.json")))
def test_docx_round_trip_of_every_gold_table(tmp_path, stem):
    g = gold(stem)
    doc = read(make_docx(g, tmp_path / f"{stem}.docx"))
    titles = list(dict.fromkeys(t["table"] for t in g["table_tasks"]))
    assert [t.title for t in doc.tables] == titles
    fields = [c[1] for c in columns_for(g["table_tasks"])]
    rows = [r for t in doc.tables for r in _data_rows(t)]
    assert [[c.text for c in r] for r in rows] == [[cell_text(t, f) for f in fields] for t in g["table_tasks"]]


def test_docx_cells_of_known_rows(generated):
    rows = {}
    for row in _data_rows(read(generated[PROVINCE]).tables[0]):
        rows.setdefault(row[0].text, row)      # numbering restarts per area: keep area I's
    assert [c.text for c in rows["2.1"]] == [
        "2.1",
        "1.1. Nâng cao chất lượng công tác chỉ đạo điều hành; tổ chức thực hiện có hiệu quả, đảm bảo chất "
        "lượng các nội dung, nhiệm vụ trong kế hoạch CCHC của tỉnh",
        "Cập nhật, bổ sung ban hành Kế hoạch CCHC 06 tháng cuối năm 2025 của tỉnh",
        "Văn bản và các dự thảo kèm theo",
        "Sở Nội vụ",
        "Các cơ quan chủ trì CCHC của tỉnh; các cơ quan liên quan khác",
        "Tháng 7/2025",
        ""]
    assert rows["2.5"][2].text == "Tổ chức các hội nghị sơ kết, tổng kết"
    assert rows["2.5"][7].text == "Theo dự toán được cấp"
    assert rows["2.6"][1].text == "1.2. Cải thiện, nâng cao thứ hạng Chỉ số CCHC của tỉnh và các chỉ số liên quan"


def test_docx_vertical_merge_repeats_cell_and_area_row_spans(generated):
    table = read(generated[PROVINCE]).tables[0]
    area = table.rows[1]
    assert [c.text for c in area] == ["I", "CÔNG TÁC TRIỂN KHAI CÁC NHIỆM VỤ CCHC", "", "", "", "", "", ""]
    rows = _data_rows(table)
    # 2.1, 3.1, 3.2 share one merged target cell: same text, same source line.
    assert [r[0].text for r in rows[:3]] == ["2.1", "3.1", "3.2"]
    assert len({(r[1].text, r[1].lineno) for r in rows[:3]}) == 1
    assert rows[0][2].lineno != rows[1][2].lineno


def test_docx_provenance_and_body_order(generated):
    doc = read(generated[PROVINCE])
    assert doc.lines[0].text == "Kế hoạch cải cách hành chính tỉnh Hà Tĩnh năm 2025"
    assert [l.lineno for l in doc.lines] == list(range(1, len(doc.lines) + 1))
    table = doc.tables[0]
    assert table.title == "Phụ lục"
    by_number = {l.lineno: l.text for l in doc.lines}
    header_line = table.rows[0][0].lineno
    assert by_number[header_line - 1] == "Phụ lục"      # the table sits after its caption
    for row in table.rows:
        for cell in row:
            if cell.text:
                assert by_number[cell.lineno] == cell.text.split("\n")[0]


def test_docx_remark_column(generated):
    table = read(generated["002_a39914e25e1938d1"]).tables[0]
    assert [c.text for c in table.rows[0]] == ["TT", "Nhiệm vụ / Nội dung", "Chủ trì", "Phối hợp",
                                              "Thời gian hoàn thành", "Ghi chú"]
    remarks = [r[5].text for r in _data_rows(table) if r[5].text]
    assert remarks == ["Nếu Trung ương chỉ đạo sớm hơn thì thực hiện theo lộ trình của Trung ương",
                       "Căn cứ theo chỉ đạo của Bộ KH&CN"]


def test_to_pdf_without_libreoffice_says_so(tmp_path, monkeypatch):
    from tests.generators import docgen
    monkeypatch.setattr(docgen.shutil, "which", lambda name: None)
    with pytest.raises(RuntimeError, match="soffice"):
        docgen.to_pdf(tmp_path / "x.docx", tmp_path)


# ------------------------------------------------------------------ PDF (LibreOffice from the DOCX)
@pytest.fixture(scope="session")
def pdfs(generated, tmp_path_factory):
    """The province plan's PDF (rows may break across pages) and the tab export's with rows
    kept whole: LibreOffice is slow, so made once per session."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("pdf")
    whole = make_docx(gold("002_a39914e25e1938d1"), out / "whole-rows.docx", keep_rows_whole=True)
    return {"province": to_pdf(generated[PROVINCE], out), "whole-rows": to_pdf(whole, out)}


@pytest.fixture(scope="session")
def pdf_doc(pdfs):
    return read(pdfs["province"])


@pytest.mark.slow
def test_pdf_recovers_ruled_table_rows(pdf_doc):
    g = gold(PROVINCE)
    assert pdf_doc.shape == "pdf"
    assert pdf_doc.pages > 5
    fields = [c[1] for c in columns_for(g["table_tasks"])]
    keys = [fields.index(k) for k in ("row_ref", "text", "lead", "deadline")]
    found = {tuple(squash(r[i].text) for i in keys) for t in pdf_doc.tables for r in t.rows}
    wanted = [tuple(squash(cell_text(t, fields[i])) for i in keys) for t in g["table_tasks"]]
    recovered = sum(w in found for w in wanted)
    # Rows that break across a page come out as two partial rows; the rest must be exact.
    assert recovered >= 0.85 * len(wanted)


@pytest.mark.slow
def test_pdf_rows_kept_whole_are_all_exact(pdfs):
    g = gold("002_a39914e25e1938d1")
    doc = read(pdfs["whole-rows"])
    fields = [c[1] for c in columns_for(g["table_tasks"])]
    found = [[squash(c.text) for c in r] for t in doc.tables for r in _data_rows(t)]
    assert found == [[squash(cell_text(t, f)) for f in fields] for t in g["table_tasks"]]
    assert len(doc.tables) == doc.pages > 1


@pytest.mark.slow
def test_pdf_header_repeats_and_merges(pdf_doc):
    first = pdf_doc.tables[0]
    assert first.page == 1 and first.title == "Phụ lục"
    assert len({t.page for t in pdf_doc.tables}) == pdf_doc.pages
    for table in pdf_doc.tables:
        assert squash(table.rows[0][0].text) == "TT"
        assert squash(table.rows[0][2].text) == squash("Nhiệm vụ / Nội dung")
    area = first.rows[1]
    assert [squash(c.text) for c in area] == ["I", squash("CÔNG TÁC TRIỂN KHAI CÁC NHIỆM VỤ CCHC"), "", "", "", "", "", ""]
    rows = first.rows[2:5]
    assert [r[0].text for r in rows] == ["2.1", "3.1", "3.2"]
    assert len({(r[1].text, r[1].lineno) for r in rows}) == 1       # merged target repeated
    assert squash(rows[0][1].text).startswith(squash("1.1. Nâng cao chất lượng công tác chỉ đạo điều hành"))


@pytest.mark.slow
def test_pdf_provenance(pdf_doc):
    assert pdf_doc.lines[0].text == "Kế hoạch cải cách hành chính tỉnh Hà Tĩnh năm 2025"
    assert [l.lineno for l in pdf_doc.lines] == list(range(1, len(pdf_doc.lines) + 1))
    assert all(1 <= l.page <= pdf_doc.pages for l in pdf_doc.lines)
    assert all(unicodedata.is_normalized("NFC", l.text) for l in pdf_doc.lines)
    by_number = {l.lineno: l for l in pdf_doc.lines}
    for table in pdf_doc.tables:
        for row in table.rows:
            for cell in row:
                if cell.text:
                    line = by_number[cell.lineno]
                    assert line.text == cell.text.split("\n")[0]
                    assert line.page == table.page
