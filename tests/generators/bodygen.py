"""Synthetic plan bodies of other issuers, as flattened-PDF text dumps, with ground truth.

The scored plans come from issuers we have no sample of (other provinces, Sở, xã/phường,
Văn phòng UBND tỉnh, Thanh tra tỉnh). `plan(variant)` writes one: letterhead, optional
wrapper decision, title, preamble, body (Mục đích; Mục tiêu/Chỉ tiêu; Nhiệm vụ, giải pháp;
Kinh phí; Tổ chức thực hiện), signature, and returns (text, gold) with gold in SCHEMA.md
form (document, targets, body_tasks; legal_references only for what the body cites).

What the dumps reproduce (seen in data/plans/000, 001, 003): lines wrapped at the page
width, each ending in a space and most followed by a blank line (000, 001); indented first
lines ("          6.2.", 000 L178); a lone page number between pages (000 L724) and the
letterhead + national motto printed again at a page break (000 L186-192); footnote digits
glued to a year range ("2021-20301", 000 L147); references cut at a hyphen when they do not
fit the line ("310/KH-\\nUBND", 000 L998); the letterhead's two columns run one after
the other or interleaved line by line.

Gold conventions follow tests/gold/*.json notes: targets keep their printed number, or
<area number>.a.<position> in per-area "a) Chỉ tiêu" blocks (003), or <heading number>.<position>
when unnumbered (code and 001 agree); the area of a target/task is its nearest area heading, in
sentence case; a body task is an item of the task sections or of "Tổ chức thực hiện" that cites
a numbered document or a named Luật; purpose statements, targets and budget lines that cite
documents are not body tasks.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from ingest.places import PROVINCES_2025, CITIES

# ------------------------------------------------------------------ vocabulary
# (printed citation, canonical id); the printed form is what the plan writes after "theo"
CITES = [
    ("Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ", "NĐ 118/2025/NĐ-CP"),
    ("Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ", "QĐ 766/QĐ-TTg"),
    ("Nghị định số 60/2021/NĐ-CP ngày 21/6/2021 của Chính phủ", "NĐ 60/2021/NĐ-CP"),
    ("Thông tư số 56/2022/TT-BTC ngày 16/9/2022 của Bộ Tài chính", "TT 56/2022/TT-BTC"),
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị", "NQ 57-NQ/TW"),
    ("Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ", "QĐ 06/QĐ-TTg"),
    ("Nghị định số 170/2025/NĐ-CP ngày 30/6/2025 của Chính phủ", "NĐ 170/2025/NĐ-CP"),
    ("Chỉ thị số 23/CT-TTg ngày 02/9/2021 của Thủ tướng Chính phủ", "CT 23/CT-TTg"),
    ("Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ", "NĐ 45/2020/NĐ-CP"),
    ("Thông tư số 01/2023/TT-VPCP ngày 05/4/2023 của Văn phòng Chính phủ", "TT 01/2023/TT-VPCP"),
    ("Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương", "NQ 18-NQ/TW"),
    ("Kết luận số 40-KL/TW ngày 18/7/2022 của Bộ Chính trị", "KL 40-KL/TW"),
    ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ", "NĐ 30/2020/NĐ-CP"),
    ("Luật Cán bộ, công chức ngày 24/6/2025", "Luật Cán bộ, công chức 2025"),
]
# local documents: the symbol's issuer part varies with the plan's province
LOCAL_CITES = [
    ("Kế hoạch số {n}/KH-UBND ngày 12/02/{y} của UBND tỉnh", "KH {n}/KH-UBND"),
    ("Quyết định số {n}/QĐ-UBND ngày 20/3/{y} của UBND tỉnh", "QĐ {n}/QĐ-UBND"),
    ("Nghị quyết số {n}-NQ/TU ngày 15/5/{y} của Ban Chấp hành Đảng bộ tỉnh", "NQ {n}-NQ/TU"),
]

# sub-headings under Roman areas (000 III.7.1 / 7.2 style)
SUB_AREAS = ["Công tác chỉ đạo, điều hành", "Xây dựng và hoàn thiện thể chế", "Kiểm soát thủ tục hành chính",
             "Sắp xếp tổ chức bộ máy", "Quản lý cán bộ, công chức, viên chức", "Quản lý tài chính, tài sản công",
             "Ứng dụng công nghệ thông tin, chuyển đổi số"]
AREAS = [
    ("Công tác chỉ đạo, điều hành", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
    ("Cải cách thể chế", "CẢI CÁCH THỂ CHẾ"),
    ("Cải cách thủ tục hành chính", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
    ("Cải cách tổ chức bộ máy hành chính nhà nước", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC"),
    ("Cải cách chế độ công vụ", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"),
    ("Cải cách tài chính công", "CẢI CÁCH TÀI CHÍNH CÔNG"),
    ("Xây dựng và phát triển chính quyền điện tử, chính quyền số",
     "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"),
]
TARGETS = [
    ["100% {units} ban hành kế hoạch CCHC năm {y} và triển khai đúng tiến độ.",
     "Tối thiểu 30% {units} trực thuộc được kiểm tra công tác CCHC trong năm {y}."],
    ["100% văn bản quy phạm pháp luật thuộc thẩm quyền được rà soát, hệ thống hóa kịp thời.",
     "Phấn đấu 100% văn bản được ban hành đúng thẩm quyền, đúng trình tự, thủ tục."],
    ["Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn đạt từ 98% trở lên.",
     "Tỷ lệ thanh toán trực tuyến trên tổng số giao dịch đạt tối thiểu 60%.",
     "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC đạt trên 90%."],
    ["100% {units} được rà soát, sắp xếp lại chức năng, nhiệm vụ theo quy định."],
    ["100% cán bộ, công chức, viên chức được đánh giá, xếp loại chất lượng theo quy định.",
     "Tối thiểu 80% công chức được bồi dưỡng kiến thức, kỹ năng số trong năm {y}."],
    ["100% đơn vị sự nghiệp công lập được giao quyền tự chủ tài chính theo Nghị định số 60/2021/NĐ-CP.",
     "Giải ngân vốn đầu tư công đạt trên 95% kế hoạch được giao."],
    ["100% văn bản đi, đến được xử lý trên môi trường điện tử (trừ văn bản mật).",
     "Tối thiểu 90% hồ sơ công việc được lập và lưu trữ điện tử.",
     "100% dịch vụ công đủ điều kiện được cung cấp trực tuyến toàn trình."],
]
# (task text with {cite} where it cites; None where it does not)
TASKS = [
    ["Quán triệt, triển khai nghiêm túc các văn bản chỉ đạo của cấp trên về CCHC theo {cite}.",
     "Tổ chức kiểm tra công tác CCHC đối với các đơn vị trực thuộc, kịp thời chấn chỉnh những tồn tại.",
     "Đẩy mạnh công tác thông tin, tuyên truyền về CCHC bằng nhiều hình thức phù hợp."],
    ["Thực hiện nghiêm quy trình xây dựng, ban hành văn bản quy phạm pháp luật theo {cite}.",
     "Thường xuyên rà soát, phát hiện, kiến nghị xử lý các quy định mâu thuẫn, chồng chéo."],
    ["Tiếp tục thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC theo {cite}.",
     "Công khai đầy đủ, kịp thời các thủ tục hành chính tại Bộ phận Một cửa và trên Cổng thông tin điện tử.",
     "Đánh giá chất lượng phục vụ người dân, doanh nghiệp theo {cite}."],
    ["Rà soát, kiện toàn chức năng, nhiệm vụ, cơ cấu tổ chức của các phòng, đơn vị trực thuộc theo {cite}.",
     "Thực hiện nghiêm quy định về quản lý biên chế, vị trí việc làm."],
    ["Thực hiện tuyển dụng, sử dụng, quản lý công chức, viên chức theo {cite}.",
     "Tăng cường kỷ luật, kỷ cương hành chính, đạo đức công vụ của cán bộ, công chức.",
     "Đổi mới công tác đào tạo, bồi dưỡng cán bộ, công chức theo vị trí việc làm."],
    ["Thực hiện cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập theo {cite}.",
     "Quản lý, sử dụng tài sản công đúng mục đích, tiết kiệm, hiệu quả."],
    ["Triển khai các nhiệm vụ chuyển đổi số theo {cite}.",
     "Duy trì, vận hành hiệu quả hệ thống quản lý văn bản và điều hành, chữ ký số.",
     "Bảo đảm an toàn thông tin mạng cho các hệ thống thông tin của cơ quan."],
]


@dataclass(frozen=True)
class Issuer:
    level: str                 # province | department | commune | provincial-office
    province: str
    unit: str | None = None    # "Sở Y tế", "Văn phòng", "Thanh tra tỉnh", commune name
    kind: str | None = None    # commune kind: xã | phường
    abbr: str = "UBND"         # symbol part of the plan's number: KH-UBND, KH-SYT, KH-VP

    @property
    def where(self) -> str:
        return ("thành phố " if self.province in CITIES else "tỉnh ") + self.province

    @property
    def body(self) -> str:
        if self.level == "commune":
            return f"UBND {self.kind} {self.unit}"
        if self.level == "provincial-office":
            return f"Văn phòng UBND {self.where}"
        if self.level == "department":
            # "Thanh tra tỉnh" already names its level: "Thanh tra tỉnh Vĩnh Long"
            named = self.unit.endswith(("tỉnh", "thành phố"))
            return f"{self.unit} {self.province}" if named else f"{self.unit} {self.where}"
        return f"UBND {self.where}"

    def letterhead(self) -> list[str]:
        """The left column of the letterhead, in capitals."""
        top = "ỦY BAN NHÂN DÂN"
        if self.level == "province":
            return [top, self.where.upper()]
        if self.level == "commune":
            return [top, f"{self.kind} {self.unit}".upper()]
        parent = "UBND " + self.where.upper()
        return [parent, self.unit.upper()]

    @property
    def units(self) -> str:
        return {"commune": "các bộ phận chuyên môn", "province": "các sở, ban, ngành, UBND cấp xã"}.get(
            self.level, "các phòng, đơn vị")


@dataclass(frozen=True)
class Variant:
    issuer: Issuer
    year: int = 2025
    number: str | None = "45"          # plan number; None: "Số:      /KH-..." left blank
    wrapper: bool = False              # issued by a Quyết định whose body is printed first
    preamble: str = "can_cu"           # can_cu | thuc_hien | trien_khai
    targets: str = "numbered"          # numbered | blocks | specific | plain | flat | none
    task_sections: str = "nhiem_vu"    # nhiem_vu | trong_tam | cu_the | roman_areas
    task_style: str = "-"              # - | + | a) | 1.1. | plain (unmarked paragraphs)
    areas: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
    blank_between: bool = True         # a blank line after every text line (000, 001)
    width: int = 86
    page_lines: int = 42               # text lines per page
    header_at_break: bool = True       # letterhead + motto printed again at a page break
    letterhead: str = "stacked"        # stacked | interleaved | none (printed only at page breaks, 000)
    footnote: bool = True
    self_statement: bool = True        # "Sở Y tế ban hành Kế hoạch ... như sau:" closes the preamble
    nested: bool = False               # a citing lead-in over its sub-list; a plain lead-in over citing items
    inline_addressee: bool = False     # "1. Sở Tư pháp: chủ trì ..." in Tổ chức thực hiện
    caps_areas: bool = False           # area headings printed in capitals
    sub_areas: bool = False            # under Roman areas, numbered sub-headings ("1. Kiểm soát TTHC")
    split_target: bool = False         # a target leading into its own dash list ("... đạt: - cấp tỉnh ...")
    bullet: str = "-"                  # the bullet glyph of "-" styled items ("-", "–", "•")
    footnote_text: bool = False        # footnote text printed at the page foot, above the page number
    target_heading: str = "MỤC TIÊU, CHỈ TIÊU"
    general_heading: str = "Mục tiêu chung"     # the general objective over "Mục tiêu cụ thể" (no target)
    task_heading: str | None = None    # overrides the heading task_sections names
    block_marks: tuple[str, str] = ("a)", "b)")   # the per-area "Chỉ tiêu" / "Nhiệm vụ" sub-headings
    area_mark: str = "."               # "1." | "1-" | "1)" | "a)": how task-section areas are numbered
    addressee_bullets: bool = False    # Tổ chức thực hiện as "- Sở Nội vụ: chủ trì ..." bullets
    appendix: str | None = None        # title of an appendix task table after the signature ("PHỤ LỤC", ...)
    sign_off: bool = True              # "Nơi nhận:" printed (some dumps lose the signature block)
    arabic_top: bool = False           # sections "1. MỤC ĐÍCH", "2. MỤC TIÊU" with "2.1." areas (numbered targets)
    seed: int = 0


def _cite_pool(v: Variant, rng: random.Random) -> list[tuple[str, str]]:
    local = [(p.format(n=n, y=v.year - 1), i.format(n=n))
             for (p, i), n in zip(LOCAL_CITES, rng.sample(range(12, 3999), len(LOCAL_CITES)))]
    pool = CITES + local
    rng.shuffle(pool)
    return pool


# ------------------------------------------------------------------ the plan as paragraphs
@dataclass
class Para:
    text: str
    indent: int = 0


@dataclass
class Plan:
    paras: list[Para] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)
    refs: dict = field(default_factory=dict)   # canonical id -> mentions

    def add(self, text: str, indent: int = 0):
        self.paras.append(Para(text, indent))


def _roman(n: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][n - 1]


def _start(text: str) -> str:
    """text_start as the gold files write it: the task's opening words, up to its first citation."""
    words = text.split()
    return " ".join(words[:14]).rstrip(".,;")


