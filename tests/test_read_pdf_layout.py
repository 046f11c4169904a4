"""PDF tables without ruling lines, rebuilt from word positions (ingest/tables/gutters.py).

Unit tests place words by hand the way a PDF prints a borderless table; the slow tests
print gold plans' tables without borders (tests/generators/docgen.make_docx(ruled=False)) through
LibreOffice and read them back through the whole pipeline.
"""
import json
import shutil
from pathlib import Path

import pytest

from tests.generators.docgen import make_docx, to_pdf
from ingest import extract
from ingest.evaluate import score
from ingest.tables.gutters import find_tables
from ingest.read import read

GOLD = Path(__file__).resolve().parent / "gold"
CHAR, SPACE, HEIGHT = 5.0, 3.0, 10.0     # a 10 pt font: 5 pt a character, 3 pt a space


def words_at(top: float, *cells: tuple[float, str]) -> list[dict]:
    """One printed line: each (x, text) cell's words laid out from x."""
    out = []
    for x, text in cells:
        for word in text.split():
            out.append(dict(text=word, x0=x, x1=x + CHAR * len(word), top=top, bottom=top + HEIGHT))
            x += CHAR * len(word) + SPACE
    return out


HEADER = [words_at(80, (40, "TT"), (80, "Nội dung"), (300, "Chủ trì"), (420, "Phối hợp"), (560, "Thời gian")),
          words_at(92, (560, "hoàn thành"))]
PROSE = "Các cơ quan, đơn vị căn cứ nhiệm vụ được giao tại Phụ lục này tổ chức thực hiện và báo cáo kết quả về Sở Nội vụ."


def texts(rows):
    return [[" / ".join(cell) for cell in row] for row in rows]


def test_borderless_table_between_text_lines():
    page = [
        *words_at(40, (40, "Căn cứ Quyết định số 12/QĐ-UBND ngày 10/01/2025 của UBND tỉnh về cải cách hành chính.")),
        *words_at(60, (40, "Phụ lục")),
        *HEADER[0], *HEADER[1],
        *words_at(110, (40, "I"), (80, "CẢI CÁCH THỂ CHẾ")),
        *words_at(125, (40, "1"), (80, "Rà soát văn bản quy phạm"), (300, "Sở Tư pháp"), (420, "Các sở,"),
                  (560, "Quý II/2025")),
        *words_at(137, (80, "pháp luật của tỉnh"), (420, "ban, ngành")),
        *words_at(152, (40, "2"), (80, "Kiểm tra công tác CCHC"), (300, "Sở Nội vụ"), (420, "UBND các xã"),
                  (560, "Năm 2025")),
        *words_at(175, (40, PROSE)),
        *words_at(570, (418, "2")),           # the page number
    ]
    blocks, carry = find_tables(page, 842)
    assert [b[0] for b in blocks] == ["line", "line", "table", "line", "line"]
    assert blocks[1][2] == "Phụ lục" and blocks[3][2] == PROSE and blocks[4][2] == "2"
    assert texts(blocks[2][2]) == [
        ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian / hoàn thành"],
        ["I", "CẢI CÁCH THỂ CHẾ", "", "", ""],
        ["1", "Rà soát văn bản quy phạm / pháp luật của tỉnh", "Sở Tư pháp", "Các sở, / ban, ngành", "Quý II/2025"],
        ["2", "Kiểm tra công tác CCHC", "Sở Nội vụ", "UBND các xã", "Năm 2025"],
    ]
    assert carry is None                      # text followed the table: it has ended


def test_table_runs_on_to_the_next_page_without_its_header():
    first = [*HEADER[0], *HEADER[1],
             *words_at(110, (40, "1"), (80, "Rà soát văn bản"), (300, "Sở Tư pháp"), (420, "Các sở"), (560, "Quý II/2025"))]
    blocks, carry = find_tables(first, 842)
    assert carry is not None and carry.kinds == ["ref", "task", "lead", "coordinating", "deadline"]
    second = [*words_at(30, (418, "2")),      # the page number is no row
              *words_at(50, (40, "2"), (80, "Số hóa hồ sơ"), (300, "Văn phòng UBND tỉnh"), (420, "Các xã"),
                        (560, "Thường xuyên"))]
    blocks, carry = find_tables(second, 842, carry)
    assert [b[0] for b in blocks] == ["line", "table"]
    assert texts(blocks[1][2]) == [["2", "Số hóa hồ sơ", "Văn phòng UBND tỉnh", "Các xã", "Thường xuyên"]]


def test_a_row_of_data_using_header_words_is_no_header():
    # "xuất mục tiêu, nhiệm vụ" and "chủ trì CCHC" name columns, the rest of the line does not
    page = [*HEADER[0], *HEADER[1],
            *words_at(110, (40, "1"), (80, "Đề xuất mục tiêu,"), (300, "Sở Nội vụ"), (420, "Các sở"), (560, "Tháng 7")),
            *words_at(122, (80, "xuất mục tiêu, nhiệm vụ"), (300, "chủ trì CCHC"), (420, "của tỉnh"), (560, "2025"))]
    blocks, _ = find_tables(page, 842)
    assert [b[0] for b in blocks] == ["table"]
    assert len(blocks[0][2]) == 2


