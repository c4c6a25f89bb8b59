"""The tamper scan flags tampering and never an honest answer of any module."""

from pathlib import Path

import nbformat
import pytest

from course.instructor.submissions import cheat_answers, load_profiles, solution_answers
from course.instructor.tamper import UNREADABLE, scan_submission, tamper_findings
from course.modules import folders

ROOT = Path(__file__).resolve().parents[1]


def _sources(module: str) -> list[Path]:
    return sorted((ROOT / "notebooks" / module).glob("*.ipynb"))


@pytest.mark.parametrize("module", folders())
def test_model_answers_are_never_flagged(module):
    for source in _sources(module):
        flagged = {
            g: r for g, code in solution_answers(source).items() if (r := tamper_findings(code))
        }
        assert not flagged, f"{module}: a model answer would be held for review: {flagged}"


@pytest.mark.parametrize("module", folders())
def test_non_cheating_profiles_are_never_flagged(module):
    for name, spec in load_profiles(module).items():
        if any(word in name for word in ("cheat", "always_equal")):
            continue
        flagged = {
            g: r
            for g, code in spec.get("answers", {}).items()
            if (r := set(tamper_findings(code)) - {UNREADABLE})
        }
        assert not flagged, f"{module} profile {name} would be held for review: {flagged}"


@pytest.mark.parametrize("module", folders())
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
        ("from answer_key.m05 import reference", "reaches for the grading-only answer key"),
        ("import answer_key.m00 as k\nx = k.reference('me')", "grading-only answer key"),
        (
            "import course.modules.m00 as o\no.practice_srs = lambda *a: None",
            "changes a module's code or data",
        ),
        ("from course import identity\nidentity.cache = {}", "changes a module's code or data"),
        ("course.identity = lambda: 'someone-else'", "changes a module's code or data"),
        ("np.isclose = lambda *a, **k: True", "changes a module's code or data"),
        ("m = pd\nm.Series.sum = len", "changes a module's code or data"),
        ("del math.isclose", "changes a module's code or data"),
        ("course.vignettes.bank().by_id = {}", "changes a module's code or data"),
        (
            "expect_close.__code__ = (lambda *a, **k: None).__code__",
            "rewrites a function's code",
        ),
        ("setattr(checks, 'expect_close', print)", "sets attributes by name (setattr)"),
        ("globals()['expect_close'] = print", "edits the notebook's namespace (globals)"),
        ("f = getattr(expect_close, '__globals__')", "rewrites a function's code"),
        ("().__class__.__base__.__subclasses__()", "reaches Python internals"),
        ("__builtins__.eval('1')", "touches Python's builtins"),
        ("b = builtins\nb.eval('1')", "touches Python's builtins"),
        (
            "import IPython\nIPython.get_ipython().events.register('pre_run_cell', f)",
            "uses get_ipython()",
        ),
        ("sys.excepthook = None", "replaces the exception hook"),
        ("f = getattr(shell, 'showtraceback')", "hides tracebacks"),
    ],
)
def test_each_technique_is_named_in_the_reason(code, reason):
    findings = tamper_findings(code)
    assert any(reason in finding for finding in findings), findings


def test_syntax_errors_are_reported_as_unscanned_not_as_tampering():
    assert tamper_findings("total = = 3") == [UNREADABLE]


def test_a_magic_on_the_first_line_does_not_hide_the_rest_of_the_cell():
    findings = tamper_findings("%pwd\nimport course.grading.checks as c\nc.expect = print")
    assert "imports the course's grading checks" in findings
    assert any("changes a module's code" in finding for finding in findings)
    assert tamper_findings("%matplotlib inline\ntotal = marks.sum()") == []


def test_every_cell_not_restored_is_scanned_copies_and_added_cells_included(tmp_path):
    nb = nbformat.v4.new_notebook()
    patch = "import course.grading.checks as c\nc.expect = print"
    nb.cells = [
        nbformat.v4.new_code_cell("print('locked')", metadata={"nbgrader": {"grade_id": "load"}}),
        nbformat.v4.new_code_cell(patch, metadata={"nbgrader": {"grade_id": "load"}}),
        nbformat.v4.new_code_cell(
            patch, metadata={"nbgrader": {"grade_id": "extra", "solution": False, "locked": True}}
        ),
    ]
    nbformat.write(nb, tmp_path / "m.ipynb")
    findings = scan_submission(tmp_path, {"m": {"load"}})
    # the first "load" is the restored cell; its copy and the added cell are the trainee's
    assert sorted(findings) == ["extra", "load"]


@pytest.mark.parametrize(
    "code",
    [
        "pattern = re.compile(r'\\d+')",
        "ratio = frame.eval('total / 40')",
        "frame.columns = ['a', 'b']",
        "result = frame.assign(total=frame.sum(axis=1))",
        "table.loc[0, 'total'] = 3",
        "import numpy as np\nvalues = np.array([1, 2])\nvalues.shape = (2, 1)",
    ],
)
def test_ordinary_answers_that_merely_look_similar_are_not_flagged(code):
    assert tamper_findings(code) == []
