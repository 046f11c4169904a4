"""Vocabularies only legal references use: symbol spellings of document types, issuer codes
of local bodies, level words of issuer phrases, law names and the abbreviations printed in
them, words that are not documents.

Plain data only; the patterns that use them live in find.py and resolve.py. Codes are
those of Vietnamese document symbols (Nghị định 30/2020/NĐ-CP on văn thư, and
the Party's rules on its own documents). The vocabularies shared with the rest of ingest
and the graph (document types, national issuer codes, the departments, the folder) are
ingest/vocab.py's: find.py and resolve.py import them from there.
"""
from __future__ import annotations

import re

from ..places import COMMUNE_UNITS, PROVINCES
from ..vocab import TYPES, fold

# the same codes as printed inside symbols ("QyĐ" is an older spelling of QĐi)
# and as printed by exports that lost the Đ ("125/2025/ND-CP", "12/QD-UBND")
SYMBOL_TYPES = {**{k: k for k in TYPES}, "QyĐ": "QĐi",
                **{k.replace("Đ", "D"): k for k in TYPES if "Đ" in k}}

# "Văn bản số ..." keeps its own doc_type (SCHEMA: Công văn/Văn bản both CV)
WORD_DOC_TYPE = {"Văn bản": "Văn bản", "Công văn": "Công văn"}

# issuer codes of provincial bodies (Sở codes are recognised by their leading S)
PROVINCE_CODES = {
    "TU": "Tỉnh ủy", "VPUB": "Văn phòng UBND tỉnh", "VPUBND": "Văn phòng UBND tỉnh",
    "BQL": "Ban Quản lý", "CAT": "Công an tỉnh", "BTGDVTU": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
}
# codes used by both the province and the commune: resolved by context
LOCAL_CODES = {"UBND": "UBND", "HĐND": "HĐND", "ĐU": "Đảng ủy", "VP": "Văn phòng", "HU": "Huyện ủy"}

# a Sở code: S + the department's initials (SNV, SCT, SKHCN, SGDĐT, SVHTTDL ...; SO_NAMES for the usual ones)
SO_CODE = re.compile(r"^S[A-ZĐ][A-Za-zĐ]{1,7}$")
# words (folded) of an issuer phrase ("của ...") that name its level; a phrase that
# starts with "Bộ" names a ministry, one that starts with "Sở" a provincial department
NATIONAL_WORDS = ("chinh phu", "quoc hoi", "bo chinh tri", "trung uong", "ban bi thu",
                  "kiem toan nha nuoc", "ngan hang nha nuoc", "toi cao")
COMMUNE_WORDS = tuple(fold(w) for w in COMMUNE_UNITS)      # "xa", "phuong", "thi tran", "dac khu"
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

# abbreviations printed inside law names ("Luật Ban hành văn bản QPPL", "Luật Tổ chức HĐND và UBND"),
# customary ones that a plan uses without defining; a text's own definitions ("quy phạm pháp luật
# (QPPL)", find.abbreviations) come first. Only those whose long form is one reading everywhere.
LAW_ABBREVIATIONS = {
    "QPPL": "quy phạm pháp luật", "VBQPPL": "văn bản quy phạm pháp luật",
    "HĐND": "Hội đồng nhân dân", "UBND": "Ủy ban nhân dân", "CQĐP": "chính quyền địa phương",
    "CBCC": "cán bộ, công chức", "NSNN": "ngân sách nhà nước", "TTHC": "thủ tục hành chính",
    "PCTN": "phòng, chống tham nhũng", "CNTT": "công nghệ thông tin", "KH&CN": "Khoa học và Công nghệ",
    "BHXH": "bảo hiểm xã hội", "MTTQ": "Mặt trận Tổ quốc",
}

# short words an abbreviation may leave out ("Thực hiện dân chủ ở cơ sở" is THDCCS), folded
ABBREVIATION_SKIPS = ("o", "cua", "va", "ve", "cho", "voi", "cac", "nhung", "tai", "trong")


PROVINCE_BY_FOLD = {fold(p): p for p in PROVINCES}  # places.PROVINCES: before and after 2025
