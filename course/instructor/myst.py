"""Build a module's nbgrader source notebook from its MyST markdown source.

An author edits ``notebooks/NN-slug/NN-slug.md`` (MyST markdown read by
jupytext) in any editor, or opens it as a notebook in JupyterLab ("Open With ->
Notebook"). Every cell carries one short metadata entry::

    grade: {id: ex1-tests, kind: tests, points: 1}

The kinds are:

``text``    locked instructions (the default for a markdown cell)
``code``    locked code: setup, data, widgets, charts (the default for code)
``answer``  an autograded answer cell; its whole body is the model solution,
            wrapped here in nbgrader's solution delimiters
``tests``   a test cell worth ``points``; hidden checks sit between
            ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``
``task``    a manually graded prompt worth ``points``; its rubric and model
            answer sit between ``### BEGIN MARK SCHEME`` and ``### END MARK SCHEME``
``written`` the trainee's free-text cell under a task (plain, editable markdown)

A tests cell may say what its points reward: ``skill: judgement`` or
``skill: calculation`` (see ``SKILLS``).

An answer cell may give a ``starter``: the code the trainee sees in its place,
with blanks written ``...`` (``cutoff = ...``). The release shows it instead of
nbgrader's ``raise NotImplementedError()`` (see :mod:`course.instructor.starters`).

:func:`build_notebook` expands the short form into nbgrader's cell metadata,
gives every cell a stable id (its grade id) and formats the code with the
project's ruff; ``alliance-course notebooks`` writes the result next to the
source, and ``alliance-course notebooks --check`` (run by the tests) fails when
a committed notebook has drifted from its source.

>>> cell = nbformat.v4.new_code_cell("x = 1")
>>> cell.metadata["grade"] = {"id": "ex1-answer", "kind": "answer"}
>>> print(expand(cell).source)
### BEGIN SOLUTION
x = 1
### END SOLUTION
>>> expand(cell).metadata["nbgrader"]["solution"]
True
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

SCHEMA_VERSION = 3
KINDS = ("text", "code", "answer", "tests", "task", "written")
# What a tests cell's points reward: clinical or measurement judgement (interpreting,
# classifying, deciding with a rationale) or carrying out a calculation. Tasks
# (written answers graded by hand) are judgement.
SKILLS = ("judgement", "calculation")
_FLAGS = {  # kind -> nbgrader's (grade, solution, locked, task)
    "text": (False, False, True, False),
    "code": (False, False, True, False),
    "answer": (False, True, False, False),
    "tests": (True, False, True, False),
    "task": (False, False, True, True),
}
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


class SourceError(ValueError):
    """A MyST source cell's ``grade`` entry is missing, unknown or inconsistent."""


def solution_delimiters() -> tuple[str, str]:
    """nbgrader's solution delimiters, as its configuration defines them."""
    from nbgrader.preprocessors import ClearSolutions

    tool = ClearSolutions()
    return tool.begin_solution_delimeter, tool.end_solution_delimeter


def _grade(cell) -> dict:
    grade = dict(cell.metadata.get("grade") or {})
    default = "text" if cell.cell_type == "markdown" else "code"
    grade.setdefault("kind", default)
    if grade["kind"] not in KINDS:
        raise SourceError(f"cell {grade.get('id')!r}: kind {grade['kind']!r} is not one of {KINDS}")
    if not grade.get("id"):
        raise SourceError(f"a {cell.cell_type} cell has no grade id:\n{cell.source[:120]}")
    needs_points = grade["kind"] in ("tests", "task")
    if needs_points != ("points" in grade):
        raise SourceError(
            f"cell {grade['id']!r}: points go with kind tests or task, and only there"
        )
    if grade["kind"] in ("answer", "tests") and cell.cell_type != "code":
        raise SourceError(f"cell {grade['id']!r}: a {grade['kind']} cell must be a code cell")
    if grade["kind"] in ("task", "written") and cell.cell_type != "markdown":
        raise SourceError(f"cell {grade['id']!r}: a {grade['kind']} cell must be a markdown cell")
    if "starter" in grade and grade["kind"] != "answer":
        raise SourceError(f"cell {grade['id']!r}: only an answer cell can have a starter")
    if "skill" in grade and (grade["kind"] != "tests" or grade["skill"] not in SKILLS):
        raise SourceError(f"cell {grade['id']!r}: skill {SKILLS} goes on a tests cell only")
    return grade


