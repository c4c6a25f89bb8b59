"""Module 07, exercises 3 and 4: the sessions the rupture rule flags and repairs, with feedback.

The rule is stated in the notebook (and in :mod:`course.modules.m07.data`); the
case client is chosen with the same rule in :mod:`course.modules.m07.case`, whose
helpers these reference functions share so the two can never disagree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.modules.m07.case import (
    _apply_rule,
    _previous_session_flags,
    _sessions_and_scores,
    case_record,
    choose_case_client,
)
from course.modules.m07.data import (
    FIRST_CHECKED_SESSION,
    REPAIR_WINDOW,
    RUPTURE_DROP,
    client_record,
    trainee_caseload,
)
from course.simulate import Caseload


def rupture_review(
    record: pd.DataFrame, drop: float = RUPTURE_DROP, window: int = REPAIR_WINDOW
) -> pd.DataFrame:
    """The rule applied session by session: baseline, drop, rupture and repair.

    ``record`` needs ``session`` and ``wai_sr``. ``rupture`` is True from
    session 3 on when ``baseline - wai_sr >= drop``; ``repaired`` is True for a
    rupture when a WAI-SR total in the next ``window`` sessions is at or above
    that same baseline.

    >>> demo = pd.DataFrame({"session": [1, 2, 3, 4, 5, 6],
    ...                      "wai_sr": [4.0, 4.2, 3.5, 3.8, 4.2, 4.0]})
    >>> rupture_review(demo)[["session", "baseline", "rupture", "repaired"]]
       session  baseline  rupture  repaired
    0        1       NaN    False     False
    1        2     4.000    False     False
    2        3     4.100     True      True
    3        4     3.900    False     False
    4        5     3.875    False     False
    5        6     3.940    False     False
    """
    sessions, scores = _sessions_and_scores(record)
    baseline, drops, rupture, repaired = _apply_rule(sessions, scores, drop, window)
    return pd.DataFrame(
        {
            "session": sessions,
            "wai_sr": scores,
            "baseline": [np.nan if b is None else round(b, 3) for b in baseline],
            "drop": [np.nan if d is None else round(d, 3) for d in drops],
            "rupture": rupture,
            "repaired": repaired,
        }
    )


def flag_ruptures(record: pd.DataFrame, drop: float = RUPTURE_DROP) -> list[int]:
    """Sessions the course rule flags as ruptures (the reference answer of Exercise 3).

    >>> demo = pd.DataFrame({"session": [1, 2, 3, 4, 5],
    ...                      "wai_sr": [4.0, 4.2, 3.5, 3.0, 4.2]})
    >>> flag_ruptures(demo)
    [3, 4]
    """
    review = rupture_review(record, drop)
    return [int(s) for s in review.loc[review["rupture"], "session"]]


def flag_repairs(
    record: pd.DataFrame, drop: float = RUPTURE_DROP, window: int = REPAIR_WINDOW
) -> list[int]:
    """Rupture sessions followed by a return to the pre-rupture level within ``window`` sessions.

    Session 3 (baseline 4.1) recovers at session 5 (4.2); session 4 (baseline
    3.9) would need 3.9 again at session 5 or 6, and 4.2 is enough:

    >>> demo = pd.DataFrame({"session": [1, 2, 3, 4, 5],
    ...                      "wai_sr": [4.0, 4.2, 3.5, 3.0, 4.2]})
    >>> flag_repairs(demo)
    [3, 4]
    >>> flag_repairs(demo, window=1)
    [4]
    """
    review = rupture_review(record, drop, window)
    return [int(s) for s in review.loc[review["repaired"], "session"]]


def expected_rupture_sessions(student_id: str) -> list[int]:
    """Reference answer of Exercise 3, recomputed from the trainee's seed."""
    return flag_ruptures(case_record(student_id))


def expected_repaired_sessions(student_id: str) -> list[int]:
    """Reference answer of Exercise 4, recomputed from the trainee's seed."""
    return flag_repairs(case_record(student_id))


def _as_int_list(value) -> list[int] | None:
    """The answer as a list of whole numbers, or None when it is not one."""
    if type(value) not in (list, tuple):
        return None
    out = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (int, np.integer)):
            return None
        out.append(int(item))
    return out


RUPTURE_CONCEPT = (
    "A rupture session under the course rule is one whose WAI-SR total is at least 0.5 below "
    "the running baseline, the mean of all earlier sessions of this client (not the previous "
    "session alone), checked from session 3 on; list the session numbers in order."
)
REPAIR_CONCEPT = (
    "A flagged rupture counts as repaired when, in one of the next two sessions, the WAI-SR "
    "total is back at or above the pre-rupture level (the running baseline that flagged it), "
    "not merely higher than the rupture session; list only sessions from your rupture list."
)


