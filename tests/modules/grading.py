"""A module's notebook graded in this process, as nbgrader's autograder runs it.

Fast enough to grade every submission profile of a module in its unit tests; the
real nbgrader run (tests/e2e) checks the same profiles end to end.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat

from course.grading import CheckFailed

# What no graded answer may need (issue 15): trainees are taught none of these.
FORBIDDEN = (
    ast.FunctionDef,
    ast.Lambda,
    ast.For,
    ast.While,
    ast.ListComp,
    ast.DictComp,
    ast.SetComp,
    ast.GeneratorExp,
)
SKIPPED_TAGS = {"widget"}  # nothing a test reads (a chart cell may make a table one does)


def forbidden_constructs(code: str) -> list[str]:
    """The names of the constructs in ``code`` that a graded answer may not need."""
    return [
        type(node).__name__ for node in ast.walk(ast.parse(code)) if isinstance(node, FORBIDDEN)
    ]


def grade_in_process(
    notebook: Path,
    answers: dict[str, str],
    student: str,
    monkeypatch,
    key_module=None,
    namespace: dict | None = None,
) -> dict[str, str | None]:
    """Locked cells, the given answers (the starter where none is given), then each
    tests cell with its hidden tests. The message of each failed tests cell, None
    where it passed.

    ``key_module`` (e.g. ``answer_key.m01``): its ``reference`` is computed once
    for ``student`` instead of afresh in every hidden test, as it is by design.
    ``namespace``, when given, is the one the cells run in (to look at afterwards).
    """
    monkeypatch.setenv("ALLIANCE_STUDENT_ID", student)
    if key_module is not None:
        once = key_module.reference(student)
        monkeypatch.setattr(key_module, "reference", lambda student_id: once)
    namespace = {} if namespace is None else namespace
    results: dict[str, str | None] = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or SKIPPED_TAGS & set(cell.metadata.get("tags", [])):
            continue
        if meta.get("solution"):
            code = answers.get(meta["grade_id"], cell.metadata.get("starter", ""))
            try:
                exec(code, namespace)  # noqa: S102 - the course's own answers and profiles
            except Exception:  # noqa: BLE001 - an answer cell may fail, as in a notebook
                pass
        elif meta.get("grade"):
            try:
                exec(cell.source, namespace)  # noqa: S102 - the notebook's own tests
                results[meta["grade_id"]] = None
            except CheckFailed as failure:
                results[meta["grade_id"]] = str(failure)
            except Exception as error:  # noqa: BLE001 - NameError for an unanswered cell
                results[meta["grade_id"]] = f"{type(error).__name__}: {error}"
        else:
            exec(cell.source, namespace)  # noqa: S102 - the notebook's locked cells
    return results


def profile_mismatches(spec: dict, results: dict[str, str | None]) -> list[tuple]:
    """Where a submission profile's graded results differ from what its file says:
    a tests cell passed or failed against ``expect``, or its message lacks the
    lesson the profile names under ``messages``."""
    wrong = [
        (cell, outcome, results[cell])
        for cell, outcome in spec["expect"].items()
        if (results[cell] is None) != (outcome == "full")
    ]
    return wrong + [
        (cell, text, results[cell])
        for cell, text in spec.get("messages", {}).items()
        if text not in (results[cell] or "")
    ]
