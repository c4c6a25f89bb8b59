"""Module 07, exercises 5, 7 and 9: the expected values read from the trainee's caseload, and their checks.

Each is recomputed from the trainee's seed: the trajectory type behind each
letter (the simulator's ground truth), the repair-outcome correlation over the
table the notebook shows, and the conversation the dashboard rule suggests for
each week-4 client (under the labels P1..P5 the notebook shows them by).
"""

from __future__ import annotations

import numpy as np

from course.modules.m07.data import TRAJECTORIES, trainee_caseload
from course.modules.m07.shown import dashboard_labels, trajectory_examples, triage_clients
from course.modules.m07.worked import repair_table, triage_labels_shown
from course.simulate import Caseload


def expected_trajectory_labels(student_id: str) -> dict[str, str]:
    """Reference answer of Exercise 5: each letter's ground-truth trajectory type."""
    caseload = trainee_caseload(student_id)
    trajectory = caseload.clients.set_index("client_id")["trajectory"]
    examples = trajectory_examples(caseload, student_id)
    return {letter: str(trajectory[cid]) for letter, cid in examples.items()}


def mean_outcome_by_trajectory(caseload: Caseload) -> dict[str, float]:
    """Mean ``outcome_change`` of the clients of each trajectory type (read in Exercise 6).

    >>> out = mean_outcome_by_trajectory(trainee_caseload("trainee-01"))
    >>> sorted(out) == sorted(TRAJECTORIES)
    True
    """
    clients = caseload.clients
    means = clients.groupby("trajectory", observed=True)["outcome_change"].mean()
    return {kind: float(means[kind]) for kind in TRAJECTORIES}


# ------------------------------------------------------------- repair and outcome


def repair_outcome_correlation(caseload: Caseload) -> float:
    """Pearson r of share of ruptures repaired and outcome change, clients with a rupture
    (the reference answer of Exercise 7, over the table the notebook shows).

    >>> -1 <= repair_outcome_correlation(trainee_caseload("trainee-01")) <= 1
    True
    """
    table = repair_table(caseload)
    return float(np.corrcoef(table["share_repaired"], table["outcome_change"])[0, 1])


REPAIR_R_CONCEPT = (
    "Correlate the share of each client's ruptures that were repaired (`share_repaired`) with "
    "their improvement (`outcome_change`): the share, not the number of repairs or of ruptures, "
    "since clients with more ruptures have more chances to repair one."
)


def _repair_r_variants(caseload: Caseload) -> dict[str, float]:
    """Answers that common slips produce (for naming the slip in feedback)."""
    table = repair_table(caseload)
    outcome = table["outcome_change"]
    return {
        "count": float(np.corrcoef(table["repairs"], outcome)[0, 1]),
        "ruptures": float(np.corrcoef(table["ruptures"], outcome)[0, 1]),
    }


def repair_r_feedback(answer, student_id: str) -> str:
    """The teaching message of Exercise 7, naming the slip when it is a known one.

    >>> repair_r_feedback("0.3", "trainee-01") == REPAIR_R_CONCEPT
    True
    """
    if isinstance(answer, bool) or not isinstance(answer, (int, float, np.floating)):
        return REPAIR_R_CONCEPT
    variants = _repair_r_variants(trainee_caseload(student_id))
    if abs(float(answer) - variants["count"]) <= 0.005:
        return REPAIR_R_CONCEPT + (
            " Your value matches the number of repairs: use the share repaired instead."
        )
    if abs(float(answer) - variants["ruptures"]) <= 0.005:
        return REPAIR_R_CONCEPT + (
            " Your value matches the number of ruptures, which says how often the alliance "
            "strained, not how often a strain was repaired."
        )
    return REPAIR_R_CONCEPT


# ---------------------------------------------------------------------- monitoring


def expected_triage(student_id: str) -> dict[str, str]:
    """Reference answer of Exercise 9: the dashboard rule at session 4 for P1..P5.

    >>> sorted(expected_triage("trainee-01"))
    ['P1', 'P2', 'P3', 'P4', 'P5']
    """
    caseload = trainee_caseload(student_id)
    ids = triage_clients(caseload, student_id)
    labels = dashboard_labels(caseload, ids)
    return {shown: labels[cid] for shown, cid in triage_labels_shown(ids).items()}


def triage_rationale(label: str) -> str:
    """Why a client gets ``label`` under the course's dashboard rule (shown on a wrong answer)."""
    return {
        "discuss_alliance": "SRS at or below 36 (36 itself counts) and the ORS is not stuck.",
        "review_progress": (
            "ORS below 25 and less than 5 points above session 1, with the SRS above 36."
        ),
        "both": "SRS at or below 36 and the ORS below 25 with less than 5 points of gain.",
        "no_flag": (
            "SRS above 36, and the ORS is either at or above 25 or at least 5 points above "
            "session 1."
        ),
    }[label]


TRIAGE_CONCEPT = (
    "The course's dashboard rule at session 4: SRS at or below 36 means discuss the alliance; "
    "ORS below 25 and less than 5 points above session 1 means review progress; both can apply."
)
