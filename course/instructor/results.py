"""Read grades and test messages back out of an nbgrader course directory."""

from __future__ import annotations

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
