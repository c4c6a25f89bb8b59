"""A laptop trainee's submission, end to end: student copy, work, `alliance-course submit`,
upload to Canvas, the instructor's Canvas collect, sandboxed grading."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.grade import grade
from course.instructor.lms import assign, collect
from course.instructor.roster import import_roster
from course.instructor.student_copy import student_copy
from course.instructor.submissions import solution_answers
from course.modules import get

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("pipeline-submit")]
MODULE = get("00")
ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "ALLIANCE_COURSE_PROJECT": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "course.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
    )


def test_a_laptop_submission_is_collected_and_graded_in_full(tmp_path):
    # The trainee: a student copy, the model answers typed in, then `submit`.
    student = tmp_path / "laptop" / "student"
    student_copy(student, [MODULE.folder])
    working = student / MODULE.folder / MODULE.notebook
    answers = solution_answers(ROOT / MODULE.notebook_path)
    nb = nbformat.read(working, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    nbformat.write(nb, working)
    result = _cli("submit", "00", "--student-dir", str(student), cwd=tmp_path / "laptop")
    assert result.returncode == 0, result.stderr
    upload = student / "to-upload" / MODULE.notebook
    assert str(upload) in result.stdout and upload.is_file()

    # Canvas: the uploaded file comes back in the bulk download under Canvas's name.
    course = CourseDir(tmp_path / "course")
    build(course, [MODULE.folder])
    roster = tmp_path / "roster.csv"
    roster.write_text("id,first_name,last_name,email,lms_id\nana,Ana,Silva,,60001\n")
    import_roster(roster, course.gradebook_url)
    assign(course, MODULE.folder, "2026-12-01T17:00:00+00:00")
    download = tmp_path / "submissions.zip"
    with zipfile.ZipFile(download, "w") as archive:
        info = zipfile.ZipInfo(
            f"silvaana_60001_7001_{MODULE.notebook}", dt.datetime(2026, 12, 1, 12).timetuple()[:6]
        )
        archive.writestr(info, upload.read_text())
    collected = collect(course, MODULE.folder, download)
    assert list(collected.collected) == ["ana"] and not collected.unmatched
    report = grade(course, MODULE.folder, workers=1, progress=False)
    row = report.totals.set_index("student_id").loc["ana"]
    assert not report.failures and not report.flagged
    assert row["auto_points"] == row["auto_max"] > 0


def test_submit_refuses_what_it_cannot_submit_in_one_line(tmp_path):
    result = _cli("submit", "00", "--student-dir", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode == 2 and "make lab" in result.stderr
    assert result.stderr.strip().count("\n") == 0
    folder = tmp_path / "student" / MODULE.folder
    folder.mkdir(parents=True)
    (folder / MODULE.notebook).write_text("{not json")
    result = _cli("submit", "00", "--student-dir", str(tmp_path / "student"), cwd=tmp_path)
    assert result.returncode == 2 and "cannot be read" in result.stderr
