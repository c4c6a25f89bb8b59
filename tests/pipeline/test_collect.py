"""Canvas downloads collected again and again, from the instructor's seat.

Everything runs through the real command line in a course made by real commands
(`alliance-course build`, `students import`, `assign`, `collect`, `grade`): the
same download twice, a later download with a resubmission, an older download
after it, renamed notebooks, a stranger, a broken file, another module's
notebook and a file that is not a notebook.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from course.instructor.coursedir import CourseDir
from course.instructor.submissions import fill, solution_answers
from tests.pipeline.instructor_cli import cli

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("pipeline-collect")]
MODULE = "01-working-alliance"
NOTEBOOK = f"{MODULE}.ipynb"
OTHER = "03-client-perspective"
ROOT = Path(__file__).resolve().parents[2]
FIRST = dt.datetime(2026, 11, 30, 15, 0)
LATER = dt.datetime(2026, 12, 1, 9, 30)
ROSTER = """Student,ID,SIS User ID,SIS Login ID,Section
Points Possible,,,,
"Okafor, Ada",50001,S1,ada,Sec 1
"Lindqvist, Bo",50002,S2,bo,Sec 1
"Reyes, Cam",50003,S3,cam,Sec 1
"Ng, Dan",50004,S4,dan,Sec 1
"Ito, Eve",50005,S5,eve,Sec 1
"""


def canvas_zip(path: Path, files: list[tuple[str, str | bytes, dt.datetime]]) -> Path:
    """A download laid out as Canvas's 'Download Submissions' writes it (flat, dated entries)."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, content, when in files:
            archive.writestr(zipfile.ZipInfo(name, date_time=when.timetuple()[:6]), content)
    return path


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    """A course with module 01 assigned and the notebooks trainees hand in."""
    work = tmp_path_factory.mktemp("collect")
    cli("build", MODULE, cwd=work)
    (work / "roster.csv").write_text(ROSTER)
    cli("students", "import", "roster.csv", cwd=work)
    cli("assign", MODULE, "--due", "2026-12-01T17:00:00-05:00", cwd=work)
    course = CourseDir(work / "instructor")
    release, source = course.release / MODULE / NOTEBOOK, course.source / MODULE / NOTEBOOK
    solution = nbformat.writes(fill(release, solution_answers(source)))
    untouched = release.read_text()
    other = (ROOT / "notebooks" / OTHER / f"{OTHER}.ipynb").read_text()
    first = canvas_zip(
        work / "first.zip",
        [
            (f"okaforada_50001_9001_{NOTEBOOK}", solution, FIRST),
            ("okaforada_50001_9001_notes.pdf", b"%PDF-1.4", FIRST),
            (f"lindqvistbo_50002_9002_{NOTEBOOK}", untouched, FIRST),
            (f"reyescam_50003_9003_{MODULE} (1).ipynb", solution, FIRST),
            (f"ngdan_50004_9004_{NOTEBOOK}", "{ this is not json", FIRST),
            (f"itoeve_50005_9005_{OTHER}.ipynb", other, FIRST),
            (f"strangername_77777_9099_{NOTEBOOK}", solution, FIRST),
        ],
    )
    # Bo resubmits the model answers the next morning; Canvas adds "-1" to the name.
    later = canvas_zip(
        work / "later.zip",
        [
            (f"okaforada_50001_9001_{NOTEBOOK}", solution, FIRST),
            (f"lindqvistbo_50002_9002_{MODULE}-1.ipynb", solution, LATER),
            (f"reyescam_50003_9003_{MODULE} (1).ipynb", solution, FIRST),
        ],
    )
    return {"work": work, "course": course, "first": first, "later": later}


def _cells(course: CourseDir, student: str) -> dict:
    with Gradebook(course.gradebook_url) as gb:
        submission = gb.find_submission(MODULE, student)
        return {
            g.name: (g.auto_score, g.manual_score, g.needs_manual_grade)
            for nb in submission.notebooks
            for g in nb.grades
        }


