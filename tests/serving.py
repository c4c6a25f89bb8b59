"""Waiting for a server a test started (JupyterLab, JupyterHub) to answer."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest


def wait_until_served(
    probe: Callable[[], object],
    process: subprocess.Popen,
    log: Path,
    what: str,
    timeout: float,
    stop: Callable[[subprocess.Popen], object] = subprocess.Popen.kill,
):
    """Call ``probe`` until it stops raising OSError and return what it returns; stop
    the process and fail with the end of its log if it exits or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return probe()
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                pytest.fail(f"{what} did not start:\n{log.read_text()[-4000:]}")
            time.sleep(0.5)
