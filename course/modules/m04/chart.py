"""Charts for module 04 (measuring the alliance): ceiling effects and rater perspectives.

Both build on :func:`course.charts.finish` (title and alt text required) and the
Okabe-Ito palette, so they read for trainees with the common colour-vision
deficiencies. Counts are computed in pandas first, so the chart specs stay small.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from course.charts import OKABE_ITO, finish, rule_labels


def binned_counts(values: pd.Series, low: float, high: float, width: float) -> pd.DataFrame:
    """Counts of ``values`` in bins of ``width`` from ``low``; the top value gets a bin of its own.

    A bin ``[start, start + width)`` holds values below its end; values equal to
    ``high`` (the scale maximum) form the last bin, drawn just past the maximum,
    so a pile-up at the very top is visible rather than merged with the values
    just below it.

    >>> binned_counts(pd.Series([38.0, 39.5, 40.0, 40.0]), 36, 40, 2).to_dict("list")
    {'start': [36.0, 38.0, 40.0], 'end': [38.0, 40.0, 42.0], 'count': [0, 2, 2], 'share': [0.0, 0.5, 0.5], 'at_maximum': [False, False, True]}
    """
    values = pd.Series(values, dtype=float).dropna()
    starts = np.arange(low, high, width)
    below = values[values < high]
    index = np.floor((below - low) / width).astype(int).clip(0, len(starts) - 1)
    counts = np.bincount(index, minlength=len(starts))
    frame = pd.DataFrame(
        {
            "start": starts.astype(float),
            "end": (starts + width).astype(float),
            "count": counts.astype(int),
        }
    )
    top = pd.DataFrame(
        {
            "start": [float(high)],
            "end": [float(high) + width],
            "count": [int((values >= high).sum())],
        }
    )
    frame = pd.concat([frame, top], ignore_index=True)
    total = max(len(values), 1)
    frame["share"] = (frame["count"] / total).round(3)
    frame["at_maximum"] = frame["start"] >= high
    return frame


def ceiling_histogram(
    values: pd.Series,
    *,
    low: float,
    high: float,
    width: float,
    x_title: str,
    title: str,
    alt_text: str,
    threshold: float | None = None,
    threshold_label: str = "",
) -> alt.LayerChart | alt.Chart:
    """Histogram of a score with the scale maximum in its own, differently coloured bar.

    An optional dashed rule marks a threshold (e.g. SRS 36).

    >>> spec = ceiling_histogram(pd.Series([30.0, 38.5, 40.0]), low=20, high=40, width=1,
    ...     x_title="SRS total", title="SRS", alt_text="Three sessions.", threshold=36).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]], spec["description"]
    (['bar', 'rule'], 'Three sessions.')
    """
    counts = binned_counts(values, low, high, width)
    counts["where"] = np.where(counts["at_maximum"], "at the maximum", "below the maximum")
    bars = (
        alt.Chart(counts)
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("start:Q", title=x_title, scale=alt.Scale(domain=[low, high + width])),
            x2="end:Q",
            y=alt.Y("count:Q", title="Sessions", scale=alt.Scale(domainMin=0)),
            y2=alt.datum(0),
            color=alt.Color(
                "where:N",
                title=None,
                scale=alt.Scale(
                    domain=["below the maximum", "at the maximum"],
                    range=[OKABE_ITO[0], OKABE_ITO[1]],
                ),
                legend=alt.Legend(orient="top-left"),
            ),
            tooltip=[
                alt.Tooltip("start:Q", title="from"),
                alt.Tooltip("count:Q", title="sessions"),
                alt.Tooltip("share:Q", title="share", format=".0%"),
            ],
        )
    )
    chart: alt.Chart | alt.LayerChart = bars
    if threshold is not None:
        rule = (
            alt.Chart(pd.DataFrame({"threshold": [threshold], "label": [threshold_label]}))
            .mark_rule(color=OKABE_ITO[5], strokeDash=[6, 4], size=2)
            .encode(x="threshold:Q", tooltip=["label:N", "threshold:Q"])
        )
        layers = [bars, rule]
        if threshold_label:  # visible text above the plot, not only a tooltip
            reference = pd.DataFrame({"threshold": [threshold], "label": [threshold_label]})
            layers.append(rule_labels(reference, "threshold", along="x"))
        chart = alt.layer(*layers)
    return finish(chart, title, alt_text)


def rater_strip(
    per_client: pd.DataFrame,
    *,
    title: str,
    alt_text: str,
) -> alt.LayerChart:
    """One tick per client for each rater on the 1-5 scale, with each rater's mean as a diamond.

    ``per_client`` has one row per client and the columns ``client`` and
    ``therapist`` (mean ratings on the same 1-5 metric).

    >>> df = pd.DataFrame({"client": [4.5, 4.0], "therapist": [3.5, 3.9]}, index=["C1", "C2"])
    >>> spec = rater_strip(df, title="Raters", alt_text="Two clients.").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['tick', 'point']
    """
    long = (
        per_client[["client", "therapist"]]
        .rename_axis("client_id")
        .reset_index()
        .melt(id_vars="client_id", var_name="rater", value_name="rating")
    )
    long["rating"] = long["rating"].round(3)
    means = long.groupby("rater", as_index=False)["rating"].mean().round(3)
    colour = alt.Color(
        "rater:N",
        scale=alt.Scale(domain=["client", "therapist"], range=[OKABE_ITO[0], OKABE_ITO[5]]),
        legend=None,
    )
    y = alt.Y("rater:N", title=None, sort=["client", "therapist"])
    x = alt.X(
        "rating:Q", title="Mean rating, sessions 1-3 (1-5 metric)", scale=alt.Scale(domain=[1, 5])
    )
    ticks = (
        alt.Chart(long)
        .mark_tick(thickness=2, size=26, opacity=0.6)
        .encode(x=x, y=y, color=colour, tooltip=["client_id:N", "rater:N", "rating:Q"])
    )
    centre = (
        alt.Chart(means)
        .mark_point(shape="diamond", size=220, filled=True, color="black")
        .encode(x="rating:Q", y=y, tooltip=[alt.Tooltip("rating:Q", title="mean")])
    )
    return finish(alt.layer(ticks, centre).properties(height=140), title, alt_text)
