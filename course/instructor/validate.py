"""``alliance-course validate``: run one notebook through the sandboxed grader, gradebook untouched.

For an instructor who wants to check a single notebook (one a trainee e-mailed,
a new model answer) before or outside a grading run. The notebook is graded
exactly as ``grade`` would grade it (real nbgrader, the kernel in the
bubblewrap sandbox, hidden tests included), but in a throw-away course
directory, so the course's gradebook and folders are never touched.

It is graded as the trainee who wrote it: every trainee's data, and so every
expected answer, is simulated from their id. The id is ``--student ID``, or,
for a file from a Canvas bulk download (``<name>_<canvas user id>_<submission
id>_<file>.ipynb``), the trainee whose Canvas user id that is in the course's
roster. Without either the command refuses rather than grade against the
wrong data.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from course.identity import IdentityError, validate_student_id
from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.errors import CourseInputError
from course.instructor.grade import grade
from course.instructor.lms import CANVAS_FILE
from course.instructor.results import cell_scores, failure_messages


class ValidateError(CourseInputError):
    """The notebook cannot be validated as asked; the message says what to do."""


def trainee_for(notebook: Path, student: str | None, course: CourseDir) -> str:
    """The trainee id to grade ``notebook`` as: ``student``, else the one its Canvas name names.

    A Canvas download's name carries the trainee's Canvas user id, which the
    course's roster (``alliance-course students import``) maps to a trainee id.
    """
    if student:
        try:
            return validate_student_id(student)
        except IdentityError as err:
            raise ValidateError(f"--student: {err}") from None
    match = CANVAS_FILE.match(notebook.name)
    if not match:
        raise ValidateError(
            f"whose notebook is {notebook.name}? Pass --student ID (the trainee's id): "
            "their data, and so the expected answers, depend on it"
        )
    lms_id = match["lms_id"]
    found = _roster_lookup(course, lms_id)
    if found is None:
        raise ValidateError(
            f"{notebook.name} is a Canvas download of Canvas user {lms_id}, who is not in the "
            f"roster of {course.root}: pass --student ID (or --course-dir for another course)"
        )
    return found


def _roster_lookup(course: CourseDir, lms_id: str) -> str | None:
    """The trainee id whose LMS id is ``lms_id``, reading (never creating) the gradebook."""
    from nbgrader.api import Gradebook

    if course.db_url is None and not (course.root / "gradebook.db").exists():
        return None
    with Gradebook(course.gradebook_url) as gb:
        return next((s.id for s in gb.students if s.lms_user_id == lms_id), None)


def validate(
    module: str, notebook: Path, student: str, sandbox: bool = True
) -> tuple[pd.DataFrame, str]:
    """Grade ``notebook`` as ``student``'s submission of ``module``; return cells and summary.

    The table has one row per graded cell: ``cell``, ``kind`` (auto/manual),
    ``score``, ``max_score`` and ``message`` (what a failing test printed).
    """
    if not notebook.is_file():
        raise ValidateError(f"{notebook} is not a file: give the path of the .ipynb to check")
    with tempfile.TemporaryDirectory(prefix="alliance-validate-") as scratch:
        course = CourseDir(Path(scratch) / "course")
        build(course, [module])
        release = next((course.release / module).glob("*.ipynb"))
        target = course.submitted / student / module
        target.mkdir(parents=True)
        # Graded under the release notebook's name, as nbgrader matches by file name.
        shutil.copyfile(notebook, target / release.name)
        report = grade(course, module, progress=False, sandbox=sandbox)
        cells = cell_scores(course.gradebook_url, module)
        messages = {}
        for graded in (course.autograded / student / module).glob("*.ipynb"):
            messages.update(failure_messages(graded))
    cells = cells[cells.student_id == student][["cell", "kind", "score", "max_score"]]
    cells = cells.assign(message=cells["cell"].map(messages).fillna(""))
    return cells.reset_index(drop=True), report.summary()
