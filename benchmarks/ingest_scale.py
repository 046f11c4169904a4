"""Ingest benchmark: documents/s of `reformkg ingest -j 1` against `-j 2`, and the time 4,000 plans would take.

    .venv/bin/python -m benchmarks.ingest_scale [--documents 40] [--jobs 2] [--keep DIR]

The corpus is the national one of benchmarks/graph.py (its provinces, in turn) as plan FILES, since
`-j` spreads extraction, which Extraction records skip: document i is sample i % 4 of data/plans
(a provincial plan, a commune's, a provincial appendix, a provincial office's - the sample mix)
with its province's name replaced by the i-th province's, and for i >= 4 x 34 its year moved back
a year per round; so each is a plan of its own (graph.identity), none a collision. Each run is
the command as people run it, in its own process, into a new store folder (start-up included),
its output a pipe (one line per file). Prints documents/s of each run, the ratio, and the time
4,000 plans (a year of every province, department and commune) would take at each rate.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.graph import PROVINCES

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "plans").glob("*.txt"))
OWN_PROVINCE = {"000": "Hà Tĩnh", "001": "Thanh Hóa", "002": "Hà Tĩnh", "003": "Sơn La"}
YEAR = 2025
PLANS_A_YEAR = 4000


def write_corpus(folder: Path, n: int) -> list[Path]:
    """n plan files in sub-folders of `folder` (one per template), as the module doc says."""
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in SAMPLES}
    paths = []
    for i in range(n):
        key = sorted(texts)[i % len(texts)]
        province = PROVINCES[(i // len(texts)) % len(PROVINCES)]
        rounds = i // (len(texts) * len(PROVINCES))
        own = OWN_PROVINCE[key]
        text = texts[key].replace(own, province).replace(own.upper(), province.upper())
        if rounds:
            text = re.sub(rf"\b{YEAR}\b", str(YEAR - rounds), text)
        path = folder / key / f"{i:05d}_{key}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def ingest(folder: Path, store: Path, jobs: int) -> tuple[float, str]:
    began = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "api.cli", "ingest", str(folder), "-j", str(jobs), "--create",
                        "--store", str(store)], cwd=ROOT, capture_output=True, text=True)
    took = time.perf_counter() - began
    if r.returncode != 0:
        raise SystemExit(f"-j {jobs} failed ({r.returncode}):\n{r.stderr[-2000:]}")
    return took, r.stdout.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--documents", type=int, default=40, help="plan files to generate")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes of the parallel run")
    ap.add_argument("--keep", type=Path, help="write the corpus and the stores here (default: a temporary folder)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="reformkg-ingest-")) if args.keep is None else args.keep
    try:
        paths = write_corpus(tmp / "plans", args.documents)
        size = sum(p.stat().st_size for p in paths)
        print(f"corpus: {len(paths)} plan files ({size / 1e6:.1f} MB of text), the four samples across "
              f"{min(len(PROVINCES), -(-len(paths) // len(SAMPLES)))} provinces")
        rates = {}
        for jobs in (1, args.jobs):
            took, summary = ingest(tmp / "plans", tmp / f"store-j{jobs}", jobs)
            rates[jobs] = len(paths) / took
            print(f"-j {jobs}: {took:6.1f} s = {rates[jobs]:5.2f} documents/s   ({summary})")
        print(f"ratio -j {args.jobs} / -j 1: {rates[args.jobs] / rates[1]:.2f}x")
        for jobs, rate in rates.items():
            print(f"projected for {PLANS_A_YEAR:,} plans at -j {jobs}: {PLANS_A_YEAR / rate / 60:5.1f} minutes")
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
