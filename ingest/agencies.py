"""Lead / coordinating cells -> agencies. (stub)"""
from __future__ import annotations

import re

from .models import Agency, DocumentMeta


def split_agencies(cell: str) -> list[str]:
    """One cell's text -> the agencies it names, as written."""
    return [p.strip(" .") for p in re.split(r";", cell or "") if p.strip(" .")]


def parse_agency(text: str, meta: DocumentMeta | None = None) -> Agency:
    """An agency as written -> normalised name, kind, jurisdiction, qualifier."""
    return Agency(text=text, name=text)
