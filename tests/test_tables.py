"""Appendix tables with real cells -> task rows (ingest/tables/columns.py, ingest/tables/cells.py).

Tables are built by hand the way the readers deliver them (ingest/read.py's contract:
rectangular rows; a vertically merged cell repeated with its lineno in every row it spans;
a horizontally merged cell's text in its first column). Expected values are read off
the hand-built tables and, for sample 002, off data/plans/002_*.txt.
"""
import json
from pathlib import Path

import pytest

from ingest.tables.columns import column_kind, is_header, map_header
from ingest.evaluate import score
from ingest.models import Cell, Document, DocumentMeta, RawTable
from ingest.read import read
from ingest.tables import rows_from_tables, table_tasks
from ingest.tables.cells import rows_from_cells

ROOT = Path(__file__).resolve().parent.parent


def make_table(*rows, page=None, title=None, first_line=1) -> RawTable:
    """Rows of texts -> a RawTable; a Cell passes through (to repeat a merged cell)."""
    n = first_line
    out = []
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, Cell):
                cells.append(value)
                continue
            cells.append(Cell(text=value or "", lineno=n if value else None))
            n += 1
        out.append(cells)
    return RawTable(rows=out, page=page, title=title)


HEADER = ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]


# ---------------------------------------------------------------- header wording
@pytest.mark.parametrize("header, kind", [
    ("STT", "ref"), ("TT", "ref"), ("Số TT", "ref"), ("Số thứ tự", "ref"),
    ("1- Mục tiêu/Chỉ tiêu/nội dung", "target"), ("Chỉ tiêu", "target"), ("Mục tiêu cụ thể", "target"),
    ("2- Nhiệm vụ", "task"), ("Nội dung", "task"), ("Nội dung công việc", "task"),
    ("Nội dung thực hiện", "task"), ("Tên Đề án, nhiệm vụ trọng tâm", "task"), ("Nhiệm vụ cụ thể", "task"),
    ("Nhiệm vụ, giải pháp", "task"), ("Tên nhiệm vụ", "task"), ("Nhiệm vụ, hoạt động", "task"),
    ("3- Hoạt động", "activity"), ("Các hoạt động cụ thể", "activity"),
    ("4- Kết quả, sản phẩm", "output"), ("Sản phẩm", "output"), ("Sản phẩm đầu ra", "output"),
    ("Dự kiến kết quả", "output"), ("Hình thức văn bản", "output"),
    ("5- Chủ trì", "lead"), ("Cơ quan chủ trì", "lead"), ("Đơn vị thực hiện", "lead"),
    ("Cơ quan thực hiện", "lead"), ("Cơ quan, đơn vị chủ trì thực hiện", "lead"), ("Bộ phận thực hiện", "lead"),
    ("6- Phối hợp", "coordinating"), ("Cơ quan phối hợp", "coordinating"),
    ("Cơ quan, đơn vị phối hợp thực hiện", "coordinating"),
    ("7- Thời gian hoàn thành", "deadline"), ("Thời gian hoàn thành (quý/năm)", "deadline"),
    ("Thời gian thực hiện", "deadline"), ("Tiến độ", "deadline"), ("Tiến độ thực hiện", "deadline"),
    ("Thời hạn", "deadline"), ("Mốc thời gian", "deadline"),
    ("8- Kinh phí", "budget"), ("Nguồn kinh phí", "budget"), ("Kinh phí thực hiện (triệu đồng)", "budget"),
    ("Ghi chú", "remark"), ("Lĩnh vực", "area"),
    # folded matching: capitals, missing diacritics, line breaks of a wrapped header
    ("THỜI GIAN HOÀN THÀNH", "deadline"), ("Co quan chu tri", "lead"), ("Kết \n quả, sản \n phẩm", "output"),
    ("(5) Chủ trì", "lead"), ("Đơn vị tính", None), ("", None), (None, None),
    ("T\nT", "ref"), ("S\nT\nT", "ref"),          # a title wrapped letter by letter in a narrow column
    # a data cell that happens to use header words is not a header cell
    ("Phối hợp với các sở, ban, ngành tổ chức thực hiện thời gian hoàn thành trong quý II năm 2025", None),
])
def test_column_kind_reads_the_meaning(header, kind):
    assert column_kind(header) == kind


