"""Appendix tables in layouts other issuers print and the four samples do not, each with
its rows written out by hand (shared/eval/SCHEMA.md, "Rows").

    hoat_dong      TT numbers the tasks; a Hoạt động column of unnumbered dash bullets
                   (they go into the task's row: task — activity), one task whose
                   activities are numbered rows of their own (3.1, 3.2 under task 3)
    muc_tieu       TT numbers the Mục tiêu, merged with it over several unnumbered
                   Nhiệm vụ rows; Mục tiêu / Nhiệm vụ / Hoạt động about as wide as each
                   other and repeating each other's words; agency and budget columns 5-11
                   characters wide; the header not repeated on the next page
    khong_so       no TT column and no numbers anywhere: areas are title rows in capitals
    tieu_linh_vuc  numbered sub-area rows ("2.1 | Chính quyền số") inside a Roman area,
                   the row numbers restarting under each; over two pages, header not repeated

`LAYOUTS[name]` is (Grid, gold rows). `write(name, folder)` makes the DOCX, its PDF
(LibreOffice), two text dumps of the PDF (pdfium: cell after cell, as the sample dumps;
pdfplumber: the lines of a row's cells side by side) and the word processor's tab-cell
export; `python -m tests.generators.layouts [FOLDER]` scores every layout in every format.
"""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

from .docgen import LEFT, UP, Grid, grid_docx, pdf_text, tab_text, to_pdf

TABLE = "Phụ lục"
FORMATS = ("docx", "pdf", "pdfium.txt", "pdfplumber.txt", "tab.txt")


def row(area, ref, text, lead, coordinating, deadline, budget=None, output=None, target=None,
        level="task", parent=None) -> dict:
    """One gold row; agencies as lists, the way SCHEMA.md has them."""
    return {"table": TABLE, "area": area, "row_ref": ref, "level": level, "parent_ref": parent,
            "target": target, "text": text, "output": output, "lead": lead, "coordinating": coordinating,
            "deadline": deadline, "budget": budget, "legal_refs": []}


def area_row(width: int, numeral: str | None, title: str) -> list[str]:
    """A title row merged across the table (after its TT cell when it has a numeral)."""
    if numeral is None:
        return [title] + [LEFT] * (width - 1)
    return [numeral, title] + [LEFT] * (width - 2)


