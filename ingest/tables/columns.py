"""Table header cells -> column kinds, by meaning rather than by exact wording.

Issuers word the same column many ways ("Chủ trì", "Cơ quan chủ trì", "Đơn vị
thực hiện"; "Thời gian", "Tiến độ", "Thời hạn hoàn thành"), so a header is read
through diacritic-folded keywords. The rules are tried in priority order
because headers combine words of several kinds: "Cơ quan phối hợp" names a
coordinating column although "Cơ quan" alone would be a lead column, and
"Mục tiêu/Chỉ tiêu/nội dung" is a target column although "Nội dung" alone is a
task column.

Kinds: ref, area, target, task, activity, output, lead, coordinating,
deadline, budget, remark.
"""
from __future__ import annotations

import re

from .. import places

# (kind, pattern on the folded header), most specific first.
_RULES: list[tuple[str, re.Pattern]] = [(k, re.compile(p)) for k, p in [
    ("ref", r"^(s\.?\s?tt|tt|so tt|so thu tu|thu tu|#|no)$"),
    ("remark", r"\bghi chu\b|\bchu thich\b"),
    ("coordinating", r"\bphoi hop\b|\bcung thuc hien\b"),
    ("lead", r"\bchu tri\b|\bchiu trach nhiem\b|\btrach nhiem thuc hien\b"),
    ("output", r"\bket qua\b|\bsan pham\b|\bdau ra\b|\bhinh thuc van ban\b"),
    ("deadline", r"\bthoi gian\b|\bthoi han\b|\btien do\b|\bthoi diem\b|\bmoc\b|\bhoan thanh\b|"
                 r"\blo trinh\b|\bnam thuc hien\b"),
    ("budget", r"\bkinh phi\b|\bnguon von\b|\bdu toan\b|\bngan sach\b|\bnguon luc\b"),
    ("lead", r"^(co quan|don vi|bo phan|nguoi|chu the)\b|"
             r"\b(co quan|don vi|bo phan|nguoi|chu the|to chuc)\b.*\bthuc hien\b|\bphan cong\b|\bgiao cho\b"),
    ("area", r"^(linh vuc|nhom nhiem vu)\b"),
    ("activity", r"^(cac )?hoat dong\b"),
    ("target", r"\bmuc tieu\b|\bchi tieu\b"),
    ("task", r"\bnhiem vu\b|\bnoi dung\b|\bcong viec\b|\bde an\b|\bgiai phap\b|\bten\b|\bhoat dong\b"),
]]


def fold(text: str) -> str:
    """Lower case, no diacritics, đ -> d, single spaces: for matching only."""
    return places.fold_words(text or "")


# "1- Mục tiêu", "(5) Chủ trì", "3. Hoạt động", "a) Nội dung": the column's own number
_COLUMN_NUMBER = re.compile(r"^\s*(\(\s*\d+\s*\)|\d+\s*[-.):]|[a-z]\))\s*")


def column_kind(header_text: str | None) -> str | None:
    """One header cell -> its column kind, or None when the wording says nothing we use."""
    s = fold(header_text or "")
    if re.fullmatch(r"(\w )+\w", s):
        s = s.replace(" ", "")            # a title wrapped letter by letter in a narrow column ("T\nT")
    s = _COLUMN_NUMBER.sub("", s)
    s = re.sub(r"\s*[-/,;:]\s*", lambda m: m.group(0).strip() + " ", s).strip(" .:")
    # a header names a column in a few words; a long cell is data that happens to use them
    if not s or s == "don vi tinh" or len(s.split()) > 12:   # nor is a unit-of-measure column an agency
        return None
    for kind, pattern in _RULES:
        if pattern.search(s):
            return kind
    return None


def map_header(cells) -> list[str | None]:
    """A header row (cell texts, or each column's texts joined over a two-row header) ->
    one kind per column. Items may be strings or objects with a `.text`.

    A kind already taken by a column to the left is not given again (of "Nhiệm vụ" and
    "Nội dung", the first is the task), except budget and deadline, which tables split
    over several columns ("Ngân sách tỉnh | Nguồn khác", "Bắt đầu | Hoàn thành").
    """
    texts = [c if isinstance(c, str) or c is None else getattr(c, "text", None) for c in cells]
    kinds = [column_kind(t) for t in texts]
    seen: set[str] = set()
    for i, kind in enumerate(kinds):
        if kind in seen and kind not in ("budget", "deadline"):
            kinds[i] = None
        elif kind:
            seen.add(kind)
    return kinds


def is_header(cells) -> bool:
    """Does this row look like a task table's header: something to do and who/when/what of it?"""
    kinds = set(map_header(cells))
    return bool(kinds & {"task", "target", "activity"}) and bool(kinds & {"lead", "coordinating", "deadline", "output"})
