"""Module 03, exercises 6-9: the matched-minus-unmatched differences in early alliance,
their Welch 95% confidence intervals (computed here independently of the trainee's
``course.modules.m03.interval_parts``), the readings of the intervals, and diagnoses of
common mistakes (a reversed sign, an SD for the SE, 1.96 or 2 for t, the pooled interval).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import stdtrit

from course.grading import CheckFailed, checked_number, expect_close, expect_labels, plain
from course.modules.m03.caseload import caseload_clients


@dataclass(frozen=True)
class MatchEstimate:
    """Early-alliance difference (matched minus not matched) with a Welch confidence interval."""

    difference: float
    ci_low: float
    ci_high: float
    se: float
    df: float
    n_matched: int
    n_unmatched: int


def welch_interval(matched, unmatched, level: float = 0.95) -> MatchEstimate:
    """Difference in means (matched minus unmatched) with Welch's t confidence interval.

    SE = sqrt(s1²/n1 + s2²/n2); df by Welch-Satterthwaite; interval =
    difference ± t(1 - (1 - level)/2, df) · SE, with sample SDs (n - 1).

    >>> est = welch_interval([4.0, 4.5, 5.0, 4.5], [3.5, 4.0, 3.0, 4.5, 4.0])
    >>> round(est.difference, 3), round(est.ci_low, 3), round(est.ci_high, 3)
    (0.7, -0.073, 1.473)
    """
    a = np.asarray(matched, dtype=float)
    b = np.asarray(unmatched, dtype=float)
    if a.size < 2 or b.size < 2:
        raise ValueError("each group needs at least two clients for a confidence interval")
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    se = math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1))
    t = float(stdtrit(df, 1 - (1 - level) / 2))  # the t quantile, as scipy.stats.t.ppf
    diff = float(a.mean() - b.mean())
    return MatchEstimate(diff, diff - t * se, diff + t * se, se, df, int(a.size), int(b.size))


def match_estimate(
    clients: pd.DataFrame, column: str, outcome: str = "early_alliance"
) -> MatchEstimate:
    """:func:`welch_interval` of ``outcome`` where ``column`` is True versus False.

    >>> clients = caseload_clients("trainee-01")
    >>> est = match_estimate(clients, "ethnicity_match")
    >>> est.ci_low < est.difference < est.ci_high, est.n_matched + est.n_unmatched
    (True, 60)
    """
    flag = clients[column].astype(bool)
    return welch_interval(clients.loc[flag, outcome], clients.loc[~flag, outcome])


def reference_estimate(student_id: str, column: str) -> MatchEstimate:
    """The reference estimate for the trainee's own caseload (read afresh on each call)."""
    return match_estimate(caseload_clients(student_id), column)


READING_WHY = {
    "A": "A difference between groups that were not randomised cannot show cause, and one "
    "caseload's average does not justify a rule for every client.",
    "B": "Check your interval: it does not lie entirely above zero.",
    "C": "Check your interval: it does not include zero.",
    "D": "An interval that includes zero means the data cannot rule out no difference; it is "
    "not evidence that there is none (absence of evidence is not evidence of absence).",
    "E": "Check your interval: it does not lie entirely below zero.",
}


def reading_key(ci_low: float, ci_high: float) -> str:
    """The option that reads this interval without over-claiming.

    >>> reading_key(0.05, 0.6), reading_key(-0.2, 0.4), reading_key(-0.6, -0.1)
    ('B', 'C', 'E')
    """
    if ci_low > 0:
        return "B"
    if ci_high < 0:
        return "E"
    return "C"


# Exercise 8: the label for each way an interval can lie, by the reading option it matches.
READING_LABEL = {"B": "higher_when_matched", "C": "cannot_tell", "E": "higher_when_unmatched"}
READING_COLUMNS = ("gender_match", "religion_match")


def interval_readings(student_id: str) -> dict[str, str]:
    """The reading of the trainee's own gender- and religion-match intervals (exercise 8).

    >>> set(interval_readings("trainee-01").values()) <= set(READING_LABEL.values())
    True
    """
    readings = {}
    for column in READING_COLUMNS:
        est = reference_estimate(student_id, column)
        readings[column] = READING_LABEL[reading_key(est.ci_low, est.ci_high)]
    return readings


def _why_label(got, low: float, high: float) -> str:
    span = f"the interval runs from {low:.3f} to {high:.3f}"
    if got == "no_difference":
        return (
            f"{span}. An interval never shows there is no difference: one that includes "
            "zero means the data cannot rule out no difference, which is not evidence that "
            "there is none (absence of evidence is not evidence of absence)."
        )
    if low <= 0 <= high:
        return (
            f"{span}, so it includes zero: this caseload cannot tell which group rates the "
            "alliance higher, whatever the sign of the difference itself."
        )
    side = "above" if low > 0 else "below"
    group = "matched" if low > 0 else "unmatched"
    return (
        f"{span}, entirely {side} zero: in this caseload the {group} clients rated the early "
        "alliance higher on average (an association, not a cause)."
    )


