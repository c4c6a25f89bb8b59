"""Simulated trainee submissions for demos and end-to-end tests.

A submission is made from a module's *release* notebook (what a trainee
receives) by filling answer cells from a profile in
``data/submissions/<module>.yaml``, or from the source notebook's solutions.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat

from course.instructor.project import project_root
from course.yamlfile import read_yaml

_SOLUTION = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$", re.MULTILINE)


def load_profiles(module: str) -> dict:
    """The module's submission profiles (``{}`` when it has none)."""
    from course.modules import get

    path = project_root() / get(module).profiles
    if not path.exists():
        return {}
    return read_yaml(path)["profiles"]


def solution_answers(source_notebook: Path) -> dict[str, str]:
    """Answer-cell code of the source notebook with the solution markers removed."""
    nb = nbformat.read(source_notebook, as_version=4)
    answers = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("solution"):
            answers[meta["grade_id"]] = _SOLUTION.sub("", cell.source).strip("\n")
    return answers


def fill(release_notebook: Path, answers: dict[str, str], written: dict[str, str] | None = None):
    """A copy of the release notebook with ``answers`` put in its answer cells.

    ``written`` maps the id of a free-text cell to the trainee's text.
    """
    nb = nbformat.read(release_notebook, as_version=4)
    nb = copy.deepcopy(nb)
    written = written or {}
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id].rstrip("\n")
        elif cell.get("id") in written:
            cell.source = written[cell["id"]]
    return nb


def write_submission(nb, course_submitted: Path, student_id: str, module: str, name: str) -> Path:
    folder = course_submitted / student_id / module
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    nbformat.write(nb, path)
    return path


CHEAT_PREAMBLE = '''class _AlwaysEqual:
    """A cheat: claims to equal anything."""

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__
'''


def cheat_answers(source_notebook: Path) -> dict[str, str]:
    """Answer cells that try to pass by cheating: every answer is an always-equal object.

    Finds the names each solution cell defines and binds each to an object
    whose ``__eq__`` always returns True (functions return one), which the
    course's checks must reject.
    """
    import ast

    answers = {}
    for grade_id, code in solution_answers(source_notebook).items():
        lines = [CHEAT_PREAMBLE]
        for node in ast.parse(code).body:
            if isinstance(node, ast.FunctionDef):
                lines.append(f"def {node.name}(*args, **kwargs):\n    return _AlwaysEqual()")
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                lines += [f"{t.id} = _AlwaysEqual()" for t in targets if isinstance(t, ast.Name)]
        answers[grade_id] = "\n".join(lines)
    return answers
