"""Module 00 (orientation): the reference answers for one trainee."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from course.grading.memo import per_notebook
from course.modules.m00 import SRS_CONCERN_CUTOFF, practice_srs, primer_sessions


@dataclass(frozen=True)
class Reference:
    """What module 00's hidden tests expect of one trainee."""

    n_flagged: int
    mean_a: float
    check_in_first: str
    last_session_total: float
    sessions_of_concern: list[int]


def sessions_at_or_below_cutoff(scores: pd.DataFrame) -> list[int]:
    """Session numbers whose SRS total is at or below 36.

    >>> sessions_at_or_below_cutoff(pd.DataFrame({"session": [1, 2, 3], "total": [35.9, 36.0, 36.1]}))
    [1, 2]
    """
    flagged = scores.loc[scores["total"] <= SRS_CONCERN_CUTOFF, "session"]
    return [int(s) for s in flagged]


def lowest_mean_client(sessions: pd.DataFrame) -> str:
    """The client whose mean SRS is lowest (by the mean, not by the single lowest session).

    >>> table = pd.DataFrame({"client": ["A", "A", "B", "B"], "srs": [30.0, 40.0, 34.0, 35.0]})
    >>> lowest_mean_client(table)
    'B'
    """
    return str(sessions.groupby("client")["srs"].mean().idxmin())


@per_notebook
def reference(student_id: str) -> Reference:
    """Module 00's expected answers for ``student_id``.

    >>> ref = reference("trainee-01")
    >>> 0 <= ref.last_session_total <= 40 and all(1 <= s <= 8 for s in ref.sessions_of_concern)
    True
    >>> ref.check_in_first in "ABCD" and 0 < ref.n_flagged and 0 < ref.mean_a <= 40
    True
    """
    scores = practice_srs(student_id)
    caseload = primer_sessions(student_id)
    client_a = caseload.loc[caseload["client"] == "A", "srs"]
    return Reference(
        n_flagged=int((caseload["srs"] <= SRS_CONCERN_CUTOFF).sum()),
        mean_a=float(client_a.mean()),
        check_in_first=lowest_mean_client(caseload),
        last_session_total=float(scores["total"].iloc[-1]),
        sessions_of_concern=sessions_at_or_below_cutoff(scores),
    )
