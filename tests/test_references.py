"""Legal references (ingest/refs/resolve.py): normalisation, scope, relations, mentions, gold F1.

Expected values were read off the sample texts in data/plans/ (line numbers in
comments), not taken from the code's output.
"""
import json
from pathlib import Path

import pytest

from ingest import refs as legal_refs
from ingest.evaluate import score
from ingest.models import DocumentMeta, Line

ROOT = Path(__file__).resolve().parents[1]
HA_TINH = DocumentMeta(level="province", province="Hà Tĩnh")
SON_LA = DocumentMeta(level="provincial-office", province="Sơn La")
HOANG_SON = DocumentMeta(level="commune", province="Thanh Hóa", commune="Hoằng Sơn")


def refs_of(text: str, meta: DocumentMeta = HA_TINH):
    lines = [Line(text=t, lineno=i + 1) for i, t in enumerate(text.split("\n"))]
    refs, relations = legal_refs.collect(lines, meta)
    return {r.id: r for r in refs}, relations


# ---------------------------------------------------------------- normalisation
def test_reference_split_across_lines():
    # 003 L1839-1841, with the dump's blank line between the two halves
    refs, _ = refs_of("trách nhiệm theo các Nghị định số 130/2005/NĐ-\n\nCP ngày 17/10/2005, Nghị định")
    r = refs["NĐ 130/2005/NĐ-CP"]
    assert (r.number, r.symbol, r.date, r.scope, r.lines) == ("130", "2005/NĐ-CP", "2005-10-17", "national", [1])


def test_year_split_and_lost_hyphen():
    # 000 L4800-4810: "Thông tư số 92/202 | 1/TT | BTC ngày 28/10/ | 2021 của Bộ trưởng Bộ Tài chính"
    refs, _ = refs_of("Thông \ntư số \n92/202\n1/TT \nBTC \nngày \n28/10/\n2021 \ncủa Bộ \ntrưởng \nBộ Tài \nchính")
    assert list(refs) == ["TT 92/2021/TT-BTC"]
    r = refs["TT 92/2021/TT-BTC"]
    assert (r.doc_type, r.date, r.scope) == ("Thông tư", "2021-10-28", "national")


def test_symbol_without_year_takes_date():
    refs, _ = refs_of("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ về Chương")
    r = refs["NQ 76/NQ-CP"]
    assert (r.symbol, r.date, r.issuer, r.scope) == ("NQ-CP", "2021-07-15", "Chính phủ", "national")


def test_party_hyphen_form():
    refs, _ = refs_of("Nghị quyết số 12-NQ/TU ngày 26/5/2022 của Ban Chấp hành Đảng bộ tỉnh; "
                      "Chương trình hành động số 45-CTr/TU ngày 03/7/2025; Công văn số 22-CV/BCĐ; "
                      "Kết luận số 28-\n\nKL/TW và Kết luận số 40-KL/TW của Bộ Chính trị")
    assert list(refs) == ["NQ 12-NQ/TU", "CTr 45-CTr/TU", "CV 22-CV/BCĐ", "KL 28-KL/TW", "KL 40-KL/TW"]
    assert refs["NQ 12-NQ/TU"].symbol == "NQ/TU"
    assert refs["NQ 12-NQ/TU"].scope == "Hà Tĩnh"
    assert refs["CTr 45-CTr/TU"].doc_type == "Chương trình"
    assert refs["KL 28-KL/TW"].scope == "national"


def test_laws_by_name_with_and_without_year():
    refs, _ = refs_of("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2015;\n"
                      "- Thực hiện nghiêm quy định của Luật Ban hành văn bản quy phạm pháp \n\n"
                      "luật năm 2025 và các Nghị định hướng dẫn thi hành\n"
                      "- Triển khai có hiệu quả Luật Ngân sách nhà nước và các văn bản có liên quan")
    assert list(refs) == ["Luật Tổ chức chính quyền địa phương 2015",
                          "Luật Ban hành văn bản quy phạm pháp luật 2025", "Luật Ngân sách nhà nước"]
    law = refs["Luật Tổ chức chính quyền địa phương 2015"]
    assert (law.doc_type, law.date, law.issuer, law.scope) == ("Luật", "2015-06-16", "Quốc hội", "national")


