"""A throwaway PostgreSQL server for the store tests.

Started from the Debian packages' binaries (``.ci/run`` installs them) in a
temporary folder, listening on 127.0.0.1 only, on a free port. PostgreSQL
refuses to run as root, so as root it runs as the ``postgres`` user. When no
server can be started the tests skip with the reason, except in CI
(``CI=true``), where the PostgreSQL tests must run: there they fail.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


class NoServer(Exception):
    pass


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise NoServer("PostgreSQL is not installed (apt-get install postgresql); .ci/run installs it")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(args: list[str], as_postgres: bool) -> None:
    command = ["runuser", "-u", "postgres", "--", *args] if as_postgres else args
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise NoServer(f"{' '.join(args[:2])} failed: {(done.stderr or done.stdout).strip()[:300]}")


class Server:
    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.as_postgres = os.geteuid() == 0
        self.folder = Path(tempfile.mkdtemp(prefix="detente-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")

    def start(self) -> str:
        _run([str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "detente", "-E", "UTF8"],
             self.as_postgres)
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        _run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-l",
              str(self.folder / "log"), "start"], self.as_postgres)
        return f"postgresql://detente@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            _run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"], self.as_postgres)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
