"""Appendix tables rebuilt from flattened PDF text (ingest/tables/flattened.py).

Expected values were read by hand off the sample dumps (line numbers given) and
the gold notes; the synthetic table is written here.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from ingest.evaluate import score
from ingest.tables.flattened import text_tables
from ingest.models import Document, DocumentMeta, Line
from ingest.read import read

ROOT = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=None)
def _sample(prefix: str):
    path = next((ROOT / "data" / "plans").glob(f"{prefix}_*.txt"))
    gold = json.loads(next((ROOT / "tests" / "gold").glob(f"{prefix}_*.json")).read_text(encoding="utf-8"))
    meta = DocumentMeta(**{k: v for k, v in gold["document"].items() if k in DocumentMeta.model_fields})
    return text_tables(read(path), meta), gold


def _row(rows, area_start: str, ref: str, level: str = "task"):
    found = [r for r in rows if (r.area or "").startswith(area_start) and r.row_ref == ref and r.level == level]
    assert found, f"no {level} {ref} under {area_start}"
    return found[0]


def test_row_interleaved_around_a_page_header():
    # 003 III.3: line 1280 holds the first line of every cell, the header repeats at
    # 1281-1295, the rest of the cells follow at 1297-1313
    rows, _ = _sample("003")
    r = _row(rows, "CẢI CÁCH THỦ TỤC", "3")
    assert r.text.startswith("Kế hoạch Kiểm tra công tác kiểm soát thủ tục hành chính năm 2025.")
    assert r.lead[0] == "Phòng KSTTHC"
    assert r.deadline == "Kế hoạch ban hành quý III/2025; Báo cáo kết quả định kỳ quý/năm theo quy định."
    assert "STT" not in r.text and "Nội dung công việc" not in r.text


def test_header_repeated_inside_a_row_is_dropped():
    # 003 II.2: the task text breaks at "Trang Công báo điện" (1067) and goes on after
    # the repeated header with "tử tỉnh khi có Quyết định của UBND tỉnh." (1108)
    rows, _ = _sample("003")
    r = _row(rows, "CẢI CÁCH THỂ CHẾ", "2")
    assert r.text.startswith("Cập nhật văn bản lên Trang Công báo điện tử tỉnh; Cổng Thông tin điện tử tỉnh")
    assert "trên Trang Công báo điện tử tỉnh khi có Quyết định của UBND tỉnh." in r.text
    assert r.lead == ["Trung tâm Thông tin"]
    assert "Phòng, ban" not in (r.output or "") + (r.deadline or "")
    # 001 Phụ lục 06 row 6: "... tại Quyết" / header / "định số 3533/QĐ-UBND ngày 02/10/2023 của UBND tỉnh."
    rows, _ = _sample("001")
    r = next(x for x in rows if "số 06" in x.table and x.row_ref == "6")
    assert "Quyết định số 3533/QĐ-UBND ngày 02/10/2023 của UBND tỉnh." in r.text
    assert "Nội dung thực hiện" not in r.text


def test_page_number_is_dropped():
    # 000 line 3342: a lone "27" (page number) between "Thường / xuyên" and the header
    rows, _ = _sample("000")
    r = _row(rows, "CẢI CÁCH THỦ TỤC", "3.5", "activity")
    assert r.deadline == "Thường xuyên"
    assert r.budget is None
    assert not any("27" in (x.budget or "") for x in rows)


def test_task_activities_share_merged_cells():
    rows, _ = _sample("000")
    # I 2.1 (1331-1377): activities 3.1 and 3.2, then one set of cells for all three rows
    for ref, level in (("2.1", "task"), ("3.1", "activity"), ("3.2", "activity")):
        r = _row(rows, "CÔNG TÁC TRIỂN KHAI", ref, level)
        assert r.lead == ["Sở Nội vụ"]
        assert r.deadline == "Tháng 7/2025"
        assert r.output == "Văn bản và các dự thảo kèm theo"
        assert r.target.startswith("1.1. Nâng cao chất lượng công tác chỉ đạo điều hành;")
    assert _row(rows, "CÔNG TÁC TRIỂN KHAI", "3.2", "activity").parent_ref == "2.1"
    # I 2.4 (1483-1618): each activity prints its own cells, so the task row has none
    task = _row(rows, "CÔNG TÁC TRIỂN KHAI", "2.4")
    assert task.lead == [] and task.deadline is None
    act = _row(rows, "CÔNG TÁC TRIỂN KHAI", "3.5", "activity")
    assert act.output == "Kế hoạch" and act.lead == ["Sở Nội vụ"]
    assert act.deadline == "Tháng 01/2025 (đã hoàn thành)"
    assert _row(rows, "CÔNG TÁC TRIỂN KHAI", "3.6", "activity").deadline == "Thường xuyên"


def test_numbering_restarts_in_each_area():
    rows, _ = _sample("000")
    first = _row(rows, "CÔNG TÁC TRIỂN KHAI", "2.1")
    second = _row(rows, "CẢI CÁCH THỂ CHẾ", "2.1")
    assert first.text.startswith("Cập nhật, bổ sung ban hành Kế hoạch CCHC")
    assert second.text.startswith("Ban hành các văn bản quy phạm pháp luật")
    assert second.target.startswith("1.1. Phấn đấu 100%")
    act = _row(rows, "CẢI CÁCH THỂ CHẾ", "3.1", "activity")
    assert act.parent_ref == "2.1" and act.lead == ["Sở Tư pháp"]
    areas = list(dict.fromkeys(r.area for r in rows))
    assert areas[:2] == ["CÔNG TÁC TRIỂN KHAI CÁC NHIỆM VỤ CCHC", "CẢI CÁCH THỂ CHẾ"]
    assert len(areas) == 7


def test_tables_per_area_without_roman_rows():
    # 001: seven appendices "Phụ lục số 0x: Các nhiệm vụ trọng tâm về ...", TT numbers only
    rows, _ = _sample("001")
    assert rows[0].table == "Phụ lục số 01: Các nhiệm vụ trọng tâm về cải cách thể chế"
    assert rows[0].area == "Cải cách thể chế"
    assert [r.row_ref for r in rows if "số 01" in r.table] == ["1", "2", "3", "4"]
    assert all(r.row_ref is None for r in rows if "số 07" in r.table)


# measured on the samples (rows p/r, lead, deadline, target, fully right) minus a margin
FLOORS = {
    "000": dict(p=0.89, r=0.90, lead_acc=0.79, deadline_acc=0.86, target_acc=0.93, fully_right=0.68),
    "001": dict(p=0.95, r=0.95, lead_acc=0.78, deadline_acc=0.87, fully_right=0.74),
    "003": dict(p=0.95, r=0.95, lead_acc=0.89, deadline_acc=0.92, fully_right=0.87),
}


@pytest.mark.parametrize("prefix", sorted(FLOORS))
def test_sample_scores_stay_above_floor(prefix):
    rows, gold = _sample(prefix)
    got = score(gold, {"table_tasks": [r.model_dump() for r in rows]}).rows
    for key, floor in FLOORS[prefix].items():
        assert got[key] >= floor, f"{prefix} {key} {got[key]:.3f} < {floor}"


SYNTHETIC = """\
KẾ HOẠCH
Thực hiện nhiệm vụ năm 2025
PHỤ LỤC II
DANH MỤC NHIỆM VỤ NĂM 2025
STT
Nhiệm vụ
Đơn vị chủ
trì
Đơn vị phối
hợp
Thời hạn
hoàn thành
Sản phẩm
I CÔNG TÁC PHÁP CHẾ
1
Rà soát, hệ thống hóa văn bản quy
phạm pháp luật thuộc lĩnh vực quản
lý của ngành năm 2025.
Phòng Pháp
chế
Các phòng
chuyên môn
Quý IV/2025
Báo cáo kết
quả rà soát
2
Tổ chức tập huấn nghiệp vụ cho đội
ngũ cán bộ làm công tác pháp chế
Văn phòng
Sở
Phòng Pháp
chế
Tháng 6/2025
Kế hoạch tập
huấn
II CÔNG TÁC KIỂM TRA
1
Kiểm tra việc thực hiện quy chế làm
việc tại các đơn vị trực thuộc theo
7
STT
Nhiệm vụ
Đơn vị chủ
trì
Đơn vị phối
hợp
Thời hạn
hoàn thành
Sản phẩm
kế hoạch đã được phê duyệt.
Thanh tra Sở
Các đơn vị
trực thuộc
Thường xuyên
Thông báo kết
luận
"""


def test_other_issuer_with_other_columns():
    """Lead and coordinating before the output, 'Thời hạn' for the deadline, a page
    number and the header inside the last row."""
    lines = [Line(text=t, lineno=i) for i, t in enumerate(SYNTHETIC.split("\n"), 1)]
    doc = Document(path="x.txt", source="x.txt", shape="pdf-text", lines=lines)
    rows = text_tables(doc, DocumentMeta())
    assert [(r.area, r.row_ref) for r in rows] == [
        ("CÔNG TÁC PHÁP CHẾ", "1"), ("CÔNG TÁC PHÁP CHẾ", "2"), ("CÔNG TÁC KIỂM TRA", "1")]
    a, b, c = rows
    assert a.table == "Phụ lục II"
    assert a.text == "Rà soát, hệ thống hóa văn bản quy phạm pháp luật thuộc lĩnh vực quản lý của ngành năm 2025."
    assert a.lead == ["Phòng Pháp chế"] and a.coordinating == ["Các phòng chuyên môn"]
    assert a.deadline == "Quý IV/2025" and a.output == "Báo cáo kết quả rà soát"
    assert b.lead == ["Văn phòng Sở"] and b.coordinating == ["Phòng Pháp chế"]
    assert b.deadline == "Tháng 6/2025" and b.output == "Kế hoạch tập huấn"
    assert c.text.endswith("theo kế hoạch đã được phê duyệt.")
    assert c.lead == ["Thanh tra Sở"] and c.coordinating == ["Các đơn vị trực thuộc"]
    assert c.deadline == "Thường xuyên" and c.output == "Thông báo kết luận"
    assert all(r.target is None and r.level == "task" for r in rows)


SYNTHETIC_NUMBERED_HEADER = """\
Phụ lục: Nhiệm vụ cải cách hành chính năm 2026
TT Nội dung công việc Sản phẩm Cơ quan chủ
trì
Cơ quan phối
hợp
Thời gian
(1) (2) (3) (4) (5) (6)
I. Cải cách thủ tục hành chính
1 Rà soát, đơn giản hóa thủ tục hành chính thuộc phạm
vi quản lý của ngành.
Báo cáo kết
quả
Phòng Tư pháp Các phòng, ban Quý II/2026
2 Công bố, công khai thủ tục hành chính trên cổng Quyết định Văn phòng Các đơn vị Thường xuyên
12
TT Nội dung công việc Sản phẩm Cơ quan chủ
trì
Cơ quan phối
hợp
Thời gian
(1) (2) (3) (4) (5) (6)
dịch vụ công quốc gia.
công bố
II. Chuyển đổi số
1 Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính
tại bộ phận một cửa.
Hồ sơ được
số hóa
Văn phòng
Các phòng
Năm 2026
"""


def test_header_with_column_numbers_and_sentence_case_areas():
    """Row numbers printed inline ("1 Rà soát ..."), a row of column numbers under the
    header, areas "I. Cải cách ..." in sentence case, a row whose cells' first lines
    share one text line, a page number before the repeated header."""
    lines = [Line(text=t, lineno=i) for i, t in enumerate(SYNTHETIC_NUMBERED_HEADER.split("\n"), 1)]
    rows = text_tables(Document(path="y.txt", source="y.txt", shape="pdf-text", lines=lines), DocumentMeta())
    assert [(r.area, r.row_ref) for r in rows] == [
        ("Cải cách thủ tục hành chính", "1"), ("Cải cách thủ tục hành chính", "2"), ("Chuyển đổi số", "1")]
    a, b, c = rows
    assert a.table == "Phụ lục: Nhiệm vụ cải cách hành chính năm 2026"
    assert a.text == "Rà soát, đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý của ngành."
    assert (a.output, a.lead, a.coordinating, a.deadline) == (
        "Báo cáo kết quả", ["Phòng Tư pháp"], ["Các phòng, ban"], "Quý II/2026")
    assert b.text.startswith("Công bố, công khai thủ tục hành chính trên cổng")
    assert b.output.startswith("Quyết định") and b.lead == ["Văn phòng"] and b.coordinating == ["Các đơn vị"]
    assert b.deadline.startswith("Thường xuyên")
    assert not any("(1)" in (r.text + (r.output or "")) or "12" in (r.deadline or "") for r in rows)
    assert c.text == "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại bộ phận một cửa."
    assert (c.output, c.lead, c.coordinating, c.deadline) == (
        "Hồ sơ được số hóa", ["Văn phòng"], ["Các phòng"], "Năm 2026")


def test_task_table_without_appendix_title():
    """The same table right after a sentence of the plan body: found by its header."""
    text = SYNTHETIC_NUMBERED_HEADER.replace(
        "Phụ lục: Nhiệm vụ cải cách hành chính năm 2026", "Nội dung các nhiệm vụ cụ thể như sau:")
    lines = [Line(text=t, lineno=i) for i, t in enumerate(text.split("\n"), 1)]
    rows = text_tables(Document(path="z.txt", source="z.txt", shape="pdf-text", lines=lines), DocumentMeta())
    assert [(r.table, r.area, r.row_ref) for r in rows] == [
        (None, "Cải cách thủ tục hành chính", "1"), (None, "Cải cách thủ tục hành chính", "2"),
        (None, "Chuyển đổi số", "1")]
    assert rows[0].lead == ["Phòng Tư pháp"] and rows[2].deadline == "Năm 2026"


def test_area_column_instead_of_roman_rows():
    text = "\n".join([
        "PHỤ LỤC", "STT", "Lĩnh vực", "Nhiệm vụ", "Cơ quan chủ", "trì", "Thời hạn",
        "1", "Cải cách thể", "chế", "Rà soát văn bản quy phạm pháp luật", "do Hội đồng nhân dân ban hành.",
        "Sở Tư pháp", "Quý III/2025",
        "2", "Kiểm soát thủ tục hành chính tại các", "đơn vị trực thuộc.", "Văn phòng", "Thường xuyên"])
    lines = [Line(text=t, lineno=i) for i, t in enumerate(text.split("\n"), 1)]
    rows = text_tables(Document(path="w.txt", source="w.txt", shape="pdf-text", lines=lines), DocumentMeta())
    assert [(r.area, r.row_ref, r.lead, r.deadline) for r in rows] == [
        ("Cải cách thể chế", "1", ["Sở Tư pháp"], "Quý III/2025"),
        ("Cải cách thể chế", "2", ["Văn phòng"], "Thường xuyên")]
    assert rows[0].text == "Rà soát văn bản quy phạm pháp luật do Hội đồng nhân dân ban hành."


def _rows_of(text: str):
    lines = [Line(text=t, lineno=i) for i, t in enumerate(text.split("\n"), 1)]
    return text_tables(Document(path="v.txt", source="v.txt", shape="pdf-text", lines=lines), DocumentMeta())


_HEADER_7 = ["PHỤ  LỤC", "TT Nhiệm vụ Kết quả/sản", "phẩm đầu ra", "Chủ trì Phối hợp Thời hạn Kinh", "phí"]


def test_arabic_numbered_areas_and_decimal_row_numbers_alone_on_their_line():
    """Areas "1. CẢI CÁCH ..." in capitals, rows "1.1" alone on a line (after a budget
    cell, so the number must not join it), a title printed "PHỤ  LỤC"."""
    rows = _rows_of("\n".join(_HEADER_7 + [
        "1. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "1.1", "Rà soát quy trình nội bộ giải quyết thủ", "tục hành chính năm 2026",
        "Kế hoạch", "Văn phòng Sở", "Sở Nội vụ", "Quý II/2026", "Ngân sách", "tỉnh",
        "1.2", "Tổ chức tập huấn nghiệp vụ cải cách hành", "chính cho công chức",
        "Báo cáo", "Thanh tra Sở", "Các phòng", "Thường xuyên", "50",
        "2. CẢI CÁCH THỂ CHẾ",
        "2.1", "Rà soát văn bản quy phạm pháp luật do", "Hội đồng nhân dân ban hành.",
        "Báo cáo", "Phòng Pháp chế", "Các phòng", "Quý IV/2026", "25"]))
    assert [(r.area, r.row_ref) for r in rows] == [
        ("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "1.1"), ("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "1.2"),
        ("CẢI CÁCH THỂ CHẾ", "2.1")]
    assert rows[0].text == "Rà soát quy trình nội bộ giải quyết thủ tục hành chính năm 2026"
    assert rows[0].budget == "Ngân sách tỉnh" and rows[0].table == "Phụ lục"
    assert rows[1].deadline == "Thường xuyên" and rows[1].budget == "50"
    assert rows[2].lead == ["Phòng Pháp chế"] and rows[2].budget == "25"


def test_letter_row_numbers():
    """Rows "a)", "b)": the letter is the row number, not the end of the last cell;
    an "a)" inside a cell of a table numbered 1, 2, ... stays text."""
    rows = _rows_of("\n".join([
        "PHỤ LỤC", "TT Nội dung công việc Cơ quan", "chủ trì", "Cơ quan phối", "hợp", "Thời gian",
        "I CẢI CÁCH THỂ CHẾ",
        "a)", "Rà soát quy trình nội bộ giải quyết thủ tục hành", "chính năm 2026",
        "Văn phòng Sở", "Sở Nội vụ", "Quý II/2026",
        "b)", "Tổ chức tập huấn nghiệp vụ cải cách hành chính", "cho công chức",
        "Thanh tra Sở", "Các phòng", "Thường xuyên"]))
    assert [(r.row_ref, r.deadline) for r in rows] == [("a", "Quý II/2026"), ("b", "Thường xuyên")]
    assert rows[1].text == "Tổ chức tập huấn nghiệp vụ cải cách hành chính cho công chức"
    rows = _rows_of("\n".join([
        "PHỤ LỤC", "TT Nội dung công việc Cơ quan", "chủ trì", "Cơ quan phối", "hợp", "Thời gian",
        "I CẢI CÁCH THỂ CHẾ",
        "1", "Rà soát các nội dung sau:", "a) quy trình nội bộ giải quyết thủ tục",
        "Văn phòng Sở", "Sở Nội vụ", "Quý II/2026"]))
    assert [r.row_ref for r in rows] == ["1"] and "a) quy trình" in rows[0].text


def test_unnumbered_row_after_a_row_that_goes_on_after_the_page_header():
    """Empty TT column; row 1's text is cut by a page break (its other cells printed
    before the header): the next capitalised text line after its end starts row 2."""
    header = ["TT Nội dung công việc Cơ quan", "chủ trì", "Cơ quan phối", "hợp", "Thời gian", "hoàn thành"]
    rows = _rows_of("\n".join(["PHỤ LỤC"] + header + [
        "I CẢI CÁCH THỂ CHẾ",
        "Sửa đổi bổ sung, điều chỉnh đề án vị trí việc", "làm các cơ quan, đơn vị. Bố trí cán bộ, công",
        "Phòng Nghiệp vụ", "Sở Nội vụ", "Tháng 6/2026", "2"] + [" " + header[0]] + header[1:] + [
        "chức theo đề án vị trí việc làm đã được", "phê duyệt.",
        "Tổ chức kiểm tra công tác cải cách hành chính", "tại các đơn vị trực thuộc",
        "Thanh tra Sở", "Các phòng", "Quý III/2026",
        "Công bố, công khai thủ tục hành chính trên cổng", "dịch vụ công quốc gia.",
        "Văn phòng Sở", "Các đơn vị", "Thường xuyên"]))
    assert [" ".join(r.text.split()[:4]) for r in rows] == [
        "Sửa đổi bổ sung,", "Tổ chức kiểm tra", "Công bố, công khai"]
    assert rows[0].text.endswith("đề án vị trí việc làm đã được phê duyệt.")
    assert (rows[0].lead, rows[0].deadline) == (["Phòng Nghiệp vụ"], "Tháng 6/2026")
    assert (rows[1].lead, rows[1].coordinating, rows[1].deadline) == (["Thanh tra Sở"], ["Các phòng"], "Quý III/2026")


def test_one_line_cells_printed_together_on_one_line():
    """Output, lead, coordinating and deadline on one baseline come out as one text line
    (as 000 L1499 "Kế hoạch Sở Nội vụ"); agency starts and a period start cut it, and a
    name wrapped before its dash ("Phòng Văn hóa" / "- Xã hội") stays one agency."""
    rows = _rows_of("\n".join(_HEADER_7 + [
        "I CẢI CÁCH THỂ CHẾ",
        "1", "Rà soát quy trình nội bộ giải quyết thủ", "tục hành chính năm 2026",
        "Kế hoạch Văn phòng Sở Sở Nội vụ Quý II/2026",
        "2", "Tổ chức tập huấn nghiệp vụ cải cách hành", "chính cho công chức",
        "Báo cáo", "Phòng Văn hóa", "- Xã hội", "Sở Nội vụ Quý I/2026",
        "3", "Công bố, công khai thủ tục hành chính trên", "cổng dịch vụ công quốc gia.",
        "Quyết định", "Văn phòng Sở", "Các phòng", "- Kế hoạch: Quý", "I/2026; - Báo", "cáo kết quả:",
        "Tháng 12/2026."]))
    assert [(r.output, r.lead, r.coordinating, r.deadline) for r in rows] == [
        ("Kế hoạch", ["Văn phòng Sở"], ["Sở Nội vụ"], "Quý II/2026"),
        ("Báo cáo", ["Phòng Văn hóa - Xã hội"], ["Sở Nội vụ"], "Quý I/2026"),
        ("Quyết định", ["Văn phòng Sở"], ["Các phòng"], "- Kế hoạch: Quý I/2026; - Báo cáo kết quả: Tháng 12/2026.")]


def test_unnumbered_target_cell_merged_over_rows_then_a_new_target():
    """A Mục tiêu column whose cell spans rows 1-2 (printed once), then row 3 with a new
    target: row 3's task is a row of its own under the new target."""
    rows = _rows_of("\n".join([
        "PHỤ LỤC", "TT Mục tiêu/Chỉ", "tiêu", "Nhiệm vụ Kết quả,", "sản phẩm", "Chủ trì Phối hợp Thời", "gian",
        "I CẢI CÁCH THỂ CHẾ",
        "1", "100% văn bản được kết", "nối liên thông.", "Rà soát quy trình nội bộ giải quyết", "thủ tục hành chính",
        "Kế hoạch", "Sở Nội vụ", "Các sở", "Quý II/2026",
        "2", "Tập huấn nghiệp vụ cải cách hành", "chính cho công chức",
        "Báo cáo", "Sở Tư pháp", "Các sở", "Tháng 6/2026",
        "3", "30% hoạt động kiểm tra", "thực hiện qua môi", "trường số.", "Tổ chức kiểm tra công tác cải cách",
        "hành chính tại các đơn vị", "Thông báo", "Sở Tài chính", "Các sở", "Năm 2026"]))
    assert [(r.row_ref, r.target, r.text) for r in rows] == [
        ("1", "100% văn bản được kết nối liên thông.", "Rà soát quy trình nội bộ giải quyết thủ tục hành chính"),
        ("2", "100% văn bản được kết nối liên thông.", "Tập huấn nghiệp vụ cải cách hành chính cho công chức"),
        ("3", "30% hoạt động kiểm tra thực hiện qua môi trường số.",
         "Tổ chức kiểm tra công tác cải cách hành chính tại các đơn vị")]
    assert rows[2].lead == ["Sở Tài chính"] and rows[2].deadline == "Năm 2026"


