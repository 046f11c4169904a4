"""Gold rows projected onto the lines of a flattened dump (ingest/tables/gold_lines.py)."""
from ingest.tables.gold_lines import project

ROWS = [
    {"row_ref": "1", "level": "task", "text": "Ban hành Kế hoạch CCHC năm 2025", "lead": ["Sở Nội vụ"],
     "coordinating": ["Các sở, ban, ngành"], "deadline": "Quý I/2025"},
    {"row_ref": "2", "level": "task", "text": "Kiểm tra công tác CCHC tại các sở", "lead": ["Sở Nội vụ"],
     "coordinating": ["Các sở, ban, ngành"], "deadline": "Quý III/2025"},
]


def test_cells_one_after_another_and_interleaved():
    dump = ["TT Nội dung Chủ trì Phối hợp Thời gian",     # header: in no cell
            "1",
            "Ban hành Kế hoạch",
            "CCHC năm 2025",
            "Sở Nội vụ",
            "Các sở, ban,",
            "ngành",
            "Quý I/2025",
            "2 Kiểm tra công tác Sở Nội vụ Các sở, ban,",   # interleaved: first lines of four cells
            "CCHC tại các sở ngành Quý III/2025",
            "Trang 5"]
    labels = project(list(enumerate(dump, 1)), ROWS)
    got = [[(p.kind, p.row, p.starts_cell) for p in lab.pieces] for lab in labels]
    assert got[0] == []
    assert got[1] == [("ref", 0, True)]
    assert got[2] == [("task", 0, True)]
    assert got[3] == [("task", 0, False)]
    assert got[4] == [("lead", 0, True)]
    assert got[5] == [("coordinating", 0, True)]
    assert got[6] == [("coordinating", 0, False)]
    assert got[7] == [("deadline", 0, True)]
    # "Sở Nội vụ" and "Các sở, ban" are in both rows: the row number 2 and the order decide
    assert got[8] == [("ref", 1, True), ("task", 1, True), ("lead", 1, True), ("coordinating", 1, True)]
    assert got[9] == [("task", 1, False), ("coordinating", 1, False), ("deadline", 1, True)]
    assert got[10] == []
    assert [lab.starts_row for lab in labels] == [False, False, True, False, False, False, False, False,
                                                  True, False, False]
