"""`alliance-course validate`: one notebook graded in the sandbox, the real course untouched."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.submissions import fill, solution_answers, write_submission

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("pipeline-validate")]
MODULE = "00-orientation"


def test_validate_grades_one_notebook_in_the_sandbox_without_a_course(tmp_path):
    scratch = CourseDir(tmp_path / "scratch")
    build(scratch, [MODULE])
    release = next((scratch.release / MODULE).glob("*.ipynb"))
    answers = solution_answers(scratch.source / MODULE / release.name)
    answers["ex2-answer"] = "import os\nos._exit(1)"  # kills the kernel after ex1 passed
    path = write_submission(fill(release, answers), tmp_path / "mail", "x", MODULE, "mine.ipynb")
    result = subprocess.run(
        [sys.executable, "-m", "course.cli", "validate", MODULE, str(path), "--student", "x"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        # Run from elsewhere, the command finds the course through the documented variable.
        env={**os.environ, "ALLIANCE_COURSE_PROJECT": str(Path(__file__).resolve().parents[2])},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert lines["ex1-tests"].split()[2] == "1.0"  # earned before the crash, kept
    assert lines["ex2-tests"].split()[2] == "0.0" and "kernel had stopped" in lines["ex2-tests"]
    assert not (tmp_path / "instructor").exists()  # no course directory was created or touched
