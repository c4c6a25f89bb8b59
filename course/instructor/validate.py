"""``alliance-course validate``: run one notebook through the sandboxed grader, gradebook untouched.

For an instructor who wants to check a single notebook (one a trainee e-mailed,
a new model answer) before or outside a grading run. The notebook is graded
exactly as ``grade`` would grade it (real nbgrader, the kernel in the
bubblewrap sandbox, hidden tests included), but in a throw-away course
directory, so the course's gradebook and folders are never touched.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.grade import grade
from course.instructor.results import cell_scores, failure_messages

STUDENT = "validate"


def validate(module: str, notebook: Path, sandbox: bool = True) -> tuple[pd.DataFrame, str]:
    """Grade ``notebook`` as a submission of ``module``; return per-cell results and the summary.

    The table has one row per graded cell: ``cell``, ``kind`` (auto/manual),
    ``score``, ``max_score`` and ``message`` (what a failing test printed).
    """
    with tempfile.TemporaryDirectory(prefix="alliance-validate-") as scratch:
        course = CourseDir(Path(scratch) / "course")
        build(course, [module])
        release = next((course.release / module).glob("*.ipynb"))
        target = course.submitted / STUDENT / module
        target.mkdir(parents=True)
        # Graded under the release notebook's name, as nbgrader matches by file name.
        shutil.copyfile(notebook, target / release.name)
        report = grade(course, module, progress=False, sandbox=sandbox)
        cells = cell_scores(course.gradebook_url, module)
        messages = {}
        for graded in (course.autograded / STUDENT / module).glob("*.ipynb"):
            messages.update(failure_messages(graded))
    cells = cells[cells.student_id == STUDENT][["cell", "kind", "score", "max_score"]]
    cells = cells.assign(message=cells["cell"].map(messages).fillna(""))
    return cells.reset_index(drop=True), report.summary()
