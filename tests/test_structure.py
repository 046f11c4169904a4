"""Plan metadata, body tree, targets and body tasks (ingest/structure.py, ingest/sections.py).

Expected values were read off the sample texts in data/plans/ (line numbers cited), and the
synthetic plans below are written here so that the rules are not tied to the four samples.
"""
import json
from pathlib import Path

import pytest

from ingest import structure
from ingest.evaluate import score
from ingest.models import Document, Line
from ingest.read import read
from ingest.sections import clean, generic, marker, sentence_case, strip_footnotes

ROOT = Path(__file__).parent.parent
PLANS = ROOT / "data" / "plans"
GOLD = Path(__file__).parent / "gold"
HA_TINH, HOANG_SON, APPENDIX_ONLY, SON_LA = ("000_020fcace3bf4412a", "001_e89377c2e29b69c2",
                                             "002_a39914e25e1938d1", "003_1804e7c71a558f13")


@pytest.fixture(scope="module")
def sample():
    cache = {}

    def get(name):
        if name not in cache:
            doc = read(PLANS / f"{name}.txt")
            meta = structure.describe(doc)
            cache[name] = doc, meta, structure.targets(doc, meta), structure.body_tasks(doc, meta)
        return cache[name]
    return get


def _doc(text: str, shape: str = "pdf-text") -> Document:
    return Document(path="synthetic.txt", source="synthetic.txt", shape=shape,
                    lines=[Line(text=t, lineno=i) for i, t in enumerate(text.split("\n"), 1)])


# ------------------------------------------------------------------ metadata of the samples
def test_province_plan_wrapped_in_a_blank_decision(sample):
    _, meta, _, _ = sample(HA_TINH)
    # L99-101 "KẾ HOẠCH / Cải cách hành chính tỉnh Hà Tĩnh năm 2025"; L103 "Quyết định số: /QĐ-UBND"
    assert meta.title == "Kế hoạch cải cách hành chính tỉnh Hà Tĩnh năm 2025"
    assert (meta.doc_type, meta.level, meta.province, meta.commune, meta.year) == \
        ("Kế hoạch", "province", "Hà Tĩnh", None, 2025)
    assert meta.issuing_body == "UBND tỉnh Hà Tĩnh"
    assert meta.adopting_act == "Quyết định số .../QĐ-UBND"
    # the Căn cứ / Thực hiện lines L13-31; not the "Theo đề nghị" letter 3099, not the replaced 3098
    assert meta.implements == ["Luật Tổ chức chính quyền địa phương 2015", "NQ 76/NQ-CP", "CT 23/CT-TTg",
                               "NQ 12-NQ/TU", "QĐ 3504/QĐ-UBND", "QĐ 2454/QĐ-UBND", "CV 4625/BNV-CCHC"]
    assert meta.replaces == ["QĐ 3098/QĐ-UBND"]


def test_commune_plan_takes_its_province_from_the_text(sample):
    _, meta, _, _ = sample(HOANG_SON)
    # L7 "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HOẰNG SƠN"; L33 "tỉnh Thanh Hoá" (spelt with the old accent)
    assert (meta.level, meta.commune, meta.province) == ("commune", "Hoằng Sơn", "Thanh Hóa")
    assert meta.issuing_body == "UBND xã Hoằng Sơn"
    assert meta.title == "Kế hoạch cải cách hành chính trên địa bàn xã Hoằng Sơn năm 2025"
    assert meta.adopting_act == "Quyết định số .../QĐ-UBND"
    assert meta.implements == ["Luật Tổ chức chính quyền địa phương 2025", "NQ 76/NQ-CP", "CV 4625/BNV-CCHC",
                               "KH 22-KH/TU", "QĐ 3740/QĐ-UBND", "QĐ 2649/QĐ-UBND"]


