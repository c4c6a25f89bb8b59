"""Module 02, exercises 6, 7 and 10: the caseload references, from the trainee's own seed.

The mean next-session changes, the gaps by attachment group and the gap without
ruptures. :func:`answer_key.m02.reference` recomputes them from a freshly
simulated caseload, never from a variable the trainee could have changed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.modules.m02.caseload import GROUPS


def mean_change_after(pairs: pd.DataFrame) -> dict[str, float]:
    """Mean next-session change after focused and after other (unfocused) sessions.

    >>> p = pd.DataFrame({"next_change": [0.5, 0.1, -0.1, 0.3], "focused": [True, False, False, True]})
    >>> mean_change_after(p)
    {'focused': 0.4, 'unfocused': 0.0}
    """
    means = pairs.groupby("focused")["next_change"].mean()
    # A kind of session that never occurs has no mean (NaN), rather than a KeyError.
    return {"focused": float(means.get(True, np.nan)), "unfocused": float(means.get(False, np.nan))}


def focus_gaps(pairs: pd.DataFrame, groups: pd.Series) -> dict[str, float]:
    """Per attachment group: mean change after focused minus after unfocused sessions."""
    gaps = {}
    for group in GROUPS:
        rows = pairs[pairs["client_id"].map(groups) == group]
        means = mean_change_after(rows)
        gaps[group] = means["focused"] - means["unfocused"]
    return gaps


def gap_without_rupture(pairs: pd.DataFrame) -> float:
    """Focused-minus-unfocused gap among sessions *without* a rupture only."""
    means = mean_change_after(pairs[~pairs["rupture"].astype(bool)])
    return means["focused"] - means["unfocused"]