def test_agency_line_ending_in_semicolon_goes_on_in_the_same_cell():
    """';' separates agencies inside one cell, not cells: "Phòng Nghiệp vụ;" / "Thanh tra
    Sở" is one lead cell of two agencies, before a coordinating cell run together with
    the deadline (a Sở's plan, cells 48/16/16/16 characters wide)."""
    rows = _rows_of("\n".join([
        "PHỤ LỤC", "TT Nội dung công việc Cơ quan", "chủ trì", "Cơ quan phối", "hợp", "Thời gian",
        "I CẢI CÁCH THỂ CHẾ",
        "1", "Rà soát quy trình nội bộ giải quyết thủ tục hành", "chính năm 2026",
        "Văn phòng Sở", "Sở Nội vụ", "Quý II/2026",
        "2", "Thông báo lịch thẩm định; tiến hành thẩm định;", "họp hội đồng thẩm định cấp tỉnh và trình Chủ",
        "tịch UBND tỉnh phê duyệt kết quả",
        "Phòng Nghiệp vụ;", "Thanh tra Sở", "UBND các xã, phường Quý I/2026",
        "3", "Tổ chức tập huấn nghiệp vụ cải cách hành chính", "cho công chức",
        "Văn phòng Sở", "Các phòng", "Thường xuyên"]))
    assert [(r.lead, r.coordinating, r.deadline) for r in rows] == [
        (["Văn phòng Sở"], ["Sở Nội vụ"], "Quý II/2026"),
        (["Phòng Nghiệp vụ", "Thanh tra Sở"], ["UBND các xã, phường"], "Quý I/2026"),
        (["Văn phòng Sở"], ["Các phòng"], "Thường xuyên")]


