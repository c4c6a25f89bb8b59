"""Module 04's key for exercise 4 (``score_wai_sr``): the calls tried and the check.

:func:`reference_scores` scores a form with the course library; :class:`Case`
describes one call of a trainee's function with its expected result and the
lesson shown when it fails. Generic pieces that other modules could use
(:func:`check_function_cases`, :func:`reference_scores`) are written without
module-04 assumptions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

import course.instruments as instruments
from course.grading import CheckFailed, plain
from course.modules.m04.data import SCALES, WAI_KEY, _rng, rows_as_lists, wai_with_gaps
from course.modules.m04.shown import instrument_handle

# ---------------------------------------------------------------------------
# WAI-SR scored by hand
# ---------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Case:
    """One call of a trainee's function: the arguments, what should happen, and the lesson."""

    label: str
    responses: tuple
    expected: dict | None  # None: the call must raise ``raises``
    concept: str
    raises: type[BaseException] | None = None


_CONCEPTS = {
    "complete": (
        "With all twelve items answered, each subscale is the mean of its four items "
        "(Task 1, 2, 10, 12; Goal 4, 6, 8, 11; Bond 3, 5, 7, 9) and the total is the mean "
        "of all twelve. Check the item key and that you return means (1-5), not sums."
    ),
    "one_missing": (
        "With one item blank, score its subscale as the mean of the three answered items "
        "(never count a blank as 0), and the total as the mean of the 11 answered items, "
        "not as the mean of the three subscale means."
    ),
    "two_in_one_subscale": (
        "A subscale needs at least 3 of its 4 items: with two blanks in one subscale, that "
        "subscale is NaN (float('nan')), while the total, with 10 of 12 answered, is still "
        "the mean of the answered items."
    ),
    "three_missing": (
        "The total needs at least 10 of the 12 items: with three blanks it is NaN "
        "(float('nan')), even though each subscale missing only one item is still scored "
        "from its three answered items."
    ),
    "out_of_range": (
        "An answer outside the 1-5 scale (such as 0 or 6) is a data-entry error: raise "
        "ValueError instead of scoring, clipping or skipping it."
    ),
    "length": (
        "The WAI-SR has exactly 12 items: a list of any other length cannot be matched to the "
        "item key, so raise ValueError instead of scoring it."
    ),
    "not_whole": (
        "WAI-SR answers are whole numbers 1-5; a half point (3.5) usually means two boxes "
        "were ticked, so raise ValueError rather than score it."
    ),
}


def edge_cases(student_id: str) -> list[Case]:
    """The hidden edge cases for ``score_wai_sr``, with answers drawn from the trainee's seed.

    >>> [c.label for c in edge_cases("trainee-01")]
    ['complete', 'one_missing', 'two_in_one_subscale', 'three_missing', 'out_of_range', 'not_whole', 'eleven_answers']
    """
    rng = _rng(student_id, "wai-edge")

    def answers() -> list:
        return [int(v) for v in rng.choice([2, 3, 4, 4, 5, 5], size=12)]

    cases = []
    full = answers()
    cases.append(Case("complete", tuple(full), reference_scores(full), _CONCEPTS["complete"]))

    one = answers()
    one[int(rng.integers(12))] = None
    cases.append(Case("one_missing", tuple(one), reference_scores(one), _CONCEPTS["one_missing"]))

    two = answers()
    scale = list(WAI_KEY)[int(rng.integers(3))]
    for item in rng.choice(WAI_KEY[scale], size=2, replace=False):
        two[int(item) - 1] = None
    cases.append(
        Case(
            "two_in_one_subscale",
            tuple(two),
            reference_scores(two),
            _CONCEPTS["two_in_one_subscale"],
        )
    )

    three = answers()
    for items in WAI_KEY.values():
        three[int(rng.choice(items)) - 1] = None
    cases.append(
        Case("three_missing", tuple(three), reference_scores(three), _CONCEPTS["three_missing"])
    )

    bad = answers()
    bad[int(rng.integers(12))] = int(rng.choice([0, 6]))
    cases.append(Case("out_of_range", tuple(bad), None, _CONCEPTS["out_of_range"], ValueError))

    half = answers()
    half[int(rng.integers(12))] = 3.5
    cases.append(Case("not_whole", tuple(half), None, _CONCEPTS["not_whole"], ValueError))

    short = answers()[:11]
    cases.append(Case("eleven_answers", tuple(short), None, _CONCEPTS["length"], ValueError))
    return cases


