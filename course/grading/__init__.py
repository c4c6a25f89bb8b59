"""Checks used inside nbgrader test cells.

Visible tests call the ``expect_*_shape`` style checks (type and shape only, so
a trainee can validate without seeing the answer); hidden tests call
:func:`expect_equal`, :func:`expect_close` and friends with the value recomputed
from the trainee's own seed. Every failure message names the concept missed.
"""

from course.grading.checks import (
    CheckFailed,
    checked_number,
    expect,
    expect_choice,
    expect_close,
    expect_equal,
    expect_keys,
    expect_labels,
    expect_number,
    expect_same_items,
    expect_type,
    plain,
    usable_number,
)

__all__ = [
    "CheckFailed",
    "checked_number",
    "expect",
    "expect_choice",
    "expect_close",
    "expect_equal",
    "expect_keys",
    "expect_labels",
    "expect_number",
    "expect_same_items",
    "expect_type",
    "plain",
    "usable_number",
]
