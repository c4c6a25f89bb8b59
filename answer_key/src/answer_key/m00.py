"""Module 00 (orientation): the reference answers for one trainee."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from course.modules.m00 import SRS_CONCERN_CUTOFF, practice_srs


@dataclass(frozen=True)
class Reference:
    """What module 00's hidden tests expect of one trainee."""

    last_session_total: float
    sessions_of_concern: list[int]


def sessions_at_or_below_cutoff(scores: pd.DataFrame) -> list[int]:
    """Session numbers whose SRS total is at or below 36.

    >>> sessions_at_or_below_cutoff(pd.DataFrame({"session": [1, 2, 3], "total": [35.9, 36.0, 36.1]}))
    [1, 2]
    """
    flagged = scores.loc[scores["total"] <= SRS_CONCERN_CUTOFF, "session"]
    return [int(s) for s in flagged]


def reference(student_id: str) -> Reference:
    """Module 00's expected answers for ``student_id``.

    >>> ref = reference("trainee-01")
    >>> 0 <= ref.last_session_total <= 40 and all(1 <= s <= 8 for s in ref.sessions_of_concern)
    True
    """
    scores = practice_srs(student_id)
    return Reference(
        last_session_total=float(scores["total"].iloc[-1]),
        sessions_of_concern=sessions_at_or_below_cutoff(scores),
    )
