"""Practice widget for module 06: how big must a caseload be before the slopes settle?

A slider sets the number of clients per therapist. The kernel simulates
several clinics of 30 therapists at that size (seeded by the trainee id),
runs the between/within decomposition in each, and draws every clinic's
estimates as dots on a common scale beside the value the simulator's ground
truth implies. Nothing here is graded.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from course.charts import OKABE_ITO
from course.exercises.m06_alliance_and_outcome import (
    SIZE,
    expected_slopes,
    stability,
)

ROWS = (
    ("r", "overall r", OKABE_ITO[2]),
    ("between", "between-therapist slope", OKABE_ITO[0]),
    ("within", "within-therapist slope", OKABE_ITO[5]),
)
AXIS = (-0.4, 1.4)
WIDTH, ROW_HEIGHT, LEFT = 520, 34, 190


def _x(value: float) -> float:
    low, high = AXIS
    clipped = min(max(value, low), high)
    return LEFT + (clipped - low) / (high - low) * (WIDTH - LEFT - 20)


def strip_svg(table, expected: dict[str, float]) -> str:
    """An inline SVG strip plot: one row per estimate, one dot per simulated clinic.

    The black tick marks the value expected at this size; dots outside the axis
    range are drawn at its edge.

    >>> import pandas as pd
    >>> svg = strip_svg(pd.DataFrame({"r": [0.2], "between": [0.5], "within": [0.2]}),
    ...                 {"r": 0.28, "between": 0.55, "within": 0.23})
    >>> svg.startswith("<svg") and svg.count("<circle") == 3
    True
    """
    height = ROW_HEIGHT * len(ROWS) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        'role="img" aria-label="Estimates from each simulated clinic, one row per estimate">'
    ]
    for k, (column, label, colour) in enumerate(ROWS):
        y = 20 + k * ROW_HEIGHT
        parts.append(
            f'<text x="0" y="{y + 4}" font-size="13" font-family="sans-serif">{html.escape(label)}</text>'
        )
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - 20}" y1="{y}" y2="{y}" stroke="#ddd"/>')
        tick = _x(expected[column])
        parts.append(
            f'<line x1="{tick:.1f}" x2="{tick:.1f}" y1="{y - 11}" y2="{y + 11}" '
            'stroke="black" stroke-width="2"/>'
        )
        for value in table[column]:
            parts.append(
                f'<circle cx="{_x(float(value)):.1f}" cy="{y}" r="5" fill="{colour}" '
                'fill-opacity="0.7"/>'
            )
    axis_y = 20 + len(ROWS) * ROW_HEIGHT - 8
    for value in (-0.4, 0.0, 0.4, 0.8, 1.2):
        x = _x(value)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{axis_y}" y2="{axis_y + 5}" stroke="#555"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{axis_y + 18}" font-size="11" text-anchor="middle" '
            f'font-family="sans-serif">{value:.1f}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def summary_html(table, expected: dict[str, float], clients_per_therapist: int) -> str:
    """The strip plot plus one sentence per estimate: its range over the simulated clinics."""
    reliability = expected["reliability"]
    lines = [
        f"<p><b>{len(table)} simulated clinics</b>, each {SIZE.therapists} therapists x "
        f"{clients_per_therapist} clients ({SIZE.therapists * clients_per_therapist} clients). "
        f"Reliability of a therapist's mean alliance, ICC(2) = {reliability:.2f}.</p>",
        strip_svg(table, expected),
        "<ul>",
    ]
    for column, label, _ in ROWS:
        low, high = float(table[column].min()), float(table[column].max())
        lines.append(
            f"<li>{html.escape(label)}: from {low:.2f} to {high:.2f} "
            f"(black tick: {expected[column]:.2f} expected at this size)</li>"
        )
    lines.append("</ul>")
    return "".join(lines)


def stability_explorer(student_id: str, initial: int = 20, replications: int = 8) -> widgets.VBox:
    """Slider for clients per therapist; the kernel re-simulates and redraws on release."""
    slider = widgets.IntSlider(
        value=initial,
        min=2,
        max=60,
        step=2,
        description="Clients per therapist",
        continuous_update=False,
        style={"description_width": "150px"},
        layout=widgets.Layout(width="520px"),
    )
    result = widgets.HTML()
    result.add_class("m06-stability-result")

    def update(_change=None) -> None:
        n = int(slider.value)
        result.value = "<p><i>Simulating...</i></p>"
        table = stability(student_id, n, replications=replications)
        result.value = summary_html(table, expected_slopes(n), n)

    slider.observe(update, names="value")
    update()
    return widgets.VBox([slider, result])