def _body(v: Variant, rng: random.Random, plan: Plan):
    iss, y = v.issuer, v.year
    pool = _cite_pool(v, rng)
    cite_i = iter(pool * 3)

    def task_text(template: str) -> tuple[str, list[str]]:
        if "{cite}" not in template:
            return template, []
        printed, rid = next(cite_i)
        return template.replace("{cite}", printed), [rid]

    sec = 1
    plan.add(f"{_roman(sec)}. MỤC ĐÍCH, YÊU CẦU")
    plan.add("1. Mục đích")
    note = "1" if v.footnote else ""
    purpose_cite, purpose_id = pool[-1]
    plan.add(f"- Triển khai đồng bộ, hiệu quả Chương trình tổng thể CCHC nhà nước giai đoạn 2021-2030{note} "
             f"và {purpose_cite}; nâng cao chất lượng phục vụ người dân, doanh nghiệp.")
    plan.refs[purpose_id] = plan.refs.get(purpose_id, 0) + 1
    plan.add("2. Yêu cầu")
    plan.add(f"- Các nhiệm vụ phải cụ thể, có trọng tâm, gắn trách nhiệm của người đứng đầu {iss.units}.")

    # targets
    sec += 1
    if v.targets in ("numbered", "plain"):
        plan.add(f"{_roman(sec)}. {v.target_heading}")
        for k, a in enumerate(v.areas, 1):
            plan.add(f"{k}{v.area_mark.strip('a')} {AREAS[a][1] if v.caps_areas else AREAS[a][0]}")
            for j, t in enumerate(TARGETS[a], 1):
                t = t.format(units=iss.units, y=y)
                plan.add(f"{k}.{j}. {t}" if v.targets == "numbered" else t, indent=rng.choice([0, 0, 0, 10]))
                plan.targets.append({"ref": f"{k}.{j}", "area": AREAS[a][0], "text": t})
            if v.split_target and a == v.areas[-1]:
                j = len(TARGETS[a]) + 1
                lead = "Tỷ lệ hồ sơ công việc được số hóa, lưu trữ điện tử đạt tối thiểu:"
                parts = ["Cấp tỉnh: 100%;", "Cấp xã: 90%."]
                plan.add(f"{k}.{j}. {lead}")
                for part in parts:
                    plan.add(f"- {part}")
                plan.targets.append({"ref": f"{k}.{j}", "area": AREAS[a][0], "text": " ".join([lead] + parts)})
    elif v.targets == "flat":
        # one numbered list, no area headings (areas are then read from the content)
        plan.add(f"{_roman(sec)}. CHỈ TIÊU CỤ THỂ")
        n = 0
        for a in v.areas:
            for t in TARGETS[a][:1]:
                n += 1
                t = t.format(units=iss.units, y=y)
                plan.add(f"{n}. {t}")
                plan.targets.append({"ref": str(n), "area": AREAS[a][0], "text": t})
    elif v.targets == "specific":
        plan.add(f"{_roman(sec)}. MỤC TIÊU")
        plan.add(f"1. {v.general_heading}")
        plan.add("Xây dựng nền hành chính dân chủ, chuyên nghiệp, hiện đại, tinh gọn, hiệu lực, hiệu quả; "
                 "100% cơ quan hoàn thành nhiệm vụ được giao.")
        plan.add("2. Mục tiêu cụ thể")
        n = 0
        for a in v.areas:
            for t in TARGETS[a][:2]:
                n += 1
                t = t.format(units=iss.units, y=y)
                plan.add(f"+ {t}")
                plan.targets.append({"ref": f"2.{n}", "area": AREAS[a][0], "text": t})
    if v.targets != "blocks":
        sec += 1

    # tasks
    heading = {"nhiem_vu": "NHIỆM VỤ, GIẢI PHÁP", "trong_tam": "NHIỆM VỤ TRỌNG TÂM",
               "cu_the": "CÁC NHIỆM VỤ CỤ THỂ", "roman_areas": None}[v.task_sections]
    heading = v.task_heading or heading
    if heading:
        plan.add(f"{_roman(sec)}. {heading}")
    for k, a in enumerate(v.areas, 1):
        name, caps = AREAS[a]
        if v.task_sections == "roman_areas":
            plan.add(f"{_roman(sec)}. {caps}")
            sec += 1
            prefix = ""
            if v.sub_areas:
                name = SUB_AREAS[a]
                plan.add(f"1. {name}")
                prefix = "1."
        elif v.area_mark == "a)":
            plan.add(f"{'abcdđeg'[k - 1]}) {name}:")
            prefix = f"{k}."
        else:
            plan.add(f"{k}{v.area_mark} {caps if v.caps_areas else name}")
            prefix = f"{k}."
        if v.targets == "blocks":
            plan.add(f"{v.block_marks[0]} Chỉ tiêu")
            for j, t in enumerate(TARGETS[a], 1):
                t = t.format(units=iss.units, y=y)
                plan.add(f"- {t}")
                plan.targets.append({"ref": f"{k}.a.{j}", "area": name, "text": t})
            plan.add(f"{v.block_marks[1]} Nhiệm vụ")
        for j, template in enumerate(TASKS[a], 1):
            text, rids = task_text(template)
            style = "-" if v.targets == "blocks" or v.area_mark == "a)" else v.task_style
            mark = {"-": v.bullet, "+": "+", "a)": "abcdđeg"[j - 1] + ")",
                    "1.1.": f"{prefix or str(k) + '.'}{j}.", "plain": ""}[style]
            plan.add(f"{mark} {text}".strip(), indent=rng.choice([0, 0, 4]))
            for rid in rids:
                plan.refs[rid] = plan.refs.get(rid, 0) + 1
            if rids:
                plan.tasks.append({"area": name, "text_start": _start(text), "legal_refs": rids})
        if v.nested and style in ("-", "+"):
            sub = "+" if style == "-" else "*"
            printed, rid = next(cite_i)
            lead = f"Tổ chức thực hiện {printed}, trong đó tập trung:"
            plan.add(f"{v.bullet if style == '-' else style} {lead}")
            plan.add(f"{sub} Rà soát, đánh giá kết quả thực hiện trong năm {y - 1};")
            plan.add(f"{sub} Đề xuất giải pháp khắc phục hạn chế, tồn tại.")
            plan.refs[rid] = plan.refs.get(rid, 0) + 1
            plan.tasks.append({"area": name, "text_start": _start(lead), "legal_refs": [rid]})
            plan.add(f"{v.bullet if style == '-' else style} Tập trung thực hiện các nội dung sau:")
            printed, rid = next(cite_i)
            text = f"Triển khai thực hiện có hiệu quả {printed} trên địa bàn."
            plan.add(f"{sub} {text}")
            plan.refs[rid] = plan.refs.get(rid, 0) + 1
            plan.tasks.append({"area": name, "text_start": _start(text), "legal_refs": [rid]})
    if heading:
        sec += 1

    # budget: cites a document but is no task
    plan.add(f"{_roman(sec)}. KINH PHÍ THỰC HIỆN")
    plan.add("Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách được giao theo "
             "Thông tư số 85/2025/TT-BTC ngày 30/8/2025 của Bộ Tài chính.")
    plan.refs["TT 85/2025/TT-BTC"] = plan.refs.get("TT 85/2025/TT-BTC", 0) + 1
    sec += 1
    plan.add(f"{_roman(sec)}. TỔ CHỨC THỰC HIỆN")
    lead = "Phòng Văn hóa - Xã hội" if iss.level == "commune" else "Sở Nội vụ" if iss.level == "province" \
        else "Văn phòng" if iss.level == "department" else "Phòng Tổ chức - Hành chính"
    printed, rid = next(cite_i)
    text = f"Chủ trì theo dõi, đôn đốc, tổng hợp báo cáo kết quả thực hiện Kế hoạch theo {printed}."
    plan.refs[rid] = plan.refs.get(rid, 0) + 1
    if v.addressee_bullets:
        plan.add(f"- {lead}: {text[0].lower() + text[1:]}")
        plan.tasks.append({"area": "Tổ chức thực hiện", "text_start": _start(f"{lead}: {text}"),
                           "legal_refs": [rid]})
    elif v.inline_addressee:
        # the addressee and its duty in one numbered paragraph: the item is the task, under the section
        plan.add(f"1. {lead}: {text}")
        plan.tasks.append({"area": "Tổ chức thực hiện", "text_start": _start(f"{lead}: {text}"),
                           "legal_refs": [rid]})
    else:
        plan.add(f"1. {lead}")
        plan.add(f"- {text}")
        plan.tasks.append({"area": lead, "text_start": _start(text), "legal_refs": [rid]})
    plan.add("- Tham mưu sơ kết, tổng kết, đánh giá kết quả thực hiện công tác CCHC.")
    plan.add("2. Các phòng, đơn vị")
    plan.add("- Căn cứ nhiệm vụ được giao, chủ động triển khai thực hiện; báo cáo kết quả định kỳ hằng quý.")
    plan.add(f"Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị kịp thời báo cáo "
             f"{'Chủ tịch UBND' if iss.level in ('province', 'commune') else 'Lãnh đạo'} để xem xét, chỉ đạo./.")
    if v.arabic_top:
        _arabic_top(plan)


