"""Charts for module 06 (alliance and outcome): the association and the therapist caterpillar.

:func:`therapist_intervals` prepares the caterpillar's data: each therapist's
mean outcome with its 95% interval and where that interval lies against the
clinic mean. Exercise 8 asks trainees to read exactly that off the chart, so
the chart's data carry it by design.

Both go through :func:`course.charts.finish` (title and alt text required) and
use the Okabe-Ito palette, so they read with the common colour-vision
deficiencies; position is always carried by shape or place as well as colour.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from course.charts import OKABE_ITO, finish
from course.modules.m06.data import Z_95

POSITION_COLOURS = {
    "below": OKABE_ITO[5],  # vermillion
    "overlaps": "#7F7F7F",  # grey: not distinguishable from the clinic mean
    "above": OKABE_ITO[0],  # blue
}
POSITION_SHAPES = {"below": "triangle-down", "overlaps": "circle", "above": "triangle-up"}


def therapist_intervals(clients: pd.DataFrame, z: float = Z_95) -> pd.DataFrame:
    """Each therapist's mean outcome change with a 95% interval, sorted from lowest mean.

    The interval is ``mean +- z * SD / sqrt(n)``: the standard error of the
    therapist's mean, from the SD (ddof = 1) of that therapist's own clients.
    ``position`` says where the interval lies against the clinic mean (the
    mean over all clients): ``"above"``, ``"below"`` or ``"overlaps"``.
    """
    by = clients.groupby("therapist_id")["outcome_change"]
    table = pd.DataFrame({"n": by.size(), "mean": by.mean(), "sd": by.std()})
    table["se"] = table["sd"] / np.sqrt(table["n"])
    table["lower"] = table["mean"] - z * table["se"]
    table["upper"] = table["mean"] + z * table["se"]
    grand = float(clients["outcome_change"].mean())
    table["position"] = np.where(
        table["lower"] > grand, "above", np.where(table["upper"] < grand, "below", "overlaps")
    )
    table["clinic_mean"] = grand
    return table.sort_values("mean").reset_index()


def alliance_scatter(
    clients: pd.DataFrame,
    title: str,
    alt_text: str,
    x: str = "early_alliance",
    y: str = "outcome_change",
) -> alt.LayerChart:
    """Each client as a point (early alliance vs outcome change) with the least-squares line.

    >>> df = pd.DataFrame({"early_alliance": [3.0, 4.0, 4.5], "outcome_change": [0.2, 0.9, 1.1]})
    >>> spec = alliance_scatter(df, "T", "A").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['circle', 'line']
    >>> spec["description"]
    'A'
    """
    base = alt.Chart(clients)
    points = base.mark_circle(size=28, opacity=0.45, color=OKABE_ITO[0]).encode(
        x=alt.X(
            f"{x}:Q",
            title="Early alliance (client WAI-SR mean, sessions 1-3)",
            scale=alt.Scale(zero=False),
        ),
        y=alt.Y(f"{y}:Q", title="Outcome change (SD units, higher = better)"),
        tooltip=[alt.Tooltip(x, format=".2f"), alt.Tooltip(y, format=".2f")],
    )
    line = (
        base.transform_regression(x, y)
        .mark_line(color=OKABE_ITO[5], strokeWidth=3)
        .encode(x=f"{x}:Q", y=f"{y}:Q")
    )
    return finish(alt.layer(points, line), title, alt_text)


def caterpillar(intervals: pd.DataFrame, title: str, alt_text: str) -> alt.LayerChart:
    """Therapists sorted by mean outcome, each with its 95% interval; dashed line at the clinic mean.

    ``intervals`` is :func:`therapist_intervals`
    output: ``therapist_id``, ``n``, ``mean``, ``lower``, ``upper``, ``position``,
    ``clinic_mean``. Colour *and* marker shape show whether an interval lies
    wholly above, wholly below, or across the clinic mean.

    >>> df = pd.DataFrame({"therapist_id": ["T1", "T2"], "n": [20, 20], "mean": [0.2, 1.4],
    ...     "lower": [-0.1, 1.1], "upper": [0.5, 1.7], "position": ["overlaps", "above"],
    ...     "clinic_mean": [0.8, 0.8]})
    >>> spec = caterpillar(df, "T", "A").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rule', 'rule', 'point']
    """
    order = list(intervals.sort_values("mean")["therapist_id"])
    x = alt.X(
        "therapist_id:N",
        sort=order,
        title="Therapist (sorted by mean outcome)",
        axis=alt.Axis(labelAngle=-90),
    )
    colour = alt.Color(
        "position:N",
        title="95% interval vs clinic mean",
        scale=alt.Scale(domain=list(POSITION_COLOURS), range=list(POSITION_COLOURS.values())),
    )
    # Same field and title as the colour: Vega-Lite merges the two into one legend.
    shape = alt.Shape(
        "position:N",
        title="95% interval vs clinic mean",
        scale=alt.Scale(domain=list(POSITION_SHAPES), range=list(POSITION_SHAPES.values())),
    )
    base = alt.Chart(intervals)
    bars = base.mark_rule(strokeWidth=2).encode(
        x=x,
        y=alt.Y("lower:Q", title="Mean outcome change of the therapist's clients (SD units)"),
        y2="upper:Q",
        color=colour,
    )
    dots = base.mark_point(filled=True, size=70).encode(
        x=x,
        y="mean:Q",
        color=colour,
        shape=shape,
        tooltip=[
            "therapist_id:N",
            "n:Q",
            alt.Tooltip("mean:Q", format=".2f"),
            alt.Tooltip("lower:Q", format=".2f"),
            alt.Tooltip("upper:Q", format=".2f"),
            "position:N",
        ],
    )
    clinic = (
        alt.Chart(intervals.head(1))
        .mark_rule(color="black", strokeDash=[6, 4])
        .encode(y="clinic_mean:Q")
    )
    chart = alt.layer(clinic, bars, dots).properties(width=620, height=300)
    return finish(chart, title, alt_text)
