"""Appendix task tables -> `TableTask` rows, one module per way a table reaches us.

    cells.py      rows from real cells (DOCX, ruled or borderless PDF tables, tab-cell text)
    flattened.py  tables rebuilt from flattened PDF text, where the grid is lost
    labels.py     which column each piece of flattened text belongs to (the best-path labeller)
    gutters.py    borderless PDF tables rebuilt from word positions (column gutters)
    columns.py    header cells -> column kinds ("Chủ trì" -> lead), shared by all three

`table_tasks(doc, meta)` picks the way the document allows.
"""
from __future__ import annotations

from ..models import Document, DocumentMeta, TableTask
from .cells import rows_from_tables
from .flattened import text_tables

__all__ = ["table_tasks", "rows_from_tables", "text_tables"]


def table_tasks(doc: Document, meta: DocumentMeta, weights: dict[str, float] | None = None) -> list[TableTask]:
    """Every task row of the document's appendix tables, in document order: from the
    cells where the format has them, else (a text dump, or a PDF whose tables have no
    ruling to find them by) from the text's layout."""
    rows = rows_from_tables(doc.tables, doc) if doc.tables else []
    if rows or doc.shape not in ("pdf-text", "pdf"):
        return rows
    return text_tables(doc, meta, weights)
