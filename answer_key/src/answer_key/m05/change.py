"""Module 05, exercises 5-9: SEM and the smallest reliable change, criterion c, each
client's reliable-change category (with the reason, for hidden-test messages), who
recovered, and PHQ-9 item 9 at the last session.
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


def change_labels(table: pd.DataFrame) -> dict[str, str]:
    """``{client_id: label}`` from :func:`change_table`."""
    return {str(k): str(v) for k, v in table["change"].items()}


def recovered_clients(table: pd.DataFrame) -> list[str]:
    """Client ids classed as recovered, in id order."""
    return sorted(str(c) for c in table.index[table["recovered"]])


def change_rationales(table: pd.DataFrame, rc_points: float) -> dict[str, str]:
    """Per client, why its label is what it is (used in hidden-test messages)."""
    notes = {}
    for client, row in table.iterrows():
        change = row["last"] - row["intake"]
        notes[str(client)] = (
            f"from {row['intake']:.0f} at intake to {row['last']:.0f} at the last session "
            f"is a change of {change:+.0f} points (RCI {row['rci']:+.2f}); only a change larger "
            f"than {rc_points:.2f} points (|RCI| > 1.96) is reliable, and on the PHQ-9 a drop "
            "is improvement."
        )
    return notes


def safety_at_last_session(item9: pd.DataFrame) -> list[str]:
    """Clients whose PHQ-9 item 9 was above 0 at their last attended session, in id order."""
    last = last_scores(item9)
    return sorted(str(c) for c in last.index[last > 0])
