"""Module 05 (reliability and change): the reference answers for one trainee.

:func:`reference` is the one entry point of the hidden tests; the helpers they
call live beside it, one file per part of the module:
:mod:`~answer_key.m05.scale` (exercises 1-3, and the fresh table of Exercise 1),
:mod:`~answer_key.m05.change` (5-9) and :mod:`~answer_key.m05.sudden_gains`
(10, with Exercise 5's value carried forward).
"""

from __future__ import annotations

from dataclasses import dataclass

from answer_key.m05.change import (
    change_labels,
    change_rationales,
    change_table,
    change_thresholds,
    criterion_c,
    exact_rc_points,
    is_reliable_drop,
    recovered_clients,
    safety_at_last_session,
)
from answer_key.m05.scale import alpha_by_hand, alpha_summary, ci_above, other_table, weakest_item
from answer_key.m05.sudden_gains import sudden_gain_pairs
from course.modules.m05 import (
    bond_items,
    caseload_for,
    intake_sd,
    item9_trajectories,
    phq9_trajectories,
    wai_at_session,
)


@dataclass(frozen=True)
class Reference:
    """What module 05's hidden tests expect of one trainee, named after the trainee's variables.

    ``change_rationales`` is not an answer but the per-client reason shown when a
    category in ``change_category`` is wrong.
    """

    wai_alpha: float
    alpha_of_other_table: float
    bond_alpha: dict[str, float]
    bond_ci_above_70: bool
    weakest_item: str
    alpha_without_weakest: float
    alpha_rises: bool
    sem: float
    s_diff: float
    rc_points: float
    four_point_drop_is_reliable: bool
    cutoff_c: float
    change_category: dict[str, str]
    change_rationales: dict[str, str]
    recovered: list[str]
    item9_at_last_session: list[str]
    sudden_gains_found: list[list]


def reference(student_id: str) -> Reference:
    """Module 05's expected answers for ``student_id``, computed afresh on each call.

    >>> ref = reference("trainee-01")
    >>> ref.weakest_item in [f"i{k}" for k in range(1, 13)], 0 < ref.sem < ref.s_diff < ref.rc_points
    (True, True)
    >>> set(ref.change_category.values()) <= {"reliable improvement", "no reliable change", "reliable deterioration"}
    True
    """
    caseload = caseload_for(student_id)
    wai3 = wai_at_session(caseload)
    phq = phq9_trajectories(caseload)
    sd = intake_sd(phq)
    thresholds = change_thresholds(sd)
    table = change_table(phq, sd)
    weakest = weakest_item(wai3)
    return Reference(
        wai_alpha=alpha_by_hand(wai3),
        alpha_of_other_table=alpha_by_hand(other_table(student_id)),
        bond_alpha=alpha_summary(wai3[bond_items()]),
        bond_ci_above_70=ci_above(wai3[bond_items()], 0.70),
        weakest_item=weakest["item"],
        alpha_without_weakest=weakest["alpha_without"],
        alpha_rises=weakest["alpha_rises"],
        sem=thresholds["sem"],
        s_diff=thresholds["s_diff"],
        rc_points=thresholds["rc_points"],
        four_point_drop_is_reliable=is_reliable_drop(4, sd),
        cutoff_c=criterion_c(phq),
        change_category=change_labels(table),
        change_rationales=change_rationales(table, thresholds["rc_points"]),
        recovered=recovered_clients(table),
        item9_at_last_session=safety_at_last_session(item9_trajectories(caseload)),
        sudden_gains_found=sudden_gain_pairs(phq, exact_rc_points(sd)),
    )


__all__ = ["Reference", "reference"]
