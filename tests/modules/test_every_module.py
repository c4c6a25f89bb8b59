"""What holds for every module's notebook, graded in this process (tests/modules/grading.py).

One table instead of a copy per module: the model answers earn every autograded
point for trainees of several id shapes, an untouched release earns nothing and
says a blank is left, each submission profile scores as its file says, and every
value a test reads crosses the grading sandbox as plain data (the two-phase
grader, course/instructor/two_phase.py). Each module's own file keeps what is
particular to it.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import nbformat
import pytest

from course.grading.exchange import decode, encode
from course.instructor import two_phase
from course.instructor.submissions import load_profiles, solution_answers
from course.modules import MODULES
from tests.modules.grading import grade_in_process, profile_mismatches

ROOT = Path(__file__).resolve().parents[2]
STUDENTS = ["trainee-ana", "x@example.org", "profile-novice"]


def _key(module):
    key = importlib.import_module(module.key_module)
    return key if hasattr(key, "reference") else None


def _grade(module, answers: dict[str, str], student: str, monkeypatch):
    return grade_in_process(
        ROOT / module.notebook_path, answers, student, monkeypatch, _key(module)
    )


def _tests_cells(module) -> list[str]:
    nb = nbformat.read(ROOT / module.notebook_path, as_version=4)
    return [
        c.metadata["nbgrader"]["grade_id"]
        for c in nb.cells
        if c.cell_type == "code" and _is_tests_cell(c.metadata.get("nbgrader", {}))
    ]


def _is_tests_cell(meta: dict) -> bool:
    return bool(meta.get("grade")) and not meta.get("solution")


@pytest.mark.parametrize("student", STUDENTS)
@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_model_answers_read_no_key_and_earn_every_autograded_point(module, student, monkeypatch):
    answers = solution_answers(ROOT / module.notebook_path)
    assert answers and not any("answer_key" in code for code in answers.values())
    results = _grade(module, answers, student, monkeypatch)
    assert sorted(results) == sorted(_tests_cells(module))
    assert {cell: why for cell, why in results.items() if why} == {}


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_the_untouched_release_earns_nothing_and_says_a_blank_is_left(module, monkeypatch):
    results = _grade(module, {}, "trainee-ana", monkeypatch)
    assert results and all(results.values()), results
    assert any("still has a blank" in why for why in results.values()), results


PROFILES = [
    pytest.param(module, name, id=f"{module.folder}-{name}")
    for module in MODULES
    for name in sorted(load_profiles(module.folder))
]


@pytest.mark.parametrize(("module", "name"), PROFILES)
def test_each_profile_scores_as_it_says_and_hears_its_lesson(module, name, monkeypatch):
    spec = load_profiles(module.folder)[name]
    results = _grade(module, spec["answers"], f"profile-{name}", monkeypatch)
    assert not profile_mismatches(spec, results), profile_mismatches(spec, results)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_every_value_a_test_reads_crosses_the_sandbox_as_plain_data(module, monkeypatch):
    """The model answers' values, exported as the sandbox does, come back equal."""
    path = ROOT / module.notebook_path
    nb = nbformat.read(path, as_version=4)
    sources = {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in nb.cells
        if c.cell_type == "code"
        and c.metadata.get("nbgrader", {}).get("locked")
        and not c.metadata["nbgrader"].get("solution")
    }
    tests = {gid for gid in sources if gid in _tests_cells(module)}
    plan = two_phase.build_plan(nb.cells, sources, tests)
    names = sorted({name for index in plan.tests for name in plan.reads[index]})
    assert names, f"{module.folder}: its tests read no answer"
    namespace: dict = {}
    monkeypatch.setenv("ALLIANCE_STUDENT_ID", "trainee-ana")
    grade_in_process(path, solution_answers(path), "trainee-ana", monkeypatch, None, namespace)
    missing = [name for name in names if name not in namespace]
    assert not missing, f"{module.folder}: no answer cell sets {missing}"
    sent = json.loads(json.dumps(encode({name: namespace[name] for name in names})))
    assert "__not_plain__" not in json.dumps(sent), sent
    back = decode(sent)
    for name in names:
        value = namespace[name]
        same = back[name].equals(value) if hasattr(value, "equals") else back[name] == value
        assert same, f"{module.folder}: `{name}` changed crossing the sandbox"
