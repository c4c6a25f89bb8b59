"""Module 04's keys for exercise 4: the missing-item rule on hand-made forms (4a) and a
colleague's hand-scored totals (4b).

Each verdict is worked out afresh with the course library (``course.instruments.score``),
never read from the tables the notebook shows, and comes with the reason shown to a
trainee who gets it wrong.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

import course.instruments as instruments
from course.modules.m04.data import SCALES, WAI_ITEMS, WAI_KEY
from course.modules.m04.shown import instrument_handle
from course.modules.m04.worked import colleague_totals, edge_forms

#: The labels of exercise 4a.
VERDICTS = ("all_scored", "subscale_empty", "total_empty", "error")


def reference_scores(responses: Sequence[object], instrument_id: str = "wai-sr") -> dict:
    """Score one respondent's answers with ``course.instruments.score``.

    ``responses`` lists the answers in item order; ``None`` (or NaN) is a blank.
    Returns ``{scale: float}`` with NaN for a scale that cannot be scored, and
    raises :class:`course.instruments.ResponseError` (a ``ValueError``) for
    impossible answers, exactly as the library does.

    >>> reference_scores([5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4, 4])
    {'task': 4.75, 'goal': 4.25, 'bond': 4.5, 'total': 4.5}
    >>> reference_scores([None, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4, 4])["task"]
    4.666666666666667
    """
    values = [np.nan if v is None else v for v in responses]
    spec = instrument_handle(instrument_id)
    frame = pd.DataFrame([values], columns=[f"i{k}" for k in range(1, spec.n_items + 1)])
    scored = instruments.score(instrument_id, frame).iloc[0]
    names = [s.name for s in spec.scoring.scales if s.key == "sourced"]
    order = [n for n in SCALES if n in names] + [n for n in names if n not in SCALES]
    return {name: float(scored[name]) for name in order}


def verdict(responses: Sequence[object]) -> str:
    """What the course's missing-item rule does with one WAI-SR form, by the library.

    >>> verdict([4] * 12), verdict([None, None] + [4] * 10), verdict([6] + [4] * 11)
    ('all_scored', 'subscale_empty', 'error')
    >>> verdict([None, 4, None, None] + [4] * 8)
    'total_empty'
    """
    try:
        scores = reference_scores(responses)
    except ValueError:
        return "error"
    if any(math.isnan(scores[s]) for s in WAI_KEY):
        return "subscale_empty"
    return "total_empty" if math.isnan(scores["total"]) else "all_scored"


def _why_verdict(values: list, label: str) -> str:
    blanks = {s: sum(values[k - 1] is None for k in items) for s, items in WAI_KEY.items()}
    n_blank = sum(blanks.values())
    where = ", ".join(f"{n} in {s}" for s, n in blanks.items() if n) or "none"
    if label == "error":
        return (
            "one answer is not a whole number from 1 to 5 (the scale's only answers): it is a "
            "data-entry error, so the form goes back to be checked and nothing is scored."
        )
    if label == "subscale_empty":
        return (
            f"blanks: {where}. A subscale needs at least 3 of its 4 items, so that subscale is "
            "left empty; the total, with 10 of 12 answered, is still the mean of the answered items."
        )
    if label == "total_empty":
        return (
            f"blanks: {where} ({n_blank} in all). Each subscale still has 3 of 4 items, but the "
            "total needs at least 10 of 12, so the total is left empty."
        )
    return (
        f"blanks: {where}. No subscale misses more than one item and the total has at least 10 "
        "of 12, so every score is given, as the mean of the answered items (never a blank as 0)."
    )


def _as_lists(forms: pd.DataFrame) -> dict[str, list]:
    return {
        label: [None if pd.isna(v) else float(v) for v in row]
        for label, row in zip(forms.index, forms[WAI_ITEMS].to_numpy().tolist(), strict=True)
    }


def form_verdicts(student_id: str) -> dict[str, str]:
    """The reference answer for exercise 4a: each form's verdict under the rule.

    >>> sorted(form_verdicts("trainee-01").values())
    ['all_scored', 'all_scored', 'error', 'subscale_empty', 'total_empty']
    """
    return {label: verdict(values) for label, values in _as_lists(edge_forms(student_id)).items()}


def form_rationales(student_id: str) -> dict[str, str]:
    """Why each form has its verdict, shown when a trainee mislabels it."""
    return {
        label: _why_verdict(values, verdict(values))
        for label, values in _as_lists(edge_forms(student_id)).items()
    }


FORM_CONCEPT = (
    "The course's rule: a subscale needs at least 3 of its 4 items, the total at least 10 of "
    "12, each score is the mean of the answered items, and an answer that is not a whole "
    "number from 1 to 5 is an error, never scored."
)

# ------------------------------------------------------------------ exercise 4b


def colleague_slips(student_id: str) -> dict[str, str]:
    """The reference answer for exercise 4b: what each of the colleague's totals shows.

    Each form is rescored with the library from the caseload's forms; the colleague's
    total is set beside it: the library leaves the total empty -> ``too_few_items``;
    the colleague's total is the sum of the answered items over 12 -> ``blank_as_zero``;
    it equals the library's -> ``correct``.

    >>> sorted(set(colleague_slips("trainee-01").values()))
    ['blank_as_zero', 'correct', 'too_few_items']
    """
    table = colleague_totals(student_id)
    slips = {}
    for label, row in table.iterrows():
        values = [None if pd.isna(row[i]) else float(row[i]) for i in WAI_ITEMS]
        library = reference_scores(values)["total"]
        answered = [v for v in values if v is not None]
        if math.isnan(library):
            slips[label] = "too_few_items"
        elif abs(row["colleague_total"] - library) < 0.006:
            slips[label] = "correct"
        elif abs(row["colleague_total"] - sum(answered) / 12) < 0.006:
            slips[label] = "blank_as_zero"
        else:  # pragma: no cover - colleague_totals makes only the three kinds
            raise ValueError(f"{label}: a colleague's total of an unknown kind")
    return slips


SLIP_WHY = {
    "correct": (
        "the colleague's total equals the library's: with at most two blanks, the total is the "
        "mean of the answered items."
    ),
    "blank_as_zero": (
        "the colleague's total is lower than the library's on a form with blanks: the answered "
        "items were summed and divided by 12, which counts each blank as 0. Never count a "
        "blank as 0: divide by the number of answered items."
    ),
    "too_few_items": (
        "the library leaves this total empty: with three blanks fewer than 10 of 12 items are "
        "answered, so no total may be given, however reasonable the colleague's mean looks."
    ),
}
SLIP_CONCEPT = (
    "Set the colleague's total beside the library's: equal is correct; lower on a form with "
    "blanks means each blank was counted as 0; a number where the library gives none means "
    "a total was scored from too few items."
)


def slip_rationales(student_id: str) -> dict[str, str]:
    """Why, per form of exercise 4b."""
    return {label: SLIP_WHY[slip] for label, slip in colleague_slips(student_id).items()}