# ---------------------------------------------------------------- hoat_dong
A1 = "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"
A2 = "CẢI CÁCH THỂ CHẾ"
A3 = "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"
HOAT_DONG = Grid(
    header=["TT", "Nhiệm vụ", "Hoạt động", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
            "Thời gian hoàn thành", "Kinh phí"],
    widths=[1.0, 5.5, 6.2, 3.0, 3.0, 3.2, 2.4, 2.4],
    rows=[
        area_row(8, "I", A1),
        ["1", "Ban hành Kế hoạch cải cách hành chính năm 2026 của tỉnh.",
         "- Xây dựng dự thảo Kế hoạch.\n- Gửi lấy ý kiến các sở, ban, ngành.\n- Trình Chủ tịch UBND tỉnh ban hành.",
         "Kế hoạch", "Sở Nội vụ", "Các sở, ban, ngành", "Quý I/2026", "Theo dự toán được giao"],
        ["2", "Tổ chức kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị.",
         "- Ban hành Kế hoạch kiểm tra.\n- Thành lập Đoàn kiểm tra.\n- Kiểm tra tại 20 cơ quan, đơn vị.\n"
         "- Ban hành thông báo kết luận kiểm tra.",
         "Kế hoạch; Thông báo kết luận", "Sở Nội vụ", "Văn phòng UBND tỉnh; Sở Tư pháp", "Quý II, III/2026", "120"],
        ["3", "Tuyên truyền về cải cách hành chính trên các phương tiện thông tin đại chúng.",
         "Xây dựng chuyên mục cải cách hành chính trên Báo và Phát thanh, Truyền hình tỉnh.",
         "Chuyên mục", "Sở Văn hóa, Thể thao và Du lịch", "Báo và Phát thanh, Truyền hình tỉnh", "Thường xuyên",
         "50"],
        area_row(8, "II", A2),
        ["1", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành.",
         "- Rà soát văn bản theo từng lĩnh vực.\n- Công bố danh mục văn bản hết hiệu lực.",
         "Quyết định công bố", "Sở Tư pháp", "Các sở, ban, ngành", "Quý IV/2026", "Ngân sách tỉnh"],
        ["2", "Kiểm tra việc thực hiện pháp luật về xử lý vi phạm hành chính.", "",
         "Báo cáo kết quả kiểm tra", "Sở Tư pháp", "UBND các xã, phường", "Năm 2026", ""],
        ["3", "Theo dõi thi hành pháp luật trong lĩnh vực trọng tâm năm 2026.",
         "- Ban hành Kế hoạch theo dõi.\n- Báo cáo kết quả theo dõi.",
         "Kế hoạch; Báo cáo", "Sở Tư pháp", "Các sở, ngành liên quan", "Tháng 12/2026", "30"],
        area_row(8, "III", A3),
        ["1", "Công khai danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của tỉnh.",
         "- Cập nhật danh mục thủ tục hành chính.\n- Công khai trên Cổng Dịch vụ công quốc gia.",
         "Quyết định công bố", "Văn phòng UBND tỉnh", "Các sở, ban, ngành", "Thường xuyên", "Chi thường xuyên"],
        ["2", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
         "Số hóa hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh và bộ phận một cửa cấp xã.",
         "Hồ sơ điện tử", "Trung tâm Phục vụ hành chính công tỉnh", "UBND các xã, phường", "Quý II/2026", "200"],
        ["3", "Đo lường sự hài lòng của người dân, doanh nghiệp.", "3.1. Xây dựng phiếu khảo sát.",
         "Phiếu khảo sát", "Sở Nội vụ", "Bưu điện tỉnh", "Quý II/2026", "40"],
        [UP, UP, "3.2. Tổ chức khảo sát và công bố kết quả.", "Báo cáo kết quả", UP, UP, "Quý IV/2026", "60"],
    ])
HOAT_DONG_GOLD = [
    row(A1, "1", "Ban hành Kế hoạch cải cách hành chính năm 2026 của tỉnh. — - Xây dựng dự thảo Kế hoạch. "
                 "- Gửi lấy ý kiến các sở, ban, ngành. - Trình Chủ tịch UBND tỉnh ban hành.",
        ["Sở Nội vụ"], ["Các sở, ban, ngành"], "Quý I/2026", "Theo dự toán được giao", "Kế hoạch"),
    row(A1, "2", "Tổ chức kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị. — - Ban hành Kế hoạch "
                 "kiểm tra. - Thành lập Đoàn kiểm tra. - Kiểm tra tại 20 cơ quan, đơn vị. - Ban hành thông báo "
                 "kết luận kiểm tra.",
        ["Sở Nội vụ"], ["Văn phòng UBND tỉnh", "Sở Tư pháp"], "Quý II, III/2026", "120",
        "Kế hoạch; Thông báo kết luận"),
    row(A1, "3", "Tuyên truyền về cải cách hành chính trên các phương tiện thông tin đại chúng. — Xây dựng "
                 "chuyên mục cải cách hành chính trên Báo và Phát thanh, Truyền hình tỉnh.",
        ["Sở Văn hóa, Thể thao và Du lịch"], ["Báo và Phát thanh, Truyền hình tỉnh"], "Thường xuyên", "50",
        "Chuyên mục"),
    row(A2, "1", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành. — - Rà soát "
                 "văn bản theo từng lĩnh vực. - Công bố danh mục văn bản hết hiệu lực.",
        ["Sở Tư pháp"], ["Các sở, ban, ngành"], "Quý IV/2026", "Ngân sách tỉnh", "Quyết định công bố"),
    row(A2, "2", "Kiểm tra việc thực hiện pháp luật về xử lý vi phạm hành chính.",
        ["Sở Tư pháp"], ["UBND các xã, phường"], "Năm 2026", None, "Báo cáo kết quả kiểm tra"),
    row(A2, "3", "Theo dõi thi hành pháp luật trong lĩnh vực trọng tâm năm 2026. — - Ban hành Kế hoạch theo "
                 "dõi. - Báo cáo kết quả theo dõi.",
        ["Sở Tư pháp"], ["Các sở, ngành liên quan"], "Tháng 12/2026", "30", "Kế hoạch; Báo cáo"),
    row(A3, "1", "Công khai danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của tỉnh. — - Cập nhật "
                 "danh mục thủ tục hành chính. - Công khai trên Cổng Dịch vụ công quốc gia.",
        ["Văn phòng UBND tỉnh"], ["Các sở, ban, ngành"], "Thường xuyên", "Chi thường xuyên", "Quyết định công bố"),
    row(A3, "2", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính. — Số hóa hồ sơ tại Trung tâm Phục vụ "
                 "hành chính công tỉnh và bộ phận một cửa cấp xã.",
        ["Trung tâm Phục vụ hành chính công tỉnh"], ["UBND các xã, phường"], "Quý II/2026", "200", "Hồ sơ điện tử"),
    # numbered activities are rows of their own; the task keeps the cells merged over them
    row(A3, "3", "Đo lường sự hài lòng của người dân, doanh nghiệp.", ["Sở Nội vụ"], ["Bưu điện tỉnh"], None),
    row(A3, "3.1", "Xây dựng phiếu khảo sát.", ["Sở Nội vụ"], ["Bưu điện tỉnh"], "Quý II/2026", "40",
        "Phiếu khảo sát", level="activity", parent="3"),
    row(A3, "3.2", "Tổ chức khảo sát và công bố kết quả.", ["Sở Nội vụ"], ["Bưu điện tỉnh"], "Quý IV/2026", "60",
        "Báo cáo kết quả", level="activity", parent="3"),
]

