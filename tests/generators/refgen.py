"""Citation fragments of issuers we have no sample of, with hand-written ground truth.

Each `Case` is a preamble line, body sentence or table cell as the flattened-PDF
dumps print it (line breaks inside symbols "130/2005/NĐ-\\nCP", inside dates,
between "số" and the number, footnote digits glued "CP1", spaced symbols
"06/QĐ - TTg") with the references a reader would list, or none at all for the
precision traps. Every expected value was written (or, for the two whole plans,
checked one by one) by hand from the fragment's text and Vietnamese citation
practice, not copied from the extractor's output.

`variants(case)` renders one case the ways dumps lay text out: as written, with a
blank line after every line (pdfminer), re-wrapped to a narrow table column
(a break at most spaces), and one word a line with blank lines between (the
narrowest cells of 000: "Thông \\ntư số \\n92/202\\n1/TT \\nBTC"). Used by
tests/test_refs_generalisation.py and benchmarks/refs_generalisation.py.

Issuers are written with the jurisdiction they imply, as the gold files do
("của UBND tỉnh" in a Nghệ An plan -> "UBND tỉnh Nghệ An").

Decision on laws (SCHEMA "Canonical legal-document id"): a law's id is
"<kind> <name> <year>" even when its number is printed ("Luật Tổ chức chính
quyền địa phương số 72/2025/QH15 ngày 16/6/2025" -> "Luật Tổ chức chính quyền địa
phương 2025"); the number and symbol go to `number`/`symbol`. A law cited by number
only ("Luật số 72/2025/QH15") takes the named id when the same document names it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.models import DocumentMeta

NGHE_AN = DocumentMeta(level="province", province="Nghệ An", issuing_body="UBND tỉnh Nghệ An")
SYT_QN = DocumentMeta(level="department", province="Quảng Ninh", issuing_body="Sở Y tế tỉnh Quảng Ninh")
TAN_PHU = DocumentMeta(level="commune", province="Đồng Nai", commune="Tân Phú", issuing_body="UBND xã Tân Phú")
CAN_THO = DocumentMeta(level="province", province="Cần Thơ", issuing_body="UBND thành phố Cần Thơ")


@dataclass(frozen=True)
class Ref:
    id: str
    doc_type: str
    number: str | None
    symbol: str | None
    date: str | None
    issuer: str | None
    scope: str


@dataclass
class Case:
    name: str
    text: str
    meta: DocumentMeta
    refs: list[Ref] = field(default_factory=list)
    # (subject, predicate, object) the text states; checked only when given
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    mentions: dict[str, int] = field(default_factory=dict)
    rewrap: bool = True      # False: the layout itself matters (a heading "Số: 45/KH-UBND" on its own line)


# a whole commune plan's heading, preamble, body and table rows (cells separated by " | ")
COMMUNE_PLAN = (
    "ĐẢNG ỦY XÃ TÂN PHÚ\n"
    "UBND XÃ TÂN PHÚ          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "                         Độc lập - Tự do - Hạnh phúc\n"
    "Số: 27/KH-UBND           Tân Phú, ngày 15 tháng 8 năm 2025\n"
    "KẾ HOẠCH\n"
    "Cải cách hành chính năm 2025 - 2026 trên địa bàn xã Tân Phú\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15; Căn cứ Nghị định số 150/2025/NĐ-CP\n"
    "ngày 12/6/2025 của Chính phủ quy định tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, thành\n"
    "phố trực thuộc Trung ương và Ủy ban nhân dân xã, phường, đặc khu thuộc tỉnh, thành phố trực thuộc Trung\n"
    "ương; Thực hiện Kế hoạch số 310/KH-UBND ngày 30/7/2025 của UBND tỉnh Đồng Nai về cải cách hành chính\n"
    "giai đoạn 2025-2030; Công văn số 2456/SNV-CCHC ngày 05/8/2025 của Sở Nội vụ về việc triển khai Bộ\n"
    "Chỉ số CCHC; Nghị quyết số 03-NQ/ĐU ngày 10/7/2025 của Ban Chấp hành Đảng bộ xã về lãnh đạo thực hiện\n"
    "nhiệm vụ năm 2025, Ủy ban nhân dân xã ban hành Kế hoạch cải cách hành chính như sau:\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "1. Triển khai Nghị quyết 03 của Đảng ủy xã; tổ chức thực hiện hiệu quả Đề án 06 theo Quyết định số\n"
    "06/QĐ-TTg; 100% hồ sơ TTHC được số hóa theo Nghị định số 45/2020/NĐ-CP và Nghị định 107/2021/NĐ-CP\n"
    "sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP.\n"
    "2. Đạt chỉ tiêu 95/100 điểm; phấn đấu 100% TTHC đạt chuẩn ISO 9001:2015. Liên hệ: 0251.3861.234.\n"
    "STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian\n"
    "1 | Rà soát TTHC theo Quyết định số 1234/QĐ-UBND ngày 02/7/2025 của Chủ tịch UBND tỉnh | "
    "Văn phòng HĐND và UBND xã | Quý III/2025\n"
    "2 | Thực hiện Thông tư số 01/2023/TT-VPCP; Quyết định số 468/QĐ-TTg | Công chức VP-TK | Thường xuyên")

# a department's plan: heading, preamble and body
DEPARTMENT_PLAN = (
    "SỞ Y TẾ          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Số: 88/KH-SYT    Quảng Ninh, ngày 20 tháng 01 năm 2026\n"
    "KẾ HOẠCH\n"
    "Cải cách hành chính ngành Y tế năm 2026\n"
    "Thực hiện Quyết định số 3504/QĐ-UBND ngày 25/12/2025 của UBND tỉnh Quảng Ninh ban hành Kế hoạch CCHC\n"
    "năm 2026; Hướng dẫn số 1520/HD-SNV ngày 30/12/2025 của Sở Nội vụ; căn cứ Thông tư số 32/2023/TT-BYT\n"
    "ngày 31/12/2023 của Bộ trưởng Bộ Y tế, Sở Y tế xây dựng Kế hoạch như sau:\n"
    "1. Mục tiêu: 100% TTHC thuộc thẩm quyền được cung cấp dịch vụ công trực tuyến toàn trình (đạt 98/100\n"
    "TTHC năm 2025); đường dây nóng 1900 9095; Chỉ số SIPAS đạt trên 85%.\n"
    "2. Tiếp tục thực hiện Chỉ thị số 08/CT-UBND ngày 15/3/2024 của Chủ tịch UBND tỉnh và Công văn số\n"
    "4567/UBND-TH4 ngày 02/10/2025; Nghị quyết số 26/NQ-BCSĐ của Ban cán sự đảng UBND tỉnh.\n"
    "3. Áp dụng Bộ tiêu chí theo Quyết định 1085/QĐ-BNV; triển khai Đề án 06/CP và các văn bản hướng dẫn\n"
    "của Bộ Y tế (Công văn số 235/BYT-KHTC, 236/BYT-KHTC).\n"
    "4. Thực hiện Thông báo Kết luận số 120-TB/TU của Ban Thường vụ Tỉnh ủy; Kế hoạch số 15-KH/ĐU của Đảng\n"
    "ủy Sở Y tế.")

# a department's plan with no number/date block and no wrapping Quyết định: title, preamble, body
# task list (issue 11), citing a resolution whose number has a dot and a law by an abbreviation
UNNUMBERED_PLAN = (
    "KẾ HOẠCH\n"
    "Cải cách hành chính của Sở Tư pháp tỉnh Khánh Hòa năm 2026\n"
    "Căn cứ Luật Ban hành văn bản quy phạm pháp luật (QPPL) năm 2025;\n"
    "Căn cứ Nghị quyết số 66.7/2025/NQ-CP ngày 15/11/2025 của Chính phủ quy định các biện pháp đặc biệt xử lý "
    "vướng mắc do quy định của pháp luật;\n"
    "Thực hiện Kế hoạch số 45/KH-UBND ngày 10/01/2026 của UBND tỉnh Khánh Hòa về cải cách hành chính năm 2026, "
    "Sở Tư pháp ban hành Kế hoạch như sau:\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "1. Nâng cao chất lượng công tác cải cách hành chính của Sở.\n"
    "II. NHIỆM VỤ, GIẢI PHÁP\n"
    "1. Cải cách thể chế\n"
    "- Tham mưu xây dựng văn bản QPPL theo đúng trình tự, thủ tục của Luật Ban hành văn bản QPPL năm 2025.\n"
    "- Rà soát, xử lý văn bản theo Nghị quyết 66.7/2025/NQ-CP của Chính phủ.\n"
    "2. Cải cách thủ tục hành chính\n"
    "- Thực hiện Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ về thực hiện thủ tục hành chính "
    "theo cơ chế một cửa, một cửa liên thông.\n"
    "- Tiếp tục đơn giản hóa thủ tục hành chính nội bộ.\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "Các phòng, đơn vị thuộc Sở triển khai thực hiện Kế hoạch này.\n")

NAT = "national"
CASES = [
    # ------------------------------------------------------------ laws
    Case("law with QH number", "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày\n16/6/2025;",
         NGHE_AN, [Ref("Luật Tổ chức chính quyền địa phương 2025", "Luật", "72", "2025/QH15", "2025-06-16",
                       "Quốc hội", NAT)]),
    Case("law by number later", "Căn cứ Luật Cán bộ, công chức số 80/2025/QH15 ngày 24/6/2025;\n"
         "Thực hiện các quy định tại Luật số 80/2025/QH15 về tuyển dụng công chức.",
         NGHE_AN, [Ref("Luật Cán bộ, công chức 2025", "Luật", "80", "2025/QH15", "2025-06-24", "Quốc hội", NAT)],
         mentions={"Luật Cán bộ, công chức 2025": 2}),
    Case("law amended", "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015; Luật\n"
         "sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa\n"
         "phương ngày 22 tháng 11 năm 2019;", NGHE_AN,
         [Ref("Luật Ban hành văn bản quy phạm pháp luật 2015", "Luật", None, None, "2015-06-22", "Quốc hội", NAT),
          Ref("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa "
              "phương 2019", "Luật", None, None, "2019-11-22", "Quốc hội", NAT)]),
    Case("bộ luật", "Căn cứ Bộ luật Lao động năm 2019;", NGHE_AN,
         [Ref("Bộ luật Lao động 2019", "Bộ luật", None, None, None, "Quốc hội", NAT)]),
    Case("pháp lệnh with 'với'", "Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng ngày 09 tháng 12 năm\n2020;",
         NGHE_AN, [Ref("Pháp lệnh Ưu đãi người có công với cách mạng 2020", "Pháp lệnh", None, None, "2020-12-09",
                       "Ủy ban Thường vụ Quốc hội", NAT)]),
    Case("law marked (sửa đổi), law followed by other words", "Căn cứ Luật Tổ chức Chính phủ (sửa đổi) năm 2025;\n"
         "thực hiện Luật Đất đai và các văn bản hướng dẫn thi hành năm 2024", NGHE_AN,
         [Ref("Luật Tổ chức Chính phủ 2025", "Luật", None, None, None, "Quốc hội", NAT),
          Ref("Luật Đất đai", "Luật", None, None, None, "Quốc hội", NAT)]),
    # ------------------------------------------------------------ national decrees, decisions
    Case("decree, date in words", "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ\n"
         "về công tác văn thư; triển khai Nghị định 30 trong toàn tỉnh.", NGHE_AN,
         [Ref("NĐ 30/2020/NĐ-CP", "Nghị định", "30", "2020/NĐ-CP", "2020-03-05", "Chính phủ", NAT)],
         mentions={"NĐ 30/2020/NĐ-CP": 2}),
    Case("decree broken after hyphen", "thực hiện theo Nghị định số 118/2025/NĐ-\nCP ngày 09/6/2025 của Chính phủ",
         SYT_QN, [Ref("NĐ 118/2025/NĐ-CP", "Nghị định", "118", "2025/NĐ-CP", "2025-06-09", "Chính phủ", NAT)]),
    Case("break between số and number", "Căn cứ Nghị định số\n107/2020/NĐ-CP ngày 14/9/2020 của Chính phủ;",
         NGHE_AN, [Ref("NĐ 107/2020/NĐ-CP", "Nghị định", "107", "2020/NĐ-CP", "2020-09-14", "Chính phủ", NAT)]),
    Case("date with hyphens, glued footnote", "Nghị quyết số 76/NQ-CP1 ngày 15-7-2021 của Chính phủ ban hành\n"
         "Chương trình tổng thể cải cách hành chính", NGHE_AN,
         [Ref("NQ 76/NQ-CP", "Nghị quyết", "76", "NQ-CP", "2021-07-15", "Chính phủ", NAT)]),
    Case("date split over lines", "Quyết định số 06/QĐ - TTg ngày 06/01/\n2022 của Thủ tướng Chính phủ phê duyệt "
         "Đề án\n"
         "06; tiếp tục triển khai Đề án 06 năm 2025", NGHE_AN,
         [Ref("QĐ 06/QĐ-TTg", "Quyết định", "06", "QĐ-TTg", "2022-01-06", "Thủ tướng Chính phủ", NAT)]),
    Case("year split and lost hyphen", "Thông tư số 92/202\n1/TT BTC ngày 28/10/2021 của Bộ Tài chính", NGHE_AN,
         [Ref("TT 92/2021/TT-BTC", "Thông tư", "92", "2021/TT-BTC", "2021-10-28", "Bộ Tài chính", NAT)]),
    Case("joint circular", "Thông tư liên tịch số 220/2015/TTLT-BTC-BNV ngày 31/12/2015 của Bộ Tài chính\n"
         "và Bộ Nội vụ hướng dẫn", NGHE_AN,
         [Ref("TTLT 220/2015/TTLT-BTC-BNV", "Thông tư liên tịch", "220", "2015/TTLT-BTC-BNV", "2015-12-31",
              "Bộ Tài chính và Bộ Nội vụ", NAT)]),
    Case("ministry decision and circular", "Quyết định số 1085/QĐ-BNV ngày 20/12/2024 của Bộ Nội vụ; Thông tư số\n"
         "01/2023/TT-VPCP ngày 05/4/2023 của Văn phòng Chính phủ", SYT_QN,
         [Ref("QĐ 1085/QĐ-BNV", "Quyết định", "1085", "QĐ-BNV", "2024-12-20", "Bộ Nội vụ", NAT),
          Ref("TT 01/2023/TT-VPCP", "Thông tư", "01", "2023/TT-VPCP", "2023-04-05", "Văn phòng Chính phủ", NAT)]),
    Case("government office letter", "Công văn số 567/VPCP-KSTT ngày 30/01/2025 của Văn phòng Chính phủ", NGHE_AN,
         [Ref("CV 567/VPCP-KSTT", "Công văn", "567", "VPCP-KSTT", "2025-01-30", "Văn phòng Chính phủ", NAT)]),
    Case("national assembly resolution", "Nghị quyết số 190/2025/QH15 ngày 19/02/2025 của Quốc hội", CAN_THO,
         [Ref("NQ 190/2025/QH15", "Nghị quyết", "190", "2025/QH15", "2025-02-19", "Quốc hội", NAT)]),
    Case("superscript footnote, date in parentheses", "Nghị định số 118/2025/NĐ-CP¹ (ngày 09/6/2025) về thủ tục\n"
         "hành chính; Nghị quyết số 57-NQ/TW² của Bộ Chính trị", NGHE_AN,
         [Ref("NĐ 118/2025/NĐ-CP", "Nghị định", "118", "2025/NĐ-CP", "2025-06-09", "Chính phủ", NAT),
          Ref("NQ 57-NQ/TW", "Nghị quyết", "57", "NQ/TW", None, "Bộ Chính trị", NAT)]),
    # ------------------------------------------------------------ lists, parentheses
    Case("list, number-only continuation", "thực hiện các Nghị định số 107/2020/NĐ-CP, 108/2020/NĐ-CP của Chính\n"
         "phủ;", NGHE_AN,
         [Ref("NĐ 107/2020/NĐ-CP", "Nghị định", "107", "2020/NĐ-CP", None, "Chính phủ", NAT),
          Ref("NĐ 108/2020/NĐ-CP", "Nghị định", "108", "2020/NĐ-CP", None, "Chính phủ", NAT)]),
    Case("list of letters", "các Văn bản số 120/SNV-CCHC, 121/SNV-CCHC của Sở Nội vụ", NGHE_AN,
         [Ref("CV 120/SNV-CCHC", "Văn bản", "120", "SNV-CCHC", None, "Sở Nội vụ", "Nghệ An"),
          Ref("CV 121/SNV-CCHC", "Văn bản", "121", "SNV-CCHC", None, "Sở Nội vụ", "Nghệ An")]),
    Case("và số", "Quyết định số 1234/QĐ-UBND ngày 14/5/2024 và số 1235/QĐ-UBND ngày 15/5/2024 của UBND tỉnh",
         NGHE_AN,
         [Ref("QĐ 1234/QĐ-UBND", "Quyết định", "1234", "QĐ-UBND", "2024-05-14", None, "Nghệ An"),
          Ref("QĐ 1235/QĐ-UBND", "Quyết định", "1235", "QĐ-UBND", "2024-05-15", "UBND tỉnh Nghệ An", "Nghệ An")]),
    Case("numbers sharing one symbol", "quán triệt Nghị quyết số 18, 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành\n"
         "Trung ương; Quyết định số 1234 và 1235/QĐ-UBND của UBND tỉnh", NGHE_AN,
         [Ref("NQ 18-NQ/TW", "Nghị quyết", "18", "NQ/TW", "2017-10-25", None, NAT),
          Ref("NQ 19-NQ/TW", "Nghị quyết", "19", "NQ/TW", "2017-10-25", "Ban Chấp hành Trung ương", NAT),
          Ref("QĐ 1234/QĐ-UBND", "Quyết định", "1234", "QĐ-UBND", None, None, "Nghệ An"),
          Ref("QĐ 1235/QĐ-UBND", "Quyết định", "1235", "QĐ-UBND", None, "UBND tỉnh Nghệ An", "Nghệ An")]),
    Case("joint issuers are not read across levels", "Nghị quyết số 12/NQ-HĐND của HĐND tỉnh và UBND xã Tân Phú về\n"
         "sắp xếp", NGHE_AN,
         [Ref("NQ 12/NQ-HĐND", "Nghị quyết", "12", "NQ-HĐND", None, "HĐND tỉnh Nghệ An", "Nghệ An")]),
    Case("in parentheses", "Tiếp tục số hóa hồ sơ (theo Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng\n"
         "Chính phủ)", NGHE_AN,
         [Ref("QĐ 06/QĐ-TTg", "Quyết định", "06", "QĐ-TTg", "2022-01-06", "Thủ tướng Chính phủ", NAT)]),
    # ------------------------------------------------------------ provincial documents
    Case("HĐND resolution", "Nghị quyết số 17/2023/NQ-HĐND ngày 14/7/2023 của HĐND tỉnh quy định", NGHE_AN,
         [Ref("NQ 17/2023/NQ-HĐND", "Nghị quyết", "17", "2023/NQ-HĐND", "2023-07-14", "HĐND tỉnh Nghệ An", "Nghệ An")]),
    Case("chairman's decision", "Quyết định số 2345/QĐ-CT ngày 05/8/2024 của Chủ tịch UBND tỉnh", NGHE_AN,
         [Ref("QĐ 2345/QĐ-CT", "Quyết định", "2345", "QĐ-CT", "2024-08-05", "Chủ tịch UBND tỉnh Nghệ An", "Nghệ An")]),
    Case("other province named", "học tập mô hình theo Quyết định số 123/QĐ-UBND ngày 10/01/2024 của UBND tỉnh\n"
         "Hà Tĩnh", NGHE_AN,
         [Ref("QĐ 123/QĐ-UBND", "Quyết định", "123", "QĐ-UBND", "2024-01-10", "UBND tỉnh Hà Tĩnh", "Hà Tĩnh")]),
    Case("department plans", "Kế hoạch số 112/KH-SYT ngày 10/02/2025 của Sở Y tế; Quyết định số 45/QĐ-SNV\n"
         "ngày 3/3/2025 của Sở Nội vụ; Kế hoạch số 30/KH-SGDĐT; Công văn số 1520/CV-STC", SYT_QN,
         [Ref("KH 112/KH-SYT", "Kế hoạch", "112", "KH-SYT", "2025-02-10", "Sở Y tế", "Quảng Ninh"),
          Ref("QĐ 45/QĐ-SNV", "Quyết định", "45", "QĐ-SNV", "2025-03-03", "Sở Nội vụ", "Quảng Ninh"),
          Ref("KH 30/KH-SGDĐT", "Kế hoạch", "30", "KH-SGDĐT", None, "Sở Giáo dục và Đào tạo", "Quảng Ninh"),
          Ref("CV 1520/CV-STC", "Công văn", "1520", "CV-STC", None, "Sở Tài chính", "Quảng Ninh")]),
    Case("office letter spaced", "Văn bản số 942/VPUB- TCHCQT ngày 12/3/2025 của Văn phòng UBND tỉnh", NGHE_AN,
         [Ref("CV 942/VPUB-TCHCQT", "Văn bản", "942", "VPUB-TCHCQT", "2025-03-12", "Văn phòng UBND tỉnh Nghệ An",
              "Nghệ An")]),
    Case("city party committee", "Nghị quyết số 09-NQ/TU ngày 20/4/2022 của Thành ủy Cần Thơ; Thông báo số\n"
         "25-TB/TU; Chương trình hành động số 10-CTr/TU", CAN_THO,
         [Ref("NQ 09-NQ/TU", "Nghị quyết", "09", "NQ/TU", "2022-04-20", "Thành ủy Cần Thơ", "Cần Thơ"),
          Ref("TB 25-TB/TU", "Thông báo", "25", "TB/TU", None, "Tỉnh ủy Cần Thơ", "Cần Thơ"),
          Ref("CTr 10-CTr/TU", "Chương trình", "10", "CTr/TU", None, "Tỉnh ủy Cần Thơ", "Cần Thơ")]),
    # ------------------------------------------------------------ Party, central
    Case("central party documents", "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị; Nghị quyết số\n"
         "18-NQ/TW ngày 25/10/2017; Kết luận số 121-KL/TW ngày 24/01/2025; Quy định số 144-QĐ/TW ngày\n"
         "09/5/2024 của Bộ Chính trị", TAN_PHU,
         [Ref("CT 05-CT/TW", "Chỉ thị", "05", "CT/TW", "2016-05-15", "Bộ Chính trị", NAT),
          Ref("NQ 18-NQ/TW", "Nghị quyết", "18", "NQ/TW", "2017-10-25", "Ban Chấp hành Trung ương", NAT),
          Ref("KL 121-KL/TW", "Kết luận", "121", "KL/TW", "2025-01-24", "Ban Chấp hành Trung ương", NAT),
          Ref("QĐi 144-QĐ/TW", "Quy định", "144", "QĐ/TW", "2024-05-09", "Bộ Chính trị", NAT)]),
    # ------------------------------------------------------------ commune
    Case("commune documents", "Kế hoạch số 15/KH-UBND ngày 20/01/2025 của UBND xã về CCHC; Nghị quyết số\n"
         "05-NQ/ĐU ngày 10/01/2025 của Đảng ủy xã; Quyết định số 3504/QĐ-UBND ngày 12/12/2024 của\n"
         "UBND tỉnh Đồng Nai", TAN_PHU,
         [Ref("KH 15/KH-UBND", "Kế hoạch", "15", "KH-UBND", "2025-01-20", "UBND xã Tân Phú", "Tân Phú"),
          Ref("NQ 05-NQ/ĐU", "Nghị quyết", "05", "NQ/ĐU", "2025-01-10", "Đảng ủy xã Tân Phú", "Tân Phú"),
          Ref("QĐ 3504/QĐ-UBND", "Quyết định", "3504", "QĐ-UBND", "2024-12-12", "UBND tỉnh Đồng Nai",
              "Đồng Nai")]),
    # ------------------------------------------------------------ relations
    Case("amends", "Nghị định số 107/2020/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định số 24/2014/NĐ-CP\n"
         "quy định tổ chức các cơ quan chuyên môn", NGHE_AN,
         [Ref("NĐ 107/2020/NĐ-CP", "Nghị định", "107", "2020/NĐ-CP", None, None, NAT),
          Ref("NĐ 24/2014/NĐ-CP", "Nghị định", "24", "2014/NĐ-CP", None, None, NAT)],
         relations=[("NĐ 107/2020/NĐ-CP", "amends", "NĐ 24/2014/NĐ-CP")]),
    Case("replaces", "Quyết định số 1291/QĐ-BNV ngày 07/11/2025 thay thế Quyết định số 2636/QĐ-BNV", NGHE_AN,
         [Ref("QĐ 1291/QĐ-BNV", "Quyết định", "1291", "QĐ-BNV", "2025-11-07", "Bộ Nội vụ", NAT),
          Ref("QĐ 2636/QĐ-BNV", "Quyết định", "2636", "QĐ-BNV", None, "Bộ Nội vụ", NAT)],
         relations=[("QĐ 1291/QĐ-BNV", "replaces", "QĐ 2636/QĐ-BNV")]),
    Case("plan repeals", "Kế hoạch này bãi bỏ Kế hoạch số 88/KH-UBND ngày 01/3/2024 của UBND tỉnh", NGHE_AN,
         [Ref("KH 88/KH-UBND", "Kế hoạch", "88", "KH-UBND", "2024-03-01", "UBND tỉnh Nghệ An", "Nghệ An")],
         relations=[("", "repeals", "KH 88/KH-UBND")]),
    Case("guides", "Thông tư số 01/2021/TT-BNV hướng dẫn thi hành Nghị định số 62/2020/NĐ-CP", NGHE_AN,
         [Ref("TT 01/2021/TT-BNV", "Thông tư", "01", "2021/TT-BNV", None, "Bộ Nội vụ", NAT),
          Ref("NĐ 62/2020/NĐ-CP", "Nghị định", "62", "2020/NĐ-CP", None, "Chính phủ", NAT)],
         relations=[("TT 01/2021/TT-BNV", "guides", "NĐ 62/2020/NĐ-CP")]),
    Case("capitals and lower case", "CĂN CỨ NGHỊ ĐỊNH SỐ 118/2025/NĐ-CP; căn cứ quyết định số 25/2024/QĐ-UBND\n"
         "ngày 05.3.2024 của Ủy ban nhân dân tỉnh Nghệ An", NGHE_AN,
         [Ref("NĐ 118/2025/NĐ-CP", "Nghị định", "118", "2025/NĐ-CP", None, "Chính phủ", NAT),
          Ref("QĐ 25/2024/QĐ-UBND", "Quyết định", "25", "2024/QĐ-UBND", "2024-03-05",
              "Ủy ban nhân dân tỉnh Nghệ An", "Nghệ An")]),
    Case("table cell abbreviations", "QĐ số 1234/QĐ-UBND; NQ 57-NQ/TW; Hướng dẫn số 21-HD/BTCTW; Công điện\n"
         "số 05/CĐ-TTg", NGHE_AN,
         [Ref("QĐ 1234/QĐ-UBND", "Quyết định", "1234", "QĐ-UBND", None, "UBND tỉnh Nghệ An", "Nghệ An"),
          Ref("NQ 57-NQ/TW", "Nghị quyết", "57", "NQ/TW", None, "Ban Chấp hành Trung ương", NAT),
          Ref("HD 21-HD/BTCTW", "Hướng dẫn", "21", "HD/BTCTW", None, None, NAT),
          Ref("CĐ 05/CĐ-TTg", "Công điện", "05", "CĐ-TTg", None, "Thủ tướng Chính phủ", NAT)]),
    Case("provincial letters and reports", "Văn bản số 1234/UBND-NC ngày 5/3/2025 của UBND tỉnh; Báo cáo số\n"
         "123/BC-UBND; Đề án số 09/ĐA-UBND; Tờ trình số 12/TTr-SNV; Thông báo kết luận số 123/TB-VPCP", NGHE_AN,
         [Ref("CV 1234/UBND-NC", "Văn bản", "1234", "UBND-NC", "2025-03-05", "UBND tỉnh Nghệ An", "Nghệ An"),
          Ref("BC 123/BC-UBND", "Báo cáo", "123", "BC-UBND", None, "UBND tỉnh Nghệ An", "Nghệ An"),
          Ref("ĐA 09/ĐA-UBND", "Đề án", "09", "ĐA-UBND", None, "UBND tỉnh Nghệ An", "Nghệ An"),
          Ref("TTr 12/TTr-SNV", "Tờ trình", "12", "TTr-SNV", None, "Sở Nội vụ", "Nghệ An"),
          Ref("TB 123/TB-VPCP", "Thông báo", "123", "TB-VPCP", None, "Văn phòng Chính phủ", NAT)]),
    Case("commune cites its own and the province's", "Văn bản số 45/UBND-VP của UBND xã; Kế hoạch số 20/KH-UBND\n"
         "ngày 5/1/2025 của UBND tỉnh; Nghị quyết số 12-NQ/TU của Tỉnh ủy; Kế hoạch số 77/KH-UBND ngày\n"
         "2/2/2025 của UBND phường Long Bình", TAN_PHU,
         [Ref("CV 45/UBND-VP", "Văn bản", "45", "UBND-VP", None, "UBND xã Tân Phú", "Tân Phú"),
          Ref("KH 20/KH-UBND", "Kế hoạch", "20", "KH-UBND", "2025-01-05", "UBND tỉnh Đồng Nai", "Đồng Nai"),
          Ref("NQ 12-NQ/TU", "Nghị quyết", "12", "NQ/TU", None, "Tỉnh ủy Đồng Nai", "Đồng Nai"),
          Ref("KH 77/KH-UBND", "Kế hoạch", "77", "KH-UBND", "2025-02-02", "UBND phường Long Bình", "Long Bình")]),
    Case("law repeated without year", "Căn cứ Luật Thanh tra năm 2022;\ntriển khai Luật Thanh tra đến cán bộ", NGHE_AN,
         [Ref("Luật Thanh tra 2022", "Luật", None, None, None, "Quốc hội", NAT)],
         mentions={"Luật Thanh tra 2022": 2}),
    Case("list with unknown unit code", "các Công văn số 12/BQLDA-KH, 13/BQLDA-KH của Ban Quản lý dự án", NGHE_AN,
         [Ref("CV 12/BQLDA-KH", "Công văn", "12", "BQLDA-KH", None, None, "Nghệ An"),
          Ref("CV 13/BQLDA-KH", "Công văn", "13", "BQLDA-KH", None, "Ban Quản lý dự án", "Nghệ An")]),
    Case("symbols without diacritics", "Nghị định số 125/2025/ND-CP ngày 11/6/2025 của Chính phủ; Quyết định số\n"
         "12/QD-UBND ngày 2/1/2025", NGHE_AN,
         [Ref("NĐ 125/2025/ND-CP", "Nghị định", "125", "2025/ND-CP", "2025-06-11", "Chính phủ", NAT),
          Ref("QĐ 12/QD-UBND", "Quyết định", "12", "QD-UBND", "2025-01-02", "UBND tỉnh Nghệ An", "Nghệ An")]),
    Case("date after the issuer", "Quyết định số 1234/QĐ-UBND của UBND tỉnh ngày 12/5/2025 về việc công bố", NGHE_AN,
         [Ref("QĐ 1234/QĐ-UBND", "Quyết định", "1234", "QĐ-UBND", "2025-05-12", "UBND tỉnh Nghệ An", "Nghệ An")]),
    Case("passive amendment", "Nghị định số 24/2014/NĐ-CP được sửa đổi, bổ sung tại Nghị định số\n"
         "107/2020/NĐ-CP", NGHE_AN,
         [Ref("NĐ 24/2014/NĐ-CP", "Nghị định", "24", "2014/NĐ-CP", None, "Chính phủ", NAT),
          Ref("NĐ 107/2020/NĐ-CP", "Nghị định", "107", "2020/NĐ-CP", None, "Chính phủ", NAT)],
         relations=[("NĐ 107/2020/NĐ-CP", "amends", "NĐ 24/2014/NĐ-CP")]),
    Case("joint resolution, standing committee", "Nghị quyết liên tịch số 09/2008/NQLT-CP-UBTVQH; Chỉ thị số\n"
         "25-CT/TU ngày 10/10/2023 của Ban Thường vụ Tỉnh ủy", NGHE_AN,
         [Ref("NQLT 09/2008/NQLT-CP-UBTVQH", "Nghị quyết liên tịch", "09", "2008/NQLT-CP-UBTVQH", None, None, NAT),
          Ref("CT 25-CT/TU", "Chỉ thị", "25", "CT/TU", "2023-10-10", "Ban Thường vụ Tỉnh ủy Nghệ An", "Nghệ An")]),
    Case("commune council, a commune named in a province plan",
         "Nghị quyết số 05/NQ-HĐND của HĐND xã Diễn Châu; Kế hoạch\n"
         "số 12/KH-UBND của UBND xã Quỳnh Lưu", NGHE_AN,
         [Ref("NQ 05/NQ-HĐND", "Nghị quyết", "05", "NQ-HĐND", None, "HĐND xã Diễn Châu", "Diễn Châu"),
          Ref("KH 12/KH-UBND", "Kế hoạch", "12", "KH-UBND", None, "UBND xã Quỳnh Lưu", "Quỳnh Lưu")]),
    Case("party number broken before its hyphen", "quán triệt Nghị quyết số 57\n-NQ/TW ngày 22/12/2024 của Bộ Chính\n"
         "trị và Kết luận số 28-KL/\nTW", NGHE_AN,
         [Ref("NQ 57-NQ/TW", "Nghị quyết", "57", "NQ/TW", "2024-12-22", "Bộ Chính trị", NAT),
          Ref("KL 28-KL/TW", "Kết luận", "28", "KL/TW", None, "Ban Chấp hành Trung ương", NAT)], rewrap=False),
    Case("commune cites provincial departments", "Kế hoạch số 12/KH-SNV ngày 3/2/2025 của Sở Nội vụ; Kế hoạch số\n"
         "30-KH/TU; Công văn số 45/UBND-VP; Hướng dẫn số 05-HD/BTGTU; Thông báo số 12-TB/VPTU", TAN_PHU,
         [Ref("KH 12/KH-SNV", "Kế hoạch", "12", "KH-SNV", "2025-02-03", "Sở Nội vụ", "Đồng Nai"),
          Ref("KH 30-KH/TU", "Kế hoạch", "30", "KH/TU", None, "Tỉnh ủy Đồng Nai", "Đồng Nai"),
          Ref("CV 45/UBND-VP", "Công văn", "45", "UBND-VP", None, "UBND xã Tân Phú", "Tân Phú"),
          Ref("HD 05-HD/BTGTU", "Hướng dẫn", "05", "HD/BTGTU", None, None, "Đồng Nai"),
          Ref("TB 12-TB/VPTU", "Thông báo", "12", "TB/VPTU", None, None, "Đồng Nai")]),
    Case("commune plan, whole", COMMUNE_PLAN, TAN_PHU,
         [Ref("Luật Tổ chức chính quyền địa phương 2025", "Luật", "72", "2025/QH15", None, "Quốc hội", NAT),
          Ref("NĐ 150/2025/NĐ-CP", "Nghị định", "150", "2025/NĐ-CP", "2025-06-12", "Chính phủ", NAT),
          Ref("KH 310/KH-UBND", "Kế hoạch", "310", "KH-UBND", "2025-07-30", "UBND tỉnh Đồng Nai", "Đồng Nai"),
          Ref("CV 2456/SNV-CCHC", "Công văn", "2456", "SNV-CCHC", "2025-08-05", "Sở Nội vụ", "Đồng Nai"),
          Ref("NQ 03-NQ/ĐU", "Nghị quyết", "03", "NQ/ĐU", "2025-07-10", "Ban Chấp hành Đảng bộ xã Tân Phú", "Tân Phú"),
          Ref("QĐ 06/QĐ-TTg", "Quyết định", "06", "QĐ-TTg", None, "Thủ tướng Chính phủ", NAT),
          Ref("NĐ 45/2020/NĐ-CP", "Nghị định", "45", "2020/NĐ-CP", None, "Chính phủ", NAT),
          Ref("NĐ 107/2021/NĐ-CP", "Nghị định", "107", "2021/NĐ-CP", None, "Chính phủ", NAT),
          Ref("NĐ 61/2018/NĐ-CP", "Nghị định", "61", "2018/NĐ-CP", None, "Chính phủ", NAT),
          Ref("QĐ 1234/QĐ-UBND", "Quyết định", "1234", "QĐ-UBND", "2025-07-02", "Chủ tịch UBND tỉnh Đồng Nai",
              "Đồng Nai"),
          Ref("TT 01/2023/TT-VPCP", "Thông tư", "01", "2023/TT-VPCP", None, "Văn phòng Chính phủ", NAT),
          Ref("QĐ 468/QĐ-TTg", "Quyết định", "468", "QĐ-TTg", None, "Thủ tướng Chính phủ", NAT)],
         relations=[("NĐ 107/2021/NĐ-CP", "amends", "NĐ 61/2018/NĐ-CP")], mentions={"NQ 03-NQ/ĐU": 2},
         rewrap=False),
    Case("department plan, whole", DEPARTMENT_PLAN, SYT_QN,
         [Ref("QĐ 3504/QĐ-UBND", "Quyết định", "3504", "QĐ-UBND", "2025-12-25", "UBND tỉnh Quảng Ninh", "Quảng Ninh"),
          Ref("HD 1520/HD-SNV", "Hướng dẫn", "1520", "HD-SNV", "2025-12-30", "Sở Nội vụ", "Quảng Ninh"),
          Ref("TT 32/2023/TT-BYT", "Thông tư", "32", "2023/TT-BYT", "2023-12-31", "Bộ trưởng Bộ Y tế", NAT),
          Ref("CT 08/CT-UBND", "Chỉ thị", "08", "CT-UBND", "2024-03-15", "Chủ tịch UBND tỉnh Quảng Ninh", "Quảng Ninh"),
          Ref("CV 4567/UBND-TH4", "Công văn", "4567", "UBND-TH4", "2025-10-02", None, "Quảng Ninh"),
          Ref("NQ 26/NQ-BCSĐ", "Nghị quyết", "26", "NQ-BCSĐ", None, "Ban cán sự đảng UBND tỉnh Quảng Ninh",
              "Quảng Ninh"),
          Ref("QĐ 1085/QĐ-BNV", "Quyết định", "1085", "QĐ-BNV", None, "Bộ Nội vụ", NAT),
          Ref("CV 235/BYT-KHTC", "Công văn", "235", "BYT-KHTC", None, None, NAT),
          Ref("CV 236/BYT-KHTC", "Công văn", "236", "BYT-KHTC", None, None, NAT),
          Ref("TB 120-TB/TU", "Thông báo", "120", "TB/TU", None, "Ban Thường vụ Tỉnh ủy Quảng Ninh", "Quảng Ninh"),
          Ref("KH 15-KH/ĐU", "Kế hoạch", "15", "KH/ĐU", None, "Đảng ủy Sở Y tế", "Quảng Ninh")],
         rewrap=False),
    # ------------------------------------------------------------ numbers with a dot, laws by abbreviation
    # (issue 11: seen in real plans; Nghị quyết 66.7/2025/NQ-CP of the Government exists)
    Case("resolution number with a dot", "Căn cứ Nghị quyết số 66.7/2025/NQ-CP ngày 15/11/2025 của Chính phủ quy\n"
         "định các biện pháp đặc biệt xử lý vướng mắc do quy định của pháp luật;\nRà soát văn bản theo "
         "Nghị quyết 66.7/2025/NQ-CP.", NGHE_AN,
         [Ref("NQ 66.7/2025/NQ-CP", "Nghị quyết", "66.7", "2025/NQ-CP", "2025-11-15", "Chính phủ", NAT)],
         mentions={"NQ 66.7/2025/NQ-CP": 2}),
    Case("law with its abbreviation in brackets", "Căn cứ Luật Ban hành văn bản quy phạm pháp luật (QPPL) năm 2025;\n"
         "Tham mưu ban hành văn bản QPPL đúng trình tự của Luật Ban hành văn bản QPPL năm 2025.", NGHE_AN,
         [Ref("Luật Ban hành văn bản quy phạm pháp luật 2025", "Luật", None, None, None, "Quốc hội", NAT)],
         mentions={"Luật Ban hành văn bản quy phạm pháp luật 2025": 2}),
    Case("abbreviation the text defines", "Rà soát văn bản quy phạm pháp luật (sau đây gọi là QPPL) do HĐND, UBND\n"
         "tỉnh ban hành theo Luật Ban hành văn bản QPPL năm 2025 và Luật Ban hành văn bản quy phạm pháp luật\n"
         "ngày 19/02/2025.", CAN_THO,
         [Ref("Luật Ban hành văn bản quy phạm pháp luật 2025", "Luật", None, None, "2025-02-19", "Quốc hội", NAT)],
         mentions={"Luật Ban hành văn bản quy phạm pháp luật 2025": 2}),
    Case("law's short name the text defines", "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022 (sau "
         "đây gọi\ntắt là Luật THDCCS); Tổ chức tuyên truyền, phổ biến Luật THDCCS đến cán bộ, công chức.", TAN_PHU,
         [Ref("Luật Thực hiện dân chủ ở cơ sở 2022", "Luật", None, None, "2022-11-10", "Quốc hội", NAT)]),
    Case("customary abbreviations in law names", "Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003; Luật NSNN năm "
         "2015;\nLuật Ngân sách nhà nước ngày 25/6/2015; Luật KH&CN năm 2013.", SYT_QN,
         [Ref("Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân 2003", "Luật", None, None, "2003-11-26",
              "Quốc hội", NAT),
          Ref("Luật Ngân sách nhà nước 2015", "Luật", None, None, "2015-06-25", "Quốc hội", NAT),
          Ref("Luật Khoa học và Công nghệ 2013", "Luật", None, None, None, "Quốc hội", NAT)],
         mentions={"Luật Ngân sách nhà nước 2015": 2}),
    # ------------------------------------------------------------ precision traps: nothing is cited
    Case("dotted numbers that are no documents", "Tiêu chí 2.1/PAR INDEX đạt 0.5/1 điểm; nội dung mục 2.1/KH-UBND;\n"
         "tỷ lệ 1.5/2.0; Thông tư số 01.2025; phiên bản 3.2/QĐ", NGHE_AN),
    Case("own plan number", "UBND TỈNH NGHỆ AN\nSố: 45/KH-UBND\nNghệ An, ngày 10 tháng 01 năm 2025\n"
         "KẾ HOẠCH\nCải cách hành chính năm 2025\nKèm theo Kế hoạch số 45/KH-UBND", NGHE_AN, rewrap=False),
    Case("own number in a merged heading line", "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Số: 15/KH-UBND      Tân Phú, ngày 20 tháng 01 năm 2025\nKẾ HOẠCH\nCải cách hành chính năm 2025",
         TAN_PHU, rewrap=False),
    Case("own number after the issuer on one line", "SỞ Y TẾ   Số: 12/KH-SYT   Quảng Ninh, ngày 10 tháng 01 năm 2025\n"
         "KẾ HOẠCH\nTriển khai Kế hoạch số 12/KH-SYT trong toàn ngành", SYT_QN, rewrap=False),
    Case("ISO and TCVN", "áp dụng Hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO\n9001:2015; "
         "TCVN 5502:2003; QCVN 01:2021/BXD; QCVN 07/2016/BXD", NGHE_AN),
    Case("phones, scores, dates", "Điện thoại: (0238) 3.844.567; đường dây nóng 0238.3844567; Chỉ số PAR\n"
         "INDEX năm 2024 đạt 89,5/100 điểm; số 01/2025; ngày 15/3/2025; mục 1.2/3", NGHE_AN),
    Case("blank number", "Quyết định số     /QĐ-UBND ngày   /   /2025 của UBND tỉnh", NGHE_AN),
    Case("urls", "tra cứu tại https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=12345 và\n"
         "www.nghean.gov.vn/uploads/2025/01/45/KH-UBND.pdf", NGHE_AN),
    Case("article and programme names", "theo khoản 25 Điều 1; Chương trình 135; Đề án 06; Đề án 06/CP; "
         "Chương trình 135/CP; Nghị quyết 18; "
         "thực hiện\ntheo Mẫu số 02/TTHC, Biểu mẫu số 01/BC, Phụ lục số 03/KH; Phòng 201/A1; Km 5/QL1A", NGHE_AN),
]


def variants(case: Case) -> dict[str, str]:
    """The case's text as written, with blank lines between lines, and re-wrapped narrow."""
    if not case.rewrap:
        return {"as printed": case.text, "blank lines": case.text.replace("\n", "\n\n")}
    flat = re.sub(r"[ \t]*\n[ \t]*", " ", case.text)
    narrow, width = [], 0
    for word in flat.split(" "):       # a table column about 14 characters wide
        if narrow and width + len(word) > 14:
            narrow.append("\n")
            width = 0
        elif narrow:
            narrow.append(" ")
        narrow.append(word)
        width += len(word) + 1
    return {"as printed": case.text, "blank lines": case.text.replace("\n", "\n\n"), "narrow": "".join(narrow),
            "word a line": flat.replace(" ", " \n\n")}
