"""Module 05, exercises 10-11: the sudden gains the three criteria of Tang & DeRubeis
(1999) find, the hidden-test check that marks them with the trainee's own reliable
change value from Exercise 5 when it is a plausible one, and the key of the
one-session dip (Exercise 11).
"""

from __future__ import annotations

import pandas as pd

from answer_key.m05.change import exact_rc_points
from course import psychometrics as pm
from course.grading import expect_same_items, usable_number
from course.modules.m05 import (
    DIP_PREGAIN,
    DIP_SCORES,
    caseload_for,
    intake_sd,
    phq9_trajectories,
)


def sudden_gain_pairs(trajectories: pd.DataFrame, cutoff: float) -> list[list]:
    """``[client_id, pregain_session]`` for every interval meeting all three criteria of
    Tang & DeRubeis (1999), with ``cutoff`` as criterion 1."""
    result = pm.sudden_gains(trajectories, cutoff=cutoff, improvement="decrease")
    hits = result[result["sudden_gain"].fillna(False).astype(bool)]
    return [[str(c), int(s)] for c, s in zip(hits["client"], hits["pregain_session"], strict=True)]


# Exercise 10 is marked with the trainee's own rc_points when it is plausible: from half to
# twice the exact value covers the usual slips (no sqrt(2), z = 1.645, a rounded SEM)
# without letting an absurd value (e.g. 27, which finds nothing) stand in for the work.
CARRIED_FORWARD_RANGE = (0.5, 2.0)


def criterion_one_for(student_id: str, rc_points_given) -> tuple[float, bool]:
    """The criterion-1 value Exercise 10 is marked with, and whether it is the trainee's own.

    >>> exact, own = criterion_one_for("trainee-01", None)
    >>> own, criterion_one_for("trainee-01", exact / 2**0.5) == (exact / 2**0.5, True)
    (False, True)
    >>> criterion_one_for("trainee-01", 27.0) == (exact, False)
    True
    """
    return _criterion_one(phq9_trajectories(caseload_for(student_id)), rc_points_given)


def _criterion_one(phq: pd.DataFrame, rc_points_given) -> tuple[float, bool]:
    exact = exact_rc_points(intake_sd(phq))
    given = usable_number(rc_points_given)
    low, high = CARRIED_FORWARD_RANGE
    if given is not None and low * exact <= given <= high * exact:
        return given, True
    return exact, False


def check_sudden_gains(found, expected: list, student_id: str, rc_points_given, name: str) -> None:
    """Hidden-test check of Exercise 10, with Exercise 5's value carried forward.

    ``expected`` holds the pairs found with the exact reliable change value. The exercise
    asks for the three criteria run with the trainee's own ``rc_points``; a slip there
    already cost Exercise 5, so a plausible own value is used here instead
    (:func:`criterion_one_for`), and the message says which value was used.

    >>> phq = phq9_trajectories(caseload_for("trainee-01"))
    >>> exact, _ = criterion_one_for("trainee-01", None)
    >>> expected = sudden_gain_pairs(phq, exact)
    >>> check_sudden_gains(sudden_gain_pairs(phq, exact * 0.8), expected, "trainee-01", exact * 0.8, "gains")
    >>> check_sudden_gains([["C999", 2]], expected, "trainee-01", exact, "gains")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `gains` is not right yet. ...
    """
    phq = phq9_trajectories(caseload_for(student_id))
    cutoff, own = _criterion_one(phq, rc_points_given)
    used = (
        f"It was marked with your rc_points ({cutoff:.2f}) as criterion 1."
        if own
        else "It was marked with the exact reliable change value as criterion 1, because "
        "rc_points is missing or far from it."
    )
    expect_same_items(
        found,
        sudden_gain_pairs(phq, cutoff) if own else expected,
        name,
        "A sudden gain must meet all three criteria (size of at least the reliable change "
        "value in points, your rc_points on the PHQ-9 and not the BDI's 7, at least 25% of "
        "the pre-gain score, and a stable difference between the three sessions before and "
        "after): give sudden_gains your rc_points as cutoff and keep the rows whose "
        f"sudden_gain is True. {used}",
    )


def dip_check(rc_points: float) -> dict[str, bool]:
    """Exercise 11's key: the three criteria, and their verdict, for the one-session dip
    shown in the notebook (pre-gain session 3 to 4), run by the course's own check.

    >>> dip_check(4.6)
    {'size': True, 'relative_size': True, 'stability': False, 'sudden_gain': False}
    """
    scores = pd.DataFrame([list(DIP_SCORES.values())], columns=list(DIP_SCORES), index=["dip"])
    rows = pm.sudden_gains(scores, cutoff=rc_points, improvement="decrease")
    row = rows[rows["pregain_session"] == DIP_PREGAIN].iloc[0]
    return {
        "size": bool(row["crit1"]),
        "relative_size": bool(row["crit2"]),
        "stability": bool(row["crit3"]),
        "sudden_gain": bool(row["sudden_gain"]),
    }


DIP_WHY = {
    "size": "the drop from 16 to 8 is 8 points, at least your rc_points: criterion 1 holds.",
    "relative_size": "8 points is 50% of the pre-gain score of 16, at least 25%: criterion 2 holds.",
    "stability": "the three sessions before average 16 and the three from session 4 on "
    "average 13.3; the difference (2.7) is far below 2.776 x their pooled SD (about 9.1), "
    "because the score bounced straight back: criterion 3 fails.",
    "sudden_gain": "a sudden gain needs all three criteria, and stability fails: this is a "
    "one-session dip, not a gain.",
}
