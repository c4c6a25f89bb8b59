"""Module 05 chart: PHQ-9 trajectories with the reliable-change band and the cut-off."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from course import psychometrics as pm
from course.charts import OKABE_ITO, finish
from course.modules.m05.data import PHQ9_CUTOFF, PHQ9_RELIABILITY, intake_sd, last_scores

ITEM9_COLOURS = {"no": OKABE_ITO[0], "yes": OKABE_ITO[5]}


def trajectory_frame(
    trajectories: pd.DataFrame,
    clients: list[str],
    rc_points: float,
    item9: pd.DataFrame | None = None,
    labels: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Long table for :func:`trajectory_chart`: one row per client and attended session.

    ``labels`` (client id -> text, e.g. the change category) titles each panel.
    ``band_low``/``band_high`` are the intake score minus/plus ``rc_points``: a later score
    inside the band is not reliably different from the intake score.

    >>> traj = pd.DataFrame({1: [16.0], 2: [12.0], 3: [float("nan")]}, index=["C1"])
    >>> trajectory_frame(traj, ["C1"], 4.5)[["client_id", "session", "phq9", "band_low", "band_high"]]
      client_id  session  phq9  band_low  band_high
    0        C1        1  16.0      11.5       20.5
    1        C1        2  12.0      11.5       20.5
    """
    rows = []
    for client in clients:
        scores = trajectories.loc[client].dropna()
        intake = float(scores.iloc[0])
        flags = item9.loc[client] if item9 is not None else None
        for session, score in scores.items():
            endorsed = bool(flags is not None and flags[session] > 0)
            rows.append(
                {
                    "client_id": str(client),
                    "session": int(session),
                    "phq9": float(score),
                    "band_low": max(0.0, intake - rc_points),
                    "band_high": min(27.0, intake + rc_points),
                    "item9": "yes" if endorsed else "no",
                    "panel": f"{client}: {labels[client]}" if labels else str(client),
                }
            )
    return pd.DataFrame(rows)


def _band_points(sd: float, reliability: float) -> float:
    """Half-width of the shaded band: 1.96 x sqrt(2) x SEM, in PHQ-9 points."""
    return pm.RCI_CRITICAL * math.sqrt(2) * pm.standard_error_of_measurement(sd, reliability)


def illustrative_clients(groups: list[list[str]], n: int = 6) -> list[str]:
    """Up to ``n`` clients taken in turn from each group, returned in id order (so the
    order does not give their group away).

    >>> illustrative_clients([["C2"], ["C3"], ["C1"], []], 2)
    ['C2', 'C3']
    """
    queues = [list(map(str, g)) for g in groups]
    chosen: list[str] = []
    while len(chosen) < n and any(queues):
        for queue in queues:
            if queue and len(chosen) < n:
                chosen.append(queue.pop(0))
    return sorted(chosen)


def chart_clients(
    trajectories: pd.DataFrame,
    n: int = 6,
    reliability: float = PHQ9_RELIABILITY,
    cutoff: float = PHQ9_CUTOFF,
) -> list[str]:
    """The clients the trajectory chart shows: a mix of outcomes, in id order.

    The outcomes (recovered, improved without crossing the cut-off, no reliable change,
    deteriorated; intake SD as the SD) only pick the panels; they are not returned, so
    the list gives no client's category away.

    >>> traj = pd.DataFrame({1: [18.0, 9.0, 14.0, 8.0], 2: [9.0, 2.0, 13.0, 16.0]},
    ...                     index=["C1", "C2", "C3", "C4"])
    >>> chart_clients(traj, n=3)
    ['C1', 'C2', 'C3']
    """
    intake, last = trajectories[1], last_scores(trajectories)
    rci = pd.Series(
        pm.reliable_change_index(intake, last, intake_sd(trajectories), reliability),
        index=trajectories.index,
    )
    improved = rci < -pm.RCI_CRITICAL
    crossed = (intake >= cutoff) & (last < cutoff)
    groups = [
        trajectories.index[improved & crossed],
        trajectories.index[improved & ~crossed],
        trajectories.index[rci.abs() <= pm.RCI_CRITICAL],
        trajectories.index[rci > pm.RCI_CRITICAL],
    ]
    return illustrative_clients([list(g) for g in groups], n)