def _arabic_top(plan: Plan):
    """Renumber the sections so far: "II. X" -> "2. X", "1.2." under it -> "2.1.2."; target refs follow."""
    prefix = ""
    for p in plan.paras:
        mark, _, rest = p.text.partition(" ")
        if re.fullmatch(r"[IVX]+\.", mark):
            prefix = str(_roman_value(mark[:-1]))
            p.text = f"{prefix}. {rest}"
        elif re.fullmatch(r"\d+(\.\d+)*\.", mark) and prefix:
            p.text = f"{prefix}.{mark} {rest}"
    for t in plan.targets:
        t["ref"] = f"2.{t['ref']}"


def _roman_value(r: str) -> int:
    return [_roman(n) for n in range(1, 13)].index(r) + 1


# ------------------------------------------------------------------ frame: letterhead, wrapper, preamble
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def _head_lines(v: Variant, kind: str, number: str | None) -> list[str]:
    left = v.issuer.letterhead() + [f"Số: {number or '      '}/{kind}-{v.issuer.abbr}"]
    place = v.issuer.unit if v.issuer.level == "commune" else v.issuer.province
    right = MOTTO + [f"{place}, ngày      tháng 3 năm {v.year}"]
    if v.letterhead == "none":
        return []
    if v.letterhead == "stacked":
        return left + right
    out = []
    for a, b in zip(left, right):
        out.append(f"{a}    {b}")
    return out