# ---------------------------------------------------------------- muc_tieu
M1 = "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"
M2 = "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"
M3 = "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"
T11 = "Nâng cao chất lượng công tác chỉ đạo, điều hành cải cách hành chính của tỉnh"
T12 = "Cải thiện Chỉ số cải cách hành chính của tỉnh"
T21 = "100% thủ tục hành chính được công khai đầy đủ, đúng quy định"
T22 = "Tối thiểu 80% hồ sơ thủ tục hành chính được giải quyết trực tuyến"
T31 = "Nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức"
MUC_TIEU = Grid(
    header=["TT", "Mục tiêu", "Nhiệm vụ", "Hoạt động", "Chủ trì", "Phối hợp", "Thời gian", "Kinh phí"],
    # the three text columns about as wide; lead ~9, budget ~6 characters
    widths=[0.9, 5.6, 5.6, 5.8, 2.0, 2.8, 2.2, 1.8],
    repeat_header=False, font_size=11,
    rows=[
        area_row(8, "I", M1),
        ["1", T11, "Nâng cao chất lượng xây dựng và tổ chức thực hiện Kế hoạch cải cách hành chính",
         "- Xây dựng Kế hoạch cải cách hành chính năm 2026.\n- Tổ chức thực hiện Kế hoạch cải cách hành chính "
         "năm 2026.", "Sở Nội vụ", "Các sở, ban, ngành", "Quý I/2026", "Ngân sách tỉnh"],
        [UP, UP, "Nâng cao chất lượng kiểm tra công tác cải cách hành chính",
         "- Xây dựng Kế hoạch kiểm tra cải cách hành chính.\n- Tổ chức kiểm tra công tác cải cách hành chính tại "
         "các cơ quan.", "Sở Nội vụ", "Văn phòng UBND tỉnh", "Quý II, III/2026", "80"],
        [UP, UP, "Nâng cao chất lượng tuyên truyền cải cách hành chính",
         "- Tuyên truyền cải cách hành chính trên Báo và Phát thanh, Truyền hình tỉnh.",
         "Sở Văn hóa, Thể thao và Du lịch", "Báo và Phát thanh, Truyền hình tỉnh", "Thường xuyên", "40"],
        ["2", T12, "Cải thiện kết quả tự đánh giá Chỉ số cải cách hành chính",
         "- Hướng dẫn tự đánh giá Chỉ số cải cách hành chính.\n- Thẩm định kết quả tự đánh giá.",
         "Sở Nội vụ", "Các sở, ban, ngành; UBND các xã, phường", "Tháng 12/2026", "30"],
        area_row(8, "II", M2),
        ["1", T21, "Công khai đầy đủ thủ tục hành chính trên Cổng Dịch vụ công",
         "- Công khai thủ tục hành chính trên Cổng Dịch vụ công quốc gia.\n- Công khai thủ tục hành chính tại "
         "Bộ phận Một cửa.", "Văn phòng UBND tỉnh", "Các sở, ban, ngành", "Thường xuyên", "Chi thường xuyên"],
        [UP, UP, "Rà soát, đơn giản hóa thủ tục hành chính",
         "- Rà soát thủ tục hành chính theo Kế hoạch.\n- Đề xuất phương án đơn giản hóa thủ tục hành chính.",
         "Văn phòng UBND tỉnh", "Các sở, ban, ngành", "Quý III/2026", "50"],
        ["2", T22, "Nâng cao tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến",
         "- Hướng dẫn người dân nộp hồ sơ trực tuyến.\n- Theo dõi tỷ lệ hồ sơ trực tuyến hằng tháng.",
         "Trung tâm Phục vụ hành chính công tỉnh", "UBND các xã, phường", "Hằng tháng", "60"],
        [UP, UP, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
         "- Số hóa hồ sơ tại Bộ phận Một cửa các cấp.",
         "Trung tâm Phục vụ hành chính công tỉnh", "Sở Khoa học và Công nghệ", "Quý IV/2026", "150"],
        area_row(8, "III", M3),
        ["1", T31, "Nâng cao chất lượng đào tạo, bồi dưỡng cán bộ, công chức",
         "- Xây dựng Kế hoạch đào tạo, bồi dưỡng năm 2026.\n- Tổ chức các lớp bồi dưỡng kỹ năng.",
         "Sở Nội vụ", "Các sở, ban, ngành", "Quý II/2026", "200"],
        [UP, UP, "Nâng cao chất lượng đánh giá, xếp loại cán bộ, công chức",
         "- Hướng dẫn đánh giá, xếp loại cán bộ, công chức năm 2026.",
         "Sở Nội vụ", "Các cơ quan, đơn vị", "Tháng 12/2026", ""],
    ])
