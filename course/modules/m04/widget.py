"""A practice scorer that renders any scoreable instrument spec as a form.

``instrument_scorer("wai-sr")`` shows one dropdown per item (the course's
*paraphrased* item labels, never the instrument's wording), grouped by subscale,
and recomputes every scale score, flag and missing-item note through
``course.instruments.score`` whenever an answer changes. Each item can be left
blank, so the trainee watches the missing-item rule act. Nothing here is graded.

Generic over specs: it could serve any module (candidate for promotion to
``course.widgets``).
"""

from __future__ import annotations

import html
import math

import ipywidgets as widgets
import numpy as np
import pandas as pd

import course.instruments as instruments
from course.widgets.typed import number_box, range_problem

BLANK = "(blank)"


def score_one(instrument_id: str, answers: dict[int, float | None]) -> pd.Series:
    """Score one respondent: ``answers`` maps item number -> value, ``None`` for a blank.

    >>> row = score_one("wai-sr", {k: 4 for k in range(1, 13)} | {1: None})
    >>> float(row["task"]), float(row["total"]), row["score_note"]
    (4.0, 4.0, 'total prorated from 11 of 12 items; task prorated from 3 of 4 items')
    """
    spec = instruments.get(instrument_id)
    values = [answers.get(k) for k in range(1, spec.n_items + 1)]
    frame = pd.DataFrame(
        [[np.nan if v is None else v for v in values]],
        columns=[f"i{k}" for k in range(1, spec.n_items + 1)],
    )
    return instruments.score(instrument_id, frame).iloc[0]


def _format(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "not scored"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.2f}"
    return html.escape(str(value))


def result_html(instrument_id: str, row: pd.Series) -> str:
    """The scores, flags and note of one scored row, as a small HTML table.

    >>> "not scored" in result_html("wai-sr", score_one("wai-sr", {}))
    True
    """
    spec = instruments.get(instrument_id)
    names = [s.name for s in spec.scoring.scales if s.key == "sourced"]
    labels = {s.name: s.label for s in spec.scoring.scales}
    lines = [
        f"<tr><td><b>{html.escape(n)}</b></td><td>{_format(row[n])}</td>"
        f"<td><i>{html.escape(labels.get(n, ''))}</i></td></tr>"
        for n in names
    ]
    lines += [
        f"<tr><td><b>{html.escape(f.name)}</b></td><td>{_format(row[f.name])}</td>"
        f"<td><i>flag</i></td></tr>"
        for f in spec.flags
    ]
    note = row["score_note"] or "all items answered"
    return (
        "<table>"
        + "".join(lines)
        + "</table>"
        + f"<p><b>Missing answers:</b> {int(row['n_missing'])}. {html.escape(str(note))}</p>"
    )


def _item_control(spec, item, initial):
    response = spec.item_response(item.number)
    tags = ", ".join(item.subscales) if item.subscales else ""
    description = f"{item.number}. {item.label}" + (f" [{tags}]" if tags else "")
    style = {"description_width": "430px"}  # room for the longest paraphrased label
    layout = widgets.Layout(width="620px")
    if response.allowed is not None or float(response.step).is_integer():
        if response.allowed is not None:  # e.g. AUDIT items 9-10: 0, 2 or 4
            values = [int(v) if float(v).is_integer() else v for v in response.allowed]
        else:
            values = list(range(int(response.min), int(response.max) + 1))
        anchors = spec.response.anchors if spec.response else {}
        options = [(BLANK, None)] + [(f"{v} {anchors.get(v, '')}".strip(), v) for v in values]
        start = initial if initial in values else None
        return widgets.Dropdown(
            options=options, value=start, description=description, style=style, layout=layout
        )
    # A typed box is not clamped: an out-of-range answer is named by range_notes.
    return number_box(initial, response.step, description, style, layout)


def range_notes(instrument_id: str, answers: dict[int, float | None]) -> list[str]:
    """One sentence per typed answer outside its item's range (empty when all fit).

    >>> range_notes("srs", {1: 12.0, 2: 9.0, 3: None, 4: 9.0})
    ['Item 1: 12 is outside 0-10: this item is answered from 0 to 10.']
    """
    spec = instruments.get(instrument_id)
    notes = []
    for number, value in answers.items():
        response = spec.item_response(number)
        rule = f"this item is answered from {response.min:g} to {response.max:g}"
        problem = range_problem(value, response.min, response.max, rule)
        if problem:
            notes.append(f"Item {number}: {problem}")
    return notes


def instrument_scorer(instrument_id: str = "wai-sr", initial: float | None = None) -> widgets.VBox:
    """A live form for one scoreable instrument; a note instead for one that is not scored.

    ``initial`` is the starting answer of every item (default: one step below the
    top of the scale, a typical answer for a client who rates the alliance highly).
    """
    spec = instruments.get(instrument_id)
    header = widgets.HTML(
        f"<b>{html.escape(spec.name)}</b>. Answered by: {html.escape(', '.join(spec.respondent))}. "
        "Item labels are the course's paraphrases, not the instrument's wording."
    )
    if not spec.is_scoreable:
        note = widgets.HTML(
            f"<p><b>Not scored by the course:</b> {html.escape(spec.status_note)}.</p>"
        )
        return widgets.VBox([header, note])
    if initial is None:
        initial = spec.response.max - 1 if spec.response else None
    controls = {item.number: _item_control(spec, item, initial) for item in spec.items}
    result = widgets.HTML()
    result.add_class("m04-scorer-result")

    def update(_change=None) -> None:
        answers = {number: control.value for number, control in controls.items()}
        notes = range_notes(instrument_id, answers)
        if notes:  # score nothing rather than a number the trainee did not type
            result.value = (
                "<p><b>"
                + html.escape(" ".join(notes))
                + " Not scored: correct the answer and press Enter.</b></p>"
            )
            return
        result.value = result_html(instrument_id, score_one(instrument_id, answers))

    for control in controls.values():
        control.observe(update, names="value")
    update()
    order = sorted(
        controls, key=lambda n: (spec.items[n - 1].subscales[:1] or [""], n)
    )  # group items by their first subscale, as a scorer would read the key
    return widgets.VBox([header, *[controls[n] for n in order], result])
