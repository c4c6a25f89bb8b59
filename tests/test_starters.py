"""Answer cells with a starter: the trainee sees the lines to complete, not
``raise NotImplementedError()``, and a blank left in them gets a plain message.

Module 03's three classification exercises carry starters; the release is made
by nbgrader's ``generate_assignment`` through ``alliance-course build``, as an
instructor makes it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course.grading import CheckFailed, expect_choice, expect_keys
from course.instructor.coursedir import CourseDir
from course.instructor.myst import SourceError, expand
from course.modules import get

MODULE = get("03")
STARTED = {
    "ex1-answer": "quality_labels",
    "ex2-answer": "theme_labels",
    "ex3-answer": "match_labels",
}


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    course = CourseDir(tmp_path_factory.mktemp("course"))
    command = [str(Path(sys.executable).with_name("alliance-course")), "build", MODULE.folder]
    subprocess.run(command + ["--course-dir", str(course.root)], check=True, capture_output=True)
    source = nbformat.read(course.source / MODULE.folder / MODULE.notebook, as_version=4)
    released = nbformat.read(course.release / MODULE.folder / MODULE.notebook, as_version=4)
    return {c.id: c for c in source.cells}, {c.id: c for c in released.cells}


def test_release_shows_each_starter_where_the_model_answer_was(release):
    source, released = release
    for cell_id, name in STARTED.items():
        shown = released[cell_id].source
        assert shown == source[cell_id].metadata["starter"], cell_id
        assert shown.startswith(f"{name} = {{") and "..." in shown, shown
        assert "NotImplementedError" not in shown and "BEGIN SOLUTION" not in shown
    answers = [c for c in released.values() if c.metadata.get("nbgrader", {}).get("solution")]
    for cell in (c for c in answers if c.cell_type == "code"):
        starter = source[cell.id].metadata.get("starter")
        shown_as_meant = cell.source == starter if starter else "NotImplementedError" in cell.source
        assert shown_as_meant and "BEGIN SOLUTION" not in cell.source, cell.id


def test_a_blank_left_in_a_starter_gets_a_plain_message(release):
    _, released = release
    found: dict = {}
    exec(released["ex1-answer"].source, found)  # the untouched starter, as released
    with pytest.raises(CheckFailed, match=r"`quality_labels` still has a blank \(\.\.\.\)"):
        expect_keys(found["quality_labels"], ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"], "quality_labels")
    found["quality_labels"] = {**found["quality_labels"], "Q1": "trust"}
    with pytest.raises(CheckFailed, match=r"replace the \.\.\. with your answer"):
        expect_choice(found["quality_labels"]["Q2"], ["trust", "congruence"], "Q2")


def test_only_an_answer_cell_takes_a_starter():
    cell = nbformat.v4.new_code_cell("from course import x")
    cell.metadata["grade"] = {"id": "setup", "kind": "code", "starter": "x = ..."}
    with pytest.raises(SourceError, match="only an answer cell can have a starter"):
        expand(cell)
