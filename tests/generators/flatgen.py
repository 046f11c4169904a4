"""Synthetic flattened-PDF plans with ground truth, to see how the layout code generalises.

The scored plans come from issuers we have no sample of, as the same kind of text dump as
data/plans/000, 001 and 003. `plan(variant)` writes one such plan: a short preamble, then
appendix task tables rendered the way those dumps print them, and returns the text with
its gold annotation (SCHEMA.md format, `table_tasks` only).

Why a direct text renderer and not DOCX -> LibreOffice PDF -> pdfminer: pdfminer's layout
analysis on LibreOffice PDFs groups text column by column (all TT numbers, then all task
cells ...), which no sample shows. The samples are row by row, one cell after another, as
a word processor writes its content stream. What the renderer reproduces (seen in the
samples, line numbers of 003 unless said):
- each cell wrapped at its column's width; every text line ends with a space, and most are
  followed by a blank line (745-749), some are not (775-776);
- cells of a row one after another (TT, text, output, lead, coordinating, deadline, notes);
  an empty cell prints a lone space line (773);
- short one-line cells that share a baseline run together on one line ("Kế hoạch Sở Nội vụ",
  000 L1499, is output + lead); the row number may share the first text line ("5  Tiếp tục
  ...", 001 L956);
- a row printed interleaved: the k-th lines of all cells on one text line (000 L2528);
- the header printed again at every page break (894-908), its first line led by a space,
  its short cells run together ("Nội dung công việc Sản phẩm đầu ra", 726); a row cut by
  the page: every cell's first lines before the header, the rest after it (1059-1118), and
  when only one line fits, that line holds the first line of every cell (1280, 001 L1517);
- lone page numbers (000 L2308 "6"), references broken at a hyphen ("942/VPUB-" / "TCHCQT",
  931), double spaces from justified text ("cơ  chế", 001 L956).
"""
from __future__ import annotations

import json
import random
import re
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "gold"
YEAR = 2026

# gold field -> (header text as issuers print it, default width in characters)
COLUMN_SETS = {
    "sở": [("TT", "row_ref", 4), ("Nội dung công việc", "text", 48), ("Cơ quan chủ trì", "lead", 16),
           ("Cơ quan phối hợp", "coordinating", 20), ("Thời gian hoàn thành", "deadline", 18)],
    "xã": [("STT", "row_ref", 4), ("Nhiệm vụ", "text", 44), ("Sản phẩm", "output", 22),
           ("Đơn vị chủ trì", "lead", 14), ("Đơn vị phối hợp", "coordinating", 18),
           ("Thời gian thực hiện", "deadline", 16), ("Ghi chú", "remark", 6)],
    "tỉnh": [("TT", "row_ref", 5), ("Nhiệm vụ", "text", 42), ("Kết quả/sản phẩm đầu ra", "output", 22),
             ("Chủ trì", "lead", 16), ("Phối hợp", "coordinating", 20), ("Thời hạn", "deadline", 14),
             ("Kinh phí", "budget", 12)],
    # a target column whose cell is merged down over the rows serving it (000)
    "mục tiêu": [("TT", "row_ref", 4), ("Mục tiêu/Chỉ tiêu", "target", 26), ("Nhiệm vụ", "text", 36),
                 ("Kết quả, sản phẩm", "output", 18), ("Chủ trì", "lead", 14), ("Phối hợp", "coordinating", 16),
                 ("Thời gian hoàn thành", "deadline", 12)],
    # deadline before the agencies, output last: header mapping must go by meaning, not position
    "tiến độ": [("STT", "row_ref", 4), ("Nhiệm vụ, giải pháp", "text", 46), ("Thời gian thực hiện", "deadline", 16),
                ("Cơ quan chủ trì", "lead", 16), ("Cơ quan phối hợp", "coordinating", 18),
                ("Sản phẩm", "output", 22)],
}

AREAS = ["Công tác chỉ đạo, điều hành cải cách hành chính", "Cải cách thể chế",
         "Cải cách thủ tục hành chính", "Cải cách tổ chức bộ máy hành chính nhà nước",
         "Cải cách chế độ công vụ", "Cải cách tài chính công",
         "Xây dựng và phát triển chính quyền điện tử, chính quyền số"]

