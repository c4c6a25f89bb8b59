"""Module 00 (orientation): the practice SRS data and the primer's caseload a trainee sees.

The Session Rating Scale (SRS; Duncan et al. 2003) is four 0-10 lines; the total
is their sum (0-40) and a total of 36 or below flags a possible alliance
concern worth discussing with the client. This module only makes the practice
numbers (:func:`practice_srs`: one client's line marks) and the Python primer's
table (:func:`primer_sessions`: four clients of the trainee's own simulated
caseload, and :func:`client_summary`); the instrument itself lives in
``course.instruments`` and the reference answers in the grading-only
``answer_key.m00``. Every number is simulated.
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


PRIMER_CLIENTS = ["A", "B", "C", "D"]
PRIMER_COLUMNS = ["client", "problem", "session", "srs"]


def _primer_set_ok(rows: pd.DataFrame) -> bool:
    """Four clients whose numbers let each primer question tell a slip from the idea.

    One session at exactly 36.0 (so "at or below" differs from "below"), a
    lowest mean clearly below the others (0.3 or more), the single lowest
    session belonging to a *different* client (so a mean differs from one bad
    day), and client A's mean 0.1 or more away from the mean of all four.
    """
    means = rows.groupby("client_id")["srs"].mean().sort_values()
    lowest_session = rows.loc[rows["srs"].idxmin(), "client_id"]
    first_client = min(means.index)  # shown as client A
    return bool(
        (rows["srs"] == SRS_CONCERN_CUTOFF).any()
        and means.iloc[1] - means.iloc[0] >= 0.3
        and lowest_session != means.index[0]
        and abs(means[first_client] - rows["srs"].mean()) >= 0.1
        and (rows["srs"] > SRS_CONCERN_CUTOFF).any()
    )


def primer_sessions(student_id: str) -> pd.DataFrame:
    """Four simulated clients of the trainee's own caseload, one row per session attended.

    Drawn from ``course.simulate.for_student(student_id, "00-orientation")`` and
    relabelled A-D. Columns: ``client``, ``problem`` (``"depression"`` or
    ``"alcohol use"``), ``session`` and ``srs`` (the client's SRS total, 0-40).
    Every record is simulated.

    >>> table = primer_sessions("trainee-01")
    >>> list(table.columns), sorted(table["client"].unique())
    (['client', 'problem', 'session', 'srs'], ['A', 'B', 'C', 'D'])
    >>> bool((table["srs"] == 36.0).any())
    True
    """
    from course.simulate import for_student

    caseload = for_student(student_id, MODULE)
    sessions = caseload.sessions[["client_id", "session", "srs"]].dropna()
    counts = sessions.groupby("client_id").size()
    eligible = counts[counts >= 5].index.to_numpy()
    rng = np.random.default_rng(stable_seed(student_id, MODULE, "primer"))
    for _ in range(5000):
        chosen = sorted(rng.choice(eligible, size=len(PRIMER_CLIENTS), replace=False))
        rows = sessions[sessions["client_id"].isin(chosen)].copy()
        # The session nearest the cut-off is set to the cut-off itself when it is
        # within 0.3 of it: a simulated value, kept honest by the checks below.
        nearest = (rows["srs"] - SRS_CONCERN_CUTOFF).abs().idxmin()
        if abs(rows.loc[nearest, "srs"] - SRS_CONCERN_CUTOFF) <= 0.3:
            rows.loc[nearest, "srs"] = SRS_CONCERN_CUTOFF
        if _primer_set_ok(rows):
            break
    else:  # pragma: no cover - checked for hundreds of ids in tests/modules/test_m00.py
        raise RuntimeError(f"no primer clients for {student_id!r}")
    problems = caseload.clients.set_index("client_id")["problem"].str.replace("_", " ")
    labels = dict(zip(chosen, PRIMER_CLIENTS, strict=True))
    table = rows.assign(
        client=rows["client_id"].map(labels), problem=rows["client_id"].map(problems)
    )
    table = table.assign(srs=table["srs"].astype(float).round(1))
    return table[PRIMER_COLUMNS].reset_index(drop=True)


def client_summary(sessions: pd.DataFrame) -> pd.DataFrame:
    """One row per client of :func:`primer_sessions`: sessions, mean and lowest SRS.

    >>> table = pd.DataFrame({"client": ["A", "A", "B"], "problem": ["depression"] * 3,
    ...                       "session": [1, 2, 1], "srs": [36.0, 38.0, 35.0]})
    >>> client_summary(table)
      client     problem  sessions  mean_srs  lowest_srs
    0      A  depression         2      37.0        36.0
    1      B  depression         1      35.0        35.0
    """
    grouped = sessions.groupby(["client", "problem"], as_index=False)["srs"]
    summary = grouped.agg(sessions="count", mean_srs="mean", lowest_srs="min")
    return summary.assign(mean_srs=summary["mean_srs"].round(2))