def test_generic_mentions_of_laws_are_not_references():
    refs, _ = refs_of("Phấn đấu 100% nội dung được Luật, Nghị quyết của Quốc hội, Pháp \n\nlệnh, Nghị quyết "
                      "của Ủy ban Thường vụ Quốc hội; trong trường hợp được Luật giao")
    assert refs == {}


def test_spaces_inside_symbol():
    # 001 L265 "06/QĐ - TTg"; 003 L929-933 "Công \n văn số 942/VPUB- \n TCHCQT ngày \n 07/5/2025"
    refs, _ = refs_of("theo Quyết định số 06/QĐ - TTg của Thủ tướng Chính phủ")
    assert list(refs) == ["QĐ 06/QĐ-TTg"]
    refs, _ = refs_of("Đã ban hành Công \nvăn số 942/VPUB- \nTCHCQT ngày \n07/5/2025", SON_LA)
    r = refs["CV 942/VPUB-TCHCQT"]
    assert (r.doc_type, r.date, r.scope) == ("Công văn", "2025-05-07", "Sơn La")


def test_glued_footnote_digits():
    refs, _ = refs_of("Thực hiện Nghị định số 118/2025/NĐ-CP1 ngày 09/6/2025 của Chính phủ")
    assert list(refs) == ["NĐ 118/2025/NĐ-CP"]
    # digits that belong to the symbol stay (003 L331)
    refs, _ = refs_of("Kế hoạch số 140/KH-BCĐTKNQ18 ngày 05/12/2024 của Ban Chỉ đạo", SON_LA)
    assert list(refs) == ["KH 140/KH-BCĐTKNQ18"]
    assert refs["KH 140/KH-BCĐTKNQ18"].scope == "national"


def test_letters_typed_by_preceding_word():
    refs, _ = refs_of("Thực hiện Văn bản số 4625/BNV-CCHC ngày 02/7/2025 của Bộ Nội vụ")
    r = refs["CV 4625/BNV-CCHC"]
    assert (r.doc_type, r.issuer, r.scope, r.date) == ("Văn bản", "Bộ Nội vụ", "national", "2025-07-02")
    refs, _ = refs_of("Căn cứ Công văn 4625/BNV-CCHC ngày 02/7/2025 của Bộ Nội vụ", HOANG_SON)
    assert refs["CV 4625/BNV-CCHC"].doc_type == "Công văn"
    # a provincial department's letter: issuer named before it (000 L52)
    refs, _ = refs_of("Theo đề nghị của Sở Nội vụ tại Văn bản số 3099/SNV-CCHC&VTLT ngày 10/7/2025")
    r = refs["CV 3099/SNV-CCHC&VTLT"]
    assert (r.issuer, r.scope) == ("Sở Nội vụ", "Hà Tĩnh")


# ---------------------------------------------------------------- scope
def test_local_decision_scope_follows_the_plan():
    text = "Thực hiện Quyết định số 3504/QĐ-UBND ngày 22/10/2021 của UBND tỉnh về ban hành"
    assert refs_of(text, HA_TINH)[0]["QĐ 3504/QĐ-UBND"].scope == "Hà Tĩnh"
    assert refs_of(text, SON_LA)[0]["QĐ 3504/QĐ-UBND"].scope == "Sơn La"


def test_named_province_and_commune_scope():
    refs, _ = refs_of("Quyết định số 2649/QĐ-UBND ngày 02 /8/2025 của Chủ tịch UBND tỉnh Thanh Hoá", HA_TINH)
    assert refs["QĐ 2649/QĐ-UBND"].scope == "Thanh Hóa"
    assert refs["QĐ 2649/QĐ-UBND"].date == "2025-08-02"
    refs, _ = refs_of("Kế hoạch số 12/KH-UBND ngày 05/01/2025 của UBND xã; Kế hoạch số 3/KH-SCT", HOANG_SON)
    assert refs["KH 12/KH-UBND"].scope == "Hoằng Sơn"
    assert refs["KH 3/KH-SCT"].scope == "Thanh Hóa"       # a Sở is provincial
    # a Ban Chỉ đạo is central (003 L331) unless its issuer phrase makes it local
    refs, _ = refs_of("Kế hoạch số 20/KH-BCĐ ngày 02/01/2025 của Ban Chỉ đạo cải cách hành chính tỉnh")
    assert refs["KH 20/KH-BCĐ"].scope == "Hà Tĩnh"


