"""Charts of module 07 (ruptures, repair and monitoring), built on :func:`course.charts.finish`.

Colours come from the Okabe-Ito palette, and no chart relies on colour alone:
lines also differ by dash pattern, points by shape, and reference lines carry
text labels.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from course.charts import OKABE_ITO, finish, rule_labels

SRS_CONCERN = 36
ORS_CUTOFF = 25


def _running_baseline(scores: pd.Series) -> pd.Series:
    """Mean of all earlier values at each position (NaN for the first)."""
    return scores.shift(1).expanding().mean()


def alliance_with_baseline(record: pd.DataFrame, title: str, alt_text: str) -> alt.LayerChart:
    """One client's WAI-SR total by session, with the running baseline as a dashed line.

    ``record`` needs ``session`` and ``wai_sr``. The baseline at session ``s`` is
    the mean of sessions ``1 .. s-1``, the reference the course's rupture rule uses.

    >>> demo = pd.DataFrame({"session": [1, 2, 3], "wai_sr": [4.0, 4.5, 3.5]})
    >>> spec = alliance_with_baseline(demo, "WAI-SR", "A client's WAI-SR.").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['line', 'line']
    """
    data = record[["session", "wai_sr"]].sort_values("session").copy()
    data["baseline"] = _running_baseline(data["wai_sr"]).round(2)
    long = data.melt("session", ["wai_sr", "baseline"], var_name="series", value_name="score")
    long["series"] = long["series"].map(
        {"wai_sr": "WAI-SR total (this session)", "baseline": "running baseline (earlier sessions)"}
    )
    long = long.dropna(subset=["score"])
    domain = ["WAI-SR total (this session)", "running baseline (earlier sessions)"]
    encode = {
        "x": alt.X("session:O", title="Session"),
        "y": alt.Y(
            "score:Q", title="WAI-SR total (mean item, 1-5)", scale=alt.Scale(domain=[1, 5])
        ),
        "color": alt.Color(
            "series:N",
            scale=alt.Scale(domain=domain, range=[OKABE_ITO[0], OKABE_ITO[7]]),
            legend=alt.Legend(title=None, orient="bottom"),
        ),
        "tooltip": ["session:O", "series:N", alt.Tooltip("score:Q", format=".2f")],
    }
    points = (
        alt.Chart(long)
        .transform_filter(alt.datum.series == domain[0])
        .mark_line(point=alt.OverlayMarkDef(size=60, filled=True))
        .encode(**encode)
    )
    baseline = (
        alt.Chart(long)
        .transform_filter(alt.datum.series == domain[1])
        .mark_line(strokeDash=[6, 4])
        .encode(**encode)
    )
    return finish(alt.layer(points, baseline), title, alt_text)


def trajectory_panels(frame: pd.DataFrame, title: str, alt_text: str) -> alt.FacetChart:
    """One small panel per client: WAI-SR by session, the early level and a quadratic trend.

    ``frame`` needs ``client``, ``session``, ``wai_sr``, ``early_level`` and ``trend``
    (see :func:`course.modules.m07.shown.trajectory_frame`).

    >>> demo = pd.DataFrame({"client": ["Client A"] * 4, "session": [1, 2, 3, 4],
    ...                      "wai_sr": [4.0, 3.5, 3.6, 4.2], "early_level": [3.7] * 4,
    ...                      "trend": [3.9, 3.7, 3.7, 4.0]})
    >>> spec = trajectory_panels(demo, "Shapes", "Three clients' alliance.").to_dict()
    >>> spec["facet"]["column"]["field"], len(spec["spec"]["layer"])
    ('client', 3)
    """
    base = alt.Chart().encode(x=alt.X("session:O", title="Session"))
    scale = alt.Scale(domain=[1, 5])
    scores = base.mark_line(point=True, color=OKABE_ITO[0]).encode(
        y=alt.Y("wai_sr:Q", title="WAI-SR total (1-5)", scale=scale),
        tooltip=["client:N", "session:O", alt.Tooltip("wai_sr:Q", format=".2f")],
    )
    trend = base.mark_line(color=OKABE_ITO[5], strokeDash=[2, 2], strokeWidth=2).encode(
        y=alt.Y("trend:Q", scale=scale)
    )
    # A horizontal rule: no x encoding, or it would draw one vertical line per session.
    early = (
        alt.Chart()
        .mark_rule(color=OKABE_ITO[7], strokeDash=[6, 4], opacity=0.6)
        .encode(y=alt.Y("mean(early_level):Q", scale=scale))
    )
    layered = alt.layer(scores, trend, early).properties(width=210, height=200)
    chart = layered.facet(
        data=frame,
        column=alt.Column("client:N", title=None, header=alt.Header(labelFontSize=13)),
    ).resolve_scale(x="independent")
    return finish(chart, title, alt_text)


def monitoring_chart(rows: pd.DataFrame, title: str, alt_text: str) -> alt.LayerChart:
    """SRS and ORS totals by session, with the 36 and 25 lines and flagged SRS sessions.

    ``rows``: one client's ``session``, ``srs`` and ``ors``. Sessions with an SRS
    total at or below 36 are marked with a large triangle. The 36 and 25 lines are
    labelled in text to the right of the plot.

    >>> demo = pd.DataFrame({"session": [1, 2], "srs": [35.0, 38.2], "ors": [18.0, 21.5]})
    >>> spec = monitoring_chart(demo, "Dashboard", "SRS and ORS of one client.").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['line', 'point', 'rule', 'text']
    """
    data = rows[["session", "srs", "ors"]].sort_values("session")
    long = data.melt("session", ["srs", "ors"], var_name="measure", value_name="total")
    long["measure"] = long["measure"].map({"srs": "SRS (alliance)", "ors": "ORS (outcome)"})
    measures = ["SRS (alliance)", "ORS (outcome)"]
    lines = (
        alt.Chart(long)
        .mark_line(point=alt.OverlayMarkDef(size=50, filled=True))
        .encode(
            x=alt.X("session:O", title="Session"),
            y=alt.Y("total:Q", title="Total (0-40)", scale=alt.Scale(domain=[0, 40])),
            color=alt.Color(
                "measure:N",
                scale=alt.Scale(domain=measures, range=[OKABE_ITO[0], OKABE_ITO[1]]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            strokeDash=alt.StrokeDash(
                "measure:N",
                scale=alt.Scale(domain=measures, range=[[1, 0], [5, 3]]),
                legend=None,
            ),
            shape=alt.Shape(
                "measure:N",
                scale=alt.Scale(domain=measures, range=["circle", "square"]),
                legend=None,
            ),
            tooltip=["session:O", "measure:N", alt.Tooltip("total:Q", format=".1f")],
        )
    )
    flagged_rows = data[data["srs"] <= SRS_CONCERN].assign(flag="SRS at or below 36")
    flagged = (
        alt.Chart(flagged_rows)
        .mark_point(shape="triangle-down", size=220, filled=True, color=OKABE_ITO[5])
        .encode(
            x="session:O",
            y="srs:Q",
            tooltip=["session:O", alt.Tooltip("srs:Q", format=".1f"), "flag:N"],
        )
    )
    references = pd.DataFrame(
        {
            "value": [SRS_CONCERN, ORS_CUTOFF],
            "label": ["36: talk about the alliance", "25: ORS clinical cut-off"],
        }
    )
    rules = (
        alt.Chart(references)
        .mark_rule(color=OKABE_ITO[7], strokeDash=[2, 3], opacity=0.7)
        .encode(y="value:Q", tooltip=["label:N"])
    )
    # Labels beside the plot, level with their rules: inside it they sat on the
    # data lines and ran past the right edge of a short series.
    labels = rule_labels(references, "value")
    return finish(alt.layer(lines, flagged, rules, labels), title, alt_text)