def test_lines_after_an_interleaved_row_are_interleaved_too():
    # 000 II activity 3.2: line 2528 prints the first line of every cell ("3.2. Xây dựng
    # các | Các văn | Sở, ban, | Sở Tư | Thường | 380"), the page header follows, and line
    # 2565 "dự thảo văn bản bản QPPL ngành" carries three of them on: activity, output, lead
    rows, _ = _sample("000")
    r = _row(rows, "CẢI CÁCH THỂ CHẾ", "3.2", "activity")
    assert r.text == "Xây dựng các dự thảo văn bản"
    assert r.output == "Các văn bản QPPL"
    assert r.lead[0].startswith("Sở, ban, ngành")
    assert r.budget == "380"


def test_columns_narrower_in_one_area():
    # 000 VII (ISO part) prints its output column narrower than the other areas: "300 cơ /
    # quan, / đơn vị / có liên / quan / duy trì," (6607-6617) is the output of ISO 2.1,
    # "Các cơ / quan, / đơn vị / áp dụng" (6619-6625) its lead, "Sở Khoa / học và / Công /
    # nghệ." its coordinating cell
    rows, _ = _sample("000")
    r = next(x for x in rows if x.level == "task" and x.text.startswith("Duy trì và cải tiến hệ thống"))
    assert r.output.startswith("300 cơ quan, đơn vị có liên quan duy trì,")
    assert r.lead == ["Các cơ quan, đơn vị áp dụng"]
    assert r.coordinating[0].startswith("Sở Khoa học và Công nghệ")


