"""A trainee's working copy of the course: the *student* version of every module.

``make lab`` opens this copy, never the source notebooks (they hold the
solutions). It is generated with nbgrader into a private course directory and
copied out once; a module already in the copy is left alone so a trainee's work
is never overwritten.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.modules import folders


def student_copy(folder: Path, modules: list[str] | None = None) -> Path:
    """Make sure ``folder`` holds the student version of each module; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    missing = [m for m in (modules or folders()) if not (folder / m).exists()]
    if missing:
        with tempfile.TemporaryDirectory() as tmp:
            course = CourseDir(Path(tmp))
            build(course, missing)
            for module in missing:
                shutil.copytree(course.release / module, folder / module)
    return folder
