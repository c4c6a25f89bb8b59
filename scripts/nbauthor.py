"""Helpers for authoring nbgrader source notebooks with consistent metadata.

Used by course authors (and the modules' authoring scripts) to write
``notebooks/NN-name/*.ipynb``; the notebooks themselves are the source of truth.

    from scripts.nbauthor import md, code, answer, tests, task, written, save
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat

_SCHEMA = 3


def _meta(grade_id: str, *, grade=False, solution=False, locked=False, task=False, points=None):
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": _SCHEMA,
        "solution": solution,
        "task": task,
    }
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def md(grade_id: str, text: str):
    """A locked markdown cell (instructions the trainee cannot change)."""
    cell = nbformat.v4.new_markdown_cell(text.strip("\n"))
    cell.metadata = _meta(grade_id, locked=True)
    return cell


def code(grade_id: str, source: str, tags: tuple[str, ...] = ()):
    """A locked code cell (setup, data loading, widgets, charts).

    Tag a cell that displays a widget ``("widget",)`` and one that displays a
    chart ``("chart",)``: the browser tests check that each one renders.
    """
    cell = nbformat.v4.new_code_cell(source.strip("\n"))
    cell.metadata = _meta(grade_id, locked=True)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def answer(grade_id: str, solution: str, before: str = ""):
    """An autograded answer cell: ``solution`` is wrapped in BEGIN/END SOLUTION."""
    body = (before.strip("\n") + "\n" if before else "") + (
        "### BEGIN SOLUTION\n" + solution.strip("\n") + "\n### END SOLUTION"
    )
    cell = nbformat.v4.new_code_cell(body)
    cell.metadata = _meta(grade_id, solution=True)
    return cell


def tests(grade_id: str, visible: str, hidden: str, points: float):
    """An autograded test cell: visible checks, then hidden checks."""
    body = visible.strip("\n") + "\n\n### BEGIN HIDDEN TESTS\n" + hidden.strip("\n")
    body += "\n### END HIDDEN TESTS"
    cell = nbformat.v4.new_code_cell(body)
    cell.metadata = _meta(grade_id, grade=True, locked=True, points=points)
    return cell


def task(grade_id: str, prompt: str, rubric: str, model_answer: str, points: float):
    """A manually graded task: the prompt, then a rubric and model answer only graders see.

    nbgrader allows a mark scheme only in task cells; the trainee writes in the
    plain markdown cell that :func:`written` adds below it.
    """
    text = prompt.strip("\n") + "\n\n### BEGIN MARK SCHEME\n" + rubric.strip("\n")
    text += "\n\nModel answer:\n\n" + model_answer.strip("\n") + "\n### END MARK SCHEME"
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata = _meta(grade_id, locked=True, task=True, points=points)
    return cell


def written(cell_id: str, placeholder: str = "*Write your answer here.*"):
    """The trainee's free-text cell under a task (ordinary markdown, editable)."""
    cell = nbformat.v4.new_markdown_cell(placeholder)
    cell.id = cell_id
    return cell


def save(cells, path: str | Path) -> Path:
    """Write a Python 3 notebook without outputs."""
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    nb.metadata = {
        "kernelspec": {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": "python3",
        },
        "language_info": {"name": "python"},
    }
    for cell in nb.cells:
        # Stable, readable ids keep diffs small when a notebook is regenerated.
        if "nbgrader" in cell.metadata:
            cell.id = cell.metadata["nbgrader"]["grade_id"]
    nbformat.validate(nb)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    json.loads(path.read_text())
    _format_code_cells(path)
    return path


def _format_code_cells(path: Path) -> None:
    """Format the notebook's code cells with the project's pinned ruff, so `make lint` passes."""
    ruff = Path(sys.executable).with_name("ruff")
    command = [str(ruff) if ruff.exists() else "ruff", "format", "--quiet", str(path)]
    subprocess.run(command, check=True, cwd=Path(__file__).resolve().parents[1])