def _preamble(v: Variant, rng: random.Random, plan: Plan) -> list[str]:
    iss, y = v.issuer, v.year
    local_n = rng.randrange(100, 3999)
    if iss.level == "commune":
        parent = (f"Kế hoạch số {local_n}/KH-UBND ngày 10/01/{y} của UBND {iss.where} về cải cách hành "
                  f"chính năm {y}", f"KH {local_n}/KH-UBND")
    else:
        parent = (f"Quyết định số {local_n}/QĐ-UBND ngày 10/01/{y} của UBND {iss.where} ban hành Kế hoạch "
                  f"cải cách hành chính năm {y}", f"QĐ {local_n}/QĐ-UBND")
    basis = [("Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách "
              "hành chính nhà nước giai đoạn 2021 - 2030", "NQ 76/NQ-CP"), parent]
    if v.preamble == "can_cu":
        lines = [f"Căn cứ {p};" for p, _ in basis]
        ids = [i for _, i in basis]
    elif v.preamble == "thuc_hien":
        lines = [f"Thực hiện {basis[1][0]};", f"Căn cứ {basis[0][0]};"]
        ids = [basis[1][1], basis[0][1]]
    else:
        lines = [f"Triển khai {basis[1][0]}, {_who(iss)} ban hành Kế hoạch cải cách hành chính năm {y} như sau:"]
        ids = [basis[1][1]]
    for rid in ids:
        plan.refs[rid] = plan.refs.get(rid, 0) + 1
    if v.preamble != "trien_khai" and not v.wrapper and v.self_statement:
        lines.append(f"{_who(iss)} ban hành Kế hoạch cải cách hành chính năm {y} như sau:")
    return lines, ids