def test_appendix_only_file(sample):
    _, meta, targets, tasks = sample(APPENDIX_ONLY)
    # L1-3 "PHỤ LỤC 4 / CÁC ĐỀ ÁN, ... ĐẾN NĂM 2025 / (Kèm theo Đề án CCHC đến năm 2025)"
    assert meta.title == ("Phụ lục 4: Các đề án, nhiệm vụ trọng tâm về cải cách hành chính đến năm 2025 "
                          "(Kèm theo Đề án CCHC đến năm 2025)")
    assert (meta.doc_type, meta.province, meta.level, meta.year) == ("Đề án", "Hà Tĩnh", "province", 2025)
    assert meta.adopting_act is None and meta.implements == []
    assert targets == [] and tasks == []


def test_provincial_office_plan(sample):
    _, meta, _, _ = sample(SON_LA)
    # L11 "Văn phòng UBND tỉnh ban hành Kế hoạch"; L9 "tỉnh Sơn La"; L672 "CHÁNH VĂN PHÒNG"
    assert (meta.level, meta.issuing_body, meta.province) == \
        ("provincial-office", "Văn phòng UBND tỉnh Sơn La", "Sơn La")
    assert meta.title == "Kế hoạch thực hiện công tác cải cách hành chính năm 2025"
    assert meta.adopting_act is None
    assert meta.implements == ["QĐ 1783/QĐ-UBND"]
    assert meta.replaces == ["KH 06/KH-VPUB"]            # L657 "Kế hoạch này thay thế ..."


# ------------------------------------------------------------------ targets and body tasks
@pytest.mark.parametrize("name", [HA_TINH, HOANG_SON, SON_LA])
def test_targets_and_body_tasks_against_gold(sample, name):
    _, meta, targets, tasks = sample(name)
    gold = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    pred = {"targets": [t.model_dump() for t in targets], "body_tasks": [b.model_dump() for b in tasks]}
    s = score(gold, pred)
    assert s.targets["r"] >= 0.95 and s.targets["p"] >= 0.9
    assert s.body_tasks["r"] >= 0.9 and s.body_tasks["p"] >= 0.8
    assert s.body_tasks["refs_acc"] >= 0.9


def test_numbered_targets_keep_their_printed_numbers(sample):
    _, _, targets, _ = sample(HA_TINH)
    # section II: 1.1-1.3, 2.1-2.3, 3.1-3.9, 4.1-4.3, 5.1-5.2, 6.1-6.5, 7.1-7.9
    assert len(targets) == 34
    by_ref = {t.ref: t for t in targets}
    assert by_ref["1.2"].area == "Chỉ đạo điều hành CCHC"
    assert by_ref["1.2"].text.startswith("Tối thiểu 35% cơ quan, đơn vị được kiểm tra CCHC trong năm 2025;")
    # L259-261: the line ends without a full stop, the next line is "3.2." - nothing glued
    assert by_ref["3.1"].text.endswith("cấp tỉnh 100%, cấp xã 95% số hồ sơ tiếp nhận")
    assert by_ref["7.9"].area == "Xây dựng và phát triển chính quyền điện tử, chính quyền số"


def test_target_across_a_page_break(sample):
    _, _, targets, _ = sample(HOANG_SON)
    first = targets[0]
    assert first.ref == "1.1" and (first.span.first_line, first.span.last_line) == (131, 151)
    assert "không phải cung cấp lại các thông tin, giấy tờ" in first.text
    # the heading "1. Một số mục tiêu, chỉ tiêu cụ" names no area: the area comes from the content
    assert first.area == "Cải cách thủ tục hành chính"


def test_unnumbered_targets_are_numbered_by_area_and_position(sample):
    _, _, targets, _ = sample(SON_LA)
    refs = [t.ref for t in targets]
    assert refs[:5] == ["2.a.1", "2.a.2", "2.a.3", "2.a.4", "3.a.1"]
    assert len(targets) == 25                            # the 'a) Chỉ tiêu' blocks of areas 2-7
    assert targets[0].area == "Cải cách thể chế"
    assert targets[4].area == "Cải cách thủ tục hành chính (TTHC)"
    # area 1 has no 'Chỉ tiêu' block: its "30% số lượng các phòng" bullet (L113-115) is no target
    assert not any("30% số lượng các phòng" in t.text for t in targets)