def trajectory_chart(
    trajectories: pd.DataFrame,
    clients: list[str],
    sd: float,
    reliability: float = PHQ9_RELIABILITY,
    cutoff: float = PHQ9_CUTOFF,
    item9: pd.DataFrame | None = None,
    labels: dict[str, str] | None = None,
    columns: int = 3,
) -> alt.FacetChart:
    """Small multiples of PHQ-9 totals by session, one panel per client.

    Each panel shades the reliable-change band around the client's intake score
    (intake +/- 1.96 x sqrt(2) x SEM, with SEM from ``sd`` and ``reliability``), draws the cut-off as a dashed line and marks sessions
    where item 9 (thoughts of being better off dead or of self-harm) was above 0 with an orange triangle.
    ``labels`` (client id -> text) adds e.g. each client's change category to its panel title.

    >>> traj = pd.DataFrame({1: [16.0, 12.0], 2: [12.0, 13.0], 3: [8.0, 11.0]}, index=["C1", "C2"])
    >>> spec = trajectory_chart(traj, ["C1", "C2"], sd=5.0, reliability=0.89).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["spec"]["layer"]]
    ['area', 'rule', 'line', 'point']
    >>> spec["title"], spec["description"][:40]
    ('PHQ-9 by session with the reliable-change band', 'Small-multiple line charts of PHQ-9 tota')
    """
    rc_points = _band_points(sd, reliability)
    data = trajectory_frame(trajectories, clients, rc_points, item9, labels)
    x = alt.X("session:Q", title="Session", axis=alt.Axis(tickMinStep=1))
    y_scale = alt.Scale(domain=[0, 27])
    band = (
        alt.Chart()
        .mark_area(opacity=0.25, color=OKABE_ITO[4])
        .encode(
            x=x,
            y=alt.Y("band_low:Q", title="PHQ-9 total", scale=y_scale),
            y2="band_high:Q",
        )
    )
    rule = alt.Chart().mark_rule(color=OKABE_ITO[7], strokeDash=[6, 4]).encode(y=alt.datum(cutoff))
    line = alt.Chart().mark_line(color=OKABE_ITO[0]).encode(x=x, y=alt.Y("phq9:Q", scale=y_scale))
    points = (
        alt.Chart()
        .mark_point(filled=True, size=60)
        .encode(
            x=x,
            y=alt.Y("phq9:Q", scale=y_scale),
            color=alt.Color(
                "item9:N",
                title="PHQ-9 item 9 above 0",
                scale=alt.Scale(domain=list(ITEM9_COLOURS), range=list(ITEM9_COLOURS.values())),
            ),
            shape=alt.Shape(
                "item9:N",
                title="PHQ-9 item 9 above 0",
                scale=alt.Scale(domain=list(ITEM9_COLOURS), range=["circle", "triangle-up"]),
            ),
            tooltip=["client_id:N", "session:Q", "phq9:Q", "item9:N"],
        )
    )
    chart = (
        alt.layer(band, rule, line, points, data=data)
        .properties(width=190, height=130)
        .facet(
            facet=alt.Facet("panel:N", title=None, sort=list(data["panel"].unique())),
            columns=columns,
        )
    )
    alt_text = (
        f"Small-multiple line charts of PHQ-9 totals (0-27) by session for {len(clients)} "
        f"simulated clients. Each panel shades a band of plus or minus {rc_points:.1f} points "
        "around the client's intake score: later scores inside it are not reliably different "
        f"from intake. A dashed line marks the cut-off of {cutoff:g}. Orange triangles mark "
        "sessions where item 9 (thoughts of being better off dead or of self-harm) was above 0; blue circles the rest."
    )
    if labels:
        alt_text += " Each panel title gives the client id and change category."
    return finish(chart, "PHQ-9 by session with the reliable-change band", alt_text)
