"""Charts of the instructor's class dashboard (``alliance-course report``)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from course.charts import OKABE_ITO, finish


def score_distribution(totals: pd.DataFrame) -> alt.Chart:
    """Box plot of each trainee's autograded percentage, per module.

    ``totals``: one row per (student_id, module) with ``percent``.
    """
    chart = (
        alt.Chart(totals)
        .mark_boxplot(color=OKABE_ITO[0], extent="min-max")
        .encode(
            x=alt.X("module:N", title="Module"),
            y=alt.Y("percent:Q", title="Autograded score (%)", scale=alt.Scale(domain=[0, 100])),
        )
    )
    return finish(
        chart,
        "Autograded scores by module",
        "Box plots of trainees' autograded percentage for each module, from 0 to 100.",
    )


def item_pass_rates(items: pd.DataFrame) -> alt.Chart:
    """Horizontal bars: share of trainees passing each autograded item.

    ``items``: one row per (module, cell) with ``pass_rate`` (0-1) and ``top_message``.
    """
    data = items.assign(item=items["module"] + " · " + items["cell"])
    chart = (
        alt.Chart(data)
        .mark_bar(color=OKABE_ITO[2])
        .encode(
            y=alt.Y("item:N", sort=None, title=None),
            x=alt.X(
                "pass_rate:Q",
                title="Share of trainees passing",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            tooltip=["module", "cell", alt.Tooltip("pass_rate:Q", format=".0%"), "top_message"],
        )
    )
    return finish(
        chart,
        "Pass rate per graded item",
        "Bar chart of the share of trainees who passed each autograded item.",
    )


def trainee_heatmap(totals: pd.DataFrame) -> alt.Chart:
    """Trainee x module heatmap of autograded percentage (colour-blind-safe sequential scheme)."""
    chart = (
        alt.Chart(totals)
        .mark_rect()
        .encode(
            x=alt.X("module:N", title="Module"),
            y=alt.Y("student_id:N", title="Trainee"),
            color=alt.Color(
                "percent:Q",
                title="Score (%)",
                scale=alt.Scale(scheme="viridis", domain=[0, 100]),
            ),
            tooltip=["student_id", "module", alt.Tooltip("percent:Q", format=".0f")],
        )
    )
    return finish(
        chart,
        "Trainee by module",
        "Heatmap of each trainee's autograded percentage in each module; darker is lower.",
    )
