"""Read grades and test messages back out of an nbgrader course directory.

Also the item analysis of the class dashboard: natural item order, failing tests
told apart from unattempted ones, and each item's difficulty and discrimination.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
from nbgrader.api import Gradebook


def cell_scores(gradebook_url: str, module: str) -> pd.DataFrame:
    """One row per (student, graded cell): auto and manual scores, max score.

    Columns: ``student_id``, ``notebook``, ``cell``, ``kind`` (auto/manual), ``auto_score``,
    ``manual_score``, ``max_score``, ``needs_manual_grade``, ``score``
    (manual score where given, else auto score, as nbgrader counts it).
    """
    rows = []
    with Gradebook(gradebook_url) as gb:
        for submission in gb.assignment_submissions(module):
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    rows.append(
                        {
                            "student_id": submission.student.id,
                            "notebook": notebook.name,
                            "cell": grade.name,
                            # Course convention: code grade cells are autograded tests,
                            # markdown cells (tasks) are graded by a person.
                            "kind": "auto" if grade.cell.cell_type == "code" else "manual",
                            "auto_score": grade.auto_score,
                            "manual_score": grade.manual_score,
                            "max_score": grade.max_score,
                            "needs_manual_grade": bool(grade.needs_manual_grade),
                            "score": grade.score,
                        }
                    )
    return pd.DataFrame(
        rows,
        columns=[
            "student_id",
            "notebook",
            "cell",
            "kind",
            "auto_score",
            "manual_score",
            "max_score",
            "needs_manual_grade",
            "score",
        ],
    )


def autograded_totals(gradebook_url: str, module: str) -> pd.DataFrame:
    """Per student: autograded points earned, autograded points possible, cells awaiting a grader."""
    cells = cell_scores(gradebook_url, module)
    auto = cells[cells["kind"] == "auto"]
    totals = auto.groupby("student_id").agg(
        auto_points=("score", "sum"), auto_max=("max_score", "sum")
    )
    pending = cells[cells["needs_manual_grade"]].groupby("student_id").size()
    totals["awaiting_manual"] = pending.reindex(totals.index, fill_value=0).astype(int)
    return totals.reset_index()


def failure_messages(autograded_notebook: Path) -> dict[str, str]:
    """Map each graded test cell to the error text it printed (empty when it passed)."""
    nb = nbformat.read(autograded_notebook, as_version=4)
    messages = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade"):
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        messages[meta["grade_id"]] = "\n".join(f"{o['ename']}: {o['evalue']}" for o in errors)
    return messages


# Errors that mean the trainee never answered: a name the answer cell should define,
# or nbgrader's own stub. They are counted apart from real failures on the dashboard.
UNATTEMPTED_ERRORS = ("NameError", "NotImplementedError")


def natural_key(name: str) -> tuple:
    """Sort key that puts ex2 before ex10 (numbers compared as numbers).

    >>> sorted(["ex10-tests", "ex2-tests", "ex1-tests"], key=natural_key)
    ['ex1-tests', 'ex2-tests', 'ex10-tests']
    """
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.split(r"(\d+)", name)
        if part
    )


def failing_tests(autograded_notebook: Path) -> list[dict]:
    """Each failing test cell of a graded notebook: its id, message and whether it was attempted.

    A test counts as *unattempted* when its error is a missing name or the
    ``NotImplementedError`` stub, or when the answer cell above it is exactly as
    handed out (nbgrader's checksum of the cell still matches).
    """
    from nbgrader.utils import compute_checksum

    nb = nbformat.read(autograded_notebook, as_version=4)
    rows, answer_untouched = [], False
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            answer_untouched = meta.get("checksum") == compute_checksum(cell)
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if not errors:
            continue
        first = errors[0]
        message = f"{first.get('ename', 'Error')}: {first.get('evalue', '')}".splitlines()[-1]
        unattempted = answer_untouched or first.get("ename") in UNATTEMPTED_ERRORS
        rows.append({"cell": meta["grade_id"], "message": message, "unattempted": unattempted})
    return rows


def item_statistics(cells: pd.DataFrame) -> pd.DataFrame:
    """Difficulty and discrimination of every graded item, module by module.

    ``cells`` is :func:`cell_scores` with a ``module`` column; items still waiting
    for a person's grade are left out. *Difficulty* is the mean share of the item's
    points trainees earned (1 = everyone full marks). *Discrimination* is the
    item-rest correlation: Pearson's r between the share earned on the item and each
    trainee's points on the module's other items (empty when either does not vary).
    """
    graded = cells[~cells["needs_manual_grade"] & (cells["max_score"] > 0)].copy()
    graded["share"] = graded["score"].fillna(0) / graded["max_score"]
    rows = []
    for module, part in graded.groupby("module"):
        table = part.pivot_table(index="student_id", columns="cell", values="share")
        points = part.pivot_table(index="student_id", columns="cell", values="score", aggfunc="sum")
        total = points.fillna(0).sum(axis=1)
        for cell in sorted(table.columns, key=natural_key):
            item = table[cell].dropna()
            rest = (total - points[cell].fillna(0)).loc[item.index]
            varies = len(item) > 2 and item.std() > 0 and rest.std() > 0
            rows.append(
                {
                    "module": module,
                    "item": cell,
                    "trainees": len(item),
                    "difficulty": round(float(item.mean()), 2),
                    "discrimination": round(float(item.corr(rest)), 2) if varies else None,
                }
            )
    return pd.DataFrame(
        rows, columns=["module", "item", "trainees", "difficulty", "discrimination"]
    )
