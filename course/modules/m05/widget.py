"""Module 05 practice widgets: a reliable-change explorer and a measurement-noise simulator.

Both recompute in the Python kernel whenever a control changes. They are for
practice only; graded answers are plain values in answer cells.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course import psychometrics as pm

PHQ9_MAX = 27


def explain_change(
    pre: float, post: float, sd: float, reliability: float, cutoff: float = 10
) -> str:
    """What the Jacobson-Truax numbers say about one PHQ-9 change (HTML text).

    >>> text = explain_change(16, 12, sd=5.0, reliability=0.89)
    >>> "RCI = -1.71" in text and "no reliable change" in text
    True
    >>> "recovered" in explain_change(16, 8, sd=5.0, reliability=0.89)
    True
    """
    sem = pm.standard_error_of_measurement(sd, reliability)
    s_diff = np.sqrt(2) * sem
    rci = pm.reliable_change_index(pre, post, sd, reliability)
    label = pm.classify_change(rci, improvement="decrease")
    needed = pm.RCI_CRITICAL * s_diff
    if label == "reliable improvement" and pre >= cutoff > post:
        status = f"recovered: reliable improvement and from {cutoff} or above to below {cutoff}"
    elif label == "reliable improvement":
        status = (
            f"improved, not recovered: the client did not move from {cutoff} or above "
            f"to below {cutoff}"
        )
    else:
        status = "not recovered"
    return (
        f"SEM = {sd:.2f} x sqrt(1 - {reliability:.2f}) = {sem:.2f} points; "
        f"S<sub>diff</sub> = sqrt(2) x SEM = {s_diff:.2f}.<br>"
        f"Change {post - pre:+.0f} points, RCI = {rci:.2f}: <b>{label}</b> "
        f"(a change must exceed {needed:.2f} points to be reliable).<br>"
        f"Clinical significance: <b>{status}</b>."
    )


def rci_explorer(sd: float = 5.0, reliability: float = 0.89, cutoff: float = 10) -> widgets.VBox:
    """Sliders for intake score, later score, SD and reliability; the verdict updates live.

    The SD slider starts at ``sd`` (the caseload's intake SD) to two decimals,
    the precision it shows. While it stays there the readouts use ``sd`` itself,
    so the SEM and reliable-change points equal the noise simulator's and the
    exercise's to the last shown digit; a step of 0.1 used to start the slider at
    4.60 for an SD of 4.55 and give a different SEM.
    """
    style = {"description_width": "170px"}
    layout = widgets.Layout(width="480px")
    pre = widgets.IntSlider(
        16, 0, PHQ9_MAX, description="PHQ-9 at intake", style=style, layout=layout
    )
    post = widgets.IntSlider(12, 0, PHQ9_MAX, description="PHQ-9 later", style=style, layout=layout)
    spread = widgets.FloatSlider(
        round(sd, 2),
        min=1,
        max=max(10.0, float(np.ceil(sd))),
        step=0.01,
        readout_format=".2f",
        description="SD of intake scores",
        style=style,
        layout=layout,
    )
    rel = widgets.FloatSlider(
        reliability,
        min=0.5,
        max=0.99,
        step=0.01,
        readout_format=".2f",
        description="Reliability",
        style=style,
        layout=layout,
    )
    result = widgets.HTML()
    result.add_class("m05-rci-result")

    def current_sd() -> float:
        """The caseload's exact SD while the slider shows it (to two decimals)."""
        # A tolerance, not ==: the browser may send back 4.550000000000001 for 4.55.
        return sd if abs(spread.value - round(sd, 2)) < 0.005 else spread.value

    def update(_change=None) -> None:
        result.value = explain_change(pre.value, post.value, current_sd(), rel.value, cutoff)

    for control in (pre, post, spread, rel):
        control.observe(update, names="value")
    update()
    return widgets.VBox([pre, post, spread, rel, result])


def noisy_scores(
    true_score: float, sem: float, n_sessions: int, rng: np.random.Generator
) -> np.ndarray:
    """Observed PHQ-9 totals of a client whose true score never changes: true + N(0, SEM), rounded to 0-27.

    >>> scores = noisy_scores(14, 1.66, 10, np.random.default_rng(1))
    >>> scores.shape, bool(((scores >= 0) & (scores <= 27)).all())
    ((10,), True)
    """
    observed = true_score + rng.normal(0, sem, size=n_sessions)
    return np.clip(np.round(observed), 0, PHQ9_MAX).astype(int)


def share_with_big_drop(
    true_score: float, sem: float, n_sessions: int, drop: int, n_clients: int = 2000, seed: int = 0
) -> float:
    """Share of unchanging clients who still show a session-to-session drop of ``drop`` or more.

    >>> share_with_big_drop(14, 0.0, 10, 1)
    0.0
    >>> 0 < share_with_big_drop(14, 1.66, 10, 4) < 1
    True
    """
    rng = np.random.default_rng(seed)
    observed = true_score + rng.normal(0, sem, size=(n_clients, n_sessions))
    observed = np.clip(np.round(observed), 0, PHQ9_MAX)
    drops = observed[:, :-1] - observed[:, 1:]
    return float((drops >= drop).any(axis=1).mean())


def describe_noise(scores: np.ndarray, true_score: float, drop: int = 4) -> str:
    """Name the biggest single-session drop in a run of noisy scores (HTML text).

    >>> describe_noise(np.array([14, 16, 12, 14]), 14)
    'Observed: 14, 16, 12, 14 (true score 14 every session).<br>Biggest drop from one session to the next: 4 points (session 2 to 3): <b>a drop of 4 or more with no real change</b>.'
    """
    drops = scores[:-1] - scores[1:]
    worst = int(np.argmax(drops))
    verdict = (
        f"<b>a drop of {drop} or more with no real change</b>"
        if drops[worst] >= drop
        else f"smaller than {drop}"
    )
    return (
        f"Observed: {', '.join(map(str, scores))} (true score {true_score:g} every session).<br>"
        f"Biggest drop from one session to the next: {int(drops[worst])} points "
        f"(session {worst + 1} to {worst + 2}): {verdict}."
    )


def noise_simulator(
    sd: float = 5.0, reliability: float = 0.89, true_score: int = 14, n_sessions: int = 10
) -> widgets.VBox:
    """Draw clients whose true PHQ-9 never changes and see what measurement error alone does."""
    button = widgets.Button(description="Draw another client", button_style="info")
    rel = widgets.FloatSlider(
        reliability,
        min=0.5,
        max=0.99,
        step=0.01,
        readout_format=".2f",
        description="Reliability",
        style={"description_width": "120px"},
        layout=widgets.Layout(width="420px"),
    )
    result = widgets.HTML()
    result.add_class("m05-noise-result")
    state = {"draw": 0}

    def update(_change=None) -> None:
        sem_now = pm.standard_error_of_measurement(sd, rel.value)
        rng = np.random.default_rng(state["draw"])
        scores = noisy_scores(true_score, sem_now, n_sessions, rng)
        share = share_with_big_drop(true_score, sem_now, n_sessions, 4)
        result.value = (
            f"SEM = {sem_now:.2f} points (SD {sd:.2f}, reliability {rel.value:.2f}).<br>"
            + describe_noise(scores, true_score)
            + f"<br>Of 2,000 such unchanging clients over {n_sessions} sessions, "
            f"<b>{share:.0%}</b> show at least one drop of 4 or more points."
        )

    def redraw(_button) -> None:
        state["draw"] += 1
        update()

    button.on_click(redraw)
    rel.observe(update, names="value")
    update()
    return widgets.VBox([rel, button, result])
