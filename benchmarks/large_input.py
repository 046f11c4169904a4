"""Extraction time against input size: sample plans glued into one text of 1, 4, 16 and 40 plans.

A "plan" here is 100 kB of text (the largest sample, 000, is 107 kB; 40 plans make the 4 MB
input of issue 11): `glued(n)` repeats the sample dumps, whole files in turn, until the text
reaches n × 100 kB. Two series: all samples (002 is a tab-cell export, so the glued text
reads as one tab-cell document and the flattened-table labeller does not run), and the
flattened dumps only (000, 001, 003), which run the labeller. The issue asks for at most
~80× the time of one plan at 40 plans; linear time gives about 40×. One plan (glued(1)) is
000 alone, the cheapest sample per byte (its big table gets two labelling rounds, smaller
tables three), so the ratio to one plan overstates growth; "× parts" divides by the sum
of the times of the files the glued text is made of, each extracted alone: the same figure
at every size is linear time.
Times are CPU seconds of this process (wall seconds vary with the load of a shared machine).
    .venv/bin/python -m benchmarks.large_input [SIZES...]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from ingest import InputError, extract
from ingest.refs import resolve

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "data" / "plans").glob("*.txt"))
PLAN_BYTES = 100_000
SIZES = (1, 4, 16, 40)
BOUND = 80          # issue 11: at most ~80× the time of one plan at 40 plans


def glued_files(n: int, files=SAMPLES) -> list[Path]:
    """The sample dumps, whole files in turn, repeated until they make n × PLAN_BYTES bytes."""
    out, size = [], 0
    while size < n * PLAN_BYTES:
        out.append(files[len(out) % len(files)])
        size += out[-1].stat().st_size
    return out


def glued(n: int, files=SAMPLES) -> str:
    """The text of glued_files(n, files), one after another."""
    texts = [f.read_text(encoding="utf-8-sig") for f in glued_files(n, files)]
    return "".join(t if t.endswith("\n") else t + "\n" for t in texts)


def timed(path) -> tuple[float, str]:
    """CPU seconds to extract `path` (the references' per-text cache emptied first) and what came out."""
    resolve._parse.cache_clear()
    t0 = time.process_time()
    try:
        ex = extract(path)
        found = f"{len(ex.table_tasks):6d} {len(ex.legal_references):5d}"
    except InputError as e:
        found = f"refused: {e.problem}"
    return time.process_time() - t0, found


def series(name: str, files, sizes, folder: Path) -> None:
    alone = {f: timed(f)[0] for f in files}
    print(f"{name}:")
    print(f"{'plans':>5} {'MB':>6} {'seconds':>8} {'× one':>7} {'× parts':>8} {'rows':>6} {'refs':>5}")
    base = None
    for n in sizes:
        path = folder / f"glued_{n}.txt"
        path.write_text(glued(n, files), encoding="utf-8")
        parts = sum(alone[f] for f in glued_files(n, files))
        dt, found = timed(path)
        base = base or dt
        print(f"{n:5d} {path.stat().st_size / 1e6:6.2f} {dt:8.2f} {dt / base:7.1f} {dt / parts:8.2f} {found}",
              flush=True)
    print(f"  {sizes[-1]} plans took {dt / base:.1f}× one plan (bound {BOUND}×; linear {sizes[-1] / sizes[0]:.0f}×), "
          f"{dt / parts:.2f}× its files extracted one by one")


def main(sizes) -> None:
    import tempfile

    extract(SAMPLES[-1])    # warm-up: the spaCy pipeline is built once per process
    with tempfile.TemporaryDirectory() as tmp:
        series("all samples (reads as one tab-cell document)", SAMPLES, sizes, Path(tmp))
        series("flattened dumps only (000, 001, 003)", [f for f in SAMPLES if not f.name.startswith("002")],
               sizes, Path(tmp))


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or SIZES)
