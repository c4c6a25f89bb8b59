"""Module 07, exercises 5-8: the expected values read from the trainee's caseload, and their checks.

Each is recomputed from the trainee's seed: the trajectory type behind each
letter (the simulator's ground truth), the mean outcome of each type, the
repair-outcome correlation and the conversation the dashboard rule suggests for
each week-4 client.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.modules.m07.data import TRAJECTORIES, trainee_caseload
from course.modules.m07.shown import (
    dashboard_labels,
    trajectory_examples,
    triage_clients,
)
from course.simulate import Caseload


def expected_trajectory_labels(student_id: str) -> dict[str, str]:
    """Reference answer of Exercise 5: each letter's ground-truth trajectory type."""
    caseload = trainee_caseload(student_id)
    trajectory = caseload.clients.set_index("client_id")["trajectory"]
    examples = trajectory_examples(caseload, student_id)
    return {letter: str(trajectory[cid]) for letter, cid in examples.items()}


def mean_outcome_by_trajectory(caseload: Caseload) -> dict[str, float]:
    """Mean ``outcome_change`` of the clients of each trajectory type (Exercise 6).

    >>> out = mean_outcome_by_trajectory(trainee_caseload("trainee-01"))
    >>> sorted(out) == sorted(TRAJECTORIES)
    True
    """
    clients = caseload.clients
    means = clients.groupby("trajectory", observed=True)["outcome_change"].mean()
    return {kind: float(means[kind]) for kind in TRAJECTORIES}


# ------------------------------------------------------------- repair and outcome


def repair_table(caseload: Caseload) -> pd.DataFrame:
    """Clients with at least one noted rupture: ruptures, repairs, share repaired, outcome.

    >>> t = repair_table(trainee_caseload("trainee-01"))
    >>> bool((t["ruptures"] >= 1).all()), bool(t["share_repaired"].between(0, 1).all())
    (True, True)
    """
    sessions = caseload.sessions
    counts = (
        sessions.assign(client_id=sessions["client_id"].astype(str))
        .groupby("client_id")[["rupture", "repaired"]]
        .sum()
        .rename(columns={"rupture": "ruptures", "repaired": "repairs"})
    )
    outcome = caseload.clients.set_index("client_id")["outcome_change"]
    table = counts[counts["ruptures"] >= 1].copy()
    table["share_repaired"] = table["repairs"] / table["ruptures"]
    table["outcome_change"] = outcome.reindex(table.index)
    return table.reset_index()


def repair_outcome_correlation(caseload: Caseload) -> float:
    """Pearson r of share of ruptures repaired and outcome change, clients with a rupture.

    >>> -1 <= repair_outcome_correlation(trainee_caseload("trainee-01")) <= 1
    True
    """
    table = repair_table(caseload)
    return float(np.corrcoef(table["share_repaired"], table["outcome_change"])[0, 1])


def expected_triage(student_id: str) -> dict[str, str]:
    """Reference answer of Exercise 8, recomputed from the trainee's seed."""
    caseload = trainee_caseload(student_id)
    return dashboard_labels(caseload, triage_clients(caseload, student_id))


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


def check_group_means(value, expected: dict, name: str, concept: str, tol: float = 0.01) -> None:
    """Hidden-test check: a dict of numbers, each within ``tol`` of ``expected``.

    >>> check_group_means({"a": 1.004}, {"a": 1.0}, "means", "Average each group.")
    >>> check_group_means({"a": 1.2}, {"a": 1.0}, "means", "Average each group.")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `means` is not right yet (a). Average each group.
    """
    from course.grading import CheckFailed, plain

    got = plain(value, name)
    if type(got) is not dict:
        raise CheckFailed(f"`{name}` should be a dict, but it is a {type(got).__name__}.")
    wrong = []
    for key, want in expected.items():
        number = got.get(key)
        ok = (
            isinstance(number, (int, float))
            and not isinstance(number, bool)
            and np.isfinite(number)
            and abs(number - want) <= tol
        )
        if not ok:
            wrong.append(str(key))
    if wrong:
        raise CheckFailed(f"`{name}` is not right yet ({', '.join(wrong)}). {concept}")


TRAJECTORY_MEANS_CONCEPT = (
    "Group all clients of your caseload by the `trajectory` column and take the mean of "
    "`outcome_change` (positive = better) in each group: the mean, not the median, and every "
    "client, not only the three in the chart."
)
REPAIR_R_CONCEPT = (
    "Use only clients with at least one noted rupture; for each, share repaired = repaired "
    "ruptures / ruptures (the `repaired` and `rupture` columns of `sessions`), then the Pearson "
    "correlation of that share with `outcome_change` from `clients`."
)


def _repair_r_variants(caseload: Caseload) -> dict[str, float]:
    """Answers that common slips produce (for naming the slip in feedback)."""
    sessions = caseload.sessions
    counts = (
        sessions.assign(client_id=sessions["client_id"].astype(str))
        .groupby("client_id")[["rupture", "repaired"]]
        .sum()
    )
    outcome = caseload.clients.set_index("client_id")["outcome_change"].reindex(counts.index)
    share_all = (counts["repaired"] / counts["rupture"].where(counts["rupture"] > 0)).fillna(0.0)
    repaired_count = counts["repaired"]
    return {
        "all clients": float(np.corrcoef(share_all, outcome)[0, 1]),
        "count": float(
            np.corrcoef(repaired_count[counts["rupture"] > 0], outcome[counts["rupture"] > 0])[0, 1]
        ),
    }


def repair_r_feedback(answer, student_id: str) -> str:
    """The teaching message of Exercise 7, naming the slip when it is a known one.

    >>> repair_r_feedback("0.3", "trainee-01") == REPAIR_R_CONCEPT
    True
    """
    if isinstance(answer, bool) or not isinstance(answer, (int, float, np.floating)):
        return REPAIR_R_CONCEPT
    variants = _repair_r_variants(trainee_caseload(student_id))
    if abs(float(answer) - variants["all clients"]) <= 0.005:
        return REPAIR_R_CONCEPT + (
            " Your value matches a correlation over all clients: clients without a rupture "
            "have no share repaired and must be left out."
        )
    if abs(float(answer) - variants["count"]) <= 0.005:
        return REPAIR_R_CONCEPT + (
            " Your value matches the number of repairs: use the share (repairs / ruptures)."
        )
    return REPAIR_R_CONCEPT


TRIAGE_CONCEPT = (
    "The course's dashboard rule at session 4: SRS at or below 36 means discuss the alliance; "
    "ORS below 25 and less than 5 points above session 1 means review progress; both can apply."
)