# The TT column numbers the targets: the task rows print no number of their own.
MUC_TIEU_GOLD = [
    row(M1, None, "Nâng cao chất lượng xây dựng và tổ chức thực hiện Kế hoạch cải cách hành chính — - Xây "
                  "dựng Kế hoạch cải cách hành chính năm 2026. - Tổ chức thực hiện Kế hoạch cải cách hành chính "
                  "năm 2026.",
        ["Sở Nội vụ"], ["Các sở, ban, ngành"], "Quý I/2026", "Ngân sách tỉnh", target=T11),
    row(M1, None, "Nâng cao chất lượng kiểm tra công tác cải cách hành chính — - Xây dựng Kế hoạch kiểm tra "
                  "cải cách hành chính. - Tổ chức kiểm tra công tác cải cách hành chính tại các cơ quan.",
        ["Sở Nội vụ"], ["Văn phòng UBND tỉnh"], "Quý II, III/2026", "80", target=T11),
    row(M1, None, "Nâng cao chất lượng tuyên truyền cải cách hành chính — - Tuyên truyền cải cách hành chính "
                  "trên Báo và Phát thanh, Truyền hình tỉnh.",
        ["Sở Văn hóa, Thể thao và Du lịch"], ["Báo và Phát thanh, Truyền hình tỉnh"], "Thường xuyên", "40",
        target=T11),
    row(M1, None, "Cải thiện kết quả tự đánh giá Chỉ số cải cách hành chính — - Hướng dẫn tự đánh giá Chỉ số "
                  "cải cách hành chính. - Thẩm định kết quả tự đánh giá.",
        ["Sở Nội vụ"], ["Các sở, ban, ngành", "UBND các xã, phường"], "Tháng 12/2026", "30", target=T12),
    row(M2, None, "Công khai đầy đủ thủ tục hành chính trên Cổng Dịch vụ công — - Công khai thủ tục hành chính "
                  "trên Cổng Dịch vụ công quốc gia. - Công khai thủ tục hành chính tại Bộ phận Một cửa.",
        ["Văn phòng UBND tỉnh"], ["Các sở, ban, ngành"], "Thường xuyên", "Chi thường xuyên", target=T21),
    row(M2, None, "Rà soát, đơn giản hóa thủ tục hành chính — - Rà soát thủ tục hành chính theo Kế hoạch. - Đề "
                  "xuất phương án đơn giản hóa thủ tục hành chính.",
        ["Văn phòng UBND tỉnh"], ["Các sở, ban, ngành"], "Quý III/2026", "50", target=T21),
    row(M2, None, "Nâng cao tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến — - Hướng dẫn người dân "
                  "nộp hồ sơ trực tuyến. - Theo dõi tỷ lệ hồ sơ trực tuyến hằng tháng.",
        ["Trung tâm Phục vụ hành chính công tỉnh"], ["UBND các xã, phường"], "Hằng tháng", "60", target=T22),
    row(M2, None, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính — - Số hóa hồ sơ tại Bộ phận Một cửa các "
                  "cấp.",
        ["Trung tâm Phục vụ hành chính công tỉnh"], ["Sở Khoa học và Công nghệ"], "Quý IV/2026", "150",
        target=T22),
    row(M3, None, "Nâng cao chất lượng đào tạo, bồi dưỡng cán bộ, công chức — - Xây dựng Kế hoạch đào tạo, bồi "
                  "dưỡng năm 2026. - Tổ chức các lớp bồi dưỡng kỹ năng.",
        ["Sở Nội vụ"], ["Các sở, ban, ngành"], "Quý II/2026", "200", target=T31),
    row(M3, None, "Nâng cao chất lượng đánh giá, xếp loại cán bộ, công chức — - Hướng dẫn đánh giá, xếp loại cán "
                  "bộ, công chức năm 2026.",
        ["Sở Nội vụ"], ["Các cơ quan, đơn vị"], "Tháng 12/2026", None, target=T31),
]

