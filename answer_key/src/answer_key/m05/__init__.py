"""Module 05 (reliability and change): the reference answers for one trainee.

:func:`reference` is the one entry point of the hidden tests; the helpers they
call live beside it, one file per part of the module:
:mod:`~answer_key.m05.scale` (exercises 1-3), :mod:`~answer_key.m05.change` (5-9) and
:mod:`~answer_key.m05.sudden_gains` (10, with Exercise 5's value carried forward, and 11).
"""

from __future__ import annotations

from dataclasses import dataclass

from answer_key.m05.change import (
    CLINIC_CRITERIA,
    CLINIC_WHY,
    change_thresholds,
    criterion_c,
    exact_rc_points,
    is_reliable_drop,
    safety_at_last_session,
    six_outcomes,
)
from answer_key.m05.scale import (
    alpha_by_hand,
    alpha_readings,
    alpha_rises,
    shown_alphas,
    weakest_items,
)
from answer_key.m05.sudden_gains import DIP_WHY, dip_check, sudden_gain_pairs
from course.grading.memo import per_notebook
from course.modules.m05 import (
    caseload_for,
    intake_sd,
    item9_trajectories,
    phq9_trajectories,
    wai_at_session,
)


@dataclass(frozen=True)
class Reference:
    """What module 05's hidden tests expect of one trainee, named after the trainee's variables.

    The ``*_why`` fields are not answers but the per-entry reasons shown when an entry
    of the dict of the same name is wrong; ``weakest_items`` lists every item tied at
    the lowest shown correlation (``weakest_item`` is the first).
    """

    wai_alpha: float
    alpha_readings: dict[str, str]
    alpha_readings_why: dict[str, str]
    weakest_item: str
    weakest_items: list[str]
    alpha_rises: bool
    sem: float
    s_diff: float
    rc_points: float
    four_point_drop_is_reliable: bool
    cutoff_c: float
    clinic_criteria: dict[str, str]
    clinic_criteria_why: dict[str, str]
    outcomes: dict[str, str]
    outcomes_why: dict[str, str]
    item9_at_last_session: list[str]
    sudden_gains_found: list[list]
    dip_check: dict[str, bool]
    dip_check_why: dict[str, str]


@per_notebook
def reference(student_id: str) -> Reference:
    """Module 05's expected answers for ``student_id``, computed once per graded notebook (course.grading.memo).

    >>> ref = reference("trainee-01")
    >>> ref.weakest_item in [f"i{k}" for k in range(1, 13)], 0 < ref.sem < ref.s_diff < ref.rc_points
    (True, True)
    >>> set(ref.outcomes.values()) <= {"recovered", "improved", "unchanged", "deteriorated"}
    True
    """
    caseload = caseload_for(student_id)
    wai3 = wai_at_session(caseload)
    phq = phq9_trajectories(caseload)
    sd = intake_sd(phq)
    thresholds = change_thresholds(sd)
    alphas = shown_alphas(wai3)
    readings, readings_why = alpha_readings(alphas)
    outcomes, outcomes_why = six_outcomes(phq, sd)
    weakest = weakest_items(wai3)
    return Reference(
        wai_alpha=alpha_by_hand(wai3),
        alpha_readings=readings,
        alpha_readings_why=readings_why,
        weakest_item=weakest[0],
        weakest_items=weakest,
        alpha_rises=alpha_rises(wai3, float(alphas.loc["all_items", "alpha"])),
        sem=thresholds["sem"],
        s_diff=thresholds["s_diff"],
        rc_points=thresholds["rc_points"],
        four_point_drop_is_reliable=is_reliable_drop(4, sd),
        cutoff_c=criterion_c(phq),
        clinic_criteria=dict(CLINIC_CRITERIA),
        clinic_criteria_why=dict(CLINIC_WHY),
        outcomes=outcomes,
        outcomes_why=outcomes_why,
        item9_at_last_session=safety_at_last_session(item9_trajectories(caseload)),
        sudden_gains_found=sudden_gain_pairs(phq, exact_rc_points(sd)),
        dip_check=dip_check(exact_rc_points(sd)),
        dip_check_why=dict(DIP_WHY),
    )


__all__ = ["Reference", "reference"]
