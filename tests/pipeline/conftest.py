"""A real PostgreSQL server on 127.0.0.1 for gradebook tests (installed by `make test`)."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

PG_BIN_CANDIDATES = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args: list[str], **kwargs):
    # PostgreSQL refuses to run as root; Debian's package creates the `postgres` user.
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="session")
def postgres_url():
    if not PG_BIN_CANDIDATES:
        pytest.fail("PostgreSQL is missing: run `make test` (it installs Debian's postgresql)")
    bin_dir = PG_BIN_CANDIDATES[0]
    # Not under pytest's tmp folder: that is private to root, and the server runs as `postgres`.
    base = Path(tempfile.mkdtemp(prefix="alliance-postgres-"))
    data, sockets = base / "data", base / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        for path in (base, sockets):
            os.chown(path, user.pw_uid, user.pw_gid)
    _as_postgres(
        [str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "grader", "-E", "UTF8"]
    )
    port = _free_port()
    log = base / "server.log"
    _as_postgres(
        [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(log),
            "-o",
            f"-h 127.0.0.1 -p {port} -k {sockets} -c max_connections=50",
            "-w",
            "start",
        ]
    )
    try:
        _as_postgres(
            [
                str(bin_dir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "grader",
                "gradebook",
            ]
        )
        yield f"postgresql://grader@127.0.0.1:{port}/gradebook"
    finally:
        _as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])
        time.sleep(0.2)
        shutil.rmtree(base, ignore_errors=True)