def test_body_task_text_area_refs_and_span(sample):
    _, _, _, tasks = sample(HA_TINH)
    t = next(b for b in tasks if b.text.startswith("Thực hiện Nghị định số 118/2025/NĐ-CP ngày 09/6/2025"))
    assert t.area == "Cải cách thủ tục hành chính"
    assert t.legal_refs == ["NĐ 118/2025/NĐ-CP"]
    assert (t.span.first_line, t.span.last_line) == (629, 633)
    # items of "VI. TỔ CHỨC THỰC HIỆN" take their addressee heading as area
    assert any(b.area == "Sở Nội vụ" and "Nghị quyết số 18-NQ/TW" in b.text for b in tasks)
    # the purpose statement 1.2 cites NQ 12-NQ/TU but is no task
    assert not any(b.text.startswith("Tiếp tục triển khai toàn diện, đồng bộ") for b in tasks)


def test_lettered_task_starts_after_its_letter(sample):
    _, _, _, tasks = sample(HOANG_SON)
    starts = [b.text[:60] for b in tasks]
    assert "Tiếp tục thực hiện các nội dung, nhiệm vụ theo Quyết định số 06/QĐ - TTg" in " | ".join(
        b.text for b in tasks)
    assert not any(s.startswith(("đ)", "d)", "b)")) for s in starts)
    assert len(tasks) == 6


# ------------------------------------------------------------------ cleaning
def test_page_header_and_page_number_are_dropped(sample):
    doc, _, _, _ = sample(HA_TINH)
    nodes = list(structure.sections(doc).walk())
    req = next(n for n in nodes if n.text.startswith("CCHC phải xuất phát từ lợi ích"))
    # L200-205: "...Người đứng đầu các cơ quan, đơn / ỦY BAN NHÂN DÂN / TỈNH HÀ TĨNH / CỘNG HÒA ... / vị, ..."
    assert "các cơ quan, đơn vị, địa phương phải xác định CCHC" in req.text
    assert "ỦY BAN" not in req.text and "CỘNG HÒA" not in req.text
    # L714-724: a bullet followed by the page number "10"
    bullet = next(n for n in nodes if n.text.startswith("Tập trung rà soát, sắp xếp, kiện toàn tổ chức bộ máy"))
    assert bullet.text.endswith("của Ban Chỉ đạo Trung ương, của tỉnh.")


def test_footnote_mark_is_removed(sample):
    doc, _, _, _ = sample(HA_TINH)
    purpose = next(n for n in structure.sections(doc).walk() if n.text.startswith("Tiếp tục triển khai toàn diện"))
    assert "giai đoạn 2021-2030 của Chính phủ" in purpose.text     # printed "2021-20301" (L148)


@pytest.mark.parametrize("printed, meant", [
    ("giai đoạn 2021-20301 của Chính phủ", "giai đoạn 2021-2030 của Chính phủ"),
    ("của Chính phủ2, Bộ Nội vụ", "của Chính phủ, Bộ Nội vụ"),
    ("đạt trên 98%2.", "đạt trên 98%."),
    ("Kế hoạch số 140/KH-BCĐTKNQ18 ngày", "Kế hoạch số 140/KH-BCĐTKNQ18 ngày"),
    ("tổng kết Nghị quyết 18; khoản 25 Điều 1", "tổng kết Nghị quyết 18; khoản 25 Điều 1"),
])
def test_strip_footnotes(printed, meant):
    assert strip_footnotes(printed) == meant


def test_labels():
    assert sentence_case("CẢI CÁCH THỦ TỤC HÀNH CHÍNH (TTHC)") == "Cải cách thủ tục hành chính (TTHC)"
    assert sentence_case("Xây dựng Chính quyền số") == "Xây dựng Chính quyền số"
    assert generic("Một số mục tiêu, chỉ tiêu cụ") and generic("NHIỆM VỤ, GIẢI PHÁP") and generic("Chỉ tiêu")
    assert not generic("Sở Nội vụ") and not generic("Cải cách thể chế")


