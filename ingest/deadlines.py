"""Deadline cells -> normalised intervals.

A cell is read in parts (split on ';', bullets and line breaks); each part is
classed by its first time marker and given an interval:
- fixed: "Quý II/2025", "Quý II, III/2025", "Quý III và quý IV/2025", "Tháng 7/2025",
  "Tháng 01-03/2026", "06 tháng cuối năm 2025", "Năm 2025", "Trong năm 2025",
  "30/6/2025", "Trước ngày 15/01/2026" (open start: the plan year's start);
- recurring: "Thường xuyên", "Hằng năm", "Định kỳ hằng quý": the plan year;
- event: "Sau khi ...", "Khi có ...": no interval;
- schedule: "Theo lộ trình ...", "Theo kế hoạch ...", "Theo quy định": no interval;
- completed: "Đã ban hành Kế hoạch số 09/KH-VPUB ngày 15/01/2025": ends on the
  latest date cited.
The cell's interval spans its parts; its kind is the strongest kind among the
parts about the work itself (a "Báo cáo ...:" part only decides when nothing else
does), strongest first: completed, fixed, recurring, event, schedule.
Partial dates ("Tháng 9", "Quý IV", "ngày 15/12") take the plan year.
Markers are matched on diacritic-folded text of the same length, so positions
carry back to the original.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, timedelta

from .models import Deadline
from .places import fold as _fold   # one character for one: match offsets stay valid

_TYPED_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_TYPED_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def typed_date(value: str) -> date:
    """A date as people type it in a filter or parameter: day first (01/07/2025, 1/7/2025, 01.07.2025,
    01-07-2025) or ISO (2025-07-01); a ValueError for anything else, or a day that does not exist."""
    value = value.strip()
    m = _TYPED_DMY.fullmatch(value)
    if m:
        return date(int(m[3]), int(m[2]), int(m[1]))
    m = _TYPED_YMD.fullmatch(value)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    raise ValueError(f"not a date: {value!r}")

_STRENGTH = ("completed", "fixed", "recurring", "event", "schedule")

# Markers on folded text; the first one found in a part decides its kind.
_MARKERS = [(kind, re.compile(p)) for kind, p in [
    ("completed", r"\bda (?:ban hanh|hoan thanh|thuc hien|trien khai|to chuc|xay dung|phe duyet|gui)\b"),
    ("recurring", r"\b(?:thuong xuyen|hang (?:nam|quy|thang|tuan|ngay)|moi nam|"
                  r"dinh ky|lien tuc|da va dang|tiep tuc thuc hien)\b"),
    ("event", r"\b(?:ngay sau khi|sau khi|khi co|khi duoc|khi phat sinh|ngay khi|dot xuat|"
              r"theo yeu cau)\b"),
    ("schedule", r"\b(?:theo (?:lo trinh|ke hoach|quy dinh|huong dan|chi dao|tien do|thoi gian)|"
                 r"dam bao theo|can cu)\b"),
]]
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Q = r"(?:iv|iii|ii|i|[1-4])"
# "/2025", " năm 2025", or nothing (the plan year)
_YEAR = r"(?:\s*(?:/|-|nam)\s*(\d{4}))?"
_SPANS = [(kind, re.compile(p)) for kind, p in [
    # quý II, III/2025 ; quý I-IV năm 2025 ; quý III và quý IV/2025
    ("quarter", rf"\bquy\s+({_Q}(?:\s*(?:,|-|–|va|den)\s*(?:quy\s+)?{_Q})*)\b{_YEAR}"),
    # ngày 15 tháng 01 năm 2026
    ("date", r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?"),
    # 06 tháng đầu/cuối năm 2025
    ("half", r"\b0?6\s+thang\s+(dau|cuoi)\s+nam(?:\s+(\d{4}))?"),
    # tháng 7/2025 ; tháng 01-03/2026 ; tháng 9
    ("month", rf"\bthang\s+(\d{{1,2}}(?!\d)(?:\s*(?:,|-|–|va|den)\s*(?:thang\s+)?\d{{1,2}}(?!\d))*){_YEAR}"),
    # 30/6/2025 ; ngày 15/01 (partial) ; ngày 15 tháng 01 năm 2026
    ("date", r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\b"),
    ("date", r"(?:(?<=\bngay )|(?<=\btruoc )|(?<=\bden ))(\d{1,2})\s*/\s*(\d{1,2})(?!\s*/?\d)()"),
    # giai đoạn 2021-2025 ; năm 2025-2026
    ("years", r"\b((?:19|20)\d\d)\s*(?:-|–|den)\s*((?:19|20)\d\d)\b"),
    # (trong) năm 2025 ; cuối năm 2025
    ("year", r"\b(?:(dau|cuoi|giua)\s+)?nam\s+((?:19|20)\d\d)\b"),
]]
# A date right after a document's symbol is the document's date, not a deadline:
# "Thông tư 02/2017/TT-VPCP ngày 31/10/2027", "Kế hoạch số 09/KH-VPUB ngày 15/01/2025".
_CITED_DATE = re.compile(r"\d+\s*[/-]\s*[\w/&.-]*[a-z][\w/&.-]*\s+ngay\s+$")
_OPEN_START = re.compile(r"\b(?:truoc|cham nhat|khong qua|han chot|den)(?:\s+ngay)?\s*$")
_REPORT = re.compile(r"^\W*bao cao\b")
_ONE_DAY = timedelta(days=1)




def _day(y: int, m: int, d: int | None = None, last: bool = False) -> date | None:
    if not (1 <= m <= 12):
        return None
    if d is None:
        d = calendar.monthrange(y, m)[1] if last else 1
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _numbers(listing: str, roman: bool) -> list[int]:
    """'ii, iii' -> [2, 3]; 'iii va quy iv' -> [3, 4]; '01-03' -> [1, 3]."""
    if roman:
        return [_ROMAN[p] for p in re.findall(rf"\b{_Q}\b", listing)]
    return [int(p) for p in re.findall(r"\d{1,2}", listing)]


def _spans(part: str, year: int | None) -> list[tuple[int, date | None, date | None, bool]]:
    """(position, start, end, is a cited document's date) of every time expression;
    start/end are None where the year is unknown."""
    found, taken = [], []
    for kind, pattern in _SPANS:
        for m in pattern.finditer(part):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            # a partial date without a plan year still says "fixed", with no dates
            start, end = _interval(kind, m, year) or (None, None)
            taken.append((m.start(), m.end()))
            cited = kind == "date" and bool(_CITED_DATE.search(part[max(0, m.start() - 60):m.start()]))
            before = part[max(0, m.start() - 20):m.start()]
            if end and _OPEN_START.search(before):
                if kind != "date" and re.search(r"\btruoc\s*$", before):
                    end = start - _ONE_DAY      # "trước quý IV" ends when quý IV begins
                start = None        # open: the cell's other parts or the plan year decide
            found.append((m.start(), start, end, cited))
    return sorted(found, key=lambda f: f[0])


def _interval(kind: str, m: re.Match, year: int | None) -> tuple[date | None, date | None] | None:
    g = m.groups()
    if kind in ("quarter", "month"):
        y = int(g[1]) if g[1] else year
        nums = _numbers(g[0], roman=kind == "quarter")
        if not y or not nums:
            return None
        lo, hi = min(nums), max(nums)
        if kind == "quarter":
            return _day(y, 3 * lo - 2), _day(y, 3 * hi, last=True)
        return _day(y, lo), _day(y, hi, last=True)
    if kind == "half":
        y = int(g[1]) if g[1] else year
        if not y:
            return None
        return (_day(y, 1), _day(y, 6, last=True)) if g[0] == "dau" else (_day(y, 7), _day(y, 12, last=True))
    if kind == "date":
        y = int(g[2]) if g[2] else year
        d = _day(y, int(g[1]), int(g[0])) if y else None
        return (d, d) if d else None
    if kind == "years":
        return _day(int(g[0]), 1), _day(int(g[1]), 12, last=True)
    # year, possibly "đầu/giữa/cuối năm": first, middle or last quarter of it
    y = int(g[1])
    months = {"dau": (1, 3), "giua": (4, 9), "cuoi": (10, 12)}.get(g[0], (1, 12))
    return _day(y, months[0]), _day(y, months[1], last=True)


def _parts(text: str) -> list[str]:
    """A cell -> its parts: ';' and bullets ("- Báo cáo: ..."); other line breaks are
    wraps of a printed cell ("Quý III và quý\nIV/2025")."""
    pieces = re.split(r";|(?:^|(?<=[.:;])|\s)[-–+•]\s*(?=[^\W\d_])", text)
    return [p for p in (re.sub(r"\s+", " ", x).strip(" .") for x in pieces) if p]


def _value(part: str) -> str:
    """'Báo cáo kết quả: Quý IV/2025' -> 'Quý IV/2025'; 'Quý IV/2025: Hoàn thành 50%' stays."""
    if ":" not in part:
        return part
    value = part.partition(":")[2]
    folded = _fold(value)
    if any(p.search(folded) for _, p in _MARKERS) or any(p.search(folded) for _, p in _SPANS):
        return value
    return part


def _read_part(part: str, year: int | None) -> tuple[str, date | None, date | None, bool]:
    """One part -> (kind, start, end, whether the dates are written rather than implied)."""
    text = _fold(_value(part))
    first = {kind: m.start() for kind, p in _MARKERS if (m := p.search(text))}
    spans = _spans(text, year)
    cites_document = re.search(r"^\W*(?:ke hoach|quyet dinh|cong van|bao cao|van ban)\s+so\b", text)
    if "completed" in first or (cites_document and any(cited for *_, cited in spans)):
        dates = [end for _, _, end, _ in spans if end]
        return "completed", None, max(dates, default=None), bool(dates)
    spans = [s for s in spans if not s[3]]
    if spans:
        first["fixed"] = spans[0][0]
    if not first:
        return "unknown", None, None, False
    kind = min(first, key=first.get)
    spans = [s for s in spans if s[2]]
    if kind in ("fixed", "recurring") and spans:
        starts = [s for _, s, _, _ in spans]
        return kind, None if None in starts else min(starts), max(e for _, _, e, _ in spans), True
    if kind == "recurring" and year:
        return kind, date(year, 1, 1), date(year, 12, 31), False
    return kind, None, None, False


def parse_deadline(text: str, year: int | None = None) -> Deadline:
    """A deadline cell as written -> Deadline(text, start, end, kind); `year` is
    the plan year, used for partial dates and for recurring work."""
    text = unicodedata.normalize("NFC", text or "")
    read = [(_read_part(p, year), bool(_REPORT.match(_fold(p)))) for p in _parts(text)]
    known = [(r, report) for r, report in read if r[0] != "unknown"]
    if not known:
        return Deadline(text=text)
    main = [r for r, report in known if not report] or [r for r, _ in known]
    kind = min((r[0] for r in main), key=_STRENGTH.index)
    # the interval: dates the text writes, plus the plan year for recurring work
    # itself (not for recurring reports); a completed cell ends on its documents' dates
    dated = [r for r, report in known if r[2] and (r[3] or (r[0] == "recurring" and not report) or r[0] == kind)
             and (kind != "completed" or r[0] == "completed")]
    if not dated:
        return Deadline(text=text, kind=kind)
    end = max(r[2] for r in dated)
    start = min((r[1] for r in dated if r[1]), default=None)
    if start is None and year and kind != "completed" and date(year, 1, 1) <= end:
        start = date(year, 1, 1)    # "Trước ngày 15/01/2026" in a 2025 plan: from the plan's start
    if kind == "completed":
        start = None
    return Deadline(text=text, start=start.isoformat() if start else None, end=end.isoformat(), kind=kind)