def test_map_header_of_a_whole_row():
    row = ["TT", "1- Mục tiêu/Chỉ tiêu/nội dung", "2- Nhiệm vụ", "3- Hoạt động", "4- Kết quả, sản phẩm",
           "5- Chủ trì", "6- Phối hợp", "7- Thời gian hoàn thành", "8- Kinh phí"]
    assert map_header(row) == ["ref", "target", "task", "activity", "output", "lead", "coordinating",
                               "deadline", "budget"]
    assert is_header(row)
    # a kind is given once, but a budget or deadline may spread over several columns
    assert map_header(["TT", "Nhiệm vụ", "Nội dung chi tiết", "Chủ trì", "Kinh phí (NS tỉnh)", "Kinh phí (nguồn khác)"]) \
        == ["ref", "task", None, "lead", "budget", "budget"]
    assert not is_header(["1", "Ban hành kế hoạch", "Sở Nội vụ", "", "Quý I/2025"])


# ---------------------------------------------------------------- areas
def test_roman_rows_open_areas_as_written():
    rows = rows_from_cells(make_table(
        HEADER,
        ["I", "Công tác chỉ đạo điều hành", "", "", ""],
        ["1", "Ban hành kế hoạch CCHC", "Sở Nội vụ", "Các sở, ban, ngành", "Quý I/2025"],
        ["II", "CẢI CÁCH THỂ CHẾ", "", "", ""],
        ["1", "Rà soát văn bản QPPL", "Sở Tư pháp", "", "Thường xuyên"],
    ))
    assert [(r.area, r.row_ref, r.text) for r in rows] == [
        ("Công tác chỉ đạo điều hành", "1", "Ban hành kế hoạch CCHC"),
        ("CẢI CÁCH THỂ CHẾ", "1", "Rà soát văn bản QPPL"),
    ]
    assert rows[0].lead == ["Sở Nội vụ"] and rows[0].deadline == "Quý I/2025"
    assert rows[1].coordinating == []


def test_area_in_one_merged_cell_without_ref_column():
    rows = rows_from_cells(make_table(
        ["Nội dung công việc", "Đơn vị thực hiện", "Thời hạn"],
        ["II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", ""],
        ["1. Công bố thủ tục hành chính", "Văn phòng UBND", "Tháng 3/2025"],
        ["2) Số hóa hồ sơ", "Trung tâm PVHCC", "Năm 2025"],
    ))
    assert [(r.area, r.row_ref, r.text, r.lead, r.deadline) for r in rows] == [
        ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "1", "Công bố thủ tục hành chính", ["Văn phòng UBND"], "Tháng 3/2025"),
        ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "2", "Số hóa hồ sơ", ["Trung tâm PVHCC"], "Năm 2025"),
    ]


def test_area_title_merged_from_the_tt_column_and_area_column():
    # the reader puts a cell merged across the whole row in its first column
    rows = rows_from_cells(make_table(
        HEADER,
        ["III. CẢI CÁCH TỔ CHỨC BỘ MÁY", "", "", "", ""],
        ["1", "Sắp xếp tổ chức bên trong", "Sở Nội vụ", "", "Quý III/2025"],
    ))
    assert [(r.area, r.row_ref) for r in rows] == [("CẢI CÁCH TỔ CHỨC BỘ MÁY", "1")]
    rows = rows_from_cells(make_table(
        ["STT", "Lĩnh vực", "Nhiệm vụ", "Đơn vị thực hiện", "Thời gian"],
        ["1", "Cải cách thể chế", "Rà soát văn bản", "Phòng Tư pháp", "Quý II"],
        ["2", "", "Kiểm tra văn bản", "Phòng Tư pháp", "Quý III"],
        ["3", "Chính quyền số", "Số hóa hồ sơ", "Văn phòng", "Quý IV"],
    ))
    assert [(r.area, r.row_ref) for r in rows] == [
        ("Cải cách thể chế", "1"), ("Cải cách thể chế", "2"), ("Chính quyền số", "3")]


