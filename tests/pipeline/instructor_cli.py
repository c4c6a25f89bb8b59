"""Run ``alliance-course`` as an instructor types it, for the pipeline tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).parent / "alliance-course"


def cli(*args: str, cwd: Path, ok: bool = True) -> subprocess.CompletedProcess:
    """``alliance-course ARGS`` in ``cwd`` (whose ./instructor is the course); checked if ``ok``."""
    env = {**os.environ, "ALLIANCE_COURSE_PROJECT": str(ROOT)}
    env.pop("ALLIANCE_COURSE_DIR", None)
    result = subprocess.run(
        [str(CLI), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=900
    )
    if ok:
        assert result.returncode == 0, result.stdout + result.stderr
    return result