# ------------------------------------------------------------------ plans of other issuers
DEPARTMENT_PLAN = """UBND TỈNH NGHỆ AN
SỞ NỘI VỤ
Số: 45/KH-SNV
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Nghệ An, ngày 10 tháng 01 năm 2024

KẾ HOẠCH
CẢI CÁCH HÀNH CHÍNH NĂM 2024 CỦA SỞ NỘI VỤ

Căn cứ Quyết định số 4567/QĐ-UBND ngày 20/12/2023 của UBND tỉnh Nghệ An về việc ban
hành Kế hoạch cải cách hành chính nhà nước tỉnh Nghệ An năm 2024;
Theo đề nghị của Trưởng phòng Cải cách hành chính tại Tờ trình số 12/TTr-CCHC.
Sở Nội vụ ban hành Kế hoạch cải cách hành chính năm 2024 như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Thực hiện có hiệu quả Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ
trong phạm vi quản lý của Sở.
II. MỤC TIÊU CỤ THỂ
1. CẢI CÁCH THỂ CHẾ
- 100% văn bản quy phạm pháp luật do Sở tham mưu được ban hành đúng trình
tự, thủ tục.
- 100% văn bản được rà soát theo quy định.
2. CẢI CÁCH THỦ TỤC HÀNH CHÍNH
- Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%2.
III. NHIỆM VỤ, GIẢI PHÁP
1. Cải cách thủ tục hành chính
a) Thực hiện Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ về
thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông, cụ thể:
+ Rà soát quy trình nội bộ;
+ Công khai thủ tục hành chính.
b) Tăng cường kiểm tra việc giải quyết thủ tục hành chính tại các đơn vị.
12
UBND TỈNH NGHỆ AN
SỞ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
c) Triển khai Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính
phủ giai đoạn 2021-20303.
2. Cải cách chế độ công vụ
- Về tuyển dụng:
+ Tuyển dụng công chức theo Nghị định số 170/2025/NĐ-CP của Chính phủ.
+ Công khai kết quả tuyển dụng.
IV. KINH PHÍ
Kinh phí thực hiện theo Thông tư số 20/2023/TT-BTC của Bộ Tài chính.
V. TỔ CHỨC THỰC HIỆN
1. Phòng Cải cách hành chính
Chủ trì theo dõi, đôn đốc thực hiện Kế hoạch này theo Thông tư số
01/2024/TT-BNV ngày 05/01/2024 của Bộ Nội vụ.
Kế hoạch này thay thế Kế hoạch số 40/KH-SNV ngày 02/01/2024 của Sở Nội vụ./.
Nơi nhận:
- UBND tỉnh (b/c);
- Lưu: VT.
GIÁM ĐỐC
Nguyễn Văn A
PHỤ LỤC
NHIỆM VỤ CỤ THỂ
1 Thực hiện Nghị định số 47/2020/NĐ-CP
"""


def test_department_plan_of_another_province():
    doc = _doc(DEPARTMENT_PLAN)
    meta = structure.describe(doc)
    assert (meta.level, meta.issuing_body, meta.province, meta.year) == \
        ("department", "Sở Nội vụ tỉnh Nghệ An", "Nghệ An", 2024)
    assert meta.title == "Kế hoạch cải cách hành chính năm 2024 của Sở Nội vụ"
    assert meta.implements == ["QĐ 4567/QĐ-UBND"]     # not the Tờ trình of "Theo đề nghị"
    assert meta.replaces == ["KH 40/KH-SNV"]

    targets = structure.targets(doc, meta)
    assert [(t.ref, t.area) for t in targets] == [("1.1", "Cải cách thể chế"), ("1.2", "Cải cách thể chế"),
                                                   ("2.1", "Cải cách thủ tục hành chính")]
    assert targets[0].text == ("100% văn bản quy phạm pháp luật do Sở tham mưu được ban hành đúng trình tự, "
                               "thủ tục.")
    assert targets[2].text == "Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%."

    tasks = structure.body_tasks(doc, meta)
    got = [(b.area, b.text[:40], b.legal_refs) for b in tasks]
    assert got == [
        ("Cải cách thủ tục hành chính", "Thực hiện Nghị định số 118/2025/NĐ-CP ng", ["NĐ 118/2025/NĐ-CP"]),
        ("Cải cách thủ tục hành chính", "Triển khai Quyết định số 766/QĐ-TTg ngày", ["QĐ 766/QĐ-TTg"]),
        ("Cải cách chế độ công vụ", "Tuyển dụng công chức theo Nghị định số 1", ["NĐ 170/2025/NĐ-CP"]),
        ("Phòng Cải cách hành chính", "Chủ trì theo dõi, đôn đốc thực hiện Kế h", ["TT 01/2024/TT-BNV"]),
    ]
    # the "cụ thể:" list belongs to its statement; the page header between b) and c) is gone
    assert tasks[0].text.endswith("cụ thể: Rà soát quy trình nội bộ; Công khai thủ tục hành chính.")
    assert tasks[1].text.endswith("Thủ tướng Chính phủ giai đoạn 2021-2030.")
    assert (tasks[1].span.first_line, tasks[1].span.last_line) == (36, 37)


