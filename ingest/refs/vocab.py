"""Vocabularies for legal references: document types, issuer codes, provinces, law names.

Plain data only; the patterns that use them live in find.py. Codes are
those of Vietnamese document symbols (Nghị định 30/2020/NĐ-CP on văn thư, and
the Party's rules on its own documents).
"""
from __future__ import annotations

import re

from ..places import PROVINCES, fold_words

# type abbreviation -> full Vietnamese name (SCHEMA "Canonical legal-document id")
TYPES = {
    "NQ": "Nghị quyết", "NQLT": "Nghị quyết liên tịch", "NĐ": "Nghị định", "QĐ": "Quyết định",
    "CT": "Chỉ thị", "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "KH": "Kế hoạch",
    "CV": "Công văn", "CĐ": "Công điện", "KL": "Kết luận", "CTr": "Chương trình", "ĐA": "Đề án",
    "TB": "Thông báo", "BC": "Báo cáo", "HD": "Hướng dẫn", "QĐi": "Quy định", "TTr": "Tờ trình",
    "PA": "Phương án", "QC": "Quy chế",
}
# the same codes as printed inside symbols ("QyĐ" is an older spelling of QĐi)
# and as printed by exports that lost the Đ ("125/2025/ND-CP", "12/QD-UBND")
SYMBOL_TYPES = {**{k: k for k in TYPES}, "QyĐ": "QĐi",
                **{k.replace("Đ", "D"): k for k in TYPES if "Đ" in k}}

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
# "Văn bản số ..." keeps its own doc_type (SCHEMA: Công văn/Văn bản both CV)
WORD_DOC_TYPE = {"Văn bản": "Văn bản", "Công văn": "Công văn"}

# issuer codes that name a national body: unique nationwide
NATIONAL_CODES = {
    "CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ", "TW": "Ban Chấp hành Trung ương",
    "QH": "Quốc hội", "UBTVQH": "Ủy ban Thường vụ Quốc hội", "VPCP": "Văn phòng Chính phủ",
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
# issuer codes of provincial bodies (Sở codes are recognised by their leading S)
PROVINCE_CODES = {
    "TU": "Tỉnh ủy", "VPUB": "Văn phòng UBND tỉnh", "VPUBND": "Văn phòng UBND tỉnh",
    "BQL": "Ban Quản lý", "CAT": "Công an tỉnh", "BTGDVTU": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
}
# codes used by both the province and the commune: resolved by context
LOCAL_CODES = {"UBND": "UBND", "HĐND": "HĐND", "ĐU": "Đảng ủy", "VP": "Văn phòng", "HU": "Huyện ủy"}

# a Sở code: S + the department's initials (SNV, SCT, SKHCN, SGDĐT, SVHTTDL ...)
SO_CODE = re.compile(r"^S[A-ZĐ][A-Za-zĐ]{1,7}$")
# the departments every province has (before and after the 2025 mergers): their code -> name
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

# words (folded) of an issuer phrase ("của ...") that name its level; a phrase that
# starts with "Bộ" names a ministry, one that starts with "Sở" a provincial department
NATIONAL_WORDS = ("chinh phu", "quoc hoi", "bo chinh tri", "trung uong", "ban bi thu",
                  "kiem toan nha nuoc", "ngan hang nha nuoc", "toi cao")
COMMUNE_WORDS = ("xa", "phuong", "thi tran", "dac khu")
PROVINCE_WORDS = ("tinh", "huyen", "thanh pho", "thanh uy")


# who passes each kind of named act (a Pháp lệnh is the Standing Committee's)
LAW_ISSUERS = {"Luật": "Quốc hội", "Bộ luật": "Quốc hội", "Hiến pháp": "Quốc hội",
               "Pháp lệnh": "Ủy ban Thường vụ Quốc hội"}

# words before "số" that number a part of the plan, not a document: "Mẫu số 01/BC" is a form
# (to be filled in as a Báo cáo), "Phụ lục số 03/KH" an annex of the Kế hoạch
NOT_DOCUMENT_WORDS = ("mẫu", "biểu", "biểu mẫu", "phụ lục", "bảng", "phiếu", "mục", "khoản", "điểm", "điều")

# types whose documents always print their type code in the symbol ("09/ĐA-UBND"): "Đề án 06/CP"
# and "Chương trình 135/CP" are the names programmes are known by, not document numbers
NICKNAMED_TYPES = {"ĐA", "CTr"}

# prefixes of technical standards, whose numbers look like symbols ("QCVN 07/2016/BXD")
STANDARD_PREFIXES = ("QCVN", "TCVN", "QCĐP", "TCCS", "ISO")

# law names that a plain "stop at comma / 'và'" rule would cut short
LAW_NAMES = [
    "Cán bộ, công chức", "Phòng, chống tham nhũng",
    "Thực hành tiết kiệm, chống lãng phí", "Quản lý, sử dụng tài sản công",
    "Khoa học, công nghệ và đổi mới sáng tạo", "Khoa học và Công nghệ", "Thi đua, khen thưởng",
    "Tín ngưỡng, tôn giáo", "Phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Phòng, chống thiên tai",
    "Phòng, chống ma túy",
]


def base_code(code: str) -> str:
    """'QH15' -> 'QH', 'UBTVQH15' -> 'UBTVQH': the legislature's term is not part of the body."""
    return re.sub(r"(?<=QH)\d+$", "", code)


def fold(s: str) -> str:
    """Lower case without diacritics, whitespace collapsed: for matching only."""
    return fold_words(s)


PROVINCE_BY_FOLD = {fold(p): p for p in PROVINCES}  # places.PROVINCES: before and after 2025
TYPE_WORD_BY_FOLD = {fold(w): w for w in TYPE_WORDS}
