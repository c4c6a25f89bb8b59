"""Module 07: the tables its worked examples show, so that no graded answer needs pandas work.

Each function does an analysis a counselling trainee runs and reads instead of
writing (a running mean, a group mean, a count per client, a fitted curve); the
trainee's graded part is the judgement made from the table. None of them
applies a rule's verdict: the rupture table gives the baseline and the drop, not
which sessions are ruptures; the week-4 table gives the scores, not the
conversation; the curve summary gives how far each curve climbs and dips, not
its type. The multiple-choice options are plain texts; which is right is in the
grading-only ``answer_key.m07``.

All client data are simulated.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from course.labelled import option_list
from course.modules.m07.case import running_baseline
from course.modules.m07.data import SNAPSHOT_SESSION, TRAJECTORIES
from course.simulate import Caseload

# ------------------------------------------------------------ the rupture rule, in a table


def rupture_table(record: pd.DataFrame) -> pd.DataFrame:
    """One row per session: the WAI-SR total, its running baseline, the drop below it,
    and the totals of the next two sessions (empty where the record ends).

    ``drop`` is baseline minus total (positive = below the baseline). Rounded to two
    decimals, as the notebook shows it.

    >>> demo = pd.DataFrame({"session": [1, 2, 3, 4, 5],
    ...                      "wai_sr": [4.0, 4.2, 3.5, 3.8, 4.2]})
    >>> rupture_table(demo)
       session  wai_sr  baseline  drop  next_1  next_2
    0        1     4.0       NaN   NaN     4.2     3.5
    1        2     4.2      4.00 -0.20     3.5     3.8
    2        3     3.5      4.10  0.60     3.8     4.2
    3        4     3.8      3.90  0.10     4.2     NaN
    4        5     4.2      3.88 -0.32     NaN     NaN
    """
    ordered = record.sort_values("session").reset_index(drop=True)
    scores = [float(v) for v in ordered["wai_sr"]]
    baseline = pd.Series(
        [np.nan if b is None else b for b in running_baseline(scores)], dtype=float
    )
    table = pd.DataFrame(
        {
            "session": ordered["session"].astype(int),
            "wai_sr": ordered["wai_sr"].astype(float),
            "baseline": baseline.round(2),
            # from the baseline as shown, so that each row adds up to the eye
            "drop": (baseline.round(2) - ordered["wai_sr"].astype(float)).round(2),
            "next_1": ordered["wai_sr"].astype(float).shift(-1),
            "next_2": ordered["wai_sr"].astype(float).shift(-2),
        }
    )
    return table


# --------------------------------------------------------------------------- trajectories


def curve_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """How each panel's fitted curve moves: ``climb`` (last session minus first) and
    ``dip`` (how far its lowest point sits below the lower of its first and last
    points; 0 when the lowest point is at one end).

    ``frame`` is :func:`course.modules.m07.shown.trajectory_frame`'s table (columns
    ``client``, ``session``, ``trend``). One row per letter.

    >>> frame = pd.DataFrame({"client": ["Client A"] * 5 + ["Client B"] * 5,
    ...                       "session": [1, 2, 3, 4, 5] * 2,
    ...                       "trend": [4.0, 3.6, 3.4, 3.6, 4.0, 3.0, 3.2, 3.4, 3.6, 3.8]})
    >>> curve_summary(frame)
            climb   dip
    client
    A         0.0   0.6
    B         0.8   0.0
    """
    rows = {}
    for panel, part in frame.groupby("client", sort=True):
        curve = part.sort_values("session")["trend"].to_numpy(dtype=float)
        rows[str(panel).removeprefix("Client ")] = {
            "climb": round(float(curve[-1] - curve[0]), 2),
            "dip": round(float(min(curve[0], curve[-1]) - curve.min()), 2),
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "client"
    return table


def outcome_by_trajectory(clients: pd.DataFrame) -> pd.DataFrame:
    """Per trajectory type: how many clients, and their mean ``outcome_change``
    (positive = better), rounded to three decimals.

    >>> demo = pd.DataFrame({"trajectory": ["stable", "stable", "dip_and_recover",
    ...                                     "linear_growth"],
    ...                      "outcome_change": [0.2, 0.4, 1.0, 0.5]})
    >>> outcome_by_trajectory(demo)
                     clients  mean_outcome_change
    trajectory
    stable                 2                  0.3
    linear_growth          1                  0.5
    dip_and_recover        1                  1.0
    """
    kinds = clients["trajectory"].astype(str)
    groups = clients.assign(trajectory=kinds).groupby("trajectory")["outcome_change"]
    table = pd.DataFrame({"clients": groups.count(), "mean_outcome_change": groups.mean()})
    table = table.reindex([k for k in TRAJECTORIES if k in table.index])
    table["clients"] = table["clients"].astype(int)
    table["mean_outcome_change"] = table["mean_outcome_change"].round(3)
    return table


# ------------------------------------------------------------------- repair and outcome


def repair_table(caseload: Caseload) -> pd.DataFrame:
    """Clients with at least one noted rupture: ruptures, repairs, share repaired, outcome.

    ``share_repaired`` = repairs / ruptures; clients with no rupture have no share
    and are left out.

    >>> from course.modules.m07.data import trainee_caseload
    >>> t = repair_table(trainee_caseload("trainee-01"))
    >>> list(t.columns)
    ['client_id', 'ruptures', 'repairs', 'share_repaired', 'outcome_change']
    >>> bool((t["ruptures"] >= 1).all()), bool(t["share_repaired"].between(0, 1).all())
    (True, True)
    """
    sessions = caseload.sessions
    counts = (
        sessions.assign(client_id=sessions["client_id"].astype(str))
        .groupby("client_id")[["rupture", "repaired"]]
        .sum()
        .rename(columns={"rupture": "ruptures", "repaired": "repairs"})
        .astype(int)
    )
    outcome = caseload.clients.assign(client_id=caseload.clients["client_id"].astype(str))
    outcome = outcome.set_index("client_id")["outcome_change"]
    table = counts[counts["ruptures"] >= 1].copy()
    table["share_repaired"] = table["repairs"] / table["ruptures"]
    table["outcome_change"] = outcome.reindex(table.index)
    return table.reset_index()


# ------------------------------------------------------------------------ monitoring


def triage_labels_shown(client_ids: Sequence[str]) -> dict[str, str]:
    """The neutral labels P1, P2, ... the week-4 clients are shown under, in order.

    >>> triage_labels_shown(["C007", "C031"])
    {'P1': 'C007', 'P2': 'C031'}
    """
    return {f"P{k}": str(cid) for k, cid in enumerate(client_ids, start=1)}


def week4_table(caseload: Caseload, client_ids: Sequence[str]) -> pd.DataFrame:
    """SRS and ORS totals of ``client_ids`` in sessions 1-4, one row per client under
    the labels P1, P2, ..., with the ORS change since session 1 (session 4 minus 1).

    >>> from course.modules.m07.data import trainee_caseload
    >>> from course.modules.m07.shown import triage_clients
    >>> cl = trainee_caseload("trainee-01")
    >>> table = week4_table(cl, triage_clients(cl, "trainee-01"))
    >>> list(table.index), list(table.columns)[:3]
    (['P1', 'P2', 'P3', 'P4', 'P5'], ['client_id', 'srs_1', 'srs_2'])
    """
    from course.modules.m07.shown import monitoring_table

    long = monitoring_table(caseload, client_ids, SNAPSHOT_SESSION)
    wide = long.pivot(index="client_id", columns="session", values=["srs", "ors"])
    rows = []
    for label, cid in triage_labels_shown(client_ids).items():
        row = {"label": label, "client_id": cid}
        for measure in ("srs", "ors"):
            for s in range(1, SNAPSHOT_SESSION + 1):
                row[f"{measure}_{s}"] = float(wide.loc[cid, (measure, s)])
        row["ors_change"] = round(row[f"ors_{SNAPSHOT_SESSION}"] - row["ors_1"], 1)
        rows.append(row)
    return pd.DataFrame(rows).set_index("label").rename_axis(None)


# ------------------------------------------------------------------ multiple choice


ADVANTAGE_OPTIONS = {
    "A": (
        "In my caseload the dip-and-recover clients have the highest mean improvement, as "
        "Kivlighan and Shaughnessy found; with groups this small it could still be chance."
    ),
    "B": (
        "In my caseload the dip-and-recover clients do not have the highest mean improvement; "
        "with groups this small, that does not contradict the published finding."
    ),
    "C": "My caseload shows that a dip in the alliance causes a better outcome.",
    "D": "My caseload shows that Kivlighan and Shaughnessy's finding is wrong.",
}

REPAIR_R_OPTIONS = {
    "A": "Repair causes better outcomes: the meta-analysis and my caseload both show it.",
    "B": (
        "Across 11 studies repair went with better outcome at r = .29, a moderate association; "
        "my r, from a few dozen clients, is a noisy estimate that can land well above or below "
        "that by chance, and neither shows that repair causes the improvement."
    ),
    "C": "Because my r is not .29, my caseload contradicts the meta-analysis.",
    "D": "r = .29 means that repair accounts for 29% of the differences in outcome.",
    "E": (
        "The research also shows that training therapists in rupture resolution reliably "
        "improves their patients' outcomes."
    ),
}


# ------------------------------------------------------------------------ safety

SAFETY_STATEMENTS = {
    "R1": "Ask the client about these thoughts directly, in the same session.",
    "R2": (
        "Avoid asking about them directly, since asking about suicide can put the idea in the "
        "client's mind."
    ),
    "R3": (
        "Make sure suicide risk is assessed further by a clinician competent to do it; under "
        "this course's protocol, the same day."
    ),
    "R4": (
        "As the PHQ-9 total fell this week, note the item and wait to see whether it is marked "
        "again next week."
    ),
    "R5": (
        "Agree a safety plan with the client, follow the service's protocol and tell your "
        "supervisor."
    ),
    "R6": (
        "As the alliance is strong (SRS 39), leave the item for the next session so as not to "
        "strain the relationship."
    ),
}


def safety_statements_markdown() -> str:
    """Exercise 11's six responses as Markdown, under their labels.

    >>> safety_statements_markdown().splitlines()[0]
    '- **R1.** Ask the client about these thoughts directly, in the same session.'
    """
    return option_list(SAFETY_STATEMENTS)
