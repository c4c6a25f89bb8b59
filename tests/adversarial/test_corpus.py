"""Adversarial submissions of the pilot module, graded by the real pipeline in the sandbox.

Each kind in ``corpus.yaml`` is one way a submission can be broken or hostile.
All of them are handed in together with honest submissions (full, half and
blank) and a "canary" trainee, graded in one batch (real nbgrader, kernels
under bubblewrap), and then each kind is checked: it earns no more than its
honest autograded points, its feedback says what happened, the batch went on,
and the files it attacked are unchanged.

The batch is graded twice where the tests run as root: by root
(``course.instructor.grade.grade``, each kernel with a uid of its own) and by
an ordinary account (``nobody`` running ``alliance-course grade`` from its own
venv on a course directory it owns: unprivileged bubblewrap, no root
anywhere). Every test runs on both, and the honest submissions get the same
grades from both.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.grade import grade
from course.instructor.results import autograded_totals
from course.instructor.sandbox import SandboxUnavailable, check_available
from course.instructor.submissions import fill, solution_answers, write_submission
from course.yamlfile import read_yaml
from tests.adversarial.ordinary import IS_ROOT, make_grader

pytestmark = [pytest.mark.adversarial, pytest.mark.xdist_group("adversarial")]
MODULE = "00-orientation"
CORPUS = read_yaml(Path(__file__).with_name("corpus.yaml"))
KINDS = CORPUS["kinds"]
HONEST, CANARY = "trainee-honest", "canary-trainee"
# Honest work of every quality (the answer cells each one fills in): the ordinary
# account must give each the root grader's grade.
PARTIAL = {"trainee-half": ["ex1-answer"], "trainee-blank": []}
# Where the tests run as root, both graders; as an ordinary user, that user only.
GRADERS = ["root", "ordinary"] if IS_ROOT else ["ordinary"]
# Short limits keep the run quick; they are the limits under test, not defaults.
LIMITS = """
c.ExecutePreprocessor.timeout = 8
c.SafeExecute.notebook_timeout = 40
c.SafeExecute.max_cell_output_bytes = 200_000
"""


def _tampered(release: Path, spec: dict, course_root: Path) -> str:
    """The submitted file's text for one kind."""
    if "raw" in spec:
        return spec["raw"]
    nb = fill(release, spec.get("answers", {}))
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in spec.get("replace", {}):
            cell.source = spec["replace"][grade_id]
    deleted = set(spec.get("delete", []))
    nb.cells = [
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in deleted
    ]
    added = spec.get("added_cell")
    if added:
        index = next(
            i
            for i, c in enumerate(nb.cells)
            if c.metadata.get("nbgrader", {}).get("grade_id") == added["after"]
        )
        cell = nbformat.v4.new_code_cell(added["source"].replace("{course_root}", str(course_root)))
        cell.metadata["nbgrader"] = dict(added["nbgrader"])
        nb.cells.insert(index + 1, cell)
    change = spec.get("notebook", {})
    if "duplicate_id" in change:
        index = next(
            i
            for i, c in enumerate(nb.cells)
            if c.metadata.get("nbgrader", {}).get("grade_id") == change["duplicate_id"]
        )
        twin = copy.deepcopy(nb.cells[index])
        twin.source = "last_session_total = 40.0"
        nb.cells.insert(index + 1, twin)
    text = nbformat.writes(nb)
    if "nbformat" in change:
        raw = json.loads(text)
        raw["nbformat"], raw["nbformat_minor"] = change["nbformat"], 0
        text = json.dumps(raw)
    return text


