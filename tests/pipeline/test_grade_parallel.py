"""`alliance-course grade` in parallel gives exactly the grades of sequential `nbgrader autograde`."""

import shutil

import pandas as pd
import pytest

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.demo import make_submissions
from course.instructor.grade import grade
from course.instructor.results import cell_scores
from course.instructor.safe_execute import TRUSTED_OPTION as TRUSTED

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("pipeline-grade")]
MODULE = "00-orientation"


@pytest.fixture(scope="module")
def two_courses(tmp_path_factory):
    """Two identical course directories holding the same four submissions."""
    first = CourseDir(tmp_path_factory.mktemp("sequential"))
    build(first, [MODULE])
    plan = make_submissions(first, MODULE, 4)
    second = CourseDir(tmp_path_factory.mktemp("parallel"))
    shutil.copytree(first.root, second.root, dirs_exist_ok=True)
    return first, second, plan


def _scores(course: CourseDir) -> pd.DataFrame:
    cells = cell_scores(course.gradebook_url, MODULE)
    return cells.sort_values(["student_id", "cell"]).reset_index(drop=True)


def test_parallel_grades_equal_sequential_nbgrader(two_courses):
    sequential, parallel, plan = two_courses
    sequential.nbgrader("autograde", MODULE, "--create", TRUSTED, check=False)
    report = grade(parallel, MODULE, workers=2, progress=False)
    assert set(report.seconds) == set(plan)
    pd.testing.assert_frame_equal(_scores(sequential), _scores(parallel))
    assert _scores(parallel)["score"].sum() > 0


def test_graded_submissions_are_left_alone_unless_forced(two_courses):
    _, parallel, plan = two_courses
    if not (parallel.autograded).exists():
        grade(parallel, MODULE, workers=2, progress=False)
    again = grade(parallel, MODULE, workers=2, progress=False)
    assert again.seconds == {} and sorted(again.skipped) == sorted(plan)
    assert "already graded" in again.summary()
    forced = grade(parallel, MODULE, workers=2, force=True, progress=False)
    assert set(forced.seconds) == set(plan)


def test_dask_cluster_on_loopback_gives_identical_grades(two_courses, tmp_path):
    from distributed import LocalCluster

    sequential, _, plan = two_courses
    if not sequential.autograded.exists():
        sequential.nbgrader("autograde", MODULE, "--create", TRUSTED, check=False)
    on_dask = CourseDir(tmp_path / "dask")
    shutil.copytree(
        sequential.root,
        on_dask.root,
        ignore=shutil.ignore_patterns("autograded", "feedback", "gradebook.db"),
    )
    build(on_dask, [MODULE])
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        report = grade(on_dask, MODULE, scheduler=cluster.scheduler_address, progress=False)
    assert set(report.seconds) == set(plan)
    pd.testing.assert_frame_equal(_scores(sequential), _scores(on_dask))


def test_grading_into_a_gradebook_without_the_module_is_refused_in_one_line(tmp_path):
    """A term built in SQLite, then graded with --db elsewhere: one line saying what to do."""
    from tests.pipeline.instructor_cli import cli

    other = f"sqlite:///{tmp_path / 'other.db'}"
    result = cli("grade", "00-orientation", "--db", other, cwd=tmp_path, ok=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "00-orientation is not in the gradebook" in line and "same --db" in line
