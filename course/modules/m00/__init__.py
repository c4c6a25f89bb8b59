"""Module 00 (orientation): the practice SRS data a trainee sees.

The Session Rating Scale (SRS; Duncan et al. 2003) is four 0-10 lines; the total
is their sum (0-40) and a total of 36 or below flags a possible alliance
concern worth discussing with the client. This module only makes the practice
numbers; the instrument itself lives in ``course.instruments`` and the reference
answers in the grading-only ``answer_key.m00``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.seeds import stable_seed

SRS_LINES = ["relationship", "goals_topics", "approach_method", "overall"]
SRS_CONCERN_CUTOFF = 36.0
MODULE = "00-orientation"


def practice_srs(student_id: str, n_sessions: int = 8) -> pd.DataFrame:
    """Simulated SRS line marks (0-10, one decimal) for one client over ``n_sessions``.

    Always includes one session whose total is exactly 36.0 (the cutoff itself)
    and at least one clearly above it, so "at or below" can be told apart from
    "below". Columns: ``session``, the four lines, ``total``.

    >>> df = practice_srs("trainee-01")
    >>> list(df.columns)
    ['session', 'relationship', 'goals_topics', 'approach_method', 'overall', 'total']
    >>> bool((df["total"] == 36.0).any()), bool((df["total"] > 36).any())
    (True, True)
    """
    rng = np.random.default_rng(stable_seed(student_id, MODULE, "srs"))
    # Latent session quality: starts modest, tends to improve, with noise.
    level = 8.3 + 0.15 * np.arange(n_sessions) + rng.normal(0, 0.6, n_sessions)
    marks = np.clip(level[:, None] + rng.normal(0, 0.5, (n_sessions, 4)), 0, 10).round(1)
    exact = rng.integers(1, n_sessions - 1)
    marks[exact] = [9.0, 9.0, 9.0, 9.0]
    high = (exact + 1 + rng.integers(0, n_sessions - 2)) % n_sessions
    if high == exact:
        high = (exact + 1) % n_sessions
    marks[high] = np.maximum(marks[high], 9.4)
    frame = pd.DataFrame(marks, columns=SRS_LINES)
    frame.insert(0, "session", np.arange(1, n_sessions + 1))
    frame["total"] = frame[SRS_LINES].sum(axis=1).round(1)
    return frame
