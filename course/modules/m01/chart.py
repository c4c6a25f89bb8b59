"""Charts for module 01 (the working alliance), built on :func:`course.charts.finish`.

Both charts use the Okabe-Ito palette and a second visual channel (line dash or
point shape) so that no distinction rests on colour alone.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from course.charts import OKABE_ITO, finish

SUBSCALES = ["task", "goal", "bond"]
PROBLEM_LABELS = {"depression": "depression", "alcohol_use": "alcohol use"}
LINE_LEGEND = alt.Legend(symbolType="stroke", symbolStrokeWidth=2.5, symbolSize=300)


def subscale_trajectories(scored: pd.DataFrame, title: str, alt_text: str) -> alt.Chart:
    """One client's WAI-SR task, goal and bond means (1-5) over sessions: one line each.

    ``scored`` is the output of ``course.instruments.score("wai-sr", ...)`` for
    one client (columns ``session``, ``task``, ``goal``, ``bond``).

    >>> scored = pd.DataFrame({"session": [1, 2], "task": [4.0, 4.5], "goal": [3.5, 4.0],
    ...                        "bond": [5.0, 4.75]})
    >>> spec = subscale_trajectories(scored, "WAI-SR", "Three lines.").to_dict()
    >>> spec["mark"]["type"], spec["encoding"]["strokeDash"]["field"], spec["description"]
    ('line', 'subscale', 'Three lines.')
    >>> spec["encoding"]["color"]["scale"]["range"] == OKABE_ITO[:3]
    True
    """
    long = scored.melt(
        id_vars=["session"], value_vars=SUBSCALES, var_name="subscale", value_name="mean_item"
    )
    chart = (
        alt.Chart(long)
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=alt.X("session:O", title="Session"),
            y=alt.Y(
                "mean_item:Q",
                title="Mean item score (1-5)",
                scale=alt.Scale(domain=[1, 5]),
            ),
            # Colour and dash share field, title and legend, so Vega-Lite draws one legend
            # whose line symbols show both the colour and the dash of each subscale.
            color=alt.Color(
                "subscale:N",
                title="Subscale",
                scale=alt.Scale(domain=SUBSCALES, range=OKABE_ITO[:3]),
                legend=LINE_LEGEND,
            ),
            strokeDash=alt.StrokeDash(
                "subscale:N",
                title="Subscale",
                scale=alt.Scale(domain=SUBSCALES, range=[[1, 0], [6, 3], [2, 2]]),
                legend=LINE_LEGEND,
            ),
            tooltip=["session:O", "subscale:N", alt.Tooltip("mean_item:Q", format=".2f")],
        )
    )
    return finish(chart, title, alt_text)


def alliance_outcome_scatter(clients: pd.DataFrame, title: str, alt_text: str) -> alt.LayerChart:
    """Each client's early alliance (x) against outcome change (y), with a least-squares line.

    Points are coloured and shaped by presenting problem; the line is fitted to
    all clients together.

    >>> clients = pd.DataFrame({"client_id": ["C1", "C2", "C3"], "early_alliance": [3.5, 4.2, 4.8],
    ...                         "outcome_change": [0.2, 0.9, 1.1],
    ...                         "problem": ["depression", "alcohol_use", "depression"]})
    >>> spec = alliance_outcome_scatter(clients, "Alliance and outcome", "Scatter.").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['point', 'line']
    >>> spec["layer"][0]["encoding"]["shape"]["field"]
    'problem'
    """
    data = clients[["client_id", "early_alliance", "outcome_change", "problem"]].copy()
    data["problem"] = data["problem"].astype(str).map(PROBLEM_LABELS).fillna(data["problem"])
    domain = list(PROBLEM_LABELS.values())
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=70, opacity=0.8)
        .encode(
            x=alt.X(
                "early_alliance:Q",
                title="Early alliance (client WAI-SR, mean of sessions 1-3)",
                scale=alt.Scale(zero=False),
            ),
            y=alt.Y("outcome_change:Q", title="Outcome change (SD units, positive = better)"),
            color=alt.Color(
                "problem:N",
                title="Treated for",
                scale=alt.Scale(domain=domain, range=[OKABE_ITO[0], OKABE_ITO[1]]),
            ),
            shape=alt.Shape(
                "problem:N", scale=alt.Scale(domain=domain, range=["circle", "triangle-up"])
            ),
            tooltip=[
                "client_id:N",
                "problem:N",
                alt.Tooltip("early_alliance:Q", format=".2f"),
                alt.Tooltip("outcome_change:Q", format=".2f"),
            ],
        )
    )
    line = (
        alt.Chart(data)
        .transform_regression("early_alliance", "outcome_change")
        .mark_line(color=OKABE_ITO[7], strokeWidth=2)
        .encode(x="early_alliance:Q", y="outcome_change:Q")
    )
    return finish(alt.layer(points, line), title, alt_text)


def scatter_alt_text(clients: pd.DataFrame, r: float) -> str:
    """A sentence for screen readers describing the scatter plot with its numbers.

    >>> clients = pd.DataFrame({"early_alliance": [3.5, 4.2, 4.8], "outcome_change": [0.2, 0.9, 1.1]})
    >>> scatter_alt_text(clients, 0.93)[:58]
    'Scatter plot of 3 simulated clients: early alliance from 3'
    """
    low, high = clients["early_alliance"].min(), clients["early_alliance"].max()
    direction = "rising" if r > 0 else "falling"
    return (
        f"Scatter plot of {len(clients)} simulated clients: early alliance from {low:.1f} to "
        f"{high:.1f} on the horizontal axis, outcome change on the vertical axis, and a "
        f"least-squares line {direction} from left to right (r = {r:.2f})."
    )


def trajectory_alt_text(scored: pd.DataFrame, client_id: str) -> str:
    """A sentence for screen readers describing one client's subscale lines.

    >>> scored = pd.DataFrame({"session": [1, 2], "task": [4.0, 4.5], "goal": [3.5, 4.0],
    ...                        "bond": [5.0, 4.75]})
    >>> trajectory_alt_text(scored, "C007")[:52]
    'Line chart of simulated client C007 over 2 sessions:'
    """
    parts = [
        f"{s} from {scored[s].iloc[0]:.2f} in session 1 to {scored[s].iloc[-1]:.2f} in the last"
        for s in SUBSCALES
    ]
    return (
        f"Line chart of simulated client {client_id} over {len(scored)} sessions: WAI-SR "
        f"subscale means on a 1-5 scale, " + "; ".join(parts) + "."
    )
