"""``alliance-course grade``: autograde a module's submissions in parallel with real nbgrader.

Submissions are graded by N local worker processes (default: one per core),
or by the workers of a dask.distributed cluster when a scheduler address is
given (every worker must see the same course directory path). Each worker runs
nbgrader's Autograde converter on one submission at a time, so grades are
exactly those of a sequential ``nbgrader autograde``. A trainee's broken
notebook is reported and scored 0; only a failure of the grading machinery
itself raises.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
from dataclasses import dataclass, field

import pandas as pd
from nbgrader.api import Gradebook, MissingEntry
from tqdm import tqdm

from course.instructor.autograde_worker import autograde_submission
from course.instructor.coursedir import CourseDir
from course.instructor.errors import CourseInputError
from course.instructor.results import autograded_totals
from course.instructor.tamper import (
    UNREADABLE,
    hold_for_review,
    record_flags,
    restored_cell_ids,
    scan_submission,
)


@dataclass
class GradeReport:
    module: str
    totals: pd.DataFrame
    failures: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    flagged: dict[str, list[str]] = field(default_factory=dict)

    def summary(self) -> str:
        graded = len(self.seconds)
        lines = [f"Module {self.module}: {graded} submission(s) graded"]
        if self.skipped:
            lines[0] += (
                f", {len(self.skipped)} already graded and left alone (use --force to regrade)"
            )
        lines[0] += "."
        for student, why in sorted(self.failures.items()):
            lines.append(f"  {student}: could not be graded ({why}); it scores 0 until fixed.")
        for student, reasons in sorted(self.flagged.items()):
            lines.append(
                f"  {student}: flagged for review ({'; '.join(reasons)}); autograded points "
                "held at 0 until you review it in formgrader."
            )
        return "\n".join(lines)


def submitted_students(course: CourseDir, module: str) -> list[str]:
    return sorted(p.parent.name for p in course.submitted.glob(f"*/{module}") if p.is_dir())


def already_graded(db_url: str, module: str) -> set[str]:
    """Students whose submission of ``module`` has autograded scores in the gradebook."""
    done = set()
    with Gradebook(db_url) as gb:
        for submission in gb.assignment_submissions(module):
            grades = [g for nb in submission.notebooks for g in nb.grades]
            if grades and any(g.auto_score is not None for g in grades):
                done.add(submission.student.id)
    return done


def _check_module_in_gradebook(url: str, module: str) -> None:
    """Refuse in one line when the gradebook graded into has never seen the module.

    A term built in the course directory's SQLite gradebook and then graded with
    ``--db postgresql://...`` would otherwise stop with nbgrader's traceback.
    """
    with Gradebook(url) as gb:
        try:
            gb.find_assignment(module)
        except MissingEntry:
            raise CourseInputError(
                f"{module} is not in the gradebook {url}: build and assign it with the same "
                "--db (or ALLIANCE_GRADEBOOK_URL) you grade with"
            ) from None


def _prepare_gradebook(db_url: str, students: list[str]) -> None:
    # Create every student up front, in one process, so workers never race to insert them.
    with Gradebook(db_url) as gb:
        for student in students:
            gb.update_or_create_student(student)


def _more_to_come(n: int, workers: int) -> list[bool]:
    """Per submission in queue order: will its worker get another one after it?

    Workers take submissions in order, so the last ``workers`` are (about) each
    worker's last; before those a worker keeps the next kernel warm.
    """
    return [i < n - max(1, workers) for i in range(n)]


def _local_results(course: CourseDir, module: str, students, workers: int, db_url, sandboxed):
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        more = _more_to_come(len(students), workers)
        futures = [
            pool.submit(autograde_submission, str(course.root), module, s, db_url, sandboxed, m)
            for s, m in zip(students, more, strict=True)
        ]
        for future in cf.as_completed(futures):
            yield future.result()


def _dask_results(course: CourseDir, module: str, students, scheduler: str, db_url, sandboxed):
    from distributed import Client, as_completed

    with Client(scheduler) as client:
        futures = client.map(
            autograde_submission,
            [str(course.root)] * len(students),
            [module] * len(students),
            students,
            [db_url] * len(students),
            [sandboxed] * len(students),
            _more_to_come(len(students), len(client.scheduler_info()["workers"])),
            pure=False,
        )
        for future in as_completed(futures):
            yield future.result()


def _hold_tampered(course: CourseDir, module: str, students: list[str], report: GradeReport):
    """Scan the graded submissions' answer cells; hold flagged ones at 0 for review."""
    restored = restored_cell_ids(course.gradebook_url, module)
    for student in students:
        if student in report.failures:
            continue
        findings = scan_submission(course.submitted / student / module, restored)
        if findings:
            reasons = sorted({r for cell_reasons in findings.values() for r in cell_reasons})
            if set(reasons) - {UNREADABLE}:
                hold_for_review(course.gradebook_url, module, student, reasons)
            report.flagged[student] = reasons
    if report.flagged:
        record_flags(course.root, module, report.flagged)


def grade(
    course: CourseDir,
    module: str,
    workers: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
    progress: bool = True,
    students: list[str] | None = None,
    sandbox: bool = True,
) -> GradeReport:
    """Autograde every submission of ``module`` not yet graded (all of them with ``force``).

    ``students`` limits grading to those trainees (e.g. one grader per section).
    Trainees' code runs in the bubblewrap sandbox (:mod:`course.instructor.sandbox`);
    when it cannot run, grading refuses with the reason unless ``sandbox=False``.
    """
    if sandbox:
        from course.instructor.sandbox import check_available

        check_available()
    url, db_url = course.gradebook_url, course.db_url
    _check_module_in_gradebook(url, module)
    available = submitted_students(course, module)
    students = [s for s in available if students is None or s in set(students)]
    skipped = [] if force else sorted(already_graded(url, module) & set(students))
    pending = [s for s in students if s not in skipped]
    report = GradeReport(module, pd.DataFrame(), skipped=skipped)
    if pending:
        _prepare_gradebook(url, pending)
        if scheduler:
            results = _dask_results(course, module, pending, scheduler, db_url, sandbox)
        else:
            n = max(1, min(workers or os.cpu_count() or 1, len(pending)))
            results = _local_results(course, module, pending, n, db_url, sandbox)
        bar = tqdm(total=len(pending), desc=f"grading {module}", unit="nb", disable=not progress)
        for result in results:
            report.seconds[result["student"]] = result["seconds"]
            if not result["success"]:
                report.failures[result["student"]] = result["error"]
            bar.update()
        bar.close()
        _hold_tampered(course, module, pending, report)
    report.totals = autograded_totals(url, module)
    return report