def test_same_symbol_of_two_provinces_is_two_documents():
    lines = [Line(text=t, lineno=i + 1) for i, t in enumerate(
        "Quyết định số 1234/QĐ-UBND của UBND tỉnh Nghệ An;\nQuyết định số 1234/QĐ-UBND của UBND tỉnh".split("\n"))]
    found, _ = legal_refs.collect(lines, HA_TINH)
    assert sorted(r.scope for r in found) == ["Hà Tĩnh", "Nghệ An"]


# ---------------------------------------------------------------- incomplete, not references
def test_cut_off_reference_is_incomplete():
    refs, _ = refs_of("Đã ban hành Quyết định số 1234/QĐ-\n STT \nNội dung công việc")
    r = refs["QĐ 1234/QĐ-"]
    assert r.incomplete and r.number == "1234"


def test_cut_off_reference_completed_from_context():
    refs, _ = refs_of("Kế hoạch số 19/KH-\n STT \nNội dung\nthực hiện Kế hoạch số 19/KH-VPUB ngày 20/01/2025", SON_LA)
    assert list(refs) == ["KH 19/KH-VPUB"]
    assert refs["KH 19/KH-VPUB"].mentions == 2 and not refs["KH 19/KH-VPUB"].incomplete


def test_things_that_are_not_references():
    refs, _ = refs_of("(Kèm theo Quyết định số:             /QĐ-UBND ngày     /7/2025\n"
                      "áp dụng TCVN ISO 9001:2015; Ban Chỉ đạo chuyển đổi số và Đề án 06; "
                      "các Nghị định của Chính phủ; giai đoạn 2021-20301; Quý II/2025; 1- Mục tiêu/Chỉ tiêu")
    assert refs == {}


def test_own_number_is_not_a_reference():
    refs, _ = refs_of("UBND TỈNH NGHỆ AN\nSỞ CÔNG THƯƠNG\nSố: 110/KH-SCT\nCăn cứ Kế hoạch số 5/KH-UBND của UBND tỉnh;\n"
                      "(Kèm theo Kế hoạch số 110/KH-SCT ngày 15/01/2025 của Sở Công Thương)",
                      DocumentMeta(level="department", province="Nghệ An"))
    assert list(refs) == ["KH 5/KH-UBND"]
    assert refs["KH 5/KH-UBND"].scope == "Nghệ An"


def test_adopting_act_is_not_a_reference():
    meta = HA_TINH.model_copy(update={"adopting_act": "Quyết định số 1234/QĐ-UBND"})
    text = "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 12/7/2025 của Chủ tịch UBND tỉnh)"
    assert refs_of(text, meta)[0] == {}
    assert list(refs_of(text)[0]) == ["QĐ 1234/QĐ-UBND"]
    assert legal_refs.cite(text, meta) == []


def test_pdf_look_alike_characters():
    # Icelandic eth (U+00D0) for Đ and an en dash, as some PDF exports print them
    refs, _ = refs_of("Căn cứ Nghị định số 30/2020/N\u00d0\u2013CP ngày 05/3/2020 của Chính phủ")
    assert list(refs) == ["NĐ 30/2020/NĐ-CP"]


def test_amending_law_is_one_law():
    refs, _ = refs_of("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và "
                      "Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;")
    assert list(refs) == ["Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và "
                          "Luật Tổ chức chính quyền địa phương 2019"]


# ---------------------------------------------------------------- relations, mentions
def test_amended_by_is_stated_as_amends():
    # 000 L834-836
    _, rels = refs_of("lập theo quy định tại Nghị định số 60/2021/NĐ-CP (được sửa đổi, bổ sung tại \n\n"
                      "Nghị định số 111/2025/NĐ-CP).")
    assert [(r.subject, r.predicate, r.object) for r in rels] == [
        ("NĐ 111/2025/NĐ-CP", "amends", "NĐ 60/2021/NĐ-CP")]
    # 001 L339-343: the active form
    _, rels = refs_of("Nghị định số \n\n48/2023/NĐ-CP ngày 17 tháng 7 năm 2023 của Chính phủ sửa đổi, bổ sung một số \n\n"
                      "điều của Nghị định số 90/2020/NĐ-CP ngày 13/8/2020.", HOANG_SON)
    assert [(r.subject, r.predicate, r.object) for r in rels] == [
        ("NĐ 48/2023/NĐ-CP", "amends", "NĐ 90/2020/NĐ-CP")]


