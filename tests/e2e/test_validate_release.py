"""Plain ``nbgrader validate`` on what a trainee holds: the release, filled with the model answers.

This is the trainee's Validate button without the browser: it must say
"Success!" for correct work for every trainee (each has their own simulated
data), report the failing cells of an untouched release, and never crash or
show a Python traceback for a typical mistake.

Per module, one ``nbgrader validate`` call (one process, one kernel per
notebook) validates twelve trainees' notebooks, the typical-mistakes profile
and the untouched release. Each notebook sits in ``autograded/<id>/<module>/``,
the folder from which :func:`course.identity` reads the id while grading, so
each kernel makes that trainee's data. (A laptop trainee's id comes from
``ALLIANCE_STUDENT_ID`` or ``whoami``; the browser walk validates that way.)
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys

import nbformat
import pytest

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.submissions import fill, load_profiles, solution_answers
from course.lab import write_trainee_config
from course.modules import MODULES

pytestmark = pytest.mark.e2e
SUCCESS = "Success! Your notebook passes all the tests."
# Ids of every shape the course accepts; seeded so a failure names ids that reproduce it.
_rng = random.Random(13)
TRAINEES = [f"trainee-{_rng.randrange(10**6):06d}" for _ in range(8)] + [
    "s1234567",
    "ana.lopez@uni.example",
    "x_42+b",
    "T-0",
]
MISTAKES, UNTOUCHED = "profile-typical_mistakes", "untouched-release"


def _validate(notebooks) -> str:
    # Unbuffered and merged, so each notebook's result follows its "Validating" line.
    env = {k: v for k, v in os.environ.items() if k != "ALLIANCE_STUDENT_ID"}
    env["PYTHONUNBUFFERED"] = "1"
    # The configuration folder a trainee's JupyterLab reads, Validate button included.
    config = write_trainee_config(notebooks[0].parents[3] / "trainee-jupyter-config")
    env["JUPYTER_CONFIG_PATH"] = str(config)
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", "validate", *map(str, notebooks)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=notebooks[0].parent,
        env=env,
        timeout=1200,
    )
    return result.stdout


def _per_trainee(output: str) -> dict[str, str]:
    """nbgrader's report for each notebook, by the trainee id in its folder."""
    parts = re.split(r"\[ValidateApp \| INFO\] Validating '[^']*/autograded/([^/']+)/", output)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.fixture(
    scope="module",
    # One xdist group per module: its one validate call then runs once, on one worker.
    params=[
        pytest.param(m, marks=pytest.mark.xdist_group(f"validate-{m.folder}"), id=m.folder)
        for m in MODULES
    ],
)
def reports(request, tmp_path_factory) -> dict[str, str]:
    """One ``nbgrader validate`` call per module: twelve trainees with the model answers,
    the typical-mistakes profile and the untouched release; each report by folder name."""
    module = request.param
    released = CourseDir(tmp_path_factory.mktemp("course"))
    build(released, [module.folder])
    release = released.release / module.folder / module.notebook
    answers = solution_answers(released.source / module.folder / module.notebook)
    mistakes = load_profiles(module.folder)["typical_mistakes"]
    notebooks = {student: fill(release, answers) for student in TRAINEES}
    notebooks[MISTAKES] = fill(release, mistakes.get("answers", {}), mistakes.get("written", {}))
    notebooks[UNTOUCHED] = nbformat.read(release, as_version=4)
    paths = []
    for student, nb in notebooks.items():
        work = tmp_path_factory.mktemp("validate") / "autograded" / student / module.folder
        work.mkdir(parents=True)
        nbformat.write(nb, work / module.notebook)
        paths.append(work / module.notebook)
    output = _validate(paths)
    found = _per_trainee(output)
    assert sorted(found) == sorted(notebooks), output[-3000:]
    return found


def test_model_answers_validate_for_twelve_trainees(reports):
    failed = {s: reports[s][-1500:] for s in TRAINEES if SUCCESS not in reports[s]}
    assert failed == {}, f"Validate did not say Success for {sorted(failed)}: {failed}"
    assert not [s for s, r in reports.items() if "partial credit" in r]


def test_typical_mistakes_validate_with_messages_not_tracebacks(reports):
    report = reports[MISTAKES]
    assert SUCCESS in report or "VALIDATION FAILED ON" in report, report[-3000:]
    assert "Traceback" not in report, f"a traceback instead of the course's message:\n{report}"


def test_an_untouched_release_reports_its_unanswered_cells(reports):
    report = reports[UNTOUCHED]
    assert "VALIDATION FAILED ON" in report and SUCCESS not in report, report[-3000:]
    assert "Traceback" not in report