# ---------------------------------------------------------------- khong_so
K1, K2, K3 = "CẢI CÁCH THỂ CHẾ", "CẢI CÁCH TỔ CHỨC BỘ MÁY", "XÂY DỰNG CHÍNH QUYỀN SỐ"
KHONG_SO = Grid(
    header=["Nội dung công việc", "Hoạt động cụ thể", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn",
            "Sản phẩm"],
    widths=[6.5, 6.5, 3.2, 3.8, 2.8, 3.9],
    rows=[
        area_row(6, None, K1),
        ["Xây dựng văn bản quy phạm pháp luật theo chương trình năm 2026",
         "- Lập danh mục văn bản cần ban hành.\n- Soạn thảo, trình ban hành văn bản.",
         "Sở Tư pháp", "Các sở, ngành", "Quý IV/2026", "Nghị quyết, Quyết định"],
        ["Kiểm tra, rà soát văn bản quy phạm pháp luật", "Kiểm tra văn bản sau khi ban hành.",
         "Sở Tư pháp", "Các cơ quan liên quan", "Thường xuyên", "Báo cáo"],
        area_row(6, None, K2),
        ["Sắp xếp, kiện toàn tổ chức bộ máy các cơ quan chuyên môn",
         "- Rà soát chức năng, nhiệm vụ.\n- Trình phê duyệt phương án sắp xếp.",
         "Sở Nội vụ", "Các sở, ban, ngành", "Quý III/2026", "Đề án"],
        ["Quản lý biên chế công chức năm 2026", "", "Sở Nội vụ", "UBND các xã, phường", "Năm 2026",
         "Quyết định giao biên chế"],
        area_row(6, None, K3),
        ["Vận hành Hệ thống thông tin giải quyết thủ tục hành chính",
         "- Duy trì hệ thống.\n- Bảo đảm an toàn thông tin.",
         "Sở Khoa học và Công nghệ", "Trung tâm Phục vụ hành chính công tỉnh", "Thường xuyên",
         "Hệ thống vận hành ổn định"],
    ])