def _rupture_hint(given: list[int], sessions, scores, noted: list[int]) -> str:
    """A sentence naming a known slip in a rupture list (empty when none is recognised).

    >>> sessions, scores = [1, 2, 3, 4, 5, 6], [4.6, 4.6, 3.9, 3.8, 3.2, 4.5]
    >>> _apply_rule(sessions, scores, RUPTURE_DROP, REPAIR_WINDOW)[2]
    [False, False, True, True, True, False]
    >>> _previous_session_flags(sessions, scores)
    [3, 5]
    >>> "previous session" in _rupture_hint([3, 5], sessions, scores, noted=[4])
    True
    >>> "rupture notes" in _rupture_hint([4], sessions, scores, noted=[4])
    True
    >>> "negative drop" in _rupture_hint([6], [1, 2, 3, 4, 5, 6], [3.0, 3.0, 3.0, 3.0, 3.0, 4.0], [])
    True
    """
    if given == _previous_session_flags(sessions, scores):
        return (
            " Your list matches a drop from the previous session only: compare each session "
            "with the mean of all earlier sessions instead."
        )
    if given == noted:
        return (
            " Your list matches the record's own rupture notes; this exercise asks which "
            "sessions the stated WAI-SR rule flags."
        )
    if any(s < FIRST_CHECKED_SESSION for s in given):
        return " Sessions 1 and 2 are never flagged: the baseline needs two earlier sessions."
    drops = _apply_rule(sessions, scores, RUPTURE_DROP, REPAIR_WINDOW)[1]
    drops = dict(zip(sessions, drops, strict=True))
    if any(drops.get(s) is not None and drops[s] <= -RUPTURE_DROP + 1e-9 for s in given):
        return (
            " A negative drop means the session sits above its baseline, not below it: only a "
            "drop of +0.5 or more flags a rupture."
        )
    return ""


def _noted_sessions(caseload: Caseload, client_id: str, column: str = "rupture") -> list[int]:
    rows = caseload.sessions[caseload.sessions["client_id"].astype(str) == client_id]
    return [int(s) for s in rows.loc[rows[column].astype(bool), "session"]]


def rupture_feedback(answer, student_id: str) -> str:
    """The teaching message of Exercise 3, naming the slip when it is a known one.

    It never contains the correct answer.

    >>> rupture_feedback("3, 5", "trainee-01") == RUPTURE_CONCEPT
    True
    """
    given = _as_int_list(answer)
    if given is None:
        return RUPTURE_CONCEPT
    caseload = trainee_caseload(student_id)
    client_id = choose_case_client(caseload, student_id)
    sessions, scores = _sessions_and_scores(client_record(caseload, client_id))
    return RUPTURE_CONCEPT + _rupture_hint(
        given, sessions, scores, _noted_sessions(caseload, client_id)
    )


def _repair_hint(given: list[int], sessions, scores, noted: list[int]) -> str:
    """A sentence naming a known slip in a repaired list (empty when none is recognised).

    >>> sessions, scores = [1, 2, 3, 4, 5], [4.0, 4.2, 3.5, 3.0, 4.2]
    >>> "next two sessions" in _repair_hint([4], sessions, scores, noted=[])
    True
    >>> "also be a rupture" in _repair_hint([2], sessions, scores, noted=[])
    True
    """
    _, _, rupture, repaired = _apply_rule(sessions, scores, RUPTURE_DROP, REPAIR_WINDOW)
    flagged = [s for s, r in zip(sessions, rupture, strict=True) if r]
    mended = [s for s, r in zip(sessions, repaired, strict=True) if r]
    next_only = _apply_rule(sessions, scores, RUPTURE_DROP, 1)[3]
    next_only = [s for s, r in zip(sessions, next_only, strict=True) if r]
    if given == noted and noted != mended:
        return (
            " Your list matches the record's own repair notes; this exercise asks which flagged "
            "sessions the stated WAI-SR rule counts as repaired."
        )
    if any(s not in flagged for s in given):
        return " Every repaired session must also be a rupture session under the rule."
    if given == next_only and next_only != mended:
        return " Look at both of the next two sessions, not only the very next one."
    return ""


def repair_feedback(answer, student_id: str) -> str:
    """The teaching message of Exercise 4, naming the slip when it is a known one.

    >>> repair_feedback(None, "trainee-01") == REPAIR_CONCEPT
    True
    """
    given = _as_int_list(answer)
    if given is None:
        return REPAIR_CONCEPT
    caseload = trainee_caseload(student_id)
    client_id = choose_case_client(caseload, student_id)
    sessions, scores = _sessions_and_scores(client_record(caseload, client_id))
    noted = [
        s
        for s in _noted_sessions(caseload, client_id)
        if s in _noted_sessions(caseload, client_id, "repaired")
    ]
    return REPAIR_CONCEPT + _repair_hint(given, sessions, scores, noted)
