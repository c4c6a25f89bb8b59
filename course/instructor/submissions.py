"""Submissions: simulated ones for demos and tests, and what a handed-in file is.

A simulated submission is made from a module's *release* notebook (what a
trainee receives) by filling answer cells from a profile in
``data/submissions/<module>.yaml``, or from the source notebook's solutions.
For collected files, :func:`match_module` says whether a file is a module's
notebook whatever it is called, and :func:`reopen_for_grading` clears the grades
of a submission a trainee replaced.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat

from course.instructor.project import project_root
from course.yamlfile import read_yaml

_SOLUTION = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$", re.MULTILINE)


def without_solution_markers(source: str) -> str:
    """An answer cell's code with nbgrader's solution delimiters taken out.

    >>> without_solution_markers("### BEGIN SOLUTION\\ntotal = 3\\n### END SOLUTION")
    '\\ntotal = 3\\n'
    """
    return _SOLUTION.sub("", source)


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
            answers[meta["grade_id"]] = without_solution_markers(cell.source).strip("\n")
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


# --- Handed-in files: which module a notebook is, and a resubmission's stale grades ---


def grade_ids(nb) -> set[str]:
    """The nbgrader ids of a notebook's graded and answer cells (what identifies a module)."""
    return {
        cell.metadata["nbgrader"]["grade_id"]
        for cell in nb.cells
        if cell.metadata.get("nbgrader", {}).get("grade_id")
    }


def plain_name(file_name: str) -> str:
    """A notebook's name without the copy markers browsers and Canvas add.

    >>> plain_name("01-Working-Alliance (1).ipynb"), plain_name("01-working-alliance-2.ipynb")
    ('01-working-alliance.ipynb', '01-working-alliance.ipynb')
    """
    stem = Path(file_name).stem.strip().lower()
    stem = re.sub(r"(\s*\(\d+\)|-\d+)+$", "", stem)
    return f"{stem}.ipynb"


def match_module(content: bytes, file_name: str, module: str, known: dict[str, set[str]]):
    """Whether a handed-in file is ``module``'s notebook: ``(True, "")`` or ``(False, why)``.

    ``known`` maps every module of the course to its release notebook's cell ids. A
    notebook counts as ``module``'s when its graded cells are that module's, whatever
    it is called (``01-working-alliance (1).ipynb``, ``Untitled.ipynb``); one without
    graded cells counts only under the module's own name.
    """
    if not file_name.lower().endswith(".ipynb"):
        return False, "not a notebook (.ipynb): only the module's notebook is graded"
    try:
        nb = nbformat.reads(content.decode("utf-8"), as_version=4)
    except Exception as err:  # nbformat raises several types for a broken file
        first = (str(err).splitlines() or [type(err).__name__])[0][:100]
        return False, f"not a readable notebook ({first}): ask the trainee to upload it again"
    ids = grade_ids(nb)
    overlap = {name: len(ids & cells) for name, cells in known.items()}
    best = max(overlap, key=lambda name: (overlap[name], name == module), default=module)
    if overlap.get(best):
        if best == module:
            return True, ""
        return False, (
            f"it is module {best}'s notebook: collect it with `alliance-course collect {best}`"
        )
    if plain_name(file_name) == f"{module}.ipynb":
        return True, ""
    return False, (
        f"it has none of module {module}'s graded cells (a blank or another notebook): "
        "ask the trainee to upload the module's notebook"
    )


def reopen_for_grading(gradebook_url: str, module: str, student: str) -> dict[str, dict]:
    """Mark a replaced submission for grading again; return the grades and comments cleared.

    Every score is cleared: autograded ones so ``alliance-course grade`` grades the new
    notebook (it leaves graded submissions alone), manual ones (written answers, a
    grader's override, a hold for review) because they judged the old notebook;
    formgrader then shows the written answers as needing grading. Comments are
    cleared too, so a trainee never reads a comment on an answer they replaced.
    Returns cell -> ``{"manual_score", "max_score", "comment"}`` for each cell a
    person had graded or commented on.
    """
    from nbgrader.api import Gradebook, MissingEntry

    cleared: dict[str, dict] = {}
    with Gradebook(gradebook_url) as gb:
        try:
            submission = gb.find_submission(module, student)
        except MissingEntry:
            return cleared
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.manual_score is not None:
                    cleared.setdefault(grade.name, {})["manual_score"] = grade.manual_score
                    cleared[grade.name]["max_score"] = grade.max_score
                grade.manual_score = None
                grade.auto_score = None
                grade.needs_manual_grade = grade.cell.cell_type == "markdown"
            for comment in notebook.comments:
                if comment.manual_comment:
                    cleared.setdefault(comment.name, {})["comment"] = comment.manual_comment
                comment.manual_comment = None
        gb.db.commit()
    return cleared
