"""A WAI-SR explorer: twelve sliders, live total and subscales, and what the total can hide.

The trainee moves item answers (1-5) and the kernel rescores them with
``course.instruments.score("wai-sr", ...)``, the same scorer the graded cells
use. The starting answers give a high-looking total with a weak bond, so the
first thing a trainee sees is that a total can hide the weakest component.
Item labels are the course's paraphrases, never WAI-SR item text.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

SUBSCALES = ("task", "goal", "bond")
# Start: task and goal near the top, bond in the middle of the scale.
START = {1: 5, 2: 5, 10: 5, 12: 4, 4: 5, 6: 4, 8: 5, 11: 5, 3: 3, 5: 3, 7: 3, 9: 3}


def score_answers(answers: dict[int, int]) -> dict[str, float]:
    """Score one set of twelve answers with the course's WAI-SR scorer.

    >>> score_answers(START)
    {'total': 4.166666666666667, 'task': 4.75, 'goal': 4.75, 'bond': 3.0}
    """
    from course.instruments import score

    row = pd.DataFrame([{f"i{n}": int(answers[n]) for n in range(1, 13)}])
    scored = score("wai-sr", row).iloc[0]
    return {name: float(scored[name]) for name in ("total", *SUBSCALES)}


def reading(scores: dict[str, float]) -> str:
    """What the explorer says about a set of scores.

    >>> print(reading({'total': 4.17, 'task': 4.75, 'goal': 4.75, 'bond': 3.0}))
    Total 4.17 (mean item score, 1-5). Task 4.75 · goal 4.75 · bond 3.00. Weakest: bond, 1.17 below the total: the total hides it.
    >>> print(reading({'total': 4.5, 'task': 4.5, 'goal': 4.5, 'bond': 4.5}))
    Total 4.50 (mean item score, 1-5). Task 4.50 · goal 4.50 · bond 4.50. No single component stands out.
    """
    parts = " · ".join(f"{name} {scores[name]:.2f}" for name in SUBSCALES)
    line = f"Total {scores['total']:.2f} (mean item score, 1-5). {parts[0].upper()}{parts[1:]}."
    low = min(SUBSCALES, key=lambda name: scores[name])
    gap = scores["total"] - scores[low]
    if gap >= 0.5:
        return line + f" Weakest: {low}, {gap:.2f} below the total: the total hides it."
    if gap > 0:
        return line + f" Weakest: {low}, close to the total."
    return line + " No single component stands out."


def wai_sr_explorer(start: dict[int, int] | None = None) -> widgets.VBox:
    """Twelve 1-5 sliders grouped by subscale, with the live scores read out below.

    >>> box = wai_sr_explorer()
    >>> box.children[-1].value.startswith("<b>Total 4.17")
    True
    """
    from course.instruments import get

    answers = dict(start or START)
    spec = get("wai-sr")
    sliders: dict[int, widgets.IntSlider] = {}
    groups = []
    for name in SUBSCALES:
        boxes = []
        for item in spec.items:
            if name not in item.subscales:
                continue
            slider = widgets.IntSlider(
                value=answers[item.number],
                min=1,
                max=5,
                description=f"{item.number}. {item.label}",
                style={"description_width": "390px"},
                layout=widgets.Layout(width="620px"),
            )
            sliders[item.number] = slider
            boxes.append(slider)
        groups.append(
            widgets.VBox([widgets.HTML(f"<b>{name}</b> (paraphrased item labels)")] + boxes)
        )
    result = widgets.HTML()
    result.add_class("wai-explorer-result")

    def update(_change=None) -> None:
        current = {number: slider.value for number, slider in sliders.items()}
        result.value = f"<b>{html.escape(reading(score_answers(current)))}</b>"

    for slider in sliders.values():
        slider.observe(update, names="value")
    update()
    return widgets.VBox([*groups, result])
