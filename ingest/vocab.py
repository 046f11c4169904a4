"""The vocabularies ingest and graph share: reform areas, document types, issuer codes
of national bodies, the provincial departments, levels and the diacritic folder.

Plain data and the lookups over it. The extractor fills records with what these name
(ingest.pipeline.fill: area codes, agencies) and graph/build.py mints the same words into
RDF, so each list exists once, here. What only one step uses stays with it: the codes
of local bodies and the law names in refs/vocab.py, abbreviations and head words of
agency names in agencies.py.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .places import fold_words as fold     # the folder of keys and matching (one implementation: places.py)
from .places import place_name

# ---------------------------------------------------------------- levels
# who issues a plan (DocumentMeta.level)
PLAN_LEVELS = ("province", "department", "commune", "provincial-office")
# the scope of national documents and bodies (LegalReference.scope, Agency.jurisdiction);
# places are "national", "province" or "commune" (rkg:level of a jurisdiction)
NATIONAL = "national"
# scopes (folded, after place_name) that name the whole country rather than a place
# ("vn" is the jurisdiction slug of national things in the graph)
NATIONAL_NAMES = (NATIONAL, "viet nam", "vn", "trung uong", "quoc gia")


def is_national_scope(scope: str | None) -> bool:
    """'national', 'Việt Nam', 'Trung ương' -> True; a province or commune -> False."""
    return fold(place_name(scope or "")) in NATIONAL_NAMES


# ---------------------------------------------------------------- reform areas
class Area(NamedTuple):
    code: str                   # skos:notation of the concept id:area/<code> (ontology/reform.ttl)
    heading: str                # how plans usually head the area: an area guessed from content is named so
    label: str                  # short name, for pages and tables
    heading_keys: tuple         # folded words that make a section heading this area
    heading_pattern: str        # folded regex that finds the plan's own heading for the area
    topic_keys: tuple           # folded words of a statement about the area


# The seven areas of the CCHC programmes, in their usual order: the six of NQ 76/NQ-CP
# plus direction and management, which plans put first.
AREAS = (
    Area("direction", "Công tác chỉ đạo, điều hành", "Chỉ đạo, điều hành",
         ("chi dao", "dieu hanh", "trien khai", "tuyen truyen", "kiem tra"), r"chi dao",
         ("chi dao", "dieu hanh", "tuyen truyen", "kiem tra cai cach", "chi so cai cach", "chi so cchc", "par index",
          "ke hoach cchc", "ke hoach cai cach", "cong tac cchc", "cong tac cai cach")),
    Area("institutions", "Cải cách thể chế", "Cải cách thể chế",
         ("the che",), r"the che",
         ("the che", "qppl", "quy pham phap luat", "phap luat", "dung tham quyen", "ra soat, he thong hoa")),
    Area("procedures", "Cải cách thủ tục hành chính", "Cải cách thủ tục hành chính",
         ("thu tuc",), r"thu tuc hanh chinh|tthc",
         ("tthc", "thu tuc hanh chinh", "mot cua", "dich vu cong", "ho so", "hai long", "thanh toan truc tuyen")),
    Area("apparatus", "Cải cách tổ chức bộ máy", "Cải cách tổ chức bộ máy",
         ("bo may",), r"bo may",
         ("to chuc bo may", "bien che", "sap xep", "co cau to chuc")),
    Area("civil-service", "Cải cách chế độ công vụ", "Cải cách chế độ công vụ",
         ("cong vu",), r"cong vu",
         ("cong vu", "cong chuc", "vien chuc", "can bo", "tuyen dung", "boi duong", "ky luat")),
    Area("public-finance", "Cải cách tài chính công", "Cải cách tài chính công",
         ("tai chinh",), r"tai chinh cong",
         ("tai chinh", "ngan sach", "tai san cong", "tu chu", "su nghiep", "dau tu cong")),
    Area("digital", "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
         "Chính phủ điện tử, Chính phủ số",
         ("dien tu", "chinh phu so", "chinh quyen so", "chuyen doi so", "xa hoi so", "kinh te so"),
         r"chinh (quyen|phu) (dien tu|so)",
         ("dien tu", "chinh quyen so", "chuyen doi so", "ky so", "so hoa", "moi truong so", "du lieu",
          "cong nghe thong tin")),
)
AREA_BY_CODE = {a.code: a for a in AREAS}
AREA_LABELS = {a.code: a.label for a in AREAS}
# A heading is matched against the areas in this order, the first hit winning: the
# direction words ("triển khai", "kiểm tra") also turn up in other areas' headings.
_HEADING_ORDER = ("procedures", "institutions", "apparatus", "civil-service", "public-finance", "digital",
                  "direction")


def area_code(heading: str | None) -> str | None:
    """A section heading -> the code of the reform area it names ('CẢI CÁCH THỂ CHẾ' -> 'institutions'), or None."""
    f = fold(heading or "")
    for code in _HEADING_ORDER:
        if any(k in f for k in AREA_BY_CODE[code].heading_keys):
            return code
    return None


# ---------------------------------------------------------------- document types
# type abbreviation -> full Vietnamese name (SCHEMA "Canonical legal-document id")
TYPES = {
    "NQ": "Nghị quyết", "NQLT": "Nghị quyết liên tịch", "NĐ": "Nghị định", "QĐ": "Quyết định",
    "CT": "Chỉ thị", "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "KH": "Kế hoạch",
    "CV": "Công văn", "CĐ": "Công điện", "KL": "Kết luận", "CTr": "Chương trình", "ĐA": "Đề án",
    "TB": "Thông báo", "BC": "Báo cáo", "HD": "Hướng dẫn", "QĐi": "Quy định", "TTr": "Tờ trình",
    "PA": "Phương án", "QC": "Quy chế",
}
# type word printed before the number -> abbreviation (matched case- and diacritic-insensitively)
TYPE_WORDS = {
    "Nghị quyết liên tịch": "NQLT", "Nghị quyết": "NQ", "Nghị định": "NĐ", "Quyết định": "QĐ",
    "Chỉ thị": "CT", "Thông tư liên tịch": "TTLT", "Thông tư": "TT", "Kế hoạch hành động": "KH",
    "Kế hoạch": "KH", "Công văn": "CV", "Văn bản": "CV", "Công điện": "CĐ", "Kết luận": "KL",
    "Chương trình hành động": "CTr", "Chương trình": "CTr", "Đề án": "ĐA",
    "Thông báo kết luận": "TB", "Thông báo": "TB", "Báo cáo": "BC", "Hướng dẫn": "HD",
    "Quy định": "QĐi", "Tờ trình": "TTr", "Phương án": "PA", "Quy chế": "QC",
    "Luật": "Luật",     # "Luật số 80/2015/QH13": a law cited by number only
}
TYPE_WORD_BY_FOLD = {fold(w): w for w in TYPE_WORDS}
# the types a plan itself is issued as (its title line: "KẾ HOẠCH", "ĐỀ ÁN" ...)
PLAN_TYPES = ("Kế hoạch", "Đề án", "Chương trình", "Phương án")


def type_abbr(word: str | None) -> str | None:
    """A document type as written -> its abbreviation ('Kế hoạch' -> 'KH', 'quyết định' -> 'QĐ'), or None."""
    word = TYPE_WORD_BY_FOLD.get(fold(word or ""))
    return TYPE_WORDS[word] if word else None


# ---------------------------------------------------------------- issuers
# issuer codes of document symbols that name a national body: unique nationwide
NATIONAL_CODES = {
    "CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ", "TW": "Ban Chấp hành Trung ương",
    "QH": "Quốc hội", "UBTVQH": "Ủy ban Thường vụ Quốc hội", "VPCP": "Văn phòng Chính phủ",
    "CTN": "Chủ tịch nước",
    "VPTW": "Văn phòng Trung ương Đảng", "TTCP": "Thanh tra Chính phủ",
    "KTNN": "Kiểm toán nhà nước", "NHNN": "Ngân hàng Nhà nước", "TANDTC": "Tòa án nhân dân tối cao",
    "VKSNDTC": "Viện kiểm sát nhân dân tối cao", "UBDT": "Ủy ban Dân tộc", "BCĐ": "Ban Chỉ đạo",
    "BNV": "Bộ Nội vụ", "BTC": "Bộ Tài chính", "BTP": "Bộ Tư pháp", "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng", "BNG": "Bộ Ngoại giao", "BCT": "Bộ Công Thương", "BXD": "Bộ Xây dựng",
    "BYT": "Bộ Y tế", "BGDĐT": "Bộ Giáo dục và Đào tạo", "BKHCN": "Bộ Khoa học và Công nghệ",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch", "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "BDTTG": "Bộ Dân tộc và Tôn giáo", "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "BTTTT": "Bộ Thông tin và Truyền thông", "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BGTVT": "Bộ Giao thông vận tải", "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
}
_NATIONAL_UPPER = {code.upper() for code in NATIONAL_CODES}
# the departments every province has (before and after the 2025 mergers): their symbol code -> name
SO_NAMES = {
    "SNV": "Sở Nội vụ", "STC": "Sở Tài chính", "STP": "Sở Tư pháp", "SYT": "Sở Y tế",
    "SXD": "Sở Xây dựng", "SCT": "Sở Công Thương", "SGDĐT": "Sở Giáo dục và Đào tạo",
    "SKHCN": "Sở Khoa học và Công nghệ", "SVHTTDL": "Sở Văn hóa, Thể thao và Du lịch",
    "SVHTT": "Sở Văn hóa và Thể thao", "SDL": "Sở Du lịch", "SNgV": "Sở Ngoại vụ",
    "SNNMT": "Sở Nông nghiệp và Môi trường", "SDTTG": "Sở Dân tộc và Tôn giáo",
    "SKHĐT": "Sở Kế hoạch và Đầu tư", "STTTT": "Sở Thông tin và Truyền thông",
    "SLĐTBXH": "Sở Lao động - Thương binh và Xã hội", "SGTVT": "Sở Giao thông vận tải",
    "STNMT": "Sở Tài nguyên và Môi trường", "SNNPTNT": "Sở Nông nghiệp và Phát triển nông thôn",
}


def base_code(code: str) -> str:
    """'QH15' -> 'QH', 'UBTVQH15' -> 'UBTVQH': the legislature's term is not part of the body."""
    return re.sub(r"(?<=QH)\d+$", "", code)


def is_national_symbol(ref_id: str) -> bool:
    """'NĐ 118/2025/NĐ-CP' -> True; 'QĐ 3504/QĐ-UBND' -> False: for a document whose scope is not known."""
    if ref_id.startswith("Luật"):
        return True
    parts = ref_id.split(" ", 1)
    segs = re.split(r"[-/]", parts[1] if len(parts) > 1 else parts[0])
    return any(base_code(s.upper()) in _NATIONAL_UPPER for s in segs)


# ---------------------------------------------------------------- level names for people
# rkg:level codes (PLAN_LEVELS, and the levels of places) -> how pages name them
LEVEL_LABELS = {"province": "Cấp tỉnh", "department": "Sở, ngành", "provincial-office": "Văn phòng UBND tỉnh",
                "commune": "Cấp xã", NATIONAL: "Trung ương"}