def test_plan_replaces_earlier_plan():
    # 000 L64-66: the wrapping decision of the plan replaces QĐ 3098
    _, rels = refs_of("Điều 2. Quyết định này có hiệu lực kể từ ngày ban hành; thay thế Quyết \n\n"
                      "định số 3098/QĐ-UBND ngày 31/12/2024 của UBND tỉnh về việc ban hành Kế")
    assert [(r.subject, r.predicate, r.object, r.line) for r in rels] == [
        ("", "replaces", "QĐ 3098/QĐ-UBND", 1)]     # the citation starts at "Quyết" on line 1


def test_guides_and_repeals():
    _, rels = refs_of("Thông tư số 5/2025/TT-BNV ngày 2/5/2025 của Bộ Nội vụ hướng dẫn thi hành Nghị định số "
                      "6/2025/NĐ-CP; Quyết định số 7/2025/QĐ-UBND bãi bỏ Quyết định số 8/2020/QĐ-UBND.")
    assert [(r.subject, r.predicate, r.object) for r in rels] == [
        ("TT 5/2025/TT-BNV", "guides", "NĐ 6/2025/NĐ-CP"),
        ("QĐ 7/2025/QĐ-UBND", "repeals", "QĐ 8/2020/QĐ-UBND")]


def test_no_relation_between_unrelated_citations():
    _, rels = refs_of("theo Nghị định 90/2020/NĐ-CP ngày 13/8/2020 của Chính phủ về đánh giá, xếp loại "
                      "và Nghị định số 170/2025/NĐ-CP ngày 01/07/2025")
    assert rels == []


def test_mentions_counted_and_merged():
    refs, _ = refs_of("Nghị quyết số 18-NQ/TW; Nghị quyết \nsố 19-NQ/TW; về tổng kết việc thực hiện Nghị quyết số 18-\n"
                      "NQ/TW về định hướng; nhiệm vụ tổng kết Nghị quyết 18; Công văn số 7968/BNV-CCVC", SON_LA)
    assert refs["NQ 18-NQ/TW"].mentions == 3      # two printed symbols and "Nghị quyết 18"
    assert refs["NQ 18-NQ/TW"].lines == [1, 2, 3]
    assert refs["NQ 19-NQ/TW"].mentions == 1
    # the same document with and without "số"/date is one reference (000 L18, L619)
    refs, _ = refs_of("Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ\ntheo Nghị \nquyết 76/NQ-CP ban hành")
    assert list(refs) == ["NQ 76/NQ-CP"] and refs["NQ 76/NQ-CP"].mentions == 2


def test_misprinted_party_symbol_merged():
    # 000 L876 and L886: one programme printed 42-CT/TU and 42-CTr/TU, same date
    refs, _ = refs_of("Chương trình hành động số 42-CT/TU ngày 10/4/2025 của Tỉnh ủy; Chương trình hành \n"
                      "động số 42-CTr/TU ngày 10/4/2025 của Ban Thường vụ Tỉnh ủy")
    assert list(refs) == ["CTr 42-CTr/TU"] and refs["CTr 42-CTr/TU"].mentions == 2


# ---------------------------------------------------------------- cite()
def test_cite_in_order_without_repeats():
    text = ("Tổ chức kiểm tra CCHC (gắn với kiểm tra thực hiện Nghị \nquyết số 12-NQ/TU và Đề án UBND tỉnh "
            "triển khai Nghị quyết số 12-\nNQ/TU); Thông tư số 92/2021/TT-BTC, Nghị định số 179/2024/NĐ-CP")
    assert legal_refs.cite(text, HA_TINH) == ["NQ 12-NQ/TU", "TT 92/2021/TT-BTC", "NĐ 179/2024/NĐ-CP"]
    assert legal_refs.cite("Thường xuyên") == []


