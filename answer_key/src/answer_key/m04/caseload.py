"""Module 04's keys for exercises 5-9: CSQ-8, SEQ, SRS, ORS, AUDIT, PHQ-9 item 9, rater gap.

Each reference is computed afresh from the trainee's simulated caseload with the
course library, exactly as a trainee's correct code would compute it.
"""

from __future__ import annotations

import math

import pandas as pd

import course.instruments as instruments
from course.modules.m04.data import (
    assigned_client,
    caseload,
    csq_discharge,
    early_means,
    paired_ratings,
    srs_lines,
)
from course.modules.m04.shown import DIRECTIONS

# ---------------------------------------------------------------------------
# CSQ-8 and the SEQ
# ---------------------------------------------------------------------------


def csq_reference(student_id: str) -> dict:
    """Forms received, forms scored (no prorating) and the mean of the scored totals.

    >>> ref = csq_reference("trainee-01")
    >>> sorted(ref), ref["n_scored"] < ref["n_forms"], 8 <= ref["mean_total"] <= 32
    (['mean_total', 'n_forms', 'n_scored'], True, True)
    """
    scored = instruments.score("csq-8", csq_discharge(student_id))
    totals = scored["total"].dropna()
    return {
        "n_forms": int(len(scored)),
        "n_scored": int(len(totals)),
        "mean_total": round(float(totals.mean()), 2),
    }


#: The key of the true reason in ``SEQ_OPTIONS``.
SEQ_ANSWER = "key"


# ---------------------------------------------------------------------------
# The assigned client: SRS lines, ORS and AUDIT
# ---------------------------------------------------------------------------


def srs_reference(student_id: str) -> list[int]:
    """Sessions whose SRS total is 36 or below (the ``alliance_concern`` flag)."""
    scored = instruments.score("srs", srs_lines(student_id))
    return [int(s) for s in scored.loc[scored["alliance_concern"].fillna(False), "session"]]


def ors_reference(student_id: str) -> list[int]:
    """The assigned client's sessions with an ORS total below the adult cut-off of 25."""
    client = assigned_client(student_id)
    sessions = caseload(student_id).sessions
    own = sessions[sessions["client_id"] == client]
    return [int(s) for s in own.loc[own["ors"] < 25, "session"]]


def audit_reference(student_id: str) -> list[int]:
    """The assigned client's AUDIT risk zone (1-4) at each AUDIT, in session order."""
    client = assigned_client(student_id)
    audit = instruments.score("audit", caseload(student_id).items("audit"))
    own = audit[audit["client_id"] == client].sort_values("session")
    return [int(z) for z in own["zone"]]


# ---------------------------------------------------------------------------
# PHQ-9 item 9
# ---------------------------------------------------------------------------

#: The key of the first step in ``ITEM9_OPTIONS``.
ITEM9_ANSWER = "assess"


def item9_reference(student_id: str) -> list[str]:
    """Clients who endorsed PHQ-9 item 9 at a session whose total was below 10.

    These are the clients a screen on the total alone (>= 10) would have missed.

    >>> missed = item9_reference("trainee-01")
    >>> missed == sorted(missed), all(c.startswith("C") for c in missed)
    (True, True)
    """
    phq = instruments.score("phq-9", caseload(student_id).items("phq-9"))
    hit = phq["safety_flag"].fillna(False).astype(bool) & (phq["total"] < 10)
    return sorted({str(c) for c in phq.loc[hit, "client_id"]})


# ---------------------------------------------------------------------------
# Client and therapist ratings of the same sessions
# ---------------------------------------------------------------------------


def rating_gap(pairs: pd.DataFrame) -> dict:
    """Direction, Cohen's d and Pearson r of client versus therapist ratings.

    Each client's sessions 1-3 are averaged per rater on the 1-5 metric (the
    client sum divided by 12). ``d`` = (client mean - therapist mean) / pooled SD,
    the pooled SD being the root mean of the two variances (one value per client
    and rater, so the groups are equal in size); ``r`` correlates the two.

    >>> pairs = pd.DataFrame({"client_id": ["a", "a", "b", "b"], "session": [1, 2, 1, 2],
    ...     "client_wai_sum": [54, 54, 42, 42], "therapist_rating": [4.0, 4.0, 3.0, 3.0]})
    >>> rating_gap(pairs)
    {'direction': 'clients higher', 'd': 0.707, 'r': 1.0}
    """
    per_client = early_means(pairs)
    client, therapist = per_client["client"], per_client["therapist"]
    pooled = math.sqrt((client.var() + therapist.var()) / 2)
    d = (client.mean() - therapist.mean()) / pooled
    direction = DIRECTIONS[0] if d >= 0.2 else DIRECTIONS[1] if d <= -0.2 else DIRECTIONS[2]
    return {
        "direction": direction,
        "d": round(float(d), 3),
        "r": round(float(client.corr(therapist)), 3),
    }


def rating_gap_reference(student_id: str) -> dict:
    """:func:`rating_gap` of the trainee's own caseload."""
    return rating_gap(paired_ratings(student_id))
