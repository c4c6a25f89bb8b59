"""Formgrader as the instructor guide opens it (step 7): `alliance-course lab
--instructor`, typed in the project root, shows the course directory's module and
submission, and a written answer scored in the browser reaches the gradebook.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from course.instructor.coursedir import CourseDir
from course.instructor.submissions import fill, solution_answers, write_submission
from tests.browser.conftest import ARTIFACTS, ROOT, lab_environment, serving_lab

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("formgrader")]
MODULE, NOTEBOOK = "00-orientation", "00-orientation.ipynb"
CLI = str(Path(sys.executable).with_name("alliance-course"))
ESSAY = "High totals can hide polite ratings; I would ask what one thing could be better."


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> CourseDir:
    """Module 00 built, one trainee's work collected and graded, all through the CLI."""
    course = CourseDir(tmp_path_factory.mktemp("formgrader") / "instructor")
    at = ["--course-dir", str(course.root)]
    subprocess.run([CLI, "build", MODULE, *at], check=True, capture_output=True)
    answers = solution_answers(course.source / MODULE / NOTEBOOK)
    nb = fill(course.release / MODULE / NOTEBOOK, answers, {"ex3-answer": ESSAY})
    write_submission(nb, course.submitted, "ada", MODULE, NOTEBOOK)
    subprocess.run([CLI, "grade", MODULE, *at], check=True, capture_output=True)
    return course


def _submission_id(course: CourseDir) -> str:
    with Gradebook(course.gradebook_url) as gb:
        return gb.find_submission_notebook(MODULE, MODULE, "ada").id


def test_written_answer_scored_in_formgrader_reaches_the_gradebook(course, page, tmp_path):
    before = set(os.listdir(ROOT))
    command = [CLI, "lab", "--instructor", "--course-dir", str(course.root)]
    env = lab_environment(tmp_path, "instructor")
    with serving_lab(command, course.root, ROOT, env, tmp_path) as lab:
        page.goto(f"{lab.url}/formgrader/manage_assignments?token={lab.token}")
        row = page.locator("tr", has_text=MODULE)
        row.wait_for(timeout=60_000)
        assert "released" in row.inner_text().lower() or MODULE in row.inner_text()
        page.goto(f"{lab.url}/formgrader/gradebook/{MODULE}/{MODULE}")
        link = page.locator(f"a[href*='/formgrader/submissions/{_submission_id(course)}']")
        link.first.wait_for(state="attached", timeout=60_000)
        page.goto(f"{lab.url}/formgrader/submissions/{_submission_id(course)}")
        score = page.locator("input.score#ex3-task")
        score.wait_for(timeout=60_000)
        assert ESSAY[:40] in page.content()
        # The score boxes are bound to their gradebook rows only once the page's
        # grades have loaded; a score typed before then is silently reset.
        page.wait_for_function("() => window.formgrader?.grades?.loaded === true")
        score.fill("2")
        with page.expect_response(lambda r: r.request.method == "PUT", timeout=30_000):
            score.press("Tab")  # formgrader saves a score when the field loses focus
        deadline = time.monotonic() + 30
        while _written_grade(course) != (2.0, False) and time.monotonic() < deadline:
            time.sleep(0.5)
        page.screenshot(path=str(ARTIFACTS / "formgrader-written-answer.png"))
    assert set(os.listdir(ROOT)) == before, "formgrader wrote into the project root"
    assert _written_grade(course) == (2.0, False), "the score typed in formgrader was not saved"


def _written_grade(course: CourseDir) -> tuple:
    with Gradebook(course.gradebook_url) as gb:
        task = gb.find_grade("ex3-task", MODULE, MODULE, "ada")
        return task.manual_score, task.needs_manual_grade
