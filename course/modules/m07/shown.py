"""Module 07, sections 3 and 5: the three trajectory examples and the week-4 monitoring table.

Which clients are shown is chosen per trainee; what they are (each example's
trajectory type, each client's expected conversation) is the grading-only
``answer_key.m07``'s business. :func:`triage_label` is the course's dashboard
rule, stated in the notebook and used by the practice dashboard.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from course.modules.m07.case import rank_by_seed
from course.modules.m07.data import (
    CASE_MIN_SESSIONS,
    EXAMPLE_LETTERS,
    MODULE,
    ORS_CUTOFF,
    ORS_RELIABLE_CHANGE,
    SNAPSHOT_SESSION,
    SRS_CONCERN,
    TRAJECTORIES,
    TRIAGE_LABELS,
    session_table,
)
from course.seeds import stable_seed
from course.simulate import Caseload

# -------------------------------------------------------------------- trajectories


def _shape_features(scores: np.ndarray) -> dict[str, float]:
    """Shape of one WAI-SR series from a quadratic and a linear fit over sessions 1..n.

    ``curvature`` and ``vertex`` (session of the fitted low or high point) come from
    the quadratic fit; ``depth`` and ``recover`` are how far its low point lies below
    the fitted early (sessions 1-3) and late (last 2) levels; ``rise`` is the change
    along the straight-line fit; ``resid`` and ``lin_resid`` the scatter around each.
    """
    t = np.arange(1, scores.size + 1, dtype=float)
    quad = np.polyfit(t, scores, 2)
    fitted = np.polyval(quad, t)
    line = np.polyval(np.polyfit(t, scores, 1), t)
    curvature = float(quad[0])
    vertex = float(-quad[1] / (2 * curvature)) if curvature else float("inf")
    return {
        "n": float(scores.size),
        "curvature": curvature,
        "vertex": vertex,
        "depth": float(fitted[:3].mean() - fitted.min()),
        "recover": float(fitted[-2:].mean() - fitted.min()),
        "rise": float(line[-1] - line[0]),
        "resid": float(np.std(scores - fitted)),
        "lin_resid": float(np.std(scores - line)),
    }


def _clarity(kind: str, f: dict[str, float]) -> float:
    """How plainly a series shows its trajectory type (higher is clearer).

    >>> dip = np.array([4.3, 4.5, 4.4, 3.7, 3.3, 3.2, 3.4, 4.3, 4.7])
    >>> _clarity("dip_and_recover", _shape_features(dip)) > _clarity("linear_growth", _shape_features(dip))
    True
    """
    if kind == "dip_and_recover":
        in_middle = 3 < f["vertex"] < f["n"] - 1
        if f["curvature"] <= 0 or not in_middle:
            return -10.0
        return min(f["depth"], f["recover"]) - f["resid"]
    if kind == "linear_growth":
        return f["rise"] - 2 * f["lin_resid"] - max(0.0, f["depth"])
    return -(abs(f["rise"]) + f["lin_resid"] + abs(f["curvature"]) * f["n"] ** 2 / 4)


def trajectory_examples(caseload: Caseload, student_id: str) -> dict[str, str]:
    """Three clients, one of each trajectory type, behind the letters A, B, C.

    For each type, the client (8+ sessions) whose WAI-SR series shows the type
    most plainly; the letters are shuffled by the trainee's seed.

    >>> from course.modules.m07.data import trainee_caseload
    >>> cl = trainee_caseload("trainee-01")
    >>> examples = trajectory_examples(cl, "trainee-01")
    >>> sorted(examples), len(set(examples.values()))
    (['A', 'B', 'C'], 3)
    """
    table = session_table(caseload).sort_values(["client_id", "session"], kind="stable")
    series = {cid: rows.to_numpy() for cid, rows in table.groupby("client_id")["wai_sr"]}
    clients = caseload.clients.set_index("client_id")
    chosen = {}
    for kind in TRAJECTORIES:
        ids = [
            cid
            for cid in clients.index[(clients["trajectory"] == kind)]
            if clients.loc[cid, "sessions_attended"] >= CASE_MIN_SESSIONS
        ]
        if not ids:  # a tiny caseload: fall back to any length
            ids = list(clients.index[clients["trajectory"] == kind])
        if not ids:
            raise ValueError(f"no {kind} client in this caseload")
        scores = {cid: _clarity(kind, _shape_features(series[cid])) for cid in ids}
        order = rank_by_seed(ids, student_id, "trajectory")
        chosen[kind] = max(order, key=lambda cid: scores[cid])  # ties keep the seeded order
    kinds = sorted(TRAJECTORIES, key=lambda k: stable_seed(student_id, MODULE, "letters", k))
    return {letter: chosen[kind] for letter, kind in zip(EXAMPLE_LETTERS, kinds, strict=True)}


def trajectory_frame(caseload: Caseload, examples: dict[str, str]) -> pd.DataFrame:
    """Long table for the trajectory chart: client letter, session, WAI-SR total,
    early level (mean of sessions 1-3) and a quadratic trend fitted to the series."""
    table = session_table(caseload)
    parts = []
    for letter, client_id in examples.items():
        rows = table.loc[table["client_id"] == client_id, ["session", "wai_sr"]]
        rows = rows.sort_values("session").assign(client=f"Client {letter}")
        rows["early_level"] = round(float(rows["wai_sr"].iloc[:3].mean()), 2)
        t = rows["session"].to_numpy(dtype=float)
        rows["trend"] = np.polyval(np.polyfit(t, rows["wai_sr"].to_numpy(), 2), t).round(2)
        parts.append(rows)
    columns = ["client", "session", "wai_sr", "early_level", "trend"]
    return pd.concat(parts, ignore_index=True)[columns]


# ---------------------------------------------------------------------- monitoring


def triage_label(srs_now: float, ors_now: float, ors_first: float) -> str:
    """The course's simplified dashboard rule for one client at one session.

    * ``discuss_alliance``: SRS total at or below 36;
    * ``review_progress``: ORS still below the cut-off 25 *and* less than 5
      points better than at session 1 (no reliable improvement yet);
    * ``both`` when both apply; ``no_flag`` when neither does.

    >>> triage_label(36.0, 30.0, 20.0)
    'discuss_alliance'
    >>> triage_label(38.5, 22.0, 19.0)
    'review_progress'
    >>> triage_label(35.1, 24.9, 21.0)
    'both'
    >>> triage_label(38.0, 24.0, 19.0)
    'no_flag'
    """
    alliance = srs_now <= SRS_CONCERN
    stuck = ors_now < ORS_CUTOFF and round(ors_now - ors_first, 1) < ORS_RELIABLE_CHANGE
    if alliance and stuck:
        return "both"
    if alliance:
        return "discuss_alliance"
    if stuck:
        return "review_progress"
    return "no_flag"


def monitoring_table(
    caseload: Caseload, client_ids: Sequence[str], upto: int = SNAPSHOT_SESSION
) -> pd.DataFrame:
    """SRS and ORS of ``client_ids`` in sessions 1..``upto`` (long format, in client order)."""
    table = session_table(caseload)
    rows = table[table["client_id"].isin(client_ids) & (table["session"] <= upto)]
    order = {cid: k for k, cid in enumerate(client_ids)}
    rows = rows.assign(_order=rows["client_id"].map(order)).sort_values(["_order", "session"])
    return rows[["client_id", "session", "srs", "ors"]].reset_index(drop=True)


def dashboard_labels(
    caseload: Caseload, client_ids: Sequence[str], session: int = SNAPSHOT_SESSION
) -> dict[str, str]:
    """:func:`triage_label` at ``session`` for each client (what the practice dashboard says).

    :func:`triage_clients` uses it to pick clients whose labels vary.
    """
    table = session_table(caseload)
    now = table[table["session"] == session].set_index("client_id")
    first = table[table["session"] == 1].set_index("client_id")["ors"].to_dict()
    srs, ors = now["srs"].to_dict(), now["ors"].to_dict()
    return {
        cid: triage_label(float(srs[cid]), float(ors[cid]), float(first[cid])) for cid in client_ids
    }


def triage_clients(caseload: Caseload, student_id: str, n: int = 5) -> list[str]:
    """``n`` clients still attending at the snapshot session, chosen so the labels vary.

    One client from each label that occurs (in seeded order), then the rest by
    the trainee's seed; the list is shuffled by the seed too.

    >>> from course.modules.m07.data import trainee_caseload
    >>> picked = triage_clients(trainee_caseload("trainee-01"), "trainee-01")
    >>> len(picked), len(set(picked))
    (5, 5)
    """
    attended = caseload.clients.set_index("client_id")["sessions_attended"]
    eligible = [str(c) for c in attended.index[attended >= SNAPSHOT_SESSION]]
    table = session_table(caseload)
    ors = table.pivot(index="client_id", columns="session", values="ors")
    change = (ors[SNAPSHOT_SESSION] - ors[1]).round(1)
    # A gain of exactly 5.0 is left out: float subtraction could put it on either side.
    eligible = [c for c in eligible if change[c] != ORS_RELIABLE_CHANGE]
    labels = dashboard_labels(caseload, eligible)
    ranked = rank_by_seed(eligible, student_id, "triage")
    chosen: list[str] = []
    for label in sorted(
        TRIAGE_LABELS, key=lambda lab: stable_seed(student_id, MODULE, "triage-label", lab)
    ):
        first = next((c for c in ranked if labels[c] == label), None)
        if first is not None and len(chosen) < n:
            chosen.append(first)
    chosen += [c for c in ranked if c not in chosen][: n - len(chosen)]
    return rank_by_seed(chosen, student_id, "triage-order")
