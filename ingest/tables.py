"""Appendix task tables -> `TableTask` rows. (stub)"""
from __future__ import annotations

from .models import Document, DocumentMeta, TableTask


def table_tasks(doc: Document, meta: DocumentMeta) -> list[TableTask]:
    return []