def test_a_cell_merged_over_rows_is_joined_and_shared():
    # The target of tasks 1 and 2 prints once; its lines run on beside task 2's row.
    header = words_at(80, (40, "TT"), (80, "Mục tiêu"), (250, "Nhiệm vụ"), (450, "Chủ trì"), (600, "Thời gian"))
    page = [*header,
            *words_at(100, (40, "1"), (80, "1.1. Tối thiểu 35% cơ"), (250, "Ban hành kế hoạch"), (450, "Sở Nội vụ"),
                      (600, "Quý I/2025")),
            *words_at(112, (80, "quan, đơn vị được")),
            *words_at(114, (40, "2"), (250, "Tổ chức kiểm tra"), (450, "Sở Nội vụ"), (600, "Quý III/2025")),
            *words_at(124, (80, "kiểm tra CCHC.")),
            *words_at(140, (40, "3"), (80, "1.2. Chỉ số CCHC"), (250, "Tự đánh giá"), (450, "Các sở"), (600, "Quý IV/2025"))]
    rows = find_tables(page, 842)[0][0][2]
    target = "1.1. Tối thiểu 35% cơ / quan, đơn vị được / kiểm tra CCHC."
    assert texts(rows)[1:] == [
        ["1", target, "Ban hành kế hoạch", "Sở Nội vụ", "Quý I/2025"],
        ["2", target, "Tổ chức kiểm tra", "Sở Nội vụ", "Quý III/2025"],
        ["3", "1.2. Chỉ số CCHC", "Tự đánh giá", "Các sở", "Quý IV/2025"],
    ]
    assert rows[1][1] is rows[2][1]           # one cell, read once (one source line)


# ---------------------------------------------------------------- through LibreOffice
# 001's rows carry no number: rows are told apart by the cells' tops alone
NAMES = ["003_1804e7c71a558f13", "000_020fcace3bf4412a", "001_e89377c2e29b69c2"]


def gold(name: str) -> dict:
    return json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def borderless(tmp_path_factory) -> dict:
    """(name, layout) -> PDF of the gold plan's table printed without borders: 'spaced'
    (Word's default paragraph spacing between rows) and 'compact' (rows as close as
    lines, justified cells, a bold centred header)."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("borderless")
    made = {}
    for name in NAMES:
        for layout in ("spaced", "compact"):
            docx = make_docx(gold(name), out / f"{name}_{layout}.docx", ruled=False, compact=layout == "compact")
            made[name, layout] = to_pdf(docx, out)
    return made


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["spaced", "compact"])
@pytest.mark.parametrize("name", NAMES)
def test_borderless_rows_come_back(borderless, name, layout):
    extraction = json.loads(extract(borderless[name, layout]).model_dump_json())
    rows = score(gold(name), extraction).rows
    assert rows["r"] >= 0.95 and rows["p"] >= 0.95
    assert rows["lead_acc"] >= 0.90 and rows["deadline_acc"] >= 0.90
    if rows["target_acc"] is not None:
        assert rows["target_acc"] >= 0.90


@pytest.mark.slow
def test_borderless_pdf_tables_and_provenance(borderless):
    doc = read(borderless[NAMES[1], "spaced"])
    assert doc.shape == "pdf" and doc.pages > 5
    assert {t.page for t in doc.tables} == set(range(1, doc.pages + 1))
    assert doc.tables[0].title == "Phụ lục"
    for table in doc.tables:                 # the header, printed again on each page
        assert [c.text.replace("\n", " ") for c in table.rows[0]] == [
            "TT", "Mục tiêu", "Nhiệm vụ / Nội dung", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian hoàn thành",
            "Kinh phí"]
    assert [c.text for c in doc.tables[0].rows[1]][:2] == ["I", "CÔNG TÁC TRIỂN KHAI CÁC NHIỆM VỤ CCHC"]
    # 2.1, 3.1, 3.2 share one merged target cell, printed once over their rows
    rows = doc.tables[0].rows[2:5]
    assert [r[0].text for r in rows] == ["2.1", "3.1", "3.2"]
    assert rows[0][1].text.replace("\n", " ") == (
        "1.1. Nâng cao chất lượng công tác chỉ đạo điều hành; tổ chức thực hiện có hiệu quả, đảm bảo "
        "chất lượng các nội dung, nhiệm vụ trong kế hoạch CCHC của tỉnh")
    assert rows[1][1] == rows[0][1]
    assert [l.lineno for l in doc.lines] == list(range(1, len(doc.lines) + 1))
    by_number = {l.lineno: l for l in doc.lines}
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                if cell.text:
                    assert by_number[cell.lineno].text == cell.text.split("\n")[0]
                    assert by_number[cell.lineno].page == table.page
