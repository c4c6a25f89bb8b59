"""Module 03 charts: early alliance by client-counsellor match, and Cabral & Smith's effects.

Both go through :func:`course.charts.finish` (title and alt text required) and
use the Okabe-Ito palette; matched and unmatched clients also differ by shape,
so colour is never the only cue.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from course.charts import OKABE_ITO, finish

MATCH_COLUMNS = {
    "ethnicity_match": "Ethnicity",
    "gender_match": "Gender",
    "religion_match": "Religion",
}
# Cabral & Smith (2011), J. Counseling Psychology 58(4), 537-554: average Cohen's d.
CABRAL_SMITH = pd.DataFrame(
    {
        "comparison": [
            "Preference for a same-race/ethnicity counsellor",
            "Perception of the counsellor",
            "Treatment outcome",
        ],
        "d": [0.63, 0.32, 0.09],
        "studies": [52, 81, 53],
    }
)


def match_long(clients: pd.DataFrame, outcome: str = "early_alliance") -> pd.DataFrame:
    """One row per client and match dimension: ``dimension``, ``group``, ``value``, ``jitter``.

    The horizontal jitter is deterministic (a golden-ratio sequence), so the
    same caseload always draws the same picture.

    >>> frame = pd.DataFrame({"ethnicity_match": [True, False], "gender_match": [True, True],
    ...                       "religion_match": [False, False], "early_alliance": [4.2, 3.9]})
    >>> long = match_long(frame)
    >>> len(long), sorted(long["group"].unique())
    (6, ['different', 'same'])
    """
    frames = []
    for column, label in MATCH_COLUMNS.items():
        part = pd.DataFrame(
            {
                "dimension": label,
                "group": clients[column].map({True: "same", False: "different"}).astype(str),
                "value": clients[outcome].astype(float).to_numpy(),
            }
        )
        frames.append(part)
    long = pd.concat(frames, ignore_index=True)
    long["jitter"] = ((long.index.to_numpy() * 0.618034) % 1.0 - 0.5) * 0.5
    return long


def match_strip(clients: pd.DataFrame, title: str, alt_text: str) -> alt.FacetChart:
    """Dots for each client's early alliance, by same/different on three match dimensions,
    with each group's mean as a black bar.

    >>> frame = pd.DataFrame({"ethnicity_match": [True, False], "gender_match": [True, False],
    ...                       "religion_match": [False, True], "early_alliance": [4.2, 3.9]})
    >>> spec = match_strip(frame, "Title", "Alt text.").to_dict()
    >>> spec["description"], [layer["mark"]["type"] for layer in spec["spec"]["layer"]]
    ('Alt text.', ['point', 'tick'])
    """
    long = match_long(clients)
    colour = alt.Color(
        "group:N",
        title="Client and counsellor",
        scale=alt.Scale(domain=["same", "different"], range=[OKABE_ITO[0], OKABE_ITO[1]]),
    )
    x = alt.X("group:N", title=None, sort=["same", "different"], axis=alt.Axis(labelAngle=0))
    dots = (
        alt.Chart()
        .mark_point(filled=True, opacity=0.6, size=40)
        .encode(
            x=x,
            xOffset=alt.XOffset("jitter:Q", scale=alt.Scale(domain=[-0.5, 0.5])),
            y=alt.Y(
                "value:Q", title="Early alliance (WAI-SR mean, 1-5)", scale=alt.Scale(domain=[1, 5])
            ),
            color=colour,
            shape=alt.Shape(
                "group:N",
                scale=alt.Scale(domain=["same", "different"], range=["circle", "triangle-up"]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("dimension:N"),
                alt.Tooltip("group:N"),
                alt.Tooltip("value:Q", format=".2f"),
            ],
        )
    )
    means = (
        alt.Chart()
        .mark_tick(color=OKABE_ITO[7], thickness=3, size=36)
        .encode(
            x=x,
            y=alt.Y("mean(value):Q"),
            tooltip=[
                alt.Tooltip("group:N"),
                alt.Tooltip("mean(value):Q", format=".2f", title="mean"),
            ],
        )
    )
    chart = (
        alt.layer(dots, means, data=long)
        .properties(width=150, height=240)
        .facet(
            column=alt.Column("dimension:N", title="Match on", sort=list(MATCH_COLUMNS.values()))
        )
    )
    return finish(chart, title, alt_text)


OWN_ROW = "Your caseload: early alliance by ethnic match"


def d_interval(d: float, n1: int, n2: int) -> tuple[float, float]:
    """Approximate 95% CI of Cohen's d (large-sample SE; Hedges & Olkin 1985).

    >>> low, high = d_interval(0.32, 30, 30)
    >>> round(low, 2), round(high, 2)
    (-0.19, 0.83)
    """
    se = ((n1 + n2) / (n1 * n2) + d**2 / (2 * (n1 + n2))) ** 0.5
    return d - 1.96 * se, d + 1.96 * se


def cabral_smith_chart(
    own: tuple[float, int, int] | None, title: str, alt_text: str
) -> alt.LayerChart:
    """Cabral & Smith's three average effects as bars and, when ``own = (d, n1, n2)`` is
    given, the trainee's own caseload d with its approximate 95% CI as a fourth row.

    >>> spec = cabral_smith_chart((0.2, 27, 33), "Title", "Alt.").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['bar', 'text', 'rule', 'point']
    """
    rows = list(CABRAL_SMITH["comparison"]) + ([OWN_ROW] if own is not None else [])
    x_scale = alt.Scale(domain=[-1.0, 1.5], clamp=True)
    y = alt.Y("comparison:N", title=None, sort=rows, axis=alt.Axis(labelLimit=340))
    bars = (
        alt.Chart(CABRAL_SMITH)
        .mark_bar(color=OKABE_ITO[0])
        .encode(
            x=alt.X("d:Q", title="Effect size (Cohen's d)", scale=x_scale),
            y=y,
            tooltip=["comparison:N", "d:Q", alt.Tooltip("studies:Q", title="studies")],
        )
    )
    labels = bars.mark_text(align="left", dx=4, color=OKABE_ITO[7]).encode(
        text=alt.Text("d:Q", format=".2f")
    )
    layers = [bars, labels]
    if own is not None:
        d, n1, n2 = own
        low, high = d_interval(d, n1, n2)
        frame = pd.DataFrame({"comparison": [OWN_ROW], "d": [d], "low": [low], "high": [high]})
        tooltip = [
            alt.Tooltip("d:Q", format=".2f"),
            alt.Tooltip("low:Q", format=".2f", title="95% CI low"),
            alt.Tooltip("high:Q", format=".2f", title="95% CI high"),
        ]
        base = alt.Chart(frame).encode(y=y, tooltip=tooltip)
        layers.append(
            base.mark_rule(color=OKABE_ITO[5], size=2).encode(
                x=alt.X("low:Q", scale=x_scale), x2="high:Q"
            )
        )
        layers.append(
            base.mark_point(color=OKABE_ITO[5], filled=True, shape="diamond", size=120).encode(
                x=alt.X("d:Q", scale=x_scale)
            )
        )
    chart = alt.layer(*layers).properties(width=380, height=34 * len(rows))
    return finish(chart, title, alt_text)


__all__ = [
    "match_strip",
    "match_long",
    "cabral_smith_chart",
    "d_interval",
    "CABRAL_SMITH",
    "MATCH_COLUMNS",
]
