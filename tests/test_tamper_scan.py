"""The tamper scan flags tampering and never an honest answer of any module."""

from pathlib import Path

import pytest

from course.instructor.coursedir import available_modules
from course.instructor.submissions import cheat_answers, load_profiles, solution_answers
from course.instructor.tamper import tamper_findings

ROOT = Path(__file__).resolve().parents[1]


def _sources(module: str) -> list[Path]:
    return sorted((ROOT / "notebooks" / module).glob("*.ipynb"))


@pytest.mark.parametrize("module", available_modules())
def test_model_answers_are_never_flagged(module):
    for source in _sources(module):
        flagged = {
            g: r for g, code in solution_answers(source).items() if (r := tamper_findings(code))
        }
        assert not flagged, f"{module}: a model answer would be held for review: {flagged}"


@pytest.mark.parametrize("module", available_modules())
def test_non_cheating_profiles_are_never_flagged(module):
    for name, spec in load_profiles(module).items():
        if any(word in name for word in ("cheat", "always_equal")):
            continue
        flagged = {
            g: r for g, code in spec.get("answers", {}).items() if (r := tamper_findings(code))
        }
        assert not flagged, f"{module} profile {name} would be held for review: {flagged}"


@pytest.mark.parametrize("module", available_modules())
def test_always_equal_cheats_are_flagged(module):
    for source in _sources(module):
        for grade_id, code in cheat_answers(source).items():
            assert "defines __eq__ (can make any comparison pass)" in tamper_findings(code), (
                grade_id
            )


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (
            "import course.grading.checks as c\nc.expect_equal = print",
            "imports the course's grading checks",
        ),
        ("from course import grading", "imports the course's grading checks"),
        ("import sys\nsys.modules['course.grading'] = None", "edits sys.modules"),
        ("import builtins\nbuiltins.print = len", "touches Python's builtins"),
        ("import importlib\nimportlib.reload(x)", "reloads or replaces modules"),
        ("sys.excepthook = lambda *a: None", "replaces the exception hook"),
        ("answer = eval('1 + 1')", "runs code built from text (eval)"),
        ("exec('x = 1')", "runs code built from text (exec)"),
        ("ip = get_ipython()", "uses get_ipython() (changes how later cells run)"),
    ],
)
def test_each_technique_is_named_in_the_reason(code, reason):
    assert reason in tamper_findings(code)


def test_syntax_errors_are_not_flagged_they_simply_fail():
    assert tamper_findings("total = = 3") == []
