"""Lead/coordinating cells -> agencies. Expected values read off the sample
plans' printed cells (data/plans) and the gold annotations' notes."""
import json
from pathlib import Path

import pytest

from ingest.agencies import ABBREVIATIONS, agency_key, identify, parse_agency, split_agencies
from ingest.models import DocumentMeta

GOLD = Path(__file__).parent / "gold"
HA_TINH = DocumentMeta(province="Hà Tĩnh", level="province", issuing_body="UBND tỉnh Hà Tĩnh")
SON_LA_OFFICE = DocumentMeta(province="Sơn La", level="provincial-office",
                             issuing_body="Văn phòng UBND tỉnh Sơn La")
HOANG_SON = DocumentMeta(province="Thanh Hóa", commune="Hoằng Sơn", level="commune",
                         issuing_body="UBND xã Hoằng Sơn")


@pytest.mark.parametrize("cell, expected", [
    # cells as printed in the sample dumps (line wraps kept)
    ("Sở Văn hóa, Thể thao và Du lịch, các Sở, ban ngành cấp tỉnh, UBND các xã, phường",
     ["Sở Văn hóa, Thể thao và Du lịch", "các Sở, ban ngành cấp tỉnh", "UBND các xã, phường"]),
    ("Sở Tư pháp, Công an tỉnh, Cục Thuế tỉnh, Bảo hiểm Xã hội tỉnh",
     ["Sở Tư pháp", "Công an tỉnh", "Cục Thuế tỉnh", "Bảo hiểm Xã hội tỉnh"]),
    ("Sở Nội vụ, Đoàn Kiểm tra, HĐTĐ CCHC tỉnh", ["Sở Nội vụ", "Đoàn Kiểm tra", "HĐTĐ CCHC tỉnh"]),
    ("Sở Nội vụ, \nThành viên \nĐoàn kiểm tra CCHC tỉnh", ["Sở Nội vụ", "Thành viên Đoàn kiểm tra CCHC tỉnh"]),
    ("Các Sở, ban, ngành; UBND cấp xã.", ["Các Sở, ban, ngành", "UBND cấp xã"]),
    ("Các sở, ban, ngành, UBND cấp huyện, UBND cấp xã", ["Các sở, ban, ngành", "UBND cấp huyện", "UBND cấp xã"]),
    ("Văn phòng Chính phủ, các sở, ban, ngành, các cơ quan, đơn vị có liên quan",
     ["Văn phòng Chính phủ", "các sở, ban, ngành", "các cơ quan, đơn vị có liên quan"]),
    ("Văn phòng UBND tỉnh, Phòng KSTTHC, Trung tâm Thông tin",
     ["Văn phòng UBND tỉnh", "Phòng KSTTHC", "Trung tâm Thông tin"]),
    ("Hiệp Hội doanh nghiệp tỉnh, Liên hiệp các Hợp tác xã, các cơ quan liên quan",
     ["Hiệp Hội doanh nghiệp tỉnh", "Liên hiệp các Hợp tác xã", "các cơ quan liên quan"]),
    ("UBND TP Hà Tĩnh, UBND TX Kỳ Anh", ["UBND TP Hà Tĩnh", "UBND TX Kỳ Anh"]),
    # collectives and names with commas stay whole
    ("Các cơ quan, đơn vị, địa phương", ["Các cơ quan, đơn vị, địa phương"]),
    ("Sở, ban, ngành, UBND cấp huyện, cấp xã", ["Sở, ban, ngành", "UBND cấp huyện, cấp xã"]),
    ("UBND các huyện, thành phố, thị xã", ["UBND các huyện, thành phố, thị xã"]),
    ("Sở Lao động, Thương binh và Xã hội, Sở Y tế", ["Sở Lao động, Thương binh và Xã hội", "Sở Y tế"]),
    ("Phòng Kinh tế, Hạ tầng và Đô thị", ["Phòng Kinh tế, Hạ tầng và Đô thị"]),
    ("Công chức, viên chức có liên quan", ["Công chức, viên chức có liên quan"]),
    ("Các phòng, Trung tâm, đơn vị", ["Các phòng, Trung tâm, đơn vị"]),
    # departments and localities are two groups (gold 000, section IV and II)
    ("Sở, ban, \nngành, địa \nphương", ["Sở, ban, ngành", "địa phương"]),
    ("Địa phương, \nsở, ban \nngành có liên \nquan", ["Địa phương", "sở, ban ngành có liên quan"]),
    # a qualifier shared by the whole list keeps it whole (gold 002 VIII.3, 000 VI 2.1)
    ("UBND cấp xã, UBND cấp huyện đạt chuẩn nông thôn mới",
     ["UBND cấp xã, UBND cấp huyện đạt chuẩn nông thôn mới"]),
    ("Các sở, ngành, đơn vị, UBND cấp xã (cơ quan được giao quản lý, sử dụng vốn NSNN)",
     ["Các sở, ngành, đơn vị, UBND cấp xã (cơ quan được giao quản lý, sử dụng vốn NSNN)"]),
    # "và" between two bodies splits, inside a name it does not
    ("Sở Nội vụ và Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]),
    ("Các trung \ntâm và đơn \nvị tư vấn", ["Các trung tâm", "đơn vị tư vấn"]),
    ("Sở Khoa học và Công nghệ.", ["Sở Khoa học và Công nghệ"]),
    ("Sở Nông nghiệp và Môi trường, Sở Giáo dục và Đào tạo",
     ["Sở Nông nghiệp và Môi trường", "Sở Giáo dục và Đào tạo"]),
    ("Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh, Sở Nội vụ",
     ["Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh", "Sở Nội vụ"]),
    ("Phòng KT-HT và ĐT", ["Phòng KT-HT và ĐT"]),
    # qualifiers: no split inside them
    ("Sở Nội vụ chủ trì đối với nhân rộng mô hình hay; Sở Khoa học và Công nghệ chủ trì đối với áp dụng các sáng kiến",
     ["Sở Nội vụ chủ trì đối với nhân rộng mô hình hay",
      "Sở Khoa học và Công nghệ chủ trì đối với áp dụng các sáng kiến"]),
    ("- Sở Khoa học và Công nghệ chủ trì triển khai các Bệnh viện và Trường Trung học phổ thông;\n"
     "- UBND các huyện, thành phố, thị xã chủ trì triển khai đối với các trường THCS, Tiểu học",
     ["Sở Khoa học và Công nghệ chủ trì triển khai các Bệnh viện và Trường Trung học phổ thông",
      "UBND các huyện, thành phố, thị xã chủ trì triển khai đối với các trường THCS, Tiểu học"]),
    # bullets, numbering, wraps (001 PL02, 000 VI 2.7)
    ("- Văn phòng \nHĐND & \nUBND  \n- Các cơ quan, \nđơn  vị có liên \nquan.",
     ["Văn phòng HĐND & UBND", "Các cơ quan, đơn vị có liên quan"]),
    ("- Tổ công \ntác Đề án \n06 xã  \n- Công an \nxã", ["Tổ công tác Đề án 06 xã", "Công an xã"]),
    ("- Phòng Văn hóa - Xã hội - Công an xã", ["Phòng Văn hóa - Xã hội", "Công an xã"]),
    ("5.2. Sở Tài chính (đối với đơn vị SNCL thuộc cấp tỉnh); UBND cấp xã",
     ["Sở Tài chính (đối với đơn vị SNCL thuộc cấp tỉnh)", "UBND cấp xã"]),
    # a line break is a wrap unless a whole body ends and a new one begins with a capital
    # (cells as the flattened-PDF layout hands them over, 003 III.2, 001 PL04)
    ("Phòng KSTTHC\nCác sở, ban, ngành;", ["Phòng KSTTHC", "Các sở, ban, ngành"]),
    ("Phòng\nVHXH\nCác\nphòng,\nTrung\ntâm, đơn\nvị", ["Phòng VHXH", "Các phòng, Trung tâm, đơn vị"]),
    ("Sở Tư pháp\nCông an tỉnh", ["Sở Tư pháp", "Công an tỉnh"]),
    ("Sở Khoa học và\nCông nghệ", ["Sở Khoa học và Công nghệ"]),
    ("Văn phòng\nHĐND&\nUBND", ["Văn phòng HĐND& UBND"]),
    ("Ban Thường vụ\nTỉnh ủy.", ["Ban Thường vụ Tỉnh ủy"]),
    ("Phòng KT-\nHT và ĐT", ["Phòng KT-HT và ĐT"]),
    ("Phòng Văn hóa -\nXã hội", ["Phòng Văn hóa - Xã hội"]),
    # one column for both roles: the labels are no bodies
    ("Chủ trì: Sở Nội vụ; Phối hợp: các sở, ban, ngành", ["Sở Nội vụ", "các sở, ban, ngành"]),
    ("", []),
    (" ; . ", []),
])
def test_split_agencies(cell, expected):
    assert split_agencies(cell) == expected


def _gold_lists():
    for path in sorted(GOLD.glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8"))["table_tasks"]:
            for field in ("lead", "coordinating"):
                if row.get(field):
                    yield row[field]


@pytest.mark.parametrize("joiner", ["; ", "\n- "])
def test_every_gold_list_survives_a_round_trip(joiner):
    """Every annotated lead/coordinating list, printed back as a cell, splits to itself."""
    wrong = [g for g in _gold_lists() if split_agencies(("- " if "-" in joiner else "") + joiner.join(g)) != g]
    assert wrong == []


def test_gold_lists_joined_with_commas():
    """The same with commas, except where the source itself printed ';' or 'và' between
    bodies that are otherwise one collective (gold 000: 'Các cơ quan, đơn vị; tổ chức đào
    tạo...', 'Các trung tâm và đơn vị tư vấn')."""
    ambiguous = {("Các trung tâm", "đơn vị tư vấn"),
                 ("Các cơ quan, đơn vị", "tổ chức đào tạo, chứng nhận hệ thống")}
    wrong = [g for g in _gold_lists() if tuple(g) not in ambiguous and split_agencies(", ".join(g)) != g]
    assert wrong == []


@pytest.mark.parametrize("text, meta, name, kind, jurisdiction, qualifier", [
    ("Sở Nội vụ", HA_TINH, "Sở Nội vụ", "agency", "Hà Tĩnh", None),
    ("Sở Nội vụ chủ trì đối với nhân rộng mô hình hay", HA_TINH,
     "Sở Nội vụ", "agency", "Hà Tĩnh", "chủ trì đối với nhân rộng mô hình hay"),
    ("UBND tỉnh (qua Sở Nội vụ thẩm định)", HA_TINH, "UBND tỉnh", "agency", "Hà Tĩnh", "qua Sở Nội vụ thẩm định"),
    ("Sở Khoa học và Công nghệ (chủ trì, phối hợp kiểm tra)", HA_TINH,
     "Sở Khoa học và Công nghệ", "agency", "Hà Tĩnh", "chủ trì, phối hợp kiểm tra"),
    ("Sở Văn hóa, Thể thao và Du lịch", HA_TINH, "Sở Văn hóa, Thể thao và Du lịch", "agency", "Hà Tĩnh", None),
    # groups: one canonical name, scope words ("cấp tỉnh", "có liên quan") kept apart
    ("Các sở, ban, ngành cấp tỉnh", HA_TINH, "Các sở, ban, ngành", "group", "Hà Tĩnh", "cấp tỉnh"),
    ("UBND các xã, phường", SON_LA_OFFICE, "UBND cấp xã", "group", "Sơn La", None),
    ("Các cơ quan, đơn vị, địa phương", HA_TINH, "Các cơ quan, đơn vị, địa phương", "group", "Hà Tĩnh", None),
    ("Các phòng, ban, đơn vị", SON_LA_OFFICE, "Các phòng, ban, đơn vị", "group", "Sơn La", None),
    ("Sở, ban, ngành có liên quan", HA_TINH, "Các sở, ban, ngành", "group", "Hà Tĩnh", "có liên quan"),
    ("UBND cấp xã", HA_TINH, "UBND cấp xã", "group", "Hà Tĩnh", None),
    ("đơn vị sự nghiệp", HA_TINH, "Các đơn vị sự nghiệp", "group", "Hà Tĩnh", None),
    # units of the issuing office / commune, abbreviations expanded
    ("Phòng TCHCQT", SON_LA_OFFICE, "Phòng Tổ chức - Hành chính - Quản trị", "unit", "Sơn La", None),
    ("Phòng KSTTHC", SON_LA_OFFICE, "Phòng Kiểm soát thủ tục hành chính", "unit", "Sơn La", None),
    ("Trung tâm TT", SON_LA_OFFICE, "Trung tâm Thông tin", "unit", "Sơn La", None),
    ("Phòng VHXH", HOANG_SON, "Phòng Văn hóa - Xã hội", "unit", "Hoằng Sơn", None),
    ("Phòng KT-HT và ĐT", HOANG_SON, "Phòng Kinh tế, Hạ tầng và Đô thị", "unit", "Hoằng Sơn", None),
    ("Trung tâm phục vụ HCC", HOANG_SON, "Trung tâm Phục vụ hành chính công", "unit", "Hoằng Sơn", None),
    ("TTPVHCC", HOANG_SON, "Trung tâm Phục vụ hành chính công", "unit", "Hoằng Sơn", None),
    ("Trung tâm Phục vụ hành chính công (TTPVHCC)", HOANG_SON,
     "Trung tâm Phục vụ hành chính công", "unit", "Hoằng Sơn", None),
    ("Các cơ quan TW", HA_TINH, "Các cơ quan Trung ương", "group", "national", None),
    # commune bodies vs provincial and national bodies named in a commune plan
    ("VP HĐND & UBND xã", HOANG_SON, "Văn phòng HĐND và UBND xã", "agency", "Hoằng Sơn", None),
    ("Công an xã", HOANG_SON, "Công an xã", "agency", "Hoằng Sơn", None),
    ("Sở Nội vụ", HOANG_SON, "Sở Nội vụ", "agency", "Thanh Hóa", None),
    ("UBND tỉnh", HOANG_SON, "UBND tỉnh", "agency", "Thanh Hóa", None),
    ("Bộ Nội vụ", HOANG_SON, "Bộ Nội vụ", "agency", "national", None),
    ("Văn phòng Chính phủ", SON_LA_OFFICE, "Văn phòng Chính phủ", "agency", "national", None),
    ("Bộ KH&CN", HA_TINH, "Bộ Khoa học và Công nghệ", "agency", "national", None),
    ("Cục Thuế tỉnh", HA_TINH, "Cục Thuế tỉnh", "agency", "Hà Tĩnh", None),
    # abbreviations
    ("SNV", HA_TINH, "Sở Nội vụ", "agency", "Hà Tĩnh", None),
    ("Sở KH&CN", HA_TINH, "Sở Khoa học và Công nghệ", "agency", "Hà Tĩnh", None),
    ("Sở GD&ĐT", HA_TINH, "Sở Giáo dục và Đào tạo", "agency", "Hà Tĩnh", None),
    ("Sở TTTT", HA_TINH, "Sở Thông tin và Truyền thông", "agency", "Hà Tĩnh", None),
    ("HĐTĐ CCHC tỉnh", HA_TINH, "Hội đồng thẩm định CCHC tỉnh", "agency", "Hà Tĩnh", None),
    ("BCĐ CCHC tỉnh", HA_TINH, "Ban Chỉ đạo CCHC tỉnh", "agency", "Hà Tĩnh", None),
    ("Uỷ ban nhân dân tỉnh", HA_TINH, "UBND tỉnh", "agency", "Hà Tĩnh", None),
])
def test_parse_agency(text, meta, name, kind, jurisdiction, qualifier):
    agency = parse_agency(text, meta)
    assert (agency.name, agency.kind, agency.jurisdiction, agency.qualifier) == (name, kind, jurisdiction, qualifier)
    assert agency.text == text


def test_units_belong_to_the_issuer():
    assert parse_agency("Phòng KSTTHC", SON_LA_OFFICE).parent == "Văn phòng UBND tỉnh Sơn La"
    assert parse_agency("Sở Nội vụ", HA_TINH).parent is None


def test_units_of_a_department_plan():
    dept = DocumentMeta(province="Nghệ An", level="department", issuing_body="Sở Tư pháp tỉnh Nghệ An")
    for text in ("Văn phòng Sở", "Phòng Hành chính tư pháp", "Trung tâm Trợ giúp pháp lý"):
        agency = parse_agency(text, dept)
        assert (agency.kind, agency.jurisdiction, agency.parent) == ("unit", "Nghệ An", "Sở Tư pháp tỉnh Nghệ An")
    assert parse_agency("Sở Tài chính", dept).kind == "agency"


def test_without_metadata_nothing_is_guessed():
    agency = parse_agency("Sở Nội vụ.")
    assert (agency.text, agency.name, agency.jurisdiction) == ("Sở Nội vụ", "Sở Nội vụ", None)


def test_keys_are_jurisdiction_scoped():
    son_la = DocumentMeta(province="Sơn La", level="province")
    assert agency_key(parse_agency("SNV", HA_TINH)) == agency_key(parse_agency("Sở Nội vụ", HA_TINH))
    assert agency_key(parse_agency("Sở Nội vụ", HA_TINH)) != agency_key(parse_agency("Sở Nội vụ", son_la))
    # spelling variants of one body
    assert agency_key(parse_agency("Sở Khoa học và công nghệ", HA_TINH)) == \
        agency_key(parse_agency("Sở KH&CN", HA_TINH))
    assert agency_key(parse_agency("Phòng Văn hoá – Xã hội", HOANG_SON)) == \
        agency_key(parse_agency("Phòng VHXH", HOANG_SON))
    assert agency_key(parse_agency("Văn phòng HĐND&UBND", HOANG_SON)) == \
        agency_key(parse_agency("VP HĐND & UBND xã", HOANG_SON))
    assert agency_key(parse_agency("Văn phòng UBND tỉnh", SON_LA_OFFICE)) == \
        agency_key(parse_agency("Văn phòng UBND tỉnh Sơn La", SON_LA_OFFICE))
    # the place's own name is kept where it is the name: "Báo Hà Tĩnh" is not "Báo"
    assert agency_key(parse_agency("Báo Hà Tĩnh", HA_TINH)).startswith("bao ha tinh|")
    # a named commune in a provincial plan is the same body as that commune's own "UBND xã"
    thanh_hoa = DocumentMeta(province="Thanh Hóa", level="province")
    assert parse_agency("UBND xã Hoằng Sơn", thanh_hoa).jurisdiction == "Hoằng Sơn"
    assert agency_key(parse_agency("UBND xã Hoằng Sơn", thanh_hoa)) == agency_key(parse_agency("UBND xã", HOANG_SON))
    # national bodies are one node whoever names them
    assert agency_key(parse_agency("Bộ Nội vụ", HA_TINH)) == agency_key(parse_agency("Bộ Nội vụ", HOANG_SON))


def test_identified_agencies_carry_their_key_scope_and_parent_body():
    # what the graph builder reads: the key, a cited document's issuer in that document's
    # jurisdiction, and a unit's parent body parsed in the plan's terms (003: the Sơn La office)
    unit = identify(parse_agency("Phòng KSTTHC", SON_LA_OFFICE), SON_LA_OFFICE)
    assert unit.key == agency_key(unit) == \
        "phong kiem soat thu tuc hanh chinh|son la|van phong ubnd tinh son la"
    assert (unit.parent_agency.name, unit.parent_agency.key) == ("Văn phòng UBND tỉnh Sơn La", "van phong ubnd|son la")
    assert identify(parse_agency("Sở Nội vụ", HA_TINH), HA_TINH).parent_agency is None
    # "UBND tỉnh" issuing a Nghệ An decision cited by a Hà Tĩnh plan is Nghệ An's; a ministry stays national
    assert identify(parse_agency("UBND tỉnh", HA_TINH), HA_TINH, scope="Nghệ An").key == "ubnd tinh|nghe an"
    assert identify(parse_agency("Bộ Nội vụ", HA_TINH), HA_TINH, scope="Nghệ An").key == "bo noi vu|national"


def test_abbreviation_table_expands_to_nfc_text():
    import unicodedata
    assert all(unicodedata.is_normalized("NFC", k + v) for k, v in ABBREVIATIONS.items())


def test_department_and_ministry_codes_in_cells_are_named():
    # a plan of another province writes its departments and ministries by their symbol codes
    assert [parse_agency(a, HA_TINH).name for a in split_agencies("SYT; SGDĐT, BCA")] == [
        "Sở Y tế", "Sở Giáo dục và Đào tạo", "Bộ Công an"]
    assert parse_agency("BCA", HA_TINH).jurisdiction == "national"
