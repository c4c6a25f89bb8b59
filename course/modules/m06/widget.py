"""Practice widget for module 06: how big must a caseload be before the slopes settle?

A slider sets the number of clients per therapist. The kernel simulates
several clinics of 30 therapists at that size (seeded by the trainee id),
runs the between/within decomposition in each (the simulator's own
``course.simulate.validate.between_within``), and draws every clinic's
estimates as dots on a common scale beside the value the simulator's ground
truth implies. Nothing here is graded.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from course.charts import OKABE_ITO
from course.modules.m06.data import MODULE, SIZE
from course.seeds import stable_seed
from course.simulate import caseload as simulate_caseload

ROWS = (
    ("r", "overall r", OKABE_ITO[2]),
    ("between", "between-therapist slope", OKABE_ITO[0]),
    ("within", "within-therapist slope", OKABE_ITO[5]),
)
AXIS = (-0.4, 1.4)
WIDTH, ROW_HEIGHT, LEFT = 520, 34, 190

# ------------------------------------------------------- simulated clinics


def therapist_mean_reliability(icc: float, clients_per_therapist: float) -> float:
    """ICC(2): how reliably a mean of ``clients_per_therapist`` clients measures the therapist.

    ``n * icc / (1 + (n - 1) * icc)`` (the Spearman-Brown formula).

    >>> round(therapist_mean_reliability(0.10, 20), 3)
    0.69
    >>> round(therapist_mean_reliability(0.10, 5), 3)
    0.357
    """
    n = clients_per_therapist
    return n * icc / (1 + (n - 1) * icc)


def stability(
    student_id: str,
    clients_per_therapist: int,
    therapists: int = SIZE.therapists,
    replications: int = 8,
) -> pd.DataFrame:
    """The decomposition in ``replications`` simulated clinics of the given size.

    Each clinic has ``therapists`` therapists with ``clients_per_therapist``
    clients each, drawn with its own seed (from the trainee id, the size and the
    replication number). One row per clinic: ``r``, ``between``, ``within``.

    >>> table = stability("trainee-01", 10, therapists=12, replications=3)
    >>> list(table.columns), len(table)
    (['clinic', 'r', 'between', 'within'], 3)
    """
    from course.simulate.validate import between_within

    if clients_per_therapist < 2:
        raise ValueError("every therapist needs at least 2 clients to split alliance in two")
    rows = []
    for rep in range(replications):
        seed = stable_seed(MODULE, "stability", student_id, clients_per_therapist, rep)
        cl = simulate_caseload(
            therapists,
            therapists * clients_per_therapist,
            seed=seed,
            max_sessions=SIZE.max_sessions,
        )
        parts = between_within(cl.clients)
        r = float(cl.clients["early_alliance"].corr(cl.clients["outcome_change"]))
        rows.append(
            {"clinic": rep + 1, "r": r, "between": parts.between_naive, "within": parts.within}
        )
    return pd.DataFrame(rows)


def expected_slopes(clients_per_therapist: float) -> dict[str, float]:
    """What the simulator's ground truth implies at this caseload size.

    ``within`` is the ground-truth within slope; ``between`` the between slope
    this estimator finds on average, ``b_W + (b_B - b_W) * ICC(2)``: unreliable
    therapist means pull it toward the within slope. ``between_true`` is the
    slope a perfectly measured therapist mean would show, ``reliability`` the
    ICC(2) of a therapist's mean alliance at this size.

    >>> e = expected_slopes(20)
    >>> round(e["between"], 3), round(e["within"], 3), e["between_true"], round(e["reliability"], 2)
    (0.555, 0.233, 0.7, 0.69)
    """
    from course.simulate import GroundTruth

    gt = GroundTruth()
    reliability = therapist_mean_reliability(gt.alliance_icc, clients_per_therapist)
    within = gt.within_slope
    return {
        "r": gt.alliance_outcome_r,
        "between": within + (gt.between_slope - within) * reliability,
        "within": within,
        "between_true": gt.between_slope,
        "reliability": reliability,
    }


# ------------------------------------------------------------------ drawing


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
