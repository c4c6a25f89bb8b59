"""Module 03 (the client's perspective): the reference answers for one trainee.

:func:`reference` is the one entry point of the hidden tests; the teaching
checks they call live beside it, one file per part of the module:
:mod:`~answer_key.m03.labels` (exercises 1-3), :mod:`~answer_key.m03.choices`
(4 and 10), :mod:`~answer_key.m03.self_check` (5) and
:mod:`~answer_key.m03.caseload` (6-9: the difference, its interval, and the readings).
"""

from __future__ import annotations

from dataclasses import dataclass

from answer_key.m03.caseload import interval_readings, reading_key, reference_estimate
from answer_key.m03.choices import correct_letter
from answer_key.m03.labels import exercise_key
from answer_key.m03.self_check import self_check_key
from course.grading.memo import per_notebook


@dataclass(frozen=True)
class Reference:
    """What module 03's hidden tests expect of one trainee, named after the trainee's variables."""

    quality_labels: dict[str, str]
    theme_labels: dict[str, str]
    match_labels: dict[str, str]
    closeness_answer: str
    first_to_raise: dict[str, str]
    ethnic_difference: float
    ethnic_ci: list[float]
    interval_readings: dict[str, str]
    ethnic_reading: str
    cabral_answer: str


@per_notebook
def reference(student_id: str) -> Reference:
    """Module 03's expected answers for ``student_id``, computed once per graded notebook (course.grading.memo).

    >>> ref = reference("trainee-01")
    >>> list(ref.theme_labels)[:2], ref.ethnic_ci[0] < ref.ethnic_difference < ref.ethnic_ci[1]
    (['T1', 'T2'], True)
    >>> ref.ethnic_reading in {"B", "C", "E"}, ref.closeness_answer in "ABCD"
    (True, True)
    """
    ethnic = reference_estimate(student_id, "ethnicity_match")
    return Reference(
        quality_labels=exercise_key("quality"),
        theme_labels=exercise_key("theme"),
        match_labels=exercise_key("match_dimension"),
        closeness_answer=correct_letter(student_id, "closeness"),
        first_to_raise=self_check_key(student_id),
        ethnic_difference=ethnic.difference,
        ethnic_ci=[ethnic.ci_low, ethnic.ci_high],
        interval_readings=interval_readings(student_id),
        ethnic_reading=reading_key(ethnic.ci_low, ethnic.ci_high),
        cabral_answer=correct_letter(student_id, "cabral"),
    )


__all__ = ["Reference", "reference"]
