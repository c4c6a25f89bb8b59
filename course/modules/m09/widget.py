"""Module 09: the chart of this week's PHQ-9 totals and the risk-conversation practice sorter.

The sorter is practice only (graded answers are plain values in answer cells):
the trainee puts the steps of the course's outline of a risk conversation in
order and checks them. The outline is this course's teaching structure, not a
published protocol; a service's own protocol comes first.
"""

from __future__ import annotations

import altair as alt
import ipywidgets as widgets
import pandas as pd

from course.charts import OKABE_ITO, finish
from course.seeds import stable_seed

# The course's outline of a conversation after PHQ-9 item 9 is above 0, in order.
RISK_STEPS = (
    "Notice the answer and thank the client for being honest about it.",
    "Ask directly about the thoughts: how often, how strong, since when.",
    "Tell passive from active: a wish not to be alive, or thoughts of ending one's life, "
    "with any method, intent or plan.",
    "Ask what keeps the client safe: reasons for living, people, what has helped before.",
    "Involve a qualified clinician the same day: your supervisor or the duty clinician.",
    "Agree a safety plan together, and when you will next check in.",
)
PLACEHOLDER = "(choose a step)"


def shuffled_steps(seed_text: str = "practice") -> list[str]:
    """The steps in a seeded, scrambled order, as the sorter offers them.

    >>> sorted(shuffled_steps()) == sorted(RISK_STEPS)
    True
    """
    return sorted(RISK_STEPS, key=lambda step: stable_seed("m09-sorter", seed_text, step))


def sorter_feedback(chosen: list[str]) -> str:
    """What the sorter says about an order: how many steps are in place, and a hint.

    >>> sorter_feedback(list(RISK_STEPS))
    'All 6 steps are in the course order.'
    >>> sorter_feedback([PLACEHOLDER] * 6)
    'Choose a step for every position first (6 still empty).'
    >>> print(sorter_feedback(list(reversed(RISK_STEPS))))
    0 of 6 steps in place. Position 1 is not right yet: start by noticing the answer and thanking the client.
    """
    empty = sum(step == PLACEHOLDER for step in chosen)
    if empty:
        return f"Choose a step for every position first ({empty} still empty)."
    if len(set(chosen)) < len(chosen):
        return "Each step should appear once: one position holds a step twice."
    right = [a == b for a, b in zip(chosen, RISK_STEPS, strict=True)]
    if all(right):
        return f"All {len(RISK_STEPS)} steps are in the course order."
    first = right.index(False)
    hints = (
        "start by noticing the answer and thanking the client.",
        "ask about the thoughts directly before anything else.",
        "find out how far the thoughts go before deciding what follows.",
        "hear what keeps the client safe before you involve anyone else.",
        "a qualified clinician is involved the same day, before the plan is settled.",
        "the safety plan and the next check-in close the conversation.",
    )
    return (
        f"{sum(right)} of {len(RISK_STEPS)} steps in place. Position {first + 1} is not "
        f"right yet: {hints[first]}"
    )


def risk_conversation_sorter(seed_text: str = "practice") -> widgets.VBox:
    """Six dropdowns (positions 1-6), a Check button and the feedback line."""
    options = [PLACEHOLDER, *shuffled_steps(seed_text)]
    layout = widgets.Layout(width="760px")
    picks = [
        widgets.Dropdown(options=options, value=PLACEHOLDER, description=f"Step {n}", layout=layout)
        for n in range(1, len(RISK_STEPS) + 1)
    ]
    check = widgets.Button(description="Check my order", button_style="info")
    feedback = widgets.HTML("<p>Choose a step for each position, then press Check.</p>")
    feedback.add_class("m09-sorter-feedback")

    def on_check(_button=None) -> None:
        feedback.value = f"<p>{sorter_feedback([p.value for p in picks])}</p>"

    check.on_click(on_check)
    box = widgets.VBox([*picks, check, feedback])
    box.add_class("m09-sorter")
    box.check = on_check  # for tests: the same handler the button calls
    return box


def totals_chart(forms: pd.DataFrame, title: str, alt_text: str) -> alt.LayerChart:
    """Bars of this week's PHQ-9 totals (P1..P6) with a labelled line at 10.

    ``forms``: indexed by label, with ``phq9_total``. The chart shows totals only:
    item 9 is read from the table, since a total never tells you about item 9.

    >>> demo = pd.DataFrame({"phq9_total": [4, 16]}, index=["P1", "P2"])
    >>> spec = totals_chart(demo, "PHQ-9", "Two bars.").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['bar', 'rule', 'text']
    """
    data = pd.DataFrame({"form": list(forms.index), "total": forms["phq9_total"].to_numpy()})
    bars = (
        alt.Chart(data)
        .mark_bar(color=OKABE_ITO[0])
        .encode(
            x=alt.X("form:N", title="This week's form", sort=None),
            y=alt.Y("total:Q", title="PHQ-9 total (0-27)", scale=alt.Scale(domain=[0, 27])),
            tooltip=["form:N", "total:Q"],
        )
    )
    cut = pd.DataFrame({"y": [10], "label": ["10: moderate or above"]})
    rule = alt.Chart(cut).mark_rule(color=OKABE_ITO[7], strokeDash=[4, 3]).encode(y="y:Q")
    text = (
        alt.Chart(cut)
        .mark_text(align="left", dx=4, dy=-6, color=OKABE_ITO[7])
        .encode(y="y:Q", text="label:N", x=alt.value(0))
    )
    return finish(alt.layer(bars, rule, text), title, alt_text)
