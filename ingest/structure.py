"""Plan metadata, sections, targets and body tasks from the document lines. (stub)"""
from __future__ import annotations

from .models import BodyTask, Document, DocumentMeta, Target


def describe(doc: Document) -> DocumentMeta:
    return DocumentMeta()


def targets(doc: Document, meta: DocumentMeta) -> list[Target]:
    return []


def body_tasks(doc: Document, meta: DocumentMeta) -> list[BodyTask]:
    return []