# Who leads and helps, by the issuer's level: a plan's table names the issuer's own units.
AGENCIES = {
    "province": (["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh",
                  "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Xây dựng", "Sở Công Thương",
                  "Sở Văn hóa, Thể thao và Du lịch", "Sở Nông nghiệp và Môi trường",
                  "Trung tâm Phục vụ hành chính công tỉnh", "Công an tỉnh"],
                 ["Các sở, ban, ngành cấp tỉnh", "UBND các xã, phường", "Các cơ quan, đơn vị liên quan",
                  "Sở Thông tin và Truyền thông", "Báo và Phát thanh, Truyền hình tỉnh", "Sở Nội vụ"]),
    "department": (["Văn phòng Sở", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính", "Thanh tra Sở",
                    "Phòng Nghiệp vụ", "Phòng Quản lý chuyên ngành", "Bộ phận Một cửa"],
                   ["Các phòng, đơn vị thuộc Sở", "Các đơn vị sự nghiệp trực thuộc", "Văn phòng Sở",
                    "Sở Nội vụ", "Trung tâm Phục vụ hành chính công tỉnh", "UBND các xã, phường"]),
    "commune": (["Văn phòng HĐND và UBND", "Phòng Văn hóa - Xã hội", "Phòng Kinh tế",
                 "Trung tâm Phục vụ hành chính công", "Công an xã", "Phòng Kinh tế, Hạ tầng và Đô thị"],
                ["Các phòng, đơn vị, trung tâm", "Các cơ quan, đơn vị có liên quan", "Văn phòng HĐND và UBND",
                 "Ban Chỉ huy Quân sự", "Các thôn, tổ dân phố"]),
}

DEADLINES = [f"Quý I/{YEAR}", f"Quý II, III/{YEAR}", f"Quý IV/{YEAR}", f"Tháng 6/{YEAR}", "Thường xuyên",
             f"Trước ngày 15/12/{YEAR}", f"Năm {YEAR}", "Theo lộ trình của Trung ương", f"Tháng 01-03/{YEAR}",
             f"Báo cáo kết quả thực hiện: Trước ngày 30/11/{YEAR}.", "Định kỳ hằng quý",
             f"- Kế hoạch: Quý I/{YEAR}; - Báo cáo kết quả: Tháng 12/{YEAR}.", "Khi có yêu cầu"]
BUDGETS = ["Ngân sách tỉnh", "Theo dự toán được cấp", "50", "120", "Lồng ghép trong kinh phí thường xuyên",
           "Nguồn kinh phí chi thường xuyên", ""]


@dataclass(frozen=True)
class Issuer:
    body: str            # the issuing body, as it signs
    parent: str          # the line above it in the letterhead
    province: str
    level: str           # province | department | commune
    symbol: str          # its document symbol, for "Số: 25/KH-SYT"


ISSUERS = {
    "so_y_te": Issuer("Sở Y tế", "UBND TỈNH NGHỆ AN", "Nghệ An", "department", "SYT"),
    "so_gddt": Issuer("Sở Giáo dục và Đào tạo", "UBND TỈNH QUẢNG NGÃI", "Quảng Ngãi", "department", "SGDĐT"),
    "so_xay_dung": Issuer("Sở Xây dựng", "UBND TỈNH LÂM ĐỒNG", "Lâm Đồng", "department", "SXD"),
    "so_cong_thuong": Issuer("Sở Công Thương", "UBND TỈNH ĐẮK LẮK", "Đắk Lắk", "department", "SCT"),
    "tinh_gia_lai": Issuer("UBND tỉnh Gia Lai", "", "Gia Lai", "province", "UBND"),
    "phuong_hac_thanh": Issuer("UBND phường Hạc Thành", "TỈNH THANH HÓA", "Thanh Hóa", "commune", "UBND"),
    "xa_tan_phu": Issuer("UBND xã Tân Phú", "TỈNH ĐỒNG NAI", "Đồng Nai", "commune", "UBND"),
}


