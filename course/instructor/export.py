"""``alliance-course export``: nbgrader's CSV, or a Canvas gradebook-import CSV.

The Canvas file follows the layout of Canvas's own gradebook export, which is
what its importer reads: ``Student`` ("Last, First"), ``ID`` (the Canvas user
id), ``SIS User ID``, ``SIS Login ID`` (the trainee id), ``Section``, then one
column per module, and a ``Points Possible`` row under the header. Canvas
matches rows by the ID column, so trainees need their LMS id in the roster
(``alliance-course students import``); rows without one are left out and
reported.

The file cannot damage a Canvas gradebook imported mid-term: a score is written
only for a submission that is fully graded (autograded, and every written
answer graded); anything else is left blank, never a 0 that would replace a
grade already in Canvas. Modules not yet assigned (no due date, no submission) get
no column at all, since Canvas would create a new assignment for it. A module
whose Canvas assignment id is known (``assign --canvas-assignment-id``, a
roster imported from a Canvas export, or ``--canvas-gradebook``) is headed
``Name (id)``, so Canvas fills that assignment instead of creating one.

Scores are final: the total (autograded and written points) less the late
penalty, recomputed first on that total (:func:`late_policy.apply_late_penalties`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook

from course.instructor import canvas
from course.instructor.coursedir import CourseDir
from course.instructor.late_policy import apply_late_penalties

CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


@dataclass
class ExportReport:
    """What an export wrote and what it left out, for the command's summary."""

    path: Path
    rows: int
    left_out: list[str] = field(default_factory=list)
    not_assigned: list[str] = field(default_factory=list)
    awaiting: dict[str, list[str]] = field(default_factory=dict)  # module -> trainees
    without_id: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """The lines ``alliance-course export`` prints."""
        lines = [f"Wrote {self.rows} row(s) to {self.path}."]
        if self.left_out:
            lines.append(f"Left out (no LMS id in the roster): {', '.join(self.left_out)}")
        if self.not_assigned:
            lines.append(f"No column (not assigned yet): {', '.join(self.not_assigned)}")
        for module, students in sorted(self.awaiting.items()):
            lines.append(
                f"Blank for {module} (written answers not graded yet): {', '.join(students)}"
            )
        if self.without_id:
            lines.append(
                "No Canvas assignment id known for "
                f"{', '.join(self.without_id)}: Canvas matches these columns by name. Pass "
                "--canvas-gradebook with a Canvas gradebook export to add the ids."
            )
        return "\n".join(lines)


@dataclass
class ModuleScores:
    """Per module: maximum score, and (student, module) -> final score of graded submissions."""

    modules: list[str]
    max_scores: dict[str, float]
    final: dict[tuple[str, str], float]
    not_assigned: list[str]
    awaiting: dict[str, list[str]]


def _fully_graded(submission) -> tuple[bool, bool]:
    """(autograded, every cell that needs a person has been graded) for one submission."""
    grades = [g for nb in submission.notebooks for g in nb.grades]
    autograded = any(g.auto_score is not None for g in grades)
    return autograded, not any(g.needs_manual_grade for g in grades)


def module_scores(db_url: str) -> ModuleScores:
    """Final scores of the fully graded submissions of every assigned module.

    The final score is nbgrader's score (manual where given, else auto) less
    its late penalty, as nbgrader's own CSV export computes it. A submission
    not handed in, not graded, or with written answers still to grade has no
    entry (a blank in the export).
    """
    scores: dict[tuple[str, str], float] = {}
    modules, max_scores, not_assigned, awaiting = [], {}, [], {}
    with Gradebook(db_url) as gb:
        for assignment in sorted(gb.assignments, key=lambda a: a.name):
            submissions = gb.assignment_submissions(assignment.name)
            if assignment.duedate is None and not submissions:
                not_assigned.append(assignment.name)
                continue
            modules.append(assignment.name)
            max_scores[assignment.name] = float(assignment.max_score)
            for sub in submissions:
                autograded, complete = _fully_graded(sub)
                if autograded and not complete:
                    awaiting.setdefault(assignment.name, []).append(sub.student.id)
                if autograded and complete:
                    final = float(sub.score) - float(sub.late_submission_penalty or 0)
                    scores[(sub.student.id, assignment.name)] = round(final, 4)
    return ModuleScores(modules, max_scores, scores, not_assigned, awaiting)


def _number(value: float) -> str:
    """A score as Canvas shows one: ``3`` not ``3.0``, ``2.4`` as is."""
    return f"{value:g}"


def export_canvas(course: CourseDir, out: Path, gradebook_csv: Path | None = None) -> ExportReport:
    """Write a Canvas gradebook-import CSV of every assigned module's final score.

    ``gradebook_csv`` is a gradebook export downloaded from Canvas: the Canvas
    assignment ids of the modules it holds are recorded first.
    """
    if gradebook_csv is not None:
        canvas.learn_assignment_ids(course.root, gradebook_csv)
    apply_late_penalties(course)
    scores = module_scores(course.gradebook_url)
    known = canvas.read_canvas(course.root)
    headers = []
    for module in scores.modules:
        entry = known["assignments"].get(module)
        headers.append(f"{entry['name']} ({entry['id']})" if entry else module)
    report = ExportReport(
        out,
        0,
        not_assigned=scores.not_assigned,
        awaiting={m: sorted(s) for m, s in scores.awaiting.items()},
        without_id=[m for m in scores.modules if m not in known["assignments"]],
    )
    with Gradebook(course.gradebook_url) as gb, out.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CANVAS_HEADER + headers)
        writer.writerow(
            ["Points Possible", "", "", "", ""]
            + [_number(scores.max_scores[m]) for m in scores.modules]
        )
        for student in sorted(gb.students, key=lambda s: s.id):
            if not student.lms_user_id:
                report.left_out.append(student.id)
                continue
            name = f"{student.last_name or ''}, {student.first_name or ''}".strip(", ")
            extra = known["students"].get(student.id, {})
            cells = [
                _number(scores.final[(student.id, m)]) if (student.id, m) in scores.final else ""
                for m in scores.modules
            ]
            writer.writerow(
                [
                    name or student.id,
                    student.lms_user_id,
                    extra.get("sis_user_id", ""),
                    student.id,
                    extra.get("section", ""),
                    *cells,
                ]
            )
            report.rows += 1
    return report


def export_csv(course: CourseDir, out: Path) -> ExportReport:
    """nbgrader's own CSV export (one row per student and module), after late penalties."""
    apply_late_penalties(course)
    course.nbgrader("export", "--to", str(out.resolve()))
    with out.open() as handle:
        rows = sum(1 for _ in csv.DictReader(handle))
    return ExportReport(out, rows)
