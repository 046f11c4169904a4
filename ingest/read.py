"""Read a plan file (.txt, .docx, .pdf) into one `Document`. (stub: plain UTF-8 text only)"""
from __future__ import annotations

import unicodedata
from pathlib import Path

from .errors import InputError
from .models import Document, Line


def read(path) -> Document:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(p, str(e)) from e
    text = unicodedata.normalize("NFC", text)
    lines = [Line(text=t, lineno=i) for i, t in enumerate(text.split("\n"), 1)]
    shape = "tab-cells" if sum(t.startswith("\t") for t in text.split("\n")) > 20 else "pdf-text"
    return Document(path=str(path), source=p.name, shape=shape, lines=lines)