def check_interval_readings(value, expected: dict[str, str], student_id: str, name: str) -> None:
    """Hidden-test check of exercise 8, with the trainee's own interval in each message.

    >>> key = interval_readings("trainee-01")
    >>> check_interval_readings(key, key, "trainee-01", "interval_readings")
    >>> check_interval_readings({k: "no_difference" for k in key}, key, "trainee-01", "r")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `r`: 2 of 2 not right yet. gender_match: you said 'no_difference'; the interval runs ...
    """
    got = plain(value, name)
    accepted, rationales = dict(expected), {}
    for column in expected:
        est = reference_estimate(student_id, column)
        said = got.get(column) if type(got) is dict else None
        rationales[column] = _why_label(said, est.ci_low, est.ci_high)
        # A bound that shows as 0.000 in the table may be read as touching zero.
        near_zero = min(abs(est.ci_low), abs(est.ci_high)) < 0.0005
        if near_zero and said in (expected[column], "cannot_tell"):
            accepted[column] = said
    expect_labels(got, accepted, name, rationales)


def check_reading(value, expected: str, name: str = "ethnic_reading") -> None:
    """Hidden-test check of the interpretation item against the trainee's own interval.

    >>> check_reading("C", "C")
    >>> check_reading("D", "C")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `ethnic_reading` is not right yet. An interval ...
    """
    got = plain(value, name)
    if got != expected:
        why = READING_WHY.get(got, "") if isinstance(got, str) else ""
        raise CheckFailed(
            f"`{name}` is not right yet. {why} Read the interval first (above zero, below "
            "zero, or across zero), then say only what it supports: an association in this "
            "caseload, never a cause."
        )


def diagnose_difference(value, clients: pd.DataFrame, column: str, name: str) -> str:
    """A teaching message for a wrong difference, naming the likely slip."""
    est = match_estimate(clients, column)
    number = plain(value, name)
    if isinstance(number, (int, float)) and abs(number + est.difference) <= 0.005:
        return (
            "The sign is reversed: the difference is the matched clients' mean minus the "
            "unmatched clients' mean (True minus False)."
        )
    return (
        "The difference is the mean early_alliance of matched clients (True) minus the mean of "
        "unmatched clients (False), each mean taken over clients, not over sessions."
    )


def diagnose_interval(bounds, clients: pd.DataFrame, column: str, name: str) -> str:
    """A teaching message for a wrong interval, naming the likely slip."""
    est = match_estimate(clients, column)
    low, high = (float(b) for b in bounds)
    width, wanted = high - low, est.ci_high - est.ci_low
    flag = clients[column].astype(bool)
    values = clients["early_alliance"]
    if abs(low + est.ci_high) <= 0.01 and abs(high + est.ci_low) <= 0.01:
        return "The interval has the wrong sign: compute it for matched minus unmatched."
    n1, n0 = int(flag.sum()), int((~flag).sum())
    t = float(stdtrit(est.df, 0.975))
    sds = [float(values[flag].std()), float(values[~flag].std())]
    if width > 3 * wanted or any(abs(width / 2 - m * sd) <= 0.002 for sd in sds for m in (t, 2)):
        return (
            "The interval is far too wide: use the standard error of the difference "
            '(ethnic_parts["se"]), not a standard deviation. An SD describes how single '
            "clients vary; the SE says how much the difference itself would vary."
        )
    if abs(width / 2 - est.se) <= 0.002:
        return (
            "Too narrow: multiply the standard error by the t value (the interval is "
            "difference ± t × SE), not by 1."
        )
    for multiplier in (1.959963984540054, 1.96, 2.0):
        if abs(width / 2 - multiplier * est.se) <= 0.002:
            return (
                "Close: with about 30 clients per group use the t value for Welch's degrees of "
                f'freedom (ethnic_parts["t"], here {t:.3f}), not {multiplier:.2f}.'
            )
    pooled_var = ((n1 - 1) * values[flag].var() + (n0 - 1) * values[~flag].var()) / (n1 + n0 - 2)
    pooled_half = float(stdtrit(n1 + n0 - 2, 0.975)) * math.sqrt(pooled_var * (1 / n1 + 1 / n0))
    pooled_low, pooled_high = est.difference - pooled_half, est.difference + pooled_half
    if abs(low - pooled_low) <= 0.002 and abs(high - pooled_high) <= 0.002:
        return (
            "Close: this is the pooled-variance interval; the exercise asks for Welch's "
            "interval, which does not assume the two groups have equal variances."
        )
    return (
        "A 95% CI for a difference in means is difference ± t × SE: the lower bound is the "
        "difference minus t times the standard error, the upper bound the difference plus it."
    )


DIFFERENCE_TOLERANCE = 0.005
CI_TOLERANCE = 0.003


def check_difference(value, expected: float, student_id: str, column: str, name: str) -> None:
    """Hidden-test check of a mean difference (``expected``) for the trainee's own caseload."""
    clients = caseload_clients(student_id)
    expect_close(
        value,
        expected,
        name,
        diagnose_difference(value, clients, column, name),
        tol=DIFFERENCE_TOLERANCE,
    )


def check_interval(value, expected, student_id: str, column: str, name: str) -> None:
    """Hidden-test check of ``[ci_low, ci_high]`` against ``expected`` for the trainee's caseload."""
    clients = caseload_clients(student_id)
    bounds = plain(value, name)
    if type(bounds) is not list or len(bounds) != 2:
        raise CheckFailed(f"`{name}` should be a list of two numbers: [lower, upper].")
    bounds = [checked_number(b, name) for b in bounds]
    low, high = (float(b) for b in expected)
    # Three decimals are enough; 1.96 instead of t moves a bound by about 0.007.
    ok = abs(bounds[0] - low) <= CI_TOLERANCE and abs(bounds[1] - high) <= CI_TOLERANCE
    if not ok:
        raise CheckFailed(
            f"`{name}` is not right yet. {diagnose_interval(bounds, clients, column, name)}"
        )
