"""The instructor's nbgrader course directory and how to run nbgrader in it.

Default location: ``$ALLIANCE_COURSE_DIR`` if set, else ``./instructor`` under
the folder the command runs in. ``alliance-course build`` copies the course's
``notebooks/`` and ``nbgrader_config.py`` there, so the instructor's gradebook,
submissions and feedback never mix with the course's source files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from course.instructor.project import project_root
from course.modules import folders


def default_course_dir() -> Path:
    return Path(os.environ.get("ALLIANCE_COURSE_DIR") or Path.cwd() / "instructor")


class NbgraderError(RuntimeError):
    """An nbgrader command failed; the message holds its last lines of output."""


@dataclass(frozen=True)
class CourseDir:
    """An nbgrader course directory; ``db_url`` overrides its SQLite gradebook (e.g. PostgreSQL)."""

    root: Path
    db_url: str | None = None

    @property
    def source(self) -> Path:
        return self.root / "notebooks"

    @property
    def release(self) -> Path:
        return self.root / "release"

    @property
    def submitted(self) -> Path:
        return self.root / "submitted"

    @property
    def autograded(self) -> Path:
        return self.root / "autograded"

    @property
    def feedback(self) -> Path:
        return self.root / "feedback"

    @property
    def gradebook_url(self) -> str:
        return self.db_url or f"sqlite:///{self.root / 'gradebook.db'}"

    def init_from(self, project: Path | None = None, modules: list[str] | None = None) -> None:
        """Copy the course's config and the source notebooks of ``modules`` in.

        Only the generated notebooks travel: the MyST sources stay in the project.
        """
        project = project or project_root()
        self.root.mkdir(parents=True, exist_ok=True)
        shutil.copy2(project / "nbgrader_config.py", self.root / "nbgrader_config.py")
        for module in modules or folders():
            target = self.source / module
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(
                project / "notebooks" / module,
                target,
                ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.md"),
            )

    def nbgrader(self, *args: str, check: bool = True, env: dict | None = None, timeout=None):
        """Run the real nbgrader CLI in this course directory."""
        bin_dir = str(Path(sys.executable).parent)
        run_env = {**os.environ, **(env or {})}
        # nbgrader shells out to `alembic` when it creates a gradebook.
        run_env["PATH"] = bin_dir + os.pathsep + run_env.get("PATH", "")
        db = [f"--CourseDirectory.db_url={self.db_url}"] if self.db_url else []
        result = subprocess.run(
            [sys.executable, "-m", "nbgrader", *args, *db],
            cwd=self.root,
            env=run_env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).splitlines()[-25:])
            raise NbgraderError(f"nbgrader {' '.join(args)} failed:\n{tail}")
        return result
