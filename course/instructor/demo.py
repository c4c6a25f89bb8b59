"""``alliance-course demo``: the instructor's path end to end on a simulated cohort."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.grade import grade
from course.instructor.submissions import fill, load_profiles, solution_answers, write_submission

# What each simulated trainee hands in, in rotation: full marks, a module's
# typical mistakes, other profiles from data/submissions, and an untouched release.
FIXED_PROFILES = ["solution", "release"]


def submission_plan(module: str, n_trainees: int) -> list[tuple[str, str]]:
    """(trainee id, profile) pairs: profiles rotate so every kind is graded."""
    profiles = ["solution", *load_profiles(module), "release"]
    return [(f"trainee-{i + 1:02d}", profiles[i % len(profiles)]) for i in range(n_trainees)]


def make_submissions(course: CourseDir, module: str, n_trainees: int) -> dict[str, str]:
    """Write one submission per simulated trainee; return trainee id -> profile."""
    profiles = load_profiles(module)
    plan = submission_plan(module, n_trainees)
    for notebook in sorted((course.release / module).glob("*.ipynb")):
        solutions = solution_answers(course.source / module / notebook.name)
        for student, profile in plan:
            if profile == "solution":
                nb = fill(notebook, solutions)
            elif profile == "release":
                nb = fill(notebook, {})
            else:
                spec = profiles[profile]
                nb = fill(notebook, spec.get("answers", {}), spec.get("written", {}))
            write_submission(nb, course.submitted, student, module, notebook.name)
    return dict(plan)


def run_demo(out: Path, n_trainees: int = 6, modules: list[str] | None = None) -> pd.DataFrame:
    """Build, submit, grade and give feedback for a simulated cohort; return the grade table."""
    if out.exists():
        shutil.rmtree(out)
    course = CourseDir(out / "course")
    print(f"Building the student versions in {course.root} ...")
    modules = build(course, modules)
    tables = []
    for module in modules:
        plan = make_submissions(course, module, n_trainees)
        print(f"Grading {len(plan)} simulated submissions of {module} ...")
        report = grade(course, module)
        print(report.summary())
        course.nbgrader("generate_feedback", module, check=False)
        totals = report.totals.assign(module=module)
        totals["profile"] = totals["student_id"].map(plan)
        tables.append(totals)
    grades = pd.concat(tables, ignore_index=True)
    print()
    print(grades.to_string(index=False))
    print(f"\nFeedback (HTML) is in {course.feedback}; the gradebook is {course.gradebook_url}.")
    return grades
