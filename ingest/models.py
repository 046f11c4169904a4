"""Plain data classes passed between the ingest steps.

The pipeline is read -> structure -> refs -> tables -> cells into data; each step takes
and returns these records. `Extraction` is what `reformkg extract --json`
prints: the fields of shared/eval/SCHEMA.md plus our own (spans, normalised
agencies with their keys, deadlines, reform-area codes), which the scorer ignores.

The records are all the graph builder reads: ingest.pipeline.fill puts the parsed
data into them (extract ends with it; records made another way, such as the gold
files, go through it before graph.build).
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, Field

from .vocab import NATIONAL, PLAN_LEVELS


# ---------------------------------------------------------------- reading
class Line(BaseModel):
    """One text line of the source, NFC, with where it came from."""
    text: str
    lineno: int                      # 1-based line number in the source (text files), or running number
    page: Optional[int] = None       # 1-based page, where the format knows it


class Cell(BaseModel):
    text: str
    lineno: Optional[int] = None     # first source line of the cell, if known


class RawTable(BaseModel):
    """A table whose cells the reader got from the format itself (DOCX, PDF, tab export)."""
    rows: list[list[Cell]]
    page: Optional[int] = None
    title: Optional[str] = None


class Document(BaseModel):
    """What a reader returns: the lines and, where the format has them, real tables."""
    path: str                        # as given by the user
    source: str                      # file name, used as `source` in the output
    shape: Literal["pdf-text", "tab-cells", "docx", "pdf"]
    lines: list[Line]
    tables: list[RawTable] = Field(default_factory=list)
    pages: Optional[int] = None      # page count where known (or estimated from page breaks)


# ---------------------------------------------------------------- records
class Span(BaseModel):
    """Provenance: first and last source line (and page) of a record."""
    first_line: int
    last_line: int
    page: Optional[int] = None


class Relation(BaseModel):
    """A relation between legal documents stated in the text."""
    subject: str                     # canonical id
    predicate: Literal["replaces", "amends", "amended_by", "repeals", "guides"]
    object: str                      # canonical id
    line: Optional[int] = None


class Agency(BaseModel):
    text: str                        # as written in the cell
    name: str                        # normalised name, abbreviations expanded
    kind: Literal["agency", "unit", "group"] = "agency"
    jurisdiction: Optional[str] = None
    qualifier: Optional[str] = None  # "... chủ trì đối với ..." kept apart
    parent: Optional[str] = None     # for units: the body they belong to (the plan's issuer)
    # our additions, set by ingest.pipeline.fill
    key: Optional[str] = None        # identity: agencies.agency_key ("folded name|jurisdiction[|parent]")
    parent_agency: Optional[Agency] = None   # for units: `parent` parsed, when it is another body


class LegalReference(BaseModel):
    id: str
    doc_type: Optional[str] = None
    number: Optional[str] = None
    symbol: Optional[str] = None
    date: Optional[str] = None
    issuer: Optional[str] = None
    scope: str = NATIONAL
    mentions: int = 1
    incomplete: bool = False
    name: Optional[str] = None       # title/subject as printed after the symbol, when present
    lines: list[int] = Field(default_factory=list)  # source lines of its mentions
    # our addition: the issuer parsed, in the document's jurisdiction
    issuer_agency: Optional[Agency] = None


class DocumentMeta(BaseModel):
    title: Optional[str] = None
    doc_type: Optional[str] = None
    issuing_body: Optional[str] = None
    level: Optional[Literal[PLAN_LEVELS]] = None
    province: Optional[str] = None
    commune: Optional[str] = None
    year: Optional[int] = None
    adopting_act: Optional[str] = None
    implements: list[str] = Field(default_factory=list)
    replaces: list[str] = Field(default_factory=list)
    # our additions: the plan's own number and symbol as its letterhead prints it ("Số: 09/KH-VPUB"
    # -> "09/KH-VPUB"; a wrapper decision's number is adopting_act), and the issuing body parsed
    number: Optional[str] = None
    issuing_agency: Optional[Agency] = None


class Target(BaseModel):
    ref: Optional[str] = None
    area: Optional[str] = None
    text: str
    span: Optional[Span] = None
    legal_refs: list[str] = Field(default_factory=list)
    area_code: Optional[str] = None  # our addition: the reform area `area` names (vocab.AREAS), if any


class BodyTask(BaseModel):
    area: Optional[str] = None
    text: str
    legal_refs: list[str] = Field(default_factory=list)
    span: Optional[Span] = None
    area_code: Optional[str] = None  # our addition, as Target.area_code


class Deadline(BaseModel):
    text: str
    start: Optional[str] = None      # ISO date
    end: Optional[str] = None        # ISO date
    kind: Literal["fixed", "recurring", "event", "schedule", "completed", "unknown"] = "unknown"


class TableTask(BaseModel):
    table: Optional[str] = None
    area: Optional[str] = None
    row_ref: Optional[str] = None
    level: Literal["task", "activity"] = "task"
    parent_ref: Optional[str] = None
    target: Optional[str] = None
    text: str
    output: Optional[str] = None
    lead: list[str] = Field(default_factory=list)
    coordinating: list[str] = Field(default_factory=list)
    deadline: Optional[str] = None
    budget: Optional[str] = None
    remark: Optional[str] = None
    legal_refs: list[str] = Field(default_factory=list)
    # our additions
    area_code: Optional[str] = None
    lead_agencies: list[Agency] = Field(default_factory=list)
    coordinating_agencies: list[Agency] = Field(default_factory=list)
    deadline_norm: Optional[Deadline] = None
    budget_amount: Optional[float] = None
    span: Optional[Span] = None
    # how sure the extraction is of this row, in [0, 1], calibrated on held-out plans
    # (ingest.confidence): keys "row", "lead", "deadline", "target", "text"; None for records
    # not made by the extractor (gold, hand-made)
    confidence: Optional[dict[str, float]] = None


class Extraction(BaseModel):
    source: str
    document: DocumentMeta
    legal_references: list[LegalReference] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    body_tasks: list[BodyTask] = Field(default_factory=list)
    table_tasks: list[TableTask] = Field(default_factory=list)
    notes: str = ""
    # how TableTask.confidence was computed (None when no row carries one)
    confidence_method: Optional[str] = None
    # the source's text lines as read (ingest.pipeline.extract), for the graph's copy of the text even
    # where the file is gone by then (an upload's temporary file); not serialised
    lines: list[Line] = Field(default_factory=list, exclude=True)
    # set by ingest.pipeline.fill once every record carries its parsed data; not serialised
    # (records read back from JSON go through fill again, which keeps what they carry)
    filled: bool = Field(default=False, exclude=True)
