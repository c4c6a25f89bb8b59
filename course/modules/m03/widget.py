"""Module 03: the eleven self-check questions as an interactive practice widget.

A client (or a trainee imagining one) answers each question from 1 (not at
all) to 5 (completely). The kernel groups the answers into five areas (the
bond, the goals, confidence in the counsellor's competence, benefit so far,
and the client's own openness), shows each area's mean and suggests what a
counsellor would raise first. Practice only: nothing here is graded.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from course.modules.m03.self_check import (
    ANSWER_SCALE,
    AREAS,
    SELF_CHECK,
    area_means,
)

AREA_TITLES = {
    "bond": "The bond",
    "goals": "Our goals",
    "competence": "Confidence in the counsellor",
    "benefit": "Benefit so far",
    "openness": "My own openness",
}
# An area is singled out only when it sits clearly below the others.
STANDS_OUT = 1.0


def self_check_summary(answers: dict[str, int]) -> str:
    """HTML summary of one set of answers: area means and what to raise first.

    >>> answers = {q.key: 5 for q in SELF_CHECK}
    >>> "No area stands out" in self_check_summary(answers)
    True
    >>> answers["qualified"] = 2
    >>> "Raise first: Confidence in the counsellor" in self_check_summary(answers)
    True
    """
    means = area_means(answers)
    rows = "".join(
        f"<tr><td>{AREA_TITLES[area]}</td><td style='text-align:right'>{mean:.1f}</td></tr>"
        for area, mean in means.items()
    )
    table = f"<table><tr><th>Area</th><th>Mean (1-5)</th></tr>{rows}</table>"
    ordered = sorted(means, key=means.get)
    lowest, runner_up = ordered[0], ordered[1]
    if means[runner_up] - means[lowest] < STANDS_OUT:
        advice = (
            "<p><b>No area stands out</b>: the answers are fairly even. Ask the client which "
            "answer matters most to them.</p>"
        )
    else:
        what, action = AREAS[lowest]
        advice = (
            f"<p><b>Raise first: {AREA_TITLES[lowest]}</b> ({html.escape(what)}).<br>"
            f"{html.escape(action)}</p>"
        )
    note = (
        "<p><i>A self-check opens a conversation; it is not a score to act on alone. "
        "Ask the client what their answers mean.</i></p>"
    )
    return table + advice + note


def self_check_widget(initial: int = 4) -> widgets.VBox:
    """Eleven 1-5 answers and a live summary recomputed by the kernel on every change."""
    scale = widgets.HTML(
        "<b>1</b> = "
        + ANSWER_SCALE[1]
        + " · <b>3</b> = "
        + ANSWER_SCALE[3]
        + " · <b>5</b> = "
        + ANSWER_SCALE[5]
    )
    toggles = {}
    rows = [scale]
    for number, question in enumerate(SELF_CHECK, start=1):
        toggle = widgets.ToggleButtons(
            options=[(str(v), v) for v in ANSWER_SCALE],
            value=initial,
            tooltips=[f"{v} = {label}" for v, label in ANSWER_SCALE.items()],
            style={"button_width": "34px"},
            layout=widgets.Layout(width="auto"),
        )
        toggles[question.key] = toggle
        label = widgets.HTML(
            f"{number}. {html.escape(question.text)}", layout=widgets.Layout(width="520px")
        )
        rows.append(widgets.HBox([label, toggle]))
    result = widgets.HTML()
    result.add_class("m03-self-check-result")

    def update(_change=None) -> None:
        result.value = self_check_summary({key: t.value for key, t in toggles.items()})

    for toggle in toggles.values():
        toggle.observe(update, names="value")
    update()
    return widgets.VBox([*rows, result])


__all__ = ["self_check_widget", "self_check_summary"]
