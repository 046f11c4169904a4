"""extract(path) -> Extraction: the ingest steps in order.

read -> describe (metadata) -> collect references -> targets, body tasks ->
table rows -> cells into data (agencies, deadlines, budget, row references).
"""
from __future__ import annotations

import re

from . import agencies, deadlines, refs as legal_refs, structure, tables
from .models import Document, Extraction, TableTask
from .read import read


def extract(source) -> Extraction:
    """A file path (or an already read `Document`) -> its typed records."""
    doc = source if isinstance(source, Document) else read(source)
    meta = structure.describe(doc)
    refs, relations = legal_refs.collect(doc.lines, meta)
    known = [r.id for r in refs]
    rows = [enrich(r, meta, known) for r in tables.table_tasks(doc, meta)]
    body = structure.sections(doc)
    return Extraction(
        source=doc.source,
        document=meta,
        legal_references=refs,
        relations=relations,
        targets=structure.targets(doc, meta, body),
        body_tasks=structure.body_tasks(doc, meta, body),
        table_tasks=rows,
    )


_NUMBER = re.compile(r"^\s*(\d{1,3}(?:[.,]\d{3})*(?:[.,]\d+)?)\s*(triệu|tỷ|nghìn|đồng|trđ)?\b", re.I)


def budget_amount(text: str | None) -> float | None:
    """'380' -> 380.0; '1.200 triệu' -> 1200.0; prose ('Theo dự toán') -> None."""
    if not text:
        return None
    m = _NUMBER.match(text)
    if not m or len(text.strip()) > len(m.group(0)) + 3:
        return None
    digits = m.group(1)
    # Vietnamese writes thousands with '.', decimals with ','
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):
        digits = digits.replace(".", "")
    return float(digits.replace(",", "."))


def enrich(row: TableTask, meta, known: list[str] | None = None) -> TableTask:
    """Cells into data: agencies, deadline interval, budget number, cited documents.

    `known` (the document's references) lets cite() complete a symbol that the
    table layout cut at a cell border ("310/KH" -> "KH 310/KH-UBND")."""
    row.lead_agencies = [agencies.parse_agency(a, meta) for a in row.lead]
    row.coordinating_agencies = [agencies.parse_agency(a, meta) for a in row.coordinating]
    if row.deadline:
        row.deadline_norm = deadlines.parse_deadline(row.deadline, meta.year)
    row.budget_amount = budget_amount(row.budget)
    if not row.legal_refs:
        cited = []
        for part in (row.text, row.output, row.deadline, row.budget):
            for rid in legal_refs.cite(part or "", meta, known=known):
                if rid not in cited:
                    cited.append(rid)
        row.legal_refs = cited
    return row
