"""Two-phase grading, piece by piece: what leaves the sandbox, what the test process runs.

The whole path (nbgrader, the sandbox, every module's profiles, the adversarial
corpus) is tested in tests/e2e and tests/adversarial; these pin the rules.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from nbformat import v4

from course.grading import CheckFailed, plain
from course.grading.exchange import MIME, NotPlainData, decode, encode
from course.instructor import two_phase

HIDDEN = "_secret_reference = 41.5  # the hidden test's own line"
SOURCES = {
    "setup": "import course\nstudent_id = course.setup(quiet=True)",
    "load": "from course.modules.m00 import practice_srs\nmarks = practice_srs(student_id)",
    "shown": "print(marks.shape)",
    "ex1-tests": (
        "from course.grading import expect\nexpect(total == 41.5, 'not right yet')\n"
        f"### BEGIN HIDDEN TESTS\n{HIDDEN}\n### END HIDDEN TESTS"
    ),
    "ex2-tests": "from course.grading import expect\nexpect(len(marks) > 0 and flag in (True, False), 'x')",
}
TESTS = {"ex1-tests", "ex2-tests"}


def _cell(grade_id: str | None, source: str = "") -> dict:
    cell = v4.new_code_cell(source)
    if grade_id:
        cell.metadata["nbgrader"] = {"grade_id": grade_id}
    return cell


def _notebook(*cells):
    nb = v4.new_notebook()
    nb.cells = list(cells)
    return nb


def _submission():
    return _notebook(
        _cell("setup", "anything: restored from the gradebook"),
        _cell("load"),
        _cell("shown"),
        _cell("ex1-answer", "total = 41.5"),
        _cell("ex1-tests", "pass  # the trainee's edit is never run"),
        _cell(None, "flag = True  # a cell the trainee added"),
        _cell("ex2-tests"),
    )


@pytest.mark.parametrize(
    "value",
    [
        3,
        2.5,
        "bond",
        None,
        True,
        [1, "a", None],
        {"V1": "task"},
        (0.1, 0.4),
        {1, 2},
        {1: "one", "2": "two"},
        {"__tuple__": 1},
        [[1, 2], {"k": [True]}],
        math.inf,
        ...,
    ],
)
def test_plain_values_cross_unchanged(value):
    back = decode(json.loads(json.dumps(encode({"v": value}))))["v"]
    assert back == value and type(back) is type(value)


def test_numpy_values_cross_as_python_values():
    back = decode(encode({"n": np.int64(4), "a": np.array([1.5, 2.0]), "x": np.float64("nan")}))
    assert back["n"] == 4 and type(back["n"]) is int
    assert back["a"] == [1.5, 2.0] and math.isnan(back["x"])


def test_tables_cross_with_their_types():
    table = pd.DataFrame({"client": ["C1", "C2"], "srs": [31.0, 35.5], "n": [1, 2]})
    back = decode(json.loads(json.dumps(encode({"t": table, "s": table.srs}))))
    pd.testing.assert_frame_equal(back["t"], table)
    pd.testing.assert_series_equal(back["s"], table.srs)


def test_objects_never_cross_and_the_checks_refuse_them_by_name():
    class AlwaysEqual:
        def __eq__(self, other):
            return True

    impostor = type("float64", (np.float64,), {"__module__": "numpy", "item": lambda self: 9})
    sent = encode(
        {"a": AlwaysEqual(), "f": len, "i": impostor(1.0), "s": type("str", (str,), {})()}
    )
    back = decode(json.loads(json.dumps(sent)))
    assert all(type(v) is NotPlainData for v in back.values()), back
    with pytest.raises(CheckFailed, match="not a AlwaysEqual object"):
        plain(back["a"], "a")


def test_decoding_makes_only_plain_values_from_any_json():
    hostile = {
        "a": {"__dict__": [[[1], 2], "bad", [3]]},
        "b": {"__set__": [[1]]},
        "c": {"__dataframe__": "{not json"},
        "d": {"__float__": "1e999x"},
    }
    back = decode(hostile)
    assert back["a"] == {NotPlainData("list").kind: 2} or isinstance(back["a"], dict)
    assert type(back["c"]) is NotPlainData
    assert back["d"] == {"__float__": "1e999x"}
    assert decode(["not", "a", "dict"]) == {}


def test_plan_trusts_the_gradebook_by_grade_id_and_reruns_only_what_tests_need():
    plan = two_phase.build_plan(_submission().cells, SOURCES, TESTS)
    assert plan.tests == {4: SOURCES["ex1-tests"], 6: SOURCES["ex2-tests"]}
    # `marks` is the trainee's own data, recomputed from the gradebook's cells; the
    # cell that only shows something is not rerun.
    assert plan.replays == {0: SOURCES["setup"], 1: SOURCES["load"]}
    # Only what no trusted cell sets travels from the sandbox.
    assert plan.reads[4] == ["total"] and plan.reads[6] == ["flag"]


def test_an_added_or_copied_cell_is_never_trusted():
    cells = _submission().cells
    cells.insert(1, _cell("load", "import os  # a copy of a locked cell"))
    cells.append(_cell("made-up-id", "import os"))
    plan = two_phase.build_plan(cells, SOURCES, TESTS)
    assert 2 not in plan.replays and plan.replays[1] == SOURCES["load"]
    assert len(cells) - 1 not in {*plan.tests, *plan.replays}


def test_the_sandboxed_run_has_no_test_code():
    nb = _submission()
    plan = two_phase.build_plan(nb.cells, SOURCES, TESTS)
    run, serves = two_phase.phase_one_notebook(nb, plan)
    text = json.dumps(run)
    assert "HIDDEN" not in text and "expect_close" not in text and "pass  # the" not in text
    assert sorted(serves.values()) == [0, 1, 4, 6]
    assert "total = 41.5" in text and nb.cells[4].source.startswith("pass")


def _exported(values: dict) -> dict:
    return {"outputs": [{"output_type": "display_data", "data": {MIME: encode(values)}}]}


def test_tests_run_on_exported_answers_with_the_trainees_own_data():
    nb = _submission()
    plan = two_phase.build_plan(nb.cells, SOURCES, TESTS)
    run, serves = two_phase.phase_one_notebook(nb, plan)
    at = {index: position for position, index in serves.items()}
    run.cells[at[4]].update(_exported({"total": 41.5}))
    run.cells[at[6]].update(_exported({"flag": "yes"}))
    results = two_phase.run_tests(plan, two_phase.read_exports(run, serves), "trainee-ana")
    assert results[4] == []
    (failure,) = results[6]
    assert failure.ename == "CheckFailed" and failure.traceback == ["x"]


def test_a_failure_shows_a_message_never_the_test_code():
    plan = two_phase.Plan(tests={0: f"{HIDDEN}\nanswer['key']"}, reads={0: ["answer"]})
    results = two_phase.run_tests(plan, {0: encode({"answer": [1, 2]})}, "trainee-ana")
    (failure,) = results[0]
    assert "secret" not in json.dumps(failure) and "could not read your answer" in failure.evalue
    missing = two_phase.run_tests(plan, {0: encode({})}, "trainee-ana")[0][0]
    assert "`answer` is not defined yet" in missing.traceback[0]


def test_a_test_whose_place_never_ran_scores_zero_with_the_reason():
    plan = two_phase.Plan(tests={0: "pass", 1: "pass"}, reads={0: [], 1: []})
    died = [v4.new_output("error", ename="KernelDied", evalue="stopped", traceback=["stopped"])]
    results = two_phase.run_tests(plan, {0: died}, "trainee-ana")
    assert results[0] == died
    assert results[1][0].ename == "NotExported"


def test_the_test_process_knows_the_trainee_only_from_the_grader():
    plan = two_phase.Plan(tests={0: "import course\nprint(course.identity())"}, reads={0: []})
    (shown,) = two_phase.run_tests(plan, {0: {}}, "trainee-zoe")[0]
    assert shown.text == "trainee-zoe\n"


def test_answers_nested_beyond_reason_are_not_exported_and_the_batch_goes_on():
    deep: list = []
    for _ in range(5000):
        deep = [deep]
    run = v4.new_notebook()
    run.cells = [v4.new_code_cell("")]
    run.cells[0].outputs = [{"output_type": "display_data", "data": {MIME: {"x": deep}}}]
    assert two_phase.read_exports(run, {0: 0}) == {}
    plan = two_phase.Plan(tests={0: "x"}, reads={0: ["x"]})
    results = two_phase.run_tests(plan, {0: {"x": deep}}, "trainee-ana")
    assert results[0][0].ename in ("NameError", "NotExported")


def test_the_trainees_reference_is_computed_once_per_notebook_and_each_test_gets_its_own(
    monkeypatch,
):
    """Ten hidden tests ask the key for one reference: phase 2 builds it once per notebook."""
    import sys
    import types

    from course.grading.memo import per_notebook

    calls = []

    @per_notebook
    def reference(student_id):
        calls.append(student_id)
        return {"labels": [1, 2]}

    probe = types.ModuleType("memo_probe")
    probe.reference = reference
    monkeypatch.setitem(sys.modules, "memo_probe", probe)
    test = (
        "import course\nfrom memo_probe import reference\n"
        "ref = reference(course.identity())\nref['labels'].append(3)\nprint(ref['labels'])"
    )
    plan = two_phase.Plan(tests={0: test, 1: test}, reads={0: [], 1: []})
    shown = [two_phase.run_tests(plan, {0: {}, 1: {}}, t) for t in ("trainee-ana", "trainee-bo")]
    assert calls == ["trainee-ana", "trainee-bo"]
    # A test that changes its copy does not change the next test's.
    assert [out[0].text for result in shown for out in result.values()] == ["[1, 2, 3]\n"] * 4


@pytest.mark.parametrize("number", [f"{n:02d}" for n in range(10)])
def test_every_modules_reference_is_built_once_per_notebook(number):
    import importlib

    reference = importlib.import_module(f"answer_key.m{number}").reference
    assert reference.__wrapped__.__name__ == "reference"  # marked with per_notebook
    assert reference.__code__.co_filename.endswith("memo.py")
