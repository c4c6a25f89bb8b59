"""Module 05, exercises 5-9: SEM and the smallest reliable change, criterion c, which
criterion each clinic can use, the outcome of the six clients shown (with the reason, for
hidden-test messages), and PHQ-9 item 9 at the last session.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course import psychometrics as pm
from course.modules.m05 import (
    GENERAL_POPULATION_MEAN,
    GENERAL_POPULATION_SD,
    PHQ9_CUTOFF,
    PHQ9_RELIABILITY,
    change_parts,
    chart_clients,
    intake_mean,
    intake_sd,
    last_scores,
)

Z_95 = 1.96


def change_thresholds(sd: float, reliability: float = PHQ9_RELIABILITY) -> dict:
    """SEM, the standard error of a difference, and the smallest reliable change in points.

    >>> change_thresholds(5.0, 0.89)
    {'sem': 1.658, 's_diff': 2.345, 'rc_points': 4.597}
    """
    sem = pm.standard_error_of_measurement(sd, reliability)
    s_diff = float(np.sqrt(2) * sem)
    return {"sem": round(sem, 3), "s_diff": round(s_diff, 3), "rc_points": round(Z_95 * s_diff, 3)}


def exact_rc_points(sd: float, reliability: float = PHQ9_RELIABILITY) -> float:
    """The smallest reliable change, unrounded: 1.96 x sqrt(2) x SEM.

    >>> round(exact_rc_points(5.0, 0.89), 4)
    4.5966
    """
    return Z_95 * float(np.sqrt(2)) * pm.standard_error_of_measurement(sd, reliability)


def is_reliable_drop(points: float, sd: float, reliability: float = PHQ9_RELIABILITY) -> bool:
    """Whether a drop of ``points`` is reliable change: |RCI| > 1.96.

    >>> is_reliable_drop(4, 5.0), is_reliable_drop(5, 5.0)
    (False, True)
    """
    return bool(abs(pm.reliable_change_index(0, -points, sd, reliability)) > pm.RCI_CRITICAL)


def criterion_c(trajectories: pd.DataFrame) -> float:
    """Criterion c with the trainee's intake sample as the clinical group and the
    general-population norms of Kocalevent et al. (2013) as the functional group."""
    return round(
        pm.clinical_cutoff(
            mean_clinical=intake_mean(trajectories),
            sd_clinical=intake_sd(trajectories),
            mean_functional=GENERAL_POPULATION_MEAN,
            sd_functional=GENERAL_POPULATION_SD,
        ),
        3,
    )


def change_table(
    trajectories: pd.DataFrame,
    sd: float | None = None,
    reliability: float = PHQ9_RELIABILITY,
    cutoff: float = PHQ9_CUTOFF,
) -> pd.DataFrame:
    """One row per client: intake, last score, RCI, change label, and recovered.

    ``recovered`` (Jacobson & Truax 1991): reliable improvement *and* moving from
    the clinical range (intake at or above ``cutoff``) to below it.

    >>> traj = pd.DataFrame({1: [16.0, 14.0, 8.0, 12.0], 2: [12.0, 13.0, 7.0, 19.0], 3: [8.0, 11.0, 2.0, np.nan]},
    ...                     index=pd.Index(["C1", "C2", "C3", "C4"], name="client_id"))
    >>> change_table(traj, sd=5.0)[["rci", "change", "recovered"]]
                rci                  change  recovered
    client_id
    C1        -3.411    reliable improvement       True
    C2        -1.279      no reliable change      False
    C3        -2.558    reliable improvement      False
    C4         2.985  reliable deterioration      False
    """
    sd = intake_sd(trajectories) if sd is None else sd
    intake = trajectories[1]
    last = last_scores(trajectories)
    rci = pd.Series(
        pm.reliable_change_index(intake, last, sd, reliability), index=trajectories.index
    )
    labels = pd.Series(pm.classify_change(rci, improvement="decrease"), index=trajectories.index)
    recovered = (labels == "reliable improvement") & (intake >= cutoff) & (last < cutoff)
    return pd.DataFrame(
        {
            "intake": intake,
            "last": last,
            "change": labels,
            "rci": rci.round(3),
            "recovered": recovered,
        }
    )[["intake", "last", "rci", "change", "recovered"]]


# Exercise 7: what each clinic has decides what it can compute (Jacobson & Truax 1991):
# a needs the clinical group's mean and SD, b the functional group's, c both.
CLINIC_CRITERIA = {"clinic_1": "b", "clinic_2": "a", "clinic_3": "c"}
CLINIC_WHY = {
    "clinic_1": "it has norms for the general population only (no intake scores of its own "
    "yet), and criterion b needs only the functional group's mean and SD.",
    "clinic_2": "nobody has norms for a non-clinical group on its questionnaire, and "
    "criterion a needs only the clinical group's mean and SD (its own intake scores).",
    "clinic_3": "it has both groups' means and SDs and wants the point as many SDs from "
    "one mean as from the other, weighting each by its spread: that is criterion c.",
}


def outcome_of(intake: float, last: float, rci: float, cutoff: float = PHQ9_CUTOFF) -> str:
    """Jacobson & Truax's (1991) four outcomes on a scale where lower is better.

    >>> outcome_of(18, 9, -3.8), outcome_of(24, 15, -3.8), outcome_of(9, 4, -2.1)
    ('recovered', 'improved', 'improved')
    >>> outcome_of(14, 11, -1.3), outcome_of(8, 15, 3.0), outcome_of(16, 10, -2.6)
    ('unchanged', 'deteriorated', 'improved')
    """
    if rci > pm.RCI_CRITICAL:
        return "deteriorated"
    if rci >= -pm.RCI_CRITICAL:
        return "unchanged"
    return "recovered" if intake >= cutoff > last else "improved"


def six_outcomes(
    trajectories: pd.DataFrame, sd: float, cutoff: float = PHQ9_CUTOFF
) -> tuple[dict[str, str], dict[str, str]]:
    """Exercise 8's key for the six clients of the chart (client_A ...) and, per client, why.

    >>> traj = pd.DataFrame({1: [18.0, 24.0, 14.0, 8.0], 2: [9.0, 15.0, 11.0, 15.0]},
    ...                     index=pd.Index(["C1", "C2", "C3", "C4"], name="client_id"))
    >>> six_outcomes(traj, sd=5.0)[0]
    {'client_A': 'recovered', 'client_B': 'improved', 'client_C': 'unchanged', 'client_D': 'deteriorated'}
    """
    table = change_parts(trajectories, chart_clients(trajectories), sd)
    key, why = {}, {}
    for label, row in table.iterrows():
        outcome = outcome_of(row["intake"], row["last"], row["rci"], cutoff)
        key[str(label)] = outcome
        crossed = (
            "from 10 or more to below 10"
            if row["intake"] >= cutoff > row["last"]
            else ("without moving from 10 or more to below 10")
        )
        why[str(label)] = (
            f"({row['client_id']}) went from {row['intake']:.0f} to {row['last']:.0f}, "
            f"RCI {row['rci']:+.2f}, {crossed}. Beyond -1.96 is reliable improvement "
            "(recovered only if it also crosses the cut-off of 10, a final 10 still being "
            "in the clinical range), beyond +1.96 is deterioration, and in between is "
            "unchanged, however large the drop looks."
        )
    return key, why


def safety_at_last_session(item9: pd.DataFrame) -> list[str]:
    """Clients whose PHQ-9 item 9 was above 0 at their last attended session, in id order."""
    last = last_scores(item9)
    return sorted(str(c) for c in last.index[last > 0])
