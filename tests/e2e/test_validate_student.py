"""``alliance-course validate`` grades a notebook as the trainee who wrote it.

Every trainee's data, and so every expected answer, is simulated from their id.
A notebook holding one trainee's literal answer passes as that trainee and fails
as anyone else; the id comes from ``--student`` or from a Canvas download's
file name (its Canvas user id, looked up in the course's roster), and without
either the command refuses in one line rather than grade against the wrong data.
"""

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course.instructor.coursedir import CourseDir
from course.instructor.submissions import fill, solution_answers
from course.modules.m00 import SRS_LINES, practice_srs

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("validate-student")]
PROJECT = Path(__file__).resolve().parents[2]
MODULE, NOTEBOOK = "00-orientation", "00-orientation.ipynb"


def alliance(root: Path, *args: str) -> subprocess.CompletedProcess:
    """``alliance-course ARGS --course-dir root/instructor``, run in ``root`` as an instructor would."""
    env = {
        **os.environ,
        "ALLIANCE_COURSE_PROJECT": str(PROJECT),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    command = [sys.executable, "-m", "course.cli", *args, "--course-dir", str(root / "instructor")]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=600)


def scores(stdout: str) -> dict[str, tuple[float, float]]:
    """Autograded cell -> (score, max score), from the table ``validate`` prints."""
    rows = [line.split() for line in stdout.splitlines() if line.strip()]
    return {row[0]: (float(row[2]), float(row[3])) for row in rows if row[1:2] == ["auto"]}


@pytest.fixture(scope="module")
def ada_notebook(tmp_path_factory):
    """A course with a roster, and a notebook whose exercise 1 is Ada's own number, typed in."""
    root = tmp_path_factory.mktemp("validate-student")
    assert alliance(root, "build", MODULE).returncode == 0
    roster = root / "roster.csv"
    roster.write_text(
        "id,first_name,last_name,email,lms_id\nada,Ada,Okafor,,50001\nbo,Bo,L,,50002\n"
    )
    assert alliance(root, "students", "import", str(roster)).returncode == 0
    course = CourseDir(root / "instructor")
    marks = practice_srs("ada").drop(columns="total")
    own_total = float(marks.iloc[-1][SRS_LINES].sum())
    answers = solution_answers(course.source / MODULE / NOTEBOOK)
    answers["ex1-answer"] = f"last_session_total = {own_total}"
    nb = fill(course.release / MODULE / NOTEBOOK, answers)
    mail = root / "mail"
    mail.mkdir()
    nbformat.write(nb, mail / "mine.ipynb")
    nbformat.write(nb, mail / f"okaforada_50001_9001_{NOTEBOOK}")  # Canvas's download name
    nbformat.write(nb, mail / f"strangername_77777_9004_{NOTEBOOK}")
    return root, mail


def test_without_an_id_it_says_to_pass_student_in_one_line(ada_notebook):
    root, mail = ada_notebook
    result = alliance(root, "validate", MODULE, str(mail / "mine.ipynb"))
    assert result.returncode == 2
    err = result.stderr.strip()
    assert err.count("\n") == 0 and "--student" in err, err


def test_a_canvas_name_not_on_the_roster_says_to_pass_student_in_one_line(ada_notebook):
    root, mail = ada_notebook
    result = alliance(root, "validate", MODULE, str(mail / f"strangername_77777_9004_{NOTEBOOK}"))
    assert result.returncode == 2
    err = result.stderr.strip()
    assert err.count("\n") == 0 and "77777" in err and "--student" in err, err


def test_an_invalid_student_id_is_one_line(ada_notebook):
    root, mail = ada_notebook
    result = alliance(root, "validate", MODULE, str(mail / "mine.ipynb"), "--student", "../etc")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "not a valid trainee id" in result.stderr


def test_graded_as_another_trainee_her_number_is_wrong(ada_notebook):
    root, mail = ada_notebook
    result = alliance(root, "validate", MODULE, str(mail / "mine.ipynb"), "--student", "bo")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "as trainee bo" in result.stdout
    graded = scores(result.stdout)
    assert graded.pop("ex1-tests")[0] == 0, result.stdout  # Ada's total is not Bo's
    assert graded and all(score == top for score, top in graded.values()), result.stdout


def test_a_canvas_download_is_graded_as_the_trainee_its_name_names(ada_notebook):
    root, mail = ada_notebook
    result = alliance(root, "validate", MODULE, str(mail / f"okaforada_50001_9001_{NOTEBOOK}"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "as trainee ada" in result.stdout
    graded = scores(result.stdout)
    assert "ex1-tests" in graded and all(s == top for s, top in graded.values()), result.stdout
