"""Deadline cells -> intervals. Intervals worked out by hand from the calendar:
quarters are Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec; the plan year is 2025."""
import pytest

from ingest.deadlines import parse_deadline


@pytest.mark.parametrize("text, kind, start, end", [
    # fixed periods (DOMAIN.md "Time" and the sample cells)
    ("Quý II/2025", "fixed", "2025-04-01", "2025-06-30"),
    ("Quý II, III/2025", "fixed", "2025-04-01", "2025-09-30"),
    ("Quý III, IV năm 2025", "fixed", "2025-07-01", "2025-12-31"),
    ("Quý I-IV năm 2025", "fixed", "2025-01-01", "2025-12-31"),
    ("Quý III và quý \nIV/2025.", "fixed", "2025-07-01", "2025-12-31"),
    ("Quý I/2022", "fixed", "2022-01-01", "2022-03-31"),
    ("Quý IV", "fixed", "2025-10-01", "2025-12-31"),
    ("Tháng 7/2025", "fixed", "2025-07-01", "2025-07-31"),
    ("Tháng 01-03/2026", "fixed", "2026-01-01", "2026-03-31"),
    ("Tháng 2/2028", "fixed", "2028-02-01", "2028-02-29"),
    ("Tháng 9", "fixed", "2025-09-01", "2025-09-30"),
    ("Năm 2025", "fixed", "2025-01-01", "2025-12-31"),
    ("Trong năm 2025", "fixed", "2025-01-01", "2025-12-31"),
    ("6 tháng đầu năm", "fixed", "2025-01-01", "2025-06-30"),
    ("06 tháng cuối năm 2025", "fixed", "2025-07-01", "2025-12-31"),
    ("30/6/2025", "fixed", "2025-06-30", "2025-06-30"),
    ("Giai đoạn 2021-2025", "fixed", "2021-01-01", "2025-12-31"),
    # open start: from the plan year's start
    ("Trước ngày 15/01/2026", "fixed", "2025-01-01", "2026-01-15"),
    ("Báo cáo kết quả thực hiện: Trước ngày 30/12/2025.", "fixed", "2025-01-01", "2025-12-30"),
    ("Trước ngày 15/12", "fixed", "2025-01-01", "2025-12-15"),
    ("Trước 15/12", "fixed", "2025-01-01", "2025-12-15"),
    ("Đến ngày 30/6/2025", "fixed", "2025-01-01", "2025-06-30"),
    ("ngày 15 tháng 01 năm 2026", "fixed", "2026-01-15", "2026-01-15"),
    ("Trước quý IV/2025", "fixed", "2025-01-01", "2025-09-30"),
    ("- Báo cáo kết quả thực hiện: Chậm nhất Quý I/2026.", "fixed", "2025-01-01", "2026-03-31"),
    # recurring: the plan year
    ("Thường xuyên", "recurring", "2025-01-01", "2025-12-31"),
    ("Thường Xuyên.", "recurring", "2025-01-01", "2025-12-31"),
    ("Hằng năm", "recurring", "2025-01-01", "2025-12-31"),
    ("Định kỳ hằng quý", "recurring", "2025-01-01", "2025-12-31"),
    ("Thường xuyên, khi có phát sinh.", "recurring", "2025-01-01", "2025-12-31"),
    # event-triggered and following another schedule: no interval, even with a year inside
    ("Sau khi Bộ KH&CN công bố chỉ số DTI năm 2025", "event", None, None),
    ("Khi có Quyết định công bố TTHC của bộ, ngành, Trung ương.", "event", None, None),
    ("Ngay sau khi được cấp kinh phí thực hiện", "event", None, None),
    ("Theo lộ trình Đề án của Trung ương", "schedule", None, None),
    ("Thực hiện theo lộ trình Đề án của Trung ương", "schedule", None, None),
    ("Theo kế hoạch thẩm định hằng năm", "schedule", None, None),
    ("Theo quy định", "schedule", None, None),
    # a document's own date is not a deadline
    ("Đảm bảo theo đúng quy định tại Điều 10 Chương II Thông tư 02/2017/TT-VPCP ngày 31/10/2027.",
     "schedule", None, None),
    # completed: ends on the latest cited date
    ("Đã ban hành Kế hoạch số 09/KH-VPUB ngày 15/01/2025", "completed", None, "2025-01-15"),
    ("Đã ban hành Kế hoạch số 09/KH-VPUB ngày 15/01/2025; Báo cáo số 486/BC-VPUB ngày 07/6/2025.",
     "completed", None, "2025-06-07"),
    ("Kế hoạch số 19/KH-VPUB ngày 20/01/2025.", "completed", None, "2025-01-20"),
    ("Tháng 01/2025 (đã hoàn thành)", "completed", None, "2025-01-31"),
    ("Đã hoàn thành", "completed", None, None),
    # several parts: overall interval, kind of the work rather than of its report
    ("Kế hoạch ban hành quý III/2025; báo cáo trước 15/12/2025", "fixed", "2025-07-01", "2025-12-15"),
    ("Kế hoạch ban hành quý III/2025; Báo cáo kết quả định kỳ quý/năm theo quy định.",
     "fixed", "2025-07-01", "2025-09-30"),
    ("-Thường xuyên. - Báo cáo kết quả: quý IV/2025.", "recurring", "2025-01-01", "2025-12-31"),
    ("Báo cáo khi có yêu cầu; Quý IV/2025.", "fixed", "2025-10-01", "2025-12-31"),
    ("- Quý IV/2022: Hoàn thành rà soát, xây dựng quy trình; - Quý IV/2025: Hoàn thành điện tử hóa 50%",
     "fixed", "2022-10-01", "2025-12-31"),
    ("- Kế hoạch cải cách hành chính năm 2025 của các cơ quan, đơn vị, địa phương: Trước ngày 05/8/2025; "
     "- Báo cáo kết quả thực hiện của các cơ quan, đơn vị: Định kỳ hằng Quý hoặc đột xuất theo quy định.",
     "fixed", "2025-01-01", "2025-08-05"),
    # nothing to read
    ("Căn cứ tình hình", "schedule", None, None),
    ("Ghi chú khác", "unknown", None, None),
    ("", "unknown", None, None),
])
def test_parse_deadline(text, kind, start, end):
    d = parse_deadline(text, 2025)
    assert (d.kind, d.start, d.end) == (kind, start, end)
    assert d.text == text


def test_partial_dates_need_the_plan_year():
    assert (parse_deadline("Tháng 9").kind, parse_deadline("Tháng 9").end) == ("fixed", None)
    assert parse_deadline("Thường xuyên").start is None
    assert parse_deadline("Quý II/2025").start == "2025-04-01"


def test_the_plan_year_comes_from_the_caller():
    assert (parse_deadline("Quý IV", 2026).start, parse_deadline("Quý IV", 2026).end) == ("2026-10-01", "2026-12-31")
    assert parse_deadline("Hằng năm", 2022).end == "2022-12-31"
