"""``alliance-course grade``: autograde a module's submissions with real nbgrader."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from course.instructor.coursedir import CourseDir
from course.instructor.results import autograded_totals

_FAILED = re.compile(r"error processing assignment '([^']+)' for student '([^']+)'")


@dataclass
class GradeReport:
    module: str
    totals: pd.DataFrame
    failures: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        lines = [f"Module {self.module}: {len(self.totals)} submission(s) graded."]
        for student, why in sorted(self.failures.items()):
            lines.append(f"  {student}: grading failed ({why}); the submission scores 0.")
        return "\n".join(lines)


def submitted_students(course: CourseDir, module: str) -> list[str]:
    return sorted(p.parent.name for p in course.submitted.glob(f"*/{module}") if p.is_dir())


def grade(course: CourseDir, module: str, force: bool = False) -> GradeReport:
    """Autograde every submission of ``module``; a trainee's broken notebook never stops the batch."""
    args = ["autograde", module, "--create"]
    if force:
        args.append("--force")
    result = course.nbgrader(*args, check=False)
    failures = {
        student: "nbgrader could not grade it"
        for _, student in _FAILED.findall(result.stdout + result.stderr)
    }
    return GradeReport(module, autograded_totals(course.gradebook_url, module), failures)