def test_cite_completes_a_cell_cut_symbol_from_known_ids():
    # 000 L7296-7302: the output cell ends "Kế hoạch số 310/KH", "-UBND" went to the next cell
    cell = "Báo cáo sơ kết 03 năm thực hiện Kế hoạch số 310/KH"
    assert legal_refs.cite(cell, HA_TINH) == ["KH 310/KH"]
    assert legal_refs.cite(cell, HA_TINH, known=["KH 310/KH-UBND", "NQ 12-NQ/TU"]) == ["KH 310/KH-UBND"]
    misprint = "Chương trình hành động số 42-CT/TU ngày 10/4/2025 của Tỉnh ủy"
    assert legal_refs.cite(misprint, HA_TINH, known=["CTr 42-CTr/TU"]) == ["CTr 42-CTr/TU"]


def test_cite_dates_a_law_from_the_preamble():
    meta = HA_TINH.model_copy(update={"implements": ["Luật Tổ chức chính quyền địa phương 2015"]})
    assert legal_refs.cite("theo Luật Tổ chức chính quyền địa phương;", meta) == ["Luật Tổ chức chính quyền địa phương 2015"]
    assert legal_refs.cite("theo Luật Tổ chức chính quyền địa phương;") == ["Luật Tổ chức chính quyền địa phương"]


# ---------------------------------------------------------------- the four samples
@pytest.mark.parametrize("gold_path", sorted((ROOT / "tests" / "gold").glob("*.json")), ids=lambda p: p.name[:3])
def test_samples_f1(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    src = ROOT / "data" / "plans" / gold["source"]
    lines = [Line(text=t.rstrip("\n"), lineno=i + 1) for i, t in enumerate(src.open(encoding="utf-8"))]
    doc = gold["document"]
    meta = DocumentMeta(level=doc["level"], province=doc["province"], commune=doc["commune"])
    refs, _ = legal_refs.collect(lines, meta)
    result = score(gold, {"legal_references": [r.model_dump() for r in refs]}).refs
    assert result["f"] >= 0.95, (result["missed"], result["spurious"])
    assert result["scope_acc"] >= 0.95
    ids = {r.id for r in refs}
    # body/row citations through cite() use the same ids as collect()
    whole = "\n".join(ln.text for ln in lines)
    assert set(legal_refs.cite(whole, meta, known=sorted(ids))) <= ids


def test_issuer_phrase_stops_at_the_next_citation():
    # consecutive preamble lines: "của Chính phủ" must not swallow the next line's "Văn bản"
    meta = DocumentMeta(province="Nghệ An", level="department")
    lines = ["Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ",
             "Văn bản số 1234/UBND-NC ngày 3/4/2025 của UBND tỉnh",
             "Luật Tổ chức chính quyền địa phương ngày 16/6/2025"]
    refs, _ = legal_refs.collect([Line(text=t, lineno=i) for i, t in enumerate(lines, 1)], meta)
    by_id = {r.id: r for r in refs}
    assert by_id["NĐ 30/2020/NĐ-CP"].issuer == "Chính phủ"
    assert by_id["CV 1234/UBND-NC"].issuer == "UBND tỉnh Nghệ An"     # the province implied, as in the gold files
    assert by_id["CV 1234/UBND-NC"].scope == "Nghệ An"


def test_page_header_inside_a_citation_is_skipped():
    # a page break falls inside the symbol: "3316/QĐ-" / page number / repeated letterhead / "UBND"
    head = ["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    body = ["Kế hoạch"] + ["Nội dung kế hoạch."] * 45 + [
        "- Đánh giá theo Quyết định số 3316/QĐ-", "", " 2 ", ""] + head + ["UBND ngày 20/3/2024 của UBND tỉnh."]
    lines = [Line(text=t, lineno=i) for i, t in enumerate(head + body, 1)]
    refs, _ = legal_refs.collect(lines, DocumentMeta(province="Nghệ An", level="province"))
    assert [(r.id, r.date, r.scope) for r in refs] == [("QĐ 3316/QĐ-UBND", "2024-03-20", "Nghệ An")]