COMMUNE_PLAN = """ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG TÂN PHÚ                     Độc lập - Tự do - Hạnh phúc
Số: 15/KH-UBND                     Tân Phú, ngày 05 tháng 9 năm 2025
KẾ HOẠCH
Cải cách hành chính phường Tân Phú năm 2025
Thực hiện Kế hoạch số 210/KH-UBND ngày 20/8/2025 của UBND tỉnh Đồng Nai về cải cách hành chính năm 2025, UBND phường ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao hiệu quả công tác cải cách hành chính trên địa bàn phường theo Nghị quyết số 76/NQ-CP.
II. NHIỆM VỤ
1. Chỉ tiêu
- 100% hồ sơ thủ tục hành chính được số hóa.
- 100% văn bản được ký số và gửi nhận trên môi trường điện tử.
2. Cải cách tổ chức bộ máy
- Thực hiện Nghị định số 150/2025/NĐ-CP ngày 12/6/2025 của Chính phủ về tổ chức các cơ quan chuyên môn.
III. TỔ CHỨC THỰC HIỆN
Các phòng, đơn vị triển khai thực hiện./.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
"""


def test_commune_plan_from_a_word_processor():
    # one paragraph per line (DOCX), letterhead and motto side by side on the same lines
    doc = _doc(COMMUNE_PLAN, shape="docx")
    meta = structure.describe(doc)
    assert (meta.level, meta.commune, meta.province, meta.issuing_body) == \
        ("commune", "Tân Phú", "Đồng Nai", "UBND phường Tân Phú")
    assert meta.implements == ["KH 210/KH-UBND"]
    targets = structure.targets(doc, meta)
    assert [t.ref for t in targets] == ["1.1", "1.2"]
    # the block "1. Chỉ tiêu" names no area: the content does
    assert [t.area for t in targets] == ["Cải cách thủ tục hành chính",
                                         "Xây dựng và phát triển chính quyền điện tử, chính quyền số"]
    tasks = structure.body_tasks(doc, meta)
    assert [(b.area, b.legal_refs) for b in tasks] == [("Cải cách tổ chức bộ máy", ["NĐ 150/2025/NĐ-CP"])]