KHONG_SO_GOLD = [
    row(K1, None, "Xây dựng văn bản quy phạm pháp luật theo chương trình năm 2026 — - Lập danh mục văn bản cần "
                  "ban hành. - Soạn thảo, trình ban hành văn bản.",
        ["Sở Tư pháp"], ["Các sở, ngành"], "Quý IV/2026", output="Nghị quyết, Quyết định"),
    row(K1, None, "Kiểm tra, rà soát văn bản quy phạm pháp luật — Kiểm tra văn bản sau khi ban hành.",
        ["Sở Tư pháp"], ["Các cơ quan liên quan"], "Thường xuyên", output="Báo cáo"),
    row(K2, None, "Sắp xếp, kiện toàn tổ chức bộ máy các cơ quan chuyên môn — - Rà soát chức năng, nhiệm vụ. - "
                  "Trình phê duyệt phương án sắp xếp.",
        ["Sở Nội vụ"], ["Các sở, ban, ngành"], "Quý III/2026", output="Đề án"),
    row(K2, None, "Quản lý biên chế công chức năm 2026",
        ["Sở Nội vụ"], ["UBND các xã, phường"], "Năm 2026", output="Quyết định giao biên chế"),
    row(K3, None, "Vận hành Hệ thống thông tin giải quyết thủ tục hành chính — - Duy trì hệ thống. - Bảo đảm an "
                  "toàn thông tin.",
        ["Sở Khoa học và Công nghệ"], ["Trung tâm Phục vụ hành chính công tỉnh"], "Thường xuyên",
        output="Hệ thống vận hành ổn định"),
]

# ---------------------------------------------------------------- tieu_linh_vuc
S1 = "CẢI CÁCH TÀI CHÍNH CÔNG"
S2 = "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"
TIEU_LINH_VUC = Grid(
    header=["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"],
    widths=[1.2, 9.5, 3.4, 4.2, 3.0, 5.4],
    repeat_header=False, font_size=12,
    rows=[
        area_row(6, "I", S1),
        ["1", "Triển khai cơ chế tự chủ tài chính đối với các đơn vị sự nghiệp công lập theo quy định của "
              "Chính phủ; rà soát, phân loại mức độ tự chủ của từng đơn vị.",
         "Sở Tài chính", "Các sở, ban, ngành; UBND các xã, phường", "Quý III/2026", "Quyết định giao tự chủ"],
        ["2", "Quản lý, sử dụng tài sản công tại các cơ quan, đơn vị bảo đảm đúng tiêu chuẩn, định mức; "
              "xử lý tài sản dôi dư sau sắp xếp bộ máy.",
         "Sở Tài chính", "Các cơ quan, đơn vị", "Năm 2026", "Báo cáo kết quả xử lý tài sản"],
        ["3", "Công khai ngân sách nhà nước theo quy định trên Cổng thông tin điện tử của tỉnh và của các "
              "cơ quan, đơn vị sử dụng ngân sách.",
         "Sở Tài chính", "Các đơn vị dự toán", "Thường xuyên", "Thông báo công khai"],
        area_row(6, "II", S2),
        ["2.1", "Chính quyền số"] + [LEFT] * 4,
        ["1", "Duy trì, nâng cấp Hệ thống quản lý văn bản và điều hành của tỉnh; bảo đảm 100% văn bản đi, "
              "đến được xử lý trên môi trường mạng, trừ văn bản mật.",
         "Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh", "Quý II/2026", "Hệ thống được nâng cấp"],
        ["2", "Xây dựng, cập nhật cơ sở dữ liệu cán bộ, công chức, viên chức của tỉnh, kết nối với Cơ sở "
              "dữ liệu quốc gia về cán bộ, công chức, viên chức.",
         "Sở Nội vụ", "Các sở, ban, ngành; UBND các xã, phường", "Quý IV/2026", "Cơ sở dữ liệu"],
        ["3", "Triển khai chữ ký số cho cán bộ, công chức trong giải quyết thủ tục hành chính và xử lý văn "
              "bản điện tử tại các cơ quan nhà nước.",
         "Sở Khoa học và Công nghệ", "Các cơ quan, đơn vị", "Năm 2026", "Chứng thư số được cấp"],
        ["2.2", "Kinh tế số, xã hội số"] + [LEFT] * 4,
        ["1", "Hướng dẫn người dân sử dụng dịch vụ công trực tuyến và thanh toán không dùng tiền mặt thông "
              "qua các Tổ công nghệ số cộng đồng ở thôn, tổ dân phố.",
         "UBND các xã, phường", "Đoàn Thanh niên; Hội Liên hiệp Phụ nữ", "Thường xuyên", "Báo cáo kết quả"],
        ["2", "Phát triển các nền tảng số phục vụ doanh nghiệp, hợp tác xã đưa sản phẩm địa phương lên sàn "
              "thương mại điện tử.",
         "Sở Công Thương", "Các hiệp hội doanh nghiệp", "Quý IV/2026", "Sản phẩm trên sàn thương mại điện tử"],
    ])