def test_reference_cut_before_its_hyphen_stays_in_its_cell():
    # 000 ISO 2.7: the output cell wraps "310/KH" (7304) / "-UBND" (7306); "-UBND" is the
    # rest of the symbol, not a lead cell starting with a bullet. The lead is "Sở Khoa /
    # học và / Công / nghệ" (7320-7326)
    rows, _ = _sample("000")
    r = next(x for x in rows if x.level == "task" and x.text.startswith("Xây dựng Báo cáo sơ kết đánh giá"))
    assert "Kế hoạch số 310/KH-UBND" in r.output
    assert r.lead == ["Sở Khoa học và Công nghệ"]
    assert r.coordinating == ["Các cơ quan, đơn vị áp dụng ISO"]


def test_agency_line_ending_in_comma_goes_on_in_the_same_cell():
    # 000 I 2.14 (2356-2368): "Sở Nội vụ, / Đoàn Kiểm / tra, HĐTĐ / CCHC tỉnh" is one lead
    # cell of three bodies; the coordinating cell "các cơ quan, / đơn vị liên / quan" follows
    rows, _ = _sample("000")
    r = _row(rows, "CÔNG TÁC TRIỂN KHAI", "2.14")
    assert r.lead == ["Sở Nội vụ", "Đoàn Kiểm tra", "HĐTĐ CCHC tỉnh"]
    assert r.coordinating == ["các cơ quan, đơn vị liên quan"]
    assert r.deadline == "Theo kế hoạch thẩm định hằng năm"


