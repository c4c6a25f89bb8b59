"""Module 02 chart: next-session alliance change after relationship-focused sessions.

Points are mean changes in the client's WAI-SR total from one session to the
next; bars are 95% intervals from a client-level bootstrap. A dashed rule marks
zero (no change), so the reader sees at once whether an interval crosses it.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from course.charts import OKABE_ITO, finish

AFTER_ORDER = ["relationship-focused", "other"]
GROUP_ORDER = ["more secure", "less secure"]
COLUMNS = {"group", "after", "mean", "ci_low", "ci_high", "n"}


def describe_summary(summary: pd.DataFrame) -> str:
    """Alt text: what the chart shows, with every number it draws.

    >>> s = pd.DataFrame({"group": ["more secure"], "after": ["other"], "mean": [-0.05],
    ...                   "ci_low": [-0.1], "ci_high": [0.0], "n": [200]})
    >>> describe_summary(s)
    'Mean change in WAI-SR total from one session to the next (dots) with 95% client-bootstrap intervals (bars), by client attachment security and by whether the earlier session was relationship-focused; dashed line at zero. more secure clients after other sessions: -0.05 (95% interval -0.10 to 0.00, 200 sessions).'
    """
    parts = [
        f"{row.group} clients after {row.after} sessions: {row.mean:+.2f} "
        f"(95% interval {row.ci_low:.2f} to {row.ci_high:.2f}, {row.n} sessions)"
        for row in summary.itertuples()
    ]
    return (
        "Mean change in WAI-SR total from one session to the next (dots) with 95% "
        "client-bootstrap intervals (bars), by client attachment security and by whether "
        "the earlier session was relationship-focused; dashed line at zero. "
        + "; ".join(parts)
        + "."
    )


def focus_change_chart(summary: pd.DataFrame, title: str | None = None) -> alt.LayerChart:
    """Dots and interval bars per attachment group, coloured by session type.

    ``summary`` is :func:`course.modules.m02.bootstrap.change_summary`:
    columns ``group``, ``after``, ``mean``, ``ci_low``, ``ci_high``, ``n``.

    >>> s = pd.DataFrame({"group": ["more secure", "more secure"],
    ...                   "after": ["relationship-focused", "other"], "mean": [0.2, -0.05],
    ...                   "ci_low": [0.1, -0.1], "ci_high": [0.3, 0.0], "n": [60, 200]})
    >>> spec = focus_change_chart(s).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rule', 'rule', 'point']
    >>> spec["description"].startswith("Mean change in WAI-SR total")
    True
    """
    missing = COLUMNS - set(summary.columns)
    if missing:
        raise ValueError(f"summary is missing column(s) {sorted(missing)}")
    data = summary.assign(
        mean=summary["mean"].round(2),
        ci_low=summary["ci_low"].round(2),
        ci_high=summary["ci_high"].round(2),
    )
    x = alt.X(
        "group:N",
        title="Client attachment security",
        sort=GROUP_ORDER,
        axis=alt.Axis(labelAngle=0),
    )
    offset = alt.XOffset("after:N", sort=AFTER_ORDER)
    legend_title = "Change after a session that was"
    color = alt.Color(
        "after:N",
        title=legend_title,
        sort=AFTER_ORDER,
        scale=alt.Scale(domain=AFTER_ORDER, range=[OKABE_ITO[5], OKABE_ITO[0]]),
        legend=alt.Legend(orient="bottom"),
    )
    base = alt.Chart(data).encode(x=x, xOffset=offset, color=color)
    tooltip = [
        alt.Tooltip("group:N", title="clients"),
        alt.Tooltip("after:N", title="after"),
        alt.Tooltip("mean:Q", title="mean change", format="+.2f"),
        alt.Tooltip("ci_low:Q", title="95% low", format=".2f"),
        alt.Tooltip("ci_high:Q", title="95% high", format=".2f"),
        alt.Tooltip("n:Q", title="sessions"),
    ]
    bars = base.mark_rule(strokeWidth=3).encode(
        y=alt.Y("ci_low:Q", title="Change to next session (WAI-SR total, 1-5)"),
        y2="ci_high:Q",
        tooltip=tooltip,
    )
    dots = base.mark_point(filled=True, size=110, opacity=1).encode(
        y="mean:Q",
        shape=alt.Shape(
            "after:N",
            title=legend_title,
            sort=AFTER_ORDER,
            scale=alt.Scale(domain=AFTER_ORDER, range=["circle", "square"]),
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=tooltip,
    )
    zero = (
        alt.Chart(pd.DataFrame({"zero": [0.0]}))
        .mark_rule(color=OKABE_ITO[7], strokeDash=[5, 4])
        .encode(y="zero:Q")
    )
    chart = alt.layer(zero, bars, dots).properties(width=380, height=280)
    return finish(
        chart,
        title or "Does the alliance rise after relationship-focused sessions?",
        describe_summary(summary),
    )
