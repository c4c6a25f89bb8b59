"""A PostgreSQL gradebook: concurrent graders lose nothing and agree with SQLite."""

import shutil
import threading

import pandas as pd
import pytest

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.demo import make_submissions
from course.instructor.grade import grade, submitted_students
from course.instructor.results import cell_scores

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("pipeline-postgres")]
MODULE = "00-orientation"


def test_two_concurrent_graders_on_postgres_lose_nothing(tmp_path, postgres_url):
    course = CourseDir(tmp_path / "course", postgres_url)
    build(course, [MODULE])
    plan = make_submissions(course, MODULE, 6)
    students = submitted_students(course, MODULE)
    halves = [students[::2], students[1::2]]
    errors = []

    def grader(subset):
        try:
            grade(course, MODULE, workers=1, progress=False, students=subset)
        except Exception as err:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(err)

    threads = [threading.Thread(target=grader, args=(h,)) for h in halves]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    on_postgres = cell_scores(course.gradebook_url, MODULE)
    assert sorted(on_postgres.student_id.unique()) == sorted(plan)
    assert on_postgres.groupby("student_id").size().nunique() == 1, "every trainee has every cell"

    sqlite = CourseDir(tmp_path / "sqlite-copy")
    shutil.copytree(
        course.root, sqlite.root, ignore=shutil.ignore_patterns("autograded", "feedback")
    )
    build(sqlite, [MODULE])
    grade(sqlite, MODULE, workers=2, progress=False)
    key = ["student_id", "cell"]
    pd.testing.assert_frame_equal(
        on_postgres.sort_values(key).reset_index(drop=True),
        cell_scores(sqlite.gradebook_url, MODULE).sort_values(key).reset_index(drop=True),
    )