def test_area_rows_whose_numerals_word_drew():
    # Word's list numbering is not in the DOCX text: TT cells come empty
    rows = rows_from_cells(make_table(
        HEADER,
        ["", "Công tác chỉ đạo điều hành", "", "", ""],
        ["", "Ban hành kế hoạch CCHC", "Sở Nội vụ", "", "Quý I/2022"],
        ["", "Cải cách thể chế", "", "", ""],
        ["", "Rà soát văn bản QPPL", "Sở Tư pháp", "", "Quý IV/2023"],
    ))
    assert [(r.area, r.row_ref, r.text) for r in rows] == [
        ("Công tác chỉ đạo điều hành", None, "Ban hành kế hoạch CCHC"),
        ("Cải cách thể chế", None, "Rà soát văn bản QPPL")]


def test_table_without_area_rows_takes_its_area_from_the_title():
    rows = rows_from_cells(make_table(
        HEADER, ["1", "Rà soát TTHC", "VP HĐND & UBND xã", "", "Thường xuyên"],
        title="Phụ lục số 02: Các nhiệm vụ trọng tâm về cải cách thủ tục hành chính"))
    assert rows[0].area == "Cải cách thủ tục hành chính"
    assert rows[0].table.startswith("Phụ lục số 02")


def test_area_from_a_title_that_is_all_area():
    # no "Các nhiệm vụ ... về" lead-in after the colon: the whole subject names the area
    rows = rows_from_cells(make_table(
        HEADER, ["1", "Tuyên truyền CCHC", "VP HĐND & UBND xã", "", "Thường xuyên"],
        title="Phụ lục số 07: Công tác chỉ đạo, điều hành, tuyên truyền về cải cách hành chính"))
    assert rows[0].area == "Công tác chỉ đạo, điều hành, tuyên truyền về cải cách hành chính"


def test_narrow_tt_column_wraps_inside_its_title_and_numerals():
    # a PDF cell of a TT column 1 cm wide: "ST\nT" over "VII\nI" (LibreOffice, sample 002 printed)
    header = ["ST\nT", "Tên Đề án, nhiệm vụ", "Cơ quan chủ\ntrì", "Cơ quan phối hợp", "Thời gian"]
    rows = rows_from_tables([
        make_table(header, ["VII", "Chính quyền số", "", "", ""], ["1", "Đề án A", "Sở Nội vụ", "", "Quý I/2025"],
                   page=1),
        make_table(header, ["VII\nI", "Quản lý chất lượng ISO", "", "", ""],
                   ["1", "Đề án B", "Sở Khoa học và Công nghệ", "", "Năm 2025"], page=2, first_line=30)])
    assert [(r.area, r.row_ref, r.text, r.lead) for r in rows] == [
        ("Chính quyền số", "1", "Đề án A", ["Sở Nội vụ"]),
        ("Quản lý chất lượng ISO", "1", "Đề án B", ["Sở Khoa học và Công nghệ"])]


def test_numbered_headings_over_sub_rows():
    # under a Roman area, "1. Kiểm soát TTHC" heads rows 1.1, 1.2 and is no task itself
    rows = rows_from_cells(make_table(
        HEADER,
        ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", ""],
        ["1", "Kiểm soát thủ tục hành chính", "", "", ""],
        ["1.1", "Công bố danh mục TTHC", "Văn phòng UBND tỉnh", "", "Quý I/2025"],
        ["1.2", "Rà soát, đơn giản hóa TTHC", "Các sở, ngành", "", "Quý III/2025"],
    ))
    assert [(r.area, r.row_ref, r.level) for r in rows] == [
        ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "1.1", "task"), ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "1.2", "task")]
    # without Roman-numeral rows the numbered headings are the areas
    rows = rows_from_cells(make_table(
        HEADER,
        ["1", "Cải cách thể chế", "", "", ""],
        ["1.1", "Rà soát văn bản QPPL", "Phòng Tư pháp", "", "Năm 2025"],
        ["2", "Cải cách thủ tục hành chính", "", "", ""],
        ["2.1", "Công khai TTHC", "Bộ phận một cửa", "", "Thường xuyên"],
    ))
    assert [(r.area, r.row_ref) for r in rows] == [("Cải cách thể chế", "1.1"), ("Cải cách thủ tục hành chính", "2.1")]


