"""Grading survives SIGKILL: the rerun grades what is left, once, and leaves the rest alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from nbgrader.api import Gradebook

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.demo import make_submissions
from course.instructor.grade import already_graded, grade

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("pipeline-resume")]
MODULE = "00-orientation"


def _graded_copies(course: CourseDir) -> dict[str, float]:
    return {
        nb.parent.parent.name: nb.stat().st_mtime_ns
        for nb in course.autograded.glob(f"*/{MODULE}/*.ipynb")
    }


def test_grader_killed_mid_batch_resumes_without_regrading_or_losing_anything(tmp_path):
    course = CourseDir(tmp_path / "course")
    build(course, [MODULE])
    plan = make_submissions(course, MODULE, 6)
    grader = subprocess.Popen(
        [sys.executable, "-m", "course.cli", "grade", MODULE, "--workers", "1"]
        + ["--course-dir", str(course.root)],
        start_new_session=True,  # its own process group: the kill takes workers and kernels too
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and grader.poll() is None:
        if len(already_graded(course.gradebook_url, MODULE)) >= 2:
            break
        time.sleep(0.2)
    assert grader.poll() is None, "the grader finished before it could be killed"
    os.killpg(grader.pid, signal.SIGKILL)
    grader.wait()

    done_before = already_graded(course.gradebook_url, MODULE)
    assert 2 <= len(done_before) < len(plan)
    copies_before = {s: t for s, t in _graded_copies(course).items() if s in done_before}

    report = grade(course, MODULE, workers=2, progress=False)
    assert set(report.skipped) == done_before
    assert set(report.seconds) == set(plan) - done_before
    assert already_graded(course.gradebook_url, MODULE) == set(plan)
    # Left alone: the graded copies of the first run were not rewritten.
    after = _graded_copies(course)
    assert {s: after[s] for s in copies_before} == copies_before
    with Gradebook(course.gradebook_url) as gb:
        students = [s.student.id for s in gb.assignment_submissions(MODULE)]
    assert sorted(students) == sorted(plan)