@dataclass(frozen=True)
class Variant:
    """One issuer's table and how its PDF text came out. Probabilities are per row/line."""
    name: str
    issuer: str                          # key of ISSUERS
    columns: str                         # key of COLUMN_SETS
    numbering: str = "plain"             # plain "1" | dot "1." | decimal "1.1" under "1" | letter "a)" | none
    areas: str = "roman_caps"            # roman_caps "I CẢI CÁCH ..." | roman_dot "II. Cải cách ..." |
    #                                      arabic "2. CẢI CÁCH ..." | titles (one appendix per area, 001)
    rows_per_area: tuple = (3, 6)
    blank_after_line: float = 0.85       # a blank line after a text line
    inline_number: float = 0.0           # row number on the first text line ("5  Tiếp tục ...")
    run_short_cells: float = 0.3         # adjacent one-line cells on one text line
    interleave_rows: float = 0.0         # whole row printed line-interleaved
    page_lines: int = 30                 # visual lines per page (rows + header)
    page_numbers: bool = True
    hyphen_breaks: bool = True           # references may break at a hyphen
    double_spaces: float = 0.0           # justified text: a line gets doubled spaces
    column_numbers: bool = False         # a "(1) (2) (3)" row under the header
    width_jitter: float = 0.0            # columns narrower/wider than the default
    seed: int = 1


VARIANTS = [
    Variant("so_5col_plain", "so_y_te", "sở"),
    Variant("so_5col_inline_no", "so_gddt", "sở", inline_number=0.8, double_spaces=0.3, width_jitter=0.25, seed=2),
    Variant("xa_7col_dot", "phuong_hac_thanh", "xã", numbering="dot", areas="roman_dot", seed=3),
    Variant("xa_7col_titles", "xa_tan_phu", "xã", areas="titles", column_numbers=True, seed=4),
    Variant("tinh_7col_decimal", "tinh_gia_lai", "tỉnh", numbering="decimal", seed=5),
    Variant("tinh_7col_interleaved", "tinh_gia_lai", "tỉnh", interleave_rows=0.3, run_short_cells=0.6, seed=6),
    Variant("so_5col_no_numbers", "so_xay_dung", "sở", numbering="none", page_lines=24, seed=7),
    Variant("so_7col_letter", "so_cong_thuong", "xã", numbering="letter", blank_after_line=0.5,
            page_numbers=False, seed=8),
    Variant("xa_7col_short_pages", "phuong_hac_thanh", "xã", page_lines=18, inline_number=0.5, seed=9),
    Variant("tinh_arabic_areas", "tinh_gia_lai", "tỉnh", numbering="decimal", areas="arabic", seed=10),
    Variant("so_6col_deadline_first", "so_cong_thuong", "tiến độ", numbering="dot", seed=11),
    Variant("tinh_target_merged", "tinh_gia_lai", "mục tiêu", seed=12),
]


def variant(name: str) -> Variant:
    for v in VARIANTS:
        if v.name == name:
            return v
    raise KeyError(f"no variant {name!r}; known: {', '.join(v.name for v in VARIANTS)}")


@dataclass
class Plan:
    text: str
    gold: dict
    header_lines: list[str] = field(default_factory=list)   # the header's first printed line, per page


def plan(v: Variant) -> Plan:
    """The plan text of variant `v` and its gold annotation. Deterministic per variant."""
    rnd = random.Random(v.seed)
    cols = _columns(v, rnd)
    return render(v, _content(v, rnd, ISSUERS[v.issuer], cols), cols, rnd)


def render(v: Variant, tables, cols=None, rnd=None) -> Plan:
    """Print given tables the way variant `v`'s PDF text comes out.

    tables: [(title, [(area, [row])])], a row a dict of gold fields (text, output, lead and
    coordinating as lists, deadline, budget); title "Phụ lục" gives the 000/003 title block,
    another title one line naming the area (001)."""
    rnd = rnd or random.Random(v.seed)
    cols = cols or _columns(v, rnd)
    issuer = ISSUERS[v.issuer]
    out = _Writer(v, rnd, cols)
    out.preamble(issuer)
    for title, areas in tables:
        out.table(title, areas, issuer)
    gold = {"source": f"synthetic_{re.sub(r'[^A-Za-z0-9]+', '_', v.name).strip('_')}.txt",
            "document": {"title": f"Kế hoạch cải cách hành chính năm {YEAR} của {issuer.body}",
                         "doc_type": "Kế hoạch", "issuing_body": issuer.body, "level": issuer.level,
                         "province": issuer.province, "year": YEAR},
            "legal_references": [], "targets": [], "body_tasks": [],
            "table_tasks": out.gold_rows,
            "notes": f"synthetic, flatgen variant {v.name}"}
    return Plan(text="\n".join(out.lines) + "\n", gold=gold, header_lines=out.header_firsts)