def _same_number(got: object, want: float, tol: float) -> bool:
    if type(got) is bool or not isinstance(got, (int, float)):
        return False
    if math.isnan(want):
        return math.isnan(got)
    return not math.isnan(got) and abs(got - want) <= tol


def check_scores(got: object, expected: dict, name: str, concept: str, tol: float = 1e-6) -> None:
    """Raise :class:`CheckFailed` unless ``got`` has ``expected``'s keys and numbers (NaN = NaN).

    >>> check_scores({"total": float("nan")}, {"total": float("nan")}, "s", "NaN when unscored.")
    >>> check_scores({"total": 4.0}, {"total": float("nan")}, "s", "NaN when unscored.")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `s` is not right yet (total). NaN when unscored.
    """
    value = plain(got, name)
    if type(value) is not dict:
        raise CheckFailed(
            f"`{name}` should return a dict, but it returned a {type(value).__name__}."
        )
    missing = [k for k in expected if k not in value]
    if missing:
        raise CheckFailed(f"`{name}` is missing the key(s) {', '.join(missing)}. {concept}")
    wrong = [k for k, want in expected.items() if not _same_number(value[k], want, tol)]
    if wrong:
        raise CheckFailed(f"`{name}` is not right yet ({', '.join(wrong)}). {concept}")


def check_function_cases(function: Callable, cases: Sequence[Case], name: str) -> None:
    """Run ``function`` on every case; raise :class:`CheckFailed` at the first one that fails.

    Generic: any module can describe calls as :class:`Case` objects. An exception
    the case did not ask for is reported with the case's lesson, not as a crash.
    """
    if not callable(function):
        raise CheckFailed(f"`{name}` should be a function (def {name}(responses): ...).")
    for case in cases:
        shown = list(case.responses)
        if case.raises is not None:
            try:
                result = function(list(case.responses))
            except case.raises:
                continue
            except Exception as err:  # the wrong kind of error still teaches
                raise CheckFailed(
                    f"`{name}({shown})` raised {type(err).__name__}, not "
                    f"{case.raises.__name__}. {case.concept}"
                ) from None
            plain(result, name)  # refuse always-equal objects with a clear message
            raise CheckFailed(
                f"`{name}({shown})` returned a score instead of raising "
                f"{case.raises.__name__}. {case.concept}"
            )
        try:
            result = function(list(case.responses))
        except Exception as err:
            raise CheckFailed(
                f"`{name}({shown})` raised {type(err).__name__}: {err}. {case.concept}"
            ) from None
        check_scores(result, case.expected, f"{name}({shown})", case.concept)


def caseload_cases(student_id: str) -> list[Case]:
    """One :class:`Case` per form of :func:`wai_with_gaps`, expected values from the library."""
    frame = wai_with_gaps(student_id)
    scored = instruments.score("wai-sr", frame)
    cases = []
    for (_, row), answers in zip(scored.iterrows(), rows_as_lists(frame), strict=True):
        n_blank = int(row["n_missing"])
        concept = (
            f"Client {row['client_id']}, session {row['session']} ({n_blank} blank item(s)): "
            "compare with course.instruments.score('wai-sr', wai_gaps). Subscales need 3 of 4 "
            "answered items, the total 10 of 12, and each score is the mean of the answered items."
        )
        expected = {name: float(row[name]) for name in SCALES}
        cases.append(
            Case(f"{row['client_id']}-{row['session']}", tuple(answers), expected, concept)
        )
    return cases
