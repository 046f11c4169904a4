"""Vietnam's provinces, and matching of place names with diacritics and case folded.

Plans name provinces as printed ("Thanh Hoá", "THANH HÓA", "Đăk Lăk"); the graph wants
one spelling. Both lists are kept: the 34 provinces since the 2025 merger and the 63
before it, because older plans name the old ones and history is not "corrected".
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

PROVINCES_2025 = [
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh",
    "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
]
PROVINCES_BEFORE_2025 = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Hồ Chí Minh",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]
PROVINCES = sorted(set(PROVINCES_2025) | set(PROVINCES_BEFORE_2025), key=len, reverse=True)
# centrally-run cities are "thành phố X", not "tỉnh X"
CITIES = {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}


def fold(text: str) -> str:
    """Lower case without diacritics, one character for one: indices stay valid in the original."""
    return text.translate(_FOLD)


@lru_cache(maxsize=65536)     # the same names, headings and cells recur across thousands of rows
def fold_words(text: str | None) -> str:
    """fold() of the NFC text with whitespace collapsed: 'Nghị  định' -> 'nghi dinh'. The key
    of matching and identity in ingest and graph (graph.iri.fold is this function)."""
    text = text or ""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", fold(text)).strip()


_SPACES = re.compile(r"\s+")


class _FoldTable(dict):
    """str.translate table filled on first sight of each character (fold runs on every line)."""

    def __missing__(self, code: int) -> str:
        self[code] = _fold_char(chr(code))
        return self[code]


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0].lower()
    return base if len(base) == 1 else c


_FOLD = _FoldTable()


def _key(name: str) -> str:
    return re.sub(r"[\s\-–]+", " ", fold(name)).strip()


_BY_KEY = {_key(p): p for p in PROVINCES}
_NAMES = "|".join(re.escape(_key(p)).replace(r"\ ", r"[\s\-–]+") for p in PROVINCES)
# "tỉnh Hà Tĩnh", "TỈNH THANH HOÁ", "thành phố Hà Nội", "TP. Hồ Chí Minh"
_PREFIXED = re.compile(r"\b(?:tinh|thanh pho|tp\.?)\s+(" + _NAMES + r")\b")


def province(name: str) -> str | None:
    """The canonical spelling of a province name written any way, or None."""
    return _BY_KEY.get(_key(name))


def provinces_in(text: str) -> list[str]:
    """Canonical names of the provinces named as "tỉnh X"/"thành phố X" in text, in order."""
    return [name for name, _, _ in province_mentions(text)]


def province_mentions(text: str) -> list[tuple[str, int, int]]:
    """(canonical name, start, end) of each "tỉnh X"/"thành phố X" in text."""
    return [(_BY_KEY[_key(m.group(1))], m.start(), m.end()) for m in _PREFIXED.finditer(fold(text))]


# the words before a commune-level place's name: commune, ward, township, special zone
COMMUNE_UNITS = ("xã", "phường", "thị trấn", "đặc khu")
_PROVINCE_PREFIX = re.compile(r"^(tỉnh|thành phố|tp\.?)\s+", re.I)
_COMMUNE_PREFIX = re.compile(rf"^({'|'.join(COMMUNE_UNITS)})\s+", re.I)


def place_name(name: str) -> str:
    """'tỉnh Hà Tĩnh' -> 'Hà Tĩnh'; 'xã Hoằng Sơn' -> 'Hoằng Sơn' (NFC, as written otherwise)."""
    name = unicodedata.normalize("NFC", (name or "").strip())
    return _COMMUNE_PREFIX.sub("", _PROVINCE_PREFIX.sub("", name)).strip()


def jurisdiction_word(name: str) -> str:
    """'tỉnh' or 'thành phố', as the issuer's name uses it."""
    return "thành phố" if name in CITIES else "tỉnh"


# communes: "xã Hoằng Sơn", "XÃ HOẰNG SƠN", "phường Ba Đình", "Phường 3", "thị trấn X"
_COMMUNE = re.compile(
    r"\b(xã|phường|thị trấn)[ \t]+((?:\d{1,2}\b)|(?:[A-ZĐÀ-Ỹ][^\s,;.:()]*(?:[ \t]+[A-ZĐÀ-Ỹ][^\s,;.:()]*){0,3}))",
    re.I)


def communes_in(text: str) -> list[tuple[str, str]]:
    """(kind, name) of communes named with a capitalised name: ('xã', 'Hoằng Sơn')."""
    out = []
    for m in _COMMUNE.finditer(text):
        kind, name = m.group(1).lower(), m.group(2)
        words = name.split()
        if not name[0].isdigit():
            # a commune name is capitalised word by word; stop at the first lower-case word
            keep = []
            for w in words:
                if not (w[0].isupper() or w[0].isdigit()):
                    break
                keep.append(w)
            words = keep
            if not words or fold(words[0]) in _NOT_NAMES:
                continue
        out.append((kind, " ".join(_title_word(w) for w in words)))
    return out


# capitalised words that follow "xã"/"phường" without being a name ("UBND các xã, phường")
_NOT_NAMES = {"ubnd", "hdnd", "cap", "va", "cac", "nam", "theo", "tren", "trong", "thi", "uy"}


def _title_word(word: str) -> str:
    """'HOẰNG' -> 'Hoằng'; mixed case kept as written."""
    return word[0] + word[1:].lower() if word.isupper() else word
