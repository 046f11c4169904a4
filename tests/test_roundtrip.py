"""Round trip: gold plans -> real DOCX and PDF files -> ingest.extract -> the same rows.

tests/generators/docgen.py writes each gold plan's appendix as a Word table (one row per task,
merged Roman-numeral area rows, merged target cells) and LibreOffice prints it to PDF,
so the DOCX reader (vMerge, gridSpan) and the PDF reader (ruled tables, pages, the
header repeated on each page, rows broken over pages) are both exercised through the
whole pipeline. A second layout, built here, prints 000's table the way the province
does: task and activity in two columns, the task's cells merged over its activities.
"""
import json
from pathlib import Path

import pytest
from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

from tests.generators.docgen import FONT, make_docx, to_pdf
from ingest import extract
from ingest.evaluate import score

pytestmark = pytest.mark.slow
GOLD = Path(__file__).resolve().parent / "gold"
NAMES = ["000_020fcace3bf4412a", "003_1804e7c71a558f13"]


def gold(name: str) -> dict:
    return json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def files(tmp_path_factory) -> dict:
    """(name, layout, ext) -> generated file; LibreOffice runs once per DOCX per session."""
    out = tmp_path_factory.mktemp("roundtrip")
    made = {}
    for name in NAMES:
        made[name, "rows", "docx"] = make_docx(gold(name), out / f"{name}.docx")
    made[NAMES[0], "activities", "docx"] = activity_docx(gold(NAMES[0]), out / f"{NAMES[0]}_activities.docx")
    for (name, layout, _), path in list(made.items()):
        made[name, layout, "pdf"] = to_pdf(path, out)
    return made


def rows_score(name: str, path) -> dict:
    extraction = json.loads(extract(path).model_dump_json())
    return score(gold(name), extraction).rows


@pytest.mark.parametrize("ext", ["docx", "pdf"])
@pytest.mark.parametrize("name", NAMES)
def test_rows_come_back(files, name, ext):
    rows = rows_score(name, files[name, "rows", ext])
    assert rows["r"] >= 0.98 and rows["p"] >= 0.98
    assert rows["lead_acc"] == 1.0 and rows["deadline_acc"] == 1.0
    if rows["target_acc"] is not None:
        assert rows["target_acc"] == 1.0


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_task_and_activity_columns_come_back(files, ext):
    rows = rows_score(NAMES[0], files[NAMES[0], "activities", ext])
    assert rows["r"] >= 0.98 and rows["p"] >= 0.98
    assert rows["lead_acc"] == 1.0 and rows["deadline_acc"] == 1.0 and rows["target_acc"] == 1.0


# ---------------------------------------------------------------- 000's own layout
HEADER = ["TT", "1- Mục tiêu/Chỉ tiêu/nội dung", "2- Nhiệm vụ", "3- Hoạt động", "4- Kết quả, sản phẩm",
          "5- Chủ trì", "6- Phối hợp", "7- Thời gian hoàn thành", "8- Kinh phí"]
WIDTHS = [1.0, 3.5, 4.0, 4.0, 3.0, 2.5, 2.5, 2.0, 2.0]
# cells a task shares with its activities, merged over their rows
SHARED = {4: "output", 5: "lead", 6: "coordinating", 7: "deadline", 8: "budget"}


def activity_docx(plan: dict, path: Path) -> Path:
    """The gold rows as the province prints them: one row per activity; the task's text,
    the cells it shares with all its activities and the target merged over their rows."""
    doc = new_docx()
    doc.styles["Normal"].font.name = FONT
    doc.styles["Normal"].font.size = Pt(9)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    doc.add_paragraph("PHỤ LỤC")
    doc.add_paragraph("KHUNG NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM NĂM 2025")
    table = doc.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER):
        cell.text = text
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))

    def text(value) -> str:
        return "; ".join(value) if isinstance(value, list) else value or ""

    area, areas, target_at = None, 0, None
    for task, activities in _tasks(plan["table_tasks"]):
        if task["area"] != area:
            area, areas = task["area"], areas + 1
            cells = table.add_row().cells
            cells[0].text = "I II III IV V VI VII VIII IX X".split()[areas - 1]
            cells[1].merge(cells[-1]).text = area
            target_at = None
        first = len(table.rows)
        group = activities or [task]
        # a cell the task shares with all its activities is printed once, merged over them
        shared = [c for c, f in SHARED.items() if task.get(f) and all(a.get(f) == task[f] for a in group)]
        for i, activity in enumerate(group):
            cells = table.add_row().cells
            if activities:
                cells[3].text = f"{activity['row_ref']}. {activity['text']}"
            if i == 0:
                cells[2].text = f"{task['row_ref']}. {task['text']}"
            for col, field in SHARED.items():
                if i == 0 or col not in shared:
                    cells[col].text = text(activity.get(field))
        last = len(table.rows) - 1
        if last > first:
            for col in [2, *shared]:
                table.cell(first, col).merge(table.cell(last, col))
        if target_at and target_at[0] == task["target"]:
            table.cell(target_at[1], 1).merge(table.cell(last, 1))
        else:
            table.cell(first, 1).text = text(task["target"])
            target_at = (task["target"], first)
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS):
            cell.width = Cm(26.7 * width / sum(WIDTHS))
    doc.save(path)
    return path


def _tasks(rows: list[dict]) -> list[tuple[dict, list[dict]]]:
    out = []
    for row in rows:
        if row["level"] == "task":
            out.append((row, []))
        else:
            out[-1][1].append(row)
    return out
