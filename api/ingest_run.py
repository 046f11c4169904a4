"""`reformkg ingest -j N`: plan files extracted and built in N worker processes, written by this one.

Extracting a file and building its graph (graph.prepare: reading, tables, the spaCy reference
pipeline, RDF) need nothing but the file, so they run in a process pool: about two thirds of an
ingest's time on the national corpus of benchmarks/ingest_scale.py. The store keeps one writer,
this process: an embedded store takes one writer process, and each plan is still one transaction
(graph.ingest, given what the workers prepared). The writing and the links between plans, done
once at the end, are the rest, which more workers do not shorten.

The writer takes the extractions in input order, not as they finish: the store's content then
does not depend on N or on timing - when two files are one plan (its .txt and its .docx) the later
one in the input is the plan's last file, and a collision fails the same file, exactly as with
-j 1. The cost is that a slow file holds back the writing (not the extraction) of those after it.

Workers start from a fresh interpreter (spawn), not by forking this process: it holds an open
store (RocksDB's threads, an HTTP client), which a fork would copy in an undefined state. A worker
ends when this process does, however it ends: a pool's workers otherwise wait forever for work
from a writer killed with SIGKILL (they hold the task queue's pipe themselves).

    run(items, store, jobs, committed=None, rebuild=False) -> [graph.Ingested]
        items: plan file paths (graph.expand); committed(result) is called once a file's plan is
        written (or found unchanged, or failed), in input order; then the links between plans are
        redone (graph.link). jobs=1 is graph.ingest alone, in this process.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Callable

import graph


def _end_with(writer: int) -> None:
    """In a worker: exit as soon as the writer process is gone (the worker is re-parented)."""
    def watch():
        while os.getppid() == writer:
            time.sleep(0.5)
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def _prepare(path: str):
    """In a worker: (graph.prepare(path), None), or (None, the error) for a file that cannot be read."""
    try:
        return graph.prepare(path), None
    except Exception as e:      # reported as graph.ingest_one reports it; the other files go on
        return None, f"{type(e).__name__}: {e}"


def run(items: list, store, jobs: int, committed: Callable | None = None, rebuild: bool = False) -> list:
    if rebuild:
        graph.rebuild([], store)            # every plan dropped first, as graph.rebuild does
    if jobs <= 1:
        return graph.ingest(items, store, progress=committed)
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_end_with,
                               initargs=(os.getpid(),))
    try:
        made = (prepared if prepared is not None else error
                for prepared, error in pool.map(_prepare, [str(i) for i in items]))
        return graph.ingest(items, store, progress=committed, prepared=made)
    finally:
        pool.shutdown(cancel_futures=True)  # an interrupted run leaves no extraction running