def test_sub_numbers_under_a_task_with_its_own_cells_are_activities():
    rows = rows_from_cells(make_table(
        HEADER,
        ["3", "Tổ chức kiểm tra CCHC", "Sở Nội vụ", "Các sở", "Quý II/2025"],
        ["3.1", "Ban hành kế hoạch kiểm tra", "", "", "Tháng 4/2025"],
        ["3.2", "Kiểm tra tại các đơn vị", "", "", ""],
        ["4", "Đánh giá Chỉ số CCHC", "Sở Nội vụ", "", "Quý IV/2025"],
    ))
    assert [(r.row_ref, r.level, r.parent_ref, r.deadline) for r in rows] == [
        ("3", "task", None, "Quý II/2025"), ("3.1", "activity", "3", "Tháng 4/2025"),
        ("3.2", "activity", "3", "Quý II/2025"), ("4", "task", None, "Quý IV/2025")]
    assert rows[2].lead == ["Sở Nội vụ"]


def test_word_table_cut_in_two_and_area_titles_above_tables():
    first = make_table(HEADER, ["1", "Rà soát văn bản", "Sở Tư pháp", "", "Năm 2025"],
                       title="I. CẢI CÁCH THỂ CHẾ")
    # no title, no header, as wide as the table above: its rest
    rest = make_table(["2", "Kiểm tra văn bản", "Sở Tư pháp", "", "Quý IV/2025"], first_line=30)
    rows = rows_from_tables([first, rest])
    assert [(r.area, r.row_ref) for r in rows] == [("CẢI CÁCH THỂ CHẾ", "1"), ("CẢI CÁCH THỂ CHẾ", "2")]


