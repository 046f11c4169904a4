"""Extraction speed on the sample corpus: seconds per plan and pages per second.

A text dump has lost its page breaks, so a page is counted as 80 text lines (the
largest sample, 7,356 lines, is "about 90 pages"); DOCX/PDF readers know their pages.
    .venv/bin/python -m benchmarks.extract [FILES...]
    .venv/bin/python -m benchmarks.extract --against REV    this tree vs git revision REV, same run

`--against` checks REV out in a temporary worktree and times both trees on the same files in
alternation (three rounds each, CPU seconds, the best round kept: this machine is shared and
noisy), then prints the ratio of pages per second.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
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


ROOT = Path(__file__).resolve().parent.parent
_TIMER = """
import sys, time
from ingest import extract, read
files = sys.argv[1:]
extract(files[0])
docs = [read(f) for f in files]
t0 = time.process_time()
for d in docs:
    extract(d)
print(time.process_time() - t0)
"""


def against(rev: str, files) -> None:
    """Pages per second of this tree and of revision `rev`, timed in alternation."""
    n = sum(pages(read(f)) for f in files)
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), rev], check=True)
        try:
            best = {"this tree": float("inf"), rev: float("inf")}
            for _ in range(3):
                for name, tree in (("this tree", ROOT), (rev, old)):
                    out = subprocess.run([sys.executable, "-c", _TIMER, *map(str, files)], cwd=tree, check=True,
                                         capture_output=True, text=True, env={"PYTHONPATH": str(tree), "PATH": ""})
                    best[name] = min(best[name], float(out.stdout.split()[-1]))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False)
    for name, s in best.items():
        print(f"{name:12} {n} pages in {s:.2f} CPU s = {n / s:.1f} pages/s")
    print(f"ratio this tree / {rev}: {best[rev] / best['this tree']:.2f} (pages per second)")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--against"]:
        against(args[1], args[2:] or SAMPLES)
    else:
        main(args or SAMPLES)
