"""A practice calculator for the Session Rating Scale total."""

from __future__ import annotations

import ipywidgets as widgets

from course.instruments import get as instrument
from course.modules.m00 import SRS_CONCERN_CUTOFF, SRS_LINES
from course.widgets.typed import number_box, range_problem

LINE_MIN, LINE_MAX = 0, 10
LINE_RULE = "each SRS line is marked 0 to 10"

# The course's own paraphrases from the SRS spec (the form's wording is licensed).
LINE_LABELS = {
    line: label[0].upper() + label[1:]
    for line, label in zip(SRS_LINES, [item.label for item in instrument("srs").items], strict=True)
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


def out_of_range_note(marks: dict[str, float]) -> str | None:
    """The message shown instead of a total when a typed mark lies outside 0-10.

    >>> out_of_range_note({"relationship": 9.5, "overall": 9.0}) is None
    True
    >>> out_of_range_note({"relationship": 12.0, "overall": 9.0})
    'Felt listened to and valued by the therapist: 12 is outside 0-10: each SRS line is marked 0 to 10. Total not computed: type a mark from 0 to 10 and press Enter.'
    """
    problems = [
        f"{LINE_LABELS[line]}: {problem}"
        for line, value in marks.items()
        if (problem := range_problem(value, LINE_MIN, LINE_MAX, LINE_RULE))
    ]
    if not problems:
        return None
    return " ".join(problems) + " Total not computed: type a mark from 0 to 10 and press Enter."


def srs_calculator(initial: float = 9.5) -> widgets.VBox:
    """Four 0-10 boxes (one per SRS line) and a live total with its flag.

    Typing a mark and pressing Enter sends it to the kernel, which recomputes
    the total: the trainee sees the scoring rule act on their own numbers. A mark
    outside 0-10 is neither clamped nor counted: the result line says which mark
    is out of range instead of showing a total.
    """
    boxes = {
        line: number_box(
            initial,
            step=0.1,
            description=LINE_LABELS[line],
            # Wide enough for the longest paraphrased label, so none is cut with "...".
            style={"description_width": "340px"},
            layout=widgets.Layout(width="460px"),
        )
        for line in SRS_LINES
    }
    result = widgets.HTML()
    result.add_class("srs-result")

    def update(_change=None) -> None:
        marks = {line: box.value for line, box in boxes.items()}
        note = out_of_range_note(marks)
        if note:
            result.value = f"<b>{note}</b>"
            return
        total = round(sum(marks.values()), 1)
        result.value = f"<b>{srs_verdict(total)}</b>"

    for box in boxes.values():
        box.observe(update, names="value")
    update()
    return widgets.VBox([*boxes.values(), result])
