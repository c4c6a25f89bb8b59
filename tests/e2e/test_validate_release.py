"""Plain ``nbgrader validate`` on what a trainee holds: the release, filled with the model answers.

This is the trainee's Validate button without the browser: it must say
"Success!" for correct work (a test cell that showed a number would crash it
with nbgrader's partial-credit error), and report the failing cells of an
untouched release.
"""

from __future__ import annotations

import os
import subprocess
import sys

import nbformat
import pytest

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.submissions import fill, solution_answers
from course.modules import MODULES

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("validate-release")]
TRAINEES = ["trainee-validate-1", "trainee-validate-2"]


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    course = CourseDir(tmp_path_factory.mktemp("course"))
    build(course)
    return course


def _validate(notebook, student: str) -> str:
    env = {**os.environ, "ALLIANCE_STUDENT_ID": student}
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", "validate", str(notebook)],
        capture_output=True,
        text=True,
        cwd=notebook.parent,
        env=env,
        timeout=600,
    )
    return result.stdout + result.stderr


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_model_answers_validate_for_every_trainee(released, module, tmp_path):
    release = released.release / module.folder / module.notebook
    answers = solution_answers(released.source / module.folder / module.notebook)
    for student in TRAINEES:
        work = tmp_path / student
        work.mkdir()
        path = work / module.notebook
        nbformat.write(fill(release, answers), path)
        output = _validate(path, student)
        assert "Success! Your notebook passes all the tests." in output, output[-3000:]
        assert "partial credit" not in output


@pytest.mark.parametrize("module", MODULES[:1], ids=lambda m: m.folder)
def test_an_untouched_release_reports_its_unanswered_cells(released, module, tmp_path):
    release = released.release / module.folder / module.notebook
    path = tmp_path / module.notebook
    path.write_bytes(release.read_bytes())
    output = _validate(path, TRAINEES[0])
    assert "VALIDATION FAILED ON" in output and "Success!" not in output
    assert "partial credit" not in output
