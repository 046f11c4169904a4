"""`reformkg ingest -j N` (api/ingest_run.py): extraction in N worker processes, one writer.

-j 2 and -j 1 make the same store from the same folders (read recursively), and print one line
per file when the output is not a terminal. SIGKILLed half-way with -j 2, on each kind of store
(a folder, an Oxigraph server, Virtuoso), the run's log names exactly what was committed: the
store opens, validates, and a re-run finds those files unchanged and completes the rest. An
engine that is down or failing stops -j 2 before any extraction starts: one line, exit 1.
Every ingest runs as its own process (tests/processes.py), as people run it.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time

import pytest

from tests.conftest import ROOT
from tests.processes import clean_env, cli, command
from tests.test_cli_store import one_line, remote_env, statuses, wiped

PLANS = ROOT / "data" / "plans"
SAMPLES = sorted(p for p in PLANS.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
APPENDIX = PLANS / "002_a39914e25e1938d1.txt"   # the smallest sample: an appendix table of UBND tỉnh Hà Tĩnh
PROVINCES = ["Nghệ An", "Sơn La", "Lào Cai", "Cà Mau", "Gia Lai", "Huế", "Điện Biên", "Cao Bằng", "Quảng Ninh",
             "Đồng Tháp", "An Giang", "Lâm Đồng", "Tây Ninh", "Phú Thọ"]
LINE = re.compile(r"^(added|replaced|unchanged)\s+\d+ triples\s+(\S+)$")


def nested(folder, files):
    """`files` copied into sub-folders two levels deep, each under its own path: (folder, [paths])."""
    paths = []
    for i, f in enumerate(files):
        p = folder / f"level{i % 2}" / f"sub{i % 3}" / f.name
        p.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, p)
        paths.append(p)
    return folder, paths


def provincial_appendices(folder, n: int) -> list:
    """n distinct plans: the appendix sample as n provinces' (their identity is their province), in
    sub-folders. Checked by hand: each gets the key <province>/ubnd-tinh/da-2025-phu-luc-4-..."""
    text = APPENDIX.read_text(encoding="utf-8")
    paths = []
    for i, province in enumerate(PROVINCES[:n]):
        p = folder / f"group{i % 3}" / f"phu_luc_{i:02d}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text.replace("Hà Tĩnh", province).replace("HÀ TĨNH", province.upper()), encoding="utf-8")
        paths.append(p)
    return paths


def dataset(store_args: list, env: dict | None = None) -> list[str]:
    r = cli("export", "--format", "nq", *store_args, env=env)
    assert r.returncode == 0, r.stderr
    return sorted(r.stdout.splitlines())


def plan_count(store_args: list, env: dict | None = None) -> int:
    r = cli("stats", *store_args, env=env)
    assert r.returncode == 0, r.stderr
    return int(re.search(r"^plans\s+(\d+)$", r.stdout, re.M).group(1))


def test_two_workers_make_the_same_store_as_one_and_print_a_line_per_file(tmp_path):
    folder, paths = nested(tmp_path / "plans", SAMPLES)
    outputs = {}
    for jobs in (1, 2):
        store = tmp_path / f"store{jobs}"
        r = cli("ingest", folder, "-j", jobs, "--create", "--store", store)
        assert r.returncode == 0, r.stderr
        outputs[jobs] = r.stdout.splitlines()
    for lines in outputs.values():
        # not a terminal: no progress bar, one line per file in input order (sorted paths), then the counts
        assert [LINE.match(x).group(1, 2) for x in lines[:-1]] == [("added", str(p)) for p in sorted(paths)]
        assert lines[-1].startswith("4 ingested, 0 failed (4 added, 0 replaced, 0 unchanged); store ")
    assert outputs[1][:-1] == outputs[2][:-1]
    one, two = dataset(["--store", tmp_path / "store1"]), dataset(["--store", tmp_path / "store2"])
    assert len(one) > 10_000 and one == two
    # the files were found two folders down, and recorded by their full paths
    assert all(f"{p}" in "\n".join(one) for p in paths)


# ---------------------------------------------------------------- SIGKILL half-way, on each store kind
def killed_after_first_commit(args: list, env: dict) -> list[str]:
    """Start `reformkg ingest ARGS` (stdout a pipe, not a terminal), SIGKILL it as soon as it has printed
    its first committed file; its log up to then. Its worker processes must end with it."""
    process = subprocess.Popen(command("ingest", *args), cwd=ROOT, env=clean_env(**env), stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        first = process.stdout.readline()
        assert LINE.match(first), f"the ingest did not commit a file: {first!r}"
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
    assert process.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 30             # its worker processes notice it is gone and exit
    while True:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail("worker processes outlived the killed ingest")
        time.sleep(0.2)
    log = [first] + process.stdout.read().splitlines()     # what it printed before the signal landed
    assert not any(re.match(r"\d+ ingested, ", x) for x in log), "the ingest finished before it was killed"
    return [x for x in log if LINE.match(x)]


def completes(folder, paths, log: list[str], store_args: list, env: dict) -> None:
    r = cli("validate", *store_args, env=env)           # it opens, and what is there is valid
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr
    r = cli("ingest", folder, "-j", "2", *store_args, env=env)
    assert r.returncode == 0, r.stderr
    again = statuses(r.stdout)
    assert set(again) == {p.name for p in paths}
    committed = [LINE.match(x).group(2).rsplit("/", 1)[-1] for x in log]
    assert committed and all(again[name] == "unchanged" for name in committed), (log, again)
    assert plan_count(store_args, env) == len(paths)


KILL_PLANS = 12


def test_a_killed_parallel_ingest_into_a_folder_completes_on_rerun(tmp_path):
    paths = provincial_appendices(tmp_path / "plans", KILL_PLANS)
    store_args = ["--store", tmp_path / "store"]
    log = killed_after_first_commit([tmp_path / "plans", "-j", "2", "--create", *store_args], {})
    completes(tmp_path / "plans", paths, log, store_args, {})


@pytest.mark.parametrize("engine_name", ["oxigraph", "virtuoso"])
def test_a_killed_parallel_ingest_into_an_engine_completes_on_rerun(tmp_path, engines, engine_name):
    engine = engines(engine_name)
    wiped(engine)
    env = remote_env(engine)
    paths = provincial_appendices(tmp_path / "plans", KILL_PLANS)
    log = killed_after_first_commit([tmp_path / "plans", "-j", "2"], env)
    completes(tmp_path / "plans", paths, log, [], env)


# ---------------------------------------------------------------- an engine down or failing
def test_a_parallel_ingest_into_an_engine_down_or_failing_is_one_line(tmp_path, failing_endpoint):
    # tests/test_cli_store.py checks every command on such engines with one file (-j 1 by then); here
    # two files and -j 2: the store is written first (the ontology), so the pool never starts
    _, paths = nested(tmp_path / "plans", SAMPLES[:2])
    for url in ("http://127.0.0.1:9/query", failing_endpoint):
        err = one_line(cli("ingest", tmp_path / "plans", "-j", "2", "--store", url))
        assert url in err and ("500" in err if url == failing_endpoint else "Connection refused" in err), err
