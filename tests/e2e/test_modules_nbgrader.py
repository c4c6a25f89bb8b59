"""Every module through the real nbgrader CLI, in the style of nbgrader's own tests/apps.

For each module folder in notebooks/: generate the student version, hand in the
solution for two trainee ids, the untouched release, and each simulated profile
in data/submissions/<module>.yaml, autograde them all, and generate feedback.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import nbformat
import pandas as pd
import pytest

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.leakcheck import find_leaks
from course.instructor.results import cell_scores, failure_messages
from course.instructor.safe_execute import TRUSTED_OPTION as TRUSTED
from course.instructor.submissions import fill, load_profiles, solution_answers, write_submission
from course.modules import folders

pytestmark = pytest.mark.e2e
SOLUTION_IDS = ["trainee-ana", "trainee-ben"]
BLANK_ID = "trainee-blank"


@dataclass
class GradedModule:
    course: CourseDir
    module: str
    cells: pd.DataFrame
    profiles: dict

    def autograded(self, student: str) -> pd.DataFrame:
        rows = self.cells[(self.cells.student_id == student) & (self.cells.kind == "auto")]
        assert not rows.empty, f"no autograded cells recorded for {student}"
        return rows.set_index("cell")

    def messages(self, student: str) -> dict[str, str]:
        out = {}
        for nb in (self.course.autograded / student / self.module).glob("*.ipynb"):
            out.update(failure_messages(nb))
        return out


@pytest.fixture(
    scope="module",
    # One xdist group per module: its fixture (build + autograde) then runs once.
    params=[pytest.param(m, marks=pytest.mark.xdist_group(m)) for m in folders()],
)
def graded(request, tmp_path_factory) -> GradedModule:
    module = request.param
    course = CourseDir(tmp_path_factory.mktemp(module))
    build(course, [module])
    profiles = load_profiles(module)
    for release_nb in sorted((course.release / module).glob("*.ipynb")):
        solutions = solution_answers(course.source / module / release_nb.name)
        for student in SOLUTION_IDS:
            write_submission(
                fill(release_nb, solutions), course.submitted, student, module, release_nb.name
            )
        write_submission(fill(release_nb, {}), course.submitted, BLANK_ID, module, release_nb.name)
        for name, spec in profiles.items():
            nb = fill(release_nb, spec.get("answers", {}), spec.get("written", {}))
            write_submission(nb, course.submitted, f"profile-{name}", module, release_nb.name)
    course.nbgrader("autograde", module, "--create", TRUSTED)
    return GradedModule(course, module, cell_scores(course.gradebook_url, module), profiles)


def test_release_has_student_stubs_and_no_secrets(graded):
    shipped = sorted(
        p.name for p in (graded.course.release / graded.module).rglob("*") if p.is_file()
    )
    assert not [name for name in shipped if name.endswith(".md")], (
        f"MyST source released: {shipped}"
    )
    for nb_path in (graded.course.release / graded.module).glob("*.ipynb"):
        text = nb_path.read_text()
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "BEGIN MARK SCHEME"):
            assert marker not in text, f"{marker} left in {nb_path.name}"
        nb = nbformat.read(nb_path, as_version=4)
        answers = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
        # Each answer cell shows its starter (blanks written ...) or nbgrader's stub.
        stubs = [c.metadata.get("starter") or "YOUR" for c in answers]
        assert answers and all(stub in c.source for stub, c in zip(stubs, answers, strict=True))


@pytest.mark.parametrize("student", SOLUTION_IDS)
def test_solution_earns_every_autograded_point(graded, student):
    rows = graded.autograded(student)
    missed = rows[rows.score < rows.max_score]
    assert missed.empty, (
        f"{student} lost points on {list(missed.index)}: {graded.messages(student)}"
    )


def test_two_trainees_get_different_data(graded):
    texts = []
    for student in SOLUTION_IDS:
        nb = next((graded.course.autograded / student / graded.module).glob("*.ipynb"))
        outputs = [
            str(o.get("data", o.get("text", "")))
            for c in nbformat.read(nb, as_version=4).cells
            if c.cell_type == "code"
            for o in c.get("outputs", [])
        ]
        texts.append("".join(outputs))
    assert texts[0] != texts[1], "both trainees saw identical outputs: data is not per trainee"


def test_untouched_release_scores_zero(graded):
    rows = graded.autograded(BLANK_ID)
    assert rows.score.sum() == 0
    assert rows.max_score.sum() > 0


def test_manual_items_wait_for_a_grader(graded):
    manual = graded.cells[graded.cells.kind == "manual"]
    assert not manual.empty, "every module needs at least one manually graded item"
    assert manual.needs_manual_grade.all()


def test_profiles_get_partial_credit_and_teaching_messages(graded):
    assert graded.profiles, f"{graded.module} needs a typical-mistakes profile in data/submissions"
    for name, spec in graded.profiles.items():
        student = f"profile-{name}"
        rows = graded.autograded(student)
        for cell, outcome in spec.get("expect", {}).items():
            got, full = rows.loc[cell, "score"], rows.loc[cell, "max_score"]
            wanted = {"full": full, "zero": 0}.get(outcome, outcome)
            assert got == wanted, f"{name}: {cell} scored {got}, expected {outcome}"
        messages = graded.messages(student)
        for cell, text in spec.get("messages", {}).items():
            assert text in messages.get(cell, ""), (
                f"{name}: {cell} should teach {text!r}; it said {messages.get(cell)!r}"
            )


def test_typical_mistakes_earn_partial_credit(graded):
    rows = graded.autograded("profile-typical_mistakes")
    assert 0 < rows.score.sum() < rows.max_score.sum()


def test_feedback_teaches_without_leaking_hidden_tests_or_rubrics(graded):
    graded.course.nbgrader("generate_feedback", graded.module, "--force")
    pages = list(graded.course.feedback.glob(f"*/{graded.module}/*.html"))
    assert len(pages) >= 3, "feedback HTML for each graded submission"
    sources = sorted((graded.course.source / graded.module).glob("*.ipynb"))
    leaks = find_leaks(sources, graded.course.feedback, kinds=("hidden test", "mark scheme"))
    assert leaks == [], [str(leak) for leak in leaks[:5]]
    for name, spec in graded.profiles.items():
        page = next(graded.course.feedback.glob(f"profile-{name}/{graded.module}/*.html"))
        text = page.read_text()
        for message in spec.get("messages", {}).values():
            assert html.escape(message, quote=False) in text or message in text