@pytest.mark.parametrize("letterhead, level, body", [
    ("UBND TỈNH SƠN LA\nVĂN PHÒNG\nSố: 12/KH-VPUB", "provincial-office", "Văn phòng UBND tỉnh Sơn La"),
    ("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nQUYẾT ĐỊNH", "province", "UBND tỉnh Hà Tĩnh"),
    ("UBND TỈNH NAM ĐỊNH\nSỞ KHOA HỌC VÀ CÔNG NGHỆ", "department", "Sở Khoa học và Công nghệ tỉnh Nam Định"),
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI", "province", "UBND thành phố Hà Nội"),
    ("ỦY BAN NHÂN DÂN\nXÃ ĐỨC THỌ\n\nCăn cứ Quyết định số 1/QĐ-UBND của UBND tỉnh Hà Tĩnh;", "commune",
     "UBND xã Đức Thọ"),
    # the motto column run onto the letterhead lines, as a flattened two-column header prints it
    ("UBND TỈNH THÁI NGUYÊN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ Y TẾ    Độc lập - Tự do - Hạnh phúc",
     "department", "Sở Y tế tỉnh Thái Nguyên"),
    # the motto wrapped in its narrow column, its rest beside the letterhead's next line (PDF)
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ\nTỈNH HÀ TĨNH NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
     "province", "UBND tỉnh Hà Tĩnh"),
    # a unit whose name already says "tỉnh": the province follows it once
    ("UBND TỈNH VĨNH LONG\nTHANH TRA TỈNH\nSố: 5/KH-TTr", "department", "Thanh tra tỉnh Vĩnh Long"),
])
def test_issuer_from_the_letterhead(letterhead, level, body):
    doc = _doc(letterhead + "\nKẾ HOẠCH\nCải cách hành chính năm 2025\nI. MỤC ĐÍCH\n- Nâng cao chất lượng.")
    meta = structure.describe(doc)
    assert (meta.level, meta.issuing_body, meta.year) == (level, body, 2025)
    assert meta.title == "Kế hoạch cải cách hành chính năm 2025"


CITY_PLAN = """KẾ HOẠCH HÀNH ĐỘNG
Cải cách hành chính nhà nước của Thành phố năm 2024
Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;
UBND thành phố Hà Nội ban hành Kế hoạch cải cách hành chính năm 2024 như sau:
I MỤC ĐÍCH, YÊU CẦU
a. Thực hiện Nghị quyết số 76/NQ-CP hiệu quả.
II MỤC TIÊU
Phấn đấu trong năm 2024 đạt các chỉ tiêu sau:
(1) Chỉ số cải cách hành chính của Thành phố thuộc nhóm 10 địa phương dẫn đầu.
(2) Tỷ lệ hài lòng của người dân đạt trên 90%.
III NHIỆM VỤ TRỌNG TÂM
1. CẢI CÁCH THỂ CHẾ:
a. Tổ chức thi hành Luật Thủ đô năm 2024 và các văn bản hướng dẫn.
b. Rà soát văn bản quy phạm pháp luật.
IV TỔ CHỨC THỰC HIỆN
Giao Sở Nội vụ theo dõi, báo cáo theo Quyết định số 12/2022/QĐ-UBND./.
"""


def test_other_numbering_styles():
    # Roman numerals without a dot, "(1)" numbers, "a." letters, an unnumbered lead-in, "./." at the end
    doc = _doc(CITY_PLAN)
    meta = structure.describe(doc)
    assert (meta.title, meta.doc_type) == ("Kế hoạch hành động cải cách hành chính nhà nước của Thành phố năm 2024",
                                           "Kế hoạch")
    targets = structure.targets(doc, meta)
    assert [(t.ref, t.text[:30]) for t in targets] == [("1", "Chỉ số cải cách hành chính của"),
                                                        ("2", "Tỷ lệ hài lòng của người dân đ")]
    tasks = structure.body_tasks(doc, meta)
    assert [(b.area, b.text) for b in tasks] == [
        ("Cải cách thể chế", "Tổ chức thi hành Luật Thủ đô năm 2024 và các văn bản hướng dẫn."),
        ("Tổ chức thực hiện", "Giao Sở Nội vụ theo dõi, báo cáo theo Quyết định số 12/2022/QĐ-UBND."),
    ]


def test_footnote_text_at_the_foot_of_a_page_is_dropped():
    doc = _doc("""KẾ HOẠCH
Cải cách hành chính năm 2025
I. NHIỆM VỤ
1. Cải cách thể chế
- Triển khai Chương trình tổng thể cải cách hành chính giai đoạn 2021-20301 của
Chính phủ và Nghị định số 80/2025/NĐ-CP về tổ chức thi hành văn bản quy phạm
1 Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình
tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030.
4
pháp luật.
- Rà soát văn bản quy phạm pháp luật.""")
    meta = structure.describe(doc)
    tasks = structure.body_tasks(doc, meta)
    assert [b.text for b in tasks] == [
        "Triển khai Chương trình tổng thể cải cách hành chính giai đoạn 2021-2030 của Chính phủ và Nghị định "
        "số 80/2025/NĐ-CP về tổ chức thi hành văn bản quy phạm pháp luật."]
    assert tasks[0].legal_refs == ["NĐ 80/2025/NĐ-CP"]
    assert (tasks[0].span.first_line, tasks[0].span.last_line) == (5, 10)


