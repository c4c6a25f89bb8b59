"""``alliance-course demo``: an instructor's term, end to end, on a simulated cohort.

Builds every module, imports a simulated roster, sets due dates, writes N
trainees' submissions of varied quality (complete, partial, a module's typical
mistakes, blank, broken, a cheat attempt; some late), grades them in parallel,
writes feedback, exports nbgrader and Canvas CSVs and renders the class
dashboard, then prints where each output is.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pandas as pd

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.export import export_canvas, export_csv
from course.instructor.grade import grade
from course.instructor.lms import assign
from course.instructor.report import render
from course.instructor.roster import import_roster
from course.instructor.submissions import (
    cheat_answers,
    fill,
    load_profiles,
    solution_answers,
    write_submission,
)

DUE = dt.datetime(2026, 12, 1, 17, 0, tzinfo=dt.UTC)
LATE_PROFILES = ("solution", "typical_mistakes")  # their second round hands in 30 hours late


def submission_plan(module: str, n_trainees: int) -> list[tuple[str, str]]:
    """(trainee id, profile) pairs: profiles rotate so every kind is graded."""
    profiles = ["solution", "partial", *load_profiles(module), "release", "cheat"]
    return [(f"trainee-{i + 1:02d}", profiles[i % len(profiles)]) for i in range(n_trainees)]


def _answers_for(profile: str, solutions: dict, cheats: dict, profiles: dict):
    if profile == "solution":
        return solutions, {}
    if profile == "partial":
        keep = list(solutions)[: max(1, len(solutions) // 2)]
        return {k: solutions[k] for k in keep}, {}
    if profile == "cheat":
        return cheats, {}
    if profile == "release":
        return {}, {}
    spec = profiles[profile]
    return spec.get("answers", {}), spec.get("written", {})


def make_submissions(course: CourseDir, module: str, n_trainees: int) -> dict[str, str]:
    """Write one submission per simulated trainee; return trainee id -> profile."""
    profiles = load_profiles(module)
    plan = submission_plan(module, n_trainees)
    for notebook in sorted((course.release / module).glob("*.ipynb")):
        source = course.source / module / notebook.name
        solutions, cheats = solution_answers(source), cheat_answers(source)
        for number, (student, profile) in enumerate(plan, start=1):
            answers, written = _answers_for(profile, solutions, cheats, profiles)
            path = write_submission(
                fill(notebook, answers, written), course.submitted, student, module, notebook.name
            )
            late = profile in LATE_PROFILES and number > len(set(dict(plan).values()))
            handed_in = DUE + (dt.timedelta(hours=30) if late else -dt.timedelta(hours=2))
            stamp = handed_in.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
            (path.parent / "timestamp.txt").write_text(stamp)
    return dict(plan)


def write_roster(path: Path, n_trainees: int) -> Path:
    """A simulated class roster (course layout) with made-up LMS ids."""
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "first_name", "last_name", "email", "lms_id"])
        for i in range(1, n_trainees + 1):
            writer.writerow(
                [
                    f"trainee-{i:02d}",
                    "Trainee",
                    f"{i:02d}",
                    f"trainee{i:02d}@example.edu",
                    50000 + i,
                ]
            )
    return path


def _sandbox_or_warning() -> bool:
    """Grade the demo sandboxed when bubblewrap can run here; otherwise say so and go on.

    The demo's submissions are the course's own simulated ones, so running them
    unsandboxed is safe; real grading (``alliance-course grade``) refuses instead.
    """
    from course.instructor.sandbox import SandboxUnavailable, check_available

    try:
        check_available()
    except SandboxUnavailable as reason:
        print(f"NOTE: grading the demo without the sandbox: {reason}")
        return False
    print("Grading in the bubblewrap sandbox (no network, unprivileged user, resource limits).")
    return True


def run_demo(out: Path, n_trainees: int = 24, modules: list[str] | None = None, workers=None):
    """Run the whole term on a simulated cohort; return the table of final scores."""
    if out.exists():
        shutil.rmtree(out)
    course = CourseDir(out / "course")
    print(f"Building the student version of every module in {course.root} (with leak check) ...")
    modules = build(course, modules)
    roster = write_roster(out / "roster.csv", n_trainees)
    import_roster(roster, course.gradebook_url, course.root)
    sandbox = _sandbox_or_warning()
    tables = []
    for module in modules:
        assign(course, module, DUE.isoformat())
        plan = make_submissions(course, module, n_trainees)
        report = grade(course, module, workers=workers, sandbox=sandbox)
        print(report.summary())
        course.nbgrader("generate_feedback", module, "--force", check=False)
        totals = report.totals.assign(module=module)
        totals["profile"] = totals["student_id"].map(plan)
        tables.append(totals)
    grades = pd.concat(tables, ignore_index=True)
    csv_out = export_csv(course, out / "grades.csv")
    canvas_out = export_canvas(course, out / "canvas-grades.csv")
    dashboard = render(course, out / "report")
    summary = grades.pivot_table(
        index="profile", columns="module", values="auto_points", aggfunc="mean"
    ).round(2)
    print("\nMean autograded points by submission profile:")
    print(summary.to_string())
    print(
        "\nOutputs:\n"
        f"  student versions  {course.release}\n"
        f"  LMS upload zips   {course.root / 'lms-upload'}\n"
        f"  gradebook         {course.gradebook_url}\n"
        f"  feedback (HTML)   {course.feedback}\n"
        f"  nbgrader CSV      {csv_out.path}\n"
        f"  Canvas import CSV {canvas_out.path}\n"
        f"  class dashboard   {dashboard}"
    )
    return grades
