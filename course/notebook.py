"""``course.setup()``: the one call at the top of every course notebook."""

from __future__ import annotations

import pandas as pd

from course import charts
from course.identity import HOW_TO_SET, IdentityError, identity


def setup(quiet: bool = False) -> str | None:
    """Configure charts and tables for the course and say who the trainee is.

    Charts render with no internet (see :mod:`course.charts`), pandas shows
    tables compactly, and the trainee id that seeds their simulated caseload is
    printed. Returns the id, or ``None`` (with instructions printed) when no id
    is set, so the notebook can still be read before the id is set.
    """
    charts.enable_offline()
    charts.enable_theme()
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_rows", 30)
    pd.set_option("display.precision", 3)
    pd.set_option("display.width", 120)
    try:
        student_id = identity()
    except IdentityError as err:
        if not quiet:
            print(f"WARNING: {err}")
        return None
    if not quiet:
        print(
            f"Trainee id: {student_id}. Every caseload in this notebook is simulated for you "
            "from this id: no real client data is used."
        )
    return student_id


__all__ = ["setup", "HOW_TO_SET"]