def test_a_docx_gives_the_same_statements(tmp_path):
    from docx import Document as new_docx
    path = tmp_path / "plan.docx"
    d = new_docx()
    for paragraph in CITY_PLAN.strip().split("\n"):
        d.add_paragraph(paragraph)
    d.save(path)
    doc = read(path)
    meta = structure.describe(doc)
    from_text = _doc(CITY_PLAN)
    assert meta.title == structure.describe(from_text).title
    assert [t.text for t in structure.targets(doc, meta)] == \
        [t.text for t in structure.targets(from_text, meta)]
    assert [(b.area, b.text, b.legal_refs) for b in structure.body_tasks(doc, meta)] == \
        [(b.area, b.text, b.legal_refs) for b in structure.body_tasks(from_text, meta)]


def test_place_names():
    from ingest.places import communes_in, province, provinces_in
    assert province("Thanh Hoá") == "Thanh Hóa" and province("ĐĂK LĂK") == "Đắk Lắk"
    assert province("Bà Rịa – Vũng Tàu") == "Bà Rịa - Vũng Tàu" and province("Hà Tây") is None
    assert provinces_in("UBND TỈNH THỪA THIÊN HUẾ; thành phố Huế; TP. Hồ Chí Minh") == \
        ["Thừa Thiên Huế", "Huế", "Hồ Chí Minh"]
    assert communes_in("UBND XÃ HOẰNG SƠN") == [("xã", "Hoằng Sơn")]
    assert communes_in("UBND các xã, phường trên địa bàn; Phường 3") == [("phường", "3")]


def test_general_objective_is_no_target():
    doc = _doc("""KẾ HOẠCH
Cải cách hành chính năm 2025
I. MỤC TIÊU
1. Mục tiêu chung
Xây dựng nền hành chính dân chủ, chuyên nghiệp, hiện đại theo Nghị quyết số 76/NQ-CP.
2. Mục tiêu cụ thể
- 100% thủ tục hành chính được công khai.
II. YÊU CẦU
- Bảo đảm tiến độ.""")
    meta = structure.describe(doc)
    targets = structure.targets(doc, meta)
    assert [(t.ref, t.text) for t in targets] == [("2.1", "100% thủ tục hành chính được công khai.")]
    assert structure.body_tasks(doc, meta) == []


# wrapped as a flattened PDF prints it: every line cut at 60 characters
WRAPPED_BODY = """II. MỤC TIÊU, CHỈ TIÊU
1. Cải cách tổ chức bộ máy hành chính nhà nước
100% cơ quan được rà soát, sắp xếp chức năng, nhiệm vụ.
Tối thiểu 30% đơn vị trực thuộc được kiểm tra trong năm.
2. Xây dựng chính quyền điện tử, chính quyền số
2.1. Tỷ lệ hồ sơ công việc được lập và lưu trữ điện tử đạt
tối thiểu:
- Cấp tỉnh: 100%;
- Cấp xã: 90%.
2.2. Tối thiểu 35% cơ quan, đơn vị được kiểm tra CCHC năm 2025;
100% đơn vị ban hành kế hoạch tự kiểm tra theo quy định.
III. NHIỆM VỤ, GIẢI PHÁP
1. Cải cách tổ chức bộ máy hành chính nhà nước
Rà soát, kiện toàn tổ chức bộ máy theo Nghị định số 45/2020/NĐ-
CP ngày 08/4/2020 của Chính phủ và các văn bản hướng dẫn.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Tư pháp: Chủ trì hướng dẫn, kiểm tra việc thực hiện theo
Thông tư số 01/2023/TT-VPCP ngày 05/4/2023 của Văn phòng Chính
phủ; báo cáo kết quả về UBND tỉnh trước ngày 15/12/2025.
- Tham mưu sơ kết, tổng kết kết quả thực hiện Kế hoạch.
"""


