"""Plain nbgrader autograde, and formgrader's Autograde button, never run trainees' code unsandboxed.

Both go through the Autograde preprocessors in the course's nbgrader_config.py;
outside the course's sandbox kernel, SafeExecute refuses before any kernel
starts and says to grade with ``alliance-course grade``. The submission here
would leave a file in the course folder if any of its code ran.
"""

from __future__ import annotations

import pytest

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.safe_execute import TRUSTED_OPTION
from course.instructor.submissions import fill, solution_answers, write_submission

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("plain-autograde")]
MODULE = "00-orientation"
PAYLOAD = "open('../../../RAN-UNSANDBOXED', 'w').write('x')\nlast_session_total = 0.0"


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> CourseDir:
    course = CourseDir(tmp_path_factory.mktemp("plain-autograde"))
    build(course, [MODULE])
    release = next((course.release / MODULE).glob("*.ipynb"))
    write_submission(
        fill(release, {"ex1-answer": PAYLOAD}), course.submitted, "t-1", MODULE, release.name
    )
    honest = solution_answers(course.source / MODULE / release.name)
    write_submission(fill(release, honest), course.submitted, "t-2", MODULE, release.name)
    return course


def test_plain_nbgrader_autograde_refuses_and_names_the_sandboxed_command(course):
    result = course.nbgrader("autograde", MODULE, "--create", check=False)
    said = result.stdout + result.stderr
    assert "alliance-course grade" in said, said[-2000:]
    assert not (course.root / "RAN-UNSANDBOXED").exists()
    assert not list(course.autograded.glob("*/*/*.ipynb"))


def test_the_formgrader_autograde_call_refuses_too(course):
    """Formgrader's Autograde button calls NbGraderAPI.autograde with the course's config."""
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course.root)).load_config()
    config.CourseDirectory.root = str(course.root)
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    result = api.autograde(MODULE, "t-1", force=True, create=True)
    assert not result["success"]
    assert "alliance-course grade" in (result.get("error", "") + result.get("log", ""))
    assert not (course.root / "RAN-UNSANDBOXED").exists()


def test_an_instructor_who_trusts_the_submissions_can_say_so(course):
    result = course.nbgrader("autograde", MODULE, "--create", "--student=t-2", TRUSTED_OPTION)
    assert "alliance-course grade" not in result.stdout + result.stderr
    assert list(course.autograded.glob("t-2/*/*.ipynb"))