def _who(iss: Issuer) -> str:
    return {"commune": f"UBND {iss.kind} {iss.unit}", "province": f"UBND {iss.where}",
            "provincial-office": "Văn phòng UBND tỉnh"}.get(iss.level, iss.unit)


def plan(v: Variant) -> tuple[str, dict]:
    rng = random.Random(v.seed)
    body = Plan()
    pre, implements = _preamble(v, rng, body)
    paras: list[Para] = []
    iss = v.issuer
    if v.wrapper:
        paras += [Para(t) for t in _head_lines(v, "QĐ", None)]
        chair = f"CHỦ TỊCH ỦY BAN NHÂN DÂN {(iss.where if iss.level != 'commune' else iss.kind + ' ' + iss.unit).upper()}"
        paras += [Para("QUYẾT ĐỊNH"), Para(f"Về việc ban hành Kế hoạch cải cách hành chính năm {v.year}"),
                  Para(chair)] + [Para(t) for t in pre]
        paras += [Para("QUYẾT ĐỊNH:"),
                  Para(f"Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm {v.year}."),
                  Para("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
                  Para("Nơi nhận:"), Para("- Như Điều 2;"), Para("- Lưu: VT."), Para("CHỦ TỊCH"),
                  Para("Nguyễn Văn An"),
                  Para("KẾ HOẠCH"), Para(f"Cải cách hành chính năm {v.year}"),
                  Para(f"(Kèm theo Quyết định số:       /QĐ-UBND ngày     /3/{v.year}"),
                  Para(f"của Chủ tịch UBND {iss.where if iss.level != 'commune' else iss.kind + ' ' + iss.unit})")]
    else:
        paras += [Para(t) for t in _head_lines(v, "KH", v.number)]
        paras += [Para("KẾ HOẠCH"), Para(f"Cải cách hành chính năm {v.year}")] + [Para(t) for t in pre]
    _body(v, rng, body)
    paras += body.paras
    signer = {"province": "KT. CHỦ TỊCH", "commune": "CHỦ TỊCH", "provincial-office": "CHÁNH VĂN PHÒNG"}.get(
        iss.level, "GIÁM ĐỐC" if (iss.unit or "").startswith("Sở") else "CHÁNH THANH TRA")
    if v.sign_off:
        paras += [Para("Nơi nhận:"), Para("- Như trên;"), Para("- Lưu: VT."), Para(signer), Para("Trần Văn Bình")]
    if v.appendix:
        # a flattened task table: its rows cite documents too, but they are table rows, not body tasks
        paras += [Para(v.appendix), Para(f"NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM NĂM {v.year}"),
                  Para(f"(Kèm theo Kế hoạch số {v.number or '   '}/KH-{iss.abbr} ngày   /3/{v.year})"),
                  Para("TT"), Para("Nội dung công việc"), Para("Sản phẩm"), Para("Chủ trì"), Para("Thời gian"),
                  Para("I"), Para("CẢI CÁCH THỂ CHẾ"),
                  Para("1"), Para("Triển khai thực hiện Nghị định số 79/2025/NĐ-CP về kiểm tra, rà soát văn bản"),
                  Para("Báo cáo"), Para("Phòng Pháp chế"), Para("Quý III"),
                  Para("II"), Para("CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
                  Para("1"), Para("Thực hiện Quyết định số 468/QĐ-TTg về đổi mới cơ chế một cửa"),
                  Para("Kế hoạch"), Para("Văn phòng"), Para("Năm " + str(v.year))]
        for rid in ("NĐ 79/2025/NĐ-CP", "QĐ 468/QĐ-TTg"):
            body.refs[rid] = body.refs.get(rid, 0) + 1
    text = _render(v, paras)
    gold = {
        "source": f"bodygen_{v.seed}.txt",
        "document": {"doc_type": "Kế hoạch", "issuing_body": iss.body, "level": iss.level,
                     "province": iss.province, "commune": iss.unit if iss.level == "commune" else None,
                     "year": v.year,
                     "adopting_act": "Quyết định số .../QĐ-UBND" if v.wrapper else None,
                     "implements": implements},
        "legal_references": [{"id": rid, "mentions": n} for rid, n in body.refs.items()],
        "targets": body.targets,
        "body_tasks": body.tasks,
        "table_tasks": [],
    }
    return text, gold


def _wrap(text: str, width: int, indent: int) -> list[str]:
    """Word wrap; a long reference that does not fit breaks after its hyphen ("NĐ-" / "CP")."""
    lines: list[str] = []
    cur = " " * indent
    for w in text.split():
        if len(cur) + 1 + len(w) > width and cur.strip():
            head, dash, tail = w.rpartition("-")
            if dash and head and "/" in w and len(cur) + 1 + len(head) + 1 <= width:
                lines.append(f"{cur} {head}-".lstrip(" ") if not cur.strip() else f"{cur} {head}-")
                cur = tail
                continue
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur.strip() else cur + w
    lines.append(cur)
    return lines


def _render(v: Variant, paras: list[Para]) -> str:
    out: list[str] = []
    count, page = 0, 1
    for p in paras:
        for line in _wrap(p.text, v.width, p.indent):
            out.append(line + " ")
            if v.blank_between:
                out.append("")
            count += 1
            if count % v.page_lines == 0:
                page += 1
                if v.footnote_text and page == 2:
                    out += ["", "1 Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ. "]
                out += ["", f"{page}" if page % 2 else f" {page} ", ""]
                if v.header_at_break:
                    left = v.issuer.letterhead()[:2]
                    out += ([f"{left[0]}    {MOTTO[0]}", f"{left[1]}    {MOTTO[1]}"] if v.letterhead == "interleaved"
                            else left + [MOTTO[0]])
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ variants
def _variants() -> dict[str, Variant]:
    p = PROVINCES_2025
    so = lambda prov, unit, abbr: Issuer("department", prov, unit, abbr=abbr)  # noqa: E731
    base = {
        "tinh_wrapped": Variant(Issuer("province", "Nghệ An"), wrapper=True, number=None),
        "tinh_plain": Variant(Issuer("province", "Lâm Đồng"), preamble="thuc_hien", task_style="+", year=2026),
        "thanhpho": Variant(Issuer("province", "Hải Phòng"), targets="blocks", task_sections="trong_tam",
                            blank_between=False),
        "so_yte": Variant(so("Đắk Lắk", "Sở Y tế", "SYT"), targets="specific", task_style="a)"),
        "so_gddt": Variant(so("Quảng Ninh", "Sở Giáo dục và Đào tạo", "SGDĐT"), task_sections="cu_the",
                           task_style="1.1.", letterhead="interleaved"),
        "so_taichinh": Variant(so("Gia Lai", "Sở Tài chính", "STC"), number=None, preamble="trien_khai",
                               task_sections="roman_areas", targets="none"),
        "so_tp": Variant(so("Đà Nẵng", "Sở Nội vụ", "SNV"), targets="blocks", year=2024),
        "xa": Variant(Issuer("commune", "Tuyên Quang", "Minh Xuân", "xã"), wrapper=True, number=None,
                      areas=(0, 2, 4, 6)),
        "phuong": Variant(Issuer("commune", "Cần Thơ", "Ninh Kiều", "phường"), task_style="a)",
                          targets="specific", areas=(1, 2, 5, 6)),
        "vanphong": Variant(Issuer("provincial-office", "Cao Bằng", "Văn phòng", abbr="VP"), targets="blocks",
                            task_sections="trong_tam", preamble="thuc_hien", number=None),
        "thanhtra": Variant(Issuer("department", "Vĩnh Long", "Thanh tra tỉnh", abbr="TTr"),
                            task_sections="roman_areas", task_style="+", header_at_break=False),
        "narrow_pages": Variant(Issuer("province", "An Giang"), width=64, page_lines=18, letterhead="interleaved"),
        # harder forms of the same parts
        "so_vhttdl": Variant(so("Thái Nguyên", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
                             letterhead="interleaved", self_statement=False, nested=True, bullet="–"),
        "so_nnmt": Variant(so("Đồng Tháp", "Sở Nông nghiệp và Môi trường", "SNNMT"), self_statement=False,
                           caps_areas=True, split_target=True, inline_addressee=True),
        "xa_nested": Variant(Issuer("commune", "Quảng Trị", "Cam Lộ", "xã"), nested=True, self_statement=False,
                             footnote_text=True, page_lines=30),
        "tinh_subareas": Variant(Issuer("province", "Hưng Yên"), task_sections="roman_areas", sub_areas=True,
                                 bullet="•", caps_areas=True, split_target=True),
        "vanphong_caps": Variant(Issuer("provincial-office", "Lai Châu", "Văn phòng", abbr="VP"),
                                 self_statement=False, letterhead="interleaved", caps_areas=True,
                                 task_style="a)", inline_addressee=True),
        "plain_items": Variant(Issuer("province", "Điện Biên"), targets="plain", task_style="plain",
                               target_heading="CÁC CHỈ TIÊU CHỦ YẾU", task_heading="NHIỆM VỤ VÀ GIẢI PHÁP"),
        "no_letterhead": Variant(so("Khánh Hòa", "Sở Tư pháp", "STP"), letterhead="none", page_lines=25,
                                 targets="specific", task_sections="trong_tam"),
        "xa_noletter": Variant(Issuer("commune", "Lào Cai", "Bảo Hà", "xã"), letterhead="none", page_lines=25,
                               wrapper=True, number=None, targets="plain", task_style="plain"),
        "roman_blocks": Variant(Issuer("province", "Quảng Ngãi"), targets="blocks", task_sections="roman_areas",
                                block_marks=("1.", "2."), letterhead="interleaved"),
        "bqlkkt": Variant(Issuer("department", "Tây Ninh", "Ban Quản lý Khu kinh tế tỉnh", abbr="BQLKKT"),
                          area_mark="-", letterhead="interleaved", page_lines=20, self_statement=False),
        "area_paren": Variant(Issuer("province", "Cà Mau"), area_mark=")", task_style="+", nested=True,
                              page_lines=20, letterhead="interleaved"),
        "letter_areas": Variant(Issuer("province", "Bắc Ninh"), area_mark="a)", addressee_bullets=True,
                                task_heading="NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", year=2026, nested=True),
        "so_ct_letter": Variant(so("Ninh Bình", "Sở Công Thương", "SCT"), area_mark="a)", targets="specific",
                                addressee_bullets=True, letterhead="interleaved", self_statement=False),
        "arabic_top": Variant(Issuer("province", "Hồ Chí Minh"), arabic_top=True, task_style="+", nested=True),
        "so_arabic_top": Variant(so("Lạng Sơn", "Sở Xây dựng", "SXD"), arabic_top=True, task_style="a)",
                                 letterhead="interleaved", page_lines=24),
        "with_appendix": Variant(Issuer("province", "Thanh Hóa"), appendix="PHỤ LỤC", wrapper=True, number=None),
        "appendix_unsigned": Variant(so("Huế", "Sở Nội vụ", "SNV"), appendix="Phụ lục 01", sign_off=False,
                                     arabic_top=True),
        "appendix_untitled": Variant(Issuer("commune", "Đồng Nai", "Long Thành", "xã"), appendix="BIỂU TỔNG HỢP",
                                     sign_off=False, arabic_top=True, wrapper=True, number=None),
        "tong_quat": Variant(Issuer("commune", "Hà Nội", "Ba Đình", "phường"), targets="specific",
                             general_heading="Mục tiêu tổng quát", task_style="a)"),
        "flat_targets": Variant(Issuer("province", "Tây Ninh"), targets="flat", task_style="+",
                                task_heading="NHIỆM VỤ TRỌNG TÂM"),
        "ttr_nested": Variant(Issuer("department", "Phú Thọ", "Thanh tra tỉnh", abbr="TTr"), nested=True,
                              task_style="+", blank_between=False, width=72),
    }
    # the same plan across all 34 provinces, a cheap sweep of place-name handling
    for i, prov in enumerate(p):
        base[f"sweep_{i:02d}"] = Variant(Issuer("province", prov), seed=i, targets="numbered", areas=(1, 2))
    return base


VARIANTS = _variants()
SHOWCASE = [k for k in VARIANTS if not k.startswith("sweep_")]