def test_budget_phrase_after_a_page_header_goes_on_in_the_budget_cell():
    # 000 I 2.5 (1621-1680): "Theo dự" / "toán" (1639-1641) close the page, the header
    # repeats, the cells go on, and the last of them is "được cấp" (1680): the end of the
    # budget cell "Theo dự toán được cấp", not of the lead "Sở Nội vụ" printed before
    rows, _ = _sample("000")
    for ref, level in (("2.5", "task"), ("3.7", "activity")):
        found = [r for r in rows if r.area.startswith("CÔNG TÁC") and r.row_ref == ref and r.level == level
                 and r.text.startswith(("Tổ chức các hội", "Các văn bản triển khai"))]
        assert found, ref
        assert found[0].lead == ["Sở Nội vụ"]
        assert found[0].budget == "Theo dự toán được cấp"


def test_numbered_entries_of_a_shared_lead_cell_are_dealt_to_the_tasks():
    # 000 VI target 1.5 (5229-5335): tasks 2.6 and 2.7 share one lead cell under "5- Chủ trì"
    # whose entries are numbered by that column: "5.1.Trung" ... "Hà Tĩnh" (5283-5295) for
    # the first task, "5.2. Sở" ... "xã" (5297-5315) for the second; the number is dropped
    rows, _ = _sample("000")
    first = _row(rows, "CẢI CÁCH TÀI CHÍNH", "2.6")
    second = _row(rows, "CẢI CÁCH TÀI CHÍNH", "2.7")
    assert first.lead == ["Trung tâm dịch vụ tài chính và hỗ trợ doanh nghiệp tỉnh Hà Tĩnh"]
    assert second.lead == ["Sở Tài chính (đối với đơn vị SNCL thuộc cấp tỉnh)", "UBND cấp xã"]
    for r in (first, second):
        assert "5.1" not in (r.output or "") and "5.2" not in (r.output or "")


