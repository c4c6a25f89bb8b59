"""Typed-number boxes that say when a value is out of range instead of changing it.

ipywidgets' ``BoundedFloatText`` clamps a typed 12 to its maximum of 10 without a
word, so a trainee sees a total computed from a number they never typed. These
helpers use a plain ``FloatText`` and let the widget refuse to compute, with a
sentence saying why.
"""

from __future__ import annotations

import ipywidgets as widgets


def _number(value: float) -> str:
    """A number as a trainee would type it: 12, 9.5 (no trailing .0)."""
    return f"{float(value):g}"


def range_problem(value: float | None, low: float, high: float, rule: str) -> str | None:
    """``None`` when ``value`` lies in ``low``..``high``; otherwise a sentence naming the rule.

    >>> range_problem(9.5, 0, 10, "each SRS line is marked 0 to 10") is None
    True
    >>> range_problem(12, 0, 10, "each SRS line is marked 0 to 10")
    '12 is outside 0-10: each SRS line is marked 0 to 10.'
    """
    if value is None or low <= value <= high:
        return None
    return f"{_number(value)} is outside {_number(low)}-{_number(high)}: {rule}."


def number_box(
    value: float, step: float, description: str, style: dict, layout: widgets.Layout
) -> widgets.FloatText:
    """An unbounded number box: range checks belong to the widget that reads it.

    >>> number_box(9.5, 0.1, "Line", {}, widgets.Layout()).value
    9.5
    """
    return widgets.FloatText(
        value=value, step=step, description=description, style=style, layout=layout
    )
