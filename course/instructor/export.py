"""``alliance-course export``: nbgrader's CSV, or a Canvas gradebook-import CSV.

The Canvas file follows the layout of Canvas's own gradebook export, which is
what its importer reads: ``Student`` ("Last, First"), ``ID`` (the Canvas user
id), ``SIS User ID``, ``SIS Login ID``, ``Section``, then one column per
module, and a ``Points Possible`` row under the header. Canvas matches rows by
the ID column, so trainees need their LMS id in the roster
(``alliance-course students import``); rows without one are left out and
reported.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from course.instructor.coursedir import CourseDir

CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


@dataclass
class ExportReport:
    path: Path
    rows: int
    left_out: list[str] = field(default_factory=list)


def module_scores(db_url: str) -> tuple[list[str], dict[str, float], dict[tuple[str, str], float]]:
    """Modules in course order, their maximum scores, and (student, module) -> final score.

    The final score is nbgrader's score less its late penalty, as nbgrader's
    own CSV export computes it; a module not handed in scores 0.
    """
    with Gradebook(db_url) as gb:
        modules = sorted(a.name for a in gb.assignments)
        max_scores = {a.name: float(a.max_score) for a in gb.assignments}
        scores: dict[tuple[str, str], float] = {}
        for student in gb.students:
            for module in modules:
                try:
                    sub = gb.find_submission(module, student.id)
                except MissingEntry:
                    scores[(student.id, module)] = 0.0
                    continue
                scores[(student.id, module)] = round(
                    float(sub.score) - float(sub.late_submission_penalty or 0), 4
                )
    return modules, max_scores, scores


def export_canvas(course: CourseDir, out: Path, section: str = "") -> ExportReport:
    """Write a Canvas gradebook-import CSV of every module's final score."""
    modules, max_scores, scores = module_scores(course.gradebook_url)
    left_out, rows = [], 0
    with Gradebook(course.gradebook_url) as gb, out.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CANVAS_HEADER + modules)
        writer.writerow(["Points Possible", "", "", "", ""] + [max_scores[m] for m in modules])
        for student in sorted(gb.students, key=lambda s: s.id):
            if not student.lms_user_id:
                left_out.append(student.id)
                continue
            name = f"{student.last_name or ''}, {student.first_name or ''}".strip(", ")
            writer.writerow(
                [name or student.id, student.lms_user_id, "", student.id, section]
                + [scores[(student.id, m)] for m in modules]
            )
            rows += 1
    return ExportReport(out, rows, left_out)


def export_csv(course: CourseDir, out: Path) -> ExportReport:
    """nbgrader's own CSV export (one row per student and module)."""
    course.nbgrader("export", "--to", str(out.resolve()))
    with out.open() as handle:
        rows = sum(1 for _ in csv.DictReader(handle))
    return ExportReport(out, rows)