# ---------------------------------------------------------------- layouts of other issuers
# Cut from text dumps of tests/generators/layouts.py's tables (pdfium, the samples' shape);
# expected rows read off the tables as written there (shared/eval/SCHEMA.md, "Rows").
def test_unnumbered_activity_cell_goes_into_its_tasks_row():
    rows = _rows_of("\n".join([
        "PHỤ LỤC",
        "TT Nhiệm vụ Hoạt động Sản phẩm Cơ quan chủ trì Cơ quan phối ", "hợp", "Thời gian ", "hoàn ", "thành",
        "Kinh phí",
        "I CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
        "1 Ban hành Kế hoạch cải cách", "hành chính năm 2026 của ", "tỉnh.",
        "- Xây dựng dự thảo Kế hoạch.", "- Gửi lấy ý kiến các sở, ban, ", "ngành.",
        "- Trình Chủ tịch UBND tỉnh ban ", "hành.",
        "Kế hoạch", "Sở Nội vụ", "Các sở, ban, ", "ngành", "Quý I/2026", "Theo dự ", "toán được ", "giao",
        "2 Kiểm tra việc thực hiện pháp ", "luật về xử lý vi phạm hành ", "chính.",
        "Báo cáo kết quả ", "kiểm tra", "Sở Tư pháp", "UBND các xã, ", "phường", "Năm 2026",
        "3 Đo lường sự hài lòng của ", "người dân, doanh nghiệp.",
        "3.1. Xây dựng phiếu khảo sát.", "Phiếu khảo ", "sát",
        "Sở Nội vụ", "Bưu điện tỉnh", "Quý ", "II/2026", "40",
        "3.2. Tổ chức khảo sát và công ", "bố kết quả.", "Báo cáo kết ", "quả", "Quý ", "IV/2026", "60"]))
    assert [(r.row_ref, r.level, r.parent_ref) for r in rows] == [
        ("1", "task", None), ("2", "task", None), ("3", "task", None), ("3.1", "activity", "3"),
        ("3.2", "activity", "3")]
    first = rows[0]
    assert first.text == ("Ban hành Kế hoạch cải cách hành chính năm 2026 của tỉnh. — - Xây dựng dự thảo Kế "
                          "hoạch. - Gửi lấy ý kiến các sở, ban, ngành. - Trình Chủ tịch UBND tỉnh ban hành.")
    assert (first.output, first.lead, first.coordinating, first.deadline, first.budget) == (
        "Kế hoạch", ["Sở Nội vụ"], ["Các sở, ban, ngành"], "Quý I/2026", "Theo dự toán được giao")
    assert rows[1].text == "Kiểm tra việc thực hiện pháp luật về xử lý vi phạm hành chính."   # no activity
    assert rows[1].output == "Báo cáo kết quả kiểm tra"
    # numbered activities stay rows of their own; the agencies printed once are all three's
    assert [r.text for r in rows[2:]] == ["Đo lường sự hài lòng của người dân, doanh nghiệp.",
                                          "Xây dựng phiếu khảo sát.", "Tổ chức khảo sát và công bố kết quả."]
    assert all(r.lead == ["Sở Nội vụ"] for r in rows[2:])
    assert [(r.deadline, r.budget) for r in rows[3:]] == [("Quý II/2026", "40"), ("Quý IV/2026", "60")]


def test_tt_numbering_targets_with_unnumbered_tasks_under_them():
    target = "Nâng cao chất lượng công tác chỉ đạo, điều hành cải cách hành chính của tỉnh"
    rows = _rows_of("\n".join([
        "PHỤ LỤC",
        "TT Mục tiêu Nhiệm vụ Hoạt động Chủ trì Phối hợp Thời ", "gian", "Kinh", "phí",
        "I CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "1 Nâng cao chất lượng công", "tác chỉ đạo, điều hành cải ", "cách hành chính của tỉnh",
        "Nâng cao chất lượng kiểm", "tra công tác cải cách hành", "chính",
        "- Xây dựng Kế hoạch kiểm ", "tra cải cách hành chính.",
        "Sở Nội ", "vụ", "Văn phòng ", "UBND tỉnh", "Quý II, ", "III/2026", "80",
        "Nâng cao chất lượng ", "tuyên truyền cải cách ", "hành chính",
        "- Tuyên truyền cải cách hành", "chính trên Báo và Phát ", "thanh, Truyền hình tỉnh.",
        "Sở Văn ", "hóa, ", "Thể ", "thao và ", "Du lịch", "Báo và Phát", "thanh, ", "Truyền hình ", "tỉnh",
        "Thường ", "xuyên", "40",
        "2 Cải thiện Chỉ số cải cách ", "hành chính của tỉnh",
        "Cải thiện kết quả tự đánh ", "giá Chỉ số cải cách hành ", "chính",
        "- Thẩm định kết quả tự đánh ", "giá.",
        "Sở Nội ", "vụ", "Các sở, ban,", "ngành", "Tháng ", "12/2026", "30"]))
    assert [(r.row_ref, r.target) for r in rows] == [
        (None, target), (None, target), (None, "Cải thiện Chỉ số cải cách hành chính của tỉnh")]
    assert rows[0].text == ("Nâng cao chất lượng kiểm tra công tác cải cách hành chính — - Xây dựng Kế hoạch "
                            "kiểm tra cải cách hành chính.")
    assert rows[1].text.startswith("Nâng cao chất lượng tuyên truyền cải cách hành chính — - Tuyên truyền")
    assert [(r.lead, r.deadline) for r in rows] == [
        (["Sở Nội vụ"], "Quý II, III/2026"), (["Sở Văn hóa, Thể thao và Du lịch"], "Thường xuyên"),
        (["Sở Nội vụ"], "Tháng 12/2026")]