def test_wrapped_body_statements():
    doc = _doc("KẾ HOẠCH\nCải cách hành chính năm 2025\n" + WRAPPED_BODY)
    meta = structure.describe(doc)
    targets = structure.targets(doc, meta)
    # a heading line that stops short is no part of the sentence under it; a sentence that ends
    # where the next word would still have fitted ends its paragraph
    assert [t.text for t in targets[:2]] == ["100% cơ quan được rà soát, sắp xếp chức năng, nhiệm vụ.",
                                             "Tối thiểu 30% đơn vị trực thuộc được kiểm tra trong năm."]
    # a lead-in over a list of fragments is one target; "...; \n100% ..." continues target 2.2
    assert [(t.ref, t.text) for t in targets[2:]] == [
        ("2.1", "Tỷ lệ hồ sơ công việc được lập và lưu trữ điện tử đạt tối thiểu: Cấp tỉnh: 100%; Cấp xã: 90%."),
        ("2.2", "Tối thiểu 35% cơ quan, đơn vị được kiểm tra CCHC năm 2025; "
                "100% đơn vị ban hành kế hoạch tự kiểm tra theo quy định.")]
    tasks = structure.body_tasks(doc, meta)
    assert [(b.area, b.text.split(",")[0], b.legal_refs) for b in tasks] == [
        ("Cải cách tổ chức bộ máy hành chính nhà nước", "Rà soát", ["NĐ 45/2020/NĐ-CP"]),
        # a numbered duty stated as a sentence is a task, not the heading of the bullet after it
        ("Tổ chức thực hiện", "Sở Tư pháp: Chủ trì hướng dẫn", ["TT 01/2023/TT-VPCP"])]


def test_page_break_inside_a_reference():
    # the page header (letterhead and motto run together, as a two-column header flattens) falls
    # between "3316/QĐ-" and "UBND": the header goes, the reference's end stays
    lines = ["- Đánh giá chất lượng phục vụ theo Quyết định số 3316/QĐ-", " 2 ",
             "UBND TỈNH GIA LAI    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "SỞ TƯ PHÁP    Độc lập - Tự do - Hạnh phúc",
             "UBND ngày 20/3/2024 của UBND tỉnh.",
             "- Thực hiện Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013."]
    kept = [ln.text for ln in clean(_doc("\n".join(lines)).lines)]
    assert kept == [lines[0], lines[4], lines[5]]


def test_area_numbered_with_a_dash():
    # "1- Cải cách thể chế" numbers an area like "1."; a range "2021 - 2030" at a line start does not
    assert marker("1- Cải cách thể chế") == ("arabic", "1", "Cải cách thể chế")
    assert marker("2021 - 2030, định hướng đến năm 2045")[0] is None


def test_body_ends_at_an_appendix_without_its_name():
    # no "Nơi nhận", no "PHỤ LỤC": the "(Kèm theo Kế hoạch ...)" note under the table's title ends the body
    doc = _doc("""KẾ HOẠCH
Cải cách hành chính năm 2025
I. MỤC TIÊU
1. Mục tiêu tổng quát
Xây dựng nền hành chính hiện đại; 100% cơ quan hoàn thành nhiệm vụ.
2. Mục tiêu cụ thể
- 100% hồ sơ được giải quyết đúng hạn.
II. NHIỆM VỤ
- Thực hiện Nghị định số 118/2025/NĐ-CP về cơ chế một cửa.
BIỂU TỔNG HỢP NHIỆM VỤ
(Kèm theo Kế hoạch số 12/KH-SNV ngày 10/3/2025)
STT
1
Thực hiện Quyết định số 468/QĐ-TTg về đổi mới một cửa""")
    meta = structure.describe(doc)
    # the general objective ("tổng quát", like "chung") is a purpose, not a target
    assert [t.text for t in structure.targets(doc, meta)] == ["100% hồ sơ được giải quyết đúng hạn."]
    assert [b.legal_refs for b in structure.body_tasks(doc, meta)] == [["NĐ 118/2025/NĐ-CP"]]