def test_first_download_takes_every_notebook_and_says_why_each_other_file_was_refused(term):
    result = cli("collect", MODULE, "first.zip", cwd=term["work"])
    out = result.stdout
    assert f"Module {MODULE}: 3 new, 0 replaced (resubmitted), 0 unchanged, 4 refused." in out
    course = term["course"]
    for student in ("ada", "bo", "cam"):
        assert (course.submitted / student / MODULE / NOTEBOOK).is_file()
    # The renamed notebook is matched by its cells and stored under the module's name.
    assert f"cam: '{MODULE} (1).ipynb' taken as {NOTEBOOK}" in out
    assert "strangername_77777_9099" in out and "could not be matched to the roster" in out
    assert "okaforada_50001_9001_notes.pdf: not a notebook" in out
    assert "ngdan_50004_9004" in out and "not a readable notebook" in out
    assert f"it is module {OTHER}'s notebook" in out
    assert not (course.submitted / "dan").exists() and not (course.submitted / "eve").exists()
    stamp = (course.submitted / "ada" / MODULE / "timestamp.txt").read_text()
    assert stamp.startswith("2026-11-30 15:00:00")
    assert "Traceback" not in result.stderr


def test_the_same_download_again_changes_nothing(term):
    before = (term["course"].submitted / "ada" / MODULE / NOTEBOOK).stat().st_mtime_ns
    result = cli("collect", MODULE, "first.zip", cwd=term["work"])
    assert "Duplicate" not in result.stdout + result.stderr
    assert "0 new, 0 replaced (resubmitted), 3 unchanged, 4 refused." in result.stdout
    assert (term["course"].submitted / "ada" / MODULE / NOTEBOOK).stat().st_mtime_ns == before


def test_a_resubmission_replaces_the_notebook_and_its_written_grade_is_cleared(term):
    work, course = term["work"], term["course"]
    first_grading = cli("grade", MODULE, "--workers", "2", cwd=work).stdout
    assert "3 submission(s) graded" in first_grading
    # The grader scores Bo's written answer in formgrader (here through nbgrader's API).
    with Gradebook(course.gradebook_url) as gb:
        notebook = gb.find_submission_notebook(MODULE, MODULE, "bo")
        grade = next(g for g in notebook.grades if g.name == "ex10-task")
        grade.manual_score = 1.0
        comment = next(c for c in notebook.comments if c.name == "ex10-task")
        comment.manual_comment = "Name the bond too."
        gb.db.commit()
    assert _cells(course, "bo")["ex1-tests"][0] == 0

    out = cli("collect", MODULE, "later.zip", cwd=work).stdout
    assert "0 new, 1 replaced (resubmitted), 2 unchanged, 0 refused." in out
    assert "bo: grade again in formgrader (old grades cleared): ex10-task (was 1 of 4" in out
    assert f"alliance-course grade {MODULE}" in out
    cells = _cells(course, "bo")
    assert cells["ex10-task"] == (None, None, True), "the old written grade must not stay"
    cleared = json.loads((course.root / "resubmissions.json").read_text())
    assert cleared[-1]["cleared"]["ex10-task"]["comment"] == "Name the bond too."

    # Grading again picks up only the resubmission; its new code scores, the essay waits.
    regrade = cli("grade", MODULE, "--workers", "1", cwd=work).stdout
    assert "1 submission(s) graded, 2 already graded" in regrade
    cells = _cells(course, "bo")
    assert cells["ex1-tests"][0] == 2 and cells["ex9-tests"][0] == 3
    assert cells["ex10-task"][1] is None and cells["ex10-task"][2] is True
    with Gradebook(course.gradebook_url) as gb:
        assert gb.find_submission(MODULE, "bo").timestamp == LATER


def test_an_older_download_never_replaces_a_newer_submission(term):
    out = cli("collect", MODULE, "first.zip", cwd=term["work"]).stdout
    assert "0 new, 0 replaced (resubmitted), 2 unchanged, 5 refused." in out
    assert "not after the notebook already collected (2026-12-01 09:30 UTC), which is kept" in out
    kept = nbformat.read(term["course"].submitted / "bo" / MODULE / NOTEBOOK, as_version=4)
    assert "NotImplementedError" not in "".join(c.source for c in kept.cells)


def test_a_missing_or_broken_download_is_one_line_with_what_to_do(term):
    missing = cli("collect", MODULE, "nowhere.zip", cwd=term["work"], ok=False)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert missing.stderr.strip().count("\n") == 0 and "Download Submissions" in missing.stderr
    (term["work"] / "notes.zip").write_text("not a zip")
    broken = cli("collect", MODULE, "notes.zip", cwd=term["work"], ok=False)
    assert broken.returncode == 2 and "is not a zip file" in broken.stderr
    assert broken.stderr.strip().count("\n") == 0
    nowhere = str(term["work"] / "no-course")
    no_course = cli(
        "collect", MODULE, "first.zip", "--course-dir", nowhere, cwd=term["work"], ok=False
    )
    assert no_course.returncode == 2 and "alliance-course build" in no_course.stderr
    assert no_course.stderr.strip().count("\n") == 0 and not Path(nowhere).exists()
