"""Deadline cells -> normalised intervals. (stub)"""
from __future__ import annotations

from .models import Deadline


def parse_deadline(text: str, year: int | None = None) -> Deadline:
    return Deadline(text=text)
