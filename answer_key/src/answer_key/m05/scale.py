"""Module 05, exercises 1-3: Cronbach's alpha from its parts, what the alpha intervals let
a trainee say about .70, and the weakest item with whether deleting it raises alpha.

The keys of exercises 2 and 3 are read from the same rounded tables the trainee reads
(:func:`course.modules.m05.alpha_table`, :func:`course.modules.m05.item_table`), so a
value that only differs past the third decimal cannot make a right reading wrong.
"""

from __future__ import annotations

import pandas as pd

from course.grading import CheckFailed, plain
from course.modules.m05 import WAI_ITEMS, alpha_table, bond_items, item_table

THRESHOLD = 0.70


def alpha_by_hand(items) -> float:
    """Cronbach's alpha from its definition: k/(k-1) * (1 - sum of item variances / variance of totals).

    Sample variances (ddof = 1) throughout; rows with a missing answer are left out.

    >>> alpha_by_hand([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]])
    0.9649...
    """
    frame = pd.DataFrame(items).dropna()
    k = frame.shape[1]
    item_variances = frame.var(ddof=1).sum()
    total_variance = frame.sum(axis=1).var(ddof=1)
    return float(k / (k - 1) * (1 - item_variances / total_variance))


def shown_alphas(wai3: pd.DataFrame) -> pd.DataFrame:
    """The table Exercise 2 shows: all 12 items and the Bond subscale."""
    return alpha_table(wai3, {"all_items": WAI_ITEMS, "bond": bond_items()})


def reading(ci_low: float, ci_high: float, threshold: float = THRESHOLD) -> str:
    """What an interval lets you say about ``threshold``: the whole interval at or above
    it, across it, or below it.

    >>> reading(0.81, 0.92), reading(0.66, 0.84), reading(0.41, 0.69)
    ('above', 'cannot_tell', 'below')
    """
    if ci_low >= threshold:
        return "above"
    return "below" if ci_high < threshold else "cannot_tell"


def alpha_readings(alphas: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """Exercise 2's key (one reading per row of the shown table) and, per row, why.

    >>> table = pd.DataFrame({"alpha": [0.9, 0.78], "ci_low": [0.86, 0.67], "ci_high": [0.93, 0.86]},
    ...                      index=["all_items", "bond"])
    >>> alpha_readings(table)[0]
    {'all_items': 'above', 'bond': 'cannot_tell'}
    """
    key, why = {}, {}
    for name, row in alphas.iterrows():
        key[str(name)] = reading(row["ci_low"], row["ci_high"])
        why[str(name)] = (
            f"its interval runs from {row['ci_low']:.3f} to {row['ci_high']:.3f}. Read the "
            "interval, not the point estimate: 'above' only when even the lower bound is at "
            "least .70, 'below' only when even the upper bound is under .70, and "
            "'cannot_tell' when .70 lies inside the interval."
        )
    return key, why


def weakest_items(items: pd.DataFrame) -> list[str]:
    """The item(s) with the lowest corrected item-total r in the shown (rounded) table.

    >>> data = pd.DataFrame([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]], columns=["a", "b", "c"])
    >>> weakest_items(data)
    ['b']
    """
    r = item_table(items)["item_total_r"]
    return [str(i) for i in r.index[r == r.min()]]


def alpha_rises(items: pd.DataFrame, full_alpha: float) -> bool:
    """Whether deleting the weakest item raises alpha above ``full_alpha`` (shown values).

    >>> data = pd.DataFrame([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]], columns=["a", "b", "c"])
    >>> alpha_rises(data, 0.965)
    False
    """
    table = item_table(items)
    return bool(table.loc[weakest_items(items)[0], "alpha_if_deleted"] > full_alpha)


def check_weakest(value, tied: list[str], table: pd.DataFrame, name: str) -> None:
    """Hidden-test check of ``weakest_item``: an item at the lowest corrected item-total r
    (any of them if the shown values tie), with a message that names what was read.

    >>> table = pd.DataFrame({"item_total_r": [0.7, 0.4], "alpha_if_deleted": [0.8, 0.9]},
    ...                      index=["i1", "i2"])
    >>> check_weakest("i2", ["i2"], table, "weakest_item")
    >>> check_weakest("i1", ["i2"], table, "weakest_item")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `weakest_item` is not right yet. ...
    """
    got = plain(value, name)
    if got in tied:
        return
    shown = (
        f" You chose {got}, whose corrected item-total r is {table.loc[got, 'item_total_r']:.3f}."
        if isinstance(got, str) and got in table.index
        else ""
    )
    raise CheckFailed(
        f"`{name}` is not right yet. The weakest item is the one with the lowest corrected "
        "item-total correlation (the item that ranks clients least like the other eleven), "
        f"not the highest, and not the highest alpha-if-deleted.{shown}"
    )
