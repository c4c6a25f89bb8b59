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
    early_means,
    paired_ratings,
    srs_lines,
)
from course.modules.m04.shown import DIRECTIONS
from course.modules.m04.worked import item9_cases

# ---------------------------------------------------------------------------
# CSQ-8 and the SEQ
# ---------------------------------------------------------------------------


#: The letter of the right report in ``csq_options`` (exercise 5).
CSQ_ANSWER = "C"

CSQ_WHY = {
    "A": (
        "Summing the answered codes of an incomplete form (a blank as 0) makes a total that "
        "is too low, not a score. The CSQ-8 is not prorated: a form with any blank has no total."
    ),
    "B": (
        "The CSQ-8 measures satisfaction with a service, not the alliance, and clients who "
        "dropped out returned no form, so it cannot speak for every client who started."
    ),
    "D": (
        "The CSQ-8 is not prorated: a form with any blank has no total, and only complete "
        "forms are averaged."
    ),
}
CSQ_CONCEPT = (
    "Report the mean of the complete forms only, say how many forms had no total, and "
    "remember who returned a form (those who finished): satisfaction with a service, "
    "not the alliance."
)


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


def item9_actions(student_id: str) -> dict[str, str]:
    """What the clinician does about item 9 on each form K1-K5 (exercise 8), read from the
    caseload's item 9 answers: above 0 -> the safety protocol, whatever the total; blank
    -> ask about it directly; 0 -> no safety action from this item.

    >>> sorted(item9_actions("trainee-01").values())
    ['ask_item9', 'no_safety_action', 'no_safety_action', 'safety_protocol', 'safety_protocol']
    """
    cases = item9_cases(student_id)
    actions = {}
    for label, value in cases["item9"].items():
        if pd.isna(value):
            actions[label] = "ask_item9"
        elif value > 0:
            actions[label] = "safety_protocol"
        else:
            actions[label] = "no_safety_action"
    return actions


ITEM9_WHY = {
    "safety_protocol": (
        "item 9 is above 0, so the safety protocol applies whatever the total (a total below 10 "
        "does not make it safe to ignore): ask directly today, a same-day risk assessment by a "
        "competent clinician, a safety plan, local protocol and supervision."
    ),
    "ask_item9": (
        "item 9 was left blank: never assume a 0; ask the client about it directly today."
    ),
    "no_safety_action": (
        "item 9 is 0, so this item calls for no safety action today, however high the total: "
        "a high total guides the review of treatment, and item 9 is read again next session."
    ),
}


def item9_rationales(student_id: str) -> dict[str, str]:
    """Why, per form of exercise 8."""
    return {label: ITEM9_WHY[action] for label, action in item9_actions(student_id).items()}


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
