"""The `reformkg` command as the tests' separate processes: a command run to its end, and a server.

    cli(*args, env={...}, timeout=...)     `python -m api.cli ARGS` -> CompletedProcess (text); the
                                            environment is the test's minus every REFORMKG_* variable,
                                            plus `env`
    Served(args, env={...})                 `reformkg serve ARGS --port <free>` for a `with` block:
                                            .base is its URL, waited for until it answers a query;
                                            stopped (SIGTERM, then SIGKILL) at the end; .output()
                                            what it printed
    clean_env(**extra)                      that environment
    Threaded(app)                           an ASGI app under uvicorn in a thread of the test's own
                                            process on a free loopback port, for a `with` block
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from tests.engines import free_port, stop

ROOT = Path(__file__).resolve().parent.parent
STARTUP = 60.0          # seconds a server may take to answer (a loaded machine importing spaCy)


def clean_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFORMKG_")}
    env.update({k: str(v) for k, v in extra.items()})
    return env


def command(*args) -> list[str]:
    return [sys.executable, "-m", "api.cli", *map(str, args)]


def cli(*args, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(command(*args), cwd=ROOT, env=clean_env(**(env or {})), capture_output=True, text=True,
                          timeout=timeout)


class Served:
    """`reformkg serve` in its own process on a free loopback port."""

    def __init__(self, *args, env: dict | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.args = command("serve", *args, "--port", self.port)
        self.env = clean_env(**(env or {}))
        self.process: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile("w+", encoding="utf-8")   # a file, not a pipe nobody reads

    def __enter__(self) -> "Served":
        self.process = subprocess.Popen(self.args, cwd=ROOT, env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT, text=True)
        began = time.monotonic()
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"reformkg serve exited with {self.process.returncode}:\n{self.output()}")
            try:
                if httpx.get(self.base + "/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if time.monotonic() - began > STARTUP:
                self.__exit__()
                raise RuntimeError(f"reformkg serve did not answer within {STARTUP:g} s")
            time.sleep(0.1)

    def __exit__(self, *exc) -> None:
        if self.process:
            stop(self.process)

    def output(self) -> str:
        """What the server has printed so far."""
        self.log.seek(0)
        return self.log.read()


class Threaded:
    """uvicorn serving `app` in a thread on a free loopback port; .base is its URL. The request
    head may be 64 KB, as `reformkg serve` allows (api/server.serve)."""

    def __init__(self, app):
        self.app = app
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    h11_max_incomplete_event_size=64 * 1024))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)