def expand(cell):
    """The nbgrader cell for one MyST source cell (a new cell; the input is unchanged)."""
    grade = _grade(cell)
    out = nbformat.from_dict(
        {key: value for key, value in cell.items() if key not in ("metadata", "id")}
    )
    out.metadata = nbformat.from_dict(
        {k: v for k, v in cell.metadata.items() if k not in ("grade", "lines_to_next_cell")}
    )
    out.id = grade["id"]
    if grade["kind"] == "written":
        return out
    begin, end = solution_delimiters()
    if grade["kind"] == "answer" and begin not in out.source:
        out.source = f"### {begin}\n{out.source.strip()}\n### {end}"
    graded, solution, locked, task = _FLAGS[grade["kind"]]
    meta = {
        "grade": graded,
        "grade_id": grade["id"],
        "locked": locked,
        "schema_version": SCHEMA_VERSION,
        "solution": solution,
        "task": task,
    }
    if "points" in grade:
        meta["points"] = grade["points"]
    out.metadata["nbgrader"] = meta
    if "starter" in grade:
        out.metadata["starter"] = grade["starter"].strip("\n")
    if "skill" in grade:
        out.metadata["skill"] = grade["skill"]
    return out


def compact(cell):
    """The MyST source cell for one nbgrader cell: the inverse of :func:`expand`.

    Used to bring a notebook edited with nbgrader's own toolbar back into MyST.
    """
    out = nbformat.from_dict({k: v for k, v in cell.items() if k not in ("metadata", "id")})
    meta = dict(cell.metadata)
    nb_meta = meta.pop("nbgrader", None)
    starter = meta.pop("starter", None)
    skill = meta.pop("skill", None)
    if nb_meta is None:
        kind, grade_id = "written", cell.get("id")
    else:
        flags = tuple(nb_meta.get(k, False) for k in ("grade", "solution", "locked", "task"))
        kinds = {v: k for k, v in _FLAGS.items() if k != "text"}
        kind = kinds.get(flags, "code")
        if cell.cell_type == "markdown" and kind == "code":
            kind = "text"
        grade_id = nb_meta["grade_id"]
    grade = {"id": grade_id}
    if kind != {"markdown": "text", "code": "code"}[cell.cell_type]:
        grade["kind"] = kind
    if nb_meta and "points" in nb_meta:
        grade["points"] = nb_meta["points"]
    if starter is not None:
        grade["starter"] = starter + "\n"
    if skill is not None:
        grade["skill"] = skill
    begin, end = solution_delimiters()
    lines = out.source.splitlines()
    if kind == "answer" and lines and begin in lines[0] and end in lines[-1]:
        if sum(begin in line for line in lines) == 1:
            out.source = "\n".join(lines[1:-1])
    out.metadata = nbformat.from_dict({"grade": grade, **meta})
    return out


def read_source(path: Path):
    """The MyST source as a notebook of source cells (short-form metadata)."""
    import jupytext

    return jupytext.read(path, fmt="md:myst")


def write_source(nb, path: Path) -> None:
    """Write source cells as MyST markdown (jupytext), e.g. after :func:`compact`."""
    import jupytext

    nb.metadata = {"kernelspec": KERNELSPEC}
    jupytext.write(nb, path, fmt="md:myst")


def import_notebook(notebook: Path, source: Path) -> None:
    """Rewrite a MyST source from an nbgrader notebook (the way back from JupyterLab edits)."""
    nb = nbformat.read(notebook, as_version=4)
    out = nbformat.v4.new_notebook()
    out.cells = [compact(cell) for cell in nb.cells]
    write_source(out, source)


def build_notebook(source: Path):
    """The nbgrader source notebook for a MyST source file, formatted with ruff."""
    cells = [expand(cell) for cell in read_source(source).cells]
    ids = [cell.id for cell in cells]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SourceError(f"{source}: grade ids used twice: {duplicates}")
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.validate(nb)
    return _ruff_formatted(nb)


def _ruff_formatted(nb):
    ruff = Path(sys.executable).with_name("ruff")
    command = str(ruff) if ruff.exists() else shutil.which("ruff")
    if command is None:
        raise SourceError("ruff is not installed: run `make check` once to set up the tools")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "notebook.ipynb"
        nbformat.write(nb, path)
        # --isolated: the project's settings are passed explicitly, so the result
        # does not depend on the folder the command runs in.
        subprocess.run(
            [command, "format", "--quiet", "--isolated", "--line-length", "100", str(path)],
            check=True,
        )
        return nbformat.read(path, as_version=4)


def notebook_text(nb) -> str:
    return nbformat.writes(nb) + "\n"


def build(modules=None, check: bool = False, root: Path | None = None) -> list[Path]:
    """Write (or with ``check``, compare) each module's notebook from its MyST source.

    Returns the notebooks written, or with ``check`` the ones that have drifted.
    """
    from course.modules import MODULES

    root = root or Path.cwd()
    changed = []
    for module in modules or MODULES:
        source = root / module.source
        target = root / module.notebook_path
        text = notebook_text(build_notebook(source))
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            changed.append(target)
            if not check:
                target.write_text(text, encoding="utf-8")
    return changed
