"""Extraction speed on the sample corpus: seconds per plan and pages per second.

A text dump has lost its page breaks, so a page is counted as 80 text lines (the
largest sample, 7,356 lines, is "about 90 pages"); DOCX/PDF readers know their pages.
    .venv/bin/python -m benchmarks.extract [FILES...]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path


from ingest import extract, read

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "data" / "plans").glob("*.txt"))


def pages(doc) -> int:
    """Page count: the reader's when it knows it, else text pages of 80 lines."""
    return doc.pages or max(1, -(-len(doc.lines) // 80))


def main(files) -> None:
    extract(files[0])  # warm-up: builds the spaCy pipeline once, as a long-running process would
    total_pages = total_s = 0.0
    slowest = (0.0, "")
    print(f"{'file':32} {'lines':>6} {'pages':>5} {'seconds':>8} {'pages/s':>8}")
    for f in files:
        doc = read(f)
        t0 = time.perf_counter()
        extract(doc)
        dt = time.perf_counter() - t0
        n = pages(doc)
        total_pages += n
        total_s += dt
        slowest = max(slowest, (dt, Path(f).name))
        print(f"{Path(f).name:32} {len(doc.lines):6d} {n:5d} {dt:8.3f} {n / dt:8.1f}")
    print(f"all: {total_pages:.0f} pages in {total_s:.2f} s = {total_pages / total_s:.1f} pages/s; "
          f"slowest {slowest[1]} {slowest[0]:.3f} s = {slowest[0] / 2.0:.2f} of the 2 s budget")


if __name__ == "__main__":
    main(sys.argv[1:] or SAMPLES)
