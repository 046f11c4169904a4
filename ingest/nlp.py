"""Legal references found by a spaCy rule pipeline. (stub)"""
from __future__ import annotations

from .models import DocumentMeta, LegalReference, Line, Relation


def cite(text: str, meta: DocumentMeta | None = None) -> list[str]:
    """Canonical ids of the legal documents cited in one piece of text, in order, no repeats."""
    return []


def collect(lines: list[Line], meta: DocumentMeta) -> tuple[list[LegalReference], list[Relation]]:
    """Every legal document cited in the document, with mentions counted, and stated relations."""
    return [], []
