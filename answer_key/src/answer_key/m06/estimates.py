"""Module 06: the reference values computed from a trainee's own caseload.

Every value a trainee reports or reads in module 06 comes from their simulated
caseload, :func:`course.modules.m06.caseload`; :func:`answer_key.m06.reference`
calls these functions with the same seed, afresh each time, so nothing an
answer cell did to the notebook's tables can reach the grading.

* :func:`view_correlations` recomputes the two early views from the raw
  session table, independently of the notebook's ``early_views`` helper;
* :func:`contains_meta` reads an interval as the notebook prints it (three
  decimals), so that a trainee reading the printed bounds is marked on them;
* the keys of exercises 7, 9 and 10 that depend on the trainee's numbers read
  the tables the notebook shows (:func:`icc_readings`, :func:`top5_repeat`,
  :func:`attachment_reading`); the tests check those tables against
  independent computations.

Every record is simulated; no real client data is used.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.grading import usable_number
from course.modules.m06 import (
    EARLY_SESSIONS,
    META_R,
    attachment_table,
    fisher_ci,
    split_half_table,
    therapist_icc,
    therapist_intervals,
)
from course.simulate.generate import Caseload

ATTACHMENT_META_R = 0.17  # Diener & Monroe (2011)
ICC_TENTH = 0.10


def correlation(x, y) -> float:
    """Pearson's r of two equally long sequences.

    >>> round(correlation([1, 2, 3, 4], [2, 4, 5, 9]), 3)
    0.965
    """
    return float(np.corrcoef(np.asarray(x, float), np.asarray(y, float))[0, 1])


def early_therapist_rating(sessions: pd.DataFrame, early: int = EARLY_SESSIONS) -> pd.Series:
    """Each client's mean therapist-rated alliance over sessions 1 to ``early``, by client id.

    >>> s = pd.DataFrame({"client_id": ["C1"] * 4 + ["C2"] * 3, "session": [1, 2, 3, 4, 1, 2, 3],
    ...                   "therapist_alliance": [3.0, 3.5, 4.0, 5.0, 2.0, 2.0, 2.5]})
    >>> early_therapist_rating(s).round(3).to_dict()
    {'C1': 3.5, 'C2': 2.167}
    """
    rows = sessions[sessions["session"] <= early]
    means = rows.groupby("client_id", observed=True)["therapist_alliance"].mean()
    means.index = means.index.astype(str)
    return means.rename("therapist_early")


def view_correlations(cl: Caseload) -> dict[str, float]:
    """r of outcome change with early alliance as the client rated it and as the therapist did."""
    clients = cl.clients.set_index(cl.clients["client_id"].astype(str))
    therapist_view = early_therapist_rating(cl.sessions).reindex(clients.index)
    return {
        "client": correlation(clients["early_alliance"], clients["outcome_change"]),
        "therapist": correlation(therapist_view, clients["outcome_change"]),
    }


def alliance_outcome_r(clients: pd.DataFrame) -> float:
    """r of early alliance (client-rated) with outcome change."""
    return correlation(clients["early_alliance"], clients["outcome_change"])


def contains_meta(interval) -> bool:
    """Does an interval, printed to three decimals, contain the meta-analytic r = .278?

    >>> contains_meta([0.2004, 0.2781]), contains_meta([0.1, 0.2774])
    (True, False)
    """
    low, high = (round(float(v), 3) for v in interval)
    return bool(low <= META_R <= high)


def own_interval(value) -> list[float] | None:
    """The trainee's ``ci_95`` when it is two usable numbers in order, else None.

    >>> own_interval([0.2, 0.3]), own_interval([0.3, 0.2]), own_interval("0.2"), own_interval(None)
    ([0.2, 0.3], None, None, None)
    """
    if not isinstance(value, list | tuple) or len(value) != 2:
        return None
    bounds = [usable_number(v) for v in value]
    if None in bounds or not -1 <= bounds[0] < bounds[1] <= 1:
        return None
    return bounds


def interval_of(clients: pd.DataFrame) -> list[float]:
    """The 95% interval of the client-rated correlation (n = number of clients)."""
    return fisher_ci(alliance_outcome_r(clients), len(clients))


def icc_readings(clients: pd.DataFrame) -> dict[str, bool]:
    """Key of exercise 7; I1 reads the trainee's ICC as printed (three decimals).

    >>> from course.modules.m06 import caseload
    >>> icc_readings(caseload("trainee-01").clients)["I3"]
    False
    """
    icc = round(therapist_icc(clients["outcome_change"], clients["therapist_id"]), 3)
    return {"I1": bool(icc < ICC_TENTH), "I2": True, "I3": False, "I4": False, "I5": True}


def therapists_apart(clients: pd.DataFrame) -> list[str]:
    """Ids of therapists whose 95% interval lies wholly above or below the clinic mean (sorted)."""
    table = therapist_intervals(clients)
    return sorted(table.loc[table["position"] != "overlaps", "therapist_id"].astype(str))


def top5_repeat(clients: pd.DataFrame) -> int:
    """How many of half A's top five therapists are also in half B's top five."""
    table = split_half_table(clients)
    return int(((table["rank_A"] <= 5) & (table["rank_B"] <= 5)).sum())


def attachment_reading(cl: Caseload) -> dict:
    """Key of exercise 10, read off the attachment table as the notebook shows it."""
    table = attachment_table(cl)
    client, therapist = table.loc["client level"], table.loc["therapist level"]
    return {
        "therapist_n": int(therapist["n"]),
        "client_ci_contains_meta": bool(client["ci_low"] <= ATTACHMENT_META_R <= client["ci_high"]),
        "therapist_ci_includes_zero": bool(therapist["ci_low"] <= 0 <= therapist["ci_high"]),
    }
