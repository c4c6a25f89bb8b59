"""Module 07 (ruptures, repair and monitoring): the reference answers for one trainee.

:func:`reference` is the one entry point of the hidden tests; the teaching
checks they call live beside it, one file per part of the module:
:mod:`~answer_key.m07.labels` (exercises 1 and 2, and the label check of 5 and 9),
:mod:`~answer_key.m07.rule` (3 and 4), :mod:`~answer_key.m07.caseload` (5, 7 and 9)
and :mod:`~answer_key.m07.readings` (the readings of 6 and 8, the safety responses of 11).
"""

from __future__ import annotations

from dataclasses import dataclass

from answer_key.m07.caseload import (
    REPAIR_R_CONCEPT,
    TRIAGE_CONCEPT,
    expected_trajectory_labels,
    expected_triage,
    repair_outcome_correlation,
    repair_r_feedback,
    triage_rationale,
)
from answer_key.m07.labels import (
    MARKER_CONCEPT,
    REPAIR_ATTEMPT_CONCEPT,
    check_labels,
    check_vignette_labels,
    exercise_key,
)
from answer_key.m07.readings import (
    ADVANTAGE_CONCEPT,
    ADVANTAGE_WHY,
    REPAIR_R_CONCEPT_READING,
    REPAIR_R_LETTER,
    REPAIR_R_WHY,
    SAFETY_CONCEPT,
    SAFETY_KEY,
    SAFETY_WHY,
    advantage_letter,
    check_reading,
)
from answer_key.m07.rule import (
    REPAIR_CONCEPT,
    RUPTURE_CONCEPT,
    flag_repairs,
    flag_ruptures,
    repair_feedback,
    rupture_feedback,
)
from course.grading.memo import per_notebook
from course.modules.m07.case import choose_case_client
from course.modules.m07.data import client_record, trainee_caseload

TRAJECTORY_CONCEPT = (
    "Stable stays near its early level; linear growth climbs steadily; dip and recover "
    "starts well, falls mid-course and climbs back to or above the early level."
)


@dataclass(frozen=True)
class Reference:
    """What module 07's hidden tests expect of one trainee, named after the trainee's variables."""

    marker_labels: dict[str, str]
    repair_attempted: dict[str, bool]
    rupture_sessions: list[int]
    repaired_sessions: list[int]
    trajectory_labels: dict[str, str]
    advantage_reading: str
    repair_outcome_r: float
    repair_r_reading: str
    triage_labels: dict[str, str]
    safety_responses: dict[str, bool]


@per_notebook
def reference(student_id: str) -> Reference:
    """Module 07's expected answers for ``student_id``, computed once per graded notebook (course.grading.memo).

    The caseload is rebuilt from the trainee's seed, so nothing an answer cell
    did to the notebook's tables can change a value here.

    >>> ref = reference("trainee-01")
    >>> list(ref.marker_labels)[:2], set(ref.repaired_sessions) <= set(ref.rupture_sessions)
    (['V1', 'V2'], True)
    >>> sorted(ref.trajectory_labels.values()), -1 <= ref.repair_outcome_r <= 1
    (['dip_and_recover', 'linear_growth', 'stable'], True)
    >>> ref.advantage_reading in ("A", "B"), ref.repair_r_reading, list(ref.triage_labels)[0]
    (True, 'B', 'P1')
    """
    caseload = trainee_caseload(student_id)
    record = client_record(caseload, choose_case_client(caseload, student_id))
    return Reference(
        marker_labels=exercise_key("rupture"),
        repair_attempted=exercise_key("repair"),
        rupture_sessions=flag_ruptures(record),
        repaired_sessions=flag_repairs(record),
        trajectory_labels=expected_trajectory_labels(student_id),
        advantage_reading=advantage_letter(student_id),
        repair_outcome_r=repair_outcome_correlation(caseload),
        repair_r_reading=REPAIR_R_LETTER,
        triage_labels=expected_triage(student_id),
        safety_responses=dict(SAFETY_KEY),
    )


__all__ = [
    "Reference",
    "reference",
    "MARKER_CONCEPT",
    "REPAIR_ATTEMPT_CONCEPT",
    "RUPTURE_CONCEPT",
    "REPAIR_CONCEPT",
    "TRAJECTORY_CONCEPT",
    "ADVANTAGE_CONCEPT",
    "ADVANTAGE_WHY",
    "REPAIR_R_CONCEPT",
    "REPAIR_R_CONCEPT_READING",
    "REPAIR_R_WHY",
    "TRIAGE_CONCEPT",
    "SAFETY_CONCEPT",
    "SAFETY_WHY",
    "check_labels",
    "check_vignette_labels",
    "check_reading",
    "rupture_feedback",
    "repair_feedback",
    "repair_r_feedback",
    "triage_rationale",
]
