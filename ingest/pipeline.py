"""extract(path) -> Extraction: the ingest steps in order.

read -> describe (metadata) -> collect references -> targets, body tasks ->
table rows -> cells into data (budget, row references) -> fill (agencies with their
keys, deadlines, reform-area codes) -> each row's confidence (ingest.confidence).

`fill` is the one step that turns what a record writes into what the graph builder
reads; records made another way (the gold files, by hand) go through it too, so
they carry the same parsed data as an extraction.

A text longer than MAX_TEXT characters is refused (InputTooLarge, an InputError naming the
file) before any step runs; a .txt file too big to hold that much text at four bytes a
character is refused before it is read.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import agencies, confidence, deadlines, refs as legal_refs, structure, tables
from .errors import InputError
from .models import Agency, Document, DocumentMeta, Extraction, TableTask
from .read import read
from .vocab import area_code, is_national_scope, is_national_symbol


# Extraction time grows linearly with the text (benchmarks/large_input.py: 40 plans glued, 4 MB or
# 3.1 million characters, in 43 CPU seconds and 425 MB, 0.15-1.5× their files one by one); a plan
# is 10-200 kB of text, so 10 million characters (some 2-3 minutes, 1.5 GB) is a pile of plans.
MAX_TEXT = 10_000_000


class InputTooLarge(InputError):
    """A source whose text is longer than MAX_TEXT characters."""


def _too_large(path, size: str) -> InputTooLarge:
    return InputTooLarge(path, f"too large to extract as one plan: {size} (the limit is {MAX_TEXT:,} "
                               f"characters, about 100 plans); split it into its plans")


def extract(source, weights: dict[str, float] | None = None) -> Extraction:
    """A file path (or an already read `Document`) -> its typed records, filled.
    `weights`: the table labeller's costs (ingest/tables/labels.PRIOR names them), else the fitted ones.
    Raises InputTooLarge for a text of more than MAX_TEXT characters."""
    if not isinstance(source, Document):
        p = Path(source)
        if p.suffix.lower() == ".txt" and p.is_file() and p.stat().st_size > 4 * MAX_TEXT:
            raise _too_large(p, f"{p.stat().st_size:,} bytes")
    doc = source if isinstance(source, Document) else read(source)
    chars = sum(len(ln.text) + 1 for ln in doc.lines)
    if chars > MAX_TEXT:
        raise _too_large(doc.path or doc.source, f"{chars:,} characters of text")
    meta = structure.describe(doc)
    refs, relations = legal_refs.collect(doc.lines, meta)
    known = [r.id for r in refs]
    rows = [enrich(r, meta, known) for r in tables.table_tasks(doc, meta, weights)]
    body = structure.sections(doc)
    ex = fill(Extraction(
        source=doc.source,
        document=meta,
        legal_references=refs,
        relations=relations,
        targets=structure.targets(doc, meta, body),
        body_tasks=structure.body_tasks(doc, meta, body),
        table_tasks=rows,
        lines=doc.lines,
    ))
    return confidence.rate(ex, flattened=not doc.tables)


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
    """Cells into data, as the extractor reads them: budget number, cited documents.

    `known` (the document's references) lets cite() complete a symbol that the
    table layout cut at a cell border ("310/KH" -> "KH 310/KH-UBND")."""
    row.budget_amount = budget_amount(row.budget)
    if not row.legal_refs:
        cited = []
        for part in (row.text, row.output, row.deadline, row.budget):
            for rid in legal_refs.cite(part or "", meta, known=known):
                if rid not in cited:
                    cited.append(rid)
        row.legal_refs = cited
    return row


def fill(ex: Extraction) -> Extraction:
    """Every record of `ex` with its parsed data (in place; returns `ex`):

    - agencies (ingest.agencies), identified (`key`, a unit's `parent_agency`): the plan's
      issuer (document.issuing_agency), each reference's issuer in the reference's
      jurisdiction (issuer_agency), each row's lead and coordinating bodies;
    - each row's deadline interval (ingest.deadlines, the plan year for partial dates);
    - the reform-area code of each target, body task and row (vocab.area_code of its heading).

    What a record already carries is kept (a hand-made deadline, agencies parsed before), so
    fill may run again on its own output. Edit a record's cells or document after fill by
    clearing what was parsed from them."""
    meta = ex.document
    parse = _Parser(meta)
    if meta.issuing_body and meta.issuing_agency is None:
        meta.issuing_agency = parse(meta.issuing_body)
    for ref in ex.legal_references:
        if ref.issuer and ref.issuer_agency is None:
            national = is_national_scope(ref.scope) if ref.scope else is_national_symbol(ref.id)
            ref.issuer_agency = parse(ref.issuer, None if national else (ref.scope or meta.province))
    for record in (*ex.targets, *ex.body_tasks, *ex.table_tasks):
        if record.area_code is None:
            record.area_code = area_code(record.area)
    for row in ex.table_tasks:
        row.lead_agencies = parse.all(row.lead_agencies, row.lead)
        row.coordinating_agencies = parse.all(row.coordinating_agencies, row.coordinating)
        if row.deadline and row.deadline_norm is None:
            row.deadline_norm = deadlines.parse_deadline(row.deadline, meta.year)
    ex.filled = True
    return ex


class _Parser:
    """Agencies of one document, each distinct text parsed once (a plan names the same few
    bodies in hundreds of cells)."""

    def __init__(self, meta: DocumentMeta):
        self.meta = meta
        self.seen: dict[tuple[str, str | None], Agency] = {}

    def __call__(self, text: str, scope: str | None = None) -> Agency:
        if (text, scope) not in self.seen:
            self.seen[text, scope] = agencies.identify(agencies.parse_agency(text, self.meta), self.meta, scope)
        return self.seen[text, scope].model_copy(deep=True)     # each record its own

    def all(self, parsed: list[Agency], written: list[str]) -> list[Agency]:
        """A cell's agencies: those parsed before (identified if they are not yet), else the written ones."""
        if not parsed:
            return [self(w) for w in written if w.strip()]
        return [a if a.key else agencies.identify(a, self.meta) for a in parsed]
