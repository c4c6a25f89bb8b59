"""Answer checks that coerce to plain values before comparing.

A trainee's answer is converted to plain Python values (``int``, ``float``,
``str``, ``bool``, ``None``, ``list``, ``dict``) by *exact* type, so an object
whose ``__eq__`` always returns True, or a subclass of ``int`` that lies, can
never pass a comparison.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from course.grading.exchange import NUMPY_SCALARS, NotPlainData


class CheckFailed(AssertionError):
    """A graded check failed; the message teaches what was missed.

    In a notebook the message is the whole output: IPython shows what
    ``_render_traceback_`` returns instead of a Python traceback, in the
    trainee's cell, in Validate and in the feedback.

    >>> CheckFailed("`total` is not right yet. Sum the four lines.")._render_traceback_()
    ['`total` is not right yet. Sum the four lines.']
    """

    def _render_traceback_(self) -> list[str]:
        return [str(self)]


_SCALARS = (bool, int, float, str, type(None))


def plain(value, name: str = "answer"):
    """Return ``value`` as plain Python data, or raise :class:`CheckFailed`.

    numpy scalars and arrays and pandas Series become Python numbers and lists;
    anything else that is not a built-in container or scalar is refused.

    >>> plain(np.int64(3))
    3
    >>> plain({"a": [np.float64(1.5), 2]})
    {'a': [1.5, 2]}
    >>> plain({"A": "task", "B": ...}, "component_labels")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `component_labels` still has a blank (...): replace the ... with your answer.
    >>> class Liar:
    ...     def __eq__(self, other):
    ...         return True
    >>> plain(Liar(), "total")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `total` must be plain data (a number, text, list or dict), not a Liar object.
    """
    if value is Ellipsis:
        raise CheckFailed(f"`{name}` still has a blank (...): replace the ... with your answer.")
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is NotPlainData:
        # Phase 2 of grading: the value could not leave the sandbox as data.
        raise CheckFailed(
            f"`{name}` must be plain data (a number, text, list or dict), not a {value.kind} object."
        )
    if kind in NUMPY_SCALARS:
        return value.item()
    if kind in (list, tuple):
        return [plain(item, name) for item in value]
    if kind is dict:
        return {plain(k, name): plain(v, name) for k, v in value.items()}
    if kind is np.ndarray:
        return [plain(item, name) for item in value.tolist()]
    if kind.__module__.startswith("pandas") and kind.__name__ == "Series":
        return [plain(item, name) for item in value.tolist()]
    raise CheckFailed(
        f"`{name}` must be plain data (a number, text, list or dict), not a {kind.__name__} object."
    )


def expect(condition, message: str) -> None:
    """Check a condition and teach with ``message`` when it fails, never with a traceback.

    Test cells use this instead of ``assert``: a failing ``assert`` shows the message
    under a Python traceback, while :class:`CheckFailed` shows only the message.
    ``condition`` may be a function of no arguments; an error raised while it runs
    (a string compared with a number, say) fails the check with the same message
    instead of surfacing as a traceback.

    >>> expect(lambda: all(1 <= s <= 8 for s in [2, 5]), "Use session numbers 1 to 8.")
    >>> expect(lambda: all(1 <= s <= 8 for s in ["2"]), "Use session numbers 1 to 8.")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: Use session numbers 1 to 8.
    """
    if callable(condition):
        try:
            condition = condition()
        except Exception:  # the trainee's value broke the check: teach, do not trace back
            condition = False
    if condition is not True and not (type(condition) is np.bool_ and bool(condition)):
        raise CheckFailed(message)


def expect_type(value, kind: type | tuple[type, ...], name: str, hint: str = "") -> None:
    """Visible-test check: ``value`` (after :func:`plain`) is of ``kind``.

    >>> expect_type(3, int, "n_sessions")
    >>> expect_type("3", int, "n_sessions", "Count the sessions.")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `n_sessions` should be a int, but it is a str. Count the sessions.
    """
    value = plain(value, name)
    kinds = kind if isinstance(kind, tuple) else (kind,)
    ok = any(type(value) is k or (k is float and type(value) is int) for k in kinds)
    if not ok:
        wanted = " or ".join(k.__name__ for k in kinds)
        raise CheckFailed(
            f"`{name}` should be a {wanted}, but it is a {type(value).__name__}. {hint}".strip()
        )


def checked_number(
    value, name: str, low: float | None = None, high: float | None = None
) -> float | int:
    """``value`` as a plain finite number within ``[low, high]``, or :class:`CheckFailed`.

    For code that needs the number; in a test cell use :func:`expect_number`.

    >>> checked_number(12.5, "total", 0, 40)
    12.5
    >>> checked_number(55, "total", 0, 40)
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `total` is 55, outside the possible range 0 to 40: check which scale you are scoring.
    """
    value = plain(value, name)
    if type(value) is bool or not isinstance(value, numbers.Real):
        raise CheckFailed(f"`{name}` should be a number, but it is a {type(value).__name__}.")
    if not math.isfinite(value):
        raise CheckFailed(f"`{name}` is {value}: a score must be a finite number.")
    if (low is not None and value < low) or (high is not None and value > high):
        raise CheckFailed(
            f"`{name}` is {value}, outside the possible range {low} to {high}: "
            "check which scale you are scoring."
        )
    return value


def expect_number(value, name: str, low: float | None = None, high: float | None = None) -> None:
    """Visible-test check: a finite number, within ``[low, high]`` when given.

    Returns nothing, like every ``expect_*`` check: a test cell that ended with a
    check returning the number would show it, and nbgrader reads a number shown by
    a test cell as partial credit.

    >>> expect_number(12.5, "total", 0, 40)
    """
    checked_number(value, name, low, high)


def usable_number(value) -> float | None:
    """``value`` as a float when :func:`expect_number` would accept it, else None.

    For hidden tests that mark with a trainee's earlier answer (error carried
    forward) and fall back to the right value when that answer is unusable.

    >>> usable_number(np.float64(2.5)), usable_number(True), usable_number(float("nan"))
    (2.5, None, None)
    """
    try:
        return float(checked_number(value, "value"))
    except CheckFailed:
        return None


def expect_equal(value, expected, name: str, concept: str) -> None:
    """Hidden-test check: exact equality of plain values; the message teaches ``concept``.

    >>> expect_equal([2, 5], [2, 5], "sessions", "At or below the cutoff.")
    >>> expect_equal([2], [2, 5], "sessions", "The SRS cutoff includes 36 itself.")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `sessions` is not right yet. The SRS cutoff includes 36 itself.
    """
    if plain(value, name) != plain(expected, "expected"):
        raise CheckFailed(f"`{name}` is not right yet. {concept}")


def expect_close(value, expected: float, name: str, concept: str, tol: float = 0.01) -> None:
    """Hidden-test check: a number within ``tol`` of ``expected``.

    >>> expect_close(27.3, 27.30001, "total", "Sum the four lines.")
    >>> expect_close(6.8, 27.3, "total", "The SRS total is the sum of the four lines, not their mean.")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `total` is not right yet. The SRS total is the sum of the four lines, not their mean.
    """
    number = checked_number(value, name)
    if not abs(number - float(expected)) <= tol:
        raise CheckFailed(f"`{name}` is not right yet. {concept}")


def expect_same_items(value, expected, name: str, concept: str) -> None:
    """Hidden-test check: the same items in any order (duplicates count).

    >>> expect_same_items([5, 2], [2, 5], "sessions", "Include every session.")
    """
    got = plain(value, name)
    if type(got) is not list:
        raise CheckFailed(f"`{name}` should be a list.")
    if sorted(map(repr, got)) != sorted(map(repr, plain(expected, "expected"))):
        raise CheckFailed(f"`{name}` is not right yet. {concept}")


def expect_choice(value, choices, name: str) -> None:
    """Visible-test check: text that is one of ``choices``.

    >>> expect_choice("bond", ["goal", "task", "bond"], "weakest")
    >>> expect_choice("trust", ["goal", "task", "bond"], "weakest")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `weakest` is 'trust'; it must be one of: goal, task, bond.
    """
    value = plain(value, name)
    if type(value) is not str or value not in choices:
        raise CheckFailed(
            f"`{name}` is {value!r}; it must be one of: {', '.join(map(str, choices))}."
        )


def expect_keys(value, keys, name: str) -> None:
    """Visible-test check: a dict whose keys are exactly ``keys``.

    >>> expect_keys({"a": 1, "b": 2}, ["a", "b"], "labels")
    >>> expect_keys({"a": 1}, ["a", "b"], "labels")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `labels` is missing key(s) b. Give one entry per item shown.
    """
    value = plain(value, name)
    if type(value) is not dict:
        raise CheckFailed(f"`{name}` should be a dict, but it is a {type(value).__name__}.")
    missing = [k for k in keys if k not in value]
    extra = [k for k in value if k not in set(keys)]
    if missing:
        raise CheckFailed(
            f"`{name}` is missing key(s) {', '.join(map(str, missing))}. Give one entry per item shown."
        )
    if extra:
        raise CheckFailed(f"`{name}` has unexpected key(s) {', '.join(map(str, extra))}.")


def expect_labels(value, answer_key: dict, name: str, rationales: dict | None = None) -> None:
    """Hidden-test check: every item labelled as in ``answer_key``.

    The message names up to three mislabelled items with the rationale that
    explains each, so the trainee learns why.

    >>> key = {"v1": "goal", "v2": "bond"}
    >>> expect_labels({"v1": "goal", "v2": "bond"}, key, "labels")
    >>> expect_labels({"v1": "task", "v2": "bond"}, key, "labels", {"v1": "They disagree on what to work on."})
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `labels`: 1 of 2 not right yet. v1: you said 'task'; They disagree on what to work on.
    """
    got = plain(value, name)
    if type(got) is not dict:
        raise CheckFailed(f"`{name}` should be a dict, but it is a {type(got).__name__}.")
    wrong = [k for k, want in answer_key.items() if got.get(k) != want]
    if wrong:
        rationales = rationales or {}
        notes = [
            f"{k}: you said {got.get(k)!r}; {rationales.get(k, '')}".strip() for k in wrong[:3]
        ]
        raise CheckFailed(
            f"`{name}`: {len(wrong)} of {len(answer_key)} not right yet. " + " ".join(notes)
        )
