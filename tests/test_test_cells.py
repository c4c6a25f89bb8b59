"""Test cells never show a value: nbgrader reads a number shown by a test cell as partial credit.

By construction: every ``expect_*`` check returns None, and a test cell's last
statement is either not an expression or a call to one of those checks. Checked
for the full source (Validate on the instructor's side) and for the release
(what a trainee's Validate runs: hidden tests removed).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

import course.grading as grading
from course.modules import MODULES
from tests.test_notebooks_static import ROOT

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.S)
# Every check a test cell can call: the shared ones and each module's own.
ALL_CHECKS = {
    name: fn
    for namespace in [grading] + [importlib.import_module(m.package) for m in MODULES]
    for name, fn in vars(namespace).items()
    if name.startswith("expect_") and callable(fn)
}
CHECKS = {
    name
    for name, fn in ALL_CHECKS.items()
    if inspect.signature(fn).return_annotation in (None, "None")
}


def test_every_check_returns_none():
    """A check that returned its value would show it as the last line of a test cell."""
    assert CHECKS == set(ALL_CHECKS), f"these return a value: {sorted(set(ALL_CHECKS) - CHECKS)}"


def _imported_functions(tree: ast.Module) -> dict:
    """The functions a cell imports by name (``from m import f as g`` -> {"g": f})."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            module = importlib.import_module(node.module)
            for alias in node.names:
                found[alias.asname or alias.name] = getattr(module, alias.name, None)
    return found


def _returns_none(function) -> bool:
    return callable(function) and inspect.signature(function).return_annotation in (None, "None")


def shown_value(source: str) -> str | None:
    """The last statement of ``source`` if IPython would show its value, else None.

    A call shows nothing only when it is one of the checks, or a function the cell
    imports whose declared return is None.

    >>> shown_value("expect_type(x, int, 'x')"), shown_value("x = 1"), shown_value("x")
    (None, None, 'x')
    """
    tree = ast.parse(TransformerManager().transform_cell(source))
    last = tree.body[-1] if tree.body else None
    if not isinstance(last, ast.Expr) or source.rstrip().endswith(";"):
        return None
    call = last.value
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
        name = call.func.id
        if name in CHECKS or _returns_none(_imported_functions(tree).get(name)):
            return None
    return ast.unparse(last)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_no_test_cell_shows_a_value(module):
    nb = nbformat.read(ROOT / module.notebook_path, as_version=4)
    shows = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade"):
            continue
        for version, source in (("source", cell.source), ("release", HIDDEN.sub("", cell.source))):
            if value := shown_value(source):
                shows[f"{meta['grade_id']} ({version})"] = value
    assert shows == {}, f"these test cells show a value nbgrader would read as points: {shows}"


def failing_asserts(source: str) -> list[str]:
    """``assert`` statements in a test cell: a failing one shows a traceback, not a lesson.

    >>> failing_asserts("assert x > 0, 'positive'\\nexpect(lambda: x > 0, 'positive')")
    ["assert x > 0, 'positive'"]
    """
    tree = ast.parse(TransformerManager().transform_cell(source))
    return [ast.unparse(node) for node in ast.walk(tree) if isinstance(node, ast.Assert)]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_test_cells_teach_through_checks_not_asserts(module):
    """Every failure a test cell can report is a CheckFailed, shown as the message alone."""
    nb = nbformat.read(ROOT / module.notebook_path, as_version=4)
    found = {
        cell.metadata["nbgrader"]["grade_id"]: failing_asserts(cell.source)
        for cell in nb.cells
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade")
    }
    assert {k: v for k, v in found.items() if v} == {}