# ---------------------------------------------------------------- content
@lru_cache(maxsize=None)
def _pools() -> dict:
    """Task texts, outputs and targets of the three flattened samples' gold, to recombine."""
    texts, outputs, targets = [], [], []
    for path in sorted(GOLD.glob("00[013]_*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        targets += [t["text"] for t in gold["targets"] if 30 <= len(t["text"]) <= 200]
        for row in gold["table_tasks"]:
            t = row.get("text") or ""
            if 25 <= len(t) <= 420 and t not in texts:
                texts.append(t)
            o = row.get("output") or ""
            if 4 <= len(o) <= 160 and o not in outputs:
                outputs.append(o)
    return {"text": texts, "output": outputs, "target": targets}


def _columns(v: Variant, rnd: random.Random) -> list[tuple[str, str, int]]:
    cols = []
    for header, fld, width in COLUMN_SETS[v.columns]:
        if v.width_jitter and fld != "row_ref":
            width = max(6, round(width * (1 + rnd.uniform(-v.width_jitter, v.width_jitter))))
        cols.append((header, fld, width))
    return cols


def _content(v, rnd, issuer, cols):
    """[(table title, [(area, [row dict])])], texts and outputs drawn from the samples' gold."""
    pools = _pools()
    leads, helpers = AGENCIES[issuer.level]
    fields = {c[1] for c in cols}
    n_areas = len(AREAS) if v.areas != "titles" else 4
    # each task text once per plan: the scorer pairs rows by their text
    texts = rnd.sample(pools["text"], len(pools["text"]))
    areas = []
    for a in range(n_areas):
        rows = []
        for i in range(rnd.randint(*v.rows_per_area)):
            lead = rnd.sample(leads, 1 if rnd.random() < 0.8 else 2)
            # an empty coordinating cell is rare in real tables (one row in 44 in 003)
            coord = [x for x in rnd.sample(helpers, 1 if rnd.random() < 0.9 else 0) if x not in lead]
            if rnd.random() < 0.3:
                coord += [x for x in rnd.sample(helpers, 1) if x not in lead + coord]
            row = {"text": texts.pop(), "lead": lead, "coordinating": coord,
                   "deadline": rnd.choice(DEADLINES)}
            if "output" in fields:
                row["output"] = rnd.choice(pools["output"])
            if "budget" in fields:
                row["budget"] = rnd.choice(BUDGETS) or None
            if "target" in fields:      # two or three rows serve one target
                new = not rows or rnd.random() < 0.4
                row["target"] = rnd.choice(pools["target"]) if new else rows[-1]["target"]
            rows.append(row)
        areas.append((AREAS[a % len(AREAS)], rows))
    if v.areas == "titles":       # one appendix per area, the area named in its title (001)
        return [(f"Phụ lục số {i + 1:02d}: Các nhiệm vụ trọng tâm về {a[0].lower()}", [a])
                for i, a in enumerate(areas)]
    return [("Phụ lục", areas)]


def _roman(n: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n - 1]


def _ref(v: Variant, area_no: int, i: int) -> tuple[str | None, str]:
    """(row_ref as the gold gives it, the TT cell as printed)."""
    n = i + 1
    if v.numbering == "none":
        return None, ""
    if v.numbering == "dot":
        return str(n), f"{n}."
    if v.numbering == "decimal":
        return f"{area_no}.{n}", f"{area_no}.{n}"
    if v.numbering == "letter":
        return "abcdefghik"[i], "abcdefghik"[i] + ")"
    return str(n), str(n)


# ---------------------------------------------------------------- rendering
class _Writer:
    def __init__(self, v: Variant, rnd: random.Random, cols):
        self.v, self.rnd, self.cols = v, rnd, cols
        self.lines: list[str] = []
        self.gold_rows: list[dict] = []
        self.header_firsts: list[str] = []
        self.page = 1
        self.used = 0              # visual lines used on the current page

    # one printed text line, as the dump writes it
    def emit(self, text: str, blank: bool | None = None, justified: bool = True) -> None:
        if justified and self.v.double_spaces and self.rnd.random() < self.v.double_spaces:
            words = text.split(" ")
            k = self.rnd.randrange(len(words))
            text = " ".join(words[:k]) + ("  " if k else "") + " ".join(words[k:])
        self.lines.append(text + " ")
        if blank if blank is not None else self.rnd.random() < self.v.blank_after_line:
            self.lines.append("")

    def preamble(self, issuer: Issuer) -> None:
        sym = issuer.symbol
        for t in ([issuer.parent] if issuer.parent else []) + [
                issuer.body.upper() + "     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                f"Số: 25/KH-{sym}     {issuer.province}, ngày 12 tháng 01 năm {YEAR}", "KẾ HOẠCH",
                f"Cải cách hành chính năm {YEAR}",
                "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể",
                "cải cách hành chính nhà nước giai đoạn 2021-2030;",
                f"Thực hiện Kế hoạch cải cách hành chính năm {YEAR} của UBND tỉnh {issuer.province},",
                f"{issuer.body} ban hành Kế hoạch cải cách hành chính năm {YEAR} như sau:",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "Triển khai đồng bộ, hiệu quả các nhiệm vụ cải cách hành chính.",
                "II. NHIỆM VỤ TRỌNG TÂM",
                "Chi tiết tại Phụ lục kèm theo Kế hoạch này.",
                "III. TỔ CHỨC THỰC HIỆN",
                "Các cơ quan, đơn vị căn cứ Kế hoạch này triển khai thực hiện./."]:
            self.emit(t, blank=True)
        self.lines += ["", ""]

    def header(self, first_on_page: bool) -> list[str]:
        """The header's printed lines: each cell wrapped at its width, short cells run together."""
        out: list[str] = []
        prev_single = False
        for h, _, width in self.cols:
            # header cells are bold and padded: they wrap sooner than the body text
            wrapped = textwrap.wrap(h, max(round(width * 0.6), 4)) or [h]
            if prev_single and out:
                out[-1] += " " + wrapped[0]       # as "Nội dung công việc Sản phẩm đầu ra"
                out += wrapped[1:]
            else:
                out += wrapped
            prev_single = len(wrapped) == 1
        if not first_on_page:
            out[0] = " " + out[0]                 # the repeated header starts with a space (003 L894)
        if self.v.column_numbers:
            out.append(" ".join(f"({i + 1})" for i in range(len(self.cols))))
        return out

    def print_header(self, first: bool) -> None:
        lines = self.header(first)
        self.header_firsts.append(lines[0])
        for t in lines:
            self.emit(t, blank=self.rnd.random() < 0.7)
        self.used = len(lines) // 2 + 1

    def new_page(self) -> None:
        if self.v.page_numbers:
            self.page += 1
            self.emit(str(self.page), blank=False)   # a lone page number between the pages
        self.print_header(first=False)

    def table(self, title: str, areas, issuer: Issuer) -> None:
        if title == "Phụ lục":        # 000, 003: a title block
            self.emit("PHỤ LỤC", blank=True, justified=False)
            self.emit(f"CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM NĂM {YEAR}", blank=True, justified=False)
            self.emit(f"(Kèm theo Kế hoạch số 25/KH-{issuer.symbol} ngày 12/01/{YEAR} của {issuer.body})",
                      blank=True, justified=False)
        else:                         # 001: one title line naming the area
            self.emit(title, blank=False, justified=False)
            self.emit("", blank=True)
        self.print_header(first=True)
        for a, (area, rows) in enumerate(areas, 1):
            if self.v.areas != "titles":
                label = str(a) if self.v.areas == "arabic" else _roman(a)
                shown = area if self.v.areas == "roman_dot" else area.upper()
                sep = " " if self.v.areas == "roman_caps" else ". "
                if self.used + 1 > self.v.page_lines:
                    self.new_page()
                self.emit(f"{label}{sep}{shown}" + "     ")
                self.used += 1
            for i, row in enumerate(rows):
                ref, printed = _ref(self.v, a, i)
                # a merged cell prints once, in the first row it spans
                merged = i > 0 and row.get("target") == rows[i - 1].get("target")
                self.row(dict(row, target=None) if merged else row, printed)
                self.gold_rows.append(self._gold(title, area, ref, row))

    def _gold(self, title, area, ref, row) -> dict:
        return {"table": title, "area": area if self.v.areas in ("roman_dot", "titles") else area.upper(),
                "row_ref": ref, "level": "task", "parent_ref": None, "target": row.get("target"),
                "text": row["text"], "output": row.get("output"), "lead": row["lead"],
                "coordinating": row["coordinating"], "deadline": row["deadline"],
                "budget": row.get("budget"), "legal_refs": []}

    def cells(self, row: dict, printed: str) -> list[list[str]]:
        out = []
        for _, fld, width in self.cols:
            if fld == "row_ref":
                value = printed
            elif fld in ("lead", "coordinating"):
                value = "; ".join(row[fld])
            else:
                value = row.get(fld) or ""
            out.append(textwrap.wrap(value, width, break_long_words=False,
                                     break_on_hyphens=self.v.hyphen_breaks) if value.strip() else [])
        return out

    def row(self, row: dict, printed: str) -> None:
        cells = self.cells(row, printed)
        height = max(len(c) for c in cells)
        interleave = self.rnd.random() < self.v.interleave_rows
        start = 0
        while start < height:
            room = self.v.page_lines - self.used
            if room < 1:
                self.new_page()
                continue
            stop = min(height, start + room)
            self.chunk([c[start:stop] for c in cells], first=start == 0,
                       interleave=interleave or (stop - start == 1 and stop < height))
            self.used += stop - start
            start = stop
            if start < height:
                self.new_page()

    def chunk(self, parts: list[list[str]], first: bool, interleave: bool) -> None:
        """The part of a row on one page: cell after cell, or line-interleaved."""
        if interleave:
            for k in range(max(len(p) for p in parts)):
                self.emit(" ".join(p[k] for p in parts if k < len(p)))
            return
        pending: str | None = None      # a one-line cell waiting to be run together with the next
        tt, rest = parts[0], parts[1:]
        if tt and first and rest[0] and self.rnd.random() < self.v.inline_number:
            rest = [[f"{tt[0]}  {rest[0][0]}"] + rest[0][1:]] + rest[1:]
        elif tt:
            self.emit(tt[0])
        for part in rest:
            if not part:
                if first and self.rnd.random() < 0.5:
                    self.emit("")         # an empty cell: a lone space line
                continue
            if pending is not None:
                if len(part) == 1 and self.rnd.random() < self.v.run_short_cells:
                    pending += " " + part[0]
                    continue
                self.emit(pending)
                pending = None
            if len(part) == 1:
                pending = part[0]
                continue
            for t in part:
                self.emit(t)
        if pending is not None:
            self.emit(pending)


def write(v: Variant, folder) -> tuple[Path, dict]:
    """Write the variant's plan to FOLDER/synthetic_<name>.txt; return its path and gold."""
    p = plan(v)
    path = Path(folder) / p.gold["source"]
    path.write_text(p.text, encoding="utf-8")
    return path, p.gold


def pdf_dump(v: Variant, folder, extractor: str = "pdfplumber") -> tuple[Path, dict]:
    """The variant's rows through a real PDF: DOCX (tests/generators/docgen.make_docx, its own column
    set) -> LibreOffice -> text. pdfplumber prints the table line-interleaved (the k-th line
    of every cell on one text line, all rows so); pdfminer's layout analysis prints it in
    column blocks (every TT number, then every task cell ...). Slow: benchmarks only."""
    from .docgen import make_docx, to_pdf

    folder = Path(folder)
    gold = plan(v).gold
    pdf = to_pdf(make_docx(gold, folder / f"pdf_{v.name}.docx"), folder)
    if extractor == "pdfplumber":
        import pdfplumber
        with pdfplumber.open(pdf) as doc:
            text = "\n".join(page.extract_text() or "" for page in doc.pages)
    elif extractor == "pdfminer":
        from pdfminer.high_level import extract_text
        text = extract_text(pdf)
    else:
        raise ValueError(f"extractor {extractor!r}: use pdfplumber or pdfminer")
    path = folder / f"pdf_{extractor}_{v.name}.txt"
    path.write_text(text, encoding="utf-8")
    return path, dict(gold, source=path.name)


def run(v: Variant, folder, extractor: str | None = None):
    """The pipeline on the variant's plan: (gold, predicted dict, ingest.evaluate.Score).
    extractor None: the direct text rendering; else the PDF route of `pdf_dump`."""
    from ingest import extract
    from ingest.evaluate import score

    path, gold = write(v, folder) if extractor is None else pdf_dump(v, folder, extractor)
    pred = json.loads(extract(path).model_dump_json())
    return gold, pred, score(gold, pred)