# tests/generators/layouts.py's "khong_so" table as pypdfium2 prints LibreOffice's PDF of it
KHONG_SO_DUMP = [
    "PHỤ LỤC", "CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM NĂM 2026",
    "Nội dung công việc Hoạt động cụ thể Đơn vị chủ trì Đơn vị phối hợp Thời hạn Sản phẩm",
    "CẢI CÁCH THỂ CHẾ",
    "Xây dựng văn bản quy phạm pháp", "luật theo chương trình năm 2026", "- Lập danh mục văn bản cần ban ",
    "hành.", "- Soạn thảo, trình ban hành văn ", "bản.", "Sở Tư pháp Các sở, ngành Quý IV/2026 Nghị quyết, Quyết ",
    "định", "Kiểm tra, rà soát văn bản quy ", "phạm pháp luật", "Kiểm tra văn bản sau khi ban ", "hành.",
    "Sở Tư pháp Các cơ quan liên ", "quan", "Thường ", "xuyên", "Báo cáo",
    "CẢI CÁCH TỔ CHỨC BỘ MÁY",
    "Sắp xếp, kiện toàn tổ chức bộ ", "máy các cơ quan chuyên môn", "- Rà soát chức năng, nhiệm vụ.",
    "- Trình phê duyệt phương án sắp ", "xếp.", "Sở Nội vụ Các sở, ban, ngành Quý III/2026 Đề án",
    "Quản lý biên chế công chức năm ", "2026", "Sở Nội vụ UBND các xã, ", "phường", "Năm 2026 Quyết định giao ",
    "biên chế",
    "XÂY DỰNG CHÍNH QUYỀN SỐ",
    "Vận hành Hệ thống thông tin giải ", "quyết thủ tục hành chính", "- Duy trì hệ thống.",
    "- Bảo đảm an toàn thông tin.", "Sở Khoa học và", "Công nghệ", "Trung tâm Phục ", "vụ hành chính ",
    "công tỉnh", "Thường ", "xuyên", "Hệ thống vận hành", "ổn định"]


def test_areas_in_capitals_without_numerals_and_a_header_on_one_line():
    """No TT column, no number anywhere: rows are told apart by the layout alone."""
    rows = _rows_of("\n".join(KHONG_SO_DUMP))
    assert [(r.area, r.row_ref, r.text, r.lead, r.deadline) for r in rows] == [
        ("CẢI CÁCH THỂ CHẾ", None, "Xây dựng văn bản quy phạm pháp luật theo chương trình năm 2026 — - Lập danh "
         "mục văn bản cần ban hành. - Soạn thảo, trình ban hành văn bản.", ["Sở Tư pháp"], "Quý IV/2026"),
        ("CẢI CÁCH THỂ CHẾ", None,
         "Kiểm tra, rà soát văn bản quy phạm pháp luật — Kiểm tra văn bản sau khi ban hành.",
         ["Sở Tư pháp"], "Thường xuyên"),
        ("CẢI CÁCH TỔ CHỨC BỘ MÁY", None, "Sắp xếp, kiện toàn tổ chức bộ máy các cơ quan chuyên môn — - Rà soát "
         "chức năng, nhiệm vụ. - Trình phê duyệt phương án sắp xếp.", ["Sở Nội vụ"], "Quý III/2026"),
        ("CẢI CÁCH TỔ CHỨC BỘ MÁY", None, "Quản lý biên chế công chức năm 2026", ["Sở Nội vụ"], "Năm 2026"),
        ("XÂY DỰNG CHÍNH QUYỀN SỐ", None, "Vận hành Hệ thống thông tin giải quyết thủ tục hành chính — - Duy trì "
         "hệ thống. - Bảo đảm an toàn thông tin.", ["Sở Khoa học và Công nghệ"], "Thường xuyên")]
    assert rows[3].coordinating == ["UBND các xã, phường"] and rows[3].output == "Quyết định giao biên chế"


def test_numbered_sub_area_rows_are_headings_and_numbering_restarts():
    area = "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"
    rows = _rows_of("\n".join([
        "PHỤ LỤC",
        "TT Nội dung Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn ", "thành", "Sản phẩm",
        f"II {area}",
        "2.1 Chính quyền số",
        "1 Duy trì Hệ thống quản lý văn bản và điều hành ", "của tỉnh.",
        "Sở Khoa học và ", "Công nghệ", "Văn phòng UBND ", "tỉnh", "Quý II/2026", "Hệ thống được ", "nâng cấp",
        "2 Triển khai chữ ký số cho cán bộ, công chức ", "trong xử lý văn bản điện tử.",
        "Sở Khoa học và ", "Công nghệ", "Các cơ quan, đơn ", "vị", "Năm 2026", "Chứng thư số được ", "cấp",
        "2.2 Kinh tế số, xã hội số",
        "1 Hướng dẫn người dân sử dụng dịch vụ công ", "trực tuyến.",
        "UBND các xã, phường", "Đoàn Thanh niên", "Thường xuyên", "Báo cáo kết quả"]))
    assert [(r.area, r.row_ref) for r in rows] == [(area, "1"), (area, "2"), (area, "1")]
    assert rows[2].text == "Hướng dẫn người dân sử dụng dịch vụ công trực tuyến."
    assert rows[2].lead == ["UBND các xã, phường"] and rows[1].deadline == "Năm 2026"


