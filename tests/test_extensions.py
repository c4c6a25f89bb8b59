"""``alliance-course extend``: one trainee's own due date, kept in the course directory.

The course directory here holds what ``build``, ``students import`` and
``assign`` leave for this command (the course's ``nbgrader_config.py``, a
gradebook with the module's due date and the roster); the command itself runs
as an instructor types it.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from nbgrader.api import Gradebook

from course.cli import main
from course.instructor.coursedir import CourseDir
from course.instructor.extensions import extensions
from course.instructor.project import project_root

MODULE = "00-orientation"
DUE = dt.datetime(2026, 12, 1, 22, 0)  # 17:00 at UTC-5, stored as naive UTC like nbgrader


@pytest.fixture
def course(tmp_path):
    course = CourseDir(tmp_path / "instructor")
    course.root.mkdir()
    shutil.copy2(project_root() / "nbgrader_config.py", course.root / "nbgrader_config.py")
    with Gradebook(course.gradebook_url) as gb:
        gb.add_assignment(MODULE, duedate=DUE)
        gb.add_assignment("01-working-alliance")  # built, not assigned: no due date
        gb.add_student("bo")
        gb.add_submission(MODULE, "bo", timestamp=dt.datetime(2026, 12, 3, 0, 0))
    return course


def extend(course, *args) -> int:
    return main(["extend", *args, "--course-dir", str(course.root)])


def test_until_a_time_with_its_zone_is_stored_in_utc(course, capsys):
    assert extend(course, MODULE, "bo", "--until", "2026-12-04T17:00:00-05:00") == 0
    assert "until 2026-12-04T22:00:00+00:00" in capsys.readouterr().out
    assert extensions(course) == {("bo", MODULE): dt.datetime(2026, 12, 4, 22, tzinfo=dt.UTC)}
    assert extensions(course.root) == extensions(course)  # the dashboard may pass either
    stored = json.loads((course.root / "extensions.json").read_text())
    assert stored == {MODULE: {"bo": "2026-12-04T22:00:00+00:00"}}


def test_days_count_from_the_module_due_date_replace_and_zero_removes(course, capsys):
    assert extend(course, MODULE, "bo", "--days", "1") == 0
    assert extend(course, MODULE, "bo", "--days", "2.5") == 0  # replaces, does not stack
    assert extensions(course)[("bo", MODULE)] == dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC)
    with Gradebook(course.gradebook_url) as gb:  # mirrored for formgrader once handed in
        assert gb.find_submission(MODULE, "bo").extension == dt.timedelta(days=2.5)
    assert extend(course, MODULE, "bo", "--days", "0") == 0
    assert "no extension" in capsys.readouterr().out
    assert extensions(course) == {}


def test_the_extension_counts_at_once_when_penalties_are_recomputed(course):
    from course.instructor.late_policy import apply_late_penalties

    before = apply_late_penalties(course)  # bo handed in 26 hours after the due time
    assert [(s.student_id, s.extended, s.hours_late) for s in before] == [("bo", False, 26.0)]
    assert extend(course, MODULE, "bo", "--days", "2") == 0
    after = apply_late_penalties(course)
    assert [(s.student_id, s.extended, s.hours_late) for s in after] == [("bo", True, 0.0)]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ([MODULE, "bo", "--until", "2026-12-04 17:00"], "time zone"),
        ([MODULE, "bo", "--until", "next friday"], "time zone"),
        ([MODULE, "bo", "--until", "2026-11-30T17:00:00Z"], "only give more time"),
        ([MODULE, "bo", "--days", "-1"], "0 (remove the extension) or more"),
        ([MODULE, "zed", "--days", "1"], "not on the roster"),
        ([MODULE, "../bo", "--days", "1"], "not a valid trainee id"),
        (["01-working-alliance", "bo", "--days", "1"], "alliance-course assign"),
    ],
)
def test_bad_input_is_one_line_saying_what_to_do(course, capsys, args, words):
    assert extend(course, *args) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and words in err, err
    assert not (course.root / "extensions.json").exists()