def _hand_in(folder: Path, release: Path, spec: dict) -> None:
    """Write one kind's submission: the notebook and whatever it puts beside it."""
    folder.mkdir(parents=True)
    (folder / release.name).write_text(_tampered(release, spec, folder.parents[2]))
    for name, text in spec.get("files", {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    for name, target in spec.get("symlinks", {}).items():
        (folder / name).symlink_to(target)
    for name in spec.get("fifos", []):
        os.mkfifo(folder / name)
    for n in range(spec.get("many_files", 0)):
        (folder / f"note-{n}.txt").write_text("x")


def _fingerprint(path: Path) -> str:
    """Names and contents under ``path``; a link counts as its target's name, never its content."""
    digest = hashlib.sha256()
    entries = sorted(path.rglob("*")) if path.is_dir() else [path]
    for entry in entries:
        digest.update(str(entry.relative_to(path.parent)).encode())
        if entry.is_symlink():
            digest.update(os.readlink(entry).encode())
        elif entry.is_file():
            digest.update(entry.read_bytes())
    return digest.hexdigest()


def _canary_paths(course: CourseDir) -> dict[str, Path]:
    return {
        "gradebook.db": course.root / "gradebook.db",
        "notebooks": course.source,
        "submitted": course.submitted,
        "release": course.release,
        "autograded/canary-trainee": course.autograded / CANARY,
    }


class Graded:
    def __init__(self, course: CourseDir, summary: str, before: dict[str, str]):
        self.course, self.summary, self.before = course, summary, before
        self.totals = autograded_totals(course.gradebook_url, MODULE)
        self.failures = dict(re.findall(r"^  (\S+): could not be graded \((.*)\);", summary, re.M))

    def auto_points(self, student: str) -> float:
        rows = self.totals[self.totals.student_id == student]
        return float(rows.auto_points.sum()) if not rows.empty else 0.0

    def feedback_text(self, student: str) -> str:
        """What the trainee and instructor see: graded outputs plus the grading summary line."""
        parts = [line for line in self.summary.splitlines() if f" {student}:" in line]
        for nb in (self.course.autograded / student / MODULE).glob("*.ipynb"):
            parts.append(nb.read_text(errors="replace"))
        return "\n".join(parts)


def _prepare(root: Path) -> tuple[CourseDir, dict[str, str]]:
    """A course with every kind handed in, the canary already graded, fingerprints taken."""
    course = CourseDir(root)
    build(course, [MODULE])
    with open(course.root / "nbgrader_config.py", "a") as config:
        config.write(LIMITS)
    release = next((course.release / MODULE).glob("*.ipynb"))
    honest = solution_answers(course.source / MODULE / release.name)
    for student in (HONEST, CANARY):
        write_submission(fill(release, honest), course.submitted, student, MODULE, release.name)
    for student, kept in PARTIAL.items():
        answers = {cell: code for cell, code in honest.items() if cell in kept}
        write_submission(fill(release, answers), course.submitted, student, MODULE, release.name)
    # The canary is graded first, on its own, so its autograded copy exists to be attacked.
    grade(course, MODULE, workers=1, students=[CANARY], progress=False)
    for kind, spec in KINDS.items():
        _hand_in(course.submitted / kind.replace("_", "-") / MODULE, release, spec)
    before = {name: _fingerprint(path) for name, path in _canary_paths(course).items()}
    before.pop("gradebook.db")  # grading writes to it; checked by content below instead
    return course, before


def _grade_as_ordinary_account(course: CourseDir) -> str:
    """``alliance-course grade`` run by an ordinary account, on a course directory it owns."""
    grader = make_grader("alliance-ordinary-grader-")
    try:
        grader.give(course.root)
        argv = ["alliance-course", "grade", MODULE, "--workers", "2"]
        result = grader.run([*argv, "--course-dir", str(course.root)], cwd=course.root)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
        return result.stdout
    finally:
        shutil.rmtree(grader.base, ignore_errors=True)


_RUNS: dict[str, Graded] = {}
_OUTSIDE_PYTEST: list[Path] = []  # folders pytest does not clean up


@pytest.fixture(scope="module", autouse=True)
def _remove_outside_folders():
    yield
    for folder in _OUTSIDE_PYTEST:
        shutil.rmtree(folder, ignore_errors=True)


def _run(who: str, tmp_path_factory) -> Graded:
    """One batch per grader, graded once per test session."""
    if who not in _RUNS:
        try:
            check_available()
        except SandboxUnavailable as reason:
            pytest.fail(
                f"the sandbox must run where the tests run (make test installs it): {reason}"
            )
        if who == "ordinary" and IS_ROOT:
            # Under /tmp, not pytest's private folder, so the grader account can reach it.
            base = Path(tempfile.mkdtemp(prefix="alliance-ordinary-course-", dir="/tmp"))
            base.chmod(0o755)
            _OUTSIDE_PYTEST.append(base)
            course, before = _prepare(base / "course")
            summary = _grade_as_ordinary_account(course)
        else:
            course, before = _prepare(tmp_path_factory.mktemp(f"adversarial-{who}"))
            summary = grade(course, MODULE, workers=2, progress=False).summary()
        _RUNS[who] = Graded(course, summary, before)
    return _RUNS[who]


@pytest.fixture(scope="module", params=GRADERS)
def graded(request, tmp_path_factory) -> Graded:
    return _run(request.param, tmp_path_factory)


@pytest.mark.skipif(not IS_ROOT, reason="compares the root grader's grades with an ordinary one's")
def test_ordinary_account_gives_honest_work_the_root_graders_grades(tmp_path_factory):
    honest = [HONEST, CANARY, *PARTIAL]
    root, ordinary = (
        _run(who, tmp_path_factory).totals.set_index("student_id").loc[honest, "auto_points"]
        for who in ("root", "ordinary")
    )
    assert list(ordinary) == list(root)
    assert root["trainee-blank"] < root["trainee-half"] < root[HONEST]


def test_honest_submission_in_the_same_batch_gets_full_marks(graded):
    totals = graded.totals.set_index("student_id")
    assert totals.loc[HONEST, "auto_points"] == totals.loc[HONEST, "auto_max"] > 0


def test_every_kind_was_graded_or_reported_and_the_batch_went_on(graded):
    seen = set(graded.totals.student_id) | set(graded.failures)
    missing = {k.replace("_", "-") for k in KINDS} - seen
    assert not missing


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_kind_earns_no_more_than_it_deserves_and_says_why(graded, kind):
    student, expect = kind.replace("_", "-"), KINDS[kind]["expect"]
    points = graded.auto_points(student)
    assert points <= expect["max_auto_points"], f"{kind} earned {points}"
    assert points >= expect.get("min_auto_points", 0), f"{kind} lost points it had earned"
    assert expect["feedback"] in graded.feedback_text(student)


@pytest.mark.parametrize("kind", sorted(k for k in KINDS if KINDS[k]["expect"].get("untouched")))
def test_attacked_files_are_unchanged(graded, kind):
    paths = _canary_paths(graded.course)
    for name in KINDS[kind]["expect"]["untouched"]:
        assert paths[name].exists(), f"{kind} removed {name}"
        if name in graded.before:
            assert _fingerprint(paths[name]) == graded.before[name], f"{kind} changed {name}"
    canary = graded.totals.set_index("student_id").loc[CANARY]
    assert canary.auto_points == canary.auto_max


def test_no_file_outside_the_sandboxes_changed(graded):
    """Checksums of the source, release, every submission and the canary's graded copy."""
    paths = _canary_paths(graded.course)
    changed = [
        name for name, digest in graded.before.items() if _fingerprint(paths[name]) != digest
    ]
    assert not changed


def test_no_trainee_file_ran_outside_the_sandbox(graded):
    """Payloads handed in beside a notebook leave a PWNED-* file if they ran with the grader's rights."""
    assert sorted(p.name for p in graded.course.root.rglob("PWNED-*")) == []


def test_gradebook_is_consistent_one_submission_per_trainee_with_every_cell(graded):
    from nbgrader.api import Gradebook

    with Gradebook(graded.course.gradebook_url) as gb:
        notebooks = gb.find_assignment(MODULE).notebooks
        cells = {c.name for nb in notebooks for c in [*nb.grade_cells, *nb.task_cells]}
        students = [s.student.id for s in gb.assignment_submissions(MODULE)]
        assert len(students) == len(set(students))
        for submission in gb.assignment_submissions(MODULE):
            if submission.student.id in graded.failures:
                continue
            graded_cells = {g.name for nb in submission.notebooks for g in nb.grades}
            assert graded_cells == cells, submission.student.id
            for nb in submission.notebooks:
                for g in nb.grades:
                    assert g.score is None or 0 <= g.score <= g.max_score


def _hidden_test_lines(course: CourseDir) -> set[str]:
    lines, hidden = set(), False
    for nb_path in (course.source / MODULE).glob("*.ipynb"):
        for cell in nbformat.read(nb_path, as_version=4).cells:
            for line in cell.source.splitlines():
                if "BEGIN HIDDEN TESTS" in line or "END HIDDEN TESTS" in line:
                    hidden = "BEGIN" in line
                elif hidden and len(line.strip()) > 12:
                    lines.add(line.strip())
    return lines


def test_no_hidden_test_line_appears_in_any_output(graded):
    """Whatever a submission did, no output of its graded notebook shows a hidden test."""
    hidden = _hidden_test_lines(graded.course)
    assert hidden, "the module has hidden tests to look for"
    for nb_path in graded.course.autograded.glob(f"*/{MODULE}/*.ipynb"):
        shown = json.dumps([c.get("outputs", []) for c in nbformat.read(nb_path, 4).cells])
        leaked = sorted(line for line in hidden if json.dumps(line)[1:-1] in shown)
        assert not leaked, f"{nb_path.parent.parent.name}: {leaked}"