def test_area_row_printed_on_the_line_of_the_next_row_and_a_numeral_wrapped_in_a_narrow_column():
    rows = _rows_of("\n".join([
        "PHỤ LỤC", "TT Nội dung Chủ trì Phối hợp Thời gian",
        "II CẢI CÁCH THỦ TỤC HÀNH CHÍNH 1 Công khai danh mục thủ tục ", "hành chính của tỉnh.",
        "Văn phòng UBND tỉnh", "Các sở, ban, ngành", "Thường xuyên",
        "II", "I", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
        "1 Đánh giá, xếp loại cán bộ, công chức năm ", "2026.",
        "Sở Nội vụ", "Các cơ quan, đơn vị", "Tháng 12/2026"]))
    assert [(r.area, r.row_ref, r.text) for r in rows] == [
        ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "1", "Công khai danh mục thủ tục hành chính của tỉnh."),
        ("CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "1", "Đánh giá, xếp loại cán bộ, công chức năm 2026.")]


def test_row_going_on_over_a_page_without_its_header_printed_again():
    # the new page's first line is led by a space (as in the samples' dumps): the rest of the
    # row's text, after its other cells
    rows = _rows_of("\n".join([
        "PHỤ LỤC", "TT Nội dung Cơ quan chủ trì Cơ quan phối hợp Thời gian",
        "I CẢI CÁCH TÀI CHÍNH CÔNG",
        "1 Công khai ngân sách nhà nước theo quy ", "định trên Cổng thông tin điện tử của ",
        "tỉnh và của các cơ quan,",
        "Sở Tài chính", "Các đơn vị dự toán", "Thường xuyên",
        " đơn vị sử dụng ngân sách.",
        "2 Quản lý tài sản công tại các cơ quan, ", "đơn vị.",
        "Sở Tài chính", "Các cơ quan, đơn vị", "Năm 2026"]))
    assert [(r.row_ref, r.text, r.lead[:1], r.deadline) for r in rows] == [
        ("1", "Công khai ngân sách nhà nước theo quy định trên Cổng thông tin điện tử của tỉnh và của các "
              "cơ quan, đơn vị sử dụng ngân sách.", ["Sở Tài chính"], "Thường xuyên"),
        ("2", "Quản lý tài sản công tại các cơ quan, đơn vị.", ["Sở Tài chính"], "Năm 2026")]
    assert rows[0].lead == ["Sở Tài chính"] and rows[0].coordinating == ["Các đơn vị dự toán"]


def test_an_agency_in_capitals_is_no_area_of_an_unnumbered_table():
    # a table whose areas carry no numeral takes a line in capitals as an area title; a lead cell
    # printed in capitals is not one
    from ingest.tables.flattened import _area_row
    for agency in ("VĂN PHÒNG UBND TỈNH", "UBND CÁC XÃ, PHƯỜNG", "SỞ TÀI CHÍNH, KBNN TỈNH"):
        assert _area_row(agency, 0, 0) is None
    for area in ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"):
        assert _area_row(area, 0, 0) == area


def test_word_pairs_say_how_surely_one_word_follows_another():
    from ingest.tables.labels import word_pairs
    pairs = word_pairs(["các địa phương, đơn vị", "địa phương và địa bàn", "Địa phương;", "đơn vị, địa",
                        "kế hoạch; đơn vị."])
    # "địa" is followed by "phương" 3 times and "bàn" once (4 in all); "phương" comes after
    # "địa" only (3 times): the larger share wins, 3 / (3 + 1)
    assert pairs[("địa", "phương")] == 3 / 4
    assert ("địa", "bàn") not in pairs            # seen once
    # punctuation parts words: "vị, địa" and "hoạch; đơn" are no pairs
    assert ("vị", "địa") not in pairs and ("hoạch", "đơn") not in pairs
    # "đơn vị" in lines 1, 4 and 5 (its full stop stripped), "đơn" and "vị" nowhere else
    assert pairs[("đơn", "vị")] == 3 / 4


def test_a_cells_rest_after_a_page_header_goes_where_the_plans_words_say():
    """After a repeated header the rests of a row's cells follow column by column; a
    one-word rest ("phương") goes on the cell whose last word it follows in the plan's own
    lines ("địa phương"), not on the deadline printed last before the break."""
    header = ["PHỤ LỤC", "TT Nhiệm vụ Chủ trì Phối hợp Thời hạn"]
    body = ["Các địa phương rà soát thủ tục hành chính; địa phương báo cáo kết quả.",
            "Mọi địa phương công khai thủ tục trên cổng dịch vụ công."]
    rows = _rows_of("\n".join(body + header + [
        "I CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
        "1", "Kiểm tra việc công khai thủ tục", "hành chính tại các cơ quan, đơn vị",
        "Sở Nội vụ", "Các cơ quan,", "đơn vị, địa", "Năm 2026"] + header[1:] + [
        "thuộc tỉnh theo kế hoạch kiểm tra.", "phương",
        "2", "Rà soát quy trình nội bộ giải quyết", "thủ tục hành chính",
        "Sở Tư pháp", "Các sở, ngành", "Quý II/2026"]))
    assert [r.row_ref for r in rows] == ["1", "2"]
    assert rows[0].text == ("Kiểm tra việc công khai thủ tục hành chính tại các cơ quan, đơn vị thuộc tỉnh "
                            "theo kế hoạch kiểm tra.")
    assert rows[0].lead == ["Sở Nội vụ"]
    assert rows[0].coordinating == ["Các cơ quan, đơn vị, địa phương"]
    assert rows[0].deadline == "Năm 2026"


def test_a_budget_phrase_a_word_per_line_goes_on_in_the_budget_cell_after_a_page_header():
    # a budget column one word wide: "Theo" / "dự" / "toán" before the break, "được" / "cấp" after
    # it, below the deadline's "năm 2026" (as 000 L6912-6916, L7027-7029)
    header = ["PHỤ LỤC", "TT Nhiệm vụ Chủ trì Phối hợp Thời hạn Kinh phí"]
    rows = _rows_of("\n".join(header + [
        "I CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
        "1", "Kiểm tra việc công khai thủ tục", "hành chính tại các cơ quan,",
        "Sở Nội vụ", "Các sở,", "ngành", "Quý I-IV", "năm 2026", "Theo", "dự", "toán"] + header[1:] + [
        "đơn vị thuộc tỉnh.", "được", "cấp",
        "2", "Rà soát quy trình nội bộ giải quyết", "thủ tục hành chính",
        "Sở Tư pháp", "Các sở,", "ngành", "Quý II/2026", "Ngân", "sách"]))
    assert [r.row_ref for r in rows] == ["1", "2"]
    assert rows[0].text == "Kiểm tra việc công khai thủ tục hành chính tại các cơ quan, đơn vị thuộc tỉnh."
    assert (rows[0].deadline, rows[0].budget) == ("Quý I-IV năm 2026", "Theo dự toán được cấp")