def test_layout_tables_without_a_header_are_not_task_tables():
    letterhead = make_table(["UBND TỈNH HÀ TĨNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                            ["Số: 12/KH-UBND", "Hà Tĩnh, ngày 10 tháng 01 năm 2025"])
    assert rows_from_cells(letterhead) == []


# ---------------------------------------------------------------- targets, tasks, activities
def test_merged_target_cell_is_carried_down_in_both_reader_conventions():
    target = "1.1. 100% TTHC được công khai"
    # PDF/plain: empty below the first row; DOCX: the same cell repeated (same lineno)
    merged = Cell(text=target, lineno=50)
    for second in ("", merged):
        rows = rows_from_cells(make_table(
            ["TT", "Mục tiêu", "Nhiệm vụ", "Chủ trì", "Thời gian"],
            ["I", "CẢI CÁCH TTHC", "", "", ""],
            ["1", merged, "Công khai TTHC", "Văn phòng UBND tỉnh", "Quý I/2025"],
            ["2", second, "Số hóa kết quả", "Sở KH&CN", "Quý II/2025"],
            ["II", "CẢI CÁCH CÔNG VỤ", "", "", ""],
            ["1", "", "Tuyển dụng công chức", "Sở Nội vụ", "Năm 2025"],
        ))
        assert [r.target for r in rows] == [target, target, None]


def test_task_and_activity_columns_give_the_hierarchy():
    task = Cell(text="2.1. Cập nhật Kế hoạch CCHC 06 tháng cuối năm", lineno=10)
    lead = Cell(text="Sở Nội vụ", lineno=12)
    rows = rows_from_cells(make_table(
        ["TT", "Mục tiêu", "Nhiệm vụ", "Hoạt động", "Chủ trì", "Thời gian hoàn thành"],
        ["I", "CÔNG TÁC CHỈ ĐẠO", "", "", "", ""],
        ["1", "1.1. Nâng cao chất lượng chỉ đạo", task, "3.1. Xây dựng dự thảo", lead, "Tháng 7/2025"],
        ["", "", task, "3.2. Trình Chủ tịch UBND tỉnh ban hành", lead, ""],
        ["", "", "2.2. Sửa đổi Bộ tiêu chí", "", "Sở Nội vụ", "Quý IV/2025"],
    ))
    assert [(r.level, r.row_ref, r.parent_ref, r.text) for r in rows] == [
        ("task", "2.1", None, "Cập nhật Kế hoạch CCHC 06 tháng cuối năm"),
        ("activity", "3.1", "2.1", "Xây dựng dự thảo"),
        ("activity", "3.2", "2.1", "Trình Chủ tịch UBND tỉnh ban hành"),
        ("task", "2.2", None, "Sửa đổi Bộ tiêu chí"),
    ]
    # an activity whose own deadline cell is empty shares its task's (merged in the print)
    assert rows[2].deadline == "Tháng 7/2025" and rows[2].lead == ["Sở Nội vụ"]
    assert all(r.target == "1.1. Nâng cao chất lượng chỉ đạo" for r in rows)


def test_task_cells_that_differ_per_activity_belong_to_the_activities():
    # the task cell is merged over its two activities; their agencies and deadlines are not
    task = Cell(text="2.1. Ban hành văn bản QPPL", lineno=5)
    rows = rows_from_cells(make_table(
        ["TT", "Nhiệm vụ", "Hoạt động", "Chủ trì", "Phối hợp", "Thời gian"],
        ["", task, "3.1. Lập danh mục", "Sở Tư pháp", "Các sở, ban, ngành", "Quý I/2025"],
        ["", task, "3.2. Xây dựng dự thảo", "Sở Nội vụ", "Sở Tư pháp", "Quý II/2025"],
    ))
    assert [(r.row_ref, r.lead, r.deadline) for r in rows] == [
        ("2.1", [], None), ("3.1", ["Sở Tư pháp"], "Quý I/2025"), ("3.2", ["Sở Nội vụ"], "Quý II/2025")]


def test_activity_numbers_in_one_text_column():
    rows = rows_from_cells(make_table(
        HEADER,
        ["2.1", "Tổ chức kiểm tra CCHC", "Sở Nội vụ", "", "Quý II/2025"],
        ["3.1", "Xây dựng kế hoạch kiểm tra", "", "", ""],
        ["3.2", "Kiểm tra tại các đơn vị", "Sở Nội vụ", "Các sở", "Quý III/2025"],
        ["2.2", "Đánh giá Chỉ số CCHC", "Sở Nội vụ", "", "Quý IV/2025"],
    ))
    assert [(r.row_ref, r.level, r.parent_ref) for r in rows] == [
        ("2.1", "task", None), ("3.1", "activity", "2.1"), ("3.2", "activity", "2.1"), ("2.2", "task", None)]
    assert rows[1].deadline == "Quý II/2025" and rows[2].deadline == "Quý III/2025"


def test_numbering_doubled_by_the_word_processor_is_mended():
    body = [[n, f"Nhiệm vụ {i}", "Sở TTTT", "", "Hàng năm"]
            for i, n in enumerate(["7", "8", "99", "110", "11", "112", "22"], 7)]
    rows = rows_from_cells(make_table(HEADER, ["I", "CHÍNH QUYỀN SỐ", "", "", ""], *body))
    # "22" after 12 is no doubled 13: kept as printed
    assert [r.row_ref for r in rows] == ["7", "8", "9", "10", "11", "12", "22"]


def test_two_row_header_and_column_numbers_row():
    rows = rows_from_cells(make_table(
        ["STT", "Nhiệm vụ", "Cơ quan thực hiện", "", "Tiến độ"],
        ["", "", "Chủ trì", "Phối hợp", ""],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        ["1", "Xây dựng Kho dữ liệu", "Sở KH&CN", "Các sở, ngành", "Quý III/2025"],
    ))
    assert len(rows) == 1
    assert rows[0].lead == ["Sở KH&CN"] and rows[0].deadline == "Quý III/2025"
    assert rows[0].coordinating and rows[0].coordinating[0].startswith("Các sở")


def test_cell_text_cleaned_of_word_artefacts_and_line_breaks():
    rows = rows_from_cells(make_table(
        HEADER, ["7", "[bookmark: _GoBack]Rà soát quy trình\nnội bộ", "Sở KH&CN", "", "Quý IV/2025:\nđạt 90%"]))
    assert rows[0].text == "Rà soát quy trình nội bộ"
    assert rows[0].deadline == "Quý IV/2025: đạt 90%"


# ---------------------------------------------------------------- the row rule (SCHEMA "Rows")
ACTIVITY_HEADER = ["TT", "Nhiệm vụ", "Hoạt động", "Chủ trì", "Phối hợp", "Thời gian"]


def test_unnumbered_activity_cell_belongs_to_its_tasks_row():
    rows = rows_from_cells(make_table(
        ACTIVITY_HEADER,
        ["1", "Ban hành Kế hoạch CCHC năm 2026.", "- Xây dựng dự thảo.\n- Gửi góp ý.\n- Trình ban hành",
         "Sở Nội vụ", "Các sở", "Quý I/2026"],
        ["2", "Tuyên truyền CCHC.", "Xây dựng chuyên mục trên Báo tỉnh.", "Sở VHTTDL", "", "Thường xuyên"],
        ["3", "Kiểm tra văn bản.", "", "Sở Tư pháp", "", "Năm 2026"],
    ))
    assert [(r.row_ref, r.level, r.text) for r in rows] == [
        ("1", "task", "Ban hành Kế hoạch CCHC năm 2026. — - Xây dựng dự thảo. - Gửi góp ý. - Trình ban hành"),
        ("2", "task", "Tuyên truyền CCHC. — Xây dựng chuyên mục trên Báo tỉnh."),
        ("3", "task", "Kiểm tra văn bản.")]
    assert rows[0].lead == ["Sở Nội vụ"] and rows[0].deadline == "Quý I/2026"


def test_task_merged_over_rows_of_unnumbered_activities_is_one_row():
    task = Cell(text="Tổ chức kiểm tra CCHC.", lineno=20)
    ref = Cell(text="4", lineno=19)
    rows = rows_from_cells(make_table(
        ACTIVITY_HEADER,
        [ref, task, "- Ban hành kế hoạch kiểm tra.", "Sở Nội vụ", "", "Quý II/2026"],
        [ref, task, "- Kiểm tra tại các đơn vị.", "Đoàn kiểm tra", "Các sở", "Quý III/2026"],
        ["5", "Đánh giá Chỉ số CCHC.", "", "Sở Nội vụ", "", "Quý IV/2026"],
    ))
    assert [(r.row_ref, r.text) for r in rows] == [
        ("4", "Tổ chức kiểm tra CCHC. — - Ban hành kế hoạch kiểm tra. - Kiểm tra tại các đơn vị."),
        ("5", "Đánh giá Chỉ số CCHC.")]
    # the second activity's own cells are the task's too
    assert rows[0].lead == ["Sở Nội vụ", "Đoàn kiểm tra"] and rows[0].coordinating == ["Các sở"]
    assert rows[0].deadline == "Quý II/2026; Quý III/2026"


def test_tt_column_numbering_the_targets_over_unnumbered_tasks():
    head = ["TT", "Mục tiêu", "Nhiệm vụ", "Hoạt động", "Chủ trì", "Thời gian"]
    # DOCX and PDF repeat a merged cell on every row it spans; a text export leaves it empty
    for merged in (True, False):
        tt, target = Cell(text="1", lineno=5), Cell(text="100% TTHC được công khai", lineno=6)
        below = (tt, target) if merged else ("", "")
        rows = rows_from_cells(make_table(
            head,
            ["I", "CẢI CÁCH TTHC", "", "", "", ""],
            [tt, target, "Công khai TTHC trên Cổng Dịch vụ công", "- Cập nhật danh mục.", "Văn phòng", "Quý I"],
            [*below, "Rà soát, đơn giản hóa TTHC", "- Rà soát quy trình.", "Các sở", "Quý III"],
            ["2", "Tối thiểu 80% hồ sơ trực tuyến", "Hướng dẫn nộp hồ sơ trực tuyến", "", "TTPVHCC", "Hằng tháng"],
            first_line=30))
        assert [(r.row_ref, r.target, r.text) for r in rows] == [
            (None, "100% TTHC được công khai", "Công khai TTHC trên Cổng Dịch vụ công — - Cập nhật danh mục."),
            (None, "100% TTHC được công khai", "Rà soát, đơn giản hóa TTHC — - Rà soát quy trình."),
            (None, "Tối thiểu 80% hồ sơ trực tuyến", "Hướng dẫn nộp hồ sơ trực tuyến")], merged
        assert [r.lead for r in rows] == [["Văn phòng"], ["Các sở"], ["TTPVHCC"]]


def test_numbered_sub_area_row_is_a_heading_and_numbering_restarts():
    area = "XÂY DỰNG CHÍNH QUYỀN SỐ"
    rows = rows_from_cells(make_table(
        HEADER,
        ["VII", area, "", "", ""],
        ["7.1", "Chính quyền số", "", "", ""],
        ["1", "Nâng cấp hệ thống quản lý văn bản", "Sở KH&CN", "", "Quý II/2026"],
        ["2", "Cấp chữ ký số", "Sở KH&CN", "", "Năm 2026"],
        ["7.2", "Kinh tế số, xã hội số", "", "", ""],
        ["1", "Phát triển thương mại điện tử", "Sở Công Thương", "", "Quý IV/2026"],
    ))
    assert [(r.area, r.row_ref, r.text) for r in rows] == [
        (area, "1", "Nâng cấp hệ thống quản lý văn bản"), (area, "2", "Cấp chữ ký số"),
        (area, "1", "Phát triển thương mại điện tử")]


# ---------------------------------------------------------------- tables over pages (PDF)
def test_pdf_pages_repeat_header_and_split_rows():
    page1 = make_table(
        HEADER,
        ["I", "CẢI CÁCH THỂ CHẾ", "", "", ""],
        ["1", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của", "Sở Tư pháp", "Các sở,", "Quý IV/2025"],
        page=3, first_line=1)
    page2 = make_table(
        HEADER,
        ["", "tỉnh ban hành", "", "ban, ngành", ""],
        ["2", "Kiểm tra văn bản", "Sở Tư pháp", "", "Thường xuyên"],
        page=4, first_line=40)
    rows = rows_from_tables([page1, page2])
    assert [(r.area, r.row_ref, r.text) for r in rows] == [
        ("CẢI CÁCH THỂ CHẾ", "1", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh ban hành"),
        ("CẢI CÁCH THỂ CHẾ", "2", "Kiểm tra văn bản"),
    ]
    assert rows[0].span.first_line < 40 <= rows[0].span.last_line


def test_row_cut_right_after_its_number_by_a_page_break():
    page1 = make_table(HEADER, ["", "2.1. Ban hành kế hoạch", "Sở Nội vụ", "", "Quý I/2025"],
                       ["", "2.2.", "Sở Tư", "", "Quý I-IV"], page=33)
    page2 = make_table(HEADER, ["", "Rà soát quy trình nội bộ", "pháp", "", "năm 2025"], page=34, first_line=50)
    doc = Document(path="x.pdf", source="x.pdf", shape="pdf", lines=[], tables=[page1, page2])
    rows = table_tasks(doc, DocumentMeta())
    assert [(r.row_ref, r.text, r.lead, r.deadline) for r in rows] == [
        ("2.1", "Ban hành kế hoạch", ["Sở Nội vụ"], "Quý I/2025"),
        ("2.2", "Rà soát quy trình nội bộ", ["Sở Tư pháp"], "Quý I-IV năm 2025")]


def test_merged_target_split_by_a_page_break_is_joined():
    head = ["TT", "Mục tiêu", "Nhiệm vụ", "Chủ trì", "Thời gian"]
    page1 = make_table(head, ["1", "1.5. 100% đơn vị sự nghiệp được giao", "2.7. Giao quyền tự chủ", "Sở Tài chính", "Năm 2025"],
                       page=1)
    page2 = make_table(head, ["", "quyền tự chủ tài chính", "2.8. Đánh giá tự chủ", "Sở Tài chính", "Năm 2025"],
                       page=2, first_line=30)
    rows = rows_from_tables([page1, page2])
    assert [r.row_ref for r in rows] == ["2.7", "2.8"]
    assert {r.target for r in rows} == {"1.5. 100% đơn vị sự nghiệp được giao quyền tự chủ tài chính"}


def test_task_cell_split_by_a_page_keeps_its_activities():
    head = ["TT", "Nhiệm vụ", "Hoạt động", "Chủ trì", "Thời gian"]
    page1 = make_table(head, ["", "2.15. Tổ chức tập huấn", "3.25. Các lớp tập huấn", "Sở Nội vụ", "Năm 2025"], page=6)
    page2 = make_table(head, ["", "cho cán bộ, công chức", "3.26. Tham quan học tập", "Sở Nội vụ", "Năm 2025"],
                       page=7, first_line=20)
    rows = rows_from_tables([page1, page2])
    assert [(r.row_ref, r.level, r.parent_ref, r.text) for r in rows] == [
        ("2.15", "task", None, "Tổ chức tập huấn cho cán bộ, công chức"),
        ("3.25", "activity", "2.15", "Các lớp tập huấn"),
        ("3.26", "activity", "2.15", "Tham quan học tập"),
    ]


def test_pdf_cells_wrapped_lines_are_not_breaks():
    table = make_table(HEADER, ["1", "Thực hiện Nghị định số 111/2025/NĐ\n-CP và Kế hoạch 310/KH-\nUBND",
                                "Trung tâm dịch\nvụ tài chính", "", "Quý IV/2025"],
                       ["", "2.\n10. Đăng tải trên (https://congbao\n.sonla.gov.vn)\nvà Cổng TTĐT", "Văn phòng", "", "Năm 2025"])
    doc = Document(path="x.pdf", source="x.pdf", shape="pdf", lines=[], tables=[table])
    row, second = table_tasks(doc, DocumentMeta())
    assert row.text == "Thực hiện Nghị định số 111/2025/NĐ-CP và Kế hoạch 310/KH-UBND"
    assert row.lead == ["Trung tâm dịch vụ tài chính"]
    assert (second.row_ref, second.text) == ("2.10", "Đăng tải trên (https://congbao.sonla.gov.vn) và Cổng TTĐT")


# ---------------------------------------------------------------- sample 002 (tab-cell export)
SAMPLE = ROOT / "data/plans/002_a39914e25e1938d1.txt"
GOLD = ROOT / "tests/gold/002_a39914e25e1938d1.json"


@pytest.fixture(scope="module")
def sample_rows():
    doc = read(SAMPLE)
    assert doc.tables, "the reader gives the tab export's cells"
    return table_tasks(doc, DocumentMeta())


def test_sample_002_scores_at_a_floor(sample_rows):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    rows = score(gold, {"table_tasks": [r.model_dump() for r in sample_rows]}).rows
    assert rows["r"] >= 0.95 and rows["p"] >= 0.95
    assert rows["lead_acc"] >= 0.90 and rows["deadline_acc"] >= 0.90


def test_sample_002_rows_checked_by_hand(sample_rows):
    by_key = {(r.area, r.row_ref): r for r in sample_rows}
    # line 16-21: a blank line splits row I.1; its agencies and deadline still belong to it
    first = by_key[("Công tác chỉ đạo điều hành", "1")]
    assert first.lead == ["Sở Nội vụ"] and first.deadline == "Quý I/2022"
    assert (first.span.first_line, first.span.last_line) == (16, 21)
    # lines 194, 201, 215: STT printed "99", "110", "112" between 8 and 11, 13
    digital = [r for r in sample_rows if r.area == "Xây dựng, phát triển chính quyền điện tử, chính quyền số"]
    assert [r.row_ref for r in digital] == [str(i) for i in range(1, 14)]
    assert digital[8].text.startswith("Xây dựng Cổng dữ liệu số cấp tỉnh")
    # line 264: the Ghi chú column; line 282: Word's bookmark marker dropped
    iso = [r for r in sample_rows if r.area == "Triển khai và áp dụng Hệ thống quản lý chất lượng ISO: 9001"]
    assert iso[3].remark == "Căn cứ theo chỉ đạo của Bộ KH&CN"
    assert iso[6].text.startswith("Rà soát, xây dựng các quy trình giải quyết")
    assert sample_rows[0].table.startswith("PHỤ LỤC 4")


def test_dispatch_uses_cells_before_text():
    doc = Document(path="x.docx", source="x.docx", shape="docx", lines=[],
                   tables=[make_table(HEADER, ["1", "Ban hành kế hoạch", "Sở Nội vụ", "", "Quý I/2025"])])
    assert [r.text for r in table_tasks(doc, DocumentMeta())] == ["Ban hành kế hoạch"]
