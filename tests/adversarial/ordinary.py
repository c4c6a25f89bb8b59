"""An ordinary grader account: a venv from Debian's Python it can read, and commands run as it.

Grading must not need root (a JupyterHub grader service is an ordinary
account). When the tests run as root, the grader is ``nobody`` with a venv
made from ``/usr/bin/python3`` (the project's own venv is based on a Python
under ``/root``, which ``nobody`` cannot read), installed from a copy of the
tree with the lock. When the tests already run as an ordinary user, that user
is the grader.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.test_readme_trainee import _project_copy

IS_ROOT = os.geteuid() == 0
USER = "nobody"


@dataclass
class OrdinaryGrader:
    """Runs commands as the ordinary grader, with its own venv on PATH."""

    base: Path
    venv: Path
    home: Path

    def command(self, argv: list[str]) -> list[str]:
        prefix = ["runuser", "-u", USER, "--"] if IS_ROOT else []
        keep = {k: v for k, v in os.environ.items() if k in ("LANG", "TZ")}
        env = [f"{k}={v}" for k, v in keep.items()]
        # nbgrader shells out to `alembic`, installed beside this venv's Python.
        path = f"{self.venv / 'bin'}:/usr/bin:/bin"
        return [*prefix, "env", "-i", *env, f"HOME={self.home}", f"PATH={path}", *argv]

    def run(self, argv: list[str], cwd: Path, timeout: float = 1800) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.command(argv), cwd=cwd, capture_output=True, text=True, timeout=timeout
        )

    def give(self, path: Path) -> None:
        """Hand a folder the tests prepared (a course directory) to the grader."""
        if IS_ROOT:
            subprocess.run(["chown", "-R", USER, str(path)], check=True)


def make_grader(prefix: str) -> OrdinaryGrader:
    """A folder under /tmp holding a copy of the tree and a venv the grader can read.

    The venv is installed by the user running the tests (with that user's pip
    settings and cache, as an administrator would install it for a service
    account); the grader account only needs to read and run it.
    """
    base = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    base.chmod(0o755)
    src, home = _project_copy(base), base / "home"
    home.mkdir()
    grader = OrdinaryGrader(base, base / "venv", home)
    pip = [str(grader.venv / "bin" / "pip"), "--disable-pip-version-check", "--quiet", "install"]
    steps = [
        ["/usr/bin/python3", "-m", "venv", str(grader.venv)],
        [*pip, "--constraint", str(src / "constraints.txt"), str(src), str(src / "answer_key")],
    ]
    for argv in steps:
        result = subprocess.run(argv, cwd=base, capture_output=True, text=True, timeout=1800)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:3])} failed: {result.stderr[-3000:]}")
    grader.give(home)
    return grader