# the sub-area rows 2.1 and 2.2 are headings; the numbering restarts under each
TIEU_LINH_VUC_GOLD = [
    row(S1, "1", "Triển khai cơ chế tự chủ tài chính đối với các đơn vị sự nghiệp công lập theo quy định của "
                 "Chính phủ; rà soát, phân loại mức độ tự chủ của từng đơn vị.",
        ["Sở Tài chính"], ["Các sở, ban, ngành", "UBND các xã, phường"], "Quý III/2026",
        output="Quyết định giao tự chủ"),
    row(S1, "2", "Quản lý, sử dụng tài sản công tại các cơ quan, đơn vị bảo đảm đúng tiêu chuẩn, định mức; xử lý "
                 "tài sản dôi dư sau sắp xếp bộ máy.",
        ["Sở Tài chính"], ["Các cơ quan, đơn vị"], "Năm 2026", output="Báo cáo kết quả xử lý tài sản"),
    row(S1, "3", "Công khai ngân sách nhà nước theo quy định trên Cổng thông tin điện tử của tỉnh và của các cơ "
                 "quan, đơn vị sử dụng ngân sách.",
        ["Sở Tài chính"], ["Các đơn vị dự toán"], "Thường xuyên", output="Thông báo công khai"),
    row(S2, "1", "Duy trì, nâng cấp Hệ thống quản lý văn bản và điều hành của tỉnh; bảo đảm 100% văn bản đi, đến "
                 "được xử lý trên môi trường mạng, trừ văn bản mật.",
        ["Sở Khoa học và Công nghệ"], ["Văn phòng UBND tỉnh"], "Quý II/2026", output="Hệ thống được nâng cấp"),
    row(S2, "2", "Xây dựng, cập nhật cơ sở dữ liệu cán bộ, công chức, viên chức của tỉnh, kết nối với Cơ sở dữ "
                 "liệu quốc gia về cán bộ, công chức, viên chức.",
        ["Sở Nội vụ"], ["Các sở, ban, ngành", "UBND các xã, phường"], "Quý IV/2026", output="Cơ sở dữ liệu"),
    row(S2, "3", "Triển khai chữ ký số cho cán bộ, công chức trong giải quyết thủ tục hành chính và xử lý văn bản "
                 "điện tử tại các cơ quan nhà nước.",
        ["Sở Khoa học và Công nghệ"], ["Các cơ quan, đơn vị"], "Năm 2026", output="Chứng thư số được cấp"),
    row(S2, "1", "Hướng dẫn người dân sử dụng dịch vụ công trực tuyến và thanh toán không dùng tiền mặt thông qua "
                 "các Tổ công nghệ số cộng đồng ở thôn, tổ dân phố.",
        ["UBND các xã, phường"], ["Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ"], "Thường xuyên",
        output="Báo cáo kết quả"),
    row(S2, "2", "Phát triển các nền tảng số phục vụ doanh nghiệp, hợp tác xã đưa sản phẩm địa phương lên sàn "
                 "thương mại điện tử.",
        ["Sở Công Thương"], ["Các hiệp hội doanh nghiệp"], "Quý IV/2026",
        output="Sản phẩm trên sàn thương mại điện tử"),
]

