"""A practice calculator for the Session Rating Scale total."""

from __future__ import annotations

import ipywidgets as widgets

from course.modules.m00 import SRS_CONCERN_CUTOFF, SRS_LINES

LINE_LABELS = {
    "relationship": "Relationship (paraphrased label)",
    "goals_topics": "Goals and topics (paraphrased label)",
    "approach_method": "Approach or method (paraphrased label)",
    "overall": "Overall (paraphrased label)",
}


def srs_verdict(total: float) -> str:
    """The feedback line the calculator shows for a total.

    >>> srs_verdict(36.0)
    'Total 36.0 / 40: at or below 36, so talk with the client about how the session went for them.'
    >>> srs_verdict(38.2)
    'Total 38.2 / 40: above 36, no alliance flag from this session.'
    """
    if total <= SRS_CONCERN_CUTOFF:
        return (
            f"Total {total:.1f} / 40: at or below 36, so talk with the client "
            "about how the session went for them."
        )
    return f"Total {total:.1f} / 40: above 36, no alliance flag from this session."


def srs_calculator(initial: float = 9.5) -> widgets.VBox:
    """Four 0-10 boxes (one per SRS line) and a live total with its flag.

    Typing a mark and pressing Enter sends it to the kernel, which recomputes
    the total: the trainee sees the scoring rule act on their own numbers.
    """
    boxes = {
        line: widgets.BoundedFloatText(
            value=initial,
            min=0,
            max=10,
            step=0.1,
            description=LINE_LABELS[line],
            style={"description_width": "260px"},
            layout=widgets.Layout(width="380px"),
        )
        for line in SRS_LINES
    }
    result = widgets.HTML()
    result.add_class("srs-result")

    def update(_change=None) -> None:
        total = round(sum(box.value for box in boxes.values()), 1)
        result.value = f"<b>{srs_verdict(total)}</b>"

    for box in boxes.values():
        box.observe(update, names="value")
    update()
    return widgets.VBox([*boxes.values(), result])