LAYOUTS = {
    "hoat_dong": (HOAT_DONG, HOAT_DONG_GOLD),
    "muc_tieu": (MUC_TIEU, MUC_TIEU_GOLD),
    "khong_so": (KHONG_SO, KHONG_SO_GOLD),
    "tieu_linh_vuc": (TIEU_LINH_VUC, TIEU_LINH_VUC_GOLD),
}


def gold(name: str, fmt: str = "docx") -> dict:
    """The layout's gold file (SCHEMA.md), for its file in format `fmt`."""
    return {"source": f"{name}.{fmt}", "document": {"year": 2026}, "legal_references": [], "targets": [],
            "body_tasks": [], "table_tasks": LAYOUTS[name][1]}


# the same tables printed otherwise (other font sizes, narrower or wider columns, the
# header repeated or not): wraps and page breaks fall elsewhere than where rules were tried
PRINTINGS = {"": {}, "small": dict(font_size=9, scale=1.15), "large": dict(font_size=12, scale=0.9),
             "narrow": dict(scale=0.8, repeat_header=True)}


def printed(name: str, printing: str = "") -> Grid:
    """The layout's grid in one of PRINTINGS."""
    grid, how = LAYOUTS[name][0], dict(PRINTINGS[printing])
    scale = how.pop("scale", 1.0)
    widths = [round(w * scale, 2) for w in grid.widths]
    if sum(widths) > 26.7:                        # the page: landscape A4 less its margins
        widths = [round(w * 26.7 / sum(widths), 2) for w in widths]
    return replace(grid, widths=widths, **how)


def write(name: str, folder, printing: str = "") -> dict[str, Path]:
    """The layout as DOCX, PDF (LibreOffice), two text dumps of the PDF and the tab-cell
    export: format -> path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{name}_{printing}" if printing else name
    grid = printed(name, printing)
    docx = grid_docx(grid, folder / f"{stem}.docx")
    pdf = to_pdf(docx, folder)
    out = {"docx": docx, "pdf": pdf}
    for tool in ("pdfium", "pdfplumber"):
        out[f"{tool}.txt"] = folder / f"{stem}.{tool}.txt"
        out[f"{tool}.txt"].write_text(pdf_text(pdf, tool), encoding="utf-8")
    out["tab.txt"] = folder / f"{stem}.tab.txt"
    out["tab.txt"].write_text(tab_text(grid), encoding="utf-8")
    return out


def main(argv: list[str]) -> None:
    """Score every layout in every format: rows p / r / fully right, lead, deadline, target.
    Arguments: the folder for the files (default /tmp/layouts), then printings ("all" for
    every one of PRINTINGS; default the first)."""
    from ingest import extract
    from ingest.evaluate import score

    folder = Path(argv[0]) if argv else Path("/tmp/layouts")
    printings = list(PRINTINGS) if argv[1:] == ["all"] else argv[1:] or [""]
    print(f"{'layout':22} {'format':15} {'rowP':>5} {'rowR':>5} {'full':>5} {'lead':>5} {'dline':>5} {'tgt':>5}")
    for printing in printings:
        for name in LAYOUTS:
            for fmt, path in write(name, folder, printing).items():
                pred = json.loads(extract(path).model_dump_json())
                rows = score(gold(name, fmt), pred).rows
                cells = [rows[k] for k in ("p", "r", "fully_right", "lead_acc", "deadline_acc", "target_acc")]
                label = f"{name}/{printing}" if printing else name
                print(f"{label:22} {fmt:15} " + " ".join("    -" if v is None else f"{v:5.2f}" for v in cells))


if __name__ == "__main__":
    main(sys.argv[1:])
